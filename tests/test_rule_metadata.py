"""Rule metadata is complete, stable and honest about the strength of each threshold."""

import re

import pytest
import yaml
from conftest import SHARED

from checker.pack.rules import SEVERITIES, STRENGTHS

REQUIREMENTS = SHARED / "docs" / "requirements.yaml"
INDICATORS_MD = SHARED / "docs" / "indicators.md"
STATUS_TO_STRENGTH = {
    "documented_national": ("law", "central"),
    "documented_local": ("local",),
    "practice": ("practice",),
    "none": ("none",),
    "documented_national_unverified": ("practice",),
}


def test_ids_unique_with_area_code(pack):
    ids = [r.id for r in pack.all_rules]
    assert len(ids) == len(set(ids))
    for rule in pack.all_rules:
        assert re.fullmatch(r"[A-Z]{4}-\d{3}", rule.id)
        assert rule.id.startswith(pack.catalogue.areas[rule.area].code + "-")


def test_every_rule_has_complete_metadata(pack):
    for rule in pack.all_rules:
        assert rule.severity in SEVERITIES and rule.strength in STRENGTHS, rule.id
        for field in ("title", "expected", "hint"):
            value = getattr(rule, field)
            assert value["zh"].strip() and value["en"].strip(), (rule.id, field)
        assert rule.basis.get("document"), rule.id
        assert "{" not in rule.expected_text("zh") and "{" not in rule.expected_text("en"), rule.id
        assert rule.examples, rule.id


def test_at_least_forty_rules_over_every_area(pack):
    assert len(pack.rules) >= 40
    assert {r.area for r in pack.rules} == set(pack.catalogue.areas)


@pytest.mark.skipif(not REQUIREMENTS.exists(), reason="shared docs not beside the checkout")
def test_strength_follows_the_requirement_catalogue_or_says_why(pack):
    requirements = {r["id"]: r for r in yaml.safe_load(REQUIREMENTS.read_text(encoding="utf-8"))["requirements"]}
    for rule in pack.all_rules:
        if not rule.requirement:
            continue
        assert rule.requirement in requirements, rule.id
        req = requirements[rule.requirement]
        expected = STATUS_TO_STRENGTH[req["threshold_status"]]
        if str(req.get("verification", "")).startswith("refuted"):
            expected = ("practice",)
        if rule.strength not in expected:
            assert rule.basis.get("note"), f"{rule.id}: strength {rule.strength} differs from {expected} unexplained"


@pytest.mark.skipif(not INDICATORS_MD.exists(), reason="shared docs not beside the checkout")
def test_contract_keys_exist_with_their_units(pack):
    rows = re.findall(r"^\| ([a-z_]+\.[a-z_]+) \| (\w+) \|", INDICATORS_MD.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 30
    for key, unit in rows:
        assert pack.catalogue.indicators[key].unit == unit, key
