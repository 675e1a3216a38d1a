"""The condition language: tokenizer, parser and type checker.

Expressions are parsed into a small tree of immutable nodes and checked
against the indicator catalogue and the rule's parameters.  Nothing here ever
calls ``eval``; evaluation happens in ``checker.engine.compile``.
"""

from __future__ import annotations

import re
from collections.abc import Callable  # not typing's: a one-file check does not import typing (docs/performance.md)

from checker.suggest import suggest

NUM, DATE, BOOL = "number", "date", "bool"

FUNCTIONS = {
    # name: (argument count, result type)
    "rate": (2, NUM),
    "present": (1, BOOL),
    "approx": (1, BOOL),
    "date": (3, DATE),
    "min": (2, NUM),
    "max": (2, NUM),
    "abs": (1, NUM),
    "given_or": (2, NUM),  # its result has the type of its indicator (see _check_call)
}
KEYWORDS = {"and", "or", "not", "true", "false", "year"}
CMP_OPS = ("==", "!=", "<=", ">=", "<", ">")


class ExprError(Exception):
    """A located problem in an expression."""

    def __init__(self, code: str, pos: int, **params):
        super().__init__(code)
        self.code = code
        self.pos = pos
        self.params = params


# --- tree -----------------------------------------------------------------


class _Node:
    """An immutable tree node, compared and hashed by its kind and fields like a frozen dataclass
    (a dataclass compiles its methods at import, which a one-file check pays for; docs/performance.md).  ``pos`` is where the node
    starts in the expression text, 0 for a node made rather than parsed."""

    __slots__ = ()

    def __init__(self, *values):
        names = self.__slots__
        if len(values) == len(names) - 1:
            values += (0,)
        if len(values) != len(names):
            raise TypeError(f"{type(self).__name__}{names}: got {len(values)} values")
        for name, value in zip(names, values):
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self):  # pickle and copy rebuild through __init__ (setattr is refused)
        return type(self), self._values()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other):
        return type(other) is type(self) and other._values() == self._values()

    def __hash__(self):
        return hash((type(self).__name__, self._values()))

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"


class Num(_Node):
    __slots__ = ("value", "pos")


class Bool(_Node):
    __slots__ = ("value", "pos")


class Ind(_Node):
    __slots__ = ("key", "pos")


class Param(_Node):
    __slots__ = ("name", "pos")


class Year(_Node):
    __slots__ = ("pos",)


class Neg(_Node):
    __slots__ = ("arg", "pos")


class Not(_Node):
    __slots__ = ("arg", "pos")


class Arith(_Node):
    __slots__ = ("op", "left", "right", "pos")


class Cmp(_Node):
    __slots__ = ("op", "left", "right", "pos")


class Logic(_Node):
    __slots__ = ("op", "args", "pos")  # op: "and" | "or"


class Call(_Node):
    __slots__ = ("name", "args", "pos")


# --- tokens ---------------------------------------------------------------

_TOKEN = r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|,)
"""


def tokenize(text: str) -> list[tuple[str, str, int]]:
    match = re.compile(_TOKEN, re.VERBOSE).match  # compiled at the first use (re caches it): a run
    tokens, pos = [], 0  # whose pack comes built from the cache parses none
    while pos < len(text):
        m = match(text, pos)
        if not m:
            raise ExprError("expr.bad_char", pos, char=text[pos])
        kind = m.lastgroup
        if kind != "ws":
            tokens.append((kind, m.group(), pos))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i]

    def take(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, value: str):
        kind, text, pos = self.take()
        if text != value:
            raise ExprError("expr.expected", pos, expected=value, found=text or "end")

    def at(self, *values: str) -> bool:
        kind, text, _ = self.peek()
        return kind in ("op", "name") and text in values

    def parse(self):
        node = self.or_expr()
        kind, text, pos = self.peek()
        if kind != "end":
            raise ExprError("expr.trailing", pos, found=text)
        return node

    def or_expr(self):
        return self._logic("or", self.and_expr)

    def and_expr(self):
        return self._logic("and", self.not_expr)

    def _logic(self, op, sub):
        pos = self.peek()[2]
        args = [sub()]
        while self.at(op):
            self.take()
            args.append(sub())
        return args[0] if len(args) == 1 else Logic(op, tuple(args), pos)

    def not_expr(self):
        if self.at("not"):
            pos = self.take()[2]
            return Not(self.not_expr(), pos)
        return self.comparison()

    def comparison(self):
        left = self.additive()
        if self.at(*CMP_OPS):
            _, op, pos = self.take()
            right = self.additive()
            if self.at(*CMP_OPS):
                raise ExprError("expr.chained", self.peek()[2])
            return Cmp(op, left, right, pos)
        return left

    def additive(self):
        node = self.term()
        while self.at("+", "-"):
            _, op, pos = self.take()
            node = Arith(op, node, self.term(), pos)
        return node

    def term(self):
        node = self.unary()
        while self.at("*", "/"):
            _, op, pos = self.take()
            node = Arith(op, node, self.unary(), pos)
        return node

    def unary(self):
        if self.at("-"):
            pos = self.take()[2]
            return Neg(self.unary(), pos)
        return self.primary()

    def primary(self):
        kind, text, pos = self.take()
        if kind == "num":
            return Num(float(text) if "." in text else int(text), pos)
        if kind == "op" and text == "(":
            node = self.or_expr()
            self.expect(")")
            return node
        if kind == "name":
            return self.name(text, pos)
        raise ExprError("expr.unexpected", pos, found=text or "end")

    def name(self, text, pos):
        if text in ("true", "false"):
            return Bool(text == "true", pos)
        if text == "year":
            return Year(pos)
        if text in ("and", "or", "not"):
            raise ExprError("expr.unexpected", pos, found=text)
        if self.at("("):
            self.take()
            args = []
            if not self.at(")"):
                args.append(self.or_expr())
                while self.at(","):
                    self.take()
                    args.append(self.or_expr())
            self.expect(")")
            return Call(text, tuple(args), pos)
        if "." in text:
            return Ind(text, pos)
        return Param(text, pos)


def parse(text: str):
    """Parse an expression; raises ExprError with the position of the problem."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("expr.empty", 0)
    return _Parser(text).parse()


# --- checking -------------------------------------------------------------


def check(node, type_of_indicator: Callable[[str], str | None], params: dict) -> str:
    """Type-check a tree; returns its type or raises ExprError.

    ``type_of_indicator(key)`` gives NUM/DATE/BOOL or None for an unknown key.
    ``params`` maps parameter names to their default values.
    """
    if isinstance(node, Num):
        return NUM
    if isinstance(node, Bool):
        return BOOL
    if isinstance(node, Year):
        return NUM
    if isinstance(node, Ind):
        typ = type_of_indicator(node.key)
        if typ is None:
            raise ExprError(
                "expr.unknown_indicator",
                node.pos,
                name=node.key,
                suggestion=_known_suggestion(node.key, type_of_indicator),
            )
        return typ
    if isinstance(node, Param):
        if node.name not in params:
            raise ExprError("expr.unknown_param", node.pos, name=node.name, suggestion=suggest(node.name, params))
        return BOOL if isinstance(params[node.name], bool) else NUM
    if isinstance(node, Neg):
        _want(node.arg, NUM, type_of_indicator, params)
        return NUM
    if isinstance(node, Not):
        _want(node.arg, BOOL, type_of_indicator, params)
        return BOOL
    if isinstance(node, Arith):
        _want(node.left, NUM, type_of_indicator, params)
        _want(node.right, NUM, type_of_indicator, params)
        return NUM
    if isinstance(node, Logic):
        for arg in node.args:
            _want(arg, BOOL, type_of_indicator, params)
        return BOOL
    if isinstance(node, Cmp):
        left = check(node.left, type_of_indicator, params)
        right = check(node.right, type_of_indicator, params)
        if left != right:
            raise ExprError("expr.type_mismatch", node.pos, left=left, right=right, op=node.op)
        if left == BOOL and node.op not in ("==", "!="):
            raise ExprError("expr.bool_order", node.pos, op=node.op)
        return BOOL
    if isinstance(node, Call):
        return _check_call(node, type_of_indicator, params)
    raise AssertionError(node)  # pragma: no cover


def _check_call(node, type_of_indicator, params):
    spec = FUNCTIONS.get(node.name)
    if spec is None:
        raise ExprError("expr.unknown_function", node.pos, name=node.name, suggestion=suggest(node.name, FUNCTIONS))
    arity, result = spec
    if len(node.args) != arity:
        raise ExprError("expr.arity", node.pos, name=node.name, want=arity, got=len(node.args))
    if node.name in ("present", "approx"):
        arg = node.args[0]
        if not isinstance(arg, Ind):
            raise ExprError("expr.needs_indicator", node.pos, name=node.name)
        check(arg, type_of_indicator, params)
        return result
    if node.name == "given_or":
        # given_or(x, default): x where reported, else the default (of x's type); x never makes
        # the rule missing
        arg = node.args[0]
        if not isinstance(arg, Ind):
            raise ExprError("expr.needs_indicator", node.pos, name=node.name)
        typ = check(arg, type_of_indicator, params)
        _want(node.args[1], typ, type_of_indicator, params)
        return typ
    for arg in node.args:
        _want(arg, NUM, type_of_indicator, params)
    return result


def _want(node, typ, type_of_indicator, params):
    got = check(node, type_of_indicator, params)
    if got != typ:
        raise ExprError("expr.want_type", getattr(node, "pos", 0), want=typ, got=got)


def _known_suggestion(key, type_of_indicator) -> str:
    known = getattr(type_of_indicator, "known", ())
    return suggest(key, known)


def indicator_refs(node, *, inside_present: bool = False) -> list[tuple[str, bool]]:
    """Every indicator the tree reads, in order, with whether it only sits inside present() or as
    the first argument of given_or() (read where given, never needed)."""
    out: list[tuple[str, bool]] = []
    _refs(node, inside_present, out)
    return out


def _refs(node, guarded, out):
    if isinstance(node, Ind):
        out.append((node.key, guarded))
    elif isinstance(node, Call):
        for i, arg in enumerate(node.args):
            _refs(arg, guarded or node.name == "present" or (node.name == "given_or" and i == 0), out)
    elif isinstance(node, (Neg, Not)):
        _refs(node.arg, guarded, out)
    elif isinstance(node, (Arith, Cmp)):
        _refs(node.left, guarded, out)
        _refs(node.right, guarded, out)
    elif isinstance(node, Logic):
        for arg in node.args:
            _refs(arg, guarded, out)


def needed(node) -> list[str]:
    """Indicators whose absence makes the expression unknowable (outside present() and the first
    argument of given_or())."""
    seen: dict[str, None] = {}
    for key, guarded in indicator_refs(node):
        if not guarded:
            seen.setdefault(key)
    return list(seen)


def needed_unless(node) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each indicator ``needed`` lists, with when it is needed: ``((),)`` where always; otherwise, for each
    place it is read, the first arguments of the given_or() calls it is the default of. ``given_or(x, y)``
    reads y only where x is not given, so y is needed only there: the rule is unknowable where y is absent
    and, at some place y is read, none of the indicators preferred to it is given."""
    out: dict[str, list] = {}
    _unless(node, (), out)
    return {key: tuple(dict.fromkeys(places)) for key, places in out.items()}


def _unless(node, preferred, out):
    if isinstance(node, Ind):
        out.setdefault(node.key, []).append(preferred)
    elif isinstance(node, Call):
        if node.name == "present":
            return
        if node.name == "given_or":
            _unless(node.args[1], preferred + (node.args[0].key,), out)
            return
        for arg in node.args:
            _unless(arg, preferred, out)
    elif isinstance(node, (Neg, Not)):
        _unless(node.arg, preferred, out)
    elif isinstance(node, (Arith, Cmp)):
        _unless(node.left, preferred, out)
        _unless(node.right, preferred, out)
    elif isinstance(node, Logic):
        for arg in node.args:
            _unless(arg, preferred, out)


def preferences(node) -> list[tuple[str, str]]:
    """(x, y) for each ``given_or(x, y)`` whose default y is an indicator: where both are given, x decides."""
    out: list[tuple[str, str]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Call):
            if n.name == "given_or" and isinstance(n.args[1], Ind):
                out.append((n.args[0].key, n.args[1].key))
            stack.extend(reversed(n.args))
        elif isinstance(n, (Neg, Not)):
            stack.append(n.arg)
        elif isinstance(n, (Arith, Cmp)):
            stack.extend((n.right, n.left))
        elif isinstance(n, Logic):
            stack.extend(reversed(n.args))
    return out


def params_used(node) -> set[str]:
    if isinstance(node, Param):
        return {node.name}
    children = []
    if isinstance(node, (Neg, Not)):
        children = [node.arg]
    elif isinstance(node, (Arith, Cmp)):
        children = [node.left, node.right]
    elif isinstance(node, (Logic, Call)):
        children = list(node.args)
    used: set[str] = set()
    for child in children:
        used |= params_used(child)
    return used
