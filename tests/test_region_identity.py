"""One county, one name (hostile review 2, D7 and D9): look-alike characters are made the ideograph they
stand for or refused at their place, traditional and simplified spellings are one region wherever
regions are compared (ranking once, waivers, the previous year), a region_code two names share is
said; a region's name has a length limit, and the ranking table keeps rank, year, score and grade
whole at any width. Also: a --profile that is not a profile says so (m3)."""

import json
import re
import textwrap

import pytest
from conftest import run_cli

from checker.region import MAX_LENGTH, RegionProblem, region_key, region_name


@pytest.mark.parametrize(
    "written,name",
    [
        ("⾦⽔区", "金水区"),  # Kangxi radicals U+2FA6, U+2F54
        ("ＡＢＣ县", "ABC县"),  # full-width letters
        ("示例县（虚构）", "示例县（虚构）"),  # full-width punctuation is Chinese text: kept as written
        ("社旗縣", "社旗縣"),  # a traditional spelling is kept as written, compared by its key
        ("Cafe\u0301县", "Café县"),  # an accent on a Latin letter is composed (NFC)
    ],
)
def test_look_alikes_are_made_the_character_they_stand_for(written, name):
    assert region_name(written) == name


@pytest.mark.parametrize(
    "written,code,index,char,zh,en",
    [
        (
            "⻓安区",
            "input.region_radical",
            1,
            "U+2ED3",
            "region 第 1 个字符 U+2ED3（CJK RADICAL C-SIMPLIFIED LONG）是部首，不是汉字：⻓安区",
            "region holds a CJK radical, not an ideograph, U+2ED3 (CJK RADICAL C-SIMPLIFIED LONG), at character 1: ⻓安区",
        ),
        (
            "社旗县\u0301",
            "input.region_mark",
            4,
            "U+0301",
            "region 第 4 个字符 U+0301（COMBINING ACUTE ACCENT）是加在汉字上的组合符号：社旗县\u0301",
            "region holds a combining mark on an ideograph, U+0301 (COMBINING ACUTE ACCENT), at character 4: 社旗县\u0301",
        ),
    ],
)
def test_a_radical_with_no_ideograph_and_a_mark_on_an_ideograph_are_refused_at_their_place(
    written, code, index, char, zh, en
):
    from checker.errors import Diagnostic

    with pytest.raises(RegionProblem) as caught:
        region_name(written)
    assert (caught.value.code, caught.value.params["index"], caught.value.params["char"]) == (code, index, char)
    d = Diagnostic(caught.value.code, "s.yaml", 1, 9, caught.value.params)
    assert (d.message("zh"), d.message("en")) == (zh, en)


def test_a_region_longer_than_the_limit_is_refused_with_its_length():
    from checker.errors import Diagnostic

    assert MAX_LENGTH == 100
    assert region_name("县" * MAX_LENGTH) == "县" * MAX_LENGTH
    with pytest.raises(RegionProblem) as caught:
        region_name("县" * 101)
    d = Diagnostic(caught.value.code, "s.yaml", 1, 9, caught.value.params)
    assert d.message("zh") == ("region 长 101 个字，超过上限 100 个字（最长的县级地名约 15 个字）：" + "县" * 20 + "…")
    assert d.message("en") == (
        "region is 101 characters long, over the limit of 100 (the longest county-level names "
        "are about 15): " + "县" * 20 + "…"
    )


def test_a_long_region_in_a_file_is_an_input_error_at_its_value(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(f"region: {'县' * 101}\nyear: 2024\nindicators: {{}}\n", encoding="utf-8")
    out = run_cli("check", path, "--format", "json")
    assert out.returncode == 2
    [diag] = json.loads(out.stdout)["results"][0]["errors"]
    assert (diag["code"], diag["line"], diag["column"]) == ("input.region_too_long", 1, 9)


@pytest.mark.parametrize(
    "a,b",
    [
        ("社旗县", "社旗縣"),
        ("金水区", "金水區"),
        ("乾县", "乾縣"),
        ("沈阳市", "瀋陽市"),
        ("示例县(虚构)", "示例县（虚构）"),
        ("ABC县", "ＡＢＣ县"),
    ],
)
def test_traditional_and_width_variants_have_one_key(a, b):
    assert region_key(region_name(a)) == region_key(region_name(b))


@pytest.mark.parametrize(
    "full,short",
    [
        ("禾川回族自治县", "禾川县"),
        ("禾边朝鲜族自治州", "禾边州"),
        ("禾东南苗族侗族自治州", "禾东南州"),
        ("禾丰土家族苗族自治州", "禾丰州"),
        ("禾孜勒苏柯尔克孜自治州", "禾孜勒苏州"),
        ("禾江拉祜族佤族布朗族傣族自治县", "禾江县"),
        ("禾白朝鲜族自治县", "禾白县"),  # a name ending in a people's character (长白)
        ("巴音郭楞蒙古自治州", "巴州"),  # the three prefectures with short names of their own
    ],
)
def test_an_autonomous_place_and_its_short_name_have_one_key(full, short):
    assert region_key(full) == region_key(short)


def test_a_long_name_is_compared_as_it_is():
    assert region_key("回" * 5000 + "族自治县") == "回" * 5000 + "族自治县"


def test_an_autonomous_region_and_a_people_named_banner_keep_their_names():
    assert region_key("禾夏回族自治区") == "禾夏回族自治区"  # a province-level region keeps its name
    assert region_key("鄂温克族自治旗") == "鄂温克族自治旗"  # the place is the people's name


def test_different_places_keep_different_keys():
    assert region_key("社旗县") != region_key("社旗市")
    assert region_key("金水区") != region_key("金水县")


SMALL = 'region: "{region}"\nregion_code: "{code}"\nyear: {year}\nindicators: {{}}\n'


def _county(folder, file, region, code="411327", year=2024):
    folder.mkdir(exist_ok=True)
    (folder / file).write_text(SMALL.format(region=region, code=code, year=year), encoding="utf-8")


def test_one_county_under_look_alike_names_is_ranked_once_and_a_shared_code_is_said(tmp_path):
    cohort = tmp_path / "d6"
    for file, region in (("a.yaml", "金水区"), ("b.yaml", "⾦⽔区"), ("c.yaml", "社旗县"), ("d.yaml", "社旗縣")):
        _county(cohort, file, region)
    out = run_cli("score", "d6", "--format", "json", "--lang", "en", cwd=tmp_path)
    data = json.loads(out.stdout)
    assert [(c["region"], c["file"]) for c in data["ranking"]] == [("社旗县", "d6/c.yaml"), ("金水区", "d6/a.yaml")]
    assert data["errors"] == [
        {
            "file": "d6/b.yaml",
            "messages": ["d6/b.yaml: the same region and year as d6/a.yaml (金水区 2024); not scored"],
        },
        {
            "file": "d6/d.yaml",
            "messages": ["d6/d.yaml: the same region and year as d6/c.yaml (社旗縣 2024); not scored"],
        },
    ]
    assert data["notes"] == [
        "region_code 411327 is given by differently named regions: 金水区 (d6/a.yaml), "
        "社旗县 (d6/c.yaml); a division code belongs to one place: check the names and the code"
    ]
    out = run_cli("score", "d6", "--width", "160", cwd=tmp_path)
    assert (
        "region_code 411327 为名称不同的地区共用：金水区（d6/a.yaml）、社旗县（d6/c.yaml）；"
        "一个行政区划代码只属一地，请核对地区名称和代码"
    ) in out.stdout


def test_the_previous_year_and_waivers_match_across_spellings(tmp_path):
    _county(tmp_path / "cur", "a.yaml", "社旗县")
    _county(tmp_path / "prev", "a.yaml", "社旗縣", year=2023)
    out = run_cli("score", tmp_path / "cur", "--previous", tmp_path / "prev", "--format", "json", cwd=tmp_path)
    [county] = json.loads(out.stdout)["ranking"]
    assert county["change"]["previous_year"] == 2023
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        textwrap.dedent("""\
        waivers:
          - rule: REPT-001
            region: 社旗縣
            year: 2024
            justification: 测试
            approved_by: 测试
            approved_on: 2025-01-01
            expires: 2025-12-31
        """),
        encoding="utf-8",
    )
    out = run_cli(
        "check",
        tmp_path / "cur" / "a.yaml",
        "--waivers",
        waivers,
        "--today",
        "2025-06-01",
        "--format",
        "json",
        "--all",
        cwd=tmp_path,
    )
    [f] = [f for f in json.loads(out.stdout)["results"][0]["findings"] if f["rule"] == "REPT-001"]
    assert f["status"] == "waived"


@pytest.mark.parametrize("width", [160, 120, 80, 60, 40])
def test_a_long_region_never_costs_the_table_its_rank_year_score_or_grade(tmp_path, width):
    from rich.cells import cell_len

    cohort = tmp_path / "c"
    _county(cohort, "long.yaml", "县" * MAX_LENGTH)
    _county(cohort, "short.yaml", "示例县", code="411328")
    out = run_cli("score", cohort, "--width", str(width), cwd=tmp_path)
    lines = out.stdout.splitlines()
    [head] = [line for line in lines if "排名" in line and "年度" in line]
    assert [word for word in ("排名", "地区", "年度", "总分", "等次") if word in head] == [
        "排名",
        "地区",
        "年度",
        "总分",
        "等次",
    ]
    rows = [line for line in lines if re.match(r"^ +1 ", line)]
    assert len(rows) == 2
    for row in rows:  # rank, year, a whole score and the grade
        assert re.search(r" 2024 +\d+\.\d\d +(优秀|良好|一般|较差)( |$)", row), row
    assert "…" in rows[0] and "县" * MAX_LENGTH not in rows[0]  # the long name is cut, with an ellipsis
    assert max(cell_len(line) for line in lines if line.startswith(" ")) <= width


def test_a_profile_that_is_not_one_gets_a_profiles_hint(tmp_path):
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    sample = tmp_path / "s.yaml"
    sample.write_text("region: 示例县\nyear: 2024\nindicators: {}\n", encoding="utf-8")
    out = run_cli("check", sample, "--profile", passwd)
    assert out.returncode == 2
    assert out.stderr.splitlines()[-2:] == [
        f"{passwd}:1:1: 适用方案文件的内容不是键值映射",
        "    建议：--profile 给出适用方案的名称（如 henan-county）或其 YAML 文件，文件由 name:、extends:、rules: 等字段组成",
    ]
    out = run_cli("check", sample, "--profile", sample, "--lang", "en")
    assert out.returncode == 2
    assert out.stderr.splitlines()[-2:] == [
        f"{sample}:3:1: this is a submission (it has indicators:), not a profile",
        "    hint: give a submission as what to check (fazhi check FILE); --profile takes a profile's name "
        "(e.g. henan-county) or its YAML file",
    ]
