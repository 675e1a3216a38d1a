"""A submission filled in an Excel workbook (the 填报表 ``fazhi template`` writes; docs/template.md)
read into the model, with the same diagnostics as the same figures in YAML, each at its cell.

The workbook is read with openpyxl in read-only mode, twice: once for what each cell holds (a
formula, or a value) and once for the results Excel saved with the formulas. Every sheet with a
table is read; a table is found by its header row (``指标代码`` and ``填报值``, within the first
``HEAD_ROWS`` rows), its columns by their headers, so that a column or a row added, moved or
removed does not lose a figure. A row is an indicator by its key (``指标代码``), or, in a row a user
added, by the Chinese name written in ``指标名称`` (a name the catalogue does not know gets "did you
mean"). An empty ``填报值`` is an indicator not reported. Rows whose key is a top-level field
(``region``, ``year`` …: the sheet 基本信息) give those fields.

What the reader builds is the mapping a YAML file would give (``yamlpos.YMap``), every place a
cell (``errors.Row`` and the column's number), and ``structured.build`` reads it: one set of
checks for every format. What only a workbook can hold is said here, at its cell: a formula
without a saved result, an error value (#DIV/0!), a value merged over several rows, a value with
no indicator, a row nothing is read from, a hidden sheet, a sheet with no table, a key given
twice. A percentage typed as 98% (which Excel keeps as 0.98) is read as 98.

Nothing in a workbook is run: no formula is computed, no macro, no link followed. The archive is
checked before openpyxl reads it: its size, its members' sizes (a zip bomb), encryption, and any
document type declaration in its XML (entities) are refused.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from checker.errors import Diagnostic, Row, cell_name
from checker.inputfile import TooLarge, read_capped
from checker.inputs.model import TOP_FIELDS, Submission
from checker.yamlpos import YMap

FORMAT = "fazhi-template/1"  # the workbook format's name and version (its keywords property)
MAX_BYTES = 20 * 1024 * 1024  # the workbook file
MAX_UNPACKED = 100 * 1024 * 1024  # all its members, uncompressed
MAX_SHEETS = 60
MAX_ROWS = 5000  # read in a sheet; a row past it with anything in it is said
MAX_COLUMNS = 40
HEAD_ROWS = 12  # the header row is one of the first this many
CHUNK = 1 << 16
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls, or a workbook encrypted with a password

# the table's columns, by the header's first words (what follows a bracket or a line break is
# explanation: "来源（报告原文）", "指标代码 (key)")
KEY, NAME, VALUE, SOURCE, NOTE = "key", "name", "value", "source", "note"
HEADERS = {"指标代码": KEY, "指标名称": NAME, "项目": NAME, "填报值": VALUE, "来源": SOURCE, "备注": NOTE}
INSTRUCTIONS = "说明"  # the sheet of instructions: no table, read from nowhere
# the level as a county writes it (the template's list), and the submission's word for it
LEVEL_WORDS = {
    "县": "county",
    "县级": "county",
    "市": "city",
    "市级": "city",
    "区": "district",
    "市辖区": "district",
    "乡镇": "township",
    "乡": "township",
    "镇": "township",
    "街道": "township",
    "部门": "department",
}
ERROR_VALUES = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#UNKNOWN!",
    "#CONNECT!",
    "#BUSY!",
    "#PYTHON!",
)
_BRACKET = re.compile(r"[（(\n].*", re.S)
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class WorkbookProblem(Exception):
    """The file cannot be read as a workbook: an i18n code and its parameters."""

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code)
        self.code, self.params = code, params or {}


def read_workbook(path: str | Path, cat) -> Submission:
    """The submission a workbook holds, every problem located at its sheet and cell."""
    from checker.inputs.structured import build

    sub = Submission(str(path))
    doc = read_document(path, cat, sub.diagnostics)
    if doc is None:
        return sub
    sub = build(doc, sub, cat)
    return sub


def read_document(path: str | Path, cat, diags: list) -> YMap | None:
    """The workbook as the mapping a YAML submission would be (flat ``indicators``), or None after
    saying why it cannot be read."""
    file = str(path)
    try:
        data = read_capped(path, MAX_BYTES)
    except TooLarge as exc:
        diags.append(exc.diagnostic(file))
        return None
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", file, None, None, {"reason": exc.strerror or str(exc)}))
        return None
    try:
        merged = _inspect(data)
        formulas, values = _open(data, FORMULAS in merged)
    except WorkbookProblem as exc:
        diags.append(Diagnostic(exc.code, file, None, None, exc.params))
        return None
    try:
        return _Reader(file, cat, diags, merged).read(formulas, values)
    finally:
        formulas.close()
        if values is not formulas:
            values.close()


def written_by_fazhi(path: str) -> bool:
    """Is the workbook at ``path`` one fazhi-checker wrote that is not a 填报表 (a scoring workbook,
    a county's report)? Read from its properties only; a file that cannot be read is not."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 65536:
                return False
            core = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError, NotImplementedError):
        return False
    return b"<dc:creator>fazhi-checker</dc:creator>" in core and FORMAT.encode() not in core


# ---- the archive, before openpyxl reads it -------------------------------------------------------------

FORMULAS = "formulas"  # in what _inspect returns: some worksheet holds a formula


def _inspect(data: bytes) -> dict:
    """Refuse what openpyxl should never be given; {sheet part: merged ranges} of every worksheet,
    and FORMULAS where any has a formula (only then is the workbook read a second time, for the
    results Excel saved: the common workbook, typed in, is read once)."""
    if data.startswith(OLE):
        raise WorkbookProblem("xlsx.ole")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookProblem("xlsx.not_zip")
    merged: dict = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                raise WorkbookProblem("xlsx.too_large", {"limit": MAX_UNPACKED})
            for info in members:
                if info.flag_bits & 0x1:
                    raise WorkbookProblem("xlsx.encrypted")
                name = info.filename
                if name.endswith((".xml", ".rels", ".vml")):
                    ranges, formulas = _xml_member(archive, info, name.startswith("xl/worksheets/"))
                    if ranges:
                        merged[name] = ranges
                    if formulas:
                        merged[FORMULAS] = True
    except WorkbookProblem:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise WorkbookProblem("xlsx.unreadable", {"reason": str(exc)[:100]}) from None
    return merged


def _xml_member(archive, info, sheet: bool) -> tuple[list, bool]:
    """Check one XML member: no document type declaration (and so no entity) anywhere in it; of a
    worksheet, the merged ranges it declares (``mergeCell ref=``) and whether it holds a formula
    (``f``), else only its prolog is read."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    ranges: list = []
    formula = []

    class _Done(Exception):
        pass

    def refuse(*_):
        raise WorkbookProblem("xlsx.doctype", {"member": info.filename})

    def start(tag, attrs):
        if not sheet:
            raise _Done
        local = tag.rpartition(":")[2]
        if local == "mergeCell" and "ref" in attrs:
            ranges.append(attrs["ref"])
        elif local == "f" and not formula:
            formula.append(True)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(CHUNK)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
    except _Done:
        pass
    except expat.ExpatError as exc:
        raise WorkbookProblem("xlsx.unreadable", {"reason": f"{info.filename}: {exc}"[:100]}) from None
    return ranges, bool(formula)


def _open(data: bytes, twice: bool = True):
    """The workbook read (read-only) as written (formulas), and, where ``twice``, again with the values
    Excel saved (without a formula the two are one: the same workbook is returned for both)."""
    import warnings

    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a dependency of the package
        raise WorkbookProblem("xlsx.no_openpyxl") from None
    books = []
    try:
        with warnings.catch_warnings():  # "data validation extension not supported" and the like
            warnings.simplefilter("ignore")
            for data_only in (False, True) if twice else (False,):
                books.append(load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False))
    except Exception as exc:  # noqa: BLE001 - openpyxl raises what its parts raise (KeyError, TypeError, ...)
        for book in books:
            book.close()
        raise WorkbookProblem("xlsx.unreadable", {"reason": f"{type(exc).__name__}: {exc}"[:100]}) from None
    return books[0], books[-1]


# ---- the sheets ----------------------------------------------------------------------------------------


class _Reader:
    """One workbook's tables read into a YMap, what only a workbook can hold said in ``diags``."""

    def __init__(self, file: str, cat, diags: list, merged: dict):
        self.file, self.cat, self.diags, self.merged = file, cat, diags, merged
        self.top: dict = {}  # field -> (value, written, key place, value place)
        self.rows: dict = {}  # key as written -> (value or YMap, written, key place, value place)
        self.first: dict = {}  # indicator key (or name not known) -> the cell it was first given at
        self.anchor = None  # the first table's header: where "indicators" stands
        self.tables = 0

    def say(self, code: str, line=None, column=None, params=None, severity: str = "error") -> None:
        self.diags.append(Diagnostic(code, self.file, line, column, params or {}, severity))

    def read(self, formulas, values) -> YMap | None:
        saved = values.worksheets if values is not formulas else [None] * len(formulas.worksheets)
        sheets = list(zip(formulas.worksheets, saved))
        if len(sheets) > MAX_SHEETS:
            self.say("xlsx.too_many_sheets", params={"count": len(sheets), "limit": MAX_SHEETS})
            sheets = sheets[:MAX_SHEETS]
        for ws, wv in sheets:
            self._sheet(ws, wv)
        if not self.tables:
            self.say("xlsx.no_table")
            return None
        return self._document()

    def _sheet(self, ws, wv) -> None:
        title = ws.title
        rows = ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
        rows = (
            zip(rows, wv.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS))
            if wv is not None
            else ((cells, cells) for cells in rows)
        )  # no formula anywhere: what is written is what is saved
        columns, head, filled = None, 0, False
        for number, (cells, saved) in enumerate(rows, 1):
            if number > MAX_ROWS:
                if any(_blank(c.value) is False for c in cells):
                    self.say("xlsx.too_many_rows", Row(number, title), 1, {"sheet": title, "limit": MAX_ROWS})
                break
            if columns is None:
                filled = filled or any(not _blank(c.value) for c in cells)
                if number <= HEAD_ROWS:
                    columns = self._header(cells, title, number)
                    head = number if columns else 0
                continue
            self._row(title, number, columns, cells, saved)
        hidden = getattr(ws, "sheet_state", "visible") != "visible"
        if columns is None:
            if filled and title != INSTRUCTIONS:
                self.say("xlsx.no_header", Row(1, title), 1, {"sheet": title}, "note")
            return
        self.tables += 1
        if self.anchor is None:
            self.anchor = (Row(head, title), min(columns.values()))
        if hidden:
            self.say("xlsx.hidden_sheet", Row(1, title), 1, {"sheet": title}, "note")
        self._merges(ws, title, head, columns)

    def _header(self, cells, title: str, number: int) -> dict | None:
        """{column kind: column number} where this row is the table's header row, else None."""
        found: dict = {}
        for index, cell in enumerate(cells, 1):
            value = cell.value
            if not isinstance(value, str):
                continue
            kind = HEADERS.get(_BRACKET.sub("", value).strip())
            if kind is not None and kind not in found:
                found[kind] = index
        if KEY not in found or VALUE not in found:
            return None
        return found

    def _merges(self, ws, title: str, head: int, columns: dict) -> None:
        """A merged range over several rows of the table's columns: its value would be read for the
        first row only, and the others as not reported."""
        read = set(columns.values())
        for ref in self.merged.get(_part(ws), ()):
            bounds = _bounds(ref)
            if bounds is None:
                continue
            (c1, r1), (c2, r2) = bounds
            if r2 > r1 and r2 > head and any(c1 <= c <= c2 for c in read):
                self.say("xlsx.merged", Row(max(r1, head + 1), title), c1, {"range": ref, "sheet": title})

    def _row(self, title: str, number: int, columns: dict, cells, saved) -> None:
        here = Row(number, title)

        def cell(kind):
            index = columns.get(kind)
            return (cells[index - 1], saved[index - 1], (here, index)) if index else (None, None, None)

        key_cell, _, key_at = cell(KEY)
        name_cell, _, name_at = cell(NAME)
        key = _text(key_cell.value if key_cell is not None else None)
        name = _text(name_cell.value if name_cell is not None else None)
        parts = {}
        for kind in (VALUE, SOURCE, NOTE):
            raw, kept, at = cell(kind)
            if raw is not None:
                parts[kind] = self._cell(raw, kept, at, key or name)
        given = {kind: part for kind, part in parts.items() if part is not None}
        if key is None and name is None:
            if VALUE in given:
                self.say("xlsx.no_key", *parts[VALUE][2], {"sheet": title})
            elif given or any(not _blank(c.value) for c in cells):
                self.say("xlsx.row_ignored", here, 1, {"row": number, "sheet": title}, "note")
            return
        written, at = (key, key_at) if key is not None else (name, name_at)
        if written in TOP_FIELDS and written != "indicators":
            if VALUE in given:
                value, text, place = given[VALUE]
                self.top.setdefault(written, (self._field(written, value), text, at, place))
            else:
                self.top.setdefault(written, (None, None, at, cell(VALUE)[2] or at))
            return
        if not given:
            return  # not reported
        resolved = self.cat.resolve(written) or written
        if resolved in self.first:
            self.say("xlsx.duplicate", *at, {"name": written, "first": cell_name(*self.first[resolved])})
            return
        self.first[resolved] = at
        if resolved in self.cat.indicators and self.cat.indicators[resolved].unit == "bool" and VALUE in given:
            value, text, place = given[VALUE]
            if isinstance(value, str) and value.strip() in ("是", "否"):  # the template's own words for yes and no
                given[VALUE] = (value.strip() == "是", None, place)
        self.rows[written] = (given, at, (here, columns[VALUE]))

    def _cell(self, raw, kept, at, key) -> tuple | None:
        """(value, its text as written where YAML would keep one, its place) of one cell; None for an
        empty cell, or a cell whose problem is said here (it is then read as given but unreadable)."""
        value = raw.value
        if isinstance(value, str) and value.startswith("=") and raw.data_type == "f" or _is_formula(value):
            formula = value if isinstance(value, str) else (getattr(value, "text", None) or "=…")
            result = kept.value if kept is not None else None
            if _blank(result):
                self.say("xlsx.formula_no_value", *at, {"formula": formula[:60], "key": key or ""})
                return None, None, at
            if not (isinstance(result, str) and (kept.data_type == "e" or result in ERROR_VALUES)):
                self.say(
                    "xlsx.formula",
                    *at,
                    {"formula": formula[:60], "value": _shown(result)[:60], "key": key or ""},
                    "note",
                )
            raw, value = kept, result
        if isinstance(value, str) and (raw.data_type == "e" or value in ERROR_VALUES):
            self.say("xlsx.error_value", *at, {"raw": value, "key": key or ""})
            return None, None, at
        if _blank(value):
            return None
        if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
            return value.date(), None, at  # a date: Excel keeps every date as a date and time
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if _percent_format(getattr(raw, "number_format", None)):
                return self._percent(value, key, at)
            if isinstance(value, float):
                return value, repr(value), at
        return value, None, at

    def _percent(self, value, key, at) -> tuple:
        """A number shown as a percentage (98% typed, 0.98 kept): 98 for a rate; "98%" as written
        for an indicator of another unit, which says it is not a percentage."""
        try:
            hundred = (Decimal(repr(value)) * 100).normalize()
        except InvalidOperation:
            return value, repr(value), at
        text = format(hundred, "f")
        ind = self.cat.indicators.get(self.cat.resolve(key) or "") if key else None
        if ind is not None and ind.unit == "percent":
            number = int(hundred) if hundred == hundred.to_integral_value() else float(text)
            return number, (text if isinstance(number, float) else None), at
        return f"{text}%", None, at

    def _field(self, name: str, value):
        """A top-level field as YAML would hold it: the level's Chinese word as its key, a year or a
        code typed as text (or as a number with a fraction of nothing) as what it says."""
        if name == "level" and isinstance(value, str):
            return LEVEL_WORDS.get(value.strip(), value.strip())
        if name in ("year", "region_code"):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if name == "year" and isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
                return int(value.strip())
            if name == "region_code" and isinstance(value, int) and not isinstance(value, bool):
                return str(value)
        if name == "region" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value

    def _document(self) -> YMap:
        line, col = self.anchor
        root = YMap(line, col)
        for name in TOP_FIELDS:
            if name in self.top:
                value, text, key_at, value_at = self.top[name]
                _put(root, name, value, text, key_at, value_at)
        block = YMap(line, col)
        for written, (given, key_at, value_at) in self.rows.items():
            if SOURCE in given or NOTE in given:
                entry = YMap(*value_at)
                for kind in (VALUE, SOURCE, NOTE):
                    if kind in given:
                        value, text, at = given[kind]
                        if kind != VALUE and value is not None and not isinstance(value, str):
                            value = _shown(value)  # a number or a date typed as a note: its text
                        _put(entry, kind, value, text, at, at)
                _put(block, written, entry, None, key_at, value_at)
            else:
                value, text, at = given[VALUE]
                _put(block, written, value, text, key_at, at)
        _put(root, "indicators", block, None, (line, col), (line, col))
        return root


def _put(mapping: YMap, key, value, text, key_at, value_at) -> None:
    mapping[key] = value
    mapping.key_pos[key] = tuple(key_at)
    mapping.val_pos[key] = tuple(value_at)
    if text is not None:
        mapping.text[key] = text


def _blank(value) -> bool:
    return value is None or isinstance(value, str) and not value.strip()


def _text(value) -> str | None:
    """A key or a name as written in its cell (a number as its digits), None where empty."""
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value.strip() if isinstance(value, str) else str(value)


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _is_formula(value) -> bool:
    """An array or data-table formula (openpyxl's objects for them)."""
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _percent_format(fmt) -> bool:
    return isinstance(fmt, str) and "%" in _QUOTED.sub("", fmt)


def _part(ws) -> str:
    """The worksheet's part in the archive (``xl/worksheets/sheet1.xml``)."""
    path = getattr(ws, "_worksheet_path", "") or ""
    return path.lstrip("/")


_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})\Z")


def _bounds(ref: str):
    """((column, row), (column, row)) of a range such as ``D5:D7``; None for anything else."""
    first, _, last = ref.partition(":")
    corners = []
    for part in (first, last or first):
        m = _REF.match(part.strip().upper())
        if not m:
            return None
        column = 0
        for letter in m.group(1):
            column = column * 26 + ord(letter) - 64
        corners.append((column, int(m.group(2))))
    return tuple(corners)
