"""Systems side by side on the same held-out rows, judged by the harness (`lgtm575 judge`), with paired tests.

    .venv/bin/python benchmarks/heldout_compare.py NAME=PRED.jsonl ... [--ref NAME] [--table PATH]

Only the ids every prediction file has are compared. Form and usable: McNemar exact against --ref; grounded relevance:
paired bootstrap of the difference. Writes the markdown table to --table (default blog/docs/generated/heldout_compare.md).
"""
import argparse, shlex
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("systems", nargs="+", help="NAME=PREDICTIONS.jsonl")
    ap.add_argument("--ref", help="the system the paired tests compare against (default: the first)")
    ap.add_argument("--data", default="data/heldout.jsonl")
    ap.add_argument("--labels", default=str(Path(__file__).parents[1] / "data" / "labels"),
                    help="folder of blind-read batches (reader_batch*.jsonl): an output read there, word for word, is counted in 'usable, read'")
    ap.add_argument("--table", default=str(Path(__file__).parents[1] / "blog" / "docs" / "generated" / "heldout_compare.md"))
    a = ap.parse_args()
    from lgtm575.judge import read_judge_rows, cached_records, sameness
    from lgtm575.relevance import load_validity
    from lgtm575.models import cache_dir
    from lgtm575.data import load_rows
    from lgtm575.stats import mcnemar_paired, bootstrap_mean_diff
    data = {r.id: r for r in load_rows(a.data)}
    thr, recs, outputs = load_validity()["usable_threshold"]["threshold"], {}, {}
    for spec in a.systems:
        name, path = spec.split("=", 1)
        rows, errors = read_judge_rows(path, data)
        for e in errors: print(e)
        recs[name] = {r["id"]: r for r in cached_records(rows, thr, cache_dir())[0]}
        outputs[name] = {r.id: r.output.strip() for r in rows}
    ids = sorted(set.intersection(*(set(v) for v in recs.values())))
    from lgtm575.report import blind_labels  # (id, text) -> the reader's names_issue, from every blind-read batch (first reading)
    read = blind_labels(a.labels)
    ref = a.ref or next(iter(recs))
    L = [f"| system | valid 5-7-5 | valid: distinct texts | usable | readable | echo | grounded relevance | valid vs {ref} (McNemar p) "
         f"| usable vs {ref} (McNemar p) | relevance Δ vs {ref} (95% CI) | usable, read blind: reader accepts | all read blind: name an issue |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|"]

    def paired(k, col):                      # McNemar's exact test of verdict k against the reference, row by row
        m = mcnemar_paired([recs[ref][i][k] for i in ids], col(k))
        return f"{m['p']:.3g} ({m['lost']} lost, {m['gained']} gained)"
    for name, r in recs.items():
        col = lambda k: [r[i][k] for i in ids]
        pct = lambda k: f"{sum(col(k)) / len(ids):.0%}"
        if name == ref: form, test, delta = "", "", ""
        else:
            form, test = paired("form_valid", col), paired("usable", col)
            b = bootstrap_mean_diff([recs[ref][i]["relevance"] for i in ids], col("relevance"))
            delta = f"{b['diff']:+.3f} [{b['ci_low']:+.3f}, {b['ci_high']:+.3f}]"
        seen = [read[k] for i in ids if r[i]["usable"] and (k := (i, outputs[name][i])) in read]
        checked = f"{sum(seen)} of {len(seen)}" if seen else ("none read" if any(r[i]["usable"] for i in ids) else "")
        every = [read[k] for i in ids if (k := (i, outputs[name][i])) in read]
        same = sameness([outputs[name][i] for i in ids], col("form_valid"))["valid_distinct"]
        L.append(f"| {name} | {pct('form_valid')} | {same} | {pct('usable')} | {pct('readable')} | {pct('echo')} | "
                 f"{sum(col('relevance')) / len(ids):.3f} | {form} | {test} | {delta} | {checked} | {f'{sum(every)} of {len(every)}' if every else 'none read'} |")
    text = "\n".join(L + ["", f"{len(ids)} held-out rows (the ids every system has), the same prompt; judged by `lgtm575 judge`. "
                          f"Measured by `benchmarks/heldout_compare.py {shlex.join(a.systems + ['--ref', ref])}`. "
                          "Distinct texts: how many different texts (case, spacing and a closing full stop aside) the valid outputs are; a form rate made of one "
                          "template has few. The last two columns: of this system's usable outputs, and of all its outputs, those a blind reader "
                          "read word for word (`data/labels/reader_batch*.jsonl`), and how many the reader said name an issue "
                          "(the batches were drawn for different questions, so these are counts, not a random sample).", ""])
    Path(a.table).write_text(text); print(text)


if __name__ == "__main__":
    main()
