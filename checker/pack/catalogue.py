"""The indicator catalogue: every indicator a submission may give, with unit and aliases."""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import Diagnostic
from checker.pack.expr import BOOL, DATE, NUM
from checker.record import FrozenRecord, record, setfield
from checker.yamlpos import YMap

UNITS = {"count": NUM, "percent": NUM, "yuan": NUM, "days": NUM, "date": DATE, "bool": BOOL}
BETTER = ("higher", "lower")  # which way an indicator improves: declared on numbers only
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@record
class Area(FrozenRecord):
    """One area of the assessment (the catalogue's headings)."""

    key: str
    code: str
    zh: str
    en: str
    order: int

    def __init__(self, key, code, zh, en, order):
        setfield(self, "key", key)
        setfield(self, "code", code)
        setfield(self, "zh", zh)
        setfield(self, "en", en)
        setfield(self, "order", order)

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@record
class Indicator(FrozenRecord):
    """One indicator a submission may give, with its unit and aliases."""

    key: str
    area: str
    zh: str
    en: str
    unit: str
    aliases: tuple = ()
    derive: tuple | None = None  # (numerator key, denominator key): the rate's own definition
    field: str | None = None  # top-level submission field mapped onto this indicator
    better: str | None = None  # "higher" | "lower": the direction it improves in; None for a volume
    derive_else: tuple = ()  # ((numerator, denominator), ...): used in turn where ``derive``'s counts are not given
    parts: tuple = ()  # a count: ((+1 | -1, key), ...), its value the signed sum where all are given
    chosen: str | None = None  # the profile whose ``rates:`` set ``derive`` (no fallback then)

    def __init__(
        self,
        key,
        area,
        zh,
        en,
        unit,
        aliases=(),
        derive=None,
        field=None,
        better=None,
        derive_else=(),
        parts=(),
        chosen=None,
    ):
        setfield(self, "key", key)
        setfield(self, "area", area)
        setfield(self, "zh", zh)
        setfield(self, "en", en)
        setfield(self, "unit", unit)
        setfield(self, "aliases", aliases)
        setfield(self, "derive", derive)
        setfield(self, "field", field)
        setfield(self, "better", better)
        setfield(self, "derive_else", derive_else)
        setfield(self, "parts", parts)
        setfield(self, "chosen", chosen)

    @property
    def pairs(self) -> tuple:
        """The (numerator, denominator) pairs a rate is derived from, in the order they are tried."""
        return (self.derive, *self.derive_else) if self.derive else ()

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def worse(self, before, now) -> bool:
        """Did the value move the way this indicator gets worse? Never for one without a declared
        direction (a volume or a denominator), nor for a value not a number."""
        if self.better is None or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in (before, now)
        ):
            return False
        return now < before if self.better == "higher" else now > before

    @property
    def type(self) -> str:
        return UNITS[self.unit]


class Catalogue:
    def __init__(self, areas: dict[str, Area], indicators: dict[str, Indicator]):
        self.areas = dict(sorted(areas.items(), key=lambda kv: (kv[1].order, kv[0])))
        self.indicators = indicators
        self.aliases: dict[str, str] = {}
        for ind in indicators.values():
            for alias in (ind.zh, *ind.aliases):
                self.aliases.setdefault(alias, ind.key)
        self.area_aliases = {a.zh: a.key for a in self.areas.values()}
        self.fields = {ind.field: ind.key for ind in indicators.values() if ind.field}

    def type_of(self, key: str) -> str | None:
        ind = self.indicators.get(key)
        return ind.type if ind else None

    def resolve(self, name: str) -> str | None:
        """A key or Chinese alias → the indicator key, or None."""
        if name in self.indicators:
            return name
        return self.aliases.get(name)

    def with_rates(self, chosen: dict) -> "Catalogue":
        """The catalogue with the rates a profile defines otherwise (``rates:``): {key: ((numerator,
        denominator), profile name)}; such a rate is derived from that pair only, never a fallback."""
        from dataclasses import replace

        indicators = dict(self.indicators)
        for key, (pair, profile) in chosen.items():
            indicators[key] = replace(indicators[key], derive=pair, derive_else=(), chosen=profile)
        return Catalogue(self.areas, indicators)

    def typer(self):
        """type_of with the known keys attached, for suggestions in the expression checker."""

        def type_of(key):
            return self.type_of(key)

        type_of.known = tuple(self.indicators)
        return type_of


def _text(node: YMap, key: str, file: str, diags: list, owner: str) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        line, col = node.pos(key) if key in node else (node.line, node.col)
        diags.append(Diagnostic("pack.missing_field", file, line, col, {"field": key, "owner": owner}))
        return ""
    return value


def load_areas(data, file: str, diags: list) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    items = data.get("areas") if isinstance(data, YMap) else None
    if not isinstance(items, YMap):
        diags.append(Diagnostic("pack.missing_field", file, 1, 1, {"field": "areas", "owner": file}))
        return areas
    for key, spec in items.items():
        line, col = items.key_pos[key]
        if not isinstance(spec, YMap):
            diags.append(Diagnostic("pack.not_mapping", file, line, col, {"what": key}))
            continue
        order = spec.get("order", 99)
        areas[key] = Area(
            key,
            _text(spec, "code", file, diags, key),
            _text(spec, "zh", file, diags, key),
            _text(spec, "en", file, diags, key),
            order if isinstance(order, int) else 99,
        )
    return areas


def load_indicators(data, file: str, areas: dict, diags: list, out: dict, where: dict) -> None:
    if not isinstance(data, YMap) or not isinstance(data.get("indicators"), YMap):
        diags.append(Diagnostic("pack.missing_field", file, 1, 1, {"field": "indicators", "owner": file}))
        return
    items = data["indicators"]
    for key, spec in items.items():
        line, col = items.key_pos[key]
        ind = _indicator(key, spec, file, line, col, areas, diags)
        if ind is None:
            continue
        if key in out:
            diags.append(Diagnostic("pack.duplicate_indicator", file, line, col, {"key": key, "first": where[key]}))
            continue
        out[key] = ind
        where[key] = f"{file}:{line}"


def _indicator(key, spec, file, line, col, areas, diags) -> Indicator | None:
    if not isinstance(key, str) or not KEY_RE.match(key):
        diags.append(Diagnostic("pack.bad_key", file, line, col, {"key": key}))
        return None
    if not isinstance(spec, YMap):
        diags.append(Diagnostic("pack.not_mapping", file, line, col, {"what": key}))
        return None
    area = key.split(".", 1)[0]
    if area not in areas:
        diags.append(Diagnostic("pack.unknown_area", file, line, col, {"area": area, "key": key}))
    unit = spec.get("unit")
    if unit not in UNITS:
        ul, uc = spec.pos("unit")
        diags.append(Diagnostic("pack.bad_unit", file, ul, uc, {"unit": unit, "units": ", ".join(UNITS)}))
        return None
    derive, derive_else, parts = _derive_spec(key, spec, unit, file, diags)
    aliases = spec.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        diags.append(Diagnostic("pack.bad_aliases", file, *spec.pos("aliases"), {"key": key}))
        aliases = ()
    field = spec.get("field")
    better = spec.get("better")
    if better is not None and (better not in BETTER or UNITS[unit] != NUM):
        diags.append(
            Diagnostic(
                "pack.bad_better",
                file,
                *spec.pos("better"),
                {"key": key, "better": spec.written("better"), "unit": unit},
            )
        )
        better = None
    return Indicator(
        key,
        area,
        _text(spec, "zh", file, diags, key),
        _text(spec, "en", file, diags, key),
        unit,
        tuple(aliases),
        derive,
        field if isinstance(field, str) else None,
        better,
        derive_else,
        parts,
    )


def _pair(spec, extra=()) -> tuple | None:
    if (
        isinstance(spec, dict)
        and isinstance(spec.get("numerator"), str)
        and isinstance(spec.get("denominator"), str)
        and set(spec) <= {"numerator", "denominator", *extra}
    ):
        return spec["numerator"], spec["denominator"]
    return None


def _derive_spec(key, spec, unit, file, diags) -> tuple:
    """A ``derive:`` as (pair, fallback pairs, count parts). A percent: ``{numerator, denominator}``,
    optionally ``else: [{numerator, denominator}, ...]`` tried in turn where the first pair's counts
    are not given. A count: ``{sum: [keys]}`` or ``{total: key, minus: [keys]}``."""
    derive = spec.get("derive")
    if derive is None:
        return None, (), ()
    bad = (None, (), ())
    where = spec.pos("derive")
    if not isinstance(derive, YMap):
        diags.append(Diagnostic("pack.bad_derive", file, *where, {"key": key}))
        return bad
    if unit == "percent":
        first = _pair(derive, ("else",))
        rest = derive.get("else", [])
        others = tuple(_pair(p) for p in rest) if isinstance(rest, list) else (None,)
        if first is None or None in others:
            diags.append(Diagnostic("pack.bad_derive", file, *where, {"key": key}))
            return bad
        return first, others, ()
    if unit == "count":
        keys = lambda v: isinstance(v, list) and v and all(isinstance(k, str) for k in v)  # noqa: E731
        if set(derive) == {"sum"} and keys(derive["sum"]):
            return None, (), tuple((1, k) for k in derive["sum"])
        if set(derive) == {"total", "minus"} and isinstance(derive["total"], str) and keys(derive["minus"]):
            return None, (), ((1, derive["total"]),) + tuple((-1, k) for k in derive["minus"])
    diags.append(Diagnostic("pack.bad_derive", file, *where, {"key": key}))
    return bad


def check_catalogue(cat: Catalogue, where: dict, diags: list) -> None:
    """Cross-checks: derive references, unique aliases."""
    owner: dict[str, str] = {}
    for ind in cat.indicators.values():
        file, _, line = where[ind.key].rpartition(":")
        for alias in (ind.zh, *ind.aliases):
            if alias in owner and owner[alias] != ind.key or alias in cat.indicators:
                diags.append(
                    Diagnostic(
                        "pack.duplicate_alias",
                        file,
                        int(line),
                        None,
                        {"alias": alias, "key": ind.key, "other": owner.get(alias, alias)},
                    )
                )
            owner.setdefault(alias, ind.key)
        refs = [k for pair in ind.pairs for k in pair] + [k for _, k in ind.parts]
        if ind.key in refs:
            refs.append(ind.key)  # derived from itself: refused below as a count that is not another
        for ref in dict.fromkeys(refs):
            other = cat.indicators.get(ref)
            if other is None or other.unit != "count" or ref == ind.key:
                diags.append(Diagnostic("pack.bad_derive_ref", file, int(line), None, {"key": ind.key, "ref": ref}))


def load_catalogue(directory: Path, read, listing=None) -> tuple[Catalogue, list[Diagnostic]]:
    """Read catalogue/areas.yaml and every other catalogue/*.yaml file (``listing(directory,
    pattern)`` lists them: sorted, by default)."""
    diags: list[Diagnostic] = []
    areas_file = directory / "areas.yaml"
    data = read(areas_file, diags)
    areas = load_areas(data, str(areas_file), diags) if data is not None else {}
    indicators: dict[str, Indicator] = {}
    where: dict[str, str] = {}
    for path in (listing or _sorted_glob)(directory, "*.yaml"):
        if path.name == "areas.yaml":
            continue
        data = read(path, diags)
        if data is not None:
            load_indicators(data, str(path), areas, diags, indicators, where)
    cat = Catalogue(areas, indicators)
    check_catalogue(cat, where, diags)
    return cat, diags


def _sorted_glob(directory: Path, pattern: str) -> list[Path]:
    return sorted(directory.glob(pattern))
