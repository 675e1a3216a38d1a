"""Fuzz the submission pipeline: bytes in, never a crash out.

    python tests/fuzz/fuzz_submission.py              # hypothesis, 2,000 inputs
    python tests/fuzz/fuzz_submission.py -atheris     # coverage-guided, with atheris (pip install atheris)
        extra arguments go to libFuzzer, e.g. -max_total_time=300 -dict=tests/fuzz/yaml.dict

Every input is checked by both engines (where durable-rules imports); a crash, a traceback, or a
disagreement between the engines is a finding.
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from checker.engine import Checker, durable_available  # noqa: E402
from checker.inputs.structured import load_submission  # noqa: E402
from checker.pack import load_pack_or_raise  # noqa: E402

PACK = load_pack_or_raise()
ENGINES = [Checker(PACK, "python")] + ([Checker(PACK, "durable")] if durable_available() else [])
WORK = Path(tempfile.mkdtemp(prefix="fazhi-fuzz-"))


def one_input(data: bytes) -> None:
    for suffix in (".yaml", ".json"):
        path = WORK / f"input{suffix}"
        path.write_bytes(data)
        sub = load_submission(path, PACK.catalogue)
        results = [[(f.rule.id, f.status) for f in engine.check(sub).findings] for engine in ENGINES]
        assert all(r == results[0] for r in results), "engines disagree"


def main() -> None:
    if "-atheris" in sys.argv:
        import atheris

        sys.argv.remove("-atheris")
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
        return
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in (Path(__file__).resolve().parents[2] / "samples").rglob("*.yaml")]
    inputs = st.one_of(
        st.binary(max_size=4000),
        st.sampled_from(seeds).flatmap(lambda s: st.integers(0, len(s)).map(lambda i: s[:i] + s[i + 1 :])),
    )

    @settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
    @given(inputs)
    def run(data):
        one_input(data)

    run()
    print("fuzz: 2000 inputs, no crash, engines agree")


if __name__ == "__main__":
    main()
