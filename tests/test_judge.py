"""`lgtm575 judge` as a user runs it: any system's outputs, bad lines named and skipped, a cached re-run, a prediction file joined with its rows."""
import json, subprocess, sys
from pathlib import Path

LGTM = str(Path(sys.executable).parent / "lgtm575")
ROOT = Path(__file__).resolve().parents[1]
DIFF = "@@ -1,2 +1,2 @@\n def load(path):\n-    return open(path).read()\n+    return open(path, encoding='utf-8').read()"
GOOD = "The file is read as\nUTF-8 now, every\nname the encoding"


def run(*args, cwd=None):
    return subprocess.run([LGTM, "judge", *args], capture_output=True, timeout=300, cwd=cwd)


def test_judge_scores_good_rows_and_names_bad_lines(tmp_path):
    lines = [json.dumps({"id": "good", "diff": DIFF, "output": GOOD, "comment": "Pass the encoding explicitly."}),
             "{broken",
             json.dumps({"id": "echo", "diff": DIFF, "output": "return open(path,\nencoding='utf-8').read()"}),
             json.dumps({"id": 7, "diff": DIFF, "output": "x"}),
             json.dumps({"id": "salad", "diff": DIFF, "output": "def frombytes import\npythonutils import aauth\ndef passwordheader", "comment": ""}),
             json.dumps({"id": "good", "diff": DIFF, "output": GOOD})]
    rows = tmp_path / "rows.jsonl"; rows.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    r = run(str(rows), "--out", str(out), "--cache-dir", str(tmp_path / "cache"))
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    err = r.stderr.decode()
    assert f"{rows}:2: skipped: not valid JSON" in err and f"{rows}:4: skipped: 'id' must be a string, got int" in err
    assert f"{rows}:6: skipped: duplicate id 'good' (first on line 1)" in err
    recs = [json.loads(l) for l in (out / "rows.jsonl").read_text().splitlines()]
    assert [x["id"] for x in recs] == ["good", "echo", "salad"]
    for x in recs:
        assert {"id", "form_valid", "readable", "echo", "usable", "relevance", "reasons"} <= set(x)
        assert all(isinstance(x[k], bool) for k in ("form_valid", "readable", "echo", "usable")) and isinstance(x["relevance"], float)
    good, echo, salad = recs
    assert good["form_valid"] and good["readable"] and not good["echo"] and good["relevance_to_comment"] > 0
    assert echo["echo"] and echo["relevance"] == 0.0 and not echo["usable"] and any(s.startswith("echo:") for s in echo["reasons"])
    assert not salad["readable"] and any("word salad" in s for s in salad["reasons"])
    s = json.loads((out / "summary.json").read_text())
    assert s["n"] == 3 and len(s["skipped"]) == 3 and s["validity"]["spearman"] > 0.5
    assert "usable" in (out / "summary.md").read_text()
    r2 = run(str(rows), "--out", str(tmp_path / "out2"), "--cache-dir", str(tmp_path / "cache"), "--quiet")
    assert r2.returncode == 0 and json.loads((tmp_path / "out2" / "summary.json").read_text())["cached_rows"] == 3
    assert (tmp_path / "out2" / "rows.jsonl").read_text() == (out / "rows.jsonl").read_text()


def test_judge_refuses_what_it_cannot_judge(tmp_path):
    r = run(str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o"), "--no-cache")
    assert r.returncode == 2 and r.stderr.decode().count("\n") == 1 and "no such file" in r.stderr.decode()
    bad = tmp_path / "bad.jsonl"; bad.write_text("[1]\n{}\n")
    r = run(str(bad), "--out", str(tmp_path / "o"), "--no-cache")
    err = r.stderr.decode().strip().splitlines()
    assert r.returncode == 2 and err[-1].startswith("lgtm575 judge: error:") and "no row to judge (2 bad lines" in err[-1]
    empty = tmp_path / "empty.jsonl"; empty.write_text("")
    r = run(str(empty), "--out", str(tmp_path / "o"), "--no-cache")
    assert r.returncode == 2 and "empty file" in r.stderr.decode()


def test_judge_a_prediction_file_against_its_rows(tmp_path):
    held = [json.loads(l) for l in (ROOT / "data" / "heldout.jsonl").read_text().splitlines()[:3]]
    preds = tmp_path / "p.jsonl"
    preds.write_text("".join(json.dumps({"id": h["id"], "output": GOOD, "diff": {"status": "ok"}}) + "\n" for h in held)
                     + json.dumps({"id": "nope", "output": GOOD}) + "\n")
    r = run(str(preds), "--data", str(ROOT / "data" / "heldout.jsonl"), "--out", str(tmp_path / "o"), "--no-cache", "--quiet")
    assert r.returncode == 0 and "id 'nope' is not in the data rows" in r.stderr.decode()
    recs = [json.loads(l) for l in (tmp_path / "o" / "rows.jsonl").read_text().splitlines()]
    assert [x["id"] for x in recs] == [h["id"] for h in held]
    assert all(x["relevance_to_comment"] is not None for x in recs)   # the human comments came from the rows
