"""The command line end to end, through a subprocess: exit codes, formats, languages, determinism."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, run_cli

SHEQI = SAMPLES / "sheqi-2024.yaml"
BROKEN = SAMPLES / "invalid" / "broken.yaml"


def test_version_and_help():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("fazhi-checker ")
    out = run_cli("check", "--help")
    assert out.returncode == 0 and "--format" in out.stdout and "--profile" in out.stdout
    assert "核查" in run_cli("--help").stdout
    assert "Checks rule-of-law" in run_cli("--help", "--lang", "en").stdout


def test_check_sheqi_text_is_grouped_by_area_without_colour():
    out = run_cli("check", SHEQI, "--width", "80", "--all")
    # REPT-003 fails (the report names shortcomings, no causes); unreported indicators are not required
    assert out.returncode == 1, out.stderr
    assert "\x1b[" not in out.stdout
    assert out.stdout.startswith("社旗县 2024 · ")
    for heading in ("党的领导与推进机制 (LEAD)", "矛盾纠纷化解 (DISP)", "法治政府建设年度报告 (REPT)"):
        assert heading in out.stdout
    assert "✓ 通过" in out.stdout and "? 未报告" in out.stdout and "✓ 已报告" in out.stdout
    assert "汇总：通过 " in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
    assert "Traceback" not in out.stderr


def test_english():
    out = run_cli("check", SHEQI, "--lang", "en")
    assert "Dispute resolution (DISP)" in out.stdout
    assert "summary: pass " in out.stdout


def test_output_is_byte_identical_across_runs_and_engines_agree():
    first = run_cli("check", SHEQI, SAMPLES, "--format", "json")
    second = run_cli("check", SHEQI, SAMPLES, "--format", "json")
    assert first.stdout == second.stdout
    plain = json.loads(run_cli("check", SHEQI, SAMPLES, "--format", "json", "--engine", "python").stdout)
    default = json.loads(first.stdout)
    assert [r["findings"] for r in plain["results"]] == [r["findings"] for r in default["results"]]


def test_several_files_one_exit_code_and_input_error_wins():
    out = run_cli("check", SHEQI, BROKEN, "--format", "json")
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    assert [r["status"] for r in doc["results"]] == ["fail", "error"]


def test_broken_file_gives_located_messages_and_hints_not_a_traceback():
    out = run_cli("check", BROKEN)
    assert out.returncode == 2
    assert "Traceback" not in out.stdout + out.stderr
    assert "未知指标“disputes.reconsideration_acepted”" in out.stdout
    assert "建议：是否想写：disputes.reconsideration_accepted" in out.stdout
    assert f"{BROKEN}:15:3" in out.stdout


def test_missing_file_is_an_input_error():
    out = run_cli("check", "no-such-file.yaml")
    assert out.returncode == 2 and "no-such-file.yaml" in out.stdout


def test_format_to_file_and_unwritable_output(tmp_path):
    target = tmp_path / "out.json"
    out = run_cli("check", SHEQI, "--format", f"json={target}", "--format", "text")
    assert out.returncode == 1  # REPT-003 fails: shortcomings without causes
    assert json.loads(target.read_text(encoding="utf-8"))["results"][0]["region"] == "社旗县"
    assert "社旗县 2024" in out.stdout
    out = run_cli("check", SHEQI, "--format", f"json={tmp_path}/missing-dir/out.json")
    assert out.returncode == 2 and "无法写入输出文件" in out.stderr


def test_unknown_format_is_refused():
    out = run_cli("check", SHEQI, "--format", "yaml")
    assert out.returncode == 2 and "json" in out.stderr


def test_validate():
    out = run_cli("validate", SHEQI)
    assert out.returncode == 0 and "格式正确" in out.stdout
    out = run_cli("validate", BROKEN)
    assert out.returncode == 2 and "缺少 region" in out.stderr


def test_rules_list_and_show():
    out = run_cli("rules", "list")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert any(line.startswith("DISP-001  ") for line in lines)
    out = run_cli("rules", "show", "REPT-001", "--lang", "en")
    assert out.returncode == 0
    assert "condition: report.published_on < date(year + 1, deadline_month, deadline_day)" in out.stdout
    assert "strength: central document" in out.stdout
    out = run_cli("rules", "show", "NOPE-001")
    assert out.returncode == 2


def test_rules_lint_bundled_pack_is_clean():
    out = run_cli("rules", "lint")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("规则包检查通过")


def test_profile_changes_strength():
    out = run_cli("check", SAMPLES / "fictional-missed-rate.yaml", "--format", "json", "--profile", "henan-county")
    finding = {f["rule"]: f for f in json.loads(out.stdout)["results"][0]["findings"]}
    national = run_cli("check", SAMPLES / "fictional-missed-rate.yaml", "--format", "json")
    base = {f["rule"]: f for f in json.loads(national.stdout)["results"][0]["findings"]}
    changed = [rid for rid in base if base[rid]["strength"] != finding[rid]["strength"]]
    assert changed, "the Henan profile changes the strength of some rules"


def test_check_on_several_cores_writes_exactly_what_one_process_writes(tmp_path, pack):
    """Above parallel.MIN_FILES files the default run uses worker processes: same bytes, same exit code."""
    from checker import parallel, synth

    subs = tmp_path / "subs"
    synth.write(pack.catalogue, subs, parallel.MIN_FILES + 9)
    (subs / "zz-broken.yaml").write_text("region: 示例县\nyear: 2024\nindicators: [\n", encoding="utf-8")
    args = [subs, "no-such-file.yaml", SHEQI]
    for fmt in (["--format", "json"], ["--lang", "en"], ["--format", "json", "--format", "text=OUT"]):
        one = run_cli("check", *args, *[f.replace("OUT", str(tmp_path / "1.txt")) for f in fmt], "--jobs", "1")
        two = run_cli("check", *args, *[f.replace("OUT", str(tmp_path / "2.txt")) for f in fmt], "--jobs", "2")
        assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
        assert one.returncode == 2 and one.stdout
    assert (tmp_path / "1.txt").read_bytes() == (tmp_path / "2.txt").read_bytes()
    doc = json.loads(two.stdout)
    assert len(doc["results"]) == 1 + (parallel.MIN_FILES + 9) + 2
    assert doc["results"][0]["status"] == "error" and doc["results"][-1]["status"] == "fail"
    assert doc["results"][-2]["file"].endswith("zz-broken.yaml") and doc["results"][-2]["status"] == "error"


def test_check_uses_the_workers_above_the_threshold(tmp_path, pack, monkeypatch):
    import contextlib
    import io

    from checker import parallel, synth
    from checker.cli import main

    synth.write(pack.catalogue, tmp_path, parallel.MIN_FILES)
    calls = []
    real = parallel.checked
    monkeypatch.setattr(parallel, "checked", lambda *a: calls.append(a[3]) or real(*a))
    with contextlib.redirect_stdout(io.StringIO()):
        main(["check", str(tmp_path), "--format", "json", "--jobs", "2"])
        main(["check", str(tmp_path), "--format", "json", "--jobs", "1"])
        main(["check", *sorted(map(str, tmp_path.iterdir()))[: parallel.MIN_FILES - 1], "--jobs", "2"])
    assert calls == [2]


def test_directories_are_walked_in_the_order_of_sorted_paths(tmp_path, monkeypatch):
    from pathlib import Path

    from checker.inputs.discover import collect_paths

    for rel in (
        "a/b.yaml",
        "a-c.yaml",
        "a/z/y.json",
        "b.YML",
        "README.md",
        "notes.txt",
        "a/readme.txt",
        "x.docx",
        "a/ignored.csv",
        "c/d/e/f.yaml",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "c" / "loop").symlink_to(tmp_path, target_is_directory=True)  # not followed
    monkeypatch.chdir(tmp_path)
    files, missing = collect_paths([".", "a/", str(tmp_path / "b.YML"), "nope.yaml"])
    assert files == [
        "a/b.yaml",
        "a/z/y.json",
        "a-c.yaml",
        "b.YML",
        "c/d/e/f.yaml",
        "notes.txt",
        "x.docx",
        "a/b.yaml",
        "a/z/y.json",
        str(tmp_path / "b.YML"),
    ]
    assert [d.file for d in missing] == ["nope.yaml"]
    reference = sorted(
        p
        for p in Path(".").rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and p.suffix.lower() in (".yaml", ".yml", ".json", ".txt", ".docx")
        and not p.name.lower().startswith("readme")
    )
    assert files[:7] == [str(p) for p in reference]


@pytest.mark.parametrize(
    "argv",
    [
        [
            "check",
            "a.yaml",
            "b",
            "--format",
            "json",
            "-f",
            "sarif=o.sarif",
            "--lang",
            "en",
            "--jobs",
            "3",
            "--today",
            "2025-03-01",
        ],
        ["score", "dir", "--previous", "old", "--xlsx", "s.xlsx", "--no-progress", "--format", "json"],
        ["extract", "r.txt", "--region", "社旗县", "--year", "2024", "-o", "out.yaml"],
        ["validate", "a.yaml", "--profile", "henan"],
        ["rules", "show", "R1", "--lang", "en"],
    ],
)
def test_a_run_builds_only_its_command_and_parses_exactly_as_the_whole_parser(argv):
    from checker.cli import build_parser

    whole, only = build_parser("zh"), build_parser("zh", argv[0])
    assert only._subparsers._group_actions[0].choices.keys() == {argv[0]}
    assert vars(only.parse_args(argv)) == vars(whole.parse_args(argv))


def test_usage_lines_name_every_command_even_when_one_is_built():
    out = run_cli("check", str(SHEQI), "--bogus")
    assert out.returncode == 2
    from checker.commands import COMMANDS

    usage = " ".join(out.stderr.split("fazhi：错误：")[0].split())
    assert usage == "用法：fazhi [-h] [--version] {" + ",".join(COMMANDS) + "} ..."
    assert out.stderr.splitlines()[-1] == "fazhi：错误：无法识别的参数：--bogus"


@pytest.mark.parametrize("columns", ["73", "0", "-5", "wide", None])
def test_help_width_is_what_shutil_would_give(monkeypatch, columns):
    import shutil

    from checker.commands.options import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    assert terminal_columns(100) == shutil.get_terminal_size((100, 24)).columns


def test_a_one_file_json_check_imports_only_what_it_needs(tmp_path):
    """Start-up is a target (bench/run.py): a one-file check must not load what it does not use.
    typing alone was ~3% of its instructions; rich, openpyxl and the worker pool are for other
    paths."""
    import subprocess
    import sys

    from conftest import ROOT

    heavy = (
        "typing",
        "openpyxl",
        "rich",
        "multiprocessing",
        "concurrent.futures",
        "hashlib",
        "shutil",
        "zipfile",
        "html",
        "signal",
        "subprocess",
        "tempfile",
        "logging",
        "csv",
        "email",
        "xml",
        "decimal",
        "ssl",
        "socket",
        "asyncio",
    )
    probe = (
        "import atexit, runpy, sys\n"
        f"atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(m for m in {heavy!r} if m in sys.modules)))\n"
        f"sys.argv = ['fazhi', 'check', {str(SHEQI)!r}, '--format', 'json']\n"
        "runpy.run_module('checker', run_name='__main__')\n"
    )
    for _ in range(2):  # the first run builds the pack and writes the cache; the second is the usual one
        out = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={"FAZHI_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
        assert out.returncode == 1 and out.stdout.startswith("{")  # 社旗 fails REPT-003
    assert out.stderr.rsplit("LOADED", 1)[1].split() == []


def test_stdout_in_any_encoding_gets_valid_output(tmp_path, pack):
    """stdout in an encoding that cannot hold every character (a Windows console's GBK, a C locale):
    never a traceback. JSON, SARIF and JUnit are written in ASCII with their own escapes, so they
    read as the same documents; text in the code page, what it cannot hold backslash-escaped. In
    UTF-16 or UTF-8 with a signature: one byte-order mark, the same documents. On one core and on
    several (the workers encode the pieces)."""
    import os
    import subprocess
    import sys
    from xml.etree import ElementTree as ET

    from checker import parallel, synth

    synth.write(pack.catalogue, tmp_path, parallel.MIN_FILES)
    # a place name with a character beyond U+FFFF (CJK extension B): a surrogate pair in JSON
    (tmp_path / "zz-rare.yaml").write_text(
        SHEQI.read_text(encoding="utf-8").replace("社旗县", "𠀾县"), encoding="utf-8"
    )

    def run(fmt, jobs, io_encoding):
        out = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(tmp_path), "--format", fmt, "--jobs", jobs],
            capture_output=True,
            cwd=ROOT,
            timeout=120,
            env=dict(os.environ, NO_COLOR="1", PYTHONIOENCODING=io_encoding),
        )
        assert out.returncode == 1 and b"Traceback" not in out.stderr, out.stderr
        return out.stdout

    readers = {"json": json.loads, "sarif": json.loads, "junit": lambda text: ET.canonicalize(text)}
    cases = [(fmt, "1") for fmt in readers] + [("json", "2")]  # the workers encode as the parent does
    reference = {case: readers[case[0]](run(*case, "utf-8").decode("utf-8")) for case in cases}
    for encoding in ("ascii", "gbk", "utf-16", "utf-8-sig"):
        legacy = encoding in ("ascii", "gbk")
        for fmt, jobs in cases if legacy else cases[:1] + cases[-1:]:
            out = run(fmt, jobs, encoding)
            if legacy:
                assert out.isascii()
            text = out.decode("ascii" if legacy else encoding)
            assert not text.startswith("\ufeff") and "\ufeff" not in text  # one mark, taken by decode
            assert readers[fmt](text) == reference[fmt, jobs], (encoding, fmt, jobs)
            if fmt == "json" and legacy:
                assert "\\ud840\\udc3e" in text
        for jobs in ("1", "2"):
            text = run("text", jobs, encoding).decode(encoding)
            assert "\ufeff" not in text
            for shown in ("𠀾县 2024", "合成县000000 2024"):  # GBK holds 县, not 𠀾; ASCII neither
                assert shown.encode(encoding, "backslashreplace").decode(encoding) in text


def test_a_submission_written_out_is_refused_rather_than_escaped(tmp_path):
    """``extract`` writes a submission as YAML: an escape would change its values, so where stdout's
    encoding cannot hold them nothing is written and exit code 2 says why; -o writes UTF-8."""
    report = ROOT / "tests" / "corpus" / "jichuan-2025.txt"
    out = run_cli("extract", report, env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert "PYTHONIOENCODING=utf-8" in out.stderr.encode("ascii").decode("unicode_escape")
    written = run_cli("extract", report, "-o", tmp_path / "sub.yaml", env={"PYTHONIOENCODING": "ascii"})
    assert written.returncode == 0 and "region: 霁川县" in (tmp_path / "sub.yaml").read_text(encoding="utf-8")


def test_line_ends_are_the_platforms_as_the_text_layer_wrote_them(tmp_path, pack, monkeypatch):
    """Outputs go out as bytes; "\\n" is still written as the platform's line end (CRLF on Windows),
    to stdout and to files, as writing through the text layer did."""
    import contextlib
    import io
    import os

    from checker import synth
    from checker.cli import main

    synth.write(pack.catalogue, tmp_path / "subs", 2)
    runs = {}
    for linesep in ("\n", "\r\n"):
        monkeypatch.setattr(os, "linesep", linesep)
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline=linesep)
        with contextlib.redirect_stdout(stdout):
            main(["check", str(tmp_path / "subs"), "--format", "text", "--format", f"json={tmp_path / 'o.json'}"])
            stdout.flush()
        assert stdout.errors == "strict"  # prints were escaped for the run only
        runs[linesep] = stdout.buffer.getvalue(), (tmp_path / "o.json").read_bytes()
    assert runs["\r\n"] == tuple(out.replace(b"\n", b"\r\n") for out in runs["\n"])
    assert b"\r" not in b"".join(runs["\n"]) and runs["\n"][0].count(b"\n") > 90


def test_a_run_of_many_files_in_process_leaves_the_garbage_collector_as_it_found_it(tmp_path, pack, monkeypatch):
    """Checking or scoring many files tunes the collector for the batch (``parallel.batch_gc``); a
    run inside a longer-lived process (a test, an embedding tool) gets its settings back, and what
    that process had frozen itself stays frozen."""
    import contextlib
    import gc
    import io

    from checker import synth
    from checker.cli import main
    from checker.engine import Checker

    synth.write(pack.catalogue, tmp_path, 3)
    during = []
    check = Checker.check
    monkeypatch.setattr(Checker, "check", lambda self, sub: during.append(gc.get_threshold()[0]) or check(self, sub))
    sentinel = [object()]
    for host_frozen in (False, True):
        if host_frozen:
            gc.freeze()
        try:
            before = gc.get_threshold(), gc.get_freeze_count() > 0
            made_after = [object()]  # made after the host's freeze: the run must not freeze it
            with contextlib.redirect_stdout(io.StringIO()) as checked:
                assert main(["check", str(tmp_path), "--format", "json", "--jobs", "1"]) == 1
            with contextlib.redirect_stdout(io.StringIO()) as scored:
                assert main(["score", str(tmp_path), "--format", "json", "--jobs", "1", "--no-progress"]) == 0
            assert (gc.get_threshold(), gc.get_freeze_count() > 0) == before
            # the collector's generations hold what is not frozen: the sentinel only if the host never froze it
            assert any(o is sentinel for o in gc.get_objects()) is not host_frozen
            assert any(o is made_after for o in gc.get_objects())
        finally:
            gc.unfreeze()
        assert len(json.loads(checked.getvalue())["results"]) == len(json.loads(scored.getvalue())["ranking"]) == 3
    assert during == [5000] * 12  # 3 files checked, 3 scored, twice


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args,to_stdout",
    [
        (("check", SAMPLES / "sheqi-2024.yaml", "--format", f"json={FULL}"), False),
        (("check", SAMPLES / "sheqi-2024.yaml"), True),
        (("check", SAMPLES / "sheqi-2024.yaml", "--format", "json"), True),
        (("validate", SAMPLES / "sheqi-2024.yaml"), True),
        (("rules", "list"), True),
    ],
)
def test_an_output_that_cannot_be_written_is_said_with_exit_2_not_a_traceback(args, to_stdout):
    with FULL.open("w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "checker", *map(str, args)],
            cwd=ROOT,
            text=True,
            stdout=full if to_stdout else subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8"),
            timeout=120,
        )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    where = "<stdout>" if to_stdout else str(FULL)
    assert proc.stderr.startswith(f"{where}: 无法写入输出文件："), proc.stderr


def test_a_reader_that_goes_away_early_does_not_make_a_failing_check_exit_0():
    # every sample five times over: far more output than a pipe holds (64 KB on Linux), so the writer meets
    # the closed end whatever the timing
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", *[SAMPLES] * 5, "--format", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and b"Traceback" not in err


def test_nothing_from_a_submission_starts_a_line_of_text_output(tmp_path):
    """A line starting ::error:: is a command to GitHub Actions: a source, a note, a file name or a raw
    value with line breaks stays on its line, escaped; a region with one is refused; marks that
    reorder text are shown escaped."""
    sub = tmp_path / "bad\n::error::name.yaml"
    sub.write_text(
        "region: 示例县\nyear: 2024\nindicators:\n"
        '  leadership.feedback_problems: {value: 12, source: "ok\\r\\n::error::in-source \\u202eRTL"}\n'
        '  leadership.feedback_problems_rectified: "1\\n::warning::in-value"\n',
        encoding="utf-8",
    )
    bad_region = tmp_path / "r.yaml"
    bad_region.write_text('region: "示例县\\n::error::in-region"\nyear: 2024\nindicators: {}\n', encoding="utf-8")
    for args in (("check", sub, bad_region), ("score", tmp_path, "--no-progress")):
        out = run_cli(*args)
        lines = (out.stdout + out.stderr).splitlines()
        assert not [line for line in lines if line.lstrip().startswith("::")], lines
        assert "\u202e" not in out.stdout
    out = run_cli("check", sub, bad_region, "--all")
    assert "\\u202eRTL" in out.stdout and "in-source" in out.stdout
    errors = json.loads(run_cli("check", bad_region, "--format", "json").stdout)["results"][0]["errors"]
    assert [(e["line"], e["column"], e["code"], e["message"]) for e in errors] == [
        (1, 9, "input.region_unprintable", "region 含有换行、控制字符或改变文字方向的标记：示例县\\n::error::in-region")
    ]


def test_nothing_in_a_folder_is_passed_over_in_silence(tmp_path, monkeypatch):
    from checker.inputs.discover import collect_paths

    (tmp_path / "empty").mkdir()
    folder = tmp_path / "mixed"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.yaml").write_text("region: 示例县\nyear: 2024\nindicators: {}\n", encoding="utf-8")
    (folder / "locked" / "hidden.yaml").write_text("x", encoding="utf-8")
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (folder / "notes.md").write_text("not a submission", encoding="utf-8")
    os.mkfifo(folder / "pipe.json")
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, diags = collect_paths([str(tmp_path / "empty"), str(folder), str(tmp_path / "gone.yaml")])
    assert files == [str(folder / "ok.yaml")]
    assert [(d.file, d.code, d.params.get("reason")) for d in diags] == [
        (str(tmp_path / "empty"), "input.no_files", None),
        (str(folder / "dangling.yaml"), "file.unreadable", "a link to nothing"),
        (str(folder / "pipe.json"), "file.not_regular", None),
        (str(folder / "locked"), "file.unreadable", "Permission denied"),
        (str(tmp_path / "gone.yaml"), "file.unreadable", "No such file"),
    ]


def test_a_path_named_on_the_command_line_is_read_whatever_it_is():
    sample = (SAMPLES / "sheqi-2024.yaml").read_text(encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "/dev/stdin", "--format", "json"],
        cwd=ROOT,
        input=sample,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 1 and json.loads(proc.stdout)["results"][0]["region"] == "社旗县"  # REPT-003


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_column_is_wide_enough_for_every_status(lang):
    out = run_cli("check", SAMPLES / "fictional-missing.yaml", "--lang", lang, "--all")
    import re

    rows = [line for line in out.stdout.splitlines() if re.search(r"[A-Z]{4}-\d{3} ", line)]
    assert rows and all(re.match(r"\S \S+ +[A-Z]{4}-\d{3} ", row) for row in rows), rows
    from checker.render.layout import width

    cells = {width(row[: re.search(r"[A-Z]{4}-\d{3}", row).start()]) for row in rows}
    assert len(cells) == 1, cells  # the rule ids in one column


@pytest.mark.parametrize(
    "formats,message",
    [
        (["json="], "--format json=：= 后应写文件名（写到标准输出请去掉 =）"),
        (
            ["json", "sarif"],
            "--format json 与 --format sarif 写到同一处；每处只写一种格式\n    建议：给每种输出各自的文件名",
        ),
        (
            ["text", "junit=-"],
            "--format text 与 --format junit=- 写到同一处；每处只写一种格式\n    建议：给每种输出各自的文件名",
        ),
        (
            ["json=out.json", "sarif=./out.json"],
            "--format json=out.json 与 --format sarif=./out.json 写到同一处；每处只写一种格式\n    建议：给每种输出各自的文件名",
        ),
        (
            ["text", "text"],
            "--format text 与 --format text 写到同一处；每处只写一种格式\n    建议：给每种输出各自的文件名",
        ),
    ],
)
def test_outputs_that_would_spoil_each_other_are_refused(tmp_path, formats, message):
    args = [a for f in formats for a in ("--format", f)]
    out = run_cli("check", SAMPLES / "sheqi-2024.yaml", *args, cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert out.returncode == 2 and out.stderr.strip() == message
    assert not list(tmp_path.iterdir())


def test_line_formats_may_share_stdout():
    out = run_cli("check", SAMPLES / "fictional-missed-rate.yaml", "--format", "text", "--format", "github")
    assert out.returncode == 1 and "::error file=" in out.stdout and "RULE-001" in out.stdout


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["score"],
        ["extract"],
        ["template"],
        ["init"],
        ["schema"],
        ["validate"],
        ["rules"],
        ["rules", "show"],
        ["rules", "list"],
        ["rules", "lint"],
        ["serve"],
    ],
)
def test_help_is_entirely_in_the_chosen_language(argv):
    import re

    zh = run_cli(*argv, "--help")
    en = run_cli(*argv, "--help", "--lang", "en")
    assert zh.returncode == en.returncode == 0
    for english in ("usage:", "positional arguments", "options:", "show this help", "show program"):
        assert english not in zh.stdout, (english, zh.stdout)
    assert zh.stdout.startswith("用法：fazhi")
    assert not re.search(r"[\u4e00-\u9fff]", en.stdout), en.stdout
    assert en.stdout.startswith("usage: fazhi")


def test_argparse_errors_are_in_the_chosen_language():
    zh = run_cli("check", "--fail-on", "sometimes", "x.yaml")
    en = run_cli("check", "--fail-on", "sometimes", "x.yaml", "--lang", "en")
    assert zh.returncode == en.returncode == 2
    # how the choices are quoted differs between Python versions; the words around them are ours
    assert zh.stderr.splitlines()[-1].startswith("fazhi check：错误：参数 --fail-on：无效的选项值：'sometimes'（可选：")
    assert en.stderr.splitlines()[-1].startswith(
        "fazhi check: error: argument --fail-on: invalid choice: 'sometimes' (choose from "
    )
