"""The YAML fast path must give exactly what the full loader gives, or decline.

``yamlpos.load`` first tries ``yamlpos._fast``, a pure-Python reader for a strict subset of YAML
(block mappings nested by indentation, plain scalars, single-line quoted scalars without
backslashes, one-line flow mappings, comments, blank lines). Whenever the text is outside that
subset, ``_fast`` returns None and ``yamlpos._full`` (PyYAML's composer) reads it.

The one promise: whenever ``_fast`` returns something, it is IDENTICAL to what ``_full`` returns
for the same text -- the same values with the same Python types (True is not 1, 1.0 is not 1,
a date is not a datetime), the same key order, the same positions (``line``/``col``,
``key_pos``/``val_pos``/``text`` of every YMap, ``item_pos`` of every YList) and the same
diagnostics (code, file, line, column, params).

This file checks that promise on every YAML/JSON file in the repository, on synthetic
submissions, and on documents from a seeded grammar fuzzer that writes texts on the edge of the
subset (so that both sides of the edge occur). It also checks that the fast path is really
taken, so that none of this passes vacuously.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from checker import synth, yamlpos
from checker.errors import Diagnostic
from checker.yamlpos import YList, YMap

ROOT = Path(__file__).resolve().parent.parent
DOC = "doc.yaml"


def fast(text: str, filename: str = DOC):
    return yamlpos._fast(text)  # it reports nothing, so it needs no file name


def full(text: str, filename: str = DOC):
    return yamlpos._full(text, filename)


# --------------------------------------------------------------------------------------------
# Deep structural comparison
# --------------------------------------------------------------------------------------------

_SCALAR_TYPES = (str, int, float, bool, type(None), dt.date, dt.datetime)


def _short(x, limit: int = 200) -> str:
    text = repr(x)
    return text if len(text) <= limit else text[:limit] + "..."


def same(a, b, path: str = "result") -> None:
    """Assert that ``a`` and ``b`` are identical: types, values, key order, positions, diagnostics.

    Scalars are compared by exact type and by ``repr`` (so -0.0 differs from 0.0, NaN equals NaN,
    and an aware datetime differs from the same instant in another time zone)."""
    if type(a) is not type(b):
        raise AssertionError(f"{path}: type {type(a).__name__} != {type(b).__name__} ({_short(a)} vs {_short(b)})")
    if isinstance(a, Diagnostic):
        same(_diagnostic_fields(a), _diagnostic_fields(b), f"{path}<{a.code}>")
    elif isinstance(a, dict):
        keys_a, keys_b = list(a), list(b)
        if len(keys_a) != len(keys_b):
            raise AssertionError(f"{path}: keys {_short(keys_a)} != {_short(keys_b)}")
        for i, (ka, kb) in enumerate(zip(keys_a, keys_b)):
            same(ka, kb, f"{path}.keys()[{i}]")
        for (key, va), vb in zip(a.items(), b.values()):
            same(va, vb, f"{path}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        if len(a) != len(b):
            raise AssertionError(f"{path}: length {len(a)} != {len(b)} ({_short(a)} vs {_short(b)})")
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, _SCALAR_TYPES):
        if repr(a) != repr(b):
            raise AssertionError(f"{path}: {_short(a)} != {_short(b)}")
    else:
        raise AssertionError(f"{path}: unexpected type {type(a).__name__} ({_short(a)})")
    if isinstance(a, (YMap, YList)):
        # line/col, key_pos/val_pos/text (YMap), item_pos (YList), and any other attribute either side set
        names_a, names_b = sorted(vars(a)), sorted(vars(b))
        if names_a != names_b:
            raise AssertionError(f"{path}: attributes {names_a} != {names_b}")
        for name in names_a:
            same(getattr(a, name), getattr(b, name), f"{path}.{name}")


def _diagnostic_fields(d: Diagnostic) -> tuple:
    return d.code, d.file, d.line, d.column, d.params, d.severity


def describe(value, limit: int = 3000) -> str:
    """A compact rendering with positions, for failure messages."""

    def show(x):
        if isinstance(x, YMap):
            parts = []
            for k, v in x.items():
                written = f" text={x.text[k]!r}" if k in x.text else ""
                parts.append(f"{k!r}@{x.key_pos.get(k)}: {show(v)}@{x.val_pos.get(k)}{written}")
            return f"YMap@({x.line},{x.col}){{" + ", ".join(parts) + "}"
        if isinstance(x, YList):
            items = ", ".join(f"{show(v)}@{p}" for v, p in zip(x, x.item_pos))
            return f"YList@({x.line},{x.col})[{items}]"
        if isinstance(x, Diagnostic):
            return f"Diagnostic{_diagnostic_fields(x)!r}"
        if isinstance(x, (list, tuple)):
            return "(" + ", ".join(show(v) for v in x) + ")"
        return _short(x, 80)

    text = show(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def _mismatch(text: str, filename: str = DOC) -> str | None:
    """None when ``_fast`` declines or agrees with ``_full``; else what differs."""
    try:
        got = fast(text, filename)
    except Exception as exc:  # a crash in the fast path is a failure of its own
        return f"_fast raised {exc!r}"
    if got is None:
        return None
    try:
        want = full(text, filename)
    except Exception as exc:  # pragma: no cover - _full is not what is tested here
        return f"_fast returned {describe(got)} but _full raised {exc!r}"
    try:
        same(got, want)
    except AssertionError as exc:
        return str(exc)
    return None


def shrink(text: str, filename: str = DOC) -> str:
    """A smaller text that still shows a mismatch (lines dropped, then characters), to report."""

    def drop(units: list, joiner: str) -> list:
        i = 0
        while i < len(units) and len(units) > 1:
            trial = units[:i] + units[i + 1 :]
            if _mismatch(joiner.join(trial), filename):
                units = trial
            else:
                i += 1
        return units

    lines = drop(text.splitlines(keepends=True), "")
    text = "".join(lines)
    if len(text) <= 400:
        text = "".join(drop(list(text), ""))
    return text


def assert_fast_agrees(text: str, filename: str = DOC) -> None:
    """Assert the promise for one text (the message gives the text, a minimal text and both outputs)."""
    problem = _mismatch(text, filename)
    if problem:
        small = shrink(text, filename)
        detail = ""
        try:
            detail = (
                f"\n  _fast(minimal): {describe(fast(small, filename))}"
                f"\n  _full(minimal): {describe(full(small, filename))}"
            )
        except Exception as exc:
            detail = f"\n  (minimal text: {exc!r})"
        raise AssertionError(
            f"fast path differs from the full loader: {problem}\n  text: {text!r}\n  minimal text: {small!r}{detail}"
        )


def _ymap(entries, line: int = 1, col: int = 1) -> YMap:
    out = YMap(line, col)
    for number, (key, value) in enumerate(entries, 1):
        out[key] = value
        out.key_pos[key], out.val_pos[key] = (number, col), (number, col + 3)
    return out


def _changed(change) -> YMap:
    out = _ymap([("a", 1), ("b", dt.date(2024, 1, 5))])
    out.text["b"] = "2024-01-05"
    change(out)
    return out


def test_same_notices_every_difference():
    """The comparison itself: equal things pass, and each kind of difference is caught."""
    utc, east8 = dt.timezone.utc, dt.timezone(dt.timedelta(hours=8))
    same(_changed(lambda m: None), _changed(lambda m: None))
    same(float("nan"), float("nan"))
    same(
        (None, [Diagnostic("yaml.syntax", "f", 1, 2, {"problem": "p"})]),
        (None, [Diagnostic("yaml.syntax", "f", 1, 2, {"problem": "p"})]),
    )
    different = [
        (True, 1),
        (1.0, 1),
        (0.0, -0.0),
        ("1", 1),
        (None, ""),
        (dt.date(2024, 1, 5), dt.datetime(2024, 1, 5)),
        (dt.datetime(2024, 1, 5, 10, tzinfo=utc), dt.datetime(2024, 1, 5, 18, tzinfo=east8)),  # one instant
        (dt.datetime(2024, 1, 5, 10, tzinfo=utc), dt.datetime(2024, 1, 5, 10)),
        ((1, 2), [1, 2]),
        ({"a": 1}, _ymap([("a", 1)])),
        (_ymap([("a", 1), ("b", 2)]), _ymap([("b", 2), ("a", 1)])),  # key order
        (_ymap([(1, "x")]), _ymap([(True, "x")])),  # 1 == True as keys
        (_ymap([("a", 1)]), _ymap([("a", 1)], line=2)),
        (_changed(lambda m: None), _changed(lambda m: m.key_pos.update(a=(1, 2)))),
        (_changed(lambda m: None), _changed(lambda m: m.val_pos.update(b=(2, 5)))),
        (_changed(lambda m: None), _changed(lambda m: m.text.pop("b"))),
        (_changed(lambda m: None), _changed(lambda m: m.text.update(a="1"))),
        (_changed(lambda m: None), _changed(lambda m: setattr(m, "extra", 1))),
        (Diagnostic("c", "f", 1, 2, {"key": 1}), Diagnostic("c", "f", 1, 2, {"key": True})),
        (Diagnostic("c", "f", 1, 2), Diagnostic("c", "f", 1, 3)),
        (Diagnostic("c", "f", 1, 2), Diagnostic("c", "g", 1, 2)),
        (Diagnostic("c", "f", 1, 2), Diagnostic("c", "f", 1, 2, severity="note")),
        ((None, []), (None, [Diagnostic("c")])),
    ]
    sequences = []
    for column in (3, 4):
        sequence = YList(1, 1)
        sequence.append("a")
        sequence.item_pos.append((1, column))
        sequences.append(sequence)
    different.append(tuple(sequences))
    for a, b in different:
        with pytest.raises(AssertionError):
            same(a, b)


# --------------------------------------------------------------------------------------------
# Every real YAML/JSON file in the repository
# --------------------------------------------------------------------------------------------


def _real_files() -> list[Path]:
    found = set(ROOT.glob("samples/**/*.yaml")) | set(ROOT.glob("samples/**/*.json"))
    found |= {p for p in ROOT.glob("tests/hostile/*") if p.is_file()}
    found |= set(ROOT.glob("tests/**/*.yaml")) | set(ROOT.glob("rules/**/*.yaml"))
    return sorted(found)


REAL_FILES = _real_files()


def _read_utf8(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not valid UTF-8")


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_real_file(path):
    text = _read_utf8(path)
    name = path.relative_to(ROOT).as_posix()
    # as written, and as a Windows editor or a copy-paste would leave it
    variants = [text, text.replace("\n", "\r\n"), text.rstrip("\n"), "\ufeff" + text.lstrip("\ufeff")]
    for variant in variants:
        assert_fast_agrees(variant, name)


# --------------------------------------------------------------------------------------------
# The fast path is taken for plain submissions
# --------------------------------------------------------------------------------------------

PLAIN_SUBMISSIONS = [
    "samples/sheqi-2024.yaml",
    "samples/fictional-inconsistent.yaml",
    "samples/fictional-missed-rate.yaml",
    "samples/fictional-missing.yaml",
    "samples/invalid/broken.yaml",
]


@pytest.mark.parametrize("name", PLAIN_SUBMISSIONS)
def test_fast_path_taken_for_sample(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert fast(text, name) is not None, f"{name} is a plain submission; the fast path declined it"
    assert_fast_agrees(text, name)


def test_fast_path_taken_for_synthetic_submissions(pack, tmp_path):
    paths = synth.write(pack.catalogue, tmp_path, 20)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert fast(text, path.name) is not None, f"the fast path declined a synthetic submission:\n{text}"
        assert_fast_agrees(text, path.name)


# --------------------------------------------------------------------------------------------
# A grammar fuzzer on the edge of the subset
# --------------------------------------------------------------------------------------------

KEYWORDS = "yes no on off y n Y N Yes YES TRUE true True tRUE False FALSE On OFF NO null Null NULL nULL ~".split()
NUMBERS = (
    "0 00 007 08 0_ 0o17 0x1F 0X1F 0x_ 0b101 0b_ 0b2 1_000 1_ _1 +5 -5 -0 +0 1e3 1.0e+3 1.5e3 1e+3 "
    "1.5 .5 5. -.5 0. 1_0.5 3.14.15 .inf -.inf +.inf .Inf .INF .NaN .nan .NAN .nAn nan inf Infinity "
    "1:30 -1:30 1:30.5 1:60 1:5 190:20:30 123456789012345678901234567890 "
    "-123456789012345678901234567890 1,000 1١ ١٢ 1² １２ 12 300 2528 0.0 -0.0 0000000000000000001"
).split()
DATES = [
    "2024-01-05",
    "2024-1-5",
    "2024-02-30",
    "2024-13-01",
    "2001-12-14t21:59:43.10-05:00",
    "2024-01-05 10:00:00",
    "2024-01-05T10:00:00Z",
    "2024-01-05 10:00:00 +8",
    "2024-01-05  10:00:00",
    "2024-1-5 1:00:00",
    "2024-01-05T25:00:00",
    "20240105",
    "2024-01-05T10:00:00.123456789+08:00",
    "2025-03-25",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
]
TEXTS = [
    "合成县000000",
    "引领带动政府各部门学法300余次",
    "示例县（虚构）丙",
    "county",
    "a b",
    "a  b",
    "a#b",
    "a:b",
    "http://x",
    "a::b",
    "100%",
    "5次",
    "😀",
    "e\u0301",
    "a=b",
    "a,b",
    "a]b",
    "a}b",
    "a{b",
    "a'b",
    'a"b',
    "a\\b",
    "a|b",
    "\u3000x",
    "x\u3000",
    "\xa0x",
    "x\xa0",
    "a\u3000b",
    "a \\n b",
    "-x-",
    "x-",
    "x?",
    "x!",
    "-x",
    "?x",
    ":x",
    "a -b",
    "a - b",
    "a ? b",
    "a , b",
    "x]",
    "x}",
    "1 2",
    "yes no",
]
WILD_TEXTS = ["a\tb", "a: b", "x:", "a #b", "=", "<<", "a :b", "x: "]
INDICATOR_LED = (
    [c + "x" for c in ",[]{}#&*!|>'\"%@`"]
    + [c + " x" for c in "-?:"]
    + list("-?:|>!&*#%@`,")
    + ["--", "---", "...", "- ", "-\t1"]
)
CONTROLS = [
    "a\x07b",
    "a\x85b",
    "a\u2028b",
    "a\u2029b",
    "a\x0cb",
    "a\x0bb",
    "a\x1cb",
    "a\rb",
    "a\x7fb",
    "a\ufeffb",
    "a\ufffeb",
    "a\x00b",
    "\x85",
    "a\x1fb",
    "a\x9fb",
]
WORDS = [
    "county",
    "value",
    "note",
    "source",
    "合成县000001",
    "示例县（虚构）甲",
    "12",
    "300",
    "2528",
    "true",
    "false",
    "2025-03-25",
    "411327",
    "引领带动政府各部门学法300余次",
    "0",
]
NAME_KEYS = [
    "region",
    "region_code",
    "level",
    "year",
    "published_on",
    "indicators",
    "leadership",
    "value",
    "approx",
    "source",
    "note",
    "a",
    "b",
    "c",
    "a.b_c",
    "leadership.exec_meeting_law_studies",
    "政府常务会议学法次数",
    "网上可办率",
    "k1",
    "k 2",
    "A",
]
ODD_KEYS = [
    "yes",
    "no",
    "on",
    "y",
    "TRUE",
    "null",
    "~",
    "NULL",
    "1",
    "1.0",
    "01",
    "0x1",
    "1:30",
    ".nan",
    ".inf",
    "2024-01-05",
    "2024-01-05 10:00:00",
    "-1",
    "+1",
    "123456789012345678901234567890",
    "'q'",
    "'a b'",
    "'it''s'",
    '"d"',
    '"a: b"',
    '""',
    "''",
    "a#b",
    "a b",
    "a  ",
    "http://x",
    "-x",
    "?x",
    "😀",
    "\u3000",
    "k\u3000",
    "\xa0k",
    "a'b",
    "'1'",
    '"yes"',
    "x.y",
    "0",
    "1_000",
]
WILD_KEYS = [
    "0b_",
    "=",
    "<<",
    "?",
    "[a]",
    "{a: 1}",
    "&a k",
    "*a",
    "!!str k",
    "? x",
    "- x",
    "'q",
    '"a\\"b"',
    "a: b",
    "a #b",
    "a\tb",
    "'a'b",
    "-",
    ":",
]
FLOW_KEYS = ["value", "approx", "source", "note", "a", "b", "值", "a b"]
FLOW_STRINGS = ["a, b", "引领带动政府各部门学法300余次", "x: y", "{a}", "a # b", "", "100%", "[1]", "'", "a,b}"]
FLOW_EDGES = [
    "{}",
    "{ }",
    "{a:1}",
    "{a: 1,}",
    "{a: 1, }",
    "{,}",
    "{a: 1",
    "{a: 1}}",
    "{a: 1} x",
    "{a: 1}x",
    "{a: 1 #c}",
    "{a}",
    "{a, b: 2}",
    "{: 1}",
    "{a: }",
    "{a:}",
    "{a: 1, a: 2}",
    "{? a: 1}",
    "{[a]: 1}",
    "{a: [1, 2]}",
    "{a: {b: 1}}",
    "{a: *x}",
    "{a: &x 1}",
    "{a: !!str 1}",
    '{"a":1}',
    "{'a': 'b'}",
    "{a: x y}",
    "{ a : 1 }",
    "{a: 1 ,b: 2}",
    "{a: -1}",
    "{a: - 1}",
    "{a: b: c}",
    "{a: 'x'}",
    "{a: 'x''y'}",
    '{a: "x, y"}',
    "{a: x, y}",
    "{a: 1, {b: 2}}",
    "{a: []}",
    '{value: 300, approx: true, source: "引领带动政府各部门学法300余次"}',
    "{a: 1}#c",
    "{a: 1} #c",
    "{a: #b}",
    "{a: b#c}",
    "{1: 2, true: 3, 1.0: 4}",
    "{<<: 1}",
    "{a: 1,\t b: 2}",
    "{\ta: 1}",
    "{a: '1'}",
    '{a: "\\n"}',
    "[1, 2]",
    "[]",
    "[a, {b: 1}]",
    "{a: 1} {b: 2}",
    "{a: 2024-01-05}",
    "{a: yes, b: ~, c: 0o17, d: 1e3, e: .5}",
    "{a: 1:30}",
    "{a: x:y}",
    "{a: x: y}",
    "{a: :x}",
    "{a: ?x}",
    "{a: -x}",
    "{a: 'x' }",
    "{a: 'x'y}",
    '{a: "x"y}',
    "{a: 1}  ",
    "{a: 1, b: {}}",
    "{a: 1}\u3000",
    "{a: x\u3000}",
    "{'a''b': 1}",
    '{"a b": 1}',
    "{a: 'x, y', b: \"}\"}",
]
SPECIAL_VALUES = [
    "&a 1",
    "*a",
    "&a",
    "!!str 1",
    "!!int 1",
    "!x 1",
    "!!binary aGk=",
    "!!set {}",
    "|",
    ">",
    "|-",
    ">+",
    "| # c",
    "? x",
    "- x",
    "-",
    "[",
    "]",
    "{",
    "}",
    ":",
    "'",
    '"',
    "@x",
    "`x",
    "%x",
]
SOUP = (
    list("aaaaabbbccc111222中中") * 3
    + list("a1 :#'\"{},-?.e+_x0[]!&*|>%@`=~\\")
    + [
        "\u3000",
        "\xa0",
        "😀",
        "  ",
        ": ",
        ", ",
        " #",
        "yes",
        "null",
        "2024-01-05",
        "1:30",
        ".5",
        "0x1",
        "{a: 1}",
        "'q'",
        '"d"',
    ]
)
PLAIN_COMMENTS = [" # c", "  # 注释"]
ODD_COMMENTS = [" #", " #c", " ##", " # a: b", " # 'q", "      # x", " # {a: 1}", " #\u3000", " # \\"]
WILD_COMMENTS = ["# c", "\t# c", "\u3000# c", "#"]


class Fuzzer:
    """Writes YAML-ish documents on the edge of the fast path's subset, from one seeded random source.

    Two knobs for each document: ``odd``, how often a key, scalar, comment or spacing is an unusual
    one that may still lie inside the subset (YAML 1.1 keywords, numbers and dates, quotes, ``#`` and
    ``:`` inside text), and ``wild``, how often a construct outside the subset (or outside YAML)
    appears. Whole-line changes (``mutate``) and whole edge documents come on top."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.odd = self.wild = 0.0

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def document(self) -> str:
        rng = self.rng
        if self.chance(0.08):
            return self.special_document()
        if self.chance(0.1):
            return self.token_soup()
        self.odd = rng.choice([0.0, 0.05, 0.1, 0.2, 0.4])
        self.wild = rng.choice([0.0, 0.0, 0.0, 0.0, 0.02, 0.05, 0.15, 0.4])
        lines: list[str] = []
        self.block_map(0, 0, lines)
        for _ in range(rng.choice([0] * 7 + [1, 2, 3])):
            self.mutate(lines)
        newline = rng.choice(["\r\n", "\r"]) if self.chance(0.05) else "\n"
        text = newline.join(lines)
        text += rng.choice([newline] * 6 + ["", newline * 2, " ", newline + "  ", newline + "#"])
        if self.chance(0.03):
            text = "\ufeff" + text
        return text

    # keys and scalars

    def keys(self, count: int, names: list) -> list:
        """Keys for one mapping: distinct names, some unusual ones, now and then a duplicate."""
        rng = self.rng
        keys = rng.sample(names, min(count, len(names)))
        for i in range(len(keys)):
            if self.chance(self.wild * 0.3):
                keys[i] = rng.choice(WILD_KEYS)
            elif self.chance(self.odd * 0.3):
                keys[i] = rng.choice(ODD_KEYS + KEYWORDS + DATES + TEXTS[:12])
        if len(keys) > 1 and self.chance(self.wild * 0.5 + self.odd * 0.05):
            keys[rng.randrange(1, len(keys))] = keys[0]
        return keys

    def plain(self) -> str:
        rng = self.rng
        if self.chance(self.wild * 0.5):
            return rng.choice(INDICATOR_LED + CONTROLS + WILD_TEXTS)
        if self.chance(self.odd):
            return rng.choice(rng.choice([KEYWORDS, NUMBERS, NUMBERS, DATES, TEXTS]))
        return rng.choice(WORDS)

    def single_quoted(self) -> str:
        rng = self.rng
        if self.chance(self.wild):
            return rng.choice(
                ["'it's'", "'a' b", "'a'b", "'a\\'", "'unterminated", "'a\tb'", "'a\x85b'", "'a # b", "'a''"]
            )
        if not self.chance(self.odd):
            return "'" + rng.choice(WORDS) + "'"
        body = rng.choice(
            TEXTS
            + KEYWORDS
            + NUMBERS
            + DATES
            + ["", "it's", "a # b", " a ", "#", "'", "\\n", "''", "a: b", "a #b", " "]
        )
        return "'" + body.replace("'", "''") + "'"

    def double_quoted(self) -> str:
        rng = self.rng
        if self.chance(self.wild):
            escape = rng.choice(
                [
                    "\\n",
                    "\\u4e2d",
                    '\\"',
                    "\\x41",
                    "\\/",
                    "\\q",
                    "\\t",
                    "\\\\",
                    "\\ ",
                    "\\0",
                    "\\e",
                    "\\U0001F600",
                    "\\",
                ]
            )
            return rng.choice(['"a' + escape + '"', '"unterminated', '"a"b"', '"a" b', '"a\tb"', '"a\x85b"'])
        if not self.chance(self.odd):
            return '"' + rng.choice(WORDS) + '"'
        body = rng.choice(TEXTS + KEYWORDS + NUMBERS + DATES + ["", " a ", "a # b", "a: b", "'", "a #b", " "])
        return '"' + body.replace("\\", "").replace('"', "") + '"'

    def flow_scalar(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            return self.plain()
        if r < 0.8:
            return '"' + rng.choice(FLOW_STRINGS) + '"'
        if r < 0.9:
            return self.single_quoted()
        if r < 0.95:
            return self.double_quoted()
        return "" if self.chance(self.wild + self.odd * 0.2) else "1"

    def flow_map(self, depth: int = 0) -> str:
        rng = self.rng
        if self.chance(self.wild * 0.5 + self.odd * 0.05):
            return rng.choice(FLOW_EDGES)
        entries = []
        for key in self.keys(rng.randint(1, 4), FLOW_KEYS):
            if depth < 2 and self.chance(self.wild * 0.3):
                value = rng.choice([self.flow_map(depth + 1), "[1, 2]", "[]", "{}"])
            else:
                value = self.flow_scalar()
            separator = ": "
            if self.chance(self.odd * 0.2):
                separator = rng.choice([":  ", ":", " : ", ":\t", "  :  "])
            entries.append(key + separator + value)
        comma = rng.choice([",", " , ", ",  ", " ,"]) if self.chance(self.odd * 0.2) else ", "
        inner = comma.join(entries)
        if self.chance(self.wild * 0.3 + self.odd * 0.05):
            inner += rng.choice([",", ", ", ",,", " ,"])
        pad = rng.choice([" ", "  "]) if self.chance(self.odd * 0.2) else ""
        return "{" + pad + inner + pad + "}"

    # block structure

    def comment(self) -> str:
        rng = self.rng
        if not self.chance(0.15):
            return ""
        if self.chance(self.wild):
            return rng.choice(WILD_COMMENTS)
        if self.chance(self.odd):
            return rng.choice(ODD_COMMENTS)
        return rng.choice(PLAIN_COMMENTS)

    def block_value(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            return self.plain()
        if r < 0.62:
            return self.single_quoted()
        if r < 0.74:
            return self.double_quoted()
        if r < 0.9:
            return self.flow_map()
        if self.chance(self.wild):
            return rng.choice(SPECIAL_VALUES)
        return "" if r > 0.95 else self.plain()

    def block_map(self, indent: int, depth: int, lines: list) -> None:
        rng = self.rng
        step = rng.choice([2, 2, 2, 4, 3, 1])
        for key in self.keys(rng.randint(1, 4 if depth else 6), NAME_KEYS):
            colon = rng.choice([" :", "  :"]) if self.chance(self.odd * 0.1) else ":"
            comment = self.comment()
            if depth < 4 and self.chance(0.22):
                lines.append(" " * indent + key + colon + comment)
                self.block_map(indent + step, depth + 1, lines)
                continue
            value = self.block_value()
            separator = rng.choice(["  ", "   "]) if self.chance(self.odd * 0.2) else " "
            if self.chance(self.wild * 0.2):
                separator = rng.choice(["", "\t", " \t", "\u3000"])
            trailing = rng.choice([" ", "  "]) if self.chance(self.odd * 0.2) else ""
            if self.chance(self.wild * 0.2):
                trailing = rng.choice(["\t", "\u3000", "\xa0", " \t ", "\x85"])
            lines.append(" " * indent + key + colon + (separator + value if value else "") + comment + trailing)

    def mutate(self, lines: list) -> None:
        """One change on the edge of the subset, at a random place."""
        rng = self.rng
        n = len(lines)
        i = rng.randrange(n + 1)
        j = rng.randrange(n) if n else 0
        near = " " * _indent_of(lines[j]) if n else ""
        kind = rng.randrange(16)
        if kind == 0:  # a blank line, maybe only spaces
            lines.insert(i, rng.choice(["", " ", "   ", "\t", "\u3000", "        "]))
        elif kind == 1:  # a comment-only line at any indentation
            lines.insert(i, " " * rng.randint(0, 9) + rng.choice(["#", "# c", "#c", "# 注释: x", "#\t'", "#{"]))
        elif kind == 2:  # a more indented line after a line: a deeper key, or a plain scalar's continuation
            extra = " " * rng.randint(1, 4)
            lines.insert(
                j + 1,
                near
                + extra
                + rng.choice(["more", "more: x", "x: 1", "- x", "# c", "'q'", "x #c", "合成县", "{a: 1}", "b: {c: 1}"]),
            )
        elif kind == 3 and n:  # indentation moved by a little: a dedent to a level that never existed
            delta = rng.choice([-2, -1, 1, 2])
            lines[j] = " " * max(0, _indent_of(lines[j]) + delta) + lines[j].lstrip(" ")
        elif kind == 4 and n:  # the whole document indented, or its first line only
            pad = " " * rng.randint(1, 3)
            if self.chance(0.5):
                lines[:] = [pad + line if line else line for line in lines]
            else:
                lines[0] = pad + lines[0]
        elif kind == 5:  # document markers and directives
            choice = rng.randrange(6)
            if choice == 0:
                lines.insert(0, rng.choice(["---", "--- ", "--- # c", "---\t"]))
            elif choice == 1:
                lines.append(rng.choice(["...", "... # c", "...  "]))
            elif choice == 2:
                lines.insert(i, "---")
            elif choice == 3:
                lines[:0] = ["%YAML 1.1", "---"]
            elif choice == 4:
                lines.insert(0, "--- " + rng.choice(["a: 1", "{a: 1}", "x", ""]))
            else:
                lines.insert(i, "...")
        elif kind == 6 and n:  # a tab in the indentation or after the colon
            line = lines[j]
            if self.chance(0.5):
                lines[j] = "\t" + line.lstrip(" ") if line.startswith(" ") else "\t" + line
            else:
                lines[j] = line.replace(": ", ":\t", 1)
        elif kind == 7 and n:  # a duplicate key, at the same level or another one
            copy = lines[j]
            if self.chance(0.5):
                copy = near + copy.lstrip(" ").split(":", 1)[0] + ": " + rng.choice(["2", "'x'", "{a: 1}", ""])
            lines.insert(rng.randrange(n + 1) if self.chance(0.5) else j + 1, copy)
        elif kind == 8:  # keys and entries outside the subset
            lines.insert(
                i,
                near
                + rng.choice(
                    [
                        "<<: x",
                        "<<: {a: 1}",
                        "? x",
                        "? x\n" + near + ": y",
                        ": x",
                        "- item",
                        "- a: 1",
                        "-",
                        "-x: 1",
                        "?x: 1",
                        "&a k: 1",
                        "!!str k: 1",
                        "k: &a 1",
                        "j: *a",
                        "[a]: 1",
                        "{a: 1}: 2",
                        "a: b: c",
                        "a: - b",
                        "'a'b: 1",
                        "x",
                    ]
                ),
            )
        elif kind == 9 and n:  # a non-printable or line-breaking character somewhere
            line = lines[j]
            at = rng.randrange(len(line) + 1)
            lines[j] = (
                line[:at]
                + rng.choice(
                    [
                        "\x07",
                        "\x85",
                        "\u2028",
                        "\u2029",
                        "\x0c",
                        "\x0b",
                        "\x1c",
                        "\r",
                        "\x7f",
                        "\ufeff",
                        "\x00",
                        "\xa0",
                        "\u3000",
                        "\t",
                    ]
                )
                + line[at:]
            )
        elif kind == 10:  # a very long key (simple keys are limited to 1024 characters)
            lines.insert(i, near + "k" * rng.choice([1000, 1020, 1024, 1025, 1030]) + ": 1")
        elif kind == 11 and n:  # a block sequence under a key
            lines.insert(j + 1, near + rng.choice(["", "  "]) + "- " + rng.choice(["a", "1", "{a: 1}", "b: 2"]))
        elif kind == 12 and n:  # a block scalar
            lines[j] = lines[j].rstrip() + (" |" if lines[j].rstrip().endswith(":") else "")
            lines.insert(j + 1, near + "  text")
        elif kind == 13 and n:  # a value on the line after its key
            lines.insert(j + 1, near + "  " + rng.choice(["1", "'q'", "{a: 1}", "x y"]))
        elif kind == 14 and n:  # a line cut short
            line = lines[j]
            lines[j] = line[: rng.randrange(len(line) + 1)]
        elif kind == 15 and n:  # two lines swapped
            k = rng.randrange(n)
            lines[j], lines[k] = lines[k], lines[j]

    def token_soup(self) -> str:
        """A few short lines of key-ish and value-ish tokens put together from characters near the subset's
        edges, for the corners of the line patterns."""
        rng = self.rng

        def soup(most: int) -> str:
            return "".join(rng.choice(SOUP) for _ in range(rng.randint(0, most)))

        lines = []
        for _ in range(rng.randint(1, 4)):
            indent = " " * rng.choice([0, 0, 0, 1, 2, 2, 4])
            r = rng.random()
            if r < 0.7:
                lines.append(indent + soup(4) + rng.choice([": ", ":", ": ", " : ", ":  "]) + soup(6))
            elif r < 0.85:
                more = rng.choice(["", ", " + soup(2) + ": " + soup(3)])
                lines.append(indent + soup(3) + ": {" + soup(3) + ": " + soup(4) + more + "}" + soup(1))
            else:
                lines.append(indent + soup(8))
        return "\n".join(lines) + rng.choice(["\n", ""])

    def special_document(self) -> str:
        """Whole documents that are edge cases on their own."""
        rng = self.rng
        r = rng.randrange(10)
        if r == 0:
            return rng.choice(
                [
                    "",
                    "\n",
                    "   \n",
                    "# only a comment\n",
                    "#\n\n# two\n",
                    "---\n",
                    "---\n...\n",
                    "\ufeff",
                    "\ufeff# c\n",
                    "\t\n",
                ]
            )
        if r == 1:
            return rng.choice(
                [
                    "x\n",
                    "12\n",
                    "yes\n",
                    "'q'\n",
                    '"d"\n',
                    "合成县\n",
                    "2024-01-05\n",
                    "~\n",
                    "a:b\n",
                    "- a\n- b\n",
                    "[1, 2]\n",
                    "{a: 1}\n",
                    "{a: 1}",
                    "{}\n",
                    "&a x\n",
                    "!!str 1\n",
                    "a: 1",
                    "a:",
                    ":",
                    "a: 1\n...\nb: 2\n",
                ]
            )
        if r == 2:  # nesting around the depth limits
            depth = rng.choice([29, 30, 31, 32, 38, 39, 40, 41, 42])
            return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "leaf: 1\n"
        if r == 3:  # two documents
            return "a: 1\n---\nb: 2\n"
        if r == 4:  # an alias bomb in miniature
            return "a: &a {x: 1}\nb: *a\nc: *a\n"
        if r == 5:  # keys that YAML reads as equal
            keys = rng.sample(
                ["1", "1.0", "true", "yes", "on", "01", "0x1", "+1", "1_0", "10", "0o1", "'1'", "0b1", "1:0", "0:1"], 4
            )
            return "".join(f"{k}: {v}\n" for v, k in enumerate(keys))
        if r == 6:  # keys YAML reads as null, dates, floats
            return "".join(
                f"{k}: {v}\n"
                for v, k in enumerate(
                    rng.sample(
                        ["~", "null", "", "2024-01-05", ".nan", ".nan", ".inf", "1e3", "0b_", "=", "<<", "'~'", "NULL"],
                        4,
                    )
                )
            )
        if r == 7:  # indentation stairs
            return rng.choice(
                [
                    "a:\n    b: 1\n  c: 2\n",
                    "a:\n  b:\n     c: 1\n   d: 2\n",
                    "a:\n  b: 1\n c: 2\n",
                    "  a: 1\n  b: 2\n",
                    "  a: 1\nb: 2\n",
                    " a:\n  b: 1\n",
                ]
            )
        if r == 8:  # the empty value's position
            return rng.choice(
                [
                    "a:\n",
                    "a:",
                    "a:  \n",
                    "a: # c\n",
                    "a:\nb:\n",
                    "a:\n\n\nb: 1\n",
                    "a:\n  \nb: 1\n",
                    "a:\n# c\n  b: 1\n",
                    "a:\n  # c\nb: 1\n",
                    "a:   # c\n  b: 1\n",
                    "a:\nb: 1\n  c: 2\n",
                    "a :\n",
                    "a  :  # c\nb: 1\n",
                ]
            )
        return rng.choice(
            [
                "a: 1\r\nb: 2\r\n",
                "a: 1\rb: 2\r",
                "a: 1\n\rb: 2\n",
                "a: 1\r\n  b: 2\r\n",
                "a: 'x\r\n  y'\r\n",
                "a: x\x85b: y\n",
                "a: x\u2028b: y\n",
                "a: 1\x0cb: 2\n",
            ]
        )


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


SEEDS = range(40)
DOCS_PER_SEED = 100


def documents(seed: int) -> list[str]:
    fuzzer = Fuzzer(seed)
    return [fuzzer.document() for _ in range(DOCS_PER_SEED)]


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzzed_documents(seed):
    for text in documents(seed):
        assert_fast_agrees(text)


@pytest.mark.parametrize("seed", range(10))
def test_fuzzed_documents_under_the_pure_python_loader(seed, monkeypatch):
    """Where PyYAML has no libyaml, the full loader is its pure-Python one, whose scanner differs in
    places (it ends a plain scalar in a flow mapping at "?"): the fast path must agree with it too."""
    import yaml

    monkeypatch.setattr(yamlpos, "_Loader", yaml.SafeLoader)
    for text in documents(seed) + ["a: {b: c?}\n", "a: {b?: c}\n", "a?: 1\n"]:
        assert_fast_agrees(text)


def test_fuzzer_reaches_both_sides_of_the_edge():
    """The fuzzed documents are taken by the fast path often enough, and declined often enough; and the
    ones it takes are not only the dull ones (YAML 1.1 keywords, numbers and dates, as values and keys).
    A key is always its text, even where YAML 1.1 would read it as a bool, null, number or date."""
    taken = declined = 0
    seen: set = set()
    for seed in SEEDS:
        for text in documents(seed):
            got = fast(text)
            if got is None:
                declined += 1
            else:
                taken += 1
                seen |= _types_in(got[0])
    total = taken + declined
    summary = f"{taken} of {total} documents taken by the fast path, {declined} declined; seen {sorted(seen)}"
    assert taken > 0.2 * total, summary
    assert declined > 0.2 * total, summary
    wanted = {
        "YMap",
        "str",
        "int",
        "float",
        "bool",
        "NoneType",
        "date",
        "datetime",
        "key str",
        "key as bool",
        "key as int",
        "key as float",
        "key as NoneType",
        "key as date",
    }
    assert wanted <= seen, summary
    assert {k for k in seen if k.startswith("key ") and not k.startswith("key as ")} == {"key str"}, summary


def _types_in(value) -> set:
    """Type names of a value and everything in it; "key <type>" for the keys of mappings, and "key as
    <type>" for a key that a value written as it would be."""
    found = {type(value).__name__}
    if isinstance(value, dict):
        for key, item in value.items():
            found |= {f"key {type(key).__name__}"} | _types_in(item)
            if isinstance(key, str) and key:
                found.add(f"key as {type(yamlpos.load('k: ' + key, DOC)[0].get('k')).__name__}")
    elif isinstance(value, list):
        for item in value:
            found |= _types_in(item)
    return found


# --------------------------------------------------------------------------------------------
# The public function, either way
# --------------------------------------------------------------------------------------------

TRICKY = [
    'region: 社旗县\nregion_code: "411327"\nyear: 2024\npublished_on: 2025-03-25\n',
    'indicators:\n  a: {value: 300, approx: true, source: "引领带动政府各部门学法300余次"}\n',
    "a: yes\nb: on\nc: y\nd: 0o17\ne: 1e3\nf: 1.0e+3\ng: .NaN\nh: 1:30\ni: 007\nj: 0x1F\nk: ~\n",
    "a: 2001-12-14t21:59:43.10-05:00\nb: 2024-01-05 10:00:00\nc: 2024-1-5\nd: 2024-02-30\n",
    "a: 1\na: 2\nb:\n  a: 3\n",
    "1: a\n1.0: b\ntrue: c\n",
    "<<: {a: 1}\nb: 2\n",
    "a: x # c\nb: x# c\nc: 'a' #c\nd: 'a'#c\n",
    "a: b\n  c\n",
    "a:\n    b: 1\n  c: 2\n",
    "  a: 1\nb: 2\n",
    "a:\n\tb: 1\n",
    'a: "\\u4e2d\\n"\n',
    "a: 'unterminated\n",
    "\ufeffa: 1\r\nb: {c: 2}\r\n",
    "---\na: 1\n...\n",
    "a: 1\n---\nb: 2\n",
    "",
    "# only comments\n",
    "a: x\x85b: y\n",
    "a: \x07\n",
    "- a\n- b\n",
    "a: {b: {c: 1}, d: [1, 2],}\n",
    "a: {a:1}\n",
    "=: 1\n",
    "a: 123456789012345678901234567890\n",
    "a: &x 1\nb: *x\n",
    "a",
    "k" * 1024 + ": 1\n",  # a simple key may be 1024 characters long, no longer
    "k" * 1025 + ": 1\n",
    "a: {" + "k" * 1025 + ": 1}\n",
]


@pytest.mark.parametrize("text", TRICKY, ids=[f"tricky{i}" for i in range(len(TRICKY))])
def test_load_is_full_loader_either_way(text):
    same(yamlpos.load(text, DOC), full(text, DOC))


# --------------------------------------------------------------------------------------------
# Keys are read as written
# --------------------------------------------------------------------------------------------

# every key YAML 1.1 would read as something other than text: bools, null, numbers (octal, hex,
# sexagesimal, with "_"), floats, dates and timestamps (a date that does not exist too), "=", signs
KEYS_AS_WRITTEN = [
    "on",
    "On",
    "ON",
    "off",
    "OFF",
    "yes",
    "Yes",
    "no",
    "NO",
    "y",
    "Y",
    "n",
    "N",
    "true",
    "False",
    "TRUE",
    "null",
    "Null",
    "~",
    "123",
    "0",
    "-1",
    "+1",
    "017",
    "0x1F",
    "0b11",
    "1_000",
    "1:30",
    "1.5",
    "1e3",
    "1.0e+3",
    ".5",
    ".nan",
    ".inf",
    "-.inf",
    "2024-01-05",
    "2024-02-30",
    "2024-1-5",
    "2001-12-14t21:59:43.10-05:00",
    "2024-01-05 10:00:00",
    "=",
]


@pytest.mark.parametrize("key", KEYS_AS_WRITTEN)
def test_a_key_is_read_as_the_text_written(key):
    """The key, at the top, nested, in a flow mapping and in a sequence's mapping: its text, at its place,
    on the fast path and the composer's alike; the value keeps its type."""
    top, diags = yamlpos.load(f"{key}: 1\nb: on\n", DOC)
    assert (list(top), top[key], top.key_pos[key], top["b"], diags) == ([key, "b"], 1, (1, 1), True, [])
    nested, diags = yamlpos.load(f"a:\n  {key}: x\n", DOC)
    assert (list(nested["a"]), nested["a"].key_pos[key], diags) == ([key], (2, 3), [])
    flow, diags = yamlpos.load(f"a: {{z: 1, {key}: [fail, missing]}}\n", DOC)
    assert (flow["a"][key], flow["a"].key_pos[key], diags) == (["fail", "missing"], (1, 11), [])
    listed, diags = yamlpos.load(f"v:\n  - {{rule: X, {key}: 2}}\n", DOC)
    assert (listed["v"][0][key], listed["v"][0].key_pos[key], diags) == (2, (2, 15), [])
    for text in (f"{key}: 1\nb: on\n", f"a:\n  {key}: x\n", f"a: {{z: 1, {key}: [fail, missing]}}\n"):
        assert_fast_agrees(text)


def test_keys_that_yaml_reads_as_equal_are_different_keys():
    """on/yes/true and 1/1.0/01 were one key each to YAML 1.1 (a duplicate); written differently, they
    are different keys. The same text twice is still a duplicate, at its place."""
    data, diags = yamlpos.load("on: 1\nyes: 2\ntrue: 3\n1: 4\n1.0: 5\n01: 6\n", DOC)
    assert (list(data), diags) == (["on", "yes", "true", "1", "1.0", "01"], [])
    data, diags = yamlpos.load("on: 1\nv: [1]\non: 2\n", DOC)
    assert [(d.code, d.line, d.column, d.params) for d in diags] == [
        ("yaml.duplicate_key", 3, 1, {"key": "on", "first_line": 1})
    ]


def test_a_merge_key_is_still_refused_at_its_place():
    data, diags = yamlpos.load("a: 1\n<<: {b: 2}\n", DOC)
    assert [(d.code, d.line, d.column) for d in diags] == [("yaml.merge", 2, 1)]
    assert fast("a: 1\n<<: {b: 2}\n") is None
    data, diags = yamlpos.load("a: 1\n!foo k: 2\n", DOC)
    assert ([(d.code, d.line, d.column) for d in diags], list(data)) == ([("yaml.tag", 2, 1)], ["a", "k"])
