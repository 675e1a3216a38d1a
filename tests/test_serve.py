"""fazhi serve, in process (Flask's test client): each file shows the findings ``fazhi check`` gives it;
a figure corrected or added is checked again; the downloads are what the command line writes; a
cohort is scored as ``fazhi score`` scores it; and the guard: limits, archives, the token, the host,
the origin, the Content-Security-Policy, escaping, errors without a traceback."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SHARED, run_cli

flask = pytest.importorskip("flask", reason="fazhi serve needs flask (a dependency of the package)")

from checker.score.scheme import load_scheme  # noqa: E402
from checker.serve.app import create_app  # noqa: E402
from checker.serve.service import Service, Settings  # noqa: E402
from checker.serve.uploads import MB, Limits  # noqa: E402

SEEDS = sorted((SHARED / "seed").glob("*.txt")) if (SHARED / "seed").is_dir() else []


def make_app(pack, tmp_path, **settings):
    scheme, _ = load_scheme(pack, None)
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)
    service = Service(Settings(workdir=str(workdir), **settings), pack, scheme, "python")
    return create_app(service)


@pytest.fixture(scope="module")
def app(pack, tmp_path_factory):
    made = make_app(
        pack, tmp_path_factory.mktemp("serve"), limits=Limits(upload=2 * MB, files=20, member=MB, unpacked=8 * MB)
    )
    yield made
    from checker.serve.app import close

    close(made)


@pytest.fixture
def client(app):
    return app.test_client()


# ---- reading pages ------------------------------------------------------------------------------------

FINDING = re.compile(r'data-testid="finding"[^>]*?data-rule="([^"]+)" data-status="([^"]+)"')


def page_findings(page: str) -> dict:
    """{rule: (status, message)} of every finding the page shows (problems and the rest)."""
    out = {}
    for m in FINDING.finditer(page):
        message = re.compile(r'data-testid="message">([^<]*)<').search(page, m.end())
        assert m.group(1) not in out, m.group(1)
        out[m.group(1)] = (m.group(2), html.unescape(message.group(1)))
    return out


def cli_findings(path, *args, cwd=ROOT) -> dict:
    out = run_cli("check", str(path), "-f", "json", *args, cwd=cwd)
    result = json.loads(out.stdout)["results"][0]
    return {f["rule"]: (f["status"], f["message"]) for f in result["findings"]}


class Form(HTMLParser):
    """The fields a browser sends with the form ``form_id`` (its text inputs, hidden inputs, textarea
    and selects as they stand)."""

    def __init__(self, page: str, form_id: str = "figures"):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields, self.textarea, self.select = form_id, False, {}, None, None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        elif self.inside and tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = a["name"]
            self.fields[self.textarea] = ""
        elif self.inside and tag == "select":
            self.select = a["name"]
            self.fields.setdefault(self.select, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def sent(page: str) -> dict:
    """The figures form as a browser sends it: the newline after <textarea> dropped, line ends CRLF."""
    fields = Form(page).fields
    if "text" in fields:
        fields["text"] = fields["text"].removeprefix("\n").replace("\n", "\r\n")
    return fields


def upload(client, path: Path, name: str | None = None, **fields):
    data = {"file": (io.BytesIO(path.read_bytes()), name or path.name), **fields}
    return client.post("/check", data=data, content_type="multipart/form-data")


# ---- the county: the same findings as fazhi check ------------------------------------------------------


def test_a_yaml_submission_shows_the_findings_fazhi_check_gives(client):
    answer = upload(client, SAMPLES / "sheqi-2024.yaml")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    found = page_findings(page)
    assert found == cli_findings(SAMPLES / "sheqi-2024.yaml")
    assert {r for r, (s, _) in found.items() if s in ("fail", "warn")} == {"REPT-003", "REPT-007"}
    assert 'data-testid="headline" data-status="fail"' in page
    problems = page.index('data-testid="problems"')
    assert page.index('data-rule="REPT-003"') > problems and page.index('data-rule="REPT-003"') < page.index(
        'data-testid="others"'
    ), "problems come first"
    assert '<span class="file" data-testid="file">sheqi-2024.yaml</span>' in page


@pytest.mark.skipif(not SEEDS, reason="the seed report is not in ../shared/seed (read at test time, never copied)")
def test_the_seed_report_shows_the_findings_fazhi_check_gives_with_its_sentences_marked(client):
    seed = SEEDS[0]
    page = upload(client, seed).get_data(as_text=True)
    assert page_findings(page) == cli_findings(seed)
    text = seed.read_text(encoding="utf-8")
    marks = re.findall(r'<mark id="(m\d+)" data-testid="sentence">([^<]*)</mark>', page)
    assert marks and all(html.unescape(s) in text for _, s in marks)
    # each figure links to the mark of its own sentence
    rows = dict(re.findall(r'data-testid="figure" data-key="([^"]+)" data-mark="(m\d+)"', page))
    by_id = {ident: html.unescape(s) for ident, s in marks}
    form = Form(page).fields
    assert rows and all(form[f"src:{key}"] in by_id[mark] for key, mark in rows.items())
    # the text in the form is the report's, whole
    assert sent(page)["text"].replace("\r\n", "\n") == text.replace("\r\n", "\n")


@pytest.mark.parametrize("how", ["blank", "filled"])
def test_the_excel_template_shows_the_findings_fazhi_check_gives(client, tmp_path, how):
    book = tmp_path / "填报表.xlsx"
    if how == "blank":
        made = run_cli("template", "-o", book, "--region", "社旗县", "--year", "2024")
    else:
        made = run_cli("extract", SAMPLES / "sheqi-2024.yaml", "-o", book)
    assert made.returncode == 0, made.stderr
    page = upload(client, book).get_data(as_text=True)
    found = page_findings(page)
    assert found == cli_findings(book)
    assert ("REPT-003" in found and found["REPT-003"][0] == "fail") == (how == "filled")


def test_a_bad_file_is_said_as_fazhi_check_says_it(client, tmp_path):
    bad = tmp_path / "坏的.yaml"
    bad.write_text(
        "region: 示例县\nyear: 二〇二四\nindicators:\n  regulation.normative_docs_review_rate: [1, 2\n",
        encoding="utf-8",
    )
    page = upload(client, bad).get_data(as_text=True)
    out = run_cli("check", bad.name, "-f", "json", cwd=tmp_path)
    errors = json.loads(out.stdout)["results"][0]["errors"]
    shown = [html.unescape(x) for x in re.findall(r'<pre class="cli" data-testid="error-line">([^<]*)</pre>', page)]
    assert shown == [
        f"坏的.yaml:{e['line']}:{e['column']}: {e['message']}" + (f"\n    建议：{e['hint']}" if e["hint"] else "")
        for e in errors
    ]
    assert 'data-status="error"' in page and "Traceback" not in page and str(tmp_path) not in page


# ---- correcting and adding figures, checked again ---------------------------------------------------


def test_a_corrected_figure_is_checked_again(client):
    page = upload(client, SAMPLES / "sheqi-2024.yaml").get_data(as_text=True)
    fields = sent(page)
    assert fields["v:report.states_causes"] == "否"
    fields["v:report.states_causes"] = "是"
    again = client.post("/edit", data=fields).get_data(as_text=True)
    found = page_findings(again)
    assert found["REPT-003"][0] == "pass"
    # the same figures, unchanged, give exactly the findings of the file
    same = page_findings(client.post("/edit", data=sent(page)).get_data(as_text=True))
    assert same == cli_findings(SAMPLES / "sheqi-2024.yaml")


def test_a_figure_added_and_one_emptied(client):
    page = upload(client, SAMPLES / "sheqi-2024.yaml").get_data(as_text=True)
    fields = sent(page)
    assert "v:disputes.court_cases_heard" not in fields
    fields.update(
        {"add_key": "disputes.court_cases_heard", "add_value": "50", "v:disputes.leader_court_attendance_rate": ""}
    )
    found = page_findings(client.post("/edit", data=fields).get_data(as_text=True))
    assert found["DISP-001"][0] == "missing"  # the rate emptied: not reported
    assert 'name="v:disputes.court_cases_heard" value="50"' in client.post("/edit", data=fields).get_data(as_text=True)


@pytest.mark.skipif(not SEEDS, reason="the seed report is not in ../shared/seed")
def test_the_report_checked_again_unchanged_gives_its_own_findings(client):
    page = upload(client, SEEDS[0]).get_data(as_text=True)
    again = client.post("/edit", data=sent(page)).get_data(as_text=True)
    assert page_findings(again) == page_findings(page)
    assert again.count('data-testid="sentence"') == page.count('data-testid="sentence"')


def test_the_downloads_are_what_the_command_line_reads(client, tmp_path):
    page = upload(client, SAMPLES / "sheqi-2024.yaml").get_data(as_text=True)
    fields = sent(page)
    fields["v:report.states_causes"] = "是"
    shown = page_findings(client.post("/edit", data=fields).get_data(as_text=True))
    got = client.post("/download/yaml", data=fields)
    assert got.status_code == 200 and "attachment" in got.headers["Content-Disposition"]
    (tmp_path / "sheqi-2024.yaml").write_bytes(got.data)
    assert cli_findings(tmp_path / "sheqi-2024.yaml") == shown
    book = client.post("/download/xlsx", data=fields)
    assert book.data[:2] == b"PK"
    (tmp_path / "sheqi-2024.xlsx").write_bytes(book.data)
    assert cli_findings(tmp_path / "sheqi-2024.xlsx") == shown
    report = client.post("/download/html", data=fields).get_data(as_text=True)
    assert report.startswith("<!DOCTYPE html>") and "社旗县" in report and 'data-testid="headline"' in report
    assert "REPT-003" in report and 'data-status="pass"' in report


def test_the_blank_template_downloads(client):
    got = client.get("/template.xlsx")
    assert got.status_code == 200 and got.data[:2] == b"PK" and got.mimetype.endswith("spreadsheetml.sheet")


# ---- the assessor: the same ranking and files as fazhi score -----------------------------------------

COHORT = ["sheqi-2024.yaml", "fictional-missed-rate.yaml", "fictional-missing.yaml"]


def score_run(client, app, files):
    answer = client.post("/score", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 303, answer.get_data(as_text=True)
    ident = answer.headers["Location"].rsplit("/", 1)[1]
    job = app.extensions["fazhi"][1].get(ident)
    assert job.ended.wait(120)
    return ident, job


def test_a_cohort_is_ranked_and_downloads_as_fazhi_score_writes(client, app, tmp_path):
    ident, job = score_run(client, app, [(io.BytesIO((SAMPLES / n).read_bytes()), n) for n in COHORT])
    assert client.get(f"/score/{ident}/progress").get_json() == {"state": "done", "done": 3, "total": 3}
    page = client.get(f"/score/{ident}").get_data(as_text=True)
    for name in COHORT:
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    out = run_cli(
        "score", *COHORT, "--format", "json", "--xlsx", "o.xlsx", "--csv", "o.csv", "--html", "o.html", cwd=tmp_path
    )
    ranking = json.loads(out.stdout)["ranking"]
    rows = re.findall(r'data-testid="ranking-row" data-region="([^"]+)" data-total="([^"]+)"', page)
    assert [(html.unescape(r), float(t)) for r, t in rows] == [(r["region"], r["score"]) for r in ranking]
    assert page.count('data-testid="bar"') == len(ranking)
    assert 'data-testid="deduction" data-rule="REPT-003"' in page
    for kind, name in (("xlsx", "o.xlsx"), ("csv", "o.csv"), ("html", "o.html")):
        got = client.get(f"/score/{ident}/download/{kind}")
        assert got.status_code == 200 and got.data == (tmp_path / name).read_bytes(), kind


def zip_of(members: dict, **info) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(
                zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)) if not info else info[name],
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return buf.getvalue()


def test_a_zip_is_unpacked_and_what_is_not_an_input_is_listed(client, app):
    data = zip_of(
        {
            "2024/社旗县.yaml": (SAMPLES / "sheqi-2024.yaml").read_bytes(),
            "2024/missing.yaml": (SAMPLES / "fictional-missing.yaml").read_bytes(),
            "说明.docx.bak": b"x",
            "__MACOSX/._a.yaml": b"x",
        }
    )
    ident, job = score_run(client, app, [(io.BytesIO(data), "cohort.zip")])
    page = client.get(f"/score/{ident}").get_data(as_text=True)
    assert len(re.findall(r'data-testid="ranking-row"', page)) == 2
    assert "<code>cohort.zip/2024/社旗县.yaml</code>" in page
    assert re.findall(r'data-testid="skipped".*?<code>([^<]*)</code>', page, re.S) == ["cohort.zip/说明.docx.bak"]


def test_a_zip_from_windows_in_chinese_keeps_its_names(client, app):
    """A member named in GBK without the UTF-8 flag (Windows in Chinese) is named as its maker wrote it."""
    gbk = "社旗县.yaml".encode("gbk")
    placeholder = b"X" * (len(gbk) - 5) + b".yaml"  # zipfile flags any non-ASCII name UTF-8: put the bytes in after
    data = zip_of({placeholder.decode(): (SAMPLES / "sheqi-2024.yaml").read_bytes()}).replace(placeholder, gbk)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not z.infolist()[0].flag_bits & 0x800
    ident, job = score_run(client, app, [(io.BytesIO(data), "cohort.zip")])
    assert "<code>cohort.zip/社旗县.yaml</code>" in client.get(f"/score/{ident}").get_data(as_text=True)


def refused(answer) -> list:
    return [html.unescape(x) for x in re.findall(r'data-testid="error-line">([^<]*)<', answer.get_data(as_text=True))]


@pytest.mark.parametrize(
    "members, said",
    [
        ({"../evil.yaml": b"region: x"}, "cohort.zip: 压缩包中的 ../evil.yaml 指向压缩包以外（绝对路径或 ..），未解压"),
        (
            {"/etc/evil.yaml": b"region: x"},
            "cohort.zip: 压缩包中的 /etc/evil.yaml 指向压缩包以外（绝对路径或 ..），未解压",
        ),
        ({"inner.zip": b"PK"}, "cohort.zip: 压缩包中的 inner.zip 本身是压缩包，不解压嵌套的压缩包"),
        (
            {"big.txt": __import__("random").Random(1).randbytes(3 * MB // 2)},
            "cohort.zip: 压缩包中的 big.txt 解压后为 1.5 MB，超过单个文件的上限 1 MB，未解压",
        ),
        ({"bomb.yaml": b"\0" * (3 * MB)}, "cohort.zip: 压缩包中的 bomb.yaml 压缩了 [0-9]+ 倍，疑为压缩炸弹，未解压"),
        ({"readme.md": b"x"}, "cohort.zip: 压缩包中没有报送材料或报告"),
    ],
)
def test_an_unsafe_zip_is_refused_before_anything_is_written(client, app, members, said):
    answer = client.post(
        "/score", data={"files": [(io.BytesIO(zip_of(members)), "cohort.zip")]}, content_type="multipart/form-data"
    )
    assert answer.status_code == 400
    assert re.fullmatch(
        said.replace("..", r"\.\.").replace("(", r"\(").replace(")", r"\)"), refused(answer)[0].split("\n")[0]
    )
    assert list(Path(app.extensions["fazhi"][0].settings.workdir).iterdir()) == []


def test_a_zip_bomb_is_refused_by_its_ratio_and_its_total(client, app):
    bomb = zip_of({"a.yaml": b"\0" * (int(1.5 * MB))})
    answer = client.post("/score", data={"files": [(io.BytesIO(bomb), "bomb.zip")]}, content_type="multipart/form-data")
    assert refused(answer)[0].startswith("bomb.zip: 压缩包中的 a.yaml 压缩了 ")
    many = zip_of({f"{i}.yaml": b"\0" * (MB + i) for i in range(9)})  # each under the ratio? no: all zeros
    answer = client.post("/score", data={"files": [(io.BytesIO(many), "many.zip")]}, content_type="multipart/form-data")
    assert answer.status_code == 400 and "未解压" in refused(answer)[0]


def test_a_zip_whose_contents_total_too_much_is_refused(client, app):
    import random

    rnd = random.Random(7)
    members = {f"{i}.txt": bytes(rnd.getrandbits(8) for _ in range(MB + 1)) for i in range(9)}
    answer = client.post(
        "/score", data={"files": [(io.BytesIO(zip_of(members)), "big.zip")]}, content_type="multipart/form-data"
    )
    assert answer.status_code in (400, 413)


def test_a_link_and_an_encrypted_member_are_refused(client):
    link = zipfile.ZipInfo("a.yaml", (2024, 1, 1, 0, 0, 0))
    link.external_attr = 0o120777 << 16
    answer = client.post(
        "/score",
        data={"files": [(io.BytesIO(zip_of({"a.yaml": b"/etc/passwd"}, **{"a.yaml": link})), "l.zip")]},
        content_type="multipart/form-data",
    )
    assert refused(answer)[0].startswith("l.zip: 压缩包中的 a.yaml 是链接")
    data = bytearray(zip_of({"b.yaml": b"region: x\n"}))
    data[6] |= 1  # the local header's flag: encrypted
    data[data.rindex(b"PK\x01\x02") + 8] |= 1  # and the central directory's
    answer = client.post(
        "/score", data={"files": [(io.BytesIO(bytes(data)), "e.zip")]}, content_type="multipart/form-data"
    )
    assert refused(answer)[0].startswith("e.zip: 压缩包中的 b.yaml 设有密码")


def test_a_damaged_zip_is_said(client):
    answer = client.post(
        "/score", data={"files": [(io.BytesIO(b"PK\x03\x04 not really"), "x.zip")]}, content_type="multipart/form-data"
    )
    assert answer.status_code == 400 and refused(answer)[0].startswith("x.zip: 无法读取压缩包：")


# ---- limits ----------------------------------------------------------------------------------------


def test_an_upload_over_the_limit_is_413_with_the_reason(client):
    answer = client.post(
        "/check", data={"file": (io.BytesIO(b"#" * (2 * MB + 1)), "big.yaml")}, content_type="multipart/form-data"
    )
    assert answer.status_code == 413
    assert refused(answer) == [
        "上传的内容超过上限 2 MB\n    建议：分批上传；或在命令行用 fazhi check、fazhi score 处理"
    ]


def test_too_many_files_are_refused(client):
    files = [(io.BytesIO(b"region: x\n"), f"{i}.yaml") for i in range(21)]
    answer = client.post("/score", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 400 and refused(answer)[0].startswith("一次上传了 21 个文件，上限为 20 个")


@pytest.mark.parametrize("name", ["tool.exe", "表.xls", "a.docx", "b.pdf", "c.csv"])
def test_a_file_of_another_kind_or_damaged_is_said_as_fazhi_check_says_it(client, tmp_path, name):
    """What the readers take is read and its problem said as ``fazhi check`` says it; anything else
    (an .exe) is refused by its kind."""
    from checker.inputs.dispatch import wanted

    data = b"\xd0\xcf\x11\xe0garbage"
    answer = client.post("/check", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
    assert "Traceback" not in answer.get_data(as_text=True)
    if not wanted(name):
        assert answer.status_code == 400
        assert refused(answer)[0].split("\n")[0] == f"{name}: 不能读取 {Path(name).suffix} 文件"
        return
    (tmp_path / name).write_bytes(data)
    errors = json.loads(run_cli("check", name, "-f", "json", cwd=tmp_path).stdout)["results"][0]["errors"]
    assert answer.status_code == 200
    assert [line.split("\n")[0] for line in refused(answer)] == [
        f"{name}:{e['line']}:{e['column']}: {e['message']}" if e["line"] else f"{name}: {e['message']}" for e in errors
    ]


def test_no_file_and_two_files_are_said(client):
    assert refused(client.post("/check", data={}, content_type="multipart/form-data"))[0].startswith("没有选择文件")
    two = {"file": [(io.BytesIO(b"a"), "a.yaml"), (io.BytesIO(b"b"), "b.yaml")]}
    assert refused(client.post("/check", data=two, content_type="multipart/form-data"))[0].startswith(
        "自查一次核查一个文件（收到 2 个）"
    )


def test_report_meta_is_checked_as_the_options_are(client, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("某县2024年法治政府建设年度报告\n一、……\n", encoding="utf-8")
    answer = upload(client, report, year="12")
    assert refused(answer) == ["年度应为 1990 至 2100 之间的年份，读到 12"]
    page = upload(client, report, region="示例县", year="2024").get_data(as_text=True)
    assert '<span data-testid="region">示例县</span> 2024' in page


# ---- the guard ----------------------------------------------------------------------------------------

PAGES = ["/", "/score", "/rules", "/rules/DISP-001", "/indicators"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_csp_and_no_inline_script_or_style(client, path):
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["Content-Security-Policy"].startswith(
        "default-src 'none'; script-src 'self'; style-src 'self'"
    )
    assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["Cache-Control"] == "no-store"
    page = answer.get_data(as_text=True)
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    assert re.findall(r"\sstyle=|<style|\son[a-z]+=", page) == []
    assert re.findall(r'(?:src|href)="(?:https?:)?//', page) == []  # nothing from elsewhere


def test_a_result_page_has_no_inline_script_or_style_either(client):
    page = upload(client, SAMPLES / "sheqi-2024.yaml").get_data(as_text=True)
    assert re.findall(r"<script(?![^>]*\bsrc=)|\sstyle=|<style|\son[a-z]+=", page) == []


def test_a_script_in_a_region_name_is_text(client, tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        'region: "<script>alert(1)</script><img src=x onerror=alert(2)>县"\nyear: 2024\nindicators: {}\n',
        encoding="utf-8",
    )
    page = upload(client, evil, name="<img src=x onerror=alert(3)>.yaml").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;县") >= 2  # title, form
    assert '<span class="file" data-testid="file">img src=x onerror=alert(3).yaml</span>' in page  # name: no < >


def test_loopback_refuses_another_host_name(client):
    answer = client.get("/", headers={"Host": "evil.example:8765"})
    assert answer.status_code == 400
    assert refused(answer) == ["不接受以 evil.example:8765 访问本机服务\n    建议：用 http://127.0.0.1:端口/ 打开"]
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_a_form_from_another_site_is_refused(client):
    answer = client.post("/edit", data={"name": "a.yaml"}, headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403
    answer = client.post(
        "/edit", data={"name": "a.yaml", "region": "示例县", "year": "2024"}, headers={"Origin": "http://localhost"}
    )
    assert answer.status_code == 200


def test_elsewhere_every_request_needs_the_token(pack, tmp_path):
    app = make_app(pack, tmp_path, host="0.0.0.0", token="s3cret-token")
    client = app.test_client()
    for path in PAGES + ["/static/app.css", "/score/abcdefghijkl/progress"]:
        answer = client.get(path, headers={"Host": "10.0.0.5:8765"})
        assert answer.status_code == 401, path
        assert answer.headers["WWW-Authenticate"] == 'Bearer realm="fazhi"'
    assert client.get("/", headers={"X-Fazhi-Token": "wrong"}).status_code == 401
    assert client.get("/", headers={"X-Fazhi-Token": "s3cret-token"}).status_code == 200
    assert client.get("/", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    # the printed address: the token in the query sets the cookie and is taken out of the address
    answer = client.get("/rules?token=s3cret-token")
    assert answer.status_code == 303 and answer.headers["Location"] == "/rules"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("fazhi_token=s3cret-token;") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/rules").status_code == 200  # the cookie is sent from now on
    from checker.serve.app import close

    close(app)


def test_an_unexpected_failure_is_one_line_without_a_traceback(client, app, monkeypatch):
    from checker.serve import county

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(county, "read_upload", broken)
    answer = upload(client, SAMPLES / "sheqi-2024.yaml")
    assert answer.status_code == 500
    text = answer.get_data(as_text=True)
    assert refused(answer) == ["服务器内部出错，未能完成；错误已记录在启动 fazhi serve 的窗口中"]
    assert "Traceback" not in text and "secret internals" not in text


def test_nothing_is_left_in_the_work_folder(client, app):
    upload(client, SAMPLES / "sheqi-2024.yaml")
    upload(client, SAMPLES / "invalid" / sorted(p.name for p in (SAMPLES / "invalid").iterdir())[0]) if (
        SAMPLES / "invalid"
    ).is_dir() else None
    client.post(
        "/check", data={"file": (io.BytesIO(b"#" * (2 * MB + 1)), "big.yaml")}, content_type="multipart/form-data"
    )
    assert list(Path(app.extensions["fazhi"][0].settings.workdir).iterdir()) == []


def test_unknown_pages_and_jobs_are_404(client):
    assert client.get("/nowhere").status_code == 404
    assert refused(client.get("/score/zzzzzzzzzzzzzzzzzzzz")) == [
        "没有这批评分（可能已过期）\n    建议：在“评分”页重新上传"
    ]
    assert client.get("/score/zzzzzzzzzzzzzzzzzzzz").status_code == 404
    assert refused(client.get("/rules/NOPE-1")) == ["没有编号为 NOPE-1 的规则"]


# ---- rules, indicators and the language ---------------------------------------------------------------


def test_rules_and_indicators_are_browsed_with_what_the_pack_says(client, pack):
    page = client.get("/rules").get_data(as_text=True)
    assert re.findall(r'data-testid="rule-row" data-rule="([^"]+)"', page) == [r.id for r in pack.all_rules]
    rule = client.get("/rules/DISP-001").get_data(as_text=True)
    assert "disputes.leader_court_attendance_rate &gt;= min_rate" in rule
    assert "<code>min_rate = 100</code>（出庭应诉率下限（%））" in rule
    assert rule.count('data-testid="example"') == len(pack.rule("DISP-001").examples)
    assert '<dd data-testid="strength">工作目标（非约束性）</dd>' in rule
    area = client.get("/rules?area=disputes").get_data(as_text=True)
    assert set(re.findall(r'data-rule="([A-Z]+)-', area)) == {"DISP"}
    ind = client.get("/indicators").get_data(as_text=True)
    assert ind.count('data-testid="indicator-row"') == len(pack.catalogue.indicators)
    assert '<b data-testid="profile">national</b>' in ind and '<b data-testid="scheme">national</b>' in ind


def test_english_with_a_switch_and_it_is_kept(client):
    page = client.get("/rules/DISP-001?lang=en")
    assert "Agency heads appear in court" in page.get_data(as_text=True)
    assert "fazhi_lang=en" in page.headers["Set-Cookie"]
    assert ">Check a file<" in client.get("/").get_data(as_text=True)  # the cookie keeps it
    result = upload(client, SAMPLES / "sheqi-2024.yaml").get_data(as_text=True)
    assert "What needs action" in result
    assert page_findings(result) == cli_findings(SAMPLES / "sheqi-2024.yaml", "--lang", "en")
    back = client.post("/edit", data={**sent(result), "lang": "zh"}).get_data(as_text=True)
    assert "需要处理的问题" in back
