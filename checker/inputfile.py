"""One reader for every input file: a submission, a report (.txt, .html, .docx), a waiver file, a rule
pack's file, a profile or a scheme given by path. It reads at most ``limit`` bytes, whatever the file
is: a regular file is refused by its size before it is read, and a pipe, a FIFO, a device
(``/dev/zero``, ``<(yes)``), whose size is not known, after ``limit + 1`` bytes, so memory stays bounded.
"""

from __future__ import annotations

import os
import stat

from checker.errors import Diagnostic

CHUNK = 1 << 20


class TooLarge(Exception):
    """More than ``limit`` bytes: ``size`` is the file's size where it is known, else ``">limit"``."""

    def __init__(self, size, limit: int):
        super().__init__(f"{size} > {limit}")
        self.size, self.limit = size, limit

    def diagnostic(self, file: str) -> Diagnostic:
        return Diagnostic("input.too_large", file, None, None, {"size": self.size, "limit": self.limit})


def read_capped(path, limit: int) -> bytes:
    """The bytes of ``path``, or TooLarge past ``limit`` bytes (OSError as open and read raise it)."""
    with open(path, "rb", buffering=0) as fh:
        info = os.fstat(fh.fileno())
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = fh.read(min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(f">{limit}", limit)
        return b"".join(chunks)


def read_or_say(path, limit: int, diags: list) -> bytes | None:
    """The bytes of ``path``, or None with the reason in ``diags``: too large, or not readable."""
    file = str(path)
    try:
        return read_capped(path, limit)  # a pipe or a device too: never more than the limit
    except TooLarge as exc:
        diags.append(exc.diagnostic(file))
    except OSError as exc:
        diags.append(Diagnostic("file.unreadable", file, None, None, {"reason": exc.strerror or str(exc)}))
    return None


__all__ = ["TooLarge", "read_capped", "read_or_say", "CHUNK"]
