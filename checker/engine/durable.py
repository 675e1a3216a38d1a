"""durable-rules behind one small module.

The compiled predicates become one durable-rules ruleset (its JSON form); every
submission is asserted as one fact and the rules that fire are read back
through the low-level API, which measured fastest (see shared docs).  What the
engine is known to do wrong is kept out of its way:

* facts, not events (an event is consumed by the first matching rule);
* every rule is a condition on a single fact (joins crashed its C core);
* divisions and other arithmetic are computed before the fact is asserted,
  so the engine never divides (integer division truncates; by zero it kills
  the process);
* a fact that matches nothing raises "not handled": that simply means no rule
  fired;
* every rule starts with its bucket's marker (``$ex _b3``), which also keeps the
  session's own state object from matching, and no bucket holds more alpha
  chains than the core's 64-node stack can walk (error 303 otherwise);
* the session is primed with a fact that runs an action before its state is
  ever deleted (deleting a never-actioned state crashes), and its state is
  deleted every ``RECYCLE`` facts so memory stays flat.
"""
from __future__ import annotations

import itertools
import json

import durable_rules_engine as _dre  # ImportError where durable-rules is unavailable

from checker.engine.compile import YEAR_FIELD, CompiledPack

RECYCLE = 1000
MAX_CHAINS = 48    # alpha chains under one bucket node: the C core's node stack holds 64
MAX_BUCKETS = 12   # bucket nodes at the root (they are all pushed at once)
MAX_FIELDS = 240   # properties of one fact: the C core accepts 255
_SID = "0"
_names = itertools.count()
# one encoder for every fact (json.dumps with options builds a new one per call); facts are flat,
# of numbers and booleans we made, so there is nothing to check for cycles
_encode = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}


def to_json(pred):
    """Predicate IR -> durable-rules condition."""
    kind = pred[0]
    if kind == "true":
        return {"$ex": {"_b0": 1}}
    if kind == "false":
        return {"$nex": {"_b0": 1}}
    if kind == "ex":
        return {"$ex": {pred[1]: 1}}
    if kind == "nex":
        return {"$nex": {pred[1]: 1}}
    if kind == "cmp":
        op, name, (rkind, value) = pred[1:]
        rhs = value if rkind == "c" else {"$m": value}
        return {name: rhs} if op == "==" else {_OPS[op]: {name: rhs}}
    items = pred[1]
    if kind == "and":
        # The core reaches a comparison's node only through its left field's property, so
        # `$ex x` beside a comparison of x is implied. Left in, it is a node of its own that
        # matches nearly every fact, and every matched node with children makes the core walk
        # all of the fact's properties again.
        keyed = {p[2] for p in items if p[0] == "cmp"}
        items = [p for p in items if not (p[0] == "ex" and p[1] in keyed)]
        if len(items) == 1:
            return to_json(items[0])
    return {"$" + kind: [to_json(p) for p in items]}


def dnf_size(pred) -> int:
    """How many alpha-node chains durable-rules makes of a predicate (its DNF size)."""
    kind = pred[0]
    if kind == "and":
        size = 1
        for p in pred[1]:
            size *= dnf_size(p)
        return size
    if kind == "or":
        return sum(dnf_size(p) for p in pred[1])
    return 1


def fields_of(pred) -> set:
    kind = pred[0]
    if kind in ("ex", "nex"):
        return {pred[1]}
    if kind == "cmp":
        _, _, name, (rkind, value) = pred
        return {name, value} if rkind == "f" else {name}
    if kind in ("and", "or"):
        return set().union(*(fields_of(p) for p in pred[1]))
    return set()


def rulesets(compiled: CompiledPack) -> list[tuple[dict, tuple]]:
    """The pack as durable-rules rulesets within the C core's limits; usually a single one.

    The core walks its alpha network with a fixed stack of 64 nodes: a fact that matches more
    than 63 sibling nodes at one level is refused (error 303). Every rule therefore starts with
    a *bucket* condition (``$ex _b3``): the root has one child per bucket (at most MAX_BUCKETS),
    and a bucket holds at most MAX_CHAINS alpha chains, so no level fans out past the stack. A fact
    holds at most 255 properties, so a pack reading more than MAX_FIELDS fields is split into
    several rulesets, each sent only the fields it reads.
    """
    out: list = []
    rules: dict = {}
    fields: set = set()
    bucket, chains = 0, 0
    for cr in compiled.rules:
        for kind, pred in cr.preds.items():
            if pred == ("false",):
                continue
            size, needs = dnf_size(pred), fields_of(pred)
            if rules and (len(fields | needs) + bucket + 1 > MAX_FIELDS or bucket + 1 >= MAX_BUCKETS
                          and chains + size > MAX_CHAINS):
                out.append((rules, tuple(sorted(fields)), bucket + 1))
                rules, fields, bucket, chains = {}, set(), 0, 0
            elif chains + size > MAX_CHAINS:
                bucket, chains = bucket + 1, 0
            cond = {"$and": [{"$ex": {f"_b{bucket}": 1}}, to_json(pred)]}
            rules[f"{cr.index}{kind}"] = {"all": [{"m": cond}]}
            chains += size
            fields |= needs
    if rules:
        out.append((rules, tuple(sorted(fields)), bucket + 1))
    for rules, _, _ in out:
        rules["prime"] = {"all": [{"m": {"$ex": {"__prime": 1}}}]}
    return out


class _Session:
    """One ruleset with one reused session, primed before its state is ever deleted."""

    def __init__(self, definition: dict, fields: tuple, buckets: int, every_field: bool = False):
        self.definition = definition
        self.rule_indices = sorted({int(name[:-1]) for name in definition if name != "prime"})
        self.fields = fields
        self.every_field = every_field   # it reads every field a fact can have: send the values as they are
        self.unread_year = YEAR_FIELD not in fields
        self.base = {f"_b{i}": 1 for i in range(buckets)}
        self.handle = _dre.create_ruleset(f"fazhi{next(_names)}", json.dumps(definition))
        self.count = 0
        self._prime()

    def _prime(self):
        fired = self._assert({"sid": _SID, "id": "prime", "__prime": 1})
        if fired != {"prime"}:  # pragma: no cover - would mean the engine changed
            raise RuntimeError("durable-rules session could not be primed")

    def _assert(self, fact) -> set:
        code, state = _dre.assert_fact(self.handle, _encode(fact))
        if code != 0:  # 1: matched no rule
            return set()
        names = set()
        message = _dre.start_action_for_state(self.handle, state)
        message = message[1] if message else None
        while message:
            names.add(message[2:message.index('"', 2)])
            message = _dre.complete_and_start_action(self.handle, state)
        return names

    def fired(self, values: dict, fact_id: str) -> set:
        if self.count >= RECYCLE:
            _dre.delete_state(self.handle, _SID)
            self.count = 0
            self._prime()
        self.count += 1
        fact = {"sid": _SID, "id": fact_id, **self.base}
        if self.every_field:
            fact.update(values)
            if self.unread_year:
                fact.pop(YEAR_FIELD, None)
        else:
            for name in self.fields:
                if name in values:
                    fact[name] = values[name]
        return self._assert(fact)

    def close(self) -> None:
        _dre.delete_state(self.handle, _SID)
        _dre.delete_ruleset(self.handle)


class DurableEngine:
    name = "durable"

    def __init__(self, compiled: CompiledPack):
        possible = {*compiled.fields.values(), *compiled.approx_fields.values(),
                    *(t.field for t in compiled.terms)}      # every field fact_values can give, but the year
        self.sessions = [_Session(rules, fields, buckets, possible <= set(fields))
                         for rules, fields, buckets in rulesets(compiled)]
        self.ids = itertools.count()

    def fired(self, values: dict, row: list | None = None) -> tuple[set, dict]:
        """(rule index, kind) pairs that fire, and {rule index: reason} for rules the engine failed on.
        The fact is read as ``values``; its ``row`` (the same fields in a list) is for the plain evaluator."""
        fact_id = f"s{next(self.ids)}"
        out, errors = set(), {}
        for session in self.sessions:
            try:
                names = session.fired(values, fact_id)
            except Exception as exc:  # the engine refused this fact: its rules are errors, the rest go on
                errors.update(dict.fromkeys(session.rule_indices, f"durable-rules: {exc}"))
                continue
            out.update((int(name[:-1]), name[-1]) for name in names)
        return out, errors

    def close(self) -> None:
        for session in self.sessions:
            session.close()
        self.sessions = []
