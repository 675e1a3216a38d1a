"""Waivers: documented, approved, expiring acceptance of a known deviation.

A waiver file (YAML)::

    waivers:
      - rule: DISP-001            # or `area: disputes` (exactly one of the two)
        region: 示例县
        year: 2024
        fingerprint: 3f2a...      # optional: one finding exactly (see the finding's fingerprint)
        justification: 2024年两起案件开庭时负责人因公出差，已委托副职出庭并报备
        approved_by: 县司法局 张三
        approved_on: 2025-02-10
        expires: 2025-12-31

A waived finding is still reported, with status ``waived`` and the waiver, and does not fail
the run. An expired waiver no longer applies: the finding keeps its status and says the waiver
expired. A waiver that matches no finding is reported as unused. A waiver without
justification or expiry (or any other required field) is rejected.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import Diagnostic, places_said
from checker.model import Finding, SubmissionResult
from checker.pack.expr import suggest
from checker.submission import read_text
from checker.values import Problem, parse_value
from checker.yamlpos import YMap, YList, load

WAIVABLE = ("fail", "warn", "missing", "error")
REQUIRED = ("region", "year", "justification", "approved_by", "approved_on", "expires")
FIELDS = ("rule", "area", "fingerprint") + REQUIRED


@dataclass(frozen=True)
class Waiver:
    rule: str | None
    area: str | None
    region: str
    year: int
    justification: str
    approved_by: str
    approved_on: dt.date
    expires: dt.date
    fingerprint: str | None
    file: str
    line: int
    column: int

    def matches(self, finding: Finding) -> bool:
        if self.rule is not None and finding.rule.id != self.rule:
            return False
        if self.area is not None and finding.rule.area != self.area:
            return False
        if self.fingerprint is not None and finding.fingerprint != self.fingerprint:
            return False
        return finding.region == self.region and finding.year == self.year

    def expired(self, today: dt.date) -> bool:
        return self.expires < today

    def to_json(self, today: dt.date) -> dict:
        return {"rule": self.rule, "area": self.area, "region": self.region, "year": self.year,
                "fingerprint": self.fingerprint, "justification": self.justification,
                "approved_by": self.approved_by, "approved_on": self.approved_on.isoformat(),
                "expires": self.expires.isoformat(), "expired": self.expired(today),
                "file": self.file, "line": self.line}


def load_waivers(path: str | Path, pack) -> tuple[list[Waiver], list[Diagnostic]]:
    path = Path(path)
    diags: list[Diagnostic] = []
    text = read_text(path, diags)
    if text is None:
        return [], diags
    data, found = load(text, str(path))
    # an empty file or a bare null is not a waiver file: said as such, with the waiver file's hint
    diags.extend(d for d in found if d.code not in ("input.empty", "yaml.null_document"))
    items = data.get("waivers") if isinstance(data, YMap) else None
    if not isinstance(items, YList):
        diags.append(Diagnostic("waiver.file", str(path), 1, 1))
        return [], diags
    for key in data:
        if key != "waivers":
            diags.append(Diagnostic("waiver.unknown_field", str(path), *data.key_pos[key],
                                    {"name": key, "suggestion": suggest(str(key), ("waivers",))}))
    waivers, first = [], {}
    unreadable = places_said(found)
    for index, item in enumerate(items):
        waiver = _waiver(item, items.item_pos[index], str(path), pack, diags, unreadable)
        if waiver is None:
            continue
        same = (waiver.rule, waiver.area, waiver.region, waiver.year, waiver.fingerprint)
        if same in first:
            diags.append(Diagnostic("waiver.duplicate", str(path), waiver.line, waiver.column, {"first_line": first[same]}))
            continue
        first[same] = waiver.line
        waivers.append(waiver)
    diags.sort(key=lambda d: (d.line or 0, d.column or 0))     # in the file's order
    return waivers, diags


def _waiver(item, pos, file, pack, diags, unreadable=frozenset()) -> Waiver | None:
    """One waiver, or None where it has a problem (said in ``diags``); ``unreadable``: the places of
    values the reader could not read (``places_said``)."""
    if not isinstance(item, YMap):
        diags.append(Diagnostic("waiver.not_mapping", file, *pos))
        return None
    before = len(diags)
    for key in item:
        if key not in FIELDS:
            diags.append(Diagnostic("waiver.unknown_field", file, *item.key_pos[key],
                                    {"name": key, "suggestion": suggest(str(key), FIELDS)}))
    said = False
    for key in REQUIRED:
        value = item.get(key)
        if value is None and key in item and item.pos(key) in unreadable:
            said = True                     # written, but not readable: said already
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            diags.append(Diagnostic("waiver.required", file, *pos, {"field": key}))
    fingerprint = item.get("fingerprint")
    if fingerprint is not None and not isinstance(fingerprint, str):
        diags.append(Diagnostic("waiver.fingerprint", file, *item.pos("fingerprint"), {"raw": fingerprint}))
    rule, area = item.get("rule"), item.get("area")
    if (rule is None) == (area is None):
        diags.append(Diagnostic("waiver.rule_or_area", file, *pos))
    elif rule is not None and pack.rule(str(rule)) is None:
        diags.append(Diagnostic("waiver.unknown_rule", file, *item.pos("rule"),
                                {"id": rule, "suggestion": suggest(str(rule), [r.id for r in pack.all_rules])}))
    elif area is not None and area not in pack.catalogue.areas:
        diags.append(Diagnostic("waiver.unknown_area", file, *item.pos("area"),
                                {"area": area, "suggestion": suggest(str(area), pack.catalogue.areas)}))
    dates = {}
    for key in ("approved_on", "expires"):
        if item.get(key) is not None:
            try:
                dates[key] = parse_value(item[key], "date").value
            except Problem:
                diags.append(Diagnostic("waiver.date", file, *item.pos(key), {"field": key, "raw": item[key]}))
    if len(dates) == 2 and dates["approved_on"] > dates["expires"]:
        diags.append(Diagnostic("waiver.approved_after_expiry", file, *item.pos("approved_on"),
                                {"approved_on": dates["approved_on"].isoformat(), "expires": dates["expires"].isoformat()}))
    year = item.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        diags.append(Diagnostic("waiver.year", file, *item.pos("year"), {"raw": year}))
    if said or len(diags) > before:
        return None
    return Waiver(str(rule) if rule is not None else None, area, str(item["region"]), year,
                  str(item["justification"]), str(item["approved_by"]), dates["approved_on"], dates["expires"],
                  str(item["fingerprint"]) if item.get("fingerprint") is not None else None,
                  file, pos[0], pos[1])


def apply_waivers(results, waivers: list[Waiver], today: dt.date) -> tuple[list[SubmissionResult], list[Diagnostic]]:
    """Mark waived findings; return the new results and notes about unused and expired waivers."""
    used: set[int] = set()
    expired_hits: set[int] = set()
    out = []
    for result in results:
        findings = []
        for finding in result.findings:
            findings.append(_apply(finding, waivers, today, used, expired_hits))
        out.append(replace(result, findings=tuple(findings)))
    notes = []
    for i, waiver in enumerate(waivers):
        if i in used:
            continue
        code = "waiver.expired" if i in expired_hits else "waiver.unused"
        notes.append(Diagnostic(code, waiver.file, waiver.line, waiver.column,
                                {"target": waiver.rule or waiver.area, "region": waiver.region, "year": waiver.year,
                                 "expires": waiver.expires.isoformat()}, "warning"))
    return out, notes


def _apply(finding: Finding, waivers, today, used, expired_hits) -> Finding:
    if finding.status not in WAIVABLE:
        return finding
    for i, waiver in enumerate(waivers):
        if not waiver.matches(finding):
            continue
        if waiver.expired(today):
            expired_hits.add(i)
            return replace(finding, waiver=waiver)
        used.add(i)
        return replace(finding, status="waived", waived_status=finding.status, waiver=waiver)
    return finding
