"""``--format github``: GitHub Actions workflow commands, one annotation per finding that matters."""

from __future__ import annotations

from checker import describe, i18n
from checker.errors import cell_name
from checker.model import Report
from checker.outputs import printable
from checker.status import WAIVED, WARN


def _data(text: str) -> str:
    """A command's message (and, through ``_prop``, its properties): a control character from input
    shown as ``\\xNN`` (``printable``), so no terminal escape reaches the log; then the runner's escapes."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, file: str, line, col, title: str, message: str) -> str:
    """One annotation; at a workbook's cell (``errors.Row``) the cell leads its title, and no line is
    given (a line of a workbook is no line of the file)."""
    props = [f"file={_prop(file)}"]
    cell = cell_name(line, col)
    if cell is not None:
        line = col = None
        title = f"{cell} {title}"
    if line:
        props.append(f"line={line}")
    if col:
        props.append(f"col={col}")
    props.append(f"title={_prop(title)}")
    return f"::{kind} {','.join(props)}::{_data(message)}"


PER_FILE = 10  # GitHub shows ten error and ten warning annotations a step: past this, one line says how many more


def _findings(result, ctx, fail_on: str) -> list:
    """A file's annotations: every blocking finding first (failures, errors, required indicators not
    reported), then warnings and waived findings, at most ``PER_FILE`` in all but the blocking ones,
    the rest counted in one notice. An optional indicator not reported is completeness, not a problem:
    no annotation (the step summary, ``--format markdown``, counts it)."""
    lang = ctx.lang
    blocking = [f for f in result.findings if f.blocking]
    others = [f for f in result.findings if not f.blocking and f.status in (WARN, WAIVED)]
    room = max(0, PER_FILE - len(blocking))
    out = [_annotation(f, result, ctx, fail_on) for f in blocking + others[:room]]
    if len(others) > room:
        line, col = result.indicators_pos
        out.append(
            _command(
                "notice", result.file, line, col, "fazhi-checker", i18n.t("github.more", lang, count=len(others) - room)
            )
        )
    return out


def _annotation(finding, result, ctx, fail_on: str) -> str:
    lang = ctx.lang
    kind = "error" if finding.fails(fail_on) else ("notice" if finding.status == "waived" else "warning")
    line, col = finding.location or result.indicators_pos
    rule = finding.rule
    title = f"{rule.id} {rule.text('title', lang)} [{describe.status_word(finding, lang)}]"
    text = describe.message(finding, ctx.catalogue, lang)
    text += f"\n{i18n.t('label.basis', lang)}{i18n.colon(lang)}{i18n.with_strength(rule, lang)}"
    if finding.status != WAIVED:
        text += f"\n{i18n.t('label.hint', lang)}{i18n.colon(lang)}{rule.text('hint', lang)}"
    return _command(kind, result.file, line, col, title, text)


def render(report: Report, ctx) -> str:
    lang = ctx.lang
    fail_on = ctx.options.get("fail_on", "minor")
    lines = []
    for diag in report.pack_errors:
        lines.append(_command("error", diag.file, diag.line, diag.column, "fazhi rules", diag.message(lang)))
    for result in report.results:
        for diag in result.errors:
            hint = diag.hint(lang)
            lines.append(
                _command(
                    "error",
                    result.file,
                    diag.line,
                    diag.column,
                    i18n.t("label.errors", lang),
                    diag.message(lang) + (f"\n{i18n.t('label.hint', lang)}{i18n.colon(lang)}{hint}" if hint else ""),
                )
            )
        lines += _findings(result, ctx, fail_on)
    for diag in report.waiver_notes:
        lines.append(_command("warning", diag.file, diag.line, diag.column, "waiver", diag.message(lang)))
    return "\n".join(lines) + ("\n" if lines else "")
