"""Region, year and level as published reports state them (checker.extract.meta.read_meta).

Every opening below is invented (places such as 示例县, 禾丰县, 青川街道 are made up; the chains and
shapes are the ones real reports use): portal lines above the title, titles over two lines, a chain of
places (the last is the region), development zones by their whole name, traditional script, a
department's report (its place, level: department), openings that name the place only by kind (我县,
县政府, 区司法局, 园区) and where else the report names itself (a document it cites in 《》, the
portal's 发布机构, a name it repeats), a session line that is not the year, and what cannot be read:
said with its line, the figures extracted all the same.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.meta import read_meta


def meta(text: str) -> tuple:
    m = read_meta(text)
    return m.region, m.year, m.level


@pytest.mark.parametrize(
    "text,expected",
    [
        # titles after portal lines, labels and breadcrumbs
        (
            "首页 > 政务公开 > 法治政府建设年度报告\n索引号 11330000/2025-001 发布机构 区政府办公室 发文日期 2025-03-21\n"
            "江州市禾丰区人民政府关于2024年度法治政府建设情况的报告\n字体:【大】 【小】\n2024年，区政府坚持……",
            ("禾丰区", 2024, None),
        ),
        (
            "您当前的位置: 首页>政务公开>法治政府建设年度报告\n2023年法治政府建设年度报告\n"
            "江州市禾丰区城市管理局2023年法治政府建设情况报告\n2023年，在区委、区政府的领导下，区城市管理局扎实推进……",
            ("禾丰区", 2023, "department"),
        ),
        (
            "| [ 索引号 ] | 1150/2026-00028 |\n| [ 发布机构 ] | 市市场监管局 |\n| [ 发布日期 ] | 2026-02-25 |\n"
            "江州市市场监督管理局关于2025年法治政府建设情况的报告\n2025年，在市委、市政府的坚强领导下，……",
            ("江州市", 2025, "department"),
        ),
        # a chain: the last place is the one reporting
        (
            "江州市禾丰区青川街道办事处2022年法治政府建设年度报告\n发布时间 : 2023-01-29\n2022年是关键之年，……",
            ("青川街道", 2022, None),
        ),
        (
            "禾丰区人民政府青川街道办事处关于2022年度法治政府建设情况的报告\n时间:2023-02-28\n2022年，我街道……",
            ("青川街道", 2022, None),
        ),
        ("示例省人民政府2024年度法治政府建设工作情况\n2024年，省政府坚定……", ("示例省", 2024, None)),
        (
            "中共禾丰市委 禾丰市人民政府 关于2022年法治政府建设情况的报告\n2022年，禾丰市委、市政府坚持……",
            ("禾丰市", 2022, None),
        ),
        # development zones: never 园区 or 高新区 alone
        (
            "2022年，园区坚持以习近平法治思想为指导。\n(二)抓住关键少数。印发《江州工业园区法治政府建设实施方案(2022—2025年)》，"
            "召开园区党工委会议。",
            ("江州工业园区", 2022, None),
        ),
        (
            "江州高新区市场监督管理局关于2023年法治政府建设情况的报告\n根据《江州高新区管委会办公室关于印发2023年江州高新区法治政府建设"
            "工作要点的通知》，现将我局2023年度法治政府建设情况报告如下",
            ("江州高新区", 2023, "department"),
        ),
        ("禾丰新区2024年法治政府建设情况报告\n", ("禾丰新区", 2024, None)),
        # traditional script: read as simplified, given as written
        (
            "北京市禾豐區人民政府2022年法治政府建設年度情況報告\n日期:2023-03-31\n2022年，禾豐區政府深入學習……",
            ("禾豐區", 2022, None),
        ),
        ("2022年，在區委、區政府的正確領導下，青川鎮堅持以習近平法治思想為指導，全面貫徹……", ("青川鎮", 2022, None)),
        # departments: the place, with level department
        ("禾丰县司法局2024年法治政府建设工作报告\n", ("禾丰县", 2024, "department")),
        ("禾丰县人民政府办公室关于2024年度法治政府建设情况的报告\n", ("禾丰县", 2024, "department")),
        ("2021年，禾丰县司法局坚持……", ("禾丰县", 2021, "department")),
        (
            "禾丰区司法局\n关于2022年度法治政府建设情况的报告\n2022年，禾丰区司法局坚持……",
            ("禾丰区", 2022, "department"),
        ),
        (
            "关于禾丰新区司法局2024年度法治政府建设情况的报告\n索引号 发布机构 司法局(行政复议局)\n2024年，区司法局持续深入……",
            ("禾丰新区", 2024, "department"),
        ),
        (
            "江州市禾丰新区法治政府建设工作领导小组办公室:\n根据有关工作要求，我委拟就了《禾丰新区发展和改革委员会2023年度法治政府"
            "建设情况的报告》，现呈上，请审阅。\n附件\n禾丰新区发展和改革委员会\n2023年度法治政府建设情况的报告\n2023年是开局之年。",
            ("禾丰新区", 2023, "department"),
        ),
        (
            "2023年以来，县司法局在县委、县政府的坚强领导下，始终坚持……\n一、主要举措\n推动示例县‘5+N’机制落地，示例县推进法治政府"
            "建设，示例县党政主要负责人带头……",
            ("示例县", 2023, "department"),
        ),
        (
            "区政府办2025年度法治政府建设工作报告\n2025年，区政府办深入贯彻习近平法治思想，全面落实《江州市禾丰区2025年法治政府建设工作要点》。",
            ("禾丰区", 2025, "department"),
        ),
        (
            "2022年，全市司法行政系统在市委、市政府的正确领导下，始终坚持……\n一、主要举措\n(一)我局牵头制定《禾丰市地方性法规"
            "调研起草流程表》，推动了《禾丰市农贸市场管理条例》出台。",
            ("禾丰市", 2022, "department"),
        ),
        # named by kind only in the opening: where else the report names itself
        (
            "根据有关要求，现将情况报告如下。\n一、主要成效\n2022年，县人民政府坚持……制定了《示例县人民政府常务会会前学法制度》。",
            ("示例县", 2022, None),
        ),
        (
            "2024年，我县法治政府工作始终坚持……\n(一)印发《示例县2024年法治政府建设工作要点》，集中学法，印发《中共示例县委全面依法治县"
            "委员会工作规则》。",
            ("示例县", 2024, None),
        ),
        (
            "2022年，我镇坚持以习近平法治思想为指导。\n让精神在青川镇落地生根。二是把法治思想列入青川镇委党校培训课程。",
            ("青川镇", 2022, None),
        ),
        ("分享到:\n发布机构: 示例县人民政府 生成日期: 2023-02-21\n2022年，县政府坚持……", ("示例县", 2022, None)),
        # openings: after a label, after a leading clause, a year the session line does not replace
        ("【行政应诉】2021年，禾丰区认真执行《江州市人民政府应诉工作规则》。", ("禾丰区", 2021, None)),
        (
            "根据《法治建设纲要(2023—2027年)》和市、区的部署，2023年，青川街道以学习贯彻法治思想为核心……",
            ("青川街道", 2023, None),
        ),
        (
            "(2025年4月29日在江州市第十四届人民代表大会常务委员会第十七次会议上)\n江州市人民政府\n主任、副主任、秘书长、各位委员:\n"
            "2023年，江州市坚持以习近平新时代中国特色社会主义思想为指导。",
            ("江州市", 2023, None),
        ),
        ("2024年南阳市禾丰县法治政府建设情况报告\n", ("禾丰县", 2024, None)),
        ("2024年，南阳市禾丰县坚持……", ("禾丰县", 2024, None)),
        ("2024年，禾丰县坚持以人民为中心，服务大局……", ("禾丰县", 2024, None)),
        ("万年县人民政府 关于2024年度法治政府建设情况的报告\n", ("万年县", 2024, None)),
        ("禾丰县人民政府关于禾丰县2024年度法治政府建设情况的报告\n", ("禾丰县", 2024, None)),
        ("禾丰县司法局关于2024年度法治政府建设情况的报告\n", ("禾丰县", 2024, "department")),
        ("寿乡人民政府关于2022年度法治政府建设情况的报告\n", ("寿乡", 2022, None)),
        ("禾县人民政府\n关于2024年度法治政府建设情况的报告\n2024年，县政府坚持……", ("禾县", 2024, None)),
        ("2024年，禾丰区法治政府建设工作坚持以习近平法治思想为指引。", ("禾丰区", 2024, None)),
        # what states no place: the year alone
        ("关于2022年度法治政府建设情况报告\n\n县委、县政府:\n\n今年以来，我镇认真落实部署。", (None, 2022, None)),
        ("司法局2022年度法治政府建设工作报告-23篇(第26/40页)\n(七)争议化解助和谐。", (None, 2022, "department")),
        ("2024年，全县上下坚持……", (None, 2024, None)),
        ("2024年，南阳市坚持推进全县……", (None, 2024, None)),
        # a year said only in words (一年来): who reports is read, the year is not guessed
        ("2025年是收官之年。一年来，禾丰县坚持……", ("禾丰县", None, None)),
        ("今年以来，禾丰州坚持……\n一、2023年法治政府建设情况\n", (None, 2023, None)),  # 州 alone is no unit
        ("今年以来，恩施州深入学习……\n一、2023年法治政府建设情况\n", ("恩施州", 2023, None)),
        ("2024年度禾城街道法治政府建设工作报告\n", ("禾城街道", 2024, None)),
        ("禾河乡人民政府\n关于法治政府建设的情况报告\n2025年，是收官之年。", ("禾河乡", 2025, None)),
        ("按照有关要求，现将2025年度法治政府建设情况报告如下。\n", (None, 2025, None)),
        ("今年以来，禾江区全面贯彻党的二十大精神。\n\n一、2023年主要举措和突出成效\n", ("禾江区", 2023, None)),
        ("中共禾兴市委、禾兴市人民政府: 2023年，禾宁市坚持以习近平法治思想为指导。", ("禾宁市", 2023, None)),
        ("2022年，在党的二十大召开之际，在区委区政府的领导下，禾牛镇紧紧围绕中心工作。", ("禾牛镇", 2022, None)),
        ("2025年，禾洲岛国家旅游度假区党工委、管委会坚持依法行政。", ("禾洲岛国家旅游度假区", 2025, None)),
        ("恩施州2024年度法治政府建设情况报告\n", ("恩施州", 2024, None)),  # a short name ending the name
        ("2024年度全州法治政府建设情况报告\n", (None, 2024, None)),  # words that name no one, and the year
        ("今年以来，禾丰县坚持依法行政。\n一、2021年至2025年规划实施情况\n", ("禾丰县", None, None)),  # a span
        ("今年以来，禾丰县坚持依法行政。\n一、2025年工作打算\n", ("禾丰县", None, None)),  # a plan
        (  # a title with no year yields to an opening that names who reports
            "禾兴市人民政府\n关于法治政府建设的情况报告\n2024年，禾丰县坚持依法行政。\n",
            ("禾丰县", 2024, None),
        ),
        # names with characters sentences have too (开展, 深入, 焦点, 全面): read as names
        ("开禾区2024年法治政府建设情况报告\n2024年，开禾区坚持……", ("开禾区", 2024, None)),
        ("深川市2023年法治政府建设工作报告\n", ("深川市", 2023, None)),
        ("关于焦丰县2022年度法治政府建设情况的报告\n", ("焦丰县", 2022, None)),
        # an autonomous prefecture by the short name its reports use; 州 alone is no unit otherwise
        ("2022年度法治政府建设情况报告\n2022年，恩施州政府坚持……", ("恩施州", 2022, None)),
        ("巴州区人民政府关于2024年度法治政府建设情况的报告\n", ("巴州区", 2024, None)),
    ],
)
def test_region_year_and_level_as_reports_state_them(text, expected):
    assert meta(text) == expected


def test_a_region_read_elsewhere_says_where():
    m = read_meta("2022年，县人民政府坚持……\n一、主要成效\n制定了《示例县人民政府常务会会前学法制度》。")
    assert (m.region, m.notes) == (
        "示例县",
        [("extract.region_from_title", 3, {"word": "县人民政府", "region": "示例县", "at": 1, "count": 1}, "note")],
    )
    m = read_meta("2022年，我镇坚持。\n在青川镇落地。\n青川镇委党校。")
    assert m.notes == [
        ("extract.region_from_text", 2, {"word": "我镇", "region": "青川镇", "at": 1, "count": 2}, "note")
    ]


def test_a_place_named_only_by_kind_with_nothing_to_tell_is_said_with_its_line():
    m = read_meta("关于2022年度法治政府建设情况报告\n县委、县政府:\n今年以来，我镇认真落实部署。")
    assert (m.region, m.year) == (None, 2022)
    assert m.notes == [("extract.region_unnamed", 3, {"word": "我镇"}, "error")]
    # two names as often: neither is taken
    m = read_meta("2024年，我县坚持。\n印发《甲丰县工作要点》。\n印发《乙丰县工作规则》。")
    assert m.region is None and m.notes == [
        ("extract.region_ambiguous", 1, {"word": "我县", "names": "甲丰县、乙丰县"}, "error")
    ]


def test_a_report_whose_region_cannot_be_read_still_gives_its_figures(tmp_path, pack):
    path = tmp_path / "r.txt"
    path.write_text(
        "关于2022年度法治政府建设情况报告\n县委、县政府:\n今年以来，我镇认真落实部署。\n全年共受理行政复议案件12件。\n",
        encoding="utf-8",
    )
    ex = extract(path, pack)
    assert (ex.region, ex.year) == (None, 2022)
    assert [(d.code, d.line) for d in ex.diagnostics if d.severity == "error"] == [("extract.region_unnamed", 3)]
    assert ex.found["disputes.reconsideration_accepted"].value == 12
    # --region gives it: nothing is said about reading it
    ex = extract(path, pack, region="示例镇")
    assert ex.region == "示例镇" and not [d for d in ex.diagnostics if d.severity == "error"]


def test_extract_writes_the_figures_and_the_level_of_a_department_report(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text(
        "2023年以来，县司法局在县委、县政府的坚强领导下，始终坚持依法行政。\n"
        "推动示例县机制落地，示例县推进法治政府建设。\n全年共受理行政复议案件12件。\n",
        encoding="utf-8",
    )
    from checker.cli import main

    assert main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1:4] == ["region: 示例县", "level: department", "year: 2023"]
    assert "value: 12" in captured.out
    assert "地区按正文中出现 2 次的“示例县”读取（首见于本行）" in captured.err
    path.write_text(
        "关于2022年度法治政府建设情况报告\n今年以来，我镇认真落实部署。\n全年共受理行政复议案件12件。\n",
        encoding="utf-8",
    )
    assert main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert "region: null" in captured.out and "value: 12" in captured.out  # written all the same
    assert "r.txt:2: 报告开头只写“我镇”" in captured.err and "--region" in captured.err


def test_the_submission_of_a_department_report_has_its_level(tmp_path, pack):
    from checker.extract import to_submission

    path = tmp_path / "r.txt"
    path.write_text("禾丰县司法局2024年法治政府建设工作报告\n2024年，禾丰县司法局坚持依法行政。\n", encoding="utf-8")
    sub = to_submission(extract(path, pack), pack.catalogue)
    assert (sub.region, sub.year, sub.level) == ("禾丰县", 2024, "department")


def test_words_of_a_sentence_are_never_read_as_a_place_it_repeats():
    """我县 with no name in the opening: 全面依法治县, 纳入县政府 and 列入县政府 are no place 依法治县, 治县 or 入县."""
    m = read_meta(
        "2023年，我县坚持全面依法治县。\n将法治政府建设纳入县政府年度工作。\n把学法列入县政府常务会议。\n统筹推进全面依法治县。"
    )
    assert m.region is None and [n[0] for n in m.notes] == ["extract.region_unnamed"]
