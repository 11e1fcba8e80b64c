"""Scoring benchmark: end-to-end wall time of `scripts/score.py`, in one command.

    make bench-score        (or: .venv/bin/python benchmarks/score_bench.py [--big 10000])

1. 100 rows x 2 systems (the real held-out rows), end to end in a fresh process (python start, imports, model
   load, form checks, embeddings, 10,000-resample bootstraps, files written): cold (empty embedding cache) and
   warm (the data side, comments and diffs, cached by the first run).
2. Scaling: N rows (default 10,000) x 2 systems, in a fresh process, cold. The rows are SYNTHETIC: the 100
   held-out rows repeated with new ids (so comments and diffs repeat, and `embed` encodes each distinct text
   once), and every output made unique by a suffix word (so every haiku is embedded and form-checked).
   The shuffle floor is O(n·d) (sums of unit vectors), not the n x n matrix.
The outputs are synthetic too: the base writes the first words of the human comment as three lines, the
candidate the comment's last words (no model is run; this measures the harness, not generation).
Writes benchmarks/results/score.json and prints a markdown table.
"""
import argparse, json, os, platform, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lgtm575.data import load_split, write_jsonl, Row
from lgtm575.score import write_predictions

WORDS = "alpha beta gamma delta omega river stone cloud maple ember".split()


def three_lines(words):
    w = (words + ["code"] * 9)[:9]
    return "\n".join([" ".join(w[:3]), " ".join(w[3:6]), " ".join(w[6:9])])


def build(folder: Path, n: int):
    held = load_split("heldout")
    if n == len(held): rows = held
    else: rows = [Row(**(r.to_dict() | {"id": f"bench-{i:06d}"})) for i, r in ((i, held[i % len(held)]) for i in range(n))]
    data = write_jsonl(folder / "data.jsonl", rows)
    tag = (lambda i: "") if n == len(held) else (lambda i: " " + WORDS[i % 10] + WORDS[(i // 10) % 10] + WORDS[(i // 100) % 10] + WORDS[(i // 1000) % 10])
    b = write_predictions(folder / "base.jsonl", {r.id: three_lines(r.comment.split()) + tag(i) for i, r in enumerate(rows)})
    c = write_predictions(folder / "cand.jsonl", {r.id: three_lines(r.comment.split()[::-1]) + tag(i) for i, r in enumerate(rows)},
                          model={"id": "bench/candidate", "fingerprint": "sha256:1", "adapter": "bench"})
    return data, b, c


def run(data, b, c, out, cache, resamples):
    t = time.perf_counter()
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "score.py"), str(b), str(c), "--out", str(out), "--data", str(data),
                        "--cache-dir", str(cache), "--resamples", str(resamples), "--quiet"], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if r.returncode: sys.exit(f"score failed: {r.stderr}")
    return wall, json.loads((out / "scores.json").read_text())["timing_s"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", type=int, default=10_000)
    ap.add_argument("--resamples", type=int, default=10_000)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "score.json"))
    a = ap.parse_args()
    res = []
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        for name, n, runs in (("100 x 2 cold", 100, ("cold", "warm")), (f"{a.big} x 2 cold", a.big, ("cold",))):
            f = td / str(n); f.mkdir()
            data, b, c = build(f, n)
            for k in runs:
                wall, timing = run(data, b, c, f / f"out-{k}", f / "cache", a.resamples)
                res.append({"case": f"{n} rows x 2 systems, {k} cache", "rows": n, "wall_s": round(wall, 2), "stages_s": timing})
                print(f"{res[-1]['case']}: {wall:.1f} s", file=sys.stderr)
    out = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
           "resamples": a.resamples, "note": __doc__.split("\n\n", 1)[1].strip(), "results": res}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
    print("| case | wall s | load+embed outputs | embed data | form | relevance | category |\n|---|---|---|---|---|---|---|")
    for r in res:
        s = r["stages_s"]
        print(f"| {r['case']} | {r['wall_s']:.1f} | {s['embed_outputs']:.1f} | {s['embed_data']:.1f} | {s['form']:.1f} | {s['relevance']:.1f} | {s['category']:.1f} |")


if __name__ == "__main__":
    main()
