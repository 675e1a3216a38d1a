"""Reading the prose report itself: indicator values with the sentence each came from.

Precision first: a figure is taken only where a phrasing in rules/extract/ states it, in a clause
that is not about the previous year, another body, a plan, or a change; a figure found twice with
two different values is dropped (and said so), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker.errors import Diagnostic
from checker.extract import attribute, content, lexicon, mentions, meta
from checker.extract.numbers import APPROX_AFTER, APPROX_BEFORE, halfwidth, scaled, simplified, to_number
from checker.extract.patterns import Pattern, load_patterns
from checker.extract.reader import read_report
from checker.inputs.model import YEARS, Submission, Value, published_after_year
from checker.region import RegionProblem, region_name

SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
CLAUSE_BREAK = "，,：:。；;！？!?"
YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
LEADING_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年度?(?:以来)?[,，]")  # 2023年，… : the whole sentence
TITLE = re.compile(r"《[^》\n]{0,80}》")
MASK = re.compile(r"《[^》\n]{0,80}》|〔[^〕\n]{0,20}〕|\[[^\]\n]{0,20}\]")


@dataclass(frozen=True)
class Found:
    key: str
    value: object
    approx: bool
    sentence: str
    line: int
    column: int
    weight: int
    note: str | None = None
    approx_kind: str | None = None  # over (余), under (近), about (约): checker.inputs.values


@dataclass
class Extraction:
    file: str
    text: str = ""
    region: str | None = None
    year: int | None = None
    published_on: dt.date | None = None
    level: str | None = None  # "department": a department of the region reports
    found: dict = field(default_factory=dict)  # key -> Found
    dropped: list = field(default_factory=list)  # (key, [Found, ...]) conflicting values
    outcomes: list = field(default_factory=list)  # every number with a unit and what became of it
    diagnostics: list = field(default_factory=list)


@lru_cache(maxsize=4)
def _patterns(root: str, cat_id: int, cat):
    from checker.pack.files import read_yaml

    return load_patterns(Path(root) / "extract", cat, read_yaml)


@lru_cache(maxsize=4)
def _lexicon(root: str, cat_id: int, cat):
    from checker.pack.files import read_yaml

    return lexicon.load(Path(root) / "extract", cat, read_yaml)


def rule_diagnostics(pack) -> list:
    """What is wrong with the pack's extraction rules (rules/extract/: phrasings, traps, vocabulary,
    evidence frames): what ``fazhi rules lint`` reports beside the rules themselves."""
    problems = [
        *_patterns(pack.root, id(pack.catalogue), pack.catalogue)[2],
        *_lexicon(pack.root, id(pack.catalogue), pack.catalogue)[1],
    ]
    seen, out = set(), []
    for d in problems:  # both read an area's file: a problem in it is said once
        where = (d.code, d.file, d.line, d.column)
        if where not in seen:
            seen.add(where)
            out.append(d)
    return out


def _masked(text: str) -> str:
    """Digits inside titles 《2024年度…》 and document numbers 〔2024〕3号 become blanks (same length)."""
    return MASK.sub(lambda m: re.sub(r"\d", "□", m.group()), text)


def _work(text: str) -> str:
    """The text as figures are read in: half-width, simplified script, titles masked (one character
    for one: positions hold in the original)."""
    return _masked(simplified(halfwidth(text)))


def _line_col(starts: list[int], pos: int) -> tuple[int, int]:
    import bisect

    line = bisect.bisect_right(starts, pos) - 1
    return line + 1, pos - starts[line] + 1


# How far back a figure's context is read (its clause, the words before it in its sentence). Real
# sentences are shorter; a longer one (a hostile run of clauses with no full stop) is read in windows,
# so the work stays linear in the text.
LOOKBACK = 1000


def _clause_start(sentence: str, pos: int) -> int:
    floor = max(0, pos - LOOKBACK)
    return max(floor - 1, *(sentence.rfind(c, floor, pos) for c in CLAUSE_BREAK)) + 1


SELF = {
    "市": ("全市", "市政府", "市委", "市级", "市直"),
    "区": ("全区", "区政府", "区委", "区级", "区直"),
    "县": ("全县", "县政府", "县委", "县级", "县直"),
    "省": ("全省", "省政府", "省委", "省级", "省直"),  # a province's own report (陕西省: 全省…出庭应诉率)
    "州": ("全州", "州政府", "州委", "州级", "州直"),  # an autonomous prefecture's
    "旗": ("全旗", "旗政府", "旗委", "旗级", "旗直"),
}


# words after which 市政府 / 全市 name the reporting city itself, not a city above it (沅州市政府)
VERBS = (
    "召开",
    "组织",
    "举办",
    "主持",
    "印发",
    "出台",
    "经",
    "由",
    "向",
    "报",
    "请",
    "在",
    "对",
    "按",
    "为",
    "与",
    "和",
    "及",
    "将",
    "把",
    "以",
    "的",
    "本",
    "我",
    "年",
    "年度",
    "年内",  # time words before the place's own body (年内市政府常务会议集体学法5次)
    "全年",
    "今年",
    "当年",
    "同时",
    "先后",
)


# in a township's own report, the county, district or city above it is another body
ABOVE_TOWNSHIP = ("全县", "县政府", "县委", "县级", "县直", "全区", "区政府", "区委", "区级", "区直")
TOWNSHIP = re.compile(r"(?:.*[市县区旗])?([\u4e00-\u9fa5]+?(?:镇|乡|街道))$")  # 永安市小陶镇 -> 小陶镇


def _not_self(clause: str, region: str | None) -> str:
    """The clause without the words by which a county-level city or district names itself (市委市政府:
    each after the other, so the words are read until none is left to mask)."""
    words = SELF.get(region[-1], ()) if region else ()
    masked = None
    while masked != clause:
        masked = clause
        for word in words:
            start = clause.find(word)
            while start >= 0:
                before = clause[:start]
                if not before or not "\u4e00" <= before[-1] <= "\u9fa5" or before.endswith(VERBS):
                    clause = clause[:start] + "□" * len(word) + clause[start + len(word) :]
                start = clause.find(word, start + 1)
    return clause


def _opening_year(sentence: str) -> int | None:
    """The year a sentence opens with (``2023年，…``): what it is about, until it names another."""
    m = LEADING_YEAR.match(sentence.lstrip())
    return int(m.group(1)) if m else None


def _trapped(
    sentence: str,
    start: int,
    year: int | None,
    traps: dict,
    kind: str,
    region: str | None = None,
    phrase: int | None = None,
    opened: int | None = None,
    allow: tuple = (),
    level: str | None = None,
) -> bool:
    """Is the figure at ``start``, stated by the phrase at ``phrase``, about the previous year, another
    body, a plan or a change? ``opened``: the year the sentence opens with. ``allow``: ``previous_year``
    where the phrase itself names the previous year (上年结转N件: a carry-over is last year's by what
    it is); words of that list then trap the figure only before the phrase."""
    clause_start = _clause_start(sentence, start)
    clause = sentence[clause_start:start]
    before = clause
    if "previous_year" in allow and phrase is not None:
        before = sentence[clause_start : max(clause_start, phrase)]
    head = sentence[max(0, start - LOOKBACK) : start]
    words = traps.get("compiled", {})
    if (
        kind == "number"
        and "changes" in words
        and phrase is not None
        and words["changes"].search(sentence[_clause_start(sentence, phrase) : phrase])
    ):
        return True
    # a document's title names its issuer, never the figure's subject (印发《长春市政府部门权责事项清单》4133项)
    bodies = _blanked(TITLE, _not_self(clause, region))
    for name in ("tasks_from", "recipients"):
        # 完成省级部署的…30件: the county's own work on a task set above it; 向省政府、市人大报备…1件: the
        # bodies the county sent its work to
        if name in words:
            bodies = _blanked(words[name], bodies)
    for name, where in (("previous_year", before), ("plans", head), ("other_bodies", bodies)):
        if name in words and words[name].search(where):
            return True
    if kind == "number" and "frequency" in words and words["frequency"].search(clause.rsplit("、", 1)[-1]):
        return True  # 每半年听取1次: how often, not how many
    if kind != "fact" and year:
        years = [int(y) for y in YEAR.findall(before)]
        if years and years[-1] < year:  # the year named last before it: 2023年度…473名…和2024年度…471名
            return True
        if (
            opened is not None and opened < year and not any(int(y) >= year for y in YEAR.findall(head))
        ):  # 2023年，…，2024年受理120件: ours
            return True
    if (
        level != "department"
        and "departments" in words
        and (words["departments"].match(clause) or words["departments"].match(sentence, 0, start))
    ):
        return True  # one department's part of the county's figure (the sentence's subject)
    township = TOWNSHIP.match(region) if region else None
    if township:
        if any(word in clause for word in ABOVE_TOWNSHIP):
            return True
        if township.group(1) in clause:  # its own name: not another township
            return False
    return "other_body_patterns" in words and words["other_body_patterns"].match(clause) is not None


def _value(pattern: Pattern, match: re.Match):
    if pattern.kind in ("fact", "zero"):
        return pattern.value, None
    prefix = {"number": "", "money": "m_", "rate": "p_"}[pattern.kind]
    if pattern.kind == "rate" and match.group("pfull"):
        return 100, None
    number = to_number(match.group(prefix + "num"))
    if number is None:
        return None, None
    if pattern.kind == "money":
        number = scaled(number, match.group("scale"))
    elif match.group(prefix + "wan"):
        number = scaled(number, "万")
    # the approximation's kind where there is one (近: under, 约: about, 余: over; checker.inputs.values), else None
    from checker.inputs.values import APPROX_KINDS

    before, after, later = (match.group(prefix + g) for g in ("before", "after", "later"))
    kinds = {
        APPROX_KINDS[w]
        for w in (
            before if before in APPROX_BEFORE else None,
            after if after in APPROX_AFTER else None,
            later if later in APPROX_AFTER else None,
        )
        if w
    }
    return number, (kinds.pop() if len(kinds) == 1 else "about") if kinds else None


def _number_start(pattern: Pattern, match: re.Match) -> int:
    for group in ("num", "m_num", "p_num", "pfull"):
        if group in match.re.groupindex and match.group(group):
            return match.start(group)
    return match.start()


def _in_context(pattern: Pattern, text: str, base: int, sentence: str, match: re.Match) -> bool:
    if not pattern.context:
        return True
    if pattern.within:
        start = base + match.start()
        line_start = text.rfind("\n", max(0, start - pattern.within), start) + 1
        window = text[max(line_start, start - pattern.within) : base + match.end()]
    else:
        window = sentence[max(0, match.end() - LOOKBACK) : match.end()]
    last = max(window.rfind(w) for w in pattern.context)
    if last < 0:
        return False
    return not any(window.rfind(w) > last for w in pattern.unless)


def _year_ok(pattern: Pattern, match: re.Match, year: int | None) -> bool:
    if pattern.year is None:
        return True
    wanted = (year or 0) + (1 if pattern.year == "next" else 0)
    return to_number(match.group("yr")) == wanted


def _clause_rest(sentence: str, end: int) -> str:
    """The words of the clause after ``end``."""
    stops = [i for i in (sentence.find(c, end) for c in CLAUSE_BREAK) if i >= 0]
    return sentence[end : min(stops, default=len(sentence))]


def _said_after(rest: str, words: tuple) -> bool:
    """Does the rest of a clause say one of ``words`` of the figure, other than of all of them (全部进驻)
    or as the name of a rate (网上可办率)?"""
    if rest.lstrip().startswith(("全部", "均", "都")):
        return False
    return any(re.search(re.escape(w) + "(?!率)", rest) for w in words)


def _blanked(pattern: re.Pattern, text: str) -> str:
    """``text`` with what ``pattern`` matches written over (□), each character kept in its place."""
    return pattern.sub(lambda m: "□" * len(m.group()), text)


def _list_subject(sentence: str, start: int, recipients: re.Pattern | None = None) -> bool:
    """Is the phrase at ``start`` the last of a list of subjects that share one number (区委常委会会议、
    区政府常务会议学法20次)? Not where the item before it has its own (建议227件、提案233件), nor where
    the list is of the bodies the work was sent to (向省政府、市人大报备规范性文件1件: ``recipients``)."""
    clause_start = _clause_start(sentence, start)
    before = sentence[clause_start:start].rstrip()
    if "、" not in before:
        return False
    if recipients is not None:  # read with the verb after it, which the recipients' pattern looks for
        before = _blanked(recipients, sentence[clause_start:])[: len(before)]
        if "、" not in before:
            return False
    item = before.rsplit("、", 1)[0].rsplit("、", 1)[-1]  # the item before the phrase's own
    return not mentions.find(item)  # 建议八十七件、提案九十四件: each has its number


def _scan(ex: Extraction, patterns: list[Pattern], traps: dict, claimed: set) -> list[Found]:
    """What the phrasings state; ``claimed`` gets the offset of every number a phrasing took
    (attribution leaves it alone; one a phrasing set aside as a trap is attributed on its evidence, under
    the same traps: 取消政务服务事项18项 is no count of services, and is a count of those abolished)."""
    text = _work(ex.text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = []
    for sm in SENTENCE.finditer(text):
        sentence, base = sm.group(), sm.start()
        opened = _opening_year(sentence)
        for pattern in patterns:
            if pattern.anchor not in sentence:
                continue
            for match in pattern.regex.finditer(sentence):
                if (
                    not _in_context(pattern, text, base, sentence, match)
                    or not _year_ok(pattern, match, ex.year)
                    or pattern.not_
                    and any(w in match.group() for w in pattern.not_)
                    or pattern.not_after
                    and _said_after(_clause_rest(sentence, match.end()), pattern.not_after)
                ):
                    continue
                if pattern.kind in ("number", "rate", "money") and _list_subject(
                    sentence, match.start(), traps.get("compiled", {}).get("recipients")
                ):
                    continue  # the last of a list (区委常委会会议、区政府常务会议学法20次): the list's count
                at = _number_start(pattern, match)
                if pattern.traps and _trapped(
                    sentence,
                    at,
                    ex.year,
                    traps,
                    pattern.kind,
                    ex.region,
                    match.start(),
                    opened,
                    pattern.allow,
                    ex.level,
                ):
                    continue
                claimed.add(base + at)
                value, kind = _value(pattern, match)
                if value is None:
                    continue
                line, col = _line_col(starts, base + at)
                lo, hi = 0, len(sentence)
                if hi > LOOKBACK:  # a run-on sentence: the figure's clause, to the end of the phrase
                    lo, hi = _clause_start(sentence, match.start()), match.end()
                source = ex.text[base + lo : base + hi].strip().rstrip("。；;")
                found.append(
                    Found(pattern.key, value, kind is not None, source, line, col, pattern.weight, approx_kind=kind)
                )
    return found


def _resolve(ex: Extraction, found: list[Found], cat) -> None:
    by_key: dict = {}
    for item in found:
        by_key.setdefault(item.key, []).append(item)
    for key, items in by_key.items():
        values = {(i.value, i.approx) for i in items}
        if len(values) == 1:
            ex.found[key] = min(items, key=lambda i: (i.line, i.column))
            continue
        best = max(i.weight for i in items)
        top = {(i.value, i.approx) for i in items if i.weight == best}
        if len(top) == 1:
            ex.found[key] = min((i for i in items if i.weight == best), key=lambda i: (i.line, i.column))
        else:
            ex.dropped.append((key, items))
            ex.diagnostics.append(
                Diagnostic(
                    "extract.conflict",
                    ex.file,
                    items[0].line,
                    items[0].column,
                    {"key": key, "values": "、".join(sorted({str(v) for v, _ in values}))},
                    "note",
                )
            )


def _attribute(ex: Extraction, lex, traps: dict, claimed: set) -> None:
    """Every other number with a unit, attributed from its evidence (checker.extract.attribute); an
    indicator a phrasing found keeps the phrasing's value, one attributed twice with two values is
    dropped (and said so)."""
    ex.outcomes = attribute.read(ex.text, lex, traps, _trapped, ex.region, ex.year, claimed, _work, ex.level)
    by_key: dict = {}
    for out in ex.outcomes:
        if out.key is not None:
            by_key.setdefault(out.key, []).append(out)
    for key, items in by_key.items():
        if key in ex.found:
            continue
        values = {(o.mention.value, o.approx is not None) for o in items}
        whole = [o for o in items if not o.part]
        if len(values) > 1 and whole and len({(o.mention.value, o.approx is not None) for o in whole}) == 1:
            items, values = whole, {(whole[0].mention.value, whole[0].approx is not None)}  # 其中…: a part
        if len(values) > 1:
            ex.dropped.append((key, items))
            ex.diagnostics.append(
                Diagnostic(
                    "extract.conflict",
                    ex.file,
                    items[0].line,
                    items[0].column,
                    {"key": key, "values": "、".join(sorted({str(v) for v, _ in values}))},
                    "note",
                )
            )
            continue
        first = items[0]
        ex.found[key] = Found(
            key,
            first.mention.value,
            first.approx is not None,
            first.sentence,
            first.line,
            first.column,
            0,
            approx_kind=first.approx,
        )


EXACT_BELOW = 200  # under 200 items, one item short is below 99.5%: a stated 100% cannot be rounded


def _infer(ex: Extraction, cat) -> None:
    """A rate of 100% with one of its counts stated gives the other count, where 100% cannot be rounded:
    其中规范性文件15件，审查率达100% gives 15 reviewed. The whole from its part only where the part is
    the only count of its sentence: 对107件重大行政处罚案件进行审核备案，审查率达100% gives 107 cases;
    办理应诉案件90件，区政府负责人出庭应诉案件37件，出庭应诉率100% gives no count of cases heard (the
    100% may be of either)."""
    for ind in cat.indicators.values():
        rate = ex.found.get(ind.key)
        if not ind.derive or rate is None or rate.value != 100 or rate.approx:
            continue
        num, den = ind.derive
        for known, unknown in ((den, num), (num, den)):
            if (
                known in ex.found
                and unknown not in ex.found
                and not ex.found[known].approx
                and ex.found[known].value < EXACT_BELOW
                and (known == den or _alone(ex.found[known], rate))
            ):
                base = ex.found[known]
                ex.found[unknown] = Found(
                    unknown, base.value, False, rate.sentence, rate.line, rate.column, 0, note="inferred"
                )


def _alone(count: Found, rate: Found) -> bool:
    """Is ``count`` the only count of its sentence?"""
    counts = [m for m in mentions.find(_work(count.sentence)) if m.family == "count"]
    return len(counts) <= 1


def _metadata(ex: Extraction, region=None, year=None, published_on=None) -> None:
    """Region, year and publication date: as given (``--region`` …: what the text does not state, or
    states otherwise), else as the text states them. Known before the figures are read, whose traps
    (an earlier year, another body) depend on them."""
    read = meta.read_meta(ex.text)
    ex.region, ex.year, ex.level = region or read.region, year or read.year, read.level
    if region is None:  # where the region was read from, or why it could not be
        ex.diagnostics.extend(
            Diagnostic(code, ex.file, line, None, params, severity) for code, line, params, severity in read.notes
        )
    if ex.region is not None:  # the one guard of every reader, --region included (cli.py too)
        try:
            ex.region = region_name(ex.region)
        except RegionProblem as exc:
            ex.diagnostics.append(Diagnostic(exc.code, ex.file, None, None, {**exc.params, "key": "--region"}))
            ex.region = None
    if year is not None and year not in YEARS:
        ex.diagnostics.append(Diagnostic("option.year", ex.file, None, None, {"raw": year}))
        ex.year = None
    ex.published_on = published_on or (meta.published_on(ex.text, ex.year) if ex.year else None)
    # the text gives only a date of the next year; one given from outside is held to the same test
    # as a submission's (a date within the year reported on is refused, and not used)
    if ex.published_on is not None and ex.year and not published_after_year(ex.published_on, ex.year):
        ex.diagnostics.append(
            Diagnostic(
                "input.published_before_year",
                ex.file,
                None,
                None,
                {"key": "--published-on", "raw": ex.published_on.isoformat(), "year": ex.year},
            )
        )
        ex.published_on = None


def _content(ex: Extraction, cat) -> None:
    """The report's own content read from its shape (checker.extract.content): measures in the body,
    causes beside the shortcomings, its portal column, its recipients. A phrasing in rules/extract/
    that found the same fact comes first."""
    starts = [0] + [m.end() for m in re.finditer("\n", ex.text)]
    stated = ex.found.get("report.states_shortcomings")
    for key, (value, sentence, at) in content.read(ex.text, ex.region, ex.year, bool(stated and stated.value)).items():
        if key in cat.indicators and key not in ex.found:
            line, col = _line_col(starts, at)
            ex.found[key] = Found(key, value, False, sentence, line, col, 0)


def _quantified(ex: Extraction, traps: dict) -> int:
    units = "".join(traps.get("figure_units", ()))
    if not units:
        return 0
    pattern = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:%|[{units}])")
    return len(pattern.findall(_masked(halfwidth(ex.text))))


def extract(path: str | Path, pack, region=None, year=None, published_on=None) -> Extraction:
    """The report's figures, each with its sentence; ``region``, ``year`` and ``published_on`` given
    from outside take the place of what the text says."""
    path = Path(path)
    ex = Extraction(str(path))
    text = read_report(path, ex.diagnostics)
    if text is None:
        return ex
    ex.text = text
    patterns, traps, problems = _patterns(pack.root, id(pack.catalogue), pack.catalogue)
    ex.diagnostics.extend(problems)
    _metadata(ex, region, year, published_on)
    claimed: set = set()
    _resolve(ex, _scan(ex, patterns, traps, claimed), pack.catalogue)
    lex, problems = _lexicon(pack.root, id(pack.catalogue), pack.catalogue)
    ex.diagnostics.extend(problems)
    _attribute(ex, lex, traps, claimed)
    _infer(ex, pack.catalogue)
    _content(ex, pack.catalogue)
    count = _quantified(ex, traps)
    if count and "report.quantified_figures" in pack.catalogue.indicators:
        ex.found["report.quantified_figures"] = Found(
            "report.quantified_figures", count, False, "", 1, 1, 0, note="counted"
        )
    refused = any(d.code.startswith("input.region") or d.code == "option.year" for d in ex.diagnostics)
    said = any(d.code in ("extract.region_unnamed", "extract.region_ambiguous") for d in ex.diagnostics)
    if not refused:  # figures are written all the same; --region / --year give these
        if ex.region is None and ex.year is None and not said:
            ex.diagnostics.append(Diagnostic("extract.metadata", ex.file, 1, 1))
        elif ex.region is None and not said:
            ex.diagnostics.append(Diagnostic("extract.region_missing", ex.file, 1, 1))
        elif ex.year is None:
            ex.diagnostics.append(Diagnostic("extract.year_missing", ex.file, 1, 1))
    return ex


def to_submission(ex: Extraction, cat) -> Submission:
    """The extraction as a submission the checker evaluates (values keep sentence and position, an
    approximate figure its kind and range)."""
    from checker.inputs.model import approximate, derive

    sub = Submission(
        ex.file,
        region=ex.region,
        level=ex.level,
        year=ex.year,
        published_on=ex.published_on,
        diagnostics=list(ex.diagnostics),
        parsed=True,
    )
    for key, item in sorted(ex.found.items()):
        kind = (item.approx_kind or "about") if item.approx else None
        fields = approximate(item.value, cat.indicators[key].unit, kind) if kind and key in cat.indicators else {}
        sub.values[key] = Value(
            item.value, bool(item.approx), item.sentence or None, item.note, item.line, item.column, **fields
        )
    if ex.published_on is not None and "report.published_on" in cat.indicators:
        sub.values.setdefault("report.published_on", Value(ex.published_on, source=None, line=None))
    derive(sub, cat)
    return sub


__all__ = ["extract", "to_submission", "Extraction"]
