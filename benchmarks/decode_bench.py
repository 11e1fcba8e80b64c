"""Cost per haiku: syllable-constrained decoding vs greedy, same rows, same prompt, same machine, one run.

    make bench-decode           (or: .venv/bin/python benchmarks/decode_bench.py [--limit 20])

No generation cache. Greedy is timed at batch size 1 (per-haiku latency, like the constrained decoder, which
decodes one haiku at a time) and at the profile's batch size (throughput). Writes benchmarks/results/decode.json
and the table the blog includes, blog/docs/generated/decode_cost.md.
"""
import argparse, os, platform, statistics, time
from pathlib import Path

from results_io import write_results


def markdown(r: dict) -> str:
    "The blog's table: seconds per haiku, and the ratios, from one run."
    return "\n".join([
        "| Decoder | Seconds per haiku, median | mean | Valid 5-7-5 |", "|---|---|---|---|",
        f"| greedy, batch 1 | {r['greedy_batch1_s_per_haiku_median']:.2f} | {r['greedy_batch1_s_per_haiku_mean']:.2f} | {r['valid_greedy']}/{r['rows']} |",
        f"| greedy, batch {r['batch_size']} | | {r['greedy_batched_s_per_haiku']:.2f} | |",
        f"| syllable-constrained | {r['constrained_s_per_haiku_median']:.2f} | {r['constrained_s_per_haiku_mean']:.2f} | {r['valid_constrained']}/{r['rows']} |", "",
        f"{r['rows']} held-out rows, one run, {r['cores']} CPU cores, torch threads {r['torch_threads']}, no generation cache. "
        f"Constrained over greedy: {r['ratio_constrained_over_greedy_batch1']}x per haiku at batch 1 (medians; "
        f"{r['ratio_constrained_over_greedy_batch1_means']}x by means), "
        f"{r['ratio_constrained_over_greedy_batched']}x against batched greedy; the constrained decoder took a median of "
        f"{r['constrained_forward_steps_median']} forward passes and {r['constrained_backtracks_median']} backtracks. "
        "Measured by `make bench-decode`.", ""])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="offline")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "decode.json"))
    ap.add_argument("--table", default=str(Path(__file__).parents[1] / "blog" / "docs" / "generated" / "decode_cost.md"),
                    help="the markdown table the blog includes")
    a = ap.parse_args()
    from lgtm575.core import load_settings
    from lgtm575.data import load_split, prepare_diff
    from lgtm575.decode import SyllableConstrainedDecoder
    from lgtm575.form import check
    from lgtm575.generate import Decoding, HFBackend, student_messages
    s = load_settings(a.profile)
    rows = load_split("heldout", a.profile, a.limit)
    convs = [student_messages(prepare_diff(r.diff, s["diff_char_budget"]).text) for r in rows]
    be = HFBackend(s["student_model"])
    dec = Decoding(max_new_tokens=s["max_new_tokens"], seed=s["seed"])
    be.generate(convs[:1], dec)                                          # warm-up
    greedy1, valid_g = [], 0
    for c in convs:
        t = time.perf_counter(); g = be.generate([c], dec)[0]; greedy1.append(time.perf_counter() - t)
        valid_g += check(g.text).valid
    bs = s["batch_size"]; t = time.perf_counter()
    for i in range(0, len(convs), bs): be.generate(convs[i:i + bs], dec)
    greedy_batched = (time.perf_counter() - t) / len(convs)
    cd = SyllableConstrainedDecoder(be, s["pattern"])
    cons, steps, backs, valid_c = [], [], [], 0
    for c in convs:
        t = time.perf_counter(); g = cd.decode_one(c); cons.append(time.perf_counter() - t)
        steps.append(cd.stats["steps"]); backs.append(cd.stats["backtracks"]); valid_c += check(g.text).valid
    med = statistics.median
    res = {"profile": a.profile, "rows": len(rows), "cores": os.cpu_count(), "machine": platform.machine(),
           "torch_threads": __import__("torch").get_num_threads(),
           "greedy_batch1_s_per_haiku_median": round(med(greedy1), 3),
           "greedy_batch1_s_per_haiku_mean": round(statistics.mean(greedy1), 3), "greedy_batched_s_per_haiku": round(greedy_batched, 3),
           "batch_size": bs, "constrained_s_per_haiku_median": round(med(cons), 3),
           "constrained_s_per_haiku_mean": round(statistics.mean(cons), 3),
           "ratio_constrained_over_greedy_batch1_means": round(statistics.mean(cons) / statistics.mean(greedy1), 2),
           "ratio_constrained_over_greedy_batch1": round(med(cons) / med(greedy1), 2),
           "ratio_constrained_over_greedy_batched": round(med(cons) / greedy_batched, 2),
           "constrained_forward_steps_median": med(steps), "constrained_backtracks_median": med(backs),
           "valid_greedy": valid_g, "valid_constrained": valid_c}
    write_results(res, a.out, a.table, markdown(res))


if __name__ == "__main__":
    main()
