"""Scoring arithmetic, proven on hand-computed cases for every scheme feature.

The test scheme (tests/packs/minimal/schemes/test.yaml): disputes 60 points, report 40; fail −10,
missing −5, warn −2; DISP-001 costs 3 points per hearing the head did not attend; vetoes: falsified
material → lowest grade, REPT-001 failed → not 优秀; bonus: national 2, provincial 1, 0.5 per promotion,
capped at 3; bands 90 / 80 / 60 / 0.
"""

import json
from pathlib import Path

import pytest
from conftest import run_cli

MINIMAL = Path(__file__).parent / "packs" / "minimal"


def county(tmp_path, name="示例县", year=2024, hearings=4, attended=4, published="2025-03-25", **extra):
    lines = [f"region: {name}", f"year: {year}"]
    if published:
        lines.append(f"published_on: {published}")
    lines.append("indicators:")
    if hearings is not None:
        lines.append(f"  disputes.hearings: {hearings}")
    if attended is not None:
        lines.append(f"  disputes.hearings_attended: {attended}")
    lines += [f"  report.{k}: {str(v).lower()}" for k, v in extra.items()]
    path = tmp_path / f"{name}-{year}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def score(*paths, scheme="test", extra=()):
    out = run_cli("score", *paths, "--rules", MINIMAL, "--scheme", scheme, "--format", "json", "--jobs", "1", *extra)
    assert out.returncode in (0, 2), out.stderr
    return json.loads(out.stdout)


def one(tmp_path, scheme="test", extra=(), **kw):
    doc = score(county(tmp_path, **kw), scheme=scheme, extra=extra)
    [c] = doc["ranking"]
    return c


def test_everything_met_scores_100(tmp_path):
    c = one(tmp_path)
    assert (c["score"], c["grade"], c["areas"]["disputes"]["score"], c["areas"]["report"]["score"]) == (
        100,
        "excellent",
        60,
        40,
    )


def test_per_unit_deduction_and_a_failed_statutory_rule(tmp_path):
    c = one(tmp_path, attended=1, published="2025-04-10")  # 3 hearings missed → 9; report late → 10
    assert c["areas"]["disputes"] == {"points": 60, "deduction": 9, "score": 51, "applicable": True}
    assert c["areas"]["report"]["score"] == 30
    assert (c["score"], c["grade"]) == (81, "good")
    assert [d["rule"] for d in c["deductions"]] == ["DISP-001", "REPT-001"]


def test_area_cap(tmp_path):
    c = one(tmp_path, hearings=40, attended=0)  # 40 × 3 = 120 points, capped at 60
    assert c["areas"]["disputes"]["deduction"] == 60 and c["areas"]["disputes"]["score"] == 0
    assert (c["score"], c["grade"]) == (40, "poor")


def test_missing_costs_the_missing_amount(tmp_path):
    c = one(tmp_path, published=None)  # REPT-001 statutory, not reported: −5
    assert (c["areas"]["report"]["score"], c["score"], c["grade"]) == (35, 95, "excellent")


def test_veto_no_excellent(tmp_path):
    c = one(tmp_path, published="2025-04-10")  # 60 + 30 = 90 would be 优秀
    assert c["score"] == 90
    assert (c["grade"], c["grade_name"]) == ("good", "良好")
    assert c["vetoes"] == [{"kind": "no_excellent", "label": "报告逾期", "rule": "REPT-001"}]


def test_veto_lowest(tmp_path):
    c = one(tmp_path, falsified=True)
    assert (c["score"], c["grade"], c["vetoes"][0]["kind"]) == (100, "poor", "lowest")


def test_bonus_is_capped_and_the_total_never_exceeds_100(tmp_path):
    c = one(tmp_path, attended=1, published="2025-04-10", national_demo=True, provincial_demo=True, promoted=4)
    assert [b["points"] for b in c["bonus_items"]] == [2, 1, 2]  # 5 earned
    assert (c["bonus"], c["score"], c["grade"]) == (3, 84, "good")  # 81 + 3
    c = one(tmp_path, name="满分县", national_demo=True)
    assert (c["base"], c["bonus"], c["score"]) == (100, 2, 100)


def test_not_applicable_excluded_keeps_the_area_points(tmp_path):
    c = one(tmp_path, hearings=0, attended=None, published="2025-04-10")
    assert c["areas"]["disputes"] == {"points": 60, "deduction": 0, "score": 60, "applicable": False}
    assert (c["score"], c["grade"]) == (90, "good")  # 90, and the REPT-001 veto


def test_not_applicable_redistributed_scales_the_other_areas(tmp_path):
    c = one(tmp_path, scheme="test-redistribute", hearings=0, attended=None, published="2025-04-10")
    assert c["base"] == 75 and c["score"] == 75  # 30 of 40 → 75 of 100
    assert c["grade"] == "fair"


def test_waived_findings_cost_nothing(tmp_path):
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        """waivers:
  - {rule: REPT-001, region: 示例县, year: 2024, justification: 门户网站改版, approved_by: 市依法治市办,
     approved_on: 2025-04-20, expires: 2025-12-31}
""",
        encoding="utf-8",
    )
    c = one(tmp_path, attended=1, published="2025-04-10", extra=("--waivers", waivers, "--today", "2025-06-01"))
    assert (c["areas"]["report"]["score"], c["score"], c["grade"], c["vetoes"]) == (40, 91, "excellent", [])


def test_ranking_ties_and_year_over_year(tmp_path):
    paths = [
        county(tmp_path, name="甲县", attended=4),
        county(tmp_path, name="乙县", attended=4),
        county(tmp_path, name="丙县", attended=2, published="2025-04-10"),
        county(tmp_path, name="丙县", year=2023, attended=4, published="2024-03-25"),
    ]
    doc = score(*paths)
    ranking = [(c["rank"], c["region"], c["score"]) for c in doc["ranking"]]
    assert ranking == [(1, "乙县", 100), (1, "甲县", 100), (3, "丙县", 84)]
    change = doc["ranking"][2]["change"]
    assert (change["previous_year"], change["previous_score"], change["delta"], change["previous_grade"]) == (
        2023,
        100,
        -16,
        "优秀",
    )
    assert change["worse"] == [  # the rate alone: neither the hearings (a volume) nor a date has a better way
        {
            "indicator": "disputes.attendance_rate",
            "name": "负责人出庭应诉率",
            "previous": 100,
            "value": 50,
            "unit": "percent",
            "better": "higher",
            "previous_text": "100%",
            "value_text": "50%",
        }
    ]


def test_previous_year_from_another_folder(tmp_path):
    now, before = tmp_path / "2024", tmp_path / "2023"
    now.mkdir(), before.mkdir()
    county(now, name="丙县", attended=2)
    county(before, name="丙县", year=2023, attended=4, published="2024-03-25")
    doc = score(now, extra=("--previous", before))
    assert doc["ranking"][0]["change"]["delta"] == -6


def test_one_broken_file_does_not_stop_the_cohort(tmp_path):
    county(tmp_path, name="甲县")
    (tmp_path / "broken.yaml").write_text("region: [\n", encoding="utf-8")
    out = run_cli("score", tmp_path, "--rules", MINIMAL, "--scheme", "test", "--format", "json")
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    assert [c["region"] for c in doc["ranking"]] == ["甲县"]
    assert [Path(e["file"]).name for e in doc["errors"]] == ["broken.yaml"]


def test_bundled_schemes_sum_to_100_and_score_the_samples():
    for scheme, profile in (("national", "national"), ("henan-county", "henan-county")):
        out = run_cli("score", "samples/", "--scheme", scheme, "--profile", profile, "--format", "json")
        doc = json.loads(out.stdout)
        assert out.returncode == 2  # samples/invalid/broken.yaml
        assert len(doc["ranking"]) == 5 and doc["errors"][0]["file"].endswith("broken.yaml")
        for c in doc["ranking"]:
            assert 0 <= c["score"] <= 100
            assert sum(a["points"] for a in c["areas"].values()) == 100


@pytest.mark.parametrize(
    "edit,code",
    [
        ("areas: {disputes: 60, report: 40}", "scheme.areas_sum"),
        ("kind: lowest", "scheme.veto"),
        ("DISP-001: {per:", "profile.unknown_rule"),
    ],
)
def test_broken_scheme_is_refused(tmp_path, edit, code):
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(MINIMAL, root)
    path = root / "schemes" / "test.yaml"
    text = path.read_text(encoding="utf-8")
    replacement = {
        "scheme.areas_sum": "areas: {disputes: 60, report: 50}",
        "scheme.veto": "kind: worst",
        "profile.unknown_rule": "DISP-009: {per:",
    }[code]
    path.write_text(text.replace(edit, replacement), encoding="utf-8")
    sub = county(tmp_path)
    out = run_cli("score", sub, "--rules", root, "--scheme", "test")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert str(path) in out.stderr


def test_a_cohort_of_1000_in_parallel_with_a_progress_bar_equals_the_serial_run(tmp_path, pack):
    from checker import synth

    synth.write(pack.catalogue, tmp_path / "cohort", 1000)
    parallel = run_cli("score", tmp_path / "cohort", "--format", "json", "--jobs", "2", "--progress")
    serial = run_cli("score", tmp_path / "cohort", "--format", "json", "--jobs", "1", "--no-progress")
    assert parallel.returncode == serial.returncode == 0, parallel.stderr[-500:]
    assert parallel.stdout == serial.stdout
    doc = json.loads(serial.stdout)
    assert len(doc["ranking"]) == 1000 and doc["errors"] == []
    assert "1000/1000" in parallel.stderr  # the progress bar ran to the end
    assert len({c["grade"] for c in doc["ranking"]}) >= 2  # the generated cohort is not uniform


def test_prose_reports_are_scored_like_submissions():
    out = run_cli(
        "score", "tests/corpus/qinghe-2024.txt", "tests/corpus/zelu-2024.docx", "--format", "json", "--jobs", "1"
    )
    doc = json.loads(out.stdout)
    assert out.returncode == 0, doc["errors"]
    assert sorted(c["region"] for c in doc["ranking"]) == ["泽庐县", "青禾县"]


def test_a_region_and_year_given_twice_is_scored_once(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(Path("samples/sheqi-2024.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = run_cli("score", tmp_path, "--format", "json", "--jobs", "1")
    doc = json.loads(out.stdout)
    assert out.returncode == 2
    assert [c["file"] for c in doc["ranking"]] == [str(tmp_path / "a.yaml")]
    assert doc["errors"] == [
        {
            "file": str(tmp_path / "b.yaml"),
            "messages": [
                f"{tmp_path / 'b.yaml'}: 与 {tmp_path / 'a.yaml'} 是同一地区、同一年度（社旗县 2024），未计分"
            ],
        }
    ]


def test_no_more_workers_start_than_there_are_chunks_to_score(monkeypatch):
    from checker import parallel
    from checker.score import cohort as cohort_module

    started = []

    def ordered(work, tasks, jobs, initializer, setup):
        started.append(jobs)
        return ([("scored", path) for path in chunk] for chunk in tasks)

    monkeypatch.setattr(parallel, "ordered", ordered)
    out = cohort_module.run_scoring(["a", "b", "c"], None, jobs=30)
    assert out == [("scored", "a"), ("scored", "b"), ("scored", "c")] and started == [3]


def test_the_same_file_given_twice_is_scored_once():
    sample = "samples/sheqi-2024.yaml"
    out = run_cli("score", sample, sample, "--format", "json", "--jobs", "1")
    doc = json.loads(out.stdout)
    assert out.returncode == 0 and [c["file"] for c in doc["ranking"]] == [sample] and doc["errors"] == []
    assert out.stderr == f"{sample}: 与 {sample} 是同一个文件，只读取一次\n"


def _scheme_copy(tmp_path, old, new, name="test"):
    """The minimal pack copied, with one edit of its scheme NAME."""
    import shutil

    root = tmp_path / "rules"
    if not root.exists():
        shutil.copytree(MINIMAL, root)
    path = root / "schemes" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root, path


def _score_in(root, path, scheme="test"):
    out = run_cli("score", path, "--rules", root, "--scheme", scheme, "--format", "json", "--jobs", "1")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    [c] = json.loads(out.stdout)["ranking"]
    return c["score"], c["grade"], [(v["kind"], v["rule"]) for v in c["vetoes"]]


def test_a_veto_acts_on_exactly_the_statuses_written(tmp_path):
    """`on: [fail, missing]` (an unquoted `on`, which YAML 1.1 reads as true): the veto acts on a
    missing REPT-001 as on a failed one, and not on a passing one. The bundled `on: [fail]` does not
    act on a missing one (test_missing_costs_the_missing_amount)."""
    root, _ = _scheme_copy(tmp_path, "on: [fail]", "on: [fail, missing]")
    vetoed = [("no_excellent", "REPT-001")]
    assert _score_in(root, county(tmp_path, name="未报县", published=None)) == (95, "good", vetoed)
    assert _score_in(root, county(tmp_path, name="逾期县", published="2025-04-10")) == (90, "good", vetoed)
    assert _score_in(root, county(tmp_path, name="按时县")) == (100, "excellent", [])
    root, _ = _scheme_copy(tmp_path, "on: [fail, missing]", "on: missing")  # one status, not a list
    assert _score_in(root, county(tmp_path, name="未报县", published=None)) == (95, "good", vetoed)
    assert _score_in(root, county(tmp_path, name="逾期县", published="2025-04-10")) == (90, "excellent", [])


def _scheme_diagnostics(path):
    from checker.pack import load_pack
    from checker.score.scheme import load_scheme

    pack, _ = load_pack(path.parent.parent)
    scheme, diags = load_scheme(pack, str(path))
    return scheme, [(d.code, Path(d.file).name, d.line, d.column, d.params) for d in diags]


@pytest.mark.parametrize(
    "new,expected",
    [
        ("on: [fail, passed, yes]", [("scheme.veto_on", 9, 33, "passed"), ("scheme.veto_on", 9, 41, "true")]),
        ("on: 3", [("scheme.veto_on", 9, 26, "3")]),
        ("on: []", [("scheme.veto_on", 9, 26, "[]")]),
        ("on: {fail: 1}", [("scheme.veto_on", 9, 26, "{…}")]),
        ("on: ", [("scheme.veto_on", 9, 26, "")]),
    ],
)
def test_a_veto_on_a_status_that_is_none_is_refused_at_its_place(tmp_path, new, expected):
    _, path = _scheme_copy(tmp_path, "on: [fail]", new)
    scheme, found = _scheme_diagnostics(path)
    assert scheme is None
    assert found == [
        (code, "test.yaml", line, col, {"index": 2, "value": value, "choices": "fail, error, missing, warn"})
        for code, line, col, value in expected
    ]


def test_a_misspelt_or_misplaced_veto_field_is_said_never_dropped(tmp_path):
    _, path = _scheme_copy(tmp_path, "on: [fail]", "ON: [fail, missing]")  # YAML 1.1: true as well
    assert _scheme_diagnostics(path)[1] == [
        ("scheme.unknown_field", "test.yaml", 9, 22, {"name": "ON", "suggestion": "on"})
    ]
    _, path = _scheme_copy(tmp_path, "kind: lowest,", "kind: lowest, on: [missing],")
    assert _scheme_diagnostics(path)[1] == [
        ("scheme.veto_on_unused", "test.yaml", 8, 44, {"index": 1}),
        ("scheme.unknown_field", "test.yaml", 9, 22, {"name": "ON", "suggestion": "on"}),
    ]
    _, path = _scheme_copy(tmp_path, "bands:", "on: true\nbands:")  # at the top: not a scheme field
    assert _scheme_diagnostics(path)[1] == [
        ("scheme.unknown_field", "test.yaml", 16, 1, {"name": "on", "suggestion": ""}),
        ("scheme.veto_on_unused", "test.yaml", 8, 44, {"index": 1}),
        ("scheme.unknown_field", "test.yaml", 9, 22, {"name": "ON", "suggestion": "on"}),
    ]


def test_a_broken_scheme_never_raises(tmp_path):
    """Each part of a scheme given the wrong shape: every problem said, at its place, in one run."""
    root, path = _scheme_copy(tmp_path, "rules:\n  DISP-001: {per:", "rules:\n  REPT-001: 2\n  DISP-001: {cap: x, per:")
    _scheme_copy(tmp_path, "bonus:\n  cap: 3", "bonus:\n  cap: many")
    _scheme_copy(tmp_path, "    - {per: report.promoted,", "    - {when: report.falsified, per: report.promoted,")
    _scheme_copy(tmp_path, "bands:\n", "bands: {excellent: 90}\nx:\n")
    _, found = _scheme_diagnostics(path)
    assert [f[:4] for f in found] == [
        ("scheme.unknown_field", "test.yaml", 18, 1),
        ("scheme.points", "test.yaml", 12, 8),
        ("scheme.bonus", "test.yaml", 16, 7),
        ("scheme.rule_spec", "test.yaml", 6, 13),
        ("scheme.points", "test.yaml", 7, 19),
        ("scheme.not_list", "test.yaml", 17, 8),
        ("scheme.bands", "test.yaml", 17, 8),
    ]
    out = run_cli("score", county(tmp_path), "--rules", root, "--scheme", "test")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"{path}:12:8: " in out.stderr


def _henan(tmp_path, name, extra=""):
    text = Path("samples/sheqi-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("region: 社旗县", f"region: {name}").replace("  disputes:\n", "  disputes:\n" + extra)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    out = run_cli(
        "score", path, "--profile", "henan-county", "--scheme", "henan-county", "--format", "json", "--jobs", "1"
    )
    assert out.returncode == 0, out.stderr
    [c] = json.loads(out.stdout)["ranking"]
    return c["score"], c["grade"], [v["rule"] for v in c["vetoes"]]


def test_the_henan_scheme_vetoes_disp_004_failed_not_unreported(tmp_path):
    """rules/schemes/henan-county.yaml: `{rule: DISP-004, on: [fail]}` (一票否优) — on a fact, not on
    unreported data (issue 19; it was `on: [fail, missing]`, which made 社旗县 良好). 社旗县's report
    does not state the judgments' performance: no veto, so its grade is its band's (76.0 → 优秀 by the
    placeholder 75 band at the time of the change)."""
    total, grade, vetoes = _henan(tmp_path, "社旗县")
    assert vetoes == [] and grade == ("excellent" if total >= 75 else "good" if total >= 70 else "fair")
    performed = "    judgments_effective: 4\n    judgment_compliance_rate: 100\n"
    assert _henan(tmp_path, "履行县", performed) == (
        74.5,
        "good",
        [],
    )  # no veto; FUNC-011/012 bind (central) since issue 19
    refused = "    judgments_effective: 4\n    judgment_compliance_rate: 75\n"
    assert _henan(tmp_path, "拒履县", refused)[1:] == ("good", ["DISP-004"])


def _one_scheme_step(tmp_path, points):
    """The minimal pack with DISP-001 costing ``points`` for each hearing the head missed."""
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(MINIMAL, root)
    path = root / "schemes" / "test.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'DISP-001: {per: "disputes.hearings - disputes.hearings_attended", points: 3}'
    assert old in text
    path.write_text(text.replace(old, old.replace("points: 3", f"points: {points}")), encoding="utf-8")
    return root


def test_a_score_reads_the_same_in_every_output_rounded_half_up(tmp_path):
    """72.25 and 76.75 (quarter points) were 72.2 and 76.8 in the terminal and HTML (half to even, one
    place) and exact in XLSX and CSV. 221 × 0.125 = 27.625 is deducted as 27.63 (half up, 四舍五入; half to
    even gives 27.62), and the area and the total are made from the figure shown: 32.37, 72.37."""
    import csv

    import openpyxl

    root = _one_scheme_step(tmp_path, 0.125)
    folder = tmp_path / "cohort"
    folder.mkdir()
    for name, missed in (("甲县", 222), ("乙县", 186), ("丙县", 221)):  # 27.75, 23.25, 27.625 deducted
        county(folder, name=name, hearings=missed, attended=0)
    html, xlsx, csv_path = tmp_path / "r.html", tmp_path / "r.xlsx", tmp_path / "r.csv"
    common = ("score", folder, "--rules", root, "--scheme", "test", "--jobs", "1")
    out = run_cli(*common, "--format", "json", "--html", html, "--xlsx", xlsx, "--csv", csv_path)
    assert out.returncode == 0, out.stderr
    ranking = [
        (c["region"], c["score"], c["areas"]["disputes"]["score"], c["deductions"][0]["deduction"])
        for c in json.loads(out.stdout)["ranking"]
    ]
    assert ranking == [("乙县", 76.75, 36.75, 23.25), ("丙县", 72.37, 32.37, 27.63), ("甲县", 72.25, 32.25, 27.75)]
    shown = ("76.75", "72.37", "72.25")
    table = run_cli(*common, "--width", "160").stdout.splitlines()
    rows = [line.split() for line in table if line.split()[:1] in (["1"], ["2"], ["3"])]
    assert [(r[1], r[3], r[5]) for r in rows] == [
        ("乙县", "76.75", "36.75"),
        ("丙县", "72.37", "32.37"),
        ("甲县", "72.25", "32.25"),
    ]
    page = html.read_text(encoding="utf-8")
    assert [f'<td class="n"><b>{s}</b></td>' in page for s in shown] == [True] * 3
    assert "−27.63</td>" in page and "32.37 / 60.00" in page  # a deduction and an area, the same way
    assert "72.2<" not in page and "76.8<" not in page and "27.62" not in page
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        assert [(r[1], r[3], r[5]) for r in list(csv.reader(fh))[1:]] == [
            ("乙县", "76.75", "36.75"),
            ("丙县", "72.37", "32.37"),
            ("甲县", "72.25", "32.25"),
        ]
    ws = openpyxl.load_workbook(xlsx)["汇总"]
    assert [(ws.cell(row=r, column=4).value, ws.cell(row=r, column=4).number_format) for r in (3, 4, 5)] == [
        (76.75, "0.00"),
        (72.37, "0.00"),
        (72.25, "0.00"),
    ]  # numbers, shown with two places


def test_worse_than_last_year_lists_declared_indicators_in_their_unit(tmp_path):
    """Previous year 21 of 22 hearings attended (95.4545…%), this year 2 of 3: the rate is listed, in
    its unit (95.45% → 66.67%, not 95.4545); the hearings (22 → 3, a denominator) are not."""
    import openpyxl

    now, before = tmp_path / "2024", tmp_path / "2023"
    now.mkdir(), before.mkdir()
    county(now, name="丙县", hearings=3, attended=2)
    county(before, name="丙县", year=2023, hearings=22, attended=21, published="2024-03-25")
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    doc = score(now, extra=("--previous", before, "--html", html, "--xlsx", xlsx))
    change = doc["ranking"][0]["change"]
    assert change["worse"] == [
        {
            "indicator": "disputes.attendance_rate",
            "name": "负责人出庭应诉率",
            "previous": 100 * 21 / 22,
            "value": 100 * 2 / 3,
            "unit": "percent",
            "better": "higher",
            "previous_text": "95.45%",
            "value_text": "66.67%",
        }
    ]
    page = html.read_text(encoding="utf-8")
    assert (
        '<table data-testid="worse"><thead><tr><th>指标</th><th class="n">上年 (2023)</th><th class="n">本年 (2024)'
        "</th></tr></thead><tbody><tr><td>负责人出庭应诉率<br><small><code>disputes.attendance_rate</code></small>"
        '</td><td class="n">95.45%</td><td class="n">66.67%</td></tr></tbody></table>'
    ) in page
    ws = openpyxl.load_workbook(xlsx)["1 丙县 2024"]
    reasons = [
        ws.cell(row=r, column=8).value for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "较上年"
    ]
    assert reasons == [
        f"上年总分 {change['previous_score']:.2f} 分，等次 优秀。变差的指标：负责人出庭应诉率 95.45% → 66.67%"
    ]
    doc = score(now, extra=("--previous", before, "--lang", "en"))
    assert [(w["previous_text"], w["value_text"]) for w in doc["ranking"][0]["change"]["worse"]] == [
        ("95.45%", "66.67%")
    ]


def test_a_lower_is_better_indicator_is_worse_when_it_rises():
    from checker.pack.catalogue import Indicator

    lost = Indicator("disputes.cases_lost", "disputes", "败诉数", "Cases lost", "count", better="lower")
    rate = Indicator("disputes.rate", "disputes", "出庭率", "Rate", "percent", better="higher")
    total = Indicator("functions.services_total", "functions", "政务服务事项总数", "Services", "count")
    assert [lost.worse(2, 3), lost.worse(3, 2), lost.worse(3, 3), lost.worse(None, 3)] == [True, False, False, False]
    assert [rate.worse(95.45, 90), rate.worse(90, 95.45), rate.worse(True, False)] == [True, False, False]
    assert [total.worse(2323, 1893), total.worse(1893, 2323)] == [False, False]


def test_a_file_that_cannot_be_scored_is_named_with_its_controls_and_direction_marks_escaped(tmp_path):
    """Words from a file that could not be read are shown, never obeyed: a right-to-left override or a
    control character in it is written as an escape in the text output."""
    (tmp_path / "a.yaml").write_text(
        'region: "禾\\x01丰\\u202e县"\nyear: 2024\nindicators: {disputes.leader_court_attendance_rate: 90}\n',
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        'region: "甲县"\nyear: 2024\nindicators: {disputes.leader_court_attendance_rate: 100}\n', encoding="utf-8"
    )
    out = run_cli("score", tmp_path, "--color", "never")
    assert "\u202e" not in out.stdout and "\x01" not in out.stdout
    assert "禾\\x01丰\\u202e县" in out.stdout
