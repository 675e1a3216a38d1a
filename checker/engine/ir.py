"""The compiled form of a rule: named predicate nodes over one flat fact, read by both engines.

``checker.engine.compile`` turns each rule's condition (and ``applies_when``) into predicates
built from the nodes below; the plain evaluator (``engine.plain``) and the durable-rules adapter
(``engine.durable_layout``) read them, and so does the benchmark's hand-written loop. A predicate
is one of

* ``Const(True)`` / ``Const(False)``: decided when the pack is compiled;
* ``Present(field)`` / ``Absent(field)``: the fact has (has not) the field;
* ``Cmp(op, field, right)``: ``field op right``, ``right`` a ``Const`` or another ``Field``; false
  where either field is absent, never an error;
* ``AllOf(items)`` / ``AnyOf(items)``: every item (any item) holds.

There is no negation: the compiler pushes ``not`` down to the leaves (``<`` becomes ``>=``,
``Present`` becomes ``Absent``, ``AllOf`` becomes ``AnyOf``), so every engine matches only these.

A rule yields up to two predicates, each of a ``Kind``: ``NOT_APPLICABLE`` (``applies_when`` is
known and false) and ``FAIL`` (the condition is known and false). An engine reports the
``(rule index, Kind)`` pairs whose predicates hold; ``checker.engine.resolve`` makes a status of them.

The nodes are small frozen classes with ``__slots__``: compared, hashed and shown by their fields.
"""

from __future__ import annotations

import enum


class Kind(str, enum.Enum):
    """What a rule's predicate reports when it holds. A ``str`` enum: a member equals and hashes as
    its value, so a pair read back from an engine may hold either."""

    NOT_APPLICABLE = "not_applicable"
    FAIL = "fail"

    __str__ = str.__str__
    __format__ = str.__format__


class Node:
    """A frozen node: fields named once, in ``__slots__``; equal when of one class with equal fields."""

    __slots__ = ()

    def fields(self) -> tuple:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        # True == 1 for Python, not for a rule: Const(True) is not Const(1)
        return all(type(a) is type(b) and a == b for a, b in zip(self.fields(), other.fields()))

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self.fields()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self.fields()))})"

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is frozen")


_set = object.__setattr__


class Const(Node):
    """A constant: a number or True/False as the right-hand side of a comparison; True or False as
    a predicate decided at compile time."""

    __slots__ = ("value",)

    def __init__(self, value):
        _set(self, "value", value)


class Field(Node):
    """Another field of the fact, as the right-hand side of a comparison."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        _set(self, "name", name)


class Present(Node):
    __slots__ = ("field",)

    def __init__(self, field: str):
        _set(self, "field", field)


class Absent(Node):
    __slots__ = ("field",)

    def __init__(self, field: str):
        _set(self, "field", field)


class Cmp(Node):
    """``field op right``: ``op`` one of ``== != < <= > >=``; ``right`` a ``Const`` or a ``Field``."""

    __slots__ = ("op", "field", "right")

    def __init__(self, op: str, field: str, right: Const | Field):
        _set(self, "op", op)
        _set(self, "field", field)
        _set(self, "right", right)


class AllOf(Node):
    __slots__ = ("items",)

    def __init__(self, items: tuple):
        _set(self, "items", tuple(items))


class AnyOf(Node):
    __slots__ = ("items",)

    def __init__(self, items: tuple):
        _set(self, "items", tuple(items))


TRUE = Const(True)
FALSE = Const(False)


def fields_read(pred) -> set:
    """Every field a predicate reads."""
    kind = type(pred)
    if kind is Present or kind is Absent:
        return {pred.field}
    if kind is Cmp:
        return {pred.field, pred.right.name} if type(pred.right) is Field else {pred.field}
    if kind is AllOf or kind is AnyOf:
        return set().union(*map(fields_read, pred.items))
    return set()
