"""Engine selection and the compiled form both engines run."""
import shutil
import subprocess
import sys

import pytest

from checker import engine as engine_mod
from checker.engine import EngineUnavailable, make_engine
from checker.engine.compile import compile_pack
from checker.engine.plain import PlainEngine
from conftest import ROOT


def test_falls_back_to_the_plain_evaluator_where_durable_rules_does_not_import(pack, monkeypatch):
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)  # import now raises ImportError
    monkeypatch.delitem(sys.modules, "checker.engine.durable", raising=False)
    compiled = compile_pack(pack)
    assert isinstance(make_engine(None, compiled), PlainEngine)
    with pytest.raises(EngineUnavailable):
        make_engine("durable", compiled)
    assert not engine_mod.durable_available()


def test_every_rule_compiles_to_single_fact_predicates(pack):
    compiled = compile_pack(pack)
    assert len(compiled.rules) == len(pack.rules)
    for cr in compiled.rules:
        assert "f" in cr.preds
        if cr.rule.applies_when:
            assert "n" in cr.preds


def test_rate_terms_are_computed_before_the_engine(pack):
    """Arithmetic never reaches durable-rules (it truncates integer division, and dies dividing by 0)."""
    pytest.importorskip("durable_rules_engine")
    from checker.engine.durable import rulesets
    text = repr(rulesets(compile_pack(pack)))
    for op in ("$div", "$mul", "$add", "$sub"):
        assert op not in text


def test_durable_rulesets_respect_the_c_core_limits(pack):
    pytest.importorskip("durable_rules_engine")
    from checker.engine.durable import MAX_CHAINS, rulesets
    sets = rulesets(compile_pack(pack))
    assert len(sets) == 1                    # one assert per submission
    for rules, fields, buckets in sets:
        assert len(fields) + buckets < 250   # a fact holds at most 255 properties
        per_bucket = {}
        for name, rule in rules.items():
            if name != "prime":
                bucket = next(iter(rule["all"][0]["m"]["$and"][0]["$ex"]))
                per_bucket[bucket] = per_bucket.get(bucket, 0) + 1
        assert max(per_bucket.values()) <= MAX_CHAINS and len(per_bucket) == buckets


@pytest.mark.skipif(shutil.which("fazhi") is None, reason="the package is not installed here")
def test_console_script_matches_python_m():
    sample = ROOT / "samples" / "sheqi-2024.yaml"
    a = subprocess.run(["fazhi", "check", str(sample), "--format", "json"], capture_output=True, text=True)
    b = subprocess.run([sys.executable, "-m", "checker", "check", str(sample), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT)
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout
