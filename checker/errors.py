"""Diagnostics: located problems in input or rule data, collected rather than raised."""

from __future__ import annotations

import errno
import re
from dataclasses import field

from checker import i18n
from checker.record import FACTORY, FrozenRecord, record, setfield


@record
class Diagnostic(FrozenRecord):
    """One problem at a place in a file; the text comes from the i18n catalogue."""

    code: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = "error"  # error | note

    def __init__(self, code, file="", line=None, column=None, params=FACTORY, severity="error"):
        setfield(self, "code", code)
        setfield(self, "file", file)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "params", dict() if params is FACTORY else params)
        setfield(self, "severity", severity)

    def message(self, lang: str) -> str:
        return i18n.t(self.code, lang, **i18n.shorten(self.params))

    def hint(self, lang: str) -> str:
        return i18n.hint(self.code, lang, **i18n.shorten(self.params))

    def where(self) -> str:
        """``file:line:column``; in a workbook ``file:sheet!cell`` (``填报表.xlsx:法治政府建设!D12``)."""
        parts = [i18n.one_line(i18n.display_name(self.file)) or "<input>"]
        cell = cell_name(self.line, self.column)
        if cell is not None:
            return f"{parts[0]}:{cell}"
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self, lang: str) -> str:
        """``file:line:column: message`` and the hint below it; a problem of the run itself (an
        option, two outputs to one place: ``file`` None) is the message alone."""
        text = self.message(lang) if self.file is None else f"{self.where()}: {self.message(lang)}"
        hint = self.hint(lang)
        return f"{text}\n    {i18n.t('label.hint', lang)}{i18n.colon(lang)}{hint}" if hint else text

    def to_json(self, lang: str) -> dict:
        out = {
            "message": self.message(lang),
            "line": self.line,
            "column": self.column,
            "hint": self.hint(lang),
            "code": self.code,
        }
        cell = cell_name(self.line, self.column)
        if cell is not None:  # a workbook's: the line is the row, the column its number
            out["cell"] = cell
        if self.severity != "error":
            out["severity"] = self.severity
        return out


class Row(int):
    """A line that is a row of a worksheet: the row's number, and the sheet it is in (``sheet``).

    A place read from a workbook (``checker.inputs.excel``) is ``(Row, column number)``: it goes
    wherever a place in a YAML file goes (a Diagnostic, a Value, a finding's location) and every
    output names it as the cell (``cell_name``: ``法治政府建设!D12``); where a number is wanted it
    is the row. A row is the same place as another row of the same sheet, never as a line of text
    (equal and hashed so: a set of places holds both kinds apart)."""

    def __new__(cls, row: int, sheet: str):
        self = super().__new__(cls, row)
        self.sheet = sheet
        return self

    def __reduce__(self):
        return Row, (int(self), self.sheet)

    def __eq__(self, other):
        return isinstance(other, Row) and int(self) == int(other) and self.sheet == other.sheet

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((int(self), self.sheet))

    def __repr__(self):
        return f"Row({int(self)}, {self.sheet!r})"

    def __str__(self):  # the row's number, as in a message ("first on row 12")
        return int.__repr__(self)

    def __format__(self, spec):
        return int.__format__(int(self), spec)


def column_letters(column: int) -> str:
    """A column's letters as Excel names it (1 → A, 27 → AA)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_PLAIN_SHEET = re.compile(r"[^\s!'\"()\-+,;:=<>&^%$#@*?\[\]{}|~`/\\.]+\Z")


def sheet_ref(sheet: str) -> str:
    """A sheet's name as a cell reference writes it: quoted where it must be (``'Sheet 1'!A1``)."""
    shown = i18n.one_line(sheet)
    if _PLAIN_SHEET.match(shown) and not shown[0].isdigit():
        return shown
    return "'" + shown.replace("'", "''") + "'"


def cell_name(line, column) -> str | None:
    """``sheet!D12`` where ``line`` is a worksheet's row (``Row``), else None."""
    sheet = getattr(line, "sheet", None)
    if sheet is None:
        return None
    return f"{sheet_ref(sheet)}!{column_letters(column or 0)}{int(line)}"


def place(line, column) -> str:
    """Where in its file a place is, as outputs write it after the file: ``12:4``, or a cell."""
    cell = cell_name(line, column)
    return cell if cell is not None else f"{line}:{column}"


def places_said(diags) -> set:
    """(line, column) of every error in ``diags``: where a value that could not be read (and is None
    for it) is said already, so that nothing says it again as missing or empty."""
    return {(d.line, d.column) for d in diags if d.severity == "error"}


class FazhiError(Exception):
    """A run that cannot go on, and why: the diagnostics, each shown once on stderr by the command
    line's entry point (``checker.cli.main``), which then ends with ``exit_code``. Every command
    raises one of these (or a subclass) rather than printing and returning 2 itself."""

    exit_code = 2

    def __init__(self, diagnostics):
        diagnostics = [diagnostics] if isinstance(diagnostics, Diagnostic) else list(diagnostics)
        super().__init__(diagnostics[0].code if diagnostics else "error")
        self.diagnostics = diagnostics

    def render(self, lang: str) -> str:
        return "\n".join(d.render(lang) for d in self.diagnostics)


class PackError(FazhiError):
    """The rule pack (catalogue, rules or profile) is invalid."""


# a write that cannot be done: a full disk or device (/dev/full), an I/O error, a file too large
WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT}


class OutputFailed(FazhiError):
    """An output could not be written (its path and the OSError)."""

    def __init__(self, path: str, exc: OSError):
        super().__init__([Diagnostic("file.unwritable", path, None, None, {"reason": exc.strerror or str(exc)})])
        self.path, self.exc = path, exc
