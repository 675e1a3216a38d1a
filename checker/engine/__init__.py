"""Evaluating submissions: build the fact, run an engine, resolve statuses into findings."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from checker.engine.compile import EXACT, YEAR_FIELD, CompiledPack, CompiledRule, compile_pack
from checker.engine.ir import Kind
from checker.inputs.model import Submission
from checker.model import Completeness, Finding, SubmissionResult
from checker.pack import Pack
from checker.status import Status

ENGINES = ("durable", "python")
_NOTHING: frozenset = frozenset()


class EngineUnavailable(Exception):
    pass


def durable_available() -> bool:
    try:
        import durable_rules_engine  # noqa: F401
    except ImportError:
        return False
    return True


def make_engine(name: str | None, compiled: CompiledPack):
    """``durable`` (the default wherever durable-rules imports) or ``python``."""
    if name in (None, "durable"):
        try:
            from checker.engine.durable import DurableEngine
        except ImportError as exc:
            if name == "durable":
                raise EngineUnavailable(str(exc)) from exc
            name = "python"
        else:
            try:
                return DurableEngine(compiled)
            except (ValueError, RuntimeError) as exc:  # its core refused the pack
                if name == "durable":
                    raise EngineUnavailable(f"durable-rules: {exc}") from exc
                name = "python"
    if name == "python":
        from checker.engine.plain import PlainEngine

        return PlainEngine(compiled)
    raise EngineUnavailable(name)


def fact_values(compiled: CompiledPack, sub: Submission) -> tuple[dict, dict]:
    """The flat fact for one submission and the terms that could not be computed."""
    values, _, errors = fact(compiled, sub)
    return values, errors


def fact(compiled: CompiledPack, sub: Submission) -> tuple[dict, list, dict]:
    """The fact twice over, built in one pass: as a dict of the fields present (durable-rules,
    status resolution, scoring) and as a row of every field in ``compiled.slots()`` order, None
    where absent (the plain evaluator unpacks it in one step) — and the terms that failed."""
    values: dict = {YEAR_FIELD: sub.year}
    row: list = [sub.year]
    put = row.append
    get = sub.values.get
    reals = compiled.reals
    for key, name in compiled.fields.items():
        value = get(key)
        if value is None:
            put(None)
            continue
        v = value.value
        if isinstance(v, dt.date):
            v = v.toordinal()
        values[name] = v
        # in the row a percentage is a float: 100 and 100.0 compare alike, and float against float is
        # the fast comparison (the dict keeps 100: JSON writes ints faster). Only where the float is
        # exact: a report's text can give a percentage far out of range, to be reported, not converted.
        put(float(v) if name in reals and type(v) is int and -EXACT <= v <= EXACT else v)
    for key, name in compiled.approx_fields.items():
        value = get(key)
        if value is None:
            put(None)
        else:
            values[name] = v = value.approx
            put(v)
    errors: dict = {}
    for term in compiled.terms:
        result = None
        if all(ref in values for ref in term.refs):
            try:
                result = term.fn(values)
            except (ArithmeticError, ValueError) as exc:
                errors[term.field] = str(exc)
            else:
                if isinstance(result, float) and not math.isfinite(result):
                    errors[term.field] = "overflow"
                    result = None
                elif result is not None:  # None: a given_or() with neither its indicator nor its default
                    values[term.field] = result
        put(result)
    return values, row, errors


# ``Status`` and ``Kind`` members bound once: on CPython 3.11 reading ``Status.PASS`` goes through the
# enum's descriptor, and ``resolve`` runs for every rule of every submission (docs/performance.md)
_PASS, _FAIL, _WARN, _NOT_APPLICABLE, _MISSING, _ERROR = (
    Status.PASS,
    Status.FAIL,
    Status.WARN,
    Status.NOT_APPLICABLE,
    Status.MISSING,
    Status.ERROR,
)
_FIRED_NOT_APPLICABLE, _FIRED_FAIL = Kind.NOT_APPLICABLE, Kind.FAIL


def resolve(
    cr: CompiledRule, kinds: set, values: dict, term_errors: dict, invalid: set, fault: str | None = None
) -> tuple[Status, str | None]:
    """What fired for one rule (a set of ``Kind``) -> (status, reason). Runs for every rule of every
    submission: it reads the members it returns from the module names above, bound once."""
    if fault is not None:
        return _ERROR, fault
    if _FIRED_NOT_APPLICABLE in kinds:
        return _NOT_APPLICABLE, None
    if invalid:
        bad = [k for k in cr.refs if k in invalid]
        if bad:
            return _ERROR, "invalid:" + ",".join(bad)
    if term_errors:
        for term in cr.app_terms:
            if term.field in term_errors:
                return _ERROR, term_errors[term.field]
    for name in cr.miss_fields:
        if name not in values:
            return _MISSING, None
    for name, places in cr.miss_unless:  # a given_or() default: needed only where what it stands in for is not
        if name not in values and any(not any(p in values for p in group) for group in places):
            return _MISSING, None
    if term_errors:
        for term in cr.cond_terms:
            if term.field in term_errors:
                return _ERROR, term_errors[term.field]
    if _FIRED_FAIL in kinds:
        if not cr.rule.blocking:
            return _WARN, None
        # a breach the rule's confirm_with indicators could explain (a carry-over from the previous
        # year) is only a warning while the county has reported none of them
        if cr.confirm_fields and not any(name in values for name in cr.confirm_fields):
            return _WARN, None
        return _FAIL, None
    return _PASS, None


def _missing(cr: CompiledRule, given) -> tuple:
    """The indicators a missing rule lacks, in the condition's order; a given_or() default that is lacking
    is named after the indicators preferred to it (ENFO-005: the refined rate, then the old one)."""
    out = []
    for key in cr.cond_needed:
        if key in given:
            continue
        places = cr.unless.get(key)
        if places is None:
            out.append(key)
            continue
        unmet = [group for group in places if not any(p in given for p in group)]
        if unmet:
            out.extend(p for group in unmet for p in group)
            out.append(key)
    return tuple(dict.fromkeys(out))


class Checker:
    """A pack compiled once, an engine, and the pipeline from submission to result."""

    def __init__(self, pack: Pack, engine: str | None = None):
        self.pack = pack
        self.compiled = compile_pack(pack)
        self.engine = make_engine(engine, self.compiled)
        self.by_year: dict = {}  # year -> {rule index: the rule as cited for that year}
        required = self.required = frozenset(pack.required)
        derivable = {key for key, ind in pack.catalogue.indicators.items() if ind.derive or ind.parts}
        # per rule: the required indicators its condition needs, and the derivable indicators it reads,
        # whose counts (those a value was computed from: ``Value.via``) that it does not read itself are
        # listed in the finding, shown beside the value
        self.extra = {
            cr.index: (
                frozenset(k for k in cr.cond_needed if k in required),
                tuple(key for key in cr.refs if key in derivable),
            )
            for cr in self.compiled.rules
        }
        self.reads = frozenset(k for cr in self.compiled.rules for k in cr.refs)

    def evaluate(self, sub: Submission) -> list[Finding]:
        values, row, term_errors = fact(self.compiled, sub)
        fired: dict = {}
        pairs, faults = self.engine.fired(values, row)
        for index, kind in pairs:
            fired.setdefault(index, set()).add(kind)
        get, region, year, invalid = sub.values.get, sub.region, sub.year, sub.invalid
        cited = self._cited(year)
        reads = self.reads
        ranged = [k for k, v in sub.values.items() if v.bounds is not None and k in reads]
        at_ends = self._at_ends(sub, ranged, values, term_errors, fired, faults) if ranged else None
        findings = []
        for cr in self.compiled.rules:
            if at_ends and cr.index in at_ends:
                status, reason = at_ends[cr.index]
            else:
                status, reason = resolve(
                    cr, fired.get(cr.index, _NOTHING), values, term_errors, invalid, faults.get(cr.index)
                )
            vals = tuple(zip(cr.refs, map(get, cr.refs)))
            required, counts = self.extra[cr.index]
            shown = -1
            if counts:
                extra = tuple(
                    (k, get(k))
                    for k in dict.fromkeys(k for rate in counts if _derived(get(rate)) for k in get(rate).via)
                    if k not in cr.refs
                )
                if extra:
                    shown, vals = len(vals), vals + extra
            if status is _MISSING:
                location = sub.indicators_pos
                missing = _missing(cr, sub.values)
                needs = not required.isdisjoint(missing)
            else:
                location, missing, needs = None, (), bool(required)
                for _, v in vals:
                    if v is not None and v.line:
                        location = (v.line, v.column)
                        break
            findings.append(
                Finding(
                    cited[cr.index], status, vals, location, region, year, reason, missing, required=needs, shown=shown
                )
            )
        return findings

    def _at_ends(
        self, sub: Submission, ranged: list, values: dict, term_errors: dict, fired: dict, faults: dict
    ) -> dict:
        """{rule index: (status, reason)} for each rule that reads a value standing for a range (an
        approximate figure, a rate from approximate counts: ``Value.bounds``): the rule is decided with
        each such value it reads at its lowest and at its highest, every combination, and at the figure
        where the figure lies within its range. One status throughout is the status; an error anywhere
        is the error; else the rule is met at one end and not at the other, and cannot be confirmed: a
        warning (reason ``range:`` and the indicators), never a pass. The engine sees the same numbers either way, so both
        engines agree; the corners are merged into as few facts as cover them."""
        ranged_set = set(ranged)
        needs = {}  # rule index -> its ranged indicators
        for cr in self.compiled.rules:
            keys = [k for k in cr.refs if k in ranged_set]
            if keys:
                needs[cr.index] = keys[:MAX_RANGED]
        facts: list = []  # each a {indicator: 0 (lowest) or 1 (highest)}
        corners: dict = {}  # rule index -> the facts that hold its corners
        for index, keys in needs.items():
            held = []
            for ends in itertools.product((0, 1), repeat=len(keys)):
                want = dict(zip(keys, ends))
                for i, fact_ends in enumerate(facts):  # noqa: B007 - i is read after the loop
                    if all(fact_ends.get(k, end) == end for k, end in want.items()):
                        fact_ends.update(want)
                        break
                else:
                    i = len(facts)
                    facts.append(want)
                held.append(i)
            corners[index] = held
        runs = []
        for fact_ends in facts:
            at = dict(sub.values)
            for key, end in fact_ends.items():
                v = at[key]
                at[key] = _At(v.bounds[end], v.approx)
            c_values, c_row, c_errors = fact(self.compiled, _Corner(at, sub.year))
            c_pairs, c_faults = self.engine.fired(c_values, c_row)
            c_fired: dict = {}
            for i, kind in c_pairs:
                c_fired.setdefault(i, set()).add(kind)
            runs.append((c_values, c_errors, c_fired, c_faults))
        out = {}
        by_index = {cr.index: cr for cr in self.compiled.rules}
        for index, held in corners.items():
            cr = by_index[index]
            decided = []
            if all(_within(sub.values[k]) for k in needs[index]):  # 近100 is 100 as written, below it as meant
                decided.append(
                    resolve(cr, fired.get(index, _NOTHING), values, term_errors, sub.invalid, faults.get(index))
                )
            for i in dict.fromkeys(held):
                c_values, c_errors, c_fired, c_faults = runs[i]
                decided.append(
                    resolve(cr, c_fired.get(index, _NOTHING), c_values, c_errors, sub.invalid, c_faults.get(index))
                )
            statuses = {status for status, _ in decided}
            if len(statuses) == 1:
                out[index] = decided[0]
            elif Status.ERROR in statuses:
                out[index] = next(d for d in decided if d[0] is Status.ERROR)
            else:
                out[index] = (Status.WARN, "range:" + ",".join(needs[index]))
        return out

    def _cited(self, year) -> dict:
        """{rule index: the rule as cited for ``year``}: a basis that lists versions cites the one in
        force for most of the reporting year (``Rule.at``); every other rule is itself."""
        cited = self.by_year.get(year)
        if cited is None:
            cited = self.by_year[year] = {cr.index: cr.rule.at(year) for cr in self.compiled.rules}
        return cited

    def completeness(self, sub: Submission) -> Completeness:
        """The required indicators (the profile's, or all a binding rule needs with --require-complete)
        and those not reported. One given but unreadable counts as reported: it is an input error."""
        required = self.pack.required
        missing = tuple(k for k in required if k not in sub.values and k not in sub.invalid)
        return Completeness(len(required), len(required) - len(missing), missing)

    def check(self, sub: Submission) -> SubmissionResult:
        findings: tuple = ()
        completeness = None
        if sub.parsed and sub.region is not None and sub.year is not None:
            findings = tuple(self.evaluate(sub))
            completeness = self.completeness(sub)
        return SubmissionResult(
            sub.file, sub.region, sub.year, findings, tuple(sub.diagnostics), sub.indicators_pos, completeness
        )

    def close(self) -> None:
        self.engine.close()


MAX_RANGED = 6  # a rule reading more approximate values than this is decided on the first six's corners


class _At:
    """A value at one end of its range, as ``fact`` reads it."""

    __slots__ = ("value", "approx")

    def __init__(self, value, approx):
        self.value, self.approx = value, approx


class _Corner:
    """A submission as ``fact`` reads it, its ranged values at chosen ends."""

    __slots__ = ("values", "year")

    def __init__(self, values: dict, year):
        self.values, self.year = values, year


def _within(value) -> bool:
    low, high = value.bounds
    return low <= value.value <= high


def _derived(value) -> bool:
    return value is not None and value.derived
