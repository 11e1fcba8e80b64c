"""What a v1.0 student's plan tokens learned: the lookup (each word's syllable count) or only the arithmetic.

    .venv/bin/python benchmarks/plan_claims.py NAME=PRED.jsonl [NAME=PRED.jsonl ...] [--traces TRACES.jsonl] [--table PATH]

For each prediction file, every plan's claims are checked by `plan.claim_tally` (the counter and arithmetic, as
the GRPO plan reward checks them): how many word counts are the counter's, how many running sums are right, how
many plans reach 5-7-5 by their own sums, how many plans' final lines (`plan.plan_lines`) scan, how many haiku
are those lines word for word, how many outputs scan (`form.check`), and how many lines' wrong counts pull
toward their target against away from it. A student whose sums reach the targets while its word counts are wrong
has learned to add up, not to count; one whose wrong counts pull toward the target writes the count it needs. With
--traces (the plan traces the students were trained on), a second table splits the word counts: words whose count
a trace showed against words it never showed, and by the counter's count. A student that counts does about as well
on both; one that looked counts up does well only on the first. With --lexicon N as well (the words of
`lgtm575 train --lexicon N`), the other words are split again: those the lexicon holds and those neither holds. Writes the markdown to --table
(default blog/docs/generated/v1_plan_claims.md).
"""
import argparse, collections, json, shlex


def _key(word):
    return word.lower().strip(".,:;!?`'\"()")


def trace_words(path):
    "The words (lower-cased, punctuation off) whose count a plan trace in `path` shows."
    from lgtm575.plan import _CLAIM, _LINE
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.strip():
            for _, body, _ in _LINE.findall(json.loads(line).get("trace") or ""):
                out |= {_key(w) for w, _, _ in _CLAIM.findall(body)}
    return out


def by_word(path, seen, lex=None):
    "Right / claimed word counts of a prediction file's plans: for words in `seen` and not (split by `lex` when given), and by the counter's count."
    from lgtm575.plan import _CLAIM, _LINE
    from lgtm575.syllables import count
    tot = collections.defaultdict(lambda: [0, 0])
    for line in open(path, encoding="utf-8"):
        if not line.strip(): continue
        for _, body, _ in _LINE.findall(json.loads(line).get("plan") or ""):
            for w, n, _ in _CLAIM.findall(body):
                c = count(w)
                keys = ["seen" if _key(w) in seen else "unseen", f"true{min(max(c, 1), 3)}"]
                if lex is not None and keys[0] == "unseen": keys.append("lex" if _key(w) in lex else "new")
                for k in keys:
                    tot[k][0] += int(n) == c; tot[k][1] += 1
    return tot


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


def word_table(res, lex=False):
    "Markdown: word counts right by whether a trace showed the word (and, with `lex`, the lexicon), and by the word's true count."
    extra = ("other words in the lexicon: right | other words in neither: right | " if lex else "")
    head = ("| student | words a trace showed: right | other words: right | " + extra + "share of words a trace showed | "
            "words of one syllable (or none): right | of two | of three or more |\n|---|---|---|---|---|---|---|"
            + ("---|---|" if lex else "") + "\n")
    cell = lambda t, k: f"{_pct(t[k][0], t[k][1])} ({t[k][0]} of {t[k][1]})"
    rows = [f"| {n} | {cell(t, 'seen')} | {cell(t, 'unseen')} | " + (f"{cell(t, 'lex')} | {cell(t, 'new')} | " if lex else "")
            + f"{_pct(t['seen'][1], t['seen'][1] + t['unseen'][1])} | "
            f"{cell(t, 'true1')} | {cell(t, 'true2')} | {cell(t, 'true3')} |" for n, t in res.items()]
    return head + "\n".join(rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", help="NAME=PRED.jsonl")
    ap.add_argument("--traces", help="the plan traces the students were trained on (adds the by-word table)")
    ap.add_argument("--lexicon", type=int, default=None, metavar="N",
                    help="with --traces: split the other words by whether the N-word lexicon of `train --lexicon N` holds them")
    ap.add_argument("--table", default="blog/docs/generated/v1_plan_claims.md")
    a = ap.parse_args()
    files = {}
    for f in a.files:
        name, sep, path = f.partition("=")
        if not sep: ap.error(f"{f}: expected NAME=PRED.jsonl")
        files[name] = path
    md = table({n: tally(p) for n, p in files.items()})
    if a.traces:
        seen = trace_words(a.traces)
        lex = None
        if a.lexicon:
            from lgtm575.lexicon import lexicon_words
            lex = {w for w, _ in lexicon_words(a.lexicon)}
        md += (f"\nThe same word counts, split: words whose count one of the {len(seen)} words of the SFT traces showed, "
               "and the rest (a drill's words count as the rest)"
               + (f", the rest split again by whether the {a.lexicon}-word lexicon (`lgtm575 train --lexicon`) holds them" if lex else "")
               + "; then by the counter's count.\n\n" + word_table({n: by_word(p, seen, lex) for n, p in files.items()}, bool(lex)))
    cmd = shlex.join(a.files + (["--traces", a.traces] if a.traces else []) + (["--lexicon", str(a.lexicon)] if a.lexicon else []))
    with open(a.table, "w", encoding="utf-8") as fh:
        fh.write(md + "\nEvery claim checked by `plan.claim_tally` (the counter, `lgtm575.syllables`, and arithmetic). Measured by\n"
                 f"`benchmarks/plan_claims.py {cmd}`.\n")
    print(md)


if __name__ == "__main__":
    main()
