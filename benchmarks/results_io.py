"""Where a benchmark's figures go: its JSON under benchmarks/results/ and the markdown table the blog includes."""
import json
from pathlib import Path


def write_results(res: dict, out: str, table: str, markdown: str):
    "Write `res` as JSON to `out` and `markdown` to `table`, then print the JSON."
    for path, text in ((out, json.dumps(res, indent=2) + "\n"), (table, markdown)):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text)
    print(json.dumps(res, indent=2))
