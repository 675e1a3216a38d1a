"""``--format json``: exactly the public output contract (fields may be added, never renamed)."""
from __future__ import annotations

import json

from checker import __version__, describe
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


def result_json(result, ctx) -> dict:
    return {
        "file": result.file,
        "region": result.region,
        "year": result.year,
        "status": result.status,
        "summary": result.summary(),
        "findings": [finding_json(f, ctx) for f in result.findings],
        "errors": [d.to_json(ctx.lang) for d in result.errors],
        "notes": [d.to_json(ctx.lang) for d in result.notes],
    }


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # the C encoder


STREAM = True


def begin(report: Report, ctx) -> str:
    head = {"tool": {"name": "fazhi-checker", "version": __version__}, "engine": report.engine,
            "profile": report.profile, "fail_on": report.fail_on}
    return _encode(head)[:-1] + ',\n"results":['


def piece(result, index: int, ctx) -> str:
    return ("," if index else "") + "\n" + _encode(result_json(result, ctx))


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
