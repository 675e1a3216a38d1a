"""Reading one indicator value the way people write it, per the catalogue unit.

Numbers written as in Chinese documents (full-width digits, ``2,528``,
``4.29亿元``, ``300余``, ``近20``, ``100%``) are normalised with a note and, for
余/多/近/约, the approximate flag and its kind (``approx_kind``: ``over`` for 余, 多, 逾, 超过: more
than the figure; ``under`` for 近: a little less; ``about`` for 约, 大约 and ``approx: true``:
either side; a value mapping may say which, ``approx: 余``, ``近`` or ``约``); anything else is refused with a message that says how to write it.  Nothing is guessed.

``approx_bounds`` gives the values an approximate figure stands for, by its kind: a count within a
tenth of the figure (at least APPROX_COUNT_MIN), a percentage within APPROX_RATE_POINTS points.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from checker.record import FrozenRecord, record, setfield

MAX_MAGNITUDE = 10**15  # larger values are surely typing errors (and overflow the engine)

_APPROX_BEFORE = ("近", "约", "逾", "超过", "大约")
_APPROX_AFTER = ("余", "多")
APPROX_KINDS = {"近": "under", "约": "about", "大约": "about", "逾": "over", "超过": "over", "余": "over", "多": "over"}
APPROX_RATE_POINTS = 5  # 约95%, 90余%: within five points of what is written
APPROX_COUNT_SHARE = 10  # 300余, 近1000: within a tenth of what is written ...
APPROX_COUNT_MIN = 10  # ... and at least ten (10余 may be 19)
_SCALE = {"亿元": 8, "亿": 8, "万元": 4, "万": 4, "元": 0}  # powers of ten
_COUNT_WORDS = "件次个项卷户人名条起份家所场期批篇台"
_NUMBER = (  # compiled at the first number written as text (re caches it)
    r"^(?P<before>近|约|逾|超过|大约)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3})?)"
    r"(?P<after>余|多)?"
    r"(?P<scale>亿元|万元|亿|万|元)?"
    r"(?P<unit>%|[" + _COUNT_WORDS + r"])?$"
)
_BOOL_WORDS = {"是": True, "否": False}
_HUNDRED = {"百分之百", "全覆盖"}


@record
class Problem(FrozenRecord, Exception):
    """A value that cannot be read for its unit (an i18n code and its parameters)."""

    code: str
    params: dict

    def __init__(self, code, params):
        setfield(self, "code", code)
        setfield(self, "params", params)


@record
class Parsed(FrozenRecord):
    """A raw value read for its unit, and how it was normalised."""

    value: object
    approx: bool = False
    note: str | None = None  # i18n code of a normalisation note
    raw: object = None
    approx_kind: str | None = None  # over (余, 多), under (近), about (约): see the module's words

    def __init__(self, value, approx=False, note=None, raw=None, approx_kind=None):
        setfield(self, "value", value)
        setfield(self, "approx", approx)
        setfield(self, "note", note)
        setfield(self, "raw", raw)
        setfield(self, "approx_kind", approx_kind)


def as_given(raw, unit: str):
    """``raw`` itself where ``parse_value`` would take it unchanged (no note, not approximate): a
    number in its unit's range, a true or false for a yes-or-no. None for anything else, which
    ``parse_value`` reads (or refuses). The common case, without its four calls."""
    kind = type(raw)
    if kind is int or kind is float and unit in _FRACTIONAL:  # a float count is made an int: not as given
        low, high = _RANGES.get(unit, (1, 0))
        return raw if low <= raw <= high else None  # NaN and infinities fail both tests
    return raw if kind is bool and unit == "bool" else None


# the ranges _check_number holds numbers to (tests/test_submission.py holds the two together)
_RANGES = {"count": (0, MAX_MAGNITUDE), "days": (0, MAX_MAGNITUDE), "yuan": (0, MAX_MAGNITUDE), "percent": (0, 100)}
_FRACTIONAL = ("percent", "yuan")


def parse_value(raw, unit: str, written=None) -> Parsed:
    """Normalise a raw YAML scalar for a catalogue unit or raise Problem.

    ``written`` is the scalar as it stood in the file, for messages (``yes`` rather than True).
    """
    try:
        if unit == "bool":
            return _bool(raw)
        if unit == "date":
            return _date(raw)
        return _number(raw, unit)
    except Problem as exc:
        if written is not None and written != raw:
            raise Problem(exc.code, {**exc.params, "raw": _show(written)}) from None
        raise


def _bool(raw) -> Parsed:
    if isinstance(raw, bool):
        return Parsed(raw)
    if isinstance(raw, str) and raw.strip() in _BOOL_WORDS:
        return Parsed(_BOOL_WORDS[raw.strip()], note="value.normalised", raw=raw)
    raise Problem("value.want_bool", {"raw": _show(raw)})


# China Standard Time: a report is published on a day in China, where a time given in another zone is
# read (2025-03-31T23:59:59-12:00 is 1 April in Beijing)
CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+8")


def _date(raw) -> Parsed:
    if isinstance(raw, dt.datetime):  # a time of day as well: the date is read, and said
        if raw.tzinfo is not None and raw.utcoffset() is not None:
            return Parsed(raw.astimezone(CHINA).date(), note="value.normalised_tz", raw=raw.isoformat())
        return Parsed(raw.date(), note="value.normalised", raw=str(raw))
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, str):
        text = ascii_digits(unicodedata.normalize("NFKC", raw)).strip()
        m = re.match(r"^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?$", text)
        if m:
            try:
                return Parsed(dt.date(*map(int, m.groups())), note="value.normalised", raw=raw)
            except ValueError:
                pass
    raise Problem("value.want_date", {"raw": _show(raw)})


def _number(raw, unit: str) -> Parsed:
    if isinstance(raw, bool):
        raise Problem("value.bool_for_number", {"raw": _show(raw)})
    if isinstance(raw, (dt.date, dt.datetime)):
        raise Problem("value.date_for_number", {"raw": _show(raw)})
    if isinstance(raw, (int, float)):
        return Parsed(_check_number(raw, unit))
    if isinstance(raw, str):
        return _number_text(raw, unit)
    raise Problem("value.want_number", {"raw": _show(raw)})


_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")


def ascii_digits(text: str) -> str:
    """Every decimal digit of any script (Arabic-Indic ٠١٢, Persian ۱۲, Devanagari १२, full-width …) as
    the ASCII digit of its value, one character for one; read with a note where it stands in a value,
    as full-width digits are."""
    if not _NON_ASCII_DIGIT.search(text):
        return text
    return _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def _number_text(raw: str, unit: str) -> Parsed:
    text = ascii_digits(unicodedata.normalize("NFKC", raw)).strip().replace(" ", "")
    if unit == "percent" and text in _HUNDRED:
        return Parsed(100, note="value.normalised", raw=raw)
    m = re.match(_NUMBER, text)
    if not m:
        raise Problem("value.not_a_number", {"raw": _show(raw)})
    scale, suffix = m.group("scale"), m.group("unit")
    if scale and unit != "yuan":
        raise Problem("value.money_unit", {"raw": _show(raw)})
    if suffix == "%" and unit != "percent":
        raise Problem("value.percent_sign", {"raw": _show(raw)})
    if suffix and suffix != "%" and unit not in ("count", "days"):
        raise Problem("value.count_word", {"raw": _show(raw)})
    from decimal import Decimal, InvalidOperation  # exact scaling, needed only for numbers written as text

    try:
        number = Decimal(m.group("num").replace(",", "")).scaleb(_SCALE.get(scale or "元", 0))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise Problem("value.not_a_number", {"raw": _show(raw)}) from None
    value = int(number) if number == number.to_integral_value() else float(number)
    kinds = {APPROX_KINDS[word] for word in (m.group("before"), m.group("after")) if word}
    kind = (kinds.pop() if len(kinds) == 1 else "about") if kinds else None  # 约300余: either side
    num = m.group("num")
    # 017 is read as 17 (YAML 1.1 would read octal 15), 1e2 as 100: both said in a note
    plain = raw.strip() == num and "," not in text and num.isdigit() and not (num[0] == "0" and len(num) > 1)
    note = _APPROX_NOTES[kind] if kind else (None if plain else "value.normalised")
    return Parsed(_check_number(value, unit), kind is not None, note, raw, kind)


_APPROX_NOTES = {"over": "value.normalised_over", "under": "value.normalised_under", "about": "value.normalised_approx"}


def approx_bounds(value, unit: str, kind: str | None) -> tuple:
    """(lowest, highest) value an approximate figure of ``kind`` (None: about) stands for. A count
    (or days): within a tenth of it, at least APPROX_COUNT_MIN; 余/多 from the figure up, 近 below it
    (1000 less one at most), 约 either side; never below 1 for a figure above 0 (约5 is something).
    A percentage: within APPROX_RATE_POINTS points, and within 0–100 (近100% is below 100). An amount
    of money: within a tenth."""
    kind = kind or "about"
    if unit == "percent":
        low = value if kind == "over" else max(0.0, value - APPROX_RATE_POINTS)
        high = value if kind != "over" else min(100.0, value + APPROX_RATE_POINTS)
        if kind == "about":
            high = min(100.0, value + APPROX_RATE_POINTS)
        elif kind == "under" and value > 0:
            high = math.nextafter(value, 0.0)
        return low, high
    if unit in ("count", "days") and isinstance(value, int):
        width = max(-(-value // APPROX_COUNT_SHARE), APPROX_COUNT_MIN)
        low = value if kind == "over" else value - width
        high = value + width if kind != "under" else max(0, value - 1)
        least = 1 if value > 0 and high >= 1 else 0
        return max(least, low), high
    width = abs(value) / APPROX_COUNT_SHARE
    low = value if kind == "over" else max(0, value - width)
    high = value + width if kind != "under" else value
    return low, high


def _check_number(value, unit: str):
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Problem("value.not_finite", {"raw": _show(value)})
        if value.is_integer() and unit in ("count", "days"):
            value = int(value)
    if abs(value) > MAX_MAGNITUDE:
        raise Problem("value.too_large", {"raw": _show(value)})
    if unit in ("count", "days"):
        if not isinstance(value, int):
            raise Problem("value.fractional_count", {"raw": _show(value)})
        if value < 0:
            raise Problem("value.negative", {"raw": _show(value)})
    elif unit == "percent":
        if not 0 <= value <= 100:
            raise Problem("value.percent_range", {"raw": _show(value)})
    elif value < 0:
        raise Problem("value.negative", {"raw": _show(value)})
    return value


def _show(raw) -> str:
    text = str(raw)
    return text if len(text) <= 60 else text[:57] + "..."
