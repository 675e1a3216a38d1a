"""``fazhi score --xlsx FILE``: the cohort as an Excel workbook laid out like an official 评分表.

Sheets:

* 汇总 (Summary): the scheme's name, then the ranking, one row per county, the same columns as the CSV
  (``checker.score.csv_out.summary_table``); header frozen, autofilter on the table.
* one sheet per county, named ``<rank> <region> <year>``: title "<地区><年度>年法治政府建设考核评分表", one row per
  rule with its deduction, status, reason, basis and the basis's binding force (约束力: 法律法规, 中央文件, 地方规定,
  数据一致性, 工作目标（非约束性）, 无阈值, as every output names it), an area subtotal row after each area
  (分值 = area points, 扣分 = area deduction after the cap, 得分 = area score), then the areas' total, the bonus
  items, the vetoes, the total score with the grade and, when there is one, the change on the previous year.
* 未能评分 (Not scored): the files that could not be scored and why, when there are any.

Past ``split.SPLIT_AT`` counties (``fazhi score --split-at N``) the counties' sheets are not in the workbook:
``write_split`` writes each as a workbook of its own (``county_workbook``) into a folder beside it
(``split.split_folder``, the files named by ``split.county_stems``), and the summary gains a column naming
each one with a relative hyperlink to it.

Every number is written as a number. The workbook is deterministic: no timestamp in any cell, the document
properties dated 2000-01-01 and every zip member dated the same, so the same report gives the same bytes.

The sheets are laid out once (``write_summary``, ``write_county``, ``write_unscored``) and written two ways:
``stream_xlsx`` (what ``fazhi score`` writes) fills ``sheetxml.Sheet``s and writes each as XML when it is done;
``build_workbook`` fills openpyxl worksheets in its normal mode, the reference tests/test_xlsx_writer.py holds
the written workbook to. openpyxl is imported here only; import this module lazily.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from checker import i18n
from checker.outputs import display_name
from checker.score import figures
from checker.score.csv_out import heading as summary_heading
from checker.score.csv_out import num, plain, summary_columns, summary_header, summary_row
from checker.score.model import CohortReport, CountyScore, tr
from checker.score.sheetxml import cell_widths

FIXED_TIME = datetime.datetime(2000, 1, 1)

# Headings and labels of the workbook (the summary columns are in csv_out.HEADINGS).
HEADINGS = {
    "sheet.summary": ("汇总", "Summary"),
    "sheet.unscored": ("未能评分", "Not scored"),
    "sheet.file": ("评分表文件", "Scoring sheet file"),
    "area": ("领域", "Area"),
    "rule": ("规则", "Rule"),
    "item": ("评分项目", "Item"),
    "points": ("分值", "Points"),
    "deduction": ("扣分", "Deduction"),
    "score": ("得分", "Score"),
    "status": ("结论", "Status"),
    "reason": ("扣分原因", "Reason"),
    "basis": ("依据", "Basis"),
    "strength": ("约束力", "Binding force"),
    "file": ("文件", "File"),
    "problem": ("问题", "Problem"),
    "title": (
        "{region}{year}年法治政府建设考核评分表",
        "{region} {year}: rule-of-law government assessment scoring sheet",
    ),
    "subtitle": (
        "评分方案：{scheme}　排名：第 {rank} 名　文件：{file}",
        "Scheme: {scheme} · rank {rank} · file: {file}",
    ),
    "subtotal": ("小计", "Subtotal"),
    "subtotal.capped": (
        "逐项扣分合计 {items} 分，按领域上限扣 {deduction} 分",
        "item deductions total {items}, capped at {deduction} for the area",
    ),
    "subtotal.not_applicable": ("本领域各项均不适用", "no rule of this area applies"),
    "areas_total": ("领域合计", "Areas total"),
    "bonus": ("加分", "Bonus"),
    "bonus_total": ("加分小计", "Bonus total"),
    "bonus.capped": ("加分项合计 {items} 分，封顶 {bonus} 分", "bonus items total {items}, capped at {bonus}"),
    "veto": ("否决事项", "Veto"),
    "veto.no_excellent.effect": ("不得评为优秀等次", "cannot be graded excellent"),
    "veto.lowest.effect": ("直接定为最低等次", "graded lowest"),
    "total": ("总分", "Total"),
    "total.reason": ("领域合计 {base} 分 + 加分 {bonus} 分", "areas total {base} + bonus {bonus}"),
    "total.capped": ("（封顶 {total} 分）", " (capped at {total})"),
    "total.penalty": (
        "基础分 {base} 分 + 加分 {bonus} 分（合计至多 100 分）− 扣分 {penalty} 分",
        "base {base} + bonus {bonus} (at most 100 together) − penalty {penalty}",
    ),
    "satisfaction": ("满意度", "Satisfaction"),
    "satisfaction.read": ("满意度 {value}，按 {points} 分线性折算", "satisfaction {value}, scaled to {points} points"),
    "satisfaction.none": (
        "未报告，未计分；其余得分折算为百分制",
        "not reported, not scored; the rest converted to 100",
    ),
    "base": ("基础分", "Base"),
    "penalty": ("扣分", "Penalty"),
    "penalty_total": ("扣分小计", "Penalty total"),
    "penalty.capped": ("扣分项合计 {items} 分，封顶 {penalty} 分", "penalty items total {items}, capped at {penalty}"),
    "change": ("较上年", "Change"),
    "change.item": ("与 {year} 年比较", "compared with {year}"),
    "change.reason": ("上年总分 {score} 分，等次 {grade}", "previous total {score}, grade {grade}"),
    "change.worse": ("变差的指标：{items}", "indicators that got worse: {items}"),
    "unscored.note": (
        "另有 {n} 个文件未能评分，见“{sheet}”工作表。",
        "{n} file(s) could not be scored: see the sheet “{sheet}”.",
    ),
}

STATUSES = ("pass", "fail", "warn", "not_applicable", "missing", "error", "waived")

COLOURS = {
    "header": "D9E1F2",
    "subtotal": "F2F2F2",
    "total": "FFF2CC",
    "veto": "F8CBAD",
    "red": "C00000",
    "green": "006100",
    "amber": "9C5700",
    "grey": "7F7F7F",
    "subtitle": "595959",
    "link": "0563C1",
}
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
STATUS_FONT = {  # status → (colour, bold)
    "pass": ("green", False),
    "fail": ("red", True),
    "error": ("red", True),
    "warn": ("amber", False),
    "missing": ("amber", False),
    "waived": ("grey", False),
    "not_applicable": ("grey", False),
}
SCORE_FORMAT = figures.NUMBER_FORMAT  # as every output shows a score: 72.25, 90.00 (cells hold the rounded value)
DELTA_FORMAT = figures.SIGNED_FORMAT  # signed: +2.50, -4.25, 0.00
MADE_ROWS = 4_000  # county rows kept laid out for the rest of a workbook (``SheetStyler.made``): ~8 MB at most
MAX_CELL = 32767  # Excel's limit on the characters of a cell
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")


def h(key: str, lang: str, **params) -> str:
    return i18n.word(HEADINGS, key, lang, **params)


def status_text(status: str, lang: str) -> str:
    return i18n.t("status." + status, lang) if status in STATUSES else status


def strength_text(strength: str, lang: str) -> str | None:
    """The binding force as officials name it (法律法规, 中央文件, …); nothing where the item does not say."""
    return i18n.t("strength." + strength, lang) if strength else None


def clean(text) -> str:
    """A text safe for a cell: no control characters openpyxl refuses, within Excel's length limit."""
    return _clean(text if type(text) is str else str(text))


@functools.lru_cache(maxsize=1 << 14)
def _clean(text: str) -> str:
    """``clean``, remembered: most texts (titles, areas, bases, statuses) come back in every county's sheet."""
    text = ILLEGAL_CHARACTERS_RE.sub("", display_name(text))  # a file name's non-UTF-8 bytes as \xNN
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _apply(cell, align, fmt, fill, bold, colour, size, border) -> None:
    """A style set on an openpyxl cell through its descriptors (slow: each style object hashed)."""
    cell.font = Font(bold=bold, color=COLOURS.get(colour, colour), size=size)
    if fill:
        cell.fill = PatternFill("solid", fgColor=COLOURS.get(fill, fill))
    if border:
        cell.border = BORDER
    cell.alignment = {
        "top": Alignment(vertical="top"),
        "wrap": Alignment(vertical="top", wrap_text=True),
        "center": Alignment(horizontal="center", vertical="center"),
        "header": Alignment(horizontal="center", vertical="center", wrap_text=True),
    }[align]
    if fmt:
        cell.number_format = fmt


class _Styles:
    """What the layout code calls to style a cell: ``st(cell, align, fmt, fill, bold, colour, size, border)``;
    each writer of a workbook gives the style of a combination its own way (``_style``)."""

    def __call__(
        self,
        cell,
        align: str = "top",
        fmt: str | None = None,
        fill: str | None = None,
        bold: bool = False,
        colour: str | None = None,
        size: float | None = None,
        border: bool = True,
    ):
        key = (align, fmt, fill, bold, colour, size, border)
        self._style(cell, key)
        return cell

    def _style(self, cell, key: tuple) -> None:
        raise NotImplementedError


class Styler(_Styles):
    """Cell styles of one openpyxl workbook (``build_workbook``), each built once and then copied.

    Setting font, fill, border and alignment through openpyxl's descriptors hashes every style object on every
    cell (seconds for a cohort of a few hundred counties); a style built once per combination and copied as its
    style array is the same result, fast.
    """

    def __init__(self):
        self._cache: dict = {}

    def _style(self, cell, key: tuple) -> None:
        style = self._cache.get(key)
        if style is None:
            _apply(cell, *key)
            self._cache[key] = copy(cell._style)
        else:
            cell._style = copy(style)


class SheetStyler(_Styles):
    """Cell styles of a workbook written by ``sheetxml`` (``stream_xlsx``): the same calls as ``Styler``, each
    style registered once in the stylesheet of an openpyxl ``Workbook`` that is never saved (``book``), a cell
    given the style's number."""

    def __init__(self):
        from openpyxl.cell.cell import Cell

        self.book = Workbook()
        self._cell = Cell
        self._ids: dict = {}
        self._written: tuple[int, bytes] | None = None  # (styles registered, styles.xml) when last written
        self.made: dict = {}  # a county row's content and styles → the row laid out (``write_county``)
        self.seen: set = set()  # the hashes of the rows' contents met once

    def stylesheet(self) -> bytes:
        """``styles.xml`` of the styles registered so far (written again only when one was added since)."""
        if self._written is None or self._written[0] != len(self._ids):
            from checker.score.sheetxml import stylesheet

            self._written = (len(self._ids), stylesheet(self.book))
        return self._written[1]

    def _style(self, cell, key: tuple) -> None:
        style = self._ids.get(key)
        if style is None:
            scratch = self._cell(self.book.active)
            _apply(scratch, *key)
            style = self._ids[key] = scratch.style_id
        cell.style = style


def put(ws, row: int, col: int, value):
    """Write a value: numbers as numbers, texts always as text (never read as a formula)."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return cell
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        cell.value = clean(value)
        cell.data_type = "s"  # a region named "=HYPERLINK(...)" stays text
    else:
        cell.value = value
    return cell


def sheet_name(text: str, taken: set) -> str:
    """A valid, unique sheet name: at most 31 UTF-16 code units (as Excel counts: a character beyond
    U+FFFF is two), none of []:*?/\\, not starting or ending with an apostrophe (also after it is
    cut to length or numbered), no control characters; unique ignoring case as Excel compares them."""
    base = _fit(ILLEGAL_CHARACTERS_RE.sub("", SHEET_FORBIDDEN.sub("", display_name(text))), 31) or "-"
    name, n = base, 1
    while name.casefold() in taken or name.casefold() == "history":  # Excel keeps "History" for itself
        n += 1
        suffix = f" ({n})"
        name = (_fit(base, 31 - len(suffix)) or "-") + suffix
    taken.add(name.casefold())
    return name


def _fit(text: str, units: int) -> str:
    """``text`` cut to ``units`` UTF-16 code units (never inside a pair), without spaces or
    apostrophes at either end."""
    text = _ENDS.sub("", text)[:units]
    while _units(text) > units:
        text = text[:-1]
    return _ENDS.sub("", text)


_ENDS = re.compile(r"^[\s']+|[\s']+$")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def set_widths(ws, first_row: int, caps: dict[int, int], minimum: int = 6) -> None:
    """Column widths from the content at or below ``first_row`` (merged titles above are ignored)."""
    by_row = getattr(ws, "widths_by_row", None)  # a sheetxml.Sheet: rows made once, measured once
    rows = list(
        by_row(first_row, cell_widths)
        if by_row is not None
        else (cell_widths(cells) for cells in ws.iter_rows(min_row=first_row))
    )
    n = max(map(len, rows), default=0)
    rows = [row + (-1,) * (n - len(row)) for row in rows]
    widths = {col: width for col, width in enumerate(map(max, zip(*rows)), 1) if width >= 0}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(width + 2, caps.get(col, 50)))


def header_row(ws, st: Styler, row: int, texts: list[str]) -> None:
    for col, text in enumerate(texts, 1):
        st(put(ws, row, col, text), align="header", fill="header", bold=True)


def title(ws, st: Styler, text: str, ncols: int, row: int = 1, subtitle: bool = False) -> None:
    cell = put(ws, row, 1, text)
    if subtitle:
        st(cell, align="center", colour="subtitle", border=False)
    else:
        st(cell, align="center", bold=True, size=14, border=False)
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)


def print_setup(ws, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


# ---------------------------------------------------------------------------------------------------- summary


def scheme_title(report: CohortReport, lang: str) -> str:
    """The scheme's name, and "（示意方案…）" where its numbers are illustrative: on every sheet with a grade."""
    name = tr(report.scheme_name, lang) or report.scheme
    if not report.illustrative:
        return name
    mark = summary_heading("illustrative", lang)
    return f"{name}（{mark}）" if lang != "en" else f"{name} ({mark})"


def write_summary(ws, st: Styler, report: CohortReport, lang: str, unscored_sheet: str | None, links=None) -> None:
    """The summary sheet; with ``links`` (each county's ``(file name shown, relative URL)``, in ranking order,
    as they are made: a split workbook) one more column names each county's workbook and links to it."""
    links = None if links is None else iter(links)
    header = summary_header(report, lang)
    rows = (summary_row(report, county, lang) for county in report.counties)  # a row at a time: 100,000 or more
    if links is not None:
        header = [*header, h("sheet.file", lang)]
    ncols = len(header)
    title(ws, st, scheme_title(report, lang), ncols)
    header_row(ws, st, 2, header)
    # columns: rank, region, year, total, grade, [category], areas..., [satisfaction], bonus, [penalty], vetoes,
    # delta, previous grade, [scheme], file
    kinds = summary_columns(report)
    score_cols = {
        i for i, k in enumerate(kinds, 1) if k in ("total", "satisfaction", "bonus", "penalty") or k.startswith("area:")
    }
    veto_col, delta_col = kinds.index("vetoes") + 1, kinds.index("delta") + 1
    for r, values in enumerate(rows, 3):
        for col, value in enumerate(values, 1):
            cell = put(ws, r, col, value)
            if col == delta_col:
                st(cell, fmt=DELTA_FORMAT, colour="red" if isinstance(value, float) and value < 0 else None)
            elif col in score_cols:
                st(cell, fmt=SCORE_FORMAT)
            elif col == veto_col and value:
                st(cell, align="wrap", fill="veto")
            else:
                st(cell)
        if links is not None:
            shown, target = next(links)
            cell = put(ws, r, ncols, shown)
            cell.hyperlink = target
            st(cell, colour="link")
    last = 2 + len(report.counties)
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(ncols)}{last}"
    set_widths(ws, 2, {2: 24, veto_col: 40, ncols: 40} if links is None else {2: 24, veto_col: 40, ncols - 1: 40})
    if unscored_sheet:
        st(
            put(ws, last + 2, 1, h("unscored.note", lang, n=len(report.errors), sheet=unscored_sheet)),
            bold=True,
            colour="red",
            border=False,
        )
    if report.illustrative:  # said with the grades: below the table, after any unscored note
        st(
            put(ws, last + (3 if unscored_sheet else 2), 1, tr(report.illustrative, lang)),
            bold=True,
            colour="red",
            border=False,
        )
    print_setup(ws, "2:2")


def write_unscored(ws, st: Styler, report: CohortReport, lang: str) -> None:
    header_row(ws, st, 1, [h("file", lang), h("problem", lang)])
    r = 2
    for err in report.errors:
        for message in err.messages or ("",):
            st(put(ws, r, 1, err.file))
            st(put(ws, r, 2, message), align="wrap")
            r += 1
    ws.freeze_panes = "A2"
    set_widths(ws, 1, {1: 40, 2: 100})


# ---------------------------------------------------------------------------------------------------- county

COLUMNS = ("area", "rule", "item", "points", "deduction", "score", "status", "reason", "basis", "strength")
COL = {key: i for i, key in enumerate(COLUMNS, 1)}
NUMERIC = {"points", "deduction", "score"}
WRAPPED = {"item", "reason", "basis"}


def county_title(county: CountyScore, lang: str) -> str:
    return h("title", lang, region=county.region, year=county.year)


def row_content(values: dict, fill, bold: bool, status, delta: bool) -> tuple:
    """What a county row's cells are made of, as ``SheetStyler.made`` keeps a row laid out: each column's value
    and its type (1 and 1.0 are written alike but measured apart), and the row's styling."""
    shown = tuple(map(values.get, COLUMNS))
    return (shown, tuple(map(type, shown)), fill, bold, status, delta)


def write_county(ws, st: Styler, report: CohortReport, county: CountyScore, lang: str) -> None:
    ncols = len(COLUMNS)
    title(ws, st, county_title(county, lang), ncols)
    title(
        ws,
        st,
        h("subtitle", lang, scheme=scheme_title(report, lang), rank=county.rank, file=county.file),
        ncols,
        row=2,
        subtitle=True,
    )
    header_row(ws, st, 3, [h(key, lang) for key in COLUMNS])
    ws.freeze_panes = "A4"
    row = 4

    made = getattr(st, "made", None)  # rows laid out before, by their content (``SheetStyler``)

    def line(values: dict, fill=None, bold=False, status=None, delta=False) -> None:
        nonlocal row
        if made is not None:
            content = row_content(values, fill, bold, status, delta)
            again = made.get(content)
            if again is not None:
                ws.place(row, again)
                row += 1
                return
        for key in COLUMNS:
            cell = put(ws, row, COL[key], values.get(key))
            colour = None
            cell_bold = bold
            if key == "status" and status in STATUS_FONT:
                colour, status_bold = STATUS_FONT[status]
                cell_bold = bold or status_bold
            fmt = (DELTA_FORMAT if delta and key == "score" else SCORE_FORMAT) if key in NUMERIC else None
            st(cell, align="wrap" if key in WRAPPED else "top", fmt=fmt, fill=fill, bold=cell_bold, colour=colour)
        if made is not None and len(made) < MADE_ROWS:
            seen = st.seen
            if hash(content) in seen:  # kept from its second time: most rows with a reason come once
                laid = ws.made(row, cell_widths)
                if laid is not None:
                    made[content] = laid
            elif len(seen) < MADE_ROWS * 10:
                seen.add(hash(content))
        row += 1

    names = {key: name for key, _code, name, _points in report.areas}
    order = [a.area for a in county.areas]
    order += [i.area for i in county.items if i.area not in order]
    by_area = {a.area: a for a in county.areas}
    for area_key in dict.fromkeys(order):
        area = by_area.get(area_key)
        area_name = tr(area.name, lang) if area else tr(names.get(area_key, {}), lang) or area_key
        items = [i for i in county.items if i.area == area_key]
        for item in items:
            line(
                {
                    "area": area_name,
                    "rule": item.rule,
                    "item": tr(item.title, lang),
                    "deduction": num(item.deduction),
                    "status": status_text(item.status, lang),
                    "reason": tr(item.reason, lang),
                    "basis": item.basis,
                    "strength": strength_text(item.strength, lang),
                },
                status=item.status,
            )
        if area is None:
            continue
        note = None
        items_total = sum(i.deduction for i in items)
        if not area.applicable:
            note = h("subtotal.not_applicable", lang)
        elif items_total > area.deduction + 1e-9:
            note = h("subtotal.capped", lang, items=plain(items_total), deduction=plain(area.deduction))
        line(
            {
                "area": area_name,
                "item": h("subtotal", lang),
                "points": num(area.points),
                "deduction": num(area.deduction),
                "score": num(area.score),
                "status": None if area.applicable else status_text("not_applicable", lang),
                "reason": note,
            },
            fill="subtotal",
            bold=True,
        )

    points = num(sum(a.points for a in county.areas))
    sat = report.satisfaction
    line(
        {
            "area": h("areas_total", lang),
            "points": points,
            "deduction": num(sum(a.deduction for a in county.areas)),
            "score": num(county.base if sat is None else sum(a.score for a in county.areas)),
        },
        fill="subtotal",
        bold=True,
    )
    if sat is not None:
        label, sat_points = sat
        scored = county.satisfaction is not None
        reason = (
            h("satisfaction.read", lang, value=county.satisfaction_value, points=plain(sat_points))
            if county.satisfaction_value is not None
            else h("satisfaction.none", lang)
            if not scored
            else None
        )
        line(
            {
                "area": h("satisfaction", lang),
                "item": tr(label, lang),
                "points": num(sat_points),
                "score": num(county.satisfaction) if scored else None,
                "reason": reason,
            }
        )
        points = num(points + sat_points)
        line({"area": h("base", lang), "points": 100, "score": num(county.base)}, fill="subtotal", bold=True)

    if county.bonus_items or county.bonus:
        for b in county.bonus_items:
            line({"area": h("bonus", lang), "item": tr(b.label, lang), "score": num(b.points)})
        items_total = sum(b.points for b in county.bonus_items)
        note = (
            h("bonus.capped", lang, items=plain(items_total), bonus=plain(county.bonus))
            if items_total > county.bonus + 1e-9
            else None
        )
        line(
            {"area": h("bonus", lang), "item": h("bonus_total", lang), "score": num(county.bonus), "reason": note},
            fill="subtotal",
            bold=True,
        )

    if county.penalty_items or county.penalty:
        for b in county.penalty_items:
            line({"area": h("penalty", lang), "item": tr(b.label, lang), "score": num(-b.points)})
        items_total = sum(b.points for b in county.penalty_items)
        note = (
            h("penalty.capped", lang, items=plain(items_total), penalty=plain(county.penalty))
            if items_total > county.penalty + 1e-9
            else None
        )
        line(
            {
                "area": h("penalty", lang),
                "item": h("penalty_total", lang),
                "score": num(-county.penalty),
                "reason": note,
            },
            fill="subtotal",
            bold=True,
        )

    for v in county.vetoes:
        known = v.kind in ("no_excellent", "lowest")
        line(
            {
                "area": h("veto", lang),
                "rule": v.rule,
                "item": tr(v.label, lang),
                "status": summary_heading("veto." + v.kind, lang) if known else v.kind,
                "reason": h(f"veto.{v.kind}.effect", lang) if known else None,
            },
            fill="veto",
        )

    reason = h("total.reason", lang, base=plain(county.base), bonus=plain(county.bonus)) if county.bonus else None
    if county.penalty:
        reason = h(
            "total.penalty", lang, base=plain(county.base), bonus=plain(county.bonus), penalty=plain(county.penalty)
        )
    elif county.base + county.bonus > county.total + 1e-9:
        reason = (reason or "") + h("total.capped", lang, total=plain(county.total))
    line(
        {
            "area": h("total", lang),
            "points": points,
            "score": num(county.total),
            "status": tr(county.grade_name, lang),
            "reason": reason,
        },
        fill="total",
        bold=True,
    )

    change = county.change
    if change is not None:
        reason = h("change.reason", lang, score=plain(change.previous_score), grade=tr(change.previous_grade, lang))
        if change.worse:
            sep = "; " if lang == "en" else "；"
            worse = sep.join(
                f"{tr(w.name, lang) or w.indicator} {tr(w.shown, lang)[0]} → {tr(w.shown, lang)[1]}"
                for w in change.worse
            )
            reason += ("; " if lang == "en" else "。") + h("change.worse", lang, items=worse)
        line(
            {
                "area": h("change", lang),
                "item": h("change.item", lang, year=change.previous_year),
                "score": num(change.delta),
                "status": tr(change.previous_grade, lang),
                "reason": reason,
            },
            delta=True,
        )

    set_widths(
        ws,
        3,
        {
            COL["area"]: 20,
            COL["rule"]: 12,
            COL["item"]: 36,
            COL["status"]: 12,
            COL["reason"]: 60,
            COL["basis"]: 40,
            COL["strength"]: 20,
        },
    )
    print_setup(ws, "3:3")


# ---------------------------------------------------------------------------------------------------- workbook


def build_workbook(report: CohortReport, lang: str = "zh") -> Workbook:
    """The workbook built by openpyxl in its normal mode, every cell in memory: the reference ``stream_xlsx``'s
    output is held to (tests/test_xlsx_writer.py), not what ``fazhi score`` writes."""
    wb = Workbook()
    st = Styler()
    taken: set = set()
    summary = wb.active
    summary.title = sheet_name(h("sheet.summary", lang), taken)
    unscored_name = sheet_name(h("sheet.unscored", lang), taken) if report.errors else None
    for i, county in enumerate(report.counties, 1):
        ws = wb.create_sheet(sheet_name(f"{county.rank or i} {county.region or '?'} {county.year or ''}", taken))
        write_county(ws, st, report, county, lang)
    if unscored_name:
        write_unscored(wb.create_sheet(unscored_name), st, report, lang)
    write_summary(summary, st, report, lang, unscored_name)
    wb.properties.creator = "fazhi-checker"
    wb.properties.title = tr(report.scheme_name, lang) or report.scheme
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def stream_xlsx(report: CohortReport, lang: str, write) -> None:
    """The scoring workbook given to ``write`` in pieces of bytes: each sheet laid out by the code that lays out
    ``build_workbook``'s, written as XML by ``sheetxml`` into a temporary file as soon as it is done (one
    sheet's cells in memory at a time), then copied out in 1 MB pieces."""
    _stream(report, lang, write, None)


def _stream(report: CohortReport, lang: str, write, links) -> None:
    """``stream_xlsx``; with ``links`` (``write_split``) the counties' sheets left out, the summary linking
    to their workbooks."""
    import tempfile

    from checker.score import sheetxml

    st = SheetStyler()
    taken: set = set()
    with tempfile.TemporaryFile(prefix="fazhi-xlsx-") as tmp:
        book = sheetxml.Book(tmp, FIXED_TIME, threaded=True)
        try:
            summary = sheetxml.Sheet(sheet_name(h("sheet.summary", lang), taken))
            unscored_name = sheet_name(h("sheet.unscored", lang), taken) if report.errors else None
            write_summary(summary, st, report, lang, unscored_name, links)
            book.add(summary)
            for i, county in enumerate(() if links is not None else report.counties, 1):
                name = sheet_name(f"{county.rank or i} {county.region or '?'} {county.year or ''}", taken)
                ws = sheetxml.Sheet(name)
                write_county(ws, st, report, county, lang)
                book.add(ws)
            if unscored_name:
                ws = sheetxml.Sheet(unscored_name)
                write_unscored(ws, st, report, lang)
                book.add(ws)
        except BaseException:
            book.discard()  # the compressing thread ended before the file goes (Ctrl-C, a full disk)
            raise
        book.close(sheetxml.stylesheet(st.book), "fazhi-checker", tr(report.scheme_name, lang) or report.scheme)
        tmp.seek(0)
        for piece in iter(lambda: tmp.read(1 << 20), b""):
            write(piece)


def county_workbook(
    report: CohortReport, county: CountyScore, i: int, lang: str = "zh", st: SheetStyler | None = None
) -> bytes:
    """One county's workbook of a split workbook: its sheet alone, as the whole workbook has it (named as there
    when the cohort has no two of the same name; i: its place in the ranking). Its styles are ``st``'s, shared
    by the counties of a run (registering a style and writing the stylesheet anew took ~16 ms a county): the
    styles of the counties before it and its own."""
    from checker.score import sheetxml

    st = SheetStyler() if st is None else st
    buf = io.BytesIO()
    book = sheetxml.Book(buf, FIXED_TIME)
    ws = sheetxml.Sheet(sheet_name(f"{county.rank or i} {county.region or '?'} {county.year or ''}", set()))
    write_county(ws, st, report, county, lang)
    book.add(ws)
    book.close(st.stylesheet(), "fazhi-checker", county_title(county, lang))
    return buf.getvalue()


def write_split(report: CohortReport, lang: str, write, path: str, files=None):
    """The workbook of ``path`` split (past ``split.SPLIT_AT`` counties: ``fazhi score --split-at``): each
    county's sheet in a workbook of its own in ``split.split_folder(path)``, named as the HTML report's county
    pages are, one county in memory at a time; then the workbook (the summary, each county's row naming and
    linking to its workbook; the files not scored) given to ``write`` in pieces. Returns the folder's files
    (``split.CountyFiles``: ``files`` where given)."""
    import os

    from checker.score.split import CountyFiles, county_stems, link, split_folder

    folder = split_folder(path)
    files = CountyFiles(folder) if files is None else files
    stems = county_stems(report)
    st = SheetStyler()
    for i, (county, stem) in enumerate(zip(report.counties, stems), 1):
        files.write(stem + ".xlsx", county_workbook(report, county, i, lang, st))
    base = os.path.basename(folder)
    _stream(report, lang, write, ((f"{base}/{stem}.xlsx", link(base, stem + ".xlsx", iri=True)) for stem in stems))
    return files


def render_xlsx(report: CohortReport, lang: str = "zh") -> bytes:
    buf = io.BytesIO()
    stream_xlsx(report, lang, buf.write)
    return buf.getvalue()


def write_xlsx(report: CohortReport, path, lang: str = "zh") -> None:
    """Write the scoring workbook to ``path`` (built in memory, then put in place whole: ``outputs.write_file``)."""
    from checker.outputs import write_file

    write_file(path, render_xlsx(report, lang))
