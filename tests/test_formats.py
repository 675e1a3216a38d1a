"""Machine formats: SARIF and JUnit valid against the official schemas, annotations, exit thresholds,
waivers, and the pre-commit hook."""

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import xmlschema
import yaml
from conftest import ROOT, SAMPLES, SHARED, run_cli

SCHEMAS = Path(__file__).parent / "schemas"
SARIF_SCHEMA = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_SCHEMA = xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))
MINIMAL = Path(__file__).parent / "packs" / "minimal"
ALL_SAMPLES = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.rglob("*") if p.suffix in (".yaml", ".json"))
WAIVERS = ROOT / "examples" / "waivers.yaml"
HOSTILE = sorted(
    str(p)
    for p in (Path(__file__).parent / "hostile").iterdir()
    if p.suffix in (".yaml", ".json") and p.name != "expected.yaml"
)


def sarif_of(*args, tmp_path) -> dict:
    out = tmp_path / "out.sarif"
    proc = run_cli("check", *args, "--format", f"sarif={out}", "--today", "2025-06-01")
    assert "Traceback" not in proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(doc)
    return doc


def junit_of(*args, tmp_path):
    out = tmp_path / "out.xml"
    proc = run_cli("check", *args, "--format", f"junit={out}", "--today", "2025-06-01")
    assert "Traceback" not in proc.stderr
    JUNIT_SCHEMA.validate(str(out))
    return xmlschema.XMLResource(str(out)).root


def test_vendored_schemas_are_the_shared_ones():
    if not (SHARED / "schemas").is_dir():
        pytest.skip("shared/ is not beside this checkout")
    for name in ("sarif-schema-2.1.0.json", "junit-10.xsd"):
        assert (SCHEMAS / name).read_bytes() == (SHARED / "schemas" / name).read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ALL_SAMPLES,
        HOSTILE,
        ["samples/fictional-missed-rate.yaml", "--waivers", str(WAIVERS)],
        ["samples/sheqi-2024.yaml", "--lang", "en", "--profile", "henan-county"],
    ],
    ids=["samples", "hostile", "waivers", "english-henan"],
)
def test_sarif_and_junit_validate(tmp_path, args):
    sarif_of(*args, tmp_path=tmp_path)
    junit_of(*args, tmp_path=tmp_path)


def _line_of(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(rf"(^|\s){re.escape(needle)}:", line):
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_sarif_results_point_at_the_failing_indicator(tmp_path):
    doc = sarif_of(*ALL_SAMPLES, tmp_path=tmp_path)
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) and "DISP-001" in ids
    results = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r for r in run["results"]
    }
    cases = [
        ("samples/fictional-missed-rate.yaml", "RULE-001", "normative_docs_reviewed", "fail", "error"),
        ("samples/fictional-missed-rate.yaml", "FUNC-001", "services_online_rate", "fail", "warning"),
        ("samples/fictional-inconsistent.yaml", "DISP-013", "disputes.reconsideration_concluded", "fail", "error"),
        (
            "samples/fictional-inconsistent.yaml",
            "ENFO-013",
            "enforcement.case_file_problems_rectified",
            "fail",
            "error",
        ),
        ("samples/fictional-zero-denominator.json", "REPT-001", '"published_on"', "fail", "error"),
        # an indicator not reported that no profile requires: could not be decided, a note
        ("samples/fictional-missing.yaml", "RULE-001", "indicators", "open", "note"),
    ]
    for uri, rule, needle, kind, level in cases:
        result = results[(uri, rule)]
        line, _ = _line_of(ROOT / uri, needle)
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == line, (uri, rule)
        assert (result["kind"], result["level"]) == (kind, level), (uri, rule)
        assert result["ruleIndex"] == ids.index(rule)
        assert result["partialFingerprints"]["fazhi/v1"]
    assert ("samples/sheqi-2024.yaml", "DISP-001") not in results  # a pass: only with --sarif-all
    every = sarif_of(*ALL_SAMPLES, "--sarif-all", tmp_path=tmp_path)["runs"][0]["results"]
    sheqi = next(
        r
        for r in every
        if r["ruleId"] == "DISP-001"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "samples/sheqi-2024.yaml"
    )
    assert (sheqi["kind"], sheqi["level"]) == ("pass", "none")
    descriptor = run["tool"]["driver"]["rules"][ids.index("DISP-001")]
    assert descriptor["fullDescription"]["text"] == "行政机关负责人出庭应诉率 / Agency heads appear in court"
    assert descriptor["properties"]["strength"] == "practice"


def test_sarif_input_errors_are_located(tmp_path):
    doc = sarif_of("samples/invalid/broken.yaml", tmp_path=tmp_path)
    errors = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "FAZHI-INPUT"]
    assert [
        (
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"].get("startColumn"),
        )
        for r in errors
    ] == [(11, 1), (11, 8), (15, 3), (17, 35), (19, 35), (20, 29)]
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_junit_one_suite_per_submission_one_case_per_rule(tmp_path, pack):
    root = junit_of("samples/fictional-missed-rate.yaml", "samples/fictional-zero-denominator.json", tmp_path=tmp_path)
    suites = root.findall("testsuite")
    assert len(suites) == 2
    cases = {c.get("name").split()[0]: c for c in suites[1].findall("testcase")}
    assert len(cases) == len(pack.rules)
    skipped = cases["RULE-001"].find("skipped")
    assert skipped.get("type") == "not_applicable" and skipped.get("message").startswith("不适用：")
    failure = cases["REPT-001"].find("failure")
    assert failure.get("type") == "fail"
    assert "年度报告公开日期：2025-04-15" in failure.text  # the value read
    assert "要求：" in failure.text and "依据：《法治政府建设与责任落实督察工作规定》" in failure.text
    fails = {c.get("name").split()[0] for c in suites[0].findall("testcase") if c.find("failure") is not None}
    assert "RULE-001" in fails and "FUNC-001" not in fails  # a practice warning is not a failure
    assert suites[0].get("failures") == str(len(fails))


def test_github_annotations(tmp_path):
    out = run_cli("check", "samples/fictional-missed-rate.yaml", "--format", "github")
    lines = out.stdout.splitlines()
    rule = next(line for line in lines if "title=RULE-001" in line)
    line, col = _line_of(ROOT / "samples/fictional-missed-rate.yaml", "normative_docs_reviewed")
    assert rule.startswith(f"::error file=samples/fictional-missed-rate.yaml,line={line},col=")
    assert "合法性审核率 ≥ 100%25" in rule and "%0A依据：" in rule  # escaped per the workflow-command rules
    func = next(line for line in lines if "title=FUNC-001" in line)
    assert func.startswith("::warning ")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_markdown_summary():
    out = run_cli("check", "samples/fictional-missed-rate.yaml", "--format", "markdown", "--lang", "en")
    text = out.stdout
    assert text.startswith("## fazhi-checker · profile: national\n")
    assert "| ❌ FAIL `samples/fictional-missed-rate.yaml` | 示例县（虚构）甲 | 2024 |" in text
    assert (
        "| `RULE-001` fail | Legality review of normative documents | Legality-review rate of normative documents = 93.33% (14/15); Normative documents issued = 15 (35:30) | Legality-review rate ≥ 100% |"
        in text
    )


def _minimal_case(tmp_path, published, attended):
    sub = tmp_path / "s.yaml"
    sub.write_text(
        f"region: 示例县\nyear: 2024\npublished_on: {published}\n"
        f"indicators: {{disputes.hearings: 4, disputes.hearings_attended: {attended}}}\n",
        encoding="utf-8",
    )
    return sub


@pytest.mark.parametrize(
    "published,attended,codes",
    [
        ("2025-04-15", 4, {"critical": 0, "major": 1, "minor": 1, "warn": 1}),  # a major statutory failure
        ("2025-03-15", 3, {"critical": 0, "major": 0, "minor": 0, "warn": 1}),  # a practice warning only
        ("2025-03-15", 4, {"critical": 0, "major": 0, "minor": 0, "warn": 0}),  # all met
    ],
)
def test_fail_on_threshold(tmp_path, published, attended, codes):
    sub = _minimal_case(tmp_path, published, attended)
    for level, code in codes.items():
        out = run_cli("check", sub, "--rules", MINIMAL, "--fail-on", level)
        assert out.returncode == code, level
    assert run_cli("check", sub, "--rules", MINIMAL).returncode == codes["minor"]  # the default


def _waivers(tmp_path, body: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n" + body, encoding="utf-8")
    return path


WAIVER = """  - rule: REPT-001
    region: 示例县
    year: 2024
    justification: 门户网站改版，报告于4月15日发布
    approved_by: 市依法治市办
    approved_on: 2025-04-20
    expires: {expires}
"""


def _run_waived(tmp_path, expires, today="2025-06-01"):
    sub = _minimal_case(tmp_path, "2025-04-15", 4)
    waivers = _waivers(tmp_path, WAIVER.format(expires=expires))
    out = run_cli("check", sub, "--rules", MINIMAL, "--waivers", waivers, "--today", today, "--format", "json")
    doc = json.loads(out.stdout)
    return out.returncode, {f["rule"]: f for f in doc["results"][0]["findings"]}, doc


def test_valid_waiver(tmp_path):
    code, findings, doc = _run_waived(tmp_path, "2025-12-31")
    assert code == 0
    rept = findings["REPT-001"]
    assert (rept["status"], rept["waived_status"], rept["blocking"]) == ("waived", "fail", False)
    assert rept["waiver"]["justification"] == "门户网站改版，报告于4月15日发布"
    assert rept["message"].startswith("已豁免（市依法治市办 于 2025-04-20 批准，2025-12-31 到期）：门户网站改版")
    assert doc["results"][0]["summary"]["waived"] == 1 and "waiver_notes" not in doc


def test_expired_waiver(tmp_path):
    code, findings, doc = _run_waived(tmp_path, "2025-05-01")
    assert code == 1
    rept = findings["REPT-001"]
    assert rept["status"] == "fail" and rept["waiver"]["expired"] is True
    assert rept["message"].endswith("（豁免已于 2025-05-01 到期）")
    assert [n["code"] for n in doc["waiver_notes"]] == ["waiver.expired"]


def test_unused_waiver(tmp_path):
    sub = _minimal_case(tmp_path, "2025-03-15", 4)
    waivers = _waivers(tmp_path, WAIVER.format(expires="2025-12-31"))
    out = run_cli("check", sub, "--rules", MINIMAL, "--waivers", waivers, "--today", "2025-06-01", "--format", "json")
    assert out.returncode == 0
    [note] = json.loads(out.stdout)["waiver_notes"]
    assert (note["code"], note["line"], note["message"]) == (
        "waiver.unused",
        2,
        "豁免未匹配任何结论（REPT-001，示例县 2024）",
    )


@pytest.mark.parametrize(
    "drop,message",
    [
        ("    justification: 门户网站改版，报告于4月15日发布\n", "豁免缺少 justification，不予采用"),
        ("    expires: 2025-12-31\n", "豁免缺少 expires，不予采用"),
    ],
)
def test_malformed_waiver_is_rejected(tmp_path, drop, message):
    sub = _minimal_case(tmp_path, "2025-04-15", 4)
    waivers = _waivers(tmp_path, WAIVER.format(expires="2025-12-31").replace(drop, ""))
    out = run_cli("check", sub, "--rules", MINIMAL, "--waivers", waivers)
    assert out.returncode == 2
    assert f"{waivers}:2:5: {message}" in out.stderr


def test_every_problem_of_a_waiver_file_is_said_once(tmp_path):
    sub = _minimal_case(tmp_path, "2025-04-15", 4)
    good = WAIVER.format(expires="2025-12-31")
    body = (
        good
        + good  # a repeat
        + good.replace("approved_on: 2025-04-20", "approved_on: 2026-01-10")  # approved after it expired
        + good.replace("region: 示例县", "region: 乙县").replace("    expires", "    fingerprint: 12345\n    expires")
        + good.replace("region: 示例县", "region: 丙县").replace("approved_on: 2025-04-20", "approved_on: 2025-02-30")
    )
    waivers = _waivers(tmp_path, body)
    waivers.write_text(waivers.read_text(encoding="utf-8") + "notes: x\n", encoding="utf-8")
    out = run_cli("check", sub, "--rules", MINIMAL, "--waivers", waivers)
    assert out.returncode == 2
    said = [line for line in out.stderr.splitlines() if line.startswith(str(waivers))]
    assert [line[len(str(waivers)) :] for line in said] == [
        ":9:5: 与第 2 行的豁免重复",
        ":21:18: 豁免的批准日期 2026-01-10 晚于到期日 2025-12-31",
        ":29:18: 豁免的 fingerprint 应为文字，读到“12345”",
        ":36:18: 无法读取值“2025-02-30”",
        ":38:1: 豁免中有未知字段“notes”",
    ]


def test_an_empty_waiver_file_is_said_to_be_no_waiver_file(tmp_path):
    waivers = tmp_path / "w.yaml"
    waivers.write_text("", encoding="utf-8")
    out = run_cli("check", SAMPLES / "sheqi-2024.yaml", "--waivers", waivers)
    assert (
        out.returncode == 2
        and "豁免文件应以 waivers: 开头" in out.stderr
        and "samples/sheqi-2024.yaml" not in out.stderr
    )


def test_waiver_for_an_unknown_rule_is_rejected(tmp_path):
    sub = _minimal_case(tmp_path, "2025-04-15", 4)
    waivers = _waivers(tmp_path, WAIVER.format(expires="2025-12-31").replace("REPT-001", "REPT-010"))
    out = run_cli("check", sub, "--rules", MINIMAL, "--waivers", waivers)
    assert out.returncode == 2 and "豁免指向不存在的规则 REPT-010" in out.stderr and "REPT-001" in out.stderr


def test_fingerprint_survives_line_changes(tmp_path):
    _, first, _ = _run_waived(tmp_path, "2025-12-31")
    sub = tmp_path / "s.yaml"
    sub.write_text("# a comment moves every line\n\n" + sub.read_text(encoding="utf-8"), encoding="utf-8")
    out = run_cli("check", sub, "--rules", MINIMAL, "--format", "json")
    moved = {f["rule"]: f for f in json.loads(out.stdout)["results"][0]["findings"]}
    assert moved["REPT-001"]["fingerprint"] == first["REPT-001"]["fingerprint"]
    assert moved["REPT-001"]["location"]["line"] == first["REPT-001"]["location"]["line"] + 2


def test_pre_commit_hook_entry_runs_on_a_sample_directory(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "fazhi-check")
    pattern = re.compile(hook["files"])
    assert pattern.search("submissions/sheqi-2024.yaml") and not pattern.search(".github/workflows/fazhi.yml")
    files = [f for f in ALL_SAMPLES if f.endswith((".yaml", ".json"))]  # what the hook passes, as in submissions/
    entry = shlex.split(hook["entry"])
    assert entry[0] == "fazhi"
    command = ([shutil.which("fazhi")] if shutil.which("fazhi") else [sys.executable, "-m", "checker"]) + entry[1:]
    good = subprocess.run(
        command + ["--fail-on", "critical", "samples/fictional-missed-rate.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    everything = subprocess.run(command + files, cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in good.stderr + everything.stderr
    assert good.returncode == 0  # RULE-001 fails (major); DECI-001 (critical) is not reported, not required
    assert everything.returncode == 2  # samples/invalid/broken.yaml is not a valid submission
    assert "\x1b[" not in everything.stdout


def test_fingerprint_is_sha256_of_rule_region_year_indicator():
    """The built-in SHA-256 used to spare start-up the OpenSSL load gives hashlib's digest; the parts
    given as text or as their UTF-8 (the JSON writer's) give the same fingerprint."""
    import hashlib

    from checker.model import _sha256, fingerprint_middle, fingerprint_of

    text = "REPT-001|社旗县|2024|report.published".encode("utf-8")
    assert _sha256()(text).hexdigest() == hashlib.sha256(text).hexdigest()
    middle = fingerprint_middle("社旗县", 2024)
    assert (
        fingerprint_of("REPT-001", middle, "report.published")
        == hashlib.sha256(text).hexdigest()[:16]
        == fingerprint_of(b"REPT-001", middle.encode("utf-8"), b"report.published")
    )
