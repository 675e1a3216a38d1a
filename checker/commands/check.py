"""``fazhi check``: submissions and reports checked against the rules, in every output format; with
``--html``/``--xlsx``, one region's own report besides (``--scheme``: with its scoring sheet)."""

from __future__ import annotations

import os

from checker import i18n
from checker.commands import options
from checker.commands.common import context, gather_inputs, load_pack, load_waivers, overrides, today, workers_failed
from checker.commands.options import h
from checker.commands.sinks import abort_all, open_sinks, write_each
from checker.errors import Diagnostic, FazhiError
from checker.model import DEFAULT_FAIL_ON, FAIL_ON, Report, SubmissionResult
from checker.status import ALL as STATUSES

DOCUMENTS = {"json", "sarif", "junit"}  # one document each: two on stdout would be neither


def add_parser(sub, parents, lang: str) -> None:
    from checker.render import help_text

    check = sub.add_parser("check", parents=parents, help=h("check", lang), add_help=False)
    check.add_argument("paths", nargs="*", metavar="FILE", help=h("paths", lang))
    check.add_argument("--paths-from", default=None, metavar="FILE", help=h("paths_from", lang))
    check.add_argument("--sarif-all", action="store_true", help=h("sarif_all", lang))
    check.add_argument(
        "--format",
        "-f",
        action="append",
        default=None,
        metavar="NAME[=FILE]",
        help=h("format", lang, formats=help_text(lang)),
    )
    check.add_argument("--engine", choices=("durable", "python"), default=None, help=h("engine", lang))
    check.add_argument("--verbose", "-v", action="store_true", help=h("verbose", lang))
    check.add_argument("--require-complete", action="store_true", help=h("require_complete", lang))
    check.add_argument("--all", dest="show_all", action="store_true", help=h("all", lang))
    check.add_argument(
        "--only",
        type=options.statuses,
        default=None,
        metavar="STATUS[,STATUS]",
        help=h("only", lang, statuses=",".join(STATUSES)),
    )
    check.add_argument("--fail-on", choices=FAIL_ON, default=DEFAULT_FAIL_ON, help=h("fail_on", lang))
    check.add_argument("--waivers", default=None, metavar="FILE", help=h("waivers", lang))
    check.add_argument("--today", default=None, metavar="YYYY-MM-DD", type=options.date(lang), help=h("today", lang))
    check.add_argument("--jobs", "-j", type=int, default=None, help=h("check_jobs", lang))
    check.add_argument("--html", default=None, metavar="FILE", help=i18n.t("help.check_html", lang))
    check.add_argument("--xlsx", default=None, metavar="FILE", help=i18n.t("help.check_xlsx", lang))
    check.add_argument("--scheme", default=None, help=i18n.t("help.check_scheme", lang))


def outputs_of(args) -> list[tuple[str, str | None]]:
    """(format, path or None for stdout) of each --format; FazhiError where one cannot be written: an
    unknown format, ``json=`` with no file, two formats to one file, or a document (JSON, SARIF,
    JUnit) sharing stdout with another format. Line formats may share it (text and github: a log
    that people and the runner both read)."""
    from checker.commands.common import same_place
    from checker.render import FORMATS

    outs, places, on_stdout = [], {}, set()  # places: where -> (its first spec, that spec's format)
    for spec in args.format or ["text"]:
        name, eq, path = spec.partition("=")
        if name not in FORMATS:
            raise FazhiError(
                Diagnostic("cli.unknown_format", None, None, None, {"name": name, "formats": ", ".join(FORMATS)})
            )
        if eq and not path:
            raise FazhiError(Diagnostic("cli.format_no_file", None, None, None, {"spec": spec}))
        place = "-" if path in ("", "-") else os.path.realpath(path)
        first, first_name = places.get(place, (None, None))
        if first is not None and (place != "-" or name in on_stdout or {name, first_name} & DOCUMENTS):
            raise same_place(f"--format {first}", f"--format {spec}")
        places.setdefault(place, (spec, name))
        if place == "-":
            on_stdout.add(name)
        outs.append((name, path or None))
    return outs


def reports_of(args, outputs) -> list[tuple[str, str]]:
    """(kind, path) of --html and --xlsx; FazhiError where one shares a place with another output, or
    --scheme comes without them."""
    from checker.commands.common import same_place

    reports = [(kind, path) for kind, path in (("html", args.html), ("xlsx", args.xlsx)) if path]
    if args.scheme and not reports:
        raise FazhiError(Diagnostic("cli.scheme_needs_report", None, None, None))
    places = {os.path.realpath(path): f"--format {name}={path}" for name, path in outputs if path not in (None, "-")}
    for kind, path in reports:
        spec = f"--{kind} {path}"
        first = places.setdefault("-" if path == "-" else os.path.realpath(path), spec)
        if first != spec:
            raise same_place(first, spec)
    return reports


def run(args) -> int:
    from checker.engine import Checker, EngineUnavailable
    from checker.inputs.dispatch import read_input
    from checker.render import renderer

    outputs = outputs_of(args)
    reports = reports_of(args, outputs)
    files, missing = gather_inputs(
        args,
        [(f"--format {name}={path}", path) for name, path in outputs]
        + [(f"--{kind} {path}", path) for kind, path in reports],
        [("--waivers", args.waivers), ("--scheme", args.scheme)],
    )
    if reports and len(files) + len(missing) != 1:
        raise FazhiError(Diagnostic("cli.report_one_file", None, None, None, {"count": len(files) + len(missing)}))
    pack = load_pack(args)
    scheme = _scheme(args, pack)
    try:
        checker = Checker(pack, args.engine)
    except EngineUnavailable as exc:
        raise FazhiError(Diagnostic("cli.engine_unavailable", "", None, None, {"reason": str(exc)})) from None
    try:
        waivers = load_waivers(args, pack)
        sinks = open_sinks(outputs + reports)  # before any work: an output that cannot be written is said at once
    except FazhiError:
        checker.close()
        raise
    try:
        inputs = [SubmissionResult(d.file, None, None, (), (d,)) for d in missing]
        if not waivers and not reports and all(getattr(_module(name), "STREAM", False) for name, _ in outputs):
            try:
                return _stream(args, pack, checker, sinks, inputs, files)
            finally:
                checker.close()
        results, subs = list(inputs), []
        try:
            for path in files:
                subs.append(read_input(path, pack, overrides(args)))
                results.append(checker.check(subs[-1]))
                if not reports:
                    subs.clear()  # kept for the one region's report only
        finally:
            checker.close()
        notes = []
        if waivers:
            from checker.waivers import apply_waivers

            results, notes = apply_waivers(results, waivers, today(args))
        report = Report(
            tuple(results),
            checker.engine.name,
            pack.profile,
            fail_on=args.fail_on,
            waiver_notes=tuple(notes),
            rules=pack.rules,
        )
        ctx = context(args, pack.catalogue)
        pieces = [(renderer(name)(report, ctx), path, name, sink) for (name, path), sink in zip(outputs, sinks)]
        if reports:
            pieces += _reports(args, pack, scheme, report, subs[0] if subs else None, reports, sinks[len(outputs) :])
        write_each(pieces)
        return report.exit_code()
    finally:
        abort_all(sinks)  # whatever was not put in place (a failure, a stop) is dropped


def _scheme(args, pack):
    """The scoring scheme of --scheme (None without it); FazhiError with its problems."""
    if not args.scheme:
        return None
    from checker.score.scheme import load_scheme

    scheme, diags = load_scheme(pack, args.scheme)
    if scheme is None:
        raise FazhiError(diags)
    return scheme


def _reports(args, pack, scheme, report, sub, reports, sinks) -> list:
    """(bytes or text, path, kind, sink) of the one region's report in each form asked for."""
    from checker import __version__
    from checker.report_html import ReportFacts, render_report

    result = report.results[0]
    facts = ReportFacts(__version__, report.engine, report.profile, pack.rules, args.fail_on, today(args))
    scoring = _scoring(args, pack, scheme, result, sub) if scheme is not None and sub is not None else None
    out = []
    for (kind, path), sink in zip(reports, sinks):
        if kind == "html":
            out.append((render_report(result, pack.catalogue, facts, args.lang, scoring), path, kind, sink))
            continue
        from checker.report_xlsx import build_workbook, report_bytes

        wb = build_workbook(result, pack.catalogue, facts, args.lang)
        if scoring is not None:
            from checker.score.xlsx import Styler, county_title, sheet_name, write_county

            cohort_report, county = scoring
            write_county(
                wb.create_sheet(sheet_name(county_title(county, args.lang), {s.title.casefold() for s in wb})),
                Styler(),
                cohort_report,
                county,
                args.lang,
            )
        out.append((report_bytes(wb), path, kind, sink))
    return out


def _scoring(args, pack, scheme, result, sub):
    """(the cohort report, the region's score) of ``checker.score`` for this one region; None where it
    cannot be scored (its input has errors: the report says them)."""
    if result.errors or not result.findings:
        return None
    from checker.score.cohort import cohort
    from checker.score.compute import score

    county = score(result, sub, scheme, pack.catalogue, (args.lang,))
    cohort_report = cohort(scheme, pack, [county], [], args.lang)
    return (cohort_report, cohort_report.counties[0]) if cohort_report.counties else None


def _module(name: str):
    import importlib

    from checker.render import FORMATS

    return importlib.import_module(FORMATS[name][0])


def _stream(args, pack, checker, opened, inputs, files) -> int:
    """Write each result as soon as it is checked and keep none: memory stays flat."""
    from checker.parallel import WorkersFailed

    report = Report((), checker.engine.name, pack.profile, fail_on=args.fail_on, rules=pack.rules)
    ctx = context(args, pack.catalogue)
    sinks = [(_module(sink.name), sink) for sink in opened]
    counts = {"pass": 0, "fail": 0, "error": 0}
    error = failed = False
    try:
        for module, sink in sinks:
            sink.write(module.begin(report, ctx))
        for status, fails, pieces in _checked(args, pack, checker, sinks, ctx, inputs, files):
            counts[status] += 1
            error |= status == "error"
            failed |= fails
            for piece, (_, sink) in zip(pieces, sinks):
                sink.write(piece)
        done = Report((), report.engine, report.profile, fail_on=args.fail_on, streamed=(error, failed))
        for module, sink in sinks:
            sink.write(module.end(done, ctx, counts))
        for _, sink in sinks:
            sink.close()
    except WorkersFailed as exc:
        raise workers_failed(exc) from None
    return done.exit_code()


def _checked(args, pack, checker, sinks, ctx, inputs, files):
    """(status, failed, rendered pieces) of every input in order, here or on several cores; each piece
    already as its sink writes it (``render.encoded_piece``)."""
    from checker import parallel
    from checker.inputs.dispatch import read_input
    from checker.render import encoded_piece

    ways = [(module, sink.encoding, sink.errors, sink.newline) for module, sink in sinks]

    def here(results, start):  # each piece as its sink writes it (a sink encodes text itself)
        for index, result in enumerate(results, start):
            yield (
                result.status,
                result.failed(args.fail_on),
                [encoded_piece(m, result, index, ctx, *way) for m, *way in ways],
            )

    yield from here(inputs, 0)
    jobs = args.jobs or parallel.default_jobs()
    if jobs > 1 and len(files) >= parallel.MIN_FILES:
        view = {
            "lang": ctx.lang,
            "color": ctx.color,
            "width": ctx.width,
            "verbose": ctx.verbose,
            "today": ctx.today,
            "options": ctx.options,
        }
        setup = parallel.CheckSetup(
            rules_dir=args.rules_dir,
            profile=args.profile,
            engine=checker.engine.name,
            overrides=overrides(args),
            view=view,
            outputs=tuple((m.__name__, s.encoding, s.errors, s.newline) for m, s in sinks),
            fail_on=args.fail_on,
            complete=args.require_complete,
        )
        yield from parallel.checked(files, len(inputs), setup, min(jobs, len(files) // parallel.CHUNK or 1))
        return
    restore = parallel.batch_gc() if len(files) > 1 else None
    try:
        yield from here((checker.check(read_input(path, pack, overrides(args))) for path in files), len(inputs))
    finally:
        if restore is not None:
            restore()
