"""A PDF's text layer as the report's text, every character placed on its page and line.

The PDF is parsed by pdfminer.six in a child process held to a time and memory budget (a PDF is a
program of sorts: a stream compressed a thousand to one, a page tree that never ends, objects nested
thousands deep), so that no file can hang the run or exhaust the machine: past MAX_PAGES pages,
MAX_PAGE_CHARS characters on a page, TIMEOUT seconds or MEMORY bytes the file is refused with a
message saying which. Nothing is downloaded: pdfminer.six ships the character maps of the Chinese
fonts (Adobe-GB1, UniGB-UCS2-H) it needs.

The child returns each page's rows (a row: the characters sharing a baseline, left to right) with
their left and right edges and size; the parent joins the rows of a paragraph into one line of text,
as the .docx and .html readers give one paragraph a line, and keeps where each row begins: a position
in the text (line, column) is then a page and the row on it (``locate``). A row continues the
paragraph above it where that row reaches the right margin and this one starts at the left margin,
in the same type size, with no extra space between; a row that is only a page number (``- 3 -``,
``第3页``), or that heads or foots most pages alike (a running header), is no part of the text.

Text that PDF producers map to a radical's code point (⼈ U+2F08 for 人, ⺠ U+2EA0 for 民: the
glyph is shared) is read as the ideograph; a character with no Unicode mapping at all (pdfminer's
``(cid:N)``) is a □; a PDF that is mostly such characters, or has no text on any page (a scan), is
refused with what to do instead.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import unicodedata

MAX_PAGES = 500  # an annual report has tens of pages
MAX_PAGE_CHARS = 40_000  # a dense A4 page holds about 2,000 characters
TIMEOUT = 120  # seconds for the whole file
MEMORY = 1 << 30  # bytes of address space for the child
UNMAPPED = "□"

# CJK radicals (supplement block) that producers write for the ideograph of the same glyph; the Kangxi
# radicals (U+2F00-2FD5) and the rest of this block have a compatibility mapping (NFKC) to it
RADICALS = dict(
    zip(
        "⺠⺩⺮⺶⻁⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⺝⺼⺽⻊⻈⻐⻠⺰⺯⺬⺙⺒⺓⺊⺌⺎",
        "民王竹羊虎西见角贝车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙月肉臼足讠钅饣纟糸示攵巳幺卜小兀",
    )
)
PAGE_NUMBER = re.compile(
    r"[-—–－~\s]*\d{1,4}[-—–－~\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)


class PdfProblem(Exception):
    """A PDF that cannot be read: ``code`` (i18n) and its ``params``."""

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code)
        self.code, self.params = code, params or {}


class PagedText(str):
    """The text of a paged document, one paragraph a line, that knows where each of its lines came
    from: ``places[i]`` lists, for line i + 1, (column where a row begins, 0-based; page; row on that
    page), one entry per row joined into it."""

    places: tuple = ()
    blank_pages: tuple = ()  # pages with no text layer (scanned), 1-based


def locate(text, line: int | None, column: int | None) -> tuple[int, int] | None:
    """(page, row on the page) of a position (1-based line and column) in ``text``, where ``text``
    came from a paged document; else None."""
    places = getattr(text, "places", None)
    if not places or line is None or not 1 <= line <= len(places) or not places[line - 1]:
        return None
    offset = (column or 1) - 1
    row = places[line - 1][0]
    for place in places[line - 1]:
        if place[0] > offset:
            break
        row = place
    return row[1], row[2]


def _char(text: str) -> str:
    if text.startswith("(cid:"):
        return UNMAPPED
    out = []
    for c in text:
        if "\u2f00" <= c <= "\u2fdf" or "\uf900" <= c <= "\ufaff" or "\u2e80" <= c <= "\u2eff":
            c = RADICALS.get(c) or unicodedata.normalize("NFKC", c)
        out.append(c)
    return "".join(out)


def _word(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "%.,")


def _letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _rows(chars: list) -> list[list]:
    """[x0, x1, top, bottom, size, text] of each row of ``chars`` (x0, x1, y0, y1, size, text), top
    to bottom: characters whose baselines lie within 0.4 of their size of each other, left to right.
    A character drawn twice where it stands (a fake bold) is one; a space the PDF draws is kept,
    one is put between two Latin letters or digits set apart, and between anything set more than
    1.5 characters apart (table cells)."""
    rows: list[list] = []
    for ch in sorted(chars, key=lambda c: (-round(c[2], 1), c[0])):
        if rows and abs(rows[-1][0][2] - ch[2]) <= 0.4 * max(ch[4], rows[-1][0][4], 1):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out = []
    for row in rows:
        row.sort(key=lambda c: c[0])
        text, last = [], None
        for ch in row:
            if last is not None:
                if ch[5] == last[5] and abs(ch[0] - last[0]) < 0.15 * max(ch[4], 1):
                    continue  # overprinted
                gap, size = ch[0] - last[1], max(ch[4], last[4], 1)
                if (
                    not ch[5].isspace()
                    and not last[5].isspace()
                    and (gap > 1.5 * size or gap > 0.15 * size and _word(last[5][-1]) and _word(ch[5][0]))
                ):
                    text.append(" ")
            text.append(ch[5])
            last = ch
        line = re.sub(r"\s+", " ", "".join(text)).strip()
        if line:
            visible = [c for c in row if not c[5].isspace()]
            out.append(
                [
                    min(c[0] for c in visible),
                    max(c[1] for c in visible),
                    max(c[3] for c in row),
                    min(c[2] for c in row),
                    statistics.median(c[4] for c in visible),
                    line,
                ]
            )
    return out


def _page_chars(layout, cap: int) -> list:
    """(x0, x1, y0, y1, size, text) of every character on the page, in forms too."""
    from pdfminer.layout import LTChar, LTContainer

    found, stack = [], [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            found.append((item.x0, item.x1, item.y0, item.y1, item.size, _char(item.get_text())))
            if len(found) > cap:
                raise PdfProblem("extract.pdf_page_too_large", {"limit": cap})
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return found


def limits() -> dict:
    """The bounds a child reads under (the module's values when it is called: a test may lower them)."""
    return {"pages": MAX_PAGES, "page_chars": MAX_PAGE_CHARS, "timeout": TIMEOUT, "memory": MEMORY}


def pages_of(data: bytes, bounds: dict | None = None) -> list[list]:
    """Each page's rows (``_rows``), or PdfProblem. In the process that calls it: no time or memory
    bound but the caps on pages and characters (``read`` runs it in a child)."""
    bounds = bounds or limits()
    cap = bounds["page_chars"]
    import io
    import logging

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # its warnings are not the user's
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    class Counting(PDFPageAggregator):
        """Stops a page drawing more than MAX_PAGE_CHARS characters as it draws them."""

        drawn = 0

        def render_char(self, *args, **kwargs):
            self.drawn += 1
            if self.drawn > cap:
                raise PdfProblem("extract.pdf_page_too_large", {"limit": cap})
            return super().render_char(*args, **kwargs)

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfProblem("extract.pdf_corrupt", {"reason": "no %PDF header"})
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfProblem("extract.pdf_encrypted") from None
    manager = PDFResourceManager(caching=True)
    device = Counting(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for number, page in enumerate(PDFPage.create_pages(document), 1):
        if number > bounds["pages"]:
            raise PdfProblem("extract.pdf_too_many_pages", {"limit": bounds["pages"]})
        device.drawn = 0
        try:
            interpreter.process_page(page)
        except PdfProblem as exc:
            exc.params["page"] = number
            raise
        try:
            pages.append(_rows(_page_chars(device.get_result(), cap)))
        except PdfProblem as exc:
            exc.params["page"] = number
            raise
    return pages


def child_main(bounds: dict) -> None:
    """The child: a PDF's bytes on stdin, ``{"pages": …}`` or ``{"problem": [code, params]}`` as
    JSON on stdout, within ``bounds`` (``limits``): memory in bytes, CPU time in seconds."""
    memory = bounds["memory"]
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (bounds["timeout"], bounds["timeout"] + 5))
    except (ImportError, ValueError, OSError):  # not on this system: the parent's timeout holds
        pass
    data = sys.stdin.buffer.read()
    try:
        result = {"pages": pages_of(data, bounds)}
    except PdfProblem as exc:
        result = {"problem": [exc.code, exc.params]}
    except MemoryError:
        result = {"problem": ["extract.pdf_memory", {"limit": memory}]}
    except RecursionError:
        result = {"problem": ["extract.pdf_corrupt", {"reason": "objects nested too deep"}]}
    except Exception as exc:  # noqa: BLE001 - pdfminer's errors for a damaged file are of many kinds
        result = {"problem": ["extract.pdf_corrupt", {"reason": f"{type(exc).__name__}: {exc}"[:100]}]}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


CHILD = (
    "import sys, json; sys.path[:] = json.loads(sys.argv[1]); "
    "from checker.extract.pdf import child_main; child_main(json.loads(sys.argv[2]))"
)


def _in_child(data: bytes) -> list[list]:
    if not sys.executable:
        raise PdfProblem("extract.pdf_failed", {"reason": "no Python interpreter to run the reader"})
    bounds = limits()
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", CHILD, json.dumps(sys.path), json.dumps(bounds)],
            input=data,
            capture_output=True,
            timeout=bounds["timeout"],
        )
    except subprocess.TimeoutExpired:
        raise PdfProblem("extract.pdf_timeout", {"seconds": bounds["timeout"]}) from None
    except OSError as exc:
        raise PdfProblem("extract.pdf_failed", {"reason": exc.strerror or str(exc)}) from None
    try:
        result = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        result = None
    if not isinstance(result, dict):
        if done.returncode < 0 and -done.returncode in (9, 24):  # SIGKILL, SIGXCPU: a limit
            raise PdfProblem("extract.pdf_timeout", {"seconds": bounds["timeout"]})
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        if "MemoryError" in reason[0]:
            raise PdfProblem("extract.pdf_memory", {"limit": bounds["memory"]})
        raise PdfProblem("extract.pdf_failed", {"reason": reason[0][:100]})
    if "problem" in result:
        code, params = result["problem"]
        raise PdfProblem(code, params)
    return result["pages"]


def _margins(pages: list[list]) -> tuple[float, float]:
    """The left margin (where most rows start) and the right one (where full rows end)."""
    rows = [row for page in pages for row in page]
    starts = [round(row[0]) for row in rows]
    common = statistics.multimode(starts) if starts else [0]
    left = min(common) if starts.count(common[0]) >= 3 else min(starts, default=0)
    ends = sorted(row[1] for row in rows)
    right = ends[int(0.9 * (len(ends) - 1))] if ends else 0
    return left, right


def _running(pages: list[list]) -> set:
    """Texts (digits as #) of the rows that open or close at least half the pages, three at least:
    a running header or footer (``XX县人民政府文件``, ``第 3 页 共 9 页``), no part of the text."""
    counts: dict = {}
    for rows in pages:
        ends = {re.sub(r"\d+", "#", row[5]) for row in rows[:2] + rows[-2:]}
        for text in ends:
            counts[text] = counts.get(text, 0) + 1
    return {text for text, count in counts.items() if count >= 3 and count >= len(pages) / 2}


def assemble(pages: list[list]) -> PagedText:
    """The rows of every page as paragraphs, one a line (see the module's description)."""
    left, right = _margins(pages)
    running = _running(pages)
    lines: list[str] = []
    places: list[list] = []
    previous = None  # the last row taken, with its page's line pitch
    for number, rows in enumerate(pages, 1):
        pitches = [a[2] - b[2] for a, b in zip(rows, rows[1:]) if a[2] > b[2]]  # y grows upwards
        pitch = statistics.median(pitches) if pitches else None
        last_top = None
        for index, (x0, x1, top, _bottom, size, text) in enumerate(rows, 1):
            if PAGE_NUMBER.fullmatch(text) or re.sub(r"\d+", "#", text) in running:
                continue
            # the row above reaches the right margin and starts at the left one or a first-line indent
            # from it (a centred title does not), this one starts at the left margin, in the same size
            joined = (
                previous is not None
                and previous[1] >= right - 2 * previous[4]
                and x0 <= left + size
                and previous[0] <= left + 3 * previous[4]
                and abs(size - previous[4]) <= 0.15 * size
            )
            if joined and last_top is not None and pitch is not None and last_top - top > 1.6 * pitch:
                joined = False  # a blank line between
            if joined:  # a Latin word wrapped at a space lost the space; digits never wrap
                glue = " " if _letter(lines[-1][-1]) and _letter(text[0]) else ""
                places[-1].append((len(lines[-1]) + len(glue), number, index))
                lines[-1] += glue + text
            else:
                lines.append(text)
                places.append([(0, number, index)])
            previous, last_top = (x0, x1, top, _bottom, size), top
    out = PagedText("\n".join(lines))
    out.places = tuple(tuple(p) for p in places)
    out.blank_pages = tuple(n for n, rows in enumerate(pages, 1) if not rows)
    return out


# traditional characters a simplified text uses in its own right (乾县, a surname 於): never made simplified
OWN_RIGHT = set("乾於藉瞭著麼夥佔餘")


def _strays(text: PagedText) -> PagedText:
    """A simplified text's stray traditional characters made simplified, one for one: a font that draws
    户 and 戶 with one glyph maps the glyph to one of them (戶), so a PDF of a simplified report reads
    1,085戶. Only in a text that is simplified (strays under 1% of its ideographs); a traditional text
    is left as it is, and so are the characters a simplified text uses in its own right (OWN_RIGHT)."""
    from checker.region import region_key

    ideographs = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    present = set(ideographs)
    table = {}
    for c in present - OWN_RIGHT:
        simple = region_key(c)
        if simple != c and len(simple) == 1:
            table[c] = simple
    strays = sum(c in table for c in ideographs)
    if not strays or strays > 0.01 * len(ideographs):
        return text
    out = PagedText(text.translate(str.maketrans(table)))
    out.places, out.blank_pages = text.places, text.blank_pages
    return out


def read(data: bytes) -> PagedText:
    """The text of a PDF, or PdfProblem: no text on any page (a scan), characters with no Unicode
    mapping, and every limit above."""
    pages = _in_child(data)
    text = assemble(pages)
    chars = sum(len(row[5]) for page in pages for row in page)
    unmapped = sum(row[5].count(UNMAPPED) for page in pages for row in page)
    if not text.strip():
        raise PdfProblem("extract.pdf_no_text", {"pages": len(pages)})
    if unmapped > chars / 2:
        raise PdfProblem("extract.pdf_no_unicode", {"count": unmapped})
    return _strays(text)


__all__ = ["PagedText", "PdfProblem", "assemble", "limits", "locate", "pages_of", "read", "MAX_PAGES", "TIMEOUT"]
