"""The submission format described from the catalogue, for editors and for a start: a JSON Schema
(``fazhi schema``, docs/schema.md) and a starting YAML file with the indicators to fill in
(``fazhi init``).

The schema is JSON Schema draft 2020-12, written in the part of it that draft-07 reads the same
way (``properties``, ``anyOf``, ``allOf`` of a ``$ref``, ``enum``, ``pattern``, ranges): editors
whose YAML support stops at draft-07 (VS Code's) complete and check with it too. It describes
every form a submission may take: flat dotted keys and their Chinese names, nested by area (the
area's key or its Chinese name), a value as a scalar or as the mapping ``{value, approx, source,
note}``; units as types and ranges (a percentage 0–100, a count a whole number ≥ 0), and the
ways a figure may be written as text (300余, 近20, 98%, 4.29亿元, 2025年3月25日, 是/否). A key the
catalogue does not know is refused (``additionalProperties: false``), as the checker refuses it.
What only the checker can tell (a rate that disagrees with its counts, a date before the year's
end) is the checker's: the schema is for typing, not for judging.
"""

from __future__ import annotations

import json

from checker import i18n
from checker.inputs.model import LEVELS, YEARS
from checker.inputs.values import APPROX_KINDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "docs/submission.schema.json"  # the schema of the bundled pack, the samples point to it

_D = "[0-9０-９]"
_NUM = f"(?:{_D}{{1,3}}(?:[,，]{_D}{{3}})+|{_D}+)"
_BEFORE = "(?:近|约|逾|超过|大约)?"
_AFTER = "(?:余|多)?"
_S = r"\s*"
PATTERNS = {  # a figure written as text, as ``inputs.values`` reads it (the unit's range aside)
    "count": f"^{_S}{_BEFORE}{_NUM}(?:[.．]0+)?{_AFTER}[件次个项卷户人名条起份家所场期批篇台]?{_S}$",
    "days": f"^{_S}{_BEFORE}{_NUM}(?:[.．]0+)?{_AFTER}[件次个项卷户人名条起份家所场期批篇台天日]?{_S}$",
    "percent": f"^{_S}(?:{_BEFORE}(?:100(?:[.．]0+)?|{_D}{{1,2}}(?:[.．]{_D}+)?){_AFTER}[%％]?|百分之百|全覆盖){_S}$",
    "yuan": f"^{_S}{_BEFORE}{_NUM}(?:[.．]{_D}+)?{_AFTER}(?:亿元|万元|亿|万|元)?{_S}$",
    "date": f"^{_S}{_D}{{4}}{_S}[-/.年]{_S}{_D}{{1,2}}{_S}[-/.月]{_S}{_D}{{1,2}}{_S}日?{_S}$"
    r"|^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$",
}
# what YAML 1.1 (the checker's reader) reads as true or false, and an editor's YAML 1.2 as text
YAML_BOOLS = [
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "FALSE",
]
MAX_MAGNITUDE = 10**15

# key: (zh, en)
WORDS = {
    "title": ("法治政府建设指标报送材料", "A rule-of-law government indicator submission"),
    "description": (
        "fazhi-checker 的报送格式（docs/indicators.md）：地区、年度和各项指标。指标可平铺写（领域.名称 或中文名），"
        "也可按领域嵌套；数值可直接写，也可写成 {{value, approx, source, note}}。由指标目录生成（{count} 项指标，适用方案 {profile}）。",
        "The fazhi-checker submission format (docs/indicators.md): region, year and the indicators, flat "
        "(area.name or the Chinese name) or nested by area; a value as it is or as {{value, approx, source, "
        "note}}. Generated from the catalogue ({count} indicators, profile {profile}).",
    ),
    "region": ("地区名称，如 社旗县", "The region's name, e.g. 社旗县"),
    "region_code": ('6 位行政区划代码，如 "411327"', 'The 6-digit administrative division code, e.g. "411327"'),
    "level": ("层级", "Level"),
    "year": ("报告所述年度", "The year reported on"),
    "published_on": ("年度报告公开日期", "The date the annual report was made public"),
    "indicators": (
        "各项指标：平铺（键或中文名）或按领域嵌套",
        "The indicators: flat (key or Chinese name) or nested by area",
    ),
    "area": (
        "{area}：本领域的指标（键名不带领域前缀，或中文名）",
        "{area}: this area's indicators (keys without the area, or Chinese names)",
    ),
    "entry": ("数值及其出处", "A value with where it came from"),
    "value": ("数值", "The value"),
    "approx": (
        "约数：true，或报告的用词（余、多、近、约、逾、超过、大约）",
        "Approximate: true, or the report's word (余, 多, 近, 约, 逾, 超过, 大约)",
    ),
    "source": ("报告中给出该数值的原句", "The report's sentence that gives the value"),
    "note": ("口径说明", "A note on its scope"),
    "unit": ("单位：{unit}。", "Unit: {unit}. "),
    "required": ("适用方案要求报告。", "The profile requires it. "),
    "binding": ("约束性规则用到。", "Binding rules read it. "),
}


def _w(code: str, lang: str, **params) -> str:
    return i18n.word(WORDS, code, lang, **params)


def submission_schema(pack, lang: str = "zh") -> dict:
    """The JSON Schema of a submission for ``pack``'s catalogue (its profile's rates and required
    indicators named in the descriptions)."""
    from checker.template import about, readers  # no openpyxl: imported when a workbook is built
    from checker.template import w as words

    cat = pack.catalogue
    required, binding = set(pack.required), set(pack.requiring_complete().required)
    rules = readers(pack)
    flat, nested, own = {}, {}, {}
    for key, ind in cat.indicators.items():
        text = _w("unit", lang, unit=words(f"unit:{ind.unit}", lang))
        if key in required:
            text += _w("required", lang)
        elif key in binding:
            text += _w("binding", lang)
        text += about(ind, cat, lang, rules.get(key, ()))
        own[key] = {
            "title": ind.name(lang),
            "description": text.strip(),  # beside allOf: draft-07 keeps them
            "allOf": [{"$ref": f"#/$defs/{ind.unit}_value"}],
        }
        ref = {"$ref": f"#/$defs/{key}"}  # every name of it, flat and nested, the one description
        flat[key] = ref
        inner = nested.setdefault(ind.area, {})
        inner[key.split(".", 1)[1]] = ref
        for name in (ind.zh, *ind.aliases):
            flat.setdefault(name, ref)
            inner.setdefault(name, ref)
    for area_key, area in cat.areas.items():
        if area_key not in nested:
            continue
        block = {
            "title": area.name(lang),
            "description": _w("area", lang, area=area.name(lang)),
            "type": "object",
            "properties": nested[area_key],
            "additionalProperties": False,
        }
        flat.setdefault(area_key, block)
        flat.setdefault(area.zh, block)
    indicators = {
        "title": _w("indicators", lang),
        "description": _w("indicators", lang),
        "type": ["object", "null"],
        "properties": flat,
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "title": _w("title", lang),
        "description": _w("description", lang, count=len(cat.indicators), profile=pack.profile),
        "type": "object",
        "required": ["region", "year", "indicators"],
        "additionalProperties": False,
        "properties": {
            "region": {
                "title": _w("region", lang),
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "pattern": r"\S",
            },
            "region_code": {
                "title": _w("region_code", lang),
                "anyOf": [
                    {"type": "string", "pattern": "^[0-9]{6}$"},
                    {"type": "integer", "minimum": 100000, "maximum": 999999},
                ],
            },
            "level": {"title": _w("level", lang), "enum": list(LEVELS)},
            "year": {"title": _w("year", lang), "type": "integer", "minimum": YEARS[0], "maximum": YEARS[-1]},
            "published_on": {"title": _w("published_on", lang), "allOf": [{"$ref": "#/$defs/date"}]},
            "indicators": indicators,
        },
        "$defs": {**_defs(lang), **own},
    }


def _defs(lang: str) -> dict:
    defs = {
        "count": {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_MAGNITUDE},
                {"type": "string", "pattern": PATTERNS["count"]},
            ]
        },
        "days": {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_MAGNITUDE},
                {"type": "string", "pattern": PATTERNS["days"]},
            ]
        },
        "percent": {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": PATTERNS["percent"]},
            ]
        },
        "yuan": {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": MAX_MAGNITUDE},
                {"type": "string", "pattern": PATTERNS["yuan"]},
            ]
        },
        "date": {"type": "string", "pattern": PATTERNS["date"]},
        "bool": {"anyOf": [{"type": "boolean"}, {"enum": ["是", "否", *YAML_BOOLS]}]},
    }
    approx = {"title": _w("approx", lang), "anyOf": [{"type": "boolean"}, {"enum": list(APPROX_KINDS)}]}
    for unit in list(defs):
        entry = {
            "title": _w("entry", lang),
            "type": "object",
            "required": ["value"],
            "additionalProperties": False,
            "properties": {
                "value": {"title": _w("value", lang), "allOf": [{"$ref": f"#/$defs/{unit}"}]},
                "approx": approx,
                "source": {"title": _w("source", lang), "type": ["string", "null"]},
                "note": {"title": _w("note", lang), "type": ["string", "null"]},
            },
        }
        defs[f"{unit}_value"] = {"anyOf": [{"$ref": f"#/$defs/{unit}"}, entry]}
    return defs


def schema_text(pack, lang: str = "zh") -> str:
    return json.dumps(submission_schema(pack, lang), ensure_ascii=False, indent=1) + "\n"


# ---- a starting submission ------------------------------------------------------------------------------

STARTER = {
    "head": (
        "# 法治政府建设指标报送材料（fazhi init 生成）。填写后核查：fazhi check {file}\n"
        "# 格式见 docs/indicators.md；编辑器补全与校验见 docs/schema.md。\n"
        "# 各项指标按领域列出，均已注释：去掉行首的 # 并填写数值；没有的保持注释（视为未报告）。\n"
        '# 约数写 300余、近20、约15；比率填 0–100 的数；也可写成 {{value: 12, source: "报告原句"}}。\n',
        "# A rule-of-law government indicator submission (written by fazhi init). Check it: fazhi check {file}\n"
        "# The format: docs/indicators.md; completion and checks in an editor: docs/schema.md.\n"
        "# The indicators are listed by area, each commented out: remove the # and fill in the value; leave\n"
        "# those there are none for commented (not reported). Approximate: 300余, 近20, 约15; rates 0–100;\n"
        '# or {{value: 12, source: "the report\'s sentence"}}.\n',
    ),
    "region": ("# 地区名称，如 社旗县", "# the region's name, e.g. 社旗县"),
    "year": ("# 报告所述年度", "# the year reported on"),
    "required": ("必报", "required"),
    "binding": ("约束性规则用到", "read by binding rules"),
}
EXAMPLES = {"count": "0", "days": "0", "percent": "100", "yuan": "0", "date": "2025-03-31", "bool": "是"}


def _s(code: str, lang: str, **params) -> str:
    zh, en = STARTER[code]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def starter_yaml(pack, header: dict, lang: str = "zh", every: bool = False, file: str = "报送材料.yaml") -> str:
    """A starting submission: the header's fields (those not given left empty, commented), then every
    indicator the profile requires or a binding rule reads (``every``: the whole catalogue) by
    area, each commented out (``# key: example``) under its name and unit: flat keys, so that a line
    uncommented is a line of the submission (an area's heading with nothing under it would not be)."""
    import yaml

    from checker.template import w as words

    cat = pack.catalogue
    required, binding = set(pack.required), set(pack.requiring_complete().required)
    wanted = set(cat.indicators) if every else required | binding

    def dump(value) -> str:
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip().removesuffix("...").strip()

    out = [_s("head", lang, file=file)]
    out.append(f"region: {dump(header['region'])}\n" if header.get("region") else f"region:  {_s('region', lang)}\n")
    out.append(f"year: {header['year']}\n" if header.get("year") else f"year:  {_s('year', lang)}\n")
    for name in ("region_code", "level", "published_on"):
        if header.get(name) is not None:
            value = header[name]
            out.append(f"{name}: {value.isoformat() if hasattr(value, 'isoformat') else dump(value)}\n")
        else:
            out.append(f"# {name}:\n")
    out.append("indicators:\n")
    for area_key, area in cat.areas.items():
        rows = [ind for ind in cat.indicators.values() if ind.area == area_key and ind.key in wanted and not ind.field]
        if not rows:
            continue
        out.append(f"  # ---- {area.name(lang)} ({area.code})\n")
        for ind in rows:
            mark = _s("required", lang) if ind.key in required else (_s("binding", lang) if ind.key in binding else "")
            unit = words(f"unit:{ind.unit}", lang)
            out.append(f"  #   {ind.name(lang)} · {unit}" + (f" · {mark}" if mark else "") + "\n")
            out.append(f"  # {ind.key}: {EXAMPLES[ind.unit]}\n")
    return "".join(out)
