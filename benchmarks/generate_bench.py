"""Generation benchmark: the held-out rows with the embedded model on this machine, then the cached re-run.

    make bench-generate         (or: .venv/bin/python benchmarks/generate_bench.py [--limit 100] [--profile offline])

Runs in a fresh generation cache (a temporary folder), so the first pass really generates. Model load is
timed separately. Writes benchmarks/results/generate.json and prints a summary.
"""
import argparse, json, os, platform, tempfile, time
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="offline")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "generate.json"))
    a = ap.parse_args()
    from lgtm575.core import load_settings
    from lgtm575.data import load_split
    from lgtm575.backends import Decoding, HFBackend
    from lgtm575.generate import GenerationCache, generate_rows
    from lgtm575.records import read_records
    s = load_settings(a.profile)
    rows = load_split("heldout", a.profile, a.limit)
    t = time.perf_counter(); be = HFBackend(s.student_model); load_s = time.perf_counter() - t
    dec = Decoding(max_new_tokens=s.max_new_tokens, seed=s.seed)
    with tempfile.TemporaryDirectory() as d:
        cache = GenerationCache(Path(d) / "cache")
        kw = dict(decoding=dec, batch_size=s.batch_size, diff_budget=s.diff_char_budget, cache=cache, progress=True)
        t = time.perf_counter(); generate_rows(rows, be, Path(d) / "first.jsonl", **kw); first_s = time.perf_counter() - t
        t = time.perf_counter(); again = generate_rows(rows, be, Path(d) / "again.jsonl", **kw); again_s = time.perf_counter() - t
        recs = read_records(Path(d) / "first.jsonl")
        same = [r["output"] for r in recs] == [r["output"] for r in read_records(Path(d) / "again.jsonl")]
    toks = sum(r["tokens"]["completion"] for r in recs)
    res = {"profile": a.profile, "rows": len(rows), "model": s.student_model, "batch_size": s.batch_size,
           "max_new_tokens": s.max_new_tokens, "cores": os.cpu_count(), "machine": platform.machine(),
           "model_load_s": round(load_s, 2), "first_run_s": round(first_s, 2), "rows_per_s": round(len(rows) / first_s, 3),
           "completion_tokens": toks, "completion_tokens_per_s": round(toks / first_s, 1),
           "cached_rerun_s": round(again_s, 3), "cached_over_first": round(again_s / first_s, 4),
           "cached_rows": again["cached"], "cached_outputs_identical": same}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
