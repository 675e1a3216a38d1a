"""Styled text laid out for a terminal: cell widths, line breaking for Chinese and English, ANSI colour.

The terminal view is one long list of short paragraphs; laying it out here rather than through
rich's general-purpose Text.wrap makes a one-file ``fazhi check`` about a quarter faster, and lets
the breaking follow Chinese rules: a line may break between any two Chinese characters, but
never before closing punctuation (，。）” …) or after opening punctuation (（“《 …); English
breaks at spaces; a run wider than the line is folded.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33",
        "magenta": "35", "cyan": "36"}
_OPEN = set("（《「『【〔〈“‘")
_CLOSE = set("，。、；：！？）》」』】〕〉”’％…")
_WORD = re.compile(r"\s*\S+\s*")
_SHORT = 24   # cells: a word up to this wide moves to the next line whole
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Control characters from a submission never reach the terminal as such (an escape sequence
# could rewrite the screen): they are shown escaped, a tab as a space.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7f, 0xa0)) if c != 0x0a}
_CONTROLS[0x09] = " "


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in "WF":
        return 2
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    return 1


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def paint(text: str, style: str | None, color: bool) -> str:
    if not (color and style and text):
        return text
    return f"\x1b[{';'.join(_SGR[w] for w in style.split())}m{text}\x1b[0m"


def breaks(text: str, limit: int) -> list[int]:
    """Offsets where ``text`` (one logical line) is broken to fit ``limit`` cells per line.

    Words (runs between spaces) are kept whole where that costs little: a short word that does
    not fit moves to the next line.  A long one fills the rest of the line, broken between
    Chinese characters (never before closing or after opening punctuation), and anything still
    wider than a line is folded.
    """
    out: list[int] = []
    used = 0
    for word in _WORD.finditer(text):
        start, token = word.start(), word.group()
        need = width(token.rstrip())
        if used + need <= limit:
            used += width(token)
            continue
        if need <= limit and (need <= _SHORT or limit - used < limit // 3):
            if used:
                out.append(start)
            used = width(token)
            continue
        for ustart, piece in _units(token, start):
            uneed = width(piece.rstrip())
            if used + uneed > limit and used:
                out.append(ustart)
                used = 0
            if used + uneed <= limit:
                used += width(piece)
                continue
            for i, ch in enumerate(piece):     # fold a run wider than the line
                w = char_width(ch)
                if used + w > limit and used:
                    out.append(ustart + i)
                    used = 0
                used += w
    return out


def _units(word: str, offset: int):
    """(offset, piece) of a word cut where a line may break: beside a Chinese (wide) character,
    but never before closing punctuation or space, nor after opening punctuation."""
    begin = 0
    for i in range(1, len(word)):
        prev, ch = word[i - 1], word[i]
        if ch in _CLOSE or prev in _OPEN or ch.isspace():
            continue
        if char_width(prev) == 2 or char_width(ch) == 2:
            yield offset + begin, word[begin:i]
            begin = i
    yield offset + begin, word[begin:]


class Lines:
    """Paragraphs of styled segments, laid out into lines of at most ``width`` cells."""

    def __init__(self, width: int, color: bool):
        self.width, self.color = width, color
        self.out: list[str] = []

    def blank(self) -> None:
        self.out.append("")

    def para(self, segments, first: str = "", rest: str = "", limit: int | None = None) -> None:
        """Lay out [(text, style), ...]; ``first`` (styled already) starts the first line and
        ``rest`` the others; both must be ``limit`` cells narrower than the line."""
        limit = limit or self.width - width(_ANSI.sub("", first))
        plain, runs, pos = [], [], 0
        for text, style in segments:
            if text:
                text = text.translate(_CONTROLS)
                plain.append(text)
                runs.append((pos, pos + len(text), style))
                pos += len(text)
        whole = "".join(plain)
        offset, lead = 0, first
        for logical in whole.split("\n"):
            cuts = [0] + breaks(logical, limit) + [len(logical)]
            for a, b in zip(cuts, cuts[1:]):
                b = a + len(logical[a:b].rstrip())
                line = lead + self._styled(whole, runs, offset + a, offset + b)
                self.out.append(line if b > a else line.rstrip())
                lead = rest
            offset += len(logical) + 1

    def _styled(self, whole: str, runs, a: int, b: int) -> str:
        return "".join(paint(whole[max(a, start):min(b, end)], style, self.color)
                       for start, end, style in runs if start < b and end > a)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.out)

