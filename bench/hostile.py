"""Time and peak memory of `fazhi check` on hostile inputs (each in a fresh process).

    python bench/hostile.py

Prints one row per input: seconds, peak RSS in MB, exit code, first diagnostic. Targets (issues 3
and 18): no traceback, no hang, a few hundred MB at most, an alias bomb refused in under a second,
reports (.docx, .html) read in time linear in their size.
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cases(tmp: Path) -> dict:
    out = {}
    bomb = "region: 示例县\nyear: 2024\nindicators: {}\nx0: &a0 [1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"x{i + 1}: &a{i + 1} [" + ",".join([f"*a{i}"] * 9) + "]\n" for i in range(30)
    )
    out["alias bomb (9^30 nodes if expanded)"] = bomb.encode()
    out["deep flow nesting (100k)"] = ("region: x\nyear: 2024\nindicators: " + "[" * 100_000 + "]" * 100_000).encode()
    out["deep block nesting (1.5k)"] = "".join(" " * i + "k:\n" for i in range(1500)).encode()
    out["4 MB string value"] = (
        "region: x\nyear: 2024\nindicators:\n  emergency.county_drills: " + "9" * 4_000_000 + "\n"
    ).encode()
    out["40 MB file"] = b"region: x\n" + b"#" * (40 * 1024 * 1024)
    out["python tag"] = b"region: !!python/object/apply:os.system ['true']\nyear: 2024\nindicators: {}\n"
    out["100k indicators of 5 MB"] = (
        "region: x\nyear: 2024\nindicators:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000))
    )[: 5 * 1024 * 1024 - 100].rsplit("\n", 1)[0].encode() + b"\n"
    out["random bytes (1 MB)"] = bytes((i * 7919 + 13) % 256 for i in range(1 << 20))
    title = "示例县2024年法治政府建设年度报告\n"
    # prose reports: a figure's patterns tried inside long runs of numerals (quadratic before the
    # look-behind), and one run-on sentence of 20,000 clauses (its context read in windows)
    out["report: 14k Chinese numerals"] = (
        title + "全年开展常务会议学法" + "一二三四五六七八九十百千万亿" * 1000 + "次。\n",
        ".txt",
    )
    out["report: 1.3 MB run-on sentence"] = (title + ("行政复议" + "1" * 50 + "，") * 20_000 + "\n", ".txt")
    out["report: 1 MB of spaces, 2,000 figures"] = (
        title + " " * 1_000_000 + "常务会议学法12次，" * 2000 + "\n",
        ".txt",
    )
    out["report: 发布日期 and 20,000 spaces"] = (title + "发布日期" + " " * 20_000 + "。\n", ".txt")
    # issue 18: nested .docx paragraphs (884 bytes took 3.4 GB and 47 s), nested and unclosed content
    # blocks of a page (200 KB took 24-42 s), a zip bomb, a corrupt member
    out["docx: 20k nested paragraphs"] = (_docx("<w:p><w:r><w:t>字</w:t></w:r>" * 20_000 + "</w:p>" * 20_000), ".docx")
    out["docx: 30 MB of blanks (zip bomb)"] = (_docx(" " * (30 << 20)), ".docx")
    out["docx: corrupt deflate"] = (
        _docx("<w:p><w:r><w:t>" + "行政复议" * 5000 + "</w:t></w:r></w:p>", corrupt=True),
        ".docx",
    )
    block = '<div class="content"><p>全年办理行政复议案件12件。</p>'
    out["html: 5k nested content blocks"] = (
        "<html><body>" + block * 5000 + "</div>" * 5000 + "</body></html>",
        ".html",
    )
    out["html: 5k unclosed content blocks"] = ("<html><body>" + block * 5000 + "</body></html>", ".html")
    paths = {name: _write(tmp, i, data) for i, (name, data) in enumerate(out.items())}
    if Path("/dev/zero").exists():
        paths["/dev/zero (no size to stat)"] = Path("/dev/zero")
    return paths


def _docx(body: str, corrupt: bool = False) -> bytes:
    import io
    import zipfile

    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + "</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    data = bytearray(out.getvalue())
    if corrupt:  # bytes in the middle of the deflate stream
        middle = 30 + len("word/document.xml") + 40
        data[middle : middle + 8] = b"\xff" * 8
    return bytes(data)


def _write(tmp: Path, i: int, data) -> Path:
    data, suffix = data if isinstance(data, tuple) else (data, ".yaml")
    data = data.encode() if isinstance(data, str) else data
    path = tmp / f"case{i}{suffix}"
    path.write_bytes(data)
    return path


def measure(path: Path) -> tuple[float, float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    first = "TRACEBACK" if "Traceback" in proc.stderr else ""
    if not first and proc.stdout:
        result = json.loads(proc.stdout)["results"][0]
        errors = result["errors"]
        first = f"{len(errors)} error(s); " + (errors[0]["message"][:50] if errors else "")
    return elapsed, peak, proc.returncode, first


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':38} {'seconds':>8} {'peak MB':>8} {'exit':>4}  first message")
        for name, path in cases(Path(tmp)).items():
            seconds, peak, code, first = measure(path)
            print(f"{name:38} {seconds:8.2f} {peak:8.0f} {code:4d}  {first}")
    print("(peak MB is the largest child so far: rows only grow)")


if __name__ == "__main__":
    main()
