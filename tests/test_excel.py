"""The Excel 填报表 read back (checker.inputs.excel): the 社旗 figures typed into a template through
openpyxl check to exactly the findings of samples/sheqi-2024.yaml; every problem of a workbook is
said at its sheet and cell, all in one run, in every output format; files that are not a workbook
are told apart."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import zipfile

import pytest

openpyxl = pytest.importorskip("openpyxl")

from conftest import SAMPLES  # noqa: E402

from checker.cli import main  # noqa: E402
from checker.errors import Row  # noqa: E402

SHEQI = SAMPLES / "sheqi-2024.yaml"
HEADER = "基本信息"
LEAD, FUNC, REPT = "党的领导与推进机制", "政府机构职能体系", "法治政府建设年度报告"


def run(capsys, *argv):
    """``fazhi ARGV`` in this process: (exit code, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def blank_template(tmp_path, capsys, *options):
    """``fazhi template -o 填报表.xlsx``: the workbook a city sends out."""
    path = tmp_path / "填报表.xlsx"
    code, out, err = run(capsys, "template", "-o", path, *options)
    assert (code, out, err) == (0, "", "")
    return path


def rows_by_key(wb) -> dict:
    """{key in 指标代码: (sheet, row)} of a template."""
    found = {}
    for ws in wb.worksheets:
        for row in range(4, ws.max_row + 1):
            key = ws.cell(row, 1).value
            if key:
                found[key] = (ws.title, row)
    return found


def sheqi_figures():
    """The sample's figures as a county types them: (header, {key: (value as typed, source, note)})."""
    import yaml

    data = yaml.safe_load(SHEQI.read_text(encoding="utf-8"))
    figures = {}
    for area, block in data["indicators"].items():
        for name, entry in block.items():
            value = entry["value"]
            if isinstance(value, bool):
                value = "是" if value else "否"
            if entry.get("approx") == "余":
                value = f"{value}余"
            figures[f"{area}.{name}"] = (value, entry.get("source"), entry.get("note"))
    header = {k: data[k] for k in ("region", "region_code", "level", "year", "published_on")}
    return header, figures


def fill_with_sheqi(path):
    wb = openpyxl.load_workbook(path)
    where = rows_by_key(wb)
    header, figures = sheqi_figures()
    header["level"] = "县"
    for field, value in header.items():
        sheet, row = where[field]
        wb[sheet].cell(row, 4).value = value
    for key, (value, source, note) in figures.items():
        sheet, row = where[key]
        ws = wb[sheet]
        ws.cell(row, 4).value = value
        ws.cell(row, 5).value = source
        ws.cell(row, 6).value = note
    wb.save(path)
    return where


def findings(json_text: str) -> list:
    """The findings of a check's JSON output, without their place in the file."""
    result = json.loads(json_text)["results"][0]
    return [{k: v for k, v in f.items() if k != "location"} for f in result["findings"]]


def test_the_template_filled_with_the_sheqi_figures_checks_to_exactly_the_findings_of_the_yaml(tmp_path, capsys):
    path = blank_template(tmp_path, capsys)
    where = fill_with_sheqi(path)
    code_yaml, from_yaml, _ = run(capsys, "check", SHEQI, "--format", "json")
    code_xlsx, from_xlsx, err = run(capsys, "check", path, "--format", "json")
    assert code_yaml == code_xlsx == 1, err
    assert findings(from_xlsx) == findings(from_yaml)
    result = json.loads(from_xlsx)["results"][0]
    assert (result["region"], result["year"], result["status"], result["errors"]) == ("社旗县", 2024, "fail", [])
    failed = [f for f in result["findings"] if f["status"] == "fail"]
    assert [(f["rule"], f["location"]) for f in failed] == [
        (
            "REPT-003",
            {
                "line": where["report.states_shortcomings"][1],
                "column": 4,  # where the YAML's is: its first value
                "cell": f"{REPT}!D{where['report.states_shortcomings'][1]}",
            },
        )
    ]
    # what differs from the YAML is said: approximate figures typed as words are read with a note
    notes = [(n["code"], n["cell"]) for n in result["notes"] if n["code"] == "value.normalised_over"]
    assert (notes[0][0], notes[0][1]) == (
        "value.normalised_over",
        f"{LEAD}!D{where['leadership.department_law_studies'][1]}",
    )
    assert len(notes) == 6


def test_the_text_view_names_the_cell_of_a_failure(tmp_path, capsys):
    path = blank_template(tmp_path, capsys)
    where = fill_with_sheqi(path)
    code, out, _ = run(capsys, "check", path, "--width", "200")
    assert code == 1
    assert out.startswith(f"社旗县 2024 · {path} · 不达标 1 · 预警 1")
    assert f"({REPT}!D{where['report.states_shortcomings'][1]})" in out


def bad_workbook(path):
    """A template with one problem of every kind a workbook can have, each in a cell of its own."""
    wb = openpyxl.load_workbook(path)
    where = rows_by_key(wb)

    def cell(key, col=4):
        sheet, row = where[key]
        return wb[sheet].cell(row, col)

    wb[HEADER].cell(where["region"][1], 4).value = "示例县"
    wb[HEADER].cell(where["year"][1], 4).value = "2024"  # a year typed as text: read
    cell("functions.services_online_rate").value = "百分之九十八"  # Chinese numerals
    rate = cell("disputes.leader_court_attendance_rate")
    rate.value, rate.number_format = 1.2, "0%"  # typed 120%
    cell("leadership.exec_meeting_law_studies").value = "十二次"  # text in a number cell
    cell("functions.services_total").value = "=B9*2"  # a formula never computed
    cell("regulation.normative_docs_issued").value = "#DIV/0!"  # an error value
    cell("emergency.township_drills").value = "=30+2"  # a formula with a saved result
    ok = cell("functions.materials_reduction_rate")
    ok.value, ok.number_format = 0.65, "0%"  # typed 65%: a rate of 65
    bad_count = cell("oversight.audit_projects")
    bad_count.value, bad_count.number_format = 0.07, "0%"  # a count typed as 7%
    lead = wb[LEAD]
    first = lead.max_row + 1
    lead.cell(first, 2).value = "政府常务会议学法此数"  # a row added, its name mistyped
    lead.cell(first, 4).value = 12
    lead.cell(first + 1, 4).value = 5  # a value with no indicator
    lead.cell(first + 2, 8).value = "下面是补充说明"  # a row nothing is read from
    lead.cell(first + 3, 2).value = "政府各部门学法次数"  # given twice: by name, then by key
    lead.cell(first + 3, 4).value = 300
    cell("leadership.department_law_studies").value = 310
    enforcement = where["enforcement.case_files_checked"]
    wb[enforcement[0]].merge_cells(f"D{enforcement[1]}:D{enforcement[1] + 1}")  # one value over two rows
    wb[enforcement[0]].cell(enforcement[1], 4).value = 141
    wb[REPT].sheet_state = "hidden"
    wb.create_sheet("草稿").cell(1, 1).value = "计算用"
    wb.save(path)
    with zipfile.ZipFile(path) as src:  # the saved result of =30+2, as Excel would keep it
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    sheet = next(n for n, body in parts.items() if b"<f>30+2</f>" in body)
    parts[sheet] = parts[sheet].replace(b"<f>30+2</f><v />", b"<f>30+2</f><v>32</v>")
    with zipfile.ZipFile(path, "w") as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    return where, first


def test_every_problem_of_a_workbook_is_said_at_its_sheet_and_cell_in_one_run(tmp_path, capsys):
    path = blank_template(tmp_path, capsys)
    where, first = bad_workbook(path)

    def at(key):
        sheet, row = where[key]
        return f"{sheet}!D{row}"

    code, out, err = run(capsys, "check", path, "--format", "json")
    assert code == 2, err
    result = json.loads(out)["results"][0]
    assert result["status"] == "error"
    errors = [(e["code"], e.get("cell")) for e in result["errors"]]
    assert errors == [  # what only a workbook can hold, sheet by sheet; then what YAML would say
        ("xlsx.no_key", f"{LEAD}!D{first + 1}"),
        ("xlsx.duplicate", f"{LEAD}!B{first + 3}"),
        ("xlsx.formula_no_value", at("functions.services_total")),
        ("xlsx.error_value", at("regulation.normative_docs_issued")),
        ("xlsx.merged", at("enforcement.case_files_checked")),
        ("input.unknown_indicator", f"{LEAD}!B{first}"),
        ("value.not_a_number", at("leadership.exec_meeting_law_studies")),
        ("value.not_a_number", at("functions.services_online_rate")),
        ("value.percent_range", at("disputes.leader_court_attendance_rate")),
        ("value.percent_sign", at("oversight.audit_projects")),
    ]
    messages = {e["code"]: e for e in result["errors"]}
    assert messages["input.unknown_indicator"]["message"] == "未知指标“政府常务会议学法此数”"
    assert messages["input.unknown_indicator"]["hint"].startswith("是否想写：政府常务会议学法次数, ")
    assert (
        messages["value.percent_range"]["message"]
        == "disputes.leader_court_attendance_rate 是百分比，应在 0–100 之间，读到 120"
    )
    assert (
        messages["xlsx.duplicate"]["message"]
        == f"指标“政府各部门学法次数”重复填报（首次在 {LEAD}!A{where['leadership.department_law_studies'][1]}）"
    )
    assert messages["xlsx.merged"]["message"].startswith(f"合并单元格 D{where['enforcement.case_files_checked'][1]}:D")
    notes = {(n["code"], n.get("cell")) for n in result["notes"]}
    assert ("xlsx.formula", at("emergency.township_drills")) in notes
    assert ("xlsx.hidden_sheet", f"{REPT}!A1") in notes
    assert ("xlsx.no_header", "草稿!A1") in notes
    assert ("xlsx.row_ignored", f"{LEAD}!A{first + 2}") in notes
    assert ("value.normalised", at("disputes.leader_court_attendance_rate")) not in notes


def test_a_workbook_reads_percentages_typed_with_a_sign_and_a_year_typed_as_text(tmp_path, capsys, pack):
    from checker.inputs.excel import read_workbook

    path = blank_template(tmp_path, capsys)
    where, _ = bad_workbook(path)
    sub = read_workbook(path, pack.catalogue)
    assert (sub.region, sub.year) == ("示例县", 2024)
    assert sub.values["functions.materials_reduction_rate"].value == 65
    assert sub.values["emergency.township_drills"].value == 32
    assert sub.values["leadership.department_law_studies"].value == 310  # the first given: the template's row
    drills = sub.values["emergency.township_drills"]
    assert (drills.line, drills.column) == (Row(where["emergency.township_drills"][1], "突发事件应对体系"), 4)


@pytest.mark.parametrize(
    "fmt,expected",
    [
        ("text", "  {path}:{cell}: 政务服务事项网上可办率"),
        (
            "github",
            "::error file={path},title={cell} 输入错误::functions.services_online_rate 的值“百分之九十八”不是可识别的数值",
        ),
        ("junit", 'name="输入错误 {path}:{cell}"'),
        ("markdown", "- ⛔ `{path}:{cell}` functions.services\\_online\\_rate 的值“百分之九十八”不是可识别的数值"),
    ],
)
def test_every_format_names_the_workbook_and_the_cell(tmp_path, capsys, fmt, expected):
    path = blank_template(tmp_path, capsys)
    wb = openpyxl.load_workbook(path)
    where = rows_by_key(wb)
    wb[HEADER].cell(where["region"][1], 4).value = "示例县"
    wb[HEADER].cell(where["year"][1], 4).value = 2024
    sheet, row = where["functions.services_online_rate"]
    wb[sheet].cell(row, 4).value = "百分之九十八"
    wb.save(path)
    code, out, _ = run(capsys, "check", path, "--format", fmt, "--width", "200")
    assert code == 2
    cell = f"{FUNC}!D{row}"
    if fmt == "text":
        assert f"  {path}:{cell}: functions.services_online_rate 的值“百分之九十八”不是可识别的数值" in out
        return
    assert expected.format(path=path, cell=cell) in out
    if fmt == "github":
        assert "line=" not in out


def test_sarif_names_the_workbook_as_the_artifact_and_the_cell_as_a_logical_location(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import ROOT

    path = blank_template(tmp_path, capsys)
    fill_with_sheqi(path)
    code, out, _ = run(capsys, "check", path, "--format", "sarif")
    assert code == 1
    doc = json.loads(out)
    schema = json.loads((ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    failed = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "REPT-003"]
    location = failed[0]["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": path.as_uri()}}  # no text region
    assert location["logicalLocations"] == [{"name": "D5", "fullyQualifiedName": f"{REPT}!D5", "kind": "element"}]


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "input.xls"),
        ("数据.csv", "region,year\n社旗县,2024\n".encode(), "input.csv"),
        ("加密.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "xlsx.ole"),
        ("改名.xlsx", "region: 社旗县\n".encode(), "xlsx.not_zip"),
    ],
)
def test_what_is_not_a_workbook_to_read_is_said_with_what_to_do(tmp_path, capsys, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    exit_code, out, err = run(capsys, "check", path, "--format", "json")
    assert exit_code == 2
    errors = json.loads(out)["results"][0]["errors"]
    assert [e["code"] for e in errors] == [code]
    assert errors[0]["hint"]


def test_a_workbook_with_a_document_type_declaration_is_refused(tmp_path, capsys):
    path = blank_template(tmp_path, capsys)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts["xl/workbook.xml"] = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>' + parts["xl/workbook.xml"]
    )
    with zipfile.ZipFile(path, "w") as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    code, out, _ = run(capsys, "check", path, "--format", "json")
    assert code == 2
    assert [e["code"] for e in json.loads(out)["results"][0]["errors"]] == ["xlsx.doctype"]


def test_validate_reads_a_workbook(tmp_path, capsys):
    path = blank_template(tmp_path, capsys)
    fill_with_sheqi(path)
    code, out, err = run(capsys, "validate", path)
    assert code == 0, err
    count = re.search(r"（(\d+) 个指标）", run(capsys, "validate", SHEQI)[1]).group(1)  # as many as the YAML
    assert out.splitlines()[-1] == f"格式正确：{path}（{count} 个指标）"
    assert f"{path}:{LEAD}!D" in out.splitlines()[0]  # its notes, at their cells


def test_a_folder_yields_filled_templates_not_what_fazhi_wrote_nor_excels_lock_files(tmp_path, capsys):
    folder = tmp_path / "回收"
    folder.mkdir()
    path = blank_template(tmp_path, capsys)
    fill_with_sheqi(path)
    path.rename(folder / "社旗县.xlsx")
    code, _, err = run(capsys, "check", SHEQI, "--xlsx", folder / "社旗县报告.xlsx")
    assert code == 1, err
    (folder / "~$社旗县.xlsx").write_bytes(b"\x0bfazhi" + b" " * 150)  # Excel's lock file of an open workbook
    code, out, err = run(capsys, "check", folder, "--format", "json")
    assert code == 1, err
    results = json.loads(out)["results"]
    assert [r["file"] for r in results] == [str(folder / "社旗县.xlsx")]
    assert f"{folder / '社旗县报告.xlsx'}: fazhi-checker 输出的文档（不是报送材料），未读取" in err


def test_a_report_this_run_writes_into_the_folder_it_reads_is_replaced_not_read(tmp_path, capsys):
    folder = tmp_path / "回收"
    folder.mkdir()
    path = blank_template(tmp_path, capsys)
    fill_with_sheqi(path)
    path.rename(folder / "社旗县.xlsx")
    for _ in range(2):
        code, _, err = run(capsys, "check", folder, "--xlsx", folder / "报告.xlsx")
        assert code == 1, err
    assert "本次运行的输出文件" in err


def test_dates_and_yes_or_no_typed_in_a_workbook_are_read_without_a_note(tmp_path, capsys, pack):
    from checker.inputs.excel import read_workbook

    path = blank_template(tmp_path, capsys, "--region", "社旗县", "--year", "2024", "--published-on", "2025-03-25")
    wb = openpyxl.load_workbook(path)
    where = rows_by_key(wb)
    sheet, row = where["decisions.major_decision_catalogue_published"]
    wb[sheet].cell(row, 4).value = "是"
    wb.save(path)
    sub = read_workbook(path, pack.catalogue)
    assert sub.diagnostics == []
    assert (sub.region, sub.year, sub.published_on) == ("社旗县", 2024, dt.date(2025, 3, 25))
    assert sub.values["decisions.major_decision_catalogue_published"].value is True


def test_a_row_is_a_place_in_its_sheet_only():
    here, there = Row(12, "甲"), Row(12, "乙")
    assert here == Row(12, "甲") and here != there and here != 12 and 12 != here
    assert len({(here, 4), (there, 4), (12, 4)}) == 3
    assert pickle.loads(pickle.dumps(here)) == here and str(here) == "12" and f"{here:>3}" == " 12"
    from checker.errors import Diagnostic, cell_name, place, sheet_ref

    assert (cell_name(here, 4), cell_name(12, 4), place(here, 28), place(124, 14)) == (
        "甲!D12",
        None,
        "甲!AB12",
        "124:14",
    )
    assert (sheet_ref("Sheet 1"), sheet_ref("it's"), sheet_ref("2024"), sheet_ref("法治政府建设")) == (
        "'Sheet 1'",
        "'it''s'",
        "'2024'",
        "法治政府建设",
    )
    diag = Diagnostic("xlsx.no_key", "表.xlsx", here, 4, {"sheet": "甲"})
    assert diag.where() == "表.xlsx:甲!D12" and diag.to_json("zh")["cell"] == "甲!D12"


def test_score_reads_a_workbook_as_it_reads_the_yaml(tmp_path, capsys):
    path = blank_template(tmp_path, capsys)
    fill_with_sheqi(path)
    scored = []
    for source in (SHEQI, path):
        code, out, err = run(capsys, "score", source, "--format", "json")
        assert code == 0, err
        county = json.loads(out)["ranking"][0]
        scored.append((county["region"], county["score"], county["grade"]))
    assert scored[0] == scored[1]
