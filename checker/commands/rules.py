"""``fazhi rules``: list, show and lint the rule pack."""

from __future__ import annotations

import sys

from checker.commands import options
from checker.commands.common import load_pack
from checker.commands.options import h
from checker.errors import Diagnostic, FazhiError
from checker.outputs import write_text


def add_parser(sub, parents, lang: str) -> None:
    rules = sub.add_parser("rules", parents=parents[:1], help=h("rules", lang), add_help=False)
    rsub = rules.add_subparsers(dest="rules_command", required=True)
    lst = rsub.add_parser("list", parents=parents, help=h("list", lang), add_help=False)
    lst.add_argument("--area", default=None, help=h("area", lang))
    show = rsub.add_parser("show", parents=parents, help=h("show", lang), add_help=False)
    show.add_argument("rule_id", metavar="ID", help=h("rule_id", lang))
    show.add_argument("--year", type=options.year(lang), default=None, help=h("show_year", lang))
    lint = rsub.add_parser("lint", parents=parents, help=h("lint", lang), add_help=False)
    lint.add_argument("directory", nargs="?", default=None, metavar="DIR", help=h("lint_dir", lang))


def run(args) -> int:
    from checker import rulesdoc

    if args.rules_command == "lint":
        return rulesdoc.lint(args)
    pack = load_pack(args)
    if args.rules_command == "list":
        write_text(sys.stdout, rulesdoc.list_text(pack, args.lang, args.area))
        return 0
    rule = pack.rule(args.rule_id)
    if rule is None:
        raise FazhiError(Diagnostic("cli.no_such_rule", None, None, None, {"id": args.rule_id}))
    write_text(sys.stdout, rulesdoc.show_text(pack, rule, args.lang, getattr(args, "year", None)))
    return 0
