"""The plain evaluator: runs the compiled predicates as Python closures.

Used where durable-rules cannot be imported (Python 3.13+) or when asked for
with ``--engine python``.  It matches exactly the predicates the durable-rules
engine is given, with the same semantics: a comparison on an absent field is
false, never an error.
"""
from __future__ import annotations

import operator

from checker.engine.compile import CompiledPack

_OPS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt,
        "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def closure(pred):
    kind = pred[0]
    if kind == "true":
        return lambda v: True
    if kind == "false":
        return lambda v: False
    if kind == "ex":
        name = pred[1]
        return lambda v: name in v
    if kind == "nex":
        name = pred[1]
        return lambda v: name not in v
    if kind == "cmp":
        return _cmp(*pred[1:])
    fns = tuple(closure(p) for p in pred[1])
    if kind == "and":
        return lambda v: all(fn(v) for fn in fns)
    return lambda v: any(fn(v) for fn in fns)


def _cmp(op, name, right):
    fn = _OPS[op]
    kind, value = right
    if kind == "c":
        return lambda v: name in v and fn(v[name], value)
    return lambda v: name in v and value in v and fn(v[name], v[value])


class PlainEngine:
    name = "python"

    def __init__(self, compiled: CompiledPack):
        self.checks = [((cr.index, kind), closure(pred))
                       for cr in compiled.rules for kind, pred in cr.preds.items()]

    def fired(self, values: dict) -> tuple[set, dict]:
        """(rule index, kind) pairs that fire, and {rule index: reason} for rules that raised."""
        try:
            return {key for key, fn in self.checks if fn(values)}, {}
        except Exception:  # a fault in one rule must not take the others down
            return self._isolated(values)

    def _isolated(self, values: dict) -> tuple[set, dict]:
        fired, errors = set(), {}
        for key, fn in self.checks:
            try:
                if fn(values):
                    fired.add(key)
            except Exception as exc:
                errors[key[0]] = f"{type(exc).__name__}: {exc}"
        return fired, errors

    def close(self) -> None:
        pass
