"""Record classes: dataclasses whose methods are written out, so they come compiled in the .pyc.

Why: on CPython 3.11 ``@dataclass`` builds every method it makes from source text when the module
is imported, for every class, at every start; a one-file ``fazhi check`` imports most of these
classes, and its start-up is budgeted (``docs/performance.md``, which has the measure,
``bench/tricks.py records``). Use ``@record`` only for a class imported on that path; elsewhere a
plain ``@dataclass`` is the better choice.

A record class is still a dataclass: ``@record`` is ``@dataclass(init=False, repr=False,
eq=False)``, which makes no method, so ``dataclasses.fields``, ``replace`` and ``asdict`` work as
before. The class writes its own ``__init__`` (the one ``@dataclass`` would make) and takes
``__repr__`` and ``__eq__`` from ``Record``, and for a frozen class also ``__hash__`` and the
refusal to change a field from ``FrozenRecord``; they do what the made methods do.
``tests/test_records.py`` holds every record class against a real dataclass of the same fields.
"""

from __future__ import annotations

import dataclasses


class _Factory:
    """The default of a field whose value is made by a factory (``field(default_factory=...)``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


FACTORY = _Factory()
setfield = object.__setattr__  # how a frozen record's __init__ sets its fields


RECORDS: list[type] = []  # every class made with @record, as its module is imported


def record(cls=None, /, *, slots: bool = False):
    """``@dataclass`` that makes no method: the class has its own ``__init__`` and a Record base."""

    def wrap(cls):
        made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots)
        RECORDS.append(made)
        return made

    return wrap if cls is None else wrap(cls)


def record_classes() -> list[type]:
    """Every record class of the package: each module whose source uses ``@record`` is imported (by
    name, so this module imports none of them), then the classes in the order they were made."""
    import importlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        if path.name != "record.py" and "\n@record" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(root).with_suffix("").parts
            importlib.import_module(".".join(("checker", *parts[: -1 if parts[-1] == "__init__" else None])))
    return sorted(set(RECORDS), key=lambda cls: (cls.__module__, cls.__qualname__))


def dataclass_spec(cls) -> list[tuple]:
    """``cls``'s fields as ``dataclasses.make_dataclass`` takes them: (name, type, field(options))."""
    out = []
    for f in dataclasses.fields(cls):
        options = {k: getattr(f, k) for k in ("repr", "compare", "hash")}
        if f.default is not dataclasses.MISSING:
            options["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            options["default_factory"] = f.default_factory
        out.append((f.name, f.type, dataclasses.field(**options)))
    return out


def _compared(obj) -> tuple:
    return tuple([getattr(obj, f.name) for f in obj.__dataclass_fields__.values() if f.compare])


class Record:
    """``__repr__`` and ``__eq__`` as ``@dataclass`` makes them (and so, unhashable)."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__dataclass_fields__.values() if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _compared(self) == _compared(other)
        return NotImplemented


class FrozenRecord(Record):
    """A frozen dataclass's ``__hash__`` and its refusal to change or delete a field."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(
            tuple(
                [
                    getattr(self, f.name)
                    for f in self.__dataclass_fields__.values()
                    if (f.compare if f.hash is None else f.hash)
                ]
            )
        )

    def __setattr__(self, name, value):
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
