"""The LLM judge's agreement with the CRScore human relevance ratings, on the first N diffs of the study.

    python benchmarks/llm_judge_agreement.py QWEN.gguf --diffs 12 [--threads 1] [--write]

Prints Spearman (95% bootstrap CI over diffs) for the judge's P(yes), for the grounded relevance on the same
reviews, and for the mean of their ranks; `--write` stores the result in lgtm575/resources/llm_judge_agreement.json.
"""
import argparse, json, time
from scipy.stats import rankdata
from lgtm575.relevance import load_study, grounded, agreement, LLMJudge, AGREEMENT_PATH


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gguf"); ap.add_argument("--diffs", type=int, default=12); ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--model-name", default="Qwen2.5-Coder-1.5B-Instruct Q4_K_M"); ap.add_argument("--write", action="store_true")
    a = ap.parse_args(argv)
    study = load_study()
    ids = list(dict.fromkeys(x.diff_id for x in study))[:a.diffs]
    items = sorted((x for x in study if x.diff_id in ids), key=lambda x: ids.index(x.diff_id))
    judge, t = LLMJudge(a.gguf, n_threads=a.threads), time.perf_counter()
    p = [judge(x.diff, x.review) for x in items]
    secs = time.perf_counter() - t
    y, g, sy = [x.rating for x in items], [x.diff_id for x in items], [x.system for x in items]
    gr = grounded([x.review for x in items], [x.diff for x in items])["score"]
    res = {name: agreement(s, y, g, sy) for name, s in (("llm judge", p), ("grounded relevance", gr),
                                                         ("mean of their ranks", rankdata(p) + rankdata(gr)))}
    for name, r in res.items(): print(f"{name}: Spearman {r['spearman']:.3f} [{r['ci']['spearman'][0]:.3f}, {r['ci']['spearman'][1]:.3f}]")
    print(f"{len(items)} reviews of {len(ids)} diffs in {secs:.0f} s ({secs / len(items):.1f} s a review, {a.threads} thread(s))")
    if a.write:
        r = res["llm judge"]
        AGREEMENT_PATH.write_text(json.dumps({"model": a.model_name, "prompt": "relevance.LLM_JUDGE_PROMPT", "diffs": len(ids),
                                              "reviews": len(items), "spearman": r["spearman"], "ci": r["ci"]["spearman"],
                                              "within_diff": r["within_diff"], "system": r["system"],
                                              "same_reviews": {k: {"spearman": v["spearman"], "ci": v["ci"]["spearman"]} for k, v in res.items()},
                                              "seconds_per_review": round(secs / len(items), 2), "threads": a.threads}, indent=1) + "\n")


if __name__ == "__main__":
    main()
