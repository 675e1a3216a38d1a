"""The ``fazhi`` command line: assembles the commands (checker.commands), runs the one asked for and
turns how it ended into the exit code; the one place a problem that stops a run is shown."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

from checker import __version__, i18n
from checker.commands import COMMANDS, options
from checker.errors import WRITE_ERRORS, FazhiError, OutputFailed


def build_parser(lang: str, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` just that command's part (what a run needs:
    building every sub-command's options costs a one-file check several milliseconds); every word
    of its help in ``lang``."""
    from checker.render import FORMATS

    with options.argparse_in(lang):
        parser = options.Parser(prog="fazhi", description=options.h("description", lang), add_help=False, lang=lang)
        options.add_help(parser, lang)
        parser.add_argument(
            "--version", action="version", version=f"fazhi-checker {__version__}", help=options.h("version", lang)
        )
        common, report_meta = options.shared(lang)
        helps = options.add_help(options.Parser(add_help=False), lang)  # first: -h leads every usage line
        # named in full even when only one command is built, so that usage lines read as they always do
        sub = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}")
        for name, module in COMMANDS.items():
            if only is None or only == name:
                parents = [helps, common, report_meta] if name in ("check", "extract") else [helps, common]
                importlib.import_module(f"checker.commands.{module}").add_parser(sub, parents, lang)
        parser.set_defaults(formats=FORMATS)
    return parser


def main(argv=None) -> int:
    reopen = _closed_streams()
    restore = _escape_unencodable()
    try:
        return _main(argv)
    finally:
        outputs = sys.modules.get("checker.outputs")
        if outputs is not None:  # an output file a stop left open part way: its temporary file goes
            outputs.abort_all()
        restore()
        reopen()


class _ClosedOutput:
    """sys.stdout where the run was started with it closed (``>&-``): every write fails as one to a
    pipe with no reader does (BrokenPipeError), so a command that has something to print ends
    quietly with exit code 2 (there is no one to tell), never a traceback; one that writes only
    files is not affected."""

    encoding, errors, buffer = "utf-8", "strict", None

    def write(self, text):
        raise BrokenPipeError(errno.EPIPE, "stdout is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _closed_streams():
    """A run started with stdin, stdout or stderr closed (``<&-``, ``>&-``, ``2>&-``; Python then has
    None for it): the descriptor is held open on the null device, so that no file this run opens
    takes its number (and receives what is meant for the stream); stdout fails every write
    (``_ClosedOutput``), stderr drops what is said (a message that cannot be shown does not change
    the exit code), stdin stays None (``--paths-from -`` says it is closed). Returns what puts the
    streams back, for a run inside a longer-lived process."""
    saved = (sys.stdin, sys.stdout, sys.stderr)
    if None not in saved:
        return lambda: None
    opened = []
    for fd, stream in enumerate(saved):
        if stream is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            try:
                held = os.open(os.devnull, os.O_RDWR)
                if held != fd:
                    os.dup2(held, fd)
                    os.close(held)
            except OSError:  # pragma: no cover - no null device
                pass
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
        opened.append(sys.stderr)

    def reopen() -> None:
        for handle in opened:
            handle.close()
        sys.stdin, sys.stdout, sys.stderr = saved

    return reopen


def _main(argv) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = options.lang_from(argv)
    lang = lang if lang in i18n.LANGS else "zh"
    parser = build_parser(lang, argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command in ("check", "score") and not args.paths and args.paths_from is None:
        parser.error(i18n.t("cli.no_paths", args.lang, command=args.command))
    try:
        code = importlib.import_module(f"checker.commands.{COMMANDS[args.command]}").run(args)
        sys.stdout.flush()  # what is printed but not yet written fails here, not at exit
        return code
    except FazhiError as exc:  # the one place a run that cannot go on is said
        sys.stderr.write(exc.render(args.lang) + "\n")
        return exc.exit_code
    except KeyboardInterrupt as exc:  # Ctrl-C; or SIGTERM while workers run (parallel.Terminated): 143
        print(i18n.t(getattr(exc, "message", "cli.interrupted"), args.lang), file=sys.stderr)
        return getattr(exc, "exit_code", 130)
    except BrokenPipeError:  # the reader went away (| head): what it did not read was not delivered
        _silence_stdout()
        return 2
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        return _stdout_failed(exc, args.lang)


def _stdout_failed(exc: OSError, lang: str) -> int:
    """Text printed to stdout could not be written: said once on stderr, exit code 2."""
    _silence_stdout()
    sys.stderr.write(OutputFailed("<stdout>", exc).render(lang) + "\n")
    return 2


def _escape_unencodable():
    """Text printed that stdout's encoding cannot hold (a legacy code page, PYTHONIOENCODING=ascii)
    is written backslash-escaped, not a traceback (outputs of a format have their own escapes:
    commands.sinks.Sink). Returns what puts stdout back, for a run inside a longer-lived process."""
    stream = sys.stdout
    if getattr(stream, "errors", None) != "strict" or not hasattr(stream, "reconfigure"):
        return lambda: None
    stream.reconfigure(errors="backslashreplace")

    def restore() -> None:
        try:
            stream.reconfigure(errors="strict")
        except (ValueError, OSError):  # closed meanwhile
            pass

    return restore


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    sys.exit(main())
