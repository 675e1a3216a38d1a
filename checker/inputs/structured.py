"""A submission written as YAML or JSON (the public format of docs/submission.md) read into the model.

Every problem is collected as a located Diagnostic; a value is either used or reported, never
dropped or guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from checker import yamlpos
from checker.errors import Diagnostic, places_said
from checker.inputs.decode import read_text
from checker.inputs.model import (
    LEVELS,
    TOP_FIELDS,
    VALUE_FIELDS,
    YEARS,
    Submission,
    Value,
    approximate,
    derive,
    published_after_year,
)
from checker.inputs.values import APPROX_KINDS, Parsed, Problem, as_given, parse_value
from checker.pack.catalogue import Catalogue
from checker.region import RegionProblem, region_name
from checker.suggest import suggest
from checker.yamlpos import YMap

MAX_SUGGESTIONS = 50  # "did you mean" is costly; past this many unknown keys, none is offered
MAX_DIAGNOSTICS = 500  # a file with more problems than this is not a submission; the rest are counted


def parse_text(text: str, file: str, json_mode: bool, diags: list):
    if json_mode:
        try:  # the syntax only: values (NaN, a 5,000-digit number) are read and refused in place below
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


def load_mapping(data: YMap, cat: Catalogue, file: str = "<example>") -> Submission:
    """A submission from an already parsed mapping (rule examples)."""
    return build(data, Submission(file), cat)


def build(data: YMap, sub: Submission, cat: Catalogue) -> Submission:
    diags = sub.diagnostics
    sub.parsed = True
    for key in data:
        if key not in TOP_FIELDS:
            diags.append(
                Diagnostic(
                    "input.unknown_field",
                    sub.file,
                    *data.key_pos[key],
                    {"name": key, "suggestion": suggest(str(key), TOP_FIELDS)},
                )
            )
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
                sub.invalid.add(key)  # said once already, as the top-level field it is
                continue
            _add(sub, cat, key, (data[name], data.written(name)), data.pos(name), top=True)
    _published_in_block(sub, cat)
    derive(sub, cat)
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
    except InvalidOperation:  # .inf, .nan: refused as they are, below
        return True
    return number == Decimal(repr(value)) or number == Decimal(format(value, ".17g"))


def _cap(sub: Submission) -> None:
    """Keep the first MAX_DIAGNOSTICS problems and say how many more there were."""
    if len(sub.diagnostics) > MAX_DIAGNOSTICS:
        more = len(sub.diagnostics) - MAX_DIAGNOSTICS
        sub.diagnostics[MAX_DIAGNOSTICS:] = [
            Diagnostic("input.too_many_problems", sub.file, None, None, {"count": more})
        ]


def _metadata(data: YMap, sub: Submission) -> None:
    file, diags = sub.file, sub.diagnostics
    region = data.get("region")
    if region is not None and not isinstance(region, str):
        shown = (
            f"[{', '.join(map(str, region))}]"
            if isinstance(region, list)
            else "{…}"
            if isinstance(region, dict)
            else data.written("region")
        )
        diags.append(Diagnostic("input.region_type", file, *data.pos("region"), {"raw": shown}))
    elif not isinstance(region, str) or not region.strip():
        line, col = data.pos("region") if "region" in data else (data.line, data.col)
        diags.append(Diagnostic("input.region", file, line, col))
    else:
        try:
            sub.region = region_name(region)  # the one guard of every reader and of --region
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
            diags.append(
                Diagnostic("input.level", file, *data.pos("level"), {"raw": level, "choices": ", ".join(LEVELS)})
            )
        else:
            sub.level = level
    if data.get("published_on") is not None:
        try:
            parsed = parse_value(data["published_on"], "date")
        except Problem as exc:
            diags.append(Diagnostic(exc.code, file, *data.pos("published_on"), {**exc.params, "key": "published_on"}))
            return
        sub.published_on = parsed.value  # a note on how it was read comes with report.published_on
        if sub.year is not None and not published_after_year(sub.published_on, sub.year):
            diags.append(
                Diagnostic(
                    "input.published_before_year",
                    file,
                    *data.pos("published_on"),
                    {"key": "published_on", "raw": sub.published_on.isoformat(), "year": sub.year},
                )
            )
            sub.published_on = None


def _published_in_block(sub: Submission, cat: Catalogue) -> None:
    """The publication date given as an indicator (``report.published_on:`` under ``indicators``) is
    held to the same test as the top-level ``published_on``, at its own place."""
    key = cat.fields.get("published_on")
    given = sub.values.get(key) if key else None
    if (
        given is None
        or sub.year is None
        or not isinstance(given.value, dt.date)
        or published_after_year(given.value, sub.year)
    ):
        return
    sub.diagnostics.append(
        Diagnostic(
            "input.published_before_year",
            sub.file,
            given.line,
            given.column,
            {"key": key, "raw": given.value.isoformat(), "year": sub.year},
        )
    )
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
        sub.diagnostics.append(
            Diagnostic("input.unknown_indicator", sub.file, *key_pos, {"name": name, "suggestion": suggestion})
        )
        return
    if key in found:
        first = found[key][2]
        sub.diagnostics.append(
            Diagnostic(
                "input.duplicate_indicator", sub.file, *key_pos, {"name": shown, "key": key, "first_line": first[0]}
            )
        )
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
        if tuple(pos) not in said:  # a value the reader could not read is said already, not "empty"
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
        sub.values[key] = Value(
            value,
            bool(approx),
            source,
            note,
            pos[0],
            pos[1],
            raw=written if ind.unit == "percent" else None,  # its places, for derive
            **(approximate(value, ind.unit, APPROX_KINDS.get(approx, "about")) if approx else {}),
        )
        return
    try:
        parsed: Parsed = parse_value(raw, ind.unit, written)
    except Problem as exc:
        sub.diagnostics.append(Diagnostic(exc.code, sub.file, *pos, {**exc.params, "key": key, "unit": ind.unit}))
        sub.invalid.add(key)
        return
    if parsed.note:
        sub.diagnostics.append(
            Diagnostic(parsed.note, sub.file, *pos, {"key": key, "raw": parsed.raw, "value": parsed.value}, "note")
        )
    if ind.unit == "percent" and 0 < parsed.value < 1 and not _PERCENT_SIGN(str(parsed.raw)):
        _fraction_note(sub, key, parsed.value, written if written is not None else raw, pos)
    kind = parsed.approx_kind or (APPROX_KINDS.get(approx, "about") if approx else None)
    sub.values[key] = Value(
        parsed.value,
        kind is not None,
        source,
        note,
        pos[0],
        pos[1],
        raw=parsed.raw,
        **(approximate(parsed.value, ind.unit, kind) if kind else {}),
    )


_PERCENT_SIGN = re.compile("[%％]").search  # "0.5%" says it is a percentage: no question to ask


def _fraction_note(sub: Submission, key: str, value, written, pos) -> None:
    """A percentage written between 0 and 1 (0.98): kept as written, with a note asking whether
    98 was meant (a share written as a fraction is the commonest slip in a data template)."""
    from decimal import Decimal, InvalidOperation

    text = str(written).strip()
    try:
        exact = Decimal(text)  # the digits written, not the float read (0.07 × 100)
    except InvalidOperation:  # written otherwise (约0.98): the value it was read as
        exact = Decimal(repr(value))
    hundred = format(exact.scaleb(2).normalize(), "f")
    sub.diagnostics.append(
        Diagnostic("value.percent_fraction", sub.file, *pos, {"key": key, "raw": text, "percent": hundred}, "note")
    )


def _value_mapping(raw: YMap, sub: Submission, key: str):
    """A value given as a mapping (value, approx, source, note) -> (approx, source, note), or None
    after reporting what is wrong with it."""
    bad = False
    for name in raw:
        if name not in VALUE_FIELDS:
            sub.diagnostics.append(
                Diagnostic(
                    "input.unknown_value_field",
                    sub.file,
                    *raw.key_pos[name],
                    {"name": name, "key": key, "suggestion": suggest(str(name), VALUE_FIELDS)},
                )
            )
            bad = True
    if "value" not in raw:
        sub.diagnostics.append(Diagnostic("input.value_missing", sub.file, raw.line, raw.col, {"key": key}))
        return None
    if "approx" in raw and not isinstance(raw["approx"], bool) and raw["approx"] not in APPROX_KINDS:
        sub.diagnostics.append(
            Diagnostic("value.want_bool", sub.file, *raw.pos("approx"), {"raw": raw["approx"], "key": f"{key}.approx"})
        )
        bad = True
    for text in ("source", "note"):
        if text in raw and raw[text] is not None and not isinstance(raw[text], str):
            sub.diagnostics.append(Diagnostic("input.want_text", sub.file, *raw.pos(text), {"name": text, "key": key}))
            bad = True
    if bad:
        return None
    return raw.get("approx"), raw.get("source"), raw.get("note")
