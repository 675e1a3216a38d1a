"""Who reports on which year, and when it was published: read from the report's own words.

The region and year come from the title, else from the opening sentence (``2024年，XX县……``), else from
the sentence that introduces the report (``现将XX区2024年度法治政府建设情况报告如下``). A title is a line
of its own near the top, or two (``XX县人民政府`` over ``关于2024年度……的报告``), after whatever a portal
puts above it. A name is taken only where it is a place: never a pronoun (我县, 全区), a party
committee (中共XX县委) or the words that introduce the report (现将县人民政府……). Where no source
gives both, neither is guessed: the user states them (``--region``, ``--year``).
"""
from __future__ import annotations

import datetime as dt
import re

from checker.extract.numbers import halfwidth, to_number

ADMIN = "(?:自治县|自治旗|街道|县|区|市|旗|镇|乡)"
# the shortest name that ends in a unit and is not followed by one: 社旗县, not 社旗; 沙市区, not 沙市
NAME = rf"(?P<region>[\u4e00-\u9fa5]{{1,14}}?{ADMIN})(?!{ADMIN})"
# the same, taken once and never lengthened to make what follows fit (a look-ahead is not backtracked
# into): in an opening sentence nothing after the name bounds it
FIRST_NAME = rf"(?=(?P<region>[\u4e00-\u9fa5]{{1,14}}?{ADMIN})(?!{ADMIN}))(?P=region)"
YEAR = r"(?P<year>(?:19|20)\d{2}|二[〇○][〇○一二三四五六七八九]{2})\s*年度?"
# a few words before the subject (推进, 全面推进), never a unit: 2024年南阳市社旗县法治政府建设… names 南阳市社旗县
SUBJECT = r"[^\W\d县区市旗镇乡]{0,8}?(?:法治政府建设|依法行政|法治建设)"
BODY = "(?:人民政府|政府|办事处)?"
PARTY = r"(?:中共[\u4e00-\u9fa5]{1,16}?委(?:员会)?[\s、]*)?"        # 中共XX县委 XX县人民政府关于……
TITLES = (re.compile(rf"{PARTY}(?:关于)?{NAME}{BODY}\s*(?:关于)?\s*{YEAR}{SUBJECT}"),   # XX县人民政府关于2024年度……
          re.compile(rf"(?:关于)?{YEAR}{NAME}{BODY}{SUBJECT}"))                # 2020年XX区法治政府建设情况报告
# a department of the place reports, not the place: XX县司法局, XX县人民政府办公室, XX县发展和改革委员会
# (not 大局, 布局, 以人民为中心: words an opening sentence uses)
DEPARTMENT = r"(?![\u4e00-\u9fa5]{0,8}?(?:(?<![大布格全结当开])局|办公室|委员会|(?<!为)中心|支队|大队))"
# a city naming a county or district of its own next: 南阳市社旗县坚持… is not 南阳市's report
NOT_PARENT = r"(?:(?<![市州盟])|(?![\u4e00-\u9fa5]{0,6}?(?:县|区|旗|镇|乡|街道)))"
# 2024年，[在市委、市政府的坚强领导下，][中共XX县委、]XX县坚持……
OPENING = re.compile(rf"{YEAR}(?:以来)?[,，]\s*(?:在[^,，。]{{0,60}}?下[,，]\s*){{0,2}}"
                     rf"(?:中共[\u4e00-\u9fa5]{{1,16}}?委(?:员会)?[、,，和及与]\s*)?{FIRST_NAME}{DEPARTMENT}{NOT_PARENT}")
INTRO = re.compile(rf"现将{NAME}{DEPARTMENT}{BODY}{YEAR}{SUBJECT}")
SENTENCE_MARKS = re.compile(r"[,，。;；!！?？]")
LEAD_INS = ("现将", "现就", "特将", "关于", "根据", "按照", "中共", "在")
PRONOUNS = ("", "我", "本", "全", "该", "各", "此", "现将", "现将我", "现将本")
DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_AT_END = re.compile(DATE.pattern + r"\s*$")
# a portal's own line: 发布日期：2025-03-20, [ 发布日期 ] 2025-03-20, 发布时间: 2025年3月20日 10:00 (not
# 更新时间, an edit)
POSTED = re.compile(r"(?:发布|公开|公布)(?:日期|时间)[\s\]】」)）:：]{0,10}(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
SIGNATURE = 40        # characters of a signature line: a body's name and the date
HEAD_LINES = 25       # a portal's breadcrumbs and dates can stand above the title
TAIL_LINES = 12


def place(name: str) -> bool:
    """Is ``name`` a place, not a pronoun, a committee or the words introducing the report?"""
    stem = re.sub(f"{ADMIN}$", "", name)
    return not name.startswith(LEAD_INS) and stem not in PRONOUNS and not re.search("政府|委|的|年度", name) \
        and name[-1] != name[-2]


def _year(text: str) -> int | None:
    year = to_number(text.replace("○", "〇"))      # 二○二三: the circle official documents often use
    return int(year) if year is not None else None


def _title(lines: list[str]) -> tuple[str, int] | None:
    """A title line, or two lines read as one, with no sentence punctuation in them."""
    plain = [None if SENTENCE_MARKS.search(line) else line for line in lines] + [None]
    for line, after in zip(plain, plain[1:]):
        for text in filter(None, (line, line and after and line + after)):
            for title in TITLES:
                m = title.match(text)
                if m and place(m.group("region")):
                    return m.group("region"), _year(m.group("year"))
    return None


def _first(find, lines: list[str]) -> tuple[str, int] | None:
    """The first place and year ``find`` (a pattern's match or search) finds in ``lines``."""
    for line in lines:
        m = find(line)
        if m and place(m.group("region")):
            return m.group("region"), _year(m.group("year"))
    return None


def region_and_year(text: str) -> tuple[str | None, int | None]:
    lines = [line.strip() for line in halfwidth(text).splitlines()[:HEAD_LINES * 2] if line.strip()]
    head = lines[:HEAD_LINES]
    found = _title(head) or _first(OPENING.match, head) or _first(INTRO.search, lines)
    return found if found and found[1] else (None, None)


def _dates(pattern: re.Pattern, lines: list[str], year: int) -> list[dt.date]:
    """The real dates of the year after the report's that ``pattern`` finds in ``lines``."""
    found = []
    for line in lines:
        for y, mo, d in pattern.findall(line):
            try:
                date = dt.date(int(y), int(mo), int(d))
            except ValueError:
                continue
            if date.year == year + 1:
                found.append(date)
    return found


def published_on(text: str, year: int) -> dt.date | None:
    """When the report was made public: the date a portal says it posted it (发布日期, above the
    report), else the signature's date, ending a short line of the last ones (``2025年3月20日``,
    ``XX县人民政府 2025年3月20日``), never a date inside a sentence. Only a date of the year after the
    report's."""
    lines = halfwidth(text).splitlines()
    posted = _dates(POSTED, lines[:HEAD_LINES], year)
    if posted:
        return posted[0]
    signatures = [line for line in lines[-TAIL_LINES:] if len(line.strip()) <= SIGNATURE and DATE_AT_END.search(line)]
    signed = _dates(DATE, signatures, year)
    return signed[-1] if signed else None
