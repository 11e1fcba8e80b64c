"""Where does the point teacher lose the point? Its first step, the instruction to the author, written from the
comment alone (as `teacher.PointBackend` does) and from the comment beside the diff, on the same training rows.

    .venv/bin/python benchmarks/point_probe.py --rows 15 --out benchmarks/results/point_probe.jsonl

Writes one line per row (`id`, `without_diff`, `with_diff`, seconds); the instructions are for blind reading
(`data/labels/`), not for a metric.
"""
import argparse, json, random, time

from lgtm575.backends import Decoding, LlamaBackend
from lgtm575.data import load_split, prepare_diff
from lgtm575.prompts import Conversation, POINT_PROMPTS, point_messages

WITH_DIFF = POINT_PROMPTS["point"] + "\n\n```diff\n{diff}\n```"


def with_diff(comment: str, diff: str, limit: int = 600) -> Conversation:
    "The first step's chat with the diff shown below the comment (the variant this probe measures)."
    return Conversation([{"role": "user", "content": WITH_DIFF.format(comment=comment[:limit], diff=diff)}], diff, comment)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=15, help="training rows, drawn with --seed")
    ap.add_argument("--seed", type=int, default=5929)
    ap.add_argument("--skip", nargs="*", default=[], help="label files whose row ids are not drawn again")
    ap.add_argument("--threads", type=int, default=None, help="llama.cpp threads (default: every core)")
    ap.add_argument("--out", default="benchmarks/results/point_probe.jsonl")
    a = ap.parse_args()
    skip = {json.loads(l)["id"] for f in a.skip for l in open(f)}
    rows = random.Random(a.seed).sample([r for r in load_split("train", "offline") if r.id not in skip], a.rows)
    be = LlamaBackend("embedded:Qwen2.5-Coder-1.5B-Instruct", n_threads=a.threads)
    dec = Decoding(max_new_tokens=40)
    first = lambda t: next((l.strip() for l in t.splitlines() if l.strip()), "")
    with open(a.out, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows, 1):
            t = time.perf_counter()
            alone = first(be.generate([point_messages(r.comment)], dec)[0].text)
            beside = first(be.generate([with_diff(r.comment, prepare_diff(r.diff, 900).text)], dec)[0].text)
            f.write(json.dumps({"id": r.id, "without_diff": alone, "with_diff": beside,
                                "seconds": round(time.perf_counter() - t, 1)}) + "\n"); f.flush()
            print(f"{i}/{len(rows)} {r.id}: {alone!r} | {beside!r}", flush=True)


if __name__ == "__main__":
    main()
