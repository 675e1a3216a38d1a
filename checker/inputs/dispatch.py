"""The one place that knows which reader reads a file: by its suffix, a submission (YAML, JSON, an
Excel 填报表) or a prose report (text, web page, Word); a legacy workbook or a CSV file is said to be
neither, with what to do."""

from __future__ import annotations

import os
from pathlib import Path

from checker.errors import Diagnostic
from checker.inputs.model import Submission

SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json")
WORKBOOK_SUFFIXES = (".xlsx",)  # the 填报表, read by checker.inputs.excel
REPORT_SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".shtml",
    ".docx",
    ".pdf",  # prose reports, read by checker.extract
    ".doc",
    ".wps",
)  # legacy Word and WPS documents: the reader says to save them as .docx
# files that look like a submission and are not one a reader takes: said, with how to make one
REFUSED_SUFFIXES = {
    ".xls": "input.xls",
    ".xlsm": "input.xls",
    ".et": "input.xls",
    ".ods": "input.xls",
    ".csv": "input.csv",
}


def is_report(path) -> bool:
    return os.path.splitext(str(path))[1].lower() in REPORT_SUFFIXES


def is_workbook(path) -> bool:
    return os.path.splitext(str(path))[1].lower() in WORKBOOK_SUFFIXES


def is_submission(path) -> bool:
    """A file read as a submission (YAML, JSON, a workbook), not a prose report to extract from."""
    return os.path.splitext(str(path))[1].lower() in SUBMISSION_SUFFIXES + WORKBOOK_SUFFIXES


def wanted(name: str) -> bool:
    """Is a file of this name, met in a folder, an input (a README beside the submissions is not, nor
    the lock file Excel keeps beside a workbook it has open, ``~$填报表.xlsx``)? A legacy workbook
    (.xls, …) is, to be said; a CSV file is not (a ranking written by ``score --csv`` may be beside)."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in WORKBOOK_SUFFIXES or suffix in REFUSED_SUFFIXES and suffix != ".csv":
        return not name.startswith("~$")
    return suffix in SUBMISSION_SUFFIXES or (suffix in REPORT_SUFFIXES and not name.lower().startswith("readme"))


def read_submission(path: str | Path, cat) -> Submission:
    """A submission file (YAML, JSON, a workbook), never a report; a legacy workbook or a CSV file
    said to be neither."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix in REFUSED_SUFFIXES:
        return Submission(
            str(path), diagnostics=[Diagnostic(REFUSED_SUFFIXES[suffix], str(path), None, None, {"suffix": suffix})]
        )
    if suffix in WORKBOOK_SUFFIXES:
        from checker.inputs.excel import read_workbook

        return read_workbook(path, cat)
    from checker.inputs.structured import load_submission

    return load_submission(path, cat)


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
        return read_submission(path, pack.catalogue)
    except MemoryError:
        return Submission(str(path), diagnostics=[Diagnostic("input.out_of_memory", str(path), None, None)])
