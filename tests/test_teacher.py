"""The teacher loop over HTTP against a real llama.cpp server (smoke size), and its CLI."""
import json, subprocess, sys
from pathlib import Path

from lgtm575.data import load_split
from lgtm575.backends import OpenAIBackend, Decoding
from lgtm575.records import read_records
from lgtm575.teacher import run_teacher

BIN = Path(sys.executable).parent


def test_teacher_loop_over_http(llama_server, tmp_path):
    be = OpenAIBackend("smollm2", llama_server.base_url)
    rows = load_split("train")[:3]
    rep = run_teacher(rows, be, tmp_path, Decoding(max_new_tokens=40), k_max=2, threshold=0.3, target=3,
                      diff_budget=600, progress=False)
    attempts = read_records(tmp_path / "attempts.jsonl")
    by = {}
    for a in attempts: by.setdefault(a["id"], []).append(a)
    assert set(by) == {r.id for r in rows}
    for recs in by.values():                      # every row decided within K attempts, numbered 1..n
        assert [a["attempt"] for a in recs] == list(range(1, len(recs) + 1)) and len(recs) <= 2
        assert recs[-1]["decision"] in ("accept", "reject")
        assert all(a["decision"] == "revise" and a["feedback"] for a in recs[:-1])
        if len(recs) > 1: assert recs[1]["prompt_hash"] != recs[0]["prompt_hash"]     # the revise prompt
    assert rep["rows_tried"] == 3 and rep["accepted"] + rep["rejected"] == 3
    assert rep["accepted"] == len(read_records(tmp_path / "pairs.jsonl"))
    assert json.loads((tmp_path / "report.json").read_text())["attempts_total"] == len(attempts)
    assert (tmp_path / "report.md").read_text().startswith("# Teacher loop")


def test_teacher_cli_over_http_with_best_of_n(llama_server, tmp_path):
    r = subprocess.run([str(BIN / "lgtm575"), "teacher", "--profile", "smoke", "--backend", "openai", "--model", "smollm2",
                        "--base-url", llama_server.base_url, "--limit", "2", "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    rep = json.loads((tmp_path / "report.json").read_text())
    assert rep["rows_tried"] == 2
    m = json.loads((tmp_path / "manifest.json").read_text())
    assert m["model"]["backend"] == "openai" and m["model"]["decoder"] == "best-of-n/v1"


def test_teacher_cli_point(tmp_path):
    "`--point`: one instruction from the comment, said as a haiku under the constraint; logged with the attempt and pair."
    r = subprocess.run([str(BIN / "lgtm575"), "teacher", "--profile", "smoke", "--point", "--limit", "1", "--target", "1",
                        "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path / "manifest.json").read_text())
    assert m["model"]["decoder"].startswith("point/v1 + syllable-constrained") and "restate" in m["prompt_hash"]
    (a,) = read_records(tmp_path / "attempts.jsonl")
    comment = load_split("train", "smoke")[0].comment
    assert a["issue"] and "\n" not in a["issue"] and a["issue"] != comment and a["form"]["valid"]
    for p in read_records(tmp_path / "pairs.jsonl"): assert p["issue"] == a["issue"]
