"""``fazhi template`` (the Excel 填报表 as docs/template.md describes it) and ``fazhi extract`` converting
a submission between YAML and the workbook: a round trip changes no finding."""

from __future__ import annotations

import datetime as dt
import json

import pytest

openpyxl = pytest.importorskip("openpyxl")

from conftest import ROOT, SAMPLES  # noqa: E402

from checker.cli import main  # noqa: E402

SHEQI = SAMPLES / "sheqi-2024.yaml"
HEADER_ROW = ["指标代码", "指标名称", "单位", "填报值", "来源（报告原文）", "备注", "必报", "说明"]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_one_sheet_per_area_in_the_catalogues_order_one_row_per_indicator(tmp_path, capsys, pack):
    path = tmp_path / "t.xlsx"
    assert run(capsys, "template", "-o", path) == (0, "", "")
    wb = openpyxl.load_workbook(path)
    cat = pack.catalogue
    areas = [a for k, a in cat.areas.items() if any(i.area == k and not i.field for i in cat.indicators.values())]
    assert wb.sheetnames == ["说明", "基本信息"] + [a.zh for a in areas]
    assert wb.properties.keywords == "fazhi-template/1" and wb.properties.creator == "fazhi-checker"
    for area_key, area in cat.areas.items():
        if area.zh not in wb.sheetnames:
            continue
        ws = wb[area.zh]
        assert ws["A1"].value == f"{area.zh}（{area.code}）"
        assert [c.value for c in ws[3]] == HEADER_ROW
        keys = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
        assert keys == [i.key for i in cat.indicators.values() if i.area == area_key and not i.field]
        assert all(ws.cell(r, 4).value is None for r in range(4, ws.max_row + 1))
    ws = wb["基本信息"]
    assert [ws.cell(r, 1).value for r in range(4, 9)] == ["region", "region_code", "level", "year", "published_on"]


def test_the_value_cells_are_validated_by_unit_and_say_what_they_hold(tmp_path, capsys, pack):
    path = tmp_path / "t.xlsx"
    run(capsys, "template", "-o", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["政府机构职能体系"]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}

    def validation(key):
        cell = f"D{rows[key]}"
        found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
        assert len(found) == 1, key
        dv = found[0]
        return dv.type, dv.operator, dv.formula1, dv.formula2, dv.errorStyle

    assert validation("functions.services_total") == ("whole", "greaterThanOrEqual", "0", None, "warning")
    assert validation("functions.services_online_rate") == ("decimal", "between", "0", "100", "warning")
    assert ws.cell(rows["functions.services_online_rate"], 3).value == "百分比：0–100 的数，如 98 或 98%"
    about = ws.cell(rows["functions.services_online_rate"], 8).value
    assert about.startswith("= 网上可办政务服务事项数 ÷ 政务服务事项总数 × 100%。") and "相关规则：FUNC-001" in about
    decisions = wb["行政决策制度体系"]
    row = next(
        r
        for r in range(4, decisions.max_row + 1)
        if decisions.cell(r, 1).value == "decisions.major_decision_catalogue_published"
    )
    [dv] = [dv for dv in decisions.data_validations.dataValidation if f"D{row}" in dv.sqref]
    assert (dv.type, dv.formula1) == ("list", '"是,否"')


def test_the_header_block_is_filled_from_the_options(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    code, _, err = run(
        capsys,
        "template",
        "-o",
        path,
        "--region",
        "社旗县",
        "--year",
        "2024",
        "--level",
        "county",
        "--published-on",
        "2025年3月25日",
    )
    assert code == 0, err
    ws = openpyxl.load_workbook(path)["基本信息"]
    assert [ws.cell(r, 4).value for r in range(4, 9)] == ["社旗县", None, "县", 2024, dt.datetime(2025, 3, 25)]
    assert [ws.cell(r, 7).value for r in range(4, 9)] == ["必填", None, None, "必填", None]


def test_required_and_binding_indicators_are_marked(tmp_path, capsys):
    profile = tmp_path / "p.yaml"
    national = ROOT / "rules" / "profiles" / "national"  # extends: a name beside the file, or a path
    profile.write_text(
        f"name: {{zh: 测试, en: test}}\nextends: {national}\nrequired: [functions.services_total]\n", encoding="utf-8"
    )
    path = tmp_path / "t.xlsx"
    code, _, err = run(capsys, "template", "-o", path, "--profile", profile)
    assert code == 0, err
    ws = openpyxl.load_workbook(path)["政府机构职能体系"]
    marks = {ws.cell(r, 1).value: ws.cell(r, 7).value for r in range(4, ws.max_row + 1)}
    assert marks["functions.services_total"] == "必报"
    assert marks["functions.services_in_center"] == "约束性"  # FUNC-003 (consistency) binds and reads it
    assert marks["functions.services_online_rate"] is None  # FUNC-001 is a target, not binding
    assert marks["functions.staff_quota_transferred"] is None


def test_the_same_options_give_the_same_bytes(tmp_path, capsys):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        assert run(capsys, "template", "-o", path, "--region", "社旗县", "--year", "2024")[0] == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    "argv,message",
    [
        ([], "template：请用 -o 给出要写入的文件（.xlsx）\n    建议：例如 fazhi template -o 填报表.xlsx"),
        (["-o", "t.xls"], "template：-o t.xls 应以 .xlsx 结尾"),
        (
            ["-o", "existing.xlsx"],
            "existing.xlsx 已存在，未覆盖\n    建议：换一个文件名，或先删除它（已填写的表格不会被覆盖）",
        ),
    ],
)
def test_what_template_cannot_write_is_said(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing.xlsx").write_bytes(b"a county's work")
    code, out, err = run(capsys, "template", *argv)
    assert (code, out, err.strip()) == (2, "", message)
    assert (tmp_path / "existing.xlsx").read_bytes() == b"a county's work"


def findings(capsys, path) -> list:
    code, out, err = run(capsys, "check", path, "--format", "json")
    result = json.loads(out)["results"][0]
    return code, [{k: v for k, v in f.items() if k != "location"} for f in result["findings"]], result["errors"]


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")) + ["fictional-zero-denominator.json"])
def test_yaml_to_workbook_to_yaml_changes_no_finding(tmp_path, capsys, sample):
    workbook, back = tmp_path / "t.xlsx", tmp_path / "back.yaml"
    code, _, err = run(capsys, "extract", SAMPLES / sample, "-o", workbook)
    assert code == 0, err
    assert err.splitlines()[-1].startswith(f"已写出 {workbook}：")
    code, _, err = run(capsys, "extract", workbook, "-o", back)
    assert code == 0, err
    original, from_workbook, from_back = (findings(capsys, p) for p in (SAMPLES / sample, workbook, back))
    assert from_workbook == original and from_back == original
    assert original[2] == []


def test_text_that_looks_like_a_formula_stays_text(tmp_path, capsys):
    source = tmp_path / "s.yaml"
    source.write_text(
        "region: 示例县\nyear: 2024\nindicators:\n  functions.services_total:\n"
        '    {value: 12, source: "=HYPERLINK(\\"http://example.invalid\\",\\"点击\\")"}\n',
        encoding="utf-8",
    )
    workbook = tmp_path / "t.xlsx"
    assert run(capsys, "extract", source, "-o", workbook)[0] == 0
    wb = openpyxl.load_workbook(workbook)
    ws = wb["政府机构职能体系"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "functions.services_total")
    assert ws.cell(row, 5).data_type == "s" and ws.cell(row, 5).value.startswith("=HYPERLINK(")
    code, out, _ = run(capsys, "check", workbook, "--format", "json")
    assert json.loads(out)["results"][0]["errors"] == []


def test_a_report_extracted_into_the_workbook_checks_as_its_yaml(tmp_path, capsys):
    report = ROOT / "tests" / "corpus" / "sheqi-2024.txt"
    workbook, yaml_file = tmp_path / "t.xlsx", tmp_path / "t.yaml"
    for out in (workbook, yaml_file):
        code, _, err = run(capsys, "extract", report, "-o", out, "--published-on", "2025-03-25")
        assert code == 0, err
    assert findings(capsys, workbook)[1] == findings(capsys, yaml_file)[1]
    ws = openpyxl.load_workbook(workbook)["基本信息"]
    assert [ws.cell(r, 4).value for r in (4, 7)] == ["社旗县", 2024]


def test_an_english_workbook_reads_as_the_chinese_one(tmp_path, capsys):
    zh, en = tmp_path / "zh.xlsx", tmp_path / "en.xlsx"
    assert run(capsys, "extract", SHEQI, "-o", zh)[0] == 0
    assert run(capsys, "extract", SHEQI, "-o", en, "--lang", "en")[0] == 0
    sheet = openpyxl.load_workbook(en)["Government functions and servic"]
    assert [c.value for c in sheet[3]][:4] == [
        "指标代码 (key)",
        "指标名称 (indicator)",
        "单位 (unit)",
        "填报值 (value)",
    ]
    assert findings(capsys, en) == findings(capsys, zh)
