"""The JSON renderer writes each finding from pre-encoded pieces: it must be exactly the encoding
of the contract's dictionary, for every status, language, profile, source and location."""

import json

import pytest
from conftest import ROOT, SAMPLES, result_dict

from checker.engine import Checker
from checker.inputs.structured import load_submission
from checker.pack import load_pack_or_raise
from checker.render import Context
from checker.render.json_out import finding_json, finding_text, result_text

FILES = sorted(
    p
    for p in list(SAMPLES.rglob("*")) + list((ROOT / "tests" / "hostile").iterdir())
    if p.suffix in (".yaml", ".json") and p.name != "expected.yaml"
)


def dumps(value) -> str:
    """The reference encoding: the standard library's, with the contract's separators."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("complete", [False, True])
@pytest.mark.parametrize("profile", ["national", "henan-county"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pre_encoded_findings_equal_the_contract_dictionary(profile, lang, complete):
    pack = load_pack_or_raise(profile=profile)
    if complete:  # required indicators: blocking missing findings, "required": true
        pack = pack.requiring_complete()
    checker = Checker(pack, "python")
    ctx = Context(lang, pack.catalogue)
    statuses, results = set(), []
    for path in FILES:
        result = checker.check(load_submission(path, pack.catalogue))
        results.append(result)
        for finding in result.findings:
            statuses.add(finding.status)
            assert finding_text(finding, ctx) == dumps(finding_json(finding, ctx)), (path, finding.rule.id)
        # a whole result shares each value's text between its findings: the same bytes as encoding it whole
        assert result_text(result, ctx) == dumps(result_dict(result, ctx)), path
    assert statuses >= {"pass", "fail", "missing", "not_applicable", "error"}
    assert any(f.required for r in results for f in r.findings) == complete
