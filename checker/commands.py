"""What each command does; the CLI module only parses arguments."""
from __future__ import annotations

import os
import sys

from checker import i18n
from checker.inputs.discover import collect_paths, paths_of
from checker.cli import terminal_columns
from checker.errors import Diagnostic
from checker.model import Report, SubmissionResult
from checker.outputs import AtomicFile, Walk, clobbered, write_all, write_text
from checker.pack import load_pack
from checker.render import FORMATS, Context, bytewise, encoded, output_encoding, renderer
from checker.inputs.dispatch import read_input


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
                            "only": getattr(args, "only", None), "sarif_all": getattr(args, "sarif_all", False)})


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
            same_place(f"--format {first}", f"--format {spec}", args.lang)
            return None
        places.setdefault(place, (spec, name))
        if place == "-":
            on_stdout.add(name)
        outs.append((name, path or None))
    return outs


DOCUMENTS = {"json", "sarif", "junit"}     # one document each: two on stdout would be neither


def same_place(first: str, second: str, lang: str) -> None:
    """Two outputs to one place, each named as the user wrote it (``--format json=o.json``,
    ``--csv o.csv``), and what to do."""
    params = {"first": i18n.one_line(first), "second": i18n.one_line(second)}
    _err(f"{i18n.t('cli.format_same_place', lang, **params)}\n"
         f"    {i18n.t('label.hint', lang)}{i18n.colon(lang)}{i18n.hint('cli.format_same_place', lang)}")


class Sink:
    """One output of a format, written as bytes: a file in UTF-8, stdout in its own encoding (or in
    ASCII with the format's escapes: ``render.output_encoding``), "\n" written as the platform's
    line end, as the text layer did. Workers encode their pieces for it (``encoding``, ``errors``,
    ``newline``), so the parent only copies bytes through. Where stdout cannot take bytes joined
    piece by piece (a StringIO, UTF-16, a byte-order mark) the text goes through its text layer
    (``encoding`` None)."""

    def __init__(self, path: str | None, name: str = "text"):
        self.file, self.newline, self.name = path not in (None, "-"), os.linesep, name
        self.path = path if self.file else "<stdout>"
        if self.file:
            self.raw = AtomicFile(path)      # put in place whole by close(), or not at all (abort())
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
        if self.file:
            self._do(self.raw.write, piece)
        elif self.raw is None:
            self._do(write_text, sys.stdout, piece)
        else:
            self._do(write_all, self.raw, piece)     # a short write to a pipe is not a whole one

    def close(self) -> None:
        self._do(self.raw.commit if self.file else (sys.stdout if self.raw is None else self.raw).flush)

    def abort(self) -> None:
        """After a failure: a file is left as it was before the run; stdout keeps what it has."""
        if self.file:
            self.raw.abort()

    def _do(self, act, *args) -> None:
        """``act`` on the output; a write it refuses (a full disk, /dev/full) is OutputFailed. A reader
        that went away (BrokenPipeError) is the command line's to handle."""
        try:
            act(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(self.path, exc) from exc


def _write(text: str, path: str | None, lang: str, name: str = "text", sink: "Sink | None" = None) -> bool:
    """One format's whole output (``name``: its format) to stdout (None, "-") or a file (through
    ``sink`` where it is open already)."""
    if sink is None:
        sink = open_sink(path, name, lang)
        if sink is None:
            return False
    try:
        sink.write(text)
        sink.close()
    except BaseException as exc:
        sink.abort()
        if not isinstance(exc, (UnicodeEncodeError, OutputFailed)):
            raise
        return _said(exc, path, lang)
    return True


def open_sink(path: str | None, name: str, lang: str) -> "Sink | None":
    """An output opened (a file created under its temporary name), or None after saying why not."""
    try:
        return Sink(path, name)
    except OSError as exc:
        unwritable(path or "<stdout>", exc, lang)
        return None


def _said(exc, path, lang) -> bool:
    """Say why an output failed: a character its encoding cannot hold, or a write refused."""
    if isinstance(exc, UnicodeEncodeError):     # a format that must not be escaped (render.STRICT)
        char = exc.object[exc.start:exc.start + 1]
        _err(Diagnostic("output.unencodable", "<stdout>" if path in (None, "-") else path, None, None,
                        {"encoding": exc.encoding, "char": char.encode("ascii", "backslashreplace").decode()})
             .render(lang))
    else:
        unwritable(exc.path, exc.exc, lang)
    return False


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
    found = gather_inputs(args, [(f"--format {name}={path}", path) for name, path in outputs],
                          [("--waivers", args.waivers)])
    if found is None:
        return 2
    files, missing = found
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
    sinks = None if waivers is None else open_sinks(outputs, args.lang)   # before any work: said at once
    if sinks is None:
        checker.close()
        return 2
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
            results, notes = apply_waivers(results, waivers, _today(args))
        report = Report(tuple(results), checker.engine.name, pack.profile, fail_on=args.fail_on,
                        waiver_notes=tuple(notes), rules=pack.rules)
        ctx = _context(args, pack.catalogue)
        ok = True
        for (name, path), sink in zip(outputs, sinks):
            ok &= _write(renderer(name)(report, ctx), path, args.lang, name, sink)
        return report.exit_code() if ok else 2
    finally:
        _abort(sinks)        # whatever was not put in place (a failure, a stop) is dropped


def gather_inputs(args, outputs, named=()):
    """The input files of a run (``collect_paths`` of its paths and of --paths-from), or None after
    saying why the run cannot start: the list of paths cannot be read, or an output (``(option,
    path)``) is an input (a file named, a waiver file, a profile, a list of paths, a submission in a
    folder walked), which writing would destroy, before anything is read or written. This run's
    outputs and earlier outputs of fazhi-checker found in folders are left out, each said."""
    paths, problem = paths_of(args)
    if problem is not None:
        _err(problem.render(args.lang))
        return None
    listed = [("FILE", p) for p in paths] + [(what, p) for what, p in named if p]
    listed += [(what, getattr(args, key)) for what, key in (("--paths-from", "paths_from"), ("--profile", "profile"))
               if getattr(args, key, None) not in (None, "-")]
    refused = clobbered(outputs, listed)
    walk = Walk(outputs)
    if refused is None:
        files, missing = collect_paths(paths, walk)
        refused = walk.clobbered[0] if walk.clobbered else None
    if refused is not None:
        _err(refused.render(args.lang))
        return None
    for note in walk.notes:
        _err(note.render(args.lang))
    return files, missing


def open_sinks(outputs, lang: str) -> "list[Sink] | None":
    """Every output opened (files created under their temporary names), or None (said, and those
    opened dropped)."""
    sinks = []
    for name, path in outputs:
        sink = open_sink(path, name, lang)
        if sink is None:
            _abort(sinks)
            return None
        sinks.append(sink)
    return sinks


def _abort(sinks) -> None:
    for sink in sinks or ():
        sink.abort()


def _module(name: str):
    import importlib
    return importlib.import_module(FORMATS[name][0])


def _stream(args, pack, checker, opened, inputs, files) -> int:
    """Write each result as soon as it is checked and keep none: memory stays flat."""
    report = Report((), checker.engine.name, pack.profile, fail_on=args.fail_on, rules=pack.rules)
    ctx = _context(args, pack.catalogue)
    sinks = [(_module(sink.name), sink) for sink in opened]
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
        for _, sink in sinks:
            sink.close()
    except WorkersFailed as exc:
        return workers_failed(exc, args.lang)
    except OutputFailed as exc:
        unwritable(exc.path, exc.exc, args.lang)
        return 2
    return done.exit_code()


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
    from checker.inputs.structured import load_submission
    walk = Walk()
    files, missing = collect_paths(args.paths, walk)
    for note in walk.notes:
        _err(note.render(args.lang))
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
        write_text(sys.stdout, rulesdoc.list_text(pack, args.lang, args.area))
        return 0
    rule = pack.rule(args.rule_id)
    if rule is None:
        _err(i18n.t("cli.no_such_rule", args.lang, id=args.rule_id))
        return 2
    write_text(sys.stdout, rulesdoc.show_text(pack, rule, args.lang, getattr(args, "year", None)))
    return 0
