"""``fazhi score``: a cohort scored, graded and ranked; scoring sheets and a report written."""
from __future__ import annotations

import sys
from pathlib import Path

from checker.cli import collect_paths
from checker.commands import (_color, _err, _load_pack, _today, _write, load_waivers_or_report, unwritable,
                               workers_failed)
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
    from checker import i18n
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


def _outputs(report, args) -> bool:
    ok = True
    writers = [("xlsx", "checker.score.xlsx", "write_xlsx"), ("csv", "checker.score.csv_out", "write_csv")]
    for option, module, function in writers:
        path = getattr(args, option)
        if path:
            ok &= _to_file(lambda p, m=module, f=function: getattr(__import__(m, fromlist=[f]), f)(report, p, args.lang),
                           path, args.lang)
    if args.html:
        from checker.score.html import render_html
        ok &= _write(render_html(report, args.lang), args.html, args.lang, "html")
    return ok


def _to_file(write, path: str, lang: str) -> bool:
    try:
        write(Path(path))
    except OSError as exc:
        unwritable(path, exc, lang)
        return False
    return True


def cmd_score(args) -> int:
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
    files, missing = collect_paths(args.paths)
    previous_files, previous_missing = collect_paths(args.previous)
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
    if args.format == "json":
        from checker.score.ranking import render_json
        text = render_json(report, args.lang)
    else:
        from checker.score.ranking import render_text
        import shutil
        width = args.width or (shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else 160)
        text = render_text(report, args.lang, width=width, color=_color(args))
    ok = _write(text, None, args.lang, args.format) and _outputs(report, args)
    if not ok:
        return 2
    return 2 if report.errors else 0
