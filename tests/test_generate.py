"""Generation end to end: greedy determinism, resume after a kill, the HTTP backend against a real
llama.cpp server (including a server killed and restarted mid-run), and `review` on bad input."""
import json, signal, subprocess, sys, threading, time
from pathlib import Path
import pytest

from lgtm575.data import load_split
from lgtm575.backends import Decoding, HFBackend, OpenAIBackend, BackendUnavailable
from lgtm575.generate import generate_rows
from lgtm575.records import read_records, manifest_path
from conftest import LlamaServer, free_port

BIN = Path(sys.executable).parent
ROWS = load_split("heldout")[:6]
DEC = Decoding(max_new_tokens=16)


@pytest.fixture(scope="module")
def hf():
    return HFBackend()


def ids_of(path):
    return [r["id"] for r in read_records(path)]


def test_greedy_is_deterministic_without_cache(hf, tmp_path):
    a = generate_rows(ROWS[:4], hf, tmp_path / "a.jsonl", DEC, cache=False, progress=False)
    b = generate_rows(ROWS[:4], hf, tmp_path / "b.jsonl", DEC, cache=False, progress=False, batch_size=2)
    assert a["generated"] == b["generated"] == 4
    ta = [r["output"] for r in read_records(tmp_path / "a.jsonl")]
    tb = [r["output"] for r in read_records(tmp_path / "b.jsonl")]
    assert ta == tb and all(ta)


def test_killed_cli_run_resumes_without_loss_or_duplicates(tmp_path):
    out = tmp_path / "p.jsonl"
    cmd = [str(BIN / "lgtm575"), "generate", "--profile", "offline", "--limit", "6", "--out", str(out),
           "--no-cache", "--batch-size", "1", "--max-new-tokens", "16"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.time()
    while time.time() - t < 300 and (not out.exists() or out.read_text().count("\n") < 2): time.sleep(0.2)
    p.send_signal(signal.SIGKILL); p.wait()
    assert 2 <= out.read_text().count("\n") < 6, "the run should have been killed mid-way"
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert ids_of(out) == [x.id for x in ROWS]
    m = json.loads(manifest_path(out).read_text())
    assert m["n_rows"] == 6 and "resumed_at" in m and m["git"]["commit"]


def test_a_second_run_on_the_same_file_refuses_in_one_line(tmp_path):
    out = tmp_path / "p.jsonl"
    cmd = [str(BIN / "lgtm575"), "generate", "--profile", "offline", "--limit", "40", "--out", str(out), "--no-cache",
           "--batch-size", "1"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.time()
    while time.time() - t < 300 and (not out.exists() or out.read_text().count("\n") < 1): time.sleep(0.2)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    still_running = p.poll() is None
    p.send_signal(signal.SIGKILL); p.wait()
    assert still_running, "the first run must still hold the file"
    err = [l for l in r.stderr.splitlines() if "error" in l]
    assert r.returncode == 2 and len(err) == 1 and "another run is writing it" in err[0], r.stderr
    got = ids_of(out)
    assert len(got) == len(set(got)), "no row written twice"


def test_http_backend_completes_a_run(llama_server, tmp_path):
    be = OpenAIBackend("smollm2", llama_server.base_url)
    st = generate_rows(ROWS, be, tmp_path / "http.jsonl", DEC, cache=False, progress=False)
    recs = read_records(tmp_path / "http.jsonl")
    assert st["generated"] == 6 and [r["id"] for r in recs] == [x.id for x in ROWS]
    assert all(r["output"] and r["model"]["backend"] == "openai" for r in recs)
    assert all(r["tokens"]["completion"] > 0 for r in recs)


def test_http_run_survives_server_killed_and_restarted(tmp_path):
    srv = LlamaServer(log=tmp_path / "server.log").start()
    out = tmp_path / "restart.jsonl"
    be = OpenAIBackend("smollm2", srv.base_url, max_retries=10, concurrency=1)
    rows = load_split("heldout")[:10]
    result = {}
    th = threading.Thread(target=lambda: result.update(generate_rows(rows, be, out, DEC, batch_size=1, cache=False, progress=False)))
    th.start()
    t = time.time()
    while time.time() - t < 120 and (not out.exists() or out.read_text().count("\n") < 2): time.sleep(0.05)
    srv.kill()
    killed_at = out.read_text().count("\n")
    time.sleep(2)
    srv.start()
    th.join(300)
    srv.kill()
    assert not th.is_alive() and result, "the run did not finish after the server came back"
    assert killed_at < 10, "the server must die mid-run"
    got = ids_of(out)
    assert got == [r.id for r in rows], "every row exactly once, in order"


def test_no_server_is_a_clear_error_within_10s(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    t = time.time()
    with pytest.raises(BackendUnavailable, match="no OpenAI-compatible server"):
        OpenAIBackend("smollm2", url)
    assert time.time() - t < 10
    t = time.time()
    r = subprocess.run([str(BIN / "lgtm575"), "generate", "--backend", "openai", "--base-url", url, "--limit", "2",
                        "--out", str(tmp_path / "x.jsonl")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and time.time() - t < 10
    err = [l for l in r.stderr.splitlines() if "error" in l]
    assert len(err) == 1 and "no OpenAI-compatible server" in err[0] and "Traceback" not in r.stderr


@pytest.mark.parametrize("content,expect", [
    (b"", "empty"), (b"\n \n", "empty"), (b"@@ -1 +1 @@\n-a\x00b\n+c\n", "binary"),
    ("@@ -1 +1 @@\n-caf\xe9\n".encode("latin-1"), "not valid UTF-8"),
    (b"Binary files a/logo.png and b/logo.png differ\n", "binary"),
])
def test_review_refuses_bad_diffs_with_one_line(tmp_path, content, expect):
    f = tmp_path / "in.diff"; f.write_bytes(content)
    for args, stdin in (([str(f)], None), (["-"], content)):
        r = subprocess.run([str(BIN / "lgtm575"), "review", *args], input=stdin, capture_output=True, timeout=60)
        err = r.stderr.decode()
        assert r.returncode == 2 and err.count("\n") == 1 and expect in err and "Traceback" not in err, err


def test_review_trims_a_5mb_diff_with_a_warning(tmp_path):
    f = tmp_path / "big.diff"
    f.write_text("@@ -1,90000 +1,90000 @@\n" + "".join(f"+value_{i} = compute(value_{i - 1})\n" for i in range(1, 160000)))
    assert f.stat().st_size > 5 * 2**20
    r = subprocess.run([str(BIN / "lgtm575"), "review", str(f), "--max-new-tokens", "16",
                        "--model", "embedded:SmolLM2-135M-Instruct"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "warning: diff trimmed" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout.strip()


class _Faulty(__import__("http.server").server.BaseHTTPRequestHandler):
    "A real HTTP server that lists one model and answers every chat request badly, in the way `server.mode` says."
    def _send(self, code, body, ctype="application/json"):
        self.send_response(code); self.send_header("Content-Type", ctype); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        self._send(200, b'{"object": "list", "data": [{"id": "m", "object": "model", "created": 0, "owned_by": "x"}]}')
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = self.server.mode
        if mode == "hang": time.sleep(3); return self._send(200, b"{}")
        if mode == "500": return self._send(500, b'{"error": {"message": "boom"}}')
        if mode == "html": return self._send(200, b"<html>proxy error</html>", "text/html")
        return self._send(200, b"")
    def log_message(self, *a): pass


@pytest.fixture
def faulty():
    from http.server import ThreadingHTTPServer
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Faulty)
    th = threading.Thread(target=srv.serve_forever, daemon=True); th.start()
    yield srv
    srv.shutdown()


@pytest.mark.parametrize("mode,expect", [("500", "HTTP 500"), ("html", "not a chat completion"), ("empty", "not a chat completion"),
                                         ("hang", "no answer within")])
def test_http_failures_are_one_line_naming_the_server(faulty, tmp_path, mode, expect):
    faulty.mode = mode
    url = f"http://127.0.0.1:{faulty.server_address[1]}/v1"
    be = OpenAIBackend("m", url, timeout=1, max_retries=1)
    with pytest.raises(BackendUnavailable) as e:
        generate_rows(ROWS[:2], be, tmp_path / "x.jsonl", DEC, cache=False, progress=False)
    msg = str(e.value)
    assert url in msg and expect in msg and "\n" not in msg, msg
    assert read_records(tmp_path / "x.jsonl") == []                     # nothing half-written


def test_http_failure_in_the_cli_is_one_line(faulty, tmp_path):
    faulty.mode = "500"
    url = f"http://127.0.0.1:{faulty.server_address[1]}/v1"
    r = subprocess.run([str(BIN / "lgtm575"), "generate", "--backend", "openai", "--base-url", url, "--limit", "2", "--no-cache",
                        "--out", str(tmp_path / "x.jsonl")], capture_output=True, text=True, timeout=120)
    err = [l for l in r.stderr.splitlines() if "error" in l]
    assert r.returncode == 2 and len(err) == 1 and "HTTP 500" in err[0] and "Traceback" not in r.stderr, r.stderr
