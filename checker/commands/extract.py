"""``fazhi extract``: a submission (the contract format) from a prose report, with provenance."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from checker import i18n
from checker.commands.common import load_pack, overrides, say
from checker.commands.options import h
from checker.commands.sinks import write_whole
from checker.errors import Diagnostic, FazhiError
from checker.i18n import one_line
from checker.outputs import clobbered, write_text


def add_parser(sub, parents, lang: str) -> None:
    extract = sub.add_parser("extract", parents=parents, help=h("extract", lang), add_help=False)
    extract.add_argument("report", nargs="?", metavar="REPORT", help=h("report", lang))
    extract.add_argument("-o", "--output", default=None, metavar="FILE", help=h("output", lang))
    extract.add_argument("--accuracy", default=None, metavar="DIR", help=h("accuracy", lang))


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


def run(args) -> int:
    if not args.report and not args.accuracy:
        raise FazhiError(Diagnostic("cli.extract_what", None, None, None))
    pack = load_pack(args)
    if args.accuracy:
        from checker.extract.accuracy import evaluate, render
        acc = evaluate(Path(args.accuracy), pack)
        write_text(sys.stdout, render(acc, args.lang))
        return 0
    refused = clobbered([(f"-o {args.output}", args.output)], [("REPORT", args.report)])
    if refused is not None:         # the report would be gone before it is read
        raise FazhiError(refused)
    from checker.extract import extract
    ex = extract(args.report, pack, **overrides(args))
    errors = [d for d in ex.diagnostics if d.severity == "error"]
    if errors and not ex.text:
        raise FazhiError(ex.diagnostics)
    for diag in ex.diagnostics:
        say(diag.render(args.lang))
    write_whole(submission_yaml(ex, pack.catalogue, args.lang), args.output, "yaml")
    return 2 if errors else 0
