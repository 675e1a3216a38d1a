"""What the server takes from a request, within bounds: each uploaded file saved under a safe name in
the request's own temporary folder, and a .zip checked whole (how many files, how large unpacked,
how compressed, nested archives, links, paths that leave the folder) before anything in it is
written. A refusal is a ``FazhiError`` whose Diagnostic names the file (as uploaded) or the member."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass

from checker.errors import Diagnostic, FazhiError
from checker.inputs.dispatch import wanted
from checker.serve.words import size_text

MB = 1024 * 1024
ARCHIVES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".jar", ".cab", ".arj", ".lzh")
NAME_CHARS = 120  # a file's name as kept and shown (its suffix kept)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff<>:\"|?*]")


@dataclass(frozen=True)
class Limits:
    """How much one request may bring: bytes (the whole request), files (uploaded, or unpacked from a
    .zip), bytes a .zip unpacks to, bytes of one file, and how many times smaller than its contents a
    member of a .zip may be (a larger ratio is a zip bomb's, refused before it is unpacked)."""

    upload: int = 20 * MB
    files: int = 200
    unpacked: int = 200 * MB
    member: int = 20 * MB
    ratio: int = 100


@dataclass(frozen=True)
class Saved:
    path: str  # where it is, in the request's folder
    name: str  # as the user named it (a .zip's member: its path in the archive)


def workspace(root: str | None = None) -> str:
    """A new private folder (0700) for one request's files, under ``root`` (default: the system's
    temporary folder); the caller removes it (``discard``)."""
    return tempfile.mkdtemp(prefix="fazhi-serve-", dir=root)


def discard(folder: str | None) -> None:
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def safe_name(name: str | None, fallback: str = "upload") -> str:
    """A file's name as kept: its last part (after / or \\), NFC, without control, invisible or
    reordering characters nor those Windows refuses, at most NAME_CHARS characters with its suffix."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("", name).strip().lstrip(".")
    if not name:
        return fallback
    if len(name) > NAME_CHARS:
        stem, suffix = os.path.splitext(name)
        suffix = suffix[:16]
        name = stem[: NAME_CHARS - len(suffix)] + suffix
    return name


def suffix_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def refuse(code: str, name: str | None, **params) -> FazhiError:
    return FazhiError(Diagnostic(f"serve.{code}", name, None, None, params))


def save_one(storage, folder: str, index: int, limits: Limits) -> Saved:
    """An uploaded file (``werkzeug.FileStorage``) written to its own sub-folder of ``folder``: two
    files of one name stay two files, each named as uploaded."""
    name = safe_name(storage.filename, f"upload-{index + 1}")
    if not wanted(name):  # what a folder given to fazhi check would have read, and nothing else
        raise refuse("unsupported", name, suffix=suffix_of(name) or name)
    place = os.path.join(folder, f"{index:04d}")
    os.mkdir(place, 0o700)
    path = os.path.join(place, name)
    with open(path, "wb") as out:
        copied = _copy(storage.stream, out, limits.member)
    if copied > limits.member:
        raise refuse("file_too_large", name, limit=size_text(limits.member))
    return Saved(path, name)


def save_many(storages, folder: str, limits: Limits) -> tuple[list[Saved], list[str]]:
    """Several uploaded files, a .zip among them unpacked (``unpack``); (the files, the names in
    archives that are not inputs). Counted together against ``limits.files``."""
    saved: list[Saved] = []
    skipped: list[str] = []
    for storage in storages:
        name = safe_name(storage.filename, f"upload-{len(saved) + 1}")
        if suffix_of(name) == ".zip":
            more, left = unpack(storage.stream, name, folder, limits, len(saved))
            saved += more
            skipped += left
        else:
            saved.append(save_one(storage, folder, len(saved), limits))
        if len(saved) > limits.files:
            raise refuse("too_many_files", None, count=len(saved), limit=limits.files)
    if not saved:
        raise refuse("no_file", None)
    return saved, skipped


def _copy(source, out, limit: int) -> int:
    """Copy at most ``limit`` + 1 bytes: one more than allowed says it is too large."""
    copied = 0
    while copied <= limit:
        chunk = source.read(min(1 << 16, limit + 1 - copied))
        if not chunk:
            break
        out.write(chunk)
        copied += len(chunk)
    return copied


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: a name without the UTF-8 flag is read as GBK where it
    is that (Windows in Chinese writes its names so; zipfile reads them as code page 437)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _parts(name: str) -> list[str] | None:
    """A member's path as its parts; None where it leaves the folder (absolute, a drive, ``..``)."""
    path = name.replace("\\", "/")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    return None if ".." in parts else parts


def _ignored(parts: list[str]) -> bool:
    """What archivers add beside the files (macOS's resource forks, Finder's and Windows' folders' files)."""
    return (
        parts[0] == "__MACOSX" or parts[-1].startswith("._") or parts[-1] in (".DS_Store", "Thumbs.db", "desktop.ini")
    )


def plan(archive: zipfile.ZipFile, zip_name: str, limits: Limits) -> tuple[list, list[str]]:
    """The members to unpack as (ZipInfo, shown name), and the names not read; FazhiError on the first
    member that makes the archive unsafe, before anything is written."""
    chosen, skipped, total = [], [], 0
    for info in archive.infolist():
        name = member_name(info)
        shown = f"{zip_name}/{name}"
        if info.is_dir():
            continue
        parts = _parts(name)
        if parts is None:
            raise refuse("zip_unsafe_path", zip_name, member=name)
        if not parts or _ignored(parts):
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            raise refuse("zip_link", zip_name, member=name)
        if suffix_of(parts[-1]) in ARCHIVES:
            raise refuse("zip_nested", zip_name, member=name)
        if info.flag_bits & 0x1:
            raise refuse("zip_encrypted", zip_name, member=name)
        if info.file_size > MB and info.file_size > limits.ratio * max(1, info.compress_size):
            raise refuse("zip_bomb", zip_name, member=name, ratio=info.file_size // max(1, info.compress_size))
        if info.file_size > limits.member:
            raise refuse(
                "zip_member_too_large",
                zip_name,
                member=name,
                size=size_text(info.file_size),
                limit=size_text(limits.member),
            )
        total += info.file_size
        if total > limits.unpacked:
            raise refuse("zip_too_large", zip_name, limit=size_text(limits.unpacked))
        if not wanted(parts[-1]):
            skipped.append(shown)
            continue
        chosen.append((info, shown))
        if len(chosen) > limits.files:
            raise refuse("zip_too_many", zip_name, limit=limits.files)
    return chosen, skipped


def unpack(stream, zip_name: str, folder: str, limits: Limits, first: int) -> tuple[list[Saved], list[str]]:
    """The inputs of an uploaded .zip, each in its own sub-folder of ``folder``: checked whole first
    (``plan``), then copied member by member, none beyond the size its header gives (a header that
    lies is refused). Returns (the files, the names not read)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            chosen, skipped = plan(archive, zip_name, limits)
            if not chosen:
                raise refuse("zip_empty", zip_name)
            saved = []
            for i, (info, shown) in enumerate(chosen):
                place = os.path.join(folder, f"{first + i:04d}")
                os.mkdir(place, 0o700)
                path = os.path.join(place, safe_name(shown, f"member-{i + 1}"))
                with archive.open(info) as source, open(path, "wb") as out:
                    if _copy(source, out, info.file_size) > info.file_size:
                        raise refuse("zip_lied", zip_name, member=member_name(info))
                saved.append(Saved(path, shown))
            return saved, skipped
    except FazhiError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        EOFError,
        ValueError,
        OSError,
    ) as exc:
        raise refuse("zip_bad", zip_name, reason=str(exc) or type(exc).__name__) from None
    except Exception as exc:  # noqa: BLE001 - zlib.error and whatever a damaged archive raises is that archive's
        raise refuse("zip_bad", zip_name, reason=str(exc) or type(exc).__name__) from None
