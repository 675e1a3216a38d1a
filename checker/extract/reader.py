"""Reading a report into plain text, one paragraph per line: .txt (UTF-8 or GBK), .html, .docx, and a
.pdf's text layer (checker.extract.pdf: each line knows its page and row). A legacy .doc or .wps is
refused with what to save it as."""

from __future__ import annotations

import re
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers.expat import ExpatError

from checker.errors import Diagnostic
from checker.inputfile import CHUNK, TooLarge, read_capped
from checker.inputs.decode import decode

MAX_BYTES = 20 * 1024 * 1024
SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "noscript",
    "iframe",
    "button",
    "head",
    "title",
    "svg",
    "template",
}
# start tags that end an open <p> (HTML's rule, in part)
CLOSES_P = {
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "center",
    "pre",
    "dl",
    "hr",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "main",
    "address",
    "fieldset",
}
# elements with no end tag: nothing is inside them to hide (<img hidden> hides no text after it)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# text a reader does not see: the hidden attribute, display:none, visibility:hidden (aria-hidden hides
# from screen readers only: the text is on the page, and read)
HIDDEN_STYLE = re.compile(r"display:none|visibility:(?:hidden|collapse)")
BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "td",
    "th",
    "ul",
    "ol",
    "blockquote",
    "center",
}
CONTENT = re.compile(r"article|content|TRS_Editor|zoom|detail|main|text|zw|nr", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Html(HTMLParser):
    """Visible text; the block whose class or id names the article is preferred to the whole page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.hidden = 0  # open elements hidden by attribute or style
        self.parts: list[str] = []
        self.weights: list[int] = [0]  # visible characters in parts[:i], for every i
        # (tag, start index in parts of a content block, hidden by its attributes)
        self.stack: list[tuple[str, int | None, bool]] = []
        self.blocks: list[tuple[int, int]] = []

    def _part(self, text: str) -> None:
        self.parts.append(text)
        self.weights.append(self.weights[-1] + sum(map(len, text.split())))

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P and self.stack and self.stack[-1][0] == "p":
            self._close()  # <p hidden>…<p>: the first paragraph ends, as in a browser
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCK:
            self._part("\n")
        if tag in VOID:
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        hidden = any(
            k == "hidden" or k == "style" and v and HIDDEN_STYLE.search(re.sub(r"\s+", "", v.lower())) for k, v in attrs
        )
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
            return "".join(self.parts[best[0] : best[1]])
        return "".join(self.parts)


def _clean(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


DOCUMENT = "word/document.xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted Office document, or a .doc


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
        except RuntimeError:  # "encrypted, password required"
            raise DocxProblem("extract.docx_encrypted", where) from None
        with stream:
            return _paragraphs(stream)


def _paragraphs(stream) -> str:
    """Paragraph texts from the XML ``stream``, read in chunks and parsed as it goes: each text run
    belongs to the innermost paragraph open (a text box's paragraphs inside a paragraph are lines of
    their own), so every character is collected once and the work is linear in the document, however
    paragraphs nest. Past MAX_BYTES uncompressed (a zip bomb), or past MAX_BYTES characters of text
    collected, DocxProblem. A document type declaration (``<!DOCTYPE``, and so any ``<!ENTITY``) is
    refused where it stands (``xml_parser``)."""
    para, text = f"{W[1:]}p", f"{W[1:]}t"  # expat writes a name uri}local
    parser = xml_parser(DOCUMENT)
    lines: list[str] = []
    open_paras: list[list[str]] = []
    run: list[str] | None = None  # the text of the w:t element open, before any child of it
    taking = False
    total = collected = 0

    def start(tag, attrs):
        nonlocal run, taking
        taking = tag == text  # a child of w:t: what follows it is not w:t's text
        if taking:
            run = []
        elif tag == para:
            open_paras.append([])

    def end(tag):
        nonlocal run, taking
        taking = False
        if tag == text:
            if open_paras and run is not None:
                open_paras[-1].append("".join(run))
            run = None
        elif tag == para and open_paras:
            lines.append("".join(open_paras.pop()))

    def data(chars):
        nonlocal collected
        if taking:
            collected += len(chars)
            if collected > MAX_BYTES:  # the text, however it was written, is held to the cap
                raise DocxProblem("extract.docx_too_large", {"member": DOCUMENT, "limit": MAX_BYTES})
            run.append(chars)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    while True:
        try:
            chunk = stream.read(CHUNK)
        except Exception:  # noqa: BLE001 - zlib.error, a bad CRC, EOF, lzma or bz2: the data is damaged
            raise DocxProblem("extract.docx_corrupt", {"member": DOCUMENT}) from None
        total += len(chunk)
        if total > MAX_BYTES:
            raise DocxProblem("extract.docx_too_large", {"member": DOCUMENT, "limit": MAX_BYTES})
        parser.Parse(chunk, not chunk)
        if not chunk:
            break
    return "\n".join(lines)


def xml_parser(member: str):
    """An expat parser (names as ``uri}local``) that refuses a document type declaration, and with it
    every entity declaration, as DocxProblem ``extract.docx_doctype`` at its line and column: Word
    never writes one, and an internal entity referred to thousands of times, kept just under expat's
    own amplification limit, turned a 10 KB .docx into 800 MB of text. External entities and
    parameter entities are never read."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_):
        raise DocxProblem(
            "extract.docx_doctype",
            {"member": member, "line": parser.CurrentLineNumber, "column": parser.CurrentColumnNumber + 1},
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


# formats read by no reader here, and what to save them as (Word and WPS open both)
LEGACY = {".doc": ".docx", ".wps": ".docx"}


def _pdf(data: bytes, file: str, diags: list) -> str | None:
    """A PDF's text layer (a PagedText: positions give page and row), or None with a diagnostic;
    pages with no text (scanned among typed ones) are said in a note."""
    from checker.extract import pdf

    try:
        text = pdf.read(data)
    except pdf.PdfProblem as exc:
        diags.append(Diagnostic(exc.code, file, None, None, exc.params))
        return None
    if text.blank_pages:
        diags.append(
            Diagnostic(
                "extract.pdf_blank_pages", file, None, None, {"pages": "、".join(map(str, text.blank_pages))}, "note"
            )
        )
    return text


def read_report(path: Path, diags: list) -> str | None:
    """The report's text, or None with a diagnostic."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix in LEGACY:  # refused by its name: nothing in it is read
        diags.append(Diagnostic("extract.legacy_format", file, None, None, {"suffix": suffix, "to": LEGACY[suffix]}))
        return None
    try:
        data = read_capped(path, MAX_BYTES)  # a pipe or a device too: never more than the limit
    except TooLarge as exc:
        diags.append(exc.diagnostic(file))
        return None
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", file, None, None, {"reason": exc.strerror or str(exc)}))
        return None
    if suffix == ".pdf":
        return _pdf(data, file, diags)
    if suffix == ".docx":
        try:
            return _clean(_docx(data))
        except DocxProblem as exc:
            diags.append(Diagnostic(exc.code, file, None, None, exc.params))
            return None
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            KeyError,
            ExpatError,
            ValueError,
            OSError,
            EOFError,
            zlib.error,
        ) as exc:
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
