"""Where a command's output goes: a file (written whole under a temporary name, put in place at the
end or not at all) or stdout (in its encoding, the format's escapes where it cannot hold a
character); a write refused is ``OutputFailed``."""

from __future__ import annotations

import os
import sys

from checker.errors import Diagnostic, FazhiError, OutputFailed
from checker.outputs import AtomicFile, write_all, write_text
from checker.render import bytewise, encoded, output_encoding


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
            self.raw = AtomicFile(path)  # put in place whole by close(), or not at all (abort())
            self.encoding, self.errors = output_encoding(name, "utf-8")
            return
        stream = sys.stdout
        stream.flush()  # text written before stays before
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
            self._do(write_all, self.raw, piece)  # a short write to a pipe is not a whole one

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


def write_whole(text: str, path: str | None, name: str = "text", sink: Sink | None = None) -> None:
    """One format's whole output (``name``: its format) to stdout (None, "-") or a file (through
    ``sink`` where it is open already). A failure leaves a file as it was and raises FazhiError."""
    sink = open_sink(path, name) if sink is None else sink
    try:
        sink.write(text)
        sink.close()
    except BaseException as exc:
        sink.abort()
        if isinstance(exc, UnicodeEncodeError):  # a format that must not be escaped (render.STRICT)
            raise unencodable(exc, path) from None
        raise


def unencodable(exc: UnicodeEncodeError, path: str | None) -> FazhiError:
    """A character the output's encoding cannot hold, named."""
    char = exc.object[exc.start : exc.start + 1]
    return FazhiError(
        Diagnostic(
            "output.unencodable",
            "<stdout>" if path in (None, "-") else path,
            None,
            None,
            {"encoding": exc.encoding, "char": char.encode("ascii", "backslashreplace").decode()},
        )
    )


def open_sink(path: str | None, name: str) -> Sink:
    """An output opened (a file created under its temporary name); OutputFailed where it cannot be."""
    try:
        return Sink(path, name)
    except OSError as exc:
        raise OutputFailed(path or "<stdout>", exc) from None


def open_sinks(outputs) -> list[Sink]:
    """Every output opened (files created under their temporary names), before any work, so that one
    that cannot be written is said at once; those opened are dropped again if one fails."""
    sinks: list[Sink] = []
    try:
        for name, path in outputs:
            sinks.append(open_sink(path, name))
    except FazhiError:
        abort_all(sinks)
        raise
    return sinks


def write_each(pieces) -> None:
    """``(text, path, format, sink)`` of several outputs written whole, each whatever became of the
    others (a full disk for one file leaves the rest written); then the failures, said together."""
    failed = []
    for text, path, name, sink in pieces:
        try:
            write_whole(text, path, name, sink)
        except FazhiError as exc:
            failed.extend(exc.diagnostics)
    if failed:
        raise FazhiError(failed)


def abort_all(sinks) -> None:
    """After a failure or a stop: every file output left as it was before the run."""
    for sink in sinks or ():
        sink.abort()
