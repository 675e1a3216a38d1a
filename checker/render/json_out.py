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


def render(report: Report, ctx) -> str:
    doc = {
        "tool": {"name": "fazhi-checker", "version": __version__},
        "engine": report.engine,
        "profile": report.profile,
        "results": [result_json(r, ctx) for r in report.results],
    }
    doc["fail_on"] = report.fail_on
    doc["exit_code"] = report.exit_code()
    if report.waiver_notes:
        doc["waiver_notes"] = [dict(d.to_json(ctx.lang), file=d.file) for d in report.waiver_notes]
    if report.pack_errors:
        doc["pack_errors"] = [dict(d.to_json(ctx.lang), file=d.file) for d in report.pack_errors]
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
