"""The ranking table in the terminal, and the cohort as JSON."""

from __future__ import annotations

import io
import json

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker import __version__, i18n
from checker.i18n import one_line
from checker.outputs import display_name
from checker.render.layout import visible
from checker.score import figures
from checker.score.model import CohortReport, tr

GRADE_STYLE = {0: "bold green", 1: "green", 2: "yellow"}
# where the table is wider than the terminal the region column gives way first, its names cut with
# "…" (to REGION_MIN cells: four characters), then the area columns: rank, year, score and grade stay whole
REGION_MIN = 8
REGION_LEAST = 4
VETO_CELLS = 24


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


def _widths(columns, vetoes_shown: bool) -> list:
    """Each column's natural width in terminal cells (the vetoes' at most VETO_CELLS: they fold)."""
    widths = []
    for head, _, cells in columns:
        width = max(
            [cell_len(line) for line in head.split("\n")]
            + [cell.cell_len if isinstance(cell, Text) else cell_len(cell) for cell in cells]
        )
        widths.append(width)
    if vetoes_shown:
        widths[-2] = min(widths[-2], VETO_CELLS)
    return widths


def _fit(columns, first_area: int, optional: int, vetoes_shown: bool, width: int) -> tuple:
    """The table at ``width``: every column whole at its natural width, but the region's (cut with
    "…", down to REGION_MIN cells) where the table is wider than the terminal; then, if it is still
    too wide, the area, satisfaction and penalty columns from the right are left out (and named under
    the table); at the last, on a very narrow terminal, the region is cut to REGION_LEAST cells and the
    vetoes and the change are left out. Rank, year, score and grade are never left out nor cut."""
    widths = _widths(columns, vetoes_shown)
    shown = list(range(len(columns)))

    def total():  # the cells; between two columns a space of padding either side of a space; the edges
        return sum(widths[i] for i in shown) + 3 * (len(shown) - 1) + 2

    excess = total() - width
    if excess > 0:
        widths[1] = max(min(REGION_MIN, widths[1]), widths[1] - excess)
    hidden = []
    while total() > width and any(first_area <= i < optional for i in shown):
        drop = max(i for i in shown if first_area <= i < optional)
        shown.remove(drop)
        hidden.insert(0, columns[drop][0])
    excess = total() - width
    if excess > 0:  # a very narrow terminal: the region cut further, then the change left out
        widths[1] = max(min(REGION_LEAST, widths[1]), widths[1] - excess)
    while total() > width and shown[-1] >= optional:
        hidden.append(columns[shown.pop()][0])
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, padding=(0, 1))
    for i in shown:
        head, justify, _ = columns[i]
        if i == 1:
            table.add_column(head, justify=justify, no_wrap=True, overflow="ellipsis", width=widths[i])
        elif vetoes_shown and i == len(columns) - 2:
            table.add_column(head, justify=justify, overflow="fold", max_width=VETO_CELLS)
        else:
            table.add_column(head, justify=justify, no_wrap=True, min_width=widths[i])
    for row in zip(*(columns[i][2] for i in shown)):
        table.add_row(*row)
    return table, hidden


def render_text(report: CohortReport, lang: str, width: int = 120, color: bool = False) -> str:
    buf = io.StringIO()
    # markup off: the one boundary where a submission's text (a region named "[/]县" or "[link=…]") meets
    # rich, which would read it as markup (an error, a hidden hyperlink); styles are given as Text objects
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    console.print(Text(f"{t('score.title')} · {tr(report.scheme_name, lang)}", style="bold"))
    if report.illustrative:  # said above the grades it qualifies
        console.print(Text(tr(report.illustrative, lang), style="yellow"))
    categories = {key: tr(name, lang) for key, name, _bands in report.categories}
    vetoes_shown = any(c.vetoes for c in report.counties)
    band_index = {key: i for i, (key, _, _) in enumerate(report.bands)}
    # (head, justify, cells): rank, region, year, score and grade first, then what may be left out
    columns = [
        [t("score.rank"), "right", []],
        [t("label.region"), "left", []],
        [t("label.year"), "right", []],
        [t("score.total"), "right", []],
        [t("score.grade"), "left", []],
    ]
    if report.categories:
        columns.append([t("score.category"), "left", []])
    first_area = len(columns)
    for _, code, _, points in report.areas:
        columns.append([f"{code}\n{_num(points)}", "right", []])
    if report.satisfaction:
        columns.append([f"{t('score.satisfaction')}\n{_num(report.satisfaction[1])}", "right", []])
    if report.penalties:
        columns.append([t("score.penalty"), "right", []])
    optional = len(columns)  # the area, satisfaction and penalty columns: left out where none fits
    if vetoes_shown:
        columns.append([t("score.vetoes"), "left", []])
    columns.append([t("score.change"), "left", []])
    for c in report.counties:
        areas = [_num(a.score) if a.applicable else "–" for a in c.areas]
        category = [categories.get(c.category, "–")] if report.categories else []
        extra = ([_num(c.satisfaction) if c.satisfaction is not None else "–"] if report.satisfaction else []) + (
            [f"−{_num(c.penalty)}" if c.penalty else _num(0)] if report.penalties else []
        )
        vetoes = ["；".join(tr(v.label, lang) for v in c.vetoes)] if vetoes_shown else []
        row = (
            str(c.rank),
            Text(one_line(c.region), no_wrap=True, overflow="ellipsis"),
            str(c.year),
            _num(c.total),
            Text(tr(c.grade_name, lang), style=GRADE_STYLE.get(band_index.get(c.grade), "red")),
            *category,
            *areas,
            *extra,
            *vetoes,
            _change(c, lang),
        )
        for column, cell in zip(columns, row):
            column[2].append(cell)
    table, hidden = _fit(columns, first_area, optional, vetoes_shown, width)
    console.print(table)
    if hidden:
        names = ("、" if lang != "en" else ", ").join(head.split("\n")[0] for head in hidden)
        console.print(Text(t("score.columns_hidden", names=names, width=width), style="yellow"))
    for note in report.notes:
        console.print(Text(visible(one_line(note)), style="yellow"))
    for error in report.errors:
        console.print(Text(f"{t('score.not_scored')}: {visible(one_line(error.file))}", style="red"))
        for message in error.messages[:5]:  # words from a file that could not be read: shown, never obeyed
            console.print(Text("  " + visible(message)))
    console.print(t("score.summary", counties=len(report.counties), errors=len(report.errors)))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def render_json(report: CohortReport, lang: str) -> str:
    return "".join(json_pieces(report, lang))


def json_pieces(report: CohortReport, lang: str):
    """The cohort as JSON in pieces, a county at a time: ``render_json`` joined."""

    def county(c):
        return {
            "rank": c.rank,
            "file": display_name(c.file),
            "region": c.region,
            "year": c.year,
            "score": c.total,
            "base": c.base,
            "grade": c.grade,
            "grade_name": tr(c.grade_name, lang),
            "category": c.category or None,
            "bonus": c.bonus,
            "penalty": c.penalty,
            "penalty_items": [{"label": tr(b.label, lang), "points": b.points} for b in c.penalty_items],
            "satisfaction": None
            if report.satisfaction is None
            else {
                "points": c.satisfaction,
                "of": report.satisfaction[1],
                "value": c.satisfaction_value,
                "scored": c.satisfaction is not None,
            },
            "areas": {
                a.area: {"points": a.points, "deduction": a.deduction, "score": a.score, "applicable": a.applicable}
                for a in c.areas
            },
            "vetoes": [{"kind": v.kind, "label": tr(v.label, lang), "rule": v.rule} for v in c.vetoes],
            "bonus_items": [{"label": tr(b.label, lang), "points": b.points} for b in c.bonus_items],
            "deductions": [
                {
                    "rule": i.rule,
                    "status": i.status,
                    "deduction": i.deduction,
                    "reason": tr(i.reason, lang),
                    "basis": i.basis,
                    "strength": i.strength or None,
                    "strength_label": i18n.t("strength." + i.strength, lang) if i.strength else None,
                }
                for i in c.items
                if i.deduction > 0
            ],
            "change": None
            if c.change is None
            else {
                "previous_year": c.change.previous_year,
                "previous_score": c.change.previous_score,
                "previous_grade": tr(c.change.previous_grade, lang),
                "delta": c.change.delta,
                "worse": [
                    {
                        "indicator": w.indicator,
                        "name": tr(w.name, lang),
                        "previous": w.previous,
                        "value": w.value,
                        "unit": w.unit,
                        "better": w.better,
                        "previous_text": tr(w.shown, lang)[0],
                        "value_text": tr(w.shown, lang)[1],
                    }
                    for w in c.change.worse
                ],
            },
        }

    # one county per line, by the C encoder (an indented document is written by json's Python
    # encoder: ten times slower for a national cohort)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head = encode(
        {
            "tool": {"name": "fazhi-checker", "version": __version__},
            "scheme": report.scheme,
            "scheme_name": tr(report.scheme_name, lang),
            "illustrative": report.illustrative is not None,
            "illustrative_note": None if report.illustrative is None else tr(report.illustrative, lang),
            "sources": [
                {
                    "document": s["document"],
                    "url": s["url"] or None,
                    "note": None if s["note"] is None else tr(s["note"], lang),
                }
                for s in report.sources
            ],
        }
    )
    yield f'{head[:-1]},\n"ranking":['
    for i, c in enumerate(report.counties):
        yield ("," if i else "") + "\n" + encode(county(c))
    errors = encode([{"file": display_name(e.file), "messages": list(e.messages)} for e in report.errors])
    notes = f',\n"notes":{encode(list(report.notes))}' if report.notes else ""
    yield f'\n],\n"errors":{errors}{notes}}}\n'
