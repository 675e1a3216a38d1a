"""Numbers as Chinese reports write them: 12, 2,528, １２, 十二, 两千五百二十八, 300余, 近20, 4.29亿元."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join(DIGITS) + "".join(SMALL) + "".join(LARGE)
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = rf"[{CN_CHARS}]+"
BEFORE = ("近", "约", "逾", "超过", "大约", "达")
APPROX_BEFORE = ("近", "约", "逾", "超过", "大约")
APPROX_AFTER = ("余", "多")
# one number: optional approximation word, digits or Chinese numerals, optional 余/多. It starts where a
# run of digits or numerals starts (the look-behind): a match tried inside a long run would otherwise
# run to its end from every position in it, quadratic in the run.
WAN = r"(?:[ \t]?(?P<wan>万(?!元)))?"  # 1.3万件, 1.3 万件: ten thousand (an amount's 万元 is its unit)
NUMBER = (
    rf"(?P<before>近|约|逾|超过|大约)?(?<![\d{CN_CHARS}])(?<!\d[.,])(?P<num>{ARABIC}|{CHINESE})(?:[ \t]?(?P<after>余|多))?"
    rf"{WAN}(?P<later>余|多)?"  # 2万余名, 15万余人次, 20万余元: 余 after 万 too
)


def halfwidth(text: str) -> str:
    """Full-width ASCII (１２％，) to half-width, and a digit of any other script (٠١٢, ۱۲, १२) to its
    ASCII digit, as full-width digits are: one character for one so positions hold."""
    return "".join(
        chr(ord(c) - 0xFEE0)
        if "\uff01" <= c <= "\uff5e"
        else (" " if c == "\u3000" else (str(unicodedata.decimal(c)) if c >= "\u0660" and c.isdecimal() else c))
        for c in text
    )


def chinese_to_int(text: str) -> int | None:
    """十二 → 12, 两千五百二十八 → 2528, 一百零七 → 107, 三万 → 30000; None if it is not a number."""
    if all(c in DIGITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text)) if len(text) > 1 else DIGITS[text]
    total, section, digit = 0, 0, None
    for char in text:
        if char in "零〇":
            continue  # 一百零七: a place holder inside a positional number
        if char in DIGITS:
            if digit is not None and DIGITS[char] != 0:
                return None  # two digits in a row inside a positional number
            digit = DIGITS[char]
        elif char in SMALL:
            section += (1 if digit is None else digit) * SMALL[char]
            digit = None
        elif char in LARGE:
            section += digit or 0
            total = (total + section) * LARGE[char] if LARGE[char] > 10**4 else total + section * LARGE[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def to_number(text: str) -> int | float | None:
    text = text.replace(",", "")
    if text and text[0].isdigit():
        value = Decimal(text)
        return int(value) if value == value.to_integral_value() else float(value)
    return chinese_to_int(text)


def scaled(value, scale: str | None):
    """4.29 with 亿元 → 429000000 (exact: decimal arithmetic)."""
    if not scale:
        return value
    factor = 10**8 if scale.startswith("亿") else (10**4 if scale.startswith("万") else 1)
    result = Decimal(str(value)) * factor
    return int(result) if result == result.to_integral_value() else float(result)


_SIMPLE: dict = {}


def simplified(text: str) -> str:
    """``text`` with each traditional ideograph written simplified, one for one, so that positions
    hold (區級大廳事項進駐率 is read as 区级大厅事项进驻率): OpenCC's character table, as the reader of
    places uses it (checker.region.region_key); nothing is fetched."""
    from checker.region import region_key

    out = []
    changed = False
    for c in text:
        if "\u4e00" <= c <= "\u9fff":
            s = _SIMPLE.get(c)
            if s is None:
                key = region_key(c)
                s = _SIMPLE[c] = key if len(key) == 1 else c
            if s != c:
                changed = True
                c = s
        out.append(c)
    return "".join(out) if changed else text
