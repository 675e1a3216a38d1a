"""Values computed once per object of a run (a rule, a catalogue) and remembered.

Rules and catalogues are immutable, so what is derived from them (a requirement's text, a
message's fixed parts, a finding's JSON around its values, a rule as cited for a year) need not be
derived again for each finding of every submission: deriving it each time made a check of a
folder several times slower (``docs/performance.md``; ``bench/tricks.py memo``). Entries are keyed
by ``id(obj)`` and hold the object itself, so an id is never reused while its entry exists.
"""

from __future__ import annotations

_TABLE: dict = {}


def once(obj, key, make):
    """``make()`` the first time for (obj, key); the same value afterwards."""
    entry = _TABLE.get((id(obj), key))
    if entry is None or entry[0] is not obj:
        entry = _TABLE[(id(obj), key)] = (obj, make())
    return entry[1]


def once_for(objs: tuple, key, make):
    """``once`` for a value derived from several objects together (a rule and a catalogue)."""
    ids = tuple(map(id, objs))
    entry = _TABLE.get((ids, key))
    if entry is None or any(held is not obj for held, obj in zip(entry[0], objs)):
        entry = _TABLE[(ids, key)] = (objs, make())
    return entry[1]
