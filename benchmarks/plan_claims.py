"""What a v1.0 student's plan tokens learned: the lookup (each word's syllable count) or only the arithmetic.

    .venv/bin/python benchmarks/plan_claims.py NAME=PRED.jsonl [NAME=PRED.jsonl ...] [--table PATH]

For each prediction file, every plan's claims are checked by `plan.claim_tally` (the counter and arithmetic, as
the GRPO plan reward checks them): how many word counts are the counter's, how many running sums are right, how
many plans reach 5-7-5 by their own sums, how many plans' final lines (`plan.plan_lines`) scan, how many haiku
are those lines word for word, how many outputs scan (`form.check`), and how many lines' wrong counts pull
toward their target against away from it. A student whose sums reach the targets while its word counts are wrong
has learned to add up, not to count; one whose wrong counts pull toward the target writes the count it needs. Writes the markdown to --table
(default blog/docs/generated/v1_plan_claims.md).
"""
import argparse, json, shlex


def tally(path):
    "Totals of `claim_tally` over a prediction file, with the plans that reach every target and the valid outputs."
    from lgtm575.form import check
    from lgtm575.plan import claim_tally, plan_lines
    preds = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    tot = dict(outputs=len(preds), plans=0, words=0, words_right=0, sums=0, sums_right=0, plans_on_target=0, valid=0,
               haiku_is_plan=0, plan_valid=0, toward=0, away=0)
    for p in preds:
        t = claim_tally(p.get("plan") or "")
        tot["valid"] += check(p.get("output") or "").valid
        if not t["lines"]: continue
        tot["plans"] += 1
        for k in ("words", "words_right", "sums", "sums_right", "toward", "away"): tot[k] += t[k]
        tot["plans_on_target"] += t["lines"] >= 3 and t["lines_on_target"] == t["lines"]
        lines = plan_lines(p["plan"])
        tot["haiku_is_plan"] += lines == [x.strip() for x in (p.get("output") or "").splitlines() if x.strip()]
        tot["plan_valid"] += check("\n".join(lines)).valid
    return tot


def _pct(a, b):
    return f"{a / b:.0%}" if b else "–"


def table(res):
    head = ("| student | outputs with a plan | word counts right | running sums right | plans whose sums reach every "
            "line's target | lines whose wrong counts pull toward / away from the target | the plan's lines scan | "
            "the haiku is the plan's lines | outputs that scan 5-7-5 |\n"
            "|---|---|---|---|---|---|---|---|---|\n")
    rows = [f"| {n} | {t['plans']} of {t['outputs']} | {_pct(t['words_right'], t['words'])} ({t['words_right']} of "
            f"{t['words']}) | {_pct(t['sums_right'], t['sums'])} | {t['plans_on_target']} | {t['toward']} / {t['away']} | "
            f"{t['plan_valid']} | "
            f"{t['haiku_is_plan']} | {t['valid']} |"
            for n, t in res.items()]
    return head + "\n".join(rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", help="NAME=PRED.jsonl")
    ap.add_argument("--table", default="blog/docs/generated/v1_plan_claims.md")
    a = ap.parse_args()
    res = {}
    for f in a.files:
        name, sep, path = f.partition("=")
        if not sep: ap.error(f"{f}: expected NAME=PRED.jsonl")
        res[name] = tally(path)
    md = table(res)
    with open(a.table, "w", encoding="utf-8") as fh:
        fh.write(md + "\nEvery claim checked by `plan.claim_tally` (the counter, `lgtm575.syllables`, and arithmetic). Measured by\n"
                 f"`benchmarks/plan_claims.py {shlex.join(a.files)}`.\n")
    print(md)


if __name__ == "__main__":
    main()
