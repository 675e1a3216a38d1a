"""Loading a submission (YAML or JSON) into indicator values with their positions.

Every problem is collected as a located Diagnostic; a value is either used or
reported, never dropped or guessed.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import field
from pathlib import Path

from checker import yamlpos
from checker.errors import Diagnostic, places_said
from checker.inputfile import TooLarge, read_capped
from checker.memo import once
from checker.pack.catalogue import Catalogue
from checker.pack.expr import suggest
from checker.record import FACTORY, Record, record
from checker.region import RegionProblem, region_name
from checker.values import (APPROX_COUNT_MIN, APPROX_COUNT_SHARE, APPROX_KINDS, APPROX_RATE_POINTS,  # noqa: F401
                            Parsed, Problem, approx_bounds, as_given, parse_value)
from checker.yamlpos import YMap

MAX_BYTES = 5 * 1024 * 1024
YEARS = range(1990, 2101)   # a year reported on: in a file's year: and in --year
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".docx")   # prose reports, read by checker.extract
TOP_FIELDS = ("region", "region_code", "level", "year", "published_on", "indicators")
LEVELS = ("county", "city", "district", "township", "department")
VALUE_FIELDS = ("value", "approx", "source", "note")
MAX_SUGGESTIONS = 50       # "did you mean" is costly; past this many unknown keys, none is offered
MAX_DIAGNOSTICS = 500      # a file with more problems than this is not a submission; the rest are counted


@record(slots=True)
class Value(Record):
    """One indicator value as read. Treated as immutable (not frozen: created ~150 times per file)."""
    value: object
    approx: bool = False
    source: str | None = None
    note: str | None = None
    line: int | None = None
    column: int | None = None
    derived: bool = False
    raw: object = None
    via: tuple = ()          # a derived value: the keys it was computed from (a rate: numerator, denominator)
    approx_kind: str | None = None   # an approximate figure's kind: over (余, 多), under (近), about (约)
    bounds: tuple | None = None      # (lowest, highest) an approximate value stands for: the rules are decided on both

    def __init__(self, value, approx=False, source=None, note=None,
                 line=None, column=None, derived=False, raw=None, via=(), approx_kind=None, bounds=None):
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
    invalid: set = field(default_factory=set)   # indicators given but not readable (reported)
    indicators_pos: tuple = (1, 1)
    parsed: bool = False        # the file was read as a mapping
    unknown: int = 0            # unknown indicator keys met so far
    diagnostics: list = field(default_factory=list)

    def __init__(self, file, region=None, region_code=None, level=None, year=None, published_on=None,
                 values=FACTORY, invalid=FACTORY, indicators_pos=(1, 1), parsed=False, unknown=0, diagnostics=FACTORY):
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


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")      # before UTF-16's: FF FE starts both
_WIDE_BOMS = _UTF32_BOMS + (b"\xff\xfe", b"\xfe\xff")
# text read as GB18030 in which this share of the characters outside ASCII are outside GB2312 (rare
# characters, private use) is not GBK Chinese: Big5 or Shift-JIS bytes are valid GBK, and read so,
# give mostly such characters (a real GBK report: none, or a rare one in a name)
IMPLAUSIBLE_SHARE = 0.25
IMPLAUSIBLE_MIN = 2


def decode(data: bytes, file: str, diags: list) -> str | None:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-32 or UTF-16 with BOM, else GB18030 where it
    reads as Chinese (Big5 and Shift-JIS read as GB18030 do not: refused); never mojibake."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_WIDE_BOMS):
        encoding = "utf-32" if data.startswith(_UTF32_BOMS) else "utf-16"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            diags.append(Diagnostic("input.encoding", file, None, None, {"encoding": encoding.upper()}))
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[:utf8_error.start].count(b"\n") + 1
        diags.append(Diagnostic("input.encoding", file, line, None, {"encoding": "UTF-8 / GB18030"}))
        return None
    share = _rare_share(text)
    if share is not None:
        diags.append(Diagnostic("input.encoding_implausible", file, None, None, {"share": share}))
        return None
    diags.append(Diagnostic("input.gb18030", file, None, None, severity="note"))
    return text


def _rare_share(text: str) -> int | None:
    """The percentage of the characters outside ASCII that GB2312 does not hold, where it is too high
    for GBK Chinese (else None)."""
    from collections import Counter
    counts = Counter(text)
    wide = rare = 0
    for char, count in counts.items():
        if char < "\x80":
            continue
        wide += count
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += count
    if rare >= IMPLAUSIBLE_MIN and rare >= IMPLAUSIBLE_SHARE * wide:
        return round(100 * rare / wide)
    return None


def read_text(path: Path, diags: list) -> str | None:
    file = str(path)
    try:
        data = read_capped(path, MAX_BYTES)      # a pipe or a device too: never more than the limit
    except TooLarge as exc:
        diags.append(exc.diagnostic(file))
        return None
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", file, None, None, {"reason": exc.strerror or str(exc)}))
        return None
    if b"\x00" in data and not data.startswith(_WIDE_BOMS):
        diags.append(Diagnostic("input.binary", file, None, None))
        return None
    return decode(data, file, diags)


def parse_text(text: str, file: str, json_mode: bool, diags: list):
    if json_mode:
        try:     # the syntax only: values (NaN, a 5,000-digit number) are read and refused in place below
            json.loads(text, parse_constant=_nothing, parse_int=_nothing, parse_float=_nothing)
        except json.JSONDecodeError as exc:
            diags.append(Diagnostic("json.syntax", file, exc.lineno, exc.colno, {"problem": exc.msg}))
            return None
        except RecursionError:
            diags.append(Diagnostic("yaml.too_deep", file, None, None, {"limit": yamlpos.MAX_DEPTH}))
            return None
        text = text.replace("\t", " ")  # JSON strings cannot hold a raw tab; YAML rejects tabs
    data, found = (yamlpos.load_json if json_mode else yamlpos.load)(text, file)
    diags.extend(found)
    return data


def _nothing(text):
    return None


def load_submission(path: str | Path, cat: Catalogue) -> Submission:
    path = Path(path)
    sub = Submission(str(path))
    text = read_text(path, sub.diagnostics)
    if text is None:
        return sub
    data = parse_text(text, sub.file, path.suffix.lower() == ".json", sub.diagnostics)
    if data is None:
        return sub
    if not isinstance(data, YMap):
        sub.diagnostics.append(Diagnostic("input.not_mapping", sub.file, 1, 1))
        return sub
    return build(data, sub, cat)


def read_input(path: str | Path, pack, overrides: dict | None = None) -> Submission:
    """A submission file, or a prose report through the extractor (imported only then).

    ``overrides`` (region, year, published_on) give what a report's text does not state. A file whose
    reading runs out of memory is an input error of its own (the run goes on with the next file).
    """
    try:
        if Path(path).suffix.lower() in REPORT_SUFFIXES:
            from checker.extract import extract, to_submission
            ex = extract(path, pack, **(overrides or {}))
            return to_submission(ex, pack.catalogue)
        return load_submission(path, pack.catalogue)
    except MemoryError:
        return Submission(str(path), diagnostics=[Diagnostic("input.out_of_memory", str(path), None, None)])


def load_mapping(data: YMap, cat: Catalogue, file: str = "<example>") -> Submission:
    """A submission from an already parsed mapping (rule examples)."""
    return build(data, Submission(file), cat)


def build(data: YMap, sub: Submission, cat: Catalogue) -> Submission:
    diags = sub.diagnostics
    sub.parsed = True
    for key in data:
        if key not in TOP_FIELDS:
            diags.append(Diagnostic("input.unknown_field", sub.file, *data.key_pos[key],
                                    {"name": key, "suggestion": suggest(str(key), TOP_FIELDS)}))
    _metadata(data, sub)
    raw = _collect(data, sub, cat)
    said = places_said(diags)
    for key, (value, pos, _) in raw.items():
        _add(sub, cat, key, value, pos, said=said)
    for name, key in cat.fields.items():
        name, _, equals = name.partition("=")
        if equals:
            _field_is(sub, data, name, equals, key)
            continue
        if name in data and data[name] is not None and key not in sub.values:
            if data.pos(name) in said:
                sub.invalid.add(key)         # said once already, as the top-level field it is
                continue
            _add(sub, cat, key, (data[name], data.written(name)), data.pos(name), top=True)
    _published_in_block(sub, cat)
    _derive(sub, cat)
    _cap(sub)
    return sub


def _field_is(sub: Submission, data: YMap, name: str, equals: str, key: str) -> None:
    """A yes-or-no indicator for one value of a top-level field (``field: level=department``): true
    where the field holds that value, false where it holds another; not reported without the field,
    and unreadable where the field was refused (its problem is said at its place)."""
    if key in sub.values or data.get(name) is None:
        return
    held = getattr(sub, name, None)
    if held is None:
        sub.invalid.add(key)
        return
    sub.values[key] = Value(held == equals, line=data.pos(name)[0], column=data.pos(name)[1])


def _exact(value: float, written: str) -> bool:
    """Is ``written`` the number ``value`` holds, in its shortest form or in the 17 digits some
    writers give every float (98.599999999999994)? 99.999999999999999999 is read as 100.0: a
    float cannot hold what was written there, and a rate would pass that did not."""
    if repr(value) == written:
        return True
    from decimal import Decimal, InvalidOperation
    try:
        number = Decimal(written)
    except InvalidOperation:          # .inf, .nan: refused as they are, below
        return True
    return number == Decimal(repr(value)) or number == Decimal(format(value, ".17g"))


def _cap(sub: Submission) -> None:
    """Keep the first MAX_DIAGNOSTICS problems and say how many more there were."""
    if len(sub.diagnostics) > MAX_DIAGNOSTICS:
        more = len(sub.diagnostics) - MAX_DIAGNOSTICS
        sub.diagnostics[MAX_DIAGNOSTICS:] = [Diagnostic("input.too_many_problems", sub.file, None, None,
                                                        {"count": more})]


def _metadata(data: YMap, sub: Submission) -> None:
    file, diags = sub.file, sub.diagnostics
    region = data.get("region")
    if region is not None and not isinstance(region, str):
        shown = (f"[{', '.join(map(str, region))}]" if isinstance(region, list) else
                 "{…}" if isinstance(region, dict) else data.written("region"))
        diags.append(Diagnostic("input.region_type", file, *data.pos("region"), {"raw": shown}))
    elif not isinstance(region, str) or not region.strip():
        line, col = data.pos("region") if "region" in data else (data.line, data.col)
        diags.append(Diagnostic("input.region", file, line, col))
    else:
        try:
            sub.region = region_name(region)     # the one guard of every reader and of --region
        except RegionProblem as exc:
            diags.append(Diagnostic(exc.code, file, *data.pos("region"), exc.params))
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        line, col = data.pos("year") if "year" in data else (data.line, data.col)
        diags.append(Diagnostic("input.year", file, line, col, {"raw": year}))
    else:
        sub.year = year
    code = data.get("region_code")
    if code is not None:
        if isinstance(code, int) and not isinstance(code, bool):
            code = str(code)
        if not isinstance(code, str) or not re.fullmatch(r"[0-9]{6}", code):
            diags.append(Diagnostic("input.region_code", file, *data.pos("region_code"), {"raw": code}))
        else:
            sub.region_code = code
    level = data.get("level")
    if level is not None:
        if level not in LEVELS:
            diags.append(Diagnostic("input.level", file, *data.pos("level"),
                                    {"raw": level, "choices": ", ".join(LEVELS)}))
        else:
            sub.level = level
    if data.get("published_on") is not None:
        try:
            parsed = parse_value(data["published_on"], "date")
        except Problem as exc:
            diags.append(Diagnostic(exc.code, file, *data.pos("published_on"),
                                    {**exc.params, "key": "published_on"}))
            return
        sub.published_on = parsed.value      # a note on how it was read comes with report.published_on
        if sub.year is not None and not published_after_year(sub.published_on, sub.year):
            diags.append(Diagnostic("input.published_before_year", file, *data.pos("published_on"),
                                    {"key": "published_on", "raw": sub.published_on.isoformat(), "year": sub.year}))
            sub.published_on = None


def published_after_year(date: dt.date, year: int) -> bool:
    """Can a report on ``year`` have been made public on ``date``? Only once the year is over: a
    date within it (2024-12-31 for 2024) is a slip, most often the year reported on for the next."""
    return date >= dt.date(year + 1, 1, 1)


def _published_in_block(sub: Submission, cat: Catalogue) -> None:
    """The publication date given as an indicator (``report.published_on:`` under ``indicators``) is
    held to the same test as the top-level ``published_on``, at its own place."""
    key = cat.fields.get("published_on")
    given = sub.values.get(key) if key else None
    if given is None or sub.year is None or not isinstance(given.value, dt.date) \
            or published_after_year(given.value, sub.year):
        return
    sub.diagnostics.append(Diagnostic("input.published_before_year", sub.file, given.line, given.column,
                                      {"key": key, "raw": given.value.isoformat(), "year": sub.year}))
    del sub.values[key]
    sub.invalid.add(key)


def _collect(data: YMap, sub: Submission, cat: Catalogue) -> dict:
    """Indicator entries (flat or nested, keys or aliases) -> {key: (raw, (line, col))}."""
    file, diags = sub.file, sub.diagnostics
    if "indicators" not in data:
        diags.append(Diagnostic("input.no_indicators", file, data.line, data.col))
        return {}
    sub.indicators_pos = data.key_pos["indicators"]
    block = data["indicators"]
    if block is None:
        return {}
    if not isinstance(block, YMap):
        diags.append(Diagnostic("input.indicators_mapping", file, *data.pos("indicators")))
        return {}
    found: dict = {}
    areas, area_aliases = cat.areas, cat.area_aliases
    for name, value, written, key_pos, pos in block.entries():
        area = name if name in areas else area_aliases.get(name)
        if area is not None and isinstance(value, YMap) and not _is_value_mapping(value):
            for inner, inner_value, inner_written, inner_key_pos, inner_pos in value.entries():
                _one(sub, cat, found, f"{area}.{inner}", inner, (inner_value, inner_written), inner_key_pos, inner_pos)
        else:
            _one(sub, cat, found, name, name, (value, written), key_pos, pos)
    return found


def _is_value_mapping(value: YMap) -> bool:
    return "value" in value


def _one(sub, cat, found, name, shown, value, key_pos, val_pos):
    key = cat.resolve(str(name))
    if key is None and isinstance(shown, str):
        key = cat.resolve(shown)  # a Chinese alias under an area heading
    if key is None:
        sub.unknown += 1
        suggestion = ""
        if sub.unknown <= MAX_SUGGESTIONS:
            suggestion = suggest(str(name)[:200], list(cat.indicators) + list(cat.aliases))
        sub.diagnostics.append(Diagnostic("input.unknown_indicator", sub.file, *key_pos,
                                          {"name": name, "suggestion": suggestion}))
        return
    if key in found:
        first = found[key][2]
        sub.diagnostics.append(Diagnostic("input.duplicate_indicator", sub.file, *key_pos,
                                          {"name": shown, "key": key, "first_line": first[0]}))
        return
    found[key] = (value, val_pos, key_pos)


def _add(sub: Submission, cat: Catalogue, key: str, raw, pos, top: bool = False, said=frozenset()) -> None:
    ind = cat.indicators[key]
    written = approx = source = note = None
    if isinstance(raw, tuple):  # (value, text as written)
        raw, written = raw
    if isinstance(raw, YMap):
        extra = _value_mapping(raw, sub, key)
        if extra is None:
            sub.invalid.add(key)
            return
        approx, source, note = extra
        pos = raw.pos("value")
        written = raw.written("value")
        raw = raw["value"]
    if raw is None:
        if tuple(pos) not in said:      # a value the reader could not read is said already, not "empty"
            sub.diagnostics.append(Diagnostic("value.empty", sub.file, *pos, {"key": key}))
        sub.invalid.add(key)
        return
    if isinstance(raw, (list, dict)):
        sub.diagnostics.append(Diagnostic("value.want_scalar", sub.file, *pos, {"key": key}))
        sub.invalid.add(key)
        return
    if type(raw) is float and written is not None and not _exact(raw, written):
        sub.diagnostics.append(Diagnostic("value.too_precise", sub.file, *pos, {"key": key, "raw": written}))
        sub.invalid.add(key)
        return
    value = as_given(raw, ind.unit)
    if value is not None:
        if ind.unit == "percent" and 0 < value < 1:
            _fraction_note(sub, key, value, written if written is not None else raw, pos)
        sub.values[key] = Value(value, bool(approx), source, note, pos[0], pos[1],
                                raw=written if ind.unit == "percent" else None,   # its places, for _derive
                                **(_approximate(value, ind.unit, APPROX_KINDS.get(approx, "about")) if approx else {}))
        return
    try:
        parsed: Parsed = parse_value(raw, ind.unit, written)
    except Problem as exc:
        sub.diagnostics.append(Diagnostic(exc.code, sub.file, *pos, {**exc.params, "key": key, "unit": ind.unit}))
        sub.invalid.add(key)
        return
    if parsed.note:
        sub.diagnostics.append(Diagnostic(parsed.note, sub.file, *pos,
                                          {"key": key, "raw": parsed.raw, "value": parsed.value}, "note"))
    if ind.unit == "percent" and 0 < parsed.value < 1 and not _PERCENT_SIGN(str(parsed.raw)):
        _fraction_note(sub, key, parsed.value, written if written is not None else raw, pos)
    kind = parsed.approx_kind or (APPROX_KINDS.get(approx, "about") if approx else None)
    sub.values[key] = Value(parsed.value, kind is not None, source, note, pos[0], pos[1], raw=parsed.raw,
                            **(_approximate(parsed.value, ind.unit, kind) if kind else {}))


def _approximate(value, unit: str, kind: str) -> dict:
    """An approximate value's kind and the values it stands for (numbers only), as Value fields."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return {"approx_kind": kind}
    return {"approx_kind": kind, "bounds": approx_bounds(value, unit, kind)}


_PERCENT_SIGN = re.compile("[%％]").search     # "0.5%" says it is a percentage: no question to ask


def _fraction_note(sub: Submission, key: str, value, written, pos) -> None:
    """A percentage written between 0 and 1 (0.98): kept as written, with a note asking whether
    98 was meant (a share written as a fraction is the commonest slip in a data template)."""
    from decimal import Decimal, InvalidOperation
    text = str(written).strip()
    try:
        exact = Decimal(text)                  # the digits written, not the float read (0.07 × 100)
    except InvalidOperation:                   # written otherwise (约0.98): the value it was read as
        exact = Decimal(repr(value))
    hundred = format(exact.scaleb(2).normalize(), "f")
    sub.diagnostics.append(Diagnostic("value.percent_fraction", sub.file, *pos,
                                      {"key": key, "raw": text, "percent": hundred}, "note"))


def _value_mapping(raw: YMap, sub: Submission, key: str):
    """A value given as a mapping (value, approx, source, note) -> (approx, source, note), or None
    after reporting what is wrong with it."""
    bad = False
    for name in raw:
        if name not in VALUE_FIELDS:
            sub.diagnostics.append(Diagnostic("input.unknown_value_field", sub.file, *raw.key_pos[name],
                                              {"name": name, "key": key,
                                               "suggestion": suggest(str(name), VALUE_FIELDS)}))
            bad = True
    if "value" not in raw:
        sub.diagnostics.append(Diagnostic("input.value_missing", sub.file, raw.line, raw.col, {"key": key}))
        return None
    if "approx" in raw and not isinstance(raw["approx"], bool) and raw["approx"] not in APPROX_KINDS:
        sub.diagnostics.append(Diagnostic("value.want_bool", sub.file, *raw.pos("approx"),
                                          {"raw": raw["approx"], "key": f"{key}.approx"}))
        bad = True
    for text in ("source", "note"):
        if text in raw and raw[text] is not None and not isinstance(raw[text], str):
            sub.diagnostics.append(Diagnostic("input.want_text", sub.file, *raw.pos(text),
                                              {"name": text, "key": key}))
            bad = True
    if bad:
        return None
    return raw.get("approx"), raw.get("source"), raw.get("note")


def _derive(sub: Submission, cat: Catalogue) -> None:
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
            if low <= high:                     # else more done than there was to do, whatever the words
                sub.values[ind.key] = _ranged(min(max(computed, low), high), low, high, line=num.line,
                                              column=num.column, via=pair)
            continue
        mantissa, places = _decimal(given.raw, given.value)
        scale = 10 ** places                       # the stated rate is mantissa / scale percent
        slack = 1 + (2 * APPROX_RATE_POINTS * scale if given.approx else 0)   # in 1 / (2 * scale) points
        agrees = ((2 * mantissa - slack) * d_low <= 200 * n_high * scale
                  and (2 * mantissa + slack) * d_high >= 200 * n_low * scale)
        exact = not (num.approx or den.approx)
        if agrees and exact and computed <= 100:
            if given.approx or mantissa * den.value != 100 * num.value * scale:
                from checker.describe import number
                sub.diagnostics.append(Diagnostic("input.rate_from_counts", sub.file, given.line, given.column,
                                                  {"key": ind.key, "given": number(given.value),
                                                   "computed": _finer(computed, places), "n": num.value,
                                                   "d": den.value},
                                                  "note"))
                sub.values[ind.key] = Value(computed, False, given.source, given.note, given.line, given.column,
                                            derived=True, via=pair)
            continue
        if agrees and not exact:
            _bounded_by_counts(sub, ind, given, pair, mantissa, scale, (n_low, n_high, d_low, d_high), num, den)
            continue
        from checker.describe import number
        sub.invalid.add(ind.key)
        params = {"key": ind.key, "given": number(given.value), "computed": number(computed),
                  "num": pair[0], "den": pair[1], "n": num.value, "d": den.value}
        if exact:
            sub.diagnostics.append(Diagnostic("input.rate_disagrees", sub.file, given.line, given.column, params))
        else:
            low = _rate(n_low, d_high)
            high = min(100.0, _rate(n_high, max(d_low, 1)))
            sub.diagnostics.append(Diagnostic("input.rate_disagrees_approx", sub.file, given.line, given.column,
                                              {**params, "low": number(low), "high": number(high)}))


def _derive_counts(sub: Submission, cat: Catalogue) -> None:
    """Counts defined as sums or differences of others, where not given: in as many passes as one
    derived count may feed another (调解和解 = 调解 + 和解, then 作出复议决定 = 审结 − 调解和解 − …)."""
    todo = [i for i in once(cat, "derived_counts", lambda: tuple(i for i in cat.indicators.values() if i.parts))
            if i.key not in sub.values and i.key not in sub.invalid]
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
        sub.diagnostics.append(Diagnostic("input.rate_chosen", sub.file, num.line, num.column,
                                          {**params, "profile": ind.chosen}, "note"))
        return
    absent = [k for k in ind.derive if k not in sub.values]
    sub.diagnostics.append(Diagnostic("input.rate_fallback", sub.file, num.line, num.column,
                                      {**params, "own": ind.derive[1], "absent": "、".join(absent) or ind.derive[1]},
                                      "note"))




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
    return Value(value, True, source, note, line, column, derived=True, via=via, approx_kind="about",
                 bounds=(low, high))


def _bounded_by_counts(sub: Submission, ind, given: Value, pair: tuple, mantissa: int, scale: int, ranges: tuple,
                       num: Value, den: Value) -> None:
    """A stated rate that agrees with approximate counts: the figure, where the counts allow it as
    written (and, for an approximate one, the rates both allow); else the rates both the counts and the
    figure's rounding allow, with a note (100 for 近1000 of 1000余: below 100)."""
    n_low, n_high, d_low, d_high = ranges
    low, high = _rate(n_low, d_high), min(100.0, _rate(n_high, d_low) if d_low else 100.0)
    as_written = n_low * 100 * scale <= mantissa * d_high and mantissa * d_low <= n_high * 100 * scale
    if as_written and not given.approx:
        return                                  # the stated rate is the figure; the counts allow it
    if given.approx:
        g_low, g_high = given.bounds or (given.value, given.value)
    else:                                       # its rounding at the places written
        g_low, g_high = (2 * mantissa - 1) / (2 * scale), (2 * mantissa + 1) / (2 * scale)
    low, high = max(low, g_low), min(high, g_high)
    if low > high:                              # pragma: no cover - agreeing ranges overlap
        return
    sub.values[ind.key] = _ranged(min(max(given.value, low), high), low, high, given.source, given.note,
                                  given.line, given.column, via=pair)
    if not as_written:
        from checker.describe import number
        sub.diagnostics.append(Diagnostic("input.rate_bounded", sub.file, given.line, given.column,
                                          {"key": ind.key, "given": number(given.value), "low": number(low),
                                           "high": number(high), "n": _approx_text(num), "d": _approx_text(den)},
                                          "note"))


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
            mantissa, places = mantissa * 10 ** -places, 0
        if abs(mantissa / 10 ** places - value) <= 1e-9 * max(1.0, abs(value)):
            return mantissa, places
    return round(value * 10 ** 6), 6   # pragma: no cover - a percentage read is always a decimal
