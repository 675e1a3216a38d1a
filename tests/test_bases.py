"""Bases as officials cite them (issue 19): the version in force in the reporting year, official URLs
only, one URL one document, and binding force named apart (法律法规 law, 中央文件 central)."""

import json
from pathlib import Path

import pytest
from conftest import edit, run_cli

from checker.pack import load_pack
from checker.pack.rules import BLOCKING_STRENGTHS, STRENGTHS, basis_urls, official_url, version_for
from checker.rulesdoc import alias_notes, lint_diagnostics, url_diagnostics

DAIBIAO = "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》"


def codes(pack_dir):
    diags, _ = lint_diagnostics(pack_dir)
    return [(d.code, Path(d.file).name, d.line, d.column, d.severity) for d in diags]


# --- the version in force for most of the reporting year -----------------------------------------


def test_rules_show_supv_008_cites_the_text_in_force_in_the_year():
    out = run_cli("rules", "show", "SUPV-008", "--year", "2024")
    assert out.returncode == 0
    assert out.stdout.splitlines()[4] == (
        f"依据: {DAIBIAO} 2015修正（2015-08-29全国人大常委会决定） 第四十二条第一款（适用至2025-03-10）"
    )
    out = run_cli("rules", "show", "SUPV-008", "--year", "2025")
    assert out.stdout.splitlines()[4] == (
        f"依据: {DAIBIAO} 2025修正（2025-03-11第十四届全国人民代表大会第三次会议决定，"
        "自公布之日起施行） 第五十一条第二款（2025-03-11起适用）"
    )
    assert "第四十二条" not in out.stdout.splitlines()[4]


def test_rules_show_without_a_year_lists_every_version():
    lines = run_cli("rules", "show", "SUPV-008").stdout.splitlines()
    assert lines[4:7] == [
        f"依据: {DAIBIAO}",
        "  2015修正（2015-08-29全国人大常委会决定） 第四十二条第一款（适用至2025-03-10）",
        "  2025修正（2025-03-11第十四届全国人民代表大会第三次会议决定，自公布之日起施行） 第五十一条第二款（2025-03-11起适用）",
    ]
    en = run_cli("rules", "show", "SUPV-008", "--lang", "en").stdout.splitlines()
    assert en[5].endswith("第四十二条第一款 (applied until 2025-03-10)")
    assert en[6].endswith("第五十一条第二款 (applies from 2025-03-11)")


def test_a_year_straddling_two_texts_cites_the_one_in_force_for_most_of_it():
    """突发事件应对法 2024修订 applies from 2024-11-01: a 2024 report cites the 2007 text (ten months of
    twelve) and says the other also applied; 保障中小企业款项支付条例 2025修订 (2025-06-01): a 2025 report
    cites it, with its gov.cn URL."""
    lines = run_cli("rules", "show", "EMER-003", "--year", "2024").stdout.splitlines()
    assert lines[4] == (
        "依据: 《中华人民共和国突发事件应对法》 2007（2007-08-30通过，2007-11-01施行） "
        "第三十九条第二款、第六十三条（二）（适用至2024-10-31）"
    )
    assert lines[5] == (
        "  2024 年内亦曾适用：2024修订（2024-06-28修订，2024-11-01施行） 第六十一条第二款、第九十五条（二）"
        "（2024-11-01起适用）"
    )
    lines = run_cli("rules", "show", "SUPV-006", "--year", "2025").stdout.splitlines()
    assert (
        lines[4]
        == "依据: 《保障中小企业款项支付条例》 2025修订（国务院令第802号，2025-06-01施行） 第九条、第十八条（2025-06-01起适用）"
    )
    assert lines[5] == "网址: https://www.gov.cn/zhengce/content/202503/content_7015401.htm"
    lines = run_cli("rules", "show", "SUPV-006", "--year", "2024").stdout.splitlines()
    assert (
        lines[4]
        == "依据: 《保障中小企业款项支付条例》 2020（国务院令第728号，2020-09-01施行） 第八条、第十六条（适用至2025-05-31）"
    )
    assert not lines[5].startswith("网址")


def test_version_for_most_days_ties_to_the_later_and_years_outside_to_the_nearest():
    versions = [
        {"version": "a", "until": "2024-10-31"},
        {"version": "b", "from": "2024-11-01", "until": "2030-06-30"},
        {"version": "c", "from": "2030-07-01"},
    ]
    assert [version_for(versions, y)["version"] for y in (1990, 2024, 2025, 2030, 2031)] == ["a", "a", "b", "c", "c"]
    leap = [{"version": "a", "until": "2028-07-01"}, {"version": "b", "from": "2028-07-02"}]  # 183 days each
    assert version_for(leap, 2028)["version"] == "b"
    late = [{"version": "a", "from": "2010-01-01", "until": "2012-12-31"}]
    assert version_for(late, 2000)["version"] == "a" and version_for(late, 2020)["version"] == "a"


def _submission(tmp_path, year):
    path = tmp_path / f"s{year}.yaml"
    path.write_text(
        f"region: 示例县\nyear: {year}\nindicators:\n  oversight.npc_suggestions: 10\n"
        "  oversight.npc_suggestions_replied_on_time: 9\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "year, cited",
    [
        (2024, f"{DAIBIAO} 2015修正（2015-08-29全国人大常委会决定） 第四十二条第一款"),
        (
            2025,
            f"{DAIBIAO} 2025修正（2025-03-11第十四届全国人民代表大会第三次会议决定，自公布之日起施行） 第五十一条第二款",
        ),
    ],
)
def test_a_finding_cites_the_version_of_its_year_in_every_format(tmp_path, year, cited):
    path = _submission(tmp_path, year)
    out = run_cli("check", path, "--format", "json")
    [finding] = [f for f in json.loads(out.stdout)["results"][0]["findings"] if f["rule"] == "SUPV-008"]
    assert (finding["status"], finding["basis"], finding["strength"]) == ("fail", cited, "law")
    assert "basis_url" not in finding
    sarif = json.loads(run_cli("check", path, "--format", "sarif").stdout)["runs"][0]
    [rule] = [r for r in sarif["tool"]["driver"]["rules"] if r["id"] == "SUPV-008"]
    assert rule["properties"]["basis"] == cited and "helpUri" not in rule
    assert (rule["properties"]["strength"], rule["properties"]["strength_label"]) == ("law", "法律法规")
    [result] = [r for r in sarif["results"] if r["ruleId"] == "SUPV-008"]
    assert result["properties"]["basis"] == cited
    text = run_cli("check", path, "--width", "400").stdout
    assert f"依据：{cited}  (5:46)\n" in text and "SUPV-008 人大代表建议按期答复率  [法律法规·重要]" in text
    junit = run_cli("check", path, "--format", "junit").stdout
    assert f"约束力：法律法规\n依据：{cited}" in junit
    markdown = run_cli("check", path, "--format", "markdown").stdout
    assert f"| {cited}（法律法规） |" in markdown
    github = run_cli("check", path, "--format", "github").stdout
    assert f"依据：{cited}（法律法规）" in github


@pytest.mark.parametrize(
    "year, uri", [(2024, None), (2025, "https://www.gov.cn/zhengce/content/202503/content_7015401.htm")]
)
def test_sarif_help_uri_follows_the_year(tmp_path, year, uri):
    path = tmp_path / "s.yaml"
    path.write_text(f"region: 示例县\nyear: {year}\nindicators:\n  oversight.integrity_breaches: 1\n", encoding="utf-8")
    sarif = json.loads(run_cli("check", path, "--format", "sarif").stdout)["runs"][0]
    [rule] = [r for r in sarif["tool"]["driver"]["rules"] if r["id"] == "SUPV-006"]
    assert rule.get("helpUri") == uri
    [result] = [r for r in sarif["results"] if r["ruleId"] == "SUPV-006"]
    assert result["properties"].get("basis_url") == uri


def test_disp_010_cites_the_correcting_decisions_only(pack):
    assert pack.rule("DISP-010").basis_text("zh") == (
        "《中华人民共和国行政复议法》 2023修订（2024-01-01施行） "
        "第六十三条至第六十七条（变更、撤销、确认违法、责令履行、确认无效）"
    )


def test_the_score_sheet_cites_the_version_of_the_year():
    out = run_cli("score", "samples/sheqi-2024.yaml", "--format", "json", "--jobs", "1")
    [county] = json.loads(out.stdout)["ranking"]
    bases = {d["rule"]: d["basis"] for d in county["deductions"]}
    assert bases["SUPV-008"] == f"{DAIBIAO} 2015修正（2015-08-29全国人大常委会决定） 第四十二条第一款"
    assert (
        bases["EMER-003"]
        == "《中华人民共和国突发事件应对法》 2007（2007-08-30通过，2007-11-01施行） 第三十九条第二款、第六十三条（二）"
    )


# --- URLs: official sites only, one URL one document ---------------------------------------------


def test_official_domains():
    for url in (
        "https://www.gov.cn/zhengce/content/202503/content_7015401.htm",
        "http://flk.npc.gov.cn/detail2.html",
        "http://scjgj.pds.gov.cn/contents/14217/3380.html",
        "https://www.court.gov.cn/x",
        "http://GOV.CN./a",
    ):
        assert official_url(url), url
    for url in (
        "http://rmlt.com.cn/2021/0901/623696.shtml",
        "https://evilgov.cn/x",
        "https://gov.cn.example.com/x",
        "http://www.gov.cn@evil.com/",
        "ftp://www.gov.cn/x",
        "www.gov.cn/x",
        "https://github.com/LawRefBook/Laws",
    ):
        assert not official_url(url), url


def test_the_bundled_pack_cites_official_urls_one_document_each(pack):
    assert url_diagnostics(pack) == []
    cited = {}
    for rule in pack.all_rules:
        for url, document, noted in basis_urls(rule.basis):
            assert official_url(url) or noted, (rule.id, url)
            cited.setdefault(url, set()).add(document)
    assert {url: docs for url, docs in cited.items() if len(docs) > 1} == {}
    assert "http://rmlt.com.cn/2021/0901/623696.shtml" not in cited


def test_lint_refuses_an_unofficial_url_unless_the_basis_says_why(pack_dir):
    path = pack_dir / "pack" / "report.yaml"
    edit(path, "article: 第二十四条}", "article: 第二十四条, url: 'http://rmlt.com.cn/2021/0901/623696.shtml'}")
    assert codes(pack_dir) == [("pack.unofficial_url", "report.yaml", 7, 65, "error")]
    out = run_cli("rules", "lint", pack_dir, "--lang", "en")
    assert out.returncode == 2
    assert out.stderr.splitlines()[0].endswith(
        "report.yaml:7:65: rule REPT-001: URL http://rmlt.com.cn/2021/0901/623696.shtml"
        " is not on an official site (gov.cn) and no url_note says why"
    )
    edit(
        path,
        "url: 'http",
        "url_note: {zh: 官方页面已撤下，此为人民论坛网转载, en: the official page is gone; a reprint}, url: 'http",
    )
    assert codes(pack_dir) == []


def test_lint_refuses_one_url_cited_for_two_documents(pack_dir):
    url = "http://www.hnhs.gov.cn/22560/22709/43459/43460/43462/43492/content_2139138.html"
    edit(pack_dir / "pack" / "report.yaml", "article: 第二十四条}", f"article: 第二十四条, url: '{url}'}}")
    edit(pack_dir / "pack" / "disputes.yaml", "basis: {", f"basis: {{url: '{url}', ")
    found = codes(pack_dir)
    assert [c[0] for c in found] == ["pack.url_two_documents"]
    diags, _ = lint_diagnostics(pack_dir)
    assert diags[0].params["rule"] in ("DISP-001", "REPT-001") and diags[0].params["other_rule"] in (
        "DISP-001",
        "REPT-001",
    )


def test_versions_are_validated_with_their_place(pack_dir):
    path = pack_dir / "pack" / "report.yaml"
    edit(
        path,
        "basis: {document: 《法治政府建设与责任落实督察工作规定》, article: 第二十四条}",
        "basis:\n      document: 《法治政府建设与责任落实督察工作规定》\n      versions:\n"
        "        - {version: '2019', article: 第二十四条, until: 2025-03-10}\n"
        "        - {version: '2026', article: 第二十五条, from: 2025-03-12}",
    )
    found = codes(pack_dir)
    assert found == [("pack.bad_versions", "report.yaml", 11, 11, "error")]
    diags, _ = lint_diagnostics(pack_dir)
    assert diags[0].message("en") == (
        "rule REPT-001: basis.versions: from 2025-03-12 is not the day after the version before ends (2025-03-10)"
    )
    edit(path, "from: 2025-03-12", "from: 2025-03-11, pages: 3")
    assert [c[:4] for c in codes(pack_dir)] == [("pack.bad_versions", "report.yaml", 11, 63)]
    edit(path, "from: 2025-03-11, pages: 3", "from: 2025-03-11")
    assert codes(pack_dir) == []
    pack, _ = load_pack(pack_dir)
    rule = pack.rule("REPT-001")
    assert rule.at(2024).basis_text("zh") == "《法治政府建设与责任落实督察工作规定》 2019 第二十四条"
    assert rule.at(2025).basis_text("zh") == "《法治政府建设与责任落实督察工作规定》 2026 第二十五条"


# --- binding force: law and central, statutory read as law ---------------------------------------


def test_every_rule_has_a_strength_of_the_split_vocabulary(pack):
    assert STRENGTHS == ("law", "central", "local", "consistency", "practice", "none")
    assert {"law", "central"} <= set(BLOCKING_STRENGTHS)
    assert {r.strength for r in pack.all_rules} <= set(STRENGTHS)
    grades = {
        rid: pack.rule(rid).strength
        for rid in (
            "REPT-001",
            "REPT-002",
            "REPT-003",
            "REPT-004",
            "REPT-005",
            "REPT-009",
            "ENFO-003",
            "ENFO-004",
            "FUNC-010",
            "DECI-010",
            "RULE-001",
            "LEAD-009",
            "SUPV-008",
            "DISP-005",
            "ENFO-005",
            "ENFO-006",
            "ENFO-008",
        )
    }
    assert grades == {
        **dict.fromkeys(
            (
                "REPT-001",
                "REPT-002",
                "REPT-003",
                "REPT-004",
                "REPT-005",
                "REPT-009",
                "ENFO-003",
                "ENFO-004",
                "FUNC-010",
                "DECI-010",
                "RULE-001",
                "LEAD-009",
            ),
            "central",
        ),
        **dict.fromkeys(("SUPV-008", "DISP-005", "ENFO-005", "ENFO-006"), "law"),
        "ENFO-008": "local",
    }


def test_statutory_in_a_user_pack_is_read_as_law_with_a_note(pack_dir):
    edit(pack_dir / "pack" / "report.yaml", "strength: central", "strength: statutory")
    edit(pack_dir / "profiles" / "strict.yaml", "DISP-001: {strength: local", "DISP-001: {strength: statutory")
    pack, diags = load_pack(pack_dir, "strict")
    assert [d for d in diags if d.severity == "error"] == []
    assert pack.rule("REPT-001").strength == "law" and pack.rule("REPT-001").blocking
    assert pack.rule("DISP-001").strength == "law"
    assert codes(pack_dir) == [
        ("pack.strength_alias", "report.yaml", 6, 15, "note"),
        ("pack.strength_alias", "strict.yaml", 5, 24, "note"),
    ]
    out = run_cli("rules", "lint", pack_dir)
    assert out.returncode == 0
    assert out.stderr.splitlines()[0].endswith(
        "report.yaml:6:15: 规则 REPT-001 的 strength 写作“statutory”，按“law”"
        "（法律法规）读取；中央文件（中办、国办文件、纲要）请写 central"
    )
    assert out.stderr.splitlines()[0].startswith("说明：")


def test_the_bundled_pack_and_profiles_write_the_new_words(pack):
    assert [
        d
        for d in alias_notes(pack)
        if "/tests/" not in d.file
        and Path(d.file).stem
        in (
            "decisions",
            "digital",
            "emergency",
            "enforcement",
            "functions",
            "leadership",
            "regulation",
            "national",
            "henan-county",
        )
    ] == []


def test_rules_list_names_binding_force_apart():
    lines = run_cli("rules", "list").stdout.splitlines()
    assert "SUPV-008  法律法规·重要  人大代表建议按期答复率" in lines
    assert "RULE-001  中央文件·重要  行政规范性文件合法性审核率" in lines
    en = run_cli("rules", "list", "--lang", "en").stdout.splitlines()
    assert any(line.startswith("RULE-001  central document·major  ") for line in en)


def test_henan_binds_major_penalty_filing_under_order_168(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "region: 示例县\nyear: 2024\nindicators:\n  enforcement.major_penalty_cases: 10\n"
        "  enforcement.major_penalty_cases_reviewed: 9\n",
        encoding="utf-8",
    )
    status = lambda *args: next(
        f["status"]
        for f in json.loads(run_cli("check", path, "--format", "json", *args).stdout)["results"][0]["findings"]  # noqa: E731
        if f["rule"] == "ENFO-008"
    )
    assert status() == "warn" and status("--profile", "henan-county") == "fail"
    lines = run_cli("rules", "show", "ENFO-008").stdout.splitlines()
    assert (
        lines[4]
        == "依据: 《河南省重大行政处罚备案审查办法》 2015（河南省人民政府令第168号，2015-07-01施行） 第三条、第四条、第五条"
    )


@pytest.mark.parametrize(
    "indicators, expect",
    [
        (
            "enforcement.enforcement_units: 40\n  enforcement.units_with_discretion_benchmarks: 12\n"
            "  enforcement.units_with_applicable_benchmarks: 40\n",
            "pass",
        ),  # the city's benchmark applies
        ("enforcement.enforcement_units: 40\n  enforcement.units_with_discretion_benchmarks: 12\n", "warn"),
        (
            "enforcement.enforcement_units: 40\n  enforcement.units_with_discretion_benchmarks: 30\n"
            "  enforcement.units_with_applicable_benchmarks: 38\n",
            "fail",
        ),
    ],
)
def test_enfo_005_counts_units_with_an_applicable_benchmark(tmp_path, indicators, expect):
    path = tmp_path / "s.yaml"
    path.write_text(f"region: 示例县\nyear: 2024\nindicators:\n  {indicators}", encoding="utf-8")
    [f] = [
        f
        for f in json.loads(run_cli("check", path, "--format", "json").stdout)["results"][0]["findings"]
        if f["rule"] == "ENFO-005"
    ]
    assert f["status"] == expect
