"""Denominators as officials compute them (issue 19, item 3): 纠错率 ÷ cases closed by a 复议决定,
出庭应诉率 per case heard, a denominator a profile chooses, and a fallback that is always said."""

import pytest

from checker import describe, i18n
from checker.engine import Checker
from checker.extract import extract
from checker.inputs.structured import load_mapping
from checker.pack import load_pack, load_pack_or_raise
from checker.yamlpos import load


def submission(pack, indicators: dict):
    text = "region: 青禾县\nyear: 2024\nindicators:\n" + "".join(f"  {k}: {v}\n" for k, v in indicators.items())
    data, problems = load(text, "<test>")
    assert problems == []
    return load_mapping(data, pack.catalogue)


def notes(sub, code):
    return [d.params for d in sub.diagnostics if d.code == code]


def test_national_2023_correction_rate_is_the_published_12_83_percent(pack):
    """司法部 2023 (人民日报 2024-04-02, reporting the ministry's 2023 法治政府建设年度报告): 29.3万 cases
    concluded, 3.7万 closed by 调解、和解, 2.73万 corrected, "纠错率达12.83%". ÷ concluded gives 9.32%,
    ÷ (concluded − 调解和解) 10.66%: neither is the published figure. 2.73万 ÷ 12.83% = 212,783 cases
    decided (212,310–213,255 within the rounding of 2.73万 and 12.83%), so 43,217 more cases
    (42,745–43,690) closed without a 复议决定: read as 撤回 and 终止, which 司法部 did not publish
    (inferred, not stated). Their split does not matter to the rate; here all are 撤回."""
    sub = submission(
        pack,
        {
            "disputes.reconsideration_concluded": 293000,
            "disputes.reconsideration_mediated_settled": 37000,
            "disputes.reconsideration_withdrawn": 43217,
            "disputes.reconsideration_terminated": 0,
            "disputes.reconsideration_corrected": 27300,
        },
    )
    decided = sub.values["disputes.reconsideration_decided"]
    assert (decided.value, decided.derived) == (212783, True)
    assert decided.via == (
        "disputes.reconsideration_concluded",
        "disputes.reconsideration_mediated_settled",
        "disputes.reconsideration_withdrawn",
        "disputes.reconsideration_terminated",
    )
    rate = sub.values["disputes.reconsideration_correction_rate"]
    assert rate.via == ("disputes.reconsideration_corrected", "disputes.reconsideration_decided")
    assert round(rate.value, 2) == 12.83
    assert rate.value == pytest.approx(100 * 27300 / 212783)
    assert notes(sub, "input.rate_fallback") == []
    finding = {f.rule.id: f for f in Checker(pack).check(sub).findings}["DISP-010"]
    assert finding.status == "pass"
    assert describe.values_text(finding, pack.catalogue, "zh") == (
        "行政复议纠错率：12.83%（27300/212783）；作出行政复议决定的案件数：212783（293000−37000−43217−0）；"
        "行政复议案件审结数：293000"
    )


def test_without_the_ways_cases_closed_the_rate_is_on_cases_concluded_and_says_so(pack):
    sub = submission(
        pack,
        {
            "disputes.reconsideration_concluded": 293000,
            "disputes.reconsideration_mediated_settled": 37000,
            "disputes.reconsideration_corrected": 27300,
        },
    )
    assert "disputes.reconsideration_decided" not in sub.values
    rate = sub.values["disputes.reconsideration_correction_rate"]
    assert rate.via == ("disputes.reconsideration_corrected", "disputes.reconsideration_concluded")
    assert round(rate.value, 2) == 9.32
    (note,) = [d for d in sub.diagnostics if d.code == "input.rate_fallback"]
    assert note.severity == "note"
    assert note.params == {
        "key": "disputes.reconsideration_correction_rate",
        "num": "disputes.reconsideration_corrected",
        "den": "disputes.reconsideration_concluded",
        "own": "disputes.reconsideration_decided",
        "absent": "disputes.reconsideration_decided",
    }
    assert i18n.t(note.code, "en", **note.params) == (
        "disputes.reconsideration_correction_rate is computed as disputes.reconsideration_corrected ÷ "
        "disputes.reconsideration_concluded: disputes.reconsideration_decided, which its default definition "
        "(÷ disputes.reconsideration_decided) needs, is not reported"
    )


def test_mediation_and_settlement_given_apart_are_summed(pack):
    sub = submission(
        pack,
        {
            "disputes.reconsideration_concluded": 69,
            "disputes.reconsideration_mediated": 7,
            "disputes.reconsideration_settled": 2,
            "disputes.reconsideration_withdrawn": 5,
            "disputes.reconsideration_terminated": 1,
            "disputes.reconsideration_corrected": 4,
        },
    )
    assert sub.values["disputes.reconsideration_mediated_settled"].value == 9
    assert sub.values["disputes.reconsideration_decided"].value == 54
    assert sub.values["disputes.reconsideration_mediated_withdrawn"].value == 14
    assert sub.values["disputes.reconsideration_correction_rate"].value == pytest.approx(400 / 54)
    assert sub.values["disputes.reconsideration_mediation_withdrawal_rate"].value == pytest.approx(1400 / 69)


def test_more_closed_otherwise_than_concluded_derives_nothing_and_fails_disp_019(pack):
    sub = submission(
        pack,
        {
            "disputes.reconsideration_concluded": 10,
            "disputes.reconsideration_mediated_settled": 8,
            "disputes.reconsideration_withdrawn": 3,
            "disputes.reconsideration_terminated": 0,
            "disputes.reconsideration_corrected": 1,
        },
    )
    assert "disputes.reconsideration_decided" not in sub.values
    found = {f.rule.id: f.status for f in Checker(pack).check(sub).findings}
    assert found["DISP-019"] == "fail"


def fangcheng_profile(tmp_path):
    path = tmp_path / "fangcheng.yaml"
    path.write_text(
        "name: {zh: 方城县口径, en: Fangcheng's denominators}\n"
        "rates:\n"
        "  disputes.reconsideration_correction_rate: {denominator: disputes.reconsideration_accepted}\n",
        encoding="utf-8",
    )
    return path


FANGCHENG = {  # https://www.fangcheng.gov.cn/2025/01-03/837272.html: 受理151件, 审结135件, 纠错29件, 纠错率约19.2%
    "disputes.reconsideration_accepted": 151,
    "disputes.reconsideration_concluded": 135,
    "disputes.reconsideration_corrected": 29,
}


def test_a_profile_chooses_fangchengs_denominator_and_the_output_says_so(tmp_path):
    pack = load_pack_or_raise(profile=fangcheng_profile(tmp_path))
    sub = submission(pack, FANGCHENG)
    rate = sub.values["disputes.reconsideration_correction_rate"]
    assert rate.via == ("disputes.reconsideration_corrected", "disputes.reconsideration_accepted")
    assert round(rate.value, 1) == 19.2
    assert notes(sub, "input.rate_chosen") == [
        {
            "key": "disputes.reconsideration_correction_rate",
            "num": "disputes.reconsideration_corrected",
            "den": "disputes.reconsideration_accepted",
            "profile": "fangcheng",
        }
    ]
    finding = {f.rule.id: f for f in Checker(pack).check(sub).findings}["DISP-010"]
    assert describe.values_text(finding, pack.catalogue, "zh").startswith("行政复议纠错率：19.21%（29/151）")


def test_under_the_national_profile_fangchengs_counts_give_the_rate_on_concluded(pack):
    sub = submission(pack, FANGCHENG)
    assert round(sub.values["disputes.reconsideration_correction_rate"].value, 2) == 21.48
    assert len(notes(sub, "input.rate_fallback")) == 1


@pytest.mark.parametrize(
    "spec",
    [
        "{denominator: disputes.no_such_count}",
        "{denominator: disputes.reconsideration_correction_rate}",
        "{denominator: disputes.reconsideration_accepted, weight: 2}",
        "accepted",
    ],
)
def test_a_profile_rate_that_is_not_a_pair_of_counts_is_refused(tmp_path, spec):
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"name: {{zh: 坏, en: bad}}\nrates:\n  disputes.reconsideration_correction_rate: {spec}\n", encoding="utf-8"
    )
    _, diags = load_pack(profile=path)
    assert [(d.code, d.line) for d in diags if d.code.startswith("profile.")] == [("profile.bad_rate", 3)]


def test_court_attendance_is_per_case_heard_and_falls_back_to_hearings_with_a_note(pack):
    # 青岛 (review §1.4.3): 开庭审理行政案件837件，负责人出庭案件837件 — a case with several hearings counts once
    sub = submission(
        pack,
        {
            "disputes.court_cases_heard": 837,
            "disputes.court_cases_head_attended": 837,
            "disputes.court_hearings": 900,
            "disputes.court_hearings_head_attended": 850,
        },
    )
    rate = sub.values["disputes.leader_court_attendance_rate"]
    assert (rate.value, rate.via) == (100.0, ("disputes.court_cases_head_attended", "disputes.court_cases_heard"))
    assert notes(sub, "input.rate_fallback") == []
    sub = submission(pack, {"disputes.court_hearings": 50, "disputes.court_hearings_head_attended": 45})
    rate = sub.values["disputes.leader_court_attendance_rate"]
    assert (rate.value, rate.via) == (90.0, ("disputes.court_hearings_head_attended", "disputes.court_hearings"))
    assert (
        notes(sub, "input.rate_fallback")[0]["absent"]
        == "disputes.court_cases_head_attended、disputes.court_cases_heard"
    )
    finding = {f.rule.id: f for f in Checker(pack).check(sub).findings}["DISP-001"]
    assert finding.status == "warn"


def test_speaking_and_principal_head_rates(pack):
    # 青岛 tracks 出声率 79.21% and 正职负责人出庭率 11.43% (review §1.4.3); invented counts here
    sub = submission(
        pack,
        {
            "disputes.court_cases_heard": 20,
            "disputes.court_cases_head_attended": 20,
            "disputes.court_cases_head_spoke": 16,
            "disputes.court_cases_principal_attended": 3,
        },
    )
    assert sub.values["disputes.leader_court_speaking_rate"].value == 80.0
    assert sub.values["disputes.principal_court_attendance_rate"].value == 15.0
    found = {f.rule.id: f.status for f in Checker(pack).check(sub).findings}
    assert (found["DISP-020"], found["DISP-021"], found["DISP-023"]) == ("pass", "pass", "pass")


def test_normative_documents_follow_two_filing_flows(pack):
    sub = submission(
        pack,
        {
            "regulation.normative_docs_issued": 15,
            "regulation.normative_docs_filed": 15,
            "regulation.dept_normative_docs_issued": 40,
            "regulation.filed_docs_received": 36,
            "regulation.filed_docs_reviewed": 36,
        },
    )
    found = {f.rule.id: f.status for f in Checker(pack).check(sub).findings}
    assert (found["RULE-003"], found["RULE-006"]) == ("pass", "pass")
    assert found["RULE-012"] == "warn"  # local: binds only where the profile says so
    assert sub.values["regulation.dept_normative_docs_filing_rate"].value == 90.0


def test_extraction_reads_how_cases_closed_and_the_committee(tmp_path, pack):
    path = tmp_path / "r.txt"
    path.write_text(
        "青禾县2024年法治政府建设年度报告\n"
        "全年共受理行政复议案件86件，审结69件，其中调解结案12件、和解5件，申请人撤回申请8件，终止审理2件，纠错4件。\n"
        "县政府成立行政复议委员会，聘请专家学者参与案件审理。\n"
        "另有复议案件通过调解、和解方式结案9件，调撤率达26%。\n"
        "全县开庭审理行政案件40件，负责人出庭案件40件，出庭应诉率达100%，出声率达80%，正职负责人出庭率达10%。\n"
        "行政诉讼案件开庭审理52件次。\n",
        encoding="utf-8",
    )
    found = {k: f.value for k, f in extract(path, pack).found.items() if k.startswith("disputes.")}
    assert found == {
        "disputes.reconsideration_accepted": 86,
        "disputes.reconsideration_concluded": 69,
        "disputes.reconsideration_mediated": 12,
        "disputes.reconsideration_settled": 5,
        "disputes.reconsideration_withdrawn": 8,
        "disputes.reconsideration_terminated": 2,
        "disputes.reconsideration_corrected": 4,
        "disputes.reconsideration_committee_established": True,
        "disputes.reconsideration_mediated_settled": 9,
        "disputes.reconsideration_mediation_withdrawal_rate": 26,
        "disputes.court_cases_heard": 40,
        "disputes.court_cases_head_attended": 40,
        "disputes.leader_court_attendance_rate": 100,
        "disputes.leader_court_speaking_rate": 80,
        "disputes.principal_court_attendance_rate": 10,
        "disputes.court_hearings": 52,
    }


def test_the_expert_committee_on_disputes_is_not_the_reconsideration_committee(tmp_path, pack):
    path = tmp_path / "r.txt"
    path.write_text("青禾县2024年法治政府建设年度报告\n成立行政争议实质化解专家咨询委员会。\n", encoding="utf-8")
    found = extract(path, pack).found
    assert "disputes.reconsideration_committee_established" not in found
    assert found["disputes.expert_committee_established"].value is True


def test_every_derived_indicator_is_in_docs_rates(pack):
    from pathlib import Path

    from checker.ratesdoc import render

    doc = (Path(__file__).resolve().parent.parent / "docs" / "rates.md").read_text(encoding="utf-8")
    assert doc == render(pack.catalogue), "docs/rates.md is generated: python -m checker.ratesdoc > docs/rates.md"
