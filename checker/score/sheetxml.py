"""A small SpreadsheetML (XLSX) writer: each worksheet written as its XML, straight into the archive.

``fazhi score --xlsx`` writes one sheet per county, ~130 rows × 10 columns each. Built as openpyxl cells and
serialised through its element tree, the workbook took ~90% of a cohort's scoring time. Here a sheet's cells
are plain (value, type, style number), kept until the sheet is done, then written as XML in one pass into a
member of the zip archive; the parts around the sheets (workbook, relationships, content types, document
properties) are short templates. The stylesheet is openpyxl's own: the styles are registered in an openpyxl
``Workbook`` that is never saved, and written with openpyxl's stylesheet writer (``stylesheet``).

A ``Sheet`` offers what the scoring workbook's layout code (``checker.score.xlsx``) uses of openpyxl's
``Worksheet``, under the same names, so the same code fills either: ``cell``, ``merge_cells``, ``iter_rows``,
``column_dimensions[letter].width``, ``freeze_panes`` (rows only), ``auto_filter.ref``, ``page_setup``
(orientation, paper size, fit to width and height), ``sheet_properties.pageSetUpPr.fitToPage`` and
``print_title_rows``; and a cell's ``hyperlink`` (a link to a file outside the workbook). Nothing else is
supported. tests/test_xlsx_writer.py holds a workbook written here equal,
cell by cell and style by style, to the same workbook built by openpyxl.

The archive is deterministic: every member dated ``date``, the document properties too.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import math
import queue
import threading
import unicodedata
import zipfile
from types import SimpleNamespace

from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname

from checker.score import figures

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"
CHUNK = 1 << 16  # characters of XML gathered before they are compressed into the archive


def text(value: str) -> str:
    """Character data: ``&``, ``<``, ``>`` escaped, and a carriage return kept as one (not read as a line feed)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(value: str) -> str:
    """An attribute's value, for double quotes."""
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def number(value) -> str | None:
    """A number as openpyxl writes it (``%.16g``); None for NaN and infinities, which a cell cannot hold."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return "%.16g" % value


def display_width(text: str) -> int:
    """Columns a text takes on screen: CJK and full-width characters count double."""
    text = str(text)
    if text.isascii():  # most cells: figures, rule ids (no character counts double)
        return max(map(len, text.split("\n")))
    return _wide_width(text)


@functools.lru_cache(maxsize=1 << 14)
def _wide_width(text: str) -> int:
    """``display_width`` of a text with non-ASCII characters, remembered: the same titles, areas and bases
    come back in every county's sheet."""
    return max(
        (sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )


def cell_widths(cells) -> tuple:
    """What a row's cells (in column order) need of their columns' widths: the width of column 1, 2, … up to
    the last cell's, -1 where no cell has a value."""
    out = [-1] * (cells[-1].column if cells else 0)
    for cell in cells:
        value = cell.value
        if value is None:
            continue
        if isinstance(value, float):
            value = f"{figures.exact(value):+f}"  # as shown with SCORE_FORMAT (one more for a sign)
        out[cell.column - 1] = display_width(value)
    return tuple(out)


class Cell:
    """One cell: its value, ``data_type`` ("s" text, "n" number), style number (0: the default) and the
    link it opens (``hyperlink``: a relative URL, as openpyxl's cell takes it; None: none)."""

    __slots__ = ("row", "column", "value", "data_type", "style", "hyperlink")

    def __init__(self, row: int, column: int):
        self.row, self.column, self.value, self.data_type, self.style = row, column, None, "n", 0
        self.hyperlink = None


class Made:
    """A row laid out once and placed again wherever the same row comes back (``Sheet.place``): its cells as
    (column, value, data type, style) and its XML with ``ROW`` where the row's number goes. A county's sheet
    is ~130 rows, most of them the same in every county (an item passed, with its title and basis)."""

    __slots__ = ("cells", "xml", "widths", "last")

    def __init__(self, cells: tuple, xml: str, widths: tuple):
        self.cells, self.xml, self.widths = cells, xml, widths
        self.last = cells[-1][0] if cells else 0


ROW = "\x00"  # where a made row's number goes in its XML: never in a cell's text (control characters are cut)


class _Width:
    __slots__ = ("width",)

    def __init__(self):
        self.width = None


class _Widths(dict):
    """``column_dimensions``: a column's entry made when it is first named."""

    def __missing__(self, letter: str) -> _Width:
        made = self[letter] = _Width()
        return made


class Sheet:
    """A worksheet's content, kept until it is written (``Book.add``)."""

    PAPERSIZE_A4 = "9"

    def __init__(self, title: str):
        self.title = title
        self._rows: dict[int, dict[int, Cell] | Made] = {}  # row → column → cell, or a row made before
        self._merged: list[str] = []
        self.column_dimensions = _Widths()
        self.freeze_panes: str | None = None
        self.auto_filter = SimpleNamespace(ref=None)
        self.page_setup = SimpleNamespace(orientation=None, paperSize=None, fitToWidth=None, fitToHeight=None)
        self.sheet_properties = SimpleNamespace(pageSetUpPr=SimpleNamespace(fitToPage=None))
        self.print_title_rows: str | None = None
        self.links: list[str] = []  # the hyperlinks' targets, in the order of their relationships (``xml``)
        self._spill = None  # rows past KEEP written out as XML already (``_Spilled``)

    def cell(self, row: int, column: int) -> Cell:
        cells = self._rows.get(row)
        if cells is None:
            if self._spill is not None and HEAD <= row <= self._spill.last:
                raise ValueError(f"row {row} laid out after row {self._spill.last} was written out")
            if len(self._rows) > KEEP:
                self._spill_before(row)
            cells = self._rows[row] = {}
        elif type(cells) is Made:
            cells = self._rows[row] = self._cells(row, cells)
        cell = cells.get(column)
        if cell is None:
            cell = cells[column] = Cell(row, column)
        return cell

    def _spill_before(self, row: int) -> None:
        """The rows from ``HEAD`` to before ``row`` written out as XML (a summary of 100,000 counties is 2 million
        cells): the layout code fills a sheet row after row and never goes back past its last ``KEEP`` rows."""
        spill = self._spill
        if spill is None:
            spill = self._spill = _Spilled()
        done = sorted(r for r in self._rows if HEAD <= r < row)
        if done and done[0] <= spill.last:
            raise ValueError(f"row {done[0]} laid out after row {spill.last} was written out")
        for r in done:
            cells = self._rows.pop(r)
            cells = cells if type(cells) is Made else [cells[c] for c in sorted(cells)]
            spill.add(r, cells)

    def merge_cells(self, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
        self._merged.append(f"{get_column_letter(start_column)}{start_row}:{get_column_letter(end_column)}{end_row}")

    def iter_rows(self, min_row: int = 1):
        """The cells made, row by row from ``min_row``, each row's in column order (rows with none left out;
        never the rows written out already)."""
        if self._spill is not None and min_row <= self._spill.last:
            raise ValueError(f"rows up to {self._spill.last} are written out already")
        for row in sorted(self._rows):
            if row >= min_row:
                cells = self._rows[row]
                if type(cells) is Made:
                    cells = self._cells(row, cells)
                yield [cells[column] for column in sorted(cells)]

    # ------------------------------------------------------------------------------------ rows made once

    def made(self, row: int, measure) -> Made | None:
        """Row ``row``, laid out cell by cell, as a ``Made`` to ``place`` elsewhere (None where it has a link or
        no cell); ``measure(cells)``: what its cells add to the columns' widths (``xlsx.set_widths``)."""
        laid = self._rows.get(row)
        if not laid or type(laid) is Made:
            return None
        cells = [laid[column] for column in sorted(laid)]
        if any(cell.hyperlink is not None for cell in cells):
            return None
        kept = tuple((cell.column, cell.value, cell.data_type, cell.style) for cell in cells)
        return Made(kept, _row(cells, ROW), measure(cells))

    def place(self, row: int, made: Made) -> None:
        """A row made before (``made``) as row ``row`` of this sheet."""
        self._rows[row] = made

    def widths_by_row(self, min_row: int, measure):
        """Each row's ``(column, width)`` from ``min_row``: a made row's as it was measured, the others' by
        ``measure(cells)``; the rows written out as one (the widest of each column)."""
        spill = self._spill
        if spill is not None:
            if min_row > HEAD:
                raise ValueError(f"widths from row {min_row}: rows from {HEAD} are written out")
            yield tuple(spill.widths)
        for row in sorted(self._rows):
            if row >= min_row:
                cells = self._rows[row]
                yield cells.widths if type(cells) is Made else measure([cells[c] for c in sorted(cells)])

    @staticmethod
    def _cells(row: int, made: Made) -> dict[int, Cell]:
        out = {}
        for column, value, data_type, style in made.cells:
            cell = out[column] = Cell(row, column)
            cell.value, cell.data_type, cell.style = value, data_type, style
        return out

    # ------------------------------------------------------------------------------------------- the XML

    def xml(self):
        """The worksheet's XML in pieces of text, its elements in the order the schema requires."""
        rows = [
            (row, cells if type(cells) is Made else [cells[c] for c in sorted(cells)])
            for row, cells in sorted(self._rows.items())
            if cells
        ]
        spill = self._spill
        before = [(r, cells) for r, cells in rows if spill is None or r < spill.first]
        after = rows[len(before) :]
        links = [
            (cell.row, cell.column, cell.hyperlink) for _, cells in before if type(cells) is list for cell in cells
        ]
        links += spill.links() if spill is not None else []
        links += [
            (cell.row, cell.column, cell.hyperlink) for _, cells in after if type(cells) is list for cell in cells
        ]
        linked = [(r, c) for r, c, target in links if target is not None]
        self.links = [target for _, _, target in links if target is not None]
        fit = self.sheet_properties.pageSetUpPr.fitToPage
        space = f' xmlns:r="{REL}"' if linked else ""
        out = [
            f'<worksheet xmlns="{MAIN}"{space}><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>',
            '<pageSetUpPr fitToPage="1"/>' if fit else "<pageSetUpPr/>",
            "</sheetPr>",
        ]
        if rows or spill is not None:
            last_col = max((cells.last if type(cells) is Made else cells[-1].column for _, cells in rows), default=0)
            if spill is not None:
                last_col = max(last_col, len(spill.widths))
            last_row = max(rows[-1][0] if rows else 0, spill.last if spill is not None else 0)
            out.append(f'<dimension ref="A1:{get_column_letter(last_col)}{last_row}"/>')
        out.append(self._view())
        out.append('<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>')
        widths = sorted(
            (column_index_from_string(letter), dim.width)
            for letter, dim in self.column_dimensions.items()
            if dim.width is not None
        )
        if widths:
            out.append("<cols>")
            out.extend(f'<col min="{c}" max="{c}" width="{number(w)}" customWidth="1"/>' for c, w in widths)
            out.append("</cols>")
        out.append("<sheetData>")
        yield "".join(out)
        yield from _rows_xml(before)
        if spill is not None:
            yield from spill.pieces()
        yield from _rows_xml(after)
        out = ["</sheetData>"]
        if self.auto_filter.ref:
            out.append(f'<autoFilter ref="{self.auto_filter.ref}"/>')
        if self._merged:
            out.append(f'<mergeCells count="{len(self._merged)}">')
            out.extend(f'<mergeCell ref="{ref}"/>' for ref in self._merged)
            out.append("</mergeCells>")
        if linked:
            out.append("<hyperlinks>")
            out.extend(
                f'<hyperlink ref="{get_column_letter(column)}{row}" r:id="rId{k}"/>'
                for k, (row, column) in enumerate(linked, 1)
            )
            out.append("</hyperlinks>")
        out.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
        setup = self.page_setup
        attrs = [
            f' {name}="{value}"'
            for name, value in (
                ("orientation", setup.orientation),
                ("paperSize", setup.paperSize),
                ("fitToWidth", setup.fitToWidth),
                ("fitToHeight", setup.fitToHeight),
            )
            if value is not None
        ]
        if attrs:
            out.append(f"<pageSetup{''.join(attrs)}/>")
        out.append("</worksheet>")
        yield "".join(out)

    def _view(self) -> str:
        if not self.freeze_panes:
            return '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        letters = self.freeze_panes.rstrip("0123456789")
        if letters != "A":
            raise ValueError(f"only rows are frozen here, not {self.freeze_panes}")
        top = int(self.freeze_panes[1:])
        return (
            '<sheetViews><sheetView workbookViewId="0">'
            f'<pane ySplit="{top - 1}" topLeftCell="{self.freeze_panes}" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        )


KEEP = 2000  # rows of a sheet kept as cells; past this the earlier ones are written out (``Sheet._spill_before``)
HEAD = 10  # the first rows (titles, headers) are always kept as cells


class _Spilled:
    """The rows of a sheet written out as XML into a temporary file, in order; what the rest of the sheet needs of
    them kept: their first and last row, each column's widest text (``widths``), their links."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", prefix="fazhi-sheet-")
        self.first, self.last, self.widths, self._links = 0, 0, [], []

    def add(self, r: int, cells) -> None:
        if type(cells) is Made:
            self.file.write(cells.xml.replace(ROW, str(r)))
            widths = cells.widths
        else:
            self.file.write(_row(cells, r))
            widths = cell_widths(cells)
            self._links.extend((r, cell.column, cell.hyperlink) for cell in cells if cell.hyperlink is not None)
        grow = len(widths) - len(self.widths)
        if grow > 0:
            self.widths.extend([-1] * grow)
        self.widths = [max(pair) for pair in itertools.zip_longest(self.widths, widths, fillvalue=-1)]
        self.first, self.last = self.first or r, r

    def links(self) -> list:
        return self._links

    def pieces(self):
        """The rows' XML in pieces, and the file closed."""
        try:
            self.file.seek(0)
            yield from iter(lambda: self.file.read(CHUNK), "")
        finally:
            self.file.close()


def _rows_xml(rows):
    """Rows' XML (``(number, cells or Made)`` each) in pieces of about ``CHUNK`` characters."""
    out, size = [], 0
    for r, cells in rows:
        piece = cells.xml.replace(ROW, str(r)) if type(cells) is Made else _row(cells, r)
        out.append(piece)
        size += len(piece)
        if size > CHUNK:
            yield "".join(out)
            out, size = [], 0
    if out:
        yield "".join(out)


def _row(cells: list[Cell], r) -> str:
    """Row ``r``'s XML (``r``: its number, or ``ROW`` for a row made once and placed again)."""
    out = [f'<row r="{r}">']
    for cell in cells:
        head = f'<c r="{get_column_letter(cell.column)}{r}"' + (f' s="{cell.style}"' if cell.style else "")
        value = cell.value
        if value is None:
            out.append(head + "/>")
        elif cell.data_type == "s":
            space = ' xml:space="preserve"' if value != value.strip() else ""
            out.append(f'{head} t="inlineStr"><is><t{space}>{text(value)}</t></is></c>')
        else:
            shown = number(value)
            out.append(head + "/>" if shown is None else f'{head} t="n"><v>{shown}</v></c>')
    out.append("</row>")
    return "".join(out)


def stylesheet(book) -> bytes:
    """``xl/styles.xml`` of the styles registered in the openpyxl ``Workbook`` ``book`` (as openpyxl writes it)."""
    from openpyxl.styles.stylesheet import write_stylesheet
    from openpyxl.xml.functions import tostring

    return tostring(write_stylesheet(book))


class _Compressor(threading.Thread):
    """Writes the sheets' XML into the archive, compressed, while the next sheet is laid out: zlib lets go of
    the interpreter while it compresses, so the two share the cores. Its work comes in order through a short
    queue (``begin``, pieces of bytes, ``end``); the first error it meets is raised by ``done``."""

    def __init__(self, archive: zipfile.ZipFile):
        super().__init__(name="fazhi-xlsx", daemon=True)
        self.archive, self.queue, self.error = archive, queue.Queue(maxsize=16), None

    def run(self) -> None:
        out = None
        while True:
            kind, body = self.queue.get()
            if kind is None:
                return
            if self.error is not None:
                continue  # drained, never written: the workbook is abandoned
            try:
                if kind == "begin":
                    out = self.archive.open(body, "w")
                elif kind == "end":
                    out.close()
                else:
                    out.write(body)
            except BaseException as exc:  # said by done(), in the thread that writes the workbook
                self.error = exc

    def done(self, quietly: bool = False) -> None:
        """Everything queued written; the thread ended; its error raised unless ``quietly``."""
        self.queue.put((None, None))
        self.join()
        if self.error is not None and not quietly:
            raise self.error


class Book:
    """An XLSX archive written into ``file`` (a binary file open for writing, seekable): sheets added one at a
    time in their order (``add``), then ``close`` writes the styles, the workbook and the properties. With
    ``threaded`` a sheet is compressed in a thread of its own while the next is laid out (``_Compressor``);
    ``abandon`` ends that thread where the workbook is not finished."""

    def __init__(self, file, date: datetime.datetime, threaded: bool = False):
        self._zip = zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED)
        self._date = date
        self._sheets: list[tuple[str, str | None, str | None]] = []  # title, print title rows, filter range
        self._thread = None
        if threaded:
            self._thread = _Compressor(self._zip)
            self._thread.start()

    def _member(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._date.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        return info

    def _put(self, name: str, body: str | bytes) -> None:
        body = body.encode("utf-8") if isinstance(body, str) else body
        if self._thread is not None:  # after what is queued, by the thread that writes the archive
            for item in (("begin", self._member(name)), ("data", body), ("end", None)):
                self._thread.queue.put(item)
        else:
            self._zip.writestr(self._member(name), body)

    def add(self, sheet: Sheet) -> None:
        """The sheet written into the archive; nothing of it is kept but its name and print settings."""
        number = len(self._sheets) + 1
        member = self._member(f"xl/worksheets/sheet{number}.xml")
        if self._thread is not None:
            put = self._thread.queue.put
            put(("begin", member))
            for piece in sheet.xml():
                put(("data", piece.encode("utf-8")))
            put(("end", None))
            if self._thread.error is not None:
                self.abandon()
        else:
            with self._zip.open(member, "w") as out:
                for piece in sheet.xml():
                    out.write(piece.encode("utf-8"))
        if sheet.links:  # each a relative link to a file outside the workbook
            self._put(
                f"xl/worksheets/_rels/sheet{number}.xml.rels",
                f'<Relationships xmlns="{PKG_REL}">'
                + "".join(
                    f'<Relationship Id="rId{k}" Type="{REL}/hyperlink" Target="{attr(target)}" TargetMode="External"/>'
                    for k, target in enumerate(sheet.links, 1)
                )
                + "</Relationships>",
            )
        self._sheets.append((sheet.title, sheet.print_title_rows, sheet.auto_filter.ref))

    def abandon(self, quietly: bool = False) -> None:
        """The compressing thread ended (what was queued written or dropped) and its error, if any, raised
        (``quietly``: not, where another error is on its way)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.done(quietly)

    def discard(self) -> None:
        """After a failure: the thread ended and the archive closed, their errors left unsaid (the failure
        is on its way)."""
        self.abandon(quietly=True)
        try:
            self._zip.close()
        except (OSError, ValueError):  # its file full or gone: nothing more to write
            pass

    def close(self, styles: bytes, creator: str, title: str) -> None:
        self.abandon()  # the sheets written before the parts that name them
        stamp = self._date.strftime("%Y-%m-%dT%H:%M:%SZ")
        from openpyxl.writer.theme import theme_xml

        self._put(
            "docProps/app.xml",
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{text(creator)}</Application></Properties>",
        )
        self._put(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{text(creator)}</dc:creator><dc:title>{text(title)}</dc:title>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>',
        )
        self._put("xl/theme/theme1.xml", theme_xml)
        self._put("xl/styles.xml", styles)
        self._put(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>",
        )
        self._put("xl/workbook.xml", self._workbook())
        n = len(self._sheets)
        rels = [
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        ]
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>')
        rels.append(f'<Relationship Id="rId{n + 2}" Type="{REL}/theme" Target="theme/theme1.xml"/>')
        self._put("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>')
        overrides = [
            ("/xl/workbook.xml", f"{CT}.spreadsheetml.sheet.main+xml"),
            ("/xl/styles.xml", f"{CT}.spreadsheetml.styles+xml"),
            ("/xl/theme/theme1.xml", f"{CT}.theme+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", f"{CT}.extended-properties+xml"),
        ] + [(f"/xl/worksheets/sheet{i}.xml", f"{CT}.spreadsheetml.worksheet+xml") for i in range(1, n + 1)]
        self._put(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
            + "</Types>",
        )
        self._zip.close()

    def _workbook(self) -> str:
        sheets, names = [], []
        for i, (title, rows, filtered) in enumerate(self._sheets):
            sheets.append(f'<sheet name="{attr(title)}" sheetId="{i + 1}" state="visible" r:id="rId{i + 1}"/>')
            where = quote_sheetname(title)
            if filtered:
                first, last = filtered.split(":")
                ref = f"{where}!{_absolute(first)}:{_absolute(last)}"
                names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{text(ref)}')
            if rows:
                top, bottom = rows.split(":")
                names.append(
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{text(where)}!${top}:${bottom}'
                )
        defined = "".join(name + "</definedName>" for name in names)
        return (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{''.join(sheets)}</sheets>"
            + (f"<definedNames>{defined}</definedNames>" if defined else "")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )


def _absolute(ref: str) -> str:
    """``A2`` as ``$A$2``."""
    letters = ref.rstrip("0123456789")
    return f"${letters}${ref[len(letters) :]}"
