"""``--format github``: GitHub Actions workflow commands, one annotation per finding that matters."""
from __future__ import annotations

from checker import describe, i18n
from checker.model import Report


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, file: str, line, col, title: str, message: str) -> str:
    props = [f"file={_prop(file)}"]
    if line:
        props.append(f"line={line}")
    if col:
        props.append(f"col={col}")
    props.append(f"title={_prop(title)}")
    return f"::{kind} {','.join(props)}::{_data(message)}"


def render(report: Report, ctx) -> str:
    lang = ctx.lang
    fail_on = ctx.options.get("fail_on", "minor")
    lines = []
    for diag in report.pack_errors:
        lines.append(_command("error", diag.file, diag.line, diag.column, "fazhi rules", diag.message(lang)))
    for result in report.results:
        for diag in result.errors:
            hint = diag.hint(lang)
            lines.append(_command("error", result.file, diag.line, diag.column, i18n.t("label.errors", lang),
                                  diag.message(lang) + (f"\n{i18n.t('label.hint', lang)}{i18n.colon(lang)}{hint}"
                                                        if hint else "")))
        for finding in result.findings:
            if finding.status in ("pass", "not_applicable"):
                continue
            kind = "error" if finding.fails(fail_on) else ("notice" if finding.status == "waived" else "warning")
            line, col = finding.location or result.indicators_pos
            rule = finding.rule
            title = f"{rule.id} {rule.text('title', lang)} [{i18n.t('status.' + finding.status, lang)}]"
            text = describe.message(finding, ctx.catalogue, lang)
            text += f"\n{i18n.t('label.basis', lang)}{i18n.colon(lang)}{rule.basis_text(lang)}"
            if finding.status != "waived":
                text += f"\n{i18n.t('label.hint', lang)}{i18n.colon(lang)}{rule.text('hint', lang)}"
            lines.append(_command(kind, result.file, line, col, title, text))
    for diag in report.waiver_notes:
        lines.append(_command("warning", diag.file, diag.line, diag.column, "waiver", diag.message(lang)))
    return "\n".join(lines) + ("\n" if lines else "")
