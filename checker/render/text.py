"""The terminal view: findings grouped by area, with value, requirement and basis."""
from __future__ import annotations

import io

from rich.console import Console
from rich.cells import cell_len
from rich.text import Text

from checker import describe, i18n
from checker.model import Report

STYLE = {"pass": "green", "fail": "bold red", "warn": "yellow", "not_applicable": "dim",
         "missing": "magenta", "error": "bold red", "waived": "cyan"}
MARK = {"pass": "✓", "fail": "✗", "warn": "!", "not_applicable": "–", "missing": "?", "error": "✗", "waived": "~"}
RESULT_STYLE = {"pass": "bold green", "fail": "bold red", "error": "bold red"}


STREAM = True


def _console(ctx):
    buf = io.StringIO()
    return buf, Console(file=buf, width=ctx.width, force_terminal=ctx.color,
                        color_system="standard" if ctx.color else None, highlight=False,
                        emoji=False, legacy_windows=False, no_color=not ctx.color)


def _text(buf) -> str:
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def begin(report: Report, ctx) -> str:
    buf, console = _console(ctx)
    for diag in report.pack_errors:
        console.print(Text(diag.render(ctx.lang), style="red"))
    return _text(buf)


def piece(result, index: int, ctx) -> str:
    buf, console = _console(ctx)
    _result(console, result, ctx)
    return _text(buf)


def end(report: Report, ctx, counts: dict | None = None) -> str:
    buf, console = _console(ctx)
    for diag in report.waiver_notes:
        console.print(Text(diag.render(ctx.lang), style="yellow"))
    if counts is None:
        counts = {s: sum(1 for r in report.results if r.status == s) for s in ("pass", "fail", "error")}
    files = sum(counts.values())
    if files > 1:
        console.print(i18n.t("summary.total", ctx.lang, files=files, passed=counts["pass"],
                             failed=counts["fail"], errored=counts["error"]))
    return _text(buf)


def render(report: Report, ctx) -> str:
    return begin(report, ctx) + "".join(piece(r, i, ctx) for i, r in enumerate(report.results)) + end(report, ctx)


def _result(console, result, ctx):
    lang = ctx.lang
    head = Text()
    head.append(f"{result.region or '?'} {result.year or ''}".strip(), style="bold")
    head.append(f" · {result.file} · ")
    head.append(i18n.t(f"result.{result.status}", lang), style=RESULT_STYLE[result.status])
    console.print(head)
    if result.errors:
        console.print(Text(i18n.t("label.errors", lang), style="bold red"))
        for diag in result.errors:
            console.print(Text("  " + diag.render(lang).replace("\n", "\n  ")))
    if result.notes and ctx.verbose:
        console.print(Text(i18n.t("label.notes", lang), style="dim"))
        for diag in result.notes:
            console.print(Text("  " + diag.render(lang), style="dim"))
    area = None
    block = Text()
    for finding in result.findings:
        if finding.rule.area != area:
            area = finding.rule.area
            info = ctx.catalogue.areas.get(area)
            name = f"{info.name(lang)} ({info.code})" if info else area
            _rule_line(block, name, ctx.width)
        _row(block, console, _badge(finding, lang), _body(finding, ctx), ctx.width)
    console.print(block, soft_wrap=True)
    if result.findings:
        line = i18n.t("summary.line", lang, **result.summary())
        console.print(Text(f"{i18n.t('label.summary', lang)}{i18n.colon(lang)}{line}", style="bold"))
    console.print()


BADGE = 8   # cells of the status column


def _rule_line(block: Text, name: str, width: int) -> None:
    """An area heading: its name, then a line to the right edge."""
    block.append(name, style="bold cyan")
    block.append(" " + "─" * max(0, width - cell_len(name) - 1) + "\n", style="cyan")


def _row(block: Text, console, badge: Text, body: Text, width: int) -> None:
    """The status in a fixed column, the body wrapped beside it (one Text for the whole report: fast)."""
    pad = " " * (BADGE - cell_len(badge.plain) + 1)
    for i, line in enumerate(body.wrap(console, max(20, width - BADGE - 1), overflow="fold")):
        block.append_text(badge if i == 0 else Text(" " * BADGE))
        block.append(pad if i == 0 else " ")
        line.rstrip()
        block.append_text(line)
        block.append("\n")


def _badge(finding, lang) -> Text:
    return Text(f"{MARK[finding.status]} {i18n.t('status.' + finding.status, lang)}", style=STYLE[finding.status])


def _body(finding, ctx) -> Text:
    lang, rule = ctx.lang, finding.rule
    text = Text()
    text.append(rule.id, style="bold")
    text.append(f" {rule.text('title', lang)}")
    text.append(f"  [{i18n.t('strength.' + rule.strength, lang)}·{i18n.t('severity.' + rule.severity, lang)}]",
                style="dim")
    text.append("\n" + describe.message(finding, ctx.catalogue, lang))
    source = next((v.source for _, v in finding.values if v is not None and v.source), None)
    if source:
        text.append(f"\n{i18n.t('label.source', lang)}{i18n.colon(lang)}“{source}”", style="dim")
    basis = rule.basis_text(lang)
    if basis:
        text.append(f"\n{i18n.t('label.basis', lang)}{i18n.colon(lang)}{basis}", style="dim")
    if finding.location and finding.status != "missing":
        text.append(f"  ({finding.location[0]}:{finding.location[1]})", style="dim")
    if finding.status in ("fail", "warn", "missing", "error"):
        text.append(f"\n{i18n.t('label.hint', lang)}{i18n.colon(lang)}{rule.text('hint', lang)}", style="italic")
    return text
