"""A stated rate and its counts are reconciled on the counts (issue 18): the counts decide, a rounding
is accepted with a note naming the computed rate, an approximation widens the tolerance but never
switches it off, and a derived rate is kept exact."""

import pytest

from checker import describe
from checker.inputs.structured import load_submission

RATE, ISSUED, REVIEWED = (
    "regulation.normative_docs_review_rate",
    "regulation.normative_docs_issued",
    "regulation.normative_docs_reviewed",
)


def load(tmp_path, pack, issued, reviewed, rate=None):
    lines = ["region: 示例县", "year: 2024", "indicators:", f"  {ISSUED}: {issued}", f"  {REVIEWED}: {reviewed}"]
    if rate is not None:
        lines.append(f"  {RATE}: {rate}")
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_submission(path, pack.catalogue)


def diagnostics(sub):
    return [(d.severity, d.code, d.line, d.column) for d in sub.diagnostics if d.code.startswith("input.rate")]


def rule_001(checker, sub):
    [f] = [f for f in checker.check(sub).findings if f.rule.id == "RULE-001"]
    return f


def test_a_stated_100_for_995_of_1000_is_read_as_the_counts_give_and_fails(tmp_path, pack, checker):
    sub = load(tmp_path, pack, 1000, 995, 100)
    assert diagnostics(sub) == [("note", "input.rate_from_counts", 6, 42)]
    [note] = [d for d in sub.diagnostics if d.code == "input.rate_from_counts"]
    assert note.message("zh") == f"{RATE} 给出 100%，按计数 995/1000 计算为 99.5%；核查用计算值"
    assert note.message("en") == f"{RATE} is given as 100%; the counts 995/1000 give 99.5%, which is used"
    rate = sub.values[RATE]
    assert (rate.value, rate.derived, rate.approx, rate.line, rate.column) == (99.5, True, False, 6, 42)
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status, f.indicator_values()) == (
        "RULE-001",
        "fail",
        {RATE: 99.5, ISSUED: 1000, REVIEWED: 995},
    )
    assert describe.message(f, pack.catalogue, "zh") == (
        "行政规范性文件合法性审核率：99.5%（995/1000）；行政规范性文件制发数：1000，不符合要求（合法性审核率 ≥ 100%）"
    )


@pytest.mark.parametrize(
    "issued,reviewed,rate,value,note,status",
    [
        (1000, 995, "99.5", 99.5, False, "fail"),  # stated as computed: no note
        (10000, 9997, "100", 99.97, True, "fail"),  # "100%" a rounding of 99.97
        (15, 14, "93.33", 14 / 15 * 100, True, "fail"),  # a rounding at two places
        (15, 14, "93", 14 / 15 * 100, True, "fail"),
        (15, 15, '"100%"', 100, False, "pass"),
        (200, 199, "99.5", 99.5, False, "fail"),
    ],
)
def test_a_stated_rate_that_rounds_the_computed_one_is_the_computed_one(
    tmp_path, pack, checker, issued, reviewed, rate, value, note, status
):
    sub = load(tmp_path, pack, issued, reviewed, rate)
    assert diagnostics(sub) == ([("note", "input.rate_from_counts", 6, 42)] if note else [])
    assert sub.values[RATE].value == pytest.approx(value, rel=0, abs=1e-12)
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", status)


@pytest.mark.parametrize(
    "issued,reviewed,rate",
    [
        (1000, 994, "100"),  # 99.4 is not a rounding of 100
        (15, 14, "93.5"),  # 93.33… is not 93.5 at one place (the old 0.5-point tolerance let it by)
        (15, 14, "94"),
        (1000, 1001, "100"),  # more reviewed than issued: no rate can agree
    ],
)
def test_a_stated_rate_beyond_rounding_is_an_error(tmp_path, pack, checker, issued, reviewed, rate):
    sub = load(tmp_path, pack, issued, reviewed, rate)
    assert diagnostics(sub) == [("error", "input.rate_disagrees", 6, 42)]
    assert RATE in sub.invalid
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", "error")


@pytest.mark.parametrize("rate,column", [("{value: 100, approx: true}", 50), ('"100余%"', 42), ('"约100%"', 42)])
def test_an_approximate_rate_is_still_reconciled_with_exact_counts(tmp_path, pack, checker, rate, column):
    """1 of 1,000 reviewed with a stated "100余%": an error, never a pass."""
    sub = load(tmp_path, pack, 1000, 1, rate)
    assert diagnostics(sub) == [("error", "input.rate_disagrees", 6, column)]
    [diag] = [d for d in sub.diagnostics if d.code == "input.rate_disagrees"]
    assert (diag.params["given"], diag.params["computed"]) == ("100", "0.1")
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", "error")


def test_an_approximate_rate_within_five_points_is_the_computed_one(tmp_path, pack, checker):
    sub = load(tmp_path, pack, 100, 96, "{value: 100, approx: true}")
    assert diagnostics(sub) == [("note", "input.rate_from_counts", 6, 50)]
    rate = sub.values[RATE]
    assert (rate.value, rate.approx, rate.derived) == (96.0, False, True)
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", "fail")
    sub = load(tmp_path, pack, 100, 94, "{value: 100, approx: true}")  # six points off
    assert diagnostics(sub) == [("error", "input.rate_disagrees", 6, 50)]


def test_approximate_counts_bound_a_stated_rate(tmp_path, pack, checker):
    """1 of "1000余" cannot be 100%: the counts allow 0.09%–0.1% (1 of 1,000 to 1,100)."""
    sub = load(tmp_path, pack, '"1000余"', 1, 100)
    assert diagnostics(sub) == [("error", "input.rate_disagrees_approx", 6, 42)]
    [diag] = [d for d in sub.diagnostics if d.code == "input.rate_disagrees_approx"]
    assert diag.message("zh") == f"{RATE} 给出 100%，但按约数计数 1/1000 只能是 0.09%–0.1%，两者不一致"
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", "error")
    sub = load(tmp_path, pack, '"1000余"', "{value: 1, approx: true}", "{value: 100, approx: true}")
    assert diagnostics(sub) == [("error", "input.rate_disagrees_approx", 6, 50)]
    # within what the approximation allows, the stated (exact) rate is the figure the rules see
    sub = load(tmp_path, pack, 1000, '"1000余"', 100)
    assert diagnostics(sub) == []
    assert (sub.values[RATE].value, sub.values[RATE].derived) == (100, False)
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", "pass")


@pytest.mark.parametrize(
    "issued,reviewed,shown",
    [
        (20_000_000, 19_999_999, "99.999995%（19999999/20000000）"),
        (2_000_000, 1_999_999, "99.99995%（1999999/2000000）"),
        (10**15, 10**15 - 1, "99.9999999999999%（999999999999999/1000000000000000）"),
    ],
)
def test_a_derived_rate_is_exact_never_rounded_up_to_100(tmp_path, pack, checker, issued, reviewed, shown):
    sub = load(tmp_path, pack, issued, reviewed)
    rate = sub.values[RATE]
    assert rate.derived and rate.value < 100
    f = rule_001(checker, sub)
    assert (f.rule.id, f.status) == ("RULE-001", "fail")
    assert describe.message(f, pack.catalogue, "zh").startswith(f"行政规范性文件合法性审核率：{shown}；")
