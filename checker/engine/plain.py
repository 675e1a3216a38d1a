"""The plain evaluator: the compiled predicates as one Python function, built once per pack.

Used where durable-rules cannot be imported (Python 3.13+) or when asked for with
``--engine python``.  It matches exactly the predicates the durable-rules engine is given,
with the same semantics: a comparison on an absent field is false, never an error.

The function is assembled as a Python syntax tree (``ast`` nodes) from the compiled
predicates — field names we generate, numeric and boolean constants, comparison operators —
and compiled once.  No text from a rule pack or a submission is ever parsed as Python.
Where building it fails, the closures below evaluate the same predicates one by one.
"""

from __future__ import annotations

import ast
import operator

from checker.engine.compile import EXACT, CompiledPack
from checker.engine.ir import Absent, AllOf, AnyOf, Cmp, Const, Field, Kind, Present

_OPS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_AST_OPS = {"==": ast.Eq, "!=": ast.NotEq, "<": ast.Lt, "<=": ast.LtE, ">": ast.Gt, ">=": ast.GtE}


# --- closures: one predicate at a time (fault isolation, and the fallback) ----------------


def closure(pred):
    """``values dict -> bool`` for one predicate."""
    kind = type(pred)
    if kind is Const:
        value = bool(pred.value)
        return lambda v: value
    if kind is Present:
        name = pred.field
        return lambda v: name in v
    if kind is Absent:
        name = pred.field
        return lambda v: name not in v
    if kind is Cmp:
        return _cmp(pred)
    fns = tuple(closure(p) for p in pred.items)
    if kind is AllOf:
        return lambda v: all(fn(v) for fn in fns)
    if kind is AnyOf:
        return lambda v: any(fn(v) for fn in fns)
    raise TypeError(f"not a predicate: {pred!r}")


def _cmp(pred: Cmp):
    fn, name, right = _OPS[pred.op], pred.field, pred.right
    if type(right) is Const:
        value = right.value
        return lambda v: name in v and fn(v[name], value)
    other = right.name
    return lambda v: name in v and other in v and fn(v[name], v[other])


# --- the generated function ------------------------------------------------------------------


def _local(name: str) -> str:
    return "v_" + name


def present_if_true(pred) -> set:
    """Fields that must be present when the predicate is true (a comparison is false on an absent one)."""
    kind = type(pred)
    if kind is Present:
        return {pred.field}
    if kind is Cmp:
        return {pred.field, pred.right.name} if type(pred.right) is Field else {pred.field}
    if kind is AllOf:
        return set().union(*map(present_if_true, pred.items))
    return set()


def present_if_false(pred) -> set:
    """Fields that must be present when the predicate is false."""
    kind = type(pred)
    if kind is Absent:
        return {pred.field}
    if kind is AnyOf:
        return set().union(*map(present_if_false, pred.items))
    return set()


class _Builder:
    def __init__(self, reals: frozenset = frozenset(), bools: frozenset = frozenset()):
        self.reals = reals
        self.bools = bools

    def load(self, name: str) -> ast.Name:
        return ast.Name(_local(name), ast.Load())

    def present(self, name: str, yes: bool = True):
        op = ast.IsNot() if yes else ast.Is()
        return ast.Compare(self.load(name), [op], [ast.Constant(None)])

    def expr(self, pred, known: frozenset):
        """The predicate as a Python expression of the fact's locals (absent fields are None);
        ``known``: fields already proven present where it is evaluated."""
        kind = type(pred)
        if kind is Const:
            return ast.Constant(bool(pred.value))
        if kind is Present or kind is Absent:
            return self.present(pred.field, kind is Present)
        if kind is Cmp:
            return self.compare(pred, known)
        items, seen = [], set(known)
        for sub in pred.items:
            items.append(self.expr(sub, frozenset(seen)))
            if kind is AllOf:
                seen |= present_if_true(sub)  # later items of an `and` may rely on it
        return ast.BoolOp(ast.And() if kind is AllOf else ast.Or(), items)

    def compare(self, pred: Cmp, known):
        op, name, right = pred.op, pred.field, pred.right
        if type(right) is Const:
            value = right.value
            if type(value) is bool and name in self.bools and op in ("==", "!="):
                # a field that holds True or False: `x == True` is `x is True`, `x != True` is `x is False`,
                # each false where x is absent (None), as a comparison on an absent field is
                return ast.Compare(self.load(name), [ast.Is()], [ast.Constant(value == (op == "=="))])
            if name in self.reals and type(value) is int and abs(value) <= EXACT:
                value = float(value)  # the field holds floats: float against float is the fast comparison
            rhs, needed = ast.Constant(value), [name]
        else:
            rhs, needed = self.load(right.name), [name, right.name]
        test = ast.Compare(self.load(name), [_AST_OPS[op]()], [rhs])
        guards = [self.present(n) for n in needed if n not in known]
        return ast.BoolOp(ast.And(), guards + [test]) if guards else test


def generate(compiled: CompiledPack):
    """``fired(row) -> list of (rule index, kind)`` (each at most once) for the whole pack, as one function of the
    fact's row (``checker.engine.fact``): its fields are unpacked into locals in one step."""
    b = _Builder(compiled.reals, compiled.bools)
    body = []

    def add(index: int, kind: Kind) -> ast.Expr:
        # the constant holds the kind's value, a plain str (compile() takes no str subclass in a
        # constant); a Kind equals and hashes as its value
        return ast.Expr(
            ast.Call(
                ast.Attribute(ast.Name("out", ast.Load()), "append", ast.Load()),
                [ast.Constant((index, kind.value))],
                [],
            )
        )

    for cr in compiled.rules:
        na, fail = cr.preds.get(Kind.NOT_APPLICABLE), cr.preds.get(Kind.FAIL)
        if na is not None:
            known = frozenset(present_if_false(na))  # the fail test runs only where na is false
            fail_stmt = [ast.If(b.expr(fail, known), [add(cr.index, Kind.FAIL)], [])] if fail is not None else []
            body.append(ast.If(b.expr(na, frozenset()), [add(cr.index, Kind.NOT_APPLICABLE)], fail_stmt))
        elif fail is not None:
            body.append(ast.If(b.expr(fail, frozenset()), [add(cr.index, Kind.FAIL)], []))
    slots = ast.Tuple([ast.Name(_local(f), ast.Store()) for f in compiled.slots()], ast.Store())
    head = [
        ast.Assign([slots], ast.Name("row", ast.Load())),
        ast.Assign([ast.Name("out", ast.Store())], ast.List([], ast.Load())),
    ]
    func = ast.FunctionDef(
        "fired",
        ast.arguments([], [ast.arg("row")], None, [], [], None, []),
        head + body + [ast.Return(ast.Name("out", ast.Load()))],
        [],
        None,
    )
    module = ast.Module([func], [])
    ast.fix_missing_locations(module)
    namespace: dict = {"__builtins__": {}}
    code = compile(module, "<fazhi rule pack>", "exec")
    _run_definition(code, namespace)
    return namespace["fired"]


def _run_definition(code, namespace: dict) -> None:
    """Define the generated function (the module holds one `def` and nothing else)."""
    import types

    types.FunctionType(code, namespace)()


class PlainEngine:
    name = "python"

    def __init__(self, compiled: CompiledPack):
        self.checks = [((cr.index, kind), closure(pred)) for cr in compiled.rules for kind, pred in cr.preds.items()]
        self.slots = compiled.slots()
        try:
            self._fired = generate(compiled)
        except (SyntaxError, ValueError, TypeError, RecursionError):  # pragma: no cover - closures still work
            self._fired = None

    def fired(self, values: dict, row: list | None = None) -> tuple[list, dict]:
        """(rule index, kind) pairs that fire, and {rule index: reason} for rules that raised.
        ``values`` and ``row`` are the same fact (``checker.engine.fact``); without the row it is
        made from the values."""
        try:
            if self._fired is not None:
                if row is None:
                    row = [values.get(name) for name in self.slots]
                return self._fired(row), {}
            return [key for key, fn in self.checks if fn(values)], {}
        except Exception:  # a fault in one rule must not take the others down
            return self._isolated(values)

    def _isolated(self, values: dict) -> tuple[list, dict]:
        fired, errors = [], {}
        for key, fn in self.checks:
            try:
                if fn(values):
                    fired.append(key)
            except Exception as exc:
                errors[key[0]] = f"{type(exc).__name__}: {exc}"
        return fired, errors

    def close(self) -> None:
        pass
