"""Hostile input at the reading layer (issue 18): one capped reader for every kind of file, .docx
and .html that cannot be read or would cost quadratic work, hidden HTML text, encodings that only
look like GBK, one guard for region names (files and --region alike), digits of other scripts and
dates with a time zone. Work is bounded by what it produces or allocates, never by a clock."""

import io
import os
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from checker.extract import extract, reader
from checker.extract.numbers import halfwidth
from checker.inputs.decode import MAX_BYTES, decode
from checker.inputs.structured import load_submission
from checker.pack import read_yaml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# 1. one reader that caps bytes for every input kind ------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_at_the_limit_not_read_to_the_end(pack):
    """st_size of a device is 0: the limit held only for regular files, and memory filled."""
    sub = load_submission("/dev/zero", pack.catalogue)
    assert [(d.code, d.params) for d in sub.diagnostics] == [
        ("input.too_large", {"size": f">{MAX_BYTES}", "limit": MAX_BYTES})
    ]
    assert sub.diagnostics[0].message("zh") == f"文件过大（>{MAX_BYTES} 字节，上限 {MAX_BYTES} 字节），拒绝读取"
    diags = []
    assert reader.read_report(Path("/dev/zero"), diags) is None
    assert [(d.code, d.params["size"]) for d in diags] == [("input.too_large", f">{reader.MAX_BYTES}")]
    diags = []
    assert read_yaml(Path("/dev/zero"), diags) is None  # a profile or scheme given by path
    assert [d.code for d in diags] == ["input.too_large"]


def test_dev_zero_as_a_waiver_file_is_refused(pack):
    from checker.waivers import load_waivers

    waivers, diags = load_waivers("/dev/zero", pack)
    assert waivers == [] and [d.code for d in diags] == ["input.too_large"]


def _fifo_fed(path: Path, total: int, head: bytes = b"") -> threading.Thread:
    """A FIFO at ``path`` and a thread that writes ``total`` bytes into it (``head`` first, then
    ``#``), stopping when the reader closes its end: how far the reader reads is all that decides."""
    os.mkfifo(path)

    def write():
        try:
            with open(path, "wb") as fifo:
                fifo.write(head)
                left = total - len(head)
                while left > 0:
                    step = min(left, 1 << 16)
                    fifo.write(b"#" * step)
                    left -= step
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_named_as_a_submission_is_read_up_to_the_limit_only(tmp_path, pack):
    writer = _fifo_fed(tmp_path / "pipe.yaml", MAX_BYTES + (3 << 20), b"region: x\n")
    sub = load_submission(tmp_path / "pipe.yaml", pack.catalogue)
    writer.join()
    assert [(d.code, d.params["size"]) for d in sub.diagnostics] == [("input.too_large", f">{MAX_BYTES}")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_named_as_a_report_is_read_up_to_the_limit_only(tmp_path):
    writer = _fifo_fed(tmp_path / "pipe.txt", reader.MAX_BYTES + (1 << 20))
    diags = []
    assert reader.read_report(tmp_path / "pipe.txt", diags) is None
    writer.join()
    assert [(d.code, d.params["size"]) for d in diags] == [("input.too_large", f">{reader.MAX_BYTES}")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_small_fifo_is_read_as_asked(tmp_path, pack):
    text = "region: 示例县\nyear: 2024\nindicators:\n  emergency.county_drills: 2\n".encode()
    writer = _fifo_fed(tmp_path / "small.yaml", len(text), text)
    sub = load_submission(tmp_path / "small.yaml", pack.catalogue)
    writer.join()
    assert sub.diagnostics == [] and sub.region == "示例县" and sub.values["emergency.county_drills"].value == 2


def test_read_capped_reads_a_regular_file_at_the_limit_and_refuses_one_byte_more(tmp_path):
    from checker import inputfile

    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert inputfile.read_capped(path, 100) == b"x" * 100
    with pytest.raises(inputfile.TooLarge) as caught:
        inputfile.read_capped(path, 99)
    assert caught.value.size == 100  # a regular file: its size, known before reading


# 2. a .docx that cannot be read: a located input error for that file only -------------------------


def _docx_bytes(body: str, compress=zipfile.ZIP_DEFLATED) -> bytes:
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _patch_member(data: bytes, name: str, **fields) -> bytes:
    """``data`` with the local and central headers of member ``name`` changed: ``flags`` (general
    purpose bits), ``method`` (compression), or its compressed bytes ``corrupt``ed in the middle."""
    data = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    central = next(i for i in _all(data, b"PK\x01\x02") if data[i + 46 : i + 46 + len(name)] == name.encode())
    for offset, field in (
        (local + 6, "flags"),
        (central + 8, "flags"),
        (local + 8, "method"),
        (central + 10, "method"),
    ):
        if field in fields:
            data[offset : offset + 2] = fields[field].to_bytes(2, "little")
    if fields.get("corrupt"):
        start = (
            local
            + 30
            + int.from_bytes(data[local + 26 : local + 28], "little")
            + int.from_bytes(data[local + 28 : local + 30], "little")
        )
        middle = start + info.compress_size // 2
        data[middle : middle + 8] = b"\xff" * 8
    return bytes(data)


def _all(data: bytes, needle: bytes):
    i = data.find(needle)
    while i >= 0:
        yield i
        i = data.find(needle, i + 1)


def _docx_cases() -> dict:
    body = "".join(_para(f"第{i}段：全年办理行政复议案件{i}件，依法纠错{i % 7}件。") for i in range(400))
    good = _docx_bytes(body)
    return {
        "corrupt.docx": (
            _patch_member(good, "word/document.xml", corrupt=True),
            "extract.docx_corrupt",
            ".docx 中的 word/document.xml 压缩数据已损坏",
        ),
        "encrypted.docx": (
            _patch_member(good, "word/document.xml", flags=0x1),
            "extract.docx_encrypted",
            ".docx 中的 word/document.xml 已加密，无法读取",
        ),
        "ole.docx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),
            "extract.docx_ole",
            "文件不是 .docx（ZIP）格式，而是 OLE 复合文档：加密的 Office 文档或旧版 .doc",
        ),
        "method.docx": (
            _patch_member(good, "word/document.xml", method=99),
            "extract.docx_compression",
            ".docx 中的 word/document.xml 使用了不支持的压缩方式（99）",
        ),
        "bomb.docx": (
            _docx_bytes(_para("字" * 10) + " " * (reader.MAX_BYTES + 1024)),
            "extract.docx_too_large",
            f".docx 中的 word/document.xml 解压后超过 {reader.MAX_BYTES} 字节，拒绝读取",
        ),
    }


@pytest.mark.parametrize("name", sorted(_docx_cases()))
def test_a_docx_that_cannot_be_read_is_one_located_input_error(tmp_path, name):
    data, code, message = _docx_cases()[name]
    path = tmp_path / name
    path.write_bytes(data)
    diags = []
    assert reader.read_report(path, diags) is None
    assert [(d.file, d.line, d.column, d.code, d.message("zh")) for d in diags] == [
        (str(path), None, None, code, message)
    ]
    assert diags[0].hint("zh") and diags[0].hint("en")


def test_a_zip_bomb_that_understates_its_size_is_still_capped(tmp_path):
    data = _docx_bytes(_para("字") + " " * (reader.MAX_BYTES + 1024))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
    data = bytearray(data)
    for i in _all(data, b"PK\x01\x02"):  # the central directory says 1,000 bytes
        if data[i + 46 : i + 46 + 17] == b"word/document.xml":
            data[i + 24 : i + 28] = (1000).to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = (1000).to_bytes(4, "little")
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    diags = []
    assert reader.read_report(path, diags) is None
    assert len(diags) == 1 and diags[0].code.startswith("extract.docx")


def test_broken_docx_files_do_not_stop_the_run(tmp_path):
    for name, (data, _, _) in _docx_cases().items():
        (tmp_path / name).write_bytes(data)
    good = ROOT / "samples" / "sheqi-2024.yaml"
    out = run_cli("check", *sorted(tmp_path.iterdir()), good, "--format", "json")
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 2
    import json

    results = {Path(r["file"]).name: r for r in json.loads(out.stdout)["results"]}
    assert {name: results[name]["errors"][0]["code"] for name in _docx_cases()} == {
        name: code for name, (_, code, _) in _docx_cases().items()
    }
    assert results["sheqi-2024.yaml"]["status"] != "error" and results["sheqi-2024.yaml"]["findings"]


# 3. nested .docx paragraphs and nested or unclosed HTML blocks: linear work -------------------------


def test_nested_docx_paragraphs_give_each_text_once(tmp_path):
    """Each paragraph's text gathered all its descendants': 884 bytes took 3.4 GB. Here 3,000 nested
    paragraphs of one character each: 3,000 characters out (quadratic: 4.5 million)."""
    depth = 3000
    body = "<w:p><w:r><w:t>字</w:t></w:r>" * depth + "</w:p>" * depth
    path = tmp_path / "nested.docx"
    path.write_bytes(_docx_bytes(body))
    tracemalloc.start()
    try:
        text = reader.read_report(path, [])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text == "\n".join(["字"] * depth)
    assert peak < 40 * 1024 * 1024, peak


def test_a_text_box_paragraph_inside_a_paragraph_is_a_line_of_its_own(tmp_path):
    body = (
        "<w:p><w:r><w:t>正文前</w:t></w:r><w:r><w:pict><w:txbxContent>"
        + _para("文本框")
        + "</w:txbxContent></w:pict></w:r><w:r><w:t>正文后</w:t></w:r></w:p>"
        + _para("下一段")
    )
    path = tmp_path / "box.docx"
    path.write_bytes(_docx_bytes(body))
    assert reader.read_report(path, []) == "文本框\n正文前正文后\n下一段"


@pytest.mark.parametrize("closed", [True, False])
def test_nested_or_unclosed_html_content_blocks_are_measured_once(tmp_path, monkeypatch, closed):
    """Every content block was joined and cleaned on its own: 200 KB took 24-42 s. The characters
    handed to _clean are the work: once the page (quadratic: 5,000 blocks times the page)."""
    depth = 5000
    page = (
        "<html><body>"
        + '<div class="content"><p>全年办理行政复议案件12件。</p>' * depth
        + ("</div>" * depth if closed else "")
        + "</body></html>"
    )
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    cleaned = []
    real = reader._clean
    monkeypatch.setattr(reader, "_clean", lambda text: cleaned.append(len(text)) or real(text))
    text = reader.read_report(path, [])
    assert text.count("全年办理行政复议案件12件。") == depth
    assert sum(cleaned) <= 2 * len(page), sum(cleaned)


# 4. hidden HTML text is not report text --------------------------------------------------------------


def test_hidden_html_text_is_not_extracted(tmp_path):
    page = (
        "<html><body><div class='content'>"
        "<p>全年办理行政复议案件12件。</p>"
        "<p style='display: none'>全年办理行政复议案件99件。</p>"
        "<div hidden><p>隐藏一</p></div>"
        '<span style="VISIBILITY:hidden">隐藏二</span>'
        "<template><p>隐藏三</p></template>"
        "<script>var s = '隐藏四';</script><style>.x{content:'隐藏五'}</style><noscript>隐藏六</noscript>"
        "<img hidden src=x.png><p>图后可见</p>"
        "<p aria-hidden='true'>读屏隐藏但可见</p>"
        "<p hidden>未闭合的隐藏段落<p>下一段可见"
        "</div></body></html>"
    )
    path = tmp_path / "hidden.html"
    path.write_text(page, encoding="utf-8")
    assert reader.read_report(path, []) == "全年办理行政复议案件12件。\n图后可见\n读屏隐藏但可见\n下一段可见"


# 5. encodings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["big5", "shift_jis"])
def test_a_report_in_big5_or_shift_jis_is_refused_not_read_as_mojibake(tmp_path, encoding):
    text = {
        "big5": "社旗縣2024年法治政府建設年度報告\n全年共辦理行政復議案件120件，依法辦結率100%。",
        "shift_jis": "社旗県2024年法治政府建設年次報告書です。行政不服審査の件数は120件でした。",
    }[encoding]
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    diags = []
    assert reader.read_report(path, diags) is None
    assert [(d.code, d.severity) for d in diags] == [("input.encoding_implausible", "error")]
    assert diags[0].hint("zh") == "请另存为 UTF-8 编码" and diags[0].hint("en") == "save the file as UTF-8"


def test_gbk_with_a_rare_character_in_a_name_is_still_read():
    diags = []
    text = "region: 堃县\nyear: 2024\n"
    assert decode(text.encode("gbk"), "x", diags) == text
    assert [d.code for d in diags] == ["input.gb18030"]


def test_utf32_with_a_bom_is_decoded(tmp_path):
    for codec in ("utf-32", "utf-32-le", "utf-32-be"):
        data = ("\ufeff" if codec != "utf-32" else "") + "社旗县2024年法治政府建设年度报告\n"
        diags = []
        assert decode(data.encode(codec), "x", diags) == "社旗县2024年法治政府建设年度报告\n" and diags == []


# 6. one guard for region names: files, reports and --region ---------------------------------------------


def test_region_names_are_one_form(tmp_path, pack):
    """A compatibility ideograph (U+F90A stands for 金), a decomposed form, padding of full-width
    and no-break spaces: the same name as typed plainly, so one county is ranked once."""
    names = []
    for i, region in enumerate(("金水县", "\uf90a水县", "\u3000金水县\u00a0", "Cafe\u0301县", "Café县")):
        path = tmp_path / f"{i}.yaml"
        path.write_text(f'region: "{region}"\nyear: 2024\nindicators: {{}}\n', encoding="utf-8")
        sub = load_submission(path, pack.catalogue)
        assert sub.diagnostics == []
        names.append(sub.region)
    assert names == ["金水县"] * 3 + ["Café县"] * 2


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u2060", "\U000e0041", "\u00ad", "\ufe0f", "\u3164"])
def test_an_invisible_character_in_a_region_is_refused_where_it_stands(tmp_path, pack, char):
    path = tmp_path / "r.yaml"
    path.write_text(f'year: 2024\nregion: "示例{char}县"\nindicators: {{}}\n', encoding="utf-8")
    sub = load_submission(path, pack.catalogue)
    assert [(d.line, d.column, d.code, d.params["index"], d.params["char"]) for d in sub.diagnostics] == [
        (2, 9, "input.region_invisible", 3, f"U+{ord(char):04X}")
    ]
    assert sub.region is None


def test_the_region_override_goes_through_the_same_guard(pack):
    report = ROOT / "tests" / "corpus" / "qinghe-2024.txt"
    ex = extract(report, pack, region="\u3000\uf90a水县 ")
    assert ex.region == "金水县"
    ex = extract(report, pack, region="金水\u200b县")
    assert ex.region is None
    assert [(d.code, d.params["char"]) for d in ex.diagnostics if d.severity == "error"] == [
        ("input.region_invisible", "U+200B")
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--region", "金水\u200b县"],
            "参数 --region：region 第 3 个字符 U+200B 是不可见字符或格式字符：金水\\u200b县",
        ),
        (
            ["--region", "金水县\n::error::x"],
            "参数 --region：region 含有换行、控制字符或改变文字方向的标记：金水县\\n::error::x",
        ),
        (["--year", "12345"], "参数 --year：--year 应为 1990 至 2100 之间的年份，读到 12345"),
        (["--year", "２０２４"], "参数 --year：--year 应为 1990 至 2100 之间的年份，读到 ２０２４"),
        (
            ["--published-on", "2025-02-30"],
            "参数 --published-on：--published-on 应为日期（如 2025-03-20），读到 2025-02-30",
        ),
    ],
)
def test_overrides_are_validated_as_the_file_fields_are(capsys, args, message):
    from checker.cli import build_parser

    with pytest.raises(SystemExit) as caught:
        build_parser("zh").parse_args(["check", "r.txt", *args])
    assert caught.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"fazhi check：错误：{message}"


def test_valid_overrides_are_read_as_the_file_fields_are():
    import datetime as dt

    from checker.cli import build_parser

    args = build_parser("zh").parse_args(
        ["check", "r.txt", "--region", " \uf90a水县", "--year", "2024", "--published-on", "2025年3月20日"]
    )
    assert (args.region, args.year, args.published_on) == ("金水县", 2024, dt.date(2025, 3, 20))


# 7. digits of other scripts in reports: read as full-width digits are ---------------------------------


def test_digits_of_other_scripts_are_ascii_digits_in_report_text():
    assert halfwidth("共١٢件，۳۴次，१२३项，１２个") == "共12件,34次,123项,12个"


# 8. a publication time with a time zone is a day in China ------------------------------------------------


def test_a_published_on_with_a_time_zone_is_read_in_china_standard_time():
    import datetime as dt

    from checker.inputs.values import parse_value

    for written, day in (
        ("2025-03-31T23:59:59-12:00", dt.date(2025, 4, 1)),
        ("2025-04-01T07:59:59+00:00", dt.date(2025, 4, 1)),
        ("2025-03-31T15:59:59+00:00", dt.date(2025, 3, 31)),
        ("2025-04-01T00:30:00+08:00", dt.date(2025, 4, 1)),
    ):
        when = dt.datetime.fromisoformat(written)
        parsed = parse_value(when, "date")
        assert (parsed.value, parsed.note) == (day, "value.normalised_tz"), written
    naive = parse_value(dt.datetime(2025, 3, 31, 23, 59), "date")
    assert (naive.value, naive.note) == (dt.date(2025, 3, 31), "value.normalised")
