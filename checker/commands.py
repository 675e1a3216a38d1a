"""What each command does; the CLI module only parses arguments."""
from __future__ import annotations

import os
import sys

from checker import i18n
from checker.cli import collect_paths, terminal_columns
from checker.errors import Diagnostic
from checker.model import Report, SubmissionResult
from checker.pack import load_pack
from checker.render import FORMATS, Context, bytewise, encoded, output_encoding, renderer
from checker.submission import read_input


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _color(args) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _context(args, catalogue) -> Context:
    width = args.width or (terminal_columns(100) if sys.stdout.isatty() else 100)
    return Context(lang=args.lang, catalogue=catalogue, color=_color(args), width=max(40, min(width, 200)),
                   verbose=getattr(args, "verbose", False), today=_today(args),
                   options={"fail_on": getattr(args, "fail_on", "minor"), "all": getattr(args, "show_all", False),
                            "only": getattr(args, "only", None)})


def _today(args):
    """``--today``, else today in China (UTC+8), whatever the machine's time zone."""
    from checker.waivers import today_in_china
    return getattr(args, "today", None) or today_in_china()


def _load_pack(args, directory=None):
    pack, diags = load_pack(directory or args.rules_dir, args.profile)
    errors = [d for d in diags if d.severity == "error"]
    for diag in errors:
        _err(diag.render(args.lang))
    if pack is not None and getattr(args, "require_complete", False):
        pack = pack.requiring_complete()
    return (None if errors else pack), errors


def _outputs(args) -> list[tuple[str, str | None]] | None:
    """(format, path or None for stdout) of each --format; None (said) where one cannot be written:
    an unknown format, ``json=`` with no file, two formats to one file, or a document (JSON, SARIF,
    JUnit) sharing stdout with another format. Line formats may share it (text and github: a log
    that people and the runner both read)."""
    outs, places, on_stdout = [], {}, set()     # places: where -> (its first spec, that spec's format)
    for spec in args.format or ["text"]:
        name, eq, path = spec.partition("=")
        if name not in FORMATS:
            _err(f"fazhi: --format {name}: " + ", ".join(FORMATS))
            return None
        if eq and not path:
            _err(i18n.t("cli.format_no_file", args.lang, spec=spec))
            return None
        place = "-" if path in ("", "-") else os.path.realpath(path)
        first, first_name = places.get(place, (None, None))
        if first is not None and (place != "-" or name in on_stdout or {name, first_name} & DOCUMENTS):
            _err(i18n.t("cli.format_same_place", args.lang, first=first, second=spec))
            return None
        places.setdefault(place, (spec, name))
        if place == "-":
            on_stdout.add(name)
        outs.append((name, path or None))
    return outs


DOCUMENTS = {"json", "sarif", "junit"}     # one document each: two on stdout would be neither


class Sink:
    """One output of a format, written as bytes: a file in UTF-8, stdout in its own encoding (or in
    ASCII with the format's escapes: ``render.output_encoding``), "\n" written as the platform's
    line end, as the text layer did. Workers encode their pieces for it (``encoding``, ``errors``,
    ``newline``), so the parent only copies bytes through. Where stdout cannot take bytes joined
    piece by piece (a StringIO, UTF-16, a byte-order mark) the text goes through its text layer
    (``encoding`` None)."""

    def __init__(self, path: str | None, name: str = "text"):
        self.file, self.newline = path not in (None, "-"), os.linesep
        self.path = path if self.file else "<stdout>"
        if self.file:
            self.raw = open(path, "wb")
            self.encoding, self.errors = output_encoding(name, "utf-8")
            return
        stream = sys.stdout
        stream.flush()                                        # text written before stays before
        self.raw = getattr(stream, "buffer", None)
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if self.raw is None or not bytewise(encoding):
            self.raw = self.encoding = self.errors = None
        else:
            self.encoding, self.errors = output_encoding(name, encoding, getattr(stream, "errors", None))

    def write(self, piece) -> None:
        if type(piece) is str:
            piece = encoded(piece, self.encoding, self.errors, self.newline)
        self._do((sys.stdout if self.raw is None else self.raw).write, piece)

    def close(self) -> None:
        self._do(self.raw.close if self.file else (sys.stdout if self.raw is None else self.raw).flush)

    def _do(self, act, *args) -> None:
        """``act`` on the output; a write it refuses (a full disk, /dev/full) is OutputFailed. A reader
        that went away (BrokenPipeError) is the command line's to handle."""
        try:
            act(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(self.path, exc) from exc


def _write(text: str, path: str | None, lang: str, name: str = "text") -> bool:
    """One format's whole output (``name``: its format) to stdout (None, "-") or a file."""
    try:
        sink = Sink(path, name)
    except OSError as exc:
        unwritable(path, exc, lang)
        return False
    try:
        sink.write(text)
        sink.close()
    except UnicodeEncodeError as exc:   # a format that must not be escaped (render.STRICT)
        _close_quietly([sink])
        char = exc.object[exc.start:exc.start + 1]
        _err(Diagnostic("output.unencodable", "<stdout>" if path in (None, "-") else path, None, None,
                        {"encoding": exc.encoding, "char": char.encode("ascii", "backslashreplace").decode()})
             .render(lang))
        return False
    except OutputFailed as exc:
        _close_quietly([sink])
        unwritable(exc.path, exc.exc, lang)
        return False
    return True


def overrides(args) -> dict:
    """--region/--year/--published-on, for prose reports whose text does not state them."""
    return {k: getattr(args, k, None) for k in ("region", "year", "published_on")}


def load_waivers_or_report(args, pack):
    """The waivers of --waivers, or None after printing why the file is rejected."""
    if not args.waivers:
        return []
    from checker.waivers import load_waivers
    waivers, problems = load_waivers(args.waivers, pack)
    if any(d.severity == "error" for d in problems):
        for diag in problems:
            _err(diag.render(args.lang))
        return None
    return waivers


def workers_failed(exc: Exception, lang: str) -> int:
    """A worker process died: said once, with the hint to retry in one process; exit code 2."""
    _err(Diagnostic("cli.workers_failed", "", None, None, {"reason": str(exc)}).render(lang))
    return 2


class OutputFailed(Exception):
    """An output could not be written (its path and the OSError): reported, exit code 2."""

    def __init__(self, path: str, exc: OSError):
        super().__init__(path, exc)
        self.path, self.exc = path, exc


def unwritable(path: str, exc: OSError, lang: str) -> None:
    _err(Diagnostic("file.unwritable", path, None, None, {"reason": exc.strerror or str(exc)}).render(lang))


def cmd_check(args) -> int:
    outputs = _outputs(args)
    if outputs is None:
        return 2
    pack, errors = _load_pack(args)
    if pack is None:
        return 2
    from checker.engine import Checker, EngineUnavailable
    try:
        checker = Checker(pack, args.engine)
    except EngineUnavailable as exc:
        diag = Diagnostic("cli.engine_unavailable", "", None, None, {"reason": str(exc)})
        _err(diag.render(args.lang))
        return 2
    waivers = load_waivers_or_report(args, pack)
    if waivers is None:
        checker.close()
        return 2
    files, missing = collect_paths(args.paths)
    inputs = [SubmissionResult(d.file, None, None, (), (d,)) for d in missing]
    if not waivers and all(getattr(_module(name), "STREAM", False) for name, _ in outputs):
        try:
            return _stream(args, pack, checker, outputs, inputs, files)
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
        results, notes = apply_waivers(results, waivers, _today(args))
    report = Report(tuple(results), checker.engine.name, pack.profile, fail_on=args.fail_on,
                    waiver_notes=tuple(notes), rules=pack.rules)
    ctx = _context(args, pack.catalogue)
    ok = all(_write(renderer(name)(report, ctx), path, args.lang, name) for name, path in outputs)
    return report.exit_code() if ok else 2


def _module(name: str):
    import importlib
    return importlib.import_module(FORMATS[name][0])


def _stream(args, pack, checker, outputs, inputs, files) -> int:
    """Write each result as soon as it is checked and keep none: memory stays flat."""
    report = Report((), checker.engine.name, pack.profile, fail_on=args.fail_on, rules=pack.rules)
    ctx = _context(args, pack.catalogue)
    sinks = []
    for name, path in outputs:
        try:
            sinks.append((_module(name), Sink(path, name)))
        except OSError as exc:
            for _, sink in sinks:
                sink.close()
            unwritable(path, exc, args.lang)
            return 2
    counts = {"pass": 0, "fail": 0, "error": 0}
    error = failed = False
    from checker.parallel import WorkersFailed
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
            sink.close()
    except WorkersFailed as exc:
        _close_quietly(sink for _, sink in sinks)
        return workers_failed(exc, args.lang)
    except OutputFailed as exc:
        _close_quietly(sink for _, sink in sinks)
        unwritable(exc.path, exc.exc, args.lang)
        return 2
    return done.exit_code()


def _close_quietly(sinks) -> None:
    """Close every sink after a failure, which is reported already."""
    for sink in sinks:
        try:
            sink.close()
        except (OutputFailed, BrokenPipeError):
            pass


def _checked(args, pack, checker, sinks, ctx, inputs, files):
    """(status, failed, rendered pieces) of every input in order: here, or on several cores (whose
    pieces come already encoded for their sinks)."""
    modules = [module for module, _ in sinks]

    def here(results, start):
        for index, result in enumerate(results, start):
            yield result.status, result.failed(args.fail_on), [m.piece(result, index, ctx) for m in modules]
    yield from here(inputs, 0)
    from checker import parallel
    jobs = args.jobs or parallel.default_jobs()
    if jobs > 1 and len(files) >= parallel.MIN_FILES:
        view = {"lang": ctx.lang, "color": ctx.color, "width": ctx.width, "verbose": ctx.verbose,
                "today": ctx.today, "options": ctx.options}
        setup = (args.rules_dir, args.profile, checker.engine.name, overrides(args), view,
                 tuple((m.__name__, s.encoding, s.errors, s.newline) for m, s in sinks), args.fail_on,
                 args.require_complete)
        yield from parallel.checked(files, len(inputs), setup, min(jobs, len(files) // parallel.CHUNK or 1))
        return
    restore = parallel.batch_gc() if len(files) > 1 else None
    try:
        yield from here((checker.check(read_input(path, pack, overrides(args))) for path in files), len(inputs))
    finally:
        if restore is not None:
            restore()


def cmd_validate(args) -> int:
    pack, errors = _load_pack(args)
    if pack is None:
        return 2
    from checker.submission import load_submission
    files, missing = collect_paths(args.paths)
    code = 2 if missing else 0
    for diag in missing:
        _err(diag.render(args.lang))
    for path in files:
        sub = load_submission(path, pack.catalogue)
        bad = [d for d in sub.diagnostics if d.severity == "error"]
        for diag in sub.diagnostics:
            (_err if diag.severity == "error" else print)(diag.render(args.lang))
        if bad:
            code = 2
        else:
            print(i18n.t("cli.valid", args.lang, file=str(path), count=len(sub.values)))
    return code


def cmd_rules(args) -> int:
    from checker import rulesdoc
    if args.rules_command == "lint":
        return rulesdoc.lint(args)
    pack, errors = _load_pack(args)
    if pack is None:
        return 2
    if args.rules_command == "list":
        sys.stdout.write(rulesdoc.list_text(pack, args.lang, args.area))
        return 0
    rule = pack.rule(args.rule_id)
    if rule is None:
        _err(i18n.t("cli.no_such_rule", args.lang, id=args.rule_id))
        return 2
    sys.stdout.write(rulesdoc.show_text(pack, rule, args.lang))
    return 0
