"""``fazhi validate``: the format of submissions only, no rules evaluated."""

from __future__ import annotations

from checker import i18n
from checker.commands.common import load_pack, say
from checker.commands.options import h


def add_parser(sub, parents, lang: str) -> None:
    validate = sub.add_parser("validate", parents=parents, help=h("validate", lang), add_help=False)
    validate.add_argument("paths", nargs="+", metavar="FILE", help=h("paths", lang))


def run(args) -> int:
    """Every file's problems (all of them, located), then a line per valid file; exit code 2 if any
    file has a problem or cannot be found."""
    from checker.inputs.discover import collect_paths
    from checker.inputs.dispatch import read_submission
    from checker.outputs import Walk

    pack = load_pack(args)
    walk = Walk()
    files, missing = collect_paths(args.paths, walk)
    for note in walk.notes:
        say(note.render(args.lang))
    code = 2 if missing else 0
    for diag in missing:
        say(diag.render(args.lang))
    for path in files:
        sub = read_submission(path, pack.catalogue)  # YAML, JSON or a 填报表 (.xlsx)
        bad = [d for d in sub.diagnostics if d.severity == "error"]
        for diag in sub.diagnostics:
            (say if diag.severity == "error" else print)(diag.render(args.lang))
        if bad:
            code = 2
        else:
            print(i18n.t("cli.valid", args.lang, file=str(path), count=len(sub.values)))
    return code
