"""`lgtm575 review DIFF` end to end: a fresh process per diff, model load included, the default system.

    .venv/bin/python benchmarks/review_bench.py [--limit 10] [-- EXTRA REVIEW ARGS]

Each of the first N held-out diffs is written to a file and reviewed by `lgtm575 review FILE` in a new process (as
a user runs it), timed from start to exit. Reports the median and the spread, the haiku each run printed and the
system the default chose. Writes benchmarks/results/review.json and blog/docs/generated/review_speed.md. Run it on
an otherwise idle machine: llama.cpp's threads wait on each other when other work shares the cores.
"""
import argparse, os, statistics, subprocess, sys, tempfile, time
from pathlib import Path

from results_io import write_results


def markdown(r: dict) -> str:
    L = [f"`lgtm575 review DIFF {' '.join(r['extra'])}`".replace(" `", "`"), "",
         "| | seconds |", "|---|---|", f"| median | {r['median']:.2f} |", f"| min | {min(r['seconds']):.2f} |",
         f"| max | {max(r['seconds']):.2f} |", "",
         f"{r['n']} held-out diffs, one fresh process each (model load included), {r['cores']} cores, one run. "
         f"System: {r['system']}. Measured by `benchmarks/review_bench.py`.", ""]
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "review.json"))
    ap.add_argument("--table", default=str(Path(__file__).parents[1] / "blog" / "docs" / "generated" / "review_speed.md"))
    a, extra = ap.parse_known_args()
    extra = [x for x in extra if x != "--"]
    from lgtm575.data import load_split
    exe = str(Path(sys.executable).with_name("lgtm575"))
    rows, secs, outs, system = load_split("heldout", "offline", a.limit), [], [], ""
    with tempfile.TemporaryDirectory() as d:
        for i, r in enumerate(rows, 1):
            f = Path(d) / f"{r.id}.diff"; f.write_text(r.diff)
            t = time.perf_counter()
            p = subprocess.run([exe, "review", str(f), *extra], capture_output=True, text=True)
            secs.append(round(time.perf_counter() - t, 2))
            if p.returncode: sys.exit(f"review of {r.id} failed ({p.returncode}): {p.stderr.strip().splitlines()[-1]}")
            system = next((l.split("loading ", 1)[1].split(" ...")[0] for l in p.stderr.splitlines() if "loading " in l), system)
            outs.append({"id": r.id, "seconds": secs[-1], "haiku": p.stdout.strip()})
            print(f"{i}/{len(rows)} {secs[-1]:.1f} s  {p.stdout.strip().replace(chr(10), ' / ')}", flush=True)
    res = {"n": len(rows), "cores": os.cpu_count(), "extra": extra, "system": system, "seconds": secs,
           "median": statistics.median(secs), "outputs": outs}
    write_results(res, a.out, a.table, markdown(res))


if __name__ == "__main__":
    main()
