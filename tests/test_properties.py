"""Property-based tests: random submissions and random bytes never break the checker."""

import contextlib
import io
import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import yamlpos
from checker.cli import main
from checker.engine import Checker, durable_available
from checker.inputs.structured import load_submission
from checker.pack import load_pack_or_raise

PACK = load_pack_or_raise()
KEYS = sorted(PACK.catalogue.indicators)
ALIASES = sorted(PACK.catalogue.aliases)
PLAIN = Checker(PACK, "python")
DURABLE = Checker(PACK, "durable") if durable_available() else None
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
CLI_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(
    st.integers(min_value=-10, max_value=10**6),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(["100%", "１００％", "300余", "近20", "4.29亿元", "2,528", "十二", "yes", "", "99.5", "1e3"]),
    st.text(max_size=20),
)
values = st.one_of(
    scalars,
    st.fixed_dictionaries(
        {"value": scalars},
        optional={
            "approx": st.one_of(st.booleans(), scalars),
            "source": st.one_of(st.text(max_size=30), scalars),
            "extra": scalars,
        },
    ),
)
indicator_maps = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.sampled_from(ALIASES), st.text(max_size=12)), values, max_size=25
)
submissions = st.fixed_dictionaries(
    {"indicators": indicator_maps},
    optional={
        "region": st.one_of(st.just("示例县"), scalars),
        "year": st.one_of(st.just(2024), scalars),
        "published_on": st.one_of(st.dates(), scalars),
        "level": st.sampled_from(["county", "x"]),
        "region_code": st.one_of(st.just("411327"), scalars),
        "other": scalars,
    },
)


def check_in_process(path: Path) -> tuple[int, dict]:
    """The pipeline behind `fazhi check --format json`, with the pack loaded once."""
    from checker.model import Report
    from checker.render import Context
    from checker.render.json_out import render

    report = Report((PLAIN.check(load_submission(path, PACK.catalogue)),), "python", PACK.profile)
    return report.exit_code(), json.loads(render(report, Context("zh", PACK.catalogue)))


def run(path: Path, engine: str = "python") -> tuple[int, dict]:
    """The real command line, in process."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", str(path), "--format", "json", "--engine", engine])
    return code, json.loads(out.getvalue())


def dump(data, tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_every_value_used_or_reported(path, sub):
    """Each indicator entry is read into the submission or a diagnostic points into its lines."""
    if not sub.parsed or any(d.code.startswith(("yaml.", "json.")) for d in sub.diagnostics):
        assert any(d.severity == "error" for d in sub.diagnostics)
        return
    data, _ = yamlpos.load(path.read_text(encoding="utf-8"), str(path))
    block = data.get("indicators")
    if not isinstance(block, yamlpos.YMap):
        return
    starts = sorted(line for line, _ in block.key_pos.values()) + [10**9]
    for name, (line, _) in block.key_pos.items():
        end = starts[starts.index(line) + 1]
        key = PACK.catalogue.resolve(str(name))
        reported = any(d.line is not None and line <= d.line < end for d in sub.diagnostics)
        assert (key in sub.values and sub.values[key].line is not None) or reported, name


def _key(findings):
    return [(f.rule.id, f.status, f.values, f.location, f.reason) for f in findings]


@SETTINGS
@given(data=submissions)
def test_random_submissions(tmp_path_factory, data):
    path = dump(data, tmp_path_factory.mktemp("p"))
    code, doc = check_in_process(path)
    assert code in (0, 1, 2)
    sub = load_submission(path, PACK.catalogue)
    assert_every_value_used_or_reported(path, sub)
    if DURABLE is not None:
        assert _key(DURABLE.check(sub).findings) == _key(PLAIN.check(sub).findings)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(KEYS), st.integers(min_value=0, max_value=5000), max_size=60))
def test_valid_random_counts_and_rates_engines_agree(tmp_path_factory, data):
    cat = PACK.catalogue
    clean = {
        k: (min(v, 100) if cat.indicators[k].unit == "percent" else v)
        for k, v in data.items()
        if cat.indicators[k].unit in ("count", "percent", "yuan", "days")
    }
    path = dump({"region": "示例县", "year": 2024, "indicators": clean}, tmp_path_factory.mktemp("v"))
    sub = load_submission(path, cat)
    for key in clean:
        assert key in sub.values or any(d.code == "input.rate_disagrees" for d in sub.diagnostics)
    if DURABLE is not None:
        assert _key(DURABLE.check(sub).findings) == _key(PLAIN.check(sub).findings)


@SETTINGS
@given(blob=st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("b") / "s.yaml"
    path.write_bytes(blob)
    code, doc = check_in_process(path)
    assert code in (0, 1, 2)
    assert len(doc["results"]) == 1


@CLI_SETTINGS
@given(
    parts=st.lists(
        st.sampled_from(
            list("{}[]:,-&*!|>'\"#%@` \n\t\\abc12.年：") + ["region", "year", "indicators", "value", "2024", "\n  "]
        ),
        max_size=120,
    )
)
def test_random_yaml_like_text(tmp_path_factory, parts):
    text = "".join(parts)
    path = tmp_path_factory.mktemp("t") / "s.yaml"
    path.write_text(text, encoding="utf-8")
    code, doc = run(path)
    assert code in (0, 1, 2)
    for error in doc["results"][0]["errors"]:
        assert error["message"]


def test_fuzz_entry_point_runs_one_input():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "fuzz_submission", Path(__file__).parent / "fuzz" / "fuzz_submission.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.one_input((Path(__file__).parent.parent / "samples" / "sheqi-2024.yaml").read_bytes())
    module.one_input(b"\x00\xff{[")
