"pyflakes on the exported package (the notebooks are the source; fix them there), the tests, benchmarks and scripts; the size limits."
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_pyflakes_clean():
    files = sorted(str(p) for d in ("lgtm575", "tests", "benchmarks", "scripts") for p in (ROOT / d).glob("*.py") if p.name != "_modidx.py")
    r = subprocess.run([sys.executable, "-m", "pyflakes", *files], capture_output=True, text=True)
    assert r.returncode == 0, "pyflakes found:\n" + r.stdout + r.stderr


LIMIT = 50      # lines: a function or a notebook cell that grows past this is two ideas

def test_no_function_over_the_limit():
    import ast
    long = []
    for p in sorted((ROOT / "lgtm575").glob("*.py")):
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > LIMIT:
                long.append(f"{p.name}:{n.lineno} {n.name} ({n.end_lineno - n.lineno + 1} lines)")
    assert not long, "functions over the limit: " + "; ".join(long)

def test_no_notebook_code_cell_over_the_limit():
    import json
    long = []
    for p in sorted((ROOT / "nbs").glob("*.ipynb")):
        for i, c in enumerate(json.loads(p.read_text(encoding="utf-8"))["cells"]):
            n = len("".join(c["source"]).splitlines())
            if c["cell_type"] == "code" and n > LIMIT: long.append(f"{p.name} cell {i} ({n} lines)")
    assert not long, "notebook cells over the limit: " + "; ".join(long)


def _definitions_per_exported_cell() -> dict:
    "{notebook cell: number of top-level functions and classes} for every exported code cell that defines any."
    import ast, json
    out = {}
    for p in sorted((ROOT / "nbs").glob("*.ipynb")):
        for i, c in enumerate(json.loads(p.read_text(encoding="utf-8"))["cells"]):
            src = "".join(c["source"])
            if c["cell_type"] != "code" or "#| export" not in src.splitlines(): continue
            n = sum(isinstance(x, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for x in ast.parse(src).body)
            if n: out[f"{p.name} cell {i}"] = n
    return out

def test_one_definition_per_exported_cell():
    "Literate form as in nbdev (1.3 definitions per exported cell) and fastcore (1.15): a private helper may share a cell."
    d = _definitions_per_exported_cell()
    mean = sum(d.values()) / len(d)
    assert mean <= 1.3, f"{mean:.2f} definitions per exported cell (nbdev: 1.3)"
    crowded = [f"{k} ({v})" for k, v in d.items() if v > 4]
    assert not crowded, "cells with more than 4 definitions: " + "; ".join(crowded)


def test_every_exported_definition_has_prose_above_it():
    "Literate form: a markdown cell that says why, then the definition (a cell of imports needs none)."
    import ast, json
    bare = []
    for p in sorted((ROOT / "nbs").glob("*.ipynb")):
        cells = json.loads(p.read_text(encoding="utf-8"))["cells"]
        for i, c in enumerate(cells):
            src = "".join(c["source"])
            if c["cell_type"] != "code" or "#| export" not in src.splitlines(): continue
            defines = any(isinstance(x, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for x in ast.parse(src).body)
            if defines and i and cells[i - 1]["cell_type"] == "code": bare.append(f"{p.name} cell {i}")
    assert not bare, "exported definitions with no markdown cell above them: " + "; ".join(bare)


def test_public_functions_document_their_parameters():
    "fastcore docments: every parameter of an exported public function or method has an inline comment."
    import importlib, inspect, pkgutil
    from fastcore.docments import docments
    import lgtm575
    missing = []
    for m in pkgutil.iter_modules(lgtm575.__path__):
        if m.name.startswith("_"): continue
        mod = importlib.import_module(f"lgtm575.{m.name}")
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__: continue
            fns = [(name, obj)] if inspect.isfunction(obj) else [(f"{name}.{k}", v) for k, v in vars(obj).items()
                   if inspect.isfunction(v) and (not k.startswith("_") or k == "__init__")] if inspect.isclass(obj) else []
            for qual, fn in fns:
                if fn.__code__.co_filename != mod.__file__: continue     # made by dataclass or pydantic, not written
                params = [p for p in inspect.signature(fn).parameters.values()
                          if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
                doc = docments(fn)
                missing += [f"{m.name}.{qual}({p.name})" for p in params if not doc.get(p.name)]
    assert not missing, f"{len(missing)} parameters without a docment: " + ", ".join(missing[:40])
