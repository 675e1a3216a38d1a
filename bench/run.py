"""Benchmark: engines, end to end, memory and start-up (a script, not a test).

    python bench/run.py                      # N = 1,000 and 10,000 end to end; 100,000 engine-only
    python bench/run.py --sizes 1000 --end-to-end 1000
    python bench/run.py --cohort 1000 10000  # only score --xlsx --html --csv beside check (issue 24)
    python bench/run.py --small 5000         # only check of N small submissions against parsing them (issue 24)

Generates N synthetic submissions from the catalogue (fixed seed, about 10% failing values; see
checker/synth.py) and reports submissions per second:

* engine-only: the compiled pack on prepared facts — durable-rules, the plain evaluator (the
  generated function), and the floor: a hand-written interpreter loop over the same compiled
  predicates in the same process; the fastest pass over the N facts, the engines taking turns;
* end to end: `fazhi check DIR --format json` over N files on one core (``--jobs 1``) and on all
  cores (the default), against parsing the same files only with PyYAML's C loader (one process)
  and reading them only with our reader (marks kept; one process), and `fazhi score`;
* peak memory (max RSS of the child process) for those runs;
* start-up: `fazhi check one.yaml` against `python -c "import yaml, rich.console"` (bytecode
  compiled as an install would; the pack cache warm, and once cold).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
from checker.engine.ir import Absent, AllOf, AnyOf, Cmp, Const, Present  # noqa: E402
from checker.inputs.structured import load_mapping  # noqa: E402
from checker.pack import load_pack_or_raise  # noqa: E402


def floor_eval(pred, v) -> bool:
    """The floor: a plain hand-written loop over the predicate tree, no compilation at all."""
    kind = type(pred)
    if kind is Cmp:
        name, right = pred.field, pred.right
        if name not in v:
            return False
        a, b = v[name], (right.value if type(right) is Const else v.get(right.name))
        if b is None:
            return False
        op = pred.op
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    if kind is Present:
        return pred.field in v
    if kind is Absent:
        return pred.field not in v
    if kind is AllOf:
        return all(floor_eval(p, v) for p in pred.items)
    if kind is AnyOf:
        return any(floor_eval(p, v) for p in pred.items)
    return bool(pred.value)


def facts(pack, n: int, checker) -> list[tuple[dict, list]]:
    """Prepared facts, each as its dict and its row (``checker.engine.fact``)."""
    rng = random.Random(20241231)
    return [
        fact(
            checker.compiled, load_mapping(synth.as_mapping(synth.submission(pack.catalogue, rng, i)), pack.catalogue)
        )[:2]
        for i in range(n)
    ]


def engine_rows(pack, n: int, rounds: int = 3, least: float = 0.3) -> dict:
    """Facts per second, each engine on the same prepared facts: the fastest pass over all N facts.
    The engines run in turns, ``rounds`` times, each time passing over the facts until ``least``
    seconds have gone: this machine's speed drifts within minutes, and one engine timed only in a
    slow minute would be charged for it. durable-rules' core alone (``core``) takes its turn too, one
    pass a round (its facts are written anew for each). The facts are the fixture: they are moved out of the
    garbage collector's sight (gc.freeze) so that its passes over them, which grow with N, are not
    charged to the engines, and what each engine returns is dropped at once."""
    import gc

    plain = Checker(pack, "python")
    data = facts(pack, n, plain)
    preds = [(cr.index, kind, pred) for cr in plain.compiled.rules for kind, pred in cr.preds.items()]
    engines = {"floor": lambda v, _: [1 for _, _, p in preds if floor_eval(p, v)], "python": plain.engine.fired}
    durable = Checker(pack, "durable") if durable_available() else None
    if durable is not None:
        engines["durable"] = durable.engine.fired

    def fastest_pass(fired) -> float:
        best, start = float("inf"), time.perf_counter()
        while True:
            t = time.perf_counter()
            for values, row in data:
                fired(values, row)
            now = time.perf_counter()
            best = min(best, now - t)
            if now - start >= least:
                return best

    gc.collect()
    gc.freeze()
    try:
        best = {name: float("inf") for name in engines}
        for r in range(rounds):
            for name, fired in engines.items():
                best[name] = min(best[name], fastest_pass(fired))
            if durable is not None:
                best["core"] = min(best.get("core", float("inf")), core_pass(durable.engine, data, r))
    finally:
        gc.unfreeze()
        if durable is not None:
            durable.close()
    return {name: n / seconds for name, seconds in best.items()}


def core_pass(engine, data, tag: int) -> float:
    """Seconds of one pass of durable-rules' core over the facts, each written to its JSON beforehand
    (untimed; ids of their own, ``tag`` telling the passes apart): asserted and what fired read back,
    with the least Python around the core's calls. Every way of driving it must also write each
    fact, so none can beat this on the pack."""
    texts = [
        [session.writer.encode(row, f"c{tag}s{i}") for session in engine.sessions] for i, (_, row) in enumerate(data)
    ]
    runs = [session.run for session in engine.sessions]
    start = time.perf_counter()
    for fact_texts in texts:
        for run, text in zip(runs, fact_texts):
            run(text)
    return time.perf_counter() - start


# Peak memory is read inside the measured process: its own high-water mark (VmHWM, which starts
# afresh at exec) and the largest of its worker processes. ru_maxrss from wait4 is not used: on
# Linux a child starts from the RSS its parent had when it forked, so it would count the benchmark.
PEAK = (
    "import atexit, os, resource, runpy, sys\n"
    "def _peak():\n"
    "    hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    open(os.environ['FAZHI_BENCH_PEAK'], 'w').write(str(max(hwm, kids)))\n"
    "atexit.register(_peak)\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)


def child(command: list[str], ok=(0, 1, 2)) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process, measured by the process itself."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        if command[:2] == [sys.executable, "-m"]:
            command = [sys.executable, "-c", PEAK, *command[2:]]
        start = time.perf_counter()
        proc = subprocess.run(
            command,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, FAZHI_BENCH_PEAK=peak.name),
        )
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok:
            raise SystemExit(f"{command}: exit {proc.returncode}")
        text = peak.read().strip()
    return elapsed, int(text) / 1024 if text else float("nan")


# "just parsing" the files: PyYAML's C loader (the floor), and our reader (marks kept; the
# fast path where a file allows it, else the C composer)
PARSE_ONLY = (
    "import sys, yaml\nfrom pathlib import Path\n"
    "for p in sorted(Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_text(encoding='utf-8'), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))\n"
)
READ_ONLY = (
    "import sys\nfrom pathlib import Path\nsys.path.insert(0, '.')\n"
    "from checker.yamlpos import load\n"
    "for p in sorted(Path(sys.argv[1]).glob('*.yaml')):\n    load(p.read_text(encoding='utf-8'), str(p))\n"
)


def end_to_end(pack, n: int, engine: str, rounds: int = 3) -> dict:
    """Seconds for N files. Parsing and the all-cores check, whose ratio is a target, are run in
    turns ``rounds`` times and the best of each is kept: this machine's speed drifts by a third
    within minutes, so a single run of each would compare two different machines."""
    with tempfile.TemporaryDirectory() as tmp:
        synth.write(pack.catalogue, Path(tmp), n)
        check = [sys.executable, "-m", "checker", "check", tmp, "--format", "json", "--engine", engine]
        parses, reads, cores = [], [], []
        for _ in range(rounds):
            parses.append(child([sys.executable, "-c", PARSE_ONLY, tmp], ok=(0,))[0])
            reads.append(child([sys.executable, "-c", READ_ONLY, tmp], ok=(0,))[0])
            cores.append(child(check))
        parse, read = min(parses), min(reads)
        paired = sorted(c[0] / p for c, p in zip(cores, parses))  # each round's two runs, side by side
        best = min(range(rounds), key=lambda i: cores[i][0])
        cores, peak = cores[best]
        serial, serial_peak = child(check + ["--jobs", "1"])
        plain, _ = child(check[:-1] + ["python"])
        score, score_peak = child(
            [sys.executable, "-m", "checker", "score", tmp, "--format", "json", "--engine", engine, "--no-progress"]
        )
    return {
        "parse_s": parse,
        "read_s": read,
        "serial_s": serial,
        "serial_ratio": serial / parse,
        "serial_peak_mb": serial_peak,
        "check_s": cores,
        "check_per_s": n / cores,
        "ratio": cores / parse,
        "peak_mb": peak,
        "round_ratios": paired,
        "paired_ratio": paired[len(paired) // 2],
        "plain_s": plain,
        "score_s": score,
        "score_per_s": n / score,
        "score_peak_mb": score_peak,
        "read_ratio": cores / read,
        # parsing alone scaled to 100,000 files shared evenly by every core (perfect scaling assumed)
        "parse_100k_s": parse * 100_000 / n / len(os.sched_getaffinity(0)),
        "read_100k_s": read * 100_000 / n / len(os.sched_getaffinity(0)),
    }


def cohort(pack, n: int, engine: str, rounds: int = 2) -> dict:
    """``score --xlsx --html --csv`` of N files beside ``check`` of the same files, both on all cores,
    in turns ``rounds`` times: every run's seconds and peak MB (issue 24 compares their ratios)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp) / "in"
        synth.write(pack.catalogue, files, n)
        check = [sys.executable, "-m", "checker", "check", str(files), "--format", "json", "--engine", engine]
        out = Path(tmp)
        score = [
            sys.executable,
            "-m",
            "checker",
            "score",
            str(files),
            "--format",
            "json",
            "--engine",
            engine,
            "--no-progress",
            "--xlsx",
            str(out / "s.xlsx"),
            "--html",
            str(out / "s.html"),
            "--csv",
            str(out / "s.csv"),
        ]
        runs = []
        for _ in range(rounds):
            c, s = child(check), child(score)
            runs.append(
                {"check_s": c[0], "check_peak_mb": c[1], "score_s": s[0], "score_peak_mb": s[1], "ratio": s[0] / c[0]}
            )
        from checker.score.split import split_folder

        folder = Path(split_folder(str(out / "s.xlsx")))  # past --split-at: a workbook and a page a county
        sizes = {
            name: (
                (out / name).stat().st_size
                + sum(f.stat().st_size for f in folder.glob("*" + Path(name).suffix) if folder.is_dir())
            )
            / 1e6
            for name in ("s.xlsx", "s.html")
        }
    return {"runs": runs, "xlsx_mb": sizes["s.xlsx"], "html_mb": sizes["s.html"]}


def print_cohort(rows: dict) -> None:
    print(
        f"\n{'N':>8} {'run':>4} {'check s':>8} {'peak MB':>8} {'score s':>8} {'peak MB':>8} {'score÷check':>12}"
        f" {'xlsx MB':>8} {'html MB':>8}"
    )
    for n, row in rows.items():
        for i, r in enumerate(row["runs"], 1):
            print(
                f"{n:8d} {i:4d} {r['check_s']:8.1f} {r['check_peak_mb']:8.0f} {r['score_s']:8.1f} "
                f"{r['score_peak_mb']:8.0f} {r['ratio']:11.2f}× {row['xlsx_mb']:8.1f} {row['html_mb']:8.1f}"
            )
    print(
        "(`check --format json` and `score --format json --xlsx --html --csv`, both on all cores, in turns; "
        "xlsx and html MB: the files written, a folder of workbooks or pages included)"
    )


# The figures a narrative report yields (issue 24's "small files"): court attendance, reconsideration
# and litigation counts, normative documents, penalties, law studies, services, decisions, disclosure.
# Fixed, so that the cohort stays the same as the catalogue grows; ~15% of them are left out of each
# file (synth.OMIT_RATE) and two leadership flags are always given: ~35 figures a file.
SMALL_KEYS = (
    "disputes.court_cases_heard",
    "disputes.court_cases_head_attended",
    "disputes.court_hearings",
    "disputes.court_hearings_head_attended",
    "disputes.court_cases_principal_attended",
    "disputes.reconsideration_applications",
    "disputes.reconsideration_accepted",
    "disputes.reconsideration_concluded",
    "disputes.reconsideration_corrected",
    "disputes.reconsideration_mediated",
    "disputes.reconsideration_upheld",
    "disputes.reconsideration_dismissed",
    "disputes.litigation_first_instance_filed",
    "disputes.litigation_cases_concluded",
    "disputes.litigation_cases_lost",
    "disputes.judgments_effective",
    "disputes.judgments_performed",
    "regulation.normative_docs_issued",
    "regulation.normative_docs_reviewed",
    "regulation.normative_docs_filed",
    "regulation.normative_docs_published",
    "regulation.normative_docs_cleaned_up",
    "regulation.normative_docs_repealed",
    "enforcement.penalty_cases",
    "enforcement.fines_amount",
    "enforcement.coercion_cases",
    "enforcement.licensing_decisions",
    "enforcement.inspections",
    "leadership.exec_meeting_law_studies",
    "leadership.department_law_studies",
    "leadership.law_lectures",
    "leadership.law_study_plan_issued",
    "leadership.cadres_trained",
    "leadership.law_publicity_events",
    "functions.services_total",
    "functions.services_online",
    "functions.one_thing_services",
    "functions.hotline_requests",
    "decisions.major_decisions",
    "decisions.major_decisions_legality_reviewed",
    "oversight.foia_requests_received",
)


def small_files(pack, n: int, engine: str, rounds: int = 5, keys=SMALL_KEYS) -> dict:
    """``check DIR --format json`` (all cores) of N small submissions (``SMALL_KEYS``) against parsing
    them with PyYAML's C loader, in turns ``rounds`` times: every round's two runs and their ratio
    (the machine is shared: a ratio of runs taken side by side, not seconds, is the measure).
    ``keys`` None: the usual synthetic files (~150 figures), for the same ratio on them."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = synth.write(pack.catalogue, Path(tmp), n, keys=None if keys is None else set(keys))
        figures = sum(len(yaml_indicators(p)) for p in paths[:200]) / min(n, 200)
        check = [sys.executable, "-m", "checker", "check", tmp, "--format", "json", "--engine", engine]
        runs = []
        for _ in range(rounds):
            parse = child([sys.executable, "-c", PARSE_ONLY, tmp], ok=(0,))[0]
            seconds, peak = child(check)
            runs.append({"parse_s": parse, "check_s": seconds, "peak_mb": peak, "ratio": seconds / parse})
    ratios = sorted(r["ratio"] for r in runs)
    return {"figures": figures, "runs": runs, "median_ratio": ratios[len(ratios) // 2], "best_ratio": ratios[0]}


def yaml_indicators(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]


def print_small(n: int, row: dict) -> None:
    print(f"\n{n} submissions, {row['figures']:.1f} figures a file on average")
    print(f"{'round':>6} {'parse s':>8} {'check s':>8} {'peak MB':>8} {'check÷parse':>12}")
    for i, r in enumerate(row["runs"], 1):
        print(f"{i:6d} {r['parse_s']:8.2f} {r['check_s']:8.2f} {r['peak_mb']:8.0f} {r['ratio']:11.2f}×")
    print(
        f"check ÷ parse: median of the rounds {row['median_ratio']:.2f}×, best {row['best_ratio']:.2f}× "
        "(parse: PyYAML's C loader, one process; check: `--format json`, all cores; in turns)"
    )


def _wall(command: list[str], ok=(0, 1)) -> float:
    start = time.perf_counter()
    code = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - start
    if code not in ok:
        raise SystemExit(f"{command}: exit {code}")
    return elapsed


def _instructions(command: list[str]) -> int | None:
    """Instructions executed (valgrind, where installed): unlike time, the same on a busy machine."""
    import shutil

    if not shutil.which("valgrind"):
        return None
    out = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONHASHSEED="0"),
    ).stderr
    found = [line.split()[-1] for line in out.splitlines() if "I   refs:" in line or "I refs:" in line]
    return int(found[-1].replace(",", "")) if found else None


# One engine's passes over 1,000 prepared facts, counted by valgrind: ``passes`` 1 and 6 differ by
# 5,000 facts' work, so the count a fact leaves out making the facts and starting Python.
PASSES = (
    "import sys\nsys.path.insert(0, '.')\nsys.argv = sys.argv[:1]\n"
    "import bench.run as b\nfrom checker.engine import Checker\nfrom checker.pack import load_pack_or_raise\n"
    "pack = load_pack_or_raise()\nchecker = Checker(pack, 'python')\ndata = b.facts(pack, 1000, checker)\n"
    "engine = Checker(pack, ENGINE).engine if ENGINE != 'python' else checker.engine\n"
    "for _ in range(PASSES):\n    for values, row in data:\n        engine.fired(values, row)\n"
)


def instructions_per_fact() -> dict:
    """Instructions a fact of each engine: unlike time, the same on a busy machine. Bytecode is
    compiled and the pack cache filled first, and the hash seed fixed, so that the two counted runs
    differ only by the passes."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker"), str(ROOT / "bench")], check=True)
    subprocess.run([sys.executable, "-c", "ENGINE, PASSES = 'python', 0\n" + PASSES], cwd=ROOT, check=True)
    out = {}
    for engine in ("python", "durable") if durable_available() else ("python",):
        counts = [
            _instructions([sys.executable, "-c", f"ENGINE, PASSES = {engine!r}, {passes}\n" + PASSES])
            for passes in (1, 6)
        ]
        if None in counts:
            return {}
        out[engine] = (counts[1] - counts[0]) / 5000
    return out


def startup(rounds: int = 15) -> dict:
    """One-file check against the import floor, as installed: bytecode compiled (pip does that at
    install; this machine sets PYTHONDONTWRITEBYTECODE), the pack cache warm and, once, cold.
    The floor and the check are timed in turns (the machine's speed drifts), and their ratio is
    also given in instructions, which do not drift."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)
    sample = str(ROOT / "samples" / "sheqi-2024.yaml")
    floor_cmd = [sys.executable, "-c", "import yaml, rich.console"]
    runs: dict = {"floor": [], "json": [], "text": []}
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FAZHI_CACHE_DIR"] = cache
        cold = _wall([sys.executable, "-m", "checker", "check", sample, "--format", "json"])
        check = {fmt: [sys.executable, "-m", "checker", "check", sample, "--format", fmt] for fmt in ("json", "text")}
        for _ in range(rounds):
            runs["floor"].append(_wall(floor_cmd, ok=(0,)))
            for fmt, command in check.items():
                runs[fmt].append(_wall(command))
        floor_i, check_i = _instructions(floor_cmd), _instructions(check["json"])
        del os.environ["FAZHI_CACHE_DIR"]
    best = {k: min(v) for k, v in runs.items()}
    median = {k: sorted(v)[len(v) // 2] for k, v in runs.items()}
    paired = sorted(j / f for j, f in zip(runs["json"], runs["floor"]))  # each round's two runs, side by side
    return {
        "floor_s": best["floor"],
        "json_s": best["json"],
        "text_s": best["text"],
        "cold_s": cold,
        "check_s": best["json"],
        "ratio": best["json"] / best["floor"],
        "median_ratio": median["json"] / median["floor"],
        "paired_ratio": paired[len(paired) // 2],
        "floor_instructions": floor_i,
        "check_instructions": check_i,
        "instruction_ratio": check_i / floor_i if floor_i and check_i else None,
    }


def warm_up(seconds: float = 10.0) -> None:
    """Seconds of work before anything is timed: this machine reaches its speed only after a few
    seconds of load (measured: the engines' first 5 s in a process ran a third slower, the floor
    and durable-rules alike; after 8 s of any work they did not)."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        sum(i * i for i in range(10000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--end-to-end", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--engine", default="durable" if durable_available() else "python")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--cohort",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="only score --xlsx --html --csv beside check at these sizes (issue 24)",
    )
    parser.add_argument(
        "--small",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="only check of N small submissions (~35 figures) against parsing them (issue 24)",
    )
    parser.add_argument("--rounds", type=int, help="rounds in turns: --small (default 5), --cohort (default 2)")
    parser.add_argument("--full", action="store_true", help="--small with the usual files (~150 figures)")
    args = parser.parse_args()
    pack = load_pack_or_raise()
    if args.small is not None:
        print(
            f"# {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
            f"{len(os.sched_getaffinity(0))} cores; {len(pack.rules)} rules"
        )
        warm_up(3.0)
        rows = {}
        for n in args.small:
            rows[n] = small_files(pack, n, args.engine, args.rounds or 5, None if args.full else SMALL_KEYS)
            print_small(n, rows[n])
        if args.json:
            print(json.dumps(rows, indent=2))
        return
    if args.cohort is not None:
        print(
            f"# {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
            f"{len(os.sched_getaffinity(0))} cores; {len(pack.rules)} rules"
        )
        rows = {}
        for n in args.cohort:
            rows[n] = cohort(pack, n, args.engine, args.rounds or 2)
            print_cohort({n: rows[n]})
        if args.json:
            print(json.dumps(rows, indent=2))
        return
    out = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores",
        "rules": len(pack.rules),
        "engine": {},
        "end_to_end": {},
    }
    print(f"# {out['machine']}; {len(pack.rules)} rules")
    warm_up()
    # engines first, start-up next, end to end last: minutes of work on both cores slow this machine
    # down (by a third, measured), and each part compares what it measures in turns anyway
    print(
        f"{'N':>8} {'durable/s':>10} {'python/s':>10} {'floor/s':>10} {'durable×floor':>14} {'python×floor':>13}"
        f" {'core/s':>8}"
    )
    for n in args.sizes:
        rows = engine_rows(pack, n)
        out["engine"][n] = rows
        d = rows.get("durable", float("nan"))
        print(
            f"{n:8d} {d:10.0f} {rows['python']:10.0f} {rows['floor']:10.0f} "
            f"{d / rows['floor']:13.2f}× {rows['python'] / rows['floor']:12.2f}× {rows.get('core', float('nan')):8.0f}"
        )
    print("(core/s: durable-rules' C core alone, on facts written to JSON beforehand: asserted, what fired read back)")
    counts = instructions_per_fact()
    if counts:
        out["instructions_per_fact"] = counts
        print(
            "instructions a fact (valgrind, 1,000 facts): "
            + ", ".join(f"{name} {count:,.0f}" for name, count in counts.items())
        )
    out["startup"] = startup()
    s = out["startup"]
    print(
        f"\nstart-up (15 rounds, in turns): fazhi check one.yaml --format json {s['json_s'] * 1000:.0f} ms "
        f"({s['ratio']:.2f}× the import floor {s['floor_s'] * 1000:.0f} ms; medians {s['median_ratio']:.2f}×; "
        f"the median of the rounds' ratios {s['paired_ratio']:.2f}×); "
        f"text view {s['text_s'] * 1000:.0f} ms; first run with a cold pack cache {s['cold_s'] * 1000:.0f} ms"
    )
    if s["instruction_ratio"]:
        print(
            f"instructions: {s['check_instructions'] / 1e6:.0f} M against the floor's "
            f"{s['floor_instructions'] / 1e6:.0f} M ({s['instruction_ratio']:.2f}×)"
        )
    print(
        f"\n{'N':>8} {'parse s':>8} {'read s':>7} {'check -j1':>10} {'÷parse':>7} {'peak MB':>8} {'check':>7} "
        f"{'÷parse':>7} {'÷read':>6} {'peak MB':>8} {'python':>7} {'score s':>8} {'score/s':>8} {'peak MB':>8}"
    )
    for n in args.end_to_end:
        row = end_to_end(pack, n, args.engine)
        out["end_to_end"][n] = row
        print(
            f"{n:8d} {row['parse_s']:8.1f} {row['read_s']:7.1f} {row['serial_s']:10.1f} {row['serial_ratio']:6.2f}× "
            f"{row['serial_peak_mb']:8.0f} {row['check_s']:7.1f} {row['ratio']:6.2f}× {row['read_ratio']:5.2f}× "
            f"{row['peak_mb']:8.0f} "
            f"{row['plain_s']:7.1f} {row['score_s']:8.1f} {row['score_per_s']:8.0f} {row['score_peak_mb']:8.0f}"
        )
    for n, row in out["end_to_end"].items():
        print(
            f"{n}: each round's check ÷ parse "
            + ", ".join(f"{r:.2f}×" for r in row["round_ratios"])
            + f" (median {row['paired_ratio']:.2f}×); for 100,000 files on {len(os.sched_getaffinity(0))} cores, "
            f"parsing alone would take {row['parse_100k_s']:.0f} s and reading {row['read_100k_s']:.0f} s"
        )
    print(
        f"(seconds; parse: PyYAML's C loader only, one process; read: our reader only (marks kept), one process; "
        f"`check --format json` with --engine {args.engine}, on one core (-j1) and on all cores (the default); "
        "`python`: the same on all cores with --engine python; parse, read and check: best of 3 runs in turns, "
        "and each round's own ratio to parse)"
    )
    if args.json:
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
