"""The compiled pack as durable-rules rulesets: conditions in its JSON form, laid out in buckets.

What the C core needs of a ruleset, and why each part of the layout is there, is in
``docs/engine-core.md``; in short:

* a comparison of two fields never reaches the core: ``a > b`` is sent as ``s > 0``, ``s`` the sign
  of ``a - b`` that the fact writer adds where both are present (``signs``);
* every rule starts with its *bucket*'s marker (``$ex _b3``), which every fact carries: the root
  node then has one child a bucket, and what one fact makes the core push onto its 64-node stack
  stays below it (error 303 otherwise; ``Plan``);
* within a bucket, chains on different properties start their probes in different slots of the
  node's child table (the low bits of the property's FNV-1a hash), and so do the markers: a probe
  ends after a step or two (``name_hash``, ``HASH_MASK``);
* a fact holds at most 255 properties: a pack that reads more is split into several rulesets, each
  sent only the fields it reads (``MAX_FIELDS``);
* every property name is one the fact writer can tell apart from a value (``NAME``, and
  ``durable_facts``).

Nothing here calls the core: the layout is plain data, tested without durable-rules.
"""

from __future__ import annotations

import itertools
import re

from checker.engine.compile import CompiledPack
from checker.engine.ir import Absent, AllOf, AnyOf, Cmp, Const, Field, Kind, Present, fields_read

MAX_CHAINS = 16  # alpha chains under one bucket node, each starting its probes in a slot of its own
MAX_BUCKETS = 20  # bucket nodes at the root, all pushed at once (see Plan for the stack)
STACK = 64  # the core's node stack (MAX_STACK_SIZE in events.c): error 303 past it
MAX_FIELDS = 240  # properties of one fact (fields, signs, markers): the C core accepts 255
HASH_MASK = 0x1F  # the core's first probe slot: the low bits of a name's hash
PRIME = "prime"  # the rule a session is primed with (``durable_session``), on the property below
PRIME_FIELD = "__prime"
# every property name of ours: no e, so that "e+" or "e-" in a fact's JSON marks a number with an
# exponent, and no n, so that an n marks inf or nan; nor capitals, for True and False
# (``durable_facts.FactWriter.encode`` relies on it)
NAME = re.compile(r"[a-df-mo-z_][a-df-mo-z0-9_]*")
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}


def rule_name(index: int, kind: Kind) -> str:
    """The name of a rule's predicate in the ruleset (what an action message names): ``r12_fail``."""
    return f"r{index}_{kind.value}"


class Ruleset:
    """One ruleset as laid out: its definition (JSON data), the fact fields it reads, its bucket
    markers, its sign fields ({(a, b): sign field}) and what each rule name reports."""

    __slots__ = ("definition", "fields", "markers", "signs", "reports")

    def __init__(self, definition: dict, fields: tuple, markers: tuple, signs: dict, reports: dict):
        self.definition = definition
        self.fields = fields
        self.markers = markers
        self.signs = signs
        self.reports = reports  # rule name -> (rule index, Kind)


def name_hash(name: str) -> int:
    """The core's hash of a property name (32-bit FNV-1a, ``fnv1Hash32``)."""
    h = 0x811C9DC5
    for byte in name.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def to_json(pred) -> dict:
    """A predicate (with no comparison of two fields; see ``signs``) -> durable-rules condition."""
    kind = type(pred)
    if kind is Const:  # every fact has its session id
        return {"$ex": {"sid": 1}} if pred.value else {"$nex": {"sid": 1}}
    if kind is Present:
        return {"$ex": {pred.field: 1}}
    if kind is Absent:
        return {"$nex": {pred.field: 1}}
    if kind is Cmp:
        if type(pred.right) is not Const:
            raise ValueError(f"a comparison of two fields reached durable-rules: {pred!r}")
        value = pred.right.value
        return {pred.field: value} if pred.op == "==" else {_OPS[pred.op]: {pred.field: value}}
    items = pred.items
    if kind is AllOf:
        # The core reaches a comparison's node only through its field's property, so `$ex x`
        # beside a comparison of x is implied. Left in, it is a node of its own that matches
        # nearly every fact, and every matched node with children makes the core walk all of
        # the fact's properties again.
        keyed = {p.field for p in items if type(p) is Cmp}
        items = [p for p in items if not (type(p) is Present and p.field in keyed)]
        if len(items) == 1:
            return to_json(items[0])
        return {"$and": [to_json(p) for p in items]}
    return {"$or": [to_json(p) for p in items]}


def signs(pred, pairs: dict):
    """``pred`` with each comparison of two fields ``a op b`` as ``s op 0``, ``s`` the sign of
    ``a - b``; ``pairs`` maps (a, b) to the sign field's name, new ones added."""
    kind = type(pred)
    if kind is Cmp and type(pred.right) is Field:
        pair = (pred.field, pred.right.name)
        if pair not in pairs:
            pairs[pair] = f"_s{len(pairs)}"
        return Cmp(pred.op, pairs[pair], Const(0))
    if kind is AllOf or kind is AnyOf:
        return kind(tuple(signs(p, pairs) for p in pred.items))
    return pred


def dnf(cond) -> list:
    """A condition's alpha chains: the lists of conditions the core makes of it (its DNF)."""
    ((key, value),) = cond.items()
    if key == "$or":
        return [chain for c in value for chain in dnf(c)]
    if key == "$and":
        out: list = [[]]
        for c in value:
            out = [chain + more for chain in out for more in dnf(c)]
        return out
    return [[cond]]


def start(chain: list) -> str | None:
    """The property a chain's first node is keyed by in its parent's child table; None for
    ``$nex``, whose nodes the core keeps in a list instead."""
    ((key, value),) = chain[0].items()
    if key == "$nex":
        return None
    return next(iter(value)) if key.startswith("$") else key


class _Bucket:
    __slots__ = ("starts", "chains", "deep", "members")

    def __init__(self):
        self.starts: dict = {}  # first probe slot -> the property whose chains start there
        self.chains = 0  # alpha chains under the bucket's marker
        self.deep = 0  # the most a first node of its chains pushes below it
        self.members: list = []  # (rule name, condition)


class Plan:
    """One ruleset being laid out: its buckets of rules, the fields its facts carry, its signs.

    The core walks the network with a stack of 64 nodes: every marker matches, so the root pushes
    all buckets, and a bucket then pushes the first nodes of its chains that match (at most its
    chains), a first node the next ones (at most the chains of its predicate). A plan keeps
    (buckets - 1) + the largest of those needs within the stack, or refuses the predicate: it then
    starts the next ruleset. Only a single predicate wider than the stack cannot be laid out so;
    a fact that matched all of it would be refused (error 303, reported as errors of its rules)."""

    def __init__(self):
        self.fields: set = set()
        self.signs: dict = {}  # (a, b) -> sign field
        self.buckets: list = []
        self.open: list = []  # the buckets with room left
        self.worst = 0  # the most a bucket pushes: its chains and, below them, the deepest
        self.reports: dict = {}  # rule name -> (rule index, Kind)

    def _need(self, buckets: int, bucket: _Bucket | None = None, size: int = 0, deep: int = 0) -> int:
        """Nodes on the stack at most, with ``size`` chains (and ``deep`` below them) added to ``bucket``."""
        worst = self.worst if bucket is None else max(self.worst, bucket.chains + size + max(bucket.deep, deep))
        return buckets - 1 + max(worst, size + deep)

    def add(self, index: int, kind: Kind, pred, first: bool = False) -> bool:
        """Lay out one predicate; False (and nothing changed) where it does not fit. The first
        predicate of a ruleset always fits: a predicate is never split."""
        name = rule_name(index, kind)
        pairs = dict(self.signs)  # kept only if the predicate is laid out
        pred = signs(pred, pairs)
        needs = fields_read(pred).difference(pairs.values())
        width = len(self.fields) + len(needs.difference(self.fields)) + len(pairs) + len(self.buckets) + 1
        if not first and width > MAX_FIELDS:
            return False
        cond = to_json(pred)
        chains = dnf(cond)
        size = len(chains)
        deep = size if any(len(chain) > 1 for chain in chains) else 0
        starts: dict = {}  # slot -> property: chains on one property may share its slot
        shared = True
        for prop in filter(None, map(start, chains)):
            shared &= starts.setdefault(name_hash(prop) & HASH_MASK, prop) == prop
        bucket = None
        if shared and size <= MAX_CHAINS:
            bucket = next(
                (
                    b
                    for b in self.open
                    if b.chains + size <= MAX_CHAINS
                    and all(b.starts.get(slot, prop) == prop for slot, prop in starts.items())
                    and self._need(len(self.buckets), b, size, deep) < STACK
                ),
                None,
            )
        if bucket is None:
            if not first and (
                len(self.buckets) >= MAX_BUCKETS
                or width + 1 > MAX_FIELDS
                or self._need(len(self.buckets) + 1, None, size, deep) >= STACK
            ):
                return False
            bucket = _Bucket()
            self.buckets.append(bucket)
            self.open.append(bucket)
        bucket.starts.update(starts)
        bucket.chains += size
        bucket.deep = max(bucket.deep, deep)
        bucket.members.append((name, cond))
        self.worst = max(self.worst, bucket.chains + bucket.deep)
        if bucket.chains >= MAX_CHAINS or len(bucket.starts) > HASH_MASK:
            self.open.remove(bucket)
        self.fields |= needs
        self.signs = pairs
        self.reports[name] = (index, kind)
        return True

    def finish(self) -> Ruleset:
        ours = (*self.fields, *self.signs.values())
        names = (*ours, "sid", "id", PRIME_FIELD)
        taken = {name_hash(n) for n in names}
        if len(taken) < len(names):
            raise ValueError("two property names of a durable-rules fact share a hash")
        unsafe = [n for n in ours if not NAME.fullmatch(n)]
        if unsafe:
            raise ValueError(f"property names the fact writer cannot tell from values: {unsafe}")
        markers: list = []
        slots: set = set()
        for i in itertools.count():  # names with hashes of their own, and first slots that differ
            if len(markers) == len(self.buckets):
                break
            name = f"_b{i}"
            h = name_hash(name)
            if h not in taken and (h & HASH_MASK not in slots or i > 5000):
                markers.append(name)
                taken.add(h)
                slots.add(h & HASH_MASK)
        rules = {}
        for marker, bucket in zip(markers, self.buckets):
            for name, cond in bucket.members:
                rules[name] = {"all": [{"m": {"$and": [{"$ex": {marker: 1}}, cond]}}]}
        rules[PRIME] = {"all": [{"m": {"$ex": {PRIME_FIELD: 1}}}]}
        return Ruleset(rules, tuple(sorted(self.fields)), tuple(markers), dict(self.signs), dict(self.reports))


def rulesets(compiled: CompiledPack) -> list[Ruleset]:
    """The pack as durable-rules rulesets within the C core's limits; usually a single one.

    Every rule starts with a *bucket* condition (``$ex _b3``): the root has one child per bucket (at
    most MAX_BUCKETS), a bucket holds at most MAX_CHAINS alpha chains (a wider predicate gets a
    bucket of its own), and a predicate that would take the buckets and one bucket's pushes past the
    stack starts a new ruleset (Plan: only one predicate wider than the stack by itself cannot be
    helped). A pack reading more than MAX_FIELDS fields is split into several rulesets, each sent
    only the fields it reads. A predicate that is always false is left out."""
    plans = [Plan()]
    for cr in compiled.rules:
        for kind, pred in cr.preds.items():
            if type(pred) is Const and not pred.value:
                continue
            if not plans[-1].add(cr.index, kind, pred):
                plans.append(Plan())
                plans[-1].add(cr.index, kind, pred, first=True)
    return [plan.finish() for plan in plans if plan.buckets]
