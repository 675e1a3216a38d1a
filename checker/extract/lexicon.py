"""The evidence a figure is attributed by (checker.extract.attribute), as data.

Two sources, both under the pack's rules:

* the catalogue's own names and aliases (rules/catalogue/*.yaml): a name stated next to a number
  (``服判息诉率98%``, ``受理行政复议案件86件``, ``开展16场法治宣传活动``) is the strongest evidence there
  is. A name is read without its counting word (行政复议案件受理数 → 行政复议案件受理; 场次, 件数, 人数 …
  likewise: ``names.cut`` in vocabulary.yaml), and a rate's name that opens with a topic
  (行政复议纠错率) also stands for its last words after that topic is established (纠错率9.38% in a
  paragraph on 行政复议);
* frames in rules/extract/<area>.yaml under ``terms:``, for figures whose words are not a name:
  the words that say what was counted, near the number (``what``: 受理, 审结, 不予受理), the words
  that must stand in the same clause or sentence (``with``), the topic the figure belongs to
  (``topic``, read back to the heading), the measure words it is counted in and the words that rule
  it out (``not``).

vocabulary.yaml holds what the areas share: the topics with their words, the words that may stand
between a name and its number (共, 达到, 均为 …), and the words that make any rate a change or a
share rather than a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import Diagnostic
from checker.yamlpos import YMap

FAMILY = {"count": "count", "percent": "percent", "yuan": "yuan", "days": "days"}
SCOPES = ("segment", "clause", "sentence", "context", "carried")
SIDES = ("left", "right", "any")
FIELDS = {"what", "with", "scope", "topic", "measure", "not", "not_in_sentence", "side", "allow"}
ALLOWED = frozenset({"previous_year", "changes"})


@dataclass(frozen=True)
class Frame:
    """One way a figure of ``key`` is stated."""

    key: str
    family: str  # count | percent | yuan | days: the mention's kind it takes
    what: tuple  # words near the number (its clause, left of it or right after it)
    with_: tuple = ()  # groups of words, one of each group in the clause (or sentence)
    scope: str = "clause"  # where ``with`` words are looked for: the segment (the words since the
    # clause's previous figure, and after it), the clause, the sentence,
    # or the context (the sentence, those before it in its paragraph, the
    # heading)
    topic: tuple = ()  # the topic the figure belongs to (one of), read back to the heading
    measure: tuple = ()  # measure words it is counted in (any of the family where empty)
    not_: tuple = ()  # words that, near the number, make it another figure
    not_in_sentence: tuple = ()  # words that, anywhere in the sentence, leave the figure unsure
    side: str = "any"  # where ``what`` stands: left of the number, right after it, either
    allow: tuple = ()  # previous_year: names the previous year by what it is (上年结转);
    # changes: counts a change to a list by what it is (承接下放事项)
    name: bool = False  # a catalogue name or alias: next to the number, nothing between
    file: str = ""
    line: int = 0


@dataclass
class Lexicon:
    frames: list
    topics: dict  # topic -> words
    topic_words: list  # (word, topic), longest first
    filler: re.Pattern  # words between a name and its number
    lead: re.Pattern  # the same, after the measure word
    levels_not: tuple  # words that make a rate a change or a share (同比, 占比 …)
    list_marks: tuple  # 均, 都, 全部: one rate stated for several names
    counted: tuple = ()  # what a 个 right before it counts (8个领域, 16个市): not the frame's thing
    bodies: re.Pattern | None = None  # the meetings and bodies a clause's subject may be (scope: carried)

    def by_family(self, family: str) -> list:
        return self._by_family.get(family, [])

    def near(self, family: str, window: str) -> list:
        """The frames of ``family`` one of whose words stands in ``window`` (the only ones that can
        take a figure there), in the lexicon's order."""
        found = {id(f): f for word, frames in self._by_word.get(family, {}).items() if word in window for f in frames}
        return [f for f in self.by_family(family) if id(f) in found]

    def __post_init__(self):
        self._by_family: dict = {}
        self._by_word: dict = {}
        for frame in self.frames:
            self._by_family.setdefault(frame.family, []).append(frame)
            for word in frame.what:
                self._by_word.setdefault(frame.family, {}).setdefault(word, []).append(frame)


def _words(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise ValueError("a list of words")


def _alternation(words) -> re.Pattern:
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


def load(directory: Path, cat, read) -> tuple[Lexicon | None, list[Diagnostic]]:
    """The lexicon of rules/extract/ (vocabulary.yaml and each area's ``terms:``) with the
    catalogue's names; None where there is no vocabulary (a pack without attribution)."""
    diags: list[Diagnostic] = []
    vocab_path = directory / "vocabulary.yaml"
    if not vocab_path.is_file():
        return None, diags
    vocab = read(vocab_path, diags)
    if not isinstance(vocab, YMap):
        return None, diags
    try:
        topics = {name: _words(words) for name, words in (vocab.get("topics") or {}).items()}
        filler = _words(vocab.get("filler"))
        lead = _words(vocab.get("lead"))
        names = vocab.get("names") or {}
        cut = (_words(names.get("cut")), _words(names.get("measures")), _words(names.get("keep")))
        levels_not = _words(vocab.get("rate_not"))
        list_marks = _words(vocab.get("list_marks"))
        counted = _words(vocab.get("counted"))
        bodies = _words(vocab.get("bodies"))
    except (ValueError, AttributeError) as exc:
        diags.append(Diagnostic("extract.pattern", str(vocab_path), 1, 1, {"key": "vocabulary", "reason": str(exc)}))
        return None, diags
    frames = _names(cat, topics, cut)
    for path in sorted(directory.glob("*.yaml")):
        if path.stem not in cat.areas:
            continue
        data = read(path, diags)
        block = data.get("terms") if isinstance(data, YMap) else None
        if block is None:
            continue
        if not isinstance(block, YMap):
            diags.append(Diagnostic("pack.not_mapping", str(path), 1, 1, {"what": "terms"}))
            continue
        for key, entries in block.items():
            frames.extend(_frames(key, entries, block, str(path), cat, topics, diags))
    frames = _measured(frames)
    topic_words = sorted(((w, t) for t, words in topics.items() for w in words), key=lambda p: -len(p[0]))
    filler_re = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(filler, key=len, reverse=True)) + r"|\s)*$")
    lead_re = re.compile("^(?:" + "|".join(re.escape(w) for w in sorted(lead, key=len, reverse=True)) + r"|\s)*")
    bodies_re = _alternation(bodies) if bodies else None
    return (
        Lexicon(frames, topics, topic_words, filler_re, lead_re, levels_not, list_marks, counted, bodies_re),
        diags,
    )


def _measured(frames: list) -> list:
    """A name's frames take the measure words its indicator's frames are counted in (行政许可事项218项
    is the list's size; 办理行政许可事项1443件 is licences granted), and what they allow (承接“跨省通办”
    事项148项 counts a change to a list by what it is)."""
    from dataclasses import replace

    measures: dict = {}
    allows: dict = {}
    for frame in frames:
        if not frame.name:
            measures.setdefault(frame.key, set()).update(frame.measure if frame.measure else ("*",))
            allows.setdefault(frame.key, set()).update(frame.allow)
    out = []
    for frame in frames:
        known = measures.get(frame.key)
        if frame.name and known and "*" not in known:
            frame = replace(frame, measure=tuple(sorted(known)))
        if frame.name and allows.get(frame.key):
            frame = replace(frame, allow=tuple(sorted(allows[frame.key])))
        out.append(frame)
    return out


def _names(cat, topics: dict, cut: tuple) -> list[Frame]:
    """A frame for each name and alias of a count, rate or amount, as stated next to its number."""
    frames = []
    cuts, measures, keep = sorted(cut[0], key=len, reverse=True), cut[1], cut[2]
    topic_words = sorted(((w, t) for t, words in topics.items() for w in words), key=lambda p: -len(p[0]))
    for ind in cat.indicators.values():
        family = FAMILY.get(ind.unit)
        if family is None:
            continue
        stems = set()
        for name in (ind.zh, *ind.aliases):
            name = re.sub(r"（[^）]*）|\([^)]*\)|[“”‘’「」\"]", "", name)
            if family == "count":
                for word in cuts:
                    if name.endswith(word) and len(name) > len(word) + 1:
                        name = name[: -len(word)]
                        break
                if name.endswith(measures) and not name.endswith(keep) and len(name) > 2:
                    name = name[:-1]
            if len(name) >= 3:
                stems.add(name)
        for stem in sorted(stems):
            frames.append(Frame(ind.key, family, (stem,), name=True))
            if family != "percent":
                continue
            for word, topic in topic_words:  # 行政复议纠错率: 纠错率 once 行政复议 is the topic
                core = stem[len(word) :]
                if stem.startswith(word) and len(core) >= 3:
                    frames.append(Frame(ind.key, family, (core,), topic=(topic,), name=True))
                    break
    return frames


def _frames(key, entries, block, file, cat, topics, diags) -> list[Frame]:
    line, col = block.key_pos[key]
    ind = cat.indicators.get(key)
    if ind is None:
        diags.append(
            Diagnostic("expr.unknown_indicator", file, line, col, {"name": key, "rule": "extract", "suggestion": ""})
        )
        return []
    family = FAMILY.get(ind.unit)
    out = []
    for i, spec in enumerate(entries if isinstance(entries, list) else [entries]):
        eline = entries.item_pos[i][0] if isinstance(entries, list) and hasattr(entries, "item_pos") else line
        try:
            if family is None:
                raise ValueError(f"a {ind.unit} indicator is not a figure")
            if not isinstance(spec, YMap) or not set(spec) <= FIELDS or "what" not in spec:
                raise ValueError("a mapping with what (and with, scope, topic, measure, not, side, allow)")
            groups = spec.get("with") or []
            if not isinstance(groups, list):
                raise ValueError("with: a list of word lists")
            with_ = tuple(_words(g) for g in groups)
            topic = _words(spec.get("topic"))
            unknown = [t for t in topic if t not in topics]
            if unknown:
                raise ValueError("unknown topic " + ", ".join(unknown))
            scope, side = spec.get("scope", "clause"), spec.get("side", "any")
            allow = _words(spec.get("allow"))
            if scope not in SCOPES or side not in SIDES or not set(allow) <= ALLOWED:
                raise ValueError(
                    "scope: segment|clause|sentence|context|carried; side: left|right|any; allow: previous_year, changes"
                )
            out.append(
                Frame(
                    key,
                    family,
                    _words(spec["what"]),
                    with_,
                    scope,
                    topic,
                    _words(spec.get("measure")),
                    _words(spec.get("not")),
                    _words(spec.get("not_in_sentence")),
                    side,
                    allow,
                    False,
                    file,
                    eline,
                )
            )
        except ValueError as exc:
            diags.append(Diagnostic("extract.pattern", file, eline, None, {"key": key, "reason": str(exc)}))
    return out
