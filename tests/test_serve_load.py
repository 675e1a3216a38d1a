"""fazhi serve as installed: the command answers on 127.0.0.1; bound elsewhere, a request without the
token gets 401; and 50 checks of different files at once, on loopback, each return their own file's
findings (bounded in count and time; nothing about how fast is asserted)."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, run_cli

pytest.importorskip("flask", reason="fazhi serve needs flask (a dependency of the package)")
pytest.importorskip("waitress", reason="fazhi serve needs waitress (a dependency of the package)")

from test_serve import page_findings  # noqa: E402

START_SECONDS = 120  # the longest a server may take to say where it listens before the test gives up


def fazhi_command() -> list[str]:
    """The installed console script where there is one (CI: a fresh virtual environment), else the module."""
    script = shutil.which("fazhi")
    return [script] if script else [sys.executable, "-m", "checker"]


class Server:
    """``fazhi serve`` in a child process, on a port of its choosing: ``url`` is what it printed."""

    def __init__(self, *args: str, cwd: Path = ROOT):
        env = dict(os.environ, NO_COLOR="1", PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [*fazhi_command(), "serve", "--port", "0", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        watchdog = threading.Timer(START_SECONDS, self.proc.kill)  # a server that never says: the test ends
        watchdog.start()
        try:
            self.banner = [
                self.proc.stdout.readline() for _ in range(2 if "--token" in args or "--host" in args else 1)
            ]
        finally:
            watchdog.cancel()
        found = re.search(r"http://\S+", self.banner[0])
        if found is None:
            self.stop()
            raise AssertionError(f"fazhi serve did not start: {self.banner} {self.proc.stderr.read()[-2000:]}")
        self.url = found.group()
        parts = urllib.parse.urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body) of one request, on its own connection."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            answer = conn.getresponse()
            return answer.status, answer.headers, answer.read()  # headers: looked up in any case
        finally:
            conn.close()

    def stop(self) -> str:
        """Stopped as a terminal's Ctrl-C or a service manager would: SIGTERM; returns what it said on stderr."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err


def multipart(files: list[tuple[str, str, bytes]], fields: dict | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body (as a browser sends a form) and its Content-Type."""
    boundary = "----fazhi" + secrets.token_hex(12)
    parts = []
    for name, value in (fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for field, filename, data in files:
        quoted = urllib.parse.quote(filename)
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def check_upload(server: Server, name: str, data: bytes, headers: dict | None = None):
    body, kind = multipart([("file", name, data)])
    return server.request("POST", "/check", body, {"Content-Type": kind, **(headers or {})})


def test_a_fresh_install_answers_on_loopback_and_stops_clean(tmp_path):
    server = Server()
    try:
        assert server.host == "127.0.0.1"
        assert server.banner == [f"fazhi serve 已启动，请用浏览器打开：{server.url}\n"]
        status, headers, body = server.request("GET", "/")
        assert status == 200 and "法治政府建设考核核查" in body.decode()
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        status, _, body = check_upload(server, "sheqi-2024.yaml", (SAMPLES / "sheqi-2024.yaml").read_bytes())
        assert status == 200 and 'data-testid="headline" data-status="fail"' in body.decode()
    finally:
        err = server.stop()
    assert server.proc.returncode == 0 and err.endswith("fazhi serve 已停止\n"), err[-2000:]


def test_bound_elsewhere_a_request_without_the_token_gets_401():
    server = Server("--host", "0.0.0.0")
    try:
        token = re.search(r"token=(\S+)", server.url).group(1)
        assert server.banner[1].startswith(f"访问令牌：{token}（")
        assert len(token) >= 32
        for path in ("/", "/rules", "/static/app.css", "/score"):
            status, headers, body = server.request("GET", path)
            assert status == 401 and headers["WWW-Authenticate"] == 'Bearer realm="fazhi"', path
            assert "需要访问令牌" in body.decode()
        status, _, _ = check_upload(server, "a.yaml", b"region: x\n")
        assert status == 401
        assert server.request("GET", "/", headers={"X-Fazhi-Token": token})[0] == 200
        status, headers, _ = server.request("GET", f"/?token={token}")
        assert status == 303 and headers["Set-Cookie"].startswith(f"fazhi_token={token};")
        assert server.request("GET", "/", headers={"Cookie": f"fazhi_token={token}"})[0] == 200
    finally:
        server.stop()


def test_a_token_given_is_the_one_asked_for():
    server = Server("--token", "given-token-123")
    try:
        assert server.url.endswith("/?token=given-token-123")
        assert server.request("GET", "/")[0] == 401
        assert server.request("GET", "/", headers={"Authorization": "Bearer given-token-123"})[0] == 200
    finally:
        server.stop()


CONCURRENT = 50


def variants(folder: Path) -> dict[str, bytes]:
    """CONCURRENT submissions, each its own region and its own figures (so its own findings)."""
    base = (SAMPLES / "sheqi-2024.yaml").read_text(encoding="utf-8")
    out = {}
    for i in range(CONCURRENT):
        text = base.replace("region: 社旗县", f"region: 并发测试{i:02d}县", 1)
        assert text != base
        text = (
            text.rstrip("\n")
            + f"\n  disputes.court_cases_heard: {10 + i}\n  disputes.court_cases_head_attended: {i % 11 + 5}\n"
        )
        name = f"c{i:02d}.yaml"
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = text.encode("utf-8")
    return out


def test_fifty_concurrent_checks_each_return_their_own_findings(tmp_path):
    files = variants(tmp_path)
    expected = {}
    out = run_cli("check", *files, "-f", "json", cwd=tmp_path)
    for result in json.loads(out.stdout)["results"]:
        expected[result["file"]] = (
            result["region"],
            {f["rule"]: (f["status"], f["message"]) for f in result["findings"]},
        )
    assert len({str(v[1]) for v in expected.values()}) == CONCURRENT  # fifty different sets of findings
    server = Server()
    try:

        def one(name: str):
            status, _, body = check_upload(server, name, files[name])
            return name, status, body.decode("utf-8")

        with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
            answers = list(pool.map(one, files, timeout=600))
    finally:
        server.stop()
    assert len(answers) == CONCURRENT
    for name, status, page in answers:
        region, findings = expected[name]
        assert status == 200, name
        assert f'<span data-testid="region">{region}</span>' in page and f">{name}</span>" in page, name
        assert page_findings(page) == findings, name
