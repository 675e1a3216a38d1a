"""``fazhi template``: the Excel 填报表, generated from the catalogue and the profile (docs/template.md)."""

from __future__ import annotations

import os

from checker import i18n
from checker.commands import options
from checker.commands.common import load_pack
from checker.commands.sinks import write_whole
from checker.errors import Diagnostic, FazhiError
from checker.inputs.model import LEVELS


def add_parser(sub, parents, lang: str) -> None:
    template = sub.add_parser("template", parents=parents, help=i18n.t("help.template", lang), add_help=False)
    template.add_argument(
        "-o", "--output", default=None, metavar="FILE.xlsx", help=i18n.t("help.template_output", lang)
    )
    add_header_options(template, lang)


def add_header_options(parser, lang: str) -> None:
    """--region, --year, --level and --published-on: what a header block is filled with, each held to
    the test a file's own field is (``options``)."""
    parser.add_argument("--region", type=options.region(lang), default=None, help=i18n.t("help.region", lang))
    parser.add_argument("--year", type=options.year(lang), default=None, help=i18n.t("help.year", lang))
    parser.add_argument("--level", choices=LEVELS, default=None, help=i18n.t("help.level", lang))
    parser.add_argument(
        "--published-on",
        type=options.published_on(lang),
        default=None,
        metavar="YYYY-MM-DD",
        help=i18n.t("help.published_on", lang),
    )


def header_of(args) -> dict:
    return {
        k: getattr(args, k, None)
        for k in ("region", "year", "level", "published_on")
        if getattr(args, k, None) is not None
    }


def output_path(args, command: str, suffix: str) -> str:
    """``-o``: given, ending in ``suffix``, and not there yet; FazhiError saying what to do otherwise."""
    path = args.output
    if not path or path == "-":
        raise FazhiError(Diagnostic("cli.output_needed", None, None, None, {"command": command, "suffix": suffix}))
    if os.path.splitext(path)[1].lower() != suffix:
        raise FazhiError(
            Diagnostic(
                "cli.output_suffix",
                None,
                None,
                None,
                {"command": command, "path": i18n.one_line(path), "suffix": suffix},
            )
        )
    return new_file(path)


def new_file(path: str) -> str:
    """``path``, where nothing is there yet: a template or a starting file is never written over a file
    (a 填报表 filled in is a county's week of work)."""
    if os.path.lexists(path):
        raise FazhiError(Diagnostic("cli.output_exists", None, None, None, {"path": i18n.one_line(path)}))
    return path


def run(args) -> int:
    path = output_path(args, "template", ".xlsx")
    pack = load_pack(args)
    from checker.template import template_bytes

    write_whole(template_bytes(pack, header_of(args), args.lang), path, "xlsx")
    return 0
