"""The terminal view: findings grouped by area, with value, requirement and basis."""
from __future__ import annotations

from checker import describe, i18n
from checker.i18n import one_line
from checker.model import Report
from checker.render.layout import Lines, paint, width

STYLE = {"pass": "green", "fail": "bold red", "warn": "yellow", "not_applicable": "dim",
         "missing": "magenta", "error": "bold red", "waived": "cyan"}
MARK = {"pass": "✓", "fail": "✗", "warn": "!", "not_applicable": "–", "missing": "?", "error": "✗", "waived": "~"}
RESULT_STYLE = {"pass": "bold green", "fail": "bold red", "error": "bold red"}


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
        counts = {s: sum(1 for r in report.results if r.status == s) for s in ("pass", "fail", "error")}
    files = sum(counts.values())
    if files > 1:
        out.para([(i18n.t("summary.total", ctx.lang, files=files, passed=counts["pass"],
                          failed=counts["fail"], errored=counts["error"]), None)])
    return out.text()


def render(report: Report, ctx) -> str:
    return begin(report, ctx) + "".join(piece(r, i, ctx) for i, r in enumerate(report.results)) + end(report, ctx)


def _result(out: Lines, result, ctx):
    lang = ctx.lang
    out.para([(f"{one_line(result.region or '?')} {result.year or ''}".strip(), "bold"),
              (f" · {one_line(result.file)} · ", None),
              (i18n.t(f"result.{result.status}", lang), RESULT_STYLE[result.status])])
    if result.errors:
        out.para([(i18n.t("label.errors", lang), "bold red")])
        for diag in result.errors:
            out.para([(diag.render(lang), None)], "  ", "  ")
    if result.notes and ctx.verbose:
        out.para([(i18n.t("label.notes", lang), "dim")])
        for diag in result.notes:
            out.para([(diag.render(lang), "dim")], "  ", "  ")
    area, column = None, badge_width(lang)
    for finding in result.findings:
        if finding.rule.area != area:
            area = finding.rule.area
            info = ctx.catalogue.areas.get(area)
            name = f"{info.name(lang)} ({info.code})" if info else area
            rule = "─" * (out.width - width(name) - 1)
            if rule:
                out.out.append(paint(name, "bold cyan", out.color) + paint(" " + rule, "cyan", out.color))
            else:                                  # a name as wide as the line: wrapped, no rule
                out.para([(name, "bold cyan")])
        badge = f"{MARK[finding.status]} {i18n.t('status.' + finding.status, lang)}"
        first = paint(badge, STYLE[finding.status], out.color) + " " * (column - width(badge) + 1)
        out.para(_body(finding, ctx), first, " " * (column + 1), max(20, out.width - column - 1))
    if result.findings:
        line = i18n.t("summary.line", lang, **result.summary())
        out.para([(f"{i18n.t('label.summary', lang)}{i18n.colon(lang)}{line}", "bold")])
    out.blank()


def _body(finding, ctx) -> list:
    """The finding as [(text, style), ...]: id and title, message, source, basis, hint."""
    lang, rule = ctx.lang, finding.rule
    colon = i18n.colon(lang)
    text = [(rule.id, "bold"), (f" {rule.text('title', lang)}", None),
            (f"  [{i18n.t('strength.' + rule.strength, lang)}·{i18n.t('severity.' + rule.severity, lang)}]", "dim"),
            ("\n" + describe.message(finding, ctx.catalogue, lang), None)]
    source = next((v.source for _, v in finding.values if v is not None and v.source), None)
    if source:
        text.append((f"\n{i18n.t('label.source', lang)}{colon}“{one_line(source)}”", "dim"))
    basis = rule.basis_text(lang)
    if basis:
        text.append((f"\n{i18n.t('label.basis', lang)}{colon}{basis}", "dim"))
    if finding.location and finding.status != "missing":
        text.append((f"  ({finding.location[0]}:{finding.location[1]})", "dim"))
    if finding.status in ("fail", "warn", "missing", "error"):
        text.append((f"\n{i18n.t('label.hint', lang)}{colon}{rule.text('hint', lang)}", "italic"))
    return text
