"""Bytes to text: every encoding a submission or report arrives in, never mojibake."""

from __future__ import annotations

from pathlib import Path

from checker.errors import Diagnostic
from checker.inputfile import read_or_say

MAX_BYTES = 5 * 1024 * 1024
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # before UTF-16's: FF FE starts both
_WIDE_BOMS = _UTF32_BOMS + (b"\xff\xfe", b"\xfe\xff")
# text read as GB18030 in which this share of the characters outside ASCII are outside GB2312 (rare
# characters, private use) is not GBK Chinese: Big5 or Shift-JIS bytes are valid GBK, and read so,
# give mostly such characters (a real GBK report: none, or a rare one in a name)
IMPLAUSIBLE_SHARE = 0.25
IMPLAUSIBLE_MIN = 2


def decode(data: bytes, file: str, diags: list) -> str | None:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-32 or UTF-16 with BOM, else GB18030 where it
    reads as Chinese (Big5 and Shift-JIS read as GB18030 do not: refused); never mojibake."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_WIDE_BOMS):
        encoding = "utf-32" if data.startswith(_UTF32_BOMS) else "utf-16"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            diags.append(Diagnostic("input.encoding", file, None, None, {"encoding": encoding.upper()}))
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        diags.append(Diagnostic("input.encoding", file, line, None, {"encoding": "UTF-8 / GB18030"}))
        return None
    share = _rare_share(text)
    if share is not None:
        diags.append(Diagnostic("input.encoding_implausible", file, None, None, {"share": share}))
        return None
    diags.append(Diagnostic("input.gb18030", file, None, None, severity="note"))
    return text


def _rare_share(text: str) -> int | None:
    """The percentage of the characters outside ASCII that GB2312 does not hold, where it is too high
    for GBK Chinese (else None)."""
    from collections import Counter

    counts = Counter(text)
    wide = rare = 0
    for char, count in counts.items():
        if char < "\x80":
            continue
        wide += count
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += count
    if rare >= IMPLAUSIBLE_MIN and rare >= IMPLAUSIBLE_SHARE * wide:
        return round(100 * rare / wide)
    return None


def read_text(path: Path, diags: list) -> str | None:
    file = str(path)
    data = read_or_say(path, MAX_BYTES, diags)
    if data is None:
        return None
    if b"\x00" in data and not data.startswith(_WIDE_BOMS):
        diags.append(Diagnostic("input.binary", file, None, None))
        return None
    return decode(data, file, diags)
