"""Record (or compare) the golden outputs: every sample, every output format, both languages.

    python tests/goldens/regen.py          # rewrite tests/goldens/out/ from the current code
    python tests/goldens/regen.py --check  # compare; exit 1 and list what differs

tests/test_goldens.py runs the comparison. Regenerate only when a change of output is intended,
and say so in the commit.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
WIDTH = "100"
SAMPLES = (
    "sheqi-2024.yaml",
    "fictional-inconsistent.yaml",
    "fictional-missed-rate.yaml",
    "fictional-missing.yaml",
    "fictional-zero-denominator.json",
)
CHECK_FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")
ENV = {"COLUMNS": WIDTH, "NO_COLOR": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"}


def cases():
    """(name, argv) for every golden."""
    for lang in ("zh", "en"):
        for sample in SAMPLES:
            stem = Path(sample).stem
            for fmt in CHECK_FORMATS:
                yield (
                    f"check-{stem}-{lang}.{fmt}",
                    [
                        "check",
                        f"samples/{sample}",
                        "--format",
                        fmt,
                        "--lang",
                        lang,
                        "--width",
                        WIDTH,
                        "--color",
                        "never",
                        "--today",
                        "2025-06-30",
                        "--jobs",
                        "1",
                    ],
                )
        yield (
            f"check-all-{lang}.text",
            [
                "check",
                "samples/sheqi-2024.yaml",
                "--all",
                "--lang",
                lang,
                "--width",
                WIDTH,
                "--color",
                "never",
                "--today",
                "2025-06-30",
            ],
        )
        for fmt in ("text", "json"):
            yield (
                f"score-samples-{lang}.{fmt}",
                [
                    "score",
                    *[f"samples/{s}" for s in SAMPLES],
                    "--format",
                    fmt,
                    "--lang",
                    lang,
                    "--width",
                    WIDTH,
                    "--color",
                    "never",
                    "--jobs",
                    "1",
                ],
            )
        yield (f"rules-show-SUPV-008-{lang}.text", ["rules", "show", "SUPV-008", "--lang", lang, "--width", WIDTH])
        yield (
            f"validate-invalid-{lang}.text",
            ["validate", "samples/invalid", "--lang", lang, "--width", WIDTH, "--color", "never"],
        )


def run(argv: list[str], cwd: Path = ROOT) -> bytes:
    env = {**os.environ, **ENV}
    if argv[0] in ("check", "score"):  # one engine on every Python (durable-rules does not import on 3.13+)
        argv = [*argv, "--engine", "python"]
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    return f"exit {proc.returncode}\n".encode() + proc.stdout


COHORT = 30  # a small generated cohort (checker.synth, fixed seeds), far under any spill threshold
PREVIOUS = 12  # the year before, for the first 12 regions: year-over-year compared


def write_cohort(where: Path) -> list[str]:
    """The generated cohort under ``where`` (``cur/``: 2024, with one file that cannot be scored;
    ``prev/``: 2023); returns the argv of its ``score`` (paths relative to ``where``)."""
    from checker import synth
    from checker.pack import load_pack_or_raise

    cat = load_pack_or_raise().catalogue
    # the indicators the cohort was recorded with: a new indicator in the catalogue does not change it
    keys = frozenset((HERE / "cohort-keys.txt").read_text(encoding="utf-8").split())
    synth.write(cat, where / "cur", COHORT, seed=20241231, year=2024, keys=keys)
    synth.write(cat, where / "prev", PREVIOUS, seed=7, year=2023, keys=keys)
    (where / "cur" / "zz-broken.yaml").write_text("region: [\n", encoding="utf-8")
    return [
        "score",
        "cur",
        "--previous",
        "prev",
        "--jobs",
        "1",
        "--width",
        WIDTH,
        "--color",
        "never",
        "--today",
        "2025-06-30",
    ]


def xlsx_cells(data: bytes) -> bytes:
    """A workbook read back as its sheets' names and cell values (openpyxl), one row a line."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        out.append(f"== {ws.title}")
        for row in ws.iter_rows(values_only=True):
            while row and row[-1] is None:
                row = row[:-1]
            out.append("\t".join("" if v is None else repr(v) for v in row))
    return ("\n".join(out) + "\n").encode("utf-8")


def cohort_cases():
    """(name, bytes) of the generated cohort's score: text and JSON on stdout, and the CSV, HTML and
    XLSX (as cell values) it writes, in both languages."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        argv = write_cohort(where)
        for lang in ("zh", "en"):
            files = ["--xlsx", "out.xlsx", "--csv", "out.csv", "--html", "out.html"]
            for fmt in ("text", "json"):
                got = run([*argv, "--format", fmt, "--lang", lang, *(files if fmt == "json" else [])], cwd=where)
                yield f"score-cohort-{lang}.{fmt}", got
            yield f"score-cohort-{lang}.csv", (where / "out.csv").read_bytes()
            yield f"score-cohort-{lang}.html", (where / "out.html").read_bytes()
            yield f"score-cohort-{lang}.xlsx.txt", xlsx_cells((where / "out.xlsx").read_bytes())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    differ = []
    outputs = ((name, run(argv)) for name, argv in cases())
    for name, got in itertools.chain(outputs, cohort_cases()):
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
