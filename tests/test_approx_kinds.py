"""Approximate figures keep their word (hostile review 2, D3): 余/多 are more than the figure, 近 a little
less, 约 either side. Each is shown as written, and a rule reading one is decided at both ends of the
range it stands for: a rate from 近1000 of 1000余 is below 100% (fail), one from 约15 of 约15 cannot be
confirmed as 100% (a warning, never a pass), on both engines."""

import json
import textwrap

import pytest
from conftest import run_cli

from checker import describe
from checker.inputs.model import Value
from checker.inputs.structured import load_submission

RATE, ISSUED, REVIEWED = (
    "regulation.normative_docs_review_rate",
    "regulation.normative_docs_issued",
    "regulation.normative_docs_reviewed",
)


def load(tmp_path, pack, **values):
    lines = ["region: 示例县", "year: 2024", "indicators:"] + [f"  {key}: {raw}" for key, raw in values.items()]
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_submission(path, pack.catalogue)


def finding(checker, sub, rule_id):
    [f] = [f for f in checker.check(sub).findings if f.rule.id == rule_id]
    return f


@pytest.mark.parametrize(
    "raw,kind,bounds,zh,en",
    [
        ('"1000余"', "over", (1000, 1100), "1000余", "over 1000"),
        ('"300多"', "over", (300, 330), "300余", "over 300"),
        ('"近1000"', "under", (900, 999), "近1000", "nearly 1000"),
        ('"约15"', "about", (5, 25), "约15", "about 15"),
        ('"近20"', "under", (10, 19), "近20", "nearly 20"),
        ("{value: 300, approx: true}", "about", (270, 330), "约300", "about 300"),
        ("{value: 300, approx: 余}", "over", (300, 330), "300余", "over 300"),
        ("{value: 300, approx: 近}", "under", (270, 299), "近300", "nearly 300"),
    ],
)
def test_each_approximate_count_is_shown_as_written_and_stands_for_its_words_range(
    tmp_path, pack, raw, kind, bounds, zh, en
):
    sub = load(tmp_path, pack, **{ISSUED: raw})
    value = sub.values[ISSUED]
    assert (value.approx, value.approx_kind, value.bounds) == (True, kind, bounds)
    assert describe.value_text(value, "count", "zh") == zh
    assert describe.value_text(value, "count", "en") == en


def test_the_note_says_what_each_word_means(tmp_path, pack):
    sub = load(tmp_path, pack, **{ISSUED: '"1000余"', REVIEWED: '"近20"', "emergency.county_drills": '"约15"'})
    notes = {d.params["key"]: (d.code, d.message("zh"), d.message("en")) for d in sub.diagnostics}
    assert notes == {
        ISSUED: (
            "value.normalised_over",
            f"{ISSUED}：“1000余”已按约数 1000 读取（多于 1000）",
            f"{ISSUED}: '1000余' read as over 1000 (more than it)",
        ),
        REVIEWED: (
            "value.normalised_under",
            f"{REVIEWED}：“近20”已按约数 20 读取（接近而少于 20）",
            f"{REVIEWED}: '近20' read as nearly 20 (a little less than it)",
        ),
        "emergency.county_drills": (
            "value.normalised_approx",
            "emergency.county_drills：“约15”已按约数 15 读取（约等于 15，可多可少）",
            "emergency.county_drills: '约15' read as about 15 (either side of it)",
        ),
    }


def test_nearly_1000_reviewed_of_over_1000_issued_is_below_100_and_fails(tmp_path, pack, checker):
    """d7a: a stated 100% that only its rounding lets stand; the counts allow 99.5%–99.9%."""
    sub = load(tmp_path, pack, **{ISSUED: '"1000余"', REVIEWED: '"近1000"', RATE: 100})
    [note] = [d for d in sub.diagnostics if d.code.startswith("input.rate")]
    assert (note.code, note.severity, note.line, note.column) == ("input.rate_bounded", "note", 6, 42)
    assert note.message("zh") == f"{RATE} 给出 100%，但按约数计数 近1000/1000余 只能是 99.5%–99.9%；核查用此范围"
    assert note.message("en") == (
        f"{RATE} is given as 100%, but the approximate counts 近1000/1000余 allow only 99.5%–99.9%, which is used"
    )
    rate = sub.values[RATE]
    assert (rate.value, rate.approx, rate.derived, rate.bounds) == (99.9, True, True, (99.5, 99.9))
    f = finding(checker, sub, "RULE-001")
    assert (f.status, f.reason) == ("fail", None)
    assert describe.message(f, pack.catalogue, "zh") == (
        "行政规范性文件合法性审核率：99.5%–99.9%（近1000/1000余）；行政规范性文件制发数：1000余，"
        "不符合要求（合法性审核率 ≥ 100%）"
    )
    f = finding(checker, sub, "RULE-002")  # fewer than 1,000 reviewed of more than 1,000: at every end
    assert (f.status, f.reason) == ("pass", None)


def test_a_rate_from_two_about_counts_cannot_be_confirmed_as_100(tmp_path, pack, checker):
    """d7b: 约15 of 约15 is 20%–100%: never "100余%", never a pass of a 100% rule."""
    sub = load(tmp_path, pack, **{ISSUED: '"约15"', REVIEWED: '"约15"'})
    rate = sub.values[RATE]
    assert (rate.value, rate.approx, rate.derived, rate.bounds) == (100.0, True, True, (20.0, 100.0))
    f = finding(checker, sub, "RULE-001")
    assert (f.status, f.reason) == ("warn", f"range:{RATE},{ISSUED}")
    assert describe.message(f, pack.catalogue, "zh") == (
        "行政规范性文件合法性审核率：20%–100%（约15/约15）；行政规范性文件制发数：约15，含约数，"
        "按约数所指的范围无法确认是否符合要求（合法性审核率 ≥ 100%）；请报告准确数字"
    )
    rate_en, issued_en = (pack.catalogue.indicators[k].name("en") for k in (RATE, ISSUED))
    assert describe.message(f, pack.catalogue, "en") == (
        f"{rate_en} = 20%–100% (about 15/about 15); {issued_en} = about 15: approximate figures, within whose "
        f"range it cannot be confirmed that this meets the requirement ({f.rule.expected_text('en')}); "
        "report the exact figures"
    )
    f = finding(checker, sub, "RULE-002")  # 约15 reviewed may be more than 约15 issued, or not
    assert (f.status, f.reason) == ("warn", f"range:{REVIEWED},{ISSUED}")


def test_nearly_1000_issued_is_shown_under_1000(tmp_path, pack, checker):
    """d7c: 950 of 近1000 (900–999) is 95.1%–100%: shown so, and not confirmed as 100%."""
    sub = load(tmp_path, pack, **{ISSUED: '"近1000"', REVIEWED: 950})
    f = finding(checker, sub, "RULE-001")
    assert (f.status, f.reason) == ("warn", f"range:{RATE},{ISSUED}")
    assert describe.values_text(f, pack.catalogue, "zh") == (
        "行政规范性文件合法性审核率：95.1%–100%（950/近1000）；行政规范性文件制发数：近1000"
    )
    rate_en, issued_en = (pack.catalogue.indicators[k].name("en") for k in (RATE, ISSUED))
    assert describe.values_text(f, pack.catalogue, "en") == (
        f"{rate_en} = 95.1%–100% (950/nearly 1000); {issued_en} = nearly 1000"
    )


@pytest.mark.parametrize(
    "issued,reviewed,status",
    [
        ('"1000余"', '"近500"', "fail"),  # 450–499 of 1,000–1,100: wholly below 100%
        (1000, '"1000余"', "pass"),  # 1,000 to 1,100 reviewed of 1,000: 100% (more than issued: RULE-002)
        ('"约1000"', 1000, "warn"),  # 1,000 of 900–1,100
        (1000, 1000, "pass"),
    ],
)
def test_a_rule_on_a_rate_from_approximate_counts_is_decided_at_both_ends(
    tmp_path, pack, checker, issued, reviewed, status
):
    sub = load(tmp_path, pack, **{ISSUED: issued, REVIEWED: reviewed})
    assert finding(checker, sub, "RULE-001").status == status


@pytest.mark.parametrize(
    "rate,status,shown",
    [
        ('"近100%"', "fail", "近100%"),  # below 100, however near
        ('"约100%"', "warn", "约100%"),  # 95–100
        ('"100余%"', "pass", "100余%"),  # at least 100
        ('"99%"', "fail", "99%"),
    ],
)
def test_an_approximate_rate_alone_is_decided_on_its_range(tmp_path, pack, checker, rate, status, shown):
    sub = load(tmp_path, pack, **{RATE: rate})
    f = finding(checker, sub, "RULE-001")
    assert f.status == status
    assert describe.value_text(sub.values[RATE], "percent", "zh") == shown


def test_the_json_message_of_a_rule_not_confirmed_is_its_own(tmp_path):
    path = tmp_path / "d7b.yaml"
    path.write_text(
        textwrap.dedent(f"""\
        region: 测试县
        year: 2024
        indicators:
          {ISSUED}: "约15"
          {REVIEWED}: "约15"
        """),
        encoding="utf-8",
    )
    for engine in ("python", "durable"):
        out = run_cli("check", path, "--format", "json", "--all", "--engine", engine)
        if engine == "durable" and out.returncode == 2 and "durable" in out.stderr:
            continue  # durable-rules not installed here
        [f] = [f for r in json.loads(out.stdout)["results"] for f in r["findings"] if f["rule"] == "RULE-001"]
        assert (f["status"], f["message"]) == (
            "warn",
            (
                "行政规范性文件合法性审核率：20%–100%（约15/约15）；行政规范性文件制发数：约15，含约数，"
                "按约数所指的范围无法确认是否符合要求（合法性审核率 ≥ 100%）；请报告准确数字"
            ),
        )
        assert f["indicators"][RATE] == 100.0


def test_a_value_records_its_kind_and_range_and_stays_truthy():
    value = Value(1000, True, approx_kind="under", bounds=(900, 999))
    assert value.approx is True and value.approx_kind == "under" and value.bounds == (900, 999)
    assert describe.value_text(Value(15, True), "count", "zh") == "约15"  # no kind: about
