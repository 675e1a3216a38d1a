"""`fazhi rules lint`: rule-pack mistakes are caught, located and explained before a pack is used."""

from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, edit, run_cli

from checker.rulesdoc import lint_diagnostics


def lint(pack_dir):
    diags, _ = lint_diagnostics(pack_dir)
    return [(d.code, Path(d.file).name, d.line, d.column) for d in diags], diags


def test_minimal_pack_is_clean(pack_dir):
    assert lint(pack_dir)[0] == []


COND = "condition: disputes.attendance_rate >= min_rate"
CASES = {
    "syntax": (COND, "condition: disputes.attendance_rate >= ", [("expr.unexpected", "disputes.yaml", 11, 43)]),
    "unknown_indicator": (
        COND,
        "condition: disputes.attendence_rate >= min_rate",
        [("expr.unknown_indicator", "disputes.yaml", 11, 16)],
    ),
    "unknown_function": (
        COND,
        "condition: ratio(disputes.hearings_attended, disputes.hearings) >= min_rate",
        [("expr.unknown_function", "disputes.yaml", 11, 16)],
    ),
    "undefined_param": (
        COND,
        "condition: disputes.attendance_rate >= max_rate",
        [("expr.unknown_param", "disputes.yaml", 11, 44)],
    ),
    "missing_hint": (
        "    hint: {zh: 负责人出庭。, en: Heads appear in court.}\n",
        "",
        [("pack.missing_field", "disputes.yaml", 3, 5)],
    ),
    "bad_strength": ("strength: practice", "strength: binding", [("pack.bad_choice", "disputes.yaml", 6, 15)]),
    "no_failing_example": (
        "hearings_attended: 3}, expect: warn}",
        "hearings_attended: 3}, expect: pass}",
        [("pack.examples_incomplete", "disputes.yaml", 15, 7)],
    ),
    "wrong_example": (
        "{disputes.hearings: 0}, expect: not_applicable}",
        "{disputes.hearings: 0}, expect: pass}",
        [("pack.example_status", "disputes.yaml", 17, None)],
    ),
    "example_with_bad_input": (
        "{disputes.hearings: 0}",
        "{disputes.hearings: -1}",
        [("pack.example_input", "disputes.yaml", 17, None)],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pack_mistakes(pack_dir, name):
    old, new, expected = CASES[name]
    edit(pack_dir / "pack" / "disputes.yaml", old, new)
    assert lint(pack_dir)[0] == expected


def test_type_mismatch_date_with_percent(pack_dir):
    edit(
        pack_dir / "pack" / "report.yaml",
        "condition: report.published_on < date(year + 1, 4, 1)",
        "condition: report.published_on < disputes.attendance_rate",
    )
    codes, diags = lint(pack_dir)
    assert codes == [("expr.type_mismatch", "report.yaml", 8, 36)]
    assert diags[0].message("en") == "rule REPT-001: cannot compare date with number (<)"


def test_duplicate_rule_id_and_id_of_another_area(pack_dir):
    path = pack_dir / "pack" / "report.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.split("rules:\n", 1)[1], encoding="utf-8")
    edit(path, "id: REPT-001", "id: DISP-002")
    codes, diags = lint(pack_dir)
    assert codes == [("pack.id_area", "report.yaml", 3, 9)]
    edit(path, "id: DISP-002", "id: REPT-001")
    codes, diags = lint(pack_dir)
    assert codes == [("pack.duplicate_rule", "report.yaml", 14, 5)]
    assert diags[0].message("zh").startswith("规则编号 REPT-001 重复（首次在 ")


def test_profile_naming_unknown_rule_and_parameter(pack_dir):
    edit(
        pack_dir / "profiles" / "strict.yaml",
        "DISP-001: {strength: local, params: {min_rate: 90}}",
        "DISP-010: {strength: local}\n  DISP-001: {params: {min_rat: 90}}",
    )
    codes, diags = lint(pack_dir)
    assert codes == [("profile.unknown_rule", "strict.yaml", 5, 3), ("profile.unknown_param", "strict.yaml", 6, 23)]
    assert diags[0].hint("zh") == "是否想写：DISP-001？"
    assert diags[1].hint("en") == "did you mean min_rate?"


def test_unknown_catalogue_unit_and_broken_derive(pack_dir):
    edit(
        pack_dir / "catalogue" / "disputes.yaml",
        "unit: count}\n  disputes.hearings_attended",
        "unit: cases}\n  disputes.hearings_attended",
    )
    codes, _ = lint(pack_dir)
    assert codes[:2] == [("pack.bad_unit", "disputes.yaml", 3, 56), ("pack.bad_derive_ref", "disputes.yaml", 5, None)]


def test_lint_cli_shows_a_caret_under_the_problem(pack_dir):
    edit(pack_dir / "pack" / "disputes.yaml", COND, "condition: disputes.attendance_rate >= min_rate $ 1")
    out = run_cli("rules", "lint", pack_dir)
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert lines[0].endswith("disputes.yaml:11:53: 规则 DISP-001 的 condition 含有无法识别的字符“$”")
    assert lines[1:3] == ["    disputes.attendance_rate >= min_rate $ 1", "                                         ^"]
    assert lines[-1] == "规则包有 1 个问题"


def test_a_broken_pack_stops_check_with_exit_2(pack_dir, tmp_path):
    edit(pack_dir / "pack" / "disputes.yaml", COND, "condition: disputes.attendence_rate >= min_rate")
    sub = tmp_path / "s.yaml"
    sub.write_text("region: 示例县\nyear: 2024\nindicators: {disputes.hearings: 1}\n", encoding="utf-8")
    out = run_cli("check", sub, "--rules", pack_dir)
    assert out.returncode == 2
    assert "规则 DISP-001 引用了未知指标 disputes.attendence_rate" in out.stderr
    assert "是否想写：disputes.attendance_rate" in out.stderr


@pytest.mark.parametrize("part", ["pack/disputes.yaml", "catalogue/disputes.yaml", "profiles/national.yaml"])
def test_a_pack_file_that_is_only_null_is_an_error_not_an_empty_part(pack_dir, part):
    (pack_dir / part).write_text("null\n", encoding="utf-8")
    codes, _ = lint(pack_dir)
    assert ("yaml.null_document", Path(part).name, 1, 1) in codes


def test_a_repeated_id_is_the_one_problem_each_rule_keeps_its_own_examples(pack_dir):
    """A second rule under the same id, about something else: each rule's examples still run against
    that rule (they ran against the last rule of the id, and failed)."""
    path = pack_dir / "pack" / "disputes.yaml"
    text = path.read_text(encoding="utf-8")
    other = text.split("rules:\n", 1)[1].replace(
        "applies_when: disputes.hearings > 0", "applies_when: disputes.hearings > 9"
    )
    other = other.replace("disputes.hearings: 4", "disputes.hearings: 40").replace(
        "hearings_attended: 4", "hearings_attended: 40"
    )
    other = other.replace("hearings_attended: 3", "hearings_attended: 30").replace(
        "disputes.hearings: 0", "disputes.hearings: 9"
    )
    path.write_text(text + other, encoding="utf-8")
    codes, _ = lint(pack_dir)
    assert [c[0] for c in codes] == ["pack.duplicate_rule"]


def test_every_scheme_is_linted_and_a_broken_one_is_located(pack_dir):
    """`rules lint` loads every scheme in the rules dir's schemes/ folder, and says every problem in one run."""
    scheme = pack_dir / "schemes" / "test.yaml"
    edit(scheme, "on: [fail]", "on: [fail, passed]")
    edit(scheme, "kind: lowest", "kind: worst")
    edit(scheme, "areas: {disputes: 60, report: 40}", "areas: {disputes: 60, report: 40}\nveto: []")
    edit(pack_dir / "schemes" / "test-redistribute.yaml", "bands:", "bands: 3\nx:")
    codes, diags = lint(pack_dir)
    assert codes == [
        ("scheme.unknown_field", "test-redistribute.yaml", 17, 1),
        ("scheme.not_list", "test-redistribute.yaml", 16, 8),
        ("scheme.bands", "test-redistribute.yaml", 16, 8),
        ("scheme.unknown_field", "test.yaml", 4, 1),
        ("scheme.veto", "test.yaml", 9, 5),
        ("scheme.veto_on", "test.yaml", 10, 33),
    ]
    assert diags[3].hint("en") == "did you mean vetoes?"
    assert diags[5].message("en") == "veto 2: invalid on 'passed'; choose from fail, error, missing, warn"
    out = run_cli("rules", "lint", pack_dir)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    located = [line.split(": ", 1)[0] for line in out.stderr.splitlines() if line.startswith(str(pack_dir))]
    assert located == [
        f"{pack_dir / 'schemes' / name}:{at}"
        for name, at in (
            ("test-redistribute.yaml", "17:1"),
            ("test-redistribute.yaml", "16:8"),
            ("test-redistribute.yaml", "16:8"),
            ("test.yaml", "4:1"),
            ("test.yaml", "9:5"),
            ("test.yaml", "10:33"),
        )
    ]
    assert out.stderr.splitlines()[-1] == "规则包有 6 个问题"


def test_a_clean_pack_counts_its_schemes(pack_dir):
    out = run_cli("rules", "lint", pack_dir, "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(", 2 scoring schemes")


def test_unquoted_yaml_1_1_keywords_in_a_profile_are_read_as_written(pack_dir):
    """`on:` (true to YAML 1.1) and `yes:` are keys as written: an unknown field and an unknown rule, at
    their places, never a field named True or a silently dropped entry."""
    edit(
        pack_dir / "profiles" / "strict.yaml",
        "local_rules_bind: true\n",
        "local_rules_bind: true\non: [fail, missing]\n",
    )
    edit(pack_dir / "profiles" / "strict.yaml", "  DISP-001:", "  yes: {strength: local}\n  123: {}\n  DISP-001:")
    codes, diags = lint(pack_dir)
    assert codes == [
        ("profile.unknown_field", "strict.yaml", 4, 1),
        ("profile.unknown_rule", "strict.yaml", 6, 3),
        ("profile.unknown_rule", "strict.yaml", 7, 3),
    ]
    assert [d.params.get("name", d.params.get("id")) for d in diags] == ["on", "yes", "123"]


@pytest.mark.parametrize(
    "old,new,where,better,unit",
    [
        ("    better: higher\n", "    better: up\n", (9, 13), "up", "percent"),
        ("    better: higher\n", "    better: no\n", (9, 13), "no", "percent"),  # YAML 1.1 reads false
        ("en: Hearings, unit: count}", "en: Hearings, unit: count, better: [higher]}", (3, 71), ["higher"], "count"),
    ],
)
def test_a_better_direction_that_is_none_is_refused_at_its_place(pack_dir, old, new, where, better, unit):
    edit(pack_dir / "catalogue" / "disputes.yaml", old, new)
    codes, diags = lint(pack_dir)
    assert codes == [("pack.bad_better", "disputes.yaml", *where)]
    assert (diags[0].params["better"], diags[0].params["unit"]) == (better, unit)


def test_a_better_direction_on_a_date_is_refused_and_a_good_one_is_read(pack_dir):
    edit(pack_dir / "catalogue" / "report.yaml", "unit: date,", "unit: date, better: lower,")
    codes, diags = lint(pack_dir)
    assert codes == [("pack.bad_better", "report.yaml", 3, 81)]
    assert diags[0].message("en") == (
        "report.published_on: better must be higher or lower, on a number (count, "
        "percent, yuan, days); got 'lower' (unit date)"
    )
    from checker.pack import load_pack

    pack, _ = load_pack(MINIMAL)
    assert {k: i.better for k, i in pack.catalogue.indicators.items() if i.better} == {
        "disputes.attendance_rate": "higher"
    }


def test_the_extraction_rules_are_linted_too(tmp_path):
    """rules/extract/ (phrasings, vocabulary, evidence frames) is part of the pack: a duplicate key or a
    broken frame there is reported by `rules lint`, once, at its line, not only when a report is read."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    edit(
        rules / "extract" / "enforcement.yaml",
        "  enforcement.fines_amount:\n",
        "  enforcement.penalty_cases:\n    - {what: [立案查处], measure: [件]}\n  enforcement.fines_amount:\n",
    )
    codes, diags = lint(rules)
    assert [(code, name) for code, name, _, _ in codes] == [("yaml.duplicate_key", "enforcement.yaml")]
    assert diags[0].params["key"] == "enforcement.penalty_cases"
    out = run_cli("rules", "lint", rules)
    assert out.returncode == 2 and "Traceback" not in out.stderr
