"""Every rule's own examples run through every available engine (ids: RULE-ID-case)."""

import pytest
from conftest import ENGINES

from checker.engine import Checker
from checker.examples import run_examples
from checker.pack import load_pack_or_raise

PACK = load_pack_or_raise().where_local_rules_bind()
CASES = [pytest.param(rule, ex, id=f"{rule.id}-{ex['name']}") for rule in PACK.rules for ex in rule.examples]


@pytest.fixture(scope="module", params=ENGINES)
def example_checker(request):
    checker = Checker(PACK, request.param)
    yield checker
    checker.close()


def test_every_rule_has_a_passing_and_a_failing_example():
    for rule in PACK.rules:
        expects = {ex["expect"] for ex in rule.examples}
        assert "pass" in expects and expects & {"fail", "warn", "missing"}, rule.id


@pytest.mark.parametrize("rule,example", CASES)
def test_example(example_checker, rule, example):
    [outcome] = [
        o for o in run_examples(example_checker, [rule]) if o.name == example["name"] and o.line == example.line
    ]
    assert outcome.problems == ()
    assert outcome.got == example["expect"]
