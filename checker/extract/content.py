"""What a report says about itself, read from its shape: measures in its body, causes beside its
shortcomings, the portal column it stands in, and whom it was sent to.

A report has three parts, whatever its headings: a preamble (the opening paragraph, up to
``现将有关工作报告如下``), a body of measures, and a tail of shortcomings and next year's plan. The
tail starts at a heading that names it (``三、存在的不足和原因``, ``七、存在的问题和下一步工作``,
``四、2026年工作安排``) or at a paragraph that opens with it (``虽然……但仍有一些问题和不足``,
``2025年，XX县将……``).

Precision first, as everywhere in extraction: a fact is written only where the text settles it.

* ``report.states_measures``: true with at least ``MEASURES`` sentences in the body that say what was
  done (an action word) with something concrete (a count, a rate, 《a document》, “a named measure”);
  false only where the preamble and the tail are both found and nothing between them says what was
  done (a report whose only "measure" is ``现将有关工作报告如下``); otherwise nothing.
* ``report.states_causes``: true where the shortcomings part gives a cause (``究其原因``, ``主要原因``,
  ``原因在于``, ``由于``, ``根源在于``, ``造成……的原因``); false where that part is found and none of
  the wider cause words (原因, 因素, 导致, 造成, 制约, 影响 …) appears in it outside a heading.
  ``report.shortcomings_with_causes`` counts its items (一是…, （一）…, or sentences) that give a cause:
  0 where causes are false.
* ``report.in_portal_column``: true where the page's own breadcrumb (``当前位置：首页 > … > 法治政府建设
  年度报告``) puts it in a column for the annual reports; never false (a page saved without it says
  nothing about the portal).
* ``report.sent_to_*`` / ``report.copied_to_higher_rol_office``: true for the bodies named in the
  addressee line (``县委、县人大常委会：``), a copy line (``抄送：市委依法治市办``) or a sentence saying
  where the report was sent (``本报告已报送市委、市政府``), classed by the reporting region's level
  (a county's 县委 is its own party committee, 市委 the one above); never false: a report may be sent
  to one body in one letter and to another in the next.
"""

from __future__ import annotations

import re

from checker.extract.numbers import halfwidth, to_number

MEASURES = 3  # sentences of the body saying what was done, with something concrete

NUMERAL = "零〇一二三四五六七八九十百千万两"
HEADING_NUMBER = re.compile(rf"^\s*(?:[{NUMERAL}]+\s*[、.．]|[（(][{NUMERAL}]+[)）]|\d+\s*[、.．])\s*")
SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
INTRO = re.compile(r"(?:现将|特将|现就|现把)[^。\n]{0,80}?(?:报告|汇报)如下[:：]?")
# a heading of the tail: what is wrong, or what comes next
TAIL_HEADING = re.compile(
    r"^(?:[^\n]{0,12}?(?:存在的|面临的|主要)?(?:问题|不足|短板|差距|困难|薄弱环节)"
    r"|(?:下一步|下步|今后|明年|新的一年|(?:20\d{2}|二[〇○][〇一二三四五六七八九]{2})\s*年)"
    r"|[^\n]{0,20}?(?:工作安排|工作打算|工作计划|工作思路|主要安排))"
)
SHORTFALL_HEADING = re.compile(r"^[^\n]{0,12}?(?:存在的|面临的|主要)?(?:问题|不足|短板|差距|困难|薄弱环节)")
# a paragraph that opens the shortcomings: 虽然……但仍有一些问题和不足 / 同时也要清醒看到……存在……不足
SHORTFALL_OPENING = re.compile(
    r"(?:虽然|尽管|同时|但|然而|清醒|看到|认识到|仍|还)[^。\n]{0,80}?"
    r"(?:存在|有)[^。\n]{0,40}?(?:问题|不足|短板|差距|薄弱环节)"
)
PLAN_OPENING = re.compile(
    r"^(?:下一步|下步|今后|明年|新的一年|(?P<year>20\d{2}|二[〇○][〇一二三四五六七八九]{2})\s*年\s*[，,])"
)
ACTION = re.compile(
    "开展|组织|推进|推行|推动|落实|实施|执行|建立|建成|健全|完善|制定|制发|出台|印发|召开|举办|完成|"
    "审查|审核|办理|受理|审结|化解|培训|整改|清理|公布|公示|公开|抽查|检查|评查|备案|成立|组建|"
    "下沉|梳理|提供|调整|取消|聘请|修订|编制|发布|研究|部署|纳入|进驻|压缩|排查|移送|调解|演练|"
    "聘任|配备|打造|创建|开通|上线|签订|处理|办结|答复|督办|审计|考核|评估|学法|述法"
)
CONCRETE = re.compile(
    rf"(?:\d|[{NUMERAL}])\s*(?:余|多)?\s*(?:%|[件次个项卷户人名条起份场家元期批篇所支类万亿])"
    r"|《[^》\n]{2,}》|“[^”\n]{2,}”|\"[^\"\n]{2,}\""
)
# a cause given: for true
CAUSE = re.compile(
    r"原因(?:是|在于|主要|有|：|:|包括)|主要原因|究其原因|分析原因|原因分析|根源(?:在于|是)|归因于|源于|"
    r"由于|是因为|之所以|造成[^。\n]{0,30}?原因|(?:受|囿于)[^。\n]{0,20}?(?:制约|影响|限制)"
)
# any word a cause could be given in: none of them for false
CAUSE_WORDS = re.compile(
    r"原因|根源|因素|归因|源于|由于|因为|之所以|导致|造成|致使|制约|影响|限制|囿于|在于|客观|主观|缘于"
)
ITEM_START = re.compile(rf"^\s*(?:[{NUMERAL}]是|[（(][{NUMERAL}]+[)）]|\d+\s*[、.．])|[：:]\s*[{NUMERAL}]是")
# the page's own place on its portal: 当前位置：首页 > 政务公开 > 法治政府建设 > 年度报告
BREADCRUMB = re.compile(r"^(?:(?:当前|您的|所在)位置[:：]?\s*)?首页\s*(?:[>＞»›/]|&gt;)")
COLUMN = re.compile(r"法治政府建设(?:情况)?年度报告|法治政府建设\s*(?:[>＞»›/]|&gt;)\s*(?:年度报告|工作报告)$")
HEAD_LINES = 25
ADDRESSEE = re.compile(r"^([^。；;!?！？\n]{2,80})[:：]$")
SENT = re.compile(
    r"(?:本报告|该报告|此报告|《报告》|法治政府建设[^。；\n]{0,6}?报告》?)[^。；\n]{0,24}?"
    r"(?:报送|呈报|上报)(?P<to>[^。；\n]{2,80})"
)
BODY_END = re.compile(r"(?:委|政府|常委会|办|办公室|委员会)$")
COPY = re.compile(r"抄送[:：]?(?P<to>[^。；\n]{2,80})")
SEPARATORS = re.compile(r"[、，,和及与]|以及|并")
UNIT = {"县": "县", "自治县": "县", "旗": "旗", "自治旗": "旗", "区": "区", "市": "市"}
HIGHER = {"县": ("市", "州", "盟", "省"), "旗": ("盟", "市", "省"), "区": ("市", "省"), "市": ("市", "州", "盟", "省")}


class Facts:
    """The facts read, each (value, sentence, offset in the text)."""

    def __init__(self):
        self.items: dict = {}

    def put(self, key: str, value, sentence: str, at: int) -> None:
        self.items.setdefault(key, (value, sentence, at))


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line with its offset in the text."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _heading(line: str) -> str | None:
    """The words of a heading line (number taken off), or None for a line of prose."""
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or "。" in stripped:
        return None
    number = HEADING_NUMBER.match(stripped)
    if number is None and re.search(r"[，,；;：:]", stripped):
        return None
    return stripped[number.end() :] if number else stripped


def _first_sentence(line: str) -> str:
    m = SENTENCE.search(line)
    return m.group() if m else ""


def _plan(sentence: str, year: int | None) -> bool:
    """Does ``sentence`` open next year's plan (下一步…, 2025年，我县将…: a year after the report's)?"""
    m = PLAN_OPENING.match(sentence.strip())
    if m is None:
        return False
    return not m.group("year") or year is not None and (to_number(m.group("year").replace("○", "〇")) or 0) > year


def _parts(text: str, year: int | None) -> tuple[int | None, int | None, int | None, bool]:
    """(end of the preamble, start of the tail, start of the shortcomings, whether the shortcomings
    start at a heading): offsets, None where not found."""
    lines = _lines(text)
    intro = INTRO.search(text[:4000])
    preamble = intro.end() if intro else None
    start = preamble or 0
    tail = shortfall = None
    by_heading = False
    for pos, line in lines:
        if pos + len(line) <= start:
            continue
        head = _heading(line)
        words = head if head is not None else None
        if words is not None and TAIL_HEADING.match(words) and not INTRO.search(line):
            tail = pos if tail is None else tail
            if SHORTFALL_HEADING.match(words):
                shortfall, by_heading = pos, True
                break
            continue
        if head is None:
            first = _first_sentence(line[max(0, start - pos) :])
            if SHORTFALL_OPENING.search(first):
                tail = pos if tail is None else tail
                shortfall = pos + max(0, start - pos)
                break
            if tail is None and _plan(first, year):
                tail = pos
    return preamble, tail, shortfall, by_heading


def _measures(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The body's sentences that say what was done, with something concrete."""
    out = []
    for m in SENTENCE.finditer(text, start, end):
        sentence = m.group()
        if _heading(sentence) is not None and len(sentence.strip()) <= 40 and not CONCRETE.search(sentence):
            continue
        if ACTION.search(sentence) and CONCRETE.search(sentence):
            out.append((sentence.strip().rstrip("。；;"), m.start() + len(sentence) - len(sentence.lstrip())))
    return out


def _acted(text: str, start: int, end: int) -> bool:
    """Does any sentence between start and end say something was done?"""
    return any(ACTION.search(m.group()) for m in SENTENCE.finditer(text, start, end))


def _shortfall_end(text: str, shortfall: int, by_heading: bool, year: int | None) -> int:
    """Where the shortcomings part ends: at the plan (a heading or a sentence opening it), at the next
    heading, or at the end of its paragraph where it opened a paragraph of prose."""
    pos = shortfall
    first = True
    for line_start, line in _lines(text):
        if line_start + len(line) < shortfall:
            continue
        if not first and (_heading(line) is not None):
            return line_start
        for m in SENTENCE.finditer(line, max(0, shortfall - line_start) if first else 0):
            sentence = m.group().strip()
            if _plan(sentence, year):
                return line_start + m.start()
        first = False
        pos = line_start + len(line)
        if not by_heading:
            return pos
    return pos


def _sentences(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The sentences between start and end outside heading lines, each with its offset."""
    out = []
    for pos, line in _lines(text):
        if pos + len(line) <= start or pos >= end or _heading(line) is not None:
            continue
        for m in SENTENCE.finditer(line, max(start, pos) - pos, min(end, pos + len(line)) - pos):
            if m.group().strip():
                out.append((m.group(), pos + m.start()))
    return out


def _items(sentences: list[tuple[str, int]]) -> list[str]:
    """The shortcomings part cut into its items: 一是…, （一）…, 1.… where it numbers them (a sentence
    that numbers none belongs to the item before it), else its sentences."""
    items: list[str] = []
    numbered = False
    for sentence, _ in sentences:
        if ITEM_START.search(sentence):
            numbered = True
            items.append(sentence)
        elif items and numbered:
            items[-1] += sentence
        else:
            items.append(sentence)
    return items


def _causes(text: str, start: int, end: int, facts: Facts) -> None:
    sentences = _sentences(text, start, end)
    if not sentences:
        return
    opening, at = sentences[0]
    given = [(s, pos) for s, pos in sentences if CAUSE.search(s)]
    if not given:
        if not any(CAUSE_WORDS.search(s) for s, _ in sentences):
            facts.put("report.states_causes", False, _clean(opening), at)
            facts.put("report.shortcomings_with_causes", 0, _clean(opening), at)
        return
    facts.put("report.states_causes", True, _clean(given[0][0]), given[0][1])
    count = sum(1 for item in _items(sentences) if CAUSE.search(item))
    facts.put("report.shortcomings_with_causes", count, _clean(given[0][0]), given[0][1])


def _clean(sentence: str) -> str:
    return sentence.strip().rstrip("。；;")


def _column(lines: list[tuple[int, str]], facts: Facts) -> None:
    for pos, line in lines[:HEAD_LINES]:
        crumb = line.strip()
        if BREADCRUMB.search(crumb) and COLUMN.search(crumb):
            facts.put("report.in_portal_column", True, crumb, pos)
            return


def _own(region: str) -> tuple[str, str, str] | None:
    """(its name, its name without the unit, the unit as it names its own bodies: 县, 区, 市, 旗)."""
    for suffix in ("自治县", "自治旗", "县", "旗", "区", "市"):
        if region.endswith(suffix):
            return region, region[: -len(suffix)], UNIT[suffix]
    return None  # a township: its people's congress has no standing committee


def _recipient(name: str, own: tuple) -> str | None:
    """Which recipient a body named in an addressee, copy or sending line is, for a report of a
    region ``own`` (its name, its name without the unit, its unit)."""
    full, stem, unit = own
    name = re.sub(r"^(?:报送|呈报|上报|主送|抄送|送)[:：]?|^中共|^中国共产党", "", name.strip())
    name = name.replace("人民政府", "政府").replace("委员会", "委").replace("人民代表大会常务委", "人大常委会")
    office = re.match(r"([\u4e00-\u9fa5]*?)委?(?:全面)?依法治([\u4e00-\u9fa5])(?:委)?(?:办公室|办)$", name)
    if office:
        return "higher_office" if _higher(office.group(1) or office.group(2), full, stem, unit) else None
    for body, key in (("人大常委会", "npc"), ("党委", "party"), ("委", "party"), ("政府", "government")):
        if name.endswith(body):
            place = name[: -len(body)]
            if key == "npc":
                return "own_npc" if place in (unit, full) else None
            if place in (unit, full, stem):
                return f"own_{key}"
            return f"higher_{key}" if _higher(place, full, stem, unit) else None
    return None


def _higher(place: str, full: str, stem: str, unit: str) -> bool:
    """Is ``place`` (市, 南阳市, 省, 河南省) the level above a region named ``full`` of unit ``unit``?"""
    if not place or place in (full, stem) or place[-1] not in HIGHER.get(unit, ()):
        return False
    return not (unit == "市" and place == "市")  # 市委 in a city's report is its own


def _names(listed: str) -> list[str]:
    listed = re.split(r"审议|审阅|审定|备案|同意|批准|研究", listed)[0]
    listed = re.sub(r"(?<=委)(?=[\u4e00-\u9fa5]{0,8}?(?:政府|人大))", "、", listed)  # 市委市政府
    return [n for n in SEPARATORS.split(listed) if n.strip()]


def _recipients(lines: list[tuple[int, str]], region: str | None, facts: Facts) -> None:
    own = _own(region) if region else None
    if own is None:
        return
    found: dict = {}
    for i, (pos, line) in enumerate(lines):
        text = line.strip()
        lists = []
        addressee = ADDRESSEE.match(text) if i < HEAD_LINES else None
        # an addressee line names bodies only (县委、县人大常委会：); prose ending in a colon is not one
        if addressee and all(BODY_END.search(n.strip()) for n in _names(addressee.group(1))):
            lists.append(addressee.group(1))
        lists += [m.group("to") for pattern in (SENT, COPY) for m in pattern.finditer(text)]
        for listed in lists:
            for kind in filter(None, (_recipient(n, own) for n in _names(listed))):
                found.setdefault(kind, (text, pos))
    keys = {
        "own_party": "report.sent_to_party_committee",
        "own_npc": "report.sent_to_npc_standing_committee",
        "higher_office": "report.copied_to_higher_rol_office",
    }
    for kind, key in keys.items():
        if kind in found:
            facts.put(key, True, *found[kind])
    if "higher_party" in found and "higher_government" in found:
        facts.put("report.sent_to_higher_party_and_government", True, *found["higher_party"])


def read(text: str, region: str | None, year: int | None, shortfall_found: bool) -> dict:
    """The report's own content facts: key -> (value, sentence, offset). ``shortfall_found``: the
    extractor's phrasings found shortcomings stated (causes are read only then)."""
    original, text = text, halfwidth(text)  # one character for one: offsets hold in both
    facts = Facts()
    lines = _lines(text)
    preamble, tail, shortfall, by_heading = _parts(text, year)
    body_start = preamble if preamble is not None else 0
    body_end = tail if tail is not None else len(text)
    measures = _measures(text, body_start, body_end)
    if len(measures) >= MEASURES:
        facts.put("report.states_measures", True, *measures[0])
    elif preamble is not None and tail is not None and not _acted(text, preamble, tail):
        intro = INTRO.search(text[:4000])
        line_start = text.rfind("\n", 0, intro.start()) + 1
        facts.put("report.states_measures", False, text[line_start : intro.end()].strip(), line_start)
    if shortfall_found and shortfall is not None:
        end = _shortfall_end(text, shortfall, by_heading, year)
        _causes(text, shortfall, end, facts)
    _column(lines, facts)
    _recipients(lines, region, facts)
    out = {}
    for key, (value, sentence, at) in facts.items.items():
        start = text.find(sentence, at) if sentence else -1
        out[key] = (value, original[start : start + len(sentence)] if start >= 0 else sentence, at)
    return out
