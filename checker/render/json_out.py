"""``--format json``: exactly the public output contract (fields may be added, never renamed)."""

from __future__ import annotations

import functools
import json

from checker import __version__, describe
from checker.errors import cell_name
from checker.memo import once
from checker.model import Report, blocks, fingerprint_middle, fingerprint_of, plain
from checker.outputs import display_name
from checker.render import encoded
from checker.status import FAIL, MISSING, WARN


def finding_json(finding, ctx) -> dict:
    rule, lang, cat = finding.rule, ctx.lang, ctx.catalogue
    out = {
        "rule": rule.id,
        "status": finding.status,
        "severity": rule.severity,
        "area": rule.area,
        "title": rule.text("title", lang),
        "message": describe.message(finding, cat, lang),
        "indicators": finding.indicator_values(),
        "expected": rule.expected_text(lang),
        "basis": rule.basis_text(lang),
        "location": _location(finding.location),
        "strength": rule.strength,
        "blocking": finding.blocking,
        "required": finding.required,
        "hint": rule.text("hint", lang) if finding.status in (FAIL, WARN, MISSING) else None,
        "fingerprint": finding.fingerprint,
    }
    if rule.basis.get("url"):
        out["basis_url"] = rule.basis["url"]
    sources = {k: v.source for k, v in finding.values if v is not None and v.source}
    if sources:
        out["sources"] = sources
    if finding.missing:
        out["missing"] = list(finding.missing)
    if finding.waiver is not None:
        out["waiver"] = finding.waiver.to_json(ctx.today)
        if finding.waived_status:
            out["waived_status"] = finding.waived_status
    return out


def _location(loc) -> dict | None:
    """A finding's place: line and column; in a workbook also the cell (its line is the row)."""
    if not loc:
        return None
    out = {"line": loc[0], "column": loc[1]}
    cell = cell_name(*loc)
    if cell is not None:
        out["cell"] = cell
    return out


def _encoder():
    """JSON text of a value, by the C encoder made once (``JSONEncoder.encode`` makes one a call)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    options = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    if make is None:  # pragma: no cover - a Python without the _json accelerator
        return options.encode
    o = options
    chunks = make(
        None,
        o.default,
        json.encoder.encode_basestring,
        None,
        o.key_separator,
        o.item_separator,
        o.sort_keys,
        o.skipkeys,
        o.allow_nan,
    )
    encode_str = json.encoder.encode_basestring

    def encode(value) -> str:
        return encode_str(value) if type(value) is str else "".join(chunks(value, 0))

    return encode


_encode = _encoder()  # our own values only: no cycles to look for
_encode_str = json.encoder.encode_basestring
_SHOWS_HINT = (FAIL, WARN, MISSING)


def finding_text(finding, ctx, memo: "_Memo | None" = None) -> str:
    """``finding_json`` already encoded: the same text, with each rule's fixed fields encoded once a
    run and each value's texts once a submission (``memo``, new for each submission)."""
    if memo is None:
        memo = _Memo(ctx, finding.region, finding.year)
    return memo.text(finding)


def _same(text: str) -> str:
    return text


class _Memo:
    """What one submission's findings share, made once: the JSON texts of each value (in messages
    and in ``indicators``), of each location, and the fingerprint's region and year. A value's
    texts are kept by indicator with the value itself, and used again only for that same value.
    What is the same in every submission is kept a run long (``_RuleTexts``, by rule).

    ``errors`` None: the pieces are text; else they are UTF-8 with that error handler, each encoded
    once where it is made (the UTF-8 of a join is the join of the UTF-8s, escapes included: every
    handler works character by character), so that a submission's ~90 KB is never encoded whole."""

    def __init__(self, ctx, region, year, errors: str | None = None):
        self.ctx, self.lang = ctx, ctx.lang
        self.labels = _labels(ctx.catalogue, ctx.lang)
        self.enc = enc = _same if errors is None else (lambda text: text.encode("utf-8", errors))
        self.empty, self.comma, self.close = enc(""), enc(","), enc("}")
        self.indicators_open, self.sources_open = enc(',"indicators":{'), enc(',"sources":')
        self.rules = once(ctx.catalogue, ("json-rules", ctx.lang, errors), dict)  # id(rule) -> _RuleTexts
        self.seen: dict = {}
        self.places: dict = {None: enc("null")}
        self.fingerprint_middle = fingerprint_middle(region, year).encode("utf-8")
        self.ascii = _same if errors is None else str.encode  # a fingerprint's hexadecimal digits

    def text(self, finding) -> str:
        out: list = []
        self.write(finding, out)
        return self.empty.join(out)

    def write(self, finding, out: list) -> None:
        """Append the finding's JSON text to ``out``, in pieces: a submission's text is joined once."""
        if finding.waiver is not None:
            out.append(self.enc(_encode(finding_json(finding, self.ctx))))
            return
        rule = finding.rule
        made = self.rules.get(id(rule))
        if made is None or made.rule is not rule:
            made = self.rules[id(rule)] = _RuleTexts(rule, self.lang, self.enc)
        status, required, values = finding.status, finding.required, finding.values
        loc = finding.location
        place = self.places.get(loc)
        if place is None:
            place = self.places[loc] = self.enc(_encode(_location(loc)) if loc else "null")
        for _, value in values:
            if value is not None:
                break
        else:  # nothing reported: the same text in every submission but for the place and the fingerprint
            key = (status, required, finding.reason, finding.shown, finding.missing, values)
            fixed = made.unreported.get(key)
            if fixed is None:
                fixed = made.unreported[key] = self._unreported(finding, made)
            if fixed:
                out += (
                    fixed[0],
                    place,
                    fixed[1],
                    self.ascii(fingerprint_of(made.rule_id, self.fingerprint_middle, fixed[2])),
                    fixed[3],
                )
                return
        parts = made.by_status.get((status, required))
        if parts is None:
            before, around, middle, after = _status_texts(rule, status, required, made.texts, self.lang)
            enc = self.enc
            if around is not None:
                around = tuple(map(enc, around))
            parts = made.by_status[status, required] = (enc(before), around, enc(middle), enc(after))
        before, around, middle, after = parts
        words, pairs, sources = [], [], None
        seen = self.seen
        shown = finding.shown
        for i, (key, value) in enumerate(values):
            known = seen.get(key)
            if known is None or known[0] is not value:
                known = seen[key] = self._value(key, value, values)
            if shown < 0 or i < shown:
                words.append(known[1])
            pairs.append(known[2])
            if known[3]:
                if sources is None:
                    sources = {}
                sources[key] = known[3]
        missing = finding.missing
        if around is not None and finding.reason is None and not made.preferences:
            message = around[0] + around[2].join(words) + around[1]
        elif status == MISSING:  # the words of the rule and of the indicators missing, not of values
            message = made.missing.get(missing)
            if message is None:
                message = made.missing[missing] = self.enc(
                    _encode(describe.message(finding, self.ctx.catalogue, self.lang))
                )
        else:
            message = self.enc(_encode(describe.message(finding, self.ctx.catalogue, self.lang)))
        close = self.close
        out += (
            before,
            message,
            self.indicators_open,
            self.comma.join(pairs),
            close,
            middle,
            place,
            after,
            self.ascii(fingerprint_of(made.rule_id, self.fingerprint_middle, values[0][0].encode() if values else b"")),
            made.tail,
        )
        if sources:
            out += (self.sources_open, self.enc(_encode(sources)))
        if missing:
            out.append(self.enc(_missing_json(missing)))
        out.append(close)

    def _unreported(self, finding, made) -> tuple:
        """For a finding none of whose indicators is reported: (its text up to its place, from its place
        to its fingerprint, its first indicator's UTF-8 for the fingerprint, its text after that), made
        once a run for each rule, status and set of indicators; () where its message says more than the
        rule, the status and the indicators (a reason): that finding is written in full each time."""
        rule, status, required, missing, values = (
            finding.rule,
            finding.status,
            finding.required,
            finding.missing,
            finding.values,
        )
        before, around, middle, after = _status_texts(rule, status, required, made.texts, self.lang)
        if around is not None and finding.reason is None and not made.preferences:
            shown = finding.shown
            words = [self._word(key) for i, (key, _) in enumerate(values) if shown < 0 or i < shown]
            message = around[0] + around[2].join(words) + around[1]
        elif status == MISSING:
            message = _encode(describe.message(finding, self.ctx.catalogue, self.lang))
        else:
            return ()
        pairs = ",".join(self.labels[key][2] + "null" for key, _ in values)
        enc = self.enc
        return (
            enc(before + message + ',"indicators":{' + pairs + "}" + middle),
            enc(after),
            values[0][0].encode() if values else b"",
            enc(made.texts[4] + (_missing_json(missing) if missing else "") + "}"),
        )

    def _word(self, key: str) -> str:
        """An indicator not reported as a message says it, as JSON text."""
        label, unit, _ = self.labels[key]
        return label + _encode_str(describe.value_text(None, unit, self.lang))[1:-1]

    def _value(self, key: str, value, values) -> tuple:
        """(value, its words in messages, its ``indicators`` entry, its source) as JSON text. A rate
        derived from counts is said with them (``values``, the finding's: its counts are among them)."""
        label, unit, named = self.labels[key]
        text = describe.value_text(value, unit, self.lang)
        if value is not None and value.derived:
            text += describe.counts_text(key, values, self.ctx.catalogue, self.lang)
        enc = self.enc
        word = enc(label + _encode_str(text)[1:-1])
        if value is None:
            return value, word, enc(named + "null"), None
        v = value.value
        write = _SCALAR_JSON.get(type(v))
        return value, word, enc(named + (write(v) if write else _encode(plain(v)))), value.source


# what the JSON encoder writes for these types
_SCALAR_JSON = {
    int: int.__repr__,
    str: json.encoder.encode_basestring,
    bool: lambda v: "true" if v else "false",
    float: lambda v: float.__repr__(v) if v - v == 0 else _encode(v),
}  # NaN, infinities: the encoder's words


def _labels(cat, lang: str) -> dict:
    """{indicator key: (its name and separator, unit, the key and a colon)} as JSON text, once per
    catalogue and language."""
    return once(
        cat,
        ("json-labels", lang),
        lambda: {
            key: (_encode(describe.labelled_name(key, cat, lang))[1:-1], ind.unit, _encode(key) + ":")
            for key, ind in cat.indicators.items()
        },
    )


@functools.cache
def _missing_json(missing: tuple) -> str:
    """The ``missing`` field of a finding: a few lists a rule, the same in every submission."""
    return ',"missing":' + _encode(list(missing))


class _RuleTexts:
    """A rule's JSON texts in one language, made as a run needs them and kept for the run: its fixed
    fields (``_rule_texts``), those of each status (``_status_texts``), the message of each set of
    missing indicators, and the whole text of each finding with nothing reported (``_Memo._unreported``)."""

    __slots__ = ("rule", "texts", "tail", "rule_id", "preferences", "by_status", "missing", "unreported")

    def __init__(self, rule, lang: str, enc=_same):
        self.rule = rule  # held: the table is keyed by its id
        self.texts = _rule_texts(rule, lang)
        self.tail = enc(self.texts[4])  # the texts made from these are encoded by ``enc`` (``_Memo``)
        self.rule_id = rule.id.encode()
        self.preferences = bool(describe.preferences(rule))
        self.by_status: dict = {}
        self.missing: dict = {}
        self.unreported: dict = {}


def _rule_texts(rule, lang: str) -> tuple:
    """The JSON text of a rule's fixed fields, around a finding's variable ones (a run makes them once
    a rule and language, with {status: ``_status_texts``; missing indicators: the message} beside)."""
    e = _encode
    return (
        f'{{"rule":{e(rule.id)},"status":"',
        f'","severity":{e(rule.severity)},"area":{e(rule.area)},"title":{e(rule.text("title", lang))},"message":',
        f',"expected":{e(rule.expected_text(lang))},"basis":{e(rule.basis_text(lang))},"location":',
        f',"strength":{e(rule.strength)},"blocking":',
        f'","basis_url":{e(rule.basis["url"])}' if rule.basis.get("url") else '"',
        e(rule.text("hint", lang)),
    )


def _status_texts(rule, status: str, required: bool, texts: tuple, lang: str) -> tuple:
    """A rule's texts joined with what a status (and whether the rule reads a required indicator)
    decides: the status itself, ``blocking``, ``required`` and the hint; and the message's words
    around its values, as JSON text (None where the message is not that)."""
    head, titled, middle, tail, _, hint = texts
    blocking = blocks(status, required)
    around = None
    if status in describe.AROUND_VALUES:
        words = describe.around_values(rule, status, lang)
        if words[0] is not None:
            around = (_encode(words[0])[:-1], _encode(words[1])[1:], describe.values_separator(lang))
    return (
        head + status + titled,
        around,
        middle,
        tail
        + ("true" if blocking else "false")
        + ',"required":'
        + ("true" if required else "false")
        + ',"hint":'
        + (hint if status in _SHOWS_HINT else "null")
        + ',"fingerprint":"',
    )


def result_text(result, ctx, before: str = "", errors: str | None = None) -> str:
    """One result's JSON text (after ``before``), joined once: a submission's text is ~60 KB.
    ``errors``: the text's UTF-8 instead, with that error handler (``_Memo``)."""
    head = {
        "file": display_name(result.file),
        "region": result.region,
        "year": result.year,
        "status": result.status,
        "summary": result.summary(),
        "headline": result.headline(),
    }
    if result.completeness is not None:
        head["completeness"] = result.completeness.to_json()
    memo = _Memo(ctx, result.region, result.year, errors)
    enc, comma = memo.enc, memo.comma
    parts = [enc(before + _encode(head)[:-1] + ',"findings":[')]
    write = memo.write
    for i, finding in enumerate(result.findings):
        if i:
            parts.append(comma)
        write(finding, parts)
    parts.append(
        enc(
            '],"errors":'
            + _encode([d.to_json(ctx.lang) for d in result.errors])
            + ',"notes":'
            + _encode([d.to_json(ctx.lang) for d in result.notes])
            + "}"
        )
    )
    return memo.empty.join(parts)


STREAM = True


def begin(report: Report, ctx) -> str:
    head = {
        "tool": {"name": "fazhi-checker", "version": __version__},
        "engine": report.engine,
        "profile": report.profile,
        "fail_on": report.fail_on,
    }
    return _encode(head)[:-1] + ',\n"results":['


def piece(result, index: int, ctx) -> str:
    return result_text(result, ctx, ",\n" if index else "\n")


def piece_encoded(result, index: int, ctx, encoding: str | None, errors: str, newline: str):
    """``render.encoded(piece(result, index, ctx), encoding, errors, newline)``: the same bytes, made
    as UTF-8 piece by piece where that is the encoding and lines end in "\n" (``_Memo``)."""
    if encoding is not None and newline == "\n" and _is_utf8(encoding):
        return result_text(result, ctx, ",\n" if index else "\n", errors)
    return encoded(piece(result, index, ctx), encoding, errors, newline)


@functools.cache
def _is_utf8(encoding: str) -> bool:
    import codecs

    return codecs.lookup(encoding).name == "utf-8"


def end(report: Report, ctx, counts: dict | None = None) -> str:
    tail = {"exit_code": report.exit_code()}
    if report.waiver_notes:
        tail["waiver_notes"] = [dict(d.to_json(ctx.lang), file=display_name(d.file)) for d in report.waiver_notes]
    if report.pack_errors:
        tail["pack_errors"] = [dict(d.to_json(ctx.lang), file=d.file) for d in report.pack_errors]
    return "\n]," + _encode(tail)[1:] + "\n"


def render(report: Report, ctx) -> str:
    """One JSON document; each result on a line of its own (compact: fast for thousands of files).

    The same text whether written at once or result by result (``begin``/``piece``/``end``).
    """
    return begin(report, ctx) + "".join(piece(r, i, ctx) for i, r in enumerate(report.results)) + end(report, ctx)
