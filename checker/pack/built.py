"""A disk cache of built rule packs: catalogue and rules with their conditions parsed.

The YAML cache (``checker.cache``) saves parsing each pack file; rebuilding the pack from those
documents — validating 106 rules and parsing their conditions — was still the largest part of a
one-file ``fazhi check`` after the imports.  A built pack is kept as JSON (never pickle) beside the
YAML entries, under a key that hashes the rules directory and profile chosen with the source of
the code that builds packs.  Its entry lists everything the build read: every file with a hash of
its bytes, and the listing of the catalogue and pack directories.  It is used only when all of
them are unchanged; otherwise the pack is built again (and the entry replaced).  Only a pack that
built without any diagnostic is cached, and only when the entry, decoded again, equals the pack
it was made from, types, positions and all.  An entry that cannot be read, or names anything but
regular files, is ignored.  As with the YAML cache, whoever can write the cache directory can
change what the pack says, exactly as whoever can write the rules directory.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from checker import cache
from checker.pack import expr
from checker.pack.catalogue import Area, Catalogue, Indicator
from checker.pack.rules import Later, Rule
from checker.yamlpos import YList, YMap

_NODES = {
    cls.__name__: cls
    for cls in (
        expr.Num,
        expr.Bool,
        expr.Ind,
        expr.Param,
        expr.Year,
        expr.Neg,
        expr.Not,
        expr.Arith,
        expr.Cmp,
        expr.Logic,
        expr.Call,
    )
}
_RECORDS = {"Rule": Rule, "Area": Area, "Indicator": Indicator}
_CODE = (
    "pack/__init__.py",
    "pack/built.py",
    "pack/catalogue.py",
    "pack/expr.py",
    "pack/rules.py",
    "yamlpos.py",
    "cache.py",
    "record.py",
)  # the code that reads and builds a pack, and this encoder


class Reads:
    """What a build read from disk: files (path -> digest of the bytes) and directory listings."""

    def __init__(self):
        self.files: dict = {}
        self.dirs: dict = {}

    def file(self, path: Path, data: bytes) -> None:
        self.files[str(path)] = cache.digest(data)

    def listing(self, directory: Path, pattern: str) -> list[Path]:
        found = _listing(directory, pattern)
        self.dirs[f"{directory}\0{pattern}"] = [p.name for p in found]
        return found


def _listing(directory: Path, pattern: str) -> list[Path]:
    return sorted(directory.glob(pattern))


def _unchanged(files: dict, dirs: dict) -> bool:
    for key, names in dirs.items():
        directory, pattern = key.split("\0")
        if [p.name for p in _listing(Path(directory), pattern)] != names:
            return False
    for path, digest in files.items():
        try:
            if not os.path.isfile(path) or cache.digest(Path(path).read_bytes()) != digest:
                return False  # only regular files: a build reads nothing else (not a device)
        except OSError:
            return False
    return True


def key(root: Path, profile: Path | None) -> str | None:
    """The entry's key for this rules directory and profile; None with the cache off, or where the
    code is not on disk."""
    if cache.directory() is None:
        return None
    package = Path(__file__).parent.parent
    try:
        code = cache.code_key(*(str(package / name) for name in _CODE))
    except OSError:
        return None
    return cache.digest("\0".join([code, str(root), str(profile)]).encode())


def get(key: str | None, rebuild=None):
    """The cached pack under this key, or None. Its rules' examples are decoded when first read
    (``rules.Later``); should that fail, they are taken from ``rebuild()``, the pack built afresh."""
    path = cache.entry("pack", key) if key else None
    if path is None:
        return None
    try:
        entry = json.loads(path.read_bytes())
        if not _unchanged(entry["files"], entry["dirs"]):
            return None
        return decode_pack(entry["pack"], rebuild)
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, the pack is built again
        return None


def put(key: str | None, pack, reads: Reads) -> None:
    if key is None:
        return
    try:
        encoded = encode_pack(pack)
        if not same(decode_pack(json.loads(json.dumps(encoded))), pack):
            return  # something does not survive the round trip: build it each time instead
    except (TypeError, ValueError, RecursionError):
        return
    cache.write("pack", key, {"files": reads.files, "dirs": reads.dirs, "pack": encoded})


# --- the pack as JSON: tagged objects keep every type ---------------------------------------------


def encode_pack(pack) -> dict:
    index = {id(rule): i for i, rule in enumerate(pack.all_rules)}
    cat = pack.catalogue
    return {
        "areas": [encode(a) for a in cat.areas.values()],
        "indicators": [encode(i) for i in cat.indicators.values()],
        "all_rules": [encode(r) for r in pack.all_rules],
        "rules": [index[id(r)] for r in pack.rules],
        "profile": pack.profile,
        "root": pack.root,
        "local_rules_bind": pack.local_rules_bind,
        "required": list(pack.required),
    }


def decode_pack(obj, rebuild=None):
    """The pack; with ``rebuild`` (a function building it afresh), its rules' examples left encoded
    until first read."""
    from checker.pack.model import Pack

    areas = [decode(a) for a in obj["areas"]]
    indicators = [decode(i) for i in obj["indicators"]]
    if not all(type(a) is Area for a in areas) or not all(type(i) is Indicator for i in indicators):
        raise ValueError("not a catalogue")
    cat = Catalogue({a.key: a for a in areas}, {i.key: i for i in indicators})
    later = _later(rebuild) if rebuild is not None else None
    all_rules = tuple(decode(r) if later is None else later(r) for r in obj["all_rules"])
    if not all(type(r) is Rule for r in all_rules):
        raise ValueError("not a rule")
    rules = tuple(all_rules[i] for i in obj["rules"])
    local, required = obj["local_rules_bind"], obj["required"]
    if (
        not isinstance(obj["profile"], str)
        or not isinstance(obj["root"], str)
        or not isinstance(local, bool)
        or type(required) is not list
        or not all(k in cat.indicators for k in required)
    ):
        raise ValueError("not a pack")
    return Pack(cat, rules, all_rules, obj["profile"], obj["root"], local, tuple(required))


_SCALARS = (str, bool, int, float, type(None))
_EXAMPLES = 2 + list(Rule.__dataclass_fields__).index("examples")  # in a rule's encoding ["R", "Rule", ...]


def _later(rebuild):
    """A decoder of encoded rules that leaves their examples encoded (``rules.Later``)."""
    fresh: list = []

    def recover(rule):
        if not fresh:
            pack, _ = rebuild()
            fresh.append({(r.id, r.file): r.__dict__["_examples"] for r in (pack.all_rules if pack else ())})
        return fresh[0].get((rule.id, rule.file), ())

    def decode_rule(obj):
        if type(obj) is not list or obj[:2] != ["R", "Rule"] or len(obj) <= _EXAMPLES:
            return decode(obj)
        examples = Later(obj[_EXAMPLES], decode, recover)
        return Rule(*[examples if i == _EXAMPLES else decode(v) for i, v in enumerate(obj[2:], 2)])

    return decode_rule


def encode(value):
    """JSON for a value of a built pack. Scalars and maps of text to scalars are themselves; any
    other value is a list whose first item says what it is."""
    kind = type(value)
    if kind in _SCALARS:
        if kind is float and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueError("not a finite number")
        return value
    if kind is tuple:
        return ["T", *map(encode, value)]
    if kind is list:
        return ["L", *map(encode, value)]
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise TypeError("a key that is not text")
        if all(type(v) in _SCALARS for v in value.values()):
            return {k: encode(v) for k, v in value.items()}
        return ["D", [[k, encode(v)] for k, v in value.items()]]
    if kind in (YMap, YList, dt.date, dt.datetime):
        return ["Y", cache.encode(value)]
    if kind.__name__ in _NODES and _NODES[kind.__name__] is kind:
        return ["X", kind.__name__, *(encode(getattr(value, name)) for name in kind.__slots__)]
    if kind.__name__ in _RECORDS and _RECORDS[kind.__name__] is kind:
        return ["R", kind.__name__, *(encode(getattr(value, name)) for name in kind.__dataclass_fields__)]
    raise TypeError(f"cannot cache {kind.__name__}")


def decode(obj):
    if type(obj) is list:
        return _DECODE[obj[0]](obj)
    return obj  # a scalar, or a map of text to scalars (json.loads made it new)


_DECODE = {
    "T": lambda obj: tuple([decode(v) for v in obj[1:]]),
    "L": lambda obj: [decode(v) for v in obj[1:]],
    "D": lambda obj: {k: decode(v) for k, v in obj[1]},
    "Y": lambda obj: cache.decode(obj[1]),
    "X": lambda obj: _NODES[obj[1]](*[decode(v) for v in obj[2:]]),
    "R": lambda obj: _RECORDS[obj[1]](*[decode(v) for v in obj[2:]]),
}


def same(a, b) -> bool:
    """Equal, and of the same types all the way down, positions of YAML nodes included."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (YMap, YList)):
        if (a.line, a.col) != (b.line, b.col):
            return False
        if isinstance(a, YMap):
            return (
                list(a) == list(b)
                and a.key_pos == b.key_pos
                and a.val_pos == b.val_pos
                and a.text == b.text
                and all(same(a[k], b[k]) for k in a)
            )
        return a.item_pos == b.item_pos and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(map(same, a, b))
    if type(a).__name__ in _NODES:
        return all(same(getattr(a, n), getattr(b, n)) for n in type(a).__slots__)
    if hasattr(a, "__dataclass_fields__"):
        return all(same(getattr(a, n), getattr(b, n)) for n in a.__dataclass_fields__)
    if isinstance(a, Catalogue):
        return same(a.areas, b.areas) and same(a.indicators, b.indicators)
    return a == b
