"""Synthetic submissions for benchmarks and tests: realistic values from the catalogue, fixed seed.

About one value in ten breaks a requirement (a rate below 100%, a count pair out of order, a
late report); a few indicators are left out, as real reports leave them out.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

FAIL_RATE = 0.1
OMIT_RATE = 0.15


def _pairs(cat) -> dict:
    """numerator -> denominator for every derived rate."""
    return {ind.derive[0]: ind.derive[1] for ind in cat.indicators.values() if ind.derive}


def submission(cat, rng: random.Random, index: int, year: int = 2024, keys=None) -> dict:
    """One synthetic submission as a plain mapping (the contract's format, flat keys). ``keys``: only
    these indicators (in the catalogue's order), so that a cohort stays the same as the catalogue grows."""
    pairs = _pairs(cat)
    derived = {ind.key for ind in cat.indicators.values() if ind.derive}
    values: dict = {}
    for key, ind in cat.indicators.items():
        if keys is not None and key not in keys:
            continue
        if key in derived or ind.field or rng.random() < OMIT_RATE:
            continue
        if ind.unit in ("count", "days"):
            values[key] = rng.randint(0, 400)
        elif ind.unit == "yuan":
            values[key] = rng.randint(0, 5 * 10**8)
        elif ind.unit == "percent":
            values[key] = 100 if rng.random() > FAIL_RATE else rng.randint(60, 99)
        elif ind.unit == "bool":
            values[key] = rng.random() > FAIL_RATE
    for num, den in pairs.items():
        if den in values and num in values:
            short = rng.randint(1, 3) if rng.random() < FAIL_RATE else 0
            values[num] = max(0, values[den] - short)
    values["leadership.falsified_material"] = False
    values["leadership.serious_illegal_act"] = rng.random() < 0.01
    late = rng.random() < FAIL_RATE
    published = dt.date(year + 1, 4 if late else 3, rng.randint(1, 28))
    return {
        "region": f"合成县{index:06d}",
        "region_code": f"{410000 + index % 90000:06d}",
        "level": "county",
        "year": year,
        "published_on": published,
        "indicators": values,
    }


def as_mapping(data: dict):
    """A submission mapping as the loader would build it (positions all 1:1), without YAML text."""
    from checker.yamlpos import YMap

    out = YMap(1, 1)
    for key, value in data.items():
        out[key] = as_mapping(value) if isinstance(value, dict) else value
        out.key_pos[key] = out.val_pos[key] = (1, 1)
    return out


def write(cat, directory: Path, count: int, seed: int = 20241231, year: int = 2024, keys=None) -> list[Path]:
    """Write ``count`` submissions as YAML files; returns their paths (sorted)."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"s{i:06d}.yaml"
        path.write_text(
            yaml.safe_dump(submission(cat, rng, i, year, keys), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        paths.append(path)
    return paths
