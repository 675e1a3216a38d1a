"""Broken and hostile submissions: every problem located, with its exact message; nothing run."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli

from checker.inputs.structured import load_submission

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_table_of_hostile_files(pack, name):
    sub = load_submission(HOSTILE / name, pack.catalogue)
    got = [
        [d.line, d.column, d.code, d.message("zh")] + ([] if d.severity == "error" else ["note"])
        for d in sub.diagnostics
    ]
    if name.endswith(".json") and sys.version_info[:2] != (3, 11):
        # the wording and column of a JSON syntax error are the standard library's, and differ by version
        got, expected = [g[:1] + g[2:3] for g in got], [e[:1] + e[2:3] for e in EXPECTED[name]]
        assert got == expected
        return
    assert got == EXPECTED[name]


def test_every_hostile_file_through_the_cli_exits_cleanly():
    names = sorted(EXPECTED)
    out = run_cli("check", *(HOSTILE / n for n in names), "--format", "json")
    assert "Traceback" not in out.stderr
    doc = json.loads(out.stdout)
    assert [Path(r["file"]).name for r in doc["results"]] == names
    for result in doc["results"]:
        blocking = [e for e in EXPECTED[Path(result["file"]).name] if e[-1] != "note"]
        assert (result["status"] == "error") == bool(blocking), result["file"]
    assert out.returncode == 2


def test_english_messages(pack):
    sub = load_submission(HOSTILE / "wrong_types.yaml", pack.catalogue)
    assert sub.diagnostics[0].message("en") == "emergency.township_drills must be a number, got the boolean yes"
    assert sub.diagnostics[0].hint("en") == "YAML reads yes/no/on/off as booleans; write a number"


def test_ten_problems_in_one_file_are_all_reported_where_they_are(tmp_path, pack):
    path = tmp_path / "ten.yaml"
    path.write_text(
        "regoin: 示例县\n"  # 1 unknown top-level field
        "year: 2024\n"  # (region missing: 2)
        "level: province\n"  # 3 bad level
        "indicators:\n"
        "  emergency.township_drils: 3\n"  # 4 unknown indicator
        "  emergency.county_drills: -2\n"  # 5 negative count
        "  functions.services_online_rate: 101\n"  # 6 percent above 100
        "  functions.services_total: 三千\n"  # 7 not a number
        "  decisions.major_decision_catalogue_published: 是的\n"  # 8 not a boolean
        "  regulation.normative_docs_issued: no\n"  # 9 boolean for a number
        "  regulation.normative_docs_issued: 4\n"  # 10 duplicate key
        "  enforcement.case_file_problems: 1.5\n",  # 11 fractional count
        encoding="utf-8",
    )
    sub = load_submission(path, pack.catalogue)
    got = [(d.code, d.line, d.column) for d in sub.diagnostics]
    assert got == [
        ("yaml.duplicate_key", 11, 3),
        ("input.unknown_field", 1, 1),
        ("input.region", 1, 1),
        ("input.level", 3, 8),
        ("input.unknown_indicator", 5, 3),
        ("value.negative", 6, 28),
        ("value.percent_range", 7, 35),
        ("value.not_a_number", 8, 29),
        ("value.want_bool", 9, 49),
        ("value.bool_for_number", 10, 37),
        ("value.fractional_count", 12, 35),
    ]


def test_a_file_of_tens_of_megabytes_is_refused_without_reading_it(tmp_path, pack):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.write(b'region: x\nyear: 2024\nindicators:\n  s: "')
        fh.truncate(40 * 1024 * 1024)
    sub = load_submission(path, pack.catalogue)
    assert [(d.code, d.params["size"]) for d in sub.diagnostics] == [("input.too_large", 40 * 1024 * 1024)]


def test_very_long_strings_are_shortened_in_messages(tmp_path, pack):
    path = tmp_path / "long.yaml"
    path.write_text(
        "region: 示例县\nyear: 2024\nindicators:\n  emergency.county_drills: "
        + "9" * 2_000_000
        + "x\n  "
        + "k" * 1000
        + ': 1\n  note: "'
        + "长" * 500_000
        + '"\n',
        encoding="utf-8",
    )
    sub = load_submission(path, pack.catalogue)
    assert [d.code for d in sub.diagnostics] == [
        "input.unknown_indicator",
        "input.unknown_indicator",
        "value.not_a_number",
    ]
    assert all(len(d.message("zh")) < 300 for d in sub.diagnostics)


def test_nothing_in_a_hostile_file_is_ever_run(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(
        f"region: !!python/object/apply:os.system ['touch {marker}']\nyear: 2024\nindicators: {{}}\n", encoding="utf-8"
    )
    out = run_cli("check", path, "--format", "json")
    assert out.returncode == 2 and not marker.exists()
    [result] = json.loads(out.stdout)["results"]
    assert result["errors"][0]["message"] == "不支持的 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system"


def test_interrupt_gives_a_short_message_not_a_traceback(tmp_path):
    script = (
        "import checker.commands.check as c\n"
        "def boom(args):\n    raise KeyboardInterrupt\n"
        "c.run = boom\n"
        "from checker.cli import main\nraise SystemExit(main(['check', 'x.yaml']))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 130
    assert out.stderr.strip() == "已中断" and "Traceback" not in out.stderr


def _copies_of_the_sample(folder, count) -> list:
    text = (ROOT / "samples" / "sheqi-2024.yaml").read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"s{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _started(proc) -> None:
    """Wait for the first checked result on stdout: the run is under way and, with workers, a
    worker has checked a chunk. The JSON of 300 files is megabytes, far more than a pipe holds, so
    the run cannot end before the signal: it waits for this test to read on (no timer decides)."""
    seen = b""
    while b'"findings"' not in seen:
        chunk = proc.stdout.read1(4096)
        assert chunk, "the run ended before any result was written"
        seen = seen[-16:] + chunk


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_sigint_during_a_run(tmp_path):
    files = _copies_of_the_sample(tmp_path, 300)
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", *files, "--format", "json", "--jobs", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _started(proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    err = err.decode("utf-8")
    assert "Traceback" not in err
    assert proc.returncode == 130 and err.strip() == "已中断"


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_ctrl_c_reaches_every_worker_and_gives_no_traceback(tmp_path):
    """Ctrl-C at a terminal signals the whole process group: the workers leave it to the parent."""
    _copies_of_the_sample(tmp_path, 300)
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", str(tmp_path), "--jobs", "2", "--format", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    _started(proc)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    err = err.decode("utf-8")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert proc.returncode == 130 and err.strip() == "已中断"


def test_a_worker_that_dies_is_reported_not_a_traceback(tmp_path):
    """A worker that cannot load the pack (here: deleted after the parent loaded it)."""
    text = (ROOT / "samples" / "sheqi-2024.yaml").read_text(encoding="utf-8")
    subs, rules = tmp_path / "subs", tmp_path / "rules"
    subs.mkdir()
    shutil.copytree(ROOT / "rules", rules)
    for i in range(70):
        (subs / f"s{i:03d}.yaml").write_text(text, encoding="utf-8")
    script = (
        "import shutil\nimport checker.parallel as p\nreal = p.checked\n"
        "def gone(*args):\n"
        f"    shutil.rmtree({str(rules)!r})\n"
        "    return real(*args)\n"
        "p.checked = gone\n"
        f"from checker.cli import main\nraise SystemExit(main(['check', {str(subs)!r}, '--rules', {str(rules)!r},"
        " '--jobs', '2']))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert "并行检查进程异常退出" in out.stderr and "--jobs 1" in out.stderr


def test_a_scoring_worker_that_dies_is_reported_not_a_traceback(tmp_path):
    """A worker of ``fazhi score`` killed mid-run (here it exits at its first file). Workers are
    started fresh (spawn): the death is planted through a ``sitecustomize`` every worker imports."""
    text = (ROOT / "samples" / "sheqi-2024.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        (folder / f"s{i}.yaml").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import os\n"
        "first = os.environ.setdefault('FAZHI_TEST_FIRST_PID', str(os.getpid()))\n"
        "if first != str(os.getpid()):    # a worker: the run's own process set the variable\n"
        "    import checker.score.cohort as c\n"
        "    c._score_one = lambda path: os._exit(3)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    out = subprocess.run(
        [sys.executable, "-m", "checker", "score", str(folder), "--jobs", "2", "--no-progress"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=env,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert "并行检查进程异常退出" in out.stderr and "--jobs 1" in out.stderr


def test_a_worker_that_cannot_start_raises_workers_failed(tmp_path):
    from checker import parallel

    view = {"lang": "zh", "color": False, "width": 100, "verbose": False, "today": None, "options": {}}
    setup = parallel.CheckSetup(
        rules_dir=str(tmp_path / "no-rules"),
        profile=None,
        engine="python",
        overrides={},
        view=view,
        outputs=(("checker.render.json_out", None, None, "\n"),),
        fail_on="minor",
    )
    with pytest.raises(parallel.WorkersFailed):
        list(parallel.checked([ROOT / "samples" / "sheqi-2024.yaml"] * 3, 0, setup, 2))
