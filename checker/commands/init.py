"""``fazhi init``: a starting submission (YAML), every indicator to fill in listed and commented."""

from __future__ import annotations

import os

from checker import i18n
from checker.commands.common import load_pack
from checker.commands.sinks import write_whole
from checker.commands.template import add_header_options, header_of, new_file


def add_parser(sub, parents, lang: str) -> None:
    init = sub.add_parser("init", parents=parents, help=i18n.t("help.init", lang), add_help=False)
    init.add_argument("-o", "--output", default=None, metavar="FILE", help=i18n.t("help.init_output", lang))
    init.add_argument("--all", dest="every", action="store_true", help=i18n.t("help.init_all", lang))
    add_header_options(init, lang)


def run(args) -> int:
    from checker.schema import starter_yaml

    if args.output not in (None, "-"):
        new_file(args.output)
    pack = load_pack(args)
    name = (
        os.path.basename(args.output)
        if args.output not in (None, "-")
        else ("submission.yaml" if args.lang == "en" else "报送材料.yaml")
    )
    write_whole(starter_yaml(pack, header_of(args), args.lang, args.every, i18n.one_line(name)), args.output, "yaml")
    return 0
