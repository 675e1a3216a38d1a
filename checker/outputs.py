"""Where outputs go: every output file written one way (whole, or not at all), every write to stdout
checked, no output ever an input of the same run, and file names shown with their undecodable bytes
escaped.

Light on imports: a one-file check loads this module.
"""

from __future__ import annotations

import errno
import os
import re
import stat

from checker.errors import Diagnostic
from checker.i18n import display_name  # noqa: F401 - where the outputs find it too


class AtomicFile:
    """An output file written under a temporary name in its own folder (so on the same file system)
    and put in place by ``os.replace`` only when complete and synced (``commit``): a full disk, an
    error or a stop part way leaves the old file as it was and no temporary file behind (``abort``),
    and two runs writing one file each put a whole file in place, never a mixture. Created at once,
    so that an output that cannot be created is known before any work is done. A link is followed
    (the file it points to is replaced, the link stays); a path that is not a regular file (a device
    such as /dev/full or /dev/stdout, a FIFO) cannot be replaced and is written directly."""

    def __init__(self, path: str):
        self.path, self.temp = path, None
        target = os.path.realpath(path)
        try:
            mode = os.stat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            self.file = open(path, "wb")
            return
        folder, name = os.path.split(target)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        self.target, fd = target, None
        _hold(self)  # SIGTERM and SIGHUP handled from now on: the temporary file is removed
        try:
            while True:
                self.temp = os.path.join(folder, f".{name[:60]}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
                try:
                    fd = os.open(self.temp, flags, 0o666)  # as open() would create it: the umask applies
                    break
                except FileExistsError:  # pragma: no cover - 32 random bits met again
                    self.temp = None
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(mode))  # the file replaced keeps its permissions
            self.file = os.fdopen(fd, "wb")
        except BaseException:
            if fd is not None:
                os.close(fd)
            if self.temp is not None:
                _unlink(self.temp)
            self.temp = None
            _release(self)
            raise

    def write(self, data) -> None:
        self.file.write(data)

    def commit(self) -> None:
        """Put the file in place (or, written directly, close it); on failure nothing is left."""
        try:
            self.file.flush()
            if self.temp is not None:
                os.fsync(self.file.fileno())
            self.file.close()
            if self.temp is not None:
                os.replace(self.temp, self.target)
                self.temp = None
                _release(self)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop what was written: the temporary file goes, the old file stays as it was."""
        try:
            self.file.close()
        except (OSError, ValueError, AttributeError):  # AttributeError: stopped before it was opened
            pass
        if self.temp is not None:
            _unlink(self.temp)
            self.temp = None
        _release(self)


# ---- SIGTERM and SIGHUP while an output file is open -------------------------------------------------
# Handled as Ctrl-C is, over the whole run and not only while workers run: the stop unwinds the run
# (every AtomicFile aborted on the way: no ".NAME.PID-xxxx.tmp" left beside an output, the old file
# kept), then exit code 143 (SIGTERM) or 129 (SIGHUP). Installed with the first temporary file and
# put back with the last, so a run that writes only to stdout never imports ``signal``.

_OPEN: list = []  # the AtomicFiles whose temporary file exists (or is being made)
_SAVED: dict = {}  # signal number -> the handler ours replaced
_OWNER: list = []  # the process that installed them (a forked worker inherits the handler)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP to a run with an output file open: ``exit_code`` 128 + the signal's number,
    ``message`` what the command line says (i18n)."""

    def __init__(self, exit_code: int, message: str):
        super().__init__(message)
        self.exit_code, self.message = exit_code, message


def _stop(signum, frame):
    import signal

    if _OWNER and os.getpid() != _OWNER[0]:  # a forked worker: dies of it, as by default
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    for number in _SAVED:  # once: the clean-up is not itself stopped
        signal.signal(number, signal.SIG_IGN)
    if signum == signal.SIGTERM:
        raise Stopped(143, "cli.terminated")
    raise Stopped(128 + signum, "cli.hangup")


def _hold(out: "AtomicFile") -> None:
    if not _OPEN:
        import signal

        _OWNER[:] = [os.getpid()]
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:  # pragma: no cover - not POSIX
                continue
            try:
                _SAVED[number] = signal.signal(number, _stop)
            except ValueError:  # not the main thread: signals are not ours to set
                break
    _OPEN.append(out)


def _release(out: "AtomicFile") -> None:
    if out in _OPEN:
        _OPEN.remove(out)
        if not _OPEN and _SAVED:
            import signal

            for number, previous in _SAVED.items():
                signal.signal(number, previous if previous is not None else signal.SIG_DFL)
            _SAVED.clear()


def abort_all() -> None:
    """Every output file still open dropped (its temporary file removed): the end of a run, however
    it ends."""
    for out in list(_OPEN):
        out.abort()


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_file(path, data: bytes) -> None:
    """``data`` as the whole of the file at ``path``, atomically (``AtomicFile``)."""
    out = AtomicFile(os.fspath(path))
    try:
        out.write(data)
    except BaseException:
        out.abort()
        raise
    out.commit()


def write_all(stream, data) -> None:
    """All of ``data`` to a binary stream, checking the count each write returns: a pipe whose reader
    went away part way takes only part of a large write (the rest would be lost without a word),
    and the write after it meets the closed end (BrokenPipeError)."""
    view, done = memoryview(data), 0
    while done < len(view):
        n = stream.write(view[done:])
        if not n:  # nothing taken, and no error: the reader is gone
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
        done += n


TEXT_CHUNK = 2048


def write_text(stream, text: str) -> None:
    """``text`` to a text stream (stdout's text layer) in pieces that its buffer takes whole: a text
    layer hands a large piece to its buffer in one write and does not look at the count written."""
    for start in range(0, len(text), TEXT_CHUNK):
        stream.write(text[start : start + TEXT_CHUNK])


# ---- file names -------------------------------------------------------------------------------------

# control characters (other than tab and the line breaks, which each format writes its own way), DEL,
# the C1 controls, lone surrogates and the two non-characters XML 1.0 refuses even as references
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text from input (a value, a key, a source, a file name) as the formats that carry it to another
    program show it (JUnit, GitHub annotations, Markdown): a control character written ``\\xNN`` as the
    terminal view writes it, so that none reaches a terminal or a CI log raw, and the XML stays XML
    (ESC, U+0001 are not XML 1.0 characters, not even as ``&#1;``); a name's undecodable bytes as
    ``display_name`` writes them. Tab, line feed and carriage return are left to the format."""
    text = display_name(text)
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(
        lambda m: "\\x%02x" % ord(m.group()) if m.group() < "\u0100" else "\\u%04x" % ord(m.group()), text
    )


# ---- an output is never an input --------------------------------------------------------------------

_OWN_SUFFIXES = (".json", ".html", ".htm", ".txt")
_OWN_HEADS = (
    re.compile(rb'\{"tool":\{"name":"fazhi-checker"'),  # check, score --format json
    re.compile(
        rb'\{\s*"\$schema":\s*"https://docs\.oasis-open\.org/sarif/[^"]*",\s*"version":\s*"2\.1\.0",'
        rb'\s*"runs":\s*\[\s*\{\s*"tool":\s*\{\s*"driver":\s*\{\s*"name":\s*"fazhi-checker"'
    ),  # sarif
    re.compile(
        rb'<!DOCTYPE html>\s*<html[^>]*>\s*<head>\s*<meta charset="utf-8">\s*'
        rb'<meta name="generator" content="fazhi-checker">'
    ),  # score --html
    re.compile(rb"::(?:error|warning|notice) file="),
)  # check --format github
_ANSI = re.compile(rb"\x1b\[[0-9;]*m")
# check's terminal view (text=out.txt, > out.txt): its first line is "REGION YEAR · FILE · " and the
# file's verdict, in either language (perhaps coloured, perhaps wrapped)
_TEXT_HEAD = re.compile("[^\n]{0,300}? · .{0,600}? · ?(?:输入有误|ERROR|不达标 ?\\d|failed ?\\d)".encode(), re.S)


def own_output(path: str, text: bool = False) -> bool:
    """Is the file at ``path`` a document fazhi-checker wrote (check's JSON or SARIF, score's JSON or
    HTML report, check's annotations; check's terminal view where ``path`` is a .txt, or ``text``)?
    Read from its first bytes only; a file that cannot be read is not."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        head = os.read(fd, 512)
    except OSError:
        return False
    finally:
        os.close(fd)
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if any(pattern.match(head) for pattern in _OWN_HEADS):
        return True
    return (text or path.lower().endswith(".txt")) and _TEXT_HEAD.match(_ANSI.sub(b"", head)) is not None


class Walk:
    """What a walk through input folders leaves out, and says so (``notes``): this run's own output
    files (``outputs``) and documents an earlier run wrote (``own_output``): never a submission."""

    def __init__(self, outputs=()):
        self.outputs = {os.path.realpath(p): option for option, p in outputs if p not in (None, "-")}
        self.streams = _streams()
        self.notes: list[Diagnostic] = []
        self.clobbered: list[Diagnostic] = []  # an output of this run that is a submission found here
        self._folder = self._real = None

    def leaves_out(self, directory: str, name: str, path: str) -> bool:
        if self.outputs:
            if directory != self._folder:
                self._folder, self._real = directory, os.path.realpath(directory)
            option = self.outputs.get(os.path.join(self._real, name))
            if option is not None:
                if own_output(path, text=True):  # this run's output, written by an earlier one: replaced, not read
                    self.notes.append(Diagnostic("input.own_output", path, None, None, severity="note"))
                else:  # a submission: writing the output would destroy it
                    self.clobbered.append(
                        Diagnostic(
                            "output.is_input", path, None, None, {"option": option, "input": path, "what": "folder"}
                        )
                    )
                return True
        if name.lower().endswith(_OWN_SUFFIXES) and own_output(path):
            self.notes.append(Diagnostic("input.fazhi_output", path, None, None, severity="note"))
            return True
        return False

    def stream(self, entry) -> str | None:
        """ "stdout" or "stderr" where the folder entry ``entry`` is the file this run's stdout or stderr
        is written to (``check DIR --format json > DIR/all.json``: the shell has made it, empty, before
        the run starts), else None. Its inode first (free from the folder listing), then its device."""
        if not self.streams:
            return None
        try:
            if entry.inode() not in self.inodes:
                return None
            info = entry.stat()
        except OSError:
            return None
        return self.streams.get((info.st_dev, info.st_ino))

    def leave_stream(self, path: str, stream: str) -> None:
        self.notes.append(Diagnostic(f"input.own_{stream}", path, None, None, severity="note"))

    @property
    def inodes(self) -> set:
        return {ino for _, ino in self.streams}


def _streams() -> dict:
    """(device, inode) -> "stdout" or "stderr", of those that are regular files (a redirection into a
    file); a terminal, a pipe, /dev/null are never walked."""
    out = {}
    for fd, name in ((2, "stderr"), (1, "stdout")):
        try:
            info = os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            out[(info.st_dev, info.st_ino)] = name
    return out


def clobbered(outputs, inputs) -> Diagnostic | None:
    """The first output (``(option, path)``) that is the same file as an input (``(what, path)``: a
    file named on the command line, a waiver file, a --previous file, a list of paths, a profile):
    writing it would destroy what is read. None where none is."""
    named = []
    for what, path in inputs:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            named.append((what, path, (st.st_dev, st.st_ino)))
    if not named:
        return None
    for option, path in outputs:
        if path in (None, "-"):
            continue
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        for what, in_path, ident in named:
            if (st.st_dev, st.st_ino) == ident:
                return Diagnostic(
                    "output.is_input", path, None, None, {"option": option, "input": in_path, "what": what}
                )
    return None
