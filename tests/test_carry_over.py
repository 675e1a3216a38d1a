"""Stock and flow: a count that may include the previous year's carry-over (issue 17, item 4).

审结 > 受理 is no data error where cases were carried over from the previous year. The consistency
rules that compare such a count compare it against received + carried over (``given_or``), and while
no carry-over is reported a breach is a warning asking the county to confirm it (``confirm_with``),
never a failure. Exact statuses, rule by rule, on both engines.
"""

from pathlib import Path

import pytest
from conftest import ENGINES

from checker.engine import Checker
from checker.engine.compile import compile_pack
from checker.extract import extract, to_submission
from checker.inputs.structured import load_submission
from checker.pack import built, expr
from checker.rulesdoc import lint_diagnostics

# rule -> (flow counted, what it is counted against, the carry-over that can explain a breach)
STOCK_AND_FLOW = {
    "DISP-013": (
        "disputes.reconsideration_concluded",
        "disputes.reconsideration_accepted",
        "disputes.reconsideration_carried_over",
    ),
    "LEAD-006": (
        "leadership.feedback_problems_rectified",
        "leadership.feedback_problems",
        "leadership.feedback_problems_carried_over",
    ),
    "ENFO-013": (
        "enforcement.case_file_problems_rectified",
        "enforcement.case_file_problems",
        "enforcement.case_file_problems_carried_over",
    ),
    "ENFO-015": (
        "enforcement.campaign_problems_rectified",
        "enforcement.campaign_problems_found",
        "enforcement.campaign_problems_carried_over",
    ),
    "SUPV-005": (
        "oversight.audit_findings_rectified",
        "oversight.audit_findings",
        "oversight.audit_findings_carried_over",
    ),
    "RULE-007": (
        "regulation.normative_docs_filed",
        "regulation.normative_docs_issued",
        "regulation.normative_docs_carried_over",
    ),
    "RULE-008": (
        "regulation.filed_docs_reviewed",
        "regulation.filed_docs_received",
        "regulation.filed_docs_carried_over",
    ),
}
# subsets: no carry-over can explain a breach, and they still fail
STILL_FAIL = {
    "DISP-014": {"disputes.reconsideration_corrected": 11, "disputes.reconsideration_concluded": 10},
    "DISP-017": {"disputes.reconsideration_concluded_on_time": 11, "disputes.reconsideration_concluded": 10},
    "DISP-016": {"disputes.judgments_performed": 11, "disputes.judgments_effective": 10},
    "RULE-002": {"regulation.normative_docs_reviewed": 11, "regulation.normative_docs_issued": 10},
    "FUNC-003": {"functions.services_in_center": 11, "functions.services_total": 10},
}


def statuses(checker, pack, tmp_path, indicators: dict) -> dict:
    lines = ["region: 示例县", "year: 2024", "indicators:"] + [f"  {k}: {v}" for k, v in indicators.items()]
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sub = load_submission(path, pack.catalogue)
    assert [d.code for d in sub.diagnostics if d.severity == "error"] == []
    return {f.rule.id: f for f in checker.check(sub).findings}


# --- the case, exactly ----------------------------------------------------------------


@pytest.mark.parametrize("carried,expected", [(None, "warn"), (5, "fail"), (15, "pass"), (10, "pass"), (0, "fail")])
def test_accepted_100_concluded_110(checker, pack, tmp_path, carried, expected):
    given = {"disputes.reconsideration_accepted": 100, "disputes.reconsideration_concluded": 110}
    if carried is not None:
        given["disputes.reconsideration_carried_over"] = carried
    finding = statuses(checker, pack, tmp_path, given)["DISP-013"]
    assert finding.status == expected
    assert finding.indicator_values() == {
        "disputes.reconsideration_concluded": 110,
        "disputes.reconsideration_accepted": 100,
        "disputes.reconsideration_carried_over": carried,
    }


@pytest.mark.parametrize("rule", sorted(STOCK_AND_FLOW))
def test_each_stock_and_flow_rule(checker, pack, tmp_path, rule):
    flow, base, carried = STOCK_AND_FLOW[rule]
    cases = [
        ({flow: 12, base: 10}, "warn"),  # a backlog, not confirmed: ask, do not fail
        ({flow: 12, base: 10, carried: 1}, "fail"),
        ({flow: 12, base: 10, carried: 2}, "pass"),
        ({flow: 12, base: 10, carried: 0}, "fail"),  # no carry-over, said so: a data error
        ({flow: 9, base: 10}, "pass"),
        ({flow: 12, carried: 5}, "not_applicable"),
    ]
    got = [statuses(checker, pack, tmp_path, given)[rule].status for given, _ in cases]
    assert got == [expected for _, expected in cases]
    assert pack.rule(rule).confirm_with == (carried,)
    assert pack.rule(rule).strength == "consistency"


@pytest.mark.parametrize("rule", sorted(STILL_FAIL))
def test_subsets_that_no_carry_over_explains_still_fail(checker, pack, tmp_path, rule):
    assert statuses(checker, pack, tmp_path, STILL_FAIL[rule])[rule].status == "fail"
    assert pack.rule(rule).confirm_with == ()


def test_the_carry_over_is_never_needed_so_never_missing(pack):
    compiled = {cr.rule.id: cr for cr in compile_pack(pack).rules}
    for rule, (flow, base, carried) in STOCK_AND_FLOW.items():
        cr = compiled[rule]
        assert cr.cond_needed == (flow, base), rule
        assert carried in cr.refs and carried not in expr.needed(cr.rule.cond_tree)
        assert cr.confirm_fields == (compile_pack(pack).fields[carried],)


def test_an_invalid_carry_over_is_an_error_not_zero(checker, pack, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "region: 示例县\nyear: 2024\nindicators:\n  disputes.reconsideration_accepted: 100\n"
        "  disputes.reconsideration_concluded: 110\n  disputes.reconsideration_carried_over: -5\n",
        encoding="utf-8",
    )
    sub = load_submission(path, pack.catalogue)
    finding = {f.rule.id: f for f in checker.check(sub).findings}["DISP-013"]
    assert (finding.status, finding.reason) == ("error", "invalid:disputes.reconsideration_carried_over")


@pytest.mark.skipif(len(ENGINES) < 2, reason="durable-rules is not installed")
def test_both_engines_agree_on_every_combination(pack, tmp_path):
    checkers = [Checker(pack, name) for name in ENGINES]
    try:
        for concluded in (0, 99, 100, 101, 115, 116):
            for carried in (None, 0, 1, 15, 16):
                given = {"disputes.reconsideration_accepted": 100, "disputes.reconsideration_concluded": concluded}
                if carried is not None:
                    given["disputes.reconsideration_carried_over"] = carried
                got = [statuses(c, pack, tmp_path, given)["DISP-013"].status for c in checkers]
                assert got[0] == got[1], (concluded, carried, got)
    finally:
        for c in checkers:
            c.close()


def test_a_built_pack_keeps_confirm_with(pack):
    decoded = built.decode_pack(built.encode_pack(pack))
    assert decoded.rule("DISP-013").confirm_with == ("disputes.reconsideration_carried_over",)
    assert built.same(decoded.rule("DISP-013"), pack.rule("DISP-013"))


# --- the condition language -------------------------------------------------------------------

TYPES = {"a.count": expr.NUM, "a.other": expr.NUM, "a.flag": expr.BOOL, "a.day": expr.DATE}


def check(text):
    typer = TYPES.get
    return expr.check(expr.parse(text), typer, {"n": 3})


def test_given_or_types_and_guards():
    assert check("a.count <= a.other + given_or(a.count, 0)") == expr.BOOL
    assert check("given_or(a.flag, false)") == expr.BOOL
    assert check("given_or(a.day, date(year, 1, 1)) < date(year + 1, 1, 1)") == expr.BOOL
    tree = expr.parse("a.count <= a.other + given_or(a.flag2, n)")
    assert expr.needed(tree) == ["a.count", "a.other"]
    assert expr.indicator_refs(tree) == [("a.count", False), ("a.other", False), ("a.flag2", True)]
    # the default is read as written: an indicator there is needed
    assert expr.needed(expr.parse("given_or(a.count, a.other) > 1")) == ["a.other"]


@pytest.mark.parametrize(
    "text,code,pos",
    [
        ("given_or(1, 0) > 1", "expr.needs_indicator", 0),
        ("given_or(a.count) > 1", "expr.arity", 0),
        ("given_or(a.count, true) > 1", "expr.want_type", 18),
        ("given_or(a.cuont, 0) > 1", "expr.unknown_indicator", 9),
        ("given_of(a.count, 0) > 1", "expr.unknown_function", 0),
    ],
)
def test_given_or_errors(text, code, pos):
    with pytest.raises(expr.ExprError) as info:
        check(text)
    assert (info.value.code, info.value.pos) == (code, pos)


# --- lint: confirm_with -----------------------------------------------------------------------


def _with(pack_dir, condition: str, confirm: str):
    path = pack_dir / "pack" / "disputes.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    condition: disputes.attendance_rate >= min_rate\n"
    assert old in text
    path.write_text(
        text.replace(old, f"    condition: {condition}\n    confirm_with: {confirm}\n", 1), encoding="utf-8"
    )


def _pack_problems(pack_dir):
    diags, _ = lint_diagnostics(pack_dir)
    # only this file's: a rule dropped for its mistake may also be reported where a scheme names it
    return [d for d in diags if Path(d.file).name == "disputes.yaml"]


def test_confirm_with_is_read_and_linted_clean(pack_dir):
    _with(
        pack_dir,
        "disputes.attendance_rate >= min_rate - given_or(disputes.hearings_attended, 0)",
        "[disputes.hearings_attended]",
    )
    assert _pack_problems(pack_dir) == []


def test_confirm_with_an_unknown_indicator_is_located_with_a_suggestion(pack_dir):
    _with(
        pack_dir,
        "disputes.attendance_rate >= min_rate - given_or(disputes.hearings_attended, 0)",
        "[disputes.hearings_atended]",
    )
    [d] = _pack_problems(pack_dir)
    assert (d.code, d.line, d.column) == ("expr.unknown_indicator", 12, 20)
    assert d.hint("en").startswith("did you mean disputes.hearings_attended,")


def test_confirm_with_not_a_list_of_keys(pack_dir):
    _with(
        pack_dir,
        "disputes.attendance_rate >= min_rate - given_or(disputes.hearings_attended, 0)",
        "disputes.hearings_attended",
    )
    [d] = _pack_problems(pack_dir)
    assert (d.code, d.line, d.column) == ("pack.bad_confirm_with", 12, 19)


def test_confirm_with_an_indicator_the_condition_does_not_read(pack_dir):
    _with(pack_dir, "disputes.attendance_rate >= min_rate", "[disputes.hearings]")
    [d] = _pack_problems(pack_dir)
    assert (d.code, d.line, d.column) == ("pack.confirm_unread", 12, 20)
    assert d.message("en") == "rule DISP-001: confirm_with names disputes.hearings, which the condition does not read"


# --- the extractor ----------------------------------------------------------------------------


def report(tmp_path, body: str) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(f"青禾县2024年法治政府建设年度报告\n{body}\n", encoding="utf-8")
    return path


def found(tmp_path, pack, body):
    ex = extract(report(tmp_path, body), pack)
    return {k: f.value for k, f in ex.found.items() if not k.startswith("report.")}


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "全年共受理行政复议案件100件，审结110件（含上年度结转12件），纠错9件。",
            {
                "disputes.reconsideration_accepted": 100,
                "disputes.reconsideration_concluded": 110,
                "disputes.reconsideration_carried_over": 12,
                "disputes.reconsideration_corrected": 9,
            },
        ),
        (
            "全年受理行政复议案件100件，上年结转15件，审结110件。",
            {
                "disputes.reconsideration_accepted": 100,
                "disputes.reconsideration_carried_over": 15,
                "disputes.reconsideration_concluded": 110,
            },
        ),
        ("行政复议工作方面，上年结转的行政复议案件8件已全部审结。", {"disputes.reconsideration_carried_over": 8}),
        # no figure given: nothing is invented, not even from the clause after the bracket
        (
            "全年共受理行政复议案件151件，审结135件(含上年度结转)，纠错29件。",
            {
                "disputes.reconsideration_accepted": 151,
                "disputes.reconsideration_concluded": 135,
                "disputes.reconsideration_corrected": 29,
            },
        ),
        (
            "全年共受理行政复议案件151件，审结135件（含上年度结转）纠错29件。",
            {"disputes.reconsideration_accepted": 151, "disputes.reconsideration_concluded": 135},
        ),
        (
            "对照考核督察反馈问题12个，已整改14个（含上年结转2个）。",
            {
                "leadership.feedback_problems": 12,
                "leadership.feedback_problems_rectified": 14,
                "leadership.feedback_problems_carried_over": 2,
            },
        ),
        (
            "抽查行政执法案卷141卷，共发现问题69条，整改72条（含上年度结转问题3条）。",
            {
                "enforcement.case_file_problems": 69,
                "enforcement.case_file_problems_rectified": 72,
                "enforcement.case_file_problems_carried_over": 3,
            },
        ),
        (
            "开展执法突出问题专项整治，排查问题20项，整改上年结转问题2项。",
            {"enforcement.campaign_problems_found": 20, "enforcement.campaign_problems_carried_over": 2},
        ),
        (
            "审计查出问题30个，已整改33个，其中上年结转问题3个。",
            {
                "oversight.audit_findings": 30,
                "oversight.audit_findings_rectified": 33,
                "oversight.audit_findings_carried_over": 3,
            },
        ),
        (
            "报备规范性文件12件，其中上年制发、本年报备3件。",
            {"regulation.normative_docs_filed": 12, "regulation.normative_docs_carried_over": 3},
        ),
        ("全年开展备案审查，其中上年结转的文件3件。", {"regulation.filed_docs_carried_over": 3}),
    ],
)
def test_the_carry_over_is_read_where_a_figure_is_given(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "2023年，受理行政复议案件90件，上年结转5件。",  # the sentence is about an earlier year
        "行政诉讼案件审结30件，上年结转4件。",  # litigation, not reconsideration
        "同比上年结转行政复议案件减少5件。",  # a change against last year, before the phrase
        "力争上年结转的行政复议案件5件年内全部审结。",  # a plan
    ],
)
def test_a_carry_over_that_is_not_this_years_is_not_read(tmp_path, pack, body):
    assert "disputes.reconsideration_carried_over" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("全年受理行政复议案件100件，审结110件（含上年度结转15件）。", "pass"),
        ("全年受理行政复议案件100件，审结110件（含上年度结转5件）。", "fail"),
        ("全年受理行政复议案件100件，审结110件（含上年度结转）。", "warn"),
    ],
)
def test_a_report_text_checked_end_to_end(checker, pack, tmp_path, body, expected):
    sub = to_submission(extract(report(tmp_path, body), pack), pack.catalogue)
    assert {f.rule.id: f.status for f in checker.check(sub).findings}["DISP-013"] == expected
