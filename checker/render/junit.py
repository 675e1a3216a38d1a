"""``--format junit``: one testsuite per submission, one testcase per rule (JUnit XML, Surefire schema)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker import describe, i18n
from checker.errors import place
from checker.model import Report
from checker.outputs import display_name, printable
from checker.status import ERROR, FAIL, MISSING, NOT_APPLICABLE, WAIVED, WARN


def _detail(finding, ctx) -> str:
    """Value read, requirement and basis: what failed against which threshold from which basis."""
    lang, rule = ctx.lang, finding.rule
    c = i18n.colon(lang)
    lines = [
        describe.message(finding, ctx.catalogue, lang),
        f"{i18n.t('label.value', lang)}{c}{describe.values_text(finding, ctx.catalogue, lang)}",
        f"{i18n.t('label.expected', lang)}{c}{rule.expected_text(lang)}",
        f"{i18n.t('label.strength', lang)}{c}{i18n.t('strength.' + rule.strength, lang)}",
        f"{i18n.t('label.basis', lang)}{c}{rule.basis_text(lang)}",
    ]
    if finding.location:
        lines.append(f"{i18n.t('label.file', lang)}{c}{place(*finding.location)}")
    if finding.status != WAIVED:
        lines.append(f"{i18n.t('label.hint', lang)}{c}{rule.text('hint', lang)}")
    return "\n".join(lines)


def _testcase(suite, finding, result, ctx):
    rule = finding.rule
    case = ET.SubElement(
        suite,
        "testcase",
        name=f"{rule.id} {rule.text('title', ctx.lang)}",
        classname=f"{result.region or display_name(result.file)}.{rule.area}",
        time="0",
    )
    status = finding.status
    short = describe.message(finding, ctx.catalogue, ctx.lang)
    if status == NOT_APPLICABLE or status == WAIVED or finding.optional_missing:
        ET.SubElement(case, "skipped", message=short, type=status).text = _detail(finding, ctx)
    elif status == ERROR:
        ET.SubElement(case, "error", message=short, type="error").text = _detail(finding, ctx)
    elif finding.fails(ctx.options.get("fail_on", "minor")):
        ET.SubElement(case, "failure", message=short, type=status).text = _detail(finding, ctx)
    elif status in (WARN, MISSING, FAIL):
        ET.SubElement(case, "system-out").text = f"[{status}] " + _detail(finding, ctx)


def _suite(parent, result, ctx):
    file = display_name(result.file)  # a name whose bytes are not UTF-8 cannot be XML as it is
    name = f"{result.region or '?'} {result.year or ''} ({file})"
    cases = result.findings
    fail_on = ctx.options.get("fail_on", "minor")
    failures = sum(1 for f in cases if f.status != ERROR and f.fails(fail_on))
    errors = sum(1 for f in cases if f.status == ERROR) + len(result.errors)
    skipped = sum(1 for f in cases if f.status in (NOT_APPLICABLE, WAIVED) or f.optional_missing)
    suite = ET.SubElement(
        parent,
        "testsuite",
        name=name,
        tests=str(len(cases) + len(result.errors)),
        failures=str(failures),
        errors=str(errors),
        skipped=str(skipped),
        time="0",
        file=file,
    )
    props = ET.SubElement(suite, "properties")
    for key, value in (("region", result.region), ("year", result.year), ("file", file)):
        ET.SubElement(props, "property", name=key, value=str(value if value is not None else ""))
    for diag in result.errors:
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{i18n.t('label.errors', ctx.lang)} {diag.where()}",
            classname=f"{result.region or file}.input",
            time="0",
        )
        hint = diag.hint(ctx.lang)
        ET.SubElement(case, "error", message=diag.message(ctx.lang), type=diag.code).text = (
            diag.render(ctx.lang) if hint else diag.message(ctx.lang)
        )
    for finding in cases:
        _testcase(suite, finding, result, ctx)


def render(report: Report, ctx) -> str:
    root = ET.Element("testsuites", name="fazhi-checker")
    total = failures = errors = 0
    for result in report.results:
        _suite(root, result, ctx)
    for suite in root:
        total += int(suite.get("tests"))
        failures += int(suite.get("failures"))
        errors += int(suite.get("errors"))
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", "0")
    ET.indent(root)
    # the one boundary: a control character from a submission or a file name (ESC, U+0001) is not an
    # XML 1.0 character even as a reference, and cannot be markup: shown as \xNN text wherever it is
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + printable(ET.tostring(root, encoding="unicode")) + "\n"
