"""``fazhi schema``: the submission format as a JSON Schema, for editors (docs/schema.md)."""

from __future__ import annotations

from checker import i18n
from checker.commands.common import load_pack
from checker.commands.sinks import write_whole


def add_parser(sub, parents, lang: str) -> None:
    schema = sub.add_parser("schema", parents=parents, help=i18n.t("help.schema", lang), add_help=False)
    schema.add_argument("-o", "--output", default=None, metavar="FILE", help=i18n.t("help.schema_output", lang))


def run(args) -> int:
    from checker.schema import schema_text

    pack = load_pack(args)
    write_whole(schema_text(pack, args.lang), args.output, "json")
    return 0
