"""``--format sarif``: SARIF 2.1.0, one reportingDescriptor per rule, results at the indicator's line."""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from urllib.parse import quote

from checker import __version__, describe, i18n
from checker.errors import cell_name
from checker.model import Report
from checker.status import NOT_APPLICABLE, PASS, WAIVED

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INPUT_RULE = "FAZHI-INPUT"
LEVEL = {"critical": "error", "major": "error", "minor": "warning", "info": "note"}
KIND = {
    "pass": "pass",
    "not_applicable": "notApplicable",
    "fail": "fail",
    "missing": "fail",
    "error": "fail",
    "warn": "fail",
    "waived": "fail",
}


def _descriptor(rule, ctx) -> dict:
    basis = rule.basis_text("zh")
    out = {
        "id": rule.id,
        "name": rule.id.replace("-", ""),
        "shortDescription": {"text": rule.text("title", ctx.lang)},
        "fullDescription": {"text": f"{rule.title['zh']} / {rule.title['en']}"},
        "help": {
            "text": f"{rule.text('hint', ctx.lang)} {i18n.t('label.basis', ctx.lang)}{i18n.colon(ctx.lang)}{basis}"
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity] if rule.blocking else "warning"},
        "properties": {
            "area": rule.area,
            "severity": rule.severity,
            "strength": rule.strength,
            "strength_label": i18n.t("strength." + rule.strength, ctx.lang),
            "basis": basis,
            "title_zh": rule.title["zh"],
            "title_en": rule.title["en"],
            "expected": rule.expected_text(ctx.lang),
            "tags": [rule.area, rule.strength],
        },
    }
    if rule.basis.get("url"):
        out["helpUri"] = rule.basis["url"]
    return out


def _input_descriptor(ctx) -> dict:
    return {
        "id": INPUT_RULE,
        "name": "InputError",
        "shortDescription": {"text": i18n.t("label.errors", ctx.lang)},
        "defaultConfiguration": {"level": "error"},
    }


def _artifact(path: str) -> dict:
    """Where a file is, as a URI reference: its bytes percent-encoded (Chinese names, #, %, ?, \\,
    spaces; a name that is not UTF-8 by its own bytes), only "/" left as it is."""
    posix = PurePath(path).as_posix()
    uri = quote(os.fsencode(posix), safe="/")
    if PurePath(path).is_absolute():
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _region(line, column) -> dict:
    region = {"startLine": max(1, line or 1)}
    if column:
        region["startColumn"] = column
    return region


def _location(path: str, line, column) -> dict:
    """A place in a file: its line and column; a workbook's cell (``errors.Row``) as a logical
    location named ``sheet!D12`` (a workbook is no text: it has no lines to point at)."""
    cell = cell_name(line, column)
    if cell is None:
        return {"physicalLocation": {"artifactLocation": _artifact(path), "region": _region(line, column)}}
    return {
        "physicalLocation": {"artifactLocation": _artifact(path)},
        "logicalLocations": [{"name": cell.rpartition("!")[2], "fullyQualifiedName": cell, "kind": "element"}],
    }


def _level(finding) -> str:
    if finding.status in (PASS, NOT_APPLICABLE):
        return "none"
    if finding.status == WAIVED or finding.optional_missing:
        return "note"
    if finding.blocking:
        return LEVEL[finding.rule.severity] if finding.rule.severity != "info" else "warning"
    return "warning"


def _result(finding, result, index, ctx) -> dict:
    rule = finding.rule
    line, column = finding.location or result.indicators_pos
    text = describe.message(finding, ctx.catalogue, ctx.lang)
    basis = rule.basis_text(ctx.lang)
    if finding.status not in (PASS, NOT_APPLICABLE):
        text += f" {i18n.t('label.basis', ctx.lang)}{i18n.colon(ctx.lang)}{basis}"
    out = {
        "ruleId": rule.id,
        "ruleIndex": index,
        "kind": "open" if finding.optional_missing else KIND[finding.status],
        "level": _level(finding),
        "message": {"text": text},
        "locations": [_location(result.file, line, column)],
        "partialFingerprints": {"fazhi/v1": finding.fingerprint},
        "properties": {
            "status": finding.status,
            "required": finding.required,
            "indicators": finding.indicator_values(),
            "expected": rule.expected_text(ctx.lang),
            "basis": basis,
            "region": result.region,
            "year": result.year,
        },
    }
    if rule.basis.get("url"):  # the version cited for this submission's year (the descriptor's helpUri: the run's)
        out["properties"]["basis_url"] = rule.basis["url"]
    if finding.waiver is not None and finding.status == WAIVED:
        w = finding.waiver
        out["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.justification} ({w.approved_by}, {w.approved_on.isoformat()}"
                f" – {w.expires.isoformat()})",
            }
        ]
    return out


def _input_results(result, ctx) -> list:
    return [
        {
            "ruleId": INPUT_RULE,
            "ruleIndex": 0,
            "kind": "fail",
            "level": "error",
            "message": {"text": d.message(ctx.lang) + (f" ({d.hint(ctx.lang)})" if d.hint(ctx.lang) else "")},
            "locations": [_location(result.file, d.line, d.column)],
        }
        for d in result.errors
    ]


def render(report: Report, ctx) -> str:
    rules = report.rules or tuple({f.rule.id: f.rule for r in report.results for f in r.findings}.values())
    # a basis that lists versions is cited, in the rule's descriptor (help, helpUri), for the run's
    # reporting year; a run over several years: the latest (each result says its own in properties)
    years = [r.year for r in report.results if r.year is not None]
    year = max(years) if years else None
    rules = tuple(rule.at(year) for rule in rules)
    index = {rule.id: i + 1 for i, rule in enumerate(rules)}
    results = []
    # passes and rules that do not apply are most results and tell a code-scanning view nothing (GitHub
    # takes 25,000 results a run): left out unless --sarif-all
    quiet = () if ctx.options.get("sarif_all") else ("pass", "not_applicable")
    for result in report.results:
        results.extend(_input_results(result, ctx))
        results.extend(_result(f, result, index[f.rule.id], ctx) for f in result.findings if f.status not in quiet)
    notifications = [
        {
            "level": "warning",
            "message": {"text": d.message(ctx.lang)},
            "locations": [_location(d.file, d.line, d.column)],
        }
        for d in report.waiver_notes
    ]
    run = {
        "tool": {
            "driver": {
                "name": "fazhi-checker",
                "version": __version__,
                "rules": [_input_descriptor(ctx)] + [_descriptor(r, ctx) for r in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": report.exit_code() != 2,
                "exitCode": report.exit_code(),
                "toolConfigurationNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the working directory of the run"}}},
        "columnKind": "unicodeCodePoints",  # columns count characters, as the YAML reader does
        "results": results,
        "properties": {"engine": report.engine, "profile": report.profile, "failOn": report.fail_on},
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
