"""``fazhi check``: submissions and reports checked against the rules, in every output format."""
from __future__ import annotations

import os

from checker.commands import options
from checker.commands.common import context, gather_inputs, load_pack, load_waivers, overrides, today, \
    workers_failed
from checker.commands.options import h
from checker.commands.sinks import abort_all, open_sinks, write_each
from checker.errors import Diagnostic, FazhiError
from checker.model import DEFAULT_FAIL_ON, FAIL_ON, Report, SubmissionResult
from checker.status import ALL as STATUSES

DOCUMENTS = {"json", "sarif", "junit"}     # one document each: two on stdout would be neither


def add_parser(sub, parents, lang: str) -> None:
    from checker.render import help_text
    check = sub.add_parser("check", parents=parents, help=h("check", lang), add_help=False)
    check.add_argument("paths", nargs="*", metavar="FILE", help=h("paths", lang))
    check.add_argument("--paths-from", default=None, metavar="FILE", help=h("paths_from", lang))
    check.add_argument("--sarif-all", action="store_true", help=h("sarif_all", lang))
    check.add_argument("--format", "-f", action="append", default=None, metavar="NAME[=FILE]",
                       help=h("format", lang, formats=help_text(lang)))
    check.add_argument("--engine", choices=("durable", "python"), default=None, help=h("engine", lang))
    check.add_argument("--verbose", "-v", action="store_true", help=h("verbose", lang))
    check.add_argument("--require-complete", action="store_true", help=h("require_complete", lang))
    check.add_argument("--all", dest="show_all", action="store_true", help=h("all", lang))
    check.add_argument("--only", type=options.statuses, default=None, metavar="STATUS[,STATUS]",
                       help=h("only", lang, statuses=",".join(STATUSES)))
    check.add_argument("--fail-on", choices=FAIL_ON, default=DEFAULT_FAIL_ON, help=h("fail_on", lang))
    check.add_argument("--waivers", default=None, metavar="FILE", help=h("waivers", lang))
    check.add_argument("--today", default=None, metavar="YYYY-MM-DD", type=options.date(lang), help=h("today", lang))
    check.add_argument("--jobs", "-j", type=int, default=None, help=h("check_jobs", lang))


def outputs_of(args) -> list[tuple[str, str | None]]:
    """(format, path or None for stdout) of each --format; FazhiError where one cannot be written: an
    unknown format, ``json=`` with no file, two formats to one file, or a document (JSON, SARIF,
    JUnit) sharing stdout with another format. Line formats may share it (text and github: a log
    that people and the runner both read)."""
    from checker.commands.common import same_place
    from checker.render import FORMATS
    outs, places, on_stdout = [], {}, set()     # places: where -> (its first spec, that spec's format)
    for spec in args.format or ["text"]:
        name, eq, path = spec.partition("=")
        if name not in FORMATS:
            raise FazhiError(Diagnostic("cli.unknown_format", None, None, None,
                                        {"name": name, "formats": ", ".join(FORMATS)}))
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


def run(args) -> int:
    from checker.engine import Checker, EngineUnavailable
    from checker.inputs.dispatch import read_input
    from checker.render import renderer
    outputs = outputs_of(args)
    files, missing = gather_inputs(args, [(f"--format {name}={path}", path) for name, path in outputs],
                                   [("--waivers", args.waivers)])
    pack = load_pack(args)
    try:
        checker = Checker(pack, args.engine)
    except EngineUnavailable as exc:
        raise FazhiError(Diagnostic("cli.engine_unavailable", "", None, None, {"reason": str(exc)})) from None
    try:
        waivers = load_waivers(args, pack)
        sinks = open_sinks(outputs)          # before any work: an output that cannot be written is said at once
    except FazhiError:
        checker.close()
        raise
    try:
        inputs = [SubmissionResult(d.file, None, None, (), (d,)) for d in missing]
        if not waivers and all(getattr(_module(name), "STREAM", False) for name, _ in outputs):
            try:
                return _stream(args, pack, checker, sinks, inputs, files)
            finally:
                checker.close()
        results = list(inputs)
        try:
            for path in files:
                results.append(checker.check(read_input(path, pack, overrides(args))))
        finally:
            checker.close()
        notes = []
        if waivers:
            from checker.waivers import apply_waivers
            results, notes = apply_waivers(results, waivers, today(args))
        report = Report(tuple(results), checker.engine.name, pack.profile, fail_on=args.fail_on,
                        waiver_notes=tuple(notes), rules=pack.rules)
        ctx = context(args, pack.catalogue)
        write_each((renderer(name)(report, ctx), path, name, sink) for (name, path), sink in zip(outputs, sinks))
        return report.exit_code()
    finally:
        abort_all(sinks)        # whatever was not put in place (a failure, a stop) is dropped


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
    """(status, failed, rendered pieces) of every input in order: here, or on several cores (whose
    pieces come already encoded for their sinks)."""
    from checker import parallel
    from checker.inputs.dispatch import read_input
    modules = [module for module, _ in sinks]

    def here(results, start):
        for index, result in enumerate(results, start):
            yield result.status, result.failed(args.fail_on), [m.piece(result, index, ctx) for m in modules]
    yield from here(inputs, 0)
    jobs = args.jobs or parallel.default_jobs()
    if jobs > 1 and len(files) >= parallel.MIN_FILES:
        view = {"lang": ctx.lang, "color": ctx.color, "width": ctx.width, "verbose": ctx.verbose,
                "today": ctx.today, "options": ctx.options}
        setup = parallel.CheckSetup(rules_dir=args.rules_dir, profile=args.profile, engine=checker.engine.name,
                                    overrides=overrides(args), view=view,
                                    outputs=tuple((m.__name__, s.encoding, s.errors, s.newline) for m, s in sinks),
                                    fail_on=args.fail_on, complete=args.require_complete)
        yield from parallel.checked(files, len(inputs), setup, min(jobs, len(files) // parallel.CHUNK or 1))
        return
    restore = parallel.batch_gc() if len(files) > 1 else None
    try:
        yield from here((checker.check(read_input(path, pack, overrides(args))) for path in files), len(inputs))
    finally:
        if restore is not None:
            restore()
