"""Styled text laid out for a terminal: cell widths, line breaking for Chinese and English, ANSI colour.

The terminal view is one long list of short paragraphs; laying it out here rather than through
rich's general-purpose Text.wrap keeps a one-file ``fazhi check`` fast (docs/performance.md), and lets
the breaking follow Chinese rules: a line may break between any two Chinese characters, but
never before closing punctuation (，。）” …) or after opening punctuation (（“《 …); English
breaks at spaces; a run wider than the line is folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from checker.i18n import BIDI_MARKS

_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "magenta": "35",
    "cyan": "36",
}
_OPEN = set("（《「『【〔〈“‘")
_CLOSE = set("，。、；：！？）》」』】〕〉”’％…")
_WORD = re.compile(r"\s*\S+\s*")
_SHORT = 24  # cells: a word up to this wide moves to the next line whole
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Control characters from a submission never reach the terminal as such (an escape sequence
# could rewrite the screen): they are shown escaped, a tab as a space.
# Nor do the marks that reorder text as it is shown (a right-to-left override makes a line read
# otherwise than it is written).
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c != 0x0A}
_CONTROLS.update({ord(c): f"\\u{ord(c):04x}" for c in BIDI_MARKS})
_CONTROLS[0x09] = " "
_HAS_CONTROL = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_MARKS}]").search


class _Widths(dict):
    """Character -> terminal cells, filled as characters are met."""

    def __missing__(self, ch: str) -> int:
        if unicodedata.east_asian_width(ch) in "WF":
            w = 2
        elif unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
            w = 0
        else:
            w = 1
        self[ch] = w
        return w


_CELLS = _Widths()
char_width = _CELLS.__getitem__


def visible(text: str) -> str:
    """``text`` with control characters and direction marks written as escapes (``\\x01``,
    ``\\u202e``): what a text output shows of words from input, as ``Out.para`` does."""
    return text.translate(_CONTROLS) if _HAS_CONTROL(text) else text


def width(text: str) -> int:
    return len(text) if text.isascii() else sum(map(char_width, text))


def paint(text: str, style: str | None, color: bool) -> str:
    if not (color and style and text):
        return text
    return f"\x1b[{';'.join(_SGR[w] for w in style.split())}m{text}\x1b[0m"


def breaks(text: str, limit: int) -> tuple:
    """Offsets where ``text`` (one logical line) is broken to fit ``limit`` cells per line."""
    if len(text) <= _CACHED:
        return _cached_breaks(text, limit)
    return _breaks(text, limit)


_CACHED = 240  # characters: titles, bases and hints recur in every file; long text from a file is not kept


@lru_cache(maxsize=8192)
def _cached_breaks(text: str, limit: int) -> tuple:
    return _breaks(text, limit)


def _breaks(text: str, limit: int) -> tuple:
    """The line breaking itself.

    Words (runs between spaces) are kept whole where that costs little: a short word that does
    not fit moves to the next line.  A long one fills the rest of the line, broken between
    Chinese characters (never before closing or after opening punctuation), and anything still
    wider than a line is folded.
    """
    if width(text) <= limit:
        return ()
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
        # a long word: one pass over its characters, breaking at the last opportunity that fits
        line_start, opp, used_at_opp, prev = (start if used == 0 else -1), -1, 0, ""
        for i, ch in enumerate(token, start):
            if (
                prev
                and ch not in _CLOSE
                and prev not in _OPEN
                and not ch.isspace()
                and (char_width(prev) == 2 or char_width(ch) == 2)
            ):
                opp, used_at_opp = i, used
            w = char_width(ch)
            if used + w > limit and used and not ch.isspace():
                if opp > line_start:
                    out.append(opp)
                    used -= used_at_opp
                    line_start = opp
                if used + w > limit and used:  # no opportunity that fits: fold here
                    out.append(i)
                    used = 0
                    line_start = i
            used += w
            prev = ch
    return tuple(out)


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
                if _HAS_CONTROL(text):
                    text = text.translate(_CONTROLS)
                plain.append(text)
                runs.append((pos, pos + len(text), style))
                pos += len(text)
        whole = "".join(plain)
        out, offset, lead = self.out, 0, first
        for logical in whole.split("\n"):
            cuts = breaks(logical, limit)
            if not cuts and not self.color:  # the common case: one plain line
                out.append((lead + logical).rstrip())
                lead = rest
                offset += len(logical) + 1
                continue
            cuts = (0, *cuts, len(logical))
            for a, b in zip(cuts, cuts[1:]):
                b = a + len(logical[a:b].rstrip())
                line = lead + (self._styled(whole, runs, offset + a, offset + b) if self.color else logical[a:b])
                out.append(line if b > a else line.rstrip())
                lead = rest
            offset += len(logical) + 1

    def _styled(self, whole: str, runs, a: int, b: int) -> str:
        return "".join(
            paint(whole[max(a, start) : min(b, end)], style, self.color)
            for start, end, style in runs
            if start < b and end > a
        )

    def text(self) -> str:
        return "".join(line + "\n" for line in self.out)
