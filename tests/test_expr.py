"""The condition language: parsing, type checking, errors with positions and suggestions."""

import pytest

from checker.pack import expr

TYPES = {"a.count": expr.NUM, "a.other": expr.NUM, "a.flag": expr.BOOL, "a.day": expr.DATE}


def typer(key):
    return TYPES.get(key)


typer.known = tuple(TYPES)


def check(text, params=None):
    return expr.check(expr.parse(text), typer, params or {"min_rate": 100})


@pytest.mark.parametrize(
    "text",
    [
        "a.count >= 1",
        "rate(a.count, a.other) >= min_rate",
        "a.flag",
        "not a.flag or a.count > 0 and a.other < 3",
        "a.day < date(year + 1, 4, 1)",
        "present(a.count) and approx(a.count) == false",
        "-a.count + 2 * (a.other - 1) / 3 <= abs(min(a.count, max(1, 2)))",
    ],
)
def test_valid_conditions_are_bool(text):
    assert check(text) == expr.BOOL


@pytest.mark.parametrize(
    "text,code,pos",
    [
        ("a.count >= ", "expr.unexpected", 11),
        ("a.count >= 1 1", "expr.trailing", 13),
        ("a.count $ 1", "expr.bad_char", 8),
        ("(a.count > 1", "expr.expected", 12),
        ("1 < a.count < 3", "expr.chained", 12),
        ("a.cuont > 1", "expr.unknown_indicator", 0),
        ("a.count > max_rate", "expr.unknown_param", 10),
        ("ratio(a.count, a.other) > 1", "expr.unknown_function", 0),
        ("rate(a.count) > 1", "expr.arity", 0),
        ("present(1)", "expr.needs_indicator", 0),
        ("a.day > 5", "expr.type_mismatch", 6),
        ("a.flag > true", "expr.bool_order", 7),
        ("a.count and a.flag", "expr.want_type", 0),
    ],
)
def test_errors_have_code_and_position(text, code, pos):
    with pytest.raises(expr.ExprError) as info:
        check(text)
    assert (info.value.code, info.value.pos) == (code, pos)


def test_unknown_indicator_suggests_the_nearest_key():
    with pytest.raises(expr.ExprError) as info:
        check("a.cuont > 1")
    assert info.value.params["suggestion"].startswith("a.count")


def test_needed_skips_indicators_only_inside_present():
    tree = expr.parse("present(a.flag) and a.count > 0 or a.other > a.count")
    assert expr.needed(tree) == ["a.count", "a.other"]


def test_params_used():
    assert expr.params_used(expr.parse("a.count >= min_rate and a.other < cap")) == {"min_rate", "cap"}


def test_nodes_are_immutable_values_compared_by_kind_and_fields():
    a, b = expr.parse("x >= 100 and not y"), expr.parse("x >= 100 and not y")
    assert a == b and hash(a) == hash(b) and a is not b
    assert expr.Ind("x") == expr.Ind("x", 0) and expr.Ind("x") != expr.Param("x")  # same fields, other kind
    assert expr.Num(1) != expr.Bool(1) and expr.Num(1, 3) != expr.Num(1, 4)
    assert (
        repr(expr.Cmp(">=", expr.Ind("x"), expr.Num(100), 2))
        == "Cmp(op='>=', left=Ind(key='x', pos=0), right=Num(value=100, pos=0), pos=2)"
    )
    with pytest.raises(AttributeError):
        a.op = "or"
    with pytest.raises(AttributeError):
        del a.op
    with pytest.raises(TypeError):
        expr.Cmp(">=", expr.Ind("x"))


def test_nodes_and_the_rules_holding_them_pickle_and_copy(pack):
    import copy
    import pickle

    tree = expr.parse("rate(a.count, a.other) >= 95 and not a.flag")
    assert pickle.loads(pickle.dumps(tree)) == tree and copy.deepcopy(tree) == tree and copy.copy(tree) == tree
    rule = pack.rules[0]
    assert pickle.loads(pickle.dumps(rule)).cond_tree == rule.cond_tree and copy.deepcopy(rule) == rule
