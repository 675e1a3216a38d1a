"""Faults at run time: one failing rule becomes an error finding; the others still run."""

import pytest
from conftest import SAMPLES

from checker.engine import Checker, durable_available
from checker.inputs.structured import load_submission


def test_a_rule_that_raises_is_an_error_for_that_rule_only(pack):
    checker = Checker(pack, "python")
    sub = load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue)
    before = {f.rule.id: f.status for f in checker.check(sub).findings}
    broken = next(i for i, (key, _) in enumerate(checker.engine.checks) if key[0] == 3)

    def boom(values):
        raise TypeError("unsupported operand")

    checker.engine.checks[broken] = (checker.engine.checks[broken][0], boom)
    checker.engine._fired = None  # evaluate predicate by predicate, as after a fault in the generated function
    after = {f.rule.id: f for f in checker.check(sub).findings}
    rid = pack.rules[3].id
    assert after[rid].status == "error" and after[rid].reason == "TypeError: unsupported operand"
    assert {k: f.status for k, f in after.items() if k != rid} == {k: s for k, s in before.items() if k != rid}
    assert checker.check(sub).status == "fail"


def test_durable_session_failure_marks_only_its_rules(pack):
    if not durable_available():
        pytest.skip("durable-rules does not import here")
    checker = Checker(pack, "durable")
    sub = load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue)
    before = {f.rule.id: f.status for f in checker.check(sub).findings}
    session = checker.engine.sessions[-1]

    def refuse(values, fact_id):
        raise RuntimeError("Could not assert fact, error code: 303")

    session.fired = refuse
    after = {f.rule.id: f for f in checker.check(sub).findings}
    hit = {pack.rules[i].id for i in session.rule_indices}
    assert hit and all(after[r].status == "error" for r in hit)
    assert after[next(iter(sorted(hit)))].reason == "durable-rules: Could not assert fact, error code: 303"
    assert {k: f.status for k, f in after.items() if k not in hit} == {k: s for k, s in before.items() if k not in hit}
    checker.close()


def test_a_fact_durable_rules_does_not_evaluate_is_an_error_not_a_pass(pack):
    """The core answers a fact whose id it has seen in the session with a code, not an exception:
    that fact was never matched, and its rules must not read as passed."""
    if not durable_available():
        pytest.skip("durable-rules does not import here")
    import itertools

    checker = Checker(pack, "durable")
    sub = load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue)
    assert checker.check(sub).status == "fail"  # REPT-003 only: the report gives no causes
    checker.engine.ids = itertools.repeat(99)  # every fact from now on gets the id "s99"
    first = {f.rule.id: f for f in checker.check(sub).findings}
    again = {f.rule.id: f for f in checker.check(sub).findings}
    assert {f.status for f in first.values()} != {"error"}
    assert {f.status for f in again.values()} == {"error"}
    assert {f.reason for f in again.values()} == {"durable-rules: the fact was not evaluated (durable-rules code 2)"}
    checker.close()


def test_zero_denominator_in_a_rule_without_applies_when_is_an_error_not_a_crash(tmp_path):
    import shutil
    from pathlib import Path

    from checker.pack import load_pack_or_raise

    root = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent / "packs" / "minimal", root)
    path = root / "pack" / "disputes.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace(
            "condition: disputes.attendance_rate >= min_rate",
            "condition: rate(disputes.hearings_attended, disputes.hearings) >= min_rate",
        )
        .replace("    applies_when: disputes.hearings > 0\n", "")
        .replace("      - {name: none, indicators: {disputes.hearings: 0}, expect: not_applicable}\n", ""),
        encoding="utf-8",
    )
    pack = load_pack_or_raise(root)
    sub_path = tmp_path / "s.yaml"
    sub_path.write_text(
        "region: 示例县\nyear: 2024\nindicators: {disputes.hearings: 0, disputes.hearings_attended: 0}\n",
        encoding="utf-8",
    )
    for engine in ["python"] + (["durable"] if durable_available() else []):
        finding = Checker(pack, engine).check(load_submission(sub_path, pack.catalogue)).findings[0]
        assert (finding.rule.id, finding.status, finding.reason) == (
            "DISP-001",
            "error",
            "rate over a zero denominator",
        )
