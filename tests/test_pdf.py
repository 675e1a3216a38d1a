"""Reports as PDF (checker.extract.pdf): a text PDF made here from a report's text extracts exactly the
figures the text does, each source citing its page and line; a scan, a font with no Unicode mapping,
an encrypted or damaged file, and files built to exhaust the reader (pages without end, a compression
bomb, characters without end, work without end, objects nested deep) each get a message saying what
to do, exit 2 for that file, never a traceback. Legacy .doc and .wps are named with what to save them
as.

The PDFs are written here, by hand: text in Adobe's STSong-Light through the UniGB-UCS2-H character
map (a font every PDF reader knows, not embedded: what older Chinese office software writes), wrapped
as a typesetter wraps it, a first-line indent for each paragraph, a centred title, a page number at
each page's foot. Where Debian's Chromium is installed (CI installs it) the same text is also printed
to PDF by the browser, with its embedded CJK fonts and justified lines.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import CHROMIUM

from checker.extract import extract
from checker.extract import pdf as pdfmod
from checker.extract.pdf import PagedText, locate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SEED_DIR = ROOT.parent / "shared" / "seed"  # third-party text: read where it is, never copied


# ---------------------------------------------------------------------------------------------------
# writing PDFs


def _obj_pdf(objects: list[bytes], root: int, trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


SONG = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
    b"/DescendantFonts [%d 0 R] >>"
)
SONG_CID = (
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>"
)
SONG_DESCRIPTOR = (
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
    b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
)
# a font with no Unicode mapping at all: codes are glyph numbers (Identity-H), no ToUnicode map
BARE = b"<< /Type /Font /Subtype /Type0 /BaseFont /Embedded-Subset /Encoding /Identity-H /DescendantFonts [%d 0 R] >>"
BARE_CID = (
    b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Embedded-Subset /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>"
)


def make_pdf(
    pages: list[list[tuple]],
    font: bytes = SONG,
    cid: bytes = SONG_CID,
    trailer_extra: bytes = b"",
    extra_objects: list[bytes] = (),
    page_extra: bytes = b"",
) -> bytes:
    """A PDF of ``pages``, each a list of (x, y, size, text) drawn left to right from (x, y)."""
    objects = [SONG_DESCRIPTOR]
    objects.append(cid % 1)
    objects.append(font % 2)
    font_id = 3
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for rows in pages:
        ops = [
            f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td <{''.join('%04X' % ord(c) for c in text)}> Tj ET"
            for x, y, size, text in rows
        ]
        objects.append(_stream("\n".join(ops).encode()))
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> "
            b">> /Contents %d 0 R %s>>" % (pages_id, font_id, len(objects), page_extra)
        )
        kids.append(len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    objects.extend(extra_objects)
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return _obj_pdf(objects, len(objects), trailer_extra)


def _units(text: str) -> list[str]:
    """What a typesetter never breaks: a run of Latin letters, digits and their marks; else a character."""
    return re.findall(r"[A-Za-z0-9.,%:/+-]+|.", text)


def _width(unit: str) -> float:
    return sum(0.5 if c.isascii() else 1.0 for c in unit)


PUNCT_START = "，。、；：？！）》”’%"


def typeset(text: str, measure: int = 30, rows_per_page: int = 30, size: int = 12):
    """``text``'s paragraphs (its non-blank lines, white space made single) laid out on pages: the first
    a centred title, each other indented two characters, wrapped at ``measure`` characters; a page
    number at each foot. Returns (pages for make_pdf, the paragraphs, where each row of each paragraph
    is: [(offset in the paragraph, page, row on the page)])."""
    paragraphs = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]
    left, top, lead = 60.0, 780.0, size * 1.6
    pages, rows, where = [], [], []

    def put(x, line_text):
        nonlocal rows
        if len(rows) == rows_per_page:
            pages.append(rows)
            rows = []
        rows.append((x, top - lead * len(rows), size, line_text))
        return len(pages) + 1, len(rows)

    for index, paragraph in enumerate(paragraphs):
        places = []
        if index == 0:
            width = _width(paragraph)
            places.append((0, *put(left + (measure - width) / 2 * size, paragraph)))
            where.append(places)
            continue
        units, offset, start = _units(paragraph), 0, 0
        line, used, indent = [], 2.0, 2.0
        for unit in units:
            if line and used + _width(unit) > measure and unit[0] not in PUNCT_START:
                text_row = "".join(line)
                places.append((start, *put(left + (indent if start == 0 else 0) * size, text_row)))
                start = offset
                line, used = [], 0.0
            line.append(unit)
            used += _width(unit)
            offset += len(unit)
        places.append((start, *put(left + (indent if start == 0 else 0) * size, "".join(line))))
        where.append(places)
    pages.append(rows)
    for number, page in enumerate(pages, 1):  # the page number at the foot
        page.append((left + measure / 2 * size - size, 60.0, size, f"- {number} -"))
    return pages, paragraphs, where


def figures(ex) -> dict:
    return {key: (f.value, f.approx, f.sentence) for key, f in ex.found.items() if key != "report.quantified_figures"}


# ---------------------------------------------------------------------------------------------------
# a text PDF reads as its text


def _same_as_text(tmp_path, pack, text: str, name: str):
    pages, paragraphs, where = typeset(text)
    pdf_path = tmp_path / f"{name}.pdf"
    pdf_path.write_bytes(make_pdf(pages))
    txt_path = tmp_path / f"{name}.txt"
    txt_path.write_text(text, encoding="utf-8")
    from_pdf, from_txt = extract(pdf_path, pack), extract(txt_path, pack)
    return from_pdf, from_txt, paragraphs, where


def test_an_invented_report_as_pdf_reads_exactly_as_its_text_with_page_and_line(tmp_path, pack):
    text = (CORPUS / "qinghe-2024.txt").read_text(encoding="utf-8")  # a fictional county
    from_pdf, from_txt, paragraphs, where = _same_as_text(tmp_path, pack, text, "青禾县2024")
    assert str(from_pdf.text) == "\n".join(paragraphs)  # reading order, paragraphs joined, no page number
    assert (from_pdf.region, from_pdf.year) == (from_txt.region, from_txt.year) == ("青禾县", 2024)
    assert len(figures(from_txt)) >= 20
    assert figures(from_pdf) == figures(from_txt)
    assert [d.code for d in from_pdf.diagnostics] == [d.code for d in from_txt.diagnostics]
    # each figure's position is the page and row the typesetter put it on
    for key, item in from_pdf.found.items():
        if item.note == "counted":
            continue
        rows = where[item.line - 1]
        expected = [(page, row) for start, page, row in rows if start <= item.column - 1][-1]
        assert locate(from_pdf.text, item.line, item.column) == expected, key
    assert max(page for rows in where for _, page, _ in rows) >= 3  # the report runs over pages


def test_the_extract_output_cites_page_and_line_for_a_pdf(tmp_path, pack, capsys):
    text = (CORPUS / "qinghe-2024.txt").read_text(encoding="utf-8")
    pages, _, _ = typeset(text)
    path = tmp_path / "青禾县.pdf"
    path.write_bytes(make_pdf(pages))
    from checker.cli import main

    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    notes = re.findall(r"note: (.*)", out)
    positions = [n for n in notes if "第" in n and "行" in n]
    assert positions and all(re.fullmatch(r"(?:.*；)?第 \d+ 页第 \d+ 行", n) for n in positions), positions
    assert "列" not in "".join(positions)
    assert main(["extract", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"note: page \d+, line \d+", out)


@pytest.mark.skipif(
    not SEED_DIR.is_dir() or not any(SEED_DIR.glob("*.txt")),
    reason="the seed report (../shared/seed) is not beside the repository",
)
def test_the_seed_report_as_pdf_reads_exactly_as_its_text(tmp_path, pack):
    seed = sorted(SEED_DIR.glob("*.txt"))[0].read_text(encoding="utf-8")
    from_pdf, from_txt, paragraphs, where = _same_as_text(tmp_path, pack, seed, "seed")
    assert str(from_pdf.text) == "\n".join(paragraphs)
    assert (from_pdf.region, from_pdf.year, from_pdf.published_on) == (
        from_txt.region,
        from_txt.year,
        from_txt.published_on,
    )
    assert figures(from_txt) and figures(from_pdf) == figures(from_txt)
    for key, item in from_pdf.found.items():
        if item.note != "counted":
            rows = where[item.line - 1]
            assert (
                locate(from_pdf.text, item.line, item.column)
                == [(page, row) for start, page, row in rows if start <= item.column - 1][-1]
            ), key


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (CI installs it)")
def test_a_report_printed_to_pdf_by_a_browser_reads_as_its_text(tmp_path, pack):
    """Embedded CJK fonts whose Unicode map gives radicals for some glyphs (⼈ for 人), justified lines,
    spaces drawn as glyphs: the same figures as the text."""
    text = (CORPUS / "qinghe-2024.txt").read_text(encoding="utf-8")
    paragraphs = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]
    from html import escape

    body = f'<p class="t">{escape(paragraphs[0])}</p>' + "".join(f"<p>{escape(p)}</p>" for p in paragraphs[1:])
    html = tmp_path / "r.html"
    html.write_text(
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC",serif;'
        "font-size:14pt} p{text-indent:2em;text-align:justify;margin:0} .t{text-align:center;"
        "text-indent:0}</style></head><body>" + body + "</body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "printed.pdf"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    if done.returncode != 0 or not out.exists():
        pytest.skip(f"chromium could not print: {done.stderr.decode(errors='replace')[-200:]}")
    txt = tmp_path / "r.txt"
    txt.write_text(text, encoding="utf-8")
    from_pdf, from_txt = extract(out, pack), extract(txt, pack)
    assert str(from_pdf.text) == "\n".join(paragraphs)
    assert figures(from_pdf) == figures(from_txt)
    assert all(locate(from_pdf.text, f.line, f.column) for f in from_pdf.found.values() if f.note != "counted")


# ---------------------------------------------------------------------------------------------------
# what the reader does with rows: unit tests of the assembly


def test_rows_join_into_paragraphs_and_positions_name_page_and_row():
    # (x0, x1, top, bottom, size, text): a centred title, a paragraph over three rows and a page break,
    # a heading, a page number
    pages = [
        [
            [200, 400, 780, 768, 12, "示例县二〇二四年报告"],
            [84, 420, 760, 748, 12, "第一段第一行文字到右边"],
            [60, 420, 740, 728, 12, "第一段第二行"],
            [290, 310, 60, 48, 12, "- 1 -"],
        ],
        [
            [60, 300, 780, 768, 12, "第一段末行。"],
            [84, 200, 760, 748, 12, "一、标题"],
            [60, 420, 740, 728, 12, "Latin words wrap"],
            [60, 200, 720, 708, 12, "here"],
        ],
    ]
    text = pdfmod.assemble(pages)
    # row 2 of page 1 reaches the margin and joins the next; 第一段第二行 does too (x1 420) across the page
    lines = str(text).split("\n")
    assert lines[0] == "示例县二〇二四年报告"
    assert lines[1] == "第一段第一行文字到右边第一段第二行第一段末行。"
    assert lines[2] == "一、标题"
    assert lines[3] == "Latin words wrap here"
    assert locate(text, 2, 1) == (1, 2)
    assert locate(text, 2, 12) == (1, 3)  # 第一段第二行 starts at column 12
    assert locate(text, 2, 18) == (2, 1)  # 第一段末行 is the first row of page 2
    assert locate(text, 4, 18) == (2, 4)
    assert locate(text, 9, 1) is None and locate("plain", 1, 1) is None


def test_a_running_header_does_not_cut_a_paragraph_that_runs_over_the_page():
    header = [250, 350, 800, 790, 10, "示例县人民政府文件"]
    body = [[84, 420, 760, 748, 12, "一段文字到右边"], [60, 420, 740, 728, 12, "第二行到右边"]]
    pages = [
        [header] + body,
        [header, [60, 420, 760, 748, 12, "续行到右边"], [60, 420, 740, 728, 12, "又一行到右边"]],
        [header, [60, 300, 760, 748, 12, "末行。"]],
    ]
    text = pdfmod.assemble(pages)
    assert str(text) == "一段文字到右边第二行到右边续行到右边又一行到右边末行。"
    assert locate(text, 1, 15) == (2, 2)  # 续行 is the second row of page 2, under the header
    assert locate(text, 1, 25) == (3, 2)


def test_radicals_from_a_fonts_unicode_map_are_read_as_ideographs():
    chars = [
        (60 + 12 * i, 72 + 12 * i, 700, 712, 12, pdfmod._char(c))
        for i, c in enumerate(["⼈", "⺠", "法", "院", "⻓", "(cid:7)"])
    ]
    assert pdfmod._rows(chars)[0][5] == "人民法院长□"


# ---------------------------------------------------------------------------------------------------
# what cannot be read is said, exit 2, no traceback


def _cli_extract(path, *extra):
    """``fazhi extract`` in a fresh process: exit code, stdout, stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "checker", "extract", str(path), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    return done.returncode, done.stdout, done.stderr


def _said(path, code, pack, **params):
    ex = extract(path, pack)
    assert ex.text == "" and [d.code for d in ex.diagnostics] == [code], ex.diagnostics
    for key, value in params.items():
        assert ex.diagnostics[0].params[key] == value
    return ex.diagnostics[0]


def test_a_scanned_pdf_with_no_text_layer_is_said_with_what_to_do(tmp_path, pack):
    image = _stream(
        b"\x00" * 300,
        b"/Type /XObject /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(make_pdf([[], []], extra_objects=[image]))
    diag = _said(path, "extract.pdf_no_text", pack, pages=2)
    assert "OCR" in diag.hint("zh") and ".docx" in diag.hint("zh")
    code, out, err = _cli_extract(path)
    assert code == 2 and out == "" and "Traceback" not in err
    assert "扫描件.pdf: PDF 没有文字层（可能是扫描件）：2 页中都没有可读取的文字" in err
    assert "OCR" in err


def test_a_pdf_with_some_scanned_pages_reads_the_rest_and_names_those_pages(tmp_path, pack):
    pages, _, _ = typeset("示例县2024年法治政府建设年度报告\n2024年，示例县坚持依法行政。")
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([pages[0], [], []]))
    ex = extract(path, pack)
    assert (ex.region, ex.year) == ("示例县", 2024)
    notes = [d for d in ex.diagnostics if d.code == "extract.pdf_blank_pages"]
    assert len(notes) == 1 and notes[0].severity == "note" and notes[0].params == {"pages": "2、3"}


def test_a_pdf_whose_font_has_no_unicode_mapping_is_said(tmp_path, pack):
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([[(60, 700, 12, "示例县人民政府关于法治政府建设情况的报告")]], font=BARE, cid=BARE_CID))
    _said(path, "extract.pdf_no_unicode", pack)


def test_an_encrypted_pdf_is_said(tmp_path, pack):
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -4 >>"
    pages, _, _ = typeset("示例县2024年报告\n正文")
    data = make_pdf(
        pages, extra_objects=[encrypt], trailer_extra=b"/Encrypt 6 0 R /ID [<0123456789abcdef> <0123456789abcdef>] "
    )
    path = tmp_path / "加密.pdf"
    path.write_bytes(data)
    diag = _said(path, "extract.pdf_encrypted", pack)
    assert "密码" in diag.hint("zh")
    code, _, err = _cli_extract(path)
    assert code == 2 and "Traceback" not in err and "加密.pdf: PDF 已加密" in err


@pytest.mark.parametrize(
    "data",
    [
        b"not a pdf at all",
        b"%PDF-1.4\n" + b"\x00garbage" * 100,
        None,  # a real PDF cut in half
    ],
)
def test_a_damaged_pdf_is_said(tmp_path, pack, data):
    if data is None:
        pages, _, _ = typeset("示例县2024年报告\n正文" * 20)
        whole = make_pdf(pages)
        data = whole[: len(whole) // 2]
    path = tmp_path / "坏.pdf"
    path.write_bytes(data)
    ex = extract(path, pack)
    assert ex.text == "" and [d.code for d in ex.diagnostics] in (["extract.pdf_corrupt"], ["extract.pdf_no_text"])
    code, _, err = _cli_extract(path)
    assert code == 2 and "Traceback" not in err and "坏.pdf: " in err


def test_a_legacy_doc_or_wps_is_said_with_what_to_save_it_as(tmp_path, pack):
    for name in ("报告.doc", "报告.wps", "报告.DOC"):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
        diag = _said(path, "extract.legacy_format", pack, to=".docx")
        assert diag.message("zh").endswith("是旧版 Word/WPS 文档格式，无法直接读取")
        assert "另存为 .docx" in diag.hint("zh")
    code, out, err = _cli_extract(tmp_path / "报告.doc")
    assert code == 2 and out == "" and "Traceback" not in err and "另存为 .docx" in err


def test_pdf_and_legacy_documents_are_reports_in_folders_and_commands(tmp_path):
    from checker.inputs.dispatch import is_report, wanted

    assert is_report("a/报告.PDF") and is_report("x.doc") and is_report("x.wps")
    assert wanted("报告.pdf") and wanted("旧稿.doc") and not wanted("README.pdf")


def test_check_reads_a_pdf_report(tmp_path):
    pages, _, _ = typeset((CORPUS / "qinghe-2024.txt").read_text(encoding="utf-8"))
    path = tmp_path / "青禾县.pdf"
    path.write_bytes(make_pdf(pages))
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr
    import json

    result = json.loads(done.stdout)
    assert "Traceback" not in done.stderr
    assert json.dumps(result, ensure_ascii=False).count("青禾县") >= 1


# ---------------------------------------------------------------------------------------------------
# files built to exhaust the reader: each stops at its bound with its message


def test_a_pdf_of_more_pages_than_the_cap_is_refused(tmp_path, pack, monkeypatch):
    monkeypatch.setattr(pdfmod, "MAX_PAGES", 40)
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([[(60, 700, 12, "正文")]] * 41))
    _said(path, "extract.pdf_too_many_pages", pack, limit=40)


def test_the_page_cap_holds_at_its_real_value(tmp_path, pack):
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([[]] * (pdfmod.MAX_PAGES + 1)))
    _said(path, "extract.pdf_too_many_pages", pack, limit=pdfmod.MAX_PAGES)


def test_a_page_drawing_characters_without_end_is_refused(tmp_path, pack, monkeypatch):
    monkeypatch.setattr(pdfmod, "MAX_PAGE_CHARS", 5000)
    rows = [(60, 800 - i, 1, "法" * 200) for i in range(30)]  # 6,000 characters on page 2
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([[(60, 700, 12, "第一页")], rows]))
    _said(path, "extract.pdf_page_too_large", pack, limit=5000, page=2)


def _bomb_pdf(raw_size: int, filters: int) -> bytes:
    """One page whose content stream inflates to ``raw_size`` bytes (spaces: no text), compressed
    ``filters`` times over."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(raw_size >> 20)) + packer.flush()
    for _ in range(filters - 1):
        data = zlib.compress(data, 9)
    names = b" ".join([b"/FlateDecode"] * filters)
    objects = [
        _stream(data, b"/Filter [%s] " % names),
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 1 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        b"<< /Type /Catalog /Pages 3 0 R >>",
    ]
    return _obj_pdf(objects, 4)


def test_a_compression_bomb_is_stopped_at_the_memory_bound(tmp_path, pack, monkeypatch):
    monkeypatch.setattr(pdfmod, "MEMORY", 160 << 20)
    report = tmp_path / "report.pdf"  # what a report needs fits the same bound
    report.write_bytes(make_pdf(typeset((CORPUS / "qinghe-2024.txt").read_text(encoding="utf-8"))[0]))
    assert extract(report, pack).region == "青禾县"
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_bomb_pdf(240 << 20, 2))  # 240 MB from a few KB
    assert path.stat().st_size < 100_000
    diag = _said(path, "extract.pdf_memory", pack, limit=160 << 20)
    assert "压缩炸弹" in diag.message("zh")


def test_a_pdf_that_would_take_without_end_is_stopped_at_the_time_bound(tmp_path, pack, monkeypatch):
    monkeypatch.setattr(pdfmod, "TIMEOUT", 2)
    ops = zlib.compress(b"q 1 0 0 1 0 0 cm Q\n" * 3_000_000, 9)  # millions of operators, no text
    objects = [
        _stream(ops, b"/Filter /FlateDecode "),
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 1 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        b"<< /Type /Catalog /Pages 3 0 R >>",
    ]
    path = tmp_path / "slow.pdf"
    path.write_bytes(_obj_pdf(objects, 4))
    _said(path, "extract.pdf_timeout", pack, seconds=2)


def test_objects_nested_without_end_are_said_not_a_crash(tmp_path, pack):
    nested = b"[" * 50_000 + b"]" * 50_000  # fifty times Python's recursion limit
    pages, _, _ = typeset("示例县2024年报告\n正文")
    path = tmp_path / "deep.pdf"
    path.write_bytes(make_pdf(pages, page_extra=b"/Annots " + nested + b" "))
    ex = extract(path, pack)
    codes = [d.code for d in ex.diagnostics]
    # read in spite of it, or refused as damaged: either way said, never a crash
    assert ex.text == "示例县2024年报告\n正文" or codes == ["extract.pdf_corrupt"], codes
    code, _, err = _cli_extract(path)
    assert "Traceback" not in err and code in (0, 2)


def test_a_paged_text_is_a_string_that_knows_its_places():
    text = PagedText("甲\n乙")
    assert text == "甲\n乙" and text.places == () and locate(text, 1, 1) is None
