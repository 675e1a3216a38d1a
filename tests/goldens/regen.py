"""Record (or compare) the golden outputs: every sample, every output format, both languages.

    python tests/goldens/regen.py          # rewrite tests/goldens/out/ from the current code
    python tests/goldens/regen.py --check  # compare; exit 1 and list what differs

tests/test_goldens.py runs the comparison. Regenerate only when a change of output is intended,
and say so in the commit.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "out"
WIDTH = "100"
SAMPLES = ("sheqi-2024.yaml", "fictional-inconsistent.yaml", "fictional-missed-rate.yaml",
           "fictional-missing.yaml", "fictional-zero-denominator.json")
CHECK_FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")
ENV = {"COLUMNS": WIDTH, "NO_COLOR": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"}


def cases():
    """(name, argv) for every golden."""
    for lang in ("zh", "en"):
        for sample in SAMPLES:
            stem = Path(sample).stem
            for fmt in CHECK_FORMATS:
                yield (f"check-{stem}-{lang}.{fmt}",
                       ["check", f"samples/{sample}", "--format", fmt, "--lang", lang, "--width", WIDTH,
                        "--color", "never", "--today", "2025-06-30", "--jobs", "1"])
        yield (f"check-all-{lang}.text",
               ["check", "samples/sheqi-2024.yaml", "--all", "--lang", lang, "--width", WIDTH,
                "--color", "never", "--today", "2025-06-30"])
        for fmt in ("text", "json"):
            yield (f"score-samples-{lang}.{fmt}",
                   ["score", *[f"samples/{s}" for s in SAMPLES], "--format", fmt, "--lang", lang,
                    "--width", WIDTH, "--color", "never", "--jobs", "1"])
        yield (f"rules-show-SUPV-008-{lang}.text", ["rules", "show", "SUPV-008", "--lang", lang, "--width", WIDTH])
        yield (f"validate-invalid-{lang}.text",
               ["validate", "samples/invalid", "--lang", lang, "--width", WIDTH, "--color", "never"])


def run(argv: list[str]) -> bytes:
    env = {**os.environ, **ENV}
    proc = subprocess.run([sys.executable, "-m", "checker", *argv], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    return f"exit {proc.returncode}\n".encode() + proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    differ = []
    for name, argv in cases():
        got = run(argv)
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_bytes() != got:
                differ.append(name)
        else:
            path.write_bytes(got)
    for name in differ:
        print("differs:", name)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
