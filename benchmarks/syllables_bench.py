"""Syllable counter benchmark: accuracy against CMUdict and throughput, in one command.

    make bench-syllables        (or: .venv/bin/python benchmarks/syllables_bench.py [--n 5000] [--seed 575])

Ground truth: CMUdict's first pronunciation, syllables = phones carrying a stress digit.
- lookup on:  the full counter (`lgtm575.syllables.count`) on a seeded sample of CMUdict words;
- lookup off: the fallback alone (`fallback_count`) on a seeded sample of the words it never learned from
  (`is_heldout_word`), beside pyphen and the `syllables` package on the same words;
- throughput: `count()` over a text of dictionary words, caches cold and warm (median of repeats).
Writes benchmarks/results/syllables.json and prints a markdown table.
"""
import argparse, json, platform, random, statistics, time
from pathlib import Path

import pyphen, syllables as syllables_pkg
from lgtm575 import syllables as S


def score(pred, truth, alts):
    n = len(truth)
    return {"exact": sum(p == t for p, t in zip(pred, truth)) / n,
            "any_reading": sum(p in a for p, a in zip(pred, alts)) / n,
            "mae": sum(abs(p - t) for p, t in zip(pred, truth)) / n, "n": n}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=575)
    ap.add_argument("--tokens", type=int, default=200_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "syllables.json"))
    a = ap.parse_args()
    cmu = S.cmu()
    words = S.cmu_training_words()
    rng = random.Random(a.seed)
    sample_all = rng.sample(words, a.n)
    sample_held = rng.sample([w for w in words if S.is_heldout_word(w)], a.n)
    dic = pyphen.Pyphen(lang="en_US")
    methods = {
        "lgtm575 (lookup on)": lambda w: S.count(w),
        "lgtm575 fallback (lookup off)": S.fallback_count,
        "pyphen": lambda w: len(dic.inserted(w).split("-")),
        "syllables package": syllables_pkg.estimate,
    }
    res = {"seed": a.seed, "n": a.n, "python": platform.python_version(), "machine": platform.machine(),
           "cores": __import__("os").cpu_count(), "fallback_trained_on": S.fallback_model()["trained_on"],
           "accuracy": {}}
    for sname, sample in (("all CMUdict words", sample_all), ("held-out words (fallback never saw)", sample_held)):
        truth = [cmu[w][0] for w in sample]; alts = [cmu[w] for w in sample]
        res["accuracy"][sname] = {m: score([f(w) for w in sample], truth, alts) for m, f in methods.items()}

    # Throughput: dictionary words through count(), caches cleared before the cold run.
    text_words = [rng.choice(words) for _ in range(a.tokens)]
    text = " ".join(text_words)
    cold, warm = [], []
    for _ in range(a.repeats):
        S.token_pieces.cache_clear(); S.word_piece.cache_clear()
        t = time.perf_counter(); S.count(text); cold.append(time.perf_counter() - t)
        t = time.perf_counter(); S.count(text); warm.append(time.perf_counter() - t)
    held = [w for w in words if S.is_heldout_word(w)][:20000]
    fb = []
    for _ in range(a.repeats):
        t = time.perf_counter(); [S.fallback_count(w) for w in held]; fb.append(time.perf_counter() - t)
    t = time.perf_counter(); S.cmu.cache_clear(); S.cmu(); load = time.perf_counter() - t
    res["throughput"] = {
        "tokens": a.tokens, "unique_tokens": len(set(text_words)),
        "dictionary_tokens_per_s_cold": a.tokens / statistics.median(cold),
        "dictionary_tokens_per_s_warm": a.tokens / statistics.median(warm),
        "fallback_words_per_s": len(held) / statistics.median(fb),
        "cmudict_load_s": load, "repeats": a.repeats,
    }
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2) + "\n")

    print(f"# Syllable counter benchmark (seed {a.seed}, {a.n} words per sample; truth: CMUdict first pronunciation)\n")
    for sname, rows in res["accuracy"].items():
        print(f"## {sname}\n\n| method | exact | any reading | MAE |\n|---|---|---|---|")
        for m, s in rows.items(): print(f"| {m} | {s['exact']:.4f} | {s['any_reading']:.4f} | {s['mae']:.3f} |")
        print()
    tp = res["throughput"]
    print("## Throughput (median of %d runs, %d tokens)\n" % (a.repeats, a.tokens))
    print(f"- dictionary words through count(), cold caches: {tp['dictionary_tokens_per_s_cold']:,.0f} tokens/s")
    print(f"- dictionary words through count(), warm caches: {tp['dictionary_tokens_per_s_warm']:,.0f} tokens/s")
    print(f"- fallback alone: {tp['fallback_words_per_s']:,.0f} words/s; CMUdict load {tp['cmudict_load_s']:.2f} s")
    print(f"\nwritten: {a.out}")


if __name__ == "__main__":
    main()
