"""``fazhi score --split-at N`` (issue 24): past N counties each county's sheet goes to a workbook of its
own and its detail to a page of its own, in a folder beside the output; the summary and the ranking link
to them. At or under N every output is the same as without the option."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from conftest import run_cli
from openpyxl import load_workbook

from checker.score.model import CohortReport, CountyScore
from checker.score.split import county_stems, safe_name, split_folder

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
from regen import write_cohort  # noqa: E402

N = 30  # the generated cohort's counties (regen.COHORT)
FLAGS = ["--jobs", "1", "--today", "2025-06-30", "--engine", "python", "--color", "never"]


def _score(where: Path, *args: str, lang: str = "zh"):
    proc = run_cli("score", "cur", "--previous", "prev", *FLAGS, "--lang", lang, *args, cwd=where)
    assert proc.returncode == 2, proc.stderr  # the cohort has one file that cannot be scored
    return proc


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    where = tmp_path_factory.mktemp("split")
    write_cohort(where)
    ranking = json.loads(_score(where, "--format", "json", "--xlsx", "whole.xlsx", "--html", "whole.html").stdout)
    split = _score(where, "--xlsx", "out.xlsx", "--html", "out.html", "--split-at", "3")
    first = {"out.xlsx": (where / "out.xlsx").read_bytes(), "out.html": (where / "out.html").read_bytes()}
    first.update(_files(where / "out-counties"))
    again = _score(where, "--xlsx", "out.xlsx", "--html", "out.html", "--split-at", "3")
    return where, ranking["ranking"], split, again, first


def _stems(ranking) -> list[str]:
    return [f"{i:04d} {c['region']} {c['year']}" for i, c in enumerate(ranking, 1)]


def test_each_county_has_a_workbook_and_a_page_named_by_its_place_region_and_year(cohort):
    where, ranking, split, _again, _first = cohort
    assert len(ranking) == N
    stems = _stems(ranking)
    assert stems[0].startswith("0001 合成县0000") and stems[0].endswith(" 2024")
    expected = sorted([s + ".xlsx" for s in stems] + [s + ".html" for s in stems])
    assert sorted(os.listdir(where / "out-counties")) == expected
    assert split.stderr.splitlines()[-1] == (
        f"各地区的评分表或报告页共 {2 * N} 个文件，写在文件夹 out-counties：其中 0 个替换了同名的旧文件；"
        "文件夹中另有 0 个文件，未改动"
    )


def test_a_county_workbook_holds_the_same_sheet_as_the_whole_workbook(cohort):
    where, ranking, *_ = cohort
    whole = load_workbook(where / "whole.xlsx")
    assert len(whole.sheetnames) == N + 2  # the summary, a sheet a county, the files not scored
    for i, stem in enumerate(_stems(ranking), 1):
        book = load_workbook(where / "out-counties" / f"{stem}.xlsx")
        assert len(book.worksheets) == 1
        got, want = book.worksheets[0], whole.worksheets[i]
        assert got.title == want.title == f"{ranking[i - 1]['rank']} {ranking[i - 1]['region']} 2024"
        cells = lambda ws: [  # noqa: E731
            (c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.font.color and c.font.color.rgb,
             c.fill.fgColor.rgb, c.alignment.wrap_text)
            for row in ws.iter_rows() for c in row
        ]  # fmt: skip
        assert cells(got) == cells(want) and got.max_row > 100
        assert got.merged_cells.ranges == want.merged_cells.ranges
        assert got.freeze_panes == want.freeze_panes == "A4"
        assert {k: d.width for k, d in got.column_dimensions.items()} == {
            k: d.width for k, d in want.column_dimensions.items()
        }
        assert book.properties.creator == "fazhi-checker"


def test_the_summary_keeps_its_rows_and_links_each_county_to_its_workbook(cohort):
    where, ranking, *_ = cohort
    whole, split = load_workbook(where / "whole.xlsx"), load_workbook(where / "out.xlsx")
    assert split.sheetnames == ["汇总", "未能评分"]
    got, want = split["汇总"], whole["汇总"]
    width = want.max_column
    assert got.max_column == width + 1
    assert got.cell(2, width + 1).value == "评分表文件"
    for r in range(2, N + 3):
        assert [got.cell(r, c).value for c in range(1, width + 1)] == [
            want.cell(r, c).value for c in range(1, width + 1)
        ]
    stems = _stems(ranking)
    for r, stem in enumerate(stems, 3):
        cell = got.cell(r, width + 1)
        assert cell.value == f"out-counties/{stem}.xlsx"
        target = cell.hyperlink.target
        assert target == f"out-counties/{stem.replace(' ', '%20')}.xlsx"
        assert (where / unquote(target)).is_file()
    assert got.auto_filter.ref == f"A2:{got.cell(2, width + 1).column_letter}{N + 2}"
    rows = lambda ws: [[c.value for c in row] for row in ws.iter_rows()]  # noqa: E731
    assert rows(split["未能评分"]) == rows(whole["未能评分"]) and len(rows(split["未能评分"])) == 2


def test_the_report_keeps_ranking_and_chart_and_links_each_county_to_its_page(cohort):
    where, ranking, *_ = cohort
    index = (where / "out.html").read_text(encoding="utf-8")
    whole = (where / "whole.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<td class="w reg"><a href="([^"]+)">', index)
    assert [unquote(h) for h in hrefs] == [f"out-counties/{s}.html" for s in _stems(ranking)]
    assert all((where / unquote(h)).is_file() for h in hrefs)
    assert '<section class="county"' not in index and whole.count('<section class="county"') == N
    # the ranking, the chart and the files not scored as in the whole report, but for the links
    relinked = index
    for i, href in enumerate(hrefs, 1):
        relinked = relinked.replace(f'href="{href}"', f'href="#c{i}"', 1)
    counties = re.compile(r'\n<section class="county" id="c\d+">.*?</section>', re.S)
    assert relinked == counties.sub("", whole)
    for i, href in enumerate(hrefs, 1):
        page = (where / unquote(href)).read_text(encoding="utf-8")
        section = re.search(rf'<section class="county" id="c{i}">.*?</section>', whole, re.S).group()
        assert section in page and page.count("<section") == 1
        back = re.search(r'<p><a href="([^"]+)">← 返回排名</a></p>', page).group(1)
        assert back == "../out.html" and (where / "out-counties" / back).resolve() == (where / "out.html").resolve()
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
                               '<meta name="generator" content="fazhi-checker">')  # fmt: skip


def test_the_same_input_gives_the_same_bytes_and_a_rerun_says_what_it_replaced(cohort):
    where, _ranking, _split, again, first = cohort
    now = {"out.xlsx": (where / "out.xlsx").read_bytes(), "out.html": (where / "out.html").read_bytes()}
    now.update(_files(where / "out-counties"))
    assert now == first and len(now) == 2 + 2 * N
    assert again.stderr.splitlines()[-1] == (
        f"各地区的评分表或报告页共 {2 * N} 个文件，写在文件夹 out-counties：其中 {2 * N} 个替换了同名的旧文件；"
        "文件夹中另有 0 个文件，未改动"
    )


def test_at_or_under_the_threshold_nothing_is_split(cohort):
    where, *_ = cohort
    whole = {n: (where / n).read_bytes() for n in ("whole.xlsx", "whole.html")}
    for at in (str(N), "2000"):
        _score(where, "--xlsx", "whole.xlsx", "--html", "whole.html", "--split-at", at)
        assert {n: (where / n).read_bytes() for n in whole} == whole
        assert not (where / "whole-counties").exists()
    _score(where, "--html", "whole.html", "--split-at", str(N - 1), "--lang", "en")
    assert len(os.listdir(where / "whole-counties")) == N  # pages only: no workbook asked for


def test_other_files_in_the_folder_are_left_and_counted(tmp_path):
    write_cohort(tmp_path)
    folder = tmp_path / "r-counties"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    proc = _score(tmp_path, "--html", "r.html", "--split-at", "0", lang="en")
    assert proc.stderr.splitlines()[-1] == (
        f"{N} files of the regions' scoring sheets or report pages written to the folder r-counties: 0 of them "
        "replaced a file of the same name; 1 other file(s) in the folder left as they were"
    )
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine" and len(os.listdir(folder)) == N + 1


def test_a_folder_that_cannot_be_made_is_said_without_a_traceback(tmp_path):
    write_cohort(tmp_path)
    (tmp_path / "r-counties").write_text("a file where the folder would go", encoding="utf-8")
    proc = run_cli("score", "cur", *FLAGS, "--xlsx", "r.xlsx", "--split-at", "1", cwd=tmp_path)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "r-counties" in proc.stderr and not (tmp_path / "r.xlsx").exists()


def test_a_bad_split_at_is_refused_in_the_language_asked_for(tmp_path):
    for value, lang, said in (
        ("-3", "zh", "参数 --split-at：应为不小于 0 的整数，而不是“-3”"),
        ("many", "en", "argument --split-at: a whole number, 0 or more, is needed, not 'many'"),
    ):
        proc = run_cli("score", "x", "--split-at", value, "--lang", lang, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.rstrip().endswith(said), proc.stderr


# ---------------------------------------------------------------------------------------------- file names


def _report(regions) -> CohortReport:
    counties = tuple(
        CountyScore(file=f"f{i}", region=r, year=2024, total=0.0, base=0.0, grade="x", grade_name={}, rank=1)
        for i, r in enumerate(regions)
    )
    return CohortReport(scheme="s", scheme_name={}, bands=(), areas=(), counties=counties)


def test_hostile_region_names_give_safe_unique_file_names():
    long = "长" * 100
    stems = county_stems(_report(["../x", "a/b:c*?", '"<>|\\#%', "../x", long, "a\tb\u200b\x00c", "..", " . ", ""]))
    cut = "长" * 39 + "…"  # 117 bytes of the 120 a region may have, then the mark
    assert stems == [
        "0001 _x 2024",  # no dot at either end (a hidden file on Unix, dropped by Windows)
        "0002 a_b_c__ 2024",
        "0003 _______ 2024",
        "0004 _x 2024",
        f"0005 {cut} 2024",
        "0006 a bc 2024",
        "0007 - 2024",
        "0008 - 2024",
        "0009 - 2024",
    ]
    assert len({s.casefold() for s in stems}) == len(stems)
    bad = set('/\\:*?"<>|') | {chr(c) for c in range(32)}
    assert all(not bad & set(s) and len(s.encode("utf-8")) <= 140 for s in stems)
    assert safe_name("x" * 61) == "x" * 60 + "…" and safe_name("x" * 60) == "x" * 60
    assert county_stems(_report(["甲"] * 10000))[-1] == "10000 甲 2024"  # the place widens past 9,999


def test_hostile_region_names_end_to_end(tmp_path):
    from checker import synth
    from checker.pack import load_pack_or_raise

    hostile = ["../x", "a/b:c*?", '"<>|\\', "长" * 100, "CON"]
    paths = synth.write(load_pack_or_raise().catalogue, tmp_path / "cur", len(hostile), seed=3, year=2024)
    for path, region in zip(paths, hostile):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["region"] = region
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "out").mkdir()
    proc = run_cli("score", "cur", *FLAGS, "--format", "json", "--html", "out/r.html", "--split-at", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    ranking = json.loads(proc.stdout)["ranking"]
    assert sorted(c["region"] for c in ranking) == sorted(hostile)
    names = sorted(os.listdir(tmp_path / "out" / "r-counties"))
    assert names == sorted(f"{i:04d} {safe_name(c['region'])} 2024.html" for i, c in enumerate(ranking, 1))
    assert sorted(os.listdir(tmp_path)) == ["cur", "out"]  # nothing written outside the folder
    assert sorted(os.listdir(tmp_path / "out")) == ["r-counties", "r.html"]
    index = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    for href in re.findall(r'<td class="w reg"><a href="([^"]+)">', index):
        assert (tmp_path / "out" / unquote(href)).is_file()


def test_the_folder_is_named_after_the_output():
    assert split_folder("out.xlsx") == "out-counties"
    assert split_folder(os.path.join("a", "报告.v2.html")) == os.path.join("a", "报告.v2-counties")
    assert split_folder(".hidden") == ".hidden-counties"
