"""durable-rules and the plain evaluator must give identical findings on every input we have."""

import pytest
from conftest import SAMPLES

from checker.engine import Checker, durable_available
from checker.examples import example_mapping
from checker.inputs.structured import load_mapping, load_submission

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable-rules does not import here")


def _key(findings):
    return [(f.rule.id, f.status, f.values, f.location, f.reason, f.missing) for f in findings]


@pytest.fixture(scope="module")
def engines(pack):
    durable, plain = Checker(pack, "durable"), Checker(pack, "python")
    yield durable, plain
    durable.close()


SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".yaml", ".json"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_agree(engines, pack, path):
    durable, plain = engines
    sub = load_submission(path, pack.catalogue)
    assert _key(durable.check(sub).findings) == _key(plain.check(sub).findings)


def test_every_example_agrees(engines, pack):
    durable, plain = engines
    compared = 0
    for rule in pack.rules:
        for example in rule.examples:
            sub = load_mapping(example_mapping(example), pack.catalogue)
            assert _key(durable.evaluate(sub)) == _key(plain.evaluate(sub)), (rule.id, example["name"])
            compared += 1
    assert compared >= 2 * len(pack.rules)


def test_durable_recycles_its_session(engines, pack):
    """More submissions than one session holds: state is deleted and results stay the same."""
    durable, plain = engines
    sub = load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue)
    expected = _key(plain.evaluate(sub))
    for _ in range(2500):
        assert _key(durable.evaluate(sub)) == expected


def test_durable_fires_exactly_what_the_predicates_fire(pack):
    """Not only the findings: every (rule, kind) pair, on synthetic facts with fields missing at
    random and percentages as integers. Findings alone hide an extra `fail` beside a `not
    applicable`: durable-rules once fired `a > b` with `b` absent, comparing against the `b` of an
    earlier fact."""
    from conftest import gappy_submissions

    from checker.engine import fact
    from checker.engine.ir import Kind

    durable, plain = Checker(pack, "durable"), Checker(pack, "python")
    count = 400
    fired_kinds = set()
    for i, sub in enumerate(gappy_submissions(pack, 11, count)):
        values, row, _ = fact(durable.compiled, sub)
        one_by_one = sorted(key for key, fn in plain.engine.checks if fn(values))
        got, errors = durable.engine.fired(values, row)
        assert (sorted(got), errors) == (one_by_one, {}), i
        assert sorted(durable.engine.fired(values)[0]) == one_by_one  # the row is optional
        fired_kinds.update(kind for _, kind in one_by_one)
    assert fired_kinds == set(Kind)
    durable.close()
