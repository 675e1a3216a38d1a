"""``fazhi check`` over many files on several cores, still streamed in input order.

Each worker process loads and compiles the pack once, then reads, checks and renders chunks of
files; the parent writes the rendered pieces in input order as they come back, with at most two
chunks per worker in flight, so memory stays flat however many files there are.  Workers are
started fresh ("spawn"), not forked: a forked worker would carry the parent's list of 100,000
paths in its resident memory.  The output is byte-identical to a one-process run (a test holds it).
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import itertools
import os

MIN_FILES = 64  # below this, starting workers costs more than it saves
CHUNK = 16  # files per task

_state: dict = {}


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def batch_gc():
    """Garbage collection for a process about to check many files, once its pack is loaded; returns
    what puts it back (for a run inside a longer-lived process, such as a test).

    Each submission makes thousands of short-lived containers (the parsed mapping, values,
    findings), freed by reference counting; at the default threshold (700) the collector's young
    pass ran over them several times a file (docs/performance.md). The pack and all
    loaded so far are frozen out of the passes (they live as long as the process), and the young
    generation is collected every 5,000 allocations. Cycles are still collected, a little later.
    """
    import gc

    threshold, thaw = gc.get_threshold(), gc.get_freeze_count() == 0  # never thaw what others froze
    if thaw:
        gc.freeze()
    gc.set_threshold(5000, *threshold[1:])

    def restore() -> None:
        gc.set_threshold(*threshold)
        if thaw:
            gc.unfreeze()

    return restore


@dataclasses.dataclass(frozen=True)
class CheckSetup:
    """What a ``check`` worker needs to do what the parent would: the pack to load, the engine, the
    report metadata overrides, the renderers' view and each output's (module, encoding, errors,
    newline) (``commands.sinks.Sink``; pieces are sent encoded, or as text where encoding is None)."""

    rules_dir: str | None
    profile: str | None
    engine: str
    overrides: dict
    view: dict
    outputs: tuple
    fail_on: str
    complete: bool = False


def _init(setup: CheckSetup) -> None:
    """Worker start (Ctrl-C already ignored, see ``sigint_ignored``): the pack, the engine and the
    renderer modules, once per process."""
    try:
        import importlib

        from checker.engine import Checker
        from checker.pack import load_pack_or_raise
        from checker.render import Context

        pack = load_pack_or_raise(setup.rules_dir, setup.profile)
        if setup.complete:
            pack = pack.requiring_complete()
        _state.update(
            pack=pack,
            checker=Checker(pack, setup.engine),
            overrides=setup.overrides,
            fail_on=setup.fail_on,
            ctx=Context(catalogue=pack.catalogue, **setup.view),
            outputs=[(importlib.import_module(name), *encoding) for name, *encoding in setup.outputs],
        )
        batch_gc()
    except Exception as exc:  # reported by the first task, in the parent (a failed initializer prints a traceback)
        _state["failed"] = f"{type(exc).__name__}: {exc}"


def _check_chunk(items: list) -> list:
    """[(index, path)] -> [(status, failed, [rendered piece per output])]."""
    from checker.inputs.dispatch import read_input
    from checker.render import encoded_piece

    if "failed" in _state:
        raise RuntimeError(_state["failed"])
    pack, checker, ctx = _state["pack"], _state["checker"], _state["ctx"]
    out = []
    for index, path in items:
        result = checker.check(read_input(path, pack, _state["overrides"]))
        out.append(
            (
                result.status,
                result.failed(_state["fail_on"]),
                [encoded_piece(module, result, index, ctx, *encoding) for module, *encoding in _state["outputs"]],
            )
        )
    return out


class WorkersFailed(Exception):
    """A worker process died or could not start (its pack failed to load, the engine crashed)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM to a run with workers, handled as Ctrl-C is: the pool is shut down (its workers end),
    then the run stops with exit code 143 (128 + SIGTERM) and says so."""

    exit_code = 143
    message = "cli.terminated"


@contextlib.contextmanager
def terminated_as_interrupted():
    """While workers run, SIGTERM to the parent raises Terminated in it, so that the pool is shut down
    as on Ctrl-C (by default the parent died at once and left its workers running for good, holding
    the caller's pipes). A worker forked in here that is sent SIGTERM before its initializer resets
    the signal dies of it, as by default."""
    import signal

    parent = os.getpid()

    def handler(signum, frame):
        if os.getpid() != parent:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Terminated()

    with _signal_set(signal, signal.SIGTERM, handler):
        yield


def guarded_start(parent: int, initializer, setup) -> None:
    """A worker's initializer: SIGTERM kills it (as by default), and it dies with its parent, however
    the parent ends (killed, crashed); then ``initializer(setup)``."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    initializer(setup)


def _die_with_parent(parent: int) -> None:
    """On Linux the kernel sends SIGKILL when the parent ends (PR_SET_PDEATHSIG); elsewhere a thread
    looks at the parent once a second. A parent gone already (between the fork and here): exit now."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(1, 9, 0, 0, 0) == 0  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:
        os._exit(1)
    if armed:
        return
    import threading
    import time

    def watch() -> None:  # pragma: no cover - not Linux
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="fazhi-parent-watch").start()


@contextlib.contextmanager
def sigint_ignored():
    """Workers forked in here start with Ctrl-C ignored: it is the parent's to handle, from the
    first instant (setting it in the initializer would leave a window after the fork)."""
    import signal  # here: a one-file check imports this module but starts no worker

    with _signal_set(signal, signal.SIGINT, signal.SIG_IGN):
        yield


@contextlib.contextmanager
def _signal_set(signal, signum, handler):
    """``handler`` for ``signum`` while the block runs, the previous one after; nothing where this is
    not the main thread (signals are not ours to set there). ``signal``: the module, imported lazily."""
    try:
        previous = signal.signal(signum, handler)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signum, previous)


def checked(files: list, first_index: int, setup: CheckSetup, jobs: int):
    """Yield (status, failed, pieces) for every file, in order, checked by ``jobs`` workers."""
    tasks = (
        [(first_index + i + k, path) for k, path in enumerate(files[i : i + CHUNK])]
        for i in range(0, len(files), CHUNK)
    )
    for done in ordered(_check_chunk, tasks, jobs, _init, setup):
        yield from done


def ordered(work, tasks, jobs: int, initializer, setup):
    """``work(task)`` for every task on ``jobs`` fresh worker processes, each started with
    ``initializer(setup)``; the results yielded in the tasks' order as they come, with at most two
    tasks per worker in flight (memory stays flat however many tasks there are).

    The one worker pool of ``check`` and ``score``: workers are started fresh ("spawn"), not forked
    (a forked worker would carry the parent's list of 100,000 paths); they start with Ctrl-C ignored
    (it is the parent's), die with the parent, and SIGTERM to the parent shuts the pool down as
    Ctrl-C does. A worker that dies or fails to start is WorkersFailed."""
    import multiprocessing  # here: a one-file check never needs these
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    tasks = iter(tasks)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=guarded_start,
        initargs=(os.getpid(), initializer, setup),
    )
    with terminated_as_interrupted():
        try:
            with sigint_ignored():
                window = collections.deque(pool.submit(work, t) for t in itertools.islice(tasks, 2 * jobs))
            while window:
                try:
                    done = window.popleft().result()
                except (BrokenProcessPool, RuntimeError) as exc:
                    raise WorkersFailed(str(exc) or type(exc).__name__) from None
                task = next(tasks, None)
                if task is not None:
                    window.append(pool.submit(work, task))
                yield done
        except BaseException:
            # Wait for the pool's thread: leaving it running races with the interpreter's exit hook,
            # which then writes to the pool's closed wake-up pipe and prints a traceback (CPython 3.11).
            # Pending tasks are cancelled, so this waits at most for the tasks already running.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
