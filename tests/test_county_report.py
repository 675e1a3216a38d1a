"""``fazhi check FILE --html`` and ``--xlsx``: one region's own report, problems first, with the method,
version, date and profile named; rendered in headless Chromium with no console error."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLES, console_errors, headless, needs_chromium

from checker import __version__
from checker.cli import main

SHEQI = SAMPLES / "sheqi-2024.yaml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def rules_checked(capsys) -> int:
    """How many findings the sample has (a rule each), by the JSON output."""
    import json

    code, out, _ = run(capsys, "check", SHEQI, "--format", "json")
    return len(json.loads(out)["results"][0]["findings"])


def report(tmp_path, capsys, *options, source=SHEQI) -> str:
    path = tmp_path / "report.html"
    code, out, err = run(capsys, "check", source, "--html", path, "--today", "2025-06-30", *options)
    assert code == 1, err
    return path


def test_the_page_puts_the_problems_first_and_names_method_version_date_and_profile(tmp_path, capsys):
    html = report(tmp_path, capsys).read_text(encoding="utf-8")
    order = [html.index(f'data-testid="{t}"') for t in ("headline", "problems", "by-area", "notes", "method")]
    assert order == sorted(order)
    cards = re.findall(
        r'<article class="(\w+)" data-testid="problem" data-rule="([A-Z]{4}-\d{3})" data-status="(\w+)"', html
    )
    assert cards == [("fail", "REPT-003", "fail"), ("warn", "REPT-007", "warn")]
    card = html[html.index('data-rule="REPT-003"') : html.index("</article>", html.index('data-rule="REPT-003"'))]
    for text in (
        "<dt>读取值</dt><dd>报告载明存在的不足：是；报告载明不足的原因：否</dd>",
        "<dt>要求</dt><dd>报告既载明存在的不足，也分析其原因</dd>",
        "<dt>依据</dt><dd>《法治政府建设与责任落实督察工作规定》",
        "（中央文件）</dd>",
        "<dt>建议</dt><dd>单列“存在的不足和原因”",
        "<dt>位置</dt><dd>124:14</dd>",
    ):
        assert text in card, text
    assert '<p class="verdict v-fail">未通过：有需要整改的问题</p>' in html
    assert "不达标 1 · 预警 1 · 未报告 62（必报 0）" in html
    method = html[html.index('data-testid="method"') :]
    for text in (
        f"<dt>核查工具</dt><dd>fazhi-checker {__version__}</dd>",
        "<dt>适用方案</dt><dd>national</dd>",
        "<dt>生成日期</dt><dd>2025-06-30</dd>",
        "<dt>规则引擎</dt><dd>",
    ):
        assert text in method, text
    assert "<script" not in html and "@page{size:A4" in html and "@media print" in html
    assert re.search(
        r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-", html
    )


@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chromium_renders_the_page_with_the_problems_in_the_dom_and_no_console_error(tmp_path, capsys, lang):
    page = report(tmp_path, capsys, "--lang", lang)
    shown = headless(page, "--dump-dom")
    assert shown.returncode == 0, shown.stderr[-2000:]
    dom = shown.stdout
    problems = dom.index('data-testid="problems"')
    assert problems < dom.index('data-testid="by-area"')
    assert re.findall(r'data-testid="problem" data-rule="([A-Z]{4}-\d{3})"', dom) == ["REPT-003", "REPT-007"]
    assert dom.count('data-testid="finding"') == rules_checked(capsys) - 2  # every other rule, by area
    assert not console_errors(shown.stderr), console_errors(shown.stderr)


@needs_chromium
def test_the_page_prints_on_a4(tmp_path, capsys):
    page = report(tmp_path, capsys)
    pdf = tmp_path / "report.pdf"
    shown = headless(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.exists(), shown.stderr[-2000:]
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes()))
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(595, 842)}  # A4 in points
    assert not console_errors(shown.stderr)


@needs_chromium
def test_the_csp_blocks_what_the_page_does_not_carry(tmp_path, capsys):
    """The no-console-error test is not vacuous: a script slipped into the page is refused and said."""
    page = report(tmp_path, capsys)
    page.write_text(
        page.read_text(encoding="utf-8").replace("</main>", "<script>document.title='x'</script></main>"),
        encoding="utf-8",
    )
    shown = headless(page, "--dump-dom")
    assert console_errors(shown.stderr)


def test_the_scoring_sheet_comes_with_a_scheme(tmp_path, capsys):
    html = report(tmp_path, capsys, "--scheme", "national").read_text(encoding="utf-8")
    scoring = html[html.index('data-testid="scoring"') : html.index('data-testid="notes"')]
    assert "<span>评分方案 <b>" in scoring and re.search(r"<span>总分 <b>\d+(\.\d+)?</b></span>", scoring)
    assert scoring.count("<tr><td>") >= 10
    assert html.index('data-testid="by-area"') < html.index('data-testid="scoring"')


def test_the_workbook_report_has_the_problems_the_outcomes_and_the_scoring_sheet(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "report.xlsx"
    code, _, err = run(capsys, "check", SHEQI, "--xlsx", path, "--scheme", "national", "--today", "2025-06-30")
    assert code == 1, err
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["概况", "问题", "全部结论", "读取说明", "社旗县2024年法治政府建设考核评分表"]
    problems = wb["问题"]
    assert [c.value for c in problems[1]] == [
        "类别",
        "规则",
        "事项",
        "结论",
        "读取值",
        "要求",
        "依据",
        "建议",
        "原文",
        "位置",
    ]
    assert [(problems.cell(r, 2).value, problems.cell(r, 4).value, problems.cell(r, 10).value) for r in (2, 3)] == [
        ("REPT-003", "不达标", "124:14"),
        ("REPT-007", "预警", "132:14"),
    ]
    assert wb["全部结论"].max_row == 1 + rules_checked(capsys)
    summary = {wb["概况"].cell(r, 1).value: wb["概况"].cell(r, 2).value for r in range(3, 14)}
    assert summary["核查工具"] == f"fazhi-checker {__version__}" and summary["生成日期"] == "2025-06-30"
    again = tmp_path / "again.xlsx"
    run(capsys, "check", SHEQI, "--xlsx", again, "--scheme", "national", "--today", "2025-06-30")
    assert again.read_bytes() == path.read_bytes()


def test_a_report_of_a_workbook_names_its_cells(tmp_path, capsys):
    workbook = tmp_path / "社旗县.xlsx"
    assert run(capsys, "extract", SHEQI, "-o", workbook)[0] == 0
    html = report(tmp_path, capsys, source=workbook).read_text(encoding="utf-8")
    assert "<dt>位置</dt><dd>法治政府建设年度报告!D5</dd>" in html


def test_input_errors_make_the_report_say_them_and_nothing_else(tmp_path, capsys):
    path = tmp_path / "r.html"
    code, _, _ = run(capsys, "check", SAMPLES / "invalid" / "broken.yaml", "--html", path)
    assert code == 2
    html = path.read_text(encoding="utf-8")
    assert 'data-status="error"' in html and html.count('data-testid="input-error"') >= 5
    assert 'data-testid="problems"' not in html


@pytest.mark.parametrize(
    "argv,message",
    [
        (
            ["--html", "r.html", str(SHEQI), str(SAMPLES / "fictional-missing.yaml")],
            "--html 和 --xlsx 写一个地区的报告：请只给出一个报送文件（给了 2 个）",
        ),
        (["--scheme", "national", str(SHEQI)], "--scheme 只与 --html 或 --xlsx 一起使用"),
        (
            ["--html", "r.html", "--format", "json=r.html", str(SHEQI)],
            "--format json=r.html 与 --html r.html 写到同一处",
        ),
    ],
)
def test_what_a_report_cannot_be_is_said_before_anything_is_written(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", *argv)
    assert code == 2 and err.startswith(message), err
    assert not list(tmp_path.iterdir())
