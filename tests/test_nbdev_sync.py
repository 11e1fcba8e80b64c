"""The notebooks are the source of truth: `nbdev-clean` and `nbdev-export` must change nothing.

Both run on a copy of the repository, so the check never rewrites the working tree;
a failure names every file that would change.
"""
import shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _snapshot(root: Path) -> dict[str, bytes]:
    out = {}
    for d in ("nbs", "lgtm575"):
        for p in sorted((root / d).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts:
                out[str(p.relative_to(root))] = p.read_bytes()
    return out


def test_clean_and_export_change_nothing(tmp_path):
    for name in ("pyproject.toml", "settings.ini", "README.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, tmp_path / name)
    for d in ("nbs", "lgtm575"):
        shutil.copytree(ROOT / d, tmp_path / d, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    before = _snapshot(tmp_path)
    for cmd in ("nbdev-clean", "nbdev-export"):
        subprocess.run([str(BIN / cmd)], cwd=tmp_path, check=True, capture_output=True, text=True)
    after = _snapshot(tmp_path)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, (
        "nbdev-clean/nbdev-export would change these files; run `make export` and commit both "
        f"the notebooks and lgtm575/: {changed}")
