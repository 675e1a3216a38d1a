"""``--format json``: exactly the public output contract (fields may be added, never renamed)."""
from __future__ import annotations

import functools
import json

from checker import __version__, describe
from checker.memo import once
from checker.model import Report, _plain, fingerprint_middle, fingerprint_of


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
        "location": ({"line": finding.location[0], "column": finding.location[1]}
                     if finding.location else None),
        "strength": rule.strength,
        "blocking": finding.blocking,
        "hint": rule.text("hint", lang) if finding.status in ("fail", "warn", "missing") else None,
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


def _encoder():
    """JSON text of a value, by the C encoder made once (``JSONEncoder.encode`` makes one a call)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    options = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    if make is None:  # pragma: no cover - a Python without the _json accelerator
        return options.encode
    o = options
    chunks = make(None, o.default, json.encoder.encode_basestring, None, o.key_separator, o.item_separator,
                  o.sort_keys, o.skipkeys, o.allow_nan)
    encode_str = json.encoder.encode_basestring

    def encode(value) -> str:
        return encode_str(value) if type(value) is str else "".join(chunks(value, 0))
    return encode


_encode = _encoder()   # our own values only: no cycles to look for
_SHOWS_HINT = ("fail", "warn", "missing")


def finding_text(finding, ctx, memo: "_Memo | None" = None) -> str:
    """``finding_json`` already encoded: the same text, with each rule's fixed fields encoded once a
    run and each value's texts once a submission (``memo``, new for each submission)."""
    if finding.waiver is not None:
        return _encode(finding_json(finding, ctx))
    if memo is None:
        memo = _Memo(ctx, finding.region, finding.year)
    rule = finding.rule
    (head, titled, middle, tail, hint, url), arounds = _rule_parts(rule, ctx)
    status, loc, values = finding.status, finding.location, finding.values
    indicators, sources = memo.indicators(values)
    out = [head, status, titled, memo.message(finding, arounds), ',"indicators":', indicators, middle,
           memo.location(loc), tail, "true" if finding.blocking else "false",
           ',"hint":', hint if status in _SHOWS_HINT else "null",
           ',"fingerprint":"', memo.fingerprint(rule.id, values), '"', url]
    if sources:
        out += [',"sources":', _encode(sources)]
    if finding.missing:
        out += [',"missing":', _encode(list(finding.missing))]
    out.append("}")
    return "".join(out)


class _Memo:
    """What one submission's findings share, made once: the JSON text of each value (for messages
    and for ``indicators``), of each location, and the fingerprint's region and year. Values are
    keyed by id: they belong to the submission, which outlives the writing of its findings."""

    def __init__(self, ctx, region, year):
        self.ctx, self.lang = ctx, ctx.lang
        self.labels = _labels(ctx.catalogue, ctx.lang)
        self.words: dict = {}
        self.pairs: dict = {}
        self.places: dict = {}
        self.fingerprint_middle = fingerprint_middle(region, year)

    def message(self, finding, arounds: dict) -> str:
        """The message's JSON text: a rule's fixed words around the values (``arounds``: the rule's,
        by status). JSON escapes character by character, so escaped pieces join into the escaped whole."""
        status = finding.status
        around = arounds.get(status, False)
        if around is False:
            around = arounds[status] = _around(finding.rule, status, self.lang)
        if around is None:
            return _encode(describe.message(finding, self.ctx.catalogue, self.lang))
        head, tail, sep = around
        words, texts = self.words, []
        for key, value in finding.values:
            text = words.get((key, id(value)))
            if text is None:
                label, unit = self.labels[key]
                text = words[(key, id(value))] = label + _encode(describe.value_text(value, unit, self.lang))[1:-1]
            texts.append(text)
        return head + sep.join(texts) + tail

    def indicators(self, values: tuple) -> tuple:
        """``Finding.indicator_values()`` as JSON text, and {indicator: source} of values that have one."""
        pairs, out, sources = self.pairs, [], None
        for key, value in values:
            pair = pairs.get((key, id(value)))
            if pair is None:
                if value is None:
                    pair = (_key_json(key) + "null", None)
                else:
                    v = value.value
                    write = _SCALAR_JSON.get(type(v))
                    pair = (_key_json(key) + (write(v) if write else _encode(_plain(v))), value.source)
                pairs[(key, id(value))] = pair
            out.append(pair[0])
            if pair[1]:
                if sources is None:
                    sources = {}
                sources[key] = pair[1]
        return "{" + ",".join(out) + "}", sources

    def location(self, loc) -> str:
        text = self.places.get(loc)
        if text is None:
            text = self.places[loc] = '{"line":%d,"column":%d}' % loc if loc else "null"
        return text

    def fingerprint(self, rule_id: str, values: tuple) -> str:
        return fingerprint_of(rule_id, self.fingerprint_middle, values[0][0] if values else "")


# what the JSON encoder writes for these types
_SCALAR_JSON = {int: int.__repr__, str: json.encoder.encode_basestring, bool: lambda v: "true" if v else "false",
                float: lambda v: float.__repr__(v) if v - v == 0 else _encode(v)}   # NaN, infinities: the encoder's words


@functools.cache
def _key_json(key: str) -> str:
    """An indicator key as JSON text, and a colon."""
    return _encode(key) + ":"


def _labels(cat, lang: str) -> dict:
    """{indicator key: (its name and separator as JSON text, unit)}, once per catalogue and language."""
    return once(cat, ("json-labels", lang), lambda: {
        key: (_encode(describe.labelled_name(key, cat, lang))[1:-1], ind.unit) for key, ind in cat.indicators.items()})


def _around(rule, status: str, lang: str):
    """(head, tail, separator) of a rule's message for a status, as JSON text; None where the
    message is not words around the values."""
    if status not in describe.AROUND_VALUES:
        return None
    head, tail = describe.around_values(rule, status, lang)
    if head is None:
        return None
    return _encode(head)[:-1], _encode(tail)[1:], describe.values_separator(lang)


def _rule_parts(rule, ctx) -> tuple:
    """The JSON text around a finding's variable fields, for one rule (statuses are plain words),
    and {status: the message's words around its values}, filled as statuses are met."""
    return once(rule, ("json", ctx.lang), lambda: (_rule_texts(rule, ctx.lang), {}))


def _rule_texts(rule, lang: str) -> tuple:
    e = _encode
    return (
        f'{{"rule":{e(rule.id)},"status":"',
        f'","severity":{e(rule.severity)},"area":{e(rule.area)},"title":{e(rule.text("title", lang))}'
        ',"message":',
        f',"expected":{e(rule.expected_text(lang))},"basis":{e(rule.basis_text(lang))},"location":',
        f',"strength":{e(rule.strength)},"blocking":',
        e(rule.text("hint", lang)),
        f',"basis_url":{e(rule.basis["url"])}' if rule.basis.get("url") else "",
    )


def result_text(result, ctx, before: str = "") -> str:
    """One result's JSON text (after ``before``), joined once: a submission's text is ~60 KB."""
    head = {"file": result.file, "region": result.region, "year": result.year, "status": result.status,
            "summary": result.summary()}
    memo = _Memo(ctx, result.region, result.year)
    parts = [before, _encode(head)[:-1], ',"findings":[']
    for i, finding in enumerate(result.findings):
        if i:
            parts.append(",")
        parts.append(finding_text(finding, ctx, memo))
    parts += ['],"errors":', _encode([d.to_json(ctx.lang) for d in result.errors]),
              ',"notes":', _encode([d.to_json(ctx.lang) for d in result.notes]), "}"]
    return "".join(parts)


STREAM = True


def begin(report: Report, ctx) -> str:
    head = {"tool": {"name": "fazhi-checker", "version": __version__}, "engine": report.engine,
            "profile": report.profile, "fail_on": report.fail_on}
    return _encode(head)[:-1] + ',\n"results":['


def piece(result, index: int, ctx) -> str:
    return result_text(result, ctx, ",\n" if index else "\n")


def end(report: Report, ctx, counts: dict | None = None) -> str:
    tail = {"exit_code": report.exit_code()}
    if report.waiver_notes:
        tail["waiver_notes"] = [dict(d.to_json(ctx.lang), file=d.file) for d in report.waiver_notes]
    if report.pack_errors:
        tail["pack_errors"] = [dict(d.to_json(ctx.lang), file=d.file) for d in report.pack_errors]
    return "\n]," + _encode(tail)[1:] + "\n"


def render(report: Report, ctx) -> str:
    """One JSON document; each result on a line of its own (compact: fast for thousands of files).

    The same text whether written at once or result by result (``begin``/``piece``/``end``).
    """
    return begin(report, ctx) + "".join(piece(r, i, ctx) for i, r in enumerate(report.results)) + end(report, ctx)
