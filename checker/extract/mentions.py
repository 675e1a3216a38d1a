"""Every number with a unit in a report: counts with their measure words (12件, 300余次, 4.71万件次),
rates (98.5%, 百分之百), amounts (4.29亿元) and periods (3个工作日), each with where it stands and how
it is qualified (余/多/近/约/以上: approximate; 个百分点: a change, never a level).

Found before anything is attributed to an indicator (checker.extract.attribute): a number that no
phrasing and no evidence attributes is still a mention, listed for review (``fazhi extract
--candidates``). What is not a figure is left out here: ordinals (第3次), a lone 一 (一件事, 一次办),
numbers inside quotation marks (“一件事”, “十四五”) and inside titles and document numbers (masked
before: checker.extract._masked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.numbers import CN_CHARS, NUMBER, scaled, to_number

# measure words, longest first; the family a figure in them belongs to
COUNT_UNITS = (
    "件次",
    "人次",
    "户次",
    "场次",
    "批次",
    "家次",
    "期次",
    "个次",
    "项次",
    "条次",
    "次数",
    "件",
    "次",
    "个",
    "项",
    "卷",
    "户",
    "人",
    "名",
    "条",
    "起",
    "份",
    "场",
    "家",
    "期",
    "批",
    "篇",
    "所",
    "宗",
    "部",
    "类",
    "轮",
    "位",
    "支",
    "处",
    "套",
    "本",
    "册",
    "门",
    "座",
    "台",
    "张",
    "堂",
)
DAY_UNITS = ("个工作日", "工作日", "天")
POINT_UNITS = ("个百分点", "百分点")
# a count in these is a duration or a part of a name, not a figure: 3个月, 两个确立, 一件事
NOT_AFTER = {
    "个": ("月", "工作日", "百分点", "小时", "季度"),
    "次": ("性",),
    "期": ("间",),
    "名": ("单", "录"),
    "部": ("门",),
    "项": ("目",),
    "条": ("例",),
    "家": ("庭",),
    "类": ("型", "别"),
    "人": ("民", "员"),
    "场": ("所",),
    "起": ("草", "来", "到"),
}
SITTING = ("会", "全会", "全体会", "常务会", "常委会", "党代会", "人代会")
ORDINAL_AFTER = re.compile(r"[\d一二三四五六七八九十]{1,4}届$")  # …届: the session's number, then the sitting's
APPROX_BEFORE = {"近": "under", "约": "about", "大约": "about", "逾": "over", "超过": "over", "高于": "over"}
APPROX_AFTER = {"余": "over", "多": "over"}
APPROX_TAIL = {"以上": "over", "左右": "about"}

_UNITS = "|".join(re.escape(u) for u in sorted(DAY_UNITS + POINT_UNITS + COUNT_UNITS, key=len, reverse=True))
_PERCENT_CN = rf"百分之(?P<pcn>[{CN_CHARS}点]+)"
MENTION = re.compile(
    rf"(?P<hi>高于)?{NUMBER}\s*(?:(?P<pct>%)|(?P<money>亿元|万元|元)|(?P<unit>{_UNITS}))(?P<tail>以上|左右)?"
    rf"|{_PERCENT_CN}"
)


@dataclass(frozen=True)
class Mention:
    start: int  # where the number itself starts in the text (after 近/约/逾)
    end: int  # where the mention ends (its unit, 以上 included)
    number_end: int  # where the number and its 余/多 end (the unit starts)
    value: object  # int or float, in the indicator's unit (yuan for amounts, percent for rates)
    family: str  # count | percent | yuan | days | points
    measure: str  # the measure word: 件, 次, 个, …; % for a rate, 元 for an amount
    approx: str | None  # over | under | about, or None where stated exactly
    text: str  # as written: 300余次

    @property
    def key(self) -> int:
        return self.start


def _family(unit: str) -> str:
    if unit in DAY_UNITS:
        return "days"
    if unit in POINT_UNITS:
        return "points"
    return "count"


def _quoted(text: str, start: int, end: int, pos: int) -> bool:
    """Is ``pos`` inside “…” (or 「…」) opened and closed on the same line?"""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    opened = max(before.rfind("“"), before.rfind("「"))
    if opened < 0 or max(before.rfind("”"), before.rfind("」")) > opened:
        return False
    line_end = text.find("\n", pos)
    after = text[pos : line_end if line_end >= 0 else len(text)]
    close = min((i for i in (after.find("”"), after.find("」")) if i >= 0), default=-1)
    return 0 <= close <= 30


def find(text: str) -> list[Mention]:
    """Every mention in ``text`` (half-width, titles masked), in order."""
    out: list[Mention] = []
    for m in MENTION.finditer(text):
        if m.group("pcn") is not None:
            raw = m.group("pcn")
            value = 100 if raw == "百" else to_number(raw) if "点" not in raw else None
            if value is None:
                continue
            out.append(Mention(m.start(), m.end(), m.end(), value, "percent", "%", None, m.group()))
            continue
        num = m.group("num")
        start = m.start("num")
        if start > 0 and text[start - 1] == "第":
            continue  # an ordinal: 第3次
        if ORDINAL_AFTER.search(text, max(0, start - 8), start) and text.startswith(SITTING, m.end()):
            continue  # a sitting of a session: 第17届1次常务会议, 十四届三次全会 (not 新一届12名法律顾问)
        if num == "一" or (num[0] in CN_CHARS and len(num) == 1 and num in "万亿千百"):
            continue  # 一件事, 一次办, 万人
        if num[0] in CN_CHARS and not _chinese_ok(num):
            continue
        unit = m.group("unit")
        if unit and any(text.startswith(w, m.end("unit")) for w in NOT_AFTER.get(unit, ())):
            continue
        if _quoted(text, m.start(), m.end(), start):
            continue
        value = to_number(num)
        if value is None:
            continue
        if m.group("wan"):
            value = scaled(value, "万")
        before = m.group("before") or m.group("hi")
        kinds = {APPROX_BEFORE[before]} if before in APPROX_BEFORE else set()
        for after in (m.group("after"), m.group("later")):
            if after in APPROX_AFTER:
                kinds.add(APPROX_AFTER[after])
        if m.group("tail") in APPROX_TAIL:
            kinds.add(APPROX_TAIL[m.group("tail")])
        approx = (kinds.pop() if len(kinds) == 1 else "about") if kinds else None
        number_end = next(m.end(g) for g in ("later", "wan", "after", "num") if m.group(g))
        if m.group("pct"):
            family, measure = "percent", "%"
        elif m.group("money"):
            family, measure = "yuan", "元"
            value = scaled(value, m.group("money"))
        else:
            family, measure = _family(unit), unit
        out.append(Mention(start, m.end(), number_end, value, family, measure, approx, m.group()))
    return out


def _chinese_ok(num: str) -> bool:
    """A number in Chinese numerals that reads as one (十二, 三百, 两千五百二十八), not a run of words
    that happen to be numerals (十四五: a plan's name)."""
    return to_number(num) is not None and not re.search(r"[一二三四五六七八九两]{2}", num.replace("十", "|"))
