"""Figures attributed from their evidence (checker.extract.attribute), the numbers left for review
(``fazhi extract --candidates``), key-aware accuracy on a folder of labelled reports, and a county
batch scored end to end.

Every sentence here is invented (places such as 禾丰县 and every number are made up); the shapes are
those of published reports: the number before its noun, the subject in the clause before, the topic
only in the previous sentence or the heading, one rate for several names, a rate before its verb,
counts split across a comma, traditional script.
"""

import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLES, SHARED, run_cli

from checker.extract import extract
from checker.extract.accuracy import evaluate, overlaps
from checker.extract.mentions import find

TITLE = "禾丰县2024年法治政府建设年度报告"


def found(tmp_path, pack, body, title=TITLE):
    path = tmp_path / "r.txt"
    path.write_text(f"{title}\n{body}\n", encoding="utf-8")
    ex = extract(path, pack)
    return {k: (f.value, f.approx) for k, f in ex.found.items() if not k.startswith("report.")}


# -- numbers with units, found before anything is attributed -----------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("受理86件", [(86, "count", "件", None)]),
        ("学法300余次", [(300, "count", "次", "over")]),
        ("近20场次", [(20, "count", "场次", "under")]),
        ("办理4.71万件", [(47100, "count", "件", None)]),
        ("组织2万余名干部", [(20000, "count", "名", "over")]),  # 余 after 万
        ("覆盖15万余人次", [(150000, "count", "人次", "over")]),
        ("挽回损失20万余元", [(200000, "yuan", "元", "over")]),
        ("办理 1.3 万件", [(13000, "count", "件", None)]),  # a portal's spaces
        ("罚没款2860.5万元", [(28605000, "yuan", "元", None)]),
        ("审查率达98.5%", [(98.5, "percent", "%", None)]),
        ("持证率保持95%以上", [(95, "percent", "%", "over")]),
        ("覆盖率高于50%", [(50, "percent", "%", "over")]),
        ("百分之百", [(100, "percent", "%", None)]),
        ("下降14.45个百分点", [(14.45, "points", "个百分点", None)]),
        ("压缩至3个工作日", [(3, "days", "个工作日", None)]),
        ("举办三期", [(3, "count", "期", None)]),
        ("第3次会议", []),  # an ordinal
        ("上线“一件事”集成服务", []),  # a name in quotation marks
        ("“十四五”规划", []),
        ("一次办结", []),  # a lone 一 is a word, not a figure
        ("整改期限3个月", []),  # a duration
    ],
)
def test_numbers_with_units_are_found_as_written(text, expected):
    assert [(m.value, m.family, m.measure, m.approx) for m in find(text)] == expected


# -- attributed from evidence: the families, in the shapes real reports use ------------------


@pytest.mark.parametrize(
    "body,expected",
    [
        # reconsideration: received, accepted or not, settled before acceptance, how cases ended
        (
            "全年共收到行政复议申请126件，经审查受理108件，不予受理9件，受理前调解化解11件。",
            {
                "disputes.reconsideration_applications": (126, False),
                "disputes.reconsideration_accepted": (108, False),
                "disputes.reconsideration_not_accepted": (9, False),
                "disputes.reconsideration_pre_acceptance_mediated": (11, False),
            },
        ),
        (
            "审结行政复议案件97件，其中维持52件，驳回13件，纠错14件，调解25件，调解率为25.8%。",
            {
                "disputes.reconsideration_concluded": (97, False),
                "disputes.reconsideration_upheld": (52, False),
                "disputes.reconsideration_dismissed": (13, False),
                "disputes.reconsideration_corrected": (14, False),
                "disputes.reconsideration_mediated": (25, False),
                "disputes.reconsideration_mediation_rate": (25.8, False),
            },
        ),
        # the topic in the sentence before: 审结 is a reconsideration figure there
        (
            "行政复议案件新收申请64件（通过网上复议渠道申请7件）。现已审结58件（含上年结转5件）。",
            {
                "disputes.reconsideration_applications": (64, False),
                "disputes.reconsideration_online_applications": (7, False),
                "disputes.reconsideration_concluded": (58, False),
                "disputes.reconsideration_carried_over": (5, False),
            },
        ),
        # litigation: every case, first instance, how they ended, 服判息诉率
        (
            "全县办理行政应诉案件73件，其中一审案件58件，二审案件15件。审结一审行政案件51件，行政机关胜诉44件，"
            "败诉3件，原告撤诉4件，服判息诉率92%。",
            {
                "disputes.litigation_cases_total": (73, False),
                "disputes.litigation_first_instance_filed": (58, False),
                "disputes.litigation_second_instance_cases": (15, False),
                "disputes.litigation_cases_concluded": (51, False),
                "disputes.litigation_cases_won": (44, False),
                "disputes.litigation_cases_lost": (3, False),
                "disputes.litigation_cases_withdrawn": (4, False),
                "disputes.judgment_acceptance_rate": (92, False),
            },
        ),
        ("复议后起诉的案件6件，暂无败诉。", {"disputes.reconsideration_then_litigated": (6, False)}),
        # a rate before its verb
        ("县政府负责人100%出庭应诉。", {"disputes.leader_court_attendance_rate": (100, False)}),
        # the clean-up of normative documents and what came of it
        (
            "开展行政规范性文件专项清理，共清理规范性文件236件，其中继续有效198件，拟修改21件，拟废止17件，宣布失效5件。",
            {
                "regulation.normative_docs_cleaned_up": (236, False),
                "regulation.normative_docs_kept": (198, False),
                "regulation.normative_docs_to_amend": (21, False),
                "regulation.normative_docs_to_repeal": (17, False),
                "regulation.normative_docs_invalidated": (5, False),
            },
        ),
        # one rate for several names (均达到), the topic from the first name
        (
            "县政府行政规范性文件合法性审核率、备案率、备案通过率均达到100%。",
            {
                "regulation.normative_docs_review_rate": (100, False),
                "regulation.normative_docs_filing_rate": (100, False),
                "regulation.normative_docs_filing_pass_rate": (100, False),
            },
        ),
        # reviewed and filed stated as one figure: not a count of reviews
        (
            "审查和备案规范性文件54件，其中审查规范性文件27件。",
            {
                "regulation.normative_docs_reviewed_filed": (54, False),
                "regulation.normative_docs_reviewed": (27, False),
            },
        ),
        # enforcement acts with the fines; case-file review beyond the problems found
        (
            "全县共办理行政处罚案件1523件，罚没款2860.5万元，实施行政强制措施87件。",
            {
                "enforcement.penalty_cases": (1523, False),
                "enforcement.fines_amount": (28605000, False),
                "enforcement.coercion_cases": (87, False),
            },
        ),
        (
            "抽查案卷320卷，其中优秀案卷41卷，合格案卷268卷，不合格案卷11卷，案卷合格率96.6%。",
            {
                "enforcement.case_files_checked": (320, False),
                "enforcement.case_files_excellent": (41, False),
                "enforcement.case_files_qualified": (268, False),
                "enforcement.case_files_unqualified": (11, False),
                "enforcement.case_file_qualified_rate": (96.6, False),
            },
        ),
        (
            "举办行政执法人员培训班6期，培训执法人员1200余人次。",
            {"enforcement.officer_trainings": (6, False), "enforcement.officers_trained": (1200, True)},
        ),
        # legality-review volumes
        (
            "全年审查县政府常务会议议题46个，审查行政机关合同132份，出具法律意见218件。",
            {
                "decisions.agenda_items_legality_reviewed": (46, False),
                "decisions.contracts_reviewed": (132, False),
                "decisions.legal_opinions_given": (218, False),
            },
        ),
        # the number before its noun; the meeting split from its count by a comma
        (
            "经集体审议确定并公布年度重大行政决策事项目录，纳入7个重大行政决策事项。",
            {"decisions.major_decision_catalogue_published": (True, False), "decisions.major_decisions": (7, False)},
        ),
        ("县政府常务会议，专题学法4次。", {"leadership.exec_meeting_law_studies": (4, False)}),
        # study and deliberation by body
        (
            "全年县政府常务会议学法8次、县委理论学习中心组学法6次。",
            {"leadership.exec_meeting_law_studies": (8, False), "leadership.party_group_law_studies": (6, False)},
        ),
        ("通过镇党委会、理论学习中心组等载体开展专题学法9次。", {"leadership.leadership_law_studies": (9, False)}),
        (
            "召开县委全面依法治县委员会会议2次、县政府常务会议5次研究部署法治政府建设工作。",
            {"leadership.rol_committee_meetings": (2, False), "leadership.exec_meeting_rol_deliberations": (5, False)},
        ),
        (
            "组织86名新提拔领导干部参加任前法律知识考试，合格率100%。",
            {
                "leadership.promoted_cadres_examined": (86, False),
                "leadership.pre_appointment_exam_pass_rate": (100, False),
            },
        ),
        (
            "全年开展法治宣传活动210余场次，发放宣传资料3.2万份。",
            {"leadership.law_publicity_events": (210, True), "leadership.law_publicity_materials": (32000, False)},
        ),
        # services: entered the centre (入驻), wholly online, the integrated services, the number before its noun
        (
            "县级1286项政务服务事项入驻县政务服务中心，事项入驻率98.7%，全程网办率达92.5%，上线“一件事”集成服务36个。",
            {
                "functions.services_in_center": (1286, False),
                "functions.services_in_center_rate": (98.7, False),
                "functions.services_fully_online_rate": (92.5, False),
                "functions.one_thing_services": (36, False),
            },
        ),
        (
            "承接“跨省通办”事项148项，全年办理2.6万件。",  # 承接: a change to a list, and the figure itself
            {"functions.cross_province_services": (148, False), "functions.cross_province_cases": (26000, False)},
        ),
        # traditional script, read as simplified
        ("縣級大廳事項進駐率達90%以上。", {"functions.services_in_center_rate": (90, True)}),
    ],
)
def test_figures_are_attributed_from_their_evidence(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


def test_the_topic_comes_from_the_heading_above(tmp_path, pack):
    body = "二、行政复议\n全年受理案件64件，审结58件，按期结案率100%，行政复议决定履行率100%。"
    assert found(tmp_path, pack, body) == {
        "disputes.reconsideration_accepted": (64, False),
        "disputes.reconsideration_concluded": (58, False),
        "disputes.reconsideration_on_time_rate": (100, False),
        "disputes.reconsideration_compliance_rate": (100, False),
        "disputes.reconsideration_concluded_on_time": (58, False),
    }  # 58 x 100%: a rate of 100% gives its count


@pytest.mark.parametrize(
    "body",
    [
        "县市场监管局全年查办案件326件，罚没款120万元。",  # one department's figures, the sentence's subject
        "县人民检察院提出检察建议36件。",  # another body
        "2023年全县办理行政处罚案件980件。",  # an earlier year
        "上年度审结行政复议案件45件。",
        "全县行政复议案件同比增长15%，行政诉讼败诉率同比下降3.2个百分点。",  # changes, not levels
        "其中，市场监管领域占比42.6%，交通运输领域占比18.3%。",  # shares
        "全市共办理行政复议案件860件。",  # the city above
        "城关镇开展普法活动35场次。",  # a township
        "下一步，力争行政复议纠错率控制在10%以内，计划组织法治培训20期。",  # plans
        "构建“1+3+N”工作体系，打造3个示范点，建成1个中心、2个平台。",  # numbers that are no indicator's
        "全县共有村（社区）216个，常住人口38.6万人。",
        "办理以县政府为被告行政应诉案件90件，县政府负责人出庭应诉案件37件，出庭应诉率100%。",
    ],
)
def test_what_is_not_the_countys_figure_is_attributed_to_no_indicator(tmp_path, pack, body):
    got = found(tmp_path, pack, body)
    assert "disputes.court_cases_heard" not in got  # 37 x 100% could be of either count
    assert {
        k
        for k in got
        if k
        not in (
            "disputes.litigation_cases_total",
            "disputes.court_cases_head_attended",
            "disputes.leader_court_attendance_rate",
        )
    } == set()


def test_a_part_after_其中_does_not_contradict_its_whole(tmp_path, pack):
    body = (
        "完成2023年度全县73名党政主要负责人述法（其中21名党政主要负责人现场述法）和2024年度全县71名党政主要负责人述法。"
    )
    assert found(tmp_path, pack, body) == {"leadership.shufa_heads_reported": (71, False)}


# -- the numbers left for review ------------------------------------------------------------------


def test_candidates_list_what_was_left_with_why_and_the_nearest_indicators(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        f"{TITLE}\n受理行政复议案件52件，同比增长15%。\n县人民法院全年受理各类案件5620件。\n", encoding="utf-8"
    )
    out = run_cli("extract", path, "--candidates")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "r.txt：带单位的数字 3 个，已归属指标 1 个，以下 2 个未采用",
        "第 2 行第 17 列  15%  是变动幅度或占比，不是指标数值",
        "    原文：受理行政复议案件52件，同比增长15%",
        "第 3 行第 14 列  5620件  依据不足，未归属任何指标",
        "    最接近的指标：disputes.reconsideration_accepted（行政复议案件受理数）",  # 受理, without 行政复议
        "    原文：县人民法院全年受理各类案件5620件",
    ]
    en = run_cli("extract", path, "--candidates", "--lang", "en").stdout.splitlines()
    assert en[0] == "r.txt: 3 numbers with a unit, 1 attributed to an indicator, 2 not taken:"
    assert en[1] == "line 2, column 17  15%  a change or a share, not a level"


def test_candidates_of_the_seed_are_its_numbers_no_indicator_takes(pack):
    from checker.extract.attribute import left_over

    ex = extract(ROOT / "tests" / "corpus" / "sheqi-2024.txt", pack)
    taken = {(f.line, f.column) for f in ex.found.values()}
    assert not any((o.line, o.column) in taken for o, _ in left_over(ex))
    assert all(why in ("unattributed", "ambiguous", "trapped", "change", "conflict") for _, why in left_over(ex))


# -- measured: key-aware precision and recall on a folder of labelled reports -----------------------


def real_shaped_folder(tmp_path: Path) -> Path:
    """Two invented reports as a development set is kept: texts/ apart from labels/, each figure
    with its sentence and key (or the key it would have, where the catalogue has none yet)."""
    folder = tmp_path / "dev"
    (folder / "texts").mkdir(parents=True)
    (folder / "labels").mkdir()
    (folder / "texts" / "01-hefeng-2024.txt").write_text(
        "禾丰县2024年法治政府建设年度报告\n全年受理行政复议案件52件，审结48件，纠错3件。\n"
        "全县办理行政应诉案件40件，败诉2件。\n县级保留的村级便民服务点68个。\n",
        encoding="utf-8",
    )
    (folder / "texts" / "02-heyang-2024.txt").write_text(
        "禾阳区2024年法治政府建设年度报告\n区政府常务会议学法6次。审结行政复议案件20件。\n", encoding="utf-8"
    )
    figures = [
        {
            "sentence": "全年受理行政复议案件52件,审结48件,纠错3件",
            "text": "52件",
            "value": 52,
            "unit": "件",
            "subject": "受理的行政复议案件数",
            "key": "disputes.reconsideration_accepted",
        },
        {
            "sentence": "全年受理行政复议案件52件,审结48件,纠错3件",
            "text": "48件",
            "value": 48,
            "unit": "件",
            "subject": "审结的行政复议案件数",
            "key": "disputes.reconsideration_concluded",
        },
        {
            "sentence": "全年受理行政复议案件52件,审结48件,纠错3件",
            "text": "纠错3件",
            "value": 3,
            "unit": "件",
            "subject": "纠错数",
            "key": "disputes.reconsideration_corrected",
        },
        {
            "sentence": "全县办理行政应诉案件40件,败诉2件",
            "text": "40件",
            "value": 40,
            "unit": "件",
            "subject": "行政应诉案件数",
            "proposed_key": "disputes.litigation_cases_total",
        },
        {
            "sentence": "全县办理行政应诉案件40件,败诉2件",
            "text": "2件",
            "value": 2,
            "unit": "件",
            "subject": "败诉数",
            "key": "disputes.litigation_cases_lost",
        },
        {
            "sentence": "县级保留的村级便民服务点68个",
            "text": "68个",
            "value": 68,
            "unit": "个",
            "subject": "村级便民服务点数",
            "proposed_key": "functions.village_service_points",
        },
    ]
    (folder / "labels" / "01-hefeng-2024.yaml").write_text(
        yaml.safe_dump(
            {"file": "01-hefeng-2024.txt", "region": "禾丰县", "year": 2024, "level": "county", "figures": figures},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (folder / "labels" / "02-heyang-2024.yaml").write_text(
        yaml.safe_dump(
            {
                "file": "02-heyang-2024.txt",
                "region": "禾阳区",
                "year": 2024,
                "level": "district",
                "figures": [
                    {
                        "sentence": "区政府常务会议学法6次",
                        "text": "6次",
                        "value": 6,
                        "unit": "次",
                        "subject": "常务会议学法次数",
                        "key": "leadership.exec_meeting_law_studies",
                    },
                    {
                        "sentence": "审结行政复议案件20件",
                        "text": "20件",
                        "value": 21,
                        "unit": "件",  # mislabelled on purpose
                        "subject": "审结数",
                        "key": "disputes.reconsideration_concluded",
                    },
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return folder


def test_accuracy_on_a_folder_of_labelled_reports_is_key_aware_and_per_family(tmp_path, pack):
    acc = evaluate(real_shaped_folder(tmp_path), pack)
    assert {f: (t.tp, t.fp, t.fn) for f, t in acc.per_family.items()} == {
        "disputes": (5, 1, 1),
        "leadership": (1, 0, 0),
    }
    assert (acc.overall.tp, acc.overall.fp, acc.overall.fn, acc.overall.uncovered) == (6, 1, 1, 1)
    assert ("02-heyang-2024.txt", "disputes.reconsideration_concluded", 21, 20) in acc.mistakes


def test_the_accuracy_command_reads_such_a_folder(tmp_path):
    out = run_cli("extract", "--accuracy", real_shaped_folder(tmp_path), "--lang", "en")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["family", "TP", "FP", "FN", "precision", "recall"]
    assert lines[1].split() == ["disputes", "5", "1", "1", "83.3%", "83.3%"]
    assert "overall" in lines[lines.index("") + 1 :][-1] or any(line.startswith("overall") for line in lines)
    assert "labelled figures whose indicator the catalogue does not have yet: 1" in lines


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("受理行政复议案件52件", "全年受理行政复议案件52件,审结48件", True),
        ("审结行政复议案件20件", "受理行政复议案件20件,审结", True),
        ("审结行政复议案件20件", "开展学法6次", False),
        ("", "任何", True),
    ],
)
def test_sources_are_the_same_sentence_when_one_holds_the_other_or_they_share_eight_characters(a, b, same):
    assert overlaps(a, b) is same


@pytest.mark.skipif(not (SHARED / "seed").is_dir(), reason="the shared seed report is not here")
def test_the_shared_seed_report_is_read_at_100_percent(pack):
    seed = sorted((SHARED / "seed").glob("*.txt"))[0]
    ex = extract(seed, pack)
    data = yaml.safe_load((SAMPLES / "sheqi-2024.yaml").read_text(encoding="utf-8"))
    expected = {
        f"{area}.{key}": entry["value"]
        for area, items in data["indicators"].items()
        for key, entry in items.items()
        if not f"{area}.{key}".startswith("report.")
    }
    got = {k: f.value for k, f in ex.found.items() if not k.startswith("report.")}
    assert got == expected


# -- a county batch: 20 reports in the shapes published reports have, scored end to end --------------

COUNTIES = [
    "禾丰县",
    "禾阳县",
    "青川县",
    "柳溪县",
    "石岭县",
    "云泽县",
    "桐川县",
    "枫林县",
    "鹤山县",
    "泽安县",
    "芦川县",
    "霁阳县",
    "琅溪县",
    "松原县",
    "梅岭县",
    "杏坛县",
    "槐川县",
    "榆林河县",
    "楠溪县",
    "竹山县",
]
TITLES = [
    "{c}2024年法治政府建设年度报告",
    "{c}人民政府关于2024年度法治政府建设情况的报告",
    "首页 > 政务公开 > 工作报告\n发布时间：2025-03-20\n{c}人民政府关于２０２４年度法治政府建设情况的报告",
    "{c}人民政府\n关于2024年度法治政府建设情况的报告",
]


def county_report(i: int, county: str) -> str:
    n = 10 + i
    return (
        "\n".join(
            [
                TITLES[i % len(TITLES)].format(c=county),
                f"2024年，{county}坚持以习近平法治思想为指导，现将有关情况报告如下。",
                "一、党的领导",
                f"县政府常务会议学法{n}次，县委理论学习中心组学法{n - 4}次，召开县委全面依法治县委员会会议{i % 3 + 1}次。",
                "二、行政复议和行政应诉",
                f"全年共收到行政复议申请{n * 5}件，受理{n * 4}件，审结{n * 3}件，纠错{i % 5}件。",
                f"办理行政应诉案件{n * 2}件，审结一审行政案件{n}件，败诉{i % 4}件，行政机关负责人出庭应诉率100%。",
                "三、规范性文件",
                f"开展规范性文件清理，共清理规范性文件{n * 7}件，拟废止{i % 6 + 1}件。",
                "四、行政执法",
                f"全县共办理行政处罚案件{n * 40}件，罚没款{n * 3}万元；抽查案卷{n * 6}卷，不合格案卷{i % 3}卷。",
                "五、存在的不足和原因",
                "虽然取得了一定成效，但仍存在一些问题，主要原因在于基层法治力量不足。",
                "六、2025年工作安排",
                f"2025年，{county}将力争行政复议纠错率控制在10%以内。",
            ]
        )
        + "\n"
    )


def test_a_county_batch_of_20_reports_is_scored_end_to_end(tmp_path, pack):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i, county in enumerate(COUNTIES):
        (folder / f"{i + 1:02d}.txt").write_text(county_report(i, county), encoding="utf-8")
    for i, county in enumerate(COUNTIES):
        ex = extract(folder / f"{i + 1:02d}.txt", pack)
        assert (ex.region, ex.year) == (county, 2024)
        n = 10 + i
        got = {k: f.value for k, f in ex.found.items()}
        assert {
            k: got.get(k)
            for k in (
                "leadership.exec_meeting_law_studies",
                "leadership.party_group_law_studies",
                "disputes.reconsideration_applications",
                "disputes.reconsideration_concluded",
                "disputes.litigation_cases_total",
                "regulation.normative_docs_cleaned_up",
                "enforcement.penalty_cases",
                "enforcement.fines_amount",
                "enforcement.case_files_unqualified",
            )
        } == {
            "leadership.exec_meeting_law_studies": n,
            "leadership.party_group_law_studies": n - 4,
            "disputes.reconsideration_applications": n * 5,
            "disputes.reconsideration_concluded": n * 3,
            "disputes.litigation_cases_total": n * 2,
            "regulation.normative_docs_cleaned_up": n * 7,
            "enforcement.penalty_cases": n * 40,
            "enforcement.fines_amount": n * 30000,
            "enforcement.case_files_unqualified": i % 3,
        }
    out = run_cli("score", folder, "--jobs", "1", "--format", "json", "--no-progress")
    assert out.returncode != 2, out.stdout[-2000:] + out.stderr
    ranked = json.loads(out.stdout)
    regions = {row["region"] for row in ranked["ranking"]}
    assert regions == set(COUNTIES)


def test_a_run_on_sentence_is_read_in_windows_with_each_figure_cited_by_its_clause(tmp_path, pack):
    from checker.extract.attribute import WINDOW

    body = "审结行政复议案件12件、开展法治宣传活动3场次" * 300  # 6,900 characters and no full stop
    path = tmp_path / "r.txt"
    path.write_text(f"{TITLE}\n2024年，禾丰县坚持依法行政。{body}\n", encoding="utf-8")
    ex = extract(path, pack)
    assert len(ex.outcomes) == 600
    assert max(len(o.sentence) for o in ex.outcomes) <= 2 * WINDOW
    assert {(o.reason, o.key) for o in ex.outcomes} == {
        ("phrasing", None),  # 审结…12件: a phrasing's
        ("attributed", "leadership.law_publicity_events"),
    }
    assert {k: f.value for k, f in ex.found.items() if not k.startswith("report.")} == {
        "disputes.reconsideration_concluded": 12,
        "leadership.law_publicity_events": 3,
    }


def test_accuracy_reads_a_labelled_amount_in_the_unit_the_report_wrote(tmp_path, pack):
    """A label keeps the report's unit (20万元); the catalogue keeps amounts in yuan: the two are
    the same figure, and a region read in traditional script is the region labelled simplified."""
    folder = tmp_path / "real"
    (folder / "texts").mkdir(parents=True)
    (folder / "labels").mkdir()
    (folder / "texts" / "01-hefeng-2024.txt").write_text(
        "禾豐縣2024年法治政府建設情況報告\n一、深入推進依法行政\n全年支付法律顧問經費20萬元。\n", encoding="utf-8"
    )
    label = {
        "file": "01-hefeng-2024.txt",
        "region": "禾丰县",
        "year": 2024,
        "figures": [
            {
                "sentence": "全年支付法律顧問經費20萬元",
                "text": "20萬元",
                "value": 20,
                "unit": "万元",
                "subject": "法律顾问费用",
                "key": "decisions.legal_advisor_fees",
            }
        ],
    }
    (folder / "labels" / "01-hefeng-2024.yaml").write_text(yaml.safe_dump(label, allow_unicode=True), encoding="utf-8")
    acc = evaluate(folder, pack)
    assert (acc.overall.tp, acc.overall.fp, acc.overall.fn) == (1, 0, 0)
    assert acc.mistakes == []


# -- shapes first seen in a blind set of real reports (invented sentences in the same shapes) ----------


def test_a_space_between_words_and_number_is_no_word(tmp_path, pack):
    """Portals set spaces around numbers (提案 105 件): phrasings and names read through them."""
    body = "办理县人大代表建议 119 件、县政协委员提案 105 件。二、行政复议\n全年受理行政复议案件 52 件，审结 48 件。"
    assert found(tmp_path, pack, body) == {
        "oversight.npc_suggestions": (119, False),
        "oversight.cppcc_proposals": (105, False),
        "disputes.reconsideration_accepted": (52, False),
        "disputes.reconsideration_concluded": (48, False),
    }


def test_a_province_reports_its_own_figures_with_全省(tmp_path, pack):
    body = "全省行政机关负责人出庭应诉率达到100%。全市行政复议案件860件。"
    assert found(tmp_path, pack, body, title="禾川省2024年法治政府建设情况报告") == {
        "disputes.leader_court_attendance_rate": (100, False)
    }


def test_suits_of_every_kind_are_no_count_of_administrative_suits(tmp_path, pack):
    body = "二、行政应诉\n全年诉讼案件72起，其中民事诉讼50起。全年办理行政应诉案件14件。"
    assert found(tmp_path, pack, body)["disputes.litigation_cases_total"] == (14, False)
    assert "disputes.litigation_cases_total" not in found(
        tmp_path, pack, "二、行政应诉\n全年诉讼案件72起，其中民事诉讼50起。"
    )


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "县司法局对涉及的8个领域进行了赋权征求意见，承接下放行政执法权31项。",
            {"functions.delegated_powers_received": (31, False)},
        ),
        ("完成16个市法治专题培训。", {}),
        ("为辖区11个社区配备了兼职法律顾问。", {"decisions.communities_with_legal_advisor": (11, False)}),
    ],
)
def test_a_number_with_个_counts_the_places_or_fields_named_after_it(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        ("党工委理论学习中心组开展3次学法活动。", {"leadership.party_group_law_studies": (3, False)}),
        (
            "组织全县2万余名国家工作人员参加学法考试。",
            {"leadership.cadre_law_exam_participants": (20000, True)},
        ),
        ("开展3次调研，形成报告2份。", {}),  # an act counted before its noun is still no indicator's without its words
    ],
)
def test_a_count_of_acts_or_people_may_stand_before_its_noun(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "联合开展合法性审查行政机关合同959余份，出具合法性审查意见书124份。",
            {"decisions.contracts_reviewed": (959, True), "decisions.legal_opinions_given": (124, False)},
        ),
        ("共计立案查处390件（其中简易程序110件）。", {"enforcement.penalty_cases": (390, False)}),
        ("上线“一件事一次办”事项333件。", {"functions.one_thing_services": (333, False)}),
        ("推动140项高频政务服务事项“跨省通办”。", {"functions.cross_province_services": (140, False)}),
        ("局党委理论学习中心组学习5次。", {"leadership.party_group_law_studies": (5, False)}),
        ("县委常委会、县委理论学习中心组、政府常务会共学习16次。", {"leadership.leadership_law_studies": (16, False)}),
        (
            "全县干部参加专题考试6场次，累计参考人数32886人。",
            {"leadership.cadre_law_exam_participants": (32886, False)},
        ),
    ],
)
def test_figures_in_the_words_of_a_blind_set_of_real_reports(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        # a task the province set, done by the county: the county's figure
        ("完成国家和省级部署的“高效办成一件事”30件。", {"functions.one_thing_services": (30, False)}),
        ("省级完成“高效办成一件事”30件。", {}),  # the province's own
        ("召开县委全面依法治县委员会全体扩大会议 1 次。", {"leadership.rol_committee_meetings": (1, False)}),
        ("召开县委常委会会议、依法治县委员会会议、县政府全体会议7次。", {}),  # one count for a list of meetings
        ("召开法治督察动员会、法治政府建设推进会4次。", {}),  # meetings, not visits
        (
            "举办全县领导干部学习习近平法治思想专题培训班，全县60余人参加培训。",
            {"leadership.cadres_trained": (60, True)},
        ),
        ("“无感兑现”惠企政策，兑现金额1.5018亿元。", {"functions.policy_funds_paid": (150180000, False)}),
    ],
)
def test_whose_figure_and_what_it_counts_in_real_shapes(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "提供法律咨询 240 余人次，办理各类公证 441 件，受理法律援助案件 537 件。",
            {
                "disputes.legal_consultations": (240, True),
                "disputes.notarizations": (441, False),
                "disputes.legal_aid_cases": (537, False),
            },
        ),
        # a title names its issuer, not the figure's subject
        (
            "印发《禾丰县政府部门权责事项清单》4133项，修订《禾丰县权责清单管理办法》。",
            {"functions.power_items": (4133, False)},
        ),
        ("12345热线受理企业群众诉求31万件。", {"functions.hotline_requests": (310000, False)}),
        ("县长对法治政府建设工作作出批示4次。", {"leadership.head_rol_instructions": (4, False)}),
    ],
)
def test_public_legal_services_power_lists_hotline_and_instructions(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        ("2022年1月20日，县政府第17届1次常务会议听取法治政府建设情况汇报。", {}),  # a sitting, not a count
        (
            "县政府聘请新一届12名政府法律顾问。",
            {"decisions.legal_advisors": (12, False), "decisions.gov_legal_advisor_retained": (True, False)},
        ),
        (
            "县委常委会会议、县政府常务会议学法20余次。",
            {"leadership.leadership_law_studies": (20, True)},
        ),  # one count of two bodies: not the executive meeting's, the leadership's (as with 常务会)
        (
            "办理人大代表建议八十七件、政协提案九十四件。",  # each has its own number
            {"oversight.npc_suggestions": (87, False), "oversight.cppcc_proposals": (94, False)},
        ),
        ("新增持证执法人员3名，全镇执法人员持证率达100%。", {"enforcement.certified_officer_rate": (100, False)}),
        ("各级党组织专题学习习近平法治思想100余场次。", {}),  # every party organisation, not the group's studies
        ("召开街道党工委全面依法治街委员会会议2次。", {"leadership.rol_committee_meetings": (2, False)}),
        (
            "组织执法规范化培训6场，参训人员120人次。",
            {"enforcement.officer_trainings": (6, False), "enforcement.officers_trained": (120, False)},
        ),
        ("全年开展案卷评查2次，整改不规范问题7项。", {"enforcement.case_file_problems_rectified": (7, False)}),
        ("全年开展专项督查4次，通报整改问题12项。", {}),  # a supervision's findings, not a campaign's
    ],
)
def test_shapes_of_a_third_set_of_real_reports(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        ("县委常委会每半年听取1次法治建设工作汇报。", {}),  # how often, not how many
        (
            "县政府常务会议每季度听取法治政府建设情况汇报、开展常务会议学法7次。",
            {"leadership.exec_meeting_law_studies": (7, False)},
        ),  # the frequency is another verb's
        ("播放法治宣传内容20余万次。", {}),  # broadcasts are no publicity events
        ("二、行政应诉\n行政诉讼败诉率有望降至5%以下。", {}),  # hoped for, not done
        ("开展规范性文件清理工作，废止25件县政府规章。", {}),  # regulations, not normative documents
        (
            "发挥村社法律顾问作用，全镇11个村社都聘请律师担任法律顾问，覆盖率达100%。",
            {"decisions.communities_with_legal_advisor": (11, False)},
        ),  # villages' advisers: their coverage is not the organs'
        (
            "全县39个县级党政机关设立法律顾问或公职律师39个，覆盖率100%。",
            {
                "decisions.organs_with_legal_advisor": (39, False),
                "decisions.legal_advisor_coverage_rate": (100, False),
                "decisions.county_organs": (39, False),  # 39 at 100%: the whole from its part
            },
        ),
    ],
)
def test_frequencies_hopes_broadcasts_and_other_things_counted_are_no_figures(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


CITY = "禾川市2023年法治政府建设情况报告"


@pytest.mark.parametrize(
    "body,expected",
    [
        ("市委市政府主要领导法治政府建设工作批示33次。", {"leadership.head_rol_instructions": (33, False)}),
        ("主持市政府常务会议专题学法3次。", {"leadership.exec_meeting_law_studies": (3, False)}),
        ("全年领导班子会议学法8次。", {"leadership.leadership_law_studies": (8, False)}),
        ("兑现招商引资优惠政策资金3.4亿元。", {"functions.policy_funds_paid": (340000000, False)}),
        ("全年完成重大法制审核案件36件。", {"enforcement.major_enforcement_decisions_legally_reviewed": (36, False)}),
        ("全省市委市政府主要领导批示33次。", {}),  # the province's cities: not this city's
    ],
)
def test_a_city_names_itself_in_more_ways(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body, title=CITY) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        # the subject carried from the clause before: the meeting named last
        (
            "县政府常务会议专题学法6次，听取法治政府建设汇报13次。",
            {
                "leadership.exec_meeting_law_studies": (6, False),
                "leadership.exec_meeting_rol_deliberations": (13, False),
            },
        ),
        (
            "县委常委会会议传达学习中央精神，专题研究法治建设工作5次。",
            {"leadership.party_committee_rol_deliberations": (5, False)},
        ),
        # a list of meetings is no one subject
        (
            "召开政府常务会、法治政府建设工作会等，研究部署法治建设工作10余次。",
            {"leadership.rol_agenda_items": (10, True)},
        ),
    ],
)
def test_a_clause_may_carry_its_subject_from_the_clause_before(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "县委常委会、县政府常务会议专题听取法治政府建设情况汇报，专题研究法治建设相关工作10余次。",
        "主持召开县委常委会会议、县政府常务会议研究法治工作17次。",
        "严格落实县委常委会会议、县政府常务会会前学法、县委理论学习中心组学法制度，全年学法15次。",
    ],
)
def test_two_bodies_one_count_is_not_the_executive_meetings(tmp_path, pack, body):
    got = found(tmp_path, pack, body)
    assert not {"leadership.exec_meeting_rol_deliberations", "leadership.exec_meeting_law_studies"} & set(got), got


@pytest.mark.parametrize(
    "body,expected",
    [
        ("县本级1148个政务服务事项网上可办。", {"functions.services_online": (1148, False)}),
        (
            "县级2528个政务服务事项全部进驻县政务服务中心。",
            {"functions.services_total": (2528, False), "functions.services_in_center": (2528, False)},
        ),
        (
            "全县1876个政务服务事项网上可办率达100%。",
            {
                "functions.services_total": (1876, False),
                "functions.services_online_rate": (100, False),
            },
        ),
        ("县政府常务会专题学习4次。", {"leadership.exec_meeting_law_studies": (4, False)}),
    ],
)
def test_what_follows_a_count_of_services_says_which_count_it_is(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


def test_the_problems_a_rule_of_law_inspection_found(tmp_path, pack):
    body = "开展2024年度全县法治建设实地督察，发现问题204个并集中反馈整改。开展审计，发现问题12个。"
    assert found(tmp_path, pack, body) == {"leadership.feedback_problems": (204, False)}


# the words of eight sets of published reports read blind (each set scored before anything was changed
# for it): courses, lectures and attendances; meetings and bodies; reviews; examinations; services
@pytest.mark.parametrize(
    "body,expected",
    [
        # heads (人, 名) are cadres trained; attendances (人次) are study participants
        (
            "举办全县领导干部法治专题培训班3期，培训干部420人。",
            {"leadership.cadre_law_trainings": (3, False), "leadership.cadres_trained": (420, False)},
        ),
        (
            "县政府常务会集体学法8次，举办专题培训班2期，培训干部900余人次。",
            {
                "leadership.exec_meeting_law_studies": (8, False),
                "leadership.cadre_law_trainings": (2, False),
                "leadership.law_study_participants": (900, True),
            },
        ),
        ("开展法治专题培训会2场。", {}),  # a meeting, not a course: courses are counted in 期 or 班
        # a lecture the government holds is its leadership's; one for cadres at large is not
        ("县委、县政府举办法治专题讲座3场。", {"leadership.law_lectures": (3, False)}),
        ("举办机关干部法治讲座12场。", {"leadership.cadre_law_lectures": (12, False)}),
        (  # an examination of what was learnt, not an inspection
            "组织新入职公务员和行政执法人员开展学法抽考150余人次。",
            {"leadership.cadre_law_exam_participants": (150, True)},
        ),
        ("对107名党政主要负责人履行职责情况开展民主测评。", {}),  # an appraisal, not an examination
        (
            "对6件涉及计划生育的规范性文件进行了清理，废止3件。",
            {"regulation.normative_docs_cleaned_up": (6, False), "regulation.normative_docs_repealed": (3, False)},
        ),
        (
            "县政府常务会议先后4次对《信访工作条例》等法律法规进行专题学习。",
            {"leadership.exec_meeting_law_studies": (4, False)},
        ),
        ("主持召开县委常委会会议、县政府常务会议研究法治工作17次。", {"leadership.rol_agenda_items": (17, False)}),
        ("累计调整权责清单事项300余项。", {}),  # a change to the list, not its size
        (
            "严格落实县政府常务会议学法制度，年内组织专题法治学习8次。",
            {"leadership.exec_meeting_law_studies": (8, False)},
        ),
        ("2024年，县政府党组学习习近平法治思想6次。", {"leadership.party_group_law_studies": (6, False)}),
        ("县委主要领导专题研究法治建设工作5次，对信访工作批示20次。", {}),  # instructions on another subject
        (
            "组织新提任领导干部考试37人次、机关干部学法考试1.3万人次。",
            {
                "leadership.promoted_cadres_examined": (37, False),
                "leadership.cadre_law_exam_participants": (13000, False),
            },
        ),
        ("全县56家党政机关主要负责人进行述法。", {"leadership.shufa_heads_reported": (56, False)}),
        ("组织召开县委常委会4次、依法治县委员会会议1次。", {"leadership.rol_committee_meetings": (1, False)}),
        ("在副科级任职培训班等19期班次中开设习近平法治思想专题课。", {}),  # courses with a law lesson, not law courses
        ("推进行政检查执法备案7788次。", {}),  # filings of inspections
        ("12345政务服务平台累计办理群众反映问题388件。", {"functions.hotline_requests": (388, False)}),
        ("梳理县本级权责清单2268项。", {"functions.power_items": (2268, False)}),
        ("赋予镇级87项权力事项。", {}),  # powers given to the towns, not the county's list
        ("对政务服务事项进行标准化梳理，可网办事项1301项。", {"functions.services_online": (1301, False)}),
        ("全年完成重大行政决策合法性审查22件。", {"decisions.major_decisions_legality_reviewed": (22, False)}),
        ("政府法律顾问出具合法性审查意见3件。", {"decisions.reviews_with_advisor_opinion": (3, False)}),
        ("本年度对规范性文件开展1次全面清理。", {"regulation.normative_docs_cleanups": (1, False)}),
        (
            "开展拟提拔领导干部法律知识考试6场，174人参加，成绩合格率均达100%。",
            {
                "leadership.promoted_cadres_examined": (174, False),
                "leadership.pre_appointment_exam_pass_rate": (100, False),
            },
        ),
        ("全县3385名干部职工参加国家工作人员学法考法。", {"leadership.cadre_law_exam_participants": (3385, False)}),
        ("深入学习研究习近平法治思想11次。", {}),  # study, not deliberation
        ("县委常委会会议研究法治政府建设方面重大问题10项。", {"leadership.rol_agenda_items": (10, False)}),
        ("研究解决法治建设重大问题10余个。", {}),  # problems solved, not items deliberated
        ("全年召开党委专题会议3次，研究解决法治宣传等重点难点问题。", {"leadership.rol_special_meetings": (3, False)}),
        (
            "县政府组织集体学法15次，解读重要政策文件40余次，举办专题学法讲座2次。",
            {"leadership.leadership_law_studies": (15, False), "leadership.law_lectures": (2, False)},
        ),
        (  # the second count is another examination's: the first alone is the new cadres'
            "组织15名新提拔科级干部参加法律法规考试、32名科级干部参加廉政考试。",
            {"leadership.promoted_cadres_examined": (15, False)},
        ),
        ("法律顾问审核各类行政文件、会议纪要等52件。", {"decisions.legality_reviews": (52, False)}),
        ("全年共收到审查事项149件。", {"decisions.legality_reviews": (149, False)}),
        ("聘请法律顾问全程参与决策论证、合同审核等工作50余次。", {}),  # taking part, not reviews
        ("累计发布县政府规范性文件4件。", {"regulation.normative_docs_issued": (4, False)}),
        ("今年组织行政决策合法性审查13次。", {"decisions.legality_reviews": (13, False)}),
        ("向市政府、市人大常委会报备规范性文件5件。", {"regulation.normative_docs_filed": (5, False)}),
        ("各部门组织学习培训1500余次。", {"leadership.department_law_studies": (1500, True)}),
        ("县政府常务会议学习习近平法治思想10次。", {"leadership.exec_meeting_law_studies": (10, False)}),
        ("开展在线学法用法考试51775人。", {"leadership.cadre_law_exam_participants": (51775, False)}),
        (
            "组织科级领导干部任前法律知识考试5场，参加考试人员69人，合格率100%。",
            {
                "leadership.promoted_cadres_examined": (69, False),
                "leadership.pre_appointment_exam_pass_rate": (100, False),
            },
        ),
        ("27名新提拔领导干部通过任前法律知识考试。", {}),  # those who passed, not those examined
        ("持续推进一网通办，共上线事项1225项。", {"functions.services_online": (1225, False)}),
        (  # lectures for the public are publicity, not cadres' lectures
            "组织普法讲师、“法律明白人”进村社、进学校开展专题讲座367场。",
            {"leadership.law_publicity_events": (367, False)},
        ),
    ],
)
def test_shapes_of_the_blind_sets_of_real_reports(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


def test_a_city_names_its_own_government_after_a_time_word(tmp_path, pack):
    body = "禾川市2024年法治政府建设情况报告\n年内市政府常务会议集体学法5次。省政府常务会议学法3次。"
    path = tmp_path / "report.txt"
    path.write_text(body, encoding="utf-8")
    got = {k: f.value for k, f in extract(path, pack).found.items() if not k.startswith("report.")}
    assert got == {"leadership.exec_meeting_law_studies": 5}  # the province's is another body's


@pytest.mark.parametrize(
    "body",
    [
        "县政府举办招商引资专题讲座4场。",  # no law in it
        "开展法治宣传培训，培训群众5000人次。",  # the public trained, not cadres
        "开展法治政府建设满意度测评，参与测评群众3200人。",  # a survey, not an examination
        "开展领导干部年度考核，参与测评干部320人。",  # an appraisal
        "全年召开安全生产专题会议12次，推动安全生产法治化。",  # another subject's meetings
        "县政府办公室组织集体学法12次。",  # the office, not the government's leadership
        "各部门党组学习习近平法治思想120次。",  # the departments' party groups
        "开展公平竞争审查，审查涉及市场主体经济活动的政策措施文件等45件。",  # fair-competition reviews
        "全年受理公平竞争审查事项36件。",
        "梳理行政审批审核事项128项。",
        "重大行政决策合法性审查未通过2件。",  # those that failed the review
        "对120名执法人员进行了法律知识考试。",  # enforcement officers' examination
    ],
)
def test_near_misses_of_the_new_frames_are_attributed_to_no_indicator(tmp_path, pack, body):
    assert found(tmp_path, pack, body) == {}


@pytest.mark.parametrize(
    "body,expected",
    [
        ("开展学法考试，全县5000人参加考试。", {"leadership.cadre_law_exam_participants": (5000, False)}),
        (  # the 、 after 其中 lists the kinds that share the count
            "全年受理行政复议申请45件，其中不予受理、转送3件。",
            {"disputes.reconsideration_accepted": (45, False), "disputes.reconsideration_not_accepted": (3, False)},
        ),
    ],
)
def test_what_the_new_frames_leave_as_it_was(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected
