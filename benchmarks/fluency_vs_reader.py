"""Can a language model's fluency see what `checks.readable` misses? For every model output of the blind-read batches
(`data/labels/reader_batch*.jsonl`) that `readable` passes, the mean (and 10th-percentile) token log-probability of
the text under each embedded model, and its ROC AUC against the reader's `readable`.

    .venv/bin/python benchmarks/fluency_vs_reader.py [--models SmolLM2-135M-Instruct gemma-3-270m Qwen2.5-Coder-1.5B-Instruct]

About 0.3 s (135M), 0.7 s (270M) and 1.3 s (1.5B) a text on 2 cores; resumable through the JSONL beside --out.
"""
import argparse, json
from pathlib import Path

ROOT = Path(__file__).parents[1]
PREFIX = "Code review comment:\n"


def logprobs(llm, text):
    "Each token's log-probability under `llm`, after a fixed prefix."
    import numpy as np
    p = llm.tokenize(PREFIX.encode(), add_bos=True)
    t = llm.tokenize(text.encode(), add_bos=False, special=False)[:200]
    if not t: return []
    llm.reset(); llm.eval(p + t)
    sc = np.array(llm.scores[: len(p) + len(t)])
    ls = sc - np.logaddexp.reduce(sc, axis=1, keepdims=True)
    return [round(float(ls[len(p) + i - 1, tok]), 4) for i, tok in enumerate(t)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", nargs="+", default=["SmolLM2-135M-Instruct", "gemma-3-270m", "Qwen2.5-Coder-1.5B-Instruct"])
    ap.add_argument("--out", default=str(ROOT / "blog" / "docs" / "generated" / "fluency_vs_reader.md"))
    a = ap.parse_args()
    import numpy as np
    from llama_cpp import Llama
    from sklearn.metrics import roc_auc_score
    from tqdm.auto import tqdm
    from lgtm575.checks import reader_labels, readable, prose
    from lgtm575.models import embedded_gguf
    xs = [x for x in reader_labels() if x["system"] != "human" and readable(x["text"], x["diff"]).ok]
    log = Path(a.out).with_suffix(".jsonl")
    done = {(d["model"], d["item"]): d for d in map(json.loads, log.read_text().splitlines())} if log.exists() else {}
    L = ["| model | texts | reader: readable | AUC, mean log-prob | AUC, 10th percentile |", "|---|---|---|---|---|"]
    for m in a.models:
        todo = [x for x in xs if (m, x["item"]) not in done]
        if todo:
            llm = Llama(str(embedded_gguf(m)), n_ctx=1024, logits_all=True, verbose=False, n_threads=2)
            with open(log, "a") as f:
                for x in tqdm(todo, desc=m, unit="text"):
                    d = {"model": m, "item": x["item"], "lps": logprobs(llm, prose(x["text"]).strip())}
                    f.write(json.dumps(d) + "\n"); f.flush(); done[(m, x["item"])] = d
        pr = [(x["readable"], done[(m, x["item"])]["lps"]) for x in xs if done[(m, x["item"])]["lps"]]
        y = [r for r, _ in pr]
        L.append(f"| {m} | {len(pr)} | {sum(y)} | {roc_auc_score(y, [np.mean(v) for _, v in pr]):.3f} | "
                 f"{roc_auc_score(y, [np.percentile(v, 10) for _, v in pr]):.3f} |")
    text = "\n".join(L + ["", "Model outputs of the blind-read batches that `checks.readable` passes; the reader's `readable` is the truth. "
                          "Measured by `benchmarks/fluency_vs_reader.py`.", ""])
    Path(a.out).write_text(text); print(text)


if __name__ == "__main__":
    main()
