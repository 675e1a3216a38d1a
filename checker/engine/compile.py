"""Compile a rule pack once into a small predicate form that both engines run.

A submission becomes one flat *fact*: each indicator a rule reads is a short
field (``f3``), its approximate flag another (``a3``), the year ``_y``; every
arithmetic or function sub-expression becomes a *term* field (``t7``) computed
in Python before the fact reaches an engine (so that no engine divides by zero
or truncates an integer division).  What remains for the engine is boolean
structure over comparisons of one field with a constant or another field, and
field presence.

Each rule yields up to two predicates (``checker.engine.ir``: named nodes) that
fire only on what must be reported: ``Kind.NOT_APPLICABLE`` (applies_when is
known and false) and ``Kind.FAIL`` (the condition is false).  Whether a needed
indicator is absent (``missing``) is a fact about the submission, not a rule,
and is read off the fact before the engines run.  A rule for which nothing
fires and nothing is missing passes.  ``resolve`` turns what fired into a
status; it is shared by both engines so they can differ only in how the
predicates are matched.  ``given_or(x, d)`` is a term that reads x where the
fact has it, else d, and does not list x among its refs (so it is computed
either way); a rule's ``confirm_with`` indicators become fields that
``resolve`` reads: with none of them in the fact, a failure is a warning.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import field

from checker.engine.ir import FALSE, TRUE, Absent, AllOf, AnyOf, Cmp, Const, Field, Kind, Present
from checker.pack import Pack, expr
from checker.pack.rules import Rule
from checker.record import FACTORY, Record, record

NEGATE = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
SWAP = {"==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}
YEAR_FIELD = "_y"
EXACT = 2**53  # integers up to this are floats exactly: comparing with either is the same


@record
class Term(Record):
    """An arithmetic sub-expression computed in Python into a fact field before the engines run."""

    field: str
    fn: object  # values dict -> value (may raise ArithmeticError/ValueError)
    refs: tuple  # fields it reads
    text: str

    def __init__(self, field, fn, refs, text):
        self.field = field
        self.fn = fn
        self.refs = refs
        self.text = text


@record
class CompiledRule(Record):
    """One rule's predicates and what status resolution needs to read them."""

    index: int
    rule: Rule
    preds: dict  # Kind -> predicate (checker.engine.ir); FAIL first
    terms: tuple  # Term objects this rule needs (applicability first)
    app_terms: tuple
    cond_terms: tuple
    cond_needed: tuple  # indicator keys the condition needs
    app_needed: tuple
    refs: tuple  # every indicator key the rule reads, in order
    miss_fields: tuple = ()  # fact fields of cond_needed always needed: one absent makes the rule missing
    confirm_fields: tuple = ()  # fact fields of rule.confirm_with: with none present a failure is a warning
    miss_unless: tuple = ()  # ((field, ((preferred field, ...), ...)), ...): a given_or() default, needed
    # only where, at one place it is read, none of the indicators preferred to it is given
    unless: dict = field(default_factory=dict)  # the same by indicator key (expr.needed_unless), to name them

    def __init__(
        self,
        index,
        rule,
        preds,
        terms,
        app_terms,
        cond_terms,
        cond_needed,
        app_needed,
        refs,
        miss_fields=(),
        confirm_fields=(),
        miss_unless=(),
        unless=FACTORY,
    ):
        self.index = index
        self.rule = rule
        self.preds = preds
        self.terms = terms
        self.app_terms = app_terms
        self.cond_terms = cond_terms
        self.cond_needed = cond_needed
        self.app_needed = app_needed
        self.refs = refs
        self.miss_fields = miss_fields
        self.confirm_fields = confirm_fields
        self.miss_unless = miss_unless
        self.unless = {} if unless is FACTORY else unless


@record
class CompiledPack(Record):
    """A pack compiled once: its rules' predicates and the fact's fields."""

    pack: Pack
    rules: list
    fields: dict = field(default_factory=dict)  # indicator key -> field name
    approx_fields: dict = field(default_factory=dict)
    terms: list = field(default_factory=list)
    reals: frozenset = frozenset()  # fields of percentages: given to the engines as floats
    bools: frozenset = frozenset()  # fields that hold True or False wherever present (yes/no, approx)

    def __init__(
        self, pack, rules, fields=FACTORY, approx_fields=FACTORY, terms=FACTORY, reals=frozenset(), bools=frozenset()
    ):
        self.pack = pack
        self.rules = rules
        self.fields = dict() if fields is FACTORY else fields
        self.approx_fields = dict() if approx_fields is FACTORY else approx_fields
        self.terms = list() if terms is FACTORY else terms
        self.reals = reals
        self.bools = bools

    def slots(self) -> tuple:
        """The fact's fields in the order of its row (see ``checker.engine.fact``)."""
        return (YEAR_FIELD, *self.fields.values(), *self.approx_fields.values(), *(t.field for t in self.terms))


class Compiler:
    """Compiles rules (and score schemes' expressions) against one pack's fields and terms."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.out = CompiledPack(pack, [])
        self.term_keys: dict = {}

    def field(self, key: str) -> str:
        fields = self.out.fields
        if key not in fields:
            fields[key] = f"f{len(fields)}"
        return fields[key]

    def approx_field(self, key: str) -> str:
        name = "a" + self.field(key)[1:]
        self.out.approx_fields[key] = name
        return name

    # -- operands and terms ------------------------------------------------
    def side(self, node, params, terms) -> Const | Field:
        """One side of a comparison: a constant, or the field (an indicator, the year, a term) it reads."""
        if isinstance(node, (expr.Num, expr.Bool)):
            return Const(node.value)
        if isinstance(node, expr.Param):
            return Const(params[node.name])
        if isinstance(node, expr.Ind):
            return Field(self.field(node.key))
        if isinstance(node, expr.Year):
            return Field(YEAR_FIELD)
        if isinstance(node, expr.Call) and node.name == "approx":
            return Field(self.approx_field(node.args[0].key))
        return Field(self.term(node, params, terms))

    def term(self, node, params, terms) -> str:
        key = (_shape(node), tuple(sorted(params.items())))
        term = self.term_keys.get(key)
        if term is None:
            refs: list = []
            fn = self.term_fn(node, params, refs)
            term = Term(f"t{len(self.out.terms)}", fn, tuple(dict.fromkeys(refs)), _shape_text(node))
            self.out.terms.append(term)
            self.term_keys[key] = term
        if term not in terms:
            terms.append(term)
        return term.field

    def term_fn(self, node, params, refs):
        if isinstance(node, (expr.Num, expr.Bool)):
            value = node.value
            return lambda v: value
        if isinstance(node, expr.Param):
            value = params[node.name]
            return lambda v: value
        if isinstance(node, expr.Ind):
            name = self.field(node.key)
            refs.append(name)
            return lambda v: v[name]
        if isinstance(node, expr.Year):
            refs.append(YEAR_FIELD)
            return lambda v: v[YEAR_FIELD]
        if isinstance(node, expr.Neg):
            arg = self.term_fn(node.arg, params, refs)
            return lambda v: -arg(v)
        if isinstance(node, expr.Arith):
            return _ARITH[node.op](self.term_fn(node.left, params, refs), self.term_fn(node.right, params, refs))
        if isinstance(node, expr.Call) and node.name == "given_or":
            # x where given, else the default: neither x nor what the default reads is among the term's
            # refs, so the term is computed where x is given or the default can be (never making the rule
            # missing by itself); where neither can, it is None: not computed (``fact``)
            name = self.field(node.args[0].key)
            inner: list = []
            default = self.term_fn(node.args[1], params, inner)
            needs = tuple(dict.fromkeys(inner))
            return lambda v: v[name] if name in v else (default(v) if all(r in v for r in needs) else None)
        if isinstance(node, expr.Call):
            args = [self.term_fn(a, params, refs) for a in node.args]
            return _CALLS[node.name](*args)
        raise AssertionError(node)  # pragma: no cover

    # -- predicates --------------------------------------------------------
    def pred(self, node, params, terms, neg=False):
        """The predicate of a boolean expression (its negation with ``neg``), ``not`` pushed down."""
        if isinstance(node, expr.Logic):
            both = (node.op == "and") != neg  # not (a and b) is (not a) or (not b)
            items = tuple(self.pred(a, params, terms, neg) for a in node.args)
            return AllOf(items) if both else AnyOf(items)
        if isinstance(node, expr.Not):
            return self.pred(node.arg, params, terms, not neg)
        if isinstance(node, expr.Bool):
            return TRUE if node.value != neg else FALSE
        if isinstance(node, expr.Call) and node.name == "present":
            name = self.field(node.args[0].key)
            return Absent(name) if neg else Present(name)
        if isinstance(node, expr.Cmp):
            return self.comparison(node.op, node.left, node.right, params, terms, neg)
        # a bare boolean: an indicator or approx(x)
        return self.comparison("==", node, expr.Bool(True), params, terms, neg)

    def comparison(self, op, left, right, params, terms, neg):
        op = NEGATE[op] if neg else op
        lo, ro = self.side(left, params, terms), self.side(right, params, terms)
        if type(lo) is Const and type(ro) is Const:
            return TRUE if _CMP[op](lo.value, ro.value) else FALSE
        if type(lo) is Const:
            lo, ro, op = ro, lo, SWAP[op]
        return Cmp(op, lo.name, ro)

    def rule(self, index: int, rule: Rule) -> CompiledRule:
        app_terms: list = []
        cond_terms: list = []
        cond_needed = tuple(expr.needed(rule.cond_tree))
        app_needed = tuple(expr.needed(rule.app_tree)) if rule.app_tree is not None else ()
        preds = {}
        # No presence guards: a fail that fires while a needed indicator or term is absent is
        # overruled by `missing` (or `error`) in resolve(), which both engines share.
        preds[Kind.FAIL] = self.pred(rule.cond_tree, rule.params, cond_terms, neg=True)
        if rule.app_tree is not None:
            na = self.pred(rule.app_tree, rule.params, app_terms, neg=True)
            guard = [Present(self.field(k)) for k in app_needed] + [Present(t.field) for t in app_terms]
            preds[Kind.NOT_APPLICABLE] = _all(guard + [na])
        refs = [k for k, _ in expr.indicator_refs(rule.cond_tree)]
        if rule.app_tree is not None:
            refs += [k for k, _ in expr.indicator_refs(rule.app_tree)]
        all_terms = tuple(app_terms) + tuple(t for t in cond_terms if t not in app_terms)
        # given_or(x, y): y is needed only where x is not given (ENFO-005: the refined rate, or the old one)
        unless = {k: places for k, places in expr.needed_unless(rule.cond_tree).items() if () not in places}
        return CompiledRule(
            index,
            rule,
            preds,
            all_terms,
            tuple(app_terms),
            tuple(cond_terms),
            cond_needed,
            app_needed,
            tuple(dict.fromkeys(refs)),
            tuple(self.field(k) for k in cond_needed if k not in unless),
            tuple(self.field(k) for k in rule.confirm_with),
            tuple(
                (self.field(k), tuple(tuple(self.field(a) for a in group) for group in places))
                for k, places in unless.items()
            ),
            unless,
        )


def _all(items: list):
    """``AllOf(items)``, with constants folded."""
    constants = {i.value for i in items if type(i) is Const}
    if False in constants:
        return FALSE
    items = [i for i in items if type(i) is not Const]
    if not items:
        return TRUE
    return items[0] if len(items) == 1 else AllOf(tuple(items))


def _div(a, b):
    def fn(v):
        d = b(v)
        if d == 0:
            raise ZeroDivisionError("division by zero")
        return a(v) / d

    return fn


def _rate(n, d):
    def fn(v):
        den = d(v)
        if den == 0:
            raise ZeroDivisionError("rate over a zero denominator")
        return 100.0 * n(v) / den

    return fn


def _date(y, m, d):
    def fn(v):
        return _dt.date(int(y(v)), int(m(v)), int(d(v))).toordinal()

    return fn


_ARITH = {
    "+": lambda a, b: lambda v: a(v) + b(v),
    "-": lambda a, b: lambda v: a(v) - b(v),
    "*": lambda a, b: lambda v: a(v) * b(v),
    "/": _div,
}
_CALLS = {
    "rate": _rate,
    "date": _date,
    "min": lambda a, b: lambda v: min(a(v), b(v)),
    "max": lambda a, b: lambda v: max(a(v), b(v)),
    "abs": lambda a: lambda v: abs(a(v)),
}
_CMP = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _shape(node):
    """A position-free structural key of an expression tree (for sharing terms)."""
    if isinstance(node, (expr.Num, expr.Bool)):
        return (type(node).__name__, node.value)
    if isinstance(node, expr.Ind):
        return ("Ind", node.key)
    if isinstance(node, expr.Param):
        return ("Param", node.name)
    if isinstance(node, expr.Year):
        return ("Year",)
    if isinstance(node, (expr.Neg, expr.Not)):
        return (type(node).__name__, _shape(node.arg))
    if isinstance(node, (expr.Arith, expr.Cmp)):
        return (type(node).__name__, node.op, _shape(node.left), _shape(node.right))
    if isinstance(node, (expr.Logic, expr.Call)):
        return (
            type(node).__name__,
            getattr(node, "op", getattr(node, "name", "")),
            tuple(_shape(a) for a in node.args),
        )
    raise AssertionError(node)  # pragma: no cover


def _shape_text(node) -> str:
    return repr(_shape(node))


def compile_pack(pack: Pack) -> CompiledPack:
    compiler = Compiler(pack)
    for index, rule in enumerate(pack.rules):
        compiler.out.rules.append(compiler.rule(index, rule))
    out = compiler.out
    units = {key: ind.unit for key, ind in pack.catalogue.indicators.items()}
    out.reals = frozenset(name for key, name in out.fields.items() if units.get(key) == "percent")
    out.bools = frozenset(
        [*(name for key, name in out.fields.items() if units.get(key) == "bool"), *out.approx_fields.values()]
    )
    return out
