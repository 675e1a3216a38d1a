"""Each number with a unit attributed to an indicator, or to none, from the evidence around it.

A mention (checker.extract.mentions) is read in the words around it: its clause up to the number
(after the previous figure of that clause), the words right after its measure word, the rest of its
sentence, the sentences before it in the paragraph and the heading above. The evidence for an
indicator (checker.extract.lexicon) is a name of the catalogue stated next to the number, or a
frame: the words that say what was counted near the number, the words that must stand in the same
clause or sentence, the topic the paragraph is on (行政复议 or 行政诉讼: the nearest topic word before
the figure, back to its heading) and the measure word. The indicator with the strongest evidence
is taken; where two are equally supported, or none is, the figure is attributed to no indicator,
and is listed for review (``fazhi extract --candidates``) with the indicators nearest to it. A
figure about another body, an earlier year, a plan or a change (rules/extract/traps.yaml) is not
attributed either, and a rate is never read from a change or a share (同比增长15%, 占比30%).

The phrasings of rules/extract/<area>.yaml come first: a number one of them read (taken, or set
aside as a trap) is theirs, and an indicator one of them found keeps its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract import mentions as mentions_mod

SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
CLAUSE_BREAK = ",:;。!?"
RIGHT_BREAK = ",:;。!?、"
BARE_YEAR = re.compile(r"(?<![\d.□])((?:19|20)\d{2})(?![\d.%])")
HEADING_NUMBER = re.compile(
    r"^\s*(?:[零〇一二三四五六七八九十]+\s*[、.．]|[（(][零〇一二三四五六七八九十]+[)）]|\d+\s*[、.．])"
)
KIND = {"count": "number", "percent": "rate", "yuan": "money", "days": "number"}
PREVIOUS = 2  # sentences of the paragraph read back for the topic
# How far around a figure a sentence is read: real sentences are shorter; a longer one (a hostile run of
# clauses with no full stop) is read in windows, so that the work stays linear in the text.
WINDOW = 1000
NEAREST = 3  # indicators listed beside a figure not attributed
# measure words of acts and people, which a report may put before the noun they count (开展3次学法活动,
# 2万余名干部参加考试); a frame's left-side words are read that far after them too
VERBAL = ("次", "场", "场次", "期", "名", "人", "人次", "批次")
FRONT = 8
# a list mark and at most a place's prefix (区, 县政府's 县) between a body and the name after it
LISTED = re.compile(r"[、和及与][\u4e00-\u9fa5]{0,3}$")
# 对 (and 对其中, 对全县) right before a number: the act on those things follows them
DONE_TO = re.compile(r"(?:^|[^反面相针绝])对(?:其中|全县|全区|全市|全镇|全部|共|了)?$")


@dataclass(frozen=True)
class Outcome:
    """What became of one mention: attributed to ``key``, or not, and why."""

    mention: mentions_mod.Mention
    key: str | None
    reason: str  # attributed | phrasing | trapped | change | ambiguous | unattributed | kept
    sentence: str
    line: int
    column: int
    nearest: tuple = ()  # indicators with some evidence, best first (where not attributed)
    approx: str | None = None
    part: bool = False  # a part of a figure stated before it (其中…, or in brackets after it)


@dataclass
class _Context:
    sentence: str  # the sentence (masked, half-width)
    near: str  # the clause up to the number, after the clause's previous figure
    left: str  # the clause up to the number
    right: str  # the words after the measure word, to the next break or figure
    before: str  # the sentence up to the number
    family: str
    measure: str
    topic: str | None
    around: str = ""  # the sentences before it in the paragraph and the heading above
    core: str = ""  # ``near`` without the words between a name and its number (共, 达到)
    done_to: bool = False  # the number follows 对: the act is stated after what it counts (对6件…文件进行了清理)


QUOTES = str.maketrans("", "", '“”‘’「」『』"')


def _plain(text: str) -> str:
    """Words as evidence is read in: without quotation marks (“一件事”集成服务 is 一件事集成服务)."""
    return text.translate(QUOTES)


def _strip_parentheses(near: str) -> str:
    """The words before a number: inside an open bracket, only what the bracket holds (含上年结转12件);
    a closed bracket's words are explanation and left out (纠错（含撤销、确认违法）29件)."""
    opened = max(near.rfind("("), near.rfind("（"))
    closed = max(near.rfind(")"), near.rfind("）"))
    if opened > closed:
        return near[opened + 1 :]
    return re.sub(r"[(（][^()（）]*[)）]", "", near)


def _heading(line: str) -> str | None:
    """A heading line's words (its first sentence where it runs on: （七）争议化解助和谐，…。)."""
    text = line.strip()
    if not text:
        return None
    if HEADING_NUMBER.match(text):
        first = re.split(r"[。!?！？]", text, maxsplit=1)[0]
        return first if len(first) <= 40 else None
    return text if len(text) <= 30 and "。" not in text else None


class Attributor:
    def __init__(self, lexicon, traps: dict, trapped, region: str | None, year: int | None, level: str | None = None):
        self.lex, self.traps, self.trapped, self.region, self.year = lexicon, traps, trapped, region, year
        self.level = level
        self.topic_re = (
            re.compile("|".join(re.escape(w) for w, _ in lexicon.topic_words)) if lexicon.topic_words else None
        )
        self.topic_of = dict(lexicon.topic_words)
        self.rate_not = re.compile("|".join(f"(?:{w})" for w in lexicon.levels_not)) if lexicon.levels_not else None

    # -- topic -------------------------------------------------------------------------------------
    def _last_topic(self, text: str) -> str | None:
        if not self.topic_re or not text:
            return None
        last = None
        for m in self.topic_re.finditer(text):
            last = m
        return self.topic_of[last.group()] if last else None

    def _topic(self, right: str, before: str, previous: list, heading: str | None) -> str | None:
        if self.topic_re:
            m = self.topic_re.search(right)
            if m:
                return self.topic_of[m.group()]
        for text in (before, *reversed(previous), heading or ""):
            found = self._last_topic(text)
            if found:
                return found
        return None

    # -- evidence ----------------------------------------------------------------------------------
    def _score(self, frame, ctx: _Context):
        """(its words right before the number, specificity, -distance, (the word, left or right), where
        the word ends) or None. Words right before the number (a name, or a frame's words: 按期结案率100%,
        受理行政复议案件86件) outweigh any elsewhere. A name stated after the number (纳入6个重大行政决策事项)
        is evidence as good as its words, and none where words after it say what was done to them
        (72名新提拔领导干部参加任前法律知识考试: the examination counts them, a frame's evidence)."""
        if frame.measure and ctx.measure not in frame.measure:
            return None
        if frame.topic and ctx.topic not in frame.topic:
            return None
        if frame.not_ and any(w in ctx.near or w in ctx.right for w in frame.not_):
            return None
        if frame.not_in_sentence and any(w in ctx.sentence for w in frame.not_in_sentence):
            return None
        if self._counts_other(frame, ctx):
            return None
        distance, word, where, strong, told, end = None, "", None, False, False, None
        core = ctx.core
        if frame.name:
            stem = frame.what[0]
            if core.endswith(stem):
                if self._listed_body(core[: -len(stem)]):
                    return None  # 区委常委会会议、区政府常务会议学法20次: one count for both, no one body's name
                distance, word, where, strong = 0, stem, "left", True
            else:
                lead = self.lex.lead.match(ctx.right)
                at = lead.end() if lead else 0
                if ctx.right.startswith(stem, at):
                    distance, word, where = 0, stem, "right"
                    told = bool(ctx.right[at + len(stem) :].strip(" 中内里等之"))  # a predicate after the name
        else:
            for w in frame.what:
                if frame.side != "right":
                    i = ctx.near.rfind(w)
                    if i >= 0:
                        d = 0 if core.endswith(w) else len(ctx.near) - i - len(w)
                        if distance is None or (d, -len(w)) < (distance, -len(word)):
                            distance, word, where, strong, end = d, w, "left", d == 0, i + len(w)
                if frame.side != "left":
                    i = ctx.right.find(w)
                    if i >= 0 and (distance is None or (i, -len(w)) < (distance, -len(word))):
                        distance, word, where, strong = i, w, "right", False
                elif distance is None and (ctx.measure in VERBAL or ctx.done_to):
                    # the number before its noun: 开展3次学法活动, 组织2万余名干部参加学法考试; after 对,
                    # the act after the things it was done to, however they are named (对6件涉及计划生育
                    # 规范性文件进行了清理, 对1378名县处级领导干部进行考评), as after a count of acts followed
                    # by 对 (先后4次对《信访工作条例》等法律法规进行专题学习)
                    lead = self.lex.lead.match(ctx.right)
                    at = lead.end() if lead else 0
                    i = ctx.right.find(w, at)
                    free = ctx.done_to or ctx.measure in VERBAL and ctx.right.startswith("对", at)
                    if free and i >= at or at <= i <= at + FRONT and not any(c in ctx.right[at:i] for c in "、和及与"):
                        distance, word, where, strong = i - at, w, "right", False
        if distance is None:
            return None
        if told:
            return None  # the words after the name say what was done: a frame's, or none's
        specificity = len(word) + (2 if frame.name and not strong else 0)
        weight = {"segment": 1.0, "clause": 1.0, "sentence": 0.5, "context": 0.0, "carried": 0.5}[frame.scope]
        groups = frame.with_
        if frame.scope == "carried":
            # the subject carried from the clauses before: the body named last before the number
            # (市政府常务会议专题学法6次，听取法治建设汇报13次: the executive meeting heard it)
            body = self._last_body(ctx.before)
            if body is None or not groups or body not in groups[0]:
                return None
            specificity += weight_of_body(body)
            groups = groups[1:]
        if groups:
            scope = {
                "segment": ctx.near + "▮" + ctx.right,
                "clause": ctx.left + "▮" + ctx.right,
                "sentence": ctx.sentence,
                "context": ctx.around + ctx.sentence,
                "carried": ctx.left + "▮" + ctx.right,
            }[frame.scope]
            for group in groups:
                hit = [w for w in group if w in scope]
                if not hit:
                    return None
                specificity += weight * max(len(w) for w in hit)
        if frame.topic:
            specificity += 2
        return (1 if strong else 0, specificity, -distance, (word, where), end)

    def _last_body(self, before: str) -> str | None:
        """The meeting or body named last in the words before a figure (vocabulary.yaml bodies)."""
        if self.lex.bodies is None:
            return None
        found = list(self.lex.bodies.finditer(before))
        if not found:
            return None
        last = found[-1]
        clause_start = max(before.rfind(c, 0, last.start()) for c in CLAUSE_BREAK) + 1
        if any(m.start() >= clause_start for m in found[:-1]):
            return None  # 区委常委会、区政府常务会议专题听取…: two bodies, one count
        after = before[last.end() :]
        if after[:1] in ("、", "和", "及", "等") or re.match(r"[^,:;。!?]{0,12}等", after):
            return None  # one of a list of meetings (召开政府常务会、法治政府建设工作会等): not one subject
        return last.group()

    def _listed_body(self, head: str) -> bool:
        """Does a meeting or body (vocabulary.yaml bodies) end the words before a name, listed with it
        (…常委会会议、区 before 政府常务会议学法): the name's body is one of several sharing the count."""
        mark = LISTED.search(head)
        if self.lex.bodies is None or mark is None:
            return False
        return any(m.end() == mark.start() for m in self.lex.bodies.finditer(head))

    def _counts_other(self, frame, ctx: _Context) -> bool:
        """Does a number with 个 or 家 count the places, bodies or fields named right after it (8个领域,
        16个市), where the frame's own words are not those?"""
        if ctx.measure not in ("个", "家") or not self.lex.counted:
            return False
        lead = self.lex.lead.match(ctx.right)
        after = ctx.right[lead.end() if lead else 0 :]
        thing = next((w for w in self.lex.counted if after.startswith(w)), None)
        own = (*frame.what, *(w for group in frame.with_ for w in group))
        return thing is not None and not any(thing in w for w in own)

    def _candidates(self, ctx: _Context) -> list:
        best: dict = {}
        ctx.core = self.lex.filler.sub("", ctx.near)
        for frame in self.lex.near(ctx.family, ctx.near + "▮" + ctx.right):
            score = self._score(frame, ctx)
            if score is not None and (frame.key not in best or score[:3] > best[frame.key][0][:3]):
                best[frame.key] = (score, frame)
        return sorted(best.values(), key=lambda sf: (sf[0][:3], sf[1].key), reverse=True)

    def _nearest(self, ctx: _Context) -> tuple:
        """Indicators with part of the evidence (a word of a frame near the number), best first."""
        scores: dict = {}
        words = ctx.near + "▮" + ctx.right
        for frame in self.lex.near(ctx.family, words):
            if frame.measure and ctx.measure not in frame.measure:
                continue
            hit = sum(len(w) for w in frame.what if w in words) + sum(
                max((len(w) for w in g if w in ctx.sentence), default=0) for g in frame.with_
            )
            if hit:
                scores[frame.key] = max(scores.get(frame.key, 0), hit)
        return tuple(k for k, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:NEAREST])

    # -- one mention ---------------------------------------------------------------------------------
    def _context(
        self, sentence: str, start: int, end: int, floor: int, ceiling: int, previous: list, heading
    ) -> _Context:
        clause_start = max(sentence.rfind(c, 0, start) for c in CLAUSE_BREAK) + 1
        # a space a portal sets between words and a number (提案 105 件) is no word: read up to it
        left = sentence[clause_start:start].rstrip()
        near = _strip_parentheses(sentence[max(clause_start, floor) : start]).rstrip()
        if floor > clause_start and "、" in near and not near.lstrip().startswith(("其中", "含", "包括")):
            # the words up to the 、 after the previous figure are its own (15名新提拔干部参加考试、32名干部
            # 参加廉政考试: 新提拔 and 考试 are the 15's); after 其中 the 、 lists kinds sharing one count
            near = near[near.find("、") + 1 :]
        stop = min([i for i in (sentence.find(c, end) for c in RIGHT_BREAK) if i >= 0] + [ceiling])
        right = re.sub(r"[(（][^()（）]*[)）]?", "", sentence[end:stop]).lstrip()
        before = sentence[:start]
        return _Context(
            _plain(sentence),
            _plain(near),
            _plain(left),
            _plain(right),
            _plain(before),
            "",
            "",
            self._topic(right, before, previous, heading),
            _plain((heading or "") + "▮" + "".join(previous)),
            done_to=DONE_TO.search(left) is not None,
        )

    def attribute(
        self,
        sentence: str,
        m,
        start: int,
        end: int,
        floor: int,
        ceiling: int,
        previous: list,
        heading,
        opened: int | None,
    ) -> list:
        """[(key or None, reason, nearest, evidence start)] for the mention at ``start``..``end``
        (``floor``: where the previous figure of the sentence ends; ``ceiling``: where the next starts)."""
        ctx = self._context(sentence, start, end, floor, ceiling, previous, heading)
        ctx.family, ctx.measure = m.family, m.measure
        if m.family == "points":
            return [(None, "change", (), start)]
        listed = self._listed(sentence, ctx, start, opened) if m.family == "percent" else []
        if listed:
            return listed
        return [self._decide(sentence, ctx, start, opened)]

    def _decide(self, sentence: str, ctx: _Context, start: int, opened) -> tuple:
        ranked = self._candidates(ctx)
        if ctx.family == "percent" and self._change(
            ctx, ranked[0][0][3][0] if ranked and ranked[0][0][3][1] == "left" else ""
        ):
            return (None, "change", (), start)
        if not ranked:
            return (None, "unattributed", self._nearest(ctx), start)
        (score, frame), rest = ranked[0], ranked[1:]
        if frame.name and score[0]:  # a name governed by another figure's verb: 调撤一审行政诉讼案件102件
            governed = len(ctx.core) - len(score[3][0])
            verb = [(s, f) for s, f in rest if not f.name and f.key != frame.key and s[4] == governed]
            if verb:
                (score, frame), rest = verb[0], [sf for sf in ranked if sf is not verb[0]]
                rest = [sf for sf in rest if sf[1].key != frame.key and sf[0][:3] >= score[:3]]
        if rest and rest[0][0][:3] == score[:3]:
            return (None, "ambiguous", tuple(f.key for _, f in ranked[:NEAREST]), start)
        if self._trap(sentence, start, ctx, frame, _locate(sentence, *score[3], start), opened):
            return (None, "trapped", (frame.key,), start)
        return (frame.key, "attributed", (), start)

    def _change(self, ctx: _Context, word: str) -> bool:
        """Is a rate a change or a share (同比增长15%, 占比30%), by the words before it other than the
        name it is attributed by (跨部门联合抽查占比 is a share by its name, and a level)?"""
        if not self.rate_not:
            return False
        near = ctx.near
        if word:
            i = near.rfind(word)
            near = near[:i] + near[i + len(word) :] if i >= 0 else near
        return self.rate_not.search(near) is not None

    def _listed(self, sentence: str, ctx: _Context, start: int, opened) -> list:
        """One rate stated for several names: 审核率、备案率、备案通过率均达到100%. Each name is read as
        if it stood alone before the number, on the topic of the words up to it."""
        core = self.lex.filler.sub("", ctx.near)
        tail = ctx.near[len(core) :]
        if "、" not in core or not any(mark in tail for mark in self.lex.list_marks):
            return []
        items = core.split("、")
        if sum(1 for i in items if i.endswith("率")) < 2:
            return []
        out, seen = [], set()
        head = ctx.before[: len(ctx.before) - len(ctx.near)]
        clause_head = ctx.left[: len(ctx.left) - len(ctx.near)]
        done = ""
        for item in items:
            done += item
            if item.endswith("率"):
                sub = _Context(
                    ctx.sentence,
                    item,
                    clause_head + done,
                    "",
                    head + done,
                    ctx.family,
                    ctx.measure,
                    self._topic("", head + done, [], None) or ctx.topic,
                    ctx.around,
                )
                key, reason, nearest, _ = self._decide(sentence, sub, start, opened)
                if key is not None and key not in seen:
                    seen.add(key)
                    out.append((key, reason, nearest, start))
            done += "、"
        return out

    def _trap(self, sentence: str, start: int, ctx: _Context, frame, phrase: int, opened) -> bool:
        allow = tuple(a for a in frame.allow if a == "previous_year")
        if allow:  # the year the carry-over names is part of its phrase: (含2021年结转12件)
            named = re.search(r"(?:19|20)\d{2}\s*年度?$", sentence[max(0, phrase - 8) : phrase])
            phrase -= len(named.group()) if named else 0
        kind = KIND[ctx.family] if "changes" not in frame.allow else "count"  # not "number": no change trap
        if self.trapped(sentence, start, self.year, self.traps, kind, self.region, phrase, opened, allow, self.level):
            return True
        year = self.year
        if year is None or allow:
            return False
        # a year written without 年 (2023总共需办理…): an earlier year still, where it is the last named
        years = BARE_YEAR.findall(ctx.left)
        return bool(years) and int(years[-1]) < year


def weight_of_body(body: str) -> float:
    """What a body carried from an earlier clause adds to a frame's evidence: less than its words
    would in the figure's own clause."""
    return len(body) * 0.5


def _locate(sentence: str, word: str, side: str, start: int) -> int:
    """Where ``word`` (read without quotation marks) stands in the sentence: the last time before the
    number at ``start``, or the first after it."""
    pattern = re.compile('[“”‘’「」『』"]?'.join(map(re.escape, word)))
    if side == "left":
        found = [m.start() for m in pattern.finditer(sentence, 0, start)]
        return found[-1] if found else start
    m = pattern.search(sentence, start)
    return m.start() if m else start


def _part(sentence: str, start: int, floor: int) -> bool:
    """Is the figure at ``start`` a part of one stated before it: inside brackets after it
    (审结67件（含上年结转12件）) or after 其中 in its clause?"""
    clause_start = max(sentence.rfind(c, 0, start) for c in CLAUSE_BREAK) + 1
    before = sentence[clause_start:start]
    opened = max(before.rfind("("), before.rfind("（"))
    if opened > max(before.rfind(")"), before.rfind("）")):
        return True
    return "其中" in before


def read(text: str, lexicon, traps: dict, trapped, region, year, claimed: set, masked, level=None) -> list[Outcome]:
    """Every mention in ``text`` and what became of it. ``claimed``: offsets of numbers a phrasing of
    rules/extract/ read (they stay the phrasing's); ``masked``: the text as phrasings read it."""
    work = masked(text)
    starts = [0] + [m.end() for m in re.finditer("\n", work)]
    found = mentions_mod.find(work)
    if not found:
        return []
    attributor = Attributor(lexicon, traps, trapped, region, year, level) if lexicon else None
    outcomes: list[Outcome] = []
    index = 0
    heading = None
    line_no = -1
    previous: list = []
    import bisect

    for sm in SENTENCE.finditer(work):
        base = sm.start()
        line = bisect.bisect_right(starts, base) - 1
        if line != line_no:
            line_no, previous = line, []
            line_text = work[starts[line] : starts[line + 1] - 1 if line + 1 < len(starts) else len(work)]
            head = _heading(line_text)
            if head is not None:
                heading = head
        sentence = sm.group()
        while index < len(found) and found[index].start < base:
            index += 1
        inside = []
        while index < len(found) and found[index].end <= sm.end():
            inside.append(found[index])
            index += 1
        opened = None
        lead = re.match(r"\s*((?:19|20)\d{2})\s*年度?(?:以来)?[,，]", sentence)
        if lead:
            opened = int(lead.group(1))
        floor = 0
        long = len(sentence) > 2 * WINDOW
        whole = None if long else text[base : sm.end()].strip().rstrip("。；;")
        for n, m in enumerate(inside):
            s, e = m.start - base, m.end - base
            ceiling = inside[n + 1].start - base if n + 1 < len(inside) else len(sentence)
            lo = max(0, s - WINDOW) if long else 0
            window = sentence[lo : min(len(sentence), e + WINDOW)] if long else sentence
            s, e, floor, ceiling = s - lo, e - lo, max(0, floor - lo), min(ceiling - lo, len(window))
            source = whole
            if long:  # a run-on sentence: the figure's clause, to the end of the figure
                clause = max(window.rfind(c, 0, s) for c in CLAUSE_BREAK) + 1
                source = text[base + lo + clause : base + lo + e].strip()
            part = _part(window, s, floor)
            line_, col = line + 1, m.start - starts[line] + 1
            if m.start in claimed:
                outcomes.append(Outcome(m, None, "phrasing", source, line_, col, (), m.approx, part))
            elif attributor is None:
                outcomes.append(Outcome(m, None, "unattributed", source, line_, col, (), m.approx, part))
            else:
                for key, reason, nearest, _ in attributor.attribute(
                    window, m, s, e, floor, ceiling, previous, heading, opened
                ):
                    outcomes.append(Outcome(m, key, reason, source, line_, col, nearest, m.approx, part))
            floor = e + lo
        previous.append(sentence[-WINDOW:])
        previous = previous[-PREVIOUS:]
    return outcomes


def left_over(ex) -> list[tuple[Outcome, str]]:
    """The numbers with a unit an extraction found and did not take, each with why: attributed to no
    indicator (unattributed, ambiguous, trapped, change), or to one that took another value
    (conflict). What a phrasing of rules/extract/ took is taken."""
    out = []
    for o in ex.outcomes:
        if o.reason == "phrasing":
            continue
        if o.key is None:
            out.append((o, o.reason))
            continue
        taken = ex.found.get(o.key)
        if taken is None or (taken.line, taken.column) != (o.line, o.column) and taken.value != o.mention.value:
            out.append((o, "conflict"))
    return out
