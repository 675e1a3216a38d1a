"""Exact findings for every sample: each status, rule by rule, as the samples were built to show.

A sample's header comment says what it was built for; the table below is the full partition of
the bundled pack's rules by outcome, so any change in any rule's result shows up here.
"""

import json

import pytest
from conftest import SAMPLES, run_cli

from checker import describe
from checker.inputs.structured import load_submission

EXPECTED = {
    "sheqi-2024.yaml": {
        "pass": (
            "LEAD-001 LEAD-002 LEAD-003 LEAD-005 LEAD-006 FUNC-001 FUNC-002 FUNC-003 FUNC-005 FUNC-006 "
            "RULE-001 RULE-002 RULE-011 DECI-009 ENFO-008 ENFO-009 ENFO-010 ENFO-012 ENFO-013 ENFO-014 "
            "ENFO-015 EMER-001 EMER-002 DISP-001 DISP-010 DISP-011 DISP-013 DISP-014 SUPV-007 REPT-001 "
            "REPT-002 REPT-004 REPT-005 "
        ),
        "fail": ("REPT-003 "),
        "warn": ("REPT-007 "),
        "not_applicable": (
            "FUNC-004 FUNC-008 RULE-007 RULE-008 DECI-012 DECI-013 ENFO-016 ENFO-017 DISP-015 DISP-016 "
            "DISP-017 DISP-018 DISP-019 DISP-020 DISP-021 SUPV-005 SUPV-010 DIGI-003 DIGI-004 REPT-010 "
        ),
        "missing": (
            "LEAD-004 LEAD-007 LEAD-008 LEAD-009 FUNC-007 FUNC-009 FUNC-010 FUNC-011 FUNC-012 FUNC-013 "
            "RULE-003 RULE-004 RULE-005 RULE-006 RULE-009 RULE-010 RULE-012 DECI-001 DECI-002 DECI-003 "
            "DECI-004 DECI-005 DECI-006 DECI-007 DECI-008 DECI-010 DECI-011 ENFO-001 ENFO-002 ENFO-003 "
            "ENFO-004 ENFO-005 ENFO-006 ENFO-007 ENFO-011 EMER-003 DISP-002 DISP-003 DISP-004 DISP-005 "
            "DISP-006 DISP-007 DISP-008 DISP-009 DISP-012 DISP-022 DISP-023 DISP-024 DISP-025 SUPV-001 "
            "SUPV-002 SUPV-003 SUPV-004 SUPV-006 SUPV-008 SUPV-009 SUPV-011 DIGI-001 DIGI-002 REPT-006 "
            "REPT-008 REPT-009 "
        ),
    },
    "fictional-missed-rate.yaml": {
        "pass": (
            "LEAD-001 LEAD-002 LEAD-003 LEAD-005 LEAD-006 FUNC-002 FUNC-003 FUNC-005 FUNC-006 FUNC-013 "
            "RULE-002 RULE-003 RULE-007 RULE-011 DECI-009 ENFO-008 ENFO-009 ENFO-012 ENFO-013 ENFO-014 "
            "EMER-001 EMER-002 DISP-001 DISP-010 DISP-011 DISP-012 DISP-013 DISP-014 SUPV-007 DIGI-002 "
            "DIGI-004 REPT-001 REPT-002 REPT-003 REPT-004 REPT-005 "
        ),
        "fail": ("RULE-001 "),
        "warn": ("FUNC-001 "),
        "not_applicable": (
            "FUNC-004 FUNC-008 RULE-008 DECI-012 DECI-013 ENFO-015 ENFO-016 ENFO-017 DISP-015 DISP-016 "
            "DISP-017 DISP-018 DISP-019 DISP-020 DISP-021 SUPV-005 SUPV-010 DIGI-003 REPT-010 "
        ),
        "missing": (
            "LEAD-004 LEAD-007 LEAD-008 LEAD-009 FUNC-007 FUNC-009 FUNC-010 FUNC-011 FUNC-012 RULE-004 "
            "RULE-005 RULE-006 RULE-009 RULE-010 RULE-012 DECI-001 DECI-002 DECI-003 DECI-004 DECI-005 "
            "DECI-006 DECI-007 DECI-008 DECI-010 DECI-011 ENFO-001 ENFO-002 ENFO-003 ENFO-004 ENFO-005 "
            "ENFO-006 ENFO-007 ENFO-010 ENFO-011 EMER-003 DISP-002 DISP-003 DISP-004 DISP-005 DISP-006 "
            "DISP-007 DISP-008 DISP-009 DISP-022 DISP-023 DISP-024 DISP-025 SUPV-001 SUPV-002 SUPV-003 "
            "SUPV-004 SUPV-006 SUPV-008 SUPV-009 SUPV-011 DIGI-001 REPT-006 REPT-007 REPT-008 REPT-009 "
        ),
    },
    "fictional-inconsistent.yaml": {
        "pass": (
            "LEAD-001 LEAD-002 LEAD-003 LEAD-005 LEAD-006 FUNC-001 FUNC-005 FUNC-006 FUNC-013 RULE-001 "
            "RULE-002 RULE-003 RULE-007 RULE-011 DECI-009 ENFO-008 ENFO-012 ENFO-014 EMER-001 EMER-002 "
            "DISP-001 DISP-010 DISP-012 DISP-014 SUPV-007 DIGI-002 DIGI-004 REPT-001 REPT-002 REPT-003 "
            "REPT-004 REPT-005 "
        ),
        "fail": ("FUNC-003 ENFO-013 DISP-013 "),
        "not_applicable": (
            "FUNC-004 FUNC-008 RULE-008 DECI-012 DECI-013 ENFO-015 ENFO-016 ENFO-017 DISP-015 DISP-016 "
            "DISP-017 DISP-018 DISP-019 DISP-020 DISP-021 SUPV-005 SUPV-010 DIGI-003 REPT-010 "
        ),
        "missing": (
            "LEAD-004 LEAD-007 LEAD-008 LEAD-009 FUNC-002 FUNC-007 FUNC-009 FUNC-010 FUNC-011 FUNC-012 "
            "RULE-004 RULE-005 RULE-006 RULE-009 RULE-010 RULE-012 DECI-001 DECI-002 DECI-003 DECI-004 "
            "DECI-005 DECI-006 DECI-007 DECI-008 DECI-010 DECI-011 ENFO-001 ENFO-002 ENFO-003 ENFO-004 "
            "ENFO-005 ENFO-006 ENFO-007 ENFO-009 ENFO-010 ENFO-011 EMER-003 DISP-002 DISP-003 DISP-004 "
            "DISP-005 DISP-006 DISP-007 DISP-008 DISP-009 DISP-011 DISP-022 DISP-023 DISP-024 DISP-025 "
            "SUPV-001 SUPV-002 SUPV-003 SUPV-004 SUPV-006 SUPV-008 SUPV-009 SUPV-011 DIGI-001 REPT-006 "
            "REPT-007 REPT-008 REPT-009 "
        ),
    },
    "fictional-missing.yaml": {
        "pass": (
            "LEAD-001 LEAD-003 LEAD-005 LEAD-006 FUNC-001 FUNC-002 FUNC-003 FUNC-005 ENFO-009 ENFO-012 "
            "ENFO-013 EMER-001 EMER-002 DISP-010 DISP-011 DISP-013 DISP-014 REPT-001 "
        ),
        "not_applicable": (
            "FUNC-004 FUNC-008 RULE-002 RULE-007 RULE-008 DECI-012 DECI-013 ENFO-014 ENFO-015 ENFO-016 "
            "ENFO-017 DISP-015 DISP-016 DISP-017 DISP-018 DISP-019 DISP-020 DISP-021 SUPV-005 SUPV-010 "
            "DIGI-003 DIGI-004 REPT-010 "
        ),
        "missing": (
            "LEAD-002 LEAD-004 LEAD-007 LEAD-008 LEAD-009 FUNC-006 FUNC-007 FUNC-009 FUNC-010 FUNC-011 "
            "FUNC-012 FUNC-013 RULE-001 RULE-003 RULE-004 RULE-005 RULE-006 RULE-009 RULE-010 RULE-011 "
            "RULE-012 DECI-001 DECI-002 DECI-003 DECI-004 DECI-005 DECI-006 DECI-007 DECI-008 DECI-009 "
            "DECI-010 DECI-011 ENFO-001 ENFO-002 ENFO-003 ENFO-004 ENFO-005 ENFO-006 ENFO-007 ENFO-008 "
            "ENFO-010 ENFO-011 EMER-003 DISP-001 DISP-002 DISP-003 DISP-004 DISP-005 DISP-006 DISP-007 "
            "DISP-008 DISP-009 DISP-012 DISP-022 DISP-023 DISP-024 DISP-025 SUPV-001 SUPV-002 SUPV-003 "
            "SUPV-004 SUPV-006 SUPV-007 SUPV-008 SUPV-009 SUPV-011 DIGI-001 DIGI-002 REPT-002 REPT-003 "
            "REPT-004 REPT-005 REPT-006 REPT-007 REPT-008 REPT-009 "
        ),
    },
    "fictional-zero-denominator.json": {
        "pass": (
            "LEAD-001 LEAD-002 LEAD-003 LEAD-006 FUNC-001 FUNC-002 FUNC-003 FUNC-005 FUNC-006 FUNC-013 "
            "RULE-002 RULE-007 RULE-011 DECI-009 ENFO-012 ENFO-013 ENFO-014 EMER-001 EMER-002 DISP-013 "
            "DISP-014 SUPV-007 DIGI-002 DIGI-004 REPT-002 REPT-003 REPT-004 REPT-005 "
        ),
        "fail": ("REPT-001 "),
        "not_applicable": (
            "LEAD-005 FUNC-004 FUNC-008 RULE-001 RULE-003 RULE-004 RULE-005 RULE-008 RULE-010 DECI-012 "
            "DECI-013 ENFO-008 ENFO-009 ENFO-015 ENFO-016 ENFO-017 DISP-001 DISP-006 DISP-010 DISP-011 "
            "DISP-012 DISP-015 DISP-016 DISP-017 DISP-018 DISP-019 DISP-020 DISP-021 DISP-024 SUPV-005 "
            "SUPV-010 DIGI-003 REPT-010 "
        ),
        "missing": (
            "LEAD-004 LEAD-007 LEAD-008 LEAD-009 FUNC-007 FUNC-009 FUNC-010 FUNC-011 FUNC-012 RULE-006 "
            "RULE-009 RULE-012 DECI-001 DECI-002 DECI-003 DECI-004 DECI-005 DECI-006 DECI-007 DECI-008 "
            "DECI-010 DECI-011 ENFO-001 ENFO-002 ENFO-003 ENFO-004 ENFO-005 ENFO-006 ENFO-007 ENFO-010 "
            "ENFO-011 EMER-003 DISP-002 DISP-003 DISP-004 DISP-005 DISP-007 DISP-008 DISP-009 DISP-022 "
            "DISP-023 DISP-025 SUPV-001 SUPV-002 SUPV-003 SUPV-004 SUPV-006 SUPV-008 SUPV-009 SUPV-011 "
            "DIGI-001 REPT-006 REPT-007 REPT-008 REPT-009 "
        ),
    },
}


def by_status(result):
    out = {}
    for finding in result.findings:
        out.setdefault(finding.status, []).append(finding.rule.id)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_outcomes(checker, pack, name):
    result = checker.check(load_submission(SAMPLES / name, pack.catalogue))
    assert result.errors == ()
    expected = {status: text.split() for status, text in EXPECTED[name].items()}
    assert by_status(result) == expected


def findings(checker, pack, name):
    result = checker.check(load_submission(SAMPLES / name, pack.catalogue))
    return {f.rule.id: f for f in result.findings}


def test_sheqi_meets_what_its_report_shows(checker, pack):
    f = findings(checker, pack, "sheqi-2024.yaml")
    shown = {
        "RULE-001": {"regulation.normative_docs_review_rate": 100, "regulation.normative_docs_issued": 15},
        "ENFO-008": {"enforcement.major_penalty_review_rate": 100, "enforcement.major_penalty_cases": 107},
        "FUNC-001": {"functions.services_online_rate": 100, "functions.services_total": 2528},
        "DISP-001": {
            "disputes.leader_court_attendance_rate": 100,
            "disputes.court_cases_heard": None,
            "disputes.court_hearings": None,
        },
        # a rate derived from counts lists the counts it was computed from, and says them beside it
        "LEAD-005": {
            "leadership.feedback_rectification_rate": 100,
            "leadership.feedback_problems": 12,
            "leadership.feedback_problems_rectified": 12,
        },
        "ENFO-009": {
            "enforcement.case_file_rectification_rate": 100,
            "enforcement.case_file_problems": 69,
            "enforcement.case_file_problems_rectified": 69,
        },
        "DECI-009": {"decisions.major_decision_catalogue_published": True},
        "REPT-001": {"report.published_on": "2025-03-25"},
    }
    for rule, values in shown.items():
        assert (f[rule].status, f[rule].indicator_values()) == ("pass", values), rule
    # the derived rates say where their counts stand, and the approximate figure keeps its flag
    assert f["EMER-001"].values[0][1].approx is True
    assert f["FUNC-002"].status == "pass"


def test_sheqi_unreported_statutory_requirements_are_missing_not_passed(checker, pack):
    """Not reported is told apart from not met: missing, never passed; blocking only where required."""
    f = findings(checker, pack, "sheqi-2024.yaml")
    assert f["DECI-001"].status == "missing" and not f["DECI-001"].required and not f["DECI-001"].blocking
    assert f["ENFO-001"].missing == ("enforcement.certified_officer_rate",)
    assert f["DISP-012"].status == "missing" and not f["DISP-012"].blocking  # report-only rule


def test_sheqi_with_every_binding_indicator_required(pack):
    """--require-complete: an unreported indicator of a binding rule blocks, as a data template wants."""
    from checker.engine import Checker

    strict = Checker(pack.requiring_complete(), "python")
    result = strict.check(load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue))
    f = {x.rule.id: x for x in result.findings}
    assert f["DECI-001"].status == "missing" and f["DECI-001"].required and f["DECI-001"].blocking
    assert f["DISP-012"].status == "missing" and not f["DISP-012"].required  # report-only: never required
    assert f["LEAD-004"].status == "missing" and not f["LEAD-004"].required  # a practice target
    assert result.status == "fail"
    done = result.completeness
    assert (done.required, done.reported) == (
        len(pack.requiring_complete().required),
        done.required - len(done.missing),
    )
    assert "decisions.legality_review_rate" in done.missing and "regulation.normative_docs_issued" not in done.missing
    strict.close()


def test_missed_rate_sample(checker, pack):
    f = findings(checker, pack, "fictional-missed-rate.yaml")
    assert f["RULE-001"].status == "fail" and f["RULE-001"].blocking
    # 14 of 15 reviewed: the rate derived, the counts it came from listed and said beside it
    assert f["RULE-001"].indicator_values() == {
        "regulation.normative_docs_review_rate": pytest.approx(93.3333),
        "regulation.normative_docs_issued": 15,
        "regulation.normative_docs_reviewed": 14,
    }
    assert describe.message(f["RULE-001"], pack.catalogue, "zh") == (
        "行政规范性文件合法性审核率：93.33%（14/15）；行政规范性文件制发数：15，不符合要求（合法性审核率 ≥ 100%）"
    )
    assert describe.message(f["RULE-001"], pack.catalogue, "en").startswith(
        "Legality-review rate of normative documents = 93.33% (14/15); "
    )
    assert f["FUNC-001"].status == "warn" and not f["FUNC-001"].blocking


def test_inconsistent_sample(checker, pack):
    f = findings(checker, pack, "fictional-inconsistent.yaml")
    assert f["DISP-013"].indicator_values() == {
        "disputes.reconsideration_concluded": 90,
        "disputes.reconsideration_accepted": 86,
        "disputes.reconsideration_carried_over": 2,
    }
    assert {r for r, x in f.items() if x.status == "fail"} == {"FUNC-003", "ENFO-013", "DISP-013"}


def test_zero_denominators_are_not_applicable(checker, pack):
    f = findings(checker, pack, "fictional-zero-denominator.json")
    for rule in ("RULE-001", "ENFO-008", "ENFO-009", "DISP-001", "DISP-006", "LEAD-005"):
        assert f[rule].status == "not_applicable", rule
    assert f["REPT-001"].status == "fail"
    assert f["REPT-001"].indicator_values() == {"report.published_on": "2025-04-15"}


def test_missing_sample_reads_aliases_and_percent_strings(checker, pack):
    sub = load_submission(SAMPLES / "fictional-missing.yaml", pack.catalogue)
    assert sub.values["functions.services_online_rate"].value == 100
    assert sub.values["leadership.exec_meeting_law_studies"].value == 8
    f = findings(checker, pack, "fictional-missing.yaml")
    assert f["RULE-001"].status == "missing" and not f["RULE-001"].blocking  # blocks where required
    assert f["DISP-001"].status == "missing" and not f["DISP-001"].blocking


def test_json_contract_for_every_sample():
    out = run_cli("check", *(f"samples/{name}" for name in sorted(EXPECTED)), "--format", "json")
    doc = json.loads(out.stdout)
    assert out.returncode == 1
    assert doc["tool"]["name"] == "fazhi-checker" and doc["tool"]["version"]
    for result in doc["results"]:
        assert set(result) >= {"file", "region", "year", "status", "summary", "findings", "errors"}
        assert set(result["summary"]) >= {"pass", "fail", "warn", "not_applicable", "missing"}
        assert result["status"] in ("pass", "fail", "error")
        for finding in result["findings"]:
            assert set(finding) >= {
                "rule",
                "status",
                "severity",
                "area",
                "title",
                "message",
                "indicators",
                "expected",
                "basis",
                "location",
            }
            assert finding["status"] in ("pass", "fail", "warn", "not_applicable", "missing", "error")
            assert finding["location"] is None or set(finding["location"]) == {"line", "column"}
    sheqi = doc["results"][[r["file"] for r in doc["results"]].index("samples/sheqi-2024.yaml")]
    disp = next(f for f in sheqi["findings"] if f["rule"] == "DISP-001")
    assert disp["area"] == "disputes" and disp["indicators"]["disputes.leader_court_attendance_rate"] == 100
    lines = (SAMPLES / "sheqi-2024.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "leader_court_attendance_rate:" in text)
    assert disp["location"] == {"line": line, "column": 43}  # the value inside {value: 100, …}
    assert disp["basis"] == "《中华人民共和国行政诉讼法》 2017修正 第三条第三款"


def test_invalid_sample_reports_every_problem():
    out = run_cli("check", SAMPLES / "invalid" / "broken.yaml", "--format", "json")
    assert out.returncode == 2
    [result] = json.loads(out.stdout)["results"]
    assert result["status"] == "error" and result["findings"] == []
    assert [(e["line"], e["column"], e["code"]) for e in result["errors"]] == [
        (11, 1, "input.region"),
        (11, 8, "input.level"),
        (15, 3, "input.unknown_indicator"),
        (17, 35, "value.negative"),
        (19, 35, "value.percent_range"),
        (20, 29, "value.not_a_number"),
    ]
