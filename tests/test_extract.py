"""Reading prose reports: numbers as written, traps, provenance, formats, and measured accuracy."""

import json
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLES, run_cli

from checker.extract import extract
from checker.extract.accuracy import evaluate
from checker.extract.numbers import chinese_to_int
from checker.inputs.structured import load_submission

CORPUS = Path(__file__).parent / "corpus"
SEED = CORPUS / "sheqi-2024.txt"


def sample_values():
    data = yaml.safe_load((SAMPLES / "sheqi-2024.yaml").read_text(encoding="utf-8"))
    return {f"{area}.{key}": value for area, items in data["indicators"].items() for key, value in items.items()}


def report(tmp_path, body: str, name="r.txt", title="青禾县2024年法治政府建设年度报告") -> Path:
    path = tmp_path / name
    path.write_text(f"{title}\n{body}\n", encoding="utf-8")
    return path


def found(tmp_path, pack, body, **kw):
    ex = extract(report(tmp_path, body, **kw), pack)
    return {k: (f.value, f.approx) for k, f in ex.found.items() if not k.startswith("report.")}


def test_seed_reproduces_every_figure_of_the_sample_with_its_sentence(pack):
    ex = extract(SEED, pack)
    assert (ex.region, ex.year) == ("社旗县", 2024)
    expected = sample_values()
    for key, entry in expected.items():
        item = ex.found[key]
        assert (item.value, item.approx) == (entry["value"], bool(entry.get("approx"))), key
        clause = entry["source"].split("。")[-1]
        assert clause in item.sentence or item.sentence in entry["source"], key
    extra = set(ex.found) - set(expected)
    assert extra == {"report.quantified_figures"}


def test_check_on_the_seed_text_gives_the_sample_findings_plus_report_content(pack):
    text = json.loads(run_cli("check", SEED, "--published-on", "2025-03-25", "--format", "json").stdout)
    yaml_ = json.loads(run_cli("check", SAMPLES / "sheqi-2024.yaml", "--format", "json").stdout)
    by_text = {f["rule"]: f["status"] for f in text["results"][0]["findings"]}
    by_yaml = {f["rule"]: f["status"] for f in yaml_["results"][0]["findings"]}
    differ = {rule for rule in by_yaml if by_text[rule] != by_yaml[rule]}
    assert differ == {"REPT-006"}  # 49 quantified figures: counted from the text
    assert (by_yaml["REPT-006"], by_text["REPT-006"]) == ("missing", "pass")
    sources = {f["rule"]: f.get("sources", {}) for f in text["results"][0]["findings"]}
    assert sources["DISP-001"] == {
        "disputes.leader_court_attendance_rate": "积极履行应诉职责,行政机关负责人出庭应诉率达100%"
    }


@pytest.mark.parametrize(
    "text,value",
    [
        ("十二", 12),
        ("两千五百二十八", 2528),
        ("一百零七", 107),
        ("三万零五百", 30500),
        ("二十", 20),
        ("十", 10),
        ("一亿二千万", 120000000),
    ],
)
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value


def test_numbers_as_reports_write_them(tmp_path, pack):
    got = found(
        tmp_path,
        pack,
        "全年累计开展常务会议学法十二次，引领带动政府各部门学法三百余次。"
        "组织县级综合性应急演练近20次，乡镇级应急演练３２次。县级2,528个政务服务事项全部进驻县政务服务中心。"
        "完成年度审计项目7个，共发现问题金额4.29亿元，促进增收节支300万元。全年办结政务服务事项15.8万件。",
    )
    assert got == {
        "leadership.exec_meeting_law_studies": (12, False),
        "leadership.department_law_studies": (300, True),
        "emergency.county_drills": (20, True),
        "emergency.township_drills": (32, False),
        "functions.services_total": (2528, False),
        "functions.services_in_center": (2528, False),
        "oversight.audit_projects": (7, False),
        "oversight.audit_problem_amount": (429000000, False),
        "oversight.audit_revenue_savings": (3000000, False),
        "functions.service_cases_completed": (158000, False),
    }


def test_rates_pairs_and_triples(tmp_path, pack):
    got = found(
        tmp_path,
        pack,
        "共受理行政复议案件86件，审结69件，纠错4件。抽查案卷141卷，共发现问题69条，整改69条。"
        "网上可办率达到100%，行政机关负责人出庭应诉率百分之百。",
    )
    assert got == {
        "disputes.reconsideration_accepted": (86, False),
        "disputes.reconsideration_concluded": (69, False),
        "disputes.reconsideration_corrected": (4, False),
        "enforcement.case_files_checked": (141, False),
        "enforcement.case_file_problems": (69, False),
        "enforcement.case_file_problems_rectified": (69, False),
        "functions.services_online_rate": (100, False),
        "disputes.leader_court_attendance_rate": (100, False),
    }


@pytest.mark.parametrize(
    "body",
    [
        "全市共受理行政复议案件1200件。",  # another body: the city
        "上年受理行政复议案件80件。",  # the previous year
        "2023年受理行政复议案件80件。",  # an earlier year named
        "城关镇开展应急演练5次。",  # a single township
        "2025年，我县将力争网上可办率达到100%。",  # a plan for next year
        "行政复议案件同比增长15%。",  # a change, not a level
        "依据《行政复议法》第三十条受理。",  # an article number inside a title
    ],
)
def test_traps_are_not_attributed_to_the_county(tmp_path, pack, body):
    assert found(tmp_path, pack, body) == {}


def test_two_values_for_one_figure_are_dropped_not_guessed(tmp_path, pack):
    ex = extract(report(tmp_path, "县级综合性应急演练20次。全年开展县级综合性应急演练25次。"), pack)
    assert "emergency.county_drills" not in ex.found
    assert [d.code for d in ex.diagnostics] == ["extract.conflict"]


def test_a_stated_100_percent_gives_the_count_only_where_it_cannot_be_rounded(tmp_path, pack):
    small = found(tmp_path, pack, "其中规范性文件15件，审查率达100%。")
    assert small["regulation.normative_docs_reviewed"] == (15, False)
    large = found(tmp_path, pack, "县级2528个政务服务事项全部进驻县政务服务中心，网上可办率达100%。")
    assert "functions.services_online" not in large  # 2527 of 2528 would also read 100%


def test_metadata_from_title_and_signature(tmp_path, pack):
    path = report(
        tmp_path,
        "2024年，我县……现将有关情况报告如下。\n石门县人民政府\n2025年3月20日",
        title="石门县人民政府关于２０２４年度法治政府建设情况的报告",
    )
    ex = extract(path, pack)
    assert (ex.region, ex.year, str(ex.published_on)) == ("石门县", 2024, "2025-03-20")


# Region and year as reports state them (names invented; shapes from published reports): a title after
# portal lines, over two lines, year first, a one-character county, a township; else the opening
# sentence or the sentence that introduces the report. Never a pronoun, a committee or lead-in words.
@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "首页 > 政务公开 > 工作报告\n发布时间：2025-03-20\n禾丰县人民政府关于２０２４年度法治政府建设情况的报告\n正文",
            ("禾丰县", 2024),
        ),
        ("禾县人民政府\n关于2024年度法治政府建设情况的报告\n2024年，县政府坚持……", ("禾县", 2024)),
        ("2020年禾丰区法治政府建设情况报告\n", ("禾丰区", 2020)),
        ("中共禾丰县委 禾丰县人民政府关于2024年度法治政府建设情况的报告\n", ("禾丰县", 2024)),
        ("禾丰镇2024年法治政府建设年度报告\n", ("禾丰镇", 2024)),
        ("禾丰街道办事处2025年法治政府建设年度报告\n2025年，禾丰街道办事处坚持……", ("禾丰街道", 2025)),
        ("禾丰自治县人民政府关于2024年度推进法治政府建设工作的报告\n", ("禾丰自治县", 2024)),
        ("2024年，禾旗县坚持以习近平法治思想为指导。", ("禾旗县", 2024)),
        ("2024年,在市委、市政府的正确领导下,禾丰区坚持……", ("禾丰区", 2024)),
        ("2025年,中共禾丰县委、禾丰县人民政府坚持……", ("禾丰县", 2025)),
        ("二〇二二年，禾丰县坚持……", ("禾丰县", 2022)),
        ("根据规定，现将禾丰区2024年度法治政府建设情况报告如下：", ("禾丰区", 2024)),
        ("根据规定，现将县人民政府2022年法治政府建设工作情况报告如下。", (None, None)),
        ("2021年，我县坚持……现将我县2021年度法治政府建设情况报告如下：", (None, None)),
        ("2024年，全县上下坚持……", (None, None)),
        ("2024年，县政府坚持……", (None, None)),
        ("禾丰县司法局2024年法治政府建设工作报告\n", (None, None)),
        ("禾丰县人民政府办公室关于2024年度法治政府建设情况的报告\n", (None, None)),
        ("2025年是收官之年。一年来，禾丰县坚持……", (None, None)),
        ("2021年，禾丰县司法局坚持……", (None, None)),  # a department's report
        ("万年县人民政府 关于2024年度法治政府建设情况的报告\n", ("万年县", 2024)),  # 年 in a real name
        ("2024年南阳市禾丰县法治政府建设情况报告\n", ("禾丰县", 2024)),  # a chain: the last place reports
        ("2024年，南阳市禾丰县坚持……", ("禾丰县", 2024)),  # (tests/test_meta_shapes.py)
        ("2024年，南阳市坚持推进全县……", (None, None)),
        ("2024年，禾丰县坚持以人民为中心，服务大局……", ("禾丰县", 2024)),
        ("二○二三年，在市委的领导下，在县人大的监督下，禾丰县坚持……", ("禾丰县", 2023)),
        ("2024年，禾丰县人民政府办公室认真贯彻……", (None, None)),
    ],
)
def test_region_and_year_are_read_as_reports_state_them(text, expected):
    from checker.extract.meta import region_and_year

    assert region_and_year(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("来源:禾丰县人民政府 发布时间:2025-03-28 09:18\n正文\n禾丰县人民政府\n2025年3月20日", "2025-03-28"),
        ("发布日期：2025年4月2日\n正文\n禾丰县人民政府\n2025年3月20日", "2025-04-02"),  # made public late
        ("更新时间:2025/05/09 11:30:01\n正文\n禾丰县人民政府\n2025年3月20日", "2025-03-20"),
        ("正文\n禾丰县人民政府\n2025年3月20日\n（此件公开发布）\n相关附件：无\n【打印本页】", "2025-03-20"),
        ("正文\n禾丰县人民政府 2025年3月20日", "2025-03-20"),
        ("正文\n2025年3月31日前完成整改，2025年6月底前全部销号。\n", None),  # a deadline, not a signature
        ("发布时间:2024-12-28\n正文\n2025年2月30日", None),
        ("[ 发布日期 ] 2025-02-10\n正文", "2025-02-10"),
    ],
)
def test_published_on_is_when_the_report_was_made_public(text, expected):
    from checker.extract.meta import published_on

    found = published_on(text, 2024)
    assert (str(found) if found else None) == expected


def test_a_townships_own_name_is_its_own_and_the_county_above_is_another_body(tmp_path, pack):
    body = "禾丰镇抽查案卷20卷。县政府常务会议研究法治政府建设工作3次。"
    assert found(tmp_path, pack, body, title="禾丰镇2024年法治政府建设年度报告") == {
        "enforcement.case_files_checked": (20, False)
    }
    assert found(tmp_path, pack, body) == {"leadership.exec_meeting_rol_deliberations": (3, False)}  # a county's


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "区级取消政务服务事项18项，现区级保留的政务服务事项515项。",  # 18: how many were abolished
            {"functions.services_total": (515, False), "functions.services_cancelled": (18, False)},
        ),
        ("全年共审结行政复议申请135件。", {"disputes.reconsideration_concluded": (135, False)}),
        (
            "办理行政应诉案件42件，行政机关负责人出庭应诉率达100%。",  # 42: every case, not those heard
            {"disputes.leader_court_attendance_rate": (100, False), "disputes.litigation_cases_total": (42, False)},
        ),
        ("主持召开4次县政府常务会议专题研究法治政府建设。", {"leadership.exec_meeting_rol_deliberations": (4, False)}),
        (
            "县政府常务会议2次听取专题汇报并研究部署法治政府建设工作。",
            {"leadership.exec_meeting_rol_deliberations": (2, False)},
        ),
        (
            "县政府常务会议先后听取法治政府建设有关情况汇报8次。",
            {"leadership.exec_meeting_rol_deliberations": (8, False)},
        ),
        ("年初制定公布2024年重大行政决策目录。", {"decisions.major_decision_catalogue_published": (True, False)}),
        (
            "制定了《禾丰县人民政府常务会会前学法制度》《2024年禾丰县人民政府常务会会前学法计划》。",
            {"leadership.law_study_plan_issued": (True, False)},
        ),
        ("承诺时限压缩比达95%。", {"functions.time_limit_compression_rate": (95, False)}),
        ("县政府常务会议集体学法5次。", {"leadership.exec_meeting_law_studies": (5, False)}),
        (
            "审结行政复议案件69件，纠错率10.1%。",
            {
                "disputes.reconsideration_concluded": (69, False),
                "disputes.reconsideration_correction_rate": (10.1, False),
            },
        ),
        ("办理政协委员提案148件。", {"oversight.cppcc_proposals": (148, False)}),
        ("力争行政复议纠错率控制在10%以内。", {}),
        ("2023年，受理行政复议案件12件。", {}),  # the sentence is about an earlier year
        (
            "2023年，全县受理行政复议案件100件，2024年受理行政复议案件120件。",  # until it names this one
            {"disputes.reconsideration_accepted": (120, False)},
        ),
        (
            "常务会集体学法6次，常务会专题研究法治政府建设工作2次。",
            {
                "leadership.exec_meeting_law_studies": (6, False),
                "leadership.exec_meeting_rol_deliberations": (2, False),
            },
        ),
        ("办理时限压缩比达到95%。", {"functions.time_limit_compression_rate": (95, False)}),
        ("全县735名行政执法人员实现“持证上岗”。", {"enforcement.certified_officers": (735, False)}),
        (
            "行政诉讼案件40宗，审结27宗。",
            {"disputes.litigation_cases_concluded": (27, False), "disputes.litigation_cases_total": (40, False)},
        ),
        ("对巡察反馈的13个问题，完成整改12个。", {}),
        ("依申请公开政府信息11件，全部属自然人申请件，按时办结11件。", {}),
        ("制定领导干部学法计划。", {}),
        (
            "2024年，未制定出台规范性文件，全年未发生行政复议、行政应诉败诉案件。",  # counts stated as none
            {"regulation.normative_docs_issued": (0, False), "disputes.litigation_cases_lost": (0, False)},
        ),
        ("2023年，未发生行政诉讼败诉案件。力争无行政诉讼败诉案件。对未按期报备的规范性文件进行通报。", {}),
        (
            "受理行政复议案件52件，审结48件，办理行政诉讼案件40件，审结27件。",  # each 审结 to its own topic
            {
                "disputes.reconsideration_accepted": (52, False),
                "disputes.reconsideration_concluded": (48, False),
                "disputes.litigation_cases_concluded": (27, False),
                "disputes.litigation_cases_total": (40, False),
            },
        ),
    ],
)
def test_phrasings_of_published_reports(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


def test_region_and_year_given_from_outside_are_known_before_the_figures_are_read(tmp_path, pack):
    path = tmp_path / "r.txt"
    path.write_text("2023年，受理行政复议案件12件。\n审结行政复议案件9件。\n", encoding="utf-8")
    ex = extract(path, pack, region="禾丰县", year=2024)
    assert {k: f.value for k, f in ex.found.items() if not k.startswith("report.")} == {
        "disputes.reconsideration_concluded": 9
    }
    assert [d.code for d in ex.diagnostics] == []


def test_formats_html_docx_gbk(pack):
    for name in ("fengdu-2024.html", "zelu-2024.docx", "tongfu-2024.txt"):
        ex = extract(CORPUS / name, pack)
        labels = yaml.safe_load((CORPUS / name.replace(Path(name).suffix, ".labels.yaml")).read_text(encoding="utf-8"))
        assert (ex.region, ex.year) == (labels["region"], labels["year"]), name
        assert "网站标识码" not in ex.text and "ICP" not in ex.text
        assert len(ex.found) >= 30, name


def test_extract_command_writes_a_valid_submission(tmp_path, pack):
    out = tmp_path / "sheqi.yaml"
    proc = run_cli("extract", SEED, "-o", out, "--published-on", "2025-03-25")
    assert proc.returncode == 0, proc.stderr
    sub = load_submission(out, pack.catalogue)
    assert [d.code for d in sub.diagnostics if d.severity == "error"] == []
    assert sub.values["disputes.reconsideration_accepted"].value == 86
    lines = SEED.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "受理行政复议案件86件" in text)
    column = lines[line - 1].index("受理行政复议案件86件") + len("受理行政复议案件") + 1
    assert sub.values["disputes.reconsideration_accepted"].note == f"第 {line} 行第 {column} 列"
    assert sub.values["leadership.department_law_studies"].approx is True
    assert str(sub.published_on) == "2025-03-25"
    assert run_cli("extract", SEED).stdout == run_cli("extract", SEED).stdout  # deterministic


def test_a_report_without_region_or_year_says_how_to_state_them(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("开展县级综合性应急演练20次。\n", encoding="utf-8")
    out = run_cli("check", path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert run_cli("check", path, "--region", "示例县", "--year", "2024").returncode in (0, 1)


def test_corpus_accuracy_holds(pack):
    acc = evaluate(CORPUS, pack)
    assert len(acc.per_report) >= 11
    assert acc.per_report["sheqi-2024.txt"].precision == 1.0 and acc.per_report["sheqi-2024.txt"].recall == 1.0
    assert acc.overall.precision >= 0.95, acc.mistakes
    assert acc.overall.recall >= 0.90, acc.mistakes


def test_accuracy_command_prints_the_table():
    out = run_cli("extract", "--accuracy", CORPUS, "--lang", "en")
    assert out.returncode == 0
    assert "precision" in out.stdout.splitlines()[0]
    assert any(line.startswith("overall") for line in out.stdout.splitlines())


@pytest.mark.parametrize("given,refused", [("2024-01-05", True), ("2024-12-31", True), ("2025-01-01", False)])
def test_a_publication_date_given_within_the_year_reported_on_is_refused_not_used(pack, given, refused):
    """The text yields only a date of the year after the report's (meta.published_on); one given with
    --published-on is held to the same test as a submission's published_on, and never used when refused."""
    import datetime as dt

    from checker.extract import to_submission

    ex = extract(SEED, pack, published_on=dt.date.fromisoformat(given))
    errors = [(d.code, d.line, d.column, d.message("en")) for d in ex.diagnostics if d.severity == "error"]
    sub = to_submission(ex, pack.catalogue)
    if not refused:
        assert errors == [] and str(sub.values["report.published_on"].value) == given
        return
    assert errors == [
        (
            "input.published_before_year",
            None,
            None,
            f"--published-on {given} is before the end of the year reported on, 2024: "
            "an annual report is not public before then",
        )
    ]
    assert ex.published_on is None and "report.published_on" not in sub.values and not sub.ok
    out = run_cli("check", SEED, "--published-on", given, "--format", "json")
    assert out.returncode == 2 and "input.published_before_year" in out.stdout
