"""Does revising help? The teacher loop with an unconstrained teacher (so drafts can miss the form), served by a
real llama.cpp server on 127.0.0.1: form validity after attempt 1 vs after attempt K on the same rows.

    .venv/bin/python benchmarks/teacher_revise.py [--rows 20] [--k 3]

Starts llama-cpp-python's OpenAI-compatible server on the embedded GGUF, runs the loop into a temporary folder,
prints the acceptance report and writes benchmarks/results/teacher_revise.json and the blog's table,
blog/docs/generated/teacher_revise.md.
"""
import argparse, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

from results_io import write_results


def markdown(r: dict) -> str:
    "The blog's table: does revising with the checker's feedback fix the form?"
    return "\n".join([
        "| Unconstrained teacher over HTTP | Value |", "|---|---|",
        f"| rows | {r['rows_tried']} |", f"| form valid after attempt 1 | {r['form_valid_after_attempt_1']:.0%} |",
        f"| form valid after the last attempt (K = {r['k']}) | {r['form_valid_after_last_attempt']:.0%} |",
        f"| accepted (form and relevance gate {r['threshold']}) | {r['accepted']} |",
        f"| attempts histogram | {', '.join(f'{k}: {v}' for k, v in r['attempts_histogram'].items())} |",
        f"| failed checks (attempts) | {', '.join(f'{k}: {v}' for k, v in r['failed_checks'].items()) or 'none'} |",
        f"| wall time | {r['wall_seconds']} s |", "",
        f"{r['teacher']}. Measured by `benchmarks/teacher_revise.py`.", ""])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--threshold", type=float, default=0.25)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "teacher_revise.json"))
    ap.add_argument("--table", default=str(Path(__file__).parents[1] / "blog" / "docs" / "generated" / "teacher_revise.md"),
                    help="the markdown table the blog includes")
    a = ap.parse_args()
    from lgtm575.data import load_split
    from lgtm575.backends import Decoding, OpenAIBackend
    from lgtm575.models import embedded_gguf
    from lgtm575.teacher import run_teacher
    with socket.socket() as s: s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    srv = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(embedded_gguf()), "--model_alias", "smollm2",
                            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try: urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1); break
            except OSError: time.sleep(0.3)
        be = OpenAIBackend("smollm2", f"http://127.0.0.1:{port}/v1")
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            rep = run_teacher(load_split("train")[:a.rows], be, d, Decoding(max_new_tokens=48), a.k, a.threshold,
                              target=a.rows, diff_budget=900, progress=False)
            rep["wall_seconds"] = round(time.perf_counter() - t, 1)
    finally:
        srv.kill()
    rep |= {"teacher": "SmolLM2-135M-Instruct (embedded GGUF) via llama.cpp server, unconstrained; revisions sampled",
            "k": a.k, "threshold": a.threshold}
    write_results(rep, a.out, a.table, markdown(rep))


if __name__ == "__main__":
    main()
