"""Where a v1.0 student loses the form: for each plan line, whether its own running sum meets the line's target and
whether it stops there, jumps over it or stops short, and the verdict it writes; then, per output, whether the haiku
it writes after the plan is the plan's lines, and how many would scan if the plan's lines were taken as the haiku.

    .venv/bin/python benchmarks/plan_stops.py PREDICTIONS.jsonl [...]
"""
import argparse
import json
from collections import Counter


def tally(path: str) -> Counter:
    from lgtm575.form import check
    from lgtm575.plan import _CLAIM, _LINE, plan_lines
    c = Counter()
    for r in map(json.loads, open(path, encoding="utf-8")):
        plan, lines = r.get("plan") or "", []
        for target, body, verdict in _LINE.findall(plan):
            t, sums = int(target), [int(s) for _, _, s in _CLAIM.findall(body)]
            if not sums: continue
            where = ("hit, stopped" if sums[-1] == t else "hit, went past") if t in sums else ("jumped over" if sums[-1] > t else "stopped short")
            c["lines"] += 1; c[where] += 1; c[f"{where}, verdict ok"] += verdict == "ok"
            lines.append(sums[-1] == t)
        c["outputs"] += 1
        tied = [l.strip() for l in r["output"].splitlines() if l.strip()] == plan_lines(plan)
        c["haiku is the plan's lines"] += tied
        on = len(lines) >= 3 and all(lines[-3:])
        c["every line's last sum on target"] += on; c["... and the haiku is the plan's lines"] += on and tied
        c["haiku valid"] += check(r["output"]).valid; c["plan's lines valid"] += check("\n".join(plan_lines(plan))).valid
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("preds", nargs="+", help="v1.0 prediction files (with `plan`)")
    for p in ap.parse_args().preds:
        print(f"## {p}")
        for k, v in tally(p).items(): print(f"- {k}: {v}")


if __name__ == "__main__":
    main()
