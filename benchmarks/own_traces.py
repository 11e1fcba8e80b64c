"""The student's own plans as SFT traces (expert iteration): its v1.0 + own counts predictions on training rows, kept
where every claim is true and the haiku passes the harness's form, echo, narration and readable checks
(`lgtm575.plan.own_traces`), optionally after another traces file (the teacher's).

    .venv/bin/python benchmarks/student_generate.py --model embedded:SmolLM2-135M-Instruct --adapter ADAPTER \\
        --system v1.0_own --split train --out OWN.jsonl --no-cache
    .venv/bin/python benchmarks/own_traces.py OWN.jsonl [OWN2.jsonl …] --out TRACES.jsonl [--plus runs/offline/v1_r2/traces.jsonl] [--cap 2]

Several OWN files are rounds of expert iteration, in order (the student trained on round 1's traces wrote round 2's);
the cap counts across them, and a row kept in two rounds gets `<row>/own` and `<row>/own2`.

Writes TRACES.jsonl (`records.Pair` with `trace`) and TRACES.jsonl.report.json (counts, and every prediction left out
with its reason). Train on it with `lgtm575 train --pairs TRACES.jsonl`.
"""
import argparse
import collections
import json
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("preds", nargs="+", help="the student's predictions on training rows (v1.0_own), one file per round")
    ap.add_argument("--out", required=True, help="the traces file to write")
    ap.add_argument("--plus", default=None, help="a traces file whose rows come first (the teacher's traces)")
    ap.add_argument("--cap", type=int, default=None, help="keep at most N haiku with the same first line (a template)")
    a = ap.parse_args()
    from lgtm575.core import write_json_atomic
    from lgtm575.data import load_split
    from lgtm575.plan import own_traces
    from lgtm575.records import Pair, RecordFileError, iter_jsonl, write_records
    rows = {r.id: r for r in load_split("train", limit=0)}
    preds = [p for f in a.preds for _, p in iter_jsonl(f)]
    kept, left = own_traces(preds, rows, a.cap)
    plus = [Pair.parse(r, f"{a.plus}:{i}", RecordFileError) for i, r in iter_jsonl(a.plus)] if a.plus else []
    write_records(a.out, plus + [Pair.parse(p, a.out, RecordFileError) for p in kept])
    why = collections.Counter(x["reason"].split(":")[0].split(" (")[0] for x in left)
    rep = {"preds": a.preds, "plus": a.plus, "n_plus": len(plus), "n_preds": len(preds), "n_own": len(kept),
           "left_out_by_reason": dict(why.most_common()), "left_out": left}
    write_json_atomic(Path(a.out + ".report.json"), rep)
    print(json.dumps({k: v for k, v in rep.items() if k != "left_out"}))


if __name__ == "__main__":
    main()
