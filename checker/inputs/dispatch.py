"""The one place that knows which reader reads a file: by its suffix, a submission (YAML, JSON) or a
prose report (text, web page, Word)."""
from __future__ import annotations

import os
from pathlib import Path

from checker.errors import Diagnostic
from checker.inputs.model import Submission

SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json")
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".docx")   # prose reports, read by checker.extract


def is_report(path) -> bool:
    return os.path.splitext(str(path))[1].lower() in REPORT_SUFFIXES


def wanted(name: str) -> bool:
    """Is a file of this name, met in a folder, an input (a README beside the submissions is not)?"""
    suffix = os.path.splitext(name)[1].lower()
    return suffix in SUBMISSION_SUFFIXES or (suffix in REPORT_SUFFIXES and not name.lower().startswith("readme"))


def read_input(path: str | Path, pack, overrides: dict | None = None) -> Submission:
    """A submission file, or a prose report through the extractor (imported only then).

    ``overrides`` (region, year, published_on) give what a report's text does not state. A file whose
    reading runs out of memory is an input error of its own (the run goes on with the next file).
    """
    try:
        if is_report(path):
            from checker.extract import extract, to_submission
            ex = extract(path, pack, **(overrides or {}))
            return to_submission(ex, pack.catalogue)
        from checker.inputs.structured import load_submission
        return load_submission(path, pack.catalogue)
    except MemoryError:
        return Submission(str(path), diagnostics=[Diagnostic("input.out_of_memory", str(path), None, None)])
