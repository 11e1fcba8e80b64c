"""Can a small student learn to count the syllables of words it has never seen? A lexicon probe for issue 16.

The v1.0 students' plans are right on 87-93% of the word counts a training trace showed them and on 35-54% of the
rest (`benchmarks/plan_claims.py --traces`): what they learned is a lookup. This asks whether more of the same kind
of data could teach counting itself. A LoRA (the profile's r, alpha and targets) is trained on a lexicon: the N most
frequent English words (wordfreq) that CMUdict knows with one syllable count, in lists of `word: N` lines, the loss
only on which digit each count is. Then the student answers, as `benchmarks/syllable_probe.py` asks it (the same ten-word
few-shot list, the most likely digit 1-7 after `word: `), for the 445 words of the teacher's committed haiku, none of
which is in any lexicon, and for 445 lexicon words (what it memorised). A student that learns to count does better on
the unseen words as N grows; one that only memorises does not. On the HF backend (the trained adapter), on CPU.

    .venv/bin/python benchmarks/lexicon_probe.py [--models M ...] [--sizes 1000 4000 16000] [--out PATH]
"""
import argparse, json, random, statistics, time
from pathlib import Path

ROOT = Path(__file__).parents[1]
import sys; sys.path.insert(0, str(ROOT / "benchmarks"))
from syllable_probe import HEAD, SHOTS, probe_words  # the same few-shot list and unseen words as the untrained probe


def lexicon(exclude: set, n_max: int) -> list[tuple[str, int]]:
    "The `n_max` most frequent English words (wordfreq) that CMUdict knows with one count, `exclude` and the shots left out."
    from wordfreq import top_n_list
    from lgtm575.syllables import cmu
    d, shots, out = cmu(), {w for w, _ in SHOTS}, []
    for w in top_n_list("en", 200_000):
        if w.isalpha() and w.isascii() and len(w) > 1 and w not in exclude and w not in shots and w in d and len(set(d[w])) == 1 and d[w][0] >= 1:
            out.append((w, d[w][0]))
            if len(out) == n_max: break
    return out


class Coder:
    "Token ids for the probe's text, built by concatenation so that training and asking tokenize alike."
    def __init__(self, tok):
        self.tok = tok
        enc = lambda s: tok(s, add_special_tokens=False)["input_ids"]
        self.enc, self.bos = enc, ([tok.bos_token_id] if tok.bos_token_id is not None else [])
        self.head = self.bos + enc(HEAD)
        self.digits = [enc(str(n))[-1] for n in range(1, 8)]
        self.nl = enc("\n")

    def example(self, words) -> tuple[list[int], list[int]]:
        "A list of `word: N` lines after the head; labels only on the digits."
        ids, labels = list(self.head), [-100] * len(self.head)
        for w, n in words:
            pre = self.enc(f"{w}: ")
            ids += pre + [self.digits[min(n, 7) - 1]] + self.nl
            labels += [-100] * len(pre) + [self.digits[min(n, 7) - 1]] + [-100] * len(self.nl)
        return ids, labels

    def question(self, w) -> list[int]:
        return self.head + self.enc(f"{w}: ")


def digit_logits(model, coder, ids, mask, at):
    "The logits of the digits 1-7 for the next token after positions `at` (one per row): the body's hidden state times the output rows of the digits."
    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    h = inner.get_decoder()(input_ids=ids, attention_mask=mask).last_hidden_state
    w = inner.get_output_embeddings().weight[coder.digits]
    return h[at] @ w.T


def ask(model, coder, words, batch=32) -> list[int]:
    "The most likely digit 1-7 for each word, left-padded batches."
    import torch
    out, pad = [], coder.tok.pad_token_id
    model.eval()
    for i in range(0, len(words), batch):
        qs = [coder.question(w) for w, _ in words[i:i + batch]]
        L = max(map(len, qs))
        ids = torch.tensor([[pad] * (L - len(q)) + q for q in qs])
        mask = torch.tensor([[0] * (L - len(q)) + [1] * len(q) for q in qs])
        with torch.no_grad():
            logits = digit_logits(model, coder, ids, mask, (torch.arange(len(qs)), torch.full((len(qs),), L - 1)))
        out += [1 + int(j) for j in logits.argmax(-1)]
    return out


def train(model, coder, lex, epochs=2, per=40, batch=8, lr=1e-3, seed=575) -> tuple[int, float]:
    "Train the LoRA on `lex` in lists of `per` words; the steps taken and the last mean loss."
    import torch
    rng = random.Random(seed)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    model.train(); steps, last = 0, float("nan")
    for _ in range(epochs):
        words = list(lex); rng.shuffle(words)
        exs = [coder.example(words[i:i + per]) for i in range(0, len(words), per)]
        rng.shuffle(exs)
        for i in range(0, len(exs), batch):
            part = exs[i:i + batch]; L = max(len(x) for x, _ in part)
            ids = torch.tensor([x + [coder.tok.pad_token_id] * (L - len(x)) for x, _ in part])
            lab = torch.tensor([y + [-100] * (L - len(y)) for _, y in part])
            mask = torch.tensor([[1] * len(x) + [0] * (L - len(x)) for x, _ in part])
            rows, cols = torch.nonzero(lab != -100, as_tuple=True)          # each count digit, predicted from the token before it
            target = torch.tensor([coder.digits.index(int(t)) for t in lab[rows, cols]])
            loss = torch.nn.functional.cross_entropy(digit_logits(model, coder, ids, mask, (rows, cols - 1)), target)
            loss.backward(); opt.step(); opt.zero_grad(); steps += 1; last = loss.item()
    return steps, last


def score(got, words) -> dict:
    right = [g == n for g, (_, n) in zip(got, words)]
    by = lambda k: [r for r, (_, n) in zip(right, words) if min(n, 3) == k]
    return {"right": sum(right), "n": len(words), **{f"right{k}": f"{sum(by(k))}/{len(by(k))}" for k in (1, 2, 3)},
            "most": max(statistics.multimode(got), key=got.count)}


def run(model_name, sizes, unseen) -> list[dict]:
    "Before training and after training on each lexicon size (a fresh LoRA each time): scores on unseen and lexicon words."
    import torch
    from peft import get_peft_model
    from lgtm575.core import load_settings
    from lgtm575.sft import load_student, lora_config
    torch.manual_seed(575)
    base, tok = load_student(model_name, dtype=torch.float32)
    coder, big = Coder(tok), lexicon({w for w, _ in unseen}, max(sizes))
    rows = [{"model": model_name, "lexicon": 0, "unseen": score(ask(base, coder, unseen), unseen), "seconds": 0}]
    print(rows[-1], flush=True)
    for n in sizes:
        lex = big[:n]
        model = get_peft_model(base, lora_config(load_settings("offline"), base))
        t = time.perf_counter(); steps, loss = train(model, coder, lex); secs = time.perf_counter() - t
        known = random.Random(575).sample(lex, min(len(unseen), len(lex)))
        rows.append({"model": model_name, "lexicon": n, "steps": steps, "loss": round(loss, 4), "seconds": round(secs),
                     "unseen": score(ask(model, coder, unseen), unseen), "known": score(ask(model, coder, known), known)})
        print(rows[-1], flush=True)
        base = model.unload()          # the base weights back, without this LoRA
    return rows


def table(rows) -> str:
    head = ("| student | lexicon words | steps | training | unseen words: right | 1 syll. | 2 | 3+ | most given | "
            "lexicon words: right |\n|---|---|---|---|---|---|---|---|---|---|\n")
    cell = lambda s: f"{s['right']}/{s['n']} ({s['right'] / s['n']:.0%})"
    return head + "\n".join(
        f"| {r['model'].removeprefix('embedded:')} | {r['lexicon'] or 'none (untrained)'} | {r.get('steps', '')} | "
        f"{str(r['seconds']) + ' s' if r['lexicon'] else ''} | {cell(r['unseen'])} | {r['unseen']['right1']} | "
        f"{r['unseen']['right2']} | {r['unseen']['right3']} | {r['unseen']['most']} | {cell(r['known']) if 'known' in r else ''} |"
        for r in rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", nargs="+", default=["embedded:SmolLM2-135M-Instruct", "embedded:gemma-3-270m"])
    ap.add_argument("--sizes", nargs="+", type=int, default=[1000, 4000, 16000])
    ap.add_argument("--out", default=str(ROOT / "blog" / "docs" / "generated" / "lexicon_probe.md"))
    a = ap.parse_args()
    unseen = probe_words()
    rows = [r for m in a.models for r in run(m, a.sizes, unseen)]
    md = (table(rows) + f"\nUnseen words: the {len(unseen)} words of the teacher's committed haiku that CMUdict knows with one "
          "count (`benchmarks/syllable_probe.py`), in no lexicon. Lexicon words: as many drawn from the lexicon the "
          "student was trained on. A fresh LoRA per row (r, alpha and targets of the offline profile; AdamW, lr 1e-3, "
          "two epochs, lists of 40 words, batches of 8; the loss is the cross-entropy over the seven digits at each count), on CPU. Measured by "
          f"`benchmarks/lexicon_probe.py --models {' '.join(a.models)} --sizes {' '.join(map(str, a.sizes))}`.\n")
    Path(a.out).write_text(md)
    Path(a.out).with_suffix(".jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(md)


if __name__ == "__main__":
    main()
