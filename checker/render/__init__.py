"""Output formats behind one registry: the CLI's --format choices come from here.

A format is a module with ``render(report, ctx) -> str`` (and, to be written result by result,
``STREAM``, ``begin``, ``piece`` and ``end``): the protocols are declared in
``checker.render.protocol``. ``ctx`` carries the language, the catalogue and the options. FORMATS
names each module, imported lazily by name.
"""

from __future__ import annotations

import codecs
import importlib
from dataclasses import field

from checker.record import FACTORY, FrozenRecord, record, setfield

# name -> (module, zh help, en help)
FORMATS = {
    "text": ("checker.render.text", "终端视图（按领域分组）", "terminal view grouped by area"),
    "json": ("checker.render.json_out", "JSON（公开的输出约定）", "JSON, per the public output contract"),
    "sarif": ("checker.render.sarif", "SARIF 2.1.0（代码扫描视图）", "SARIF 2.1.0, for code-scanning views"),
    "junit": ("checker.render.junit", "JUnit XML（CI 测试页）", "JUnit XML, for CI test tabs"),
    "github": ("checker.render.github", "GitHub Actions 工作流注释", "GitHub Actions workflow annotations"),
    "markdown": (
        "checker.render.markdown",
        "Markdown 摘要（合并请求评论、步骤摘要）",
        "Markdown summary, for $GITHUB_STEP_SUMMARY or a merge-request comment",
    ),
}


# Output as bytes, and characters stdout's encoding cannot hold (a legacy code page such as GBK,
# PYTHONIOENCODING=ascii). Machine-readable formats must stay valid whatever the encoding: where
# stdout is not UTF-8 they are written in ASCII, every other character as the format's own escape
# (\uXXXX inside JSON strings, where alone JSON has such characters; character references in XML
# and HTML), so their text is UTF-8 too. A submission written out as YAML is refused rather than
# escaped (an escape would change its values). Text uses stdout's own handler for what its encoding
# cannot hold, or backslash escapes where that is to fail.
ESCAPES = {"json": "fazhi-json", "sarif": "fazhi-json", "junit": "xmlcharrefreplace", "html": "xmlcharrefreplace"}
STRICT = ("yaml",)
TEXT_ESCAPE = "backslashreplace"


def output_encoding(name: str, encoding: str, errors: str | None = None) -> tuple[str, str]:
    """(encoding, errors) for writing format ``name`` to a byte stream of ``encoding`` (one that
    ``bytewise`` accepts), whose text layer had the handler ``errors``."""
    if name in STRICT:
        return encoding, "strict"
    if name in ESCAPES:
        return ("utf-8" if codecs.lookup(encoding).name == "utf-8" else "ascii"), ESCAPES[name]
    return encoding, (TEXT_ESCAPE if errors in (None, "strict") else errors)


def bytewise(encoding: str) -> bool:
    """Can text in ``encoding`` be encoded piece by piece and the bytes joined? Yes for UTF-8 and the
    ASCII-compatible code pages; no where a byte-order mark or a state starts each piece (UTF-16,
    UTF-8 with signature): those are written through the text layer."""
    try:
        return "a\n".encode(encoding) == b"a\n" and "中a".encode(encoding, "replace") * 2 == "中a中a".encode(
            encoding, "replace"
        )
    except LookupError:
        return False


def encoded(piece: str, encoding: str | None, errors: str, newline: str):
    """A rendered piece as its sink writes it (``commands.Sink``; the workers do the same): bytes,
    with the platform's line ends as the text layer wrote them; itself where ``encoding`` is None."""
    if encoding is None:
        return piece
    if newline != "\n":
        piece = piece.replace("\n", newline)
    return piece.encode(encoding, errors)


def encoded_piece(module, result, index: int, ctx, encoding: str | None, errors: str, newline: str):
    """A format's piece of one result as its sink writes it: ``encoded(module.piece(...))``, or the
    same bytes from the format's own ``piece_encoded`` where it has one (JSON: made as UTF-8)."""
    made = getattr(module, "piece_encoded", None)
    if made is not None:
        return made(result, index, ctx, encoding, errors, newline)
    return encoded(module.piece(result, index, ctx), encoding, errors, newline)


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each character as a JSON \\u escape (a surrogate pair above U+FFFF)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start : exc.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
        else:
            out.append("\\u%04x" % code)
    return "".join(out), exc.end


codecs.register_error("fazhi-json", _json_escape)


@record
class Context(FrozenRecord):
    """What every renderer needs besides the report: language, catalogue, terminal, options."""

    lang: str
    catalogue: object
    color: bool = False
    width: int = 100
    verbose: bool = False
    today: object = None  # datetime.date: what "expired" is measured against
    options: dict = field(default_factory=dict)

    def __init__(self, lang, catalogue, color=False, width=100, verbose=False, today=None, options=FACTORY):
        setfield(self, "lang", lang)
        setfield(self, "catalogue", catalogue)
        setfield(self, "color", color)
        setfield(self, "width", width)
        setfield(self, "verbose", verbose)
        setfield(self, "today", today)
        setfield(self, "options", dict() if options is FACTORY else options)


def renderer(name: str):
    module = importlib.import_module(FORMATS[name][0])
    return module.render


def help_text(lang: str) -> str:
    index = 2 if lang == "en" else 1
    return "; ".join(f"{name}: {spec[index]}" for name, spec in FORMATS.items())
