"""The committed held-out predictions (data/predictions/<profile>/): a cold `make reproduce` adopts them after
generating a sample again (`lgtm575.committed`), so they must be the held-out rows, each with its manifest, and
written by the run config today's code gives that system; a stale copy would be refused and cost a cold run the
hour it exists to save."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "data" / "predictions").glob("*/*.jsonl"))


def test_committed_predictions_exist_with_their_readme():
    assert FILES, "data/predictions/<profile>/*.jsonl is missing"
    assert all((f.parent / "README.md").is_file() for f in FILES)


@pytest.mark.parametrize("f", FILES, ids=lambda f: f"{f.parent.name}/{f.stem}")
def test_committed_predictions_are_the_heldout_rows_of_one_run(f):
    from lgtm575.records import Prediction, manifest_path
    from lgtm575.data import load_split
    recs = Prediction.read(f)
    m = json.loads(manifest_path(f).read_text(encoding="utf-8"))
    assert sorted(r.id for r in recs) == sorted(r.id for r in load_split("heldout", f.parent.name))
    assert {r.config_hash for r in recs} == {m["config_hash"]}, f"{f.name}: records of another run config than its manifest's"


@pytest.mark.parametrize("f", FILES, ids=lambda f: f"{f.parent.name}/{f.stem}")
def test_committed_predictions_match_todays_run_config(f, tmp_path):
    "The config today's code builds for the system (model and weights, adapter, prompt, decoding) is the committed one."
    from lgtm575.core import load_settings
    from lgtm575.generate import system_backend, system_decoding, run_config
    from lgtm575.records import config_hash, manifest_path
    s, system = load_settings(f.parent.name), f.stem
    run = tmp_path / "runs" / s.profile             # a run that trained no v1.0 of its own: the committed adapter
    cfg = run_config(system_backend(s, system, run), system_decoding(s, system), "student")
    m = json.loads(manifest_path(f).read_text(encoding="utf-8"))
    diff = {k: (m.get(k), cfg[k]) for k in cfg if m.get(k) != cfg[k]}
    assert config_hash(cfg) == m["config_hash"], f"{f.name}: committed under another config; differs in {diff}"
