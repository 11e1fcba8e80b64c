"""The shipped data sample: no overlap between the sets, bad rows recorded (never dropped silently, never a crash),
and a rebuild from the raw files in data/raw/ gives byte-identical files."""
import json
from collections import Counter
from pathlib import Path

import pytest

from lgtm575.data import (CATEGORIES, OUTPUTS, Row, Skip, build_sample, load_raw, load_rows, overlaps, parse_crc,
                          parse_dsp, pr_key, comment_key, norm_comment)
from lgtm575.core import sha256_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHIPPED = (*OUTPUTS, "skipped.jsonl", "README.md", "manifest.json")


@pytest.fixture(scope="module")
def sets():
    return {o: load_rows(DATA / o) for o in OUTPUTS}


def test_sizes_and_classes(sets):
    h, t, c = sets["heldout.jsonl"], sets["train.jsonl"], sets["heldout_crscore.jsonl"]
    assert len(h) == 100
    per = Counter(r.category for r in h)
    assert set(per) == set(CATEGORIES) and min(per.values()) >= 15, per
    assert len(t) >= 300 and all(r.category is None for r in t)
    assert len(c) >= 90
    for rows in (h, t):
        assert len({pr_key(r) for r in rows}) == len(rows), "one comment per PR"
    assert all(20 <= len(r.comment) <= 400 and len(r.diff) <= 3000 for r in h)
    assert all(30 <= len(r.comment) <= 400 and len(r.diff) <= 2500 for r in t)
    assert max(Counter(r.repo for r in t).values()) <= 40
    for rows in sets.values():
        assert len({r.id for r in rows}) == len(rows)


@pytest.mark.parametrize("a,b", [("heldout.jsonl", "train.jsonl"), ("heldout.jsonl", "heldout_crscore.jsonl"),
                                 ("train.jsonl", "heldout_crscore.jsonl")])
def test_no_overlap(sets, a, b):
    assert overlaps(sets[a], sets[b]) == {"pr": set(), "comment_id": set(), "comment_text": set()}
    # and the same check by hand, on the raw keys, so a bug in `overlaps` cannot hide one
    ka = {(pr_key(r), comment_key(r), norm_comment(r.comment)) for r in sets[a]}
    kb = {(pr_key(r), comment_key(r), norm_comment(r.comment)) for r in sets[b]}
    for i in range(3):
        assert not ({k[i] for k in ka if k[i]} & {k[i] for k in kb if k[i]})


def test_overlap_check_can_fail(sets):
    h, t = sets["heldout.jsonl"], sets["train.jsonl"]
    leaked = Row(**{**t[0].__dict__, "repo": h[0].repo, "pr": h[0].pr})
    assert overlaps(h, [leaked])["pr"] == {pr_key(h[0])}


def test_rebuild_is_byte_identical(tmp_path):
    m = build_sample(tmp_path)
    for name in SHIPPED:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), f"{name} differs from the shipped file; run `make data`"
    shipped = json.loads((DATA / "manifest.json").read_text())
    for name, sha in shipped["files"].items():
        assert sha256_file(DATA / name) == sha, name
    for src in shipped["sources"].values():
        for rel, sha in src["files"].items():
            assert sha256_file(DATA / rel) == sha, rel
    assert m["files"] == shipped["files"]


def test_manifest_accounts_for_every_raw_record():
    m = json.loads((DATA / "manifest.json").read_text())
    skipped = [json.loads(l) for l in (DATA / "skipped.jsonl").read_text().splitlines()]
    assert m["skipped"]["rows"] == len(skipped)
    by_source = {"heldout.jsonl": "crc_py", "train.jsonl": "datascrappers_pyreview", "heldout_crscore.jsonl": "crscore_human_study"}
    for out, src in by_source.items():
        o = m["outputs"][out]
        assert o["rows"] + sum(o["removed"].values()) == o["raw_records"]
        assert Counter(s["reason"] for s in skipped if s["source"] == src) == Counter(o["removed"])
        assert o["raw_records"] == len(load_raw(src).rows) + len(load_raw(src).skipped)
    assert m["outputs"]["heldout.jsonl"]["removed"]["fabricated_seed_row"] == 31


GOOD = dict(repo="o/r", pr_number=7, comment_id=123456789, user="alice", file_path="m.py", created_at="2024-01-01T00:00:00Z",
            diff_hunk="@@ -1,2 +1,2 @@\n x = 1\n-y = 2\n+y = 3", comment="Why three? This changes the public default.")


@pytest.mark.parametrize("change,reason", [
    (dict(diff_hunk=None), "missing_diff"),
    ({"comment": None}, "missing_comment"),
    (dict(comment=b"caf\xe9 is not UTF-8 but is long enough"), "non_utf8"),
    (dict(diff_hunk=b"@@ -1 +1 @@\n+caf\xe9"), "non_utf8"),
    (dict(diff_hunk="@@ -1 +1 @@\n-x\n+\x00\x00\x89PNG"), "binary_hunk"),
    (dict(diff_hunk="@@ -1 +1 @@\n" + "+x = 1\n" * 150_000), "huge_hunk"),   # about 1 MB,
    (dict(user="Copilot"), "bot_user"),
    (dict(comment="```suggestion\r\ny = 2\r\n```"), "suggestion_only"),
    (dict(pr_number=None), "malformed_record"),
])
def test_bad_rows_are_skipped_with_a_reason(change, reason):
    s = parse_dsp({**GOOD, **change})
    assert isinstance(s, Skip) and s.reason == reason, s


def test_bad_rows_in_a_raw_file_are_recorded(tmp_path):
    d = tmp_path / "datascrappers_pyreview" / "repo_scrapper_data"
    d.mkdir(parents=True)
    recs = [GOOD, {**GOOD, "comment_id": 1, "diff_hunk": None}, {**GOOD, "comment_id": 2, "diff_hunk": "@@ -1 +1 @@\n+\x00"},
            {**GOOD, "comment_id": 3, "diff_hunk": "+" * (1 << 20)}, "not a record"]
    raw = json.dumps({"examples": recs}).encode()
    raw = raw.replace(b"Why three?", b"Why thr\xffe?", 1)     # one invalid UTF-8 byte inside the first record's comment
    (d / "o_r.json").write_bytes(raw)
    got = load_raw("datascrappers_pyreview", tmp_path)
    assert got.rows == []
    assert sorted(s.reason for s in got.skipped) == ["binary_hunk", "huge_hunk", "malformed_record", "missing_diff", "non_utf8"], got.skipped


def test_crc_filters():
    rec = dict(owner="o", repo="r", pr_number=5, comment_id=3001, file_path="a.py", category="functional", code="@@ -1 +1 @@\n+x",
               comment="c", enriched="File: a.py\nCode: x\nComment: C")
    assert parse_crc(rec).reason == "fabricated_seed_row"
