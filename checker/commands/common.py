"""What several commands share: the rule pack, the run's inputs and waivers, the terminal's view."""

from __future__ import annotations

import os
import sys

from checker import i18n
from checker.commands.options import terminal_columns
from checker.errors import Diagnostic, FazhiError


def say(text: str) -> None:
    """A line on stderr: notes and problems that do not stop the run."""
    sys.stderr.write(text + "\n")


def use_color(args) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def context(args, catalogue):
    """The renderers' view of a run: language, width, colour, what to list."""
    from checker.render import Context

    width = args.width or (terminal_columns(100) if sys.stdout.isatty() else 100)
    return Context(
        lang=args.lang,
        catalogue=catalogue,
        color=use_color(args),
        width=max(40, min(width, 200)),
        verbose=getattr(args, "verbose", False),
        today=today(args),
        options={
            "fail_on": getattr(args, "fail_on", "minor"),
            "all": getattr(args, "show_all", False),
            "only": getattr(args, "only", None),
            "sarif_all": getattr(args, "sarif_all", False),
        },
    )


def today(args):
    """``--today``, else today in China (UTC+8), whatever the machine's time zone."""
    from checker.waivers import today_in_china

    return getattr(args, "today", None) or today_in_china()


def load_pack(args, directory=None):
    """The rule pack of ``--rules`` and ``--profile`` (``--require-complete`` applied); FazhiError
    with every problem found where it cannot be used."""
    from checker.pack import load_pack as load

    pack, diags = load(directory or args.rules_dir, args.profile)
    errors = [d for d in diags if d.severity == "error"]
    if errors or pack is None:
        raise FazhiError(errors)
    if getattr(args, "require_complete", False):
        pack = pack.requiring_complete()
    return pack


def overrides(args) -> dict:
    """--region/--year/--published-on, for prose reports whose text does not state them."""
    return {k: getattr(args, k, None) for k in ("region", "year", "published_on")}


def load_waivers(args, pack) -> list:
    """The waivers of --waivers (none without it); FazhiError with every problem of a rejected file."""
    if not args.waivers:
        return []
    from checker.waivers import load_waivers as load

    waivers, problems = load(args.waivers, pack)
    if any(d.severity == "error" for d in problems):
        raise FazhiError(problems)
    return waivers


def gather_inputs(args, outputs, named=()):
    """The input files of a run (``collect_paths`` of its paths and of --paths-from), or FazhiError
    saying why the run cannot start: the list of paths cannot be read, or an output (``(option,
    path)``) is an input (a file named, a waiver file, a profile, a list of paths, a submission in a
    folder walked), which writing would destroy, before anything is read or written. This run's
    outputs and earlier outputs of fazhi-checker found in folders are left out, each said."""
    from checker.inputs.discover import collect_paths, paths_of
    from checker.outputs import Walk, clobbered

    paths, problem = paths_of(args)
    if problem is not None:
        raise FazhiError(problem)
    listed = [("FILE", p) for p in paths] + [(what, p) for what, p in named if p]
    listed += [
        (what, getattr(args, key))
        for what, key in (("--paths-from", "paths_from"), ("--profile", "profile"))
        if getattr(args, key, None) not in (None, "-")
    ]
    refused = clobbered(outputs, listed)
    walk = Walk(outputs)
    if refused is None:
        files, missing = collect_paths(paths, walk)
        refused = walk.clobbered[0] if walk.clobbered else None
    if refused is not None:
        raise FazhiError(refused)
    for note in walk.notes:
        say(note.render(args.lang))
    return files, missing


def same_place(first: str, second: str) -> FazhiError:
    """Two outputs to one place, each named as the user wrote it (``--format json=o.json``,
    ``--csv o.csv``)."""
    return FazhiError(
        Diagnostic(
            "cli.format_same_place", None, None, None, {"first": i18n.one_line(first), "second": i18n.one_line(second)}
        )
    )


def workers_failed(exc: Exception) -> FazhiError:
    """A worker process died: said with the hint to retry in one process."""
    return FazhiError(Diagnostic("cli.workers_failed", "", None, None, {"reason": str(exc)}))
