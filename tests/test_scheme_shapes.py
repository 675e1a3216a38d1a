"""Schemes shaped like real ones (issue 19, item 6), proven on hand-computed cases.

Item points with per-item caps and deductions by shortfall, a 加扣分 bucket outside the areas, a
satisfaction component, bands per category and by quota, provenance said in every output that shows a
grade, and located diagnostics for a scheme that gets any of it wrong.
"""

import csv
import json
from pathlib import Path

import pytest
from conftest import run_cli
from test_scoring import MINIMAL, _scheme_copy, _scheme_diagnostics, county

DISP_PER = 'rules:\n  DISP-001: {per: "disputes.hearings - disputes.hearings_attended", points: 3}'
PROVENANCE = "illustrative: true\nnote: {zh: 测试用方案，分值为示意, en: A test scheme; its numbers are illustrative}\n"


def _run(root, *paths, scheme="test", extra=()):
    out = run_cli("score", *paths, "--rules", root, "--scheme", scheme, "--format", "json", "--jobs", "1", *extra)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    return json.loads(out.stdout)


# ---- items: points, deductions by shortfall, caps ------------------------------------------------------


def test_an_item_deducts_per_unit_of_shortfall_up_to_its_cap_and_never_more_than_its_points(tmp_path):
    """DISP-001 (出庭应诉率 ≥ 100%) as an item of 20 points: 0.5 a percentage point short, at most 15
    (开江县's shape: "每少一次扣0.3分，累计扣分不超过1.2分"). Not reported: the item's own `missing: 0`."""
    root, _ = _scheme_copy(
        tmp_path, DISP_PER, "items:\n  DISP-001: {points: 20, per_shortfall: 0.5, unit: 个百分点, cap: 15, missing: 0}"
    )
    folder = tmp_path / "c"
    folder.mkdir()
    county(folder, name="甲县", hearings=4, attended=3)  # 75%: 25 points short × 0.5 = 12.5 → 60 − 12.5 = 47.5
    county(folder, name="乙县", hearings=10, attended=2)  # 20%: 80 × 0.5 = 40, cap 15 → 45
    county(folder, name="丙县", hearings=4, attended=None)  # rate not reported: 0 (the scheme's warn would be 2)
    doc = _run(root, folder)
    got = {c["region"]: (c["areas"]["disputes"]["deduction"], c["score"], c["grade"]) for c in doc["ranking"]}
    assert got == {"甲县": (12.5, 87.5, "good"), "乙县": (15, 85, "good"), "丙县": (0, 100, "excellent")}
    [item] = [d for c in doc["ranking"] if c["region"] == "乙县" for d in c["deductions"]]
    assert (item["rule"], item["status"], item["deduction"]) == ("DISP-001", "warn", 15)


def test_items_may_hold_no_more_than_their_area_and_a_cap_no_more_than_the_item(tmp_path):
    _, path = _scheme_copy(tmp_path, DISP_PER, "items:\n  DISP-001: {points: 70, per_shortfall: 1, cap: 80}")
    scheme, found = _scheme_diagnostics(path)
    assert scheme is None
    assert [f[:4] for f in found] == [("scheme.item_cap", "test.yaml", 6, 49)]
    _, path = _scheme_copy(tmp_path, "cap: 80}", "cap: 50}")
    assert [f[:5] for f in _scheme_diagnostics(path)[1]] == [
        ("scheme.items_sum", "test.yaml", 6, 13, {"area": "disputes", "total": 70, "points": 60})
    ]


def test_an_item_whose_rule_is_not_a_threshold_needs_a_shortfall_expression(tmp_path):
    """REPT-001 compares a date with a date: no shortfall can be read from it, said at the item."""
    _, path = _scheme_copy(tmp_path, DISP_PER, "items:\n  REPT-001: {points: 10, per_shortfall: 1}")
    scheme, found = _scheme_diagnostics(path)
    assert scheme is None and [f[:4] for f in found] == [("scheme.item_shortfall", "test.yaml", 6, 13)]
    (tmp_path / "b").mkdir()
    _, path = _scheme_copy(tmp_path / "b", DISP_PER, "rules:\n  DISP-001: {fail: 1}\nitems:\n  DISP-001: {points: 10}")
    assert [f[:4] for f in _scheme_diagnostics(path)[1]] == [("scheme.item_twice", "test.yaml", 8, 13)]


# ---- quota bands --------------------------------------------------------------------------------------


def _cohort(tmp_path, attended):
    folder = tmp_path / "cohort"
    folder.mkdir(exist_ok=True)
    for name, n in attended.items():
        county(folder, name=name, hearings=4, attended=n)
    return folder


def test_a_quota_band_goes_to_the_best_ranked_and_the_rest_take_the_next_band(tmp_path):
    """优秀 (≥ 90) for at most 40% of five counties: ⌊5 × 0.4⌋ = 2. Scores by hand (3 points a hearing
    missed): 100, 97, 94, 94, 91, all ≥ 90; 甲县 and 乙县 keep 优秀, the other three are 良好 (a tie is ranked by
    region name: 丁县 before 丙县)."""
    root, _ = _scheme_copy(
        tmp_path,
        "{key: excellent, zh: 优秀, en: Excellent, min: 90}",
        "{key: excellent, zh: 优秀, en: Excellent, min: 90, quota: 40}",
    )
    folder = _cohort(tmp_path, {"甲县": 4, "乙县": 3, "丙县": 2, "丁县": 2, "戊县": 1})
    doc = _run(root, folder)
    assert [(c["region"], c["score"], c["grade"]) for c in doc["ranking"]] == [
        ("甲县", 100, "excellent"),
        ("乙县", 97, "excellent"),
        ("丁县", 94, "good"),
        ("丙县", 94, "good"),
        ("戊县", 91, "good"),
    ]
    assert doc["ranking"][2]["vetoes"] == [
        {"kind": "quota", "label": "优秀等次限 40%（本组 5 个中至多 2 个）", "rule": None}
    ]


def test_a_tie_at_the_quota_boundary_is_not_split(tmp_path):
    """20% of five is one place; 甲县 and 乙县 tie at 100: neither is 优秀 ("at most")."""
    root, _ = _scheme_copy(
        tmp_path,
        "{key: excellent, zh: 优秀, en: Excellent, min: 90}",
        "{key: excellent, zh: 优秀, en: Excellent, min: 90, quota: 20}",
    )
    folder = _cohort(tmp_path, {"甲县": 4, "乙县": 4, "丙县": 3, "丁县": 3, "戊县": 3})
    assert [(c["score"], c["grade"]) for c in _run(root, folder)["ranking"]] == [
        (100, "good"),
        (100, "good"),
        (97, "good"),
        (97, "good"),
        (97, "good"),
    ]


# ---- provenance in every output that shows a grade --------------------------------------------------------


def test_an_illustrative_scheme_says_so_in_every_output_and_a_sourced_one_does_not(tmp_path):
    import openpyxl

    folder = _cohort(tmp_path, {"甲县": 4, "乙县": 3})
    for sourced in (False, True):
        if sourced:
            root, _ = _scheme_copy(
                tmp_path, PROVENANCE, "source: {document: 某县考核细则, url: https://www.gov.cn/x}\n"
            )
        else:
            root = MINIMAL
        out = tmp_path / ("s" if sourced else "i")
        out.mkdir()
        html, xlsx, csv_path = out / "r.html", out / "r.xlsx", out / "r.csv"
        doc = _run(root, folder, extra=("--html", html, "--xlsx", xlsx, "--csv", csv_path))
        banner = "示意评分方案：分值和等次线并非官方标准，等次仅供参考。测试用方案，分值为示意"
        assert doc["illustrative"] is (not sourced)
        assert doc["illustrative_note"] == (None if sourced else banner)
        assert doc["sources"] == (
            [{"document": "某县考核细则", "url": "https://www.gov.cn/x", "note": None}] if sourced else []
        )
        table = run_cli("score", folder, "--rules", root, "--scheme", "test", "--jobs", "1", "--width", "200").stdout
        assert (banner in table.splitlines()[1]) is (not sourced)
        page = html.read_text(encoding="utf-8")
        assert ('data-testid="illustrative"' in page) is (not sourced)
        assert (f'role="note">{banner}</div>' in page) is (not sourced)
        with open(csv_path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert ("评分方案" in rows[0]) is (not sourced)
        if not sourced:
            column = rows[0].index("评分方案")
            assert [r[column] for r in rows[1:]] == ["示意方案（分值非官方，等次仅供参考）"] * 2
            assert rows[1][-1].endswith("甲县-2024.yaml")  # the file is still the last column
        ws = openpyxl.load_workbook(xlsx)["汇总"]
        assert ("示意方案" in ws["A1"].value) is (not sourced)
        notes = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)]
        assert (banner in notes) is (not sourced)


def test_a_scheme_that_does_not_say_where_its_numbers_come_from_is_refused(tmp_path):
    _, path = _scheme_copy(tmp_path, PROVENANCE, "")
    scheme, found = _scheme_diagnostics(path)
    assert scheme is None and [f[:4] for f in found] == [("scheme.provenance", "test.yaml", 1, 1)]
    _, path = _scheme_copy(tmp_path, "bands:", "illustrative: true\nbands:")
    assert [f[:4] for f in _scheme_diagnostics(path)[1]] == [("scheme.note", "test.yaml", 16, 15)]
    lint = run_cli("rules", "lint", path.parent.parent)
    assert lint.returncode != 0 and f"{path}:16:15" in lint.stdout + lint.stderr


def test_the_bundled_schemes_say_where_their_numbers_come_from():
    from checker.pack import load_pack
    from checker.score.scheme import load_scheme

    pack, _ = load_pack()
    shown = {}
    for path in sorted(Path("rules/schemes").glob("*.yaml")):
        scheme, diags = load_scheme(pack, str(path))
        assert scheme is not None, [d.code for d in diags]
        assert scheme.sources or scheme.illustrative
        shown[path.stem] = (scheme.illustrative, [s["url"] for s in scheme.sources])
    assert shown["national"] == (True, [])
    assert shown["henan-county"][0] is True and len(shown["henan-county"][1]) == 1
    assert shown["county-itemised"] == (
        True,
        [
            "http://www.kaijiang.gov.cn/xxgk-show-138.html",
            "http://zhengzhou.baogaosu.com/xinwen/依法行政成绩单省辖市中郑州第一/45712072",
            "http://ask.fsou.com/html/text/lar/171893/17189366_3.html",
        ],
    )


# ---- the bundled county scheme, scored by hand -----------------------------------------------------------

COUNTIES = {
    "甲县": """
  leadership.exec_meeting_rol_deliberations: 0
  enforcement.training_hours_min: 45
  regulation.normative_docs_issued: 10
  regulation.normative_docs_filed: 8
  leadership.public_satisfaction: 85.5
  disputes.litigation_cases_lost: 3
  leadership.experience_promoted: 1
""",
    "兰考县": """
  leadership.exec_meeting_rol_deliberations: 2
  enforcement.training_hours_min: 58
  regulation.normative_docs_issued: 6
  regulation.normative_docs_filed: 6
  oversight.integrity_breaches: 7
  leadership.provincial_demonstration: true
""",
    "乙县": """
  leadership.exec_meeting_rol_deliberations: 0
  enforcement.training_hours_min: 40
  regulation.normative_docs_issued: 12
  regulation.normative_docs_filed: 5
  leadership.public_satisfaction: 60
  disputes.litigation_cases_lost: 20
""",
}


def test_the_county_scheme_scored_by_hand(tmp_path):
    """rules/schemes/county-itemised.yaml (national profile): areas 90 + satisfaction 10; unreported costs 0.

    甲县: LEAD-002 item, 0 deliberations against 1: 1 × 0.5 = 0.5; RULE-003 item, 10 − 8 = 2 documents × 1 = 2;
    ENFO-011 item, 60 − 45 = 15 hours × 0.1 = 1.5, cap 1.2. Areas 90 − 3.7 = 86.3; satisfaction 85.5% of 10 =
    8.55; base 94.85; bonus 1 promotion × 0.5 = 0.5; penalty 3 cases lost × 0.5 = 1.5;
    total min(100, 95.35) − 1.5 = 93.85 → 优秀 (other counties: ≥ 90).

    兰考县 (a 省直管县): ENFO-011 2 hours × 0.1 = 0.2; SUPV-006 (政务失信 ≤ 0, practice, not an item) 7 → warn
    0.25. Areas 90 − 0.45 = 89.55; satisfaction not reported → 89.55 × 100 / 90 = 99.5; bonus 1 (provincial);
    penalties 7 × 1 = 7, cap 5; total min(100, 100.5) − 5 = 95 → 优秀 (its category: ≥ 75).

    乙县: LEAD-002 0.5; RULE-003 7 documents × 1 = 7, at most the item's 3; ENFO-011 20 × 0.1 = 2, cap 1.2.
    Areas 90 − 4.7 = 85.3; satisfaction 60% of 10 = 6; base 91.3; penalty 20 × 0.5 = 10, cap 5; total 86.3 →
    良好 (it would be 优秀 among the 省直管县, at ≥ 75)."""
    for name, indicators in COUNTIES.items():
        (tmp_path / f"{name}.yaml").write_text(
            f"region: {name}\nyear: 2024\npublished_on: 2025-03-25\nindicators:{indicators}", encoding="utf-8"
        )
    out = run_cli("score", tmp_path, "--scheme", "county-itemised", "--format", "json", "--jobs", "1")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    got = {c["region"]: c for c in doc["ranking"]}
    shape = {
        name: (c["score"], c["base"], c["bonus"], c["penalty"], c["satisfaction"]["points"], c["grade"], c["category"])
        for name, c in got.items()
    }
    assert shape == {
        "兰考县": (95, 99.5, 1, 5, None, "excellent", "direct_county"),
        "甲县": (93.85, 94.85, 0.5, 1.5, 8.55, "excellent", None),
        "乙县": (86.3, 91.3, 0, 5, 6, "good", None),
    }
    assert [(d["rule"], d["deduction"]) for d in got["甲县"]["deductions"]] == [
        ("LEAD-002", 0.5),
        ("RULE-003", 2),
        ("ENFO-011", 1.2),
    ]
    assert sorted((d["rule"], d["deduction"]) for d in got["兰考县"]["deductions"]) == [
        ("ENFO-011", 0.2),
        ("SUPV-006", 0.25),
    ]
    assert sorted((d["rule"], d["deduction"]) for d in got["乙县"]["deductions"]) == [
        ("ENFO-011", 1.2),
        ("LEAD-002", 0.5),
        ("RULE-003", 3),
    ]
    assert got["乙县"]["penalty_items"] == [{"label": "行政诉讼败诉（每件）", "points": 10}]
    assert got["兰考县"]["satisfaction"] == {"points": None, "of": 10, "value": None, "scored": False}
    assert doc["illustrative"] is True


def test_a_veto_on_a_fact_grades_lowest_in_the_county_scheme(tmp_path):
    text = f"region: 滑县\nyear: 2024\nindicators:{COUNTIES['兰考县']}  leadership.falsified_material: true\n"
    (tmp_path / "滑县.yaml").write_text(text, encoding="utf-8")
    doc = json.loads(
        run_cli("score", tmp_path, "--scheme", "county-itemised", "--format", "json", "--jobs", "1").stdout
    )
    [c] = doc["ranking"]
    assert (c["score"], c["grade"], c["category"], [v["kind"] for v in c["vetoes"]]) == (
        95,
        "poor",
        "direct_county",
        ["lowest"],
    )


@pytest.mark.parametrize("mode,expected", [("rescale", 88.89), ("zero", 80)])
def test_an_unreported_satisfaction_is_left_out_or_scored_zero(tmp_path, mode, expected):
    """Areas 50 + 40 and satisfaction 10, read here from a percent indicator that is not reported (no
    hearings: DISP-001 does not apply, disputes keeps its 50). The report is late: report 40 − 10 = 30, so
    the areas score 80 of 90. `rescale`: 80 × 100 / 90 = 88.888… → 88.89; `zero`: 80 + 0 = 80."""
    root, _ = _scheme_copy(
        tmp_path,
        "areas: {disputes: 60, report: 40}",
        "areas: {disputes: 50, report: 40}\nsatisfaction: {indicator: disputes.attendance_rate, "
        f"points: 10, unreported: {mode}}}",
    )
    c = _run(root, county(tmp_path, hearings=0, attended=None, published="2025-04-10"))["ranking"][0]
    assert (c["base"], c["score"]) == (expected, expected)
    assert c["satisfaction"] == {
        "points": None if mode == "rescale" else 0,
        "of": 10,
        "value": None,
        "scored": mode == "zero",
    }


# ---- the 示范创建 indicator system as a checklist profile -----------------------------------------------------


def test_the_demonstration_checklist_is_listed_with_its_rules_and_no_weights():
    out = run_cli("rules", "list", "--profile", "shifan-checklist")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "指标数：一级 10 / 二级 34 / 三级 104" in text and "（清单，不计分：官方未公布分值和权重）" in text
    assert "    → FUNC-001, FUNC-002, FUNC-005, FUNC-009  (" in text
    assert "    → 无对应规则  (规则包中没有行政审批中介服务的规则或指标)" in text
    assert "未能查到：三级指标第4至104项的条文" in text
    assert "指标数" not in run_cli("rules", "list").stdout  # other profiles: rules only


def test_a_checklist_naming_a_rule_that_does_not_exist_is_said_at_its_place(tmp_path):
    import shutil

    root = tmp_path / "rules"
    shutil.copytree("rules", root)
    path = root / "profiles" / "shifan-checklist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("rules: [FUNC-012]", "rules: [FUNC-912]").replace(
            "      note: {zh: 网上可办", "      weight: 3\n      note: {zh: 网上可办"
        ),
        encoding="utf-8",
    )
    out = run_cli("rules", "lint", root, "--profile", "shifan-checklist")
    shown = out.stdout + out.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    weight = next(i for i, line in enumerate(lines, 1) if "weight: 3" in line)
    bad = next(i for i, line in enumerate(lines, 1) if "FUNC-912" in line)
    assert out.returncode != 0 and "Traceback" not in shown
    assert f"{path}:{weight}:7: " in shown and f"{path}:{bad}:15: " in shown
