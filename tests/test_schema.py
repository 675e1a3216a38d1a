"""``fazhi schema`` (the submission format as a JSON Schema, for editors) and ``fazhi init`` (a starting
submission): every sample validates, typos and impossible values do not, and a starting file is a
submission the checker reads."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")

from conftest import ROOT, SAMPLES  # noqa: E402

from checker.cli import main  # noqa: E402
from checker.schema import SCHEMA_FILE, schema_text  # noqa: E402

MODELINE = "# yaml-language-server: $schema=../docs/submission.schema.json"
LISTED = re.compile(r"^  # ([a-z_]+\.[a-z_0-9]+): ", re.M)  # an indicator of a starting file, commented out


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def as_editor_sees(data):
    """A document as JSON sees it: keys as text, dates as their ISO text."""
    if isinstance(data, dict):
        return {str(k): as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_sees(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


def load(path):
    text = path.read_text(encoding="utf-8")
    return as_editor_sees(json.loads(text) if path.suffix == ".json" else yaml.safe_load(text))


@pytest.fixture(scope="module")
def schema():
    return json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["2020-12", "7"])
def validator(request, schema):
    """The schema as draft 2020-12 reads it, and as a draft-07 editor (VS Code's YAML support) does."""
    cls = jsonschema.Draft202012Validator if request.param == "2020-12" else jsonschema.Draft7Validator
    cls.check_schema(schema)
    return cls(schema)


def problems(validator, data) -> list:
    return sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(data))


def test_the_schema_in_the_repository_is_what_fazhi_schema_writes(capsys, pack):
    code, out, err = run(capsys, "schema")
    assert code == 0 and err == ""
    assert out == (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(pack), (
        "regenerate it: python -m checker schema -o docs/submission.schema.json"
    )
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["functions.services_online_rate"]["title"] == "政务服务事项网上可办率"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")) + ["fictional-zero-denominator.json"])
def test_every_sample_validates_and_points_its_editor_at_the_schema(validator, sample):
    path = SAMPLES / sample
    assert problems(validator, load(path)) == []
    if path.suffix == ".yaml":
        assert path.read_text(encoding="utf-8").splitlines()[0].startswith(MODELINE + " · ")
        assert (path.parent / "../docs/submission.schema.json").resolve() == ROOT / SCHEMA_FILE


def test_the_broken_sample_does_not_validate(validator):
    found = problems(validator, load(SAMPLES / "invalid" / "broken.yaml"))
    assert ([], "required") in found  # no region


def sheqi():
    return load(SAMPLES / "sheqi-2024.yaml")


def with_value(path, value):
    data = sheqi()
    block = data["indicators"]
    for part in path[:-1]:
        block = block[part]
    block[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "path,value,where,keyword",
    [
        (["leadership", "exec_meeting_law_studie"], 12, ["indicators", "leadership"], "additionalProperties"),
        (["leadership.exec_meeting_law_studie"], 12, ["indicators"], "additionalProperties"),
        (["政府常务会议学法此数"], 12, ["indicators"], "additionalProperties"),
        (
            ["disputes", "leader_court_attendance_rate"],
            120,
            ["indicators", "disputes", "leader_court_attendance_rate"],
            "anyOf",
        ),
        (
            ["disputes", "leader_court_attendance_rate"],
            "120%",
            ["indicators", "disputes", "leader_court_attendance_rate"],
            "anyOf",
        ),
        (
            ["disputes", "leader_court_attendance_rate"],
            {"value": 101, "source": "达101%"},
            ["indicators", "disputes", "leader_court_attendance_rate"],
            "anyOf",
        ),
        (["functions", "services_total"], -1, ["indicators", "functions", "services_total"], "anyOf"),
        (["functions", "services_total"], "三百", ["indicators", "functions", "services_total"], "anyOf"),
        (
            ["functions", "services_total"],
            {"value": 12, "sorce": "…"},
            ["indicators", "functions", "services_total"],
            "anyOf",
        ),
        (
            ["decisions", "major_decision_catalogue_published"],
            "也许",
            ["indicators", "decisions", "major_decision_catalogue_published"],
            "anyOf",
        ),
    ],
)
def test_a_typo_or_an_impossible_value_does_not_validate(validator, path, value, where, keyword):
    assert problems(validator, with_value(path, value)) == [(where, keyword)]


@pytest.mark.parametrize(
    "path,value",
    [
        (["disputes", "leader_court_attendance_rate"], "98%"),
        (["disputes", "leader_court_attendance_rate"], "约95%"),
        (["disputes", "leader_court_attendance_rate"], "百分之百"),
        (["functions", "services_total"], "2,528"),
        (["functions", "services_total"], "300余次"),
        (["functions", "services_total"], {"value": 300, "approx": "近"}),
        (["oversight", "audit_problem_amount"], "4.29亿元"),
        (["政务服务事项网上可办率"], 99.5),
        (["decisions", "major_decision_catalogue_published"], "是"),
    ],
)
def test_what_the_checker_reads_the_schema_takes(validator, path, value):
    assert problems(validator, with_value(path, value)) == []


def test_top_level_fields_are_held_to_their_forms(validator):
    bad = sheqi()
    bad.update(year=24, level="县", region_code="41132", extra=1)
    del bad["region"]
    assert problems(validator, bad) == [
        ([], "additionalProperties"),
        ([], "required"),
        (["level"], "enum"),
        (["region_code"], "anyOf"),
        (["year"], "minimum"),
    ]


def test_a_starting_submission_lists_what_binding_rules_read_and_is_one_the_checker_reads(tmp_path, capsys, pack):
    path = tmp_path / "社旗县2024.yaml"
    code, out, err = run(capsys, "init", "--region", "社旗县", "--year", "2024", "-o", path)
    assert (code, out, err) == (0, "", "")
    text = path.read_text(encoding="utf-8")
    listed = LISTED.findall(text)
    cat = pack.catalogue
    order = list(cat.areas)
    needed = [k for k in pack.requiring_complete().required if not cat.indicators[k].field]
    assert listed == sorted(needed, key=lambda k: order.index(cat.indicators[k].area))  # by area, as the areas go
    assert "region: 社旗县\nyear: 2024\n" in text
    code, out, err = run(capsys, "validate", path)
    assert code == 0 and out.strip() == f"格式正确：{path}（0 个指标）"
    filled = text.replace("  # functions.services_total: 0", "  functions.services_total: 2528")
    path.write_text(filled, encoding="utf-8")
    code, out, err = run(capsys, "check", path, "--format", "json")
    values = {k: v for f in json.loads(out)["results"][0]["findings"] for k, v in f["indicators"].items()}
    assert values["functions.services_total"] == 2528
    assert (
        problems(jsonschema.Draft202012Validator(json.loads(schema_text(pack))), as_editor_sees(yaml.safe_load(filled)))
        == []
    )


def test_init_lists_every_indicator_with_all_and_never_overwrites(tmp_path, capsys, pack):
    code, out, _ = run(capsys, "init", "--all", "--lang", "en")
    assert code == 0 and out.startswith("# A rule-of-law government indicator submission")
    assert sorted(LISTED.findall(out)) == sorted(k for k, i in pack.catalogue.indicators.items() if not i.field)
    assert "region:  # the region's name" in out
    path = tmp_path / "mine.yaml"
    path.write_text("region: 社旗县\n", encoding="utf-8")
    code, out, err = run(capsys, "init", "-o", path)
    assert code == 2 and "已存在，未覆盖" in err and path.read_text(encoding="utf-8") == "region: 社旗县\n"


def test_the_schema_in_english_has_english_titles(capsys):
    code, out, _ = run(capsys, "schema", "--lang", "en")
    schema = json.loads(out)
    assert schema["$defs"]["functions.services_online_rate"]["title"] == "Share of service items handleable online"
    assert schema["required"] == ["region", "year", "indicators"]
