"""``--format markdown``: a summary for $GITHUB_STEP_SUMMARY or a merge-request comment."""

from __future__ import annotations

import re

from checker import describe, i18n
from checker.errors import place
from checker.model import Report
from checker.outputs import printable
from checker.render.text import headline
from checker.status import ERROR, FAIL, MISSING, PASS, WAIVED, WARN

ICON = {PASS: "✅", FAIL: "❌", ERROR: "⛔"}


def _rank(finding) -> int | None:
    """Where a finding stands in a file's table: blocking first (failures and errors, then required
    indicators not reported), then warnings, then waived; None for what is not listed (passes, not
    applicable, optional indicators not reported: counted in the summary line)."""
    if finding.blocking:
        return 1 if finding.status == MISSING else 0
    return {WARN: 2, WAIVED: 3}.get(finding.status)


_SPECIAL = re.compile(r"[\\`*_\[\]~|&<>@]|://|(?i:www)\.|[^\S ]")
_AS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "@&#8203;", "://": ":&#8203;//"}


def _cell(text: str, code: bool = False) -> str:
    """The one way text goes into the summary (a cell, a heading, a list item; ``code``: inside a
    code span): nothing in it is read as Markdown or HTML. A region or file name, a message quoting
    a submission, can hold links, images, raw HTML or ``@all``: Markdown's specials are
    backslash-escaped, ``& < >`` written as entities, an @-mention and an address (``://``,
    ``www.``) broken by a zero-width space, so no one is notified and nothing links; line breaks
    become spaces and ``|`` stays in its table cell. In a code span, where no escape works, the
    text is fenced by more backticks than it holds."""
    text = printable(text)  # a control character (ESC) shown as \\xNN, as the terminal view does
    if code:
        text = re.sub(r"[^\S ]", " ", text).replace("|", "\\|")
        fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        return f"{fence}{pad}{text}{pad}{fence}"
    return _SPECIAL.sub(_escaped, text)


def _escaped(match) -> str:
    got = match.group()
    if got in _AS:
        return _AS[got]
    if got.isspace():  # a line break, a tab: the cell stays one line
        return " "
    if len(got) > 1:  # www.
        return got[:-1] + "&#8203;."
    return "\\" + got


def render(report: Report, ctx) -> str:
    lang = ctx.lang
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    out = [f"## fazhi-checker · {t('label.profile')}{i18n.colon(lang)}{report.profile}", ""]
    out.append(f"| {t('label.file')} | {t('label.region')} | {t('label.year')} | {t('label.summary')} |")
    out.append("| --- | --- | --- | --- |")
    for r in report.results:
        status = t("result." + r.status)
        line = t("summary.line", **r.summary()) if r.errors else headline(r, lang)
        out.append(
            f"| {ICON[r.status]} {status} {_cell(r.file, code=True)} | {_cell(r.region or '?')} | {r.year or ''} | "
            f"{_cell(line)} |"
        )
    for r in report.results:
        rows = [f for f in r.findings if _rank(f) is not None]
        if not rows and not r.errors:
            continue
        out += ["", f"### {_cell(r.region or '?')} {r.year or ''} · {_cell(r.file, code=True)}", ""]
        for diag in r.errors:
            out.append(f"- ⛔ {_cell(diag.where(), code=True)} {_cell(diag.message(lang))}")
        if rows:
            out.append(
                f"| {t('label.rule')} | {t('label.title')} | {t('label.value')} | "
                f"{t('label.expected')} | {t('label.basis')} |"
            )
            out.append("| --- | --- | --- | --- | --- |")
            for f in sorted(rows, key=lambda f: (_rank(f), f.rule.id)):
                where = f" ({_cell(place(*f.location))})" if f.location and f.status != MISSING else ""
                out.append(
                    f"| `{f.rule.id}` {describe.status_word(f, lang)} | {_cell(f.rule.text('title', lang))} | "
                    f"{_cell(describe.values_text(f, ctx.catalogue, lang))}{where} | "
                    f"{_cell(f.rule.expected_text(lang))} | {_cell(i18n.with_strength(f.rule, lang))} |"
                )
    if report.waiver_notes:
        out += [""] + [f"- ⚠️ {_cell(d.where(), code=True)} {_cell(d.message(lang))}" for d in report.waiver_notes]
    return "\n".join(out) + "\n"
