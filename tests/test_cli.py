"""The `lgtm575` console script, run as a user runs it: a subprocess of the installed entry point."""
import subprocess, sys
from pathlib import Path
import pytest

LGTM = str(Path(sys.executable).parent / "lgtm575")
HAIKU = "null check is missing\nthe parser trusts every byte\nguard empty input\n"


def run(*args, stdin: bytes | None = None):
    return subprocess.run([LGTM, *args], input=stdin, capture_output=True, timeout=120)


def test_syllables_counts_and_explains():
    r = run("syllables", "parse_JSON_body")
    assert (r.returncode, r.stdout) == (0, b"5\n")
    r = run("syllables", "--explain", "parse_JSON_body", "404")
    out = r.stdout.decode()
    assert r.returncode == 0
    assert "JSON" in out and "acronym" in out and "number" in out and "total 9" in out


def test_check_valid_invalid_and_stdin(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(HAIKU)
    bad.write_text(HAIKU.replace("missing", "missing now"))
    r = run("check", str(good))
    assert r.returncode == 0 and r.stdout.decode().startswith("valid 5-7-5")
    r = run("check", str(bad))
    assert r.returncode == 1 and "line 1 has 6 syllables, needs 5" in r.stdout.decode()
    assert run("check", "-", stdin=HAIKU.encode()).returncode == 0
    assert run("check", "--pattern", "1,1,1", "-", stdin=b"a\nb\nc\n").returncode == 0
    r = run("check", "--json", str(good))
    assert b'"valid": true' in r.stdout


@pytest.mark.parametrize("name,content,expect", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n", "empty"),
    ("binary.bin", bytes(range(256)) * 16, "binary"),
    ("latin1.txt", "caf\xe9 cr\xe8me".encode("latin-1"), "not UTF-8"),
    ("huge.txt", b"null check is missing\n" * (10 * 2**20 // 22 + 1), "10.0 MB"),
])
def test_check_bad_input_is_one_line_exit_2(tmp_path, name, content, expect):
    p = tmp_path / name
    p.write_bytes(content)
    r = run("check", str(p))
    err = r.stderr.decode()
    assert r.returncode == 2, (r.returncode, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert expect in err and name in err, err
    assert r.stdout == b""


def test_check_bad_input_on_stdin_and_missing_file(tmp_path):
    r = run("check", "-", stdin=b"\x00\x01\x02")
    assert r.returncode == 2 and b"binary" in r.stderr and b"Traceback" not in r.stderr
    r = run("check", str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and b"no such file" in r.stderr
    r = run("check", str(tmp_path))
    assert r.returncode == 2 and b"directory" in r.stderr


def test_usage_errors_exit_2():
    assert run().returncode == 2
    assert run("check").returncode == 2
    assert run("check", "--pattern", "5,x,5", "-", stdin=b"a").returncode == 2


def test_review_system_v1_without_its_adapter_is_one_line(tmp_path):
    "With no adapter trained in the run and none committed for the profile (the paper profile's student), `review --system v1.0` says where it looked."
    d = tmp_path / "x.diff"; d.write_text("@@ -1 +1 @@\n-x = 1\n+x = 2\n")
    root = Path(__file__).parents[1]
    if (root / "runs" / "paper" / "v1").exists(): pytest.skip("a paper v1.0 adapter exists in this checkout")
    r = subprocess.run([LGTM, "review", str(d), "--system", "v1.0", "--no-constrained", "--profile", "paper"],
                       capture_output=True, timeout=120, cwd=root)
    err = [l for l in r.stderr.decode().splitlines() if "error" in l]
    assert r.returncode == 2 and len(err) == 1 and "no v1.0 adapter in" in err[0], r.stderr


def test_review_counter_needs_v1_then_writes_a_checked_plan(tmp_path):
    "`--counter` alone is one line; with `--system v1.0` the committed student writes a plan whose every count the counter wrote."
    d = tmp_path / "x.diff"; d.write_text("@@ -1,2 +1,2 @@\n def name(user):\n-    return user.name\n+    return user.name.upper()\n")
    r = run("review", str(d), "--counter")
    assert r.returncode == 2 and b"--counter needs --system v1.0" in r.stderr and b"Traceback" not in r.stderr, r.stderr
    root = Path(__file__).parents[1]
    r = subprocess.run([LGTM, "review", str(d), "--system", "v1.0", "--counter", "--show-plan"], capture_output=True, text=True,
                       timeout=600, cwd=root)
    assert r.returncode == 0, r.stderr[-2000:]
    from lgtm575.plan import plan_consistency
    plan = r.stdout.split("\n\n")[0]
    assert plan.startswith("plan:") and plan_consistency(plan) == 1.0, r.stdout


def test_review_own_counts_needs_v1_then_honours_the_students_plan(tmp_path):
    "`--own-counts` alone is one line; with `--system v1.0` every line the plan accepts claims exactly its target, and the haiku is those lines."
    import re
    d = tmp_path / "x.diff"; d.write_text("@@ -1,2 +1,2 @@\n def name(user):\n-    return user.name\n+    return user.name.upper()\n")
    r = run("review", str(d), "--own-counts")
    assert r.returncode == 2 and b"--own-counts needs --system v1.0" in r.stderr and b"Traceback" not in r.stderr, r.stderr
    r = subprocess.run([LGTM, "review", str(d), "--system", "v1.0", "--own-counts", "--show-plan"], capture_output=True, text=True,
                       timeout=600, cwd=Path(__file__).parents[1])
    assert r.returncode == 0, r.stderr[-2000:]
    from lgtm575.plan import plan_lines
    plan, haiku = r.stdout.split("\n\n")[0], r.stdout.split("\n\n")[1].strip()
    ok = re.findall(r"^line \d \((\d)\):(.*) ok$", plan, re.M)
    assert plan.startswith("plan:") and ok, r.stdout
    assert all(sum(map(int, re.findall(r"\+(\d+)=", body))) == int(t) for t, body in ok), plan   # its own counts, honoured
    if len(ok) == 3: assert haiku.split("\n") == plan_lines(plan), r.stdout


def test_review_of_a_directory_is_one_line(tmp_path):
    "A folder given as the DIFF is named as a folder, before any model loads."
    r = run("review", str(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 2 and err.count("\n") == 1 and "is a directory, not a diff file" in err, err


def test_generate_replace_stale_moves_another_configs_outputs(tmp_path):
    "Another run configuration's predictions in --out are refused in one line, or with --replace-stale moved to stale/ and the run goes on."
    import json
    out = tmp_path / "constrained.jsonl"
    out.write_text(json.dumps({"id": "old-row", "config_hash": "0" * 16, "output": "an older decoder's haiku"}) + "\n")
    (tmp_path / "constrained.manifest.json").write_text(json.dumps({"config_hash": "0" * 16}))
    args = ["generate", "--system", "constrained", "--profile", "smoke", "--limit", "1", "--out", str(out)]
    root = Path(__file__).parents[1]
    r = subprocess.run([LGTM, *args], capture_output=True, text=True, timeout=600, cwd=root)
    err = [l for l in r.stderr.splitlines() if "error" in l]
    assert r.returncode == 2 and len(err) == 1 and "written by another run config" in err[0], r.stderr[-2000:]
    assert "an older decoder's haiku" in out.read_text()                 # refused: nothing moved, nothing lost
    r = subprocess.run([LGTM, *args, "--replace-stale"], capture_output=True, text=True, timeout=600, cwd=root)
    assert r.returncode == 0, r.stderr[-2000:]
    moved = list((tmp_path / "stale").glob("*/constrained.jsonl"))
    assert len(moved) == 1 and "an older decoder's haiku" in moved[0].read_text() and "moved constrained" in r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1])["rows"] == 1 and len(out.read_text().splitlines()) == 1


def test_data_into_a_file_is_one_line(tmp_path):
    "`lgtm575 data --out` naming a file (or a folder under one) is refused in one line before any work."
    f = tmp_path / "afile"; f.write_text("x")
    for out in (f, f / "sub"):
        r = run("data", "--out", str(out))
        err = [l for l in r.stderr.decode().splitlines() if l.strip()]
        assert r.returncode == 2 and len(err) == 1 and "cannot write there (afile is a file, not a folder)" in err[0], r.stderr
    assert f.read_text() == "x"
