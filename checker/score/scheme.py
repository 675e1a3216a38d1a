"""Scoring schemes as data (rules/schemes/*.yaml): loaded, validated and compiled once.

A scheme's expressions (`when` of vetoes and bonus items, `per` of per-unit deductions) use the
rules' expression language and are compiled by the same compiler; they run on the plain evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.engine.compile import Compiler
from checker.engine.ir import Const
from checker.engine.plain import closure
from checker.errors import Diagnostic
from checker.pack import expr
from checker.pack.files import read_yaml
from checker.suggest import suggest
from checker.yamlpos import YList, YMap

STATUSES = ("fail", "error", "missing", "warn")
FIELDS = (
    "name",
    "source",
    "illustrative",
    "note",
    "not_applicable",
    "areas",
    "deductions",
    "rules",
    "items",
    "vetoes",
    "bonus",
    "penalties",
    "satisfaction",
    "bands",
    "categories",
)
VETO_FIELDS = ("rule", "on", "when", "kind", "label")
BONUS_FIELDS, BONUS_ITEM_FIELDS = ("cap", "items"), ("when", "per", "points", "label")
PER_FIELDS, BAND_FIELDS = ("per", "points", "cap"), ("key", "zh", "en", "min", "quota")
ITEM_FIELDS = ("points", "per_shortfall", "unit", "cap", "shortfall") + STATUSES
SOURCE_FIELDS = ("document", "url", "note")
SATISFACTION_FIELDS = ("indicator", "points", "unreported", "label")
CATEGORY_FIELDS, MATCH_FIELDS = ("key", "name", "match", "bands", "source"), ("level", "regions")
UNREPORTED_MODES = ("rescale", "zero")
VETO_KINDS = ("no_excellent", "lowest")
NA_MODES = ("exclude", "redistribute")
TOTAL = 100


@dataclass(frozen=True)
class Band:
    key: str
    name: dict
    min: float
    quota: float | None = None  # at most this percentage of the cohort (of the category), by rank


@dataclass(frozen=True)
class Item:
    """A rule scored as an item of its own (``items:``): ``points`` are its value and the most it can
    lose; ``per_shortfall`` points per unit short of the rule's threshold (``unit``), at most ``cap``."""

    points: float
    per_shortfall: float | None = None
    unit: dict | None = None
    cap: float | None = None
    shortfall: object = None  # Numeric (a `shortfall:` expression) or a Shortfall from the condition
    amounts: tuple = ()  # ((status, points), ...) written for the item


@dataclass(frozen=True)
class Shortfall:
    """How far a value is from a rule's threshold, read from the rule's own condition
    (``indicator >= threshold``: threshold − value; ``indicator <= threshold``: value − threshold)."""

    indicator: str
    threshold: float
    below: bool  # True: the value must reach the threshold (>=, >)

    def of(self, values: dict) -> float | None:
        value = values.get(self.indicator)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return max(0.0, (self.threshold - value) if self.below else (value - self.threshold))


@dataclass(frozen=True)
class Category:
    """A category of submission with its own bands (Henan's 省直管县 vs 省辖市): the first that matches."""

    key: str
    name: dict
    levels: tuple  # submission levels (empty: any)
    regions: tuple  # region names (empty: any)
    bands: tuple  # Band, best first

    def matches(self, level, region) -> bool:
        return (not self.levels or level in self.levels) and (not self.regions or region in self.regions)


@dataclass(frozen=True)
class Numeric:
    """A compiled numeric expression: a constant or a fact field (``checker.engine.ir``)."""

    side: object  # Const | Field

    def of(self, fact: dict) -> float | None:
        side = self.side
        return side.value if type(side) is Const else fact.get(side.name)


@dataclass(frozen=True)
class Scheme:
    key: str
    name: dict
    areas: dict  # area -> points
    deductions: dict  # status -> points
    rules: dict  # rule id -> {"fail": x, ...} or {"per": Numeric, "points": p, "cap": c}
    vetoes: tuple  # ({"kind", "label", "rule", "on", "when"}, ...)
    bonus_cap: float
    bonus: tuple  # ({"label", "points", "when" | "per"}, ...)
    bands: tuple  # Band, best first
    not_applicable: str
    compiled: object  # CompiledPack-like: fields, approx_fields, terms for fact_values
    items: dict = None  # rule id -> Item
    penalty_cap: float = 0
    penalties: tuple = ()  # as bonus: ({"label", "points", "when" | "per"}, ...), deducted
    satisfaction: dict = None  # {"indicator", "value": Numeric, "points", "unreported", "label"} or None
    categories: tuple = ()  # Category: bands of their own, the first that matches
    sources: tuple = ()  # ({"document", "url", "note"}, ...): where the numbers come from
    illustrative: bool = False  # True: the numbers (or some) are not from a published scheme
    note: dict = None  # {"zh", "en"}: what is illustrative and why

    def bands_for(self, level, region) -> tuple:
        """(category key, bands) for a submission: its category's bands, or the scheme's."""
        for category in self.categories:
            if category.matches(level, region):
                return category.key, category.bands
        return "", self.bands


def _shown(value) -> str:
    """A value as it reads in a message: true (not True), "" for nothing, {…} and […] for collections."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return ""
    return "{…}" if isinstance(value, dict) else "[…]" if isinstance(value, list) else str(value)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _bilingual(value) -> dict | None:
    if isinstance(value, YMap) and isinstance(value.get("zh"), str):
        return {"zh": value["zh"], "en": value.get("en") or value["zh"]}
    return None


class _Loader:
    def __init__(self, path: Path, pack, diags: list):
        self.file, self.pack, self.diags = str(path), pack, diags
        self.compiler = Compiler(pack)
        self.compiler.out.fields = {}

    def error(self, code, node, key=None, **params):
        line, col = node.pos(key) if key is not None and isinstance(node, YMap) else (node.line, node.col)
        self.diags.append(Diagnostic(code, self.file, line, col, params))

    def unknown_fields(self, node: YMap, fields: tuple) -> None:
        """A field the scheme does not read, at its key: a misspelt one is never silently dropped."""
        for key in node:
            if key not in fields:
                self.diags.append(
                    Diagnostic(
                        "scheme.unknown_field",
                        self.file,
                        *node.key_pos[key],
                        {"name": key, "suggestion": suggest(str(key), fields)},
                    )
                )

    def items(self, node, key) -> list:
        """The list under ``key`` (nothing where absent); anything else is said, at its place."""
        raw = node.get(key) if isinstance(node, YMap) else None
        if raw is None:
            return []
        if not isinstance(raw, YList):
            self.error("scheme.not_list", node, key, field=key)
            return []
        return raw

    def expression(self, node: YMap, key: str, want: str):
        try:
            tree = expr.parse(node[key] if isinstance(node[key], str) else "")
            typ = expr.check(tree, self.pack.catalogue.typer(), {})
            if typ != want:
                raise expr.ExprError("expr.want_type", 0, want=want, got=typ)
        except expr.ExprError as exc:
            self.error(exc.code, node, key, **exc.params, rule=f"{Path(self.file).name}", field=key)
            return None
        if want == expr.BOOL:
            return closure(self.compiler.pred(tree, {}, []))
        return Numeric(self.compiler.side(tree, {}, []))

    def areas(self, data: YMap, total: float = TOTAL) -> dict:
        raw = data.get("areas")
        if not isinstance(raw, YMap):
            self.error("scheme.missing", data, None, field="areas")
            return {}
        areas = {}
        for key, points in raw.items():
            if key not in self.pack.catalogue.areas:
                self.error("pack.unknown_area", raw, key, area=key, key=self.file)
            elif isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
                self.error("scheme.points", raw, key, area=key)
            else:
                areas[key] = points
        missing = [a for a in self.pack.catalogue.areas if a not in raw]
        if missing:
            self.error("scheme.areas_missing", data, "areas", areas=", ".join(missing))
        if areas and abs(sum(areas.values()) - total) > 1e-9:
            self.error(
                "scheme.areas_sum" if total == TOTAL else "scheme.areas_sum_satisfaction",
                data,
                "areas",
                total=sum(areas.values()),
                want=total,
            )
        return areas

    def amounts(self, node, key, allowed=STATUSES) -> dict:
        raw = node.get(key) or YMap()
        out = {}
        for status, points in raw.items() if isinstance(raw, YMap) else ():
            if status not in allowed or isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
                self.error("scheme.deduction", raw, status, status=status)
            else:
                out[status] = points
        return out

    def rule_overrides(self, data: YMap) -> dict:
        raw = data.get("rules") or YMap()
        if not isinstance(raw, YMap):
            self.error("scheme.rule_spec", data, "rules", id="rules")
            return {}
        out = {}
        for rid, spec in raw.items() if isinstance(raw, YMap) else ():
            if self.pack.rule(rid) is None:
                self.error(
                    "profile.unknown_rule",
                    raw,
                    rid,
                    id=rid,
                    suggestion=suggest(rid, [r.id for r in self.pack.all_rules]),
                )
            elif isinstance(spec, YMap) and "per" in spec:
                self.unknown_fields(spec, PER_FIELDS)
                per = self.expression(spec, "per", expr.NUM)
                points = spec.get("points")
                if not isinstance(points, (int, float)) or isinstance(points, bool):
                    self.error("scheme.points", spec, "points", area=rid)
                elif spec.get("cap") is not None and not _number(spec["cap"]):
                    self.error("scheme.points", spec, "cap", area=f"{rid} cap")
                elif per is not None:
                    out[rid] = {"per": per, "points": points, "cap": spec.get("cap")}
            elif isinstance(spec, YMap):
                out[rid] = self.amounts(raw, rid, STATUSES)
            else:
                self.error("scheme.rule_spec", raw, rid, id=rid)
        return out

    def vetoes(self, data: YMap) -> tuple:
        out = []
        raw = self.items(data, "vetoes")
        for i, item in enumerate(raw):
            if (
                not isinstance(item, YMap)
                or item.get("kind") not in VETO_KINDS
                or not _bilingual(item.get("label"))
                or ("rule" in item) == ("when" in item)
            ):
                line, col = (item.line, item.col) if isinstance(item, YMap) else raw.item_pos[i]
                self.diags.append(Diagnostic("scheme.veto", self.file, line, col, {"index": i + 1}))
                continue
            self.unknown_fields(item, VETO_FIELDS)
            veto = {"kind": item["kind"], "label": _bilingual(item["label"]), "rule": None, "when": None}
            if "rule" in item:
                on = self.veto_on(item, i + 1)
                if self.pack.rule(str(item["rule"])) is None:
                    self.error(
                        "profile.unknown_rule",
                        item,
                        "rule",
                        id=item["rule"],
                        suggestion=suggest(str(item["rule"]), [r.id for r in self.pack.all_rules]),
                    )
                    continue
                if on is None:
                    continue
                veto["rule"] = str(item["rule"])
                veto["on"] = on
            else:
                if "on" in item:
                    self.diags.append(
                        Diagnostic("scheme.veto_on_unused", self.file, *item.key_pos["on"], {"index": i + 1})
                    )
                veto["when"] = self.expression(item, "when", expr.BOOL)
            out.append(veto)
        return tuple(out)

    def veto_on(self, item: YMap, index: int) -> tuple | None:
        """The statuses of its rule a veto acts on, exactly as written: ``on: [fail, missing]`` or
        ``on: missing``; ``fail`` where none is written. Anything else is said, at its place."""
        if "on" not in item:
            return ("fail",)
        on = item["on"]
        listed = [on] if isinstance(on, str) else on if isinstance(on, YList) else None
        places = [item.pos("on")] if not isinstance(on, YList) else on.item_pos
        bad = [
            (status, place)
            for status, place in zip(listed or [on], places)
            if not isinstance(status, str) or status not in STATUSES
        ]
        if listed is not None and not listed:
            bad = [("[]", item.pos("on"))]
        for status, (line, col) in bad:
            self.diags.append(
                Diagnostic(
                    "scheme.veto_on",
                    self.file,
                    line,
                    col,
                    {"index": index, "value": _shown(status), "choices": ", ".join(STATUSES)},
                )
            )
        return None if bad else tuple(dict.fromkeys(listed))

    def bonus(self, data: YMap, field: str = "bonus") -> tuple[float, tuple]:
        """``bonus`` (加分) or ``penalties`` (扣分 outside the areas): items on facts, with a cap."""
        raw = data.get(field) or YMap()
        if not isinstance(raw, YMap):
            self.error("scheme.bonus", data, field)
            return 0, ()
        self.unknown_fields(raw, BONUS_FIELDS)
        cap = raw.get("cap", 0)
        if not _number(cap):
            self.error("scheme.points", raw, "cap", area=f"{field} cap")
            cap = 0
        items = []
        for item in self.items(raw, "items"):
            label = _bilingual(item.get("label")) if isinstance(item, YMap) else None
            points = item.get("points") if isinstance(item, YMap) else None
            if (
                label is None
                or not isinstance(points, (int, float))
                or isinstance(points, bool)
                or ("when" in item) == ("per" in item)
            ):
                self.error("scheme.bonus", item if isinstance(item, YMap) else raw, None)
                continue
            self.unknown_fields(item, BONUS_ITEM_FIELDS)
            key = "when" if "when" in item else "per"
            test = self.expression(item, key, expr.BOOL if key == "when" else expr.NUM)
            items.append({"label": label, "points": points, key: test})
        return cap, tuple(items)

    def bands(self, data: YMap) -> tuple:
        out = []
        for item in self.items(data, "bands"):
            if (
                not isinstance(item, YMap)
                or not isinstance(item.get("key"), str)
                or not isinstance(item.get("min"), (int, float))
                or not isinstance(item.get("zh"), str)
            ):
                self.error("scheme.band", item if isinstance(item, YMap) else data, None)
                continue
            self.unknown_fields(item, BAND_FIELDS)
            quota = item.get("quota")
            if quota is not None and (not _number(quota) or quota > 100):
                self.error("scheme.quota", item, "quota", band=item["key"])
                quota = None
            out.append(Band(item["key"], {"zh": item["zh"], "en": item.get("en") or item["zh"]}, item["min"], quota))
        if not out or [b.min for b in out] != sorted((b.min for b in out), reverse=True) or out[-1].min > 0:
            self.error("scheme.bands", data, "bands" if "bands" in data else None)
        return tuple(out)

    def provenance(self, data: YMap) -> tuple[tuple, bool, dict | None]:
        """Where the scheme's numbers come from: ``source`` (one document or a list: document, url,
        note) and/or ``illustrative: true`` with a ``note`` {zh, en}; a scheme with neither is refused."""
        raw = data.get("source")
        listed = [] if raw is None else [raw] if isinstance(raw, YMap) else raw if isinstance(raw, YList) else None
        sources = []
        if listed is None:
            self.error("scheme.source", data, "source")
            listed = []
        for entry in listed:
            if (
                not isinstance(entry, YMap)
                or not isinstance(entry.get("document"), str)
                or not isinstance(entry.get("url", ""), str)
            ):
                self.error("scheme.source", entry if isinstance(entry, YMap) else data, None)
                continue
            self.unknown_fields(entry, SOURCE_FIELDS)
            note = entry.get("note")
            sources.append(
                {
                    "document": entry["document"],
                    "url": entry.get("url") or "",
                    "note": _bilingual(note) or ({"zh": note, "en": note} if isinstance(note, str) else None),
                }
            )
        illustrative = data.get("illustrative", False)
        if not isinstance(illustrative, bool):
            self.error("scheme.illustrative", data, "illustrative")
            illustrative = True
        note = _bilingual(data.get("note"))
        if "note" in data and note is None:
            self.error("scheme.note", data, "note")
        elif illustrative and note is None:
            self.error("scheme.note", data, "illustrative")
        if not sources and not illustrative and raw is None:
            self.diags.append(Diagnostic("scheme.provenance", self.file, 1, 1, {}))
        return tuple(sources), illustrative, note

    def scheme_items(self, data: YMap, areas: dict, overridden: set) -> dict:
        """``items``: rules scored as items with points of their own (开江县's "每少一次扣0.3分，累计扣分不超过
        1.2分" is ``{points: 1.5, per_shortfall: 0.3, cap: 1.2}``). The items of an area may not hold more
        points than the area."""
        raw = data.get("items")
        if raw is None:
            return {}
        if not isinstance(raw, YMap):
            self.error("scheme.items", data, "items")
            return {}
        out, held = {}, {}
        for rid, spec in raw.items():
            rule = self.pack.rule(rid)
            if rule is None:
                self.error(
                    "profile.unknown_rule",
                    raw,
                    rid,
                    id=rid,
                    suggestion=suggest(str(rid), [r.id for r in self.pack.all_rules]),
                )
                continue
            if not isinstance(spec, YMap):
                self.error("scheme.item", raw, rid, id=rid)
                continue
            if rid in overridden:
                self.error("scheme.item_twice", raw, rid, id=rid)
                continue
            self.unknown_fields(spec, ITEM_FIELDS)
            points = spec.get("points")
            if not _number(points) or not points:
                self.error("scheme.item", spec, "points" if "points" in spec else None, id=rid)
                continue
            ok = True
            for key in ("per_shortfall", "cap") + STATUSES:
                if key in spec and not _number(spec[key]):
                    self.error("scheme.points", spec, key, area=f"{rid} {key}")
                    ok = False
            if ok and spec.get("cap") is not None and spec["cap"] > points:
                self.error("scheme.item_cap", spec, "cap", id=rid, cap=spec["cap"], points=points)
                ok = False
            shortfall = None
            if "shortfall" in spec:
                shortfall = self.expression(spec, "shortfall", expr.NUM)
                ok = ok and shortfall is not None
            elif "per_shortfall" in spec:
                shortfall = rule_shortfall(rule)
                if shortfall is None:
                    self.error("scheme.item_shortfall", raw, rid, id=rid, condition=rule.condition)
                    ok = False
            unit = spec.get("unit")
            unit = _bilingual(unit) or ({"zh": unit, "en": unit} if isinstance(unit, str) else None)
            if not ok:
                continue
            held[rule.area] = held.get(rule.area, 0) + points
            if rule.area in areas and held[rule.area] > areas[rule.area] + 1e-9:
                self.error("scheme.items_sum", raw, rid, area=rule.area, total=held[rule.area], points=areas[rule.area])
            out[rid] = Item(
                points,
                spec.get("per_shortfall"),
                unit,
                spec.get("cap"),
                shortfall,
                tuple((s, spec[s]) for s in STATUSES if s in spec),
            )
        return out

    def satisfaction(self, data: YMap) -> dict | None:
        """A 群众满意度/社会评议 score (an indicator, 0–100) worth ``points``, scaled linearly; what an
        unreported score does: ``rescale`` (the other parts converted to 100) or ``zero``."""
        raw = data.get("satisfaction")
        if raw is None:
            return None
        if not isinstance(raw, YMap) or not isinstance(raw.get("indicator"), str):
            self.error("scheme.satisfaction", data, "satisfaction")
            return None
        self.unknown_fields(raw, SATISFACTION_FIELDS)
        value = self.expression(raw, "indicator", expr.NUM)
        points = raw.get("points")
        if not _number(points) or not 0 < points < TOTAL:
            self.error("scheme.points", raw, "points" if "points" in raw else None, area="satisfaction")
            return None
        mode = raw.get("unreported", "rescale")
        if mode not in UNREPORTED_MODES:
            self.error(
                "pack.bad_choice",
                raw,
                "unreported",
                field="unreported",
                value=mode,
                choices=", ".join(UNREPORTED_MODES),
            )
            return None
        label = _bilingual(raw.get("label")) or {"zh": "群众满意度", "en": "Public satisfaction"}
        return (
            None
            if value is None
            else {"indicator": raw["indicator"], "value": value, "points": points, "unreported": mode, "label": label}
        )

    def categories(self, data: YMap) -> tuple:
        out = []
        for entry in self.items(data, "categories"):
            if (
                not isinstance(entry, YMap)
                or not isinstance(entry.get("key"), str)
                or not isinstance(entry.get("match"), YMap)
                or not _bilingual(entry.get("name"))
            ):
                self.error("scheme.category", entry if isinstance(entry, YMap) else data, None)
                continue
            self.unknown_fields(entry, CATEGORY_FIELDS)
            match = entry["match"]
            self.unknown_fields(match, MATCH_FIELDS)
            found = {}
            for key in MATCH_FIELDS:
                value = match.get(key)
                value = [value] if isinstance(value, str) else value if value is not None else []
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    self.error("scheme.category", match, key)
                    value = []
                found[key] = tuple(value)
            if not any(found.values()):
                self.error("scheme.category", entry, "match")
                continue
            bands = self.bands(entry)
            out.append(Category(entry["key"], _bilingual(entry["name"]), found["level"], found["regions"], bands))
        return tuple(out)


def rule_shortfall(rule) -> Shortfall | None:
    """The shortfall of a rule whose condition is one comparison of an indicator with a number or a
    parameter (``leadership.exec_meeting_rol_deliberations >= min_times``); None for any other."""
    tree = rule.cond_tree
    if not isinstance(tree, expr.Cmp) or tree.op not in (">=", ">", "<=", "<"):
        return None
    left, right, op = tree.left, tree.right, tree.op
    if isinstance(right, expr.Ind) and not isinstance(left, expr.Ind):
        left, right, op = right, left, {">=": "<=", ">": "<", "<=": ">=", "<": ">"}[op]
    if not isinstance(left, expr.Ind):
        return None
    if isinstance(right, expr.Num):
        threshold = right.value
    elif isinstance(right, expr.Param) and _number(rule.params.get(right.name)):
        threshold = rule.params[right.name]
    else:
        return None
    return Shortfall(left.key, float(threshold), op in (">=", ">"))


def schemes_dir(pack) -> Path:
    return Path(pack.root) / "schemes"


def load_scheme(pack, name: str | None = None) -> tuple[Scheme | None, list[Diagnostic]]:
    """A scheme by name (rules/schemes/NAME.yaml) or path; every problem found is returned."""
    name = name or "national"
    path = Path(name) if name.endswith((".yaml", ".yml")) or Path(name).exists() else schemes_dir(pack) / f"{name}.yaml"
    diags: list[Diagnostic] = []
    if not path.is_file():
        return None, [Diagnostic("scheme.not_found", str(path), None, None, {"name": name})]
    data = read_yaml(path, diags)
    if data is None:
        return None, diags
    loader = _Loader(path, pack, diags)
    loader.unknown_fields(data, FIELDS)
    mode = data.get("not_applicable", "exclude")
    if mode not in NA_MODES:
        loader.error(
            "pack.bad_choice", data, "not_applicable", field="not_applicable", value=mode, choices=", ".join(NA_MODES)
        )
    name_text = _bilingual(data.get("name")) or {"zh": path.stem, "en": path.stem}
    sources, illustrative, note = loader.provenance(data)
    satisfaction = loader.satisfaction(data)
    held = satisfaction["points"] if satisfaction else 0
    areas = loader.areas(data, TOTAL - held)
    cap, bonus = loader.bonus(data)
    penalty_cap, penalties = loader.bonus(data, "penalties")
    overrides = loader.rule_overrides(data)
    scheme = Scheme(
        path.stem,
        name_text,
        areas,
        loader.amounts(data, "deductions", STATUSES + ("unreported",)),
        overrides,
        loader.vetoes(data),
        cap,
        bonus,
        loader.bands(data),
        mode,
        loader.compiler.out,
        loader.scheme_items(data, areas, set(overrides)),
        penalty_cap,
        penalties,
        satisfaction,
        loader.categories(data),
        sources,
        illustrative,
        note,
    )
    for status in STATUSES:
        if status not in scheme.deductions:
            loader.error("scheme.deduction", data, "deductions", status=status)
    errors = [d for d in diags if d.severity == "error"]
    return (None if errors else scheme), diags
