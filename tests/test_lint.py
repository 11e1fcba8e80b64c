"pyflakes on the exported package (the notebooks are the source; fix them there), the tests, benchmarks and scripts; the size limits."
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_pyflakes_clean():
    files = sorted(str(p) for d in ("lgtm575", "tests", "benchmarks", "scripts") for p in (ROOT / d).glob("*.py") if p.name != "_modidx.py")
    r = subprocess.run([sys.executable, "-m", "pyflakes", *files], capture_output=True, text=True)
    assert r.returncode == 0, "pyflakes found:\n" + r.stdout + r.stderr


LIMIT = 50      # lines: a function or a notebook cell that grows past this is two ideas

def test_no_function_over_the_limit():
    import ast
    long = []
    for p in sorted((ROOT / "lgtm575").glob("*.py")):
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > LIMIT:
                long.append(f"{p.name}:{n.lineno} {n.name} ({n.end_lineno - n.lineno + 1} lines)")
    assert not long, "functions over the limit: " + "; ".join(long)

def test_no_notebook_code_cell_over_the_limit():
    import json
    long = []
    for p in sorted((ROOT / "nbs").glob("*.ipynb")):
        for i, c in enumerate(json.loads(p.read_text(encoding="utf-8"))["cells"]):
            n = len("".join(c["source"]).splitlines())
            if c["cell_type"] == "code" and n > LIMIT: long.append(f"{p.name} cell {i} ({n} lines)")
    assert not long, "notebook cells over the limit: " + "; ".join(long)
