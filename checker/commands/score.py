"""``fazhi score``: a cohort scored, graded and ranked; scoring sheets and a report written."""

from __future__ import annotations

import argparse
import os
import sys

from checker import i18n
from checker.commands import options
from checker.commands.common import (
    gather_inputs,
    load_pack,
    load_waivers,
    same_place,
    say,
    today,
    use_color,
    workers_failed,
)
from checker.commands.options import h, terminal_columns
from checker.commands.sinks import abort_all, open_sinks
from checker.errors import WRITE_ERRORS, Diagnostic, FazhiError, OutputFailed
from checker.inputs.discover import collect_paths
from checker.outputs import Walk
from checker.parallel import default_jobs
from checker.score.cohort import ScoreSetup, cohort, once_each, run_scoring
from checker.score.model import FileError


def add_parser(sub, parents, lang: str) -> None:
    score = sub.add_parser("score", parents=parents, help=h("score", lang), add_help=False)
    score.add_argument("paths", nargs="*", metavar="PATH", help=h("paths", lang))
    score.add_argument("--paths-from", default=None, metavar="FILE", help=h("paths_from", lang))
    score.add_argument("--scheme", default=None, help=h("scheme", lang))
    score.add_argument("--engine", choices=("durable", "python"), default=None, help=h("engine", lang))
    score.add_argument("--jobs", "-j", type=int, default=None, help=h("jobs", lang))
    score.add_argument("--previous", action="append", default=[], metavar="PATH", help=h("previous", lang))
    score.add_argument("--xlsx", default=None, metavar="FILE", help=h("xlsx", lang))
    score.add_argument("--csv", default=None, metavar="FILE", help=h("csv", lang))
    score.add_argument("--html", default=None, metavar="FILE", help=h("html", lang))
    score.add_argument("--split-at", type=options.split_at(lang), default=None, metavar="N", help=h("split_at", lang))
    score.add_argument("--format", choices=("text", "json"), default="text", help=h("score_format", lang))
    score.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=h("progress", lang))
    score.add_argument("--waivers", default=None, metavar="FILE", help=h("waivers", lang))
    score.add_argument("--today", default=None, metavar="YYYY-MM-DD", type=options.date(lang), help=h("today", lang))


def _progress_bar(args, total: int, lang: str):
    """A rich progress bar on stderr: on a terminal for long runs, or when asked for."""
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and total >= 20)
    if not show:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(i18n.t("score.progress", lang)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr, force_terminal=bool(args.progress)),
        transient=False,
    )
    return bar


def _score(files, setup, jobs, bar) -> list:
    if bar is None:
        return run_scoring(files, setup, jobs)
    with bar:
        task = bar.add_task("score", total=len(files))
        return run_scoring(files, setup, jobs, lambda n: bar.advance(task, n))


FILES = (("xlsx", "--xlsx"), ("csv", "--csv"), ("html", "--html"))


def _files(args) -> list[tuple[str, str]]:
    """(format, path) of each file output asked for."""
    return [(key, getattr(args, key)) for key, _ in FILES if getattr(args, key)]


def _stream(report, key: str, lang: str, write, path=None, split_at=None, folders=None) -> None:
    """One file output given to ``write`` in pieces as they are made (never the whole in memory); past
    ``split_at`` counties (``--split-at``) the workbook's and the report's county detail in files of their own
    in a folder beside ``path`` (``folders``: each folder's ``split.CountyFiles``, said at the end)."""
    from checker.score.split import SPLIT_AT, CountyFiles, split_folder

    limit = SPLIT_AT if split_at is None else split_at
    if key in ("xlsx", "html") and path not in (None, "-") and len(report.counties) > limit:
        if key == "xlsx":
            from checker.score.xlsx import write_split
        else:
            from checker.score.html import write_split
        folder, folders = split_folder(path), {} if folders is None else folders
        place = os.path.realpath(folder)
        files = folders[place] if place in folders else folders.setdefault(place, CountyFiles(folder))
        write_split(report, lang, write, path, files)
    elif key == "xlsx":
        from checker.score.xlsx import stream_xlsx

        stream_xlsx(report, lang, write)
    elif key == "csv":
        from checker.score.csv_out import csv_pieces

        write(b"\xef\xbb\xbf")  # UTF-8 with its byte-order mark, as Excel opens it
        for piece in csv_pieces(report, lang):
            write(piece.encode("utf-8"))
    else:
        from checker.score.html import html_pieces

        for piece in html_pieces(report, lang):
            write(piece)


def _write_streamed(outputs) -> None:
    """``(produce, path, format, sink)`` of several outputs, each written as ``produce(write)`` makes
    it and put in place whole, whatever became of the others (as ``sinks.write_each``); then the
    failures, said together."""
    from checker.commands.sinks import open_sink, unencodable

    failed = []
    for produce, path, name, sink in outputs:
        sink = open_sink(path, name) if sink is None else sink
        try:
            produce(sink.write)
            sink.close()
        except FazhiError as exc:
            sink.abort()
            failed.extend(exc.diagnostics)
        except BaseException as exc:
            sink.abort()
            if isinstance(exc, UnicodeEncodeError):
                raise unencodable(exc, path) from None
            if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError) and exc.errno in WRITE_ERRORS:
                # made on the way (the workbook's temporary file on a full disk): said as this output's
                failed.extend(OutputFailed(sink.path, exc).diagnostics)
                continue
            raise
    if failed:
        raise FazhiError(failed)


def run(args) -> int:
    files_out = _files(args)
    options = dict(FILES)
    specs = [(f"{options[key]} {path}", path) for key, path in files_out]
    same = _same_place(specs)
    if same is not None:
        raise same_place(same[0], same[1])
    named = [("--waivers", args.waivers), ("--scheme", args.scheme)] + [("--previous", p) for p in args.previous]
    files, missing = gather_inputs(args, specs, named)
    files = _once(files, args.lang)
    walk = Walk(specs)
    previous_files, previous_missing = collect_paths(args.previous, walk)
    if walk.clobbered:
        raise FazhiError(walk.clobbered[0])
    for note in walk.notes:
        say(note.render(args.lang))
    pack = load_pack(args)
    from checker.score.scheme import load_scheme

    scheme, diags = load_scheme(pack, args.scheme)
    if scheme is None:
        raise FazhiError(diags)
    load_waivers(args, pack)
    sinks = open_sinks(files_out)  # an output that cannot be created is said before any scoring
    try:
        return _scored(args, scheme, pack, files, missing, previous_files, previous_missing, files_out, sinks)
    finally:
        abort_all(sinks)  # what was not put in place (a failure, a stop) is dropped


def _once(files: list, lang: str) -> list:
    """Each file scored once, however often it is named (``score cur cur/a.yaml``: the folder and a
    file in it; a link to a file also listed): the later mentions said in a note, left out."""
    seen, out = {}, []
    for path in files:
        try:
            info = os.stat(path)
            ident = (info.st_dev, info.st_ino)
        except OSError:
            ident = None  # read, and reported, as it is
        if ident is not None and ident in seen:
            say(Diagnostic("input.listed_twice", path, None, None, {"first": seen[ident]}, "note").render(lang))
            continue
        if ident is not None:
            seen[ident] = path
        out.append(path)
    return out


def _same_place(specs):
    seen = {}
    for spec, path in specs:
        place = os.path.realpath(path)
        if place in seen:
            return seen[place], spec
        seen[place] = spec
    return None


def _scored(args, scheme, pack, files, missing, previous_files, previous_missing, files_out, sinks) -> int:
    setup = ScoreSetup(
        rules_dir=args.rules_dir,
        profile=args.profile,
        scheme=args.scheme,
        engine=args.engine,
        lang=args.lang,
        waivers=args.waivers,
        today=today(args),
    )
    jobs = max(1, args.jobs or default_jobs())
    from checker.parallel import WorkersFailed

    try:
        scored = _score(files, setup, jobs, _progress_bar(args, len(files), args.lang))
        previous = run_scoring(previous_files, setup, jobs) if previous_files else []
    except WorkersFailed as exc:
        raise workers_failed(exc) from None
    scored += [FileError(d.file, (f"{d.where()}: {d.message(args.lang)}",)) for d in missing + previous_missing]
    report = cohort(scheme, pack, once_each(scored, args.lang), once_each(previous, args.lang), args.lang)
    del scored, previous  # the report has what the outputs need: its counties, ranked, not these as well
    lang = args.lang
    folders: dict = {}  # a split output's folder -> its files (--split-at), said when the outputs are written
    outputs = [
        (
            lambda write, key=key, path=path: _stream(report, key, lang, write, path, args.split_at, folders),
            path,
            key,
            sink,
        )
        for (key, path), sink in zip(files_out, sinks)
    ]
    if args.format == "json":
        from checker.score.ranking import json_pieces

        def stdout(write):
            for piece in json_pieces(report, lang):
                write(piece)
    else:
        from checker.score.ranking import render_text

        width = args.width or (terminal_columns(160) if sys.stdout.isatty() else 160)

        def stdout(write):
            write(render_text(report, lang, width=width, color=use_color(args)))

    try:
        _write_streamed(outputs + [(stdout, None, args.format, None)])  # the files first: whatever happens to stdout
    finally:
        for files in folders.values():
            say(files.note(lang))
    return 2 if report.errors else 0
