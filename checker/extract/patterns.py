"""Extraction phrasings as data (rules/extract/*.yaml), compiled to regular expressions once.

A pattern is a template in the report's own words with placeholders:

=============  ==============================================================================
``{n}``        a number: 12, 2,528, １２, 十二, 两千五百二十八, with 近/约/逾 before or 余/多 after
``{money}``    an amount with its unit: 4.29亿元, 300万元, 5000元 (read in yuan)
``{p}``        a rate: 达100%, 达到98.5%, 为100%, 百分之百
``{*}``        a few characters within the same clause (no comma or full stop)
``{**}``       a few characters within the same sentence
``[a|b]``      one of the words a, b
``{year}``     a year (2025年 is written ``{year}年``); with ``year: next`` it must be the year after
               the one reported on, with ``year: this`` the year reported on
=============  ==============================================================================

An entry is a template, or a mapping ``{pattern, context, within, value, year, unless, traps, allow, not,
not_after}`` (``not_after``: words that, after the phrase in its clause, make the figure another one:
``{n}个政务服务事项`` is not the number of services where ``网上可办`` follows):
``context`` lists
words one of which must appear earlier in the same sentence (the topic a bare ``审结{n}件`` belongs
to), or within ``within`` characters before the figure in the same paragraph;
``value`` is the value of a pattern without a number (``true`` for a fact such as a published
catalogue, ``0`` for a count stated as none: 未发生行政诉讼败诉案件); ``allow: [previous_year]`` lets
the phrase itself name the previous year (上年结转{n}件: a carry-over is last year's by what it is),
whose words then trap the figure only where they come before the phrase; ``not`` lists words the
matched phrase must not hold (``[审核|审查]{*}规范性文件{n}件`` is not ``审查和备案规范性文件54件``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import Diagnostic
from checker.extract.numbers import NUMBER, WAN
from checker.yamlpos import YMap

SPACE = r"[ \t\u3000]*"  # what a portal sets between words and a number (提案 105 件)
GAP = r"[^，。；：！？,;:!?\n]{0,16}?"
WIDE_GAP = r"[^。；！？;!?\n]{0,48}?"
RATE = (
    r"(?:达到|达|为|是|实现|保持|保持在|提升至|提高到|提升到|提高至)?\s*"
    rf"(?:(?P<pnum>{NUMBER.replace('?P<', '?P<p_')})\s*%|(?P<pfull>百分之百))"
)
MONEY = rf"{NUMBER.replace(WAN, '').replace('?P<', '?P<m_')}\s*(?P<scale>亿元|万元|元)"
ALLOWED_TRAPS = frozenset({"previous_year"})  # the trap lists a phrase may name itself (``allow``)
TOKEN = re.compile(r"\{n\}|\{money\}|\{p\}|\{year\}|\{\*\*\}|\{\*\}|\[[^\]]+\]")


@dataclass(frozen=True)
class Pattern:
    key: str
    template: str
    regex: re.Pattern
    kind: str  # "number" | "money" | "rate" | "fact" | "zero" (a count stated as none)
    context: tuple = ()
    value: object = None
    file: str = ""
    line: int = 0
    within: int = 0  # context looked for this many characters back in the paragraph (0: sentence)
    year: str | None = None  # "next" | "this": what a {year} must be
    traps: bool = True  # False: the report's own structure (next year's plan is meant to be a plan)
    unless: tuple = ()  # a topic that, named after the last context word, means the figure is not ours
    anchor: str = ""  # the longest literal text of the template: a sentence without it cannot match
    allow: tuple = ()  # trap lists the phrase itself may name (previous_year: 上年结转{n}件)
    not_: tuple = ()  # words the phrase must not hold (审查和备案规范性文件54件 is not a review count)
    not_after: tuple = ()  # words that, after the phrase in its clause, make it another figure (…网上可办)

    def __post_init__(self):
        object.__setattr__(self, "anchor", max(TOKEN.split(self.template), key=len))

    @property
    def weight(self) -> int:
        """More literal text makes a pattern more specific."""
        return len(TOKEN.sub("", self.template))


def compile_template(template: str) -> tuple[re.Pattern, str]:
    parts, pos, kind = [], 0, "fact"
    for match in TOKEN.finditer(template):
        parts.append(re.escape(template[pos : match.start()]))
        token = match.group()
        if token == "{n}":
            parts.append(SPACE + NUMBER + SPACE)
            kind = "number"
        elif token == "{money}":
            parts.append(SPACE + MONEY)
            kind = "money"
        elif token == "{p}":
            parts.append(SPACE + RATE)
            kind = "rate"
        elif token == "{year}":
            parts.append(r"(?P<yr>20\d{2}|二〇[〇一二三四五六七八九]{2})")
        elif token == "{*}":
            parts.append(GAP)
        elif token == "{**}":
            parts.append(WIDE_GAP)
        else:
            parts.append("(?:" + "|".join(re.escape(w) for w in token[1:-1].split("|")) + ")")
        pos = match.end()
    parts.append(re.escape(template[pos:]))
    if sum(template.count(t) for t in ("{n}", "{money}", "{p}")) > 1:
        raise ValueError("one number per pattern")
    return re.compile("".join(parts)), kind


def load_patterns(directory: Path, cat, read) -> tuple[list[Pattern], dict, list[Diagnostic]]:
    """Every pattern of the areas' files under rules/extract/ (``<area>.yaml``) and the trap words
    (traps.yaml)."""
    diags: list[Diagnostic] = []
    patterns: list[Pattern] = []
    traps: dict = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name != "traps.yaml" and path.stem not in cat.areas:
            continue  # the attribution's vocabulary (lexicon.py), the reader's words (meta.yaml)
        data = read(path, diags)
        if data is None:
            continue
        if path.name == "traps.yaml":
            traps = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
            try:
                traps["compiled"] = {
                    k: re.compile("|".join(f"(?:{w})" for w in v))
                    for k, v in traps.items()
                    if k != "figure_units" and v
                }
            except re.error as exc:
                diags.append(Diagnostic("extract.pattern", str(path), 1, 1, {"key": "traps", "reason": str(exc)}))
                traps["compiled"] = {}
            continue
        block = data.get("indicators")
        if block is None and "terms" in data:
            continue  # an area with evidence for attribution only
        if not isinstance(block, YMap):
            diags.append(Diagnostic("pack.missing_field", str(path), 1, 1, {"field": "indicators", "owner": path.name}))
            continue
        for key, entries in block.items():
            patterns.extend(_entries(key, entries, block, str(path), cat, diags))
    return patterns, traps, diags


def _entries(key, entries, block, file, cat, diags) -> list[Pattern]:
    line, col = block.key_pos[key]
    ind = cat.indicators.get(key)
    if ind is None:
        diags.append(
            Diagnostic("expr.unknown_indicator", file, line, col, {"name": key, "rule": "extract", "suggestion": ""})
        )
        return []
    out = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        spec = entry if isinstance(entry, YMap) else {"pattern": entry}
        template = spec.get("pattern")
        eline = entries.item_pos[i][0]

        def refuse(reason: str, line: int = eline) -> None:
            diags.append(Diagnostic("extract.pattern", file, line, None, {"key": key, "reason": reason}))

        try:
            regex, kind = compile_template(template)
        except (TypeError, ValueError, re.error) as exc:
            refuse(str(exc))
            continue
        value = spec.get("value")
        if kind == "fact" and value is None or kind != "fact" and value is not None:
            refuse("a pattern without a number needs a value")
            continue
        # a fact is a yes or no, or for a count the statement that there were none (未发生…败诉案件: 0)
        zero = kind == "fact" and ind.unit == "count" and type(value) is int and value == 0
        fact_ok = kind == "fact" and (isinstance(value, bool) if ind.unit == "bool" else zero)
        if (
            kind == "fact"
            and not fact_ok
            or kind != "fact"
            and (
                (kind == "rate") != (ind.unit == "percent")
                or (kind == "money") != (ind.unit == "yuan")
                or ind.unit == "bool"
            )
        ):
            refuse(f"{kind} pattern for a {ind.unit} indicator")
            continue
        if zero:
            kind = "zero"  # a figure like any other: the earlier-year trap applies to it
        within = spec.get("within") or 0
        year = spec.get("year")
        if (
            not isinstance(within, int)
            or year not in (None, "next", "this")
            or (year is not None) != ("{year}" in template)
        ):
            refuse("within must be a number; year (next|this) goes with {year}")
            continue
        allow = spec.get("allow") or ()
        if not isinstance(allow, (list, tuple)) or not set(allow) <= ALLOWED_TRAPS:
            refuse("allow lists trap names: " + ", ".join(sorted(ALLOWED_TRAPS)))
            continue
        out.append(
            Pattern(
                key,
                template,
                regex,
                kind,
                _listed(spec.get("context")),
                value,
                file,
                eline,
                within,
                year,
                spec.get("traps", True) is not False,
                _listed(spec.get("unless")),
                allow=tuple(allow),
                not_=_listed(spec.get("not")),
                not_after=_listed(spec.get("not_after")),
            )
        )
    return out


def _listed(value) -> tuple:
    """A field that takes one word or a list of them, as a tuple (nothing: empty)."""
    if not value:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)
