"""The ranking table in the terminal, and the cohort as JSON."""
from __future__ import annotations

import io
import json

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker import __version__, i18n
from checker.i18n import one_line
from checker.outputs import display_name
from checker.score import figures
from checker.score.model import CohortReport, tr

GRADE_STYLE = {0: "bold green", 1: "green", 2: "yellow"}


def _num(value: float) -> str:
    return figures.text(value)


def _change(c, lang) -> Text:
    if c.change is None:
        return Text("–", style="dim")
    d = c.change.delta
    arrow, style = ("▲", "green") if d > 0 else (("▼", "red") if d < 0 else ("＝", "dim"))
    text = Text(f"{arrow}{_num(abs(d))}", style=style)
    if tr(c.change.previous_grade, lang) != tr(c.grade_name, lang):
        text.append(f" ({tr(c.change.previous_grade, lang)}→{tr(c.grade_name, lang)})")
    return text


def render_text(report: CohortReport, lang: str, width: int = 120, color: bool = False) -> str:
    buf = io.StringIO()
    # markup off: the one boundary where a submission's text (a region named "[/]县" or "[link=…]") meets
    # rich, which would read it as markup (an error, a hidden hyperlink); styles are given as Text objects
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False)
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    console.print(Text(f"{t('score.title')} · {tr(report.scheme_name, lang)}", style="bold"))
    if report.illustrative:          # said above the grades it qualifies
        console.print(Text(tr(report.illustrative, lang), style="yellow"))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, padding=(0, 1))
    for head, justify in ((t("score.rank"), "right"), (t("label.region"), "left"), (t("label.year"), "right"),
                          (t("score.total"), "right"), (t("score.grade"), "left")):
        table.add_column(head, justify=justify, no_wrap=True, min_width=len(head) * 2)
    if report.categories:
        table.add_column(t("score.category"), no_wrap=True)
    for _, code, _, points in report.areas:
        table.add_column(f"{code}\n{_num(points)}", justify="right", no_wrap=True, min_width=4)
    if report.satisfaction:
        table.add_column(f"{t('score.satisfaction')}\n{_num(report.satisfaction[1])}", justify="right", no_wrap=True)
    if report.penalties:
        table.add_column(t("score.penalty"), justify="right", no_wrap=True)
    categories = {key: tr(name, lang) for key, name, _bands in report.categories}
    vetoes_shown = any(c.vetoes for c in report.counties)
    if vetoes_shown:
        table.add_column(t("score.vetoes"), overflow="fold", max_width=24)
    table.add_column(t("score.change"), no_wrap=True)
    band_index = {key: i for i, (key, _, _) in enumerate(report.bands)}
    for c in report.counties:
        areas = [_num(a.score) if a.applicable else "–" for a in c.areas]
        category = [categories.get(c.category, "–")] if report.categories else []
        extra = ([_num(c.satisfaction) if c.satisfaction is not None else "–"] if report.satisfaction else []) + \
            ([f"−{_num(c.penalty)}" if c.penalty else _num(0)] if report.penalties else [])
        vetoes = ["；".join(tr(v.label, lang) for v in c.vetoes)] if vetoes_shown else []
        table.add_row(str(c.rank), one_line(c.region), str(c.year), _num(c.total),
                      Text(tr(c.grade_name, lang), style=GRADE_STYLE.get(band_index.get(c.grade), "red")),
                      *category, *areas, *extra, *vetoes, _change(c, lang))
    console.print(table)
    for error in report.errors:
        console.print(Text(f"{t('score.not_scored')}: {one_line(error.file)}", style="red"))
        for message in error.messages[:5]:
            console.print(Text("  " + message))
    console.print(t("score.summary", counties=len(report.counties), errors=len(report.errors)))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def render_json(report: CohortReport, lang: str) -> str:
    def county(c):
        return {
            "rank": c.rank, "file": display_name(c.file), "region": c.region, "year": c.year, "score": c.total, "base": c.base,
            "grade": c.grade, "grade_name": tr(c.grade_name, lang), "category": c.category or None, "bonus": c.bonus,
            "penalty": c.penalty,
            "penalty_items": [{"label": tr(b.label, lang), "points": b.points} for b in c.penalty_items],
            "satisfaction": None if report.satisfaction is None else {
                "points": c.satisfaction, "of": report.satisfaction[1], "value": c.satisfaction_value,
                "scored": c.satisfaction is not None},
            "areas": {a.area: {"points": a.points, "deduction": a.deduction, "score": a.score,
                               "applicable": a.applicable} for a in c.areas},
            "vetoes": [{"kind": v.kind, "label": tr(v.label, lang), "rule": v.rule} for v in c.vetoes],
            "bonus_items": [{"label": tr(b.label, lang), "points": b.points} for b in c.bonus_items],
            "deductions": [{"rule": i.rule, "status": i.status, "deduction": i.deduction,
                            "reason": tr(i.reason, lang), "basis": i.basis} for i in c.items if i.deduction > 0],
            "change": None if c.change is None else {
                "previous_year": c.change.previous_year, "previous_score": c.change.previous_score,
                "previous_grade": tr(c.change.previous_grade, lang), "delta": c.change.delta,
                "worse": [{"indicator": w.indicator, "name": tr(w.name, lang), "previous": w.previous,
                           "value": w.value, "unit": w.unit, "better": w.better,
                           "previous_text": tr(w.shown, lang)[0], "value_text": tr(w.shown, lang)[1]}
                          for w in c.change.worse]},
        }
    # one county per line, by the C encoder (an indented document is written by json's Python
    # encoder: ten times slower for a national cohort)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head = encode({"tool": {"name": "fazhi-checker", "version": __version__}, "scheme": report.scheme,
                   "scheme_name": tr(report.scheme_name, lang), "illustrative": report.illustrative is not None,
                   "illustrative_note": None if report.illustrative is None else tr(report.illustrative, lang),
                   "sources": [{"document": s["document"], "url": s["url"] or None,
                                "note": None if s["note"] is None else tr(s["note"], lang)} for s in report.sources]})
    errors = encode([{"file": display_name(e.file), "messages": list(e.messages)} for e in report.errors])
    ranking = "".join(("," if i else "") + "\n" + encode(county(c)) for i, c in enumerate(report.counties))
    return f'{head[:-1]},\n"ranking":[{ranking}\n],\n"errors":{errors}}}\n'
