"""Reading a report into plain text, one paragraph per line: .txt (UTF-8 or GBK), .html, .docx."""
from __future__ import annotations

import re
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from checker.errors import Diagnostic
from checker.inputfile import CHUNK, TooLarge, read_capped
from checker.submission import decode
MAX_BYTES = 20 * 1024 * 1024
SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "select", "noscript", "iframe", "button",
        "head", "title", "svg", "template"}
# start tags that end an open <p> (HTML's rule, in part)
CLOSES_P = {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
            "center", "pre", "dl", "hr", "header", "footer", "nav", "aside", "form", "main", "address", "fieldset"}
# elements with no end tag: nothing is inside them to hide (<img hidden> hides no text after it)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# text a reader does not see: the hidden attribute, display:none, visibility:hidden (aria-hidden hides
# from screen readers only: the text is on the page, and read)
HIDDEN_STYLE = re.compile(r"display:none|visibility:(?:hidden|collapse)")
BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
         "td", "th", "ul", "ol", "blockquote", "center"}
CONTENT = re.compile(r"article|content|TRS_Editor|zoom|detail|main|text|zw|nr", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Html(HTMLParser):
    """Visible text; the block whose class or id names the article is preferred to the whole page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.hidden = 0                                  # open elements hidden by attribute or style
        self.parts: list[str] = []
        self.weights: list[int] = [0]                    # visible characters in parts[:i], for every i
        # (tag, start index in parts of a content block, hidden by its attributes)
        self.stack: list[tuple[str, int | None, bool]] = []
        self.blocks: list[tuple[int, int]] = []

    def _part(self, text: str) -> None:
        self.parts.append(text)
        self.weights.append(self.weights[-1] + sum(map(len, text.split())))

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P and self.stack and self.stack[-1][0] == "p":
            self._close()                      # <p hidden>…<p>: the first paragraph ends, as in a browser
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCK:
            self._part("\n")
        if tag in VOID:
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        hidden = any(k == "hidden" or k == "style" and v and HIDDEN_STYLE.search(re.sub(r"\s+", "", v.lower()))
                     for k, v in attrs)
        self.hidden += hidden
        self.stack.append((tag, len(self.parts) if CONTENT.search(marker) else None, hidden))

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self._part("\n")
        if tag in VOID:
            return
        while self.stack:
            if self._close() == tag:
                break

    def _close(self) -> str:
        open_tag, start, hidden = self.stack.pop()
        self.hidden -= hidden
        if start is not None:
            self.blocks.append((start, len(self.parts)))
        return open_tag

    def handle_data(self, data):
        if not self.skip and not self.hidden:
            self._part(data)

    def text(self) -> str:
        """The best content block, else the whole page. A block is measured by its visible characters
        (prefix sums: nested or unclosed blocks cost no more than one pass), and joined only once."""
        whole = self.weights[-1]
        best, best_weight = None, 0
        for start, end in self.blocks:
            weight = self.weights[end] - self.weights[start]
            if weight > best_weight:
                best, best_weight = (start, end), weight
        if best is not None and best_weight >= 0.3 * whole and best_weight > 200:
            return "".join(self.parts[best[0]:best[1]])
        return "".join(self.parts)


def _clean(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


DOCUMENT = "word/document.xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # a compound file: an encrypted Office document, or a .doc


class DocxProblem(Exception):
    """A .docx that cannot be read: ``code`` (i18n) and its ``params``."""

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code)
        self.code, self.params = code, params or {}


def _docx(data: bytes) -> str:
    """The text of the document's paragraphs, one a line: DocxProblem, zipfile.BadZipFile or KeyError
    where it cannot be read."""
    import io
    if data.startswith(OLE):
        raise DocxProblem("extract.docx_ole")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(DOCUMENT)
        where = {"member": DOCUMENT}
        if info.flag_bits & 0x1:
            raise DocxProblem("extract.docx_encrypted", where)
        try:
            stream = archive.open(info)
        except NotImplementedError:
            raise DocxProblem("extract.docx_compression", {**where, "method": info.compress_type}) from None
        except RuntimeError:                       # "encrypted, password required"
            raise DocxProblem("extract.docx_encrypted", where) from None
        with stream:
            return _paragraphs(stream)


def _paragraphs(stream) -> str:
    """Paragraph texts from the XML ``stream``, read in chunks and parsed as it goes: each text run
    belongs to the innermost paragraph open (a text box's paragraphs inside a paragraph are lines of
    their own), so every character is collected once and the work is linear in the document, however
    paragraphs nest. Past MAX_BYTES uncompressed (a zip bomb), DocxProblem."""
    para, text, tab = f"{W}p", f"{W}t", f"{W}tab"
    parser = ET.XMLPullParser(("start", "end"))
    lines: list[str] = []
    open_paras: list[list[str]] = []
    total = 0

    def events():
        for event, elem in parser.read_events():
            tag = elem.tag
            if event == "start":
                if tag == para:
                    open_paras.append([])
                continue
            if tag in (text, tab):
                if open_paras:
                    open_paras[-1].append(elem.text or "")
            elif tag == para and open_paras:
                lines.append("".join(open_paras.pop()))
            elem.clear()                           # what is read is let go: memory stays bounded

    while True:
        try:
            chunk = stream.read(CHUNK)
        except Exception:          # noqa: BLE001 - zlib.error, a bad CRC, EOF, lzma or bz2: the data is damaged
            raise DocxProblem("extract.docx_corrupt", {"member": DOCUMENT}) from None
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_BYTES:
            raise DocxProblem("extract.docx_too_large", {"member": DOCUMENT, "limit": MAX_BYTES})
        parser.feed(chunk)
        events()
    parser.close()
    events()
    return "\n".join(lines)


def read_report(path: Path, diags: list) -> str | None:
    """The report's text, or None with a diagnostic."""
    file = str(path)
    try:
        data = read_capped(path, MAX_BYTES)      # a pipe or a device too: never more than the limit
    except TooLarge as exc:
        diags.append(exc.diagnostic(file))
        return None
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", file, None, None, {"reason": exc.strerror or str(exc)}))
        return None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        try:
            return _clean(_docx(data))
        except DocxProblem as exc:
            diags.append(Diagnostic(exc.code, file, None, None, exc.params))
            return None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ET.ParseError, ValueError, OSError,
                EOFError, zlib.error) as exc:
            diags.append(Diagnostic("extract.docx", file, None, None, {"reason": str(exc)[:100]}))
            return None
    text = decode(data, file, diags)
    if text is None:
        return None
    if suffix in (".html", ".htm", ".shtml"):
        parser = _Html()
        parser.feed(text)
        parser.close()
        return _clean(parser.text())
    return text.replace("\r\n", "\n").replace("\r", "\n")  # plain text: positions are the file's own
