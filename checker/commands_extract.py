"""``fazhi extract``: a submission (the contract format) from a prose report, with provenance."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from checker import i18n
from checker.i18n import one_line
from checker.commands import _err, _load_pack, _write, overrides
from checker.outputs import clobbered, write_text


def submission_yaml(ex, cat, lang: str) -> str:
    """The extraction in the submission format: each value with its sentence and position."""
    data: dict = {"region": ex.region, "year": ex.year}
    if ex.published_on:
        data["published_on"] = ex.published_on
    indicators = {}
    for key, item in sorted(ex.found.items()):
        entry: dict = {"value": item.value}
        if item.approx:
            entry["approx"] = True
        if item.sentence:
            entry["source"] = item.sentence
        note = i18n.t("extract.position", lang, line=item.line, column=item.column)
        if item.note:
            note = i18n.t(f"extract.{item.note}", lang) + "；" + note if item.note != "counted" else \
                i18n.t("extract.counted", lang)
        entry["note"] = note
        indicators[key] = entry
    data["indicators"] = indicators
    head = f"# extracted by fazhi-checker from {one_line(Path(ex.file).name)}\n"   # a name with a line break stays a comment
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def cmd_extract(args) -> int:
    pack, errors = _load_pack(args)
    if pack is None:
        return 2
    if args.accuracy:
        from checker.extract.accuracy import evaluate, render
        acc = evaluate(Path(args.accuracy), pack)
        write_text(sys.stdout, render(acc, args.lang))
        return 0
    refused = clobbered([(f"-o {args.output}", args.output)], [("REPORT", args.report)])
    if refused is not None:         # the report would be gone before it is read
        _err(refused.render(args.lang))
        return 2
    from checker.extract import extract
    ex = extract(args.report, pack, **overrides(args))
    for diag in ex.diagnostics:
        _err(diag.render(args.lang))
    if any(d.severity == "error" for d in ex.diagnostics) and not ex.text:
        return 2
    ok = _write(submission_yaml(ex, pack.catalogue, args.lang), args.output, args.lang, "yaml")
    return 0 if ok and not any(d.severity == "error" for d in ex.diagnostics) else 2
