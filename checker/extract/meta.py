"""Who reports on which year, and when it was published: read from the report's own words.

The year comes from the title (``XX县人民政府关于2024年度……的报告``, ``关于2022年度法治政府建设情况报告``),
else the opening sentence (``2024年，……``, ``2023年以来，……``, after a label such as ``【行政应诉】``),
else the sentence that introduces the report (``现将……2024年度法治政府建设情况报告如下``); never a
date (``2025年4月29日在……会议上`` is when it was read out, not the year it reports on).

The region is the place that reports, as the title or the opening names it: the last place of a
chain (``长沙市天心区坡子街街道办事处`` is 坡子街街道, ``宁波市奉化区`` 奉化区, ``鲤城区人民政府金龙街道办事处``
金龙街道), a development zone by its whole name (苏州工业园区, 重庆高新区: never 园区), in traditional
script as in simplified (read through the same table as ``checker.region.region_key``; the name is
given as written). A department's report (``蒙城县司法局``, ``重庆市城市管理局``, ``区政府办``) gives its
place with ``level: department``. Portal lines above the title (索引号, 发布机构, 发布日期 …) are
passed over; a session line (``（2025年4月29日在……会议上）``) is not the title.

Where the opening names the place only by its kind (我县, 县政府, 区司法局, 园区, 全市), the place is
looked for where the report names itself otherwise, with the same kind of unit: the documents it
cites in 《》 (``《岳阳县人民政府常务会会前学法制度》``), the portal's 发布机构 or 来源 line, the
addressee line, or a name it repeats (a place written twice or more, the longest name that keeps
its count). One name found is the region (with a note saying where it was read); none, or several
as often, is said with the line of the pronoun: ``--region`` gives it. A name is never a pronoun
(我县, 全区), a party committee (中共XX县委) or the words that introduce the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from checker.extract.numbers import halfwidth, to_number

CJK = "\u4e00-\u9fa5"
YEAR = r"(?P<year>(?:19|20)\d{2}|二[〇○零][〇○零一二三四五六七八九]{2})\s*年度?"
# what a title is about: a few words before it (推进, 全面推进), never a unit
SUBJECT = re.compile(r"[^\W\d县区市旗镇乡街道州]{0,8}?(?:法治政府建设|依法行政|法治建设|法治政府)")
SENTENCE_MARKS = re.compile(r"[,，。;；!！?？]")
HEAD_LINES = 25  # a portal's breadcrumbs and dates can stand above the title
SEARCH_CHARS = 8000  # where the report names itself otherwise: its opening pages

# the units a place's name ends in, longest first (工业园区 before 区); 州 alone is no unit (苏州工业园区
# is not 苏州 and 工业园区)
UNITS = (
    "高新技术产业开发区",
    "国家旅游度假区",
    "旅游度假区",
    "经济技术开发区",
    "经济开发区",
    "工业园区",
    "开发区",
    "高新区",
    "经开区",
    "新区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "街道",
    "地区",
    "林区",
    "省",
    "市",
    "盟",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
)
ONE_CHAR_UNITS = "省市盟县区旗镇乡"
# the thirty autonomous prefectures by the short names their reports use (延边州政府, 恩施州): 州 is a
# unit only for these (苏州工业园区 is not 苏州), and never before another unit (巴州区 is a district)
PREFECTURES = (
    "西双版纳州",
    "黔东南州",
    "黔西南州",
    "延边州",
    "恩施州",
    "湘西州",
    "阿坝州",
    "甘孜州",
    "凉山州",
    "黔南州",
    "楚雄州",
    "红河州",
    "文山州",
    "大理州",
    "德宏州",
    "怒江州",
    "迪庆州",
    "临夏州",
    "甘南州",
    "海北州",
    "黄南州",
    "海南州",
    "果洛州",
    "玉树州",
    "海西州",
    "昌吉州",
    "伊犁州",
    "博州",
    "巴州",
    "克州",
)
PREFECTURE = re.compile("|".join(PREFECTURES))
# words that are not a place's own name before a unit: a pronoun, a kind of area (园区, 城区, 辖区),
# a unit itself (区市场监管局 is no place 区市)
GENERIC = {
    "我",
    "本",
    "全",
    "该",
    "各",
    "此",
    "其",
    "外",
    "邻",
    "各个",
    "全省",
    "全市",
    "全县",
    "全区",
    "园",
    "城",
    "社",
    "辖",
    "景",
    "片",
    "矿",
    "林",
    "山",
    "灾",
    "校",
    "牧",
    "老",
    "新",
    "郊",
    "示范",
    "工业园",
    "开发",
    "高新",
    "经开",
    "自贸",
    "保税",
    "风景",
    "城乡",
    "乡",
    "镇",
    "县",
    "区",
    "市",
    "省",
    "州",
    "旗",
    "盟",
    "街",
    "地",
    "特",
    "上级",
    "下级",
    "各乡",
    "各镇",
    "乡镇",
    "县市",
    "市县",
    "区县",
    "县区",
    "省市",
    "省级",
    "市级",
    "县级",
    "区级",
    "所在",
    "本地",
    "当地",
    "城市",
    "都市",
    "超市",
    "街道",
    "新城",
    "老城",
    "主城",
    "中心城",
    "开发园",
    "试验",
    "实验",
}
# characters no place's name has before its unit (a sentence runs on: 县司法局在县 is not a place)
NOT_IN_NAME = set('在的了局委府于将是为对以向由与及各到赴、，,。“”"《》()（）:：;；')
# words a sentence has and a place's name has not (深入推进全县…, 全面依法治县): as words, not as
# characters, so that 深圳市, 开州区, 焦作市, 全南县, 织金县 and 围场县 are names
NOT_IN_NAME_WORDS = (
    "坚持",
    "认真",
    "深入",
    "全面",
    "切实",
    "积极",
    "紧扣",
    "围绕",
    "始终",
    "进一步",
    "加强",
    "推动",
    "着力",
    "聚焦",
    "按照",
    "根据",
    "贯彻",
    "落实",
    "召开",
    "组织",
    "开展",
    "依法治",
    "法治",
    "示范",
    "纳入",
    "列入",
    "融入",
    "写入",
    "编入",
    "计入",
    "引入",
    "进入",
    "投入",
)
# what after a unit makes a word of it, not a place's name: 市场, 区域, 乡村
WORD_AFTER = {
    "市": ("场", "民", "级", "直", "属", "容", "政"),
    "区": ("域", "别", "划", "位", "块", "间"),
    "县": ("域", "级", "直"),
    "乡": ("村", "土", "亲", "镇", "贤"),
    "镇": ("压", "定"),
    "省": ("级",),
}
LEAD_INS = ("现将", "现就", "特将", "关于", "根据", "按照", "中共", "在", "经")
# a place's government, not a department of it
BODIES = ("人民政府办事处", "街道办事处", "人民政府", "管理委员会", "管委会", "办事处", "党工委", "政府")
# the departments that report (their names start so): 城市管理局 is no place 城市, 市场监管局 no 市
DEPARTMENTS = (
    "人民政府办公室",
    "政府办公室",
    "政府办",
    "司法",
    "发展和改革",
    "发展改革",
    "发改",
    "市场监督管理",
    "市场监管",
    "城市管理",
    "城管",
    "综合行政执法",
    "生态环境",
    "公安",
    "财政",
    "人力资源和社会保障",
    "人力社保",
    "人社",
    "自然资源和规划",
    "规划和自然资源",
    "自然资源",
    "住房和城乡建设",
    "住房城乡建设",
    "住建",
    "交通运输",
    "交通",
    "水利",
    "水务",
    "农业农村",
    "商务",
    "文化和旅游",
    "文化广电和旅游",
    "文化旅游",
    "文旅",
    "卫生健康",
    "卫健",
    "应急管理",
    "审计",
    "统计",
    "医疗保障",
    "医保",
    "教育",
    "民政",
    "退役军人事务",
    "林业和草原",
    "林业",
    "税务",
    "体育",
    "行政审批",
    "政务服务和大数据管理",
    "政务服务管理",
    "政务服务",
    "大数据",
    "数据",
    "金融",
    "国有资产监督管理",
    "国资",
    "信访",
    "机关事务管理",
    "档案",
    "民族宗教事务",
    "民族宗教",
    "科学技术",
    "科技",
    "经济和信息化",
    "经信",
    "工业和信息化",
    "工信",
    "粮食和物资储备",
    "乡村振兴",
    "气象",
    "消防救援",
    "药品监督管理",
    "知识产权",
    "外事",
    "人民防空",
    "人防",
    "地震",
    "供销",
    "网信",
    "营商环境",
    "环境保护",
    "环保",
    "国土资源",
    "国土",
    "安全生产监督管理",
    "安监",
    "物价",
    "编办",
    "机构编制",
    "市政",
    "市容",
    "园林",
    "城乡规划",
    "规划",
    "住房保障",
    "房产",
    "不动产登记",
    "妇联",
    "残联",
    "工商",
    "质监",
    "食药监",
    "卫计",
    "人口和计划生育",
    "港航",
    "海事",
    "口岸",
    "招商",
    "投资促进",
    "公共资源交易",
    "行政复议",
)
DEPT_END = re.compile(r"(?:局|委员会|委|办公室|办|厅|中心|署|支队|大队)(?:\([^()]{1,12}\))?$")
# how a report calls itself a department's: 我局, 本局, 我委, 局党组
DEPT_PRONOUN = re.compile(r"(?:我|本)(?:局|委|办|厅)|局党组")
# how a report names its place by kind only: 我县, 本区, 全市, 县政府, 区人民政府, 园区, 县司法局
PRONOUN = re.compile(
    r"(?P<word>(?:我|本|全)?(?P<unit>高新区|开发区|经开区|工业园区|园区|新区|街道|县|区|市|旗|镇|乡)"
    r"(?:人民政府|政府|委|办事处|管委会|党工委)?)"
)
# a line of a portal's page (索引号, 发布机构: 南昌县人民政府, 来源: 寿县人民政府 …)
PORTAL = re.compile(
    r"(?:发布机构|发文机关|来源|信息来源|发布单位|主办单位|发文单位)[\s\]】」)）|:：]*"
    rf"(?P<who>[{CJK}()（）]{{2,30}})"
)
ADDRESSEE = re.compile(rf"^(?P<who>[{CJK}、 ]{{2,40}})[:：]$")
BRACKETED = re.compile(r"《(?P<title>[^《》\n]{2,80})》")
DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_AT_END = re.compile(DATE.pattern + r"\s*$")
# a portal's own line: 发布日期：2025-03-20, [ 发布日期 ] 2025-03-20, 发布时间: 2025年3月20日 10:00 (not
# 更新时间, an edit)
POSTED = re.compile(
    r"(?:发布|公开|公布)(?:日期|时间)[\s\]】」)）:：|]{0,10}(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
SIGNATURE = 40  # characters of a signature line: a body's name and the date
TAIL_LINES = 12

# the opening: 2024年，[在市委、市政府的坚强领导下，][中共XX县委、]XX县坚持……; after a label (【行政应诉】)
# or a clause that leads to it (根据……的部署，2023年，XX街道……)
# where an opening starts (a line, a sentence, after a label or an addressee) and the clauses that lead
# to who reports (在市委、市政府的坚强领导下，/ 在党的二十大召开之际，)
STARTS = r"(?:^|[,，。；;:：】\]])\s*"
LEAD_IN = r"(?:在[^,，。]{0,60}?(?:下|之际|期间)\s*[,，]\s*){0,3}"
OPENING = re.compile(
    rf"{STARTS}{YEAR}(?:以来)?\s*[,，]\s*{LEAD_IN}"
    rf"(?:中共[{CJK}]{{1,16}}?委(?:员会)?[、,，和及与 ]\s*)?(?P<rest>[^,，。；]{{1,40}})"
)
INTRO = re.compile(rf"现将(?P<rest>[{CJK}]{{0,40}}?){YEAR}")
# an opening that says the year in words (今年以来，伊犁州深入学习……): who reports, not the year
UNDATED = re.compile(rf"{STARTS}(?:今年以来|一年来|本年度|过去一年)\s*[,，]\s*{LEAD_IN}(?P<rest>[^,，。；]{{1,40}})")
# the first part's heading, on the year's work (一、2023年法治政府建设情况, 一、2024年工作回顾)
HEADING_YEAR = re.compile(
    rf"^一[、.．]\s*{YEAR}(?![\d—\-~～至到])(?!以来)(?![^,，。]{{0,6}}?(?:打算|计划|规划|思路|安排))"
)

# a title with no sentence mark: [中共XX县委 ][关于]OWNER[关于]YEAR…SUBJECT, [关于]YEAR OWNER SUBJECT
PARTY = rf"(?:中共[{CJK}]{{1,16}}?委(?:员会)?\s*)?"
TITLE_OWNER_FIRST = re.compile(rf"^{PARTY}(?:关于)?(?P<owner>[{CJK}()（）\s]{{1,40}}?)\s*(?:关于)?\s*{YEAR}")
# a title that names no year (大河乡人民政府 / 关于法治政府建设的情况报告): who reports, the year elsewhere
TITLE_UNDATED = re.compile(
    rf"^{PARTY}(?P<owner>[{CJK}()（）\s]{{1,40}}?)\s*关于(?=[^\W\d]{{0,8}}?(?:法治政府建设|依法行政|法治建设))"
)
TITLE_YEAR_FIRST = re.compile(
    rf"^(?:关于)?{YEAR}(?P<owner>[{CJK}]{{0,40}}?)(?=[^\W\d县区市旗镇乡街道州]{{0,8}}?"
    rf"(?:法治政府建设|依法行政|法治建设|法治政府))"
)


@dataclass
class Place:
    """A place named in the report: its name as written, and the unit it ends in."""

    name: str
    unit: str


@dataclass
class Owner:
    """Who a title or an opening says reports: the places named (outermost first), the department
    if a department of the last one reports, or the unit alone where it names the place by kind."""

    places: list = field(default_factory=list)
    department: str | None = None
    unit: str | None = None  # 县 of 我县, 县政府, 县司法局: the place is not named
    word: str | None = None  # the words that name it by kind (县司法局, 我县)

    @property
    def region(self) -> str | None:
        return self.places[-1].name if self.places else None


@dataclass
class Meta:
    """What a report says about itself: ``notes`` are (code, line, params, severity) to say, with
    the line (1-based) they are about."""

    region: str | None = None
    year: int | None = None
    level: str | None = None  # "department" where a department of the region reports
    department: str | None = None
    notes: list = field(default_factory=list)


_SIMPLE: dict = {}


def _simplified(text: str) -> str:
    """``text`` with each traditional ideograph written simplified, one for one (positions hold)."""
    from checker.region import region_key

    out = []
    for c in text:
        if "\u4e00" <= c <= "\u9fff":
            if c not in _SIMPLE:
                key = region_key(c)
                _SIMPLE[c] = key if len(key) == 1 else c
            c = _SIMPLE[c]
        out.append(c)
    return "".join(out)


def _starts_department(text: str, pos: int) -> bool:
    return text.startswith(DEPARTMENTS, pos)


def _in_word(text: str, start: int, end: int) -> bool:
    """Do ``text[start:end]`` and the words around it hold a word of a sentence (依法治县: 治 is in
    依法治; 深入县域: 入 is in 深入)?"""
    return any(w in text[max(0, start - len(w) + 1) : end] for w in NOT_IN_NAME_WORDS)


def _place_at(text: str, pos: int) -> Place | None:
    """The shortest place's name that starts at ``pos``: a name of one to fourteen characters (no
    character that a sentence has and a name has not), then a unit, not followed by another unit
    unless a department, a body or another place starts there (重庆市市场监督管理局, not 重庆市市)."""
    short = PREFECTURE.match(text, pos)
    if short and text[short.end() : short.end() + 1] not in tuple(ONE_CHAR_UNITS + "州"):
        return Place(short.group(), "自治州")
    for length in range(1, 15):
        stem = text[pos : pos + length]
        if len(stem) < length or stem[-1] in NOT_IN_NAME or not "\u4e00" <= stem[-1] <= "\u9fa5":
            return None
        if _in_word(text, pos, pos + length):
            return None
        if length > 6 and "族" not in stem:  # only an autonomous place's name is long
            return None
        for unit in UNITS:
            if not text.startswith(unit, pos + length):
                continue
            after = pos + length + len(unit)
            if stem in GENERIC or stem.startswith(LEAD_INS) or len(stem) == 1 and stem in ONE_CHAR_UNITS:
                continue
            if text.startswith(WORD_AFTER.get(unit, ()), after) and not text.startswith(("政府", "区划"), after):
                continue  # 农贸市场 is no place 农贸市, 美丽乡村 none 美丽乡
            follows = text[after : after + 1]
            if (
                follows
                and follows in ONE_CHAR_UNITS
                and not _starts_department(text, after)
                and not text.startswith(BODIES, after)
                and _place_at(text, after) is None
            ):
                continue  # 沙市区: 沙市 is not the name
            return Place(stem + unit, unit)
    return None


def _owner(text: str, title: bool) -> tuple[Owner, str] | None:
    """The places at the start of ``text`` with the body or department that follows them, and what
    is left after them; in a title (``title``) any name ending like a department's is one, in a
    sentence only one starting with a department's words (坚持以人民为中心 is no department)."""
    owner, pos = Owner(), 0
    while pos < len(text):
        if _starts_department(text, pos):
            break
        body = next((b for b in BODIES if text.startswith(b, pos)), None)
        if body and owner.places:
            if text.startswith(("人民政府办公室", "政府办公室", "政府办"), pos):
                break
            pos += len(body)
            continue
        place = _place_at(text, pos)
        if place is None:
            break
        owner.places.append(place)
        pos += len(place.name)
    rest = text[pos:]
    if not owner.places:
        department = _department(rest, title) if _starts_department(rest, 0) else None
        if department:  # 司法局2022年度……: a department, its place unsaid
            return Owner(department=department, word=department), rest[len(department) :]
        m = PRONOUN.match(rest)
        if not m:
            return None
        unit, after = m.group("unit"), rest[m.end("unit") :]
        owner.unit = unit
        if m.start("unit") == 0 and _starts_department(after, 0):  # 县司法局, 区政府办, 市市场监管局
            department = _department(after, title)
            if not department:
                return None
            owner.department, owner.word = department, unit + department
            return owner, after[len(department) :]
        owner.word = m.group("word")
        if m.group("word") != unit or len(unit) > 1:  # 我县, 县政府, 全市, 园区
            return owner, rest[m.end() :]
        return None
    department = _department(rest, title)
    if department:
        owner.department = department
        rest = rest[len(department) :]
        if owner.places:
            owner.word = None
    return owner, rest


def _department(rest: str, title: bool) -> str | None:
    """The department's name at the start of ``rest``: in a title up to 关于 or its end, in a
    sentence a department's words and its kind (局, 委员会, 办公室 …)."""
    if title:
        name = rest.split("关于")[0].strip()
        return name if name and DEPT_END.search(name) and not re.search(r"[\d]", name) else None
    if not _starts_department(rest, 0):
        return None
    if text_is_body(rest):
        return None
    m = re.match(rf"[{CJK}]{{1,14}}?(?:局|委员会|委|办公室|办|厅|中心|署|支队|大队)", rest)
    return m.group() if m else None


def text_is_body(rest: str) -> bool:
    return rest.startswith(BODIES) and not rest.startswith(("人民政府办公室", "政府办公室", "政府办"))


def _year(text: str) -> int | None:
    year = to_number(text.replace("○", "〇").replace("零", "〇"))  # 二○二三: the circle documents often use
    return int(year) if year is not None else None


def _lines(text: str) -> list[tuple[int, str, str]]:
    """(1-based line number, the line as written, the line simplified and half-width) of the
    non-blank lines at the top."""
    out = []
    for number, line in enumerate(text.splitlines()[: HEAD_LINES * 3], 1):
        stripped = line.strip()
        if stripped:
            out.append((number, stripped, _simplified(halfwidth(stripped))))
    return out


def _written(written: str, simple: str, name: str) -> str:
    """``name`` (found in ``simple``) as ``written`` has it: the same characters in traditional
    script where the line was."""
    at = simple.find(name)
    return written[at : at + len(name)] if at >= 0 else name


def _title(lines: list) -> tuple[Owner | None, int | None, int] | None:
    """(owner, year, line) of the title: a line, or two read as one, with no sentence mark, that
    names what the report is about after a year."""
    head = lines[:HEAD_LINES]
    year_only = None  # 2023年法治政府建设年度报告: a portal's column, or a title naming no one
    for index, (number, written, line) in enumerate(head):
        if SENTENCE_MARKS.search(line):
            continue
        candidates = [(line, written)]
        if index + 1 < len(head) and not SENTENCE_MARKS.search(head[index + 1][2]):
            candidates.insert(0, (line + head[index + 1][2], written + head[index + 1][1]))
        for text, as_written in candidates:
            found = _title_text(text)
            if found:
                owner, year = found
                if owner is None:
                    year_only = year_only or (None, year, number)
                    break
                for place in owner.places:
                    place.name = _written(as_written, text, place.name)
                return owner, year, number
    return year_only


def _title_text(text: str) -> tuple[Owner | None, int] | None:
    text = re.sub(r"^[【\[][^】\]]{1,12}[】\]]", "", text)
    for pattern in (TITLE_OWNER_FIRST, TITLE_YEAR_FIRST, TITLE_UNDATED):
        m = pattern.match(text)
        if not m or not SUBJECT.match(text, m.end() if pattern is not TITLE_YEAR_FIRST else m.end("owner")):
            continue
        year = _year(m.group("year")) if pattern is not TITLE_UNDATED else None
        words = re.sub(r"\s+", "", m.group("owner"))
        words = re.sub(r"^(?:中共[\u4e00-\u9fa5]{1,16}?委(?:员会)?)", "", words)
        words = words.removeprefix("关于")
        if not words:
            return None, year  # 关于2022年度法治政府建设情况报告: the year alone
        if "关于" in words:  # XX县人民政府关于XX县2024年度……: the place after 关于
            before, _, after = words.partition("关于")
            parsed = _owner(after, title=True)
            words = after if parsed and parsed[0].places and not parsed[1] else before
        found = _owner(words, title=True)
        if found is None:
            if pattern is TITLE_YEAR_FIRST:
                return None, year  # 2024年度全州法治政府建设…: words that name no one, and the year
            continue
        owner, rest = found
        if (
            pattern is not TITLE_YEAR_FIRST
            and rest
            and not owner.department
            and not text_is_body(rest)
            and rest not in ("关于",)
        ):
            continue  # words before the year that are not who reports
        return owner, year
    return None


def _opening(lines: list) -> tuple[Owner | None, int, int] | None:
    """(owner, year, line) of the opening sentence: the first ``YEAR，`` in the first lines of the
    body, with who it says did the year's work (None where it names nobody); else the first
    ``今年以来，`` (year None) naming someone."""
    found = _opening_with(lines, OPENING)
    if found is None:
        found = _opening_with(lines, UNDATED)
        if found is not None and found[0] is None:
            return None
    return found


def _opening_with(lines: list, pattern: re.Pattern) -> tuple[Owner | None, int | None, int] | None:
    for number, written, line in lines[:HEAD_LINES]:
        m = pattern.search(line)
        if not m:
            continue
        year = _year(m.group("year")) if "year" in pattern.groupindex else None
        found = _owner(m.group("rest").strip(), title=False)
        owner = found[0] if found else None
        if owner is not None:
            rest = found[1]
            last = owner.places[-1] if owner.places else None
            # a city naming a county of its own next is not the city's report (南阳市坚持推进全县……)
            if (
                last is not None
                and not owner.department
                and last.unit in ("市", "自治州", "盟", "地区")
                and re.match(r"[^,，。]{0,6}?(?:县|区|旗|镇|乡|街道)", rest)
            ):
                owner = None
            else:
                for place in owner.places:
                    place.name = _written(written, line, place.name)
        elif DEPT_PRONOUN.search(line):
            owner = Owner(department="", word=DEPT_PRONOUN.search(line).group())
        return owner, year, number
    return None


def _intro(lines: list) -> tuple[Owner | None, int, int] | None:
    for number, written, line in lines:
        m = INTRO.search(line)
        if m:
            found = _owner(m.group("rest"), title=False)
            owner = found[0] if found else None
            if owner is None and DEPT_PRONOUN.match(m.group("rest")):
                owner = Owner(department="", word=m.group("rest"))
            elif owner is not None:
                for place in owner.places:
                    place.name = _written(written, line, place.name)
            return owner, _year(m.group("year")), number
    return None


def _named_elsewhere(text: str, unit: str | None) -> list[tuple[str, int, str, int]]:
    """Places of ``unit`` that the report names where it names itself: (name as written, line,
    where, count), most named first. ``unit`` None: any unit (a department with no unit said)."""
    found: dict = {}

    def put(name, line, where):
        entry = found.setdefault(_simplified(name), [name, line, where, 0])
        entry[3] += 1

    def fits(place: Place) -> bool:
        if unit is None:
            return True
        if unit in ("园区", "工业园区", "开发区", "高新区", "经开区", "新区"):
            return place.unit in (
                "工业园区",
                "开发区",
                "高新区",
                "经开区",
                "新区",
                "经济开发区",
                "经济技术开发区",
                "高新技术产业开发区",
            ) or place.name.endswith(unit)
        return place.unit == unit or unit == "县" and place.unit == "自治县" or unit == "旗" and place.unit == "自治旗"

    head = text[:SEARCH_CHARS]
    simple = _simplified(halfwidth(head))
    line_of = [0]
    for i, c in enumerate(simple):
        if c == "\n":
            line_of.append(i + 1)
    import bisect

    def line(pos):
        return bisect.bisect_right(line_of, pos)

    sources = [
        (m.start("title"), re.sub(r"^(?:关于|印发|中共|\d{4}年度?)+", "", m.group("title")), "title")
        for m in BRACKETED.finditer(simple)
    ]
    sources += [(m.start("who"), m.group("who"), "portal") for m in PORTAL.finditer(simple)]
    sources += [
        (m.start("who"), w.strip(), "addressee")
        for m in re.finditer(ADDRESSEE.pattern, simple, re.M)
        for w in re.split(r"[、 ]", m.group("who"))
        if w.strip()
    ]
    for at, words, where in sources:
        owner = _owner(words, title=True) if words else None
        if owner and owner[0].places:
            place = owner[0].places[-1]
            if fits(place):
                pos = simple.find(place.name, at)
                put(head[pos : pos + len(place.name)] if pos >= 0 else place.name, line(at), where)
    if found:
        return sorted(((n, ln, w, c) for n, ln, w, c in found.values()), key=lambda e: -e[3])
    # a name it repeats: for each mention of the unit, the names ending there; the longest that keeps
    # the count of the shortest (下太镇 twice: 太镇 twice, 下太镇 twice, 在下太镇 once)
    if unit is None or unit not in ONE_CHAR_UNITS and unit != "街道":
        return []
    counts: dict = {}
    first: dict = {}
    for m in re.finditer(re.escape(unit), simple):
        for length in range(1, 7):
            start = m.start() - length
            if start < 0:
                break
            stem = simple[start : m.start()]
            if (
                not all("\u4e00" <= c <= "\u9fa5" for c in stem)
                or any(c in NOT_IN_NAME for c in stem)
                or _in_word(simple, start, m.start())
                or stem[0] in ONE_CHAR_UNITS
            ):
                break  # a chain (成都市新都区) is not one name
            if stem in GENERIC or stem.startswith(LEAD_INS):
                continue
            name = stem + unit
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, start)
    names = []
    for name, count in counts.items():
        if count < 2 or any(n != name and n.endswith(name) and counts[n] == count for n in counts):
            continue
        if any(n != name and name.endswith(n) and counts[n] > count for n in counts):
            continue  # 蒙城县 three times, 城县 three times: the longer one holds them
        names.append(name)
    names = [n for n in names if not any(o != n and n.endswith(o) and o in names for o in names)]
    ranked = sorted(
        ((head[first[n] : first[n] + len(n)], line(first[n]), "text", counts[n]) for n in names), key=lambda e: -e[3]
    )
    # a name only repeated is taken only where it is repeated more than any other
    return ranked[:1] if len(ranked) == 1 or ranked and ranked[0][3] > ranked[1][3] else ranked


def read_meta(text: str) -> Meta:
    """The region, year and level the report states (module description); ``notes`` say where a
    region was read other than from the title or opening, and why one could not be."""
    meta = Meta()
    lines = _lines(halfwidth(text))
    title, opening, intro = _title(lines), _opening(lines), None
    if title is None or title[0] is None or not title[0].places:
        intro = _intro(lines)
    for found in (title, opening, intro):
        if found and found[1] and meta.year is None:
            meta.year = found[1]
    if meta.year is None:  # said in words only (今年以来): the year the first part's heading names, said
        heading = next(
            ((n, line, m) for n, _, line in lines[:HEAD_LINES] for m in [HEADING_YEAR.match(line)] if m), None
        )
        if heading:
            number, line, m = heading
            meta.year = _year(m.group("year"))
            meta.notes.append(("extract.year_from_heading", number, {"year": meta.year, "heading": line[:40]}, "note"))
    order = (title, opening, intro)
    if title is not None and title[1] is None and opening is not None:
        order = (opening, title, intro)  # a title with no year (TITLE_UNDATED) yields to the opening
    owners = [f for f in order if f and f[0] is not None]
    opening_lines = [(n, line) for n, _, line in lines[:12]]
    # a report that calls itself 我局, 本委 in its opening lines is a department's
    said = next(((n, m.group()) for n, line in opening_lines for m in [DEPT_PRONOUN.search(line)] if m), None)
    named = next((f for f in owners if f[0].places), None)
    if named is not None:
        owner = named[0]
        meta.region = owner.region
        other = next(
            (
                f[0]
                for f in owners
                if f is not named and f[0].department is not None and (not f[0].places or f[0].region == owner.region)
            ),
            None,
        )
        if owner.department:
            meta.level, meta.department = "department", owner.department
        elif other is not None or said and not any(f[0].places and not f[0].department for f in owners):
            meta.level, meta.department = "department", other.word if other else said[1]
        return meta
    if not any(f[0].unit or f[0].department is not None for f in owners):
        # no title or opening names who reports: the first 我县, 本镇 of the opening lines does by kind
        pronoun = next(
            (
                (n, m)
                for n, line in opening_lines
                for m in [re.search(r"(?:我|本)(?P<unit>县|区|市|旗|镇|乡|街道)", line)]
                if m
            ),
            None,
        )
        if pronoun:
            owners.append((Owner(unit=pronoun[1].group("unit"), word=pronoun[1].group()), None, pronoun[0]))
        elif said:
            owners.append((Owner(department="", word=said[1]), None, said[0]))
    # named by kind only (我县, 区司法局) or by a department's pronoun (我局): where else it names itself
    kind = next((f for f in owners if f[0].unit or f[0].department is not None), None)
    if kind is not None:
        owner, _, number = kind
        if owner.department is not None or said:
            meta.level = "department"
            meta.department = owner.department or (owner.word if owner.department is not None else said[1])
        candidates = _named_elsewhere(text, owner.unit) if owner.unit else []
        word = owner.word or owner.unit or ""
        top = [c for c in candidates if c[3] == candidates[0][3]] if candidates else []
        if len(top) == 1:
            name, line, where, count = top[0]
            meta.region = name
            meta.notes.append(
                (
                    f"extract.region_from_{where}",
                    line,
                    {"word": word, "region": name, "at": number, "count": count},
                    "note",
                )
            )
        elif top:
            meta.notes.append(
                ("extract.region_ambiguous", number, {"word": word, "names": "、".join(c[0] for c in top)}, "error")
            )
        else:
            meta.notes.append(("extract.region_unnamed", number, {"word": word}, "error"))
    return meta


def region_and_year(text: str) -> tuple[str | None, int | None]:
    """(region, year) where the title or the opening states both and the report is the place's own
    (not a department's); else (None, None). ``read_meta`` says more."""
    meta = read_meta(text)
    if meta.region and meta.year and meta.level is None and not meta.notes:
        return meta.region, meta.year
    return None, None


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
