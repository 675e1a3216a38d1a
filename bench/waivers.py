"""Time of applying a large waiver file (issue 18: 39,621 waivers made 100 submissions take 92 s,
matched findings × waivers; indexed by region and year, it is linear).

    python bench/waivers.py [WAIVERS] [SUBMISSIONS]

Prints the seconds to load the waivers and to apply them to the submissions' findings. The test
(tests/test_waivers.py::test_matching_is_indexed_by_region_and_year) counts comparisons instead.
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(count: int = 39_621, subs: int = 100) -> None:
    import datetime as dt

    from checker.engine import Checker
    from checker.inputs.structured import load_submission
    from checker.pack import load_pack_or_raise
    from checker.waivers import apply_waivers, load_waivers

    pack = load_pack_or_raise()
    rules = [r.id for r in pack.all_rules]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.yaml"
        # one line each (a file under the 5 MB limit), all distinct; a tenth for 社旗县 2024
        items = [
            f"- {{rule: {rules[(i // 10) % len(rules)]},region: {'社旗县' if i % 10 == 0 else f'县{i}'},"
            f"year: {2024 - i // (10 * len(rules)) if i % 10 == 0 else 2024},justification: 测,"
            "approved_by: 局,approved_on: 2025-02-10,expires: 2025-12-31}\n"
            for i in range(count)
        ]
        path.write_text("waivers:\n" + "".join(items), encoding="utf-8")
        start = time.perf_counter()
        waivers, diags = load_waivers(path, pack)
        assert not diags, diags[0].render("en")
        loaded = time.perf_counter()
        checker = Checker(pack, "python")
        sub = load_submission(ROOT / "samples" / "sheqi-2024.yaml", pack.catalogue)
        results = [checker.check(sub) for _ in range(subs)]
        begin = time.perf_counter()
        apply_waivers(results, waivers, dt.date(2025, 6, 1))
        done = time.perf_counter()
    print(
        f"{len(waivers)} waivers loaded in {loaded - start:.2f} s; applied to {subs} submissions "
        f"({sum(len(r.findings) for r in results)} findings) in {done - begin:.2f} s"
    )


if __name__ == "__main__":
    main(*map(int, sys.argv[1:3]))
