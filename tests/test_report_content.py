"""The report-content rules read the report (issue 19, item 4): measures in the body, causes beside the
shortcomings, the portal column, the recipients; departments' deadlines; the SME overdue-payment notice.

Every invented report below follows a real report's shape (the seed 社旗县 2024, the corpus): a title,
an opening paragraph ending 现将有关工作报告如下, numbered sections, the shortcomings and next year's plan.
"""

import pytest
from conftest import ROOT, SAMPLES, run_cli

from checker.extract import extract, to_submission
from checker.inputs.structured import load_mapping, load_submission

SEED = ROOT / "tests" / "corpus" / "sheqi-2024.txt"
TITLE = "青禾县2024年度法治政府建设情况报告"
OPENING = (
    "2024年，青禾县在市委、市政府的坚强领导下，深入学习贯彻习近平法治思想，全面推进法治政府建设。现将有关工作报告如下："
)
SHORTFALL_NO_CAUSE = (
    "三、存在的不足\n一是基层法治政府建设水平不均衡；二是行政执法行为规范化程度不高；三是行政执法监督不到位。"
)
PLAN = "四、2025年工作安排\n2025年，我县将深入学习贯彻习近平法治思想，持续推进法治政府建设。"
MEASURES = (
    "一、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "县政府主要负责人认真履行推进法治建设第一责任人职责，全年召开县政府常务会议研究法治政府建设工作3次。\n"
    "二、主要举措和成效\n"
    "（一）深化“放管服”改革。县级2,016个政务服务事项全部进驻县政务服务中心，网上可办率达100%。"
    "（二）规范行政决策。制定公布县政府2024年重大行政决策事项目录，审核县政府合同41份。"
    "（三）严格规范执法。组织开展行政执法案卷评查，抽查案卷120卷，整改问题35条。"
)


def facts(tmp_path, pack, text, name="r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = extract(path, pack)
    return ex, {k: f.value for k, f in ex.found.items() if k.startswith("report.") and k != "report.quantified_figures"}


def statuses(checker, pack, ex, *rules):
    result = checker.check(to_submission(ex, pack.catalogue))
    found = {f.rule.id: f for f in result.findings}
    return tuple(found[r].status for r in rules)


# ---- REPT-002: measures in the body, never the preamble -----------------------------------------


def test_a_report_whose_only_measure_is_its_preamble_fails_rept_002(tmp_path, pack, checker):
    ex, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, SHORTFALL_NO_CAUSE, PLAN)))
    assert got["report.states_measures"] is False
    assert ex.found["report.states_measures"].sentence == OPENING  # the preamble, shown as the reason
    assert statuses(checker, pack, ex, "REPT-002") == ("fail",)


def test_measures_under_numbered_sections_pass_rept_002_citing_the_body(tmp_path, pack, checker):
    ex, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, MEASURES, SHORTFALL_NO_CAUSE, PLAN)))
    assert got["report.states_measures"] is True
    found = ex.found["report.states_measures"]
    assert (
        found.sentence
        == "县政府主要负责人认真履行推进法治建设第一责任人职责，全年召开县政府常务会议研究法治政府建设工作3次"
    )
    assert (found.line, found.column) == (4, 1)
    assert statuses(checker, pack, ex, "REPT-002") == ("pass",)


def test_the_seed_states_measures_in_its_body_not_its_preamble(pack):
    found = extract(SEED, pack).found["report.states_measures"]
    assert found.value is True and "现将" not in found.sentence
    assert found.sentence.startswith("一是深入学习贯彻习近平法治思想") and (found.line, found.column) == (3, 1)


def test_a_body_with_too_few_concrete_measures_says_nothing(tmp_path, pack, checker):
    """One concrete sentence is neither a body of measures nor none: not written, REPT-002 missing."""
    body = "一、加强组织领导\n县政府高度重视法治政府建设，全年召开常务会议研究法治政府建设工作2次。"
    ex, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, body, SHORTFALL_NO_CAUSE, PLAN)))
    assert "report.states_measures" not in got
    assert statuses(checker, pack, ex, "REPT-002") == ("missing",)


def test_a_heading_that_names_the_measures_is_not_one(tmp_path, pack):
    """二、主要举措和成效 with nothing under it, or 工作开展情况 in the preamble, states no measure."""
    opening = "2024年，青禾县全面推进法治政府建设。现将2024年度法治政府建设工作开展情况报告如下："
    ex, got = facts(tmp_path, pack, "\n".join((TITLE, opening, "二、主要举措和成效", SHORTFALL_NO_CAUSE, PLAN)))
    assert got["report.states_measures"] is False


# ---- REPT-003 and REPT-007: causes beside the shortcomings --------------------------------------


def test_the_seed_names_shortcomings_without_causes_and_fails_rept_003(pack, checker):
    ex = extract(SEED, pack)
    got = {
        k: ex.found[k].value
        for k in ("report.states_shortcomings", "report.states_causes", "report.shortcomings_with_causes")
    }
    assert got == {
        "report.states_shortcomings": True,
        "report.states_causes": False,
        "report.shortcomings_with_causes": 0,
    }
    assert ex.found["report.states_causes"].sentence.startswith("虽然我县法治政府建设取得了一定成绩")
    result = checker.check(to_submission(ex, pack.catalogue))
    found = {f.rule.id: f for f in result.findings}
    assert (found["REPT-003"].status, found["REPT-007"].status) == ("fail", "warn")
    assert found["REPT-003"].indicator_values() == {"report.states_shortcomings": True, "report.states_causes": False}


def test_the_rept_003_finding_says_the_causes_are_missing(pack, checker):
    from checker import describe

    result = checker.check(load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue))
    rept = next(f for f in result.findings if f.rule.id == "REPT-003")
    assert describe.message(rept, pack.catalogue, "zh") == (
        "报告载明存在的不足：是；报告载明不足的原因：否，不符合要求（报告既载明存在的不足，也分析其原因）"
    )
    assert describe.message(rept, pack.catalogue, "en") == (
        "Report states shortcomings = yes; Report states the causes of its shortcomings = no: does not meet "
        "the requirement (Report states its shortcomings and their causes)"
    )


def test_a_report_that_gives_causes_passes_rept_003(tmp_path, pack, checker):
    shortfall = (
        "三、存在的不足和原因\n"
        "一是基层法治政府建设水平不均衡，主要原因是乡镇法治工作力量薄弱；"
        "二是行政执法行为规范化程度不高，原因在于执法人员培训不够系统；"
        "三是行政执法监督不到位。"
    )
    ex, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, MEASURES, shortfall, PLAN)))
    assert (got["report.states_shortcomings"], got["report.states_causes"]) == (True, True)
    assert got["report.shortcomings_with_causes"] == 2  # the third item gives no cause
    assert ex.found["report.states_causes"].sentence == "一是基层法治政府建设水平不均衡，主要原因是乡镇法治工作力量薄弱"
    assert statuses(checker, pack, ex, "REPT-002", "REPT-003", "REPT-007") == ("pass", "pass", "pass")


def test_one_cause_for_all_the_problems_counts_once(tmp_path, pack):
    shortfall = (
        "三、存在的不足\n虽然我县法治政府建设取得了一定成效，但仍存在一些不足：一是执法人员业务能力不强；"
        "二是基层法治机构人员配备不足。究其原因，主要是法治人才培养机制不健全。"
    )
    _, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, MEASURES, shortfall, PLAN)))
    assert (got["report.states_causes"], got["report.shortcomings_with_causes"]) == (True, 1)


def test_seed_shaped_shortcomings_without_a_heading_end_at_the_plan(tmp_path, pack):
    """社旗's shape: no heading; the paragraph opens with 虽然……仍有一些问题和不足 and goes on to the plan.
    A cause stated in the plan (由于 in 2025年，我县将……) is not a cause of the shortcomings."""
    last = (
        "虽然我县法治政府建设取得了一定成绩,但仍有一些问题和不足,主要是基层法治政府建设水平不均衡,行政执法监督不到位等方面。"
        "2025年,青禾县将持续推进法治政府建设,由于任务繁重,将加大投入。"
    )
    _, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, MEASURES, last)))
    assert (got["report.states_causes"], got["report.shortcomings_with_causes"]) == (False, 0)


def test_a_word_that_may_give_a_cause_leaves_the_causes_unsaid(tmp_path, pack, checker):
    """导致 links a problem to its effect: whether a cause is given is unsure, so nothing is written."""
    shortfall = "三、存在的不足\n一是执法人员力量不足，导致部分案件办理超期；二是监督不到位。"
    ex, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, MEASURES, shortfall, PLAN)))
    assert got["report.states_shortcomings"] is True and "report.states_causes" not in got
    assert "report.shortcomings_with_causes" not in got
    assert statuses(checker, pack, ex, "REPT-003", "REPT-007") == ("missing", "missing")


@pytest.mark.parametrize(
    "name",
    [
        "qinghe-2024.txt",
        "linfeng-2023.txt",
        "jichuan-2025.txt",
        "yunxiu-2025.txt",
        "fengdu-2024.html",
        "zelu-2024.docx",
    ],
)
def test_corpus_reports_that_give_causes_state_them(pack, name):
    ex = extract(ROOT / "tests" / "corpus" / name, pack)
    assert ex.found["report.states_measures"].value is True
    assert ex.found["report.states_causes"].value is True
    assert ex.found["report.shortcomings_with_causes"].value == 1


# ---- REPT-008: the portal column ----------------------------------------------------------------


def test_a_breadcrumb_in_the_annual_report_column_is_read(pack):
    for name, crumb in (
        ("fengdu-2024.html", "当前位置：首页 > 政务公开 > 法治政府建设 > 年度报告"),
        ("heting-2022.html", "当前位置：首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告"),
    ):
        found = extract(ROOT / "tests" / "corpus" / name, pack).found["report.in_portal_column"]
        assert (found.value, found.sentence, found.line) == (True, crumb, 1)


def test_no_breadcrumb_says_nothing_about_the_column(tmp_path, pack):
    crumb = "当前位置：首页 > 政务公开 > 通知公告"
    _, got = facts(tmp_path, pack, "\n".join((crumb, TITLE, OPENING, MEASURES, SHORTFALL_NO_CAUSE, PLAN)))
    assert "report.in_portal_column" not in got
    _, got = facts(tmp_path, pack, "\n".join((TITLE, OPENING, MEASURES, SHORTFALL_NO_CAUSE, PLAN)))
    assert "report.in_portal_column" not in got


# ---- REPT-009: recipients -----------------------------------------------------------------------

RECIPIENTS = (
    "report.sent_to_party_committee",
    "report.sent_to_npc_standing_committee",
    "report.sent_to_higher_party_and_government",
    "report.copied_to_higher_rol_office",
)


def _sent(got):
    return {k: got[k] for k in RECIPIENTS if k in got}


def test_an_addressee_line_and_a_copy_line_name_every_recipient(tmp_path, pack, checker):
    text = "\n".join(
        (
            TITLE,
            "中共南阳市委、南阳市人民政府，县委、县人大常委会：",
            OPENING,
            MEASURES,
            SHORTFALL_NO_CAUSE,
            PLAN,
            "青禾县人民政府",
            "2025年3月20日",
            "抄送：市委全面依法治市委员会办公室。",
        )
    )
    ex, got = facts(tmp_path, pack, text)
    assert _sent(got) == dict.fromkeys(RECIPIENTS, True)
    assert ex.found["report.copied_to_higher_rol_office"].sentence == "抄送：市委全面依法治市委员会办公室。"
    assert statuses(checker, pack, ex, "REPT-009") == ("pass",)


def test_a_sentence_saying_where_the_report_was_sent(tmp_path, pack, checker):
    """淮北烈山区's shape: 将《报告》报送市委市政府、区委、区人大常委会，抄送市委全面依法治市办."""
    sent = "2025年2月24日将《报告》报送市委市政府、区委、区人大常委会，抄送市委全面依法治市办。"
    text = "\n".join(
        (
            "枫渡区2024年法治政府建设年度报告",
            OPENING.replace("青禾县", "枫渡区"),
            MEASURES,
            sent,
            SHORTFALL_NO_CAUSE,
            PLAN,
        )
    )
    ex, got = facts(tmp_path, pack, text)
    assert ex.region == "枫渡区" and _sent(got) == dict.fromkeys(RECIPIENTS, True)


def test_only_the_same_level_named_leaves_the_upward_recipient_unsaid(tmp_path, pack, checker):
    text = "\n".join((TITLE, "县委、县人大常委会：", OPENING, MEASURES, SHORTFALL_NO_CAUSE, PLAN))
    ex, got = facts(tmp_path, pack, text)
    assert _sent(got) == {"report.sent_to_party_committee": True, "report.sent_to_npc_standing_committee": True}
    assert statuses(checker, pack, ex, "REPT-009") == ("missing",)


def test_reporting_work_to_the_congress_is_not_sending_the_report(pack):
    """The seed's 严格落实政府向本级人大及其常委会报告工作 is a measure, not this report's recipient."""
    found = extract(SEED, pack).found
    assert not any(k in found for k in RECIPIENTS)


def test_a_city_reports_upward_to_the_province_and_its_own_city_committee_is_its_own(tmp_path, pack):
    text = "\n".join(
        (
            "石岚市2022年法治政府建设年度报告",
            "市委、市人大常委会，沅州市委、沅州市人民政府：",
            OPENING.replace("青禾县", "石岚市").replace("2024年", "2022年"),
            MEASURES,
        )
    )
    ex, got = facts(tmp_path, pack, text)
    assert ex.region == "石岚市"
    assert _sent(got) == {
        "report.sent_to_party_committee": True,
        "report.sent_to_npc_standing_committee": True,
        "report.sent_to_higher_party_and_government": True,
    }


# ---- level: department --------------------------------------------------------------------------


def _sub(pack, level=None, **indicators):
    from checker.synth import as_mapping

    data = {
        "region": "示例县",
        "year": 2024,
        **({"level": level} if level else {}),
        "indicators": {key.replace("__", "."): value for key, value in indicators.items()},
    }
    return load_mapping(as_mapping(data), pack.catalogue)


def _status(checker, sub, rule):
    return next(f for f in checker.check(sub).findings if f.rule.id == rule).status


def test_level_reaches_the_conditions_as_a_yes_or_no(pack):
    import datetime as dt

    assert _sub(pack, "department").values["report.by_department"].value is True
    assert _sub(pack, "county").values["report.by_department"].value is False
    assert "report.by_department" not in _sub(pack).values
    bad = _sub(pack, "ministry")
    assert "report.by_department" in bad.invalid and any(d.code == "input.level" for d in bad.diagnostics)
    del dt


def test_the_disclosure_report_deadline_depends_on_level(pack, checker):
    import datetime as dt

    feb = {"oversight__govinfo_report_published_on": dt.date(2025, 2, 15)}
    assert _status(checker, _sub(pack, "county", **feb), "SUPV-001") == "pass"
    assert _status(checker, _sub(pack, None, **feb), "SUPV-001") == "pass"
    assert _status(checker, _sub(pack, "department", **feb), "SUPV-001") == "fail"
    jan = {"oversight__govinfo_report_published_on": dt.date(2025, 1, 31)}
    assert _status(checker, _sub(pack, "department", **jan), "SUPV-001") == "pass"


def test_a_department_sends_its_report_before_1_march_where_the_province_says_so(pack):
    """REPT-010 is local (陕西指引): a warning under the national profile, a failure where local rules
    bind; never applied to a county government or a submission that gives no level."""
    import datetime as dt

    from checker.engine import Checker

    late = {"report__sent_on": dt.date(2025, 3, 5)}
    national = Checker(pack, "python")
    assert _status(national, _sub(pack, "department", **late), "REPT-010") == "warn"
    binding = Checker(pack.where_local_rules_bind(), "python")
    assert _status(binding, _sub(pack, "department", **late), "REPT-010") == "fail"
    assert _status(binding, _sub(pack, "department", report__sent_on=dt.date(2025, 2, 28)), "REPT-010") == "pass"
    assert _status(binding, _sub(pack, "county", **late), "REPT-010") == "not_applicable"
    assert _status(binding, _sub(pack, None, **late), "REPT-010") == "not_applicable"
    assert (
        _status(binding, _sub(pack, "department", report__sent_to_party_committee=True), "REPT-009") == "not_applicable"
    )
    national.close()
    binding.close()


# ---- SUPV-011: overdue payments to SMEs ---------------------------------------------------------


def test_overdue_payments_to_smes_published_by_31_march(pack, checker):
    import datetime as dt

    given = {"oversight__sme_overdue_contracts": 2, "oversight__sme_overdue_amount": 360000}
    on_time = _sub(pack, "department", oversight__sme_overdue_published_on=dt.date(2025, 3, 31), **given)
    assert _status(checker, on_time, "SUPV-011") == "pass"
    late = _sub(pack, "county", oversight__sme_overdue_published_on=dt.date(2025, 4, 1), **given)
    assert _status(checker, late, "SUPV-011") == "fail"
    assert (
        _status(checker, _sub(pack, "county", oversight__sme_overdue_published_on=dt.date(2025, 3, 1)), "SUPV-011")
        == "missing"
    )  # the date alone: what was published is not said


def test_the_sme_rule_cites_the_2020_text_and_names_the_2025_one():
    text = run_cli("rules", "show", "SUPV-011").stdout
    assert "依据: 《保障中小企业款项支付条例》" in text and "第十六条" in text and "第十八条" in text
