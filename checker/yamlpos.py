"""Safe YAML (and JSON) loading that keeps the line and column of every key and value.

Built on PyYAML's composer (the C one where available): we construct Python
values ourselves from the node tree so that duplicate keys, aliases, custom tags
and excessive nesting are reported instead of silently resolved.
"""
from __future__ import annotations

import datetime as dt

import yaml

from checker.errors import Diagnostic

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
MAX_DEPTH = 40
_constructor = yaml.SafeLoader("")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_READ_AS = {bool, float, dt.date, dt.datetime}   # values whose text as written is kept as well
_SCALARS = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
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
        self.text: dict = {}     # key -> the scalar as written, where YAML read it as something else

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

    def scalar(self, node):
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _INT:
            text = node.value
            if len(text) <= 18 and text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1):
                return int(text)    # a short plain decimal; octal 0123, 1_000, signs and huge ones: PyYAML's
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
            key = self.build(key_node, depth + 1) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None and not isinstance(key_node, yaml.ScalarNode):
                self.error("yaml.complex_key", key_node)
                continue
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key_node.value)
            if key in out:
                first = out.key_pos[key]
                self.error("yaml.duplicate_key", key_node, key=key, first_line=first[0])
                continue
            out.key_pos[key] = _mark(key_node)
            out.val_pos[key] = _mark(value_node)
            if type(value_node) is yaml.ScalarNode and id(value_node) not in seen and depth < MAX_DEPTH:
                seen.add(id(value_node))    # what build() does for a scalar, without the call
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


def load(text: str, filename: str = "") -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document; returns (data, diagnostics). Data is None on a syntax error."""
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
    return lines[line][column:column + 1] if line < len(lines) else ""


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
