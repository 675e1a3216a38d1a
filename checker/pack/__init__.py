"""The rule pack: catalogue + rules + the profile applied to them, validated as a whole."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from checker.errors import Diagnostic, PackError
from checker.pack.catalogue import Catalogue, load_catalogue
from checker.pack.files import DEFAULT_PROFILE, DEFAULT_ROOT, MAX_YAML_BYTES, profile_path, read_yaml, rules_root  # noqa: F401
from checker.pack.model import Pack
from checker.pack.rules import SEVERITIES, STRENGTH_ALIASES, STRENGTHS, Rule, binds, load_rules
from checker.yamlpos import YMap

PROFILE_FIELDS = ("name", "extends", "local_rules_bind", "required", "areas", "rules", "checklist", "rates")


def load_pack(root: Path | None = None, profile: str | Path | None = None) -> tuple[Pack | None, list[Diagnostic]]:
    """Load catalogue, rules and profile; every problem found is returned, none raised.

    A pack that built without a problem is kept built on disk (``checker.pack.built``) and used
    while nothing it was built from has changed."""
    from checker.pack import built

    root = Path(root) if root else rules_root()
    chosen = profile_path(root, profile)
    key = built.key(root, chosen)
    pack = built.get(key, lambda: _build(root, chosen, built.Reads()))
    if pack is not None:
        return pack, []
    reads = built.Reads()
    pack, diags = _build(root, chosen, reads)
    if pack is not None and not diags:
        built.put(key, pack, reads)
    return pack, diags


def _build(root: Path, profile_path: Path | None, reads) -> tuple[Pack | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    if not (root / "catalogue").is_dir():
        return None, [Diagnostic("pack.no_catalogue", str(root), None, None)]
    cat, found = load_catalogue(root / "catalogue", functools.partial(read_yaml, reads=reads), reads.listing)
    diags.extend(found)
    rules: list[Rule] = []
    seen_ids: set = set()
    for path in reads.listing(root / "pack", "*.yaml"):
        data = read_yaml(path, diags, reads)
        if data is not None:
            rules.extend(load_rules(data, str(path), cat, diags, seen_ids))
    _check_unique(rules, diags)
    settings: dict = {}
    if profile_path:
        rules = apply_profile(rules, profile_path, cat, diags, settings, seen_ids=seen_ids, reads=reads)
    local_bind = settings.get("local_rules_bind", False)
    rules = [_with(r, binding=binds(r.strength, local_bind)) for r in rules]
    if settings.get("rates"):  # a rate defined otherwise by the profile (方城县's 纠错率 ÷ 受理数)
        cat = cat.with_rates(settings["rates"])
    order = {key: i for i, key in enumerate(cat.areas)}
    rules.sort(key=lambda r: (order.get(r.area, 99), r.id))
    enabled = tuple(r for r in rules if r.enabled)
    name = Path(profile_path).stem if profile_path else "-"
    required = settings.get("required", set())
    required = tuple(k for k in cat.indicators if k in required)
    return Pack(cat, enabled, tuple(rules), name, str(root), local_bind, required), diags


def _with(rule: Rule, **changes) -> Rule:
    """``replace`` only where something changes: most rules keep their settings, and a copy is not free."""
    return replace(rule, **changes) if any(getattr(rule, k) != v for k, v in changes.items()) else rule


def load_pack_or_raise(root=None, profile=None) -> Pack:
    pack, diags = load_pack(root, profile)
    errors = [d for d in diags if d.severity == "error"]
    if errors or pack is None:
        raise PackError(errors or diags)
    return pack


def _check_unique(rules, diags):
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            diags.append(
                Diagnostic(
                    "pack.duplicate_rule",
                    rule.file,
                    rule.line,
                    rule.column,
                    {"id": rule.id, "first": f"{first.file}:{first.line}"},
                )
            )
        seen.setdefault(rule.id, rule)


def apply_profile(
    rules: list[Rule],
    path: Path,
    cat: Catalogue,
    diags: list,
    settings: dict,
    seen=None,
    seen_ids=frozenset(),
    reads=None,
) -> list[Rule]:
    """Apply a profile (and what it extends) to the rules: parameters, severity, strength, enabling.

    ``settings`` receives profile-wide settings (``local_rules_bind``), the profile's own over what it extends.
    """
    seen = seen or set()
    if not path.is_file():
        diags.append(Diagnostic("profile.not_found", str(path), None, None, {"name": path.stem}))
        return rules
    if str(path) in seen:
        diags.append(Diagnostic("profile.cycle", str(path), None, None))
        return rules
    seen.add(str(path))
    data = read_yaml(path, diags, reads, "profile.not_mapping")
    if data is None:
        return rules
    if "indicators" in data and not any(key in data for key in PROFILE_FIELDS):  # a submission given as --profile
        diags.append(Diagnostic("profile.is_submission", str(path), *data.key_pos["indicators"]))
        return rules
    base = data.get("extends")
    if isinstance(base, str):
        rules = apply_profile(rules, path.parent / f"{base}.yaml", cat, diags, settings, seen, seen_ids, reads)
    file = str(path)
    if "local_rules_bind" in data:
        if isinstance(data["local_rules_bind"], bool):
            settings["local_rules_bind"] = data["local_rules_bind"]
        else:
            diags.append(
                Diagnostic("profile.bad_setting", file, *data.pos("local_rules_bind"), {"name": "local_rules_bind"})
            )
    if "required" in data:
        settings["required"] = settings.get("required", set()) | _required(data, file, cat, diags)
    if "rates" in data:
        settings["rates"] = {**settings.get("rates", {}), **_rates(data, file, cat, diags, path.stem)}
    for key in data:
        if key not in PROFILE_FIELDS:
            diags.append(
                Diagnostic(
                    "profile.unknown_field",
                    file,
                    *data.key_pos[key],
                    {"name": key, "suggestion": _close(key, PROFILE_FIELDS)},
                )
            )
    if "checklist" in data:  # an indicator system listed, no weights (checker/checklist.py)
        from checker.checklist import validate

        validate(data, file, rules, cat, diags)
    by_area = _area_overrides(data, file, cat, diags)
    rules = [_with(r, enabled=by_area.get(r.area, r.enabled)) for r in rules]
    overrides = data.get("rules") or YMap()
    if not isinstance(overrides, YMap):
        diags.append(Diagnostic("pack.not_mapping", file, *data.pos("rules"), {"what": "rules"}))
        return rules
    index = {r.id: i for i, r in enumerate(rules)}
    for rid, spec in overrides.items():
        line, col = overrides.key_pos[rid]
        if rid not in index:
            if rid in seen_ids:
                continue  # the rule exists but is invalid: reported where it stands
            diags.append(
                Diagnostic("profile.unknown_rule", file, line, col, {"id": rid, "suggestion": _close(rid, index)})
            )
            continue
        if not isinstance(spec, YMap):
            diags.append(Diagnostic("pack.not_mapping", file, line, col, {"what": rid}))
            continue
        rules[index[rid]] = _override(rules[index[rid]], spec, file, cat, diags)
    return rules


def _required(data: YMap, file: str, cat: Catalogue, diags: list) -> set:
    """A profile's ``required``: the indicator keys (or Chinese names) a submission must report, as
    a city's 填报模板 lists them. Added to those of the profile it extends."""
    from checker.yamlpos import YList

    items = data["required"]
    if not isinstance(items, YList):
        diags.append(Diagnostic("profile.bad_required", file, *data.pos("required")))
        return set()
    out = set()
    for i, item in enumerate(items):
        key = cat.resolve(item) if isinstance(item, str) else None
        if key is None:
            diags.append(
                Diagnostic(
                    "profile.unknown_indicator",
                    file,
                    *items.item_pos[i],
                    {"name": item, "suggestion": _close(item, cat.indicators)},
                )
            )
        else:
            out.add(key)
    return out


def _rates(data: YMap, file: str, cat: Catalogue, diags: list, profile: str) -> dict:
    """A profile's ``rates``: {rate key: {numerator, denominator}}, the definition of a derived rate in
    force under the profile (the denominator a county or a city uses: 方城县 divides 纠错数 by 受理数).
    A rate so defined is derived from that pair only, and its findings say so."""
    items = data["rates"]
    if not isinstance(items, YMap):
        diags.append(Diagnostic("pack.not_mapping", file, *data.pos("rates"), {"what": "rates"}))
        return {}
    out = {}
    for key, spec in items.items():
        ind = cat.indicators.get(key)
        pair = None
        if (
            ind is not None
            and ind.derive
            and isinstance(spec, YMap)
            and set(spec) <= {"numerator", "denominator"}
            and isinstance(spec.get("denominator"), str)
        ):
            pair = (spec.get("numerator", ind.derive[0]), spec["denominator"])
            if not all(isinstance(k, str) and getattr(cat.indicators.get(k), "unit", None) == "count" for k in pair):
                pair = None
        if pair is None:
            diags.append(Diagnostic("profile.bad_rate", file, *items.key_pos[key], {"key": key}))
            continue
        out[key] = (pair, profile)
    return out


def _area_overrides(data, file, cat, diags) -> dict:
    areas = data.get("areas") or YMap()
    out = {}
    for key, spec in areas.items() if isinstance(areas, YMap) else ():
        if key not in cat.areas:
            diags.append(
                Diagnostic(
                    "profile.unknown_area",
                    file,
                    *areas.key_pos[key],
                    {"area": key, "suggestion": _close(key, cat.areas)},
                )
            )
        elif isinstance(spec, YMap) and isinstance(spec.get("enabled"), bool):
            out[key] = spec["enabled"]
    return out


def _override(rule: Rule, spec: YMap, file: str, cat, diags) -> Rule:
    changes = {}
    for field, choices in (("severity", SEVERITIES), ("strength", STRENGTHS)):
        if field in spec:
            if field == "strength" and spec[field] in STRENGTH_ALIASES:  # ``statutory``: read as ``law``
                changes[field] = STRENGTH_ALIASES[spec[field]]  # (rulesdoc.alias_notes)
            elif spec[field] in choices:
                changes[field] = spec[field]
            else:
                diags.append(
                    Diagnostic(
                        "pack.bad_choice",
                        file,
                        *spec.pos(field),
                        {"field": field, "value": spec[field], "choices": ", ".join(choices)},
                    )
                )
    if "enabled" in spec:
        changes["enabled"] = spec["enabled"] is True
    params = dict(rule.params)
    raw = spec.get("params") or YMap()
    for name, value in raw.items() if isinstance(raw, YMap) else ():
        if name not in params:
            diags.append(
                Diagnostic(
                    "profile.unknown_param",
                    file,
                    *raw.key_pos[name],
                    {"name": name, "rule": rule.id, "suggestion": _close(name, params)},
                )
            )
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            diags.append(Diagnostic("pack.bad_param", file, *raw.pos(name), {"name": name, "rule": rule.id}))
        else:
            params[name] = value
    if params != rule.params:
        changes["params"] = params
    return replace(rule, **changes) if changes else rule


def _close(name, choices) -> str:
    from checker.suggest import suggest

    return suggest(str(name), [str(c) for c in choices])
