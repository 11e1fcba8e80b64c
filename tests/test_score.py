"""`scripts/score.py` as a user runs it (a subprocess of this venv's python): a clean end-to-end score, and every refusal.

Refusals happen before any model is loaded, so they are fast; two tests load the embedding model.
"""
import json, shutil, subprocess, sys
from pathlib import Path
import pytest

from lgtm575.data import load_split
from lgtm575.score import write_predictions, score
from lgtm575.records import manifest_path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "score.py"
HAIKU = "null check is missing\nthe parser trusts every byte\nguard empty input"
HELD = load_split("heldout")
IDS = [r.id for r in HELD]


def run(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


def pair(tmp_path, n=100, base_kw=None, cand_kw=None):
    b = write_predictions(tmp_path / "base.jsonl", {i: HAIKU for i in IDS[:n]}, **(base_kw or {}))
    c = write_predictions(tmp_path / "cand.jsonl", {r.id: "\n".join(r.comment.split()[:9]) for r in HELD[:n]}, **(cand_kw or {}))
    return b, c


def refused(r, *expect):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    err = r.stderr.strip()
    assert "Traceback" not in r.stderr and len(err.splitlines()) == 1, err
    assert err.startswith("score.py: error: "), err
    for e in expect: assert e in err, (e, err)
    return err


def test_end_to_end_script(tmp_path):
    b, c = pair(tmp_path, n=30, cand_kw=dict(model={"id": "test/model", "fingerprint": "sha256:1", "adapter": "lora/v0"}))
    r = run(b, c, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache", "--resamples", 2000)
    assert r.returncode == 0, r.stderr
    s = json.loads((tmp_path / "out" / "scores.json").read_text())
    for k in ("form.base", "form.candidate", "form.mcnemar_p", "relevance.base.real", "relevance.base.floor",
              "relevance.candidate.real", "relevance.candidate.floor", "category.base.macro_f1",
              "category.candidate.macro_f1", "category.majority_baseline"):
        v = s
        for part in k.split("."): v = v[part]
        assert isinstance(v, float), k
    assert s["form"]["base"] == 1.0 and s["trusted"] and s["warnings"] == []
    assert s["relevance"]["diff"]["resamples"] == 2000 and s["category"]["diff"]["resamples"] == 2000
    assert s["relevance"]["candidate"]["real"] > s["relevance"]["candidate"]["floor"]
    assert s["fingerprints"]["model"]["candidate"]["adapter"] == "lora/v0"
    md = (tmp_path / "out" / "scores.md").read_text()
    assert "| Metric | Base floor | Candidate | Golden | Verdict |" in md
    assert "| #1 Form (valid 5-7-5) | 100% (30/30) |" in md and "McNemar exact" in md and "shuffle floor" in md
    assert "majority baseline" in md and "WARNING" not in md
    assert len((tmp_path / "out" / "rows.jsonl").read_text().splitlines()) == 30


def test_allowed_changed_goldens_and_no_manifest_are_marked(tmp_path):
    b, c = pair(tmp_path, n=30, base_kw=dict(manifest={"goldens_hash": "0" * 64}), cand_kw=dict(manifest=False))
    s = score(b, c, tmp_path / "out", allow_changed_goldens=True, no_manifest=True, cache_dir=None, resamples=1000)
    assert not s["trusted"] and len(s["warnings"]) == 2
    assert s["warnings"][0].startswith("GOLDENS CHANGED") and s["warnings"][1].startswith("NO MANIFEST")
    md = (tmp_path / "out" / "scores.md").read_text()
    assert md.count("WARNING: NOT A CLEAN COMPARISON") == 2 and "(UNVERIFIED)" in md


def test_refuse_mismatched_ids(tmp_path):
    b = write_predictions(tmp_path / "base.jsonl", {i: HAIKU for i in IDS[:10]})
    c = write_predictions(tmp_path / "cand.jsonl", {i: HAIKU for i in IDS[3:11]})
    err = refused(run(b, c, "--out", tmp_path / "o"), "row ids differ: 3 only in BASE (", "1 only in CAND (")
    assert IDS[10] in err


def test_refuse_prompt_hash(tmp_path):
    b, c = pair(tmp_path, 5, cand_kw=dict(prompt_hash="f" * 64))
    refused(run(b, c, "--out", tmp_path / "o"), "prompt_hash differs: BASE pppppppppppp… CAND ffffffffffff…")


def test_refuse_decoding(tmp_path):
    b, c = pair(tmp_path, 5, cand_kw=dict(decoding={"do_sample": False, "max_new_tokens": 64, "constrained": False}))
    refused(run(b, c, "--out", tmp_path / "o"), "decoding differs: max_new_tokens 48 vs 64")


def test_refuse_all_differences_at_once(tmp_path):
    b = write_predictions(tmp_path / "base.jsonl", {i: HAIKU for i in IDS[:4]})
    c = write_predictions(tmp_path / "cand.jsonl", {i: HAIKU for i in IDS[:5]}, prompt_hash="q" * 64,
                          decoding={"do_sample": True, "max_new_tokens": 48, "constrained": False})
    refused(run(b, c, "--out", tmp_path / "o"), "row ids differ", "prompt_hash differs", "decoding differs: do_sample false vs true")


def test_refuse_changed_goldens_in_manifest(tmp_path):
    b, c = pair(tmp_path, 5, cand_kw=dict(manifest={"goldens_hash": "0" * 64}))
    refused(run(b, c, "--out", tmp_path / "o"), "goldens changed after CAND's predictions were made", "--allow-changed-goldens")


def test_refuse_goldens_edited_after_generation(tmp_path):
    """The real case: predictions made, then someone lowers a golden in settings.ini."""
    root = tmp_path / "repo"; (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "heldout.jsonl", root / "data" / "heldout.jsonl")
    shutil.copy(ROOT / "settings.ini", root / "settings.ini")
    b, c = pair(tmp_path, 5)          # manifests carry today's goldens hash
    ini = root / "settings.ini"
    ini.write_text(ini.read_text().replace("paper_form_min = 0.45", "paper_form_min = 0.05"))
    env = {"PATH": "/usr/bin:/bin", "LGTM575_ROOT": str(root), "HOME": str(tmp_path)}
    refused(run(b, c, "--out", tmp_path / "o", cwd=tmp_path, env=env), "goldens changed after BASE's predictions were made")


def test_refuse_missing_manifest(tmp_path):
    b, c = pair(tmp_path, 5)
    manifest_path(c).unlink()
    refused(run(b, c, "--out", tmp_path / "o"), "no run manifest cand.manifest.json", "--no-manifest")


@pytest.mark.parametrize("content,expect", [
    (b"", "empty prediction file"),
    (b"\n \n", "empty prediction file"),
    (b'{"id": "x", "output": "a"\n', "cand.jsonl:1: not valid JSON"),
    (None, "cand.jsonl:3: not valid JSON"),
    (b'{"id": "x", "output": "a"}\n', "cand.jsonl:1: missing keys prompt_hash, decoding, model"),
    (b'["not", "an", "object"]\n', "cand.jsonl:1: expected a JSON object"),
    (b"\xff\xfe\x00garbage\n", "cand.jsonl:1: not valid UTF-8"),
])
def test_refuse_bad_files(tmp_path, content, expect):
    b, c = pair(tmp_path, 5)
    if content is None:   # a good file with a truncated third line
        lines = c.read_text().splitlines()
        content = ("\n".join(lines[:2] + [lines[2][:40]]) + "\n").encode()
    c.write_bytes(content)
    refused(run(b, c, "--out", tmp_path / "o"), expect)


def test_refuse_duplicate_ids(tmp_path):
    b, c = pair(tmp_path, 5)
    lines = c.read_text().splitlines()
    c.write_text("\n".join(lines + [lines[1]]) + "\n")
    refused(run(b, c, "--out", tmp_path / "o"), "cand.jsonl:6: duplicate id", "(first on line 2)")


def test_refuse_ids_not_in_data(tmp_path):
    outs = {i: HAIKU for i in IDS[:3]} | {"crc-not-a-real-row": HAIKU}
    b = write_predictions(tmp_path / "base.jsonl", outs)
    c = write_predictions(tmp_path / "cand.jsonl", outs)
    refused(run(b, c, "--out", tmp_path / "o"), "1 prediction id not in the data data/heldout.jsonl: crc-not-a-real-row")


def test_refuse_missing_file_and_bad_data(tmp_path):
    b, _ = pair(tmp_path, 5)
    refused(run(b, tmp_path / "nope.jsonl", "--out", tmp_path / "o"), "CAND", "nope.jsonl: no such file")
    (tmp_path / "bad_data.jsonl").write_text("{broken\n")
    refused(run(b, b, "--out", tmp_path / "o", "--data", tmp_path / "bad_data.jsonl"), "bad_data.jsonl:1: not valid JSON")


def test_add_score_parser_wires_a_subcommand():
    import argparse
    from lgtm575.score import add_score_parser, cmd_score
    ap = argparse.ArgumentParser(prog="lgtm575"); sub = ap.add_subparsers(dest="command")
    add_score_parser(sub)
    a = ap.parse_args(["score", "b.jsonl", "c.jsonl", "--out", "d", "--allow-changed-goldens"])
    assert a.func is cmd_score and a.allow_changed_goldens and a.out == "d" and a.prog == "lgtm575 score"


@pytest.mark.parametrize("argv", [["score", "base.jsonl", "cand.jsonl", "--out"], ["train", "--profile", "smoke", "--out"]])
def test_unwritable_output_is_refused_before_any_work(tmp_path, argv):
    "An output folder under a file: one line, exit 2, before predictions are read or a model loads."
    blocker = tmp_path / "a-file"; blocker.write_text("x")
    r = subprocess.run([str(Path(sys.executable).parent / "lgtm575"), *argv, str(blocker / "out")],
                       capture_output=True, text=True, timeout=120)
    err = [l for l in r.stderr.splitlines() if l.strip()]
    assert r.returncode == 2 and len(err) == 1 and "cannot write there" in err[0], r.stderr
