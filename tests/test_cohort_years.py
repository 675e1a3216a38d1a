"""A cohort is one year (issue 18): nothing vanishes. The latest year of the files scored is ranked; a
file of the year before for a county of the cohort is its previous year; any other year is listed as
not scored, naming its year; a --previous file that is not of the year before is listed, not used."""

import json

from conftest import run_cli
from test_scoring import MINIMAL, county


def score(*paths, extra=()):
    out = run_cli("score", *paths, "--rules", MINIMAL, "--scheme", "test", "--format", "json", "--jobs", "1", *extra)
    assert "Traceback" not in out.stderr, out.stderr
    doc = json.loads(out.stdout)
    rows = [
        (c["rank"], c["region"], c["year"], c["score"], c["change"] and c["change"]["previous_year"])
        for c in doc["ranking"]
    ]
    return out.returncode, rows, doc["errors"]


def test_a_later_year_under_previous_is_listed_and_the_county_stays_ranked(tmp_path):
    now, later = tmp_path / "2024", tmp_path / "2025"
    now.mkdir(), later.mkdir()
    county(now, name="甲县")
    county(now, name="丙县", attended=2)
    wrong = county(later, name="丙县", year=2025, published="2026-03-25")
    code, rows, errors = score(now, extra=("--previous", later))
    assert rows == [(1, "甲县", 2024, 100, None), (2, "丙县", 2024, 94, None)]
    assert errors == [
        {
            "file": str(wrong),
            "messages": [
                f"{wrong}: 丙县 2025 年度的材料作为上年给出，但本次考核为 2024 年度，上年应为 2023；未用于同比"
            ],
        }
    ]
    assert code == 2
    _, _, errors = score(now, extra=("--previous", later, "--lang", "en"))
    assert errors[0]["messages"] == [
        f"{wrong}: 丙县, 2025, given as the previous year, but this cohort is 2024, "
        "so the previous year is 2023; not compared"
    ]


def test_the_year_before_under_previous_is_compared(tmp_path):
    now, before = tmp_path / "2024", tmp_path / "2023"
    now.mkdir(), before.mkdir()
    county(now, name="丙县", attended=2)
    county(before, name="丙县", year=2023, published="2024-03-25")
    code, rows, errors = score(now, extra=("--previous", before))
    assert (code, rows, errors) == (0, [(1, "丙县", 2024, 94, 2023)], [])


def test_gap_years_in_one_run_rank_the_latest_and_list_the_other(tmp_path):
    """2022 and 2024 of one county: 2024 is ranked; 2022 is neither ranked nor the previous year."""
    county(tmp_path, name="甲县")
    county(tmp_path, name="丙县", attended=2)
    old = county(tmp_path, name="丙县", year=2022, published="2023-03-25")
    code, rows, errors = score(tmp_path)
    assert rows == [(1, "甲县", 2024, 100, None), (2, "丙县", 2024, 94, None)]
    assert errors == [
        {
            "file": str(old),
            "messages": [
                f"{old}: 丙县 2022 年度的材料，不是本次考核的年度（2024），未计分（上一年度的材料用 --previous 给出，其他年度另行评分）"
            ],
        }
    ]
    assert code == 2


def test_an_earlier_year_of_a_county_not_in_the_cohort_is_not_ranked_with_it(tmp_path):
    county(tmp_path, name="甲县")
    alone = county(tmp_path, name="乙县", year=2023, published="2024-03-25")
    code, rows, errors = score(tmp_path)
    assert rows == [(1, "甲县", 2024, 100, None)]
    assert [e["file"] for e in errors] == [str(alone)] and code == 2


def test_the_year_before_in_the_same_run_is_still_the_previous_year(tmp_path):
    county(tmp_path, name="甲县")
    county(tmp_path, name="丙县", attended=2)
    county(tmp_path, name="丙县", year=2023, published="2024-03-25")
    code, rows, errors = score(tmp_path)
    assert (code, rows, errors) == (0, [(1, "甲县", 2024, 100, None), (2, "丙县", 2024, 94, 2023)], [])
