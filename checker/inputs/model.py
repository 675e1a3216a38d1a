"""The submission model: a submission as read (``Submission``), its values (``Value``), and what is
derived from them (rates from their counts, counts from their parts).

Readers (checker.inputs.structured for YAML/JSON, checker.extract for prose reports) build a
``Submission``; ``derive`` completes it; the engines read it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import field

from checker.errors import Diagnostic
from checker.inputs.values import APPROX_RATE_POINTS, approx_bounds
from checker.memo import once
from checker.pack.catalogue import Catalogue
from checker.record import FACTORY, Record, record

YEARS = range(1990, 2101)  # a year reported on: in a file's year: and in --year
TOP_FIELDS = ("region", "region_code", "level", "year", "published_on", "indicators")
LEVELS = ("county", "city", "district", "township", "department")
VALUE_FIELDS = ("value", "approx", "source", "note")


@record(slots=True)
class Value(Record):
    """One indicator value as read. Treated as immutable; not declared frozen, because a frozen
    record is slower to create and every file creates one per figure (docs/performance.md)."""

    value: object
    approx: bool = False
    source: str | None = None
    note: str | None = None
    line: int | None = None
    column: int | None = None
    derived: bool = False
    raw: object = None
    via: tuple = ()  # a derived value: the keys it was computed from (a rate: numerator, denominator)
    approx_kind: str | None = None  # an approximate figure's kind: over (余, 多), under (近), about (约)
    bounds: tuple | None = None  # (lowest, highest) an approximate value stands for: the rules are decided on both

    def __init__(
        self,
        value,
        approx=False,
        source=None,
        note=None,
        line=None,
        column=None,
        derived=False,
        raw=None,
        via=(),
        approx_kind=None,
        bounds=None,
    ):
        self.value = value
        self.approx = approx
        self.source = source
        self.note = note
        self.line = line
        self.column = column
        self.derived = derived
        self.raw = raw
        self.via = via
        self.approx_kind = approx_kind
        self.bounds = bounds


@record
class Submission(Record):
    """One submission as read: its metadata, values and the problems met reading it."""

    file: str
    region: str | None = None
    region_code: str | None = None
    level: str | None = None
    year: int | None = None
    published_on: dt.date | None = None
    values: dict = field(default_factory=dict)
    invalid: set = field(default_factory=set)  # indicators given but not readable (reported)
    indicators_pos: tuple = (1, 1)
    parsed: bool = False  # the file was read as a mapping
    unknown: int = 0  # unknown indicator keys met so far
    diagnostics: list = field(default_factory=list)

    def __init__(
        self,
        file,
        region=None,
        region_code=None,
        level=None,
        year=None,
        published_on=None,
        values=FACTORY,
        invalid=FACTORY,
        indicators_pos=(1, 1),
        parsed=False,
        unknown=0,
        diagnostics=FACTORY,
    ):
        self.file = file
        self.region = region
        self.region_code = region_code
        self.level = level
        self.year = year
        self.published_on = published_on
        self.values = dict() if values is FACTORY else values
        self.invalid = set() if invalid is FACTORY else invalid
        self.indicators_pos = indicators_pos
        self.parsed = parsed
        self.unknown = unknown
        self.diagnostics = list() if diagnostics is FACTORY else diagnostics

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def published_after_year(date: dt.date, year: int) -> bool:
    """Can a report on ``year`` have been made public on ``date``? Only once the year is over: a
    date within it (2024-12-31 for 2024) is a slip, most often the year reported on for the next."""
    return date >= dt.date(year + 1, 1, 1)


def approximate(value, unit: str, kind: str) -> dict:
    """An approximate value's kind and the values it stands for (numbers only), as Value fields."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return {"approx_kind": kind}
    return {"approx_kind": kind, "bounds": approx_bounds(value, unit, kind)}


def derive(sub: Submission, cat: Catalogue) -> None:
    """Compute rates from their counts; reconcile a stated rate with them, on the counts.

    A derived rate is kept exact (never rounded: 19,999,999 of 20,000,000 is not 100%). Where a rate
    is stated as well, it must lie within what its counts allow: where both counts are exact, within
    rounding at the precision written (100 for 995 of 1,000, 93.33 for 14 of 15; an approximate rate,
    100余% or ``approx: true``, within APPROX_RATE_POINTS more); the rate the rules see is then the
    one the counts give, with a note where the stated one differs. An approximate count stands for
    the counts its word allows (``values.approx_bounds``: 1000余 from 1,000 to 1,100, 近1000 from 900 to
    999, 约15 from 5 to 25): the stated rate must lie within the rates such counts can give, and is then
    what the rules see where the figure itself lies within them; where only its rounding does (100 for
    近1000 of 1000余, which give less than 100%), the rules see the rates both allow, with a note. A
    rate derived from approximate counts is the range they give (约15 of 约15: 20%–100%, never 100%).
    A value standing for a range (``Value.bounds``) is decided by the rules at both ends
    (``checker.engine``): a rule met at one end only cannot be confirmed. A stated rate outside what
    the counts allow is an error, never passed.

    Counts with ``parts`` (作出复议决定的案件数 = 审结 − 调解 − 和解 − 撤回 − 终止) are derived first, where
    every part is given and the result is not negative. A rate with fallback pairs (``else:``) uses the
    first pair whose two counts are given, and says so in a note where that is not its own pair; a
    rate whose pair a profile chose (``rates:``) says which it was computed on."""
    _derive_counts(sub, cat)
    for ind in once(cat, "derived", lambda: tuple(i for i in cat.indicators.values() if i.derive)):
        pair = next((p for p in ind.pairs if p[0] in sub.values and p[1] in sub.values), None)
        if pair is None:
            continue
        num, den = map(sub.values.get, pair)
        if den.value == 0:
            continue
        computed = _rate(num.value, den.value)
        given = sub.values.get(ind.key)
        if pair != ind.derive or ind.chosen:
            _basis_note(sub, cat, ind, pair, num)
        (n_low, n_high), (d_low, d_high) = _count_range(num), _count_range(den)
        if given is None:
            if not (num.approx or den.approx):
                if 0 <= computed <= 100:
                    sub.values[ind.key] = Value(computed, line=num.line, column=num.column, derived=True, via=pair)
                continue
            low, high = _rate(n_low, d_high), min(100.0, _rate(n_high, d_low) if d_low else 100.0)
            if low <= high:  # else more done than there was to do, whatever the words
                sub.values[ind.key] = _ranged(
                    min(max(computed, low), high), low, high, line=num.line, column=num.column, via=pair
                )
            continue
        mantissa, places = _decimal(given.raw, given.value)
        scale = 10**places  # the stated rate is mantissa / scale percent
        slack = 1 + (2 * APPROX_RATE_POINTS * scale if given.approx else 0)  # in 1 / (2 * scale) points
        agrees = (2 * mantissa - slack) * d_low <= 200 * n_high * scale and (
            2 * mantissa + slack
        ) * d_high >= 200 * n_low * scale
        exact = not (num.approx or den.approx)
        if agrees and exact and computed <= 100:
            if given.approx or mantissa * den.value != 100 * num.value * scale:
                from checker.describe import number

                sub.diagnostics.append(
                    Diagnostic(
                        "input.rate_from_counts",
                        sub.file,
                        given.line,
                        given.column,
                        {
                            "key": ind.key,
                            "given": number(given.value),
                            "computed": _finer(computed, places),
                            "n": num.value,
                            "d": den.value,
                        },
                        "note",
                    )
                )
                sub.values[ind.key] = Value(
                    computed, False, given.source, given.note, given.line, given.column, derived=True, via=pair
                )
            continue
        if agrees and not exact:
            _bounded_by_counts(sub, ind, given, pair, mantissa, scale, (n_low, n_high, d_low, d_high), num, den)
            continue
        from checker.describe import number

        sub.invalid.add(ind.key)
        params = {
            "key": ind.key,
            "given": number(given.value),
            "computed": number(computed),
            "num": pair[0],
            "den": pair[1],
            "n": num.value,
            "d": den.value,
        }
        if exact:
            sub.diagnostics.append(Diagnostic("input.rate_disagrees", sub.file, given.line, given.column, params))
        else:
            low = _rate(n_low, d_high)
            high = min(100.0, _rate(n_high, max(d_low, 1)))
            sub.diagnostics.append(
                Diagnostic(
                    "input.rate_disagrees_approx",
                    sub.file,
                    given.line,
                    given.column,
                    {**params, "low": number(low), "high": number(high)},
                )
            )


def _derive_counts(sub: Submission, cat: Catalogue) -> None:
    """Counts defined as sums or differences of others, where not given: in as many passes as one
    derived count may feed another (调解和解 = 调解 + 和解, then 作出复议决定 = 审结 − 调解和解 − …)."""
    todo = [
        i
        for i in once(cat, "derived_counts", lambda: tuple(i for i in cat.indicators.values() if i.parts))
        if i.key not in sub.values and i.key not in sub.invalid
    ]
    while todo:
        left = []
        for ind in todo:
            parts = [(sign, sub.values.get(key)) for sign, key in ind.parts]
            if any(v is None for _, v in parts):
                left.append(ind)
                continue
            total = sum(sign * v.value for sign, v in parts)
            if total >= 0:
                first = parts[0][1]
                via = tuple(k for _, k in ind.parts)
                if not any(v.approx for _, v in parts):
                    sub.values[ind.key] = Value(total, line=first.line, column=first.column, derived=True, via=via)
                    continue
                ranges = [(sign, _count_range(v)) for sign, v in parts]
                low = max(0, sum(sign * (lo if sign > 0 else hi) for sign, (lo, hi) in ranges))
                high = sum(sign * (hi if sign > 0 else lo) for sign, (lo, hi) in ranges)
                if high >= 0:
                    sub.values[ind.key] = _ranged(total, low, high, line=first.line, column=first.column, via=via)
        if len(left) == len(todo):
            return
        todo = left


def _basis_note(sub: Submission, cat: Catalogue, ind, pair: tuple, num: Value) -> None:
    """Say what a rate was computed on where it is not its own definition: the profile's choice, or a
    fallback because the counts of its own pair were not reported (never a silent switch)."""
    params = {"key": ind.key, "num": pair[0], "den": pair[1]}
    if ind.chosen:
        sub.diagnostics.append(
            Diagnostic("input.rate_chosen", sub.file, num.line, num.column, {**params, "profile": ind.chosen}, "note")
        )
        return
    absent = [k for k in ind.derive if k not in sub.values]
    sub.diagnostics.append(
        Diagnostic(
            "input.rate_fallback",
            sub.file,
            num.line,
            num.column,
            {**params, "own": ind.derive[1], "absent": "、".join(absent) or ind.derive[1]},
            "note",
        )
    )


def _rate(num, den) -> float:
    """100 × num / den as a float, never rounded up to 100 where num < den."""
    rate = 100.0 * num / den
    if rate >= 100.0 and num < den:
        rate = math.nextafter(100.0, 0.0)
    return rate


def _finer(rate: float, places: int) -> str:
    """A computed rate to two places more than the stated one was written to (93.3333 for 93.33)."""
    from checker.describe import number

    text = format(rate, f".{places + 2}f").rstrip("0").rstrip(".")
    return text if "." in text or rate.is_integer() else number(rate)


def _count_range(value: Value) -> tuple:
    """The counts a count as given can stand for: itself, or for an approximate one, the range its
    word allows (``values.approx_bounds``)."""
    if value.bounds is not None:
        return value.bounds
    if not value.approx:
        return value.value, value.value
    return approx_bounds(value.value, "count", value.approx_kind)


def _ranged(value, low, high, source=None, note=None, line=None, column=None, via=()) -> Value:
    """A value derived from approximate figures: the range they allow, exact where it is one value."""
    if low == high:
        return Value(low, False, source, note, line, column, derived=True, via=via)
    return Value(
        value, True, source, note, line, column, derived=True, via=via, approx_kind="about", bounds=(low, high)
    )


def _bounded_by_counts(
    sub: Submission, ind, given: Value, pair: tuple, mantissa: int, scale: int, ranges: tuple, num: Value, den: Value
) -> None:
    """A stated rate that agrees with approximate counts: the figure, where the counts allow it as
    written (and, for an approximate one, the rates both allow); else the rates both the counts and the
    figure's rounding allow, with a note (100 for 近1000 of 1000余: below 100)."""
    n_low, n_high, d_low, d_high = ranges
    low, high = _rate(n_low, d_high), min(100.0, _rate(n_high, d_low) if d_low else 100.0)
    as_written = n_low * 100 * scale <= mantissa * d_high and mantissa * d_low <= n_high * 100 * scale
    if as_written and not given.approx:
        return  # the stated rate is the figure; the counts allow it
    if given.approx:
        g_low, g_high = given.bounds or (given.value, given.value)
    else:  # its rounding at the places written
        g_low, g_high = (2 * mantissa - 1) / (2 * scale), (2 * mantissa + 1) / (2 * scale)
    low, high = max(low, g_low), min(high, g_high)
    if low > high:  # pragma: no cover - agreeing ranges overlap
        return
    sub.values[ind.key] = _ranged(
        min(max(given.value, low), high), low, high, given.source, given.note, given.line, given.column, via=pair
    )
    if not as_written:
        from checker.describe import number

        sub.diagnostics.append(
            Diagnostic(
                "input.rate_bounded",
                sub.file,
                given.line,
                given.column,
                {
                    "key": ind.key,
                    "given": number(given.value),
                    "low": number(low),
                    "high": number(high),
                    "n": _approx_text(num),
                    "d": _approx_text(den),
                },
                "note",
            )
        )


def _approx_text(value: Value) -> str:
    """A count as written (近1000), for a message in either language."""
    from checker.describe import number

    return str(value.raw).strip() if isinstance(value.raw, str) else number(value.value)


_DECIMAL = re.compile(r"(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?")


def _decimal(written, value) -> tuple:
    """A stated percentage as (mantissa, places): 99.5 -> (995, 1), from the text written where there
    is one (``99.50`` is stated to two places), else from the number read."""
    for text in (written, value):
        if text is None or isinstance(text, bool):
            continue
        text = repr(text) if isinstance(text, float) else str(text)
        if not text.isascii():
            import unicodedata

            text = unicodedata.normalize("NFKC", text)
        m = _DECIMAL.search(text)
        if m is None:
            continue
        whole, fraction, exponent = m.group(1), m.group(2) or "", int(m.group(3) or 0)
        mantissa, places = int(whole + fraction), len(fraction) - exponent
        if places < 0:
            mantissa, places = mantissa * 10**-places, 0
        if abs(mantissa / 10**places - value) <= 1e-9 * max(1.0, abs(value)):
            return mantissa, places
    return round(value * 10**6), 6  # pragma: no cover - a percentage read is always a decimal
