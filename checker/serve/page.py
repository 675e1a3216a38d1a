"""What the county's result page shows, as plain values for its template (which escapes every one):
the headline, the input errors as ``fazhi check`` prints them, the problems first (each with the
value read, the requirement, the basis and its binding force, the hint, the source sentence), every
other rule by area, and the figures beside a report's text with their sentences marked."""

from __future__ import annotations

import bisect
import re

from checker import describe, i18n
from checker.report_html import finding_place, is_problem, problems, source_of
from checker.serve import county
from checker.status import Status

HINTED = (Status.FAIL, Status.WARN, Status.MISSING)


def web_url(url) -> str | None:
    """A basis's address where it is a web page's (a link to anything else is not made)."""
    return url if isinstance(url, str) and re.match(r"https?://[^\s\"'<>]+\Z", url) else None


def finding_view(f, cat, lang: str) -> dict:
    rule = f.rule
    return {
        "id": rule.id,
        "status": f.status,
        "status_word": describe.status_word(f, lang),
        "title": rule.text("title", lang),
        "message": describe.message(f, cat, lang),
        "value_text": describe.values_text(f, cat, lang) if f.status != Status.MISSING else "",
        "expected": rule.expected_text(lang),
        "basis": i18n.with_strength(rule, lang),
        "url": web_url(rule.basis.get("url")),
        "hint": rule.text("hint", lang) if f.status in HINTED else "",
        "source": source_of(f) or "",
        "where": finding_place(f),
        "severity": i18n.t("severity." + rule.severity, lang),
        "strength": i18n.t("strength." + rule.strength, lang),
    }


def result_view(checked, cat, lang: str) -> dict:
    result = checked.result
    done = result.completeness
    sections = [
        (i18n.t(code, lang), kind, [finding_view(f, cat, lang) for f in found])
        for code, kind, found in problems(result)
    ]
    others: dict = {}
    for f in result.findings:
        if not is_problem(f):
            others.setdefault(f.rule.area, []).append(finding_view(f, cat, lang))
    areas = [(area.name(lang), others[key]) for key, area in cat.areas.items() if key in others]
    return {
        "status": result.status,
        "region": result.region,
        "year": result.year,
        "file": result.file,
        "counts": i18n.t("headline.counts", lang, **result.headline()),
        "summary": i18n.t("summary.line", lang, **result.summary()),
        "complete": (done.reported, done.required) if done is not None and done.required else None,
        "errors": [d.render(lang) for d in result.errors],
        "notes": [d.render(lang) for d in result.notes],
        "sections": sections,
        "areas": areas,
        "findings": len(result.findings),
    }


def figures_view(draft, cat, lang: str, marks: dict) -> list[dict]:
    """The figures in catalogue order, each with its indicator's name, the value as typed, its source
    and note, and the mark of its sentence in the text."""
    rows = []
    for key, ind in cat.indicators.items():
        if key not in draft.entries:
            continue
        entry = draft.entries[key]
        extra = entry if isinstance(entry, dict) else {}
        place = draft.places.get(key)
        rows.append(
            {
                "key": key,
                "name": ind.name(lang),
                "unit": ind.unit,
                "value": county.shown(entry),
                "source": str(extra.get("source") or ""),
                "note": str(extra.get("note") or ""),
                "pos": f"{place[0]}:{place[1]}" if place else "",
                "mark": marks.get(key),
            }
        )
    return rows


def addable(draft, cat, lang: str) -> list:
    """(area's name, [(key, name)]) of the indicators not given, to add one."""
    out = []
    for area_key, area in cat.areas.items():
        keys = [
            (k, ind.name(lang))
            for k, ind in cat.indicators.items()
            if ind.area == area_key and not ind.field and k not in draft.entries
        ]
        if keys:
            out.append((area.name(lang), keys))
    return out


def marked(draft) -> tuple[list, dict]:
    """A report's text as segments (text, mark id or None), each figure's sentence a mark (sentences
    that overlap one mark), and {indicator key: its mark id}."""
    text = draft.text or ""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans = []
    for key, (line, column) in draft.places.items():
        span = _span(text, starts, line, column, _source(draft.entries.get(key)))
        if span is not None:
            spans.append((span[0], span[1], key))
    spans.sort()
    merged: list = []  # [start, end, keys]
    for start, end, key in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(key)
        else:
            merged.append([start, end, [key]])
    segments, marks, at = [], {}, 0
    for i, (start, end, keys) in enumerate(merged):
        ident = f"m{i + 1}"
        if start > at:
            segments.append((text[at:start], None))
        segments.append((text[start:end], ident))
        marks.update(dict.fromkeys(keys, ident))
        at = end
    if at < len(text):
        segments.append((text[at:], None))
    return segments, marks


def _source(entry) -> str:
    return str(entry.get("source") or "") if isinstance(entry, dict) else ""


def _span(text: str, starts: list, line: int, column: int, sentence: str) -> tuple[int, int] | None:
    """Where the sentence holding the figure at (line, column) stands in ``text``: the sentence's own
    place where it is there around the figure, else the figure's line."""
    if not 1 <= line <= len(starts):
        return None
    at = min(len(text), starts[line - 1] + max(0, column - 1))
    if sentence:
        found = text.rfind(sentence, 0, at + len(sentence))
        if found >= 0 and found <= at < found + len(sentence):
            return found, found + len(sentence)
    end = bisect.bisect_right(starts, at)
    line_end = starts[end] - 1 if end < len(starts) else len(text)
    return (starts[line - 1], line_end) if line_end > starts[line - 1] else None
