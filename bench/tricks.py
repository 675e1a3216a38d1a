"""Does each start-up or throughput technique still pay for itself? One focused measure each.

    python bench/tricks.py                 # every measure
    python bench/tricks.py plain memo      # some of them
    python bench/tricks.py --list

Each measure runs the same work with the technique and without it, in turns (this machine's speed
drifts within minutes), and prints the best of each side. ``docs/performance.md`` records what
they gave and what was decided. A script, not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import synth  # noqa: E402
from checker.engine import Checker, durable_available, fact  # noqa: E402
from checker.pack import load_pack_or_raise  # noqa: E402

MEASURES: dict = {}


def measure(fn):
    MEASURES[fn.__name__] = fn
    return fn


def best_in_turns(variants: dict, rounds: int = 5, least: float = 0.2) -> dict:
    """{name: fastest seconds of one call} for each zero-argument callable, the variants taking turns
    ``rounds`` times, each repeated until ``least`` seconds have gone."""
    best = {name: float("inf") for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            start = time.perf_counter()
            while True:
                t = time.perf_counter()
                fn()
                now = time.perf_counter()
                best[name] = min(best[name], now - t)
                if now - start >= least:
                    break
    return best


def wall_in_turns(commands: dict, rounds: int = 9, env: dict | None = None, ok=(0, 1)) -> dict:
    """{name: (best, median) wall seconds} of child processes, run in turns. A run that exits
    otherwise than ``ok`` or writes anything to stderr (a traceback exits 1 too) stops the measure."""
    runs: dict = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            start = time.perf_counter()
            proc = subprocess.run(
                command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
            )
            runs[name].append(time.perf_counter() - start)
            if proc.returncode not in ok or proc.stderr.strip():
                raise SystemExit(f"{command}: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return {name: (min(v), sorted(v)[len(v) // 2]) for name, v in runs.items()}


def _facts(pack, checker, n: int) -> list:
    from checker.inputs.structured import load_mapping

    rng = random.Random(20241231)
    return [
        fact(
            checker.compiled, load_mapping(synth.as_mapping(synth.submission(pack.catalogue, rng, i)), pack.catalogue)
        )[:2]
        for i in range(n)
    ]


def _show(title: str, rows: list) -> None:
    print(f"\n## {title}")
    for row in rows:
        print("  " + row)


# --- throughput ---------------------------------------------------------------------------------


@measure
def plain():
    """The plain evaluator: one function generated from the predicates, against the closures that
    evaluate the same predicates one by one (its fallback), on 1,000 prepared facts."""
    pack = load_pack_or_raise()
    checker = Checker(pack, "python")
    data = _facts(pack, checker, 1000)
    engine = checker.engine
    generated, checks = engine._fired, engine.checks

    def run_generated():
        for _, row in data:
            generated(row)

    def run_closures():
        for values, _ in data:
            [key for key, fn in checks if fn(values)]

    best = best_in_turns({"generated": run_generated, "closures": run_closures})
    _show(
        "plain evaluator: generated function vs closures (facts/s, engine only)",
        [f"{name}: {len(data) / s:,.0f}/s ({s / len(data) * 1e6:.1f} µs a fact)" for name, s in best.items()],
    )


@measure
def durable_writer():
    """durable-rules: the share of a fact's time spent writing its JSON (``durable_facts``)."""
    if not durable_available():
        return
    pack = load_pack_or_raise()
    checker = Checker(pack, "durable")
    data = _facts(pack, checker, 1000)
    engine = checker.engine
    writer = engine.sessions[0].writer

    def write_only():
        for i, (_, row) in enumerate(data):
            writer.encode(row, f"w{i}")

    def whole():
        for values, row in data:
            engine.fired(values, row)

    best = best_in_turns({"write": write_only, "whole": whole})
    checker.close()
    _show(
        "durable-rules: writing the fact's JSON within a whole fact (µs a fact)",
        [f"{name}: {s / len(data) * 1e6:.1f} µs" for name, s in best.items()]
        + [f"writing: {best['write'] / best['whole']:.0%} of a fact"],
    )


@measure
def memo():
    """``checker.memo.once``: texts derived once per rule and catalogue, against deriving them for
    every finding: ``fazhi check DIR --format json --jobs 1`` over 300 files."""
    with tempfile.TemporaryDirectory() as tmp:
        synth.write(load_pack_or_raise().catalogue, Path(tmp), 300)
        off = (
            "import checker.memo as m\n"
            "m.once = lambda obj, key, make: make()\n"
            "m.once_for = lambda objs, key, make: make()\n"
        )
        run = (
            "import runpy, sys\n"
            f"sys.argv = ['fazhi', 'check', {tmp!r}, '--format', 'json', '--jobs', '1']\n"
            "runpy.run_module('checker', run_name='__main__')\n"
        )
        got = wall_in_turns(
            {"memo": [sys.executable, "-c", run], "no memo": [sys.executable, "-c", off + run]}, rounds=5
        )
    _show(
        "memo: check of 300 files, --jobs 1 (best / median s)",
        [f"{name}: {b:.2f} s / {m:.2f} s" for name, (b, m) in got.items()],
    )


@measure
def gc_batch():
    """``checker.parallel.batch_gc``: the collector's young pass every 5,000 allocations and the
    pack frozen out of it, against Python's default, in ``fazhi check DIR --format json --jobs 1``
    over 300 files."""
    with tempfile.TemporaryDirectory() as tmp:
        synth.write(load_pack_or_raise().catalogue, Path(tmp), 300)
        off = "import checker.parallel as p\np.batch_gc = lambda: (lambda: None)\n"
        run = (
            "import runpy, sys\n"
            f"sys.argv = ['fazhi', 'check', {tmp!r}, '--format', 'json', '--jobs', '1']\n"
            "runpy.run_module('checker', run_name='__main__')\n"
        )
        got = wall_in_turns(
            {"batch_gc": [sys.executable, "-c", run], "default gc": [sys.executable, "-c", off + run]}, rounds=5
        )
    _show(
        "garbage collection: check of 300 files, --jobs 1 (best / median s)",
        [f"{name}: {b:.2f} s / {m:.2f} s" for name, (b, m) in got.items()],
    )


@measure
def yaml_fast():
    """The YAML reader's fast path (a line reader for the part of YAML submissions use) against
    composing PyYAML's nodes (``_full``), on 300 synthetic submissions, marks kept either way."""
    from checker import yamlpos

    with tempfile.TemporaryDirectory() as tmp:
        paths = synth.write(load_pack_or_raise().catalogue, Path(tmp), 300)
        texts = [p.read_text(encoding="utf-8") for p in paths]

    def fast():
        for text in texts:
            yamlpos.load(text, "x.yaml")

    def composed():
        for text in texts:
            yamlpos._full(text, "x.yaml")

    best = best_in_turns({"fast path": fast, "composer only": composed}, rounds=3, least=0.5)
    _show(
        "YAML reader: fast path vs the composer (ms a file)",
        [f"{name}: {s / len(texts) * 1e3:.2f} ms" for name, s in best.items()],
    )


# --- start-up -----------------------------------------------------------------------------------


@measure
def records():
    """``checker.record``: making each record class with ``@dataclass`` (which compiles its methods
    from source text at import) against ``@record`` (methods written out, in the .pyc)."""
    from checker.record import FrozenRecord, dataclass_spec, record_classes

    classes = record_classes()

    specs = [
        (cls.__name__, dataclass_spec(cls), issubclass(cls, FrozenRecord), "__slots__" in cls.__dict__)
        for cls in classes
    ]

    def as_dataclasses():
        for name, fields, frozen, slots in specs:
            dataclasses.make_dataclass(name, fields, frozen=frozen, slots=slots)

    def as_records():
        for name, fields, _frozen, slots in specs:
            dataclasses.make_dataclass(name, fields, init=False, repr=False, eq=False, slots=slots)

    best = best_in_turns({"@dataclass": as_dataclasses, "@record": as_records}, rounds=5, least=0.3)
    _show(
        f"record classes: making the {len(classes)} classes (ms, once per process)",
        [f"{name}: {s * 1e3:.1f} ms" for name, s in best.items()],
    )


@measure
def caches():
    """The two disk caches: a one-file check with both warm, with both off, and (in process)
    loading the pack from the built-pack cache, building it from cached YAML documents, and
    building it from the files."""
    from checker import cache
    from checker.pack import built, load_pack, rules_root

    _compile_bytecode()
    sample = str(ROOT / "samples" / "sheqi-2024.yaml")
    check = [sys.executable, "-m", "checker", "check", sample, "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {"FAZHI_CACHE_DIR": tmp}
        subprocess.run(check, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
        warm = wall_in_turns({"warm": check}, rounds=9, env=env)
    off = wall_in_turns({"off": check}, rounds=9, env={"FAZHI_CACHE_DIR": "off"})
    rows = [
        f"one-file check, caches {name}: best {b * 1e3:.0f} ms, median {m * 1e3:.0f} ms"
        for name, (b, m) in {**warm, **off}.items()
    ]

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FAZHI_CACHE_DIR"] = tmp
        load_pack()  # fills both caches
        from checker.pack import _build
        from checker.pack.files import profile_path

        root = rules_root()
        profile = profile_path(root, None)
        key = built.key(root, profile)

        def from_built():
            built.get(key, lambda: _build(root, profile, built.Reads()))

        def from_yaml_cache():
            _build(root, profile, built.Reads())

        def from_files():
            os.environ["FAZHI_CACHE_DIR"] = "off"
            try:
                _build(root, profile, built.Reads())
            finally:
                os.environ["FAZHI_CACHE_DIR"] = tmp

        entry = json.loads(cache.entry("pack", key).read_bytes())

        def eager_examples():
            built.decode_pack(entry["pack"])

        def lazy_examples():
            built.decode_pack(entry["pack"], lambda: None)

        best = best_in_turns(
            {
                "built-pack cache": from_built,
                "YAML cache only": from_yaml_cache,
                "no cache": from_files,
                "decode, examples later": lazy_examples,
                "decode, examples now": eager_examples,
            },
            rounds=3,
            least=0.5,
        )
        del os.environ["FAZHI_CACHE_DIR"]
    rows += [f"loading the pack: {name}: {s * 1e3:.1f} ms" for name, s in best.items()]
    _show("disk caches", rows)


@measure
def yaml_cache_others():
    """The YAML cache for what the built-pack cache does not hold: a scoring scheme, the extractor's
    patterns, a profile: parsed by our reader against read back from the cache."""
    from checker import cache, yamlpos

    groups = {
        "scheme (national)": [ROOT / "rules" / "schemes" / "national.yaml"],
        "extract patterns": sorted((ROOT / "rules" / "extract").glob("*.yaml")),
        "rule pack files": sorted((ROOT / "rules" / "pack").glob("*.yaml")),
    }
    rows = []
    for name, paths in groups.items():
        paths = [p for p in paths if p.is_file()]
        if not paths:
            continue
        raws = [p.read_bytes() for p in paths]
        encoded = [json.dumps(cache.encode(yamlpos.load(r.decode("utf-8-sig"), "x")[0])).encode() for r in raws]

        def parse(raws=raws):
            for raw in raws:
                yamlpos.load(raw.decode("utf-8-sig"), "x")

        def cached(raws=raws, encoded=encoded):
            for raw, text in zip(raws, encoded):
                cache.digest(raw)
                cache.decode(json.loads(text))

        best = best_in_turns({"parse": parse, "cache": cached}, rounds=3, least=0.3)
        rows.append(
            f"{name} ({len(paths)} files): parse {best['parse'] * 1e3:.1f} ms, "
            f"from the cache {best['cache'] * 1e3:.1f} ms"
        )
    _show("YAML cache, files the built pack does not cover", rows)


@measure
def yaml_cache_commands():
    """Commands that read YAML files the built pack does not replace, with the YAML cache and with
    its lookups turned off (the built-pack cache warm either way)."""
    _compile_bytecode()
    commands = {
        "rules lint": ["rules", "lint"],
        "score 5 samples": [
            "score",
            *(
                f"samples/{s}"
                for s in (
                    "sheqi-2024.yaml",
                    "fictional-missing.yaml",
                    "fictional-inconsistent.yaml",
                    "fictional-missed-rate.yaml",
                    "fictional-zero-denominator.json",
                )
            ),
            "--format",
            "json",
            "--jobs",
            "1",
        ],
    }
    off = "import checker.cache as c\nc.get = lambda data: None\n"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv in commands.items():
            run = f"import runpy, sys\nsys.argv = ['fazhi', *{argv!r}]\nrunpy.run_module('checker', run_name='__main__')\n"
            subprocess.run(
                [sys.executable, "-c", run],
                cwd=ROOT,
                env={**os.environ, "FAZHI_CACHE_DIR": tmp},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            got = wall_in_turns(
                {"cache": [sys.executable, "-c", run], "no YAML cache": [sys.executable, "-c", off + run]},
                rounds=7,
                env={"FAZHI_CACHE_DIR": tmp},
            )
            rows += [
                f"{name}, {variant}: best {b * 1e3:.0f} ms, median {m * 1e3:.0f} ms" for variant, (b, m) in got.items()
            ]
    _show("YAML cache in the commands that use it", rows)


def _compile_bytecode() -> None:
    """As an install has it (pip compiles the package; this machine sets PYTHONDONTWRITEBYTECODE)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)


@measure
def imports():
    """What a one-file check leaves unimported costs, in a fresh interpreter (-X importtime: the
    module with everything it imports that was not loaded yet)."""
    names = (
        "typing",
        "hashlib",
        "_blake2",
        "shutil",
        "decimal",
        "dataclasses",
        "multiprocessing",
        "signal",
        "tempfile",
        "rich.console",
        "openpyxl",
        "ast",
        "string",
    )
    rows = []
    for name in names:
        costs = []
        for _ in range(5):
            err = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"import {name}"], capture_output=True, text=True
            ).stderr
            line = next((ln for ln in err.splitlines() if ln.rstrip().endswith(f"| {name}")), None)
            if line:
                costs.append(int(line.split("|")[1]))
        if costs:
            rows.append(f"import {name}: {min(costs) / 1000:.1f} ms")
    _show("imports (best of 5, ms)", rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list:
        for name, fn in MEASURES.items():
            print(f"{name}: {fn.__doc__.split(chr(10))[0]}")
        return
    import platform

    print(
        f"# {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{len(os.sched_getaffinity(0))} cores"
    )
    for name in args.names or MEASURES:
        MEASURES[name]()


if __name__ == "__main__":
    main()
