"""``--format json``: exactly the public output contract (fields may be added, never renamed)."""
from __future__ import annotations

import json

from checker import __version__, describe
from checker.memo import once
from checker.model import Report


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


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # the C encoder
_SHOWS_HINT = ("fail", "warn", "missing")


def finding_text(finding, ctx) -> str:
    """``finding_json`` already encoded: the same text, with each rule's fixed fields encoded once a run."""
    if finding.waiver is not None:
        return _encode(finding_json(finding, ctx))
    head, titled, middle, tail, hint, url = _rule_parts(finding.rule, ctx)
    status, loc = finding.status, finding.location
    parts = [head, status, titled, _encode(describe.message(finding, ctx.catalogue, ctx.lang)),
             ',"indicators":', _encode(finding.indicator_values()), middle,
             '{"line":%d,"column":%d}' % loc if loc else "null", tail,
             "true" if finding.blocking else "false", ',"hint":', hint if status in _SHOWS_HINT else "null",
             ',"fingerprint":"', finding.fingerprint, '"', url]
    sources = {k: v.source for k, v in finding.values if v is not None and v.source}
    if sources:
        parts += [',"sources":', _encode(sources)]
    if finding.missing:
        parts += [',"missing":', _encode(list(finding.missing))]
    parts.append("}")
    return "".join(parts)


def _rule_parts(rule, ctx) -> tuple:
    """The JSON text around a finding's variable fields, for one rule (statuses are plain words)."""
    lang, e = ctx.lang, _encode
    return once(rule, ("json", lang), lambda: (
        f'{{"rule":{e(rule.id)},"status":"',
        f'","severity":{e(rule.severity)},"area":{e(rule.area)},"title":{e(rule.text("title", lang))}'
        ',"message":',
        f',"expected":{e(rule.expected_text(lang))},"basis":{e(rule.basis_text(lang))},"location":',
        f',"strength":{e(rule.strength)},"blocking":',
        e(rule.text("hint", lang)),
        f',"basis_url":{e(rule.basis["url"])}' if rule.basis.get("url") else "",
    ))


def result_text(result, ctx) -> str:
    head = {"file": result.file, "region": result.region, "year": result.year, "status": result.status,
            "summary": result.summary()}
    return (_encode(head)[:-1] + ',"findings":[' + ",".join(finding_text(f, ctx) for f in result.findings)
            + '],"errors":' + _encode([d.to_json(ctx.lang) for d in result.errors])
            + ',"notes":' + _encode([d.to_json(ctx.lang) for d in result.notes]) + "}")


STREAM = True


def begin(report: Report, ctx) -> str:
    head = {"tool": {"name": "fazhi-checker", "version": __version__}, "engine": report.engine,
            "profile": report.profile, "fail_on": report.fail_on}
    return _encode(head)[:-1] + ',\n"results":['


def piece(result, index: int, ctx) -> str:
    return ("," if index else "") + "\n" + result_text(result, ctx)


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
