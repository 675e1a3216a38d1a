"""Every rule's own examples run through every available engine (ids: RULE-ID-case)."""
import pytest

from checker.examples import run_examples
from checker.pack import load_pack_or_raise

PACK = load_pack_or_raise()
CASES = [pytest.param(rule, ex, id=f"{rule.id}-{ex['name']}") for rule in PACK.rules for ex in rule.examples]


def test_every_rule_has_examples():
    assert len(CASES) >= 2 * len(PACK.rules)


@pytest.mark.parametrize("rule,example", CASES)
def test_example(checker, rule, example):
    [outcome] = [o for o in run_examples(checker, [rule]) if o.name == example["name"] and o.line == example.line]
    assert outcome.problems == ()
    assert outcome.got == example["expect"]
