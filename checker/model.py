"""The immutable result model every renderer reads; the exit-code decision lives here."""

from __future__ import annotations

import functools

from checker.pack.rules import Rule
from checker.record import FrozenRecord, Record, record, setfield
from checker.status import ERROR, FAIL, MISSING, NOT_APPLICABLE, PASS, WAIVED, WARN

SUMMARY_KEYS = (PASS, FAIL, WARN, NOT_APPLICABLE, MISSING, ERROR, WAIVED)
SEVERITY_RANK = {"critical": 3, "major": 2, "minor": 1, "info": 1}  # info never blocks by itself
FAIL_ON = ("critical", "major", "minor", "warn")
DEFAULT_FAIL_ON = "minor"


@record(slots=True)
class Finding(Record):
    """One rule's outcome for one submission. Treated as immutable (``dataclasses.replace`` makes
    changed copies); not declared frozen because a frozen dataclass is six times slower to create,
    and a run creates 106 per submission."""

    rule: Rule
    status: str  # pass | fail | warn | not_applicable | missing | error | waived
    values: tuple  # ((indicator key, Value or None), ...) the rule reads
    location: tuple | None  # (line, column) in the submission file
    region: str | None = None
    year: int | None = None
    reason: str | None = None  # for error findings: what went wrong
    missing: tuple = ()  # for missing findings: the absent indicators
    waiver: object = None  # the Waiver that applies (status waived) or that expired
    waived_status: str | None = None  # what the status was before the waiver
    required: bool = False  # the rule reads an indicator the profile requires (a missing one, if missing)
    shown: int = -1  # values[:shown] are the rule's own; the rest the counts a derived rate came from

    def __init__(
        self,
        rule,
        status,
        values,
        location,
        region=None,
        year=None,
        reason=None,
        missing=(),
        waiver=None,
        waived_status=None,
        required=False,
        shown=-1,
    ):
        self.rule = rule
        self.status = status
        self.values = values
        self.location = location
        self.region = region
        self.year = year
        self.reason = reason
        self.missing = missing
        self.waiver = waiver
        self.waived_status = waived_status
        self.required = required
        self.shown = shown

    @property
    def blocking(self) -> bool:
        """Does this finding fail the submission (exit code 1 under the default --fail-on)?"""
        return blocks(self.status, self.required)

    @property
    def is_warning(self) -> bool:
        """A practice target not met: reported, never blocking. An optional indicator not reported is
        not a warning: it is completeness, told apart from compliance."""
        return self.status == WARN

    @property
    def optional_missing(self) -> bool:
        """An indicator not reported that the profile does not require: counted, not a problem."""
        return self.status == MISSING and not self.required

    @property
    def own_values(self) -> tuple:
        """The (indicator, value) pairs the rule itself reads (without the counts behind a derived rate)."""
        return self.values if self.shown < 0 else self.values[: self.shown]

    @property
    def waiver_expired(self) -> bool:
        return self.waiver is not None and self.status != WAIVED

    def fails(self, fail_on: str = DEFAULT_FAIL_ON) -> bool:
        """Does this finding make the run fail at the given threshold?"""
        if fail_on == "warn":
            return self.blocking or self.is_warning
        return self.blocking and SEVERITY_RANK[self.rule.severity] >= SEVERITY_RANK[fail_on]

    @property
    def level(self) -> str:
        """error | warning | note | none: how loudly to report it."""
        if self.blocking:
            return "error"
        if self.is_warning:
            return "warning"
        return "note" if self.status in (NOT_APPLICABLE, WAIVED, MISSING) else "none"

    @property
    def first_indicator(self) -> str:
        return self.values[0][0] if self.values else ""

    @property
    def fingerprint(self) -> str:
        """Stable across line changes: rule, region, year and the indicator the rule is about."""
        return fingerprint_of(self.rule.id, fingerprint_middle(self.region, self.year), self.first_indicator)

    def indicator_values(self) -> dict:
        """Indicator -> value as read (dates as ISO text), None where not reported."""
        return dict(self.indicator_pairs())

    def indicator_pairs(self) -> tuple:
        """``indicator_values()`` as (indicator, value) pairs, in order."""
        return tuple([(key, None if value is None else plain(value.value)) for key, value in self.values])


def blocks(status: str, required: bool) -> bool:
    """Does a finding of this status fail the submission? A failure or an error always does (a
    ``fail`` status is given only where the rule binds); an indicator not reported only where it is
    required (by the profile, or by ``--require-complete``)."""
    if status in (FAIL, ERROR):
        return True
    return status == MISSING and required


def plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@record
class SubmissionResult(FrozenRecord):
    """One submission's findings and the problems found in reading it."""

    file: str
    region: str | None
    year: int | None
    findings: tuple
    diagnostics: tuple  # errors and notes about the input
    indicators_pos: tuple = (1, 1)
    completeness: object = None  # Completeness: the required indicators and which were reported

    def __init__(self, file, region, year, findings, diagnostics, indicators_pos=(1, 1), completeness=None):
        setfield(self, "file", file)
        setfield(self, "region", region)
        setfield(self, "year", year)
        setfield(self, "findings", findings)
        setfield(self, "diagnostics", diagnostics)
        setfield(self, "indicators_pos", indicators_pos)
        setfield(self, "completeness", completeness)

    @property
    def errors(self) -> tuple:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def notes(self) -> tuple:
        return tuple(d for d in self.diagnostics if d.severity != "error")

    @property
    def status(self) -> str:
        """Compliance: ``fail`` where a finding blocks (a failure, an error, a required indicator not
        reported), else ``pass``; ``error`` where the input could not be read."""
        if self.errors:
            return "error"
        return "fail" if self._tally()[2] else "pass"

    def headline(self) -> dict:
        """What the first line of every view states: failures (不达标, rule errors among them), required
        indicators not reported, warnings, indicators not reported in all (and how many required)."""
        return dict(self._tally()[1])

    def _tally(self) -> tuple:
        """(summary, headline, whether a finding blocks), counted in one pass over the findings and kept:
        every view asks for them (a result's findings are never changed: waivers make a new result)."""
        tally = self.__dict__.get("_counted")
        if tally is None:
            summary = dict.fromkeys(SUMMARY_KEYS, 0)
            headline = dict.fromkeys(HEADLINE_KEYS, 0)
            blocking = False
            for f in self.findings:
                status = f.status
                summary[status] += 1
                if status in (FAIL, ERROR):
                    headline["fail"] += 1
                    blocking = True
                elif status == WARN:
                    headline["warn"] += 1
                elif status == MISSING:
                    headline["missing"] += 1
                    if f.required:
                        headline["missing_required"] += 1
                        blocking = True
            tally = (summary, headline, blocking)
            setfield(self, "_counted", tally)
        return tally

    def failed(self, fail_on: str = DEFAULT_FAIL_ON) -> bool:
        return any(f.fails(fail_on) for f in self.findings)

    def summary(self) -> dict:
        return dict(self._tally()[0])


HEADLINE_KEYS = ("fail", "warn", "missing", "missing_required")


@record
class Completeness(FrozenRecord):
    """The indicators a submission must report (the profile's, or with --require-complete every one a
    binding rule needs) and those of them it did not report."""

    required: int
    reported: int
    missing: tuple  # the required indicator keys not reported, in catalogue order

    def __init__(self, required, reported, missing):
        setfield(self, "required", required)
        setfield(self, "reported", reported)
        setfield(self, "missing", missing)

    def to_json(self) -> dict:
        return {"required": self.required, "reported": self.reported, "missing": list(self.missing)}


@record
class Report(FrozenRecord):
    """What one run found: every result, and what it says about the pack and the waivers."""

    results: tuple
    engine: str
    profile: str
    pack_errors: tuple = ()  # Diagnostics about the rule pack itself
    fail_on: str = DEFAULT_FAIL_ON
    waiver_notes: tuple = ()  # Diagnostics about waivers: unused, expired
    rules: tuple = ()  # the rules in force (for formats that describe every rule)
    streamed: tuple | None = None  # (any input error, any failure) of results written and dropped

    def __init__(
        self,
        results,
        engine,
        profile,
        pack_errors=(),
        fail_on=DEFAULT_FAIL_ON,
        waiver_notes=(),
        rules=(),
        streamed=None,
    ):
        setfield(self, "results", results)
        setfield(self, "engine", engine)
        setfield(self, "profile", profile)
        setfield(self, "pack_errors", pack_errors)
        setfield(self, "fail_on", fail_on)
        setfield(self, "waiver_notes", waiver_notes)
        setfield(self, "rules", rules)
        setfield(self, "streamed", streamed)

    def exit_code(self) -> int:
        error, failed = self.streamed or (False, False)
        if self.pack_errors or error or any(r.status == ERROR for r in self.results):
            return 2
        return 1 if failed or any(r.failed(self.fail_on) for r in self.results) else 0


def fingerprint_middle(region, year) -> str:
    """The part of a fingerprint's text that all findings of one submission share."""
    return "|" + (region or "") + "|" + str(year or "") + "|"


def fingerprint_of(rule_id, middle, first_indicator) -> str:
    """sha256 of ``rule|region|year|indicator``, its first 16 hex digits. The three parts are text, or
    all three their UTF-8 (as the JSON writer keeps them: the UTF-8 of a join is the join of the UTF-8s)."""
    text = rule_id + middle + first_indicator
    return _sha256()(text.encode("utf-8") if type(text) is str else text).hexdigest()[:16]


@functools.cache
def _sha256():
    """SHA-256 from CPython's built-in module where there is one: importing hashlib loads OpenSSL,
    which nothing else in a one-file check needs, and for these short texts the built-in one is
    faster as well (docs/performance.md)."""
    try:
        from _sha2 import sha256  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # CPython 3.11
        except ImportError:  # pragma: no cover - other Pythons
            from hashlib import sha256
    return sha256
