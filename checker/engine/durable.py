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
* no comparison of two fields reaches the engine: where the right-hand field is
  absent the core compares against a value left from an earlier fact (a rule
  ``a > b`` fired on ``{a: 5}`` after ``{a: 5, b: 3}``).  ``a > b`` is sent as
  ``s > 0``, ``s`` the sign of ``a - b`` computed with both present;
* a fact that matches nothing raises "not handled": that simply means no rule
  fired; the low-level call answers it with code 1, and a fact whose id the
  session has seen with code 2, not an exception: that fact was never matched,
  so its rules are errors, never passes;
* numbers reach it in positional form: its parser refuses ``1e-05`` (error 204);
* every rule starts with its bucket's marker (``$ex _b3``), which also keeps the
  session's own state object from matching, and the buckets and what one of them
  pushes stay within the core's 64-node stack (error 303 otherwise; see Plan);
* the session is primed with a fact that runs an action before its state is
  ever deleted (deleting a never-actioned state crashes), and its state is
  deleted every ``RECYCLE`` facts so memory stays flat.

Speed.  At every node that matches and has children, the core walks *all* of the
fact's properties and probes each in the node's child table: an open-addressed
table that starts every probe at the low 5 bits of the property's name hash
and runs on to the next empty slot.  One node with 40 children makes every probe
run through a long cluster.  So within a bucket (at most ``MAX_CHAINS`` chains)
chains on different properties start in different slots, and the markers get
names whose slots differ: a probe then ends after one or two steps.  The fact's
JSON is written by the session from the row, by a generated f-string once a run
is long (as the plain evaluator is generated): the C encoder of a dict spent
~2,000 instructions a field.
"""
from __future__ import annotations

import itertools
import json
import re

import durable_rules_engine as _dre  # ImportError where durable-rules is unavailable

from checker.engine.compile import CompiledPack

RECYCLE = 1000
WARM = 100         # facts a session writes before its writer is generated (building it costs ~10 ms)
MAX_CHAINS = 16    # alpha chains under one bucket node, each starting its probes in a slot of its own
MAX_BUCKETS = 20   # bucket nodes at the root, all pushed at once (see Plan for the stack)
STACK = 64         # the core's node stack (MAX_STACK_SIZE in events.c): error 303 past it
MAX_FIELDS = 240   # properties of one fact (fields, signs, markers): the C core accepts 255
HASH_MASK = 0x1F   # the core's first probe slot: the low bits of a name's hash
_SID = "0"
# every property name: no e, so that "e+" or "e-" in a fact marks a number with an exponent, and
# no n, so that an n marks inf or nan (see _Session.encode); nor capitals, for True and False
_NAME = re.compile(r"[a-df-mo-z_][a-df-mo-z0-9_]*")
_names = itertools.count()
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}


def name_hash(name: str) -> int:
    """The core's hash of a property name (32-bit FNV-1a, ``fnv1Hash32``)."""
    h = 0x811C9DC5
    for byte in name.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def to_json(pred):
    """Predicate IR (with no comparison of two fields; see ``signs``) -> durable-rules condition."""
    kind = pred[0]
    if kind == "true":       # every fact has its session id
        return {"$ex": {"sid": 1}}
    if kind == "false":
        return {"$nex": {"sid": 1}}
    if kind == "ex":
        return {"$ex": {pred[1]: 1}}
    if kind == "nex":
        return {"$nex": {pred[1]: 1}}
    if kind == "cmp":
        op, name, (rkind, value) = pred[1:]
        if rkind != "c":
            raise ValueError(f"a comparison of two fields reached durable-rules: {pred}")
        return {name: value} if op == "==" else {_OPS[op]: {name: value}}
    items = pred[1]
    if kind == "and":
        # The core reaches a comparison's node only through its field's property, so `$ex x`
        # beside a comparison of x is implied. Left in, it is a node of its own that matches
        # nearly every fact, and every matched node with children makes the core walk all of
        # the fact's properties again.
        keyed = {p[2] for p in items if p[0] == "cmp"}
        items = [p for p in items if not (p[0] == "ex" and p[1] in keyed)]
        if len(items) == 1:
            return to_json(items[0])
    return {"$" + kind: [to_json(p) for p in items]}


def signs(pred, pairs: dict):
    """``pred`` with each comparison of two fields ``a op b`` as ``s op 0``, ``s`` the sign of
    ``a - b``; ``pairs`` maps (a, b) to the sign field's name, new ones added."""
    kind = pred[0]
    if kind == "cmp" and pred[3][0] == "f":
        pair = (pred[2], pred[3][1])
        if pair not in pairs:
            pairs[pair] = f"_s{len(pairs)}"
        return ("cmp", pred[1], pairs[pair], ("c", 0))
    if kind in ("and", "or"):
        return (kind, tuple(signs(p, pairs) for p in pred[1]))
    return pred


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


def dnf(cond) -> list:
    """A condition's alpha chains: the lists of conditions the core makes of it (its DNF)."""
    (key, value), = cond.items()
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
    (key, value), = chain[0].items()
    if key == "$nex":
        return None
    return next(iter(value)) if key.startswith("$") else key


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
        self.signs: dict = {}          # (a, b) -> sign field
        self.buckets: list = []        # [{start slot: property}, chains, deeper need, [(rule name, condition)]]
        self.open: list = []           # the buckets with room left
        self.worst = 0                 # the most a bucket pushes: its chains and, below them, the deepest

    def _need(self, buckets: int, bucket=None, size: int = 0, deep: int = 0) -> int:
        """Nodes on the stack at most, with ``size`` chains (and ``deep`` below them) added to ``bucket``."""
        worst = self.worst if bucket is None else max(self.worst, bucket[1] + size + max(bucket[2], deep))
        return buckets - 1 + max(worst, size + deep)

    def add(self, name: str, pred, first: bool = False) -> bool:
        """Lay out one predicate; False (and nothing changed) where it does not fit. The first
        predicate of a ruleset always fits: a predicate is never split."""
        pairs = dict(self.signs)     # kept only if the predicate is laid out
        pred = signs(pred, pairs)
        needs = fields_of(pred).difference(pairs.values())
        width = len(self.fields) + len(needs.difference(self.fields)) + len(pairs) + len(self.buckets) + 1
        if not first and width > MAX_FIELDS:
            return False
        cond = to_json(pred)
        chains = dnf(cond)
        size = len(chains)
        deep = size if any(len(chain) > 1 for chain in chains) else 0
        starts: dict = {}        # slot -> property: chains on one property may share its slot
        shared = True
        for prop in filter(None, map(start, chains)):
            shared &= starts.setdefault(name_hash(prop) & HASH_MASK, prop) == prop
        bucket = None
        if shared and size <= MAX_CHAINS:
            bucket = next((b for b in self.open if b[1] + size <= MAX_CHAINS
                           and all(b[0].get(slot, prop) == prop for slot, prop in starts.items())
                           and self._need(len(self.buckets), b, size, deep) < STACK), None)
        if bucket is None:
            if not first and (len(self.buckets) >= MAX_BUCKETS or width + 1 > MAX_FIELDS
                              or self._need(len(self.buckets) + 1, None, size, deep) >= STACK):
                return False
            bucket = [{}, 0, 0, []]
            self.buckets.append(bucket)
            self.open.append(bucket)
        bucket[0].update(starts)
        bucket[1] += size
        bucket[2] = max(bucket[2], deep)
        bucket[3].append((name, cond))
        self.worst = max(self.worst, bucket[1] + bucket[2])
        if bucket[1] >= MAX_CHAINS or len(bucket[0]) > HASH_MASK:
            self.open.remove(bucket)
        self.fields |= needs
        self.signs = pairs
        return True

    def finish(self) -> tuple[dict, tuple, tuple, dict]:
        """(ruleset definition, fields, marker names, {(a, b): sign field})."""
        ours = (*self.fields, *self.signs.values())
        names = (*ours, "sid", "id", "__prime")
        taken = {name_hash(n) for n in names}
        if len(taken) < len(names):
            raise ValueError("two property names of a durable-rules fact share a hash")
        unsafe = [n for n in ours if not _NAME.fullmatch(n)]
        if unsafe:
            raise ValueError(f"property names the fact writer cannot tell from values: {unsafe}")
        markers: list = []
        slots: set = set()
        for i in itertools.count():   # names with hashes of their own, and first slots that differ
            if len(markers) == len(self.buckets):
                break
            name = f"_b{i}"
            h = name_hash(name)
            if h not in taken and (h & HASH_MASK not in slots or i > 5000):
                markers.append(name)
                taken.add(h)
                slots.add(h & HASH_MASK)
        rules = {}
        for marker, (_, _, _, members) in zip(markers, self.buckets):
            for name, cond in members:
                rules[name] = {"all": [{"m": {"$and": [{"$ex": {marker: 1}}, cond]}}]}
        rules["prime"] = {"all": [{"m": {"$ex": {"__prime": 1}}}]}
        return rules, tuple(sorted(self.fields)), tuple(markers), dict(self.signs)


def rulesets(compiled: CompiledPack) -> list[tuple[dict, tuple, tuple, dict]]:
    """The pack as durable-rules rulesets within the C core's limits; usually a single one.

    The core walks its alpha network with a fixed stack of 64 nodes: a fact whose matching nodes
    would fill it is refused (error 303). Every rule therefore starts with a *bucket* condition
    (``$ex _b3``): the root has one child per bucket (at most MAX_BUCKETS), a bucket holds at most
    MAX_CHAINS alpha chains (a wider predicate gets a bucket of its own), and a predicate that
    would take the buckets and one bucket's pushes past the stack starts a new ruleset (Plan:
    only one predicate wider than the stack by itself cannot be helped). A fact holds at most
    255 properties, so a pack reading more than MAX_FIELDS fields is split into several rulesets,
    each sent only the fields it reads. Each ruleset is (definition, fields, markers, {(a, b): sign field}).
    """
    plans = [Plan()]
    for cr in compiled.rules:
        for kind, pred in cr.preds.items():
            if pred == ("false",):
                continue
            if not plans[-1].add(f"{cr.index}{kind}", pred):
                plans.append(Plan())
                plans[-1].add(f"{cr.index}{kind}", pred, first=True)
    return [plan.finish() for plan in plans if plan.buckets]


def positional(text: str) -> str:
    """JSON text with its numbers written with an exponent (``repr`` writes floats below 1e-4 and
    from 1e16 so) in positional form, the same number: the core's parser refuses exponents
    (error 204). Only numbers in our JSON can hold "e+" or "e-"."""
    if "e-" not in text and "e+" not in text:
        return text
    from decimal import Decimal
    return re.sub(r"-?\d+(?:\.\d+)?e[-+]\d+", lambda m: format(Decimal(m.group()), "f"), text)


def _node(cls, *args):
    """A syntax node at line 1 (``ast.fix_missing_locations`` costs ~10 ms on a pack)."""
    return cls(*args, lineno=1, col_offset=0, end_lineno=1, end_col_offset=0)


def encoder(head: str, items: tuple, pairs: tuple, width: int):
    """The session's fact writer (``_Session.write``) as one generated f-string: ~20% fewer
    instructions a fact. It is built as a syntax tree of our own names and constants, never from
    text."""
    import ast     # not at import: a one-file check never builds it
    import types
    load = ast.Load()
    local = [_node(ast.Name, f"v{i}", load) for i in range(width)]
    none, empty = _node(ast.Constant, None), _node(ast.Constant, "")

    def absent(*indices):
        tests = [_node(ast.Compare, local[i], [ast.Is()], [none]) for i in indices]
        return tests[0] if len(tests) == 1 else _node(ast.BoolOp, ast.Or(), tests)

    def item(key, value, conversion, missing):
        text = _node(ast.JoinedStr, [_node(ast.Constant, key), _node(ast.FormattedValue, value, conversion, None)])
        return _node(ast.FormattedValue, _node(ast.IfExp, missing, empty, text), -1, None)

    parts = [_node(ast.Constant, head), _node(ast.FormattedValue, _node(ast.Name, "fact_id", load), -1, None),
             _node(ast.Constant, '"')]
    parts += [item(key, local[i], ord("r"), absent(i)) for i, key in items]
    for i, j, key in pairs:
        sign = _node(ast.BinOp, _node(ast.Compare, local[i], [ast.Gt()], [local[j]]), ast.Sub(),
                     _node(ast.Compare, local[i], [ast.Lt()], [local[j]]))
        parts.append(item(key, sign, -1, absent(i, j)))
    parts.append(_node(ast.Constant, "}"))
    store = ast.Store()
    unpack = _node(ast.Assign, [_node(ast.Tuple, [_node(ast.Name, f"v{i}", store) for i in range(width)], store)],
                   _node(ast.Name, "row", load))
    args = ast.arguments([], [_node(ast.arg, "row"), _node(ast.arg, "fact_id")], None, [], [], None, [])
    func = _node(ast.FunctionDef, "write", args, [unpack, _node(ast.Return, _node(ast.JoinedStr, parts))], [], None)
    namespace: dict = {"__builtins__": {}}
    types.FunctionType(compile(ast.Module([func], []), "<fazhi durable facts>", "exec"), namespace)()
    return namespace["write"]


class _Session:
    """One ruleset with one reused session, primed before its state is ever deleted."""

    def __init__(self, definition: dict, fields: tuple, markers: tuple, pairs: dict, slots: tuple):
        self.rule_indices = sorted({int(name[:-1]) for name in definition if name != "prime"})
        index = {slot: i for i, slot in enumerate(slots)}
        wanted = set(fields)
        self.head = '{"sid":"%s",%s"id":"' % (_SID, "".join(f'"{m}":1,' for m in markers))
        self.items = tuple((index[slot], f',"{slot}":') for slot in slots if slot in wanted)
        self.pairs = tuple((index[a], index[b], f',"{name}":') for (a, b), name in pairs.items())
        self.width = len(slots)
        self._write = self.write
        self.written = 0
        self.handle = _dre.create_ruleset(f"fazhi{next(_names)}", positional(json.dumps(definition)))
        self.count = 0
        self._prime()

    def _prime(self):
        fired = self._assert(json.dumps({"sid": _SID, "id": "prime", "__prime": 1}))
        if fired != {"prime"}:  # pragma: no cover - would mean the engine changed
            raise RuntimeError("durable-rules session could not be primed")

    def write(self, row: list, fact_id: str) -> str:
        """The fact's JSON from its row (``checker.engine.fact``; None where a field is absent): the
        session id, the markers, the fields it reads and the signs of its pairs. Numbers are
        written by ``repr``, JSON's own form for ints and finite floats."""
        parts = [self.head, fact_id, '"']
        add = parts.append
        for i, key in self.items:
            value = row[i]
            if value is not None:
                add(f"{key}{value!r}")
        for i, j, key in self.pairs:
            a, b = row[i], row[j]
            if a is not None and b is not None:
                add(f"{key}{(a > b) - (a < b)}")
        add("}")
        return "".join(parts)

    def encode(self, row: list, fact_id: str) -> str:
        self.written += 1
        if self.written == WARM:   # a long run: the same writer, generated
            self._write = encoder(self.head, self.items, self.pairs, self.width)
        text = self._write(row, fact_id)
        # repr writes True/False: no name (_NAME) or number has a capital letter
        if "T" in text or "F" in text:
            text = text.replace("True", "true").replace("False", "false")
        # nor an n, but for inf and nan: never given (values are validated, terms must be finite)
        if "n" in text:
            raise ValueError("a value is not a finite number")
        return positional(text)       # 1e-05, 1e+16: no name has an e

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
            names.add(message[2:message.index('"', 2)])
            message = _dre.complete_and_start_action(self.handle, state)
        return names

    def fired(self, row: list, fact_id: str) -> set:
        return self.run(self.encode(row, fact_id))

    def run(self, text: str) -> set:
        """The names of the rules that fire on one fact given as its JSON: the core's own work
        (asserting, reading back) and recycling the session's state."""
        if self.count >= RECYCLE:
            _dre.delete_state(self.handle, _SID)
            self.count = 0
            self._prime()
        self.count += 1
        return self._assert(text)

    def close(self) -> None:
        _dre.delete_state(self.handle, _SID)
        _dre.delete_ruleset(self.handle)


class DurableEngine:
    name = "durable"

    def __init__(self, compiled: CompiledPack):
        self.slots = compiled.slots()
        self.sessions = [_Session(rules, fields, markers, pairs, self.slots)
                         for rules, fields, markers, pairs in rulesets(compiled)]
        self.ids = itertools.count()

    def fired(self, values: dict, row: list | None = None) -> tuple[set, dict]:
        """(rule index, kind) pairs that fire, and {rule index: reason} for rules the engine failed on.
        The fact is read from its ``row`` (``checker.engine.fact``), or made from ``values``."""
        if row is None:
            row = [values.get(name) for name in self.slots]
        fact_id = f"s{next(self.ids)}"
        out, errors = set(), {}
        for session in self.sessions:
            try:
                names = session.fired(row, fact_id)
            except Exception as exc:  # the engine refused this fact: its rules are errors, the rest go on
                errors.update(dict.fromkeys(session.rule_indices, f"durable-rules: {exc}"))
                continue
            out.update((int(name[:-1]), name[-1]) for name in names)
        return out, errors

    def close(self) -> None:
        for session in self.sessions:
            session.close()
        self.sessions = []
