"""The terminal view: findings grouped by area, with value, requirement and basis."""

from __future__ import annotations

from checker import describe, i18n
from checker.errors import place
from checker.i18n import one_line
from checker.model import Report
from checker.render.layout import Lines, paint, width
from checker.status import ERROR, FAIL, MISSING, NOT_APPLICABLE, PASS, WAIVED, WARN

STYLE = {
    PASS: "green",
    FAIL: "bold red",
    WARN: "yellow",
    NOT_APPLICABLE: "dim",
    MISSING: "magenta",
    ERROR: "bold red",
    WAIVED: "cyan",
}
MARK = {PASS: "✓", "reported": "✓", FAIL: "✗", WARN: "!", NOT_APPLICABLE: "–", MISSING: "?", ERROR: "✗", WAIVED: "~"}
RESULT_STYLE = {PASS: "bold green", FAIL: "bold red", ERROR: "bold red"}


def badge_width(lang: str) -> int:
    """Cells of the status column: the widest status (mark and word) in the language."""
    return max(width(f"{MARK[s]} {i18n.t('status.' + s, lang)}") for s in MARK)


STREAM = True


def begin(report: Report, ctx) -> str:
    out = Lines(ctx.width, ctx.color)
    for diag in report.pack_errors:
        out.para([(diag.render(ctx.lang), "red")])
    return out.text()


def piece(result, index: int, ctx) -> str:
    out = Lines(ctx.width, ctx.color)
    _result(out, result, ctx)
    return out.text()


def end(report: Report, ctx, counts: dict | None = None) -> str:
    out = Lines(ctx.width, ctx.color)
    for diag in report.waiver_notes:
        out.para([(diag.render(ctx.lang), "yellow")])
    if counts is None:
        counts = {s: sum(1 for r in report.results if r.status == s) for s in (PASS, FAIL, ERROR)}
    files = sum(counts.values())
    if files > 1:
        out.para(
            [
                (
                    i18n.t(
                        "summary.total",
                        ctx.lang,
                        files=files,
                        passed=counts["pass"],
                        failed=counts["fail"],
                        errored=counts["error"],
                    ),
                    None,
                )
            ]
        )
    return out.text()


def render(report: Report, ctx) -> str:
    return begin(report, ctx) + "".join(piece(r, i, ctx) for i, r in enumerate(report.results)) + end(report, ctx)


SECTIONS = (
    ("section.fail", "bold red", lambda f: f.status in (FAIL, ERROR)),
    ("section.missing_required", "bold magenta", lambda f: f.status == MISSING and f.required),
    ("section.warn", "bold yellow", lambda f: f.status == WARN),
    ("section.waived", "bold cyan", lambda f: f.status == WAIVED),
)


def headline(result, lang: str) -> str:
    """The counts a first line states: failures, warnings, not reported (required), and completeness."""
    text = i18n.t("headline.counts", lang, **result.headline())
    done = result.completeness
    if done is not None:
        text += " · " + (
            i18n.t("headline.complete", lang, reported=done.reported, required=done.required)
            if done.required
            else i18n.t("headline.none_required", lang)
        )
    return text


def _result(out: Lines, result, ctx):
    lang = ctx.lang
    head = [
        (f"{one_line(result.region or '?')} {result.year or ''}".strip(), "bold"),
        (f" · {one_line(result.file)} · ", None),
    ]
    if result.errors:
        head.append((i18n.t("result.error", lang), RESULT_STYLE["error"]))
    else:
        head.append((headline(result, lang), RESULT_STYLE[result.status]))
    out.para(head)
    if result.errors:
        out.para([(i18n.t("label.errors", lang), "bold red")])
        for diag in result.errors:
            out.para([(diag.render(lang), None)], "  ", "  ")
    if result.notes and ctx.verbose:
        out.para([(i18n.t("label.notes", lang), "dim")])
        for diag in result.notes:
            out.para([(diag.render(lang), "dim")], "  ", "  ")
    only = ctx.options.get("only")
    if ctx.options.get("all") or only:
        if only:
            names = "、".join(i18n.t("status." + s, lang) for s in only) if lang != "en" else ", ".join(only)
            out.para([(i18n.t("section.only", lang, statuses=names), "bold")])
        _by_area(out, [f for f in result.findings if not only or f.status in only], ctx)
    elif result.findings:
        _problems_first(out, result, ctx)
    if result.findings:
        line = i18n.t("summary.line", lang, **result.summary())
        out.para([(f"{i18n.t('label.summary', lang)}{i18n.colon(lang)}{line}", "bold")])
    out.blank()


def _problems_first(out: Lines, result, ctx):
    """What to act on, each in full (failures, required indicators not reported, warnings; then
    what was waived); then one line per area counting the rest."""
    lang, column, acted = ctx.lang, badge_width(ctx.lang), False
    for key, style, chosen in SECTIONS:
        found = [f for f in result.findings if chosen(f)]
        if not found:
            continue
        acted = acted or key != "section.waived"
        out.para([(f"{i18n.t(key, lang)} · {len(found)}", style)])
        for finding in found:
            _finding(out, finding, ctx, column)
    if not acted:
        out.para([(i18n.t("section.nothing", lang), "bold green")])
    out.para([(i18n.t("section.areas", lang), "bold cyan")])
    counts: dict = {}
    for finding in result.findings:
        area = counts.setdefault(finding.rule.area, {"pass": 0, "not_applicable": 0, "missing": 0, "ids": []})
        if finding.status in (PASS, NOT_APPLICABLE):
            area[finding.status] += 1
        elif finding.optional_missing:
            area["missing"] += 1
            area["ids"].append(finding.rule.id)
    sep = "、" if lang != "en" else ", "
    for key, area in counts.items():
        ids = area.pop("ids")
        text = f"{_area_name(key, ctx)}{i18n.colon(lang)}{i18n.t('area.line', lang, **area)}"
        if ids:
            text += f"（{sep.join(ids)}）" if lang != "en" else f" ({sep.join(ids)})"
        out.para([(text, None)], "  ", "    ", out.width - 4)


def _by_area(out: Lines, findings, ctx):
    """Every finding given, grouped by area under a ruled heading (``--all``, ``--only``)."""
    area, column = None, badge_width(ctx.lang)
    for finding in findings:
        if finding.rule.area != area:
            area = finding.rule.area
            name = _area_name(area, ctx)
            rule = "─" * (out.width - width(name) - 1)
            if rule:
                out.out.append(paint(name, "bold cyan", out.color) + paint(" " + rule, "cyan", out.color))
            else:  # a name as wide as the line: wrapped, no rule
                out.para([(name, "bold cyan")])
        _finding(out, finding, ctx, column)


def _area_name(key: str, ctx) -> str:
    info = ctx.catalogue.areas.get(key)
    return f"{info.name(ctx.lang)} ({info.code})" if info else key


def _finding(out: Lines, finding, ctx, column: int):
    badge = f"{MARK[finding.status]} {describe.status_word(finding, ctx.lang)}"
    first = paint(badge, STYLE[finding.status], out.color) + " " * (column - width(badge) + 1)
    out.para(_body(finding, ctx), first, " " * (column + 1), max(20, out.width - column - 1))


def _body(finding, ctx) -> list:
    """The finding as [(text, style), ...]: id and title, message, source, basis, hint."""
    lang, rule = ctx.lang, finding.rule
    colon = i18n.colon(lang)
    text = [
        (rule.id, "bold"),
        (f" {rule.text('title', lang)}", None),
        (f"  [{i18n.t('strength.' + rule.strength, lang)}·{i18n.t('severity.' + rule.severity, lang)}]", "dim"),
        ("\n" + describe.message(finding, ctx.catalogue, lang), None),
    ]
    source = next((v.source for _, v in finding.values if v is not None and v.source), None)
    if source:
        text.append((f"\n{i18n.t('label.source', lang)}{colon}“{one_line(source)}”", "dim"))
    basis = rule.basis_text(lang)
    if basis:
        text.append((f"\n{i18n.t('label.basis', lang)}{colon}{basis}", "dim"))
    if finding.location and finding.status != MISSING:
        text.append((f"  ({place(*finding.location)})", "dim"))
    if finding.status in (FAIL, WARN, MISSING, ERROR):
        text.append((f"\n{i18n.t('label.hint', lang)}{colon}{rule.text('hint', lang)}", "italic"))
    return text
