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
        from checker.outputs import display_name
        parts = [i18n.one_line(display_name(self.file)) or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self, lang: str) -> str:
        text = f"{self.where()}: {self.message(lang)}"
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
    """Raised where processing cannot go on; carries the diagnostics collected so far."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0].code if diagnostics else "error")
        self.diagnostics = diagnostics


class PackError(FazhiError):
    """The rule pack (catalogue, rules or profile) is invalid."""
