"""Safe YAML (and JSON) loading that keeps the line and column of every key and value.

Built on PyYAML's composer (the C one where available): we construct Python
values ourselves from the node tree so that duplicate keys, aliases, custom tags
and excessive nesting are reported instead of silently resolved.

Most submissions are written in a small part of YAML: block mappings nested by
indentation, one scalar or one-line flow mapping (``{value: 300, approx: true,
source: "..."}``) a key, comments.  ``_fast`` reads exactly that part, a line at a
time, several times faster than composing nodes; on anything else (a sequence, a
block or multi-line scalar, an escape, an anchor or tag, a tab, a duplicate key,
any doubt) it gives up and the composer reads the file.  A key is the text written, on
either path (never ``on`` read as True or ``123`` as a number); values are resolved by
PyYAML's own resolver table and built by its own constructors, so what it returns
is what the composer path returns, positions included, with PyYAML's C loader or its
pure-Python one (``tests/test_yaml_fast.py`` holds the two paths against each other
on every file here and on fuzzed text, under both loaders).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import yaml

from checker.errors import Diagnostic

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
MAX_DEPTH = 40
_constructor = yaml.SafeLoader("")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_READ_AS = {bool, float, dt.date, dt.datetime}  # values whose text as written is kept as well
# YAML 1.1 reads 017 as octal 15, 0x0F, 0b11, 1:30 (90) and 1_000 as numbers too: a figure written so
# is kept as written, and the reader of values takes it as a decimal (017 as 17, with a note) or
# refuses it, never silently a number its writer did not mean. So are 1_000.5 and 1:30.5.
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL_FLOAT = re.compile(
    r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF)\Z"
    r"|\.(?:nan|NaN|NAN)\Z"
)


def _decimal_only(construct, decimal: re.Pattern):
    def build(node):
        return construct(node) if decimal.match(node.value) else node.value

    return build


_SCALARS = {
    "tag:yaml.org,2002:int": _decimal_only(_constructor.construct_yaml_int, _DECIMAL_INT),
    "tag:yaml.org,2002:float": _decimal_only(_constructor.construct_yaml_float, _DECIMAL_FLOAT),
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _constructor.construct_yaml_timestamp,
}


class YMap(dict):
    """A mapping that remembers where each key and value stood (1-based line, column)."""

    line: int = 0
    col: int = 0

    def __init__(self, line: int = 0, col: int = 0):
        super().__init__()
        self.line, self.col = line, col
        self.key_pos: dict = {}
        self.val_pos: dict = {}
        self.text: dict = {}  # key -> the scalar as written, where YAML read it as something else

    def written(self, key):
        """The value as written in the file (``yes`` rather than True)."""
        return self.text.get(key, self.get(key))

    def pos(self, key) -> tuple[int, int]:
        return self.val_pos.get(key, (self.line, self.col))

    def entries(self) -> list:
        """(key, value, ``written(key)``, the key's position, ``pos(key)``) of every entry, in one call:
        a submission reads every entry of its indicators block so (a call a key cost ~2% of a check)."""
        text, key_pos, val_pos, here = self.text, self.key_pos, self.val_pos, (self.line, self.col)
        return [(key, value, text.get(key, value), key_pos[key], val_pos.get(key, here)) for key, value in self.items()]


class YList(list):
    def __init__(self, line: int = 0, col: int = 0):
        super().__init__()
        self.line, self.col = line, col
        self.item_pos: list = []


# JSON writes a character beyond the BMP as an escaped surrogate pair (json.dumps: U+20000 is
# \ud840\udc00), which PyYAML refuses; YAML's own escape for it is \U00020000, two characters shorter
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def load_json(text: str, filename: str = "") -> tuple[object, list]:
    """A JSON document (its syntax checked already) read as YAML, with its surrogate pairs joined
    and every position given in the file's own columns."""
    if not _PAIR.search(text):
        return load(text, filename)
    moved: dict = {}  # line -> columns (1-based, in the text read) after which 2 more are due
    pieces, last, line, line_start = [], 0, 1, 0
    for m in _PAIR.finditer(text):
        point = 0x10000 + ((int(m.group(2), 16) - 0xD800) << 10) + int(m.group(3), 16) - 0xDC00
        pieces += [text[last : m.start()], m.group(1), f"\\U{point:08X}"]
        breaks = text.count("\n", last, m.start())  # lines and their starts followed along: linear
        if breaks:
            line += breaks
            line_start = text.rfind("\n", last, m.start()) + 1
        last = m.end()
        ends = moved.setdefault(line, [])
        ends.append(m.end() - line_start - 2 * len(ends) - 2)  # where the escape ends, as read
    data, diags = load("".join(pieces) + text[last:], filename)

    def at(line, col):
        return line, (col + 2 * bisect.bisect_left(moved[line], col) if line in moved and col else col)

    def walk(node):
        if isinstance(node, (YMap, YList)):
            node.line, node.col = at(node.line, node.col)
            if isinstance(node, YMap):
                node.key_pos = {k: at(*p) for k, p in node.key_pos.items()}
                node.val_pos = {k: at(*p) for k, p in node.val_pos.items()}
                children = node.values()
            else:
                node.item_pos = [at(*p) for p in node.item_pos]
                children = node
            for child in children:
                walk(child)

    walk(data)
    diags = [
        d
        if d.line not in moved or d.column is None
        else Diagnostic(d.code, d.file, d.line, at(d.line, d.column)[1], d.params, d.severity)
        for d in diags
    ]
    return data, diags


def _short_decimal(text: str) -> bool:
    """Digits only, no leading zero, short: an int to any YAML 1.1 resolver, read by int() at once."""
    return text.isdigit() and len(text) <= 18 and text.isascii() and (text[0] != "0" or len(text) == 1)


# A key is read as the text written, never resolved: YAML 1.1 reads ``on:`` as True, ``yes:``/``no:``/
# ``y:``/``off:`` as bools, ``123:`` and ``1.5:`` as numbers, ``~:`` as null and ``2024-01-05:`` as a date,
# and a key so turned was dropped or matched nothing (a scheme's ``on: [fail, missing]`` read as
# ``True: [...]``). Every key is a str; values stay typed. The tags a plain key may resolve to (``=`` is
# YAML 1.1's value key) are taken as text; ``<<``, a merge, is refused as before.
_KEY_TAGS = _SCALAR_TAGS | {"tag:yaml.org,2002:value"}


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, filename: str):
        self.filename = filename
        self.diagnostics: list[Diagnostic] = []
        self.seen: set[int] = set()
        self.aliases = 0

    def error(self, code, node, **params):
        line, col = _mark(node)
        self.diagnostics.append(Diagnostic(code, self.filename, line, col, params))

    def build(self, node, depth=0):
        if depth > MAX_DEPTH:
            self.error("yaml.too_deep", node, limit=MAX_DEPTH)
            return None
        if id(node) in self.seen:
            self.aliases += 1
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, depth)
        return None  # pragma: no cover

    def key(self, node, depth):
        """A scalar key: the text written (``build`` of it, without resolving the scalar)."""
        if depth > MAX_DEPTH:
            self.error("yaml.too_deep", node, limit=MAX_DEPTH)
        elif id(node) in self.seen:
            self.aliases += 1
        else:
            self.seen.add(id(node))
            if node.tag not in _KEY_TAGS:
                self.error("yaml.tag", node, tag=node.tag)
        return node.value

    def scalar(self, node):
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _INT and _short_decimal(node.value):
            return int(node.value)  # a short plain decimal; octal 0123, 1_000, signs and huge ones: PyYAML's
        if tag not in _SCALAR_TAGS:
            self.error("yaml.tag", node, tag=tag)
            return None
        try:
            return _SCALARS[node.tag](node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.error("yaml.bad_scalar", node, text=str(node.value)[:80], reason=type(exc).__name__)
            return None

    def mapping(self, node, depth):
        if node.tag != _MAP_TAG:
            self.error("yaml.tag", node, tag=node.tag)
            return None
        out = YMap(*_mark(node))
        seen = self.seen
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error("yaml.merge", key_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.error("yaml.complex_key", key_node)
                continue
            key = self.key(key_node, depth + 1)
            if key in out:
                first = out.key_pos[key]
                self.error("yaml.duplicate_key", key_node, key=key, first_line=first[0])
                continue
            out.key_pos[key] = _mark(key_node)
            out.val_pos[key] = _mark(value_node)
            if type(value_node) is yaml.ScalarNode and id(value_node) not in seen and depth < MAX_DEPTH:
                seen.add(id(value_node))  # what build() does for a scalar, without the call
                value = out[key] = self.scalar(value_node)
            else:
                value = out[key] = self.build(value_node, depth + 1)
            if type(value) in _READ_AS:
                out.text[key] = value_node.value
        return out

    def sequence(self, node, depth):
        if node.tag != _SEQ_TAG:
            self.error("yaml.tag", node, tag=node.tag)
            return None
        out = YList(*_mark(node))
        for item in node.value:
            out.item_pos.append(_mark(item))
            out.append(self.build(item, depth + 1))
        return out


def load(text: str, filename: str = "", max_nodes: int | None = None) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document; returns (data, diagnostics). Data is None on a syntax error, and on a
    document that is only null (``null``, ``~``, a bare ``---``): that is said too, never read as nothing.
    A document of more than ``max_nodes`` nodes (MAX_NODES) is refused before any is built
    (``too_many_nodes``)."""
    crowded = too_many_nodes(text, filename, max_nodes or MAX_NODES)
    if crowded is not None:
        return None, [crowded]
    data, found = _fast(text) or _full(text, filename)
    if data is None and not found:
        found = [Diagnostic("yaml.null_document", filename, 1, 1)]
    return data, found


# Nodes (values, mappings, lists) a document may hold: a real submission has a few hundred, a rule
# pack's largest file a few thousand. Composing costs about 1 KB a node (a 4.8 MB file of ``[],``
# took 1.7 GB), so a file within the 5 MB cap is held to about 100 MB this way. A waiver file (one a
# run, sixteen nodes a waiver: 60,000 waivers) may hold WAIVER_NODES.
MAX_NODES = 100_000
WAIVER_NODES = 1_000_000
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def too_many_nodes(text: str, filename: str = "", limit: int = MAX_NODES) -> Diagnostic | None:
    """``yaml.too_many_nodes`` at the node past ``limit``, or None. Counted on the parser's events,
    which are let go as they come (memory flat), and only up to the limit (time bounded); a text too
    short to hold so many (no node takes less than half a character: ``[?,?]``) is not counted."""
    if 2 * len(text) + 2 <= limit:
        return None
    loader = _Loader(text)
    nodes = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _NODE_EVENTS):
                nodes += 1
                if nodes > limit:
                    line, col = _mark(event)
                    return Diagnostic("yaml.too_many_nodes", filename, line, col, {"limit": limit})
    except yaml.YAMLError:  # the composer, or JSON's reader, says what is wrong with it
        return None
    finally:
        loader.dispose()
    return None


def _full(text: str, filename: str = "") -> tuple[object, list[Diagnostic]]:
    """Any YAML document, through PyYAML's composer."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "syntax error"
        code = "yaml.tab" if mark and _char_at(text, mark.line, mark.column) == "\t" else "yaml.syntax"
        return None, [Diagnostic(code, filename, line, col, {"problem": problem})]
    except yaml.YAMLError as exc:
        return None, [Diagnostic("yaml.syntax", filename, None, None, {"problem": str(exc)[:200]})]
    except RecursionError:
        return None, [Diagnostic("yaml.too_deep", filename, None, None, {"limit": MAX_DEPTH})]
    if node is None:
        return None, [Diagnostic("input.empty", filename, 1, 1)]
    builder = _Builder(filename)
    data = builder.build(node)
    if builder.aliases:
        builder.diagnostics.insert(0, _alias_diagnostic(text, filename, builder.aliases))
    return data, builder.diagnostics


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _alias_diagnostic(text: str, filename: str, count: int) -> Diagnostic:
    """One diagnostic for all aliases, at the first one (found by scanning tokens: cheap, no expansion)."""
    line = col = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                line, col = token.start_mark.line + 1, token.start_mark.column + 1
                break
    except yaml.YAMLError:  # pragma: no cover - the text composed already
        pass
    return Diagnostic("yaml.alias", filename, line, col, {"count": count})


# --- the fast path -------------------------------------------------------------------------------
# A text with a character YAML does not allow, a line break other than \n, a tab or a byte order
# mark goes to the composer (which reports what is wrong with it).
# (The class is written as what is refused: its complement spans all of Unicode, and compiling that
# took ~50 M instructions, a tenth of a one-file check.)
_REFUSED_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# inside a plain key, or a plain value in a flow mapping ("?" too: PyYAML's pure-Python scanner ends
# a plain scalar in a flow mapping there, libyaml does not)
_BARE = r"[^ :,\[\]{}#?]"
_FIRST = r"[^ \-?:,\[\]{}#&*!|>'\"%@`]"  # no indicator first
# (every pattern is runs of one character class, which the re module matches fast, never one
# alternation a character)
# a plain key: no ":", "#", "?", flow indicator or trailing space in it
_KEY = rf"{_FIRST}{_BARE}*(?: +{_BARE}+)*"
_QUOTED = r"'[^']*(?:''[^']*)*'|\"[^\"\\]*\""  # on one line, no escape in it
# a plain value in a block: "-", "?" or ":" first only before a non-blank; no ": ", " :" or " #" in it
_PLAIN = rf"(?:{_FIRST}|[-?:](?=[^ ]))[^ :]*(?:(?::+| +(?=[^ #]))[^ :]+)*"
# a line: blank or a comment; or a key, ":" and nothing, a comment, a scalar or a flow mapping (not
# "..." first: perhaps the end of the document)
_LINE = re.compile(rf"(?!\.\.\.)( *)(?:({_KEY}):(?: +(?:({_QUOTED}|{_PLAIN})(?: +#.*| *)|(\{{.*)|#.*)?)?|#.*)?")
# one entry of a one-line flow mapping: a plain key, ": ", a quoted or plain scalar, then "," or "}"
_FLOW_ENTRY = re.compile(rf" *({_KEY}): +({_QUOTED}|(?:{_FIRST}|-(?={_BARE})){_BARE}*(?: +{_BARE}+)*) *([,}}])")
_FLOW_TAIL = re.compile(r" *| +#.*")
_KEY_LIMIT = 1000  # PyYAML refuses a key of over 1,024 characters; longer than this, the composer decides
_FAST_DEPTH = 30  # nesting that deep goes to the composer (which enforces MAX_DEPTH)
# PyYAML's implicit resolvers as they stand at import (the project registers none of its own)
_WILDCARD = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS = {
    first: tuple(found) + _WILDCARD for first, found in _Loader.yaml_implicit_resolvers.items() if first is not None
}
_CONSTANTS: dict = {}  # a plain scalar read as true, false or null -> that value


class _Refused(Exception):
    """The text is outside what the fast path reads."""


def _plain(text: str):
    """A plain scalar's value: PyYAML's implicit resolution (``Resolver.resolve``) and its constructors."""
    if _short_decimal(text):
        return int(text)  # the common case, at once
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    for tag, regexp in _RESOLVERS.get(text[:1], _WILDCARD):  # noqa: B007 - tag is read after the loop
        if regexp.match(text):
            break
    else:
        return text
    construct = _SCALARS.get(tag)
    if construct is None:  # "<<", "=": the composer reports them
        raise _Refused
    try:
        value = construct(yaml.ScalarNode(tag, text))
    except (yaml.YAMLError, ValueError, OverflowError):
        raise _Refused from None
    if value is None or type(value) is bool:
        _CONSTANTS[text] = value  # a few dozen spellings (true, No, ~, ...): kept
    return value


def _scalar(written: str):
    """The value of a plain or quoted scalar."""
    first = written[0]
    if first == "'":
        return written[1:-1].replace("''", "'")
    if first == '"':
        return written[1:-1]
    return _plain(written)


def _key(written: str) -> str:
    """What a plain key reads as, as ``_Builder.key`` makes it: the text written."""
    if len(written) > _KEY_LIMIT or written == "<<":
        raise _Refused  # the composer decides a long key, and reports a merge
    return written


def _put(out: YMap, key_written: str, key_pos: tuple, value, written: str, val_pos: tuple) -> None:
    key = _key(key_written)
    if key in out:
        raise _Refused  # a duplicate key: the composer reports it
    out[key] = value
    out.key_pos[key] = key_pos
    out.val_pos[key] = val_pos
    if type(value) in _READ_AS:
        out.text[key] = written


def _flow(line: str, at: int, number: int) -> YMap:
    """A one-line flow mapping whose "{" is at ``at``, with nothing but a comment after it."""
    out = YMap(number, at + 1)
    pos = at + 1
    match = _FLOW_ENTRY.match
    while True:
        m = match(line, pos)
        if m is None:
            raise _Refused
        _put(out, m[1], (number, m.start(1) + 1), _scalar(m[2]), m[2], (number, m.start(2) + 1))
        pos = m.end()
        if m[3] == "}":
            if _FLOW_TAIL.fullmatch(line, pos) is None:
                raise _Refused
            return out


def _fast(text: str):
    """(data, []) for a text within the part of YAML described above, else None: the fast path
    reports nothing, it refuses."""
    if _REFUSED_CHAR.search(text):
        return None
    try:
        return _fast_lines(text.split("\n"))
    except _Refused:
        return None


def _fast_lines(lines: list):
    root = None
    stack: list = []  # [(indent, mapping)] of the mappings still open
    into, level = None, -1  # the innermost open mapping, and its indent
    pending = None  # (mapping, key, key position, where its empty value stands)
    line_of = _LINE.fullmatch
    for number, line in enumerate(lines, 1):
        m = line_of(line)
        if m is None:
            raise _Refused
        written_key = m[2]
        if written_key is None:  # blank, or a comment
            continue
        indent = m.end(1)
        if indent != level or pending is not None:
            if pending is not None:
                if indent > level:  # the pending key's value: a mapping
                    if len(stack) > _FAST_DEPTH:
                        raise _Refused
                    nested = YMap(number, indent + 1)
                    _put(*pending[:3], nested, "", (number, indent + 1))
                    stack.append((indent, nested))
                    into, level = nested, indent
                else:
                    _put(*pending[:3], None, "", pending[3])
                pending = None
            if indent != level:
                if root is None:
                    root = into = YMap(number, indent + 1)
                    level = indent
                    stack.append((indent, root))
                else:
                    while indent < level:
                        stack.pop()
                        if not stack:
                            raise _Refused
                        level, into = stack[-1]
                    if indent != level:
                        raise _Refused  # deeper after a value, or back to an indent never opened
        written = m[3]
        if written is not None:
            _put(into, written_key, (number, indent + 1), _scalar(written), written, (number, m.start(3) + 1))
        elif m[4] is not None:
            at = m.start(4)
            _put(into, written_key, (number, indent + 1), _flow(line, at, number), "", (number, at + 1))
        else:  # nothing, or a comment: a mapping may follow, or nothing
            pending = (into, written_key, (number, indent + 1), (number, m.end(2) + 2))
    if root is None:
        raise _Refused
    if pending is not None:
        _put(*pending[:3], None, "", pending[3])
    return root, []
