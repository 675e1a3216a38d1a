"""The immutable result model every renderer reads; the exit-code decision lives here."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from checker.errors import Diagnostic
from checker.pack.rules import Rule

SUMMARY_KEYS = ("pass", "fail", "warn", "not_applicable", "missing", "error")
SEVERITY_ORDER = ("critical", "major", "minor", "info")


@dataclass(frozen=True)
class Finding:
    rule: Rule
    status: str                 # pass | fail | warn | not_applicable | missing | error
    values: tuple               # ((indicator key, Value or None), ...) the rule reads
    location: tuple | None      # (line, column) in the submission file
    region: str | None = None
    year: int | None = None
    reason: str | None = None   # for error findings: what went wrong
    missing: tuple = ()         # for missing findings: the absent indicators

    @property
    def blocking(self) -> bool:
        """Does this finding fail the submission (exit code 1)?"""
        if self.status in ("fail", "error"):
            return True
        return self.status == "missing" and self.rule.blocking

    @property
    def level(self) -> str:
        """error | warning | note | none: how loudly to report it."""
        if self.blocking:
            return "error"
        if self.status in ("warn", "missing"):
            return "warning"
        return "note" if self.status == "not_applicable" else "none"

    @property
    def fingerprint(self) -> str:
        first = self.values[0][0] if self.values else ""
        text = "|".join([self.rule.id, self.region or "", str(self.year or ""), first])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def indicator_values(self) -> dict:
        """Indicator -> value as read (dates as ISO text), None where not reported."""
        return {key: _plain(value.value) if value is not None else None for key, value in self.values}


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass(frozen=True)
class SubmissionResult:
    file: str
    region: str | None
    year: int | None
    findings: tuple
    diagnostics: tuple          # errors and notes about the input
    indicators_pos: tuple = (1, 1)

    @property
    def errors(self) -> tuple:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def notes(self) -> tuple:
        return tuple(d for d in self.diagnostics if d.severity != "error")

    @property
    def status(self) -> str:
        if self.errors:
            return "error"
        return "fail" if any(f.blocking for f in self.findings) else "pass"

    def summary(self) -> dict:
        counts = dict.fromkeys(SUMMARY_KEYS, 0)
        for finding in self.findings:
            counts[finding.status] += 1
        return counts


@dataclass(frozen=True)
class Report:
    results: tuple
    engine: str
    profile: str
    pack_errors: tuple = ()     # Diagnostics about the rule pack itself

    def exit_code(self) -> int:
        if self.pack_errors or any(r.status == "error" for r in self.results):
            return 2
        return 1 if any(r.status == "fail" for r in self.results) else 0


def pack_failure(diagnostics: list[Diagnostic]) -> Report:
    return Report((), "-", "-", tuple(diagnostics))
