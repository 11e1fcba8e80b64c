"""v1.0's outputs beside their GRPO rewards and the harness's verdicts: the reward-hacking audit (issue 16).

    .venv/bin/python benchmarks/reward_audit.py PRED.jsonl [--n 20] [--profile offline] [--weights JSON] [--table PATH]

Each prediction's raw output (its plan, `haiku:`, its haiku) gets the reward GRPO trains on (`plan.reward_parts`,
the harness's own code) and the harness's verdict (`lgtm575 judge`). The N highest rewards are printed in full,
since a hack shows where the reward is high: an output the reward likes and a reader would not accept is the
reward being gamed. --weights overrides `plan.REWARD_WEIGHTS` (the shipped adapter was trained before the readable
term: `--weights '{"readable": 0}'` gives its reward). Writes the markdown to --table (default
blog/docs/generated/v1_audit.md).
"""
import argparse, json
from pathlib import Path


def rows_with_rewards(path, profile, weights=None):
    "Each prediction with its reward parts and its harness verdict, highest reward first."
    from lgtm575.core import load_settings
    from lgtm575.data import load_rows, prepare_diff
    from lgtm575.judge import read_judge_rows, cached_records
    from lgtm575.models import cache_dir
    from lgtm575.plan import reward_parts
    from lgtm575.relevance import load_validity
    s = load_settings(profile)
    data = {r.id: r for r in load_rows("data/heldout.jsonl")}
    preds = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    raw = [(p["plan"] + "\nhaiku:\n" + (p["output"] or "")) if p.get("plan") else (p["output"] or "") for p in preds]
    diffs = [prepare_diff(data[p["id"]].diff, s.diff_char_budget).text for p in preds]
    parts = reward_parts(raw, diffs, s.pattern, weights=weights)
    jrows, errors = read_judge_rows(path, data)
    for e in errors: print(e)
    verdict = {r["id"]: r for r in cached_records(jrows, load_validity()["usable_threshold"]["threshold"], cache_dir())[0]}
    out = [p | {"parts": r, "verdict": verdict.get(p["id"])} for p, r in zip(preds, parts)]
    return sorted(out, key=lambda x: -x["parts"]["reward"])


def _cell(t):
    return (t or "").strip().replace("|", "\\|").replace("\n", " / ") or "(empty)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predictions", help="a v1.0 prediction file (runs/<profile>/predictions/v1.0.jsonl)")
    ap.add_argument("--n", type=int, default=20, help="outputs printed in full, highest reward first")
    ap.add_argument("--profile", default="offline")
    ap.add_argument("--weights", type=json.loads, default=None, help='overrides of plan.REWARD_WEIGHTS, e.g. {"readable": 0}')
    ap.add_argument("--table", default=str(Path(__file__).parents[1] / "blog" / "docs" / "generated" / "v1_audit.md"))
    a = ap.parse_args()
    rows = rows_with_rewards(a.predictions, a.profile, a.weights)
    mean = lambda k: sum(float(r["parts"][k] or 0) for r in rows) / len(rows)
    usable = [r for r in rows if r["verdict"] and r["verdict"]["usable"]]
    top = rows[:a.n]
    L = [f"{len(rows)} outputs of `{a.predictions}`. Mean reward {mean('reward'):.3f}: form {mean('form'):.3f}, "
         f"plan consistency {mean('plan'):.3f}, readable {mean('readable'):.2f}, echo {mean('echo'):.2f}, repetition {mean('repetition'):.3f}, "
         f"relevance {mean('relevance'):.3f}. Usable by the harness: {len(usable)}. Of the {len(top)} highest rewards, "
         f"{sum(bool(r['verdict'] and r['verdict']['usable']) for r in top)} are usable.", "",
         "| # | reward | form | plan | readable | echo | rep. | relevance | harness: usable / readable / echo | haiku | plan (start) |",
         "|---|---|---|---|---|---|---|---|---|---|---|"]
    for i, r in enumerate(top, 1):
        p, v = r["parts"], r["verdict"] or {}
        plan = "" if p["plan"] is None else f"{p['plan']:.2f}"       # None: the output claims no count
        L.append(f"| {i} | {p['reward']:.2f} | {p['form']:.2f} | {plan} | {int(p['readable'])} "
                 f"| {int(p['echo'])} | {p['repetition']:.2f} | {p['relevance']:.2f} | "
                 f"{'yes' if v.get('usable') else 'no'} / {'yes' if v.get('readable') else 'no'} / {'yes' if v.get('echo') else 'no'} "
                 f"| {_cell(r['output'])} | {_cell((r.get('plan') or '')[:160])} |")
    w = f" --weights '{json.dumps(a.weights)}'" if a.weights else ""
    text = "\n".join(L + ["", f"Measured by `benchmarks/reward_audit.py {a.predictions}{w}`.", ""])
    Path(a.table).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
