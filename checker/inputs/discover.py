"""Which files a run reads: the paths named, those listed in ``--paths-from``, and the submissions
and reports found in folders (walked in name order, nothing passed over in silence)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from checker.errors import Diagnostic
from checker.inputs.dispatch import is_workbook, wanted


def paths_of(args) -> tuple[list[str], Diagnostic | None]:
    """The paths of a run: those on the command line, then those listed in ``--paths-from FILE``
    (``-``: stdin), one a line, blank lines ignored, as many as there are (no command line to
    fill). A path listed that does not exist is reported later like any other. The Diagnostic says
    why the list cannot be used: it cannot be read, or lists nothing."""
    paths, source = list(args.paths), getattr(args, "paths_from", None)
    if source is None:
        return paths, None
    if source == "-" and getattr(sys.stdin, "buffer", None) is None:  # started with stdin closed (<&-)
        return paths, Diagnostic("cli.stdin_closed", "<stdin>", None, None)
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        return paths, Diagnostic("file.unreadable", source, None, None, {"reason": exc.strerror or str(exc)})
    listed = [os.fsdecode(line) for line in data.splitlines() if line.strip()]
    if not listed:
        return paths, Diagnostic("input.no_paths", "<stdin>" if source == "-" else source, None, None)
    return paths + listed, None


def collect_paths(paths, walk=None) -> tuple[list[str], list[Diagnostic]]:
    """Files as given; directories searched recursively for submissions, in sorted order.

    Paths are kept as strings (a national cohort is 100,000 files: Path objects would cost ~50 MB)
    and found by walking each directory in name order, which is the order of sorted Paths.
    Symbolic links to directories are not followed (no loops); links to files are. Nothing is
    passed over in silence: a directory that cannot be read, a link to nothing, a pipe or device
    under a submission's name in a directory (it would block the run, or never end), and a
    directory with no submission at all are each said. A path named on the command line is read
    whatever it is (/dev/stdin, a shell's <(…)): it was asked for. In a folder, this run's own output
    files and documents fazhi-checker wrote before are left out, each said (``walk``:
    ``outputs.Walk``, whose ``notes`` and ``clobbered`` the caller reports).
    """
    from checker.outputs import Walk

    walk = Walk() if walk is None else walk
    files, diags = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            before, said = len(files), len(diags)
            files.extend(_walk(str(path), diags, walk))
            if len(files) == before and len(diags) == said:
                diags.append(Diagnostic("input.no_files", name, None, None))
        elif path.exists():
            files.append(str(path))
        else:
            diags.append(_not_a_file(name, path))
    return files, diags


def _not_a_file(name: str, path: Path) -> Diagnostic:
    if path.is_dir():  # a link to a folder under a submission's name (w/proc.yaml -> /proc)
        return Diagnostic("file.folder_link", name, None, None)
    if path.exists():
        return Diagnostic("file.not_regular", name, None, None)
    reason = "a link to nothing" if path.is_symlink() else "No such file"
    return Diagnostic("file.unreadable", name, None, None, {"reason": reason})


def _walk(directory: str, diags: list, walk):
    names, dirs, odd, streams = [], set(), [], []  # names only: a DirEntry per file is ~250 bytes
    try:
        with os.scandir(directory) as it:
            for entry in it:
                kind = _kind(entry)
                if kind == "dir":
                    dirs.add(entry.name)
                if kind == "file" and walk.streams and wanted(entry.name):
                    stream = walk.stream(entry)  # where this run's stdout goes: never an input
                    if stream is not None:
                        streams.append((entry.name, stream))
                        continue
                if kind == "dir" or kind == "file" and wanted(entry.name):
                    names.append(entry.name)
                elif kind is None and wanted(entry.name):
                    odd.append(entry.name)
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", directory, None, None, {"reason": exc.strerror or str(exc)}))
        return
    for name in sorted(odd):  # in name order, named as the files are
        path = name if directory == "." else os.path.join(directory, name)
        diags.append(_not_a_file(path, Path(path)))
    for name, stream in sorted(streams):
        walk.leave_stream(name if directory == "." else os.path.join(directory, name), stream)
    names.sort()
    for i, name in enumerate(names):
        names[i] = None  # each name goes as its path is made: the two lists never both peak
        path = name if directory == "." else os.path.join(directory, name)  # as str(Path) writes it
        if name in dirs:
            yield from _walk(path, diags, walk)
        elif not _fazhi_workbook(walk, name, path) and not walk.leaves_out(directory, name, path):
            yield path


def _fazhi_workbook(walk, name: str, path: str) -> bool:
    """A workbook fazhi-checker wrote that is not a 填报表 (``score --xlsx``, ``check --xlsx``): never a
    submission. Left out, said as ``Walk`` says the other documents it wrote (this run's output, to be
    replaced, or an earlier one's). A 填报表 goes on to ``Walk``: as this run's output it would be lost."""
    if not is_workbook(name):
        return False
    from checker.inputs.excel import written_by_fazhi

    if not written_by_fazhi(path):
        return False
    mine = os.path.realpath(path) in walk.outputs
    walk.notes.append(
        Diagnostic("input.own_output" if mine else "input.fazhi_output", path, None, None, severity="note")
    )
    return True


def _kind(entry) -> str | None:
    try:
        if entry.is_dir(follow_symlinks=False):
            return "dir"
        return "file" if entry.is_file() else None
    except OSError:
        return None
