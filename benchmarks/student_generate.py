"""v1.0's held-out predictions from a student the profile does not name: the same plan prompt, decoding and rows as
`lgtm575 generate --system v1.0`, with another base model and adapter (Gemma 3 270M beside the SmolLM2-135M control).

    .venv/bin/python benchmarks/student_generate.py --model embedded:gemma-3-270m \
        --adapter runs/offline/v1_gemma/sft/adapter --out benchmarks/results/v1_gemma_sft/v1.0.jsonl [--limit N]

Resumable like every prediction file (rows already in --out are kept); the manifest beside --out names the model
and adapter. Judge the file with `benchmarks/heldout_compare.py`.
"""
import argparse
import json


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True, help="the student's base model: embedded:NAME, a hub id or a local path")
    ap.add_argument("--adapter", required=True, help="its v1.0 adapter folder (from `lgtm575 train --pairs <traces>`)")
    ap.add_argument("--out", required=True, help="the predictions JSONL")
    ap.add_argument("--system", default="v1.0", choices=("v1.0", "v1.0_constrained", "v1.0_counter", "v1.0_own"))
    ap.add_argument("--profile", default="offline")
    ap.add_argument("--split", default="heldout", choices=("heldout", "train"),
                    help="the rows to answer: the held-out rows, or the training rows (for the student's own traces)")
    ap.add_argument("--limit", type=int, default=None, help="the first N rows of the split (default: the profile's)")
    ap.add_argument("--no-cache", action="store_true", help="do not read or write the generation cache")
    a = ap.parse_args()
    import tempfile
    from pathlib import Path
    from lgtm575.core import load_settings
    from lgtm575.data import load_split
    from lgtm575.generate import generate_rows, system_backend, system_decoding
    s = load_settings(a.profile).model_copy(update={"student_model": a.model, "v1_adapter": str(Path(a.adapter).resolve())})
    with tempfile.TemporaryDirectory() as empty_run:    # no adapter trained in the run: `v1_adapter` is the one used
        be = system_backend(s, a.system, Path(empty_run))
    rows = load_split(a.split, a.profile, a.limit)
    st = generate_rows(rows, be, a.out, system_decoding(s, a.system), batch_size=s.batch_size,
                       diff_budget=s.diff_char_budget, cache=not a.no_cache, profile=a.profile, split=a.split, seed=s.seed)
    print(json.dumps(st))


if __name__ == "__main__":
    main()
