"""A finding with nothing reported is written from a text made once a run (``json_out._Memo._unreported``):
it must be exactly the encoding of the contract's dictionary, in every submission that reuses it, and a
finding whose message says more than its rule, status and indicators (a reason) must not reuse it."""

import dataclasses
import json
import random

import pytest
from conftest import result_dict

from checker import synth
from checker.engine import Checker
from checker.inputs.structured import load_mapping
from checker.pack import load_pack_or_raise
from checker.render import Context
from checker.render.json_out import _Memo, finding_json, finding_text, result_text

# a narrative report's few figures: most rules find nothing reported
KEYS = {
    "disputes.court_cases_heard",
    "disputes.court_cases_head_attended",
    "disputes.reconsideration_applications",
    "disputes.litigation_cases_lost",
    "regulation.normative_docs_issued",
    "regulation.normative_docs_reviewed",
    "enforcement.penalty_cases",
    "leadership.law_study_plan_issued",
    "functions.services_total",
    "functions.services_online",
}


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def results(pack, count: int):
    checker = Checker(pack, "python")
    rng = random.Random(7)
    for i in range(count):
        data = synth.submission(pack.catalogue, rng, i, keys=KEYS)
        data["published_on"] = data["published_on"].isoformat()
        yield checker.check(load_mapping(synth.as_mapping(data), pack.catalogue, f"s{i}.yaml"))


@pytest.mark.parametrize("complete", [False, True])
@pytest.mark.parametrize("profile", ["national", "henan-county"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unreported_findings_reused_across_submissions_equal_the_contract(profile, lang, complete):
    pack = load_pack_or_raise(profile=profile)
    if complete:
        pack = pack.requiring_complete()
    ctx = Context(lang, pack.catalogue)
    unreported = 0
    for result in results(pack, 12):
        unreported += sum(all(v is None for _, v in f.values) for f in result.findings)
        assert result_text(result, ctx) == dumps(result_dict(result, ctx)), result.region
    assert unreported > 12 * 40  # the texts made once were used again and again
    tables = _Memo(ctx, None, None).rules
    assert any(t.unreported for t in tables.values())


def test_a_reason_or_another_status_is_not_taken_from_the_text_made_once():
    pack = load_pack_or_raise()
    ctx = Context("zh", pack.catalogue)
    result = next(results(pack, 1))
    finding = next(
        f for f in result.findings if f.status == "missing" and f.values and all(v is None for _, v in f.values)
    )
    memo = _Memo(ctx, finding.region, finding.year)
    first = memo.text(finding)
    assert first == dumps(finding_json(finding, ctx))
    for changed in (
        dataclasses.replace(finding, status="error", reason="overflow"),
        dataclasses.replace(finding, status="not_applicable", missing=()),
        dataclasses.replace(finding, status="not_applicable"),  # the same indicators missing: the status tells
        dataclasses.replace(finding, required=not finding.required),
        dataclasses.replace(finding, location=(99, 3)),
        dataclasses.replace(finding, region="另一县"),
    ):
        text = _Memo(ctx, changed.region, changed.year).text(changed)
        assert text == dumps(finding_json(changed, ctx)) == finding_text(changed, ctx)
        assert text != first


@pytest.mark.parametrize(
    "encoding, errors, newline",
    [
        ("utf-8", "fazhi-json", "\n"),
        ("UTF8", "surrogateescape", "\n"),
        ("ascii", "fazhi-json", "\n"),
        ("utf-8", "fazhi-json", "\r\n"),
    ],
)
def test_pieces_made_as_utf8_are_the_bytes_of_the_text_encoded_whole(encoding, errors, newline):
    from checker.render import encoded
    from checker.render.json_out import piece, piece_encoded

    pack = load_pack_or_raise()
    ctx = Context("zh", pack.catalogue)
    checker = Checker(pack, "python")
    rng = random.Random(3)
    for i in range(4):
        data = synth.submission(pack.catalogue, rng, i, keys=KEYS)
        data["published_on"] = data["published_on"].isoformat()
        result = checker.check(load_mapping(synth.as_mapping(data), pack.catalogue, f"s{i}.yaml"))
        made = piece_encoded(result, i, ctx, encoding, errors, newline)
        assert type(made) is bytes
        assert made == encoded(piece(result, i, ctx), encoding, errors, newline)
        assert ("合成县".encode() in made) == (encoding != "ascii")  # escaped where the output is ASCII
