"""Record classes write out the methods @dataclass would make (checker/record.py): each must behave
exactly as the dataclass of the same fields, the one it was before."""

import dataclasses
import inspect
import pickle

import pytest
from conftest import ROOT

from checker.record import FrozenRecord, dataclass_spec, record_classes

RECORDS = record_classes()


def test_every_record_class_is_held_here():
    """The census finds each class its module makes with @record (a new one is tested unasked)."""
    made = sum(path.read_text(encoding="utf-8").count("\n@record") for path in (ROOT / "checker").rglob("*.py"))
    assert len(RECORDS) == len({c.__module__ + "." + c.__qualname__ for c in RECORDS}) == made


def twin(cls):
    """The dataclass that ``cls`` stands for: same fields, same options, methods made by @dataclass."""
    frozen = issubclass(cls, FrozenRecord)
    bases = (Exception,) if issubclass(cls, Exception) else ()
    return dataclasses.make_dataclass(
        cls.__name__, dataclass_spec(cls), bases=bases, frozen=frozen, slots="__slots__" in cls.__dict__
    )


def outcome(fn):
    """What a call gives, or the kind of exception it raises."""
    try:
        return fn()
    except Exception as exc:
        return type(exc)


def samples(cls) -> list[dict]:
    """Arguments for two different instances: required fields only, and every field given."""
    fields = dataclasses.fields(cls)
    required = {
        f.name: f"{f.name}-value"
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    every = {f.name: (i, f.name) for i, f in enumerate(fields)}
    return [required, every]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_a_record_behaves_as_the_dataclass_it_replaces(cls):
    made = twin(cls)
    ours, theirs = inspect.signature(cls).parameters, inspect.signature(made).parameters
    assert [(p.name, p.kind, repr(p.default)) for p in ours.values()] == [
        (p.name, p.kind, repr(p.default)) for p in theirs.values()
    ]
    assert cls.__match_args__ == made.__match_args__
    frozen = issubclass(cls, FrozenRecord)
    for args in samples(cls):
        a, b = cls(**args), made(**args)
        assert repr(a) == repr(b)
        assert dataclasses.asdict(a) == dataclasses.asdict(b)
        again = cls(**args)
        assert a == again and not a != again
        assert a != b  # another class: never equal, as between two dataclasses
        assert outcome(lambda: hash(a)) == outcome(lambda: hash(again)) == outcome(lambda: hash(b))
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                a.code = 1
            with pytest.raises(dataclasses.FrozenInstanceError):
                del a.code
        else:
            with pytest.raises(TypeError):
                hash(a)
        for f in dataclasses.fields(cls):
            changed = dataclasses.replace(a, **{f.name: ("changed", f.name)})
            assert getattr(changed, f.name) == ("changed", f.name)
            assert (changed == a) is (not f.compare)
            assert outcome(lambda: hash(changed) == hash(a)) == outcome(
                lambda: hash(dataclasses.replace(b, **{f.name: ("changed", f.name)})) == hash(b)
            )
    required = samples(cls)[0]
    for f in dataclasses.fields(cls):  # a factory makes a new value for each instance
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(cls(**required), f.name) == f.default_factory()
            assert getattr(cls(**required), f.name) is not getattr(cls(**required), f.name)
    if not issubclass(cls, Exception):  # results and findings cross to and from worker processes
        one = cls(**samples(cls)[1])
        assert pickle.loads(pickle.dumps(one)) == one
