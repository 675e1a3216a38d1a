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
from checker.yamlpos import YMap

STATUSES = ("fail", "error", "missing", "warn")
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
        out = {}
        for rid, spec in (raw.items() if isinstance(raw, YMap) else ()):
            if self.pack.rule(rid) is None:
                self.error("profile.unknown_rule", raw, rid, id=rid, suggestion=expr.suggest(rid, [
                    r.id for r in self.pack.all_rules]))
            elif isinstance(spec, YMap) and "per" in spec:
                per = self.expression(spec, "per", expr.NUM)
                points = spec.get("points")
                if not isinstance(points, (int, float)) or isinstance(points, bool):
                    self.error("scheme.points", spec, "points", area=rid)
                elif per is not None:
                    out[rid] = {"per": per, "points": points, "cap": spec.get("cap")}
            elif isinstance(spec, YMap):
                out[rid] = self.amounts(raw, rid, STATUSES)
        return out

    def vetoes(self, data: YMap) -> tuple:
        out = []
        for i, item in enumerate(data.get("vetoes") or ()):
            if not isinstance(item, YMap) or item.get("kind") not in VETO_KINDS or not _bilingual(item.get("label")):
                self.error("scheme.veto", item if isinstance(item, YMap) else data, None, index=i)
                continue
            veto = {"kind": item["kind"], "label": _bilingual(item["label"]), "rule": None, "when": None}
            if "rule" in item:
                if self.pack.rule(str(item["rule"])) is None:
                    self.error("profile.unknown_rule", item, "rule", id=item["rule"], suggestion="")
                    continue
                veto["rule"] = str(item["rule"])
                veto["on"] = tuple(item.get("on") or ("fail",))
            elif "when" in item:
                veto["when"] = self.expression(item, "when", expr.BOOL)
            out.append(veto)
        return tuple(out)

    def bonus(self, data: YMap) -> tuple[float, tuple]:
        raw = data.get("bonus") or YMap()
        cap = raw.get("cap", 0) if isinstance(raw, YMap) else 0
        items = []
        for item in (raw.get("items") or () if isinstance(raw, YMap) else ()):
            label = _bilingual(item.get("label")) if isinstance(item, YMap) else None
            points = item.get("points") if isinstance(item, YMap) else None
            if label is None or not isinstance(points, (int, float)) or isinstance(points, bool):
                self.error("scheme.bonus", item if isinstance(item, YMap) else raw, None)
                continue
            key = "when" if "when" in item else "per"
            test = self.expression(item, key, expr.BOOL if key == "when" else expr.NUM)
            items.append({"label": label, "points": points, key: test})
        return cap, tuple(items)

    def bands(self, data: YMap) -> tuple:
        out = []
        for item in data.get("bands") or ():
            if not isinstance(item, YMap) or not isinstance(item.get("key"), str) or \
                    not isinstance(item.get("min"), (int, float)) or not isinstance(item.get("zh"), str):
                self.error("scheme.band", item if isinstance(item, YMap) else data, None)
                continue
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
