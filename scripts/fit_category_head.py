"""Refit the category head shipped in lgtm575/resources/category_head.json.

    python scripts/fit_category_head.py [--model embedded:all-MiniLM-L6-v2] [--seed 575] [--out PATH]

Trains a logistic-regression head on MiniLM embeddings of the labelled crc_py comments that are not in the
held-out set (`lgtm575.metrics.training_pool`), choosing C and class weights by stratified 5-fold CV on that
pool, and prints its cross-validated scores and its scores on the held-out human comments (the ceiling).
"""
import argparse, json, sys

from lgtm575.core import load_settings
from lgtm575.data import load_split
from lgtm575.metrics import HEAD_PATH, fit_category_head, head_quality


def main(argv=None) -> int:
    s = load_settings("offline")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=s.embedding_model)
    ap.add_argument("--seed", type=int, default=s.seed)
    ap.add_argument("--out", default=str(HEAD_PATH))
    a = ap.parse_args(argv)
    head = fit_category_head(model=a.model, seed=a.seed)
    head.save(a.out)
    q = head_quality(head, load_split("heldout"))
    print(json.dumps({"out": a.out, "params": head.params, "trained_on": head.trained_on, "cv": head.cv,
                      "heldout_human": q}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
