"pyflakes on the exported package: no undefined names, no unused imports (the notebooks are the source; fix them there)."
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_pyflakes_clean():
    files = sorted(str(p) for p in (ROOT / "lgtm575").glob("*.py") if p.name != "_modidx.py")
    r = subprocess.run([sys.executable, "-m", "pyflakes", *files], capture_output=True, text=True)
    assert r.returncode == 0, "pyflakes found:\n" + r.stdout + r.stderr
