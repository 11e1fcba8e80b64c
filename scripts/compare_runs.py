"""Compare two runs of one profile (`runs/<profile>/` folders) file by file, ignoring what changes on every run.

    python scripts/compare_runs.py BEFORE_RUN_DIR AFTER_RUN_DIR [--added v,base_counts,candidate_counts]

What a refactoring must not change is every prediction, every teacher attempt and pair, every score and every
table. What changes on every run is left out: times and dates, the git commit and package versions, the
machine, absolute paths, and hashes of files that hold those. Fields a new version adds by design are named
with `--added`; they are reported, not counted as differences. Exit 0 when nothing else differs, 1 otherwise.
"""
import argparse, json, re, sys
from pathlib import Path

VOLATILE = {"created_at", "resumed_at", "finished_at", "git", "packages", "python", "timing", "timing_s", "seconds",
            "wall_seconds", "wall_seconds_this_run", "seconds_total", "hardware", "lgtm575_version", "cached_rows",
            "resumed_from", "train_runtime", "train_samples_per_second", "train_steps_per_second"}
SKIP_SUFFIXES = (".lock", ".png", ".ipynb")
SKIP_PARTS = {"stale", "notebooks", "stages"}


def clean(x, added: set, seen: set):
    "`x` without volatile keys and with the `added` keys dropped (and noted in `seen`); paths reduced to their names."
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            if k in VOLATILE: continue
            if k in added: seen.add(k); continue
            if k in ("path", "pairs_file") and isinstance(v, str): v = Path(v).name
            if k == "sha256" and "predictions" in str(x.get("path", "")): continue     # a file that holds timings
            out[k] = clean(v, added, seen)
        return out
    if isinstance(x, list): return [clean(v, added, seen) for v in x]
    return x


def load(p: Path, added: set, seen: set):
    "A file as comparable data: JSON and JSONL parsed and cleaned, anything else as text (or bytes)."
    if p.suffix == ".json": return clean(json.loads(p.read_text()), added, seen)
    if p.suffix == ".jsonl": return [clean(json.loads(l), added, seen) for l in p.read_text().splitlines() if l.strip()]
    try: return re.sub(r"\b\d+(\.\d+)? s\b", "N s", p.read_text())      # "in 2498.1 s of generation": a time
    except UnicodeDecodeError: return p.read_bytes()


def files(d: Path) -> set:
    return {q.relative_to(d) for q in d.rglob("*") if q.is_file() and not q.name.endswith(SKIP_SUFFIXES)
            and not SKIP_PARTS & set(q.relative_to(d).parts) and not q.name.startswith(".")}


def first_difference(a, b, where: str = "") -> str:
    "Where two cleaned values first differ, in words."
    if type(a) is not type(b): return f"{where}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b: return f"{where}.{k}: only in {'after' if k not in a else 'before'}"
            if a[k] != b[k]: return first_difference(a[k], b[k], f"{where}.{k}")
    if isinstance(a, list):
        if len(a) != len(b): return f"{where}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y: return first_difference(x, y, f"{where}[{i}]")
    if isinstance(a, str) and "\n" in a:
        for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
            if x != y: return f"{where} line {i}: {x[:80]!r} vs {y[:80]!r}"
    return f"{where}: {str(a)[:80]!r} vs {str(b)[:80]!r}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--added", default="", help="comma-separated fields the newer version adds by design")
    a = ap.parse_args(argv)
    added, seen = {k for k in a.added.split(",") if k}, set()
    fb, fa = files(a.before), files(a.after)
    diffs = [f"only before: {p}" for p in sorted(fb - fa)] + [f"only after: {p}" for p in sorted(fa - fb)]
    for p in sorted(fb & fa):
        x, y = load(a.before / p, added, seen), load(a.after / p, added, seen)
        if x != y: diffs.append(f"{p}: {first_difference(x, y)}")
    print(f"{len(fb & fa)} files compared; {len(diffs)} differ" + (f"; fields added by design: {', '.join(sorted(seen))}" if seen else ""))
    for d in diffs: print("  " + d)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
