"""Shapes of leadership figures that recur across the published reports of issue 21, each read to its
indicator, and the near misses each new frame must leave alone.

Every sentence here is invented (禾丰县, 禾川市 and every number are made up); only the shapes are those
of real reports: the number before its noun, an assessment named before its years, a meeting's other
names, an attendance stated after the course.
"""

import pytest

from checker.extract import extract

TITLE = "禾丰县2024年法治政府建设年度报告"


def found(tmp_path, pack, body, title=TITLE):
    path = tmp_path / "r.txt"
    path.write_text(f"{title}\n{body}\n", encoding="utf-8")
    ex = extract(path, pack)
    return {k: (f.value, f.approx) for k, f in ex.found.items() if not k.startswith("report.")}


@pytest.mark.parametrize(
    "body,expected",
    [
        # 考评 as well as 考核, the assessment named before or after the years
        ("禾丰县连续四年在法治禾川建设考评中获评“优秀”。", {"leadership.consecutive_excellent_years": (4, False)}),
        ("法治禾川建设考评连续六年获优秀等次。", {"leadership.consecutive_excellent_years": (6, False)}),
        (
            "禾丰在2023年度法治建设考评中排名全市第一，连续9年获评优秀等次。",
            {"leadership.consecutive_excellent_years": (9, False)},
        ),
    ],
)
def test_years_rated_excellent_by_either_name_of_the_assessment(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "禾丰县连续三年获评全省营商环境考评优秀。",  # another assessment
        "网格化工作考评连续5年全市第一。",  # first place, another assessment
        "力争法治禾川建设考评连续三年获优秀等次。",  # a hope
    ],
)
def test_other_assessments_and_hopes_are_no_years_rated_excellent(tmp_path, pack, body):
    assert "leadership.consecutive_excellent_years" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        # the number before its noun: the problems a rule-of-law inspection found or fed back
        ("配合上级完成法治建设督察，17个反馈问题全部完成整改。", {"leadership.feedback_problems": (17, False)}),
        ("针对法治督察反馈的23个共性问题，逐项细化整改措施。", {"leadership.feedback_problems": (23, False)}),
        ("开展法治政府建设专项督察，共涉及五大方面19个问题。", {"leadership.feedback_problems": (19, False)}),
        ("推进依法治县实地督察发现的11条问题清单的整改落实。", {"leadership.feedback_problems": (11, False)}),
        # …and those it says were put right
        (
            "扎实开展法治建设实地督察，有力整改法治督察发现的142个问题。",
            {"leadership.feedback_problems_rectified": (142, False)},
        ),
        (
            "全面完成法治建设督查反馈的31个具体问题的整改。",
            {"leadership.feedback_problems_rectified": (31, False)},
        ),
        (
            "将法治政府建设纳入督查考核计划，推动问题整改30余个。",
            {"leadership.feedback_problems_rectified": (30, True)},
        ),
    ],
)
def test_problems_of_a_rule_of_law_inspection_with_the_number_first(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "开展审计督查，发现法治相关问题12个。",  # an audit's
        "开展巡察督查，反馈法治方面问题9个。",  # the party's inspection
        "开展行政执法案卷评查督查，法治问题14个。",  # case files
        "开展道路运输执法领域专项整治，整改问题55个。",  # a campaign, no inspection
        "14项法治政府建设督察发现的问题取得整改成效。",  # neither found nor said to be put right
        "市委开展法治督察，发现全市问题80个。",  # another body's
    ],
)
def test_problems_of_other_checks_are_no_inspection_problems(tmp_path, pack, body):
    got = found(tmp_path, pack, body)
    assert not {"leadership.feedback_problems", "leadership.feedback_problems_rectified"} & set(got), got


@pytest.mark.parametrize(
    "body,expected",
    [
        ("年内先后召开法治政府建设相关工作推进会、会办会7次。", {"leadership.rol_special_meetings": (7, False)}),
        ("累计召开法治建设工作会议8次，研究年度要点。", {"leadership.rol_special_meetings": (8, False)}),
        ("组织召开法治政府建设重点工作推进会3次。", {"leadership.rol_special_meetings": (3, False)}),
        ("将法治政府建设纳入年度重点工作，召开专题部署会议5次。", {"leadership.rol_special_meetings": (5, False)}),
    ],
)
def test_meetings_on_the_rule_of_law_by_their_other_names(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "召开县委全面依法治县委员会、法治政府建设工作会议2次。",  # the committee's, with another
        "召开安全生产工作推进会5次。",  # another subject
        "印发法治政府建设重点工作安排，召开工作推进会4次。",  # the subject in another clause
        "组织召开法治督察动员会、法治政府建设推进会3次。",  # a list with a mobilisation meeting
    ],
)
def test_other_meetings_are_no_rule_of_law_meetings(tmp_path, pack, body):
    assert "leadership.rol_special_meetings" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("组织机关干部开展法治培训8场次，覆盖600余人次。", 600),
        ("邀请专家围绕习近平法治思想专题授课3次，共计180余人次参加。", 180),
        ("开展学习贯彻习近平法治思想、民法典等专题辅导，覆盖领导干部1300多人次。", 1300),
        ("组织参加法治讲堂专题讲座20期，全县领导干部累计参加人数达8万余人次。", 80000),
    ],
)
def test_the_attendance_of_a_law_course_stated_after_it(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body)["leadership.law_study_participants"][0] == expected


@pytest.mark.parametrize(
    "body",
    [
        "开展法治宣传进社区活动10场，覆盖群众3000余人次。",  # the public
        "开展安全生产培训5期，覆盖1200人次。",  # no law
        "组织开展“一月一学法一考试”活动12次，超2万人次参与。",  # an examination's
        "开展习近平法治思想学习宣传活动175次，参与人数达5万人次。",  # publicity
        "组织执法人员法治培训4期，覆盖执法人员800人次。",  # enforcement officers
    ],
)
def test_other_attendances_are_no_cadres_study_attendance(tmp_path, pack, body):
    assert "leadership.law_study_participants" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("全面压实法治责任，306名党政主要负责同志参与述职述法。", 306),
        ("全年组织62位党政“一把手”进行书面述法。", 62),
    ],
)
def test_heads_reporting_on_the_law_by_other_words_and_measure_words(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == {"leadership.shufa_heads_reported": (expected, False)}


@pytest.mark.parametrize(
    "body",
    [
        "组织45位领导干部进行书面述法。",  # cadres, not the heads
        "3家重点单位开展大会口头述法。",  # units, not heads
    ],
)
def test_cadres_and_units_are_no_heads_reporting_on_the_law(tmp_path, pack, body):
    assert "leadership.shufa_heads_reported" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("深入学习贯彻习近平法治思想，常态化开展宣传教育40余次。", (40, True)),
        ("深入实施“八五”普法规划，开展学习宣传活动88场次。", (88, False)),
        ("通过系列主题活动开展习近平法治思想“七进”活动60余次。", (60, True)),
        ("常态化开展习近平法治思想“六进”活动，举办集中宣讲26场。", (26, False)),
        ("今年以来开展送法进校园活动7场次。", (7, False)),
    ],
)
def test_law_publicity_with_the_law_named_earlier_in_the_sentence(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == {"leadership.law_publicity_events": expected}


@pytest.mark.parametrize(
    "body",
    [
        "学习贯彻习近平法治思想，邀请专家学者作主题宣讲5次。",  # a lecture for cadres
        "结合普法工作，开展禁毒宣传教育30次。",  # another subject's publicity
        "深入开展清规护企、送法进企等“八大行动”1000余场次。",  # one of a list of campaigns
        "开展文明创建宣传活动20场。",  # no law
    ],
)
def test_other_talks_and_campaigns_are_no_law_publicity(tmp_path, pack, body):
    assert "leadership.law_publicity_events" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("持续推进“一网通办”工作台应用，累计办件3.6万件。", (36000, False)),
        ("加强一体化政务服务平台建设，全年办件量58.2万件。", (582000, False)),
        ("便民服务中心全年累计办理各类服务事项4万余件。", (40000, True)),
    ],
)
def test_service_cases_handled_in_the_year(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body)["functions.service_cases_completed"] == expected


@pytest.mark.parametrize(
    "body",
    [
        "综合受理窗口累计办件1244件。",  # one window's
        "推行“一业一证”改革，累计办件87件。",  # one reform's
        "实现市县联动审批服务，办件数达5200件。",  # one channel's
        "12345政务服务热线全年办件3.1万件。",  # the hotline's
        "实现“跨省通办”，累计办件2566件。",  # cross-province cases
    ],
)
def test_one_channels_cases_are_no_service_cases_handled(tmp_path, pack, body):
    assert "functions.service_cases_completed" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body",
    [
        "办理“司法建议”8件，“检察建议”41件，“复议意见书”2件，按期办复率达100%。",
        "2024年收到司法建议3件，检察建议23件、复议意见书2件，“三书”按期办复率100%。",
    ],
)
def test_reconsideration_letters_and_the_suggestions_reply_rate(tmp_path, pack, body):
    got = found(tmp_path, pack, body)
    assert got["disputes.opinion_letters_received"] == (2, False)
    assert got["disputes.suggestion_reply_rate"] == (100, False)


@pytest.mark.parametrize(
    "body",
    [
        "办理人大代表建议119件、政协提案105件，办复率均为100%。",  # the congress's and the conference's
        "县复议机构制发行政复议意见书5份。",  # letters the county sent
    ],
)
def test_proposals_and_letters_sent_are_no_letters_received_nor_suggestions(tmp_path, pack, body):
    got = found(tmp_path, pack, body)
    assert not {"disputes.opinion_letters_received", "disputes.suggestion_reply_rate"} & set(got), got


@pytest.mark.parametrize(
    "body,expected",
    [
        # the executive meeting named in an earlier clause of the sentence, the study in other words
        (
            "县政府常务会议带头学习贯彻习近平法治思想，组织开展宪法、民法典等法律法规学习7次。",
            {"leadership.exec_meeting_law_studies": (7, False)},
        ),
        (
            "落实县政府常务会议学法制度，专题学习《中华人民共和国行政许可法》等法律11次。",
            {"leadership.exec_meeting_law_studies": (11, False)},
        ),
        # the study centre's study of the law by another word
        ("全年党工委理论学习中心组法治学习6次。", {"leadership.party_group_law_studies": (6, False)}),
    ],
)
def test_leadership_law_study_in_other_words(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "县委常委会、县政府常务会议带头学法，组织开展法律法规学习7次。",  # two bodies, one count
        "县政府常务会议带头学法，督促各部门开展专题学习120次。",  # the departments'
        "组织开展中心组理论学习扩大会议10次。",  # the centre's study of any subject
    ],
)
def test_other_bodies_study_is_no_executive_meeting_or_study_centre_law_study(tmp_path, pack, body):
    got = found(tmp_path, pack, body)
    assert not {"leadership.exec_meeting_law_studies", "leadership.party_group_law_studies"} & set(got), got


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "召开县委常委会会议12次，研究法治建设重要事项。",
            {"leadership.party_committee_rol_deliberations": (12, False)},
        ),
        (
            "召开县委常委会3次、依法治县委员会会议1次，专题听取全县法治政府建设工作汇报。",
            {
                "leadership.party_committee_rol_deliberations": (3, False),
                "leadership.rol_committee_meetings": (1, False),
            },
        ),
        (  # each meeting its own count, the executive meeting's not the one before it
            "2024年召开4次县委常委（扩大）会议、6次县政府常务会议研究部署法治政府重大事项。",
            {
                "leadership.party_committee_rol_deliberations": (4, False),
                "leadership.exec_meeting_rol_deliberations": (6, False),
            },
        ),
    ],
)
def test_the_standing_committee_taking_up_the_rule_of_law_later_in_the_sentence(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "召开县人大常委会会议6次，听取法治政府建设情况报告。",  # the people's congress
        "召开县委常委会会议20次，研究经济社会发展重大事项。",  # no rule of law
        "县委常委会每半年听取1次法治建设工作汇报。",  # how often, not how many
    ],
)
def test_other_standing_committees_and_subjects_are_no_party_committee_deliberations(tmp_path, pack, body):
    assert "leadership.party_committee_rol_deliberations" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("将习近平法治思想纳入国家工作人员法律知识考试范围，全县3600余人参考。", (3600, True)),
        ("扎实开展国家工作人员学法考法，全县5120名在职人员全部参与学习考核。", (5120, False)),
        ("开展学法用法考试，覆盖公职人员近6000名。", (6000, True)),
        ("把宪法法律纳入领导干部精准化学法、差异化考法内容，1.2万余名干部完成学习、考试。", (12000, True)),
    ],
)
def test_the_people_taking_a_law_examination_named_before_them(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body)["leadership.cadre_law_exam_participants"] == expected


@pytest.mark.parametrize(
    "body",
    [
        "开展拟提拔领导干部法律知识考试6场，174人参加。",  # the new cadres' examination
        "开展行政执法人员法律知识考试，全县800余人参考。",  # enforcement officers'
        "开展法治培训，覆盖公职人员3000名。",  # a course, not an examination
    ],
)
def test_other_examinations_and_courses_are_no_cadres_law_examination(tmp_path, pack, body):
    assert "leadership.cadre_law_exam_participants" not in found(tmp_path, pack, body)


@pytest.mark.parametrize(
    "body,expected",
    [
        # one count for the party committee's bodies and the executive meeting together
        ("推进学法常态化，县委常委会会议、县政府常务会议学法16余次。", (16, True)),
        ("通过县委常委会、县政府常务会、县委理论学习中心组集中学习法律法规5次。", (5, False)),
        # …named earlier in the sentence, the count in a clause of its own
        ("全面落实县委常委会、县政府常务会议会前学法制度，全年组织集中学法活动6次。", (6, False)),
        ("县委常委会、县政府常务会坚持“第一议题”制度，学习习近平法治思想及有关法律法规30余次。", (30, True)),
    ],
)
def test_one_law_study_count_for_several_bodies_is_the_leaderships(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == {"leadership.leadership_law_studies": expected}


@pytest.mark.parametrize(
    "body,expected",
    [
        ("县政府常务会议学法12次。", {"leadership.exec_meeting_law_studies": (12, False)}),  # one body
        (  # each body its own count
            "县委常委会会前学法9次，县政府常务会会前学法14次。",
            {"leadership.exec_meeting_law_studies": (14, False)},
        ),
        (  # the departments'
            "落实县委常委会、县政府常务会议会前学法制度，全年各部门学法300次。",
            {"leadership.department_law_studies": (300, False)},
        ),
        ("落实县委常委会、县政府常务会议会前学法制度，全年干部职工学法42次。", {}),  # the staff's
    ],
)
def test_one_body_or_another_subject_is_no_count_for_several_bodies(tmp_path, pack, body, expected):
    got = found(tmp_path, pack, body)
    assert {k: v for k, v in got.items() if k.startswith("leadership.") and "law_stud" in k} == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        ("推进各级党委、政府学法常态化，县委党校主题班开课9次，干部大讲堂专题讲法4次。", (4, False)),
        ("坚持学习习近平法治思想，邀请专家学者作主题宣讲6次。", (6, False)),
        ("全年共计组织各类专题学习及研讨12次、举办“禾丰讲坛”5场，增强领导干部法治意识。", (5, False)),
    ],
)
def test_lecture_series_and_invited_scholars_are_cadres_law_lectures(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body)["leadership.cadre_law_lectures"] == expected


@pytest.mark.parametrize(
    "body",
    [
        "依托“小院讲堂”开展法治理论宣讲40余次。",  # talks to the public
        "组织党员干部“人人登台讲法治”活动20余场。",  # cadres' own talks
        "举办“禾丰讲坛”5场，邀请专家解读经济形势。",  # no law
    ],
)
def test_talks_to_the_public_and_other_subjects_are_no_cadres_law_lectures(tmp_path, pack, body):
    assert "leadership.cadre_law_lectures" not in found(tmp_path, pack, body)
