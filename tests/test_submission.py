"""Loading submissions: forms, aliases, normalised numbers, derived rates, located problems."""

import datetime as dt
import textwrap

import pytest

from checker.inputs.structured import load_submission


def load(tmp_path, text, cat, name="s.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_submission(path, cat)


def codes(sub):
    return [(d.code, d.line, d.column) for d in sub.diagnostics if d.severity == "error"]


def test_flat_nested_alias_and_value_mapping(tmp_path, pack):
    sub = load(
        tmp_path,
        """\
        region: 示例县
        year: 2024
        published_on: 2025-03-20
        indicators:
          disputes.reconsideration_accepted: 86
          disputes:
            reconsideration_concluded: {value: 69, source: "审结69件"}
          行政机关负责人出庭应诉率: "100%"
          leadership.department_law_studies: 300余
        """,
        pack.catalogue,
    )
    assert codes(sub) == []
    v = sub.values
    assert v["disputes.reconsideration_accepted"].value == 86
    assert (v["disputes.reconsideration_accepted"].line, v["disputes.reconsideration_accepted"].column) == (5, 38)
    assert v["disputes.reconsideration_concluded"].source == "审结69件"
    assert v["disputes.leader_court_attendance_rate"].value == 100
    assert (v["leadership.department_law_studies"].value, v["leadership.department_law_studies"].approx) == (300, True)
    assert v["report.published_on"].value == dt.date(2025, 3, 20)


@pytest.mark.parametrize(
    "raw,unit_key,value,approx",
    [
        ('"１００％"', "functions.services_online_rate", 100, False),
        ('"2,528"', "functions.services_total", 2528, False),
        ('"4.29亿元"', "oversight.audit_problem_amount", 429000000, False),
        ('"0.41亿元"', "oversight.audit_problem_amount", 41000000, False),
        ('"300万元"', "oversight.audit_problem_amount", 3000000, False),
        ('"10余次"', "emergency.county_drills", 10, True),
        ('"近20"', "emergency.county_drills", 20, True),
        ("15.0", "regulation.normative_docs_issued", 15, False),
    ],
)
def test_numbers_as_written_in_chinese_documents(tmp_path, pack, raw, unit_key, value, approx):
    sub = load(tmp_path, f"region: 示例县\nyear: 2024\nindicators:\n  {unit_key}: {raw}\n", pack.catalogue)
    assert codes(sub) == []
    got = sub.values[unit_key]
    assert (got.value, got.approx) == (value, approx)
    assert type(got.value) is type(value)


@pytest.mark.parametrize(
    "raw,key,code",
    [
        ("yes", "regulation.normative_docs_issued", "value.bool_for_number"),
        ("2024-01-01", "regulation.normative_docs_issued", "value.date_for_number"),
        ("十五", "regulation.normative_docs_issued", "value.not_a_number"),
        (".nan", "functions.services_online_rate", "value.not_finite"),
        (".inf", "regulation.normative_docs_issued", "value.not_finite"),
        ("-1", "regulation.normative_docs_issued", "value.negative"),
        ("2.5", "regulation.normative_docs_issued", "value.fractional_count"),
        ("101", "functions.services_online_rate", "value.percent_range"),
        ("-0.5", "functions.services_online_rate", "value.percent_range"),
        ('"5亿元"', "regulation.normative_docs_issued", "value.money_unit"),
        ('"15%"', "regulation.normative_docs_issued", "value.percent_sign"),
        ("1", "decisions.major_decision_catalogue_published", "value.want_bool"),
    ],
)
def test_wrong_values_are_located(tmp_path, pack, raw, key, code):
    sub = load(tmp_path, f"region: 示例县\nyear: 2024\nindicators:\n  {key}: {raw}\n", pack.catalogue)
    assert codes(sub) == [(code, 4, len(key) + 5)]
    assert key in sub.invalid and key not in sub.values


def test_rate_derived_from_counts(tmp_path, pack):
    sub = load(
        tmp_path,
        """\
        region: 示例县
        year: 2024
        indicators:
          regulation.normative_docs_issued: 15
          regulation.normative_docs_reviewed: 14
        """,
        pack.catalogue,
    )
    rate = sub.values["regulation.normative_docs_review_rate"]
    assert rate.derived and rate.value == pytest.approx(93.3333)


def test_rate_that_disagrees_with_counts_is_an_error(tmp_path, pack):
    sub = load(
        tmp_path,
        """\
        region: 示例县
        year: 2024
        indicators:
          regulation.normative_docs_issued: 15
          regulation.normative_docs_reviewed: 14
          regulation.normative_docs_review_rate: 100
        """,
        pack.catalogue,
    )
    assert codes(sub) == [("input.rate_disagrees", 6, 42)]


def test_duplicates_by_key_alias_and_nesting_are_all_reported(tmp_path, pack):
    sub = load(
        tmp_path,
        """\
        region: 示例县
        year: 2024
        indicators:
          disputes.reconsideration_accepted: 86
          disputes.reconsideration_accepted: 87
          disputes:
            reconsideration_accepted: 88
          行政复议案件受理数: 89
        """,
        pack.catalogue,
    )
    assert [c[0] for c in codes(sub)] == [
        "yaml.duplicate_key",
        "input.duplicate_indicator",
        "input.duplicate_indicator",
    ]
    assert sub.values["disputes.reconsideration_accepted"].value == 86


def test_unknown_key_suggests(tmp_path, pack):
    sub = load(
        tmp_path, "region: 示例县\nyear: 2024\nindicators:\n  disputes.reconsideration_acepted: 1\n", pack.catalogue
    )
    [diag] = sub.diagnostics
    assert (diag.code, diag.line, diag.column) == ("input.unknown_indicator", 4, 3)
    assert diag.params["suggestion"].startswith("disputes.reconsideration_accepted")


def test_json_submission_with_positions(tmp_path, pack):
    sub = load(
        tmp_path,
        '{"region": "示例县", "year": 2024,\n "indicators": {"emergency.township_drills": 32}}',
        pack.catalogue,
        name="s.json",
    )
    assert codes(sub) == []
    assert (sub.values["emergency.township_drills"].line, sub.values["emergency.township_drills"].column) == (2, 46)


def test_gbk_file_is_decoded_with_a_note(tmp_path, pack):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("region: 社旗县\nyear: 2024\nindicators:\n  政务服务事项总数: 2528\n".encode("gbk"))
    sub = load_submission(path, pack.catalogue)
    assert sub.region == "社旗县" and sub.values["functions.services_total"].value == 2528
    assert [d.code for d in sub.diagnostics] == ["input.gb18030"]


@pytest.mark.parametrize("unit", ["count", "days", "yuan", "percent", "bool", "date"])
def test_values_taken_as_given_are_what_parse_value_makes_of_them(unit):
    """The short path for plain numbers and booleans gives what the full reading gives, and
    leaves everything else (out of range, needing a note, of another type) to it."""
    from checker.inputs.values import MAX_MAGNITUDE, Problem, as_given, parse_value

    raws = [
        0,
        1,
        7,
        99,
        100,
        101,
        -1,
        MAX_MAGNITUDE,
        MAX_MAGNITUDE + 1,
        0.0,
        0.5,
        2.0,
        99.5,
        100.0,
        100.5,
        -0.5,
        1e300,
        float("nan"),
        float("inf"),
        -float("inf"),
        True,
        False,
        "5",
        "100%",
        None,
    ]
    for raw in raws:
        given = as_given(raw, unit)
        try:
            parsed = parse_value(raw, unit)
        except Problem:
            parsed = None
        if given is not None:
            assert parsed is not None and (parsed.value, parsed.approx, parsed.note, parsed.raw) == (
                raw,
                False,
                None,
                None,
            )
            assert type(parsed.value) is type(raw), raw
    common = {"count": 7, "days": 7, "yuan": 0.5, "percent": 99.5, "bool": True, "date": None}[unit]
    assert as_given(common, unit) == common  # the short path is taken where it should be


def test_json_with_characters_beyond_the_bmp_is_read_with_its_own_columns(tmp_path, pack):
    """json.dumps writes U+20000 as the surrogate pair \\ud840\\udc00, which PyYAML refuses: the pair is
    joined, and every position is still the file's own column."""
    import json as json_

    text = json_.dumps(
        {
            "region": "示𠀀𠀁县",
            "year": 2024,
            "indicators": {"emergency.county_drills": "x", "emergency.township_drills": {"value": 3, "source": "𠀀"}},
        }
    )
    path = tmp_path / "s.json"
    path.write_text(text + "\n", encoding="utf-8")
    sub = load_submission(path, pack.catalogue)
    assert sub.region == "示𠀀𠀁县"
    assert sub.values["emergency.township_drills"].source == "𠀀"
    column = text.index('"x"') + 1
    assert [(d.code, d.line, d.column) for d in sub.diagnostics] == [("value.not_a_number", 1, column)]
    assert sub.values["emergency.township_drills"].column == text.index("3, ") + 1


def test_an_unknown_key_in_capitals_is_told_its_spelling(tmp_path, pack):
    path = tmp_path / "s.yaml"
    path.write_text("region: 示例县\nyear: 2024\nindicators:\n  EMERGENCY.COUNTY_DRILLS: 3\n", encoding="utf-8")
    [diag] = load_submission(path, pack.catalogue).diagnostics
    assert diag.code == "input.unknown_indicator" and diag.params["suggestion"].startswith("emergency.county_drills")


def test_a_float_written_with_all_17_digits_is_the_float_it_names(tmp_path, pack):
    path = tmp_path / "s.json"
    path.write_text(
        '{"region": "示例县", "year": 2024, "indicators": {"functions.on_time_completion_rate": 98.599999999999994,'
        ' "functions.services_online_rate": 99.99999999999999999}}',
        encoding="utf-8",
    )
    sub = load_submission(path, pack.catalogue)
    assert sub.values["functions.on_time_completion_rate"].value == 98.6
    assert [(d.code, d.params["raw"]) for d in sub.diagnostics] == [("value.too_precise", "99.99999999999999999")]


@pytest.mark.parametrize("written", ["2025-03-20 10:00:00", "2025/03/20"])
def test_a_publication_date_read_from_another_form_is_kept_and_said(tmp_path, pack, written):
    path = tmp_path / "s.yaml"
    path.write_text(f"region: 示例县\nyear: 2024\npublished_on: {written}\nindicators: {{}}\n", encoding="utf-8")
    sub = load_submission(path, pack.catalogue)
    assert sub.values["report.published_on"].value == dt.date(2025, 3, 20) and "report.published_on" not in sub.invalid
    assert [(d.code, d.severity, d.line) for d in sub.diagnostics] == [("value.normalised", "note", 3)]


@pytest.mark.parametrize(
    "key",
    ["yes", "No", "on", "OFF", "y", "true", "123", "017", "1.5", "1e3", "~", "null", "2024-01-05", "2024-02-30", "="],
)
def test_a_key_yaml_would_read_as_another_type_is_an_unknown_indicator_as_written(tmp_path, pack, key):
    """`yes:` or `123:` among the indicators is the text written (YAML 1.1 would read True, 123): the same
    located diagnostic as any unknown text key, flat or under an area, never dropped or a traceback."""
    sub = load(
        tmp_path,
        f"region: 示例县\nyear: 2024\n{key}: 1\nindicators:\n  {key}: 1\n  wrong_name: 2\n  disputes:\n    {key}: 3\n",
        pack.catalogue,
    )
    assert [(d.code, d.line, d.column, d.params["name"]) for d in sub.diagnostics] == [
        ("input.unknown_field", 3, 1, key),
        ("input.unknown_indicator", 5, 3, key),
        ("input.unknown_indicator", 6, 3, "wrong_name"),
        ("input.unknown_indicator", 8, 5, f"disputes.{key}"),
    ]


def test_a_rate_written_as_a_fraction_is_kept_with_a_note_asking_whether_x100_was_meant(tmp_path, pack):
    sub = load(
        tmp_path,
        """\
        region: 示例县
        year: 2024
        published_on: 2025-03-20
        indicators:
          functions.services_online_rate: 0.98
          disputes:
            leader_court_attendance_rate: {value: 0.07, source: "出庭应诉率0.07"}
          functions.services_in_center_rate: "0.5%"
          decisions.legality_review_rate: 1
          decisions.archive_rate: 0
        """,
        pack.catalogue,
    )
    assert codes(sub) == []
    fractions = [d for d in sub.diagnostics if d.code == "value.percent_fraction"]
    assert [(d.code, d.severity, d.line, d.column, d.message("zh")) for d in fractions] == [
        (
            "value.percent_fraction",
            "note",
            5,
            35,
            "functions.services_online_rate 是百分比，0.98 已按 0.98% 读取；是否应为 98%（即写 98）？",
        ),
        (
            "value.percent_fraction",
            "note",
            7,
            43,
            "disputes.leader_court_attendance_rate 是百分比，0.07 已按 0.07% 读取；是否应为 7%（即写 7）？",
        ),
    ]
    assert fractions[0].message("en") == (
        "functions.services_online_rate is a percentage: 0.98 is read as 0.98%; was 98% meant (written 98)?"
    )
    assert (
        fractions[0].hint("zh")
        == '百分比按 0 到 100 填写（98% 写作 98），值已按原样读取；若确为 0.98%，写成 "0.98%" 即不再提示'
    )
    assert fractions[0].hint("en") == (
        "percentages are written 0 to 100 (98% as 98); the value is kept as written; if 0.98% is right, "
        'write "0.98%" and this note goes'
    )
    v = sub.values  # kept as written: the note asks, it does not change the value
    assert (
        v["functions.services_online_rate"].value,
        v["disputes.leader_court_attendance_rate"].value,
        v["functions.services_in_center_rate"].value,
    ) == (0.98, 0.07, 0.5)


@pytest.mark.parametrize(
    "written,refused",
    [
        ("2024-01-05", True),
        ("2024-12-31", True),
        ("2023-06-30", True),
        ("2025-01-01", False),
        ("2025-03-20", False),
    ],
)
def test_a_publication_date_before_the_end_of_the_year_reported_on_is_refused(tmp_path, pack, written, refused):
    sub = load(tmp_path, f"region: 示例县\nyear: 2024\npublished_on: {written}\nindicators: {{}}\n", pack.catalogue)
    errors = [
        (d.code, d.line, d.column, d.message("zh"), d.message("en")) for d in sub.diagnostics if d.severity == "error"
    ]
    if not refused:
        assert errors == [] and str(sub.values["report.published_on"].value) == written
        return
    assert errors == [
        (
            "input.published_before_year",
            3,
            15,
            f"published_on {written} 早于所报告年度 2024 结束，年度报告不会在此之前公开",
            f"published_on {written} is before the end of the year reported on, 2024: "
            "an annual report is not public before then",
        )
    ]
    assert sub.published_on is None and "report.published_on" not in sub.values
    assert "report.published_on" in sub.invalid and not sub.ok


def test_a_publication_date_given_as_an_indicator_is_held_to_the_same_test(tmp_path, pack):
    sub = load(
        tmp_path,
        """\
        region: 示例县
        year: 2024
        indicators:
          report.published_on: 2024-12-31
        """,
        pack.catalogue,
    )
    assert [(d.code, d.line, d.column, d.message("en")) for d in sub.diagnostics if d.severity == "error"] == [
        (
            "input.published_before_year",
            4,
            24,
            "report.published_on 2024-12-31 is before the end of the year "
            "reported on, 2024: an annual report is not public before then",
        )
    ]
    assert "report.published_on" not in sub.values and "report.published_on" in sub.invalid
