"""Verdicts a county can trust: compliance told apart from completeness, problems first, every
derived figure explained, words an official reads right."""

import json
import re
import shutil

import pytest
import yaml
from conftest import ROOT, run_cli

SHEQI = "samples/sheqi-2024.yaml"


def _first_line(out) -> str:
    return out.stdout.splitlines()[0]


def test_sheqi_fails_only_on_causes_and_its_first_line_says_what_was_not_reported():
    """The 社旗 report names three shortcomings and no cause: REPT-003 fails, REPT-007 warns (0 with a
    cause); nothing else fails, and what it does not report is counted, not required."""
    out = run_cli("check", SHEQI, "--width", "200")
    assert out.returncode == 1, out.stderr
    assert (
        _first_line(out)
        == "社旗县 2024 · samples/sheqi-2024.yaml · 不达标 1 · 预警 1 · 未报告 62（必报 0） · 无必报指标"
    )
    lines = out.stdout.splitlines()
    assert lines[1:4] == [
        "不达标（需整改） · 1",
        "✗ 不达标 REPT-003 年度报告载明存在的不足和原因  [中央文件·重要]",
        "         报告载明存在的不足：是；报告载明不足的原因：否，不符合要求（报告既载明存在的不足，也分析其原因）",
    ]
    assert (
        "  矛盾纠纷化解 (DISP)：通过 5 · 不适用 7 · 未报告（选报）13（DISP-002、DISP-003、DISP-004、DISP-005、DISP-006、"
        "DISP-007、DISP-008、DISP-009、DISP-012、DISP-022、DISP-023、DISP-024、DISP-025）" in out.stdout.splitlines()
    )
    en = run_cli("check", SHEQI, "--width", "200", "--lang", "en")
    assert _first_line(en) == (
        "社旗县 2024 · samples/sheqi-2024.yaml · failed 1 · warnings 1 · "
        "not reported 62 (0 required) · no required indicators"
    )


def test_require_complete_blocks_on_every_unreported_binding_indicator():
    out = run_cli("check", SHEQI, "--width", "200", "--require-complete", "--format", "json")
    assert out.returncode == 1
    [result] = json.loads(out.stdout)["results"]
    assert result["status"] == "fail"
    findings = {f["rule"]: f for f in result["findings"]}
    assert findings["DECI-001"]["blocking"] and findings["DECI-001"]["required"]
    assert not findings["LEAD-004"]["blocking"] and not findings["LEAD-004"]["required"]  # a practice target
    done = result["completeness"]
    assert done["required"] - done["reported"] == len(done["missing"]) > 0
    assert "decisions.legality_review_rate" in done["missing"]
    assert result["headline"]["fail"] == 1 and result["headline"]["missing_required"] > 0  # REPT-003
    text = run_cli("check", SHEQI, "--width", "200", "--require-complete")
    assert _first_line(text) == (
        f"社旗县 2024 · samples/sheqi-2024.yaml · 不达标 1 · 预警 1 · 未报告 62"
        f"（必报 {result['headline']['missing_required']}） · "
        f"必报已报 {done['reported']}/{done['required']}"
    )
    assert text.stdout.splitlines()[1] == "不达标（需整改） · 1"


def test_every_fictional_sample_still_fails_as_built():
    outcomes = {}
    for name in ("fictional-missed-rate.yaml", "fictional-inconsistent.yaml", "fictional-zero-denominator.json"):
        out = run_cli("check", f"samples/{name}", "--format", "json")
        [result] = json.loads(out.stdout)["results"]
        outcomes[name] = (out.returncode, sorted(f["rule"] for f in result["findings"] if f["blocking"]))
    assert outcomes == {
        "fictional-missed-rate.yaml": (1, ["RULE-001"]),
        "fictional-inconsistent.yaml": (1, ["DISP-013", "ENFO-013", "FUNC-003"]),
        "fictional-zero-denominator.json": (1, ["REPT-001"]),
    }
    # built to show unreported statutory figures: they block where the data template requires them
    out = run_cli("check", "samples/fictional-missing.yaml", "--require-complete", "--format", "json")
    [result] = json.loads(out.stdout)["results"]
    blocking = {f["rule"] for f in result["findings"] if f["blocking"]}
    assert out.returncode == 1 and {"RULE-001", "REPT-002", "REPT-003", "REPT-004", "REPT-005"} <= blocking
    assert not {"ENFO-008", "DISP-001", "ENFO-011"} & blocking  # practice and local rules: never required
    assert run_cli("check", "samples/fictional-missing.yaml").returncode == 0


def _profile(tmp_path, body: str):
    shutil.copy(ROOT / "rules" / "profiles" / "national.yaml", tmp_path / "national.yaml")
    path = tmp_path / "city-template.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_profile_names_its_required_indicators(tmp_path):
    profile = _profile(
        tmp_path,
        "name: {zh: 某市填报模板, en: A city's template}\nextends: national\n"
        "required: [regulation.normative_docs_review_rate, 行政机关负责人出庭应诉率]\n",
    )
    out = run_cli("check", SHEQI, "--profile", profile, "--width", "200")
    assert out.returncode == 1 and _first_line(out).endswith("未报告 62（必报 0） · 必报已报 2/2")  # REPT-003
    missing = run_cli("check", "samples/fictional-missing.yaml", "--profile", profile, "--format", "json")
    assert missing.returncode == 1
    [result] = json.loads(missing.stdout)["results"]
    assert result["completeness"] == {
        "required": 2,
        "reported": 0,
        "missing": ["disputes.leader_court_attendance_rate", "regulation.normative_docs_review_rate"],
    }
    blocking = {f["rule"]: f["status"] for f in result["findings"] if f["blocking"]}
    assert blocking == {"RULE-001": "missing", "DISP-001": "missing"}


def test_a_required_indicator_that_does_not_exist_is_said_where_it_stands(tmp_path):
    profile = _profile(tmp_path, "extends: national\nrequired:\n  - regulation.normative_docs_reveiw_rate\n")
    out = run_cli("check", SHEQI, "--profile", profile)
    assert out.returncode == 2
    assert f"{profile}:3:5" in out.stderr
    assert "适用方案的 required 列出了不存在的指标 regulation.normative_docs_reveiw_rate" in out.stderr
    assert "regulation.normative_docs_review_rate" in out.stderr  # the suggestion
    flat = _profile(tmp_path, "extends: national\nrequired: regulation.normative_docs_review_rate\n")
    out = run_cli("check", SHEQI, "--profile", flat)
    assert out.returncode == 2 and f"{flat}:2:11" in out.stderr


def test_problems_come_first_then_one_line_per_area():
    out = run_cli("check", "samples/fictional-missed-rate.yaml", "--width", "200")
    lines = out.stdout.splitlines()
    assert lines[1] == "不达标（需整改） · 1"
    assert lines[2].startswith("✗ 不达标 RULE-001 行政规范性文件合法性审核率  [中央文件·重要]")
    assert lines[3].strip() == (
        "行政规范性文件合法性审核率：93.33%（14/15）；行政规范性文件制发数：15，不符合要求（合法性审核率 ≥ 100%）"
    )
    warn = lines.index("预警（未达非约束性目标，或待确认的数据） · 1")
    assert lines[warn + 1].startswith("! 预警   FUNC-001 政务服务事项网上可办率  [工作目标（非约束性）·次要]")
    assert lines.index("各领域概况") > warn


def test_all_and_only():
    every = run_cli("check", SHEQI, "--all", "--width", "200").stdout
    assert "✓ 已报告 LEAD-001 政府常务会议会前学法  [无阈值·提示]" in every
    assert "政府常务会议学法次数：12，已报告（报告该项数值（无阈值，仅供比较和趋势分析））" in every
    assert "依据：数据一致性核对" in every
    only = run_cli("check", SHEQI, "--only", "not_applicable", "--width", "200").stdout
    rows = re.findall(r"^\S \S+ +([A-Z]{4}-\d{3}) ", only, re.M)
    assert rows == [
        "FUNC-004",
        "FUNC-008",
        "RULE-007",
        "RULE-008",
        "DECI-012",
        "DECI-013",
        "ENFO-016",
        "ENFO-017",
        "DISP-015",
        "DISP-016",
        "DISP-017",
        "DISP-018",
        "DISP-019",
        "DISP-020",
        "DISP-021",
        "SUPV-005",
        "SUPV-010",
        "DIGI-003",
        "DIGI-004",
        "REPT-010",
    ]
    bad = run_cli("check", SHEQI, "--only", "failed")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_github_annotates_blocking_findings_first_and_no_optional_unreported_indicator():
    out = run_cli("check", "samples/", "--format", "github")
    lines = out.stdout.splitlines()
    findings = [line for line in lines if "title=输入错误" not in line]
    titles = [re.search(r"file=([^,]+),.*title=([A-Z]{4}-\d{3})", line).groups() for line in findings]
    assert titles == [
        ("samples/fictional-inconsistent.yaml", "FUNC-003"),
        ("samples/fictional-inconsistent.yaml", "ENFO-013"),
        ("samples/fictional-inconsistent.yaml", "DISP-013"),
        ("samples/fictional-missed-rate.yaml", "RULE-001"),
        ("samples/fictional-missed-rate.yaml", "FUNC-001"),
        ("samples/fictional-zero-denominator.json", "REPT-001"),
        ("samples/sheqi-2024.yaml", "REPT-003"),
        ("samples/sheqi-2024.yaml", "REPT-007"),
    ]
    assert [line.split(" ", 1)[0] for line in findings] == ["::error"] * 4 + [
        "::warning",
        "::error",
        "::error",
        "::warning",
    ]


def test_github_says_past_ten_annotations_in_a_file_how_many_more(tmp_path, pack):
    """A file with many warnings: ten annotations, then one notice with the count of the rest."""
    rates = {}
    for rule in pack.rules:
        if rule.strength == "practice":
            for key in re.findall(r"[a-z]+\.[a-z_0-9]+", rule.condition):
                if pack.catalogue.indicators.get(key) and pack.catalogue.indicators[key].unit == "percent":
                    rates[key] = 50
    sub = tmp_path / "many.yaml"
    sub.write_text(
        yaml.safe_dump({"region": "示例县", "year": 2024, "indicators": rates}, allow_unicode=True), encoding="utf-8"
    )
    data = json.loads(run_cli("check", sub, "--format", "json").stdout)
    warns = [f for f in data["results"][0]["findings"] if f["status"] == "warn"]
    assert len(warns) > 10
    lines = run_cli("check", sub, "--format", "github").stdout.splitlines()
    assert len(lines) == 11 and all(line.startswith("::warning ") for line in lines[:10])
    assert lines[10].startswith("::notice ") and lines[10].endswith(
        f"::另有 {len(warns) - 10} 项预警或说明未逐条标注，见完整报告（--format markdown 或 text）"
    )


def test_sarif_and_junit_treat_an_optional_unreported_indicator_as_a_note():
    sarif = json.loads(run_cli("check", SHEQI, "--format", "sarif").stdout)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "DECI-001")
    assert (result["kind"], result["level"], result["properties"]["required"]) == ("open", "note", False)
    strict = json.loads(run_cli("check", SHEQI, "--format", "sarif", "--require-complete").stdout)
    result = next(r for r in strict["runs"][0]["results"] if r["ruleId"] == "DECI-001")
    assert (result["kind"], result["level"]) == ("fail", "error")
    junit = run_cli("check", SHEQI, "--format", "junit").stdout
    case = re.search(r'<testcase name="DECI-001 [^"]*"[^>]*>\s*<(\w+) [^>]*type="(\w+)"', junit)
    assert case.groups() == ("skipped", "missing")


def test_markdown_leads_with_blocking_findings_and_lists_no_optional_unreported_one():
    text = run_cli("check", "samples/", "--format", "markdown").stdout
    section = text.split("### 示例县（虚构）甲 2024")[1].split("###")[0]
    rows = re.findall(r"^\| `([A-Z]{4}-\d{3})` (\S+) \|", section, re.M)
    assert rows == [("RULE-001", "不达标"), ("FUNC-001", "预警")]
    assert (
        "| ❌ 未通过 `samples/sheqi-2024.yaml` | 社旗县 | 2024 | 不达标 1 · 预警 1 · 未报告 62（必报 0） · 无必报指标 |"
        in text
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_words_an_official_reads_right(lang):
    from checker import i18n

    assert i18n.t("strength.practice", lang) == ("工作目标（非约束性）" if lang == "zh" else "target (non-binding)")
    severities = {i18n.t(f"severity.{s}", lang) for s in ("critical", "major", "minor", "info")}
    assert "一般" not in severities  # 一般 is a grade (优秀、良好、一般、较差)
