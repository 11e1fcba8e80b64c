"""Can the 1.5B, asked whether a text is coherent English, see what `checks.readable` misses? Every text of the
blind-read batches (`data/labels/reader_batch*.jsonl`) that `readable` passes, judged without its diff: P(yes) of
Qwen2.5-Coder-1.5B-Instruct asked `COHERENCE_PROMPT`, against the reader's `readable`. A threshold is fitted on the
earlier batches (`--fit`, by accuracy on model outputs) and tested on the later ones, and the human comments show
how many real review comments it would call incoherent.

    .venv/bin/python benchmarks/coherence_vs_reader.py [--fit 9] [--out blog/docs/generated/coherence_vs_reader.md]

About 1–2 s a text on 2 cores (the instructions are read once; only the text changes); resumable through the JSONL
beside --out.
"""
import argparse, json
from pathlib import Path

ROOT = Path(__file__).parents[1]
COHERENCE_PROMPT = ("Below is a short text meant to be a code review comment, sometimes written as a three-line haiku. Do not judge "
                    "whether it is correct or useful. Judge only the English: is it coherent and grammatical, every phrase complete, "
                    "so that a reader understands it without puzzling? A text that stops mid-phrase, repeats itself, or strings "
                    "words together without meaning is not. Answer yes or no.\n\nText:\n{review}")


def batch_no(x) -> int: return int(x["batch"].removeprefix("batch"))


def fitted(ys, ps) -> tuple[float, float]:
    "The threshold on P(yes) with the best accuracy (yes at or above it; the lowest such threshold), and that accuracy."
    acc, t = max(((sum((q >= t) == y for y, q in zip(ys, ps)) / len(ys), t) for t in sorted(set(ps)) + [1.01]),
                 key=lambda z: (z[0], -z[1]))
    return t, acc


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", type=int, default=9, help="batches 1..FIT fit the threshold; the later ones test it")
    ap.add_argument("--out", default=str(ROOT / "blog" / "docs" / "generated" / "coherence_vs_reader.md"))
    a = ap.parse_args()
    from sklearn.metrics import roc_auc_score
    from tqdm.auto import tqdm
    from lgtm575.checks import reader_labels, readable, prose
    from lgtm575.models import embedded_gguf
    from lgtm575.relevance import LLMJudge
    xs = [x for x in reader_labels() if readable(x["text"], x["diff"]).ok]
    log = Path(a.out).with_suffix(".jsonl")
    done = {(d["batch"], d["item"]): d for d in map(json.loads, log.read_text().splitlines())} if log.exists() else {}
    todo = [x for x in xs if (x["batch"], x["item"]) not in done]
    if todo:
        j = LLMJudge(embedded_gguf("Qwen2.5-Coder-1.5B-Instruct"), n_threads=2, prompt=COHERENCE_PROMPT)
        with log.open("a") as f:
            for x in tqdm(todo, desc="coherence", unit="text"):
                d = {"batch": x["batch"], "item": x["item"], "p_yes": round(j("", prose(x["text"]).strip()), 6)}
                f.write(json.dumps(d) + "\n"); f.flush(); done[(x["batch"], x["item"])] = d
    p = lambda x: done[(x["batch"], x["item"])]["p_yes"]
    model = [x for x in xs if x["system"] != "human"]
    fit, test = [x for x in model if batch_no(x) <= a.fit], [x for x in model if batch_no(x) > a.fit]
    thr, acc_fit = fitted([x["readable"] for x in fit], [p(x) for x in fit])
    L = ["| texts | n | reader: readable | ROC AUC of P(yes) | at the fitted threshold: accuracy | reader-unreadable caught | reader-readable lost |",
         "|---|---|---|---|---|---|---|"]
    for name, v in ((f"model outputs, batches 1–{a.fit} (fit)", fit), (f"model outputs, batches {a.fit + 1}+ (test)", test)):
        y = [x["readable"] for x in v]
        auc = f"{roc_auc_score(y, [p(x) for x in v]):.3f}" if 0 < sum(y) < len(y) else "–"
        ok = [(p(x) >= thr) == x["readable"] for x in v]
        L.append(f"| {name} | {len(v)} | {sum(y)} | {auc} | {sum(ok) / len(v):.3f} | "
                 f"{sum(1 for x in v if not x['readable'] and p(x) < thr)} of {sum(1 for x in v if not x['readable'])} | "
                 f"{sum(1 for x in v if x['readable'] and p(x) < thr)} of {sum(y)} |")
    hum = [x for x in xs if x["system"] == "human"]
    L.append(f"| human comments (all batches) | {len(hum)} | {sum(x['readable'] for x in hum)} | | | | "
             f"{sum(1 for x in hum if p(x) < thr)} of {len(hum)} called incoherent |")
    text = "\n".join(L + ["", f"Texts of the blind-read batches that `checks.readable` passes, judged without their diff by the 1.5B asked "
                          f"whether the English is coherent (`COHERENCE_PROMPT`), P(yes) from its next-token logits; the reader's "
                          f"`readable` is the truth. Threshold fitted on batches 1–{a.fit}: P(yes) ≥ {thr:.3f} (accuracy {acc_fit:.3f} "
                          f"there). Measured by `benchmarks/coherence_vs_reader.py`.", ""])
    Path(a.out).write_text(text); print(text)


if __name__ == "__main__":
    main()
