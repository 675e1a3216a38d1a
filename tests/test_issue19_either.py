"""Issue 19: ENFO-005 and ENFO-006 read the refined figure or the old one, whichever is given.

ENFO-005 counts units with an applicable published benchmark (own or a higher level's:
enforcement.applicable_benchmark_rate) and still reads the older share of units with benchmarks of their own
(enforcement.discretion_benchmark_rate); ENFO-006 counts cases decided within the applicable limit
(enforcement.penalty_on_time_rate) and still reads the plain 90-day share (enforcement.penalty_90d_rate).
Neither key is renamed or removed. Only the new figure: decided on it. Only the old one: decided on it, a
shortfall a warning until the refined one is reported. Both: the new one decides, and the finding says so.
Neither: missing, naming both."""

from __future__ import annotations

import json

import pytest
from conftest import ENGINES, run_cli

UNITS = "enforcement.enforcement_units"
APPLICABLE, OWN = "enforcement.units_with_applicable_benchmarks", "enforcement.units_with_discretion_benchmarks"
DECIDED, WITHIN_LIMIT, WITHIN_90 = (
    "enforcement.penalty_cases_decided",
    "enforcement.penalty_cases_within_limit",
    "enforcement.penalty_cases_within_90d",
)


def findings(tmp_path, indicators: dict, lang: str = "zh") -> dict:
    lines = ["region: 青禾县", "year: 2024", "indicators:"] + [f"  {k}: {v}" for k, v in indicators.items()]
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = json.loads(run_cli("check", path, "--format", "json", "--lang", lang).stdout)
    return {
        f["rule"]: (f["status"], f["message"], f["indicators"])
        for f in out["results"][0]["findings"]
        if f["rule"] in ("ENFO-005", "ENFO-006")
    }


ENFO_005 = "（有适用的已公布裁量基准（本级制定或适用上级）的执法单位比例 ≥ 100%）"
ENFO_006 = "（在适用期限内作出决定的比例 ≥ 100%（90日，另有规定或依法延长的按其期限））"


def test_only_the_new_figure_is_decided_on_it(tmp_path):
    got = findings(tmp_path, {UNITS: 40, APPLICABLE: 38, DECIDED: 100, WITHIN_LIMIT: 100})
    assert got == {
        "ENFO-005": (
            "fail",
            "执法单位有适用裁量基准的比例：95%（38/40）；行政裁量权基准公布率：未报告；行政执法单位数：40，"
            "不符合要求" + ENFO_005,
            {
                "enforcement.applicable_benchmark_rate": 95.0,
                "enforcement.discretion_benchmark_rate": None,
                UNITS: 40,
                APPLICABLE: 38,
            },
        ),
        "ENFO-006": (
            "pass",
            "行政处罚案件按期作出决定率：100%（100/100）；行政处罚案件90日内作出决定率：未报告；"
            "作出决定的行政处罚案件数：100，符合要求" + ENFO_006,
            {
                "enforcement.penalty_on_time_rate": 100.0,
                "enforcement.penalty_90d_rate": None,
                DECIDED: 100,
                WITHIN_LIMIT: 100,
            },
        ),
    }


def test_only_the_new_rate_given_as_a_rate_is_decided_on_it(tmp_path):
    got = findings(
        tmp_path,
        {UNITS: 40, "enforcement.applicable_benchmark_rate": 100, DECIDED: 100, "enforcement.penalty_on_time_rate": 97},
    )
    assert {rule: status for rule, (status, _, _) in got.items()} == {"ENFO-005": "pass", "ENFO-006": "fail"}


def test_only_the_old_figure_still_works(tmp_path):
    got = findings(tmp_path, {UNITS: 40, OWN: 36, DECIDED: 100, WITHIN_90: 100})
    assert got == {
        "ENFO-005": (
            "warn",
            "执法单位有适用裁量基准的比例：未报告；行政裁量权基准公布率：90%（36/40）；行政执法单位数：40，"
            "按原口径未达到" + ENFO_005 + "；本项按细化口径判断，细化口径未报告，补报前只作预警",
            {
                "enforcement.applicable_benchmark_rate": None,
                "enforcement.discretion_benchmark_rate": 90.0,
                UNITS: 40,
                OWN: 36,
            },
        ),
        "ENFO-006": (
            "pass",
            "行政处罚案件按期作出决定率：未报告；行政处罚案件90日内作出决定率：100%（100/100）；"
            "作出决定的行政处罚案件数：100，符合要求" + ENFO_006,
            {
                "enforcement.penalty_on_time_rate": None,
                "enforcement.penalty_90d_rate": 100.0,
                DECIDED: 100,
                WITHIN_90: 100,
            },
        ),
    }


def test_both_figures_the_new_one_decides_and_the_finding_says_so(tmp_path):
    # the old measures fall short, the refined ones are met: the refined ones decide
    got = findings(tmp_path, {UNITS: 40, OWN: 12, APPLICABLE: 40, DECIDED: 100, WITHIN_90: 90, WITHIN_LIMIT: 100})
    assert got == {
        "ENFO-005": (
            "pass",
            "执法单位有适用裁量基准的比例：100%（40/40）；行政裁量权基准公布率：30%（12/40）；行政执法单位数：40，"
            "符合要求" + ENFO_005 + "；执法单位有适用裁量基准的比例和行政裁量权基准公布率均已报告，"
            "按执法单位有适用裁量基准的比例判断",
            {
                "enforcement.applicable_benchmark_rate": 100.0,
                "enforcement.discretion_benchmark_rate": 30.0,
                UNITS: 40,
                APPLICABLE: 40,
                OWN: 12,
            },
        ),
        "ENFO-006": (
            "pass",
            "行政处罚案件按期作出决定率：100%（100/100）；行政处罚案件90日内作出决定率：90%（90/100）；"
            "作出决定的行政处罚案件数：100，符合要求" + ENFO_006 + "；行政处罚案件按期作出决定率和"
            "行政处罚案件90日内作出决定率均已报告，按行政处罚案件按期作出决定率判断",
            {
                "enforcement.penalty_on_time_rate": 100.0,
                "enforcement.penalty_90d_rate": 90.0,
                DECIDED: 100,
                WITHIN_LIMIT: 100,
                WITHIN_90: 90,
            },
        ),
    }


def test_both_in_english(tmp_path):
    got = findings(
        tmp_path, {UNITS: 40, OWN: 40, APPLICABLE: 36, DECIDED: 100, WITHIN_90: 100, WITHIN_LIMIT: 100}, "en"
    )
    status, message, _ = got["ENFO-005"]
    assert status == "fail"  # the refined figure falls short; the older one (met) does not decide
    assert message.endswith(
        "; Share of units with an applicable published discretion benchmark and Share of units "
        "with published discretion benchmarks are both reported: decided on Share of units with "
        "an applicable published discretion benchmark"
    )


def test_neither_is_missing_and_names_both(tmp_path):
    got = findings(tmp_path, {UNITS: 40, DECIDED: 100})
    assert {rule: (status, message) for rule, (status, message, _) in got.items()} == {
        "ENFO-005": ("missing", "未报告：执法单位有适用裁量基准的比例、行政裁量权基准公布率，无法核对" + ENFO_005),
        "ENFO-006": (
            "missing",
            "未报告：行政处罚案件按期作出决定率、行政处罚案件90日内作出决定率，无法核对" + ENFO_006,
        ),
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_agree(tmp_path, engine):
    lines = [
        "region: 青禾县",
        "year: 2024",
        "indicators:",
        f"  {UNITS}: 40",
        f"  {APPLICABLE}: 38",
        f"  {DECIDED}: 100",
        f"  {WITHIN_90}: 100",
    ]
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = json.loads(run_cli("check", path, "--format", "json", "--engine", engine).stdout)
    statuses = {f["rule"]: f["status"] for f in out["results"][0]["findings"] if f["rule"] in ("ENFO-005", "ENFO-006")}
    assert statuses == {"ENFO-005": "fail", "ENFO-006": "pass"}


def test_require_complete_asks_for_the_refined_figure_not_the_old_one():
    """--require-complete: a full data template reports the figure a rule decides on (given_or's first
    argument), not the older one it stands in for where that is absent."""
    from checker.pack import load_pack_or_raise

    required = set(load_pack_or_raise().requiring_complete().required)
    assert {"enforcement.applicable_benchmark_rate", "enforcement.penalty_on_time_rate"} <= required
    assert not {"enforcement.discretion_benchmark_rate", "enforcement.penalty_90d_rate"} & required
    assert "enforcement.case_file_problems_carried_over" not in required  # given_or(x, 0): x is optional
