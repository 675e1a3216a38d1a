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
        while True:
            temp = os.path.join(folder, f".{name[:60]}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
            try:
                fd = os.open(temp, flags, 0o666)      # as open() would create it: the umask applies
                break
            except FileExistsError:                   # pragma: no cover - 32 random bits met again
                continue
        self.temp, self.target = temp, target
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(mode))     # the file replaced keeps its permissions
            self.file = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            _unlink(temp)
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
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop what was written: the temporary file goes, the old file stays as it was."""
        try:
            self.file.close()
        except (OSError, ValueError):
            pass
        if self.temp is not None:
            _unlink(self.temp)
            self.temp = None


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
        if not n:       # nothing taken, and no error: the reader is gone
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
        done += n


TEXT_CHUNK = 2048


def write_text(stream, text: str) -> None:
    """``text`` to a text stream (stdout's text layer) in pieces that its buffer takes whole: a text
    layer hands a large piece to its buffer in one write and does not look at the count written."""
    for start in range(0, len(text), TEXT_CHUNK):
        stream.write(text[start:start + TEXT_CHUNK])


# ---- file names -------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """A file name as every output shows it: bytes that are not UTF-8 (a GBK name from a Windows zip,
    which Python holds as lone surrogates) escaped as ``\\xNN``, so that it can be written in UTF-8,
    in XML, in a spreadsheet; any other lone surrogate as ``\\uXXXX``. Anything else as it is."""
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(lambda m: ("\\x%02x" % (ord(m.group()) - 0xDC00) if "\udc80" <= m.group() <= "\udcff"
                                     else "\\u%04x" % ord(m.group())), name)


# ---- an output is never an input --------------------------------------------------------------------

_OWN_SUFFIXES = (".json", ".html", ".htm")
_OWN_HEADS = (re.compile(rb'\{"tool":\{"name":"fazhi-checker"'),                      # check, score --format json
              re.compile(rb'\{\s*"\$schema":\s*"https://docs\.oasis-open\.org/sarif/[^"]*",\s*"version":\s*"2\.1\.0",'
                         rb'\s*"runs":\s*\[\s*\{\s*"tool":\s*\{\s*"driver":\s*\{\s*"name":\s*"fazhi-checker"'),  # sarif
              re.compile(rb'<!DOCTYPE html>\s*<html[^>]*>\s*<head>\s*<meta charset="utf-8">\s*'
                         rb'<meta name="generator" content="fazhi-checker">'))                # score --html


def own_output(path: str) -> bool:
    """Is the file at ``path`` a document fazhi-checker wrote (check's JSON or SARIF, score's JSON or
    HTML report)? Read from its first bytes only; a file that cannot be read is not."""
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
    return any(pattern.match(head) for pattern in _OWN_HEADS)


class Walk:
    """What a walk through input folders leaves out, and says so (``notes``): this run's own output
    files (``outputs``) and documents an earlier run wrote (``own_output``): never a submission."""

    def __init__(self, outputs=()):
        self.outputs = {os.path.realpath(p): option for option, p in outputs if p not in (None, "-")}
        self.notes: list[Diagnostic] = []
        self.clobbered: list[Diagnostic] = []   # an output of this run that is a submission found here
        self._folder = self._real = None

    def leaves_out(self, directory: str, name: str, path: str) -> bool:
        if self.outputs:
            if directory != self._folder:
                self._folder, self._real = directory, os.path.realpath(directory)
            option = self.outputs.get(os.path.join(self._real, name))
            if option is not None:
                if own_output(path):    # this run's output, written by an earlier one: replaced, not read
                    self.notes.append(Diagnostic("input.own_output", path, None, None, severity="note"))
                else:                   # a submission: writing the output would destroy it
                    self.clobbered.append(Diagnostic("output.is_input", path, None, None,
                                                     {"option": option, "input": path, "what": "folder"}))
                return True
        if name.lower().endswith(_OWN_SUFFIXES) and own_output(path):
            self.notes.append(Diagnostic("input.fazhi_output", path, None, None, severity="note"))
            return True
        return False


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
                return Diagnostic("output.is_input", path, None, None, {"option": option, "input": in_path,
                                                                        "what": what})
    return None
