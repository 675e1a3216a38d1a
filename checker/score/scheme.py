"""Scoring schemes as data (rules/schemes/*.yaml): loaded, validated and compiled once.

A scheme's expressions (`when` of vetoes and bonus items, `per` of per-unit deductions) use the
rules' expression language and are compiled by the same compiler; they run on the plain evaluator.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.engine.compile import _Compiler
from checker.engine.plain import closure
from checker.errors import Diagnostic
from checker.pack import read_yaml
from checker.pack import expr
from checker.yamlpos import YList, YMap

STATUSES = ("fail", "error", "missing", "warn")
FIELDS = ("name", "not_applicable", "areas", "deductions", "rules", "vetoes", "bonus", "bands")
VETO_FIELDS = ("rule", "on", "when", "kind", "label")
BONUS_FIELDS, BONUS_ITEM_FIELDS = ("cap", "items"), ("when", "per", "points", "label")
PER_FIELDS, BAND_FIELDS = ("per", "points", "cap"), ("key", "zh", "en", "min")
VETO_KINDS = ("no_excellent", "lowest")
NA_MODES = ("exclude", "redistribute")
TOTAL = 100


@dataclass(frozen=True)
class Band:
    key: str
    name: dict
    min: float


@dataclass(frozen=True)
class Numeric:
    """A compiled numeric expression: a constant or a fact field."""
    kind: str        # "c" | "f"
    value: object

    def of(self, fact: dict) -> float | None:
        return self.value if self.kind == "c" else fact.get(self.value)


@dataclass(frozen=True)
class Scheme:
    key: str
    name: dict
    areas: dict                  # area -> points
    deductions: dict             # status -> points
    rules: dict                  # rule id -> {"fail": x, ...} or {"per": Numeric, "points": p, "cap": c}
    vetoes: tuple                # ({"kind", "label", "rule", "on", "when"}, ...)
    bonus_cap: float
    bonus: tuple                 # ({"label", "points", "when" | "per"}, ...)
    bands: tuple                 # Band, best first
    not_applicable: str
    compiled: object             # CompiledPack-like: fields, approx_fields, terms for fact_values


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
        self.compiler = _Compiler(pack)
        self.compiler.out.fields = {}

    def error(self, code, node, key=None, **params):
        line, col = node.pos(key) if key is not None and isinstance(node, YMap) else (node.line, node.col)
        self.diags.append(Diagnostic(code, self.file, line, col, params))

    def unknown_fields(self, node: YMap, fields: tuple) -> None:
        """A field the scheme does not read, at its key: a misspelt one is never silently dropped."""
        for key in node:
            if key not in fields:
                self.diags.append(Diagnostic("scheme.unknown_field", self.file, *node.key_pos[key],
                                             {"name": key, "suggestion": expr.suggest(str(key), fields)}))

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
        kind, value = self.compiler.operand(tree, {}, [])
        return Numeric(kind, value)

    def areas(self, data: YMap) -> dict:
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
        if areas and abs(sum(areas.values()) - TOTAL) > 1e-9:
            self.error("scheme.areas_sum", data, "areas", total=sum(areas.values()))
        return areas

    def amounts(self, node, key, allowed=STATUSES) -> dict:
        raw = node.get(key) or YMap()
        out = {}
        for status, points in (raw.items() if isinstance(raw, YMap) else ()):
            if status not in allowed or isinstance(points, bool) or not isinstance(points, (int, float)) \
                    or points < 0:
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
        for rid, spec in (raw.items() if isinstance(raw, YMap) else ()):
            if self.pack.rule(rid) is None:
                self.error("profile.unknown_rule", raw, rid, id=rid, suggestion=expr.suggest(rid, [
                    r.id for r in self.pack.all_rules]))
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
            if not isinstance(item, YMap) or item.get("kind") not in VETO_KINDS or not _bilingual(item.get("label")) \
                    or ("rule" in item) == ("when" in item):
                line, col = (item.line, item.col) if isinstance(item, YMap) else raw.item_pos[i]
                self.diags.append(Diagnostic("scheme.veto", self.file, line, col, {"index": i + 1}))
                continue
            self.unknown_fields(item, VETO_FIELDS)
            veto = {"kind": item["kind"], "label": _bilingual(item["label"]), "rule": None, "when": None}
            if "rule" in item:
                on = self.veto_on(item, i + 1)
                if self.pack.rule(str(item["rule"])) is None:
                    self.error("profile.unknown_rule", item, "rule", id=item["rule"], suggestion=expr.suggest(
                        str(item["rule"]), [r.id for r in self.pack.all_rules]))
                    continue
                if on is None:
                    continue
                veto["rule"] = str(item["rule"])
                veto["on"] = on
            else:
                if "on" in item:
                    self.diags.append(Diagnostic("scheme.veto_on_unused", self.file, *item.key_pos["on"],
                                                 {"index": i + 1}))
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
        bad = [(status, place) for status, place in zip(listed or [on], places)
               if not isinstance(status, str) or status not in STATUSES]
        if listed is not None and not listed:
            bad = [("[]", item.pos("on"))]
        for status, (line, col) in bad:
            self.diags.append(Diagnostic("scheme.veto_on", self.file, line, col,
                                         {"index": index, "value": _shown(status), "choices": ", ".join(STATUSES)}))
        return None if bad else tuple(dict.fromkeys(listed))

    def bonus(self, data: YMap) -> tuple[float, tuple]:
        raw = data.get("bonus") or YMap()
        if not isinstance(raw, YMap):
            self.error("scheme.bonus", data, "bonus")
            return 0, ()
        self.unknown_fields(raw, BONUS_FIELDS)
        cap = raw.get("cap", 0)
        if not _number(cap):
            self.error("scheme.points", raw, "cap", area="bonus cap")
            cap = 0
        items = []
        for item in self.items(raw, "items"):
            label = _bilingual(item.get("label")) if isinstance(item, YMap) else None
            points = item.get("points") if isinstance(item, YMap) else None
            if label is None or not isinstance(points, (int, float)) or isinstance(points, bool) \
                    or ("when" in item) == ("per" in item):
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
            if not isinstance(item, YMap) or not isinstance(item.get("key"), str) or \
                    not isinstance(item.get("min"), (int, float)) or not isinstance(item.get("zh"), str):
                self.error("scheme.band", item if isinstance(item, YMap) else data, None)
                continue
            self.unknown_fields(item, BAND_FIELDS)
            out.append(Band(item["key"], {"zh": item["zh"], "en": item.get("en") or item["zh"]}, item["min"]))
        if not out or [b.min for b in out] != sorted((b.min for b in out), reverse=True) or out[-1].min > 0:
            self.error("scheme.bands", data, "bands" if "bands" in data else None)
        return tuple(out)


def schemes_dir(pack) -> Path:
    return Path(pack.root) / "schemes"


def load_scheme(pack, name: str | None = None) -> tuple[Scheme | None, list[Diagnostic]]:
    """A scheme by name (rules/schemes/NAME.yaml) or path; every problem found is returned."""
    name = name or "national"
    path = Path(name) if name.endswith((".yaml", ".yml")) or Path(name).exists() else \
        schemes_dir(pack) / f"{name}.yaml"
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
        loader.error("pack.bad_choice", data, "not_applicable", field="not_applicable", value=mode,
                     choices=", ".join(NA_MODES))
    name_text = _bilingual(data.get("name")) or {"zh": path.stem, "en": path.stem}
    cap, bonus = loader.bonus(data)
    scheme = Scheme(path.stem, name_text, loader.areas(data), loader.amounts(data, "deductions"),
                    loader.rule_overrides(data), loader.vetoes(data), cap, bonus, loader.bands(data), mode,
                    loader.compiler.out)
    for status in STATUSES:
        if status not in scheme.deductions:
            loader.error("scheme.deduction", data, "deductions", status=status)
    errors = [d for d in diags if d.severity == "error"]
    return (None if errors else scheme), diags
