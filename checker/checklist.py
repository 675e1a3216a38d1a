"""A checklist in a profile (``checklist:``): an official indicator system listed item by item, each with
the bundled rules and indicators that correspond, and no weights (rules/profiles/shifan-checklist.yaml:
the 全国法治政府建设示范创建 indicator system, whose points are not published).

Validated where the profile is applied (every problem said at its place); shown by
``fazhi rules list --profile NAME`` after the rules.
"""

from __future__ import annotations

from checker.errors import Diagnostic
from checker.yamlpos import YList, YMap

FIELDS = ("title", "version", "counts", "source", "not_found", "items")
ITEM_FIELDS = ("id", "level1", "level2", "text", "rules", "indicators", "note")


def _text(value) -> dict | None:
    if isinstance(value, str):
        return {"zh": value, "en": value}
    if isinstance(value, YMap) and isinstance(value.get("zh"), str):
        return {"zh": value["zh"], "en": value.get("en") or value["zh"]}
    return None


def validate(data: YMap, file: str, rules, cat, diags: list) -> dict | None:
    """The profile's checklist, or None; every problem appended to ``diags`` at its place."""
    raw = data.get("checklist")
    if not isinstance(raw, YMap):
        diags.append(Diagnostic("checklist.bad", file, *data.pos("checklist"), {"field": "checklist"}))
        return None
    for key in raw:
        if key not in FIELDS:
            diags.append(Diagnostic("checklist.unknown_field", file, *raw.key_pos[key], {"name": key}))
    ids = {r.id for r in rules}
    items = raw.get("items")
    if not isinstance(items, YList):
        diags.append(Diagnostic("checklist.bad", file, *raw.pos("items"), {"field": "items"}))
        items = []
    out, seen = [], set()
    for i, item in enumerate(items):
        where = (item.line, item.col) if isinstance(item, YMap) else items.item_pos[i]
        if not isinstance(item, YMap) or not isinstance(item.get("id"), (str, int)) or _text(item.get("text")) is None:
            diags.append(Diagnostic("checklist.item", file, *where, {"index": i + 1}))
            continue
        for key in item:
            if key not in ITEM_FIELDS:
                diags.append(Diagnostic("checklist.unknown_field", file, *item.key_pos[key], {"name": key}))
        if str(item["id"]) in seen:
            diags.append(Diagnostic("checklist.duplicate", file, *item.pos("id"), {"id": item["id"]}))
        seen.add(str(item["id"]))
        refs = {}
        for key, known in (("rules", ids), ("indicators", cat.indicators)):
            listed = item.get(key) or YList()
            if not isinstance(listed, YList):
                diags.append(Diagnostic("checklist.bad", file, *item.pos(key), {"field": key}))
                listed = YList()
            for j, ref in enumerate(listed):
                if ref not in known:
                    diags.append(
                        Diagnostic("checklist.unknown_ref", file, *listed.item_pos[j], {"field": key, "name": ref})
                    )
            refs[key] = tuple(str(r) for r in listed if r in known)
        out.append(
            {
                "id": str(item["id"]),
                "level1": _text(item.get("level1")),
                "level2": _text(item.get("level2")),
                "text": _text(item["text"]),
                "note": _text(item.get("note")),
                **refs,
            }
        )
    return {
        "title": _text(raw.get("title")),
        "version": _text(raw.get("version")),
        "counts": raw.get("counts"),
        "source": raw.get("source"),
        "not_found": _text(raw.get("not_found")),
        "items": out,
    }


def checklist_of(pack) -> dict | None:
    """The checklist of the profile in force (read again: a pack does not keep it), or None."""
    from pathlib import Path

    from checker.pack.files import profile_path, read_yaml

    path = profile_path(Path(pack.root), pack.profile)
    diags: list = []
    data = read_yaml(path, diags) if path is not None and path.is_file() else None
    if not isinstance(data, YMap) or "checklist" not in data:
        return None
    return validate(data, str(path), pack.all_rules, pack.catalogue, [])


def checklist_text(checklist: dict, lang: str) -> str:
    from checker import i18n

    pick = lambda t: "" if t is None else t.get(lang) or t["zh"]  # noqa: E731
    lines = ["", f"{pick(checklist['title'])}  {pick(checklist['version'])}".rstrip()]
    counts = checklist.get("counts")
    if isinstance(counts, dict):
        lines.append(i18n.t("checklist.counts", lang, counts=" / ".join(f"{k} {v}" for k, v in counts.items())))
    lines.append(i18n.t("checklist.no_weights", lang))
    for item in checklist["items"]:
        refs = ", ".join(item["rules"] + item["indicators"]) or i18n.t("checklist.no_rule", lang)
        lines.append(f"{item['id']}. {pick(item['text'])}")
        lines.append(f"    → {refs}" + (f"  ({pick(item['note'])})" if item["note"] else ""))
    if checklist["not_found"]:
        lines.append(pick(checklist["not_found"]))
    return "\n".join(lines) + "\n"
