"""The XLSX scoring workbook and the CSV ranking of ``fazhi score``, on a cohort built by hand and read back."""

from __future__ import annotations

import csv
import dataclasses

import pytest

openpyxl = pytest.importorskip("openpyxl")

from checker.score.csv_out import render_csv, write_csv  # noqa: E402
from checker.score.model import (
    AreaScore,
    Bonus,
    Change,
    CohortReport,
    CountyScore,
    FileError,  # noqa: E402
    ItemScore,
    Veto,
    Worse,
)
from checker.score.sheetxml import display_width  # noqa: E402
from checker.score.xlsx import render_xlsx, sheet_name, write_xlsx  # noqa: E402


def zh(zh_text, en_text=None):
    return {"zh": zh_text, "en": en_text or zh_text}


SYS = zh("依法行政制度体系", "Legal framework")
DISP = zh("矛盾纠纷化解", "Dispute resolution")
OPEN = zh("政务公开", "Openness")
EXCELLENT, GOOD, PASSED = zh("优秀", "Excellent"), zh("良好", "Good"), zh("合格", "Pass")


def item(
    rule,
    area,
    title,
    status,
    deduction=0.0,
    reason="",
    basis="《法治政府建设实施纲要（2021—2025年）》",
    strength="central",
):
    return ItemScore(
        rule=rule,
        area=area,
        title=zh(title, title + " (en)"),
        status=status,
        deduction=deduction,
        reason=zh(reason, reason and reason + " (en)"),
        expected=zh("100%"),
        basis=basis,
        strength=strength,
    )


def cohort() -> CohortReport:
    a = CountyScore(
        file="samples/jia-2024.yaml",
        region="甲县",
        year=2024,
        total=97.5,
        base=96.5,
        grade="excellent",
        grade_name=EXCELLENT,
        rank=1,
        bonus=1.0,
        areas=(
            AreaScore("system", "SYS", SYS, 30, 0, 30),
            AreaScore("disputes", "DISP", DISP, 40, 2, 38),
            AreaScore("openness", "OPEN", OPEN, 30, 1.5, 28.5),
        ),
        items=(
            item("SYS-001", "system", "规范性文件合法性审核率", "pass"),
            item("DISP-001", "disputes", "行政复议纠错率", "fail", 2.0, "读取 90%，要求 ≥ 95%", strength="law"),
            item("DISP-002", "disputes", "负责人出庭应诉率", "waived", 0.0, "已豁免：机构改革", strength="local"),
            item(
                "OPEN-001",
                "openness",
                "网上可办率",
                "warn",
                1.5,
                "读取 96%，要求 100%（实践目标）",
                strength="practice",
            ),
            item(
                "OPEN-002",
                "openness",
                "依申请公开答复率",
                "not_applicable",
                0.0,
                "本年无依申请公开",
                strength="consistency",
            ),
        ),
        bonus_items=(Bonus(zh("法治政府建设示范项目", "model project"), 1.0),),
        change=Change(previous_year=2023, previous_score=95.0, previous_grade=EXCELLENT, delta=2.5),
    )
    b = CountyScore(
        file="samples/yi-2024.yaml",
        region="乙县",
        year=2024,
        total=93.0,
        base=93.0,
        grade="good",
        grade_name=GOOD,
        rank=2,
        areas=(
            AreaScore("system", "SYS", SYS, 30, 5, 25),
            AreaScore("disputes", "DISP", DISP, 40, 0, 40),
            AreaScore("openness", "OPEN", OPEN, 30, 2, 28),
        ),
        items=(
            item("SYS-001", "system", "规范性文件合法性审核率", "fail", 3.0, "读取 90%，要求 100%"),
            item("SYS-002", "system", "重大行政决策目录公开", "missing", 3.0, "未报告"),
            item("DISP-001", "disputes", "行政复议纠错率", "pass"),
            item("OPEN-001", "openness", "网上可办率", "error", 2.0, "数值无效"),
        ),
        vetoes=(Veto("no_excellent", zh("发生重大行政违法案件", "a major unlawful act"), "SYS-002"),),
        change=Change(
            previous_year=2023,
            previous_score=94.5,
            previous_grade=EXCELLENT,
            delta=-1.5,
            worse=(
                Worse(
                    "system.review_rate",
                    zh("规范性文件审查率", "review rate"),
                    95.4545,
                    90.0,
                    "percent",
                    "higher",
                    {"zh": ("95.45%", "90%"), "en": ("95.45%", "90%")},
                ),
            ),
        ),
    )
    c = CountyScore(
        file="samples/bing-2024.yaml",
        region="丙县",
        year=2024,
        total=80.0,
        base=80.0,
        grade="pass",
        grade_name=PASSED,
        rank=3,
        areas=(
            AreaScore("system", "SYS", SYS, 30, 10, 20),
            AreaScore("disputes", "DISP", DISP, 40, 10, 30),
            AreaScore("openness", "OPEN", OPEN, 30, 0, 30, applicable=False),
        ),
        items=(
            item("SYS-001", "system", "规范性文件合法性审核率", "fail", 10.0, "读取 50%，要求 100%"),
            item("DISP-001", "disputes", "行政复议纠错率", "fail", 10.0, "读取 40%，要求 ≥ 95%"),
            item("OPEN-001", "openness", "网上可办率", "not_applicable"),
            item("OPEN-002", "openness", "依申请公开答复率", "not_applicable"),
        ),
    )
    return CohortReport(
        scheme="henan-county",
        scheme_name=zh("河南省县级法治政府建设考核方案", "Henan county scheme"),
        bands=(
            ("excellent", EXCELLENT, 95),
            ("good", GOOD, 85),
            ("pass", PASSED, 60),
            ("fail", zh("不合格", "Fail"), 0),
        ),
        areas=(("system", "SYS", SYS, 30), ("disputes", "DISP", DISP, 40), ("openness", "OPEN", OPEN, 30)),
        counties=(a, b, c),
        errors=(FileError("samples/bad.yaml", ("samples/bad.yaml:3:5: 键重复", "samples/bad.yaml:7:1: 未知指标")),),
    )


SUMMARY_HEADER = [
    "排名",
    "地区",
    "年度",
    "总分",
    "等次",
    "依法行政制度体系",
    "矛盾纠纷化解",
    "政务公开",
    "加分",
    "否决事项",
    "较上年",
    "上年等次",
    "文件",
]
COUNTY_HEADER = ["领域", "规则", "评分项目", "分值", "扣分", "得分", "结论", "扣分原因", "依据", "约束力"]


@pytest.fixture()
def book(tmp_path):
    path = tmp_path / "score.xlsx"
    write_xlsx(cohort(), path)
    return openpyxl.load_workbook(path)


def values(ws, row, ncols):
    return [ws.cell(row=row, column=c).value for c in range(1, ncols + 1)]


def test_sheets(book):
    assert book.sheetnames == ["汇总", "1 甲县 2024", "2 乙县 2024", "3 丙县 2024", "未能评分"]


def test_summary(book):
    ws = book["汇总"]
    assert ws["A1"].value == "河南省县级法治政府建设考核方案"
    assert values(ws, 2, 13) == SUMMARY_HEADER
    assert all(ws.cell(row=2, column=c).font.b for c in range(1, 14))
    assert ws.cell(row=2, column=1).fill.fgColor.rgb.endswith("D9E1F2")
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:M5"
    assert values(ws, 3, 13) == [
        1,
        "甲县",
        2024,
        97.5,
        "优秀",
        30,
        38,
        28.5,
        1,
        None,
        2.5,
        "优秀",
        "samples/jia-2024.yaml",
    ]
    assert values(ws, 4, 13) == [
        2,
        "乙县",
        2024,
        93,
        "良好",
        25,
        40,
        28,
        0,
        "一票否优：发生重大行政违法案件",
        -1.5,
        "优秀",
        "samples/yi-2024.yaml",
    ]
    assert values(ws, 5, 13) == [
        3,
        "丙县",
        2024,
        80,
        "合格",
        20,
        30,
        "不适用",
        0,
        None,
        None,
        None,
        "samples/bing-2024.yaml",
    ]
    for row in (3, 4, 5):
        for col in (1, 3, 4, 6, 7, 9):
            assert isinstance(ws.cell(row=row, column=col).value, (int, float)), (row, col)
        assert ws.cell(row=row, column=4).number_format == "0.00"
    assert ws["K4"].number_format == "+0.00;-0.00;0.00"
    assert ws["D3"].data_type == "n" and ws["B3"].data_type == "s"
    # the files that could not be scored: a note below the table and their own sheet
    assert ws["A7"].value == "另有 1 个文件未能评分，见“未能评分”工作表。"
    bad = book["未能评分"]
    assert [values(bad, r, 2) for r in (1, 2, 3)] == [
        ["文件", "问题"],
        ["samples/bad.yaml", "samples/bad.yaml:3:5: 键重复"],
        ["samples/bad.yaml", "samples/bad.yaml:7:1: 未知指标"],
    ]
    assert bad.freeze_panes == "A2"


def test_summary_widths(book):
    ws = book["汇总"]
    # CJK characters count double: "依法行政制度体系" is 16 columns wide
    assert ws.column_dimensions["F"].width >= 16
    assert ws.column_dimensions["B"].width >= 6
    assert display_width("社旗县") == 6 and display_width("ab") == 2 and display_width("１００％") == 8


def test_county_sheet(book):
    ws = book["1 甲县 2024"]
    assert ws["A1"].value == "甲县2024年法治政府建设考核评分表"
    assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}
    assert "河南省县级法治政府建设考核方案" in ws["A2"].value
    assert values(ws, 3, 10) == COUNTY_HEADER
    assert ws.freeze_panes == "A4"
    basis = "《法治政府建设实施纲要（2021—2025年）》"
    rows = [values(ws, r, 10) for r in range(4, ws.max_row + 1)]
    assert rows == [  # each item's binding force beside its basis, named as officials name it
        ["依法行政制度体系", "SYS-001", "规范性文件合法性审核率", None, 0, None, "通过", None, basis, "中央文件"],
        ["依法行政制度体系", None, "小计", 30, 0, 30, None, None, None, None],
        [
            "矛盾纠纷化解",
            "DISP-001",
            "行政复议纠错率",
            None,
            2,
            None,
            "不达标",
            "读取 90%，要求 ≥ 95%",
            basis,
            "法律法规",
        ],
        [
            "矛盾纠纷化解",
            "DISP-002",
            "负责人出庭应诉率",
            None,
            0,
            None,
            "已豁免",
            "已豁免：机构改革",
            basis,
            "地方规定",
        ],
        ["矛盾纠纷化解", None, "小计", 40, 2, 38, None, None, None, None],
        [
            "政务公开",
            "OPEN-001",
            "网上可办率",
            None,
            1.5,
            None,
            "预警",
            "读取 96%，要求 100%（实践目标）",
            basis,
            "工作目标（非约束性）",
        ],
        ["政务公开", "OPEN-002", "依申请公开答复率", None, 0, None, "不适用", "本年无依申请公开", basis, "数据一致性"],
        ["政务公开", None, "小计", 30, 1.5, 28.5, None, None, None, None],
        ["领域合计", None, None, 100, 3.5, 96.5, None, None, None, None],
        ["加分", None, "法治政府建设示范项目", None, None, 1, None, None, None, None],
        ["加分", None, "加分小计", None, None, 1, None, None, None, None],
        ["总分", None, None, 100, None, 97.5, "优秀", "领域合计 96.50 分 + 加分 1.00 分", None, None],
        ["较上年", None, "与 2023 年比较", None, None, 2.5, "优秀", "上年总分 95.00 分，等次 优秀", None, None],
    ]
    assert ws["E6"].number_format == "0.00" and isinstance(ws["E6"].value, (int, float))
    assert ws["H6"].alignment.wrap_text
    assert ws["G6"].font.b and ws["G6"].font.color.rgb.endswith("C00000")  # 不通过 in bold red
    assert ws["C5"].font.b and ws["C5"].fill.fgColor.rgb.endswith("F2F2F2")  # subtotal rows stand out
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["F16"].number_format == "+0.00;-0.00;0.00"


def test_county_subtotals_and_caps(book):
    for name in ("1 甲县 2024", "2 乙县 2024", "3 丙县 2024"):
        ws = book[name]
        subtotals = [r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=3).value == "小计"]
        assert len(subtotals) == 3
        for r in subtotals:
            points, deduction, score = (ws.cell(row=r, column=c).value for c in (4, 5, 6))
            assert all(isinstance(v, (int, float)) for v in (points, deduction, score))
            assert score == pytest.approx(points - deduction)
    ws = book["2 乙县 2024"]
    rows = {tuple(values(ws, r, 3)): values(ws, r, 9) for r in range(4, ws.max_row + 1)}
    # item deductions 3 + 3 are capped at the area's 5
    assert rows[("依法行政制度体系", None, "小计")][3:8] == [
        30,
        5,
        25,
        None,
        "逐项扣分合计 6.00 分，按领域上限扣 5.00 分",
    ]
    assert rows[("依法行政制度体系", "SYS-002", "重大行政决策目录公开")][6] == "未报告"
    assert rows[("政务公开", "OPEN-001", "网上可办率")][6] == "出错"
    assert rows[("否决事项", "SYS-002", "发生重大行政违法案件")][6:8] == ["一票否优", "不得评为优秀等次"]
    assert rows[("总分", None, None)][5:8] == [93, "良好", None]
    change = rows[("较上年", None, "与 2023 年比较")]
    assert change[5] == -1.5 and change[7] == "上年总分 94.50 分，等次 优秀。变差的指标：规范性文件审查率 95.45% → 90%"
    ws = book["3 丙县 2024"]
    rows = {tuple(values(ws, r, 3)): values(ws, r, 9) for r in range(4, ws.max_row + 1)}
    assert rows[("政务公开", None, "小计")][3:8] == [30, 0, 30, "不适用", "本领域各项均不适用"]
    assert ("较上年", None, "与 2023 年比较") not in rows  # no change: no row
    assert not any(k[0] == "加分" for k in rows)  # no bonus: no bonus rows


def test_total_capped(tmp_path):
    report = cohort()
    a = dataclasses.replace(report.counties[0], base=99.5, bonus=1.0, total=100.0)
    write_xlsx(dataclasses.replace(report, counties=(a,)), tmp_path / "capped.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "capped.xlsx")["1 甲县 2024"]
    total = next(values(ws, r, 9) for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "总分")
    assert total[5:8] == [100, "优秀", "领域合计 99.50 分 + 加分 1.00 分（封顶 100.00 分）"]


def test_english(tmp_path):
    path = tmp_path / "score.xlsx"
    write_xlsx(cohort(), path, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "1 甲县 2024", "2 乙县 2024", "3 丙县 2024", "Not scored"]
    ws = book["Summary"]
    assert ws["A1"].value == "Henan county scheme"
    assert values(ws, 2, 13) == [
        "Rank",
        "Region",
        "Year",
        "Total",
        "Grade",
        "Legal framework",
        "Dispute resolution",
        "Openness",
        "Bonus",
        "Vetoes",
        "Change on previous year",
        "Previous grade",
        "File",
    ]
    assert ws["E3"].value == "Excellent" and ws["H5"].value == "n/a"
    assert ws["J4"].value == "no excellent grade: a major unlawful act"
    ws = book["1 甲县 2024"]
    assert values(ws, 3, 10) == [
        "Area",
        "Rule",
        "Item",
        "Points",
        "Deduction",
        "Score",
        "Status",
        "Reason",
        "Basis",
        "Binding force",
    ]
    assert [ws.cell(row=r, column=10).value for r in (4, 6, 7, 9, 10)] == [
        "central document",
        "law or regulation",
        "local",
        "target (non-binding)",
        "consistency",
    ]
    assert ws["A1"].value == "甲县 2024: rule-of-law government assessment scoring sheet"
    assert [ws.cell(row=r, column=7).value for r in (4, 6, 7, 9, 10)] == ["pass", "fail", "waived", "warn", "n/a"]
    assert ws["C6"].value == "行政复议纠错率 (en)"


def test_deterministic(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_xlsx(cohort(), first)
    write_xlsx(cohort(), second)
    assert first.read_bytes() == second.read_bytes()
    assert render_xlsx(cohort()) == first.read_bytes()
    a, b = openpyxl.load_workbook(first), openpyxl.load_workbook(second)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        assert [[c.value for c in row] for row in a[name].iter_rows()] == [
            [c.value for c in row] for row in b[name].iter_rows()
        ]
    assert a.properties.created.year == 2000 and a.properties.modified.year == 2000


def test_sheet_names():
    taken = set()
    assert sheet_name("汇总", taken) == "汇总"
    assert sheet_name("1 a[b]:c*d?e/f\\g 2024", taken) == "1 abcdefg 2024"
    long = "1 " + "很长的地区名称" * 6 + " 2024"
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) == 31 and len(second) <= 31 and first != second and second.endswith(" (2)")
    assert sheet_name("'x'", taken) == "x"
    assert sheet_name("X", taken) == "X (2)"  # Excel compares sheet names ignoring case


def test_hostile_texts(tmp_path):
    """Names and labels come from submissions: a formula stays text, control characters are dropped, two
    counties with the same name and rank get distinct sheets."""
    report = cohort()
    a, b, c = report.counties
    evil = dataclasses.replace(a, region='=HYPERLINK("http://x","y")\x01')
    twin = dataclasses.replace(b, region=evil.region, rank=1)
    report = dataclasses.replace(report, counties=(evil, twin, c), errors=())
    path = tmp_path / "evil.xlsx"
    write_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "汇总" and len(set(book.sheetnames)) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in book.sheetnames)
    ws = book["汇总"]
    assert ws["B3"].value == '=HYPERLINK("http://x","y")' and ws["B3"].data_type == "s"
    assert ws["A6"].value is None  # no note without unscored files
    assert "未能评分" not in book.sheetnames
    text = render_csv(report)
    assert "'=HYPERLINK" in text


def test_csv(tmp_path):
    path = tmp_path / "ranking.csv"
    write_csv(cohort(), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [
        SUMMARY_HEADER,
        [
            "1",
            "甲县",
            "2024",
            "97.50",
            "优秀",
            "30.00",
            "38.00",
            "28.50",
            "1.00",
            "",
            "2.50",
            "优秀",
            "samples/jia-2024.yaml",
        ],
        [
            "2",
            "乙县",
            "2024",
            "93.00",
            "良好",
            "25.00",
            "40.00",
            "28.00",
            "0.00",
            "一票否优：发生重大行政违法案件",
            "-1.50",
            "优秀",
            "samples/yi-2024.yaml",
        ],
        [
            "3",
            "丙县",
            "2024",
            "80.00",
            "合格",
            "20.00",
            "30.00",
            "不适用",
            "0.00",
            "",
            "",
            "",
            "samples/bing-2024.yaml",
        ],
    ]
    write_csv(cohort(), tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == raw


def test_csv_english(tmp_path):
    path = tmp_path / "ranking.csv"
    write_csv(cohort(), path, lang="en")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["Rank", "Region", "Year", "Total", "Grade"]
    assert rows[2][4] == "Good" and rows[2][9] == "no excellent grade: a major unlawful act"


def test_empty_cohort(tmp_path):
    report = dataclasses.replace(cohort(), counties=())
    write_xlsx(report, tmp_path / "empty.xlsx")
    book = openpyxl.load_workbook(tmp_path / "empty.xlsx")
    assert book.sheetnames == ["汇总", "未能评分"]
    assert values(book["汇总"], 2, 13) == SUMMARY_HEADER
    write_csv(report, tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_bytes() == b"\xef\xbb\xbf" + ",".join(SUMMARY_HEADER).encode() + b"\r\n"
