"""Engine selection and the compiled form both engines run."""

import math
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from checker import engine as engine_mod
from checker.engine import EngineUnavailable, make_engine
from checker.engine.compile import compile_pack
from checker.engine.ir import FALSE, TRUE, Absent, AllOf, AnyOf, Cmp, Const, Field, Kind, Present
from checker.engine.plain import PlainEngine


def test_falls_back_to_the_plain_evaluator_where_durable_rules_does_not_import(pack, monkeypatch):
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)  # import now raises ImportError
    monkeypatch.delitem(sys.modules, "checker.engine.durable", raising=False)
    monkeypatch.delitem(sys.modules, "checker.engine.durable_session", raising=False)
    compiled = compile_pack(pack)
    assert isinstance(make_engine(None, compiled), PlainEngine)
    with pytest.raises(EngineUnavailable):
        make_engine("durable", compiled)
    assert not engine_mod.durable_available()


def test_every_rule_compiles_to_single_fact_predicates(pack):
    compiled = compile_pack(pack)
    assert len(compiled.rules) == len(pack.rules)
    for cr in compiled.rules:
        assert list(cr.preds)[0] is Kind.FAIL
        assert (Kind.NOT_APPLICABLE in cr.preds) == bool(cr.rule.applies_when)
        assert set(cr.preds) <= set(Kind)


def test_rate_terms_are_computed_before_the_engine(pack):
    """Arithmetic never reaches durable-rules (it truncates integer division, and dies dividing by 0)."""
    from checker.engine.durable_layout import rulesets

    text = repr([ruleset.definition for ruleset in rulesets(compile_pack(pack))])
    for op in ("$div", "$mul", "$add", "$sub"):
        assert op not in text


def test_durable_rulesets_respect_the_c_core_limits(pack):
    from checker.engine.durable_layout import MAX_BUCKETS, MAX_CHAINS, rulesets

    def chains(cond):  # alpha chains of a condition: its DNF size
        ((key, value),) = cond.items()
        if key in ("$and", "$or"):
            sizes = [chains(c) for c in value]
            return sum(sizes) if key == "$or" else math.prod(sizes)
        return 1

    sets = rulesets(compile_pack(pack))
    assert len(sets) == 1  # one assert per submission
    for ruleset in sets:
        fields, markers, pairs = ruleset.fields, ruleset.markers, ruleset.signs
        assert len(fields) + len(markers) + len(pairs) + 3 < 255  # a fact holds at most 255 properties
        per_bucket = {}
        for name, rule in ruleset.definition.items():
            if name != "prime":
                marker, cond = rule["all"][0]["m"]["$and"]
                bucket = next(iter(marker["$ex"]))
                per_bucket[bucket] = per_bucket.get(bucket, 0) + chains(cond)
        # the stack holds the root's buckets and one bucket's chains at a time
        assert max(per_bucket.values()) <= MAX_CHAINS and len(per_bucket) == len(markers) <= MAX_BUCKETS
        assert MAX_BUCKETS + MAX_CHAINS < 64


@pytest.mark.skipif(shutil.which("fazhi") is None, reason="the package is not installed here")
def test_console_script_matches_python_m():
    sample = ROOT / "samples" / "sheqi-2024.yaml"
    a = subprocess.run(["fazhi", "check", str(sample), "--format", "json"], capture_output=True, text=True)
    b = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(sample), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert a.returncode == b.returncode == 1  # REPT-003 fails (no causes); unreported indicators are not required
    assert a.stdout == b.stdout


def test_the_generated_function_agrees_with_the_predicates_one_by_one(pack):
    """The generated function drops presence tests it can prove redundant and compares
    percentages as floats; on facts with fields missing at random, and percentages given as
    integers, it must fire exactly what the predicates evaluated one at a time fire."""
    from conftest import gappy_submissions

    from checker.engine import fact

    compiled = compile_pack(pack)
    engine = PlainEngine(compiled)
    assert engine._fired is not None
    fired_kinds = set()
    for sub in gappy_submissions(pack, 7, 300):
        values, row, _ = fact(compiled, sub)
        assert len(row) == len(compiled.slots())
        assert {s: x for s, x in zip(compiled.slots(), row) if x is not None} == {
            s: (float(x) if s in compiled.reals and type(x) is int else x) for s, x in values.items()
        }
        one_by_one = sorted(key for key, fn in engine.checks if fn(values))
        assert sorted(engine._fired(row)) == one_by_one
        fired_kinds.update(kind for _, kind in one_by_one)
    assert fired_kinds == set(Kind)  # both kinds were exercised


def test_durable_conditions_leave_out_presence_tests_a_comparison_implies():
    from checker.engine.durable_layout import to_json

    guard_and_compare = AllOf((Present("f4"), Cmp("<=", "f4", Const(0))))
    assert to_json(guard_and_compare) == {"$lte": {"f4": 0}}
    # a presence test of another field stays
    other_field = AllOf((Present("f6"), Cmp(">", "f7", Const(0))))
    assert to_json(other_field) == {"$and": [{"$ex": {"f6": 1}}, {"$gt": {"f7": 0}}]}


def test_the_generated_function_keeps_every_presence_test_it_cannot_prove(pack):
    """Hand-made predicates where a field is tested after a branch that does not prove it present."""
    import itertools
    from types import SimpleNamespace

    from checker.engine.plain import closure, generate

    NA, FAIL = Kind.NOT_APPLICABLE, Kind.FAIL
    preds = [
        # na: applies_when known and false; fail reads the same field: where `a` is absent, na is
        # false and the fail test must still find `a` absent rather than compare None
        {NA: AllOf((Present("a"), Cmp(">", "a", Const(5)))), FAIL: Cmp("<", "a", Const(3))},
        # na proves both present when false, so the fail comparison runs unguarded
        {NA: AnyOf((Absent("a"), Absent("b"))), FAIL: Cmp(">", "a", Field("b"))},
        # in an `and`, a comparison that held proves its fields present for the items after it
        {FAIL: AllOf((Cmp(">", "a", Const(1)), Cmp("<", "b", Field("a"))))},
        {FAIL: AnyOf((Cmp("==", "b", Const(2)), Cmp("!=", "a", Const(2))))},
        {FAIL: AllOf((Absent("a"), Cmp("<=", "b", Const(4))))},
        # a yes/no field compared with True or False is tested by identity: false where it is absent
        {NA: Cmp("==", "c", Const(True)), FAIL: Cmp("!=", "c", Const(True))},
        {FAIL: AnyOf((Cmp("==", "c", Const(True)), Cmp("!=", "c", Const(False))))},
        {FAIL: AllOf((Present("c"), Cmp("!=", "c", Const(False)), Cmp(">", "a", Const(2))))},
        # constants decided when compiling
        {NA: FALSE, FAIL: AnyOf((TRUE, Absent("a")))},
    ]
    rules = [SimpleNamespace(index=i, preds=p) for i, p in enumerate(preds)]
    compiled = SimpleNamespace(
        rules=rules, reals=frozenset({"b"}), bools=frozenset({"c"}), slots=lambda: ("a", "b", "c")
    )
    fired = generate(compiled)
    checks = [((i, kind), closure(pred)) for i, p in enumerate(preds) for kind, pred in p.items()]
    for a, b, c in itertools.product([None, 0, 2, 3, 6], [None, 0.0, 2.0, 4.0, 7.0], [None, True, False]):
        values = {k: v for k, v in (("a", a), ("b", b), ("c", c)) if v is not None}
        expected = sorted(key for key, fn in checks if fn(values))
        assert sorted(fired([a, b, c])) == expected, (a, b, c)


def test_a_percentage_too_large_for_a_float_is_kept_as_it_is(pack):
    """A report's text can give a rate far out of range (reported as a failure, not a crash)."""
    from checker.engine import Checker, fact
    from checker.inputs.model import Submission, Value

    key = next(k for k, ind in pack.catalogue.indicators.items() if ind.unit == "percent")
    checker = Checker(pack, "python")
    for huge in (10**400, 2**53 + 1):
        sub = Submission("x.txt", region="某县", year=2024, parsed=True)
        sub.values[key] = Value(huge)
        values, row, _ = fact(checker.compiled, sub)
        assert row[checker.compiled.slots().index(checker.compiled.fields[key])] == huge
        statuses = {f.rule.id: f.status for f in checker.evaluate(sub)}
        assert statuses  # evaluated, no OverflowError
    assert checker.engine.fired(values)[0] == checker.engine.fired(values, row)[0]  # the row is optional


def test_durable_never_sees_a_comparison_of_two_fields():
    """`a > b` reaches durable-rules as `s > 0`, `s` the sign of a - b sent only with both present
    (with `b` absent the core compared against the `b` of an earlier fact)."""
    from checker.engine.durable_layout import signs, to_json

    pairs: dict = {}
    pred = AnyOf((Cmp(">", "f7", Field("f6")), Cmp("<=", "f6", Field("f7")), Cmp("==", "f7", Field("f6"))))
    assert signs(pred, pairs) == AnyOf(
        (Cmp(">", "_s0", Const(0)), Cmp("<=", "_s1", Const(0)), Cmp("==", "_s0", Const(0)))
    )
    assert pairs == {("f7", "f6"): "_s0", ("f6", "f7"): "_s1"}
    with pytest.raises(ValueError):
        to_json(Cmp(">", "f7", Field("f6")))


def test_durable_facts_are_written_as_json_the_core_reads():
    """A fact's text: values as written (numbers in positional form: the core refuses exponents;
    true/false), absent ones left out, the sign of each pair where both are present."""
    import json
    import random
    from decimal import Decimal

    from checker.engine.durable_facts import FactWriter

    writer = FactWriter(
        "0", ("_b0",), ("_y", "f0", "t0"), {("f0", "f1"): "_s0", ("f1", "t0"): "_s1"}, ("_y", "f0", "f1", "t0")
    )
    rng = random.Random(3)
    choices = [None, True, False, 0, -7, 10**15, 2**64, 0.1, 1e-7, -2.5e-300, 1e22, -2.5, 100.0]
    exact = lambda v: v if type(v) is bool else Decimal(repr(v))  # noqa: E731
    for _ in range(500):
        row = [rng.choice(choices) for _ in range(4)]
        text = writer.encode(row, "s1")
        assert "e+" not in text and "e-" not in text
        fact = json.loads(text, parse_float=Decimal, parse_int=Decimal)
        expected = {"sid": "0", "_b0": 1, "id": "s1"}
        expected.update({k: exact(row[i]) for i, k in ((0, "_y"), (1, "f0"), (3, "t0")) if row[i] is not None})
        for (i, j), name in (((1, 2), "_s0"), ((2, 3), "_s1")):
            if row[i] is not None and row[j] is not None:
                expected[name] = (row[i] > row[j]) - (row[i] < row[j])
        assert fact == expected
        assert list(fact) == list(expected)
        assert [type(v) is bool for v in fact.values()] == [type(v) is bool for v in expected.values()]
    assert (
        writer.encode([2024, 1e-05, None, True], "s2")
        == '{"sid":"0","_b0":1,"id":"s2","_y":2024,"f0":0.00001,"t0":true}'
    )
    for bad in (float("inf"), float("nan")):
        with pytest.raises(ValueError):
            writer.encode([bad, None, None, None], "s1")


def test_durable_buckets_start_each_chain_in_a_slot_of_its_own(pack):
    """The core probes a node's children from the low 5 bits of a property's name hash to the next
    empty slot: within a bucket, chains on different properties start in different slots, and the
    markers' slots differ."""
    from checker.engine.durable_layout import HASH_MASK, MAX_CHAINS, dnf, name_hash, rulesets, start

    assert name_hash("a") == 0xE40C292C  # 32-bit FNV-1a, as the core's fnv1Hash32
    for ruleset in rulesets(compile_pack(pack)):
        rules, markers = ruleset.definition, ruleset.markers
        names = [*ruleset.fields, *markers, *ruleset.signs.values(), "sid", "id", "__prime"]
        assert len({name_hash(n) for n in names}) == len(names)  # properties are told apart by hash
        assert len({name_hash(m) & HASH_MASK for m in markers}) == len(markers)
        starts: dict = {}
        for name, rule in rules.items():
            if name != "prime":
                marker, cond = rule["all"][0]["m"]["$and"]
                starts.setdefault(next(iter(marker["$ex"])), set()).update(filter(None, map(start, dnf(cond))))
        assert sorted(starts) == sorted(markers)
        for properties in starts.values():
            slots = [name_hash(p) & HASH_MASK for p in properties]
            assert len(slots) == len(set(slots)) <= MAX_CHAINS


def _synthetic(preds: list, fields) -> object:
    """A compiled pack of hand-made predicates, one rule each ({kind: predicate})."""
    from types import SimpleNamespace

    slots = ("_y", *fields)
    return SimpleNamespace(rules=[SimpleNamespace(index=i, preds=p) for i, p in enumerate(preds)], slots=lambda: slots)


def _durable_agrees(compiled, facts) -> int:
    """durable-rules fires exactly what the predicates fire one by one, with no error; its rulesets."""
    from checker.engine.durable import DurableEngine
    from checker.engine.plain import closure

    engine = DurableEngine(compiled)
    try:
        for values in facts:
            expected = sorted(
                (cr.index, kind) for cr in compiled.rules for kind, p in cr.preds.items() if closure(p)(values)
            )
            got, errors = engine.fired(values)
            assert (sorted(got), errors) == (expected, {}), values
        return len(engine.sessions)
    finally:
        engine.close()


def test_durable_keeps_a_wide_predicate_within_the_core_stack():
    """19 buckets and a predicate of 46 chains (all of 46 indicators present, failed by an empty
    submission): together past the core's 64-node stack (error 303), so it goes to a ruleset of its own."""
    pytest.importorskip("durable_rules_engine")
    fields = [f"f{i}" for i in range(47)]
    preds = [{Kind.FAIL: Cmp(">", "f0", Const(r))} for r in range(19 * 16)]  # 19 full buckets
    preds.append({Kind.NOT_APPLICABLE: AnyOf(tuple(Absent(f) for f in fields[1:]))})
    facts = [{"_y": 2024}, {"_y": 2024, **{f: 9 for f in fields}}, {"_y": 2024, **{f: 1 for f in fields[::3]}}]
    assert _durable_agrees(_synthetic(preds, fields), facts) == 2


def test_durable_reads_numbers_written_with_an_exponent():
    """repr writes 0.00005 as 5e-05 and 2e16 as 2e+16; the core's parser refuses exponents (error 204),
    in a fact or in a rule's constant."""
    pytest.importorskip("durable_rules_engine")
    preds = [
        {Kind.FAIL: Cmp("<", "f0", Const(1e-05))},
        {Kind.FAIL: Cmp(">=", "f1", Const(1.5e16))},
        {Kind.FAIL: Cmp("==", "f0", Const(5e-05))},
    ]
    facts = [{"_y": 2024, "f0": v, "f1": w} for v in (0.0, 5e-06, 5e-05, 0.5, 2e-300) for w in (1e16, 2e16, 1e300, 0.0)]
    assert _durable_agrees(_synthetic(preds, ["f0", "f1"]), facts) == 1


def test_durable_true_false_and_same_field_chains():
    """Constant branches reach the core as `$ex sid` / `$nex sid`; range checks (two chains on one
    field) share buckets: 60 of them stay one ruleset."""
    pytest.importorskip("durable_rules_engine")
    fields = [f"f{i}" for i in range(60)]
    preds = [{Kind.FAIL: AnyOf((Cmp("<", f, Const(0)), Cmp(">", f, Const(100))))} for f in fields]
    preds += [
        {Kind.FAIL: AllOf((TRUE, Cmp("<", "f0", Const(50))))},
        {Kind.NOT_APPLICABLE: AnyOf((FALSE, Absent("f1")))},
        {Kind.FAIL: AnyOf((TRUE, Cmp("<", "f2", Const(1))))},
    ]
    facts = [{"_y": 2024}, {"_y": 2024, **{f: i * 3 - 20 for i, f in enumerate(fields)}}]
    assert _durable_agrees(_synthetic(preds, fields), facts) == 1


def test_durable_names_hash_as_the_core_does():
    from checker.engine.durable_layout import name_hash

    assert (name_hash("sid"), name_hash("id")) == (3593476751, 926444256)  # HASH_SID, HASH_ID in state.h


def test_a_pack_durable_rules_refuses_falls_back_to_the_plain_evaluator(pack, monkeypatch):
    pytest.importorskip("durable_rules_engine")
    from checker.engine import durable

    def refuse(compiled):
        raise ValueError("two property names of a durable-rules fact share a hash")

    monkeypatch.setattr(durable, "DurableEngine", refuse)
    compiled = compile_pack(pack)
    assert isinstance(make_engine(None, compiled), PlainEngine)
    with pytest.raises(EngineUnavailable, match="share a hash"):
        make_engine("durable", compiled)
