"""``fazhi serve``: the checker as a local web page (``checker.serve``), served by waitress.

Binds to 127.0.0.1 unless told otherwise; on any other address every request needs the access
token, made and shown here where ``--token`` does not give one. Every file the server writes (each
request's folder, the web server's buffers of large requests) is under one private temporary
folder, removed when the server stops."""

from __future__ import annotations

import argparse
import contextlib
import secrets
import shutil
import sys
import tempfile

from checker import i18n
from checker.commands.common import load_pack
from checker.errors import Diagnostic, FazhiError

THREADS = 8  # requests served at once (scoring runs in their own threads: Settings.workers)
# The engine a long-running server uses unless told: the built-in evaluator (the same findings as
# durable-rules: tests/test_differential.py). durable-rules' core grew the server by ~18 KB a request
# in bench/serve.py (69 → 140 MB over 4,000 requests); the evaluator stays flat (docs/serve.md).


def add_parser(sub, parents, lang: str) -> None:
    serve = sub.add_parser("serve", parents=parents, help=i18n.t("help.serve", lang), add_help=False)
    serve.add_argument("--host", default="127.0.0.1", help=i18n.t("help.serve_host", lang))
    serve.add_argument(
        "--port", type=number(lang, "--port", int, 0, 65535), default=8765, help=i18n.t("help.serve_port", lang)
    )
    serve.add_argument("--token", default=None, help=i18n.t("help.serve_token", lang))
    serve.add_argument("--scheme", default=None, help=i18n.t("help.serve_scheme", lang))
    serve.add_argument(
        "--engine", choices=("python", "durable"), default="python", help=i18n.t("help.serve_engine", lang)
    )
    serve.add_argument(
        "--max-upload",
        type=number(lang, "--max-upload", float, 0.001, 1024),
        default=20.0,
        metavar="MB",
        help=i18n.t("help.serve_max_upload", lang),
    )
    serve.add_argument(
        "--max-files",
        type=number(lang, "--max-files", int, 1, 10000),
        default=200,
        metavar="N",
        help=i18n.t("help.serve_max_files", lang),
    )


def number(lang: str, option: str, kind, low, high):
    """An option's number within [low, high], refused in ``lang`` otherwise."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high or value != value:
            raise argparse.ArgumentTypeError(
                i18n.t("serve.bad_option", lang, option=option, raw=i18n.one_line(text)[:40])
            )
        return value

    return parse


def run(args) -> int:
    from checker.serve.service import Settings, is_loopback
    from checker.serve.uploads import MB, Limits

    pack = load_pack(args)
    scheme = _scheme(args, pack)
    token = args.token if args.token else (None if is_loopback(args.host) else secrets.token_urlsafe(24))
    limit = int(args.max_upload * MB)
    root = tempfile.mkdtemp(prefix="fazhi-serve-")
    settings = Settings(
        host=args.host,
        port=args.port,
        lang=args.lang,
        token=token,
        workdir=root,
        limits=Limits(upload=limit, files=args.max_files, member=limit, unpacked=max(10 * limit, 200 * MB)),
    )
    try:
        with _temporary_files_in(root), _stop_on_sigterm():
            return _serve(args, settings, pack, scheme)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _serve(args, settings, pack, scheme) -> int:
    from waitress import create_server

    from checker.engine import EngineUnavailable
    from checker.serve.app import close, create_app
    from checker.serve.service import Service

    try:
        service = Service(settings, pack, scheme, args.engine)
    except EngineUnavailable as exc:
        raise FazhiError(Diagnostic("cli.engine_unavailable", "", None, None, {"reason": str(exc)})) from None
    app = create_app(service)
    try:
        server = create_server(
            app,
            host=settings.host,
            port=settings.port,
            threads=THREADS,
            ident="fazhi-serve",
            max_request_body_size=2 * settings.limits.upload + 1024 * 1024,
            clear_untrusted_proxy_headers=True,
        )
    except OSError as exc:
        close(app)
        raise FazhiError(
            Diagnostic(
                "serve.cannot_listen",
                None,
                None,
                None,
                {"host": settings.host, "port": settings.port, "reason": exc.strerror or str(exc)},
            )
        ) from None
    _announce(settings, server.effective_port, args.lang)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        close(app)
    sys.stderr.write(i18n.t("serve.stopped", args.lang) + "\n")
    return 0


def _announce(settings, port: int, lang: str) -> None:
    """The address to open (with the token where one is needed), on stdout, at once."""
    host = settings.host
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"  # the wildcard is no address to open; this machine's is
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={settings.token}" if settings.token else "")
    lines = [i18n.t("serve.listening", lang, url=url)]
    if settings.token:
        lines.append(i18n.t("serve.token", lang, token=settings.token))
    lines.append(i18n.t("serve.stop", lang))
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def _scheme(args, pack):
    from checker.score.scheme import load_scheme

    scheme, diags = load_scheme(pack, args.scheme)
    if scheme is None:
        raise FazhiError(diags)
    return scheme


@contextlib.contextmanager
def _temporary_files_in(root: str):
    """Python's temporary files (the web server's buffers of large requests) made under ``root``."""
    previous = tempfile.tempdir
    tempfile.tempdir = root
    try:
        yield
    finally:
        tempfile.tempdir = previous


@contextlib.contextmanager
def _stop_on_sigterm():
    """SIGTERM stops the server as Ctrl-C does: its folder removed, exit code 0."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: not ours to set
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
