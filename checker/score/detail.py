"""A county's scored items as a cohort run keeps them: compact, read back on demand.

``fazhi score`` of a cohort kept every county's ~106 ``ItemScore`` until the end (their titles,
requirements and bases copied into every county by pickling, the values read, the locations):
~80 KB a county, 8 GB for a national cohort (issue 24; figures in docs/performance.md). What the
outputs need of an item is its rule, status, deduction and reason in the run's language; the
rule's own texts (title, requirement, basis, binding force) are the pack's, the same for every
county. A worker sends ``Detail``: those four fields of each item as compressed JSON (never
pickle on disk), and the few indicator values the year-over-year comparison reads (numbers of
indicators with a declared better direction, first as the rules read them). The parent keeps
that (~2 KB a county) and the renderers read ``county.items`` as before: the items are made
again from it and the pack's rules when iterated (the last county's kept, since a scoring sheet
reads them area by area).
"""

from __future__ import annotations

import json
import zlib

from checker.score.compute import NO_REASON  # a pass or not applicable has no reason
from checker.score.model import ItemScore

_texts: dict = {}  # in the parent: key -> (rule id, area, title, expected, basis, strength), as learnt
_last: list = [None, ()]  # the Detail last expanded, and its items
_items: dict = {}  # an item's content -> the item made of it: most items come back in many counties
_seen: set = set()  # the hashes of items' contents met once (an item with its own reason comes once)
ITEMS = 10_000  # items kept made for the rest of a run (~3 MB at most)


def _key(texts: tuple) -> str:
    """A rule's texts named by their content: the rule in force differs by the county's profile
    and year (a regional rule, a basis amended), so the id alone does not name them."""
    from checker.cache import digest

    return digest(json.dumps(texts, ensure_ascii=False, sort_keys=True).encode("utf-8"))[:20]


def compact(items, lang: str, cat, sent: dict) -> Detail:
    """``items`` (ItemScore, reasons written in ``lang``) as a Detail; the texts of a rule are sent
    with the first county that has them (``sent``: the worker's texts already sent, by identity)."""
    new, rows = [], []
    for i in items:
        texts = (i.rule, i.area, i.title, i.expected, i.basis, i.strength)
        key = sent.get(id(i.title), (None, None))
        if key[0] is not i.title or key[1] != texts:
            key = (i.title, texts, _key(texts))
            sent[id(i.title)] = key
            new.append((key[2], texts))
        rows.append([key[2], str(i.status), i.deduction, i.reason.get(lang) if i.reason is not NO_REASON else None])
    blob = zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
    pairs: dict = {}
    for item in items:
        for key, value in item.values:
            if key in pairs:
                continue
            ind = cat.indicators.get(key)
            pairs[key] = (
                value
                if ind is not None
                and ind.better is not None
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
                else None
            )
    return Detail(blob, lang, tuple((k, v) for k, v in pairs.items() if v is not None), tuple(new))


SPILL = 2000  # counties whose items are kept in memory; past this they go to a temporary SQLite file


class Spill:
    """Where a run keeps its counties' items: in memory for the first ``SPILL``, then in a temporary
    SQLite file (deleted when the run's counties are), so that memory stays flat at any size."""

    def __init__(self, limit: int | None = None):
        self.limit = SPILL if limit is None else limit
        self.count, self.db, self._tmp = 0, None, None

    def keep(self, detail: Detail) -> Detail:
        self.count += 1
        if self.count <= self.limit:
            return detail
        if self.db is None:
            import sqlite3
            import tempfile

            self._tmp = tempfile.TemporaryDirectory(prefix="fazhi-score-")
            self.db = sqlite3.connect(f"{self._tmp.name}/items.sqlite", isolation_level=None)
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, blob BLOB, pairs TEXT)")
        row = self.db.execute(
            "INSERT INTO items (blob, pairs) VALUES (?, ?)", (detail.blob, json.dumps(detail.pairs))
        ).lastrowid
        return Spilled(self, row, detail.lang)

    def read(self, row: int) -> tuple:
        blob, pairs = self.db.execute("SELECT blob, pairs FROM items WHERE id = ?", (row,)).fetchone()
        return blob, tuple((k, v) for k, v in json.loads(pairs))


class Detail:
    """A county's items, compact (see the module's docstring); a sequence of ItemScore when read."""

    __slots__ = ("blob", "lang", "pairs", "texts")

    def __init__(self, blob: bytes, lang: str, pairs: tuple, texts: tuple = ()):
        self.blob, self.lang, self.pairs, self.texts = blob, lang, pairs, texts

    def __reduce__(self):
        return Detail, (self.blob, self.lang, self.pairs, self.texts)

    def learn(self) -> Detail:
        """In the parent, as it arrives: the rules' texts it brings kept once for all counties."""
        if self.texts:
            _texts.update(self.texts)
            self.texts = ()
        return self

    def expand(self) -> tuple:
        if _last[0] is self:
            return _last[1]
        lang, out = self.lang, []
        for key, status, deduction, reason in json.loads(zlib.decompress(self.blob)):
            content = (key, status, type(deduction), deduction, reason, lang)  # 1 and 1.0: not one item
            item = _items.get(content)
            if item is None:
                rule_id, area, title, expected, basis, strength = _texts[key]
                item = ItemScore(
                    rule_id,
                    area,
                    title,
                    status,
                    deduction,
                    NO_REASON if reason is None else {lang: reason},
                    expected,
                    basis,
                    None,
                    (),
                    strength,
                )
                if len(_items) < ITEMS and hash(content) in _seen:  # kept from its second time
                    _items[content] = item
                elif len(_seen) < ITEMS * 10:
                    _seen.add(hash(content))
            out.append(item)
        _last[0], _last[1] = self, tuple(out)
        return _last[1]

    def __iter__(self):
        return iter(self.expand())

    def __len__(self) -> int:
        return len(self.expand())

    def __getitem__(self, index):
        return self.expand()[index]

    def __bool__(self) -> bool:
        return len(self) > 0


class Spilled(Detail):
    """A Detail kept in its run's SQLite file (``Spill``), read back when its items are."""

    __slots__ = ("store", "row")

    def __init__(self, store: Spill, row: int, lang: str):
        self.store, self.row, self.lang, self.texts = store, row, lang, ()

    def __reduce__(self):
        return Detail, (self.blob, self.lang, self.pairs)

    @property
    def blob(self) -> bytes:
        return self.store.read(self.row)[0]

    @property
    def pairs(self) -> tuple:
        return self.store.read(self.row)[1]
