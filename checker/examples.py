"""Each rule's own pass/fail examples, run through an engine (used by lint and the tests)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.engine import Checker
from checker.inputs.structured import load_mapping
from checker.yamlpos import YMap


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    name: str
    expect: str
    got: str | None
    problems: tuple  # input diagnostics of the example itself
    file: str
    line: int


def example_mapping(example: YMap) -> YMap:
    data = YMap(example.line, example.col)
    data["region"] = "示例"
    data["year"] = example.get("year", 2024)
    for key in ("published_on", "level"):
        if key in example:
            data[key] = example[key]
            data.val_pos[key] = example.pos(key)
    data["indicators"] = example["indicators"]
    data.key_pos["indicators"] = (example.line, example.col)
    data.val_pos["indicators"] = example.pos("indicators")
    return data


def run_examples(checker: Checker, rules=None) -> list[ExampleOutcome]:
    """Evaluate every example of every (or the given) rule; report what each gave.

    Examples describe a rule where it binds: give a checker built on
    ``pack.where_local_rules_bind()`` so that a local rule's failing example fails.
    """
    out = []
    cat = checker.pack.catalogue
    # each rule by itself, not by its id: a repeated id (reported by lint) must not run one rule's
    # examples against the other rule. A rule the checker does not hold gives no outcome (got None).
    index = {id(cr.rule): cr.index for cr in checker.compiled.rules}
    for rule in rules or checker.pack.rules:
        for example in rule.examples:
            if not isinstance(example, YMap) or not isinstance(example.get("indicators"), YMap):
                continue
            sub = load_mapping(example_mapping(example), cat, rule.file)
            problems = tuple(d for d in sub.diagnostics if d.severity == "error")
            got = None
            at = index.get(id(rule))
            if not problems and at is not None:
                got = checker.evaluate(sub)[at].status
            out.append(
                ExampleOutcome(
                    rule.id, str(example.get("name")), example.get("expect"), got, problems, rule.file, example.line
                )
            )
    return out
