"""One guard for a place's name, shared by every reader (YAML/JSON submissions, prose reports, waivers)
and by ``--region``: two names that look the same are the same name, or one of them is refused.

A name is made NFC (a compatibility ideograph such as U+F9xx becomes the ideograph it stands for,
a decomposed accent is composed), stripped of white space at either end, and white space inside it
(a no-break or full-width space, a run of them) is one ASCII space. What would make two identical-looking
names differ, or a name read otherwise than written, is refused with its position in the name: a line
break, a control character, a mark that reorders text (bidi), and every invisible character (a format
character of category Cf such as U+200B or U+FEFF, a tag character U+E0000–E007F, a variation selector,
a filler: Unicode's default-ignorable code points). Nothing is removed in silence.

Characters that look like an ideograph and are another are made that ideograph: a Kangxi radical
(⾦ U+2FA6 is 金) and a CJK radical with a compatibility mapping, by NFKC; a full-width letter or digit
(ＡＢＣ) is the ASCII one. A CJK radical with no such mapping (⻓ U+2EBB) is refused, as is a combining
mark on an ideograph (社旗县 + U+0301): each at its place. A name is at most MAX_LENGTH characters.

Two names are the same place where their ``region_key`` is the same: the name with every compatibility
form folded (NFKC: full-width punctuation too) and every traditional character written simplified
(社旗縣 is 社旗县), by OpenCC's character table as the ``opencc-purepy`` package ships it. The key is for
comparing only (ranking once, waivers, the previous year); a name is shown as it was written.
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
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_SPACE = re.compile(r"\s+")
# the longest county-level names are about 15 characters (双江拉祜族佤族布朗族傣族自治县); a name far
# longer (a hundred characters and more) is not a place's name: a pasted paragraph, a file's contents
MAX_LENGTH = 100
# what is made the character it stands for: the Kangxi radicals and the CJK radicals supplement (by
# NFKC, where it maps one), the full-width ASCII letters and digits
_LOOKALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# the CJK ideographs: the unified blocks, the compatibility ideographs (NFC makes them unified ones)
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


class RegionProblem(Exception):
    """A name that cannot be a place's name: ``code`` (i18n) and its ``params``."""

    def __init__(self, code: str, params: dict):
        super().__init__(code)
        self.code, self.params = code, params


def shown(text: str) -> str:
    """``text`` with every refused character written as its code point (``示例\\u200b县``)."""
    return "".join((f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") if _refused(c) else c for c in text)


def _refused(char: str) -> bool:
    return (
        bool(_UNPRINTABLE.match(char))
        or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        or bool(_IGNORABLE.match(char))
    )


def region_name(text: str) -> str:
    """The place's name ``text`` as it is compared everywhere, or RegionProblem.

    Codes: ``input.region`` (nothing but white space), ``input.region_unprintable`` (a line break, a
    control character or a bidi mark), ``input.region_invisible`` (an invisible or format character;
    ``index`` is its 1-based place in the name as written, ``char`` its code point),
    ``input.region_radical`` (a CJK radical that is no ideograph's compatibility form),
    ``input.region_mark`` (a combining mark on an ideograph), ``input.region_too_long`` (more than
    MAX_LENGTH characters: ``length``, ``max``)."""
    stripped = text.strip()  # white space at either end (a trailing line break too) is no part of it
    if len(stripped) > MAX_LENGTH:
        raise RegionProblem(
            "input.region_too_long", {"raw": shown(stripped[:20]) + "…", "length": len(stripped), "max": MAX_LENGTH}
        )
    base = ""  # the last character that is not a combining mark
    for index, char in enumerate(stripped, len(text) - len(text.lstrip()) + 1):
        if _UNPRINTABLE.match(char) or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise RegionProblem("input.region_unprintable", {"raw": text, "index": index, "char": f"U+{ord(char):04X}"})
        if _refused(char):
            raise RegionProblem(
                "input.region_invisible",
                {"raw": shown(text), "index": index, "char": f"U+{ord(char):04X}", "name": unicodedata.name(char, "")},
            )
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Mc", "Me"):
            if _IDEOGRAPH.match(base):
                raise RegionProblem(
                    "input.region_mark",
                    {
                        "raw": shown(text),
                        "index": index,
                        "char": f"U+{ord(char):04X}",
                        "name": unicodedata.name(char, ""),
                    },
                )
            continue
        base = char
        if "\u2e80" <= char <= "\u2eff" and unicodedata.normalize("NFKC", char) == char:
            raise RegionProblem(
                "input.region_radical",
                {"raw": text, "index": index, "char": f"U+{ord(char):04X}", "name": unicodedata.name(char, "")},
            )
    name = _SPACE.sub(" ", unicodedata.normalize("NFC", stripped))
    if _LOOKALIKE.search(name):
        name = _LOOKALIKE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), name)
    if not name:
        raise RegionProblem("input.region", {"raw": text})
    return name


# the peoples an autonomous prefecture, county or banner is named for (the 55 officially recognised),
# longest first where one begins another (土家 before 土)
PEOPLES = (
    "柯尔克孜|乌孜别克|维吾尔|哈萨克|达斡尔|鄂温克|鄂伦春|俄罗斯|塔吉克|塔塔尔|蒙古|布依|朝鲜|土家|哈尼|傈僳|"
    "拉祜|东乡|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|珞巴|基诺|高山|"
    "回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京"
)
AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{PEOPLES})族?)+自治([州县旗])$")
# the three prefectures whose short names are not their place name's (巴音郭楞蒙古自治州: 巴州)
SHORT = {"巴音郭楞州": "巴州", "博尔塔拉州": "博州", "克孜勒苏州": "克州"}


def region_key(name: str) -> str:
    """The identity of a place's name as ``region_name`` gives it, for comparing: compatibility forms
    folded (NFKC) and traditional characters written simplified, one character for one (社旗縣 and
    社旗县 are one place), and an autonomous prefecture, county or banner by the short name officials
    use (张家川回族自治县 and 张家川县, 延边朝鲜族自治州 and 延边州 are one place). Never shown: a name is
    shown as written."""
    key = unicodedata.normalize("NFKC", name)
    if key.isascii():
        return key
    table = _simplified()
    key = "".join([table.get(char, char) for char in key])
    if len(key) > MAX_LENGTH or not key.endswith(("自治州", "自治县", "自治旗")):
        return key  # a hostile name is compared as it is
    key = AUTONOMOUS.sub(r"\1\2", key)
    return SHORT.get(key, key)


_TABLE: dict = {}


def _simplified() -> dict:
    """{traditional character: its simplified form}: the first choice of each line of OpenCC's
    TSCharacters dictionary as ``opencc-purepy`` ships it (read once, a few milliseconds; nothing is
    fetched). Its character-only conversion (``OpenCC.ts``) reads the same table; the file is read
    here so as not to load every other dictionary (a fifth of a second)."""
    if not _TABLE:
        from importlib.resources import files

        text = files("opencc_purepy").joinpath("dicts", "TSCharacters.txt").read_text(encoding="utf-8")
        for line in text.splitlines():
            traditional, _, simplified = line.partition("\t")
            if len(traditional) == 1 and simplified:
                _TABLE[traditional] = simplified.split(" ")[0]
    return _TABLE


__all__ = ["MAX_LENGTH", "RegionProblem", "region_key", "region_name", "shown"]
