"""The parsed-YAML cache: keyed by content, exact round trip, never trusted blindly."""

import datetime as dt
import json

import pytest
from conftest import ROOT

from checker import cache, yamlpos
from checker.pack import load_pack, read_yaml

DOC = """\
rules:
  - id: X-001   # a comment
    when: 2024-05-01
    at: 2024-05-01 10:30:00+08:00
    ok: yes
    rate: .inf
    n: 3
    ratio: 0.5
    none: null
    1: int key
    list: [a, {b: 2}]
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def same(a, b):
    assert type(a) is type(b) and a == b
    if isinstance(a, yamlpos.YMap):
        assert (a.line, a.col, a.key_pos, a.val_pos, a.text) == (b.line, b.col, b.key_pos, b.val_pos, b.text)
        assert list(a) == list(b)
        for key in a:
            same(a[key], b[key])
    elif isinstance(a, yamlpos.YList):
        assert (a.line, a.col, a.item_pos) == (b.line, b.col, b.item_pos)
        for x, y in zip(a, b):
            same(x, y)


def test_round_trip_keeps_values_types_and_positions(cache_dir):
    doc, diags = yamlpos.load(DOC, "x.yaml")
    assert not diags
    back = cache.decode(json.loads(json.dumps(cache.encode(doc))))
    same(doc, back)
    item = back["rules"][0]
    assert item["when"] == dt.date(2024, 5, 1) and item.written("ok") == "yes" and item.pos("n") == (7, 8)


def test_read_yaml_uses_the_cache_only_for_the_same_bytes(cache_dir, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(DOC, encoding="utf-8")
    first = read_yaml(path, [])
    assert len(list(cache_dir.glob("yaml-*.json"))) == 1
    same(first, read_yaml(path, []))
    path.write_text(DOC.replace("n: 3", "n: 4"), encoding="utf-8")  # a changed file: a new key
    assert read_yaml(path, [])["rules"][0]["n"] == 4
    assert len(list(cache_dir.glob("yaml-*.json"))) == 2


def test_files_with_problems_are_never_cached(cache_dir, tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    diags: list = []
    read_yaml(path, diags)
    assert [d.code for d in diags] == ["yaml.duplicate_key"]
    assert not cache_dir.exists() or not list(cache_dir.glob("yaml-*.json"))
    diags = []
    read_yaml(path, diags)  # reported again, from the file itself
    assert [d.code for d in diags] == ["yaml.duplicate_key"]


def test_a_corrupt_or_unwritable_cache_is_ignored(cache_dir, tmp_path, monkeypatch):
    path = tmp_path / "p.yaml"
    path.write_text(DOC, encoding="utf-8")
    read_yaml(path, [])
    for entry in cache_dir.glob("yaml-*.json"):
        entry.write_text('{"m": [1, 1, [["a"', encoding="utf-8")
    same(read_yaml(path, []), yamlpos.load(DOC, "x")[0])
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(path))  # a file, not a directory
    same(read_yaml(path, []), yamlpos.load(DOC, "x")[0])


@pytest.mark.parametrize(
    "entry",
    [
        '"hello"',
        "[" * 100000 + "]" * 100000,
        '{"m": [1, 1, [["a", 1, 1, 1, 1, [1, 2], null]]]}',
        '{"m": [1, 1, [["a", 1, 1]]]}',
        '{"x": 1}',
        "null",
    ],
)
def test_an_entry_of_the_wrong_shape_is_parsed_again(cache_dir, tmp_path, entry):
    path = tmp_path / "p.yaml"
    path.write_text(DOC, encoding="utf-8")
    read_yaml(path, [])
    for stored in cache_dir.glob("yaml-*.json"):
        stored.write_text(entry, encoding="utf-8")
    diags: list = []
    same(read_yaml(path, diags), yamlpos.load(DOC, "x")[0])
    assert diags == []


def test_no_parser_source_on_disk_means_no_cache(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(yamlpos, "__file__", str(tmp_path / "missing.py"))
    path = tmp_path / "p.yaml"
    path.write_text(DOC, encoding="utf-8")
    diags: list = []
    same(read_yaml(path, diags), yamlpos.load(DOC, "x")[0])
    assert diags == [] and not cache_dir.exists()


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv("FAZHI_CACHE_DIR", "off")
    assert cache.directory() is None
    monkeypatch.delenv("FAZHI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "fazhi"


def test_the_pack_loads_identically_from_the_cache(cache_dir):
    cold, diags = load_pack()
    assert not diags and list(cache_dir.glob("yaml-*.json"))
    warm, _ = load_pack()
    assert warm.rules == cold.rules and warm.all_rules == cold.all_rules
    assert warm.catalogue.areas == cold.catalogue.areas
    assert warm.catalogue.indicators == cold.catalogue.indicators


def test_only_decimal_numbers_are_read_as_numbers():
    """Plain decimals (and signed ones) are numbers; YAML 1.1's other forms (octal 0123, 00, 1_000,
    0x1F, 1:30, 1_000.5) stay as written, for the reader of values to take as decimals or refuse."""
    from checker import yamlpos

    data, diags = yamlpos.load(
        "a: 0123\nb: 12\nc: ０１\nd: 1_000\ne: 0\nf: 00\ng: +5\nh: 0x1F\ni: '7'\nj: 1.0\n"
        "k: 1:30\nl: 1_000.5\nm: -3\nn: 1.5e+3\n"
    )
    assert diags == []
    assert dict(data) == {
        "a": "0123",
        "b": 12,
        "c": "０１",
        "d": "1_000",
        "e": 0,
        "f": "00",
        "g": 5,
        "h": "0x1F",
        "i": "7",
        "j": 1.0,
        "k": "1:30",
        "l": "1_000.5",
        "m": -3,
        "n": 1500.0,
    }
    assert [type(data[k]) for k in "bci"] == [int, str, str] and data.text == {"j": "1.0", "n": "1.5e+3"}


def test_an_integer_too_long_to_convert_is_a_located_problem():
    from checker import yamlpos

    data, diags = yamlpos.load("a: 1\nb: " + "7" * 5000 + "\n", "x.yaml")
    assert [(d.code, d.line, d.column) for d in diags] == [("yaml.bad_scalar", 2, 4)] and data["a"] == 1


def test_old_entries_are_pruned_when_an_entry_is_written(cache_dir, tmp_path, monkeypatch):
    """Edited packs leave entries that can never be read again: past the limit the oldest go."""
    import os

    monkeypatch.setattr(cache, "MAX_ENTRIES", 8)
    cache_dir.mkdir()
    names = [f"yaml-{i:0128x}.json" for i in range(10)]
    for i, name in enumerate(names):
        stale = cache_dir / name
        stale.write_text("{}")
        os.utime(stale, (1_000_000 + i, 1_000_000 + i))
    for foreign in ("other.txt", "yaml-settings.json"):  # the directory may be shared: not ours, kept
        (cache_dir / foreign).write_text("not ours")
        os.utime(cache_dir / foreign, (1, 1))
    path = tmp_path / "p.yaml"
    path.write_text("a: 1\n")
    read_yaml(path, [])  # writes one entry: 11 > 8, so down to 6
    left = sorted(p.name for p in cache_dir.glob("yaml-*.json"))
    assert left[:5] == names[5:] and len(left) == 7 and "yaml-settings.json" in left
    assert (cache_dir / "other.txt").exists() and cache.get(path.read_bytes()) == {"a": 1}


# --- built packs -----------------------------------------------------------------------------------

MINIMAL = ROOT / "tests" / "packs" / "minimal"


def _copy_pack(tmp_path):
    import shutil

    shutil.copytree(MINIMAL, tmp_path / "pack")
    return tmp_path / "pack"


@pytest.mark.parametrize("root, profile", [(None, None), (None, "henan-county"), (MINIMAL, None), (MINIMAL, "strict")])
def test_a_built_pack_round_trips_with_every_type_and_position(monkeypatch, root, profile):
    from checker.pack import built

    monkeypatch.setenv("FAZHI_CACHE_DIR", "off")
    pack, diags = load_pack(root, profile)
    assert not diags
    back = built.decode_pack(json.loads(json.dumps(built.encode_pack(pack))))
    assert built.same(back, pack)
    assert back.rules == pack.rules and back.all_rules == pack.all_rules
    assert all(any(r is a for a in back.all_rules) for r in back.rules)  # enabled rules are the same objects
    assert any(r.examples for r in back.rules) and any(r.app_tree for r in back.rules)


def test_same_tells_apart_what_equality_does_not():
    """``built.same`` decides whether an entry is written: it must see types and positions."""
    from checker.pack import built

    doc, _ = yamlpos.load("a: 1\nb: [1, 2]\n", "x.yaml")
    moved, _ = yamlpos.load("\na: 1\nb: [1, 2]\n", "x.yaml")
    assert doc == moved and built.same(doc, doc) and not built.same(doc, moved)
    assert not built.same((1, 2), [1, 2]) and not built.same(1, True) and not built.same(1, 1.0)
    assert not built.same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # order is kept too
    pack, _ = load_pack()
    rule = pack.all_rules[0]
    from dataclasses import replace

    assert built.same(pack, pack)
    assert not built.same(rule, replace(rule, title=dict(rule.title, zh="x")))
    tree = rule.cond_tree  # a node's position is its last field
    moved_tree = type(tree)(*[getattr(tree, n) for n in type(tree).__slots__[:-1]], tree.pos + 1)
    assert not built.same(rule, replace(rule, cond_tree=moved_tree))


def test_the_built_pack_is_used_only_while_nothing_it_read_changed(cache_dir, tmp_path, monkeypatch):
    import checker.pack as pack_module
    from checker.pack import built

    root = _copy_pack(tmp_path)
    cold, diags = load_pack(root, "national")
    assert not diags and len(list(cache_dir.glob("pack-*.json"))) == 1
    with monkeypatch.context() as m:
        m.setattr(pack_module, "_build", None)  # a warm load builds nothing
        warm, _ = load_pack(root, "national")
    assert built.same(warm, cold)
    # every kind of change the build would see: a rule's text, the catalogue, the profile, a new file
    rule_file = root / "pack" / "disputes.yaml"
    text = rule_file.read_text(encoding="utf-8")
    title = cold.all_rules[0].title["zh"]
    changes = [
        (rule_file, lambda t: t.replace(title, title + "（改）", 1)),
        (root / "catalogue" / "disputes.yaml", lambda t: t + "\n"),
        (root / "profiles" / "national.yaml", lambda t: t + "\n# edited\n"),
    ]
    for path, change in changes:
        before = path.read_text(encoding="utf-8")
        path.write_text(change(before), encoding="utf-8")
        again, diags = load_pack(root, "national")
        assert not diags
        if path == rule_file:
            assert any(r.title["zh"] == title + "（改）" for r in again.all_rules)
        assert built.get(built.key(root, root / "profiles" / "national.yaml")) is not None  # rebuilt, kept again
    extra = root / "pack" / "zz-extra.yaml"
    extra.write_text(text.replace("DISP-", "DISX-"), encoding="utf-8")
    _, diags = load_pack(root, "national")
    assert {d.code for d in diags} == {"pack.id_area"}  # the new file is read: its ids do not fit its area
    extra.unlink()
    assert len(load_pack(root, "national")[0].all_rules) == len(cold.all_rules)


def test_a_pack_with_problems_is_not_kept_built(cache_dir, tmp_path):
    root = _copy_pack(tmp_path)
    (root / "pack" / "broken.yaml").write_text("area: nowhere\nrules: []\n", encoding="utf-8")
    _, diags = load_pack(root, "national")
    assert diags and not list(cache_dir.glob("pack-*.json"))
    _, again = load_pack(root, "national")
    assert [d.code for d in again] == [d.code for d in diags]  # reported again, from the files


@pytest.mark.parametrize(
    "garbage",
    [
        '{"files": {}, "dirs": {}, "pack": {"areas": [{"Z": 1}]}}',
        "not json",
        '{"files": {}, "dirs": {}, "pack": {"areas": [], "indicators": [], '
        '"all_rules": [{"R": ["Area", "x"]}], "rules": [], "profile": "p", '
        '"root": "r", "local_rules_bind": false}}',
    ],
)
def test_a_corrupt_built_pack_is_built_again(cache_dir, tmp_path, garbage):
    root = _copy_pack(tmp_path)
    cold, _ = load_pack(root, "national")
    (entry,) = cache_dir.glob("pack-*.json")
    entry.write_text(garbage, encoding="utf-8")
    from checker.pack import built

    warm, diags = load_pack(root, "national")
    assert not diags and built.same(warm, cold)


def test_a_built_pack_entry_naming_a_device_or_an_absolute_pattern_is_built_again(cache_dir, tmp_path):
    root = _copy_pack(tmp_path)
    cold, _ = load_pack(root, "national")
    (entry,) = cache_dir.glob("pack-*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    from checker.pack import built

    for files, dirs in [({"/dev/zero": "0" * 128}, data["dirs"]), (data["files"], {"/tmp\0/etc/*": []})]:
        entry.write_text(json.dumps(dict(data, files=files, dirs=dirs)), encoding="utf-8")
        warm, diags = load_pack(root, "national")
        assert not diags and built.same(warm, cold)


def test_with_the_cache_off_no_built_pack_work_is_done(monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", "off")
    monkeypatch.setattr(cache, "code_key", None)  # called, it would raise
    pack, diags = load_pack()
    assert pack is not None and not diags


def test_examples_of_a_built_pack_are_decoded_when_first_read(cache_dir, tmp_path):
    """A check never reads the rules' examples: from the built pack they stay encoded until read,
    then they are exactly what a fresh build gives (positions included)."""
    from checker.pack import built
    from checker.pack.rules import Later

    root = _copy_pack(tmp_path)
    cold, _ = load_pack(root, "national")
    warm, diags = load_pack(root, "national")
    assert not diags
    assert all(type(r.__dict__["_examples"]) is Later for r in warm.all_rules)
    assert built.same(warm, cold)  # reads every rule's examples
    assert all(type(r.__dict__["_examples"]) is tuple for r in warm.all_rules)
    assert any(r.examples for r in warm.all_rules)


@pytest.mark.parametrize("damage", [lambda ex: ["Z", 1], lambda ex: ["L", *ex[1:]], lambda ex: 5])
def test_damaged_examples_in_a_built_pack_are_read_from_the_files(cache_dir, tmp_path, damage):
    """Examples decoded late cannot fail the load: where they do not decode to a tuple, the pack is
    built afresh and the rule's examples taken from it."""
    from checker.pack import built

    root = _copy_pack(tmp_path)
    cold, _ = load_pack(root, "national")
    (entry,) = cache_dir.glob("pack-*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    for rule in data["pack"]["all_rules"]:
        rule[built._EXAMPLES] = damage(rule[built._EXAMPLES])
    entry.write_text(json.dumps(data), encoding="utf-8")
    warm, diags = load_pack(root, "national")
    assert not diags
    assert [r.examples for r in warm.all_rules] == [r.examples for r in cold.all_rules]
    assert built.same(warm, cold)


def test_a_rule_from_a_built_pack_pickles_and_copies_with_its_examples(cache_dir, tmp_path):
    import copy
    import pickle

    root = _copy_pack(tmp_path)
    cold, _ = load_pack(root, "national")
    warm, _ = load_pack(root, "national")
    rule = next(r for r in warm.all_rules if r.examples)
    for twin in (
        pickle.loads(pickle.dumps(warm.all_rules[0])),
        copy.deepcopy(warm.all_rules[0]),
        pickle.loads(pickle.dumps(rule)),
    ):
        original = next(r for r in cold.all_rules if r.id == twin.id)
        assert twin == original and twin.examples == original.examples
