import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The tests (and the CLI runs they start) keep their parsed-pack cache to themselves.
_CACHE = tempfile.mkdtemp(prefix="fazhi-test-cache-")
atexit.register(shutil.rmtree, _CACHE, True)
os.environ["FAZHI_CACHE_DIR"] = _CACHE

from checker.engine import Checker, durable_available
from checker.pack import load_pack_or_raise

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
ENGINES = ["python"] + (["durable"] if durable_available() else [])


@pytest.fixture(scope="session")
def pack():
    return load_pack_or_raise()


@pytest.fixture(scope="session", params=ENGINES)
def checker(request, pack):
    c = Checker(pack, request.param)
    yield c
    c.close()


@pytest.fixture(scope="session")
def plain(pack):
    return Checker(pack, "python")


def run_cli(*args, env=None, cwd=ROOT):
    """Run ``python -m checker`` in a subprocess; returns CompletedProcess with text output."""
    full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=full_env,
        timeout=120,
    )


def gappy_submissions(pack, seed: int, count: int):
    """Synthetic submissions with about 30% of their indicators missing at random and half of the
    percentages given as integers (0, 50, 99, 100): what the engines' shortcuts must get right."""
    import dataclasses
    import random

    from checker import synth
    from checker.inputs.structured import load_mapping

    units = {k: ind.unit for k, ind in pack.catalogue.indicators.items()}
    rng = random.Random(seed)
    for i in range(count):
        sub = load_mapping(synth.as_mapping(synth.submission(pack.catalogue, rng, i)), pack.catalogue)
        for key in list(sub.values):
            if rng.random() < 0.3:
                del sub.values[key]
            elif units[key] == "percent" and rng.random() < 0.5:
                sub.values[key] = dataclasses.replace(sub.values[key], value=rng.choice([0, 50, 99, 100]))
        yield sub


MINIMAL = Path(__file__).parent / "packs" / "minimal"


@pytest.fixture
def pack_dir(tmp_path):
    """A copy of the minimal rule pack that a test may edit."""
    target = tmp_path / "rules"
    shutil.copytree(MINIMAL, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file with ``new``; ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- headless Chromium (Debian's; CI installs it)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian's chromium; CI installs it)")


def headless(page: Path, *args: str, timeout: int = 90) -> subprocess.CompletedProcess:
    """Open ``page`` in headless Chromium with a throwaway profile, no network chatter and the
    console logged to stderr; ``args`` say what to do with it (--dump-dom, --print-to-pdf=…)."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.as_uri(),
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, errors="replace")


def console_errors(stderr: str) -> list:
    """The page's console errors and CSP refusals, from the log ``headless`` gives."""
    return [
        line
        for line in stderr.splitlines()
        if "Uncaught" in line or "CONSOLE" in line or "Content Security Policy" in line or "Refused to" in line
    ]


def result_dict(result, ctx) -> dict:
    """A checked file's JSON object built plainly from the contract's dictionaries (finding_json,
    to_json): the reference the fast JSON writer's text is held to."""
    from checker.render.json_out import finding_json

    return {
        "file": result.file,
        "region": result.region,
        "year": result.year,
        "status": result.status,
        "summary": result.summary(),
        "headline": result.headline(),
        **({"completeness": result.completeness.to_json()} if result.completeness else {}),
        "findings": [finding_json(f, ctx) for f in result.findings],
        "errors": [d.to_json(ctx.lang) for d in result.errors],
        "notes": [d.to_json(ctx.lang) for d in result.notes],
    }
