"""The rules and the indicators to browse, from the same pack the checks run on (as ``fazhi rules
list`` and ``show`` show them): each rule with its basis (every version, with the dates it applied),
binding force, severity, condition, parameters and its examples; each indicator with the rules that
read it."""

from __future__ import annotations

from checker import i18n
from checker.pack.rules import cite, indicators_read, span
from checker.serve.page import web_url


def rules_view(pack, lang: str, area: str | None) -> dict:
    cat = pack.catalogue
    rows = [
        {
            "id": r.id,
            "title": r.text("title", lang),
            "area": r.area,
            "area_name": cat.areas[r.area].name(lang) if r.area in cat.areas else r.area,
            "strength": i18n.t("strength." + r.strength, lang),
            "strength_key": r.strength,
            "severity": i18n.t("severity." + r.severity, lang),
            "enabled": r.enabled,
        }
        for r in pack.all_rules
        if area in (None, "", r.area)
    ]
    areas = [(key, a.name(lang)) for key, a in cat.areas.items()]
    return {"rows": rows, "areas": areas, "area": area or "", "count": len(pack.all_rules)}


def rule_view(pack, rule, lang: str) -> dict:
    cat = pack.catalogue
    b = rule.basis
    versions = [
        {"cite": cite(v), "span": span(v, lang), "url": web_url(v.get("url")), "note": _tr(v.get("note"), lang)}
        for v in b.get("versions") or ()
    ]
    params = [{"name": k, "value": v, "label": _tr(rule.param_meta.get(k), lang)} for k, v in rule.params.items()]
    refs = [(k, cat.indicators[k].name(lang)) for k in dict.fromkeys(indicators_read(rule)) if k in cat.indicators]
    examples = []
    for ex in rule.examples:
        if hasattr(ex, "get"):
            given = ex.get("indicators") or {}
            examples.append(
                {
                    "name": str(ex.get("name", "")),
                    "expect": str(ex.get("expect", "")),
                    "expect_word": i18n.t("status." + str(ex.get("expect", "")), lang),
                    "given": [(str(k), _plain(v)) for k, v in given.items()] if hasattr(given, "items") else [],
                }
            )
    return {
        "id": rule.id,
        "title": rule.text("title", lang),
        "area": cat.areas[rule.area].name(lang) if rule.area in cat.areas else rule.area,
        "area_key": rule.area,
        "severity": i18n.t("severity." + rule.severity, lang),
        "strength": i18n.t("strength." + rule.strength, lang),
        "basis": rule.basis_text(lang) if not versions else b.get("document", ""),
        "versions": versions,
        "url": web_url(b.get("url")),
        "basis_note": _tr(b.get("note"), lang),
        "requirement": rule.requirement,
        "applies_when": rule.applies_when,
        "condition": rule.condition,
        "expected": rule.expected_text(lang),
        "params": params,
        "indicators": refs,
        "hint": rule.text("hint", lang),
        "examples": examples,
        "enabled": rule.enabled,
    }


def indicators_view(pack, lang: str) -> dict:
    from checker.template import readers

    cat = pack.catalogue
    read_by = readers(pack)
    required = set(pack.required)
    areas = []
    for key, area in cat.areas.items():
        rows = [
            {"key": k, "name": ind.name(lang), "unit": ind.unit, "required": k in required, "rules": read_by.get(k, [])}
            for k, ind in cat.indicators.items()
            if ind.area == key
        ]
        if rows:
            areas.append((area.name(lang), rows))
    return {"areas": areas, "count": len(cat.indicators)}


def _tr(text, lang: str) -> str:
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("zh") or "")
    return "" if text is None else str(text)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
