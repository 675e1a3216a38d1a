"""The second hostile review's defects (after issue 18): entity expansion in a .docx, YAML that costs
hundreds of times its size to compose, control characters in JUnit, annotations and Markdown,
closed standard streams, a run that read its own stdout file, and SIGTERM/SIGHUP leaving temporary
files. Each test gives the exact outcome; none waits on time (a FIFO says when the run is ready)."""

import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xmlschema
from conftest import ROOT, SAMPLES, run_cli

SAMPLE = SAMPLES / "sheqi-2024.yaml"
JUNIT = xmlschema.XMLSchema(str(ROOT / "tests" / "schemas" / "junit-10.xsd"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return path


def _body(text: str) -> str:
    return f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'


# ---- D1: a document type or entity declaration in a .docx ------------------------------------------


def test_a_docx_declaring_an_entity_is_refused_at_the_declaration(tmp_path):
    from checker.extract.reader import read_report

    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE d [<!ENTITY a "' + "法" * 50 + '">]>\n' + _body("&a;" * 10)
    diags = []
    assert read_report(_docx(tmp_path / "amp.docx", xml), diags) is None
    assert [(d.code, d.params) for d in diags] == [
        ("extract.docx_doctype", {"member": "word/document.xml", "line": 2, "column": 13})
    ]
    assert diags[0].message("en") == (
        "word/document.xml in the .docx has a document type or entity declaration "
        "(<!DOCTYPE, <!ENTITY) at line 2, column 13; refused"
    )


def test_a_docx_with_a_doctype_and_no_entity_is_refused_too(tmp_path):
    from checker.extract.reader import read_report

    diags = []
    read_report(_docx(tmp_path / "d.docx", '<!DOCTYPE w:document SYSTEM "/dev/zero">' + _body("x")), diags)
    assert [d.code for d in diags] == ["extract.docx_doctype"]


def test_the_text_of_a_docx_is_held_to_the_cap_however_it_expands(tmp_path, monkeypatch):
    """The second line of defence: were a declaration let through, the text it expands to counts
    against the cap (only the compressed stream's bytes did)."""
    from xml.parsers import expat

    from checker.extract import reader

    monkeypatch.setattr(reader, "MAX_BYTES", 10_000)

    def lenient(member):
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        return parser

    monkeypatch.setattr(reader, "xml_parser", lenient)
    xml = '<!DOCTYPE d [<!ENTITY a "' + "x" * 1000 + '">]>' + _body("&a;" * 20)
    assert len(xml) < 10_000
    diags = []
    assert reader.read_report(_docx(tmp_path / "amp.docx", xml), diags) is None
    assert [d.code for d in diags] == ["extract.docx_too_large"]


def test_a_docx_still_reads_as_before(tmp_path):
    from checker.extract.reader import read_report

    xml = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>第一段</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">'
        f"续 &amp; 完</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:body></w:document>"
    )
    diags = []
    assert read_report(_docx(tmp_path / "ok.docx", xml), diags) == "第一段续 & 完\n第二段" and diags == []


def test_a_docx_bomb_beside_a_submission_leaves_the_run_and_its_json_whole(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    _docx(folder / "amp.docx", '<!DOCTYPE d [<!ENTITY a "' + "x" * 100 + '">]>' + _body("&a;" * 100))
    (folder / "a.yaml").write_bytes(SAMPLE.read_bytes())
    out = run_cli("check", folder, "--format", "json")
    assert out.returncode == 2, out.stderr
    results = {Path(r["file"]).name: r for r in json.loads(out.stdout)["results"]}
    assert results["a.yaml"]["status"] == "fail"
    assert [e["code"] for e in results["amp.docx"]["errors"]] == ["extract.docx_doctype"]


# ---- D2: YAML and JSON held to a number of nodes; running out of memory is one file's error ----------


def _list_of(count: int, json_mode: bool = False) -> str:
    if json_mode:
        return '{"region": "测试县", "year": 2024, "indicators": [' + ",".join(["0"] * count) + "]}"
    return "region: 测试县\nyear: 2024\nindicators: [" + "0," * count + "]\n"


def test_yaml_at_the_node_limit_is_composed_and_one_past_it_is_refused_where_it_passes():
    from checker import yamlpos

    # nodes: the mapping, two keys and their values, the key indicators and its list: 7; then the items
    at_limit = _list_of(yamlpos.MAX_NODES - 7)
    assert not [d for d in yamlpos.load(at_limit, "a.yaml")[1] if d.code == "yaml.too_many_nodes"]
    data, diags = yamlpos.load(_list_of(yamlpos.MAX_NODES - 6), "b.yaml")
    assert data is None
    column = len("indicators: [") + 2 * (yamlpos.MAX_NODES - 7) + 1
    assert [(d.code, d.line, d.column, d.params) for d in diags] == [
        ("yaml.too_many_nodes", 3, column, {"limit": 100_000})
    ]


@pytest.mark.parametrize("json_mode", [False, True])
def test_a_file_of_a_million_empty_lists_is_refused_with_its_place(tmp_path, json_mode):
    from checker.inputs.structured import load_submission
    from checker.pack import load_pack_or_raise

    name = "lists.json" if json_mode else "lists.yaml"
    text = (
        _list_of(0, json_mode).replace("[]", "[" + ",".join(["[]"] * 1_000_000) + "]")
        if json_mode
        else "region: 测试县\nyear: 2024\nindicators: [" + "[]," * 1_000_000 + "]\n"
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    sub = load_submission(tmp_path / name, load_pack_or_raise().catalogue)
    assert [(d.code, d.line) for d in sub.diagnostics] == [("yaml.too_many_nodes", 3 if not json_mode else 1)]


def test_running_out_of_memory_reading_one_file_is_that_files_input_error(tmp_path, monkeypatch, capsys):
    from checker.cli import main
    from checker.inputs import structured as submission

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(SAMPLE.read_bytes())
    (folder / "b.yaml").write_bytes(SAMPLE.read_bytes())
    real = submission.load_submission

    def load(path, cat):
        if Path(path).name == "b.yaml":
            raise MemoryError
        return real(path, cat)

    monkeypatch.setattr(submission, "load_submission", load)
    out = tmp_path / "o.json"
    assert main(["check", str(folder), "--jobs", "1", "--format", f"json={out}"]) == 2
    results = {Path(r["file"]).name: r for r in json.loads(out.read_text(encoding="utf-8"))["results"]}
    assert results["a.yaml"]["status"] == "fail"
    assert [(e["code"], e["message"]) for e in results["b.yaml"]["errors"]] == [
        ("input.out_of_memory", "读取此文件时内存不足，未读取（其他文件照常检查）")
    ]


# ---- D4: control characters in JUnit, GitHub annotations and Markdown -------------------------------

CONTROLS = 'region: 测试县\nyear: 2024\nindicators:\n  regulation.normative_docs_issued: "1\\e[31m\\x01"\n  "bad\\ekey\\x02\\x7f": 3\n'


@pytest.fixture()
def controls(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "ctl.yaml").write_text(CONTROLS, encoding="utf-8")
    (folder / "name\x1b[31mred\x0b.yaml").write_bytes((SAMPLES / "fictional-missed-rate.yaml").read_bytes())
    return folder


RAW = ["\x1b", "\x01", "\x02", "\x0b", "\x7f"]


def test_junit_with_control_characters_is_valid_xml(controls, tmp_path):
    out = tmp_path / "o.xml"
    run = run_cli("check", controls, "--format", f"junit={out}")
    assert run.returncode == 2, run.stderr
    text = out.read_text(encoding="utf-8")
    assert not [c for c in RAW if c in text]
    JUNIT.validate(str(out))
    assert "bad\\x1bkey\\x02\\x7f" in text and "name\\x1b[31mred\\x0b.yaml" in text


def test_annotations_and_markdown_show_control_characters_escaped(controls):
    for fmt in ("github", "markdown"):
        run = run_cli("check", controls, "--format", fmt)
        assert run.returncode == 2 and not [c for c in RAW if c in run.stdout], (fmt, run.stdout)
        assert "bad\\x1bkey\\x02\\x7f" in run.stdout.replace("\\\\", "\\"), fmt
    github = run_cli("check", controls, "--format", "github").stdout
    assert "file=" + str(controls / "name\\x1b[31mred\\x0b.yaml").replace(":", "%3A") in github


def test_printable_escapes_what_no_format_may_carry_raw():
    from checker.outputs import printable

    assert (
        printable("a\x1b[31m\x01\x7f\x85\tb\nc\r\ud800\udc81\uffff")
        == "a\\x1b[31m\\x01\\x7f\\x85\tb\nc\r\\ud800\\x81\\uffff"
    )


# ---- D5: closed standard streams --------------------------------------------------------------------


def _run_closed(fds, *args, cwd=ROOT):
    env = dict(os.environ, NO_COLOR="1")

    def close():
        for fd in fds:
            os.close(fd)

    pipes = {"stdout": subprocess.PIPE if 1 not in fds else None, "stderr": subprocess.PIPE if 2 not in fds else None}
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)], preexec_fn=close, cwd=cwd, env=env, timeout=120, **pipes
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", SAMPLE],
        ["check", SAMPLE, "--format", "json"],
        ["score", SAMPLE],
        ["rules", "list"],
        ["rules", "show", "RULE-001"],
        ["validate", SAMPLE],
        ["check", "/nonexistent"],
    ],
)
def test_with_stdout_closed_a_command_that_prints_ends_quietly_with_2(args):
    run = _run_closed([1], *args)
    assert (run.returncode, run.stderr.decode()) == (2, "")


def test_with_stdout_closed_a_command_that_writes_files_works(tmp_path):
    run = _run_closed([1], "check", SAMPLE, "--format", f"json={tmp_path / 'o.json'}")
    assert run.returncode == 1 and json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["results"]
    run = _run_closed([1], "extract", ROOT / "tests" / "corpus" / "jichuan-2025.txt", "-o", tmp_path / "e.yaml")
    assert run.returncode == 0 and "region: 霁川县" in (tmp_path / "e.yaml").read_text(encoding="utf-8")


def test_with_stderr_closed_the_exit_code_is_what_it_would_be():
    assert _run_closed([2], "extract", ROOT / "tests" / "corpus" / "jichuan-2025.txt").returncode == 0
    assert _run_closed([2], "check", SAMPLE, "--format", "json=/dev/full").returncode == 2
    assert _run_closed([2], "check", SAMPLE, "--today", "20250101").returncode == 2
    assert _run_closed([2], "check", SAMPLE).returncode == 1


def test_paths_from_stdin_with_stdin_closed_is_an_input_error():
    run = _run_closed([0], "check", "--paths-from", "-", "--lang", "en")
    assert (run.returncode, run.stderr.decode()) == (
        2,
        "<stdin>: stdin is closed: --paths-from - has nothing to read\n"
        "    hint: pipe the list in (find … | fazhi check --paths-from -), "
        "or give --paths-from FILE\n",
    )


# ---- D6: this run's stdout (or stderr) file, and an earlier run's text output, in a folder walked ----


def _folder(tmp_path) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "s.yaml").write_bytes(SAMPLE.read_bytes())
    return folder


def test_the_file_stdout_is_redirected_to_is_not_read(tmp_path):
    folder = _folder(tmp_path)
    for _ in range(2):  # the second run: the shell has emptied it again
        with open(folder / "all.json", "wb") as stdout:
            run = subprocess.run(
                [sys.executable, "-m", "checker", "check", str(folder), "--format", "json"],
                stdout=stdout,
                stderr=subprocess.PIPE,
                cwd=ROOT,
                timeout=120,
            )
        assert run.returncode == 1, run.stderr
        results = json.loads((folder / "all.json").read_text(encoding="utf-8"))["results"]
        assert [Path(r["file"]).name for r in results] == ["s.yaml"]
    assert run.stderr.decode().splitlines() == [
        f"{folder / 'all.json'}: 本次运行的标准输出正写入该文件，不作为输入读取"
    ]


def test_the_file_stderr_is_redirected_to_is_not_read(tmp_path):
    folder = _folder(tmp_path)
    with open(folder / "err.txt", "wb") as stderr:
        run = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(folder), "--lang", "en"],
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=ROOT,
            timeout=120,
        )
    assert run.returncode == 1
    assert (folder / "err.txt").read_text(
        encoding="utf-8"
    ) == f"{folder / 'err.txt'}: this run's stderr is being written to this file; not read as an input\n"


@pytest.mark.parametrize("extra", [[], ["--color", "always"], ["--lang", "en"], ["--format", "github"]])
def test_an_earlier_runs_text_output_saved_as_txt_is_not_read(tmp_path, extra):
    folder = _folder(tmp_path)
    (folder / "bad.yaml").write_text("region: x\n", encoding="utf-8")  # an input error: 输入有误 in the head
    first = run_cli("check", folder, *extra)
    (folder / "out.txt").write_text(first.stdout, encoding="utf-8")
    again = run_cli("check", folder, *extra)
    said = (
        "a document fazhi-checker wrote (not a submission); not read"
        if "en" in extra
        else "fazhi-checker 输出的文档（不是报送材料），未读取"
    )
    assert again.stderr.splitlines() == [f"{folder / 'out.txt'}: {said}"]
    assert again.stdout == first.stdout


def test_a_text_output_named_by_text_is_replaced_and_not_read(tmp_path):
    folder = _folder(tmp_path)
    out = folder / "out.txt"
    assert run_cli("check", folder, "--format", f"text={out}").returncode == 1
    again = run_cli("check", folder, "--format", f"text={out}")
    assert again.returncode == 1
    assert again.stderr.splitlines() == [f"{out}: 本次运行的输出文件（上次运行所写），不作为输入读取，将被替换"]


def test_a_prose_report_txt_is_still_read(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "jichuan.txt").write_bytes((ROOT / "tests" / "corpus" / "jichuan-2025.txt").read_bytes())
    run = run_cli("check", folder, "--format", "json")
    assert [Path(r["file"]).name for r in json.loads(run.stdout)["results"]] == ["jichuan.txt"]


# ---- D8: SIGTERM and SIGHUP while outputs are open ----------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
@pytest.mark.parametrize(
    "signum,code,said",
    [(signal.SIGTERM, 143, "已终止（SIGTERM）"), (signal.SIGHUP, 129, "已终止（SIGHUP：终端或会话已关闭）")],
)
@pytest.mark.parametrize(
    "command",
    [
        ["check", "in.yaml", "--jobs", "1", "--format", "json=o.json", "--format", "junit=o.xml"],
        ["score", "in.yaml", "--csv", "o.csv", "--html", "o.html", "--xlsx", "o.xlsx", "--no-progress"],
    ],
)
def test_a_stop_with_outputs_open_leaves_no_temporary_file_and_the_old_outputs(tmp_path, signum, code, said, command):
    """The input is a FIFO: opening it for writing returns once the run opens it to read, after
    every output file was created: the signal comes while they are open, whatever the timing."""
    import threading

    os.mkfifo(tmp_path / "in.yaml")
    outputs = [a.split("=")[-1] for a in command if a.startswith(("o.", "json=", "junit="))]
    for name in outputs:
        (tmp_path / name).write_bytes(b"old " + name.encode())
    run = subprocess.Popen(
        [sys.executable, "-m", "checker", *command],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    held, ready = [], threading.Event()

    def writer():
        held.append(open(tmp_path / "in.yaml", "wb"))
        ready.set()

    threading.Thread(target=writer, daemon=True).start()
    if not ready.wait(120):  # the run ended without reading its input: free the writer
        os.close(os.open(tmp_path / "in.yaml", os.O_RDONLY | os.O_NONBLOCK))
        pytest.fail(run.communicate()[1].decode())
    try:
        run.send_signal(signum)
        _, err = run.communicate(timeout=120)
    finally:
        held[0].close()
    assert (run.returncode, err.decode()) == (code, said + "\n")
    assert sorted(os.listdir(tmp_path)) == sorted(["in.yaml", *outputs])
    assert all((tmp_path / name).read_bytes() == b"old " + name.encode() for name in outputs)


def test_a_temporary_file_left_by_a_kill_is_never_read(tmp_path):
    folder = _folder(tmp_path)
    (folder / ".o.json.12345-0badf00d.tmp").write_bytes(b"")
    (folder / ".s.yaml.12345-0badf00d.tmp").write_bytes(b"{broken")
    run = run_cli("check", folder, "--format", "json")
    assert run.returncode == 1 and [Path(r["file"]).name for r in json.loads(run.stdout)["results"]] == ["s.yaml"]


def test_a_run_to_stdout_never_imports_signal():
    code = (
        "import sys; from checker.cli import main; main(['check', sys.argv[1]]); "
        "sys.stderr.write(str('signal' in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, cwd=ROOT)
    assert run.stderr.endswith("False")


# ---- minor: --today, the same-place message, a link to a folder, a file named twice -----------------


@pytest.mark.parametrize(
    "given",
    ["20250101", "2025-W01-1", "0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01", "2025-02-30", "２０２５-01-01"],
)
@pytest.mark.parametrize(
    "lang,said",
    [
        ("zh", "--today 应为 1990 至 2100 年间的日期，写作 YYYY-MM-DD（如 2025-03-20），读到 {}"),
        ("en", "--today must be a date from 1990 to 2100 written YYYY-MM-DD (such as 2025-03-20), got {}"),
    ],
    ids=["zh", "en"],
)
def test_today_is_a_date_written_yyyy_mm_dd_in_a_sane_range(given, lang, said):
    run = run_cli("check", SAMPLE, "--today", given, "--lang", lang)
    assert run.returncode == 2
    prefix = "fazhi check：错误：参数 --today：" if lang == "zh" else "fazhi check: error: argument --today: "
    assert run.stderr.splitlines()[-1] == prefix + said.format(given)


def test_today_in_range_is_taken():
    assert run_cli("check", SAMPLE, "--today", "1990-01-01").returncode == 1
    assert run_cli("check", SAMPLE, "--today", "2100-12-31").returncode == 1


def test_score_names_its_own_options_when_two_write_to_one_place(tmp_path):
    run = run_cli("score", SAMPLE, "--csv", "o.csv", "--html", "./o.csv", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert (run.returncode, run.stderr) == (
        2,
        "--csv o.csv 与 --html ./o.csv 写到同一处；每处只写一种格式\n    建议：给每种输出各自的文件名\n",
    )
    assert not list(tmp_path.iterdir())


def test_a_link_to_a_folder_under_a_submissions_name_is_said_to_be_one(tmp_path):
    folder = _folder(tmp_path)
    (folder / "proc.yaml").symlink_to(tmp_path)
    run = run_cli("check", folder, "--format", "json", "--lang", "en")
    errors = {Path(r["file"]).name: r["errors"] for r in json.loads(run.stdout)["results"]}
    assert [(e["code"], e["message"]) for e in errors["proc.yaml"]] == [
        ("file.folder_link", "a symbolic link to a folder; not followed (links inside folders are not walked)")
    ]


def test_score_reads_a_file_named_twice_once(tmp_path):
    folder = _folder(tmp_path)
    run = run_cli("score", folder, folder / "s.yaml", "--format", "json")
    assert run.returncode == 0, run.stderr
    assert run.stderr == f"{folder / 's.yaml'}: 与 {folder / 's.yaml'} 是同一个文件，只读取一次\n"
    assert len(json.loads(run.stdout)["ranking"]) == 1
