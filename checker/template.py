"""The Excel 填报表 (``fazhi template``, ``fazhi extract -o x.xlsx``): a fill-in workbook generated
from the catalogue and the profile, empty or filled with a submission's figures. A public format,
described in docs/template.md and read back by ``checker.inputs.excel``.

Sheets: 说明 (how to fill it in), 基本信息 (region, code, level, year, publication date: the header
block), then one sheet per area in the catalogue's order, one row per indicator with its key
(指标代码), its Chinese name, its unit, the value to fill (填报值, with data validation fitting the
unit), the source sentence (来源) and a note (备注), whether it must be reported (必报), and what it
means (说明: how a rate is computed, what it is derived from, its aliases, the rules that read it).

The same pack, options and figures give the same bytes: no timestamp in any cell, the document
properties dated 2000-01-01, every zip member dated the same. Text from a submission is written
as text (never read as a formula). openpyxl is imported when a workbook is built, not before
(``about``, what an indicator means, serves the JSON Schema too).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from checker.inputs.excel import FORMAT, INSTRUCTIONS
from checker.inputs.model import LEVELS
from checker.outputs import display_name

FIXED_TIME = dt.datetime(2000, 1, 1)
MAX_CELL = 32767
HEAD_ROW = 3  # the table's header row on every sheet; its rows start below it
COLUMNS = ("key", "name", "unit", "value", "source", "note", "required", "about")
WIDTHS = {"key": 30, "name": 30, "unit": 20, "value": 14, "source": 44, "note": 24, "required": 10, "about": 64}
HEADER_FIELDS = ("region", "region_code", "level", "year", "published_on")
LEVEL_SHOWN = {"county": "县", "city": "市", "district": "区", "township": "乡镇", "department": "部门"}
BEFORE = ("近", "约", "逾", "超过", "大约")  # the words of an approximate figure written before it
APPROX_WORD = {True: "约", "about": "约", "over": "余", "under": "近"}

# key: (zh, en)
WORDS = {
    "title": ("法治政府建设指标填报表", "Rule-of-law government indicators: fill-in workbook"),
    "sheet:header": ("基本信息", "基本信息 Basics"),
    "format": (
        "格式：{format}（docs/template.md）· 适用方案：{profile} · 指标 {count} 项",
        "Format: {format} (docs/template.md) · profile: {profile} · {count} indicators",
    ),
    "col:key": ("指标代码", "指标代码 (key)"),
    "col:name": ("指标名称", "指标名称 (indicator)"),
    "col:field": ("项目", "项目 (field)"),
    "col:unit": ("单位", "单位 (unit)"),
    "col:value": ("填报值", "填报值 (value)"),
    "col:source": ("来源（报告原文）", "来源 (source sentence)"),
    "col:note": ("备注", "备注 (note)"),
    "col:required": ("必报", "必报 (required)"),
    "col:about": ("说明", "说明 (what it means)"),
    "area:title": ("{area}（{code}）", "{area} ({code})"),
    "area:hint": (
        "在“填报值”列填写；不填即未报告。约数写 300余、近20、约15；比率填 0–100 的数（98 或 98%）。"
        "左侧“指标代码”请勿修改；新增指标可在表末另起一行，只填“指标名称”和“填报值”。",
        "Fill in 填报值; leave it empty where not reported. Approximate figures: 300余, 近20, 约15; rates "
        "0–100 (98 or 98%). Do not change 指标代码; to add an indicator, add a row at the end with its "
        "Chinese name and value.",
    ),
    "header:hint": ("先填写本页：地区和年度必填。", "Fill in this sheet first: region and year are required."),
    "required:profile": ("必报", "required"),
    "required:binding": ("约束性", "binding"),
    "required:field": ("必填", "required"),
    "field:region": ("地区", "Region"),
    "field:region_code": ("行政区划代码", "Division code"),
    "field:level": ("层级", "Level"),
    "field:year": ("报告年度", "Year reported on"),
    "field:published_on": ("年度报告公开日期", "Date the annual report was made public"),
    "fieldunit:region": ("文字，如 社旗县", "text, e.g. 社旗县"),
    "fieldunit:region_code": ("6 位数字，如 411327", "6 digits, e.g. 411327"),
    "fieldunit:level": ("从列表选：县、市、区、乡镇、部门", "pick one: 县, 市, 区, 乡镇, 部门"),
    "fieldunit:year": ("四位年份，如 2024", "a year, e.g. 2024"),
    "fieldunit:published_on": ("日期，如 2025-03-25", "a date, e.g. 2025-03-25"),
    "fieldabout:region": ("报送单位所在地区的名称。", "The name of the reporting body's place."),
    "fieldabout:region_code": (
        "国家统计局统一的 6 位行政区划代码（可不填）。",
        "The 6-digit administrative division code (optional).",
    ),
    "fieldabout:level": (
        "报送单位的层级（可不填）；部门报送时有的规则不适用。",
        "The reporting body's level (optional); some rules do not apply to departments.",
    ),
    "fieldabout:year": (
        "报告所述的年度（不是报告发布的年份）。",
        "The year the report is about (not the year it was published).",
    ),
    "fieldabout:published_on": (
        "年度报告向社会公开的日期（可不填）；按时公开的规则据此判断。",
        "When the annual report was made public (optional); the rule on publishing on time reads it.",
    ),
    "unit:count": ("个数：非负整数，如 12；约数写 300余", "a count: a whole number, e.g. 12; approximate: 300余"),
    "unit:percent": ("百分比：0–100 的数，如 98 或 98%", "a percentage: 0–100, e.g. 98 or 98%"),
    "unit:yuan": ("金额（元）：如 429000000 或 4.29亿元", "an amount in yuan: e.g. 429000000 or 4.29亿元"),
    "unit:days": ("天数：非负整数", "days: a whole number"),
    "unit:date": ("日期：如 2025-03-25", "a date: e.g. 2025-03-25"),
    "unit:bool": ("是 / 否", "是 (yes) / 否 (no)"),
    "about:rate": (
        "= {num} ÷ {den} × 100%。两项计数都填了时由工具计算，可不填本项；填了须与计数相符。",
        "= {num} ÷ {den} × 100%. Where both counts are filled in it is computed; if filled in too, it "
        "must agree with them.",
    ),
    "about:rate_else": ("其计数未填时，改用 {num} ÷ {den}。", "Where those counts are not filled in: {num} ÷ {den}."),
    "about:parts": ("= {parts}（各项都填了时由工具计算）。", "= {parts} (computed where every part is filled in)."),
    "about:higher": ("越高越好。", "Higher is better."),
    "about:lower": ("越低越好。", "Lower is better."),
    "about:aliases": ("也可写作：{names}。", "Also written: {names}."),
    "about:rules": ("相关规则：{rules}。", "Rules that read it: {rules}."),
    "about:en": ("英文：{name}。", "{name}."),
    "prompt:title": ("填写说明", "How to fill it in"),
    "error:title": ("请核对", "Please check"),
    "error:count": (
        "应为非负整数。约数（如 300余）可点“是”保留。",
        "A whole number is expected. Keep an approximate figure (300余) by choosing Yes.",
    ),
    "error:percent": (
        "应为 0–100 的数（98 表示 98%）。约数（如 约95）可点“是”保留。",
        "A number 0–100 is expected (98 means 98%). Keep an approximate one (约95) by choosing Yes.",
    ),
    "error:yuan": (
        "应为金额（元）。写作 4.29亿元 的可点“是”保留。",
        "An amount in yuan is expected. Keep 4.29亿元 by choosing Yes.",
    ),
    "error:days": ("应为非负整数（天）。", "A whole number of days is expected."),
    "error:date": ("应为日期，如 2025-03-25。", "A date is expected, e.g. 2025-03-25."),
    "error:bool": ("请从列表中选“是”或“否”。", "Pick 是 (yes) or 否 (no)."),
    "error:year": ("应为 1990–2100 之间的年份。", "A year from 1990 to 2100 is expected."),
    "error:level": ("请从列表中选择。", "Pick one from the list."),
    "steps": (
        ("填写步骤", "How to fill it in"),
        (
            "1. 先填“基本信息”页：地区、报告年度必填；区划代码、层级、公开日期可不填。",
            "1. Start with the 基本信息 sheet: region and year are required; code, level and date are optional.",
        ),
        (
            "2. 各领域一页，每个指标一行：在“填报值”列填写数值；没有的不填（视为未报告）。",
            "2. One sheet per area, one row per indicator: write the figure under 填报值; leave it empty where "
            "there is none (not reported).",
        ),
        (
            "3. 约数照报告原文写：300余、10多、近20、约15、逾100；工具按其含义判断（300余 即 300 以上）。",
            "3. Approximate figures as the report words them: 300余, 10多, 近20, 约15, 逾100; the checker decides on "
            "what they mean (300余: 300 or more).",
        ),
        (
            "4. 比率填 0–100 的数：98 或 98% 都表示百分之九十八；比率可不填，只填分子、分母两个计数，由工具计算。",
            "4. Rates are 0–100: 98 and 98% both mean ninety-eight per cent; a rate may be left out and its two "
            "counts filled in instead: the checker computes it.",
        ),
        (
            "5. 金额以元为单位，也可写 4.29亿元、696万元；日期写 2025-03-25；是否类填“是”或“否”。",
            "5. Amounts in yuan, or 4.29亿元, 696万元; dates as 2025-03-25; yes/no items 是 or 否.",
        ),
        (
            "6. “来源”列抄录报告中给出该数值的原句，便于核对；“备注”列写口径说明。",
            "6. Under 来源, copy the report's sentence that gives the figure; under 备注, any note on its scope.",
        ),
        (
            "7. 请勿修改“指标代码”列，勿合并单元格；公式可以用，但须在 Excel/WPS 中保存过（工具读取保存的计算结果）。",
            "7. Do not change 指标代码 or merge cells; formulas work once saved in Excel or WPS (the saved results "
            "are read).",
        ),
        (
            "8. 表中没有的指标：在该领域表末另起一行，填“指标名称”（与指标目录中的中文名一致）和“填报值”。",
            "8. An indicator not listed: add a row at the end of its area's sheet with its Chinese name and value.",
        ),
        (
            "9. 填好后核查：fazhi check 填报表.xlsx；生成报告：fazhi check 填报表.xlsx --html 报告.html",
            "9. Check it: fazhi check 填报表.xlsx; a report: fazhi check 填报表.xlsx --html report.html",
        ),
        (
            "“必报”列：必报 = 适用方案要求报告；约束性 = 约束性规则（法律法规、中央文件等）要用到。",
            "必报 column: required = the profile requires it; binding = a binding rule (law, central document …) reads it.",
        ),
    ),
}

FILLS = {"head": "D9E1F2", "input": "FFF9DB", "title": "0B3D6B"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")


def w(key: str, lang: str, **params) -> str:
    zh, en = WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def template_bytes(pack, header: dict | None = None, lang: str = "zh", entries: dict | None = None) -> bytes:
    """The workbook's bytes: for ``pack``'s catalogue and profile, the header block filled from
    ``header`` (region, region_code, level, year, published_on) and the values of ``entries``
    ({indicator key: value, or {value, approx, source, note}}, as a flat submission gives them)."""
    buf = io.BytesIO()
    build_workbook(pack, header or {}, lang, entries or {}).save(buf)
    return stable(buf.getvalue())


def build_workbook(pack, header: dict, lang: str, entries: dict):
    from openpyxl import Workbook

    cat = pack.catalogue
    wb = Workbook()
    styles = Styles()
    listed = [ind for ind in cat.indicators.values() if not ind.field]
    _instructions(wb.active, styles, pack, lang, len(listed))
    _header_sheet(wb.create_sheet(_sheet_name(w("sheet:header", lang))), styles, header, lang)
    readers_of = readers(pack)
    required, binding = set(pack.required), set(pack.requiring_complete().required)
    taken = {INSTRUCTIONS.casefold(), w("sheet:header", lang).casefold()}
    for area_key, area in cat.areas.items():
        rows = [ind for ind in listed if ind.area == area_key]
        rows += [
            cat.indicators[k]
            for k in entries
            if k in cat.indicators and cat.indicators[k].field and cat.indicators[k].area == area_key
        ]  # a field's indicator given as an indicator
        if not rows:
            continue
        name = _sheet_name(area.name(lang), taken)
        ws = wb.create_sheet(name)
        _area_sheet(ws, styles, cat, area, rows, lang, entries, readers_of, required, binding)
    props = wb.properties
    props.creator = "fazhi-checker"
    props.title = w("title", lang)
    props.keywords = FORMAT
    props.subject = pack.profile
    props.created = props.modified = FIXED_TIME
    return wb


def stable(data: bytes) -> bytes:
    """Re-pack the archive with fixed member dates and a fixed modification date (openpyxl stamps "now")."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", body
                )
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0
            dst.writestr(member, body)
    return out.getvalue()


# ---- cells and styles ----------------------------------------------------------------------------------


class Styles:
    """Each cell style built once, copied onto the cells that have it."""

    def __init__(self):
        self.cache: dict = {}

    def __call__(self, cell, kind: str):
        style = self.cache.get(kind)
        if style is not None:
            cell._style = style.__copy__()  # noqa: SLF001 - openpyxl's style array, copied as a whole
            return cell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="BFBFBF")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        wrap = Alignment(vertical="top", wrap_text=True)
        if kind == "title":
            cell.font = Font(bold=True, size=14, color=FILLS["title"])
        elif kind == "hint":
            cell.font = Font(color="595959")
        elif kind == "head":
            cell.font, cell.fill, cell.border = Font(bold=True), PatternFill("solid", fgColor=FILLS["head"]), border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif kind == "key":
            cell.font, cell.border, cell.alignment = Font(color="7F7F7F", size=9), border, wrap
        elif kind in ("input", "input_date", "input_text"):
            cell.fill, cell.border = PatternFill("solid", fgColor=FILLS["input"]), border
            cell.alignment = Alignment(vertical="top", horizontal="left", wrap_text=True)
            cell.number_format = {"input": "General", "input_date": "yyyy-mm-dd", "input_text": "@"}[kind]
        elif kind == "step":
            cell.alignment = wrap
        else:  # a plain cell of the table
            cell.border, cell.alignment = border, wrap
        self.cache[kind] = cell._style.__copy__()  # noqa: SLF001
        return cell


def put(ws, row: int, col: int, value, styles: Styles | None = None, kind: str = "plain"):
    """A value in a cell: numbers, dates and yes/no as themselves, any text as text (a source that
    begins with ``=`` is never a formula)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = ws.cell(row=row, column=col)
    if value is not None and value != "":
        if isinstance(value, (bool, int, float, dt.date)):
            cell.value = value
        else:
            text = ILLEGAL_CHARACTERS_RE.sub("", display_name(str(value)))
            cell.value = text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
            cell.data_type = "s"
    if styles is not None:
        styles(cell, kind)
    return cell


def _sheet_name(text: str, taken: set | None = None) -> str:
    """At most 31 characters, none Excel refuses, unique ignoring case."""
    base = _SHEET_FORBIDDEN.sub("", text).strip(" '")[:31] or "-"
    name, n = base, 1
    while taken is not None and name.casefold() in taken:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    if taken is not None:
        taken.add(name.casefold())
    return name


def _table_head(ws, styles, lang: str, name_col: str = "col:name") -> None:
    for col, kind in enumerate(COLUMNS, 1):
        label = w(name_col if kind == "name" else f"col:{kind}", lang)
        put(ws, HEAD_ROW, col, label, styles, "head")
        ws.column_dimensions[_letter(col)].width = WIDTHS[kind]
    ws.freeze_panes = ws.cell(row=HEAD_ROW + 1, column=COLUMNS.index("value") + 1).coordinate
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"


def _letter(col: int) -> str:
    from checker.errors import column_letters

    return column_letters(col)


# ---- the sheets ----------------------------------------------------------------------------------------


def _instructions(ws, styles, pack, lang: str, count: int) -> None:
    ws.title = INSTRUCTIONS
    put(ws, 1, 1, w("title", lang), styles, "title")
    put(ws, 2, 1, w("format", lang, format=FORMAT, profile=pack.profile, count=count), styles, "hint")
    for i, pair in enumerate(WORDS["steps"]):
        put(ws, 4 + i, 1, pair[1] if lang == "en" else pair[0], styles, "title" if i == 0 else "step")
    ws.column_dimensions["A"].width = 120


def _header_sheet(ws, styles, header: dict, lang: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    put(ws, 1, 1, w("title", lang), styles, "title")
    put(ws, 2, 1, w("header:hint", lang), styles, "hint")
    _table_head(ws, styles, lang, "col:field")
    validations = {}
    for i, field in enumerate(HEADER_FIELDS):
        row = HEAD_ROW + 1 + i
        value = header.get(field)
        if field == "level" and value in LEVEL_SHOWN:
            value = LEVEL_SHOWN[value]
        put(ws, row, 1, field, styles, "key")
        put(ws, row, 2, w(f"field:{field}", lang), styles)
        put(ws, row, 3, w(f"fieldunit:{field}", lang), styles)
        kind = {"published_on": "input_date", "region_code": "input_text"}.get(field, "input")
        put(ws, row, 4, value, styles, kind)
        for col in (5, 6):
            put(ws, row, col, None, styles)
        put(ws, row, 7, w("required:field", lang) if field in ("region", "year") else "", styles)
        put(ws, row, 8, w(f"fieldabout:{field}", lang), styles)
        validations[field] = f"D{row}"
    year = DataValidation(
        type="whole",
        operator="between",
        formula1="1990",
        formula2="2100",
        errorStyle="stop",
        error=w("error:year", lang),
        errorTitle=w("error:title", lang),
    )
    level_words = ",".join(dict.fromkeys(LEVEL_SHOWN[x] for x in LEVELS))
    level = DataValidation(
        type="list",
        formula1=f'"{level_words}"',
        errorStyle="warning",
        error=w("error:level", lang),
        errorTitle=w("error:title", lang),
    )
    date = DataValidation(
        type="date",
        operator="between",
        formula1="32874",
        formula2="73415",
        errorStyle="warning",
        error=w("error:date", lang),
        errorTitle=w("error:title", lang),
    )  # 1990-01-01 … 2100-12-31
    for dv, field in ((year, "year"), (level, "level"), (date, "published_on")):
        dv.add(validations[field])
        ws.add_data_validation(dv)


def _area_sheet(ws, styles, cat, area, rows, lang, entries, readers_of, required, binding) -> None:
    put(ws, 1, 1, w("area:title", lang, area=area.name(lang), code=area.code), styles, "title")
    put(ws, 2, 1, w("area:hint", lang), styles, "hint")
    _table_head(ws, styles, lang)
    by_unit: dict = {}
    for i, ind in enumerate(rows):
        row = HEAD_ROW + 1 + i
        entry = entries.get(ind.key)
        value, source, note = _cells_of(entry, ind.unit)
        put(ws, row, 1, ind.key, styles, "key")
        put(ws, row, 2, ind.name(lang), styles)
        put(ws, row, 3, w(f"unit:{ind.unit}", lang), styles)
        put(ws, row, 4, value, styles, "input_date" if ind.unit == "date" else "input")
        put(ws, row, 5, source, styles, "input")
        put(ws, row, 6, note, styles, "input")
        mark = "required:profile" if ind.key in required else ("required:binding" if ind.key in binding else None)
        put(ws, row, 7, w(mark, lang) if mark else "", styles)
        put(ws, row, 8, about(ind, cat, lang, readers_of.get(ind.key, ())), styles)
        by_unit.setdefault(ind.unit, []).append(f"D{row}")
    for unit, cells in by_unit.items():
        dv = _validation(unit, lang)
        for cell in cells:
            dv.add(cell)
        ws.add_data_validation(dv)


def _validation(unit: str, lang: str):
    """The data validation fitting a unit: a warning, never a refusal (300余 and 4.29亿元 are
    figures too, and the checker reads them)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    common = {
        "errorStyle": "warning",
        "errorTitle": w("error:title", lang),
        "error": w(f"error:{unit}", lang),
        "promptTitle": w("prompt:title", lang),
        "prompt": w(f"unit:{unit}", lang),
        "showInputMessage": True,
        "showErrorMessage": True,
    }
    if unit in ("count", "days"):
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", **common)
    if unit == "percent":
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="100", **common)
    if unit == "yuan":
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", **common)
    if unit == "date":
        return DataValidation(type="date", operator="between", formula1="32874", formula2="73415", **common)
    return DataValidation(type="list", formula1='"是,否"', **common)


def about(ind, cat, lang: str, rules=()) -> str:
    """What an indicator means, from the catalogue: how it is computed, which way it improves, its
    other names, the rules that read it."""
    name = lambda key: cat.indicators[key].name(lang) if key in cat.indicators else key  # noqa: E731
    parts = []
    if ind.derive:
        parts.append(w("about:rate", lang, num=name(ind.derive[0]), den=name(ind.derive[1])))
        parts += [w("about:rate_else", lang, num=name(n), den=name(d)) for n, d in ind.derive_else]
    if ind.parts:
        sign = lambda s: " + " if s > 0 else " − "  # noqa: E731
        text = name(ind.parts[0][1]) + "".join(sign(s) + name(k) for s, k in ind.parts[1:])
        parts.append(w("about:parts", lang, parts=text))
    if ind.better:
        parts.append(w(f"about:{ind.better}", lang))
    names = [n for n in (ind.zh, *ind.aliases) if n != ind.name(lang)]
    if names:
        parts.append(w("about:aliases", lang, names="、".join(names)))
    if rules:
        parts.append(w("about:rules", lang, rules="、".join(rules)))
    if lang != "en":
        parts.append(w("about:en", lang, name=ind.en))
    return "".join(parts) if lang != "en" else " ".join(parts)


def readers(pack) -> dict:
    """{indicator key: ids of the rules in force that read it}."""
    from checker.pack.rules import indicators_read

    found: dict = {}
    for rule in pack.rules:
        for key in dict.fromkeys(indicators_read(rule)):
            found.setdefault(key, []).append(rule.id)
    return found


def _cells_of(entry, unit: str) -> tuple:
    """(value, source, note) of an entry as the workbook holds them: an approximate figure with its
    word (300余, 约15, 近20), yes and no as 是 and 否."""
    if entry is None:
        return None, None, None
    source = note = approx = None
    value = entry
    if isinstance(entry, dict):
        value, approx = entry.get("value"), entry.get("approx")
        source, note = entry.get("source"), entry.get("note")
    if isinstance(value, bool):
        value = "是" if value else "否"
    elif isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) and value.tzinfo is None else value.isoformat()
    if approx not in (None, False):
        value = with_word(value, approx)
    return value, source, note


def with_word(value, approx) -> str | object:
    """An approximate figure as written: ``approx`` a word (余, 多, 近, 约, …) or true (约)."""
    word = approx if isinstance(approx, str) else APPROX_WORD.get(approx, "约")
    text = _number_text(value)
    if text is None:
        return value
    if any(text.startswith(b) for b in BEFORE) or re.search(r"\d(余|多)", text):
        return text  # the word is written already
    if word in BEFORE:
        return word + text
    m = re.match(r"^([0-9][0-9,]*(?:\.[0-9]+)?)(.*)$", text)
    return f"{m.group(1)}{word}{m.group(2)}" if m else text


def _number_text(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value if isinstance(value, str) else None
