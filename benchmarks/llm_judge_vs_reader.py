"""Does the LLM judge (Qwen2.5-Coder-1.5B, P(yes) that a review names a concrete problem) agree with a blind reader's
`names_issue`? Run on the texts that matter for the usable verdict: every model output of `data/labels/reader_batch*.jsonl`
the reader said names an issue, every held-out one the harness calls usable, and ten human comments.

    .venv/bin/python benchmarks/llm_judge_vs_reader.py [--out blog/docs/generated/llm_judge_vs_reader.md]

About 15 s a text on 2 cores (the 1.5B reads up to 2000 characters of diff); resumable through its JSONL beside --out.
"""
import argparse, json, random
from pathlib import Path

ROOT = Path(__file__).parents[1]


def texts(threshold):
    "The labelled texts to judge, each with the reader's labels and the harness's usable verdict (held-out ones)."
    from lgtm575.data import load_split
    from lgtm575.judge import JudgeRow, judge_records
    from lgtm575.checks import reader_labels
    rows = {r.id: r for r in load_split("heldout") + load_split("train", limit=0)}
    xs = [x for x in reader_labels() if "names_issue" in x]
    held = [x for x in xs if x["id"] in {r.id for r in load_split("heldout", limit=0)} and x["system"] != "human"]
    for x, v in zip(held, judge_records([JudgeRow(x["item"], x["diff"], x["text"], x["comment"]) for x in held], threshold)):
        x["usable"] = v["usable"]
    human = [x for x in xs if x["system"] == "human"]
    random.Random(0).shuffle(human)
    pick = [x for x in xs if x["system"] != "human" and (x["names_issue"] or x.get("usable"))] + human[:10]
    return pick, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "blog" / "docs" / "generated" / "llm_judge_vs_reader.md"))
    a = ap.parse_args()
    import numpy as np
    from sklearn.metrics import roc_auc_score
    from lgtm575.models import embedded_gguf
    from lgtm575.relevance import LLMJudge, load_validity
    pick, rows = texts(load_validity()["usable_threshold"]["threshold"])
    log = Path(a.out).with_suffix(".jsonl")
    done = {d["item"]: d for d in map(json.loads, log.read_text().splitlines())} if log.exists() else {}
    j = None
    with log.open("a") as f:
        for n, x in enumerate(pick):
            if x["item"] in done: continue
            j = j or LLMJudge(embedded_gguf("Qwen2.5-Coder-1.5B-Instruct"), n_threads=2)
            d = {k: x.get(k) for k in ("item", "id", "system", "names_issue", "usable")} | {"p_yes": j(rows[x["id"]].diff, x["text"])}
            f.write(json.dumps(d) + "\n"); f.flush(); done[x["item"]] = d
            print(f"{n + 1}/{len(pick)} {x['item']} p(yes) {d['p_yes']:.3f} reader {x['names_issue']}", flush=True)
    ds = [done[x["item"]] for x in pick]
    groups = {"model output, reader: names an issue": [d for d in ds if d["system"] != "human" and d["names_issue"]],
              "model output, harness: usable, reader: does not": [d for d in ds if d["system"] != "human" and not d["names_issue"]],
              "human comment": [d for d in ds if d["system"] == "human"]}
    L = ["| texts | n | P(yes) median | min | max |", "|---|---|---|---|---|"]
    for g, v in groups.items():
        p = [d["p_yes"] for d in v]
        if p: L.append(f"| {g} | {len(p)} | {np.median(p):.3f} | {min(p):.3f} | {max(p):.3f} |")
    m = [d for d in ds if d["system"] != "human"]
    auc = roc_auc_score([d["names_issue"] for d in m], [d["p_yes"] for d in m])
    L += ["", f"ROC AUC of P(yes) for the reader's *names an issue* on the {len(m)} model outputs: {auc:.2f} (0.5 is chance). "
          "Measured by `benchmarks/llm_judge_vs_reader.py`.", ""]
    Path(a.out).write_text("\n".join(L)); print("\n".join(L))


if __name__ == "__main__":
    main()
