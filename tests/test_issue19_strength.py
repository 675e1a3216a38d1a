"""Issue 19: every score output names the binding force of each item's basis as officials name it (法律法规,
中央文件, 地方规定, 数据一致性, 工作目标（非约束性）), under the profile in force, read back from what
``fazhi score`` writes."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, run_cli

openpyxl = pytest.importorskip("openpyxl")

SHEQI = str(SAMPLES / "sheqi-2024.yaml")


def sheet_rows(path) -> dict:
    """{rule: (status, basis, binding force)} of the county sheet of a one-county workbook."""
    ws = openpyxl.load_workbook(path).worksheets[1]
    header = [c.value for c in ws[3]]
    col = {name: header.index(name) + 1 for name in ("规则", "结论", "依据", "约束力")}
    return {
        ws.cell(row=r, column=col["规则"]).value: tuple(
            ws.cell(row=r, column=col[k]).value for k in ("结论", "依据", "约束力")
        )
        for r in range(4, ws.max_row + 1)
        if ws.cell(row=r, column=col["规则"]).value
    }


def test_the_scoring_sheet_labels_each_item_under_the_profile_in_force(tmp_path):
    national, henan = tmp_path / "national.xlsx", tmp_path / "henan.xlsx"
    assert run_cli("score", SHEQI, "--xlsx", national).returncode == 0
    assert (
        run_cli("score", SHEQI, "--profile", "henan-county", "--scheme", "henan-county", "--xlsx", henan).returncode
        == 0
    )
    a, b = sheet_rows(national), sheet_rows(henan)
    assert a["SUPV-008"] == (
        "未报告",
        "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》 2015修正"
        "（2015-08-29全国人大常委会决定） 第四十二条第一款",
        "法律法规",
    )
    assert a["REPT-001"] == ("通过", "《法治政府建设与责任落实督察工作规定》 厅字〔2019〕28号 第二十四条", "中央文件")
    assert a["DISP-013"][2] == "数据一致性" and a["LEAD-007"][2] == "工作目标（非约束性）"
    # the Henan profile makes DISP-003 a local rule: the label follows the profile, not the pack's default
    assert (a["DISP-003"][2], b["DISP-003"][2]) == ("工作目标（非约束性）", "地方规定")


def test_the_json_deductions_and_the_html_detail_carry_it_too(tmp_path):
    data = json.loads(run_cli("score", SHEQI, "--format", "json", "--lang", "en").stdout)
    county = data["ranking"][0]
    by_rule = {d["rule"]: (d["strength"], d["strength_label"]) for d in county["deductions"]}
    assert by_rule["SUPV-008"] == ("law", "law or regulation")
    assert by_rule["REPT-009"] == ("central", "central document")
    html = tmp_path / "score.html"
    assert run_cli("score", SHEQI, "--html", html).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert "<th>约束力</th>" in page and "<code>SUPV-008</code>" in page
    row = page[page.index("<code>SUPV-008</code>") :]
    assert row[: row.index("</tr>")].endswith('<td class="nw">法律法规</td>')
