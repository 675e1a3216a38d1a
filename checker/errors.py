"""Diagnostics: located problems in input or rule data, collected rather than raised."""
from __future__ import annotations

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
        parts = [i18n.one_line(i18n.display_name(self.file)) or "<input>"]
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
        out = {"message": self.message(lang), "line": self.line, "column": self.column,
               "hint": self.hint(lang), "code": self.code}
        if self.severity != "error":
            out["severity"] = self.severity
        return out


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


class OutputFailed(FazhiError):
    """An output could not be written (its path and the OSError)."""

    def __init__(self, path: str, exc: OSError):
        super().__init__([Diagnostic("file.unwritable", path, None, None, {"reason": exc.strerror or str(exc)})])
        self.path, self.exc = path, exc
