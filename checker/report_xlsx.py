"""``fazhi check FILE --xlsx report.xlsx``: one region's report as a workbook, the HTML report's
content in sheets: 概况 (the headline and the method), 问题 (what needs action, each with value,
requirement, basis, hint, source and place), 全部结论 (every rule's outcome by area) and 读取说明
(how values were read). The scoring sheet (``--scheme``) is added by the command from
``checker.score.xlsx`` (this module does not import the scoring package).

Deterministic bytes as the 填报表's (``template.stable``); every text written as text.
"""

from __future__ import annotations

import io

from checker import describe, i18n
from checker.report_html import finding_place, is_problem, problems, source_of
from checker.status import Status
from checker.template import FIXED_TIME, put, stable

# key: (zh, en)
WORDS = {
    "sheet:summary": ("概况", "Summary"),
    "sheet:problems": ("问题", "Problems"),
    "sheet:all": ("全部结论", "All outcomes"),
    "sheet:notes": ("读取说明", "Notes"),
    "title": (
        "{region}{year}年度法治政府建设指标核查报告",
        "{region} {year}: rule-of-law government indicators checked",
    ),
    "status": ("结论", "Outcome"),
    "headline": ("概要", "Headline"),
    "complete": ("完整性", "Completeness"),
    "summary": ("各结论数", "Outcomes"),
    "file": ("输入文件", "Input"),
    "date": ("生成日期", "Date"),
    "tool": ("核查工具", "Tool"),
    "engine": ("规则引擎", "Engine"),
    "profile": ("适用方案", "Profile"),
    "rules": ("规则", "Rules"),
    "fail_on": ("不通过的门槛", "Fails at"),
    "col:section": ("类别", "Section"),
    "col:rule": ("规则", "Rule"),
    "col:title": ("事项", "Item"),
    "col:status": ("结论", "Outcome"),
    "col:value": ("读取值", "Value read"),
    "col:expected": ("要求", "Requirement"),
    "col:basis": ("依据", "Basis"),
    "col:hint": ("建议", "Hint"),
    "col:source": ("原文", "Source"),
    "col:where": ("位置", "Where"),
    "col:area": ("领域", "Area"),
    "col:problem": ("需处理", "Needs action"),
    "col:message": ("说明", "Note"),
    "yes": ("是", "yes"),
    "complete.n": ("必报指标已报告 {reported} / {required}", "required indicators reported: {reported} of {required}"),
    "complete.none": ("适用方案没有必报指标", "the profile requires no indicator"),
    "nothing": ("未发现需要处理的问题。", "Nothing to act on."),
}
WIDTHS = {
    "section": 18,
    "rule": 11,
    "title": 30,
    "status": 10,
    "value": 40,
    "expected": 30,
    "basis": 40,
    "hint": 40,
    "source": 40,
    "where": 16,
    "area": 22,
    "problem": 8,
    "message": 80,
}


def _w(code: str, lang: str, **params) -> str:
    return i18n.word(WORDS, code, lang, **params)


def build_workbook(result, catalogue, facts, lang: str = "zh"):
    """The workbook (openpyxl), to which a scoring sheet may be added before ``report_bytes``."""
    from openpyxl import Workbook

    from checker.template import Styles

    wb = Workbook()
    styles = Styles()
    _summary(wb.active, styles, result, facts, lang)
    _problems(wb.create_sheet(_w("sheet:problems", lang)), styles, result, catalogue, lang)
    _all(wb.create_sheet(_w("sheet:all", lang)), styles, result, catalogue, lang)
    if result.diagnostics:
        _notes(wb.create_sheet(_w("sheet:notes", lang)), styles, result, lang)
    props = wb.properties
    props.creator = "fazhi-checker"
    props.title = _w("title", lang, region=result.region or "?", year=result.year or "")
    props.created = props.modified = FIXED_TIME
    return wb


def report_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return stable(buf.getvalue())


def _table(ws, styles, row: int, kinds: tuple, lang: str) -> None:
    from checker.errors import column_letters

    for col, kind in enumerate(kinds, 1):
        put(ws, row, col, _w(f"col:{kind}", lang), styles, "head")
        ws.column_dimensions[column_letters(col)].width = WIDTHS[kind]
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate
    ws.auto_filter.ref = f"A{row}:{column_letters(len(kinds))}{row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{row}:{row}"


def _summary(ws, styles, result, facts, lang: str) -> None:
    ws.title = _w("sheet:summary", lang)
    put(ws, 1, 1, _w("title", lang, region=result.region or "?", year=result.year or ""), styles, "title")
    done = result.completeness
    complete = (
        _w("complete.n", lang, reported=done.reported, required=done.required)
        if done is not None and done.required
        else _w("complete.none", lang)
    )
    binding = sum(1 for r in facts.rules if r.blocking)
    rows = [
        ("status", i18n.t("result." + result.status, lang)),
        ("headline", i18n.t("headline.counts", lang, **result.headline())),
        ("complete", complete),
        ("summary", i18n.t("summary.line", lang, **result.summary())),
        ("file", result.file),
        ("date", str(facts.date)),
        ("tool", f"fazhi-checker {facts.version}"),
        ("engine", facts.engine),
        ("profile", facts.profile),
        ("rules", f"{len(facts.rules)} ({binding})"),
        ("fail_on", facts.fail_on),
    ]
    for i, (key, value) in enumerate(rows, 3):
        put(ws, i, 1, _w(key, lang), styles, "head")
        put(ws, i, 2, value, styles)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90


def _problems(ws, styles, result, catalogue, lang: str) -> None:
    kinds = ("section", "rule", "title", "status", "value", "expected", "basis", "hint", "source", "where")
    _table(ws, styles, 1, kinds, lang)
    row = 2
    for code, _, found in problems(result):
        for f in found:
            rule = f.rule
            value = (
                describe.values_text(f, catalogue, lang)
                if f.status != Status.MISSING
                else describe.message(f, catalogue, lang)
            )
            cells = (
                i18n.t(code, lang),
                rule.id,
                rule.text("title", lang),
                describe.status_word(f, lang),
                value,
                rule.expected_text(lang),
                i18n.with_strength(rule, lang),
                rule.text("hint", lang) if f.status != Status.WAIVED else describe.message(f, catalogue, lang),
                source_of(f) or "",
                finding_place(f),
            )
            for col, text in enumerate(cells, 1):
                put(ws, row, col, text, styles)
            row += 1
    if row == 2:
        put(ws, 2, 1, _w("nothing", lang), styles)


def _all(ws, styles, result, catalogue, lang: str) -> None:
    kinds = ("area", "rule", "title", "status", "problem", "value", "expected", "basis", "where")
    _table(ws, styles, 1, kinds, lang)
    for row, f in enumerate(result.findings, 2):
        area = catalogue.areas.get(f.rule.area)
        cells = (
            area.name(lang) if area else f.rule.area,
            f.rule.id,
            f.rule.text("title", lang),
            describe.status_word(f, lang),
            _w("yes", lang) if is_problem(f) else "",
            describe.values_text(f, catalogue, lang)
            if f.status != Status.MISSING
            else describe.message(f, catalogue, lang),
            f.rule.expected_text(lang),
            i18n.with_strength(f.rule, lang),
            finding_place(f),
        )
        for col, text in enumerate(cells, 1):
            put(ws, row, col, text, styles)


def _notes(ws, styles, result, lang: str) -> None:
    kinds = ("where", "status", "message")
    _table(ws, styles, 1, kinds, lang)
    for row, d in enumerate(result.diagnostics, 2):
        word = i18n.t("label.errors", lang) if d.severity == "error" else i18n.t("label.notes", lang)
        put(ws, row, 1, d.where(), styles)
        put(ws, row, 2, word, styles)
        hint = d.hint(lang)
        put(
            ws,
            row,
            3,
            d.message(lang) + (f"（{hint}）" if hint and lang != "en" else f" ({hint})" if hint else ""),
            styles,
        )
