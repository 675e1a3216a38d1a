"""Reading a report into plain text, one paragraph per line: .txt (UTF-8 or GBK), .html, .docx."""
from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from checker.errors import Diagnostic
from checker.submission import decode
MAX_BYTES = 20 * 1024 * 1024
SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "select", "noscript", "iframe", "button",
        "head", "title", "svg"}
BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
         "td", "th", "ul", "ol", "blockquote", "center"}
CONTENT = re.compile(r"article|content|TRS_Editor|zoom|detail|main|text|zw|nr", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Html(HTMLParser):
    """Visible text; the block whose class or id names the article is preferred to the whole page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts: list[str] = []
        self.stack: list[tuple[str, int | None]] = []   # (tag, start index in parts of a content block)
        self.blocks: list[tuple[int, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCK:
            self.parts.append("\n")
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if tag != "br":
            self.stack.append((tag, len(self.parts) if CONTENT.search(marker) else None))

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self.parts.append("\n")
        while self.stack:
            open_tag, start = self.stack.pop()
            if start is not None:
                self.blocks.append((start, len(self.parts)))
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        whole = "".join(self.parts)
        best = ""
        for start, end in self.blocks:
            candidate = "".join(self.parts[start:end])
            if len(_clean(candidate)) > len(_clean(best)):
                best = candidate
        return best if len(_clean(best)) >= 0.3 * len(_clean(whole)) and len(_clean(best)) > 200 else whole


def _clean(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _docx(data: bytes) -> str:
    import io
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_BYTES:
            raise ValueError("document.xml too large")
        root = ET.fromstring(archive.read(info))
    paragraphs = []
    for para in root.iter(f"{W}p"):
        paragraphs.append("".join(node.text or "" for node in para.iter() if node.tag in (f"{W}t", f"{W}tab")))
    return "\n".join(paragraphs)


def read_report(path: Path, diags: list) -> str | None:
    """The report's text, or None with a diagnostic."""
    file = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            diags.append(Diagnostic("input.too_large", file, None, None,
                                    {"size": path.stat().st_size, "limit": MAX_BYTES}))
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", file, None, None, {"reason": exc.strerror or str(exc)}))
        return None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        try:
            return _clean(_docx(data))
        except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError) as exc:
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
