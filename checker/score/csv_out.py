"""``fazhi score --csv FILE``: the ranking of a cohort as CSV.

UTF-8 with a byte-order mark, so that Excel on Windows opens the Chinese correctly; one row per county in rank
order, the same columns as the summary sheet of the XLSX scoring workbook (``summary_table`` is shared with
``checker.score.xlsx``). Scores are written as every output writes them (``checker.score.figures``: half up,
two places: ``92.50``, ``-3.00``), never with a unit or a sign prefix.
Files that could not be scored are not ranked and so are not in the CSV (the XLSX lists them).
"""

from __future__ import annotations

import csv
import io
import re

from checker.outputs import display_name
from checker.score import figures
from checker.score.model import CohortReport, CountyScore, tr

# Column headings of the ranking (summary sheet and CSV); per-area columns are headed by the area's name.
HEADINGS = {
    "rank": ("排名", "Rank"),
    "region": ("地区", "Region"),
    "year": ("年度", "Year"),
    "total": ("总分", "Total"),
    "grade": ("等次", "Grade"),
    "bonus": ("加分", "Bonus"),
    "vetoes": ("否决事项", "Vetoes"),
    "delta": ("较上年", "Change on previous year"),
    "previous_grade": ("上年等次", "Previous grade"),
    "file": ("文件", "File"),
    "not_applicable": ("不适用", "n/a"),
    "veto.no_excellent": ("一票否优", "no excellent grade"),
    "veto.lowest": ("一票否决", "veto"),
    "veto.quota": ("等次限额", "grade quota"),
    "category": ("类别", "Category"),
    "satisfaction": ("满意度", "Satisfaction"),
    "penalty": ("扣分", "Penalty"),
    "scheme": ("评分方案", "Scheme"),
    "illustrative": ("示意方案（分值非官方，等次仅供参考）", "illustrative scheme (not official; grades indicative)"),
}


def heading(key: str, lang: str) -> str:
    zh, en = HEADINGS[key]
    return en if lang == "en" else zh


def num(value) -> float:
    """A score as a float, rounded as every output rounds it (``92.49999999`` → ``92.5``, 72.125 → 72.13)."""
    return figures.rounded(value)


def plain(value) -> str:
    """A score as text, as every output shows it: ``92.50``, ``90.00``, ``-3.00``, ``0.00``."""
    return figures.text(value)


def veto_text(veto, lang: str) -> str:
    kind = HEADINGS.get("veto." + veto.kind)
    label = tr(veto.label, lang)
    if kind is None:
        return label
    return f"{heading('veto.' + veto.kind, lang)}{'：' if lang != 'en' else ': '}{label}"


def joined_vetoes(county: CountyScore, lang: str) -> str:
    return ("; " if lang == "en" else "；").join(veto_text(v, lang) for v in county.vetoes)


def summary_columns(report: CohortReport) -> list[str]:
    """The kinds of the ranking's columns: a category, satisfaction, penalty and scheme column only where
    the scheme has categories, a satisfaction component, penalties, or is illustrative (said on every row)."""
    return (
        ["rank", "region", "year", "total", "grade"]
        + (["category"] if report.categories else [])
        + ["area:" + key for key, _code, _name, _points in report.areas]
        + (["satisfaction"] if report.satisfaction else [])
        + ["bonus"]
        + (["penalty"] if report.penalties else [])
        + ["vetoes", "delta", "previous_grade"]
        + (["scheme"] if report.illustrative else [])
        + ["file"]
    )


def summary_header(report: CohortReport, lang: str) -> list[str]:
    names = {key: tr(name, lang) for key, _code, name, _points in report.areas}
    return [names[k[5:]] if k.startswith("area:") else heading(k, lang) for k in summary_columns(report)]


def category_name(report: CohortReport, county: CountyScore, lang: str) -> str | None:
    return next((tr(name, lang) for key, name, _bands in report.categories if key == county.category), None)


def summary_row(report: CohortReport, county: CountyScore, lang: str) -> list:
    """One county's row as Python values: numbers as int/float, texts as str, an empty cell as None.

    An area whose rules all did not apply reads "不适用" (n/a); an area the county has no score for is empty.
    """
    by_area = {a.area: a for a in county.areas}
    change = county.change
    out = []
    for kind in summary_columns(report):
        if kind.startswith("area:"):
            a = by_area.get(kind[5:])
            out.append(None if a is None else num(a.score) if a.applicable else heading("not_applicable", lang))
            continue
        out.append(
            {
                "rank": lambda: county.rank,
                "region": lambda: county.region,
                "year": lambda: county.year,
                "total": lambda: num(county.total),
                "grade": lambda: tr(county.grade_name, lang),
                "category": lambda: category_name(report, county, lang),
                "satisfaction": lambda: None if county.satisfaction is None else num(county.satisfaction),
                "bonus": lambda: num(county.bonus),
                "penalty": lambda: num(county.penalty),
                "vetoes": lambda: joined_vetoes(county, lang) or None,
                "delta": lambda: None if change is None else num(change.delta),
                "previous_grade": lambda: None if change is None else tr(change.previous_grade, lang) or None,
                "scheme": lambda: heading("illustrative", lang),
                "file": lambda: display_name(county.file),
            }[kind]()
        )
    return out


def summary_table(report: CohortReport, lang: str = "zh") -> tuple[list[str], list[list]]:
    """The ranking: (header, rows), rows in rank order."""
    return summary_header(report, lang), [summary_row(report, c, lang) for c in report.counties]


_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return plain(value) if isinstance(value, float) else str(value)
    text = display_name(str(value))  # a file name's bytes that are not UTF-8 as \xNN
    # region names and labels come from untrusted submissions: never let a spreadsheet read them as a formula
    return "'" + text if _FORMULA_START.match(text) else text


def render_csv(report: CohortReport, lang: str = "zh") -> str:
    """The CSV text (without the byte-order mark), lines ending in CRLF as RFC 4180 and Excel expect."""
    return "".join(csv_pieces(report, lang))


def csv_pieces(report: CohortReport, lang: str = "zh", rows: int = 1000):
    """``render_csv`` in pieces of ``rows`` counties, one piece in memory at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(summary_header(report, lang))
    for i, county in enumerate(report.counties, 1):
        writer.writerow([_csv_cell(v) for v in summary_row(report, county, lang)])
        if i % rows == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def write_csv(report: CohortReport, path, lang: str = "zh") -> None:
    """Write the ranking to ``path`` as UTF-8 with BOM."""
    from checker.outputs import write_file

    write_file(path, render_csv(report, lang).encode("utf-8-sig"))  # whole, or not at all
