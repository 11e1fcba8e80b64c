"""Cost per haiku: syllable-constrained decoding vs greedy, per engine and model, same rows and prompt, one run.

    make bench-decode           (or: .venv/bin/python benchmarks/decode_bench.py [--limit 20] [--systems ...])

Systems are engine:model pairs: `hf` is transformers (fp32 on CPU, the model dequantized from its GGUF), `llama`
is llama.cpp (the GGUF itself). No generation cache; the model load is not timed; one warm-up haiku first.
Greedy is timed one haiku at a time, like the constrained decoder. Writes benchmarks/results/decode.json and the
table the blog includes, blog/docs/generated/decode_cost.md.
"""
import argparse, os, platform, statistics, time
from pathlib import Path

from results_io import write_results

SYSTEMS = ["hf:embedded:SmolLM2-135M-Instruct", "llama:embedded:SmolLM2-135M-Instruct",
           "llama:embedded:Qwen2.5-Coder-1.5B-Instruct"]


def markdown(r: dict) -> str:
    "The blog's table: seconds per haiku and the constrained/greedy ratio, per engine and model, from one run."
    lines = ["| Engine | Model | Greedy, s/haiku (median) | Constrained, s/haiku (median) | mean | Constrained / greedy | Valid 5-7-5 (greedy, constrained) |",
             "|---|---|---|---|---|---|---|"]
    for x in r["systems"]:
        lines.append(f"| {x['engine']} | {x['model'].split(':', 1)[-1]} | {x['greedy_s_median']:.2f} | {x['constrained_s_median']:.2f} | "
                     f"{x['constrained_s_mean']:.2f} | {x['ratio_median']}x | {x['valid_greedy']}/{r['rows']}, {x['valid_constrained']}/{r['rows']} |")
    return "\n".join(lines + ["", f"{r['rows']} held-out rows, one run, {r['cores']} CPU cores ({r['threads']} threads), no generation cache, "
                              f"model load not timed; each haiku reads its whole prompt (no prefix cached from the previous call). {r['note']} Measured by `make bench-decode`.", ""])


def run_system(spec: str, convs, s, threads: int) -> dict:
    "Greedy then constrained on every conversation, one at a time, for one engine:model."
    from lgtm575.decode import SyllableConstrainedDecoder
    from lgtm575.form import check
    from lgtm575.backends import Decoding, HFBackend, LlamaBackend
    engine, model = spec.split(":", 1)
    be = HFBackend(model) if engine == "hf" else LlamaBackend(model, n_threads=threads)
    dec = Decoding(max_new_tokens=s.max_new_tokens, seed=s.seed)
    cd = SyllableConstrainedDecoder(be, s.pattern)
    be.generate(convs[:1], dec); cd.decode_one(convs[0])                 # warm-up (and the token tables)
    greedy, cons, steps, vg, vc = [], [], [], 0, 0
    cold = getattr(getattr(be, "llm", None), "reset", lambda: None)      # llama.cpp keeps a shared prompt prefix cached:
    for i, c in enumerate(convs):                                       # forget it, so both read the whole prompt
        cold(); t = time.perf_counter(); g = be.generate([c], dec)[0]; greedy.append(time.perf_counter() - t)
        cold(); t = time.perf_counter(); h = cd.decode_one(c); cons.append(time.perf_counter() - t)
        vg += check(g.text).valid; vc += check(h.text).valid; steps.append(cd.stats["steps"])
        print(f"{spec} {i + 1}/{len(convs)}: greedy {greedy[-1]:.2f} s, constrained {cons[-1]:.2f} s", flush=True)
    med = statistics.median
    return {"engine": engine, "model": model, "greedy_s_median": round(med(greedy), 3), "greedy_s_mean": round(statistics.mean(greedy), 3),
            "constrained_s_median": round(med(cons), 3), "constrained_s_mean": round(statistics.mean(cons), 3),
            "ratio_median": round(med(cons) / med(greedy), 2), "ratio_mean": round(statistics.mean(cons) / statistics.mean(greedy), 2),
            "constrained_forward_steps_median": med(steps), "valid_greedy": vg, "valid_constrained": vc}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="offline")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--systems", nargs="+", default=SYSTEMS, help="engine:model pairs (engine: hf or llama)")
    ap.add_argument("--note", default="", help="what else ran on the machine, for the table's caption")
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "decode.json"))
    ap.add_argument("--table", default=str(Path(__file__).parents[1] / "blog" / "docs" / "generated" / "decode_cost.md"),
                    help="the markdown table the blog includes")
    a = ap.parse_args()
    import torch
    from lgtm575.core import load_settings
    from lgtm575.data import load_split, prepare_diff
    from lgtm575.prompts import student_messages
    s = load_settings(a.profile)
    rows = load_split("heldout", a.profile, a.limit)
    convs = [student_messages(prepare_diff(r.diff, s.diff_char_budget).text) for r in rows]
    threads = os.cpu_count(); torch.set_num_threads(threads)
    res = {"profile": a.profile, "rows": len(rows), "cores": os.cpu_count(), "threads": threads, "machine": platform.machine(),
           "note": a.note or "Nothing else ran.", "systems": [run_system(x, convs, s, threads) for x in a.systems]}
    write_results(res, a.out, a.table, markdown(res))


if __name__ == "__main__":
    main()
