"""The folder of split outputs (``fazhi score --split-at N``: past ``SPLIT_AT`` counties each county's
scoring sheet and report page is a file of its own beside the output) and its files' names, shared by the
workbook (checker.score.xlsx) and the report (checker.score.html)."""

from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import quote

from checker import i18n
from checker.outputs import display_name
from checker.score.model import CohortReport

# key: (zh, en)
WORDS = {
    "split.note": (
        "各地区的评分表或报告页共 {n} 个文件，写在文件夹 {folder}：其中 {replaced} 个替换了同名的旧文件；"
        "文件夹中另有 {others} 个文件，未改动",
        "{n} files of the regions' scoring sheets or report pages written to the folder {folder}: {replaced} of "
        "them replaced a file of the same name; {others} other file(s) in the folder left as they were",
    ),
}


SPLIT_AT = 2000  # counties in one workbook and one page at most (a size a user would still open)
_NOT_IN_NAMES = re.compile(r'[/\\:*?"<>|#%]')  # not in a file name anywhere (nor, # and %, in a link)
NAME_CHARS = 60  # characters of the region in a file name at most
NAME_BYTES = 120  # and its UTF-8 bytes (a file name has 255 at most on most file systems)


def split_folder(path: str) -> str:
    """The folder beside an output where its counties' files go: ``out.xlsx`` → ``out-counties``."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0] if not name.startswith(".") or name.count(".") > 1 else name
    return os.path.join(folder, (stem or name) + "-counties")


def safe_name(text: str) -> str:
    """A region as part of a file name every system takes: no / \\ : * ? " < > | # %, no control or format
    characters, white space as one space, no dot or space at either end, at most ``NAME_CHARS``
    characters and ``NAME_BYTES`` bytes (cut with …); "-" where nothing is left."""
    out = []
    for ch in display_name(text):
        kind = unicodedata.category(ch)
        if kind in ("Cc", "Cf", "Cs", "Co", "Cn") or kind in ("Zl", "Zp"):
            ch = " " if ch in "\t\n\r\x0b\x0c" or kind in ("Zl", "Zp") else ""
        elif kind == "Zs":
            ch = " "
        elif _NOT_IN_NAMES.match(ch):
            ch = "_"
        out.append(ch)
    name = " ".join("".join(out).split()).strip(" .")
    if len(name) > NAME_CHARS or len(name.encode("utf-8")) > NAME_BYTES:
        name = name[:NAME_CHARS]
        while len(name.encode("utf-8")) > NAME_BYTES - 3:
            name = name[:-1]
        name = name.rstrip(" .") + "…"
    return name or "-"


def county_stems(report: CohortReport) -> list[str]:
    """Each county's file name without its extension, in ranking order: its place in the ranking (which ties
    do not share: the names are unique whatever the regions are), the region, the year."""
    width = max(4, len(str(len(report.counties))))
    return [f"{i:0{width}d} {safe_name(c.region)} {c.year or ''}".rstrip() for i, c in enumerate(report.counties, 1)]


def link(*parts: str, iri: bool = False) -> str:
    """A relative link to a file, its parts joined by / and escaped as a URL's path; with ``iri`` only the
    ASCII characters escaped (a space as %20), the others as they are, as Excel writes a link to a file."""
    if iri:
        return "/".join("".join(ch if ord(ch) > 127 else quote(ch, safe="") for ch in part) for part in parts)
    return "/".join(quote(part, safe="") for part in parts)


class CountyFiles:
    """The files of split outputs written into ``folder`` (made where it is not there; the workbook's and the
    report's share it where they share a name): each written whole under a temporary name and put in place (a
    file of the same name is replaced); nothing else in the folder is touched, nothing is deleted. ``note``
    says what was written and replaced, and what else is there."""

    def __init__(self, folder: str):
        from checker.errors import OutputFailed

        self.folder, self.names, self.replaced = folder, set(), 0
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise OutputFailed(folder, exc) from None

    def write(self, name: str, data: bytes) -> None:
        from checker.errors import OutputFailed
        from checker.outputs import write_file

        path = os.path.join(self.folder, name)
        try:
            self.replaced += os.path.lexists(path)
            write_file(path, data)
        except OSError as exc:
            raise OutputFailed(path, exc) from None
        self.names.add(name)

    def note(self, lang: str) -> str:
        try:
            others = sum(1 for name in os.listdir(self.folder) if name not in self.names)
        except OSError:
            others = 0
        folder = display_name(self.folder)
        return i18n.word(
            WORDS,
            "split.note",
            lang,
            n=len(self.names),
            folder=folder,
            replaced=self.replaced,
            others=others,
        )
