"""The county's journey: one file read and checked as ``fazhi check`` reads and checks it; its figures
(for a report, each with the sentence it came from) held by the page to correct or complete and check
again; the corrected submission written as YAML, as the Excel 填报表, and as the one-region report.

The page holds the draft (``Draft``: the header, the figures, a report's text) in its form, and each
request brings it back whole: nothing of one user's is kept on the server between requests, so no
two users' work can meet. A corrected draft is written as the YAML it would be downloaded as and
read back through the same reader: what the page shows is what ``fazhi check`` says of that file."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from checker import i18n
from checker.errors import Diagnostic
from checker.inputs.model import TOP_FIELDS
from checker.serve.service import renamed
from checker.serve.uploads import safe_name


@dataclass
class Draft:
    """A submission as the page holds it."""

    name: str  # the file's name as uploaded
    kind: str  # "report" (prose, with its text) or "submission"
    header: dict = field(default_factory=dict)  # region, year, … (HEADER_FIELDS)
    entries: dict = field(default_factory=dict)  # key -> value, or {value, approx, source, note}
    places: dict = field(default_factory=dict)  # key -> (line, column) of its figure in ``text``
    text: str | None = None  # a report's text


@dataclass
class Checked:
    draft: Draft
    sub: object  # the Submission read
    result: object  # its SubmissionResult, files named as the user named them


def read_upload(service, saved, overrides: dict, lang: str) -> Checked:
    """The uploaded file read as ``fazhi check`` reads it (``read_input``; a report through the
    extractor, called here as it calls it, to keep the report's text) and checked."""
    from checker.inputs.dispatch import is_report, read_input

    text = None
    if is_report(saved.path):
        sub, text = _report(saved, service.pack, overrides)
    else:
        sub = read_input(saved.path, service.pack)
    draft = draft_of(sub, saved.name, service.pack.catalogue, text, lang)
    return Checked(draft, sub, renamed(service.check(sub), saved.name))


def _report(saved, pack, overrides: dict):
    """(the submission, the report's text) as ``inputs.dispatch.read_input`` reads a report."""
    from checker.extract import extract, to_submission
    from checker.inputs.model import Submission

    try:
        ex = extract(saved.path, pack, **overrides)
        return to_submission(ex, pack.catalogue), ex.text or None
    except MemoryError:
        return Submission(saved.path, diagnostics=[Diagnostic("input.out_of_memory", saved.path, None, None)]), None


def draft_of(sub, name: str, cat, text: str | None, lang: str) -> Draft:
    """The figures of a submission as read, each as it would be written again (an approximate one
    with its word: 1000余, 约20, 近30), with its source and note; a report's with its place in the
    text. Values the reader computed (rates from counts) and those standing for a top-level field
    (report.published_on) are not figures of their own."""
    header = {
        k: v
        for k, v in (
            ("region", sub.region),
            ("region_code", sub.region_code),
            ("level", sub.level),
            ("year", sub.year),
            ("published_on", sub.published_on),
        )
        if v is not None
    }
    fields = set(cat.fields.values())
    draft = Draft(name, "report" if text is not None else "submission", header, text=text)
    for key, value in sub.values.items():
        if value.derived or key in fields or key not in cat.indicators:
            continue
        entry = {"value": with_approx(value.value, value.approx_kind) if value.approx else value.value}
        if value.source:
            entry["source"] = value.source
        note = _position_note(text, value, lang) if text is not None else value.note
        if note:
            entry["note"] = note
        draft.entries[key] = entry if len(entry) > 1 else entry["value"]
        if text is not None and value.source and value.line:
            draft.places[key] = (value.line, value.column or 1)
    return draft


def _position_note(text: str, value, lang: str) -> str:
    """Where a figure stands in a report, as ``fazhi extract`` notes it (a PDF's by page and line)."""
    if value.note == "counted":
        return i18n.t("extract.counted", lang)
    if not value.line:
        return ""
    from checker.extract.pdf import locate

    page = locate(text, value.line, value.column)
    note = (
        i18n.t("extract.position_page", lang, page=page[0], line=page[1])
        if page
        else i18n.t("extract.position", lang, line=value.line, column=value.column)
    )
    return i18n.t(f"extract.{value.note}", lang) + "；" + note if value.note else note


def with_approx(value, kind) -> str:
    """An approximate figure as written: 1000余 (over), 近30 (under), 约20 (about, or no kind given)."""
    from checker.template import APPROX_WORD, with_word

    return with_word(value, APPROX_WORD.get(kind, "约"))


# ---- the page's form, read back ------------------------------------------------------------------

HEADER_FIELDS = tuple(f for f in TOP_FIELDS if f != "indicators")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
YES_NO = {"是": True, "否": False, "true": True, "false": False, "yes": True, "no": False}


def typed(text: str, unit: str | None):
    """A value as typed in the page, as YAML would hold it written by hand: 12 and 95.5 numbers, 是
    and 否 yes and no (for a yes-or-no indicator), 2025-03-20 a date (for a date); anything else
    (1000余, 95%, 约20) the text, which the reader reads as it reads it in any file."""
    text = text.strip()
    if NUMBER.fullmatch(text) and len(text) <= 30:
        return float(text) if "." in text else int(text)
    if unit == "bool" and text.lower() in YES_NO:
        return YES_NO[text.lower()]
    if unit == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def shown(entry) -> str:
    """An entry's value as the form shows it (the text that reads back as the same value)."""
    value = entry.get("value") if isinstance(entry, dict) else entry
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def draft_from_form(form, cat) -> Draft:
    """The draft the page sent back: its hidden fields, each figure as corrected (``v:KEY``; emptied:
    not reported), and the one added (``add_key``, ``add_value``). Keys the catalogue does not hold
    are left out: the page offers none."""
    kind = "report" if form.get("kind") == "report" else "submission"
    draft = Draft(
        safe_name(form.get("name"), "submission.yaml"),
        kind,
        text=(form.get("text") or None) if kind == "report" else None,
    )
    for name in HEADER_FIELDS:
        text = (form.get(name) or "").strip()
        if text:
            draft.header[name] = typed(text, "date") if name in ("year", "published_on") else text
    added = form.get("add_key") or ""
    for key in cat.indicators:
        text = form.get(f"v:{key}")
        if key == added and (form.get("add_value") or "").strip():
            text = form.get("add_value")
        if text is None or not text.strip():
            continue
        entry = {"value": typed(text, cat.indicators[key].unit)}
        for part, name in (("source", "src"), ("note", "note")):
            if (form.get(f"{name}:{key}") or "").strip():
                entry[part] = form.get(f"{name}:{key}")
        draft.entries[key] = entry if len(entry) > 1 else entry["value"]
        place = re.fullmatch(r"([0-9]{1,9}):([0-9]{1,9})", form.get(f"pos:{key}") or "")
        if place:
            draft.places[key] = (int(place.group(1)), int(place.group(2)))
    return draft


def yaml_name(draft: Draft) -> str:
    return os.path.splitext(draft.name)[0] + ".yaml"


def draft_yaml(draft: Draft) -> str:
    """The draft as a YAML submission (docs/submission.md): the header fields, then the indicators."""
    import yaml

    data = {f: draft.header[f] for f in HEADER_FIELDS if draft.header.get(f) is not None}
    data["indicators"] = {
        key: dict(entry) if isinstance(entry, dict) else entry for key, entry in draft.entries.items()
    }
    head = f"# corrected in fazhi serve from {i18n.one_line(draft.name)}\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def check_draft(service, draft: Draft, folder: str) -> Checked:
    """The draft written as the YAML it downloads as, read back and checked."""
    from checker.inputs.dispatch import read_input

    name = yaml_name(draft)
    path = os.path.join(folder, safe_name(name, "submission.yaml"))
    with open(path, "w", encoding="utf-8") as out:
        out.write(draft_yaml(draft))
    sub = read_input(path, service.pack)
    return Checked(draft, sub, renamed(service.check(sub), name))


def workbook(service, draft: Draft, lang: str) -> bytes:
    from checker.template import template_bytes

    return template_bytes(service.pack, dict(draft.header), lang, dict(draft.entries))


def report_page(service, checked: Checked, lang: str) -> str:
    """The one-region report ``fazhi check FILE --html`` writes, with the scoring sheet of the scheme
    in force where the submission can be scored."""
    from checker import __version__
    from checker.model import DEFAULT_FAIL_ON
    from checker.report_html import ReportFacts, render_report
    from checker.waivers import today_in_china

    pack = service.pack
    facts = ReportFacts(__version__, service.engine, pack.profile, pack.rules, DEFAULT_FAIL_ON, today_in_china())
    return render_report(checked.result, pack.catalogue, facts, lang, _scoring(service, checked, lang))


def _scoring(service, checked: Checked, lang: str):
    result = checked.result
    if result.errors or not result.findings:
        return None
    from checker.score.cohort import cohort
    from checker.score.compute import score

    county = score(result, checked.sub, service.scheme, service.pack.catalogue, (lang,))
    report = cohort(service.scheme, service.pack, [county], [], lang)
    return (report, report.counties[0]) if report.counties else None
