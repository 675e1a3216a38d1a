"""``fazhi score``: a cohort scored, graded and ranked; scoring sheets and a report written."""
from __future__ import annotations

import os
import sys

from checker import i18n
from checker.inputs.discover import collect_paths
from checker.commands import (_abort, _color, _err, _load_pack, _today, _write, gather_inputs, load_waivers_or_report,
                               open_sinks, same_place, workers_failed)
from checker.outputs import Walk
from checker.parallel import default_jobs
from checker.score.cohort import cohort, once_each, run_scoring
from checker.score.model import FileError


def _progress_bar(args, total: int, lang: str):
    """A rich progress bar on stderr: on a terminal for long runs, or when asked for."""
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and total >= 20)
    if not show:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    bar = Progress(TextColumn(i18n.t("score.progress", lang)), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(file=sys.stderr, force_terminal=bool(args.progress)),
                   transient=False)
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


def _rendered(report, key: str, lang: str):
    if key == "xlsx":
        from checker.score.xlsx import render_xlsx
        return render_xlsx(report, lang)
    if key == "csv":
        from checker.score.csv_out import render_csv
        return render_csv(report, lang).encode("utf-8-sig")
    from checker.score.html import render_html
    return render_html(report, lang)


def cmd_score(args) -> int:
    files_out = _files(args)
    options = dict(FILES)
    specs = [(f"{options[key]} {path}", path) for key, path in files_out]
    same = _same_place(specs)
    if same is not None:
        same_place(same[0], same[1], args.lang)
        return 2
    named = [("--waivers", args.waivers), ("--scheme", args.scheme)] + [("--previous", p) for p in args.previous]
    found = gather_inputs(args, specs, named)
    if found is None:
        return 2
    files, missing = found
    files = _once(files, args.lang)
    walk = Walk(specs)
    previous_files, previous_missing = collect_paths(args.previous, walk)
    if walk.clobbered:
        _err(walk.clobbered[0].render(args.lang))
        return 2
    for note in walk.notes:
        _err(note.render(args.lang))
    pack, errors = _load_pack(args)
    if pack is None:
        return 2
    from checker.score.scheme import load_scheme
    scheme, diags = load_scheme(pack, args.scheme)
    if scheme is None:
        for diag in diags:
            _err(diag.render(args.lang))
        return 2
    if load_waivers_or_report(args, pack) is None:
        return 2
    sinks = open_sinks(files_out, args.lang)    # an output that cannot be created is said before any scoring
    if sinks is None:
        return 2
    try:
        return _scored(args, scheme, pack, files, missing, previous_files, previous_missing, files_out, sinks)
    finally:
        _abort(sinks)       # what was not put in place (a failure, a stop) is dropped


def _once(files: list, lang: str) -> list:
    """Each file scored once, however often it is named (``score cur cur/a.yaml``: the folder and a
    file in it; a link to a file also listed): the later mentions said in a note, left out."""
    from checker.errors import Diagnostic
    seen, out = {}, []
    for path in files:
        try:
            info = os.stat(path)
            ident = (info.st_dev, info.st_ino)
        except OSError:
            ident = None                # read, and reported, as it is
        if ident is not None and ident in seen:
            _err(Diagnostic("input.listed_twice", path, None, None, {"first": seen[ident]}, "note").render(lang))
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
    setup = (args.rules_dir, args.profile, args.scheme, args.engine, args.lang, args.waivers, _today(args))
    jobs = max(1, args.jobs or default_jobs())
    from checker.parallel import WorkersFailed
    try:
        scored = _score(files, setup, jobs, _progress_bar(args, len(files), args.lang))
        previous = run_scoring(previous_files, setup, jobs) if previous_files else []
    except WorkersFailed as exc:
        return workers_failed(exc, args.lang)
    scored += [FileError(d.file, (f"{d.where()}: {d.message(args.lang)}",)) for d in missing + previous_missing]
    report = cohort(scheme, pack, once_each(scored, args.lang), once_each(previous, args.lang), args.lang)
    ok = True
    for (key, path), sink in zip(files_out, sinks):     # the files first: whatever happens to stdout
        ok &= _write(_rendered(report, key, args.lang), path, args.lang, key, sink)
    if args.format == "json":
        from checker.score.ranking import render_json
        text = render_json(report, args.lang)
    else:
        from checker.score.ranking import render_text
        import shutil
        width = args.width or (shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else 160)
        text = render_text(report, args.lang, width=width, color=_color(args))
    ok = _write(text, None, args.lang, args.format) and ok
    if not ok:
        return 2
    return 2 if report.errors else 0
