"""The assessor's journey: a cohort's files (several, or a .zip) scored as ``fazhi score`` scores them,
in the background with its progress to watch, then ranked; the ranking, each region's deductions,
and the scoring sheet (XLSX), CSV and HTML report to download.

A run is a ``Job``: its files in their own temporary folder (removed when it ends), its progress,
then its ``CohortReport``. A job is found by its id alone, 128 random bits that only its page
knows, so one user's cohort is never another's. At most ``Settings.jobs`` are kept; a finished one
is dropped after ``Settings.job_minutes``, or sooner to make room."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from checker.errors import Diagnostic, FazhiError
from checker.serve.service import renamed
from checker.serve.uploads import discard

log = logging.getLogger("fazhi.serve")


class Job:
    def __init__(self, saved, skipped, folder: str, lang: str):
        self.id = secrets.token_urlsafe(16)
        self.saved, self.skipped, self.folder, self.lang = saved, skipped, folder, lang
        self.total, self.done = len(saved), 0
        self.state = "running"  # running | done | failed
        self.report = None
        self.finished: float | None = None
        self.ended = threading.Event()  # set when the run has ended, whichever way

    def progress(self) -> dict:
        state = self.state
        return {"state": state, "done": self.total if state == "done" else self.done, "total": self.total}


class Jobs:
    """The runs kept, and the threads that run them."""

    def __init__(self, service):
        self.service = service
        self.limit, self.keep = service.settings.jobs, service.settings.job_minutes * 60
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=service.settings.workers, thread_name_prefix="fazhi-score")
        self._stopping = False

    def start(self, saved, skipped, folder: str, lang: str) -> Job:
        job = Job(saved, skipped, folder, lang)
        with self._lock:
            self._make_room()
            if len(self._jobs) >= self.limit:
                raise FazhiError(Diagnostic("serve.busy", None, None, None, {"limit": self.limit}))
            self._jobs[job.id] = job
        self._pool.submit(self._run, job)
        return job

    def get(self, ident: str) -> Job | None:
        with self._lock:
            self._make_room()
            return self._jobs.get(ident)

    def _make_room(self) -> None:
        """Finished runs past their time dropped; while all places are taken, the oldest finished too."""
        now = time.monotonic()
        for ident, job in list(self._jobs.items()):
            if job.finished is not None and now - job.finished > self.keep:
                del self._jobs[ident]
        while len(self._jobs) >= self.limit:
            oldest = next((i for i, j in self._jobs.items() if j.finished is not None), None)
            if oldest is None:
                return
            del self._jobs[oldest]

    def _run(self, job: Job) -> None:
        try:
            scored = []
            for saved in job.saved:
                if self._stopping:
                    raise RuntimeError("stopping")
                scored.append(score_one(self.service, saved, job.lang))
                job.done += 1
            from checker.score.cohort import cohort, once_each

            job.report = cohort(self.service.scheme, self.service.pack, once_each(scored, job.lang), [], job.lang)
            job.state = "done"
        except Exception:  # noqa: BLE001 - said on the page; the cause in the server's log
            log.exception("scoring run %s failed", job.id)
            job.state = "failed"
        finally:
            discard(job.folder)
            job.saved = ()
            job.finished = time.monotonic()
            job.ended.set()

    def close(self) -> None:
        self._stopping = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for job in self._jobs.values():
                if job.finished is None:
                    discard(job.folder)


def score_one(service, saved, lang: str):
    """One file scored as ``fazhi score`` scores it (``checker.score.cohort``), named as uploaded; what
    cannot be scored says why in ``lang``, the language the run was started in."""
    from checker.inputs.dispatch import read_input
    from checker.score.compute import score
    from checker.score.model import FileError

    sub = read_input(saved.path, service.pack)
    result = renamed(service.check(sub), saved.name)
    if result.errors or not result.findings:
        problems = result.errors or result.diagnostics
        return FileError(saved.name, tuple(f"{d.where()}: {d.message(lang)}" for d in problems))
    # reasons in both languages: the page and its downloads follow the language switch
    return replace(score(result, sub, service.scheme, service.pack.catalogue, ("zh", "en")), file=saved.name)


def ranking_view(report, lang: str) -> dict:
    """The ranking, its chart's bars and each region's deductions, as plain values for the template."""
    from checker.score.model import tr

    rows = []
    for c in report.counties:
        items = [
            {
                "rule": i.rule,
                "title": tr(i.title, lang),
                "deduction": _num(i.deduction),
                "reason": tr(i.reason, lang),
                "status": i.status,
            }
            for i in c.failed_items
        ]
        rows.append(
            {
                "rank": c.rank,
                "region": c.region,
                "year": c.year,
                "total": _num(c.total),
                "grade": tr(c.grade_name, lang),
                "grade_key": c.grade,
                "file": c.file,
                "deductions": items,
                "vetoes": [tr(v.label, lang) for v in c.vetoes],
                "bar": round(max(0.0, min(100.0, c.total)) * 4, 1),
            }
        )
    return {
        "rows": rows,
        "errors": [(e.file, e.messages) for e in report.errors],
        "notes": list(report.notes),
        "scheme": tr(report.scheme_name, lang),
        "illustrative": (report.illustrative or {}).get(lang) if report.illustrative else None,
    }


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x % 1 else str(int(x))


DOWNLOADS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "评分表.xlsx", "scores.xlsx"),
    "csv": ("text/csv; charset=utf-8", "排名.csv", "ranking.csv"),
    "html": ("text/html; charset=utf-8", "评分报告.html", "scores.html"),
}


def rendered(report, kind: str, lang: str) -> bytes:
    """The scoring sheet, the ranking or the report, made as ``fazhi score --xlsx/--csv/--html`` makes
    them (the same bytes)."""
    import io

    out = io.BytesIO()
    if kind == "xlsx":
        from checker.score.xlsx import stream_xlsx

        stream_xlsx(report, lang, out.write)
    elif kind == "csv":
        from checker.score.csv_out import render_csv

        out.write(render_csv(report, lang).encode("utf-8-sig"))
    else:
        from checker.score.html import html_pieces

        for piece in html_pieces(report, lang):
            out.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
    return out.getvalue()
