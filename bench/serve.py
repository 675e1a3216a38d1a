"""fazhi serve under load, on loopback: memory across many requests, and many checks at once.

    python bench/serve.py                      # 1,000 requests, 50 at once; figures on stdout
    python bench/serve.py --requests 5000 --concurrent 100

Starts ``fazhi serve --port 0`` in a child process and measures it from outside: its resident memory
(VmRSS, Linux's /proc) after every tenth of the requests, and whether each answer carries its own
file's region and findings. The requests go round the pages a user meets: a submission uploaded and
checked, the same corrected and checked again, the YAML downloaded, the rules and a rule, the
indicators, a report (the seed report where ../shared/seed has one) and, every 50th, a cohort of
three scored to the end. Not a test: nothing here passes or fails on time; docs/serve.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("FAZHI_CACHE_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "fazhi-bench-cache"))

from test_serve import page_findings, sent  # noqa: E402
from test_serve_load import Server, check_upload, multipart  # noqa: E402

SAMPLES = ROOT / "samples"
SEED = sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))


def variant(i: int) -> tuple[str, bytes, str]:
    """A submission of its own: (file name, bytes, region)."""
    base = (SAMPLES / "sheqi-2024.yaml").read_text(encoding="utf-8")
    region = f"压测{i:04d}县"
    text = base.replace("region: 社旗县", f"region: {region}", 1)
    text = text.rstrip("\n") + f"\n  disputes.court_cases_heard: {10 + i % 40}\n"
    return f"b{i:04d}.yaml", text.encode("utf-8"), region


def one_request(server: Server, i: int) -> str:
    """The i-th request of the round; returns what it was, having checked its answer is its own."""
    kind = i % 10
    if kind in (0, 1, 2, 3):
        name, data, region = variant(i)
        status, _, body = check_upload(server, name, data)
        page = body.decode("utf-8")
        assert status == 200 and f'<span data-testid="region">{region}</span>' in page, (i, status)
        if kind == 1:  # corrected and checked again
            fields = sent(page)
            fields["v:report.states_causes"] = "是"
            from urllib.parse import urlencode

            status, _, body = server.request(
                "POST", "/edit", urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
            )
            assert status == 200 and page_findings(body.decode())["REPT-003"][0] == "pass", i
        if kind == 2:  # the YAML downloaded
            from urllib.parse import urlencode

            status, _, body = server.request(
                "POST",
                "/download/yaml",
                urlencode(sent(page)).encode(),
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            assert status == 200 and region in body.decode("utf-8"), i
        return "check"
    if kind == 4 and SEED:
        status, _, body = check_upload(server, SEED[0].name, SEED[0].read_bytes())
        assert status == 200 and 'data-testid="sentence"' in body.decode(), i
        return "report"
    if kind == 5 and i % 50 == 5:
        files = [("files", variant(i + k)[0], variant(i + k)[1]) for k in range(3)]
        body, ctype = multipart(files)
        status, headers, _ = server.request("POST", "/score", body, {"Content-Type": ctype})
        assert status == 303, i
        path = headers["Location"]
        while True:  # the run's own progress, followed to its end
            state = json.loads(server.request("GET", path + "/progress")[2])
            if state["state"] != "running":
                break
        page = server.request("GET", path)[2].decode()
        assert page.count('data-testid="ranking-row"') == 3, i
        return "score"
    path = ("/rules", "/rules/DISP-001", "/indicators", "/score", "/")[i % 5]
    assert server.request("GET", path)[0] == 200, (i, path)
    return "page"


def memory(server: Server, requests: int) -> list[tuple[int, int]]:
    samples = [(0, rss_kb(server.proc.pid))]
    step = max(1, requests // 10)
    for i in range(1, requests + 1):
        one_request(server, i)
        if i % step == 0:
            samples.append((i, rss_kb(server.proc.pid)))
    return samples


def concurrent(server: Server, count: int) -> tuple[float, int]:
    jobs = [variant(10_000 + i) for i in range(count)]

    def one(job):
        name, data, region = job
        status, _, body = check_upload(server, name, data)
        page = body.decode("utf-8")
        return status == 200 and f'<span data-testid="region">{region}</span>' in page and f">{name}</span>" in page

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        own = sum(pool.map(one, jobs, timeout=900))
    return time.perf_counter() - start, own


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--engine", choices=("durable", "python"), default=None)
    args = parser.parse_args(argv)
    server = Server(*(["--engine", args.engine] if args.engine else []))
    try:
        for i in range(1, 51):  # warm: every kind of request once or more
            one_request(server, i)
        seconds, own = concurrent(server, args.concurrent)
        print(
            f"{args.concurrent} checks at once: {own} of {args.concurrent} answered with their own file's region "
            f"and findings, in {seconds:.1f} s"
        )
        start = time.perf_counter()
        samples = memory(server, args.requests)
        seconds = time.perf_counter() - start
    finally:
        server.stop()
    print(f"{args.requests} requests in {seconds:.1f} s; the server's resident memory (VmRSS) after each tenth:")
    for done, kb in samples:
        print(f"  {done:6d} requests: {kb / 1024:7.1f} MB")
    first, last = samples[1][1], samples[-1][1]
    print(
        f"growth from request {samples[1][0]} to {samples[-1][0]}: {(last - first) / 1024:+.1f} MB "
        f"({(last - first) / first * 100:+.1f}%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
