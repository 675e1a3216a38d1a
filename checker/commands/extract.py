"""``fazhi extract``: a submission (the contract format) from a prose report, with provenance; or a
submission converted between its forms (YAML, JSON, the Excel 填报表). The suffix of ``-o`` chooses
what is written: ``.xlsx`` the 填报表 filled in (docs/template.md), anything else YAML."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

from checker import i18n
from checker.commands.common import load_pack, overrides, say
from checker.commands.options import h
from checker.commands.sinks import write_whole
from checker.errors import Diagnostic, FazhiError
from checker.extract.pdf import locate
from checker.i18n import one_line
from checker.outputs import clobbered, write_text


def add_parser(sub, parents, lang: str) -> None:
    extract = sub.add_parser("extract", parents=parents, help=i18n.t("help.extract", lang), add_help=False)
    extract.add_argument("report", nargs="?", metavar="REPORT", help=h("report", lang))
    extract.add_argument("-o", "--output", default=None, metavar="FILE", help=h("output", lang))
    extract.add_argument("--accuracy", default=None, metavar="DIR", help=h("accuracy", lang))
    extract.add_argument("--candidates", action="store_true", help=i18n.t("help.candidates", lang))


def submission_yaml(ex, cat, lang: str) -> str:
    """The extraction in the submission format: each value with its sentence and position."""
    data = submission_data(ex, lang)
    head = f"# extracted by fazhi-checker from {one_line(Path(ex.file).name)}\n"  # a name with a line break stays a comment
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def submission_data(ex, lang: str) -> dict:
    """The extraction as a flat submission: each value with its sentence and position."""
    data: dict = {"region": ex.region, **({"level": ex.level} if ex.level else {}), "year": ex.year}
    if ex.published_on:
        data["published_on"] = ex.published_on
    indicators = {}
    for key, item in sorted(ex.found.items()):
        entry: dict = {"value": item.value}
        if item.approx:
            entry["approx"] = True
        if item.sentence:
            entry["source"] = item.sentence
        page = locate(ex.text, item.line, item.column)  # a PDF's: its page and line there
        note = (
            i18n.t("extract.position_page", lang, page=page[0], line=page[1])
            if page
            else i18n.t("extract.position", lang, line=item.line, column=item.column)
        )
        if item.note:
            note = (
                i18n.t(f"extract.{item.note}", lang) + "；" + note
                if item.note != "counted"
                else i18n.t("extract.counted", lang)
            )
        entry["note"] = note
        indicators[key] = entry
    data["indicators"] = indicators
    return data


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
    if refused is not None:  # the report would be gone before it is read
        raise FazhiError(refused)
    from checker.inputs.dispatch import REFUSED_SUFFIXES, is_submission

    if is_submission(args.report) or os.path.splitext(args.report)[1].lower() in REFUSED_SUFFIXES:
        return _convert(args, pack)
    from checker.extract import extract

    ex = extract(args.report, pack, **overrides(args))
    errors = [d for d in ex.diagnostics if d.severity == "error"]
    if errors and not ex.text:
        raise FazhiError(ex.diagnostics)
    for diag in ex.diagnostics:
        say(diag.render(args.lang))
    if getattr(args, "candidates", False):
        write_whole(candidates_text(ex, pack.catalogue, args.lang), args.output, "text")
    elif _workbook(args.output):
        from checker.template import template_bytes

        data = submission_data(ex, args.lang)
        header = {k: v for k, v in data.items() if k != "indicators" and v is not None}
        write_whole(template_bytes(pack, header, args.lang, data["indicators"]), args.output, "xlsx")
    else:
        write_whole(submission_yaml(ex, pack.catalogue, args.lang), args.output, "yaml")
    return 2 if errors else 0


def candidates_text(ex, cat, lang: str) -> str:
    """The numbers with a unit the report states and extraction did not take (``--candidates``), each
    with where it stands, why it was left, the indicators nearest to it and its sentence: what a
    reader checks by hand, and what a developer grows the lexicon from (rules/extract/)."""
    from checker.extract.attribute import left_over

    left = left_over(ex)
    taken = sum(1 for o in ex.outcomes if o.reason in ("phrasing", "attributed")) - sum(
        1 for _, why in left if why == "conflict"
    )
    rows = [
        i18n.t(
            "extract.candidates_head",
            lang,
            file=one_line(Path(ex.file).name),
            found=len(ex.outcomes),
            taken=taken,
            left=len(left),
        )
    ]
    for o, why in left:
        page = locate(ex.text, o.line, o.column)
        where = (
            i18n.t("extract.position_page", lang, page=page[0], line=page[1])
            if page
            else i18n.t("extract.position", lang, line=o.line, column=o.column)
        )
        rows.append(
            i18n.t(
                "extract.candidate", lang, position=where, text=o.mention.text, why=i18n.t(f"extract.left_{why}", lang)
            )
        )
        names = [
            f"{key}（{cat.indicators[key].name(lang)}）"
            if lang != "en"
            else f"{key} ({cat.indicators[key].name(lang)})"
            for key in o.nearest
            if key in cat.indicators
        ]
        if names:
            rows.append(
                "    "
                + i18n.t("extract.candidate_nearest", lang, keys="、".join(names) if lang != "en" else ", ".join(names))
            )
        rows.append("    " + i18n.t("label.source", lang) + i18n.colon(lang) + one_line(o.sentence))
    return "\n".join(rows) + "\n"


def _workbook(output) -> bool:
    return output not in (None, "-") and os.path.splitext(output)[1].lower() == ".xlsx"


def _convert(args, pack) -> int:
    """A submission written in another form: a workbook as YAML, YAML or JSON as the 填报表 (what
    resolves to an indicator; every problem of the file said on stderr, exit code 2 if any is an
    error)."""
    from checker.convert import flatten
    from checker.convert import submission_yaml as flat_yaml
    from checker.inputs.dispatch import read_submission

    cat = pack.catalogue
    read = read_submission(args.report, cat)
    diags: list = []
    doc = _document(args.report, cat, diags)
    if doc is None:
        raise FazhiError(read.diagnostics or diags)
    for diag in read.diagnostics:
        say(diag.render(args.lang))
    header, entries, _ = flatten(doc, cat)
    if _workbook(args.output):
        from checker.template import template_bytes

        write_whole(template_bytes(pack, header, args.lang, entries), args.output, "xlsx")
    else:
        head = f"# converted by fazhi-checker from {one_line(Path(args.report).name)}\n"
        write_whole(flat_yaml(header, entries, head), args.output, "yaml")
    if args.output not in (None, "-"):
        say(i18n.t("cli.converted", args.lang, path=one_line(args.output), count=len(entries)))
    return 2 if not read.ok else 0


def _document(path: str, cat, diags: list):
    """The file as parsed, before any value is read (``convert.flatten`` reads it): a workbook's
    mapping, or the YAML or JSON document."""
    from checker.inputs.dispatch import is_workbook

    if is_workbook(path):
        from checker.inputs.excel import read_document

        return read_document(path, cat, diags)
    from checker.inputs.decode import read_text
    from checker.inputs.structured import parse_text

    if os.path.splitext(path)[1].lower() not in (".yaml", ".yml", ".json"):
        return None
    text = read_text(Path(path), diags)
    return None if text is None else parse_text(text, path, path.lower().endswith(".json"), diags)
