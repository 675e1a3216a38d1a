"""The JSON renderer writes each finding from pre-encoded pieces: it must be exactly the encoding
of the contract's dictionary, for every status, language, profile, source and location."""
import json

import pytest

from conftest import ROOT, SAMPLES
from checker.engine import Checker
from checker.pack import load_pack_or_raise
from checker.render import Context
from checker.render.json_out import _encode, finding_json, finding_text, result_text
from checker.submission import load_submission

FILES = sorted(p for p in list(SAMPLES.rglob("*")) + list((ROOT / "tests" / "hostile").iterdir())
               if p.suffix in (".yaml", ".json") and p.name != "expected.yaml")


@pytest.mark.parametrize("profile", ["national", "henan-county"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pre_encoded_findings_equal_the_contract_dictionary(profile, lang):
    pack = load_pack_or_raise(profile=profile)
    checker = Checker(pack, "python")
    ctx = Context(lang, pack.catalogue)
    statuses = set()
    for path in FILES:
        result = checker.check(load_submission(path, pack.catalogue))
        for finding in result.findings:
            statuses.add(finding.status)
            assert finding_text(finding, ctx) == _encode(finding_json(finding, ctx)), (path, finding.rule.id)
        doc = json.loads(result_text(result, ctx))
        assert doc["findings"] == [finding_json(f, ctx) for f in result.findings]
        assert list(doc) == ["file", "region", "year", "status", "summary", "findings", "errors", "notes"]
    assert statuses >= {"pass", "fail", "missing", "not_applicable", "error"}
