"""The papermill chain on the smoke profile, in a copy of the repository: every stage runs in order, a re-run
skips them all, and a failing notebook stops the run with a message naming the notebook and the cell."""
import json, shutil, subprocess, sys
from pathlib import Path
import nbformat

from lgtm575.reproduce import STAGES

ROOT = Path(__file__).resolve().parents[1]
LGTM = str(Path(sys.executable).parent / "lgtm575")


def copy_repo(dst: Path) -> Path:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    for f in filter(None, files):
        (dst / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, dst / f)
    return dst


def reproduce(repo, *args):
    return subprocess.run([LGTM, "reproduce", "--profile", "smoke", *args], cwd=repo, capture_output=True, text=True, timeout=1800)


def test_smoke_chain(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    r = reproduce(repo)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert [res[s.notebook] for s in STAGES] == ["ran"] * len(STAGES)
    run = repo / "runs" / "smoke"
    for s in STAGES: assert (run / "notebooks" / f"{s.notebook}.ipynb").is_file()
    for p in ("predictions/base.jsonl", "predictions/constrained.jsonl", "predictions/sft.jsonl", "teacher/pairs.jsonl",
              "sft/adapter/adapter_config.json", "scores/sft/scores.json", "scores/constrained/scores.json",
              "predictions/v1.0.jsonl", "predictions/v1.0_constrained.jsonl", "scores/v1.0/scores.json",
              "scores/v1.0_constrained/scores.json", "figures/form_validity.png", "blog/results.md"):
        assert (run / p).exists(), p
    base = [json.loads(l) for l in (run / "predictions" / "base.jsonl").read_text().splitlines()]
    assert len(base) == 4                                  # the smoke profile's held-out limit
    for name in ("v1.0", "v1.0_constrained"):              # v1.0 from the committed adapter, no training in this run
        v1 = [json.loads(l) for l in (run / "predictions" / f"{name}.jsonl").read_text().splitlines()]
        assert [r["id"] for r in v1] == [r["id"] for r in base] and all("plan" in r for r in v1), name
        # records name an adapter inside the project by its path from the project's top (`backends.adapter_name`)
        assert all(r["model"]["adapter"] == "models/offline/v1.0" for r in v1), v1[0]["model"]
    # the committed figures and README are the offline run's: a smoke run leaves them alone
    assert (repo / "README.md").read_text() == (ROOT / "README.md").read_text()

    r = reproduce(repo)                                    # nothing changed: every stage skipped
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert [res[s.notebook] for s in STAGES] == ["skipped"] * len(STAGES)

    # the CLI runs the same stage functions as the notebooks: scoring and reporting again give the same results
    before = json.loads((run / "scores" / "sft" / "scores.json").read_text())
    for argv in (["score", "--system", "sft", "--profile", "smoke", "--quiet"], ["report", "--profile", "smoke"]):
        r = subprocess.run([LGTM, *argv], cwd=repo, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr[-3000:]
    after = json.loads((run / "scores" / "sft" / "scores.json").read_text())
    assert {k: after[k] for k in ("form", "relevance", "category", "n")} == {k: before[k] for k in ("form", "relevance", "category", "n")}
    assert "lgtm575 report: wrote" in r.stdout and (run / "blog" / "results.md").is_file()

    nb_path = repo / "nbs" / "11_report.ipynb"             # a failing stage names its notebook and cell
    nb = nbformat.read(nb_path, 4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('boom in the report')"))
    nbformat.write(nb, nb_path)
    r = reproduce(repo, "--stage", "11_report")
    assert r.returncode == 1
    err = [l for l in r.stderr.splitlines() if "error" in l]
    assert len(err) == 1 and "11_report.ipynb failed in cell" in err[0] and "RuntimeError: boom in the report" in err[0], r.stderr
