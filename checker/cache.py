"""The disk cache: where entries live, how they are keyed, written and pruned; and parsed YAML.

Two kinds of entry share it, both JSON (never pickle: the cache directory is not trusted more
than the input), both keyed so that a stale entry cannot be read:

* ``pack``: a built rule pack (``checker.pack.built``), which is what lets a one-file ``fazhi
  check`` start without reading and validating the pack's files;
* ``yaml``: a parsed YAML document, for the files read again outside a built pack: ``rules lint``
  reads every pack file itself (three passes), and a profile, a scoring scheme, the extractor's
  patterns and a pack rebuilt after one of its files was edited are read through it. Why each is
  kept, with the measures, is in ``docs/performance.md`` (``bench/tricks.py caches``).

A document is kept under a key that hashes the file's bytes together with the source of the code
that parses and encodes it; any change to either gives a new key.  Only documents that parsed
without a diagnostic are cached, so every problem in a file is still reported from the file
itself.  An entry that does not decode to exactly the shape the parser produces is ignored and
the file parsed again.

``FAZHI_CACHE_DIR`` chooses the directory (``off`` turns the cache off); otherwise
``$XDG_CACHE_HOME/fazhi`` or ``~/.cache/fazhi``.  A cache that cannot be read or written is
ignored: it only ever saves time.  Entries no longer read (left by edits of a pack) are pruned,
oldest first, once there are more than ``MAX_ENTRIES``.  Whoever can write the cache directory
can change what the rule pack says, exactly as whoever can write the rules directory: keep it as
private as the rules (the default is the user's own cache directory).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import sys
from pathlib import Path

try:
    # CPython's own BLAKE2: hashlib would load OpenSSL, which nothing else in a one-file check needs
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b as _hash

from checker import yamlpos
from checker.yamlpos import YList, YMap


def directory() -> Path | None:
    chosen = os.environ.get("FAZHI_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fazhi"


@functools.cache
def code_key(*files: str) -> str:
    """A hash of the code whose output is cached (these source files) and of the Python and PyYAML
    versions it ran on. OSError where a file is not on disk (a frozen build: then no cache)."""
    import yaml

    digest = _hash(f"{sys.version_info[0]}.{sys.version_info[1]} {yaml.__version__}".encode())
    for file in files:
        digest.update(Path(file).read_bytes())
    return digest.hexdigest()


def digest(data: bytes) -> str:
    return _hash(data).hexdigest()


def entry(kind: str, key: str) -> Path | None:
    """Where the entry of this kind (``yaml``, ``pack``) and key is kept; None with the cache off."""
    root = directory()
    return None if root is None else root / f"{kind}-{key}.json"


def _path(data: bytes) -> Path | None:
    if directory() is None:
        return None
    try:
        code = code_key(yamlpos.__file__, __file__)  # the YAML reader and this encoder
    except OSError:  # the parser's source is not on disk (a frozen build): no cache
        return None
    digest = _hash(code.encode())
    digest.update(data)
    return entry("yaml", digest.hexdigest())


def get(data: bytes):
    """The parsed document for these file bytes, or None when it is not cached."""
    path = _path(data)
    if path is None:
        return None
    try:
        doc = decode(json.loads(path.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    return doc if isinstance(doc, YMap) else None


def put(data: bytes, doc) -> None:
    path = _path(data)
    if path is not None:
        try:
            _write(path, encode(doc))
        except (ValueError, TypeError):
            return


def write(kind: str, key: str, obj) -> None:
    """Keep ``obj`` (JSON data) as the entry of this kind and key; a failure only loses the entry."""
    path = entry(kind, key)
    if path is not None:
        _write(path, obj)


def _write(path: Path, obj) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(obj, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)  # atomic: a reader sees the old state or the whole new entry
    except (OSError, ValueError, TypeError):
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        return
    prune(path.parent, MAX_ENTRIES)


MAX_ENTRIES = 512
_ENTRY = r"(?:yaml|pack)-[0-9a-f]{128}\.json"  # what entry() names an entry


def prune(root: Path, keep: int) -> None:
    """Past ``keep`` entries, remove the oldest written down to three quarters of it.

    Every edit of a pack file (and every new version of the parser) leaves entries that can never
    be read again; this runs only when an entry is written, so a warm start never pays for it.
    """
    try:
        entries = sorted(
            (entry.stat().st_mtime, entry.path) for entry in os.scandir(root) if re.fullmatch(_ENTRY, entry.name)
        )  # ours only: the directory may be shared
    except OSError:
        return
    if len(entries) <= keep:
        return
    for _, old in entries[: len(entries) - keep * 3 // 4]:
        try:
            os.unlink(old)
        except OSError:
            pass


# --- the document as JSON: maps and lists are tagged objects, everything else a JSON scalar --------


def encode(node):
    if isinstance(node, YMap):
        return {
            "m": [
                node.line,
                node.col,
                [[_key(k), *node.key_pos[k], *node.val_pos[k], encode(v), node.text.get(k)] for k, v in node.items()],
            ]
        }
    if isinstance(node, YList):
        return {"l": [node.line, node.col, [[*pos, encode(v)] for pos, v in zip(node.item_pos, node)]]}
    if isinstance(node, dt.datetime):
        return {"t": node.isoformat()}
    if isinstance(node, dt.date):
        return {"d": node.isoformat()}
    if node is None or isinstance(node, (str, bool, int, float)):
        return node
    raise TypeError(f"cannot cache {type(node).__name__}")


def _key(key):
    if isinstance(key, (str, bool, int, float)):
        return key
    raise TypeError(f"cannot cache a {type(key).__name__} key")


_NESTED = (dict, list)


def decode(obj):
    if isinstance(obj, list):
        raise ValueError("an untagged list")
    if isinstance(obj, dict):
        if "m" in obj:
            line, col, items = obj["m"]
            out = YMap(line, col)
            key_pos, val_pos, texts = out.key_pos, out.val_pos, out.text
            for key, kl, kc, vl, vc, value, text in items:
                out[key] = decode(value) if type(value) in _NESTED else value  # a scalar is itself
                key_pos[key] = (kl, kc)
                val_pos[key] = (vl, vc)
                if text is not None:
                    texts[key] = text
            return out
        if "l" in obj:
            line, col, items = obj["l"]
            out = YList(line, col)
            for il, ic, value in items:
                out.item_pos.append((il, ic))
                out.append(decode(value) if type(value) in _NESTED else value)
            return out
        if "t" in obj:
            return dt.datetime.fromisoformat(obj["t"])
        return dt.date.fromisoformat(obj["d"])
    return obj
