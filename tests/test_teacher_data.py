"The committed teacher pairs (data/teacher/<profile>/): the student's training data, checked as a reader of the files would."
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted(p.parent for p in (ROOT / "data" / "teacher").glob("*/pairs.jsonl"))


def test_a_committed_pair_set_exists():
    assert SETS, "data/teacher/<profile>/pairs.jsonl is missing"


@pytest.mark.parametrize("d", SETS, ids=lambda d: d.name)
def test_pairs_are_training_rows_whose_targets_scan(d):
    "Each pair is a valid `Pair` of a row of data/train.jsonl (same diff and comment), and its haiku is 5-7-5 by today's counter."
    from lgtm575.records import Pair
    from lgtm575.form import check
    rows = {r["id"]: r for r in map(json.loads, (ROOT / "data" / "train.jsonl").read_text(encoding="utf-8").splitlines())}
    pairs = Pair.read(d / "pairs.jsonl")
    assert pairs
    bad = [p.id for p in pairs if p.id not in rows or (p.diff, p.comment) != (rows[p.id]["diff"], rows[p.id]["comment"])]
    assert not bad, f"{d.name}: pairs that are not training rows: {bad[:5]}"
    text = lambda p: p.haiku if isinstance(p.haiku, str) else "\n".join(p.haiku)
    off = [f"{p.id}: {check(text(p)).feedback}" for p in pairs if not check(text(p)).valid]
    assert not off, f"{d.name}: targets that no longer scan: {off[:3]}"


@pytest.mark.parametrize("d", SETS, ids=lambda d: d.name)
def test_the_report_counts_the_pairs(d):
    "report.json (the acceptance report) and the attempts log agree with the pairs file."
    from lgtm575.records import Attempt, Pair
    rep = json.loads((d / "report.json").read_text(encoding="utf-8"))
    accepted = {a.id for a in Attempt.read(d / "attempts.jsonl") if a.decision == "accept"}
    assert rep["accepted"] == len(Pair.read(d / "pairs.jsonl")) == len(accepted)
    assert {p.id for p in Pair.read(d / "pairs.jsonl")} == accepted
