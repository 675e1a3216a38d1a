"""One guard for a place's name, shared by every reader (YAML/JSON submissions, prose reports, waivers)
and by ``--region``: two names that look the same are the same name, or one of them is refused.

A name is made NFC (a compatibility ideograph such as U+F9xx becomes the ideograph it stands for,
a decomposed accent is composed), stripped of white space at either end, and white space inside it
(a no-break or full-width space, a run of them) is one ASCII space. What would make two identical-looking
names differ, or a name read otherwise than written, is refused with its position in the name: a line
break, a control character, a mark that reorders text (bidi), and every invisible character (a format
character of category Cf such as U+200B or U+FEFF, a tag character U+E0000–E007F, a variation selector,
a filler: Unicode's default-ignorable code points). Nothing is removed in silence.
"""
from __future__ import annotations

import re
import unicodedata

from checker.i18n import BIDI_MARKS

# what the message has said since the first guard: a line break, a control character, a bidi mark
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_MARKS}]")
# Unicode's default-ignorable code points that are not of category Cf (those are refused by category):
# combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian selectors, variation
# selectors, the half-width Hangul filler
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
                        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
_SPACE = re.compile(r"\s+")


class RegionProblem(Exception):
    """A name that cannot be a place's name: ``code`` (i18n) and its ``params``."""

    def __init__(self, code: str, params: dict):
        super().__init__(code)
        self.code, self.params = code, params


def shown(text: str) -> str:
    """``text`` with every refused character written as its code point (``示例\\u200b县``)."""
    return "".join((f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") if _refused(c) else c
                   for c in text)


def _refused(char: str) -> bool:
    return bool(_UNPRINTABLE.match(char)) or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") \
        or bool(_IGNORABLE.match(char))


def region_name(text: str) -> str:
    """The place's name ``text`` as it is compared everywhere, or RegionProblem.

    Codes: ``input.region`` (nothing but white space), ``input.region_unprintable`` (a line break, a
    control character or a bidi mark), ``input.region_invisible`` (an invisible or format character;
    ``index`` is its 1-based place in the name as written, ``char`` its code point)."""
    stripped = text.strip()          # white space at either end (a trailing line break too) is no part of it
    for index, char in enumerate(stripped, len(text) - len(text.lstrip()) + 1):
        if _UNPRINTABLE.match(char) or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise RegionProblem("input.region_unprintable", {"raw": text, "index": index,
                                                             "char": f"U+{ord(char):04X}"})
        if _refused(char):
            raise RegionProblem("input.region_invisible", {"raw": shown(text), "index": index,
                                                           "char": f"U+{ord(char):04X}",
                                                           "name": unicodedata.name(char, "")})
    name = _SPACE.sub(" ", unicodedata.normalize("NFC", stripped))
    if not name:
        raise RegionProblem("input.region", {"raw": text})
    return name


__all__ = ["RegionProblem", "region_name", "shown"]
