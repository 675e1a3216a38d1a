"""docs/indicators-reference.md: every indicator of the catalogue, generated from the pack.

Written with docs/rules.md by ``python -m checker.rulesdoc``; ``tests/test_docs.py`` fails while
the file differs from what ``indicators_markdown`` gives.
"""

from __future__ import annotations

INDICATORS_DOC = "docs/indicators-reference.md"

# how each unit is written in a submission (the catalogue's units; see docs/submission.md)
UNITS = {
    "count": "数量 count（非负整数）",
    "percent": "百分比 percent（0–100）",
    "yuan": "金额 yuan（元）",
    "days": "天数 days",
    "date": "日期 date（YYYY-MM-DD）",
    "bool": "是否 bool（true/false）",
}
BETTER = {"higher": "越高越好 higher", "lower": "越低越好 lower"}

HEADER = """# 指标参考 · Indicator reference

<!-- Generated from rules/catalogue/*.yaml and rules/pack/*.yaml by `python -m checker.rulesdoc`.
     Do not edit by hand: tests/test_docs.py fails while this file differs from what the command writes. -->

Every indicator a submission may report, by area: its key, its Chinese name (accepted in a
submission in place of the key, as are the aliases), its unit, how it is computed where it can be
derived from other indicators, which way it improves (used by `fazhi score` to list indicators
that got worse), and the rules that read it ([rules.md](rules.md)). How a submission is written:
[submission.md](submission.md). The keys the output contract guarantees never to rename are in
[indicators.md](indicators.md); the definitions of rates that differ between bodies in
[rates.md](rates.md).
"""


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def indicators_markdown(pack) -> str:
    """The page for ``pack``'s catalogue (area order, then the catalogue's own order)."""
    from checker.pack.rules import indicators_read

    cat = pack.catalogue
    readers: dict[str, list[str]] = {}
    for rule in pack.all_rules:
        for key in dict.fromkeys(indicators_read(rule)):
            readers.setdefault(key, []).append(rule.id)
    out = [HEADER]
    for area_key, area in cat.areas.items():
        rows = [ind for ind in cat.indicators.values() if ind.area == area_key]
        if not rows:
            continue
        out.append(f"\n## {area.zh} · {area.en} ({area.code})\n\n")
        out.append(
            "| key | 名称 · name | 单位 · unit | 计算 · derived | 规则 · rules |\n| --- | --- | --- | --- | --- |\n"
        )
        for ind in rows:
            out.append(_row(ind, cat, readers.get(ind.key, ())))
    return "".join(out)


def _row(ind, cat, rules) -> str:
    name = f"{_cell(ind.zh)}<br>{_cell(ind.en)}"
    if ind.aliases:
        name += "<br>别名 aliases: " + "、".join(_cell(a) for a in ind.aliases)
    if ind.field:
        name += f"<br>submission field: `{_cell(ind.field)}`"
    unit = UNITS.get(ind.unit, ind.unit)
    if ind.better:
        unit += f"<br>{BETTER[ind.better]}"
    derived = _derivation(ind, cat)
    links = ", ".join(f"[{rid}](rules.md#{rid.lower()})" for rid in rules) or "—"
    return f'| <a id="{ind.key}"></a>`{ind.key}` | {name} | {unit} | {derived} | {links} |\n'


def _derivation(ind, cat) -> str:
    ref = lambda key: f"[`{key}`](#{key})"  # noqa: E731
    if ind.parts:
        first, *rest = ind.parts
        return ref(first[1]) + "".join((" + " if sign > 0 else " − ") + ref(key) for sign, key in rest)
    if ind.derive:
        text = " ÷ ".join(ref(k) for k in ind.derive)
        for num, den in ind.derive_else:
            text += f"; else {ref(num)} ÷ {ref(den)}"
        return text
    return "—"
