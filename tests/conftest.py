"""Shared fixtures: a real llama.cpp OpenAI-compatible server on 127.0.0.1 serving the embedded GGUF."""
import socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    "llama-cpp-python's server as a subprocess; `start`/`kill` let a test take it down mid-run."
    def __init__(self, port: int | None = None, log: Path | None = None):
        from lgtm575.models import embedded_gguf
        self.port, self.gguf, self.log, self.proc = port or free_port(), embedded_gguf(), log, None

    @property
    def base_url(self) -> str: return f"http://127.0.0.1:{self.port}/v1"

    def start(self, timeout: float = 90):
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(self.gguf),
                                      "--model_alias", "smollm2", "--host", "127.0.0.1", "--port", str(self.port),
                                      "--n_ctx", "2048", "--n_threads", "2"], stdout=out, stderr=out)
        t = time.time()
        while time.time() - t < timeout:
            if self.proc.poll() is not None: raise RuntimeError(f"llama.cpp server exited with {self.proc.returncode}")
            try:
                urllib.request.urlopen(self.base_url + "/models", timeout=1).read()
                return self
            except OSError: time.sleep(0.3)
        raise TimeoutError("llama.cpp server did not come up")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill(); self.proc.wait(10)


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    srv = LlamaServer(log=tmp_path_factory.mktemp("llama") / "server.log").start()
    yield srv
    srv.kill()
