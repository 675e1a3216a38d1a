"""A submission's figures in one flat form, whatever they were written in, and written out again:
what ``fazhi extract`` converts between (a YAML or JSON submission, an Excel 填报表) and fills a
workbook with.

The flat form is the submission format's own (docs/indicators.md): the top-level fields, and
``indicators`` as {key: value, or {value, approx, source, note}}, every key resolved (a Chinese name
or an area's nesting to its key). A value is kept as it was written where the writing says more
than the number (300余 stays 300余), so that converting changes no finding.
"""

from __future__ import annotations

from checker.inputs.model import TOP_FIELDS

HEADER_FIELDS = tuple(f for f in TOP_FIELDS if f != "indicators")
ENTRY_FIELDS = ("value", "approx", "source", "note")


def flatten(doc, cat) -> tuple[dict, dict, list]:
    """(header fields, {key: entry}, names not known) of a parsed submission (``yamlpos.YMap``, as
    YAML, JSON or ``inputs.excel.read_document`` give it). Nested and flat forms, keys and Chinese
    names are read as ``inputs.structured`` reads them; the first of an indicator given twice is kept."""
    if not isinstance(doc, dict):
        return {}, {}, []
    header = {f: doc[f] for f in HEADER_FIELDS if doc.get(f) is not None}
    entries: dict = {}
    unknown: list = []
    block = doc.get("indicators")
    if not isinstance(block, dict):
        return header, entries, unknown
    for name, value in block.items():
        area = name if name in cat.areas else cat.area_aliases.get(name)
        if area is not None and isinstance(value, dict) and "value" not in value:
            for inner, inner_value in value.items():
                key = cat.resolve(f"{area}.{inner}") or (cat.resolve(inner) if isinstance(inner, str) else None)
                _keep(entries, unknown, key, inner, inner_value)
        else:
            _keep(entries, unknown, cat.resolve(str(name)), name, value)
    return header, entries, unknown


def _keep(entries: dict, unknown: list, key, name, value) -> None:
    if key is None:
        unknown.append(str(name))
        return
    if key in entries or value is None:
        return
    if isinstance(value, dict):
        entry = {f: value[f] for f in ENTRY_FIELDS if value.get(f) is not None}
        if "value" in entry:
            entries[key] = entry
        return
    if not isinstance(value, list):
        entries[key] = value


def submission_yaml(header: dict, entries: dict, head: str = "") -> str:
    """The flat form as a YAML submission (``head``: comment lines before it)."""
    import yaml

    data = {f: header[f] for f in HEADER_FIELDS if header.get(f) is not None}
    data["indicators"] = {key: dict(entry) if isinstance(entry, dict) else entry for key, entry in entries.items()}
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
