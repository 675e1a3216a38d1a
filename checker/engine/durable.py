"""The durable-rules engine: the compiled predicates as durable-rules rulesets, one fact a submission.

What durable-rules 2.0.28's C core does wrong, or cannot do, and how this engine keeps out of its
way (measured and explained in ``docs/engine-core.md``):

* an *event* is consumed by the first rule that matches it: facts are asserted, never events;
* rules that join two facts crashed the core (SIGSEGV): every rule is a condition on one fact, one
  fact a submission;
* integer division truncates, and by zero kills the process (SIGFPE): every arithmetic term is
  computed in Python before the fact is asserted (``checker.engine.fact``);
* where a compared field is absent the core compares against a value left by an earlier fact
  (``a > b`` fired on ``{a: 5}`` after ``{a: 5, b: 3}``): no comparison of two fields reaches it;
  ``a > b`` is sent as ``s > 0``, ``s`` the sign of ``a - b`` written with both present
  (``durable_layout.signs``);
* a fact that matches no rule raises "not handled": it means nothing fired; a fact it did not
  evaluate (a repeated id, deferred) is an error of its rules, never a pass (``durable_session``);
* its JSON parser refuses numbers with an exponent (error 204): facts and rules are written in
  positional form (``durable_facts``);
* its alpha network is walked with a 64-node stack (error 303 past it), and a node's children sit
  in an open-addressed table probed from the low 5 bits of a property's hash: rules are laid out in
  buckets that keep both in bounds (``durable_layout.Plan``);
* a fact holds at most 255 properties: a pack reading more is split into several rulesets;
* at most 1,024 live sessions, ~0.1 MB each and never given back: one session is reused, and its
  state deleted every ``RECYCLE`` facts so memory stays flat;
* deleting the state of a session in which no action ever ran crashes it (SIGSEGV): a session is
  primed with a fact that runs an action first.

The parts: ``durable_layout`` (the rulesets: conditions, buckets, signs; no call to the core),
``durable_facts`` (a fact's JSON from its row), ``durable_session`` (the core's calls: asserting,
reading back what fired, recycling). This module joins them for ``checker.engine.Checker``.
"""

from __future__ import annotations

import itertools

from checker.engine.compile import CompiledPack
from checker.engine.durable_layout import rulesets
from checker.engine.durable_session import Session  # ImportError where durable-rules is unavailable


class DurableEngine:
    name = "durable"

    def __init__(self, compiled: CompiledPack):
        self.slots = compiled.slots()
        self.sessions = [Session(ruleset, self.slots) for ruleset in rulesets(compiled)]
        self.ids = itertools.count()

    def fired(self, values: dict, row: list | None = None) -> tuple[list, dict]:
        """(rule index, Kind) pairs that fire, and {rule index: reason} for rules the engine failed on.
        The fact is read from its ``row`` (``checker.engine.fact``), or made from ``values``."""
        if row is None:
            row = [values.get(name) for name in self.slots]
        fact_id = f"s{next(self.ids)}"
        out, errors = [], {}
        for session in self.sessions:
            try:
                out += session.fired(row, fact_id)
            except Exception as exc:  # the engine refused this fact: its rules are errors, the rest go on
                errors.update(dict.fromkeys(session.rule_indices, f"durable-rules: {exc}"))
        return out, errors

    def close(self) -> None:
        for session in self.sessions:
            session.close()
        self.sessions = []
