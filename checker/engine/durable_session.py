"""One durable-rules ruleset with one reused session: facts asserted, fired rules read back, state
recycled. The only module that calls the C core (``durable_rules_engine``, its low-level API).

* A fact is asserted with ``assert_fact``: code 0, it matched and its actions wait; 1, it matched no
  rule (nothing fired: not an error); 2, a fact with this id was seen in the session before, and 3,
  deferred: the fact was never matched, so its rules are errors, never passes.
* What fired is read back by draining the actions (``start_action_for_state``, then
  ``complete_and_start_action`` until none is left); each action's message begins with the name of
  its rule (``{"r12_fail":{...``), and the name is all we read of it.
* The session's state is deleted every ``RECYCLE`` facts, so its memory stays flat (the core keeps
  every fact it matched). Deleting a state in which no action ever ran crashes the core: a session
  is primed, before any state of it is deleted, with a fact that fires the ruleset's ``prime`` rule.
"""

from __future__ import annotations

import itertools
import json

import durable_rules_engine as _dre  # ImportError where durable-rules is unavailable

from checker.engine.durable_facts import FactWriter, positional
from checker.engine.durable_layout import PRIME, PRIME_FIELD, Ruleset

RECYCLE = 1000  # facts a session holds before its state is deleted
SESSION_ID = "0"
_names = itertools.count()


class Session:
    """One ruleset, created in the core, with one reused session, primed before its state is ever deleted."""

    def __init__(self, ruleset: Ruleset, slots: tuple):
        self.reports = ruleset.reports  # rule name -> (rule index, Kind)
        self.rule_indices = sorted({index for index, _ in self.reports.values()})
        self.writer = FactWriter(SESSION_ID, ruleset.markers, ruleset.fields, ruleset.signs, slots)
        self.handle = _dre.create_ruleset(f"fazhi{next(_names)}", positional(json.dumps(ruleset.definition)))
        self.count = 0
        self._prime()

    def _prime(self) -> None:
        fired = self._assert(json.dumps({"sid": SESSION_ID, "id": PRIME, PRIME_FIELD: 1}))
        if fired != {PRIME}:  # pragma: no cover - would mean the engine changed
            raise RuntimeError("durable-rules session could not be primed")

    def fired(self, row: list, fact_id: str) -> list:
        """(rule index, Kind) of each rule that fires on the fact of this row."""
        reports = self.reports
        return [reports[name] for name in self.run(self.writer.encode(row, fact_id))]

    def run(self, text: str) -> set:
        """The names of the rules that fire on one fact given as its JSON: the core's own work
        (asserting, reading back) and recycling the session's state."""
        if self.count >= RECYCLE:
            _dre.delete_state(self.handle, SESSION_ID)
            self.count = 0
            self._prime()
        self.count += 1
        return self._assert(text)

    def _assert(self, text: str) -> set:
        code, state = _dre.assert_fact(self.handle, text)
        if code == 1:  # matched no rule
            return set()
        if code != 0:  # 2: a fact with this id seen before in the session, 3: deferred; nothing evaluated
            raise RuntimeError(f"the fact was not evaluated (durable-rules code {code})")
        names = set()
        message = _dre.start_action_for_state(self.handle, state)
        message = message[1] if message else None
        while message:
            names.add(message[2 : message.index('"', 2)])
            message = _dre.complete_and_start_action(self.handle, state)
        return names

    def close(self) -> None:
        _dre.delete_state(self.handle, SESSION_ID)
        _dre.delete_ruleset(self.handle)
