"""Could a classifier learned from the blind readers' labels see what `checks.readable` misses? Logistic regression on
all-MiniLM-L6-v2 embeddings of the model outputs of `data/labels/reader_batch*.jsonl` (truth: readable to every reader
of the text), fitted on batches 1 to --fit-to and scored on the later batches, with and without the harness's verdict
as a feature.

    .venv/bin/python benchmarks/readable_learned.py [--fit-to 18]
"""
import argparse


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit-to", type=int, default=18, help="the last batch the classifier is fitted on")
    a = ap.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from lgtm575.checks import reader_labels, readable
    from lgtm575.embeddings import embed
    xs = [x for x in reader_labels() if x["system"] != "human"]
    y = np.array([x["readable"] and (x.get("second_reader") or {}).get("readable", x["readable"]) for x in xs])
    E = np.asarray(embed([x["text"] for x in xs]))
    H = np.array([[readable(x["text"], x["diff"]).ok] for x in xs], float)
    fit = np.array([int(x["batch"][5:]) <= a.fit_to for x in xs])
    print(f"fit: {fit.sum()} outputs of batches 1-{a.fit_to}; test: {(~fit).sum()} of the later batches, {y[~fit].sum()} readable")
    print(f"checks.readable alone, test accuracy: {((H[~fit, 0] == 1) == y[~fit]).mean():.3f}")
    for name, X in (("embeddings", E), ("embeddings + checks.readable", np.hstack([E, H]))):
        m = LogisticRegression(max_iter=2000, class_weight="balanced").fit(X[fit], y[fit])
        print(f"{name}: test ROC AUC {roc_auc_score(y[~fit], m.predict_proba(X[~fit])[:, 1]):.3f}")


if __name__ == "__main__":
    main()
