"""The workbook ``fazhi score --xlsx`` writes (``stream_xlsx``: sheets written as XML by checker/score/sheetxml.py)
held equal to the same workbook built by openpyxl in its normal mode (``build_workbook``), on the goldens'
generated cohort (tests/goldens/regen.py: 30 files, a previous year, one broken file) in both languages: every
sheet and cell (value, data type, number format, font, fill, border, alignment), and per sheet its merged cells,
column widths, frozen panes, auto filter and print settings, and the document properties."""

from __future__ import annotations

import io
import sys
import zipfile
from copy import copy
from pathlib import Path
from xml.etree import ElementTree

import pytest

openpyxl = pytest.importorskip("openpyxl")

from checker.score.xlsx import build_workbook, render_xlsx, stream_xlsx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The generated cohort scored as ``fazhi score cur --previous prev`` scores it, in each language."""
    sys.path.insert(0, str(ROOT / "tests" / "goldens"))
    import regen

    from checker.pack import load_pack_or_raise
    from checker.score.cohort import ScoreSetup, cohort, once_each, run_scoring
    from checker.score.scheme import load_scheme

    where = tmp_path_factory.mktemp("cohort")
    regen.write_cohort(where)
    pack = load_pack_or_raise()
    scheme, _ = load_scheme(pack, None)
    out = {}
    for lang in ("zh", "en"):
        setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang=lang)
        scored = run_scoring(sorted(str(p) for p in (where / "cur").iterdir()), setup, 1)
        previous = run_scoring(sorted(str(p) for p in (where / "prev").iterdir()), setup, 1)
        out[lang] = cohort(scheme, pack, once_each(scored, lang), once_each(previous, lang), lang)
    return out


def reference(report, lang: str) -> bytes:
    buf = io.BytesIO()
    build_workbook(report, lang).save(buf)
    return buf.getvalue()


STYLES = ("font", "fill", "border", "alignment")


def cell_of(ws, row: int, col: int, seen: dict) -> tuple:
    """A cell as compared: value, data type, number format and its style objects (openpyxl's proxies of
    them compare unequal to one another, their copies by value); a style described once per workbook
    (``seen``: by the cell's style array, its indices into the workbook's lists of fonts, fills …)."""
    x = ws.cell(row=row, column=col)
    key = None if x._style is None else tuple(x._style)
    style = seen.get(key)
    if style is None:
        style = seen[key] = (x.number_format, *(copy(getattr(x, name)) for name in STYLES))
    return (x.value, x.data_type, *style)


FIELDS = ("value", "data_type", "number_format", *STYLES)


def widths(ws) -> dict:
    """Each column's width, a ``<col>`` spanning several columns spread over them."""
    out = {}
    for dim in ws.column_dimensions.values():
        if dim.customWidth:
            for col in range(dim.min, dim.max + 1):
                out[col] = dim.width
    return out


def sheet_settings(ws) -> dict:
    setup = ws.page_setup
    return {
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": widths(ws),
        "freeze_panes": ws.freeze_panes,
        "auto_filter": ws.auto_filter.ref,
        "print_title_rows": ws.print_title_rows,
        "print_title_cols": ws.print_title_cols,
        "print_area": ws.print_area,
        "page_setup": (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight),
        "fit_to_page": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
        "margins": ws.page_margins,
        "hyperlinks": [(h.ref, h.target) for h in ws._hyperlinks],
        "sheet_state": ws.sheet_state,
    }


def differences(got: bytes, want: bytes) -> list[tuple]:
    """What differs between two workbooks as openpyxl reads them, as (sheet, cell or "", field, got, wanted)
    (nothing: they are equal)."""
    a = openpyxl.load_workbook(io.BytesIO(got))
    b = openpyxl.load_workbook(io.BytesIO(want))
    out = []
    if a.sheetnames != b.sheetnames:
        return [("", "", "sheets", a.sheetnames, b.sheetnames)]
    for name in ("creator", "title", "created"):  # openpyxl dates "modified" now when it saves
        if getattr(a.properties, name) != getattr(b.properties, name):
            out.append(("", "", f"properties.{name}", getattr(a.properties, name), getattr(b.properties, name)))
    mine, theirs = {}, {}
    for ws, ref in zip(a.worksheets, b.worksheets):
        for r in range(1, max(ws.max_row, ref.max_row) + 1):
            for c in range(1, max(ws.max_column, ref.max_column) + 1):
                x, y = cell_of(ws, r, c, mine), cell_of(ref, r, c, theirs)
                out += [(ws.title, f"R{r}C{c}", n, p, q) for n, p, q in zip(FIELDS, x, y) if p != q]
        x, y = sheet_settings(ws), sheet_settings(ref)
        out += [(ws.title, "", key, x[key], y[key]) for key in x if x[key] != y[key]]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_written_workbook_is_openpyxls(reports, lang):
    report = reports[lang]
    got = render_xlsx(report, lang)
    assert differences(got, reference(report, lang)) == []
    # the cohort is what the comparison needs to see: counties with vetoes, bonus items and changes on the
    # previous year, a file not scored, every number format
    assert report.errors and any(c.vetoes for c in report.counties) and any(c.bonus_items for c in report.counties)
    assert any(c.change is not None and c.change.worse for c in report.counties)
    book = openpyxl.load_workbook(io.BytesIO(got))
    assert len(book.sheetnames) == 32
    formats = {c.number_format for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert {"General", "0.00", "+0.00;-0.00;0.00"} <= formats
    county = book.worksheets[1]
    assert county.freeze_panes == "A4" and county.max_row > 100 and county.print_title_rows == "$3:$3"
    assert isinstance(county["E4"].value, (int, float)) and county["E4"].data_type == "n"


def test_the_comparison_sees_a_changed_style_width_value_or_setting(reports):
    """The comparison is not blind: one font, one fill, one width, one value, one merge, the panes and the
    print titles changed, each on its own sheet, are each seen."""
    report = reports["zh"]
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report, "zh")))
    sheets = book.worksheets
    sheets[1]["G5"].font = openpyxl.styles.Font(bold=True, color="00FF0000")
    sheets[2]["A4"].fill = openpyxl.styles.PatternFill("solid", fgColor="00FFFF00")
    sheets[3].column_dimensions["C"].width += 1
    sheets[4]["E4"].value = str(sheets[4]["E4"].value)
    sheets[5].unmerge_cells("A2:J2")
    sheets[6].freeze_panes = "A3"
    sheets[7].print_title_rows = "1:3"
    buf = io.BytesIO()
    book.save(buf)
    found = differences(buf.getvalue(), reference(report, "zh"))
    names = book.sheetnames
    assert {where[:3] for where in found} == {
        (names[1], "R5C7", "font"),
        (names[2], "R4C1", "fill"),
        (names[3], "", "widths"),
        (names[4], "R4C5", "value"),
        (names[4], "R4C5", "data_type"),
        (names[5], "", "merged"),
        (names[6], "", "freeze_panes"),
        (names[7], "", "print_title_rows"),
    }


def test_the_archive_is_deterministic_and_well_formed(reports):
    report = reports["zh"]
    pieces = []
    stream_xlsx(report, "zh", pieces.append)
    data = b"".join(pieces)
    assert data == render_xlsx(report, "zh")
    assert openpyxl.load_workbook(io.BytesIO(data)).properties.modified == sheetxml_date()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names[:2] == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] and len(names) == 32 + 8
        for info in z.infolist():
            assert info.date_time == (2000, 1, 1, 0, 0, 0), info.filename
            ElementTree.fromstring(z.read(info))  # every part is well-formed XML
        core = z.read("docProps/core.xml").decode()
        assert core.count("2000-01-01T00:00:00Z") == 2
        workbook = z.read("xl/workbook.xml").decode()
        assert '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'汇总\'!$A$2:$' in workbook


def sheetxml_date():
    from checker.score.xlsx import FIXED_TIME

    return FIXED_TIME


def test_texts_that_xml_would_mangle_are_kept():
    """Markup characters, a carriage return and spaces at either end read back as written."""
    from checker.score import sheetxml

    sheet = sheetxml.Sheet("t")
    texts = ["a < b && c > d", "line\r\nnext", "  padded ", "]]>", '"quoted"']
    for row, value in enumerate(texts, 1):
        cell = sheet.cell(row, 1)
        cell.value, cell.data_type = value, "s"
    number = sheet.cell(len(texts) + 1, 1)
    number.value = 0.1 + 0.2  # written as openpyxl writes a number: 16 significant digits
    buf = io.BytesIO()
    book = sheetxml.Book(buf, sheetxml.datetime.datetime(2000, 1, 1))
    book.add(sheet)
    book.close(sheetxml.stylesheet(openpyxl.Workbook()), "fazhi-checker", 'a "title" & more')
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    assert [c.value for c in wb["t"]["A"]] == [*texts, 0.3]
    assert wb.properties.title == 'a "title" & more'


def _sheet_xml(report, county, st) -> str:
    from checker.score import sheetxml
    from checker.score.xlsx import write_county

    ws = sheetxml.Sheet("t")
    write_county(ws, st, report, county, "zh")
    return "".join(ws.xml())


def test_a_row_laid_out_once_is_placed_again_as_it_was_laid_out(reports, monkeypatch):
    """Rows that come back in many counties (an item passed, with its title and basis) are laid out once a
    workbook and placed again: each county's sheet is the same XML as when every row is laid out afresh."""
    from checker.score import sheetxml
    from checker.score.xlsx import SheetStyler

    report = reports["zh"]
    warm = SheetStyler()
    for county in report.counties:  # the second time each row is met it is kept; then it is placed
        _sheet_xml(report, county, warm)
    assert len(warm.made) > 100
    placed, place = [], sheetxml.Sheet.place
    monkeypatch.setattr(sheetxml.Sheet, "place", lambda self, row, made: placed.append(row) or place(self, row, made))
    for county in report.counties:
        cold = SheetStyler()
        cold._ids = dict(warm._ids)  # the same style numbers, nothing laid out before
        cold.made = None
        before = len(placed)
        assert _sheet_xml(report, county, warm) == _sheet_xml(report, county, cold), county.file
        assert len(placed) - before > 80  # most of its ~110 rows were placed, not laid out
    assert len(placed) > 80 * len(report.counties)


def test_rows_alike_but_for_a_number_type_are_not_one():
    """A deduction of 1 and one of 1.0 are written alike, but their widths are measured from their own
    text: a row kept for one is never placed for the other."""
    from checker.score import sheetxml
    from checker.score.sheetxml import cell_widths
    from checker.score.xlsx import row_content

    cells = []
    for value in (1, 1.0):
        cell = sheetxml.Cell(1, 5)
        cell.value = value
        cells.append(cell_widths([cell]))
    assert cells == [(-1, -1, -1, -1, 1), (-1, -1, -1, -1, 5)]  # "1"; "+1.00" as a score is shown
    keys = [row_content({"deduction": value}, None, False, "fail", False) for value in (1, 1.0, True)]
    assert len(set(keys)) == 3
    assert row_content({"deduction": 1.0}, None, False, "fail", False) == keys[1]


def test_a_full_disk_while_a_sheet_is_compressed_is_said_as_the_workbooks(tmp_path, monkeypatch, capsys):
    """The sheets are compressed in a thread of their own; a write that fails there (the temporary workbook on
    a full disk) is said as the workbook's, exit 2, the other outputs still written, no thread left running."""
    import errno
    import threading

    from checker.cli import main
    from checker.score import sheetxml

    class Full(sheetxml._Compressor):
        def run(self):
            opened, real = [], self.archive.open

            def open_member(*args, **kwargs):
                opened.append(args[0])
                if len(opened) > 1:  # the summary goes; the first county's sheet finds the disk full
                    raise OSError(errno.ENOSPC, "No space left on device")
                return real(*args, **kwargs)

            self.archive.open = open_member
            super().run()

    monkeypatch.setattr(sheetxml, "_Compressor", Full)
    threads = threading.active_count()
    out, csv = tmp_path / "评分表.xlsx", tmp_path / "r.csv"
    samples = str(ROOT / "samples")
    argv = ["score", samples, "--xlsx", str(out), "--csv", str(csv), "--jobs", "1", "--no-progress"]
    assert main([*argv, "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{out}: 无法写入输出文件：No space left on device\n"), err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert not out.exists() and csv.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]
    assert threading.active_count() == threads


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rows_written_out_early_give_the_same_workbook(reports, monkeypatch, lang):
    """Past ``KEEP`` rows a sheet writes its earlier rows out as XML (a summary of 100,000 counties is 2 million
    cells); the workbook is byte for byte the one written with every row kept, links and widths included."""
    import re

    from checker.score import sheetxml

    report = reports[lang]
    links = [(f"f/{i}.xlsx", f"f/{i}.xlsx") for i in range(len(report.counties))]
    kept = render_xlsx(report, lang), _whole(report, lang, links)
    monkeypatch.setattr(sheetxml, "KEEP", 4)
    assert (render_xlsx(report, lang), _whole(report, lang, links)) == kept
    with zipfile.ZipFile(io.BytesIO(kept[1])) as z:  # the summary's 30 links, each at its row
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert rels.count('TargetMode="External"') == 30
    assert re.findall(r'<hyperlink ref="[A-Z]+(\d+)" r:id="rId(\d+)"/>', sheet) == [
        (str(k + 2), str(k)) for k in range(1, 31)
    ]


def _whole(report, lang, links) -> bytes:
    from checker.score.xlsx import _stream

    pieces: list = []
    _stream(report, lang, pieces.append, iter(links))
    return b"".join(pieces)


def test_a_row_written_out_is_never_laid_out_again(monkeypatch):
    from checker.score import sheetxml

    monkeypatch.setattr(sheetxml, "KEEP", 3)
    sheet = sheetxml.Sheet("t")
    for row in range(1, 20):
        sheet.cell(row, 1).value = row
    with pytest.raises(ValueError, match="written out"):
        sheet.cell(12, 2)
    with pytest.raises(ValueError, match="written out"):
        list(sheet.widths_by_row(11, lambda cells: ()))
