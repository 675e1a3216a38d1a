"""Issue 19, the gaps closed last: DISP-003 read in the words the court rules use (通知 and 书面建议).

Every report sentence here is invented for the test (青禾县 is fictional); none is copied from a real report.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from checker.extract import extract

NOTICE = "disputes.mandatory_attendance_hearings"
ATTENDED = "disputes.mandatory_attendance_hearings_attended"


def found(tmp_path, pack, body: str) -> dict:
    path = tmp_path / "r.txt"
    path.write_text(f"青禾县2024年法治政府建设年度报告\n{body}\n", encoding="utf-8")
    ex = extract(path, pack)
    return {k: (f.value, f.approx) for k, f in ex.found.items() if not k.startswith("report.")}


@pytest.mark.parametrize(
    "body,expected",
    [
        # 最高法 法释〔2020〕3号 第四条、第五条: the court notifies (通知) the head; the notice served is 出庭通知书
        ("人民法院通知行政机关负责人出庭应诉的案件8件，负责人均出庭应诉。", {NOTICE: (8, False), ATTENDED: (8, False)}),
        ("法院通知出庭的案件12件，负责人出庭应诉11件。", {NOTICE: (12, False), ATTENDED: (11, False)}),
        ("法院通知负责人出庭的庭审9件，负责人亲自出庭8次。", {NOTICE: (9, False), ATTENDED: (8, False)}),
        (
            "全年收到人民法院行政机关负责人出庭应诉通知书7份，均由负责人出庭应诉。",
            {NOTICE: (7, False), ATTENDED: (7, False)},
        ),
        ("对6件法院通知出庭的案件，负责人全部出庭。", {NOTICE: (6, False), ATTENDED: (6, False)}),
        # 法释〔2018〕1号 第一百二十九条 and Henan's 2021 rules: the court recommends in writing (书面建议); kept
        ("法院书面建议负责人出庭的庭审11件，负责人出庭11件。", {NOTICE: (11, False), ATTENDED: (11, False)}),
        ("人民法院书面建议行政机关负责人出庭的案件5件，负责人出庭4件。", {NOTICE: (5, False), ATTENDED: (4, False)}),
    ],
)
def test_court_notice_to_appear_is_read_in_either_wording(tmp_path, pack, body, expected):
    assert found(tmp_path, pack, body) == expected


def test_appearances_after_the_sentence_moves_on_to_all_cases_heard_are_not_the_notified_ones(tmp_path, pack):
    got = found(tmp_path, pack, "法院通知出庭的案件12件，全年开庭审理40件，负责人出庭应诉40件。")
    assert got == {NOTICE: (12, False)}


@pytest.mark.parametrize(
    "body",
    [
        "召开府院联席会议，通知各部门负责人出庭观摩庭审3次。",  # a notice to watch a hearing, not to appear in a case
        "全县行政机关负责人出庭应诉率达100%。",  # all cases: DISP-001, not the notified ones
    ],
)
def test_other_notices_and_all_cases_are_not_read_as_notified_cases(tmp_path, pack, body):
    assert NOTICE not in found(tmp_path, pack, body) and ATTENDED not in found(tmp_path, pack, body)


def test_disp_003_is_decided_on_a_report_in_the_notice_wording(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        "青禾县2024年法治政府建设年度报告\n法院通知出庭的案件12件，负责人出庭应诉11件。\n", encoding="utf-8"
    )
    out = json.loads(run_cli("check", path, "--published-on", "2025-03-20", "--format", "json").stdout)
    finding = next(f for f in out["results"][0]["findings"] if f["rule"] == "DISP-003")
    assert (finding["status"], finding["indicators"]) == (
        "warn",
        {
            "disputes.mandatory_attendance_rate": pytest.approx(100 * 11 / 12),
            "disputes.mandatory_attendance_hearings": 12,
            "disputes.mandatory_attendance_hearings_attended": 11,
        },
    )
