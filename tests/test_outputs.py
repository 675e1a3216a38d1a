"""Where outputs go (issue 18): an output is never an input, every output file is put in place whole,
a reader that goes away is noticed, the CI examples run once for any number of paths, and what a
submission holds (region and file names) is shown as text in every output."""

import errno
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import xmlschema
import yaml
from conftest import ROOT, SAMPLES, run_cli

SHEQI = SAMPLES / "sheqi-2024.yaml"
MINIMAL = Path(__file__).parent / "packs" / "minimal"
SCHEMAS = Path(__file__).parent / "schemas"
SARIF_SCHEMA = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SMALL = "region: {region}\nyear: 2024\nindicators: {{}}\n"


def _small(path: Path, region: str = "示例县") -> Path:
    path.write_text(SMALL.format(region=json.dumps(region, ensure_ascii=False)), encoding="utf-8")
    return path


def _run(*args, cwd):
    return run_cli(*args, cwd=cwd, env={"PYTHONPATH": str(ROOT)})


# ---- 1. an output is never an input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,output,message",
    [
        (
            ["check", "x.yaml", "--format", "json=x.yaml"],
            "x.yaml",
            "x.yaml: --format json=x.yaml 会覆盖本次运行的输入 x.yaml；未读取也未写入任何文件",
        ),
        (
            ["check", "x.yaml", "--format", "text", "--format", "sarif=./x.yaml"],
            "./x.yaml",
            "./x.yaml: --format sarif=./x.yaml 会覆盖本次运行的输入 x.yaml；未读取也未写入任何文件",
        ),
        (
            ["check", "x.yaml", "--waivers", "w.yaml", "--format", "json=w.yaml"],
            "w.yaml",
            "w.yaml: --format json=w.yaml 会覆盖本次运行的输入 w.yaml；未读取也未写入任何文件",
        ),
        (
            ["check", "--paths-from", "list.txt", "--format", "junit=list.txt"],
            "list.txt",
            "list.txt: --format junit=list.txt 会覆盖本次运行的输入 list.txt；未读取也未写入任何文件",
        ),
        (
            ["extract", "r.txt", "-o", "r.txt"],
            "r.txt",
            "r.txt: -o r.txt 会覆盖本次运行的输入 r.txt；未读取也未写入任何文件",
        ),
        (
            ["score", "x.yaml", "--xlsx", "x.yaml"],
            "x.yaml",
            "x.yaml: --xlsx x.yaml 会覆盖本次运行的输入 x.yaml；未读取也未写入任何文件",
        ),
        (
            ["score", "x.yaml", "--csv", "x.yaml"],
            "x.yaml",
            "x.yaml: --csv x.yaml 会覆盖本次运行的输入 x.yaml；未读取也未写入任何文件",
        ),
        (
            ["score", "x.yaml", "--html", "x.yaml"],
            "x.yaml",
            "x.yaml: --html x.yaml 会覆盖本次运行的输入 x.yaml；未读取也未写入任何文件",
        ),
        (
            ["score", "x.yaml", "--previous", "p.yaml", "--csv", "p.yaml"],
            "p.yaml",
            "p.yaml: --csv p.yaml 会覆盖本次运行的输入 p.yaml；未读取也未写入任何文件",
        ),
        (
            ["score", "d", "--previous", "prev", "--csv", "prev/p.yaml"],
            "prev/p.yaml",
            "prev/p.yaml: --csv prev/p.yaml 会覆盖本次运行的输入 prev/p.yaml；未读取也未写入任何文件",
        ),
        (
            ["check", "d", "--format", "json=d/a.yaml"],
            "d/a.yaml",
            "d/a.yaml: --format json=d/a.yaml 会覆盖本次运行的输入 d/a.yaml；未读取也未写入任何文件",
        ),
    ],
)
def test_an_output_that_is_an_input_is_refused_before_anything_is_read_or_written(tmp_path, args, output, message):
    _small(tmp_path / "x.yaml")
    _small(tmp_path / "p.yaml")
    (tmp_path / "d").mkdir()
    _small(tmp_path / "d" / "a.yaml")
    (tmp_path / "prev").mkdir()
    _small(tmp_path / "prev" / "p.yaml")
    (tmp_path / "w.yaml").write_bytes((ROOT / "examples" / "waivers.yaml").read_bytes())
    (tmp_path / "list.txt").write_text("x.yaml\n", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(
        (ROOT / "tests" / "corpus" / "sheqi-2024.txt").read_bytes()
        if (ROOT / "tests" / "corpus" / "sheqi-2024.txt").exists()
        else b"report"
    )
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    out = _run(*args, cwd=tmp_path)
    assert (out.returncode, out.stderr) == (2, f"{message}\n    建议：另选输出文件名，或写到输入目录之外\n")
    assert out.stdout == ""
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert (tmp_path / output).exists()


def test_an_output_that_is_an_input_is_refused_in_english_too(tmp_path):
    _small(tmp_path / "x.yaml")
    out = _run("check", "x.yaml", "--format", "json=x.yaml", "--lang", "en", cwd=tmp_path)
    assert (out.returncode, out.stderr) == (
        2,
        "x.yaml: --format json=x.yaml would overwrite x.yaml, an input of this "
        "run; nothing was read or written\n    hint: choose another output "
        "file, or one outside the input folders\n",
    )


def test_this_runs_output_inside_the_folder_walked_is_replaced_not_read(tmp_path):
    _small(tmp_path / "a.yaml")
    first = _run("check", ".", "--format", "json=./out.json", cwd=tmp_path)
    assert (first.returncode, first.stderr) == (0, "")
    second = _run("check", ".", "--format", "json=./out.json", cwd=tmp_path)
    assert (second.returncode, second.stderr) == (
        0,
        "out.json: 本次运行的输出文件（上次运行所写），不作为输入读取，将被替换\n",
    )
    assert [r["file"] for r in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["results"]] == ["a.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "out.json"]


def test_score_html_inside_the_folder_scored_is_replaced_not_read(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    _small(d / "a.yaml")
    for expected in ("", "d/r.html: 本次运行的输出文件（上次运行所写），不作为输入读取，将被替换\n"):
        out = _run("score", "d", "--html", "d/r.html", "--format", "json", cwd=tmp_path)
        assert (out.returncode, out.stderr) == (0, expected)
        assert [c["file"] for c in json.loads(out.stdout)["ranking"]] == ["d/a.yaml"]
    assert sorted(p.name for p in d.iterdir()) == ["a.yaml", "r.html"]


def test_documents_an_earlier_run_wrote_into_a_folder_are_not_read_as_submissions(tmp_path):
    _small(tmp_path / "a.yaml")
    assert _run("check", ".", "--format", "json=./o.json", "--format", "sarif=./s.json", cwd=tmp_path).returncode == 0
    assert _run("score", ".", "--html", "r.html", cwd=tmp_path).returncode == 0
    out = _run("check", ".", "--format", "json", cwd=tmp_path)
    assert out.returncode == 0
    assert out.stderr == (
        "o.json: fazhi-checker 输出的文档（不是报送材料），未读取\n"
        "r.html: fazhi-checker 输出的文档（不是报送材料），未读取\n"
        "s.json: fazhi-checker 输出的文档（不是报送材料），未读取\n"
    )
    assert [r["file"] for r in json.loads(out.stdout)["results"]] == ["a.yaml"]
    score = _run("score", ".", "--format", "json", "--lang", "en", cwd=tmp_path)
    assert (
        score.returncode == 0
        and "o.json: a document fazhi-checker wrote (not a submission); not read\n" in score.stderr
    )
    # a JSON submission is still read
    (tmp_path / "b.json").write_text('{"region": "乙县", "year": 2024, "indicators": {}}', encoding="utf-8")
    again = _run("check", ".", "--format", "json", cwd=tmp_path)
    assert [r["file"] for r in json.loads(again.stdout)["results"]] == ["a.yaml", "b.json"]


# ---- 2. every output file whole, or not at all ------------------------------------------------------


def _main(*argv):
    from checker.cli import main

    return main([str(a) for a in argv])


def _full(self, data):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "argv",
    [
        ("check", SHEQI, "--format", "json={out}", "--jobs", "1"),  # streamed
        ("check", SHEQI, SHEQI, "--format", "sarif={out}", "--jobs", "1"),  # written at the end
        ("score", SHEQI, "--xlsx", "{out}", "--jobs", "1", "--no-progress"),
        ("score", SHEQI, "--csv", "{out}", "--jobs", "1", "--no-progress"),
        ("score", SHEQI, "--html", "{out}", "--jobs", "1", "--no-progress"),
    ],
)
def test_a_full_disk_leaves_the_old_file_as_it_was_and_no_temporary_file(tmp_path, monkeypatch, capsys, argv):
    from checker import outputs

    out = tmp_path / "out"
    out.write_bytes(b"the good file of yesterday")
    out.chmod(0o640)
    monkeypatch.setattr(outputs.AtomicFile, "write", _full)
    assert _main(*(a.format(out=out) if isinstance(a, str) else a for a in argv)) == 2
    assert capsys.readouterr().err.startswith(f"{out}: 无法写入输出文件：No space left on device\n")
    assert out.read_bytes() == b"the good file of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    monkeypatch.undo()
    assert _main(*(a.format(out=out) if isinstance(a, str) else a for a in argv)) in (0, 1)
    assert out.read_bytes() != b"the good file of yesterday"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the file replaced keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_stream_that_fails_part_way_leaves_the_old_file(tmp_path, monkeypatch, capsys):
    from checker import outputs

    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    real, calls = outputs.AtomicFile.write, []

    def write(self, data):  # the first pieces go, then the disk is full
        calls.append(len(data))
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, data)

    monkeypatch.setattr(outputs.AtomicFile, "write", write)
    assert _main("check", SHEQI, SHEQI, SHEQI, "--format", f"json={out}", "--jobs", "1") == 2
    assert len(calls) == 3 and out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_failure_to_sync_or_replace_leaves_the_old_file(tmp_path, monkeypatch):
    from checker import outputs

    out = tmp_path / "r.csv"
    out.write_text("old", encoding="utf-8")
    for name in ("fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(outputs.os, name, lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "Input/output error")))
            with pytest.raises(OSError):
                outputs.write_file(out, b"new")
        assert out.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_two_runs_writing_one_file_each_put_a_whole_file_in_place(tmp_path):
    from checker.outputs import AtomicFile

    path = tmp_path / "out.json"
    a, b = AtomicFile(str(path)), AtomicFile(str(path))
    for piece in range(3):  # their writes interleave in time
        a.write(b'{"a": %d}\n' % piece)
        b.write(b'{"b": %d}\n' % piece)
    a.commit()
    assert path.read_bytes() == b'{"a": 0}\n{"a": 1}\n{"a": 2}\n'
    b.commit()
    assert path.read_bytes() == b'{"b": 0}\n{"b": 1}\n{"b": 2}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_link_is_followed_and_a_device_is_written_directly(tmp_path):
    from checker.outputs import write_file

    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(target)
    write_file(tmp_path / "link.json", b"new")
    assert (tmp_path / "link.json").is_symlink() and target.read_bytes() == b"new"
    if Path("/dev/full").exists():  # not a regular file: cannot be replaced, so written, and the error seen
        with pytest.raises(OSError) as caught:
            write_file("/dev/full", b"x" * 100_000)
        assert caught.value.errno == errno.ENOSPC


# ---- 10. an output that cannot be created is said before any scoring --------------------------------


def test_score_says_an_output_it_cannot_create_before_it_scores_anything(tmp_path, monkeypatch, capsys):
    from checker.commands import score

    scored = []
    monkeypatch.setattr(score, "run_scoring", lambda files, *a, **k: scored.append(files) or [])
    missing = tmp_path / "no-such-folder" / "评分表.xlsx"
    assert _main("score", SHEQI, "--html", tmp_path / "r.html", "--xlsx", missing, "--jobs", "1", "--no-progress") == 2
    assert scored == []
    assert capsys.readouterr().err == (
        f"{missing}: 无法写入输出文件：No such file or directory\n    建议：检查路径和权限\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # the HTML opened first is dropped too


def test_check_says_an_output_it_cannot_create_before_it_checks_anything(tmp_path, monkeypatch, capsys):
    from checker.inputs import dispatch

    read = []
    monkeypatch.setattr(dispatch, "read_input", lambda *a, **k: read.append(a) or None)
    missing = tmp_path / "gone" / "out.sarif"
    assert (
        _main("check", SHEQI, "--format", f"sarif={missing}", "--format", f"junit={tmp_path / 'j.xml'}", "--jobs", "1")
        == 2
    )
    assert read == [] and sorted(p.name for p in tmp_path.iterdir()) == []
    assert capsys.readouterr().err.startswith(f"{missing}: 无法写入输出文件：")


# ---- 3. a reader that goes away ----------------------------------------------------------------------


def _read_a_little_then_close(args, cwd=ROOT):
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT)),
    )
    assert len(proc.stdout.read(100)) == 100
    proc.stdout.close()
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err.decode("utf-8")


def test_score_json_to_a_reader_that_goes_away_exits_2_quietly(tmp_path):
    # one write of ~16 KB a county: far more than a pipe holds (64 KB on Linux), in one write call
    for i in range(12):
        _small(tmp_path / f"s{i:02d}.yaml", f"县{i}")
    (tmp_path / "big.yaml").write_text(SHEQI.read_text(encoding="utf-8"), encoding="utf-8")
    assert _read_a_little_then_close(["score", tmp_path, "--format", "json", "--jobs", "1"]) == (2, "")


def test_check_sarif_to_a_reader_that_goes_away_exits_2_quietly():
    assert _read_a_little_then_close(["check", *[SAMPLES] * 3, "--format", "sarif", "--sarif-all"]) == (2, "")


def test_every_byte_is_written_or_the_short_write_is_seen():
    from checker.outputs import write_all, write_text

    class Pipe:  # takes at most 7 bytes a call, then nothing: the reader went away
        def __init__(self, room):
            self.got, self.room = b"", room

        def write(self, data):
            n = min(7, len(data), self.room - len(self.got))
            self.got += bytes(data[:n])
            return n

    pipe = Pipe(100)
    write_all(pipe, b"x" * 50)
    assert pipe.got == b"x" * 50
    with pytest.raises(BrokenPipeError):
        write_all(pipe, b"y" * 100)
    assert pipe.got == b"x" * 50 + b"y" * 50

    class Text:
        def __init__(self):
            self.pieces = []

        def write(self, text):
            self.pieces.append(text)

    stream = Text()
    write_text(stream, "中" * 5000)
    assert "".join(stream.pieces) == "中" * 5000 and max(map(len, stream.pieces)) == 2048


# ---- 4. the list of paths from a file, and the CI examples -------------------------------------------


def test_paths_from_a_file_three_thousand_paths_in_one_run_give_one_document(tmp_path):
    paths = [_small(tmp_path / f"s{i:04d}.yaml", f"县{i}") for i in range(3000)]
    listed = [str(p) for p in paths]
    text = "\n".join(listed[:1500]) + "\n\n   \n" + "\r\n".join(listed[1500:]) + "\n"
    (tmp_path / "list.txt").write_text(text, encoding="utf-8")
    out = run_cli("check", "--paths-from", tmp_path / "list.txt", "--rules", MINIMAL, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert [r["file"] for r in json.loads(out.stdout)["results"]] == listed


def test_paths_from_stdin_with_the_command_line_and_a_path_that_does_not_exist(tmp_path):
    a, b = _small(tmp_path / "a.yaml"), _small(tmp_path / "b.yaml", "乙县")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(a), "--paths-from", "-", "--format", "json"],
        input=f"{b}\n\n{tmp_path / 'gone.yaml'}\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    results = json.loads(proc.stdout)["results"]
    assert proc.returncode == 2
    assert [(r["file"], r["status"]) for r in results] == [
        (str(tmp_path / "gone.yaml"), "error"),
        (str(a), "pass"),
        (str(b), "pass"),
    ]
    assert results[0]["errors"][0]["message"] == "无法读取文件：No such file"


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "list.txt: 无法读取文件：No such file or directory\n    建议：检查文件是否存在、是否有读取权限\n"),
        ("\n  \n", "list.txt: 路径列表中没有任何路径\n    建议：每行写一个路径（空行忽略）\n"),
    ],
)
def test_a_list_of_paths_that_cannot_be_used_is_said(tmp_path, content, message):
    if content is not None:
        (tmp_path / "list.txt").write_text(content, encoding="utf-8")
    for command in ("check", "score"):
        out = _run(command, "--paths-from", "list.txt", cwd=tmp_path)
        assert (out.returncode, out.stderr, out.stdout) == (2, message, "")


def test_check_with_no_path_at_all_is_a_usage_error():
    out = run_cli("check")
    assert out.returncode == 2 and out.stderr.endswith(
        "check：请给出要读取的路径（文件或目录），或用 --paths-from 文件\n"
    )


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_the_ci_examples_check_every_path_in_one_run(name):
    text = (ROOT / "examples" / "ci" / name).read_text(encoding="utf-8")
    yaml.safe_load(text)
    assert "xargs" not in text.replace("xargs would split", "")
    commands = [line for line in text.splitlines() if "fazhi check" in line]
    assert len(commands) == 1 and "--paths-from changed.txt" in commands[0]
    finds = re.findall(r"find submissions (.*?) > changed\.txt", text)
    assert finds == [
        r"-type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \)".replace(
            "'", "'" if name.startswith("github") else '"'
        )
    ]
    diff = next(line for line in text.splitlines() if "git diff" in line)
    assert "'submissions/*.yml'" in diff


# ---- 5. SARIF ----------------------------------------------------------------------------------------

URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$")


def _sarif(tmp_path, *args, cwd=ROOT):
    out = tmp_path / "out.sarif"
    proc = run_cli("check", *args, "--format", f"sarif={out}", cwd=cwd, env={"PYTHONPATH": str(ROOT)})
    assert "Traceback" not in proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    try:
        import rfc3987  # noqa: F401  (jsonschema checks uri-reference with it)

        checker = jsonschema.FormatChecker()
    except ImportError:
        checker = None
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=checker).validate(doc)
    return doc


def test_sarif_leaves_out_passes_and_not_applicable_unless_asked(tmp_path):
    default = _sarif(tmp_path, SAMPLES)["runs"][0]
    every = _sarif(tmp_path, SAMPLES, "--sarif-all")["runs"][0]
    status = lambda r: r.get("properties", {}).get("status", "input")  # noqa: E731
    kinds = lambda run: {status(r) for r in run["results"]}  # noqa: E731
    assert {"pass", "not_applicable", "fail", "warn", "missing", "input"} <= kinds(every)
    assert kinds(default) == kinds(every) - {"pass", "not_applicable"}
    assert [r for r in every["results"] if status(r) not in ("pass", "not_applicable")] == default["results"]
    assert default["columnKind"] == every["columnKind"] == "unicodeCodePoints"


def test_sarif_uris_are_percent_encoded_uri_references(tmp_path):
    names = ["社旗县 2024.yaml", "a#b.yaml", "100%.yaml", "q?x.yaml", "back\\slash.yaml", "c:d.yaml"]
    for name in names:
        _small(tmp_path / name)
    (tmp_path / "out").mkdir()
    doc = _sarif(tmp_path / "out", *names, cwd=tmp_path)
    uris = sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]})
    assert uris == sorted(
        [
            "%E7%A4%BE%E6%97%97%E5%8E%BF%202024.yaml",
            "a%23b.yaml",
            "100%25.yaml",
            "q%3Fx.yaml",
            "back%5Cslash.yaml",
            "c%3Ad.yaml",
        ]
    )
    assert all(URI_REFERENCE.match(u) and ":" not in u.split("/")[0] for u in uris)
    from checker.render.sarif import _artifact

    assert _artifact("/tmp/社 #.yaml") == {"uri": "file:///tmp/%E7%A4%BE%20%23.yaml"}


# ---- 6. rich markup in region names ------------------------------------------------------------------


def test_rich_markup_in_a_region_is_shown_as_written_in_the_ranking_table(tmp_path):
    _small(tmp_path / "a.yaml", "[/]县")
    _small(tmp_path / "b.yaml", "[link=https://evil.example]乙县[/link]")
    _small(tmp_path / "c.yaml", "[bold red]丙县")
    for color in ("never", "always"):
        out = _run("score", ".", "--color", color, "--csv", "r.csv", "--width", "200", cwd=tmp_path)
        assert out.returncode == 0 and out.stderr == "", out.stderr
        assert "\x1b]8;" not in out.stdout  # no terminal hyperlink
        rows = [
            line.split()
            for line in re.sub(r"\x1b\[[0-9;]*m", "", out.stdout).splitlines()
            if line.strip().startswith("1 ")
        ]
        assert sorted(row[1] for row in rows) == ["[/]县", "[bold", "[link=https://evil.example]乙县[/link]"]
    assert (tmp_path / "r.csv").read_bytes().count(b"\r\n") == 4  # written for the whole cohort


# ---- 7. markdown: nothing from a submission is read as Markdown or HTML ------------------------------


def test_markdown_shows_hostile_region_and_file_names_as_text(tmp_path):
    name = "a`b|@all [l](http:x).yaml"
    _small(tmp_path / name, "[x](http://e.com) ![i](https://e/i.png) <img src=x onerror=alert(1)> @all *b* www.e.com")
    out = _run("check", name, "--format", "markdown", "--lang", "en", cwd=tmp_path)
    assert out.stdout.splitlines()[4] == (
        "| ✅ no failures ``a`b\\|@all [l](http:x).yaml`` | \\[x\\](http:&#8203;//e.com) !\\[i\\](https:&#8203;//e/i.png) "
        "&lt;img src=x onerror=alert(1)&gt; @&#8203;all \\*b\\* www&#8203;.e.com | 2024 | failed 0 · warnings 0 · "
        "not reported 89 (0 required) · no required indicators |"
    )
    from checker.render.markdown import _cell

    assert _cell("`x`", code=True) == "`` `x` ``"
    assert _cell("a_b~c\\d\nnext&") == "a\\_b\\~c\\\\d next&amp;"
    assert _cell("WWW.x @team") == "WWW&#8203;.x @&#8203;team"


# ---- 8. file names that are not UTF-8 ----------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_output(tmp_path):
    folder = tmp_path / "zip"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"\xd6\xd0.yaml")  # GBK 中, from a Windows zip
    with open(raw, "wb") as handle:
        handle.write(SMALL.format(region='"示例县"').encode("utf-8"))
    shown = str(folder / "\\xd6\\xd0.yaml")
    junit, js, sarif = tmp_path / "j.xml", tmp_path / "r.json", tmp_path / "r.sarif"
    out = run_cli(
        "check",
        folder,
        "--format",
        f"junit={junit}",
        "--format",
        f"json={js}",
        "--format",
        f"sarif={sarif}",
        "--format",
        "markdown",
    )
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd")).validate(str(junit))
    suite = xmlschema.XMLResource(str(junit)).root.find("testsuite")
    assert suite.get("file") == shown and suite.get("name") == f"示例县 2024 ({shown})"
    assert json.loads(js.read_text(encoding="utf-8"))["results"][0]["file"] == shown
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    }
    assert uris == {"file://" + str(folder) + "/%D6%D0.yaml"}
    assert f"``{shown}``".replace("\\", "\\") in out.stdout or f"`{shown}`" in out.stdout
    score = run_cli(
        "score",
        folder,
        "--csv",
        tmp_path / "r.csv",
        "--xlsx",
        tmp_path / "r.xlsx",
        "--html",
        tmp_path / "r.html",
        "--format",
        "json",
    )
    assert score.returncode == 0 and "Traceback" not in score.stderr, score.stderr
    assert json.loads(score.stdout)["ranking"][0]["file"] == shown
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[1].endswith("," + shown)
    assert f"<code>{shown}</code>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.worksheets[0].cell(row=3, column=wb.worksheets[0].max_column).value == shown


def test_display_name():
    from checker.outputs import display_name

    assert display_name("社旗县.yaml") == "社旗县.yaml"
    assert display_name(os.fsdecode(b"a\xd6\xd0b.yaml")) == "a\\xd6\\xd0b.yaml"
    assert display_name("x\ud800y") == "x\\ud800y"


# ---- 9. sheet names ----------------------------------------------------------------------------------


def test_sheet_names_are_always_valid_and_unique():
    from checker.score.xlsx import sheet_name

    taken: set = set()
    names = [
        sheet_name(text, taken)
        for text in [
            "12 ab'",
            "'" * 40,
            "𝔸" * 40,
            "1 " + "a" * 28 + "'x",
            "1 " + "a" * 28 + "'x",
            "History",
            "𝔸" * 40,
            "x[y]:z*?/\\",
            "a\x01b",
            " ' 'x' ' ",
        ]
    ]
    assert names == [
        "12 ab",
        "-",
        "𝔸" * 15,
        "1 " + "a" * 28,
        "1 " + "a" * 25 + " (2)",
        "History (2)",
        "𝔸" * 13 + " (2)",
        "xyz",
        "ab",
        "x",
    ]
    for name in names:
        assert len(name.encode("utf-16-le")) // 2 <= 31
        assert not name.startswith("'") and not name.endswith("'")
    assert len({n.casefold() for n in names}) == len(names)


def test_a_workbook_of_awkward_region_names_opens(tmp_path):
    for i, region in enumerate(["甲县'", "𝔸" * 20 + "县", "𝔸" * 20 + "乡", "[乙]县"]):
        _small(tmp_path / f"s{i}.yaml", region)
    out = run_cli("score", tmp_path, "--xlsx", tmp_path / "r.xlsx", "--format", "json")
    assert out.returncode == 0, out.stderr
    import openpyxl

    titles = openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert all(len(t.encode("utf-16-le")) // 2 <= 31 and not t.endswith("'") for t in titles)
    assert len(set(titles)) == len(titles) == 5
