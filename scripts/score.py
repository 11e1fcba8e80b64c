"""The canonical lgtm575 harness as a script: a thin wrapper over `lgtm575.score`.

    python scripts/score.py BASE.jsonl CAND.jsonl --out DIR [--data PATH] [--allow-changed-goldens] [--no-manifest]

Writes DIR/scores.json, DIR/scores.md and DIR/rows.jsonl; exit code 0 scored, 2 refused or bad input.
"""
import sys

from lgtm575.score import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
