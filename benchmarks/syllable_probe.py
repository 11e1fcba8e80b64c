"""Which student already knows how many syllables a word has? A probe for issue 16's choice between
SmolLM2-135M-Instruct and Gemma 3 270M (base), with the 1.5B teacher as a reference, before any training.

v1.0's plan fails on its counts: read beside the counter, the committed v1.0 (the 135M after SFT on plan traces)
writes 75% of its per-word counts right, and most lines it marks `ok` do not scan. A student that knows more counts
before training has less to learn. Each model reads a few-shot list (`word: N`, ten fixed words) and then one word of
the teacher's committed haiku (`data/teacher/offline/pairs.jsonl`) that CMUdict knows with a single syllable count;
its answer is the digit 1-7 with the highest next-token logit. No chat template (Gemma 3 270M is a base model), the
same text for every model, greedy; on llama.cpp from the embedded GGUFs. The list is read once and each word is
appended to its cache, so a word costs a few tokens.

    .venv/bin/python benchmarks/syllable_probe.py [--out blog/docs/generated/syllable_probe.md]
"""
import argparse, json, re, statistics, time
from pathlib import Path

ROOT = Path(__file__).parents[1]
MODELS = ("embedded:SmolLM2-135M-Instruct", "embedded:gemma-3-270m", "embedded:Qwen2.5-Coder-1.5B-Instruct")
SHOTS = (("cat", 1), ("table", 2), ("banana", 3), ("test", 1), ("variable", 4), ("return", 2), ("documentation", 5),
         ("idea", 3), ("string", 1), ("parameter", 4))
HEAD = "How many syllables each word has:\n\n" + "".join(f"{w}: {n}\n" for w, n in SHOTS)


def probe_words() -> list[tuple[str, int]]:
    "The words of the committed teacher haiku that CMUdict knows with one syllable count, not among the shots."
    from lgtm575.syllables import cmu
    d, shots = cmu(), {w for w, _ in SHOTS}
    words = set()
    for line in (ROOT / "data" / "teacher" / "offline" / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        h = json.loads(line)["haiku"]
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{2,}", h if isinstance(h, str) else " ".join(h))}
    return sorted((w, d[w][0]) for w in words - shots if w in d and len(set(d[w])) == 1)


def answers(model: str, words) -> tuple[list[int], list[float], float]:
    "Each word's answer (the most likely digit 1-7 after `word: `), its expected count under those digits' softmax, and the seconds, model load excluded."
    import numpy as np
    from lgtm575.backends import make_backend
    llm = make_backend("llama", model).llm
    tok = lambda s: llm.tokenize(s.encode(), add_bos=False, special=False)
    bos = [llm.token_bos()] if llm.token_bos() is not None and llm.token_bos() >= 0 else []
    head = bos + tok(HEAD)
    digits = [tok(str(n))[-1] for n in range(1, 8)]
    llm.reset(); llm.eval(head); n0 = llm.n_tokens
    out, ev, t = [], [], time.perf_counter()
    for w, _ in words:
        ids = tok(HEAD + f"{w}: ")[len(head) - len(bos):]
        assert (bos + tok(HEAD + f"{w}: "))[:len(head)] == head, f"{model}: the list does not tokenize as a prefix before {w!r}"
        llm.n_tokens = n0; llm.eval(ids)
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
        z = logits[digits] - logits[digits].max(); p = np.exp(z) / np.exp(z).sum()
        out.append(1 + int(np.argmax(p))); ev.append(float(p @ np.arange(1, 8)))
    return out, ev, time.perf_counter() - t


def rho_gap(recs, a: str, b: str, n: int = 2000) -> str:
    "ρ(a) − ρ(b) with a 95% paired bootstrap interval over the words (seed 575)."
    import numpy as np
    from scipy.stats import spearmanr
    ea, eb = (np.array([r["expected"] for r in recs if r["model"] == m]) for m in (a, b))
    y = np.array([r["count"] for r in recs if r["model"] == a])
    rng, gap = np.random.default_rng(575), lambda i: spearmanr(ea[i], y[i]).statistic - spearmanr(eb[i], y[i]).statistic
    boots = sorted(gap(rng.integers(0, len(y), len(y))) for _ in range(n))
    return (f"ρ({a.removeprefix('embedded:')}) − ρ({b.removeprefix('embedded:')}) = {gap(np.arange(len(y))):+.2f} "
            f"[{boots[int(0.025 * n)]:+.2f}, {boots[int(0.975 * n)]:+.2f}] (95% paired bootstrap over the words).")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "blog" / "docs" / "generated" / "syllable_probe.md"))
    a = ap.parse_args()
    words = probe_words()
    rows, recs = [], []
    for m in MODELS:
        from scipy.stats import spearmanr
        got, ev, secs = answers(m, words)
        rho = spearmanr(ev, [n for _, n in words]).statistic
        right = [g == n for g, (_, n) in zip(got, words)]
        by = {k: [r for r, (_, n) in zip(right, words) if n == k] for k in sorted({n for _, n in words})}
        always = max(statistics.multimode(got), key=got.count)
        rows.append(f"| {m.removeprefix('embedded:')} | {sum(right)}/{len(words)} ({sum(right) / len(words):.0%}) | "
                    f"{sum(abs(g - n) <= 1 for g, (_, n) in zip(got, words)) / len(words):.0%} | {rho:.2f} | "
                    + " | ".join(f"{sum(v)}/{len(v)}" for v in by.values()) + f" | {always} ({got.count(always)}) | {secs:.0f} s |")
        recs += [{"model": m, "word": w, "count": n, "answer": g, "expected": round(e, 3)} for g, e, (w, n) in zip(got, ev, words)]
        print(rows[-1], flush=True)
    base = sum(n == max(statistics.multimode([n for _, n in words])) for _, n in words)
    ks = sorted({n for _, n in words})
    md = (f"Syllable counts known before training: {len(words)} words of the teacher's committed haiku (CMUdict, one "
          f"count each), ten-word few-shot list, the most likely digit 1-7; ρ ranks the expected count under the digits' "
          f"softmax against the true one, so it shows knowledge a collapsed answer hides (`benchmarks/syllable_probe.py`). Always answering "
          f"the most common count would score {base}/{len(words)} ({base / len(words):.0%}).\n\n"
          "| model | right | within one | Spearman ρ, expected count vs true | " + " | ".join(f"right, {k} syll." for k in ks) + " | most given answer | time |\n"
          "|---|---|---|---|" + "---|" * len(ks) + "---|---|\n" + "\n".join(rows) + "\n")
    md += "\n" + rho_gap(recs, MODELS[1], MODELS[0]) + "\n"
    Path(a.out).write_text(md)
    Path(a.out).with_suffix(".jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    print(md)


if __name__ == "__main__":
    main()
