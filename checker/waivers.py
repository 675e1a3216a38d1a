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
expired. A waiver approved after today (``--today``, else today in China) does not apply yet and is
reported. Where several waivers match a finding, the first in the file that applies today is used,
whatever the order of expired ones. A waiver that matches no finding is reported as unused. A
waiver without justification or expiry (or any other required field) is rejected.

Regions are compared as the shared region guard (``checker.region.region_name``) writes them, so a
trailing space or another normal form matches; waivers are indexed by (region, year), so matching
takes time in proportion to the findings, not findings × waivers.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import Diagnostic, places_said
from checker.inputs.decode import read_text
from checker.inputs.values import Problem, parse_value
from checker.model import Finding, SubmissionResult
from checker.status import ERROR, FAIL, MISSING, WAIVED, WARN
from checker.suggest import suggest
from checker.yamlpos import WAIVER_NODES, YList, YMap, load

WAIVABLE = (FAIL, WARN, MISSING, ERROR)
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

    def matches(self, finding: Finding, region: str | None = None) -> bool:
        """Does this waiver cover ``finding``? ``region``: the finding's region as ``region_key``
        gives it, where the caller has it already."""
        if self.rule is not None and finding.rule.id != self.rule:
            return False
        if self.area is not None and finding.rule.area != self.area:
            return False
        if self.fingerprint is not None and finding.fingerprint != self.fingerprint:
            return False
        return finding.year == self.year and (region or region_key(finding.region)) == region_key(self.region)

    def expired(self, today: dt.date) -> bool:
        return self.expires < today

    def not_yet(self, today: dt.date) -> bool:
        """Approved after ``today``: not in force yet."""
        return self.approved_on > today

    def to_json(self, today: dt.date) -> dict:
        return {
            "rule": self.rule,
            "area": self.area,
            "region": self.region,
            "year": self.year,
            "fingerprint": self.fingerprint,
            "justification": self.justification,
            "approved_by": self.approved_by,
            "approved_on": self.approved_on.isoformat(),
            "expires": self.expires.isoformat(),
            "expired": self.expired(today),
            "file": self.file,
            "line": self.line,
        }


CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def today_in_china(now: dt.datetime | None = None) -> dt.date:
    """Today's date in China Standard Time (UTC+8), whatever the machine's time zone: the date a
    waiver's approval and expiry are judged against where ``--today`` is not given."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(CHINA).date()


def region_key(text) -> str:
    """A region as it is compared: the identity key of the shared guard's form (``checker.region``:
    NFC, stripped, inner white space one space, radicals made ideographs; then compatibility forms
    folded and traditional characters simplified, so 社旗縣 matches 社旗县); where the guard refuses
    it (or is not there), NFC and stripped."""
    text = str(text)
    try:
        from checker.region import RegionProblem, region_name
        from checker.region import region_key as identity
    except ImportError:  # pragma: no cover - the guard ships with the package
        return unicodedata.normalize("NFC", text).strip()
    try:
        return identity(region_name(text))
    except RegionProblem:
        return unicodedata.normalize("NFC", text).strip()


def load_waivers(path: str | Path, pack) -> tuple[list[Waiver], list[Diagnostic]]:
    path = Path(path)
    diags: list[Diagnostic] = []
    text = read_text(path, diags)
    if text is None:
        return [], diags
    data, found = load(text, str(path), WAIVER_NODES)  # tens of thousands of waivers: more than a submission
    # an empty file or a bare null is not a waiver file: said as such, with the waiver file's hint
    diags.extend(d for d in found if d.code not in ("input.empty", "yaml.null_document"))
    items = data.get("waivers") if isinstance(data, YMap) else None
    if not isinstance(items, YList):
        diags.append(Diagnostic("waiver.file", str(path), 1, 1))
        return [], diags
    for key in data:
        if key != "waivers":
            diags.append(
                Diagnostic(
                    "waiver.unknown_field",
                    str(path),
                    *data.key_pos[key],
                    {"name": key, "suggestion": suggest(str(key), ("waivers",))},
                )
            )
    waivers, first = [], {}
    unreadable = places_said(found)
    for index, item in enumerate(items):
        waiver = _waiver(item, items.item_pos[index], str(path), pack, diags, unreadable)
        if waiver is None:
            continue
        same = (waiver.rule, waiver.area, region_key(waiver.region), waiver.year, waiver.fingerprint)
        if same in first:
            diags.append(
                Diagnostic("waiver.duplicate", str(path), waiver.line, waiver.column, {"first_line": first[same]})
            )
            continue
        first[same] = waiver.line
        waivers.append(waiver)
    diags.sort(key=lambda d: (d.line or 0, d.column or 0))  # in the file's order
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
            diags.append(
                Diagnostic(
                    "waiver.unknown_field",
                    file,
                    *item.key_pos[key],
                    {"name": key, "suggestion": suggest(str(key), FIELDS)},
                )
            )
    said = False
    for key in REQUIRED:
        value = item.get(key)
        if value is None and key in item and item.pos(key) in unreadable:
            said = True  # written, but not readable: said already
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
        diags.append(
            Diagnostic(
                "waiver.unknown_rule",
                file,
                *item.pos("rule"),
                {"id": rule, "suggestion": suggest(str(rule), [r.id for r in pack.all_rules])},
            )
        )
    elif area is not None and area not in pack.catalogue.areas:
        diags.append(
            Diagnostic(
                "waiver.unknown_area",
                file,
                *item.pos("area"),
                {"area": area, "suggestion": suggest(str(area), pack.catalogue.areas)},
            )
        )
    dates = {}
    for key in ("approved_on", "expires"):
        if item.get(key) is not None:
            try:
                dates[key] = parse_value(item[key], "date").value
            except Problem:
                diags.append(Diagnostic("waiver.date", file, *item.pos(key), {"field": key, "raw": item[key]}))
    if len(dates) == 2 and dates["approved_on"] > dates["expires"]:
        diags.append(
            Diagnostic(
                "waiver.approved_after_expiry",
                file,
                *item.pos("approved_on"),
                {"approved_on": dates["approved_on"].isoformat(), "expires": dates["expires"].isoformat()},
            )
        )
    region = item.get("region")
    if isinstance(region, str) and region.strip():
        try:
            from checker.region import RegionProblem, region_name
        except ImportError:  # pragma: no cover - the guard ships with the package
            pass
        else:
            try:
                region = region_name(region)  # as every reader writes a region: compared so
            except RegionProblem as exc:
                diags.append(Diagnostic(exc.code, file, *item.pos("region"), {**exc.params, "key": "region"}))
    year = item.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        diags.append(Diagnostic("waiver.year", file, *item.pos("year"), {"raw": year}))
    if said or len(diags) > before:
        return None
    return Waiver(
        str(rule) if rule is not None else None,
        area,
        region if isinstance(region, str) else region_key(region),
        year,
        str(item["justification"]),
        str(item["approved_by"]),
        dates["approved_on"],
        dates["expires"],
        str(item["fingerprint"]) if item.get("fingerprint") is not None else None,
        file,
        pos[0],
        pos[1],
    )


def apply_waivers(results, waivers: list[Waiver], today: dt.date) -> tuple[list[SubmissionResult], list[Diagnostic]]:
    """Mark waived findings; return the new results and notes about waivers not in force (approved
    after today), expired and unused ones, in the file's order."""
    index: dict = {}  # (region, year, rule id or area) -> [(place in the file, waiver)]
    for i, waiver in enumerate(waivers):
        target = ("rule", waiver.rule) if waiver.rule is not None else ("area", waiver.area)
        index.setdefault((region_key(waiver.region), waiver.year, target), []).append((i, waiver))
    used: set[int] = set()
    expired_hits: set[int] = set()
    keys: dict = {}
    out = []
    for result in results:
        findings = []
        for finding in result.findings:
            region = keys.get(finding.region)
            if region is None and finding.region is not None:
                region = keys[finding.region] = region_key(finding.region)
            by_rule = index.get((region, finding.year, ("rule", finding.rule.id)), ())
            by_area = index.get((region, finding.year, ("area", finding.rule.area)), ())
            candidates = sorted(by_rule + by_area, key=_first) if by_rule and by_area else by_rule or by_area
            findings.append(_apply(finding, candidates, region, today, used, expired_hits) if candidates else finding)
        out.append(replace(result, findings=tuple(findings)))
    notes = []
    for i, waiver in enumerate(waivers):
        params = {
            "target": waiver.rule or waiver.area,
            "region": waiver.region,
            "year": waiver.year,
            "expires": waiver.expires.isoformat(),
        }
        if waiver.not_yet(today):
            code = "waiver.not_yet_approved"
            params.update(approved_on=waiver.approved_on.isoformat(), today=today.isoformat())
        elif i in used:
            continue
        else:
            code = "waiver.expired" if i in expired_hits else "waiver.unused"
        notes.append(Diagnostic(code, waiver.file, waiver.line, waiver.column, params, "warning"))
    return out, notes


def _first(item) -> int:
    return item[0]


def _apply(finding: Finding, candidates, region, today, used, expired_hits) -> Finding:
    """The first waiver in the file's order that matches and is in force today; else the finding,
    saying the first matching waiver that expired (one approved after today is not in force). Every
    matching expired waiver is noted as such, whatever the order."""
    if finding.status not in WAIVABLE:
        return finding
    expired = applied = None
    for i, waiver in candidates:
        if not waiver.matches(finding, region) or waiver.not_yet(today):
            continue
        if waiver.expired(today):
            expired_hits.add(i)
            expired = expired or waiver
        elif applied is None:
            used.add(i)
            applied = waiver
    if applied is not None:
        return replace(finding, status=WAIVED, waived_status=finding.status, waiver=applied)
    return finding if expired is None else replace(finding, waiver=expired)
