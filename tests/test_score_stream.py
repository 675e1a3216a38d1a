"""A cohort's counties kept compact (issue 24): what ``run_scoring`` keeps of a county's items
reads back as the items scored, for every field an output shows."""

from __future__ import annotations

from pathlib import Path

from checker.score import cohort as cohort_mod
from checker.score.cohort import ScoreSetup, _values, run_scoring
from checker.score.detail import Detail
from checker.score.model import CountyScore, tr

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    str(ROOT / "samples" / name)
    for name in (
        "sheqi-2024.yaml",
        "fictional-inconsistent.yaml",
        "fictional-missed-rate.yaml",
        "fictional-missing.yaml",
    )
]


def _shown(item, lang):
    return (
        item.rule,
        item.area,
        tr(item.title, lang),
        str(item.status),
        item.deduction,
        tr(item.reason, lang),
        tr(item.expected, lang),
        item.basis,
        item.strength,
    )


def _full(path: str, lang: str) -> CountyScore:
    from checker.inputs.dispatch import read_input
    from checker.score.compute import score

    state = cohort_mod._state
    sub = read_input(path, state["pack"])
    return score(state["checker"].check(sub), sub, state["scheme"], state["pack"].catalogue, (lang,))


def test_compact_items_read_back_as_scored_in_each_language():
    for lang in ("zh", "en"):
        setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang=lang)
        kept = run_scoring(SAMPLES, setup, 1)
        assert [type(c.items) for c in kept] == [Detail] * len(SAMPLES)
        for path, county in zip(SAMPLES, kept):
            full = _full(path, lang)
            assert [_shown(i, lang) for i in county.items] == [_shown(i, lang) for i in full.items]
            assert len(county.items) == len(full.items) > 100
            # year over year reads the same numbers of the indicators that have a better direction
            cat = cohort_mod._state["pack"].catalogue
            expected = {k: v for k, v in _values(full).items() if cat.indicators[k].better and type(v) in (int, float)}
            assert _values(county) == expected and expected


def test_a_rules_texts_are_sent_once_per_worker():
    setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang="zh")
    # serially, one process: the second county of the same profile brings no texts the first did not
    cohort_mod._init(setup)
    first, second = (cohort_mod._score_one(p) for p in SAMPLES[1:3])
    assert len(first.items.texts) == len(first.items.learn().expand()) and second.items.texts == ()


def test_past_the_spill_size_items_are_read_back_from_sqlite_the_same(monkeypatch):
    from checker.score import detail

    setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang="zh")
    kept = run_scoring(SAMPLES, setup, 1)
    monkeypatch.setattr(detail, "SPILL", 1)
    spilled = run_scoring(SAMPLES, setup, 1)
    assert [type(c.items) for c in spilled] == [Detail] + [detail.Spilled] * (len(SAMPLES) - 1)
    for a, b in zip(kept, spilled):
        assert [_shown(i, "zh") for i in a.items] == [_shown(i, "zh") for i in b.items]
        assert _values(a) == _values(b) and a.areas == b.areas and a.total == b.total


def test_counties_scored_alike_share_their_areas():
    setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang="zh")
    first, second = run_scoring([SAMPLES[0], SAMPLES[0]], setup, 1)
    assert first.areas is second.areas


def test_the_generated_cohorts_outputs_are_unchanged_past_the_spill_size(monkeypatch, tmp_path, capsys):
    """The goldens' cohort (tests/goldens/regen.py) scored with its items spilled after 5 counties:
    JSON, CSV, HTML and the workbook's cells byte-identical to the run that keeps them in memory."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "goldens"))
    import regen

    from checker.cli import main
    from checker.score import detail

    argv = regen.write_cohort(tmp_path)
    monkeypatch.chdir(tmp_path)
    for key, value in regen.ENV.items():
        monkeypatch.setenv(key, value)
    runs = []
    for spill in (detail.SPILL, 5):
        monkeypatch.setattr(detail, "SPILL", spill)
        code = main(
            [*argv, "--format", "json", "--lang", "zh", "--xlsx", "out.xlsx", "--csv", "out.csv", "--html", "out.html"]
        )
        runs.append(
            (
                code,
                capsys.readouterr().out,
                (tmp_path / "out.csv").read_bytes(),
                (tmp_path / "out.html").read_bytes(),
                regen.xlsx_cells((tmp_path / "out.xlsx").read_bytes()),
            )
        )
    assert runs[0] == runs[1]
    assert runs[0][0] == 2 and runs[0][1].count('{"rank":') == 30 and '"worse":[{' in runs[0][1]


def test_items_alike_are_made_once_and_a_number_keeps_its_type():
    """Expanding a county's items reuses an item already made of the same content (most come back in every
    county), but never one whose deduction is 1 for one that is 1.0, nor one of another language."""
    import json
    import zlib

    from checker.score import detail

    detail._texts["k" * 20] = ("R-1", "area", {"zh": "题", "en": "title"}, {}, "basis", "law")

    def made(rows, lang="zh"):
        blob = zlib.compress(json.dumps(rows).encode("utf-8"))
        return Detail(blob, lang, ()).expand()

    first = made([["k" * 20, "fail", 1, "理由"], ["k" * 20, "pass", 0.0, None]])
    a = made([["k" * 20, "fail", 1, "理由"], ["k" * 20, "pass", 0.0, None]])  # kept from the second time
    assert first == a and first[0] is not a[0]
    b = made([["k" * 20, "fail", 1.0, "理由"], ["k" * 20, "pass", 0.0, None]])
    c = made([["k" * 20, "fail", 1, "理由"]], "en")
    assert a[1] is b[1] and a[0] is not b[0]
    assert [type(i.deduction) for i in (a[0], b[0])] == [int, float]
    assert c[0] is not a[0] and c[0].reason == {"en": "理由"} and a[0].reason == {"zh": "理由"}
    assert made([["k" * 20, "fail", 1, "理由"]])[0] is a[0]


def test_counties_scored_alike_share_their_records(tmp_path):
    """The parent keeps ~1 KB a county past the spill size: what two counties have alike (each area's score,
    the grade's name, bonus, penalty and veto records) is one object, what differs is each county's own."""
    import shutil
    from dataclasses import replace

    from checker.score.model import Bonus

    sheqi = ROOT / "samples" / "sheqi-2024.yaml"
    copies = [shutil.copy(sheqi, tmp_path / f"{n}.yaml") for n in "ab"]
    setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang="zh")
    a, b = run_scoring([str(p) for p in copies], setup, 1)
    assert a.areas is b.areas and a.grade_name is b.grade_name and a.file != b.file
    c = replace(a, bonus_items=(Bonus({"zh": "加分", "en": "bonus"}, 1.0),))
    d = replace(a, bonus_items=(Bonus({"zh": "加分", "en": "bonus"}, 1.0), Bonus({"zh": "另", "en": "x"}, 1.0)))
    one: dict = {}
    kept = [cohort_mod._shared(county.bonus_items, one) for county in (c, d)]
    assert kept[1][0] is kept[0][0] and kept[1][1] is d.bonus_items[1] and kept[1] == d.bonus_items


def test_the_ranking_table_chart_and_csv_come_in_pieces_of_the_same_text(monkeypatch):
    """The HTML report's ranking table and chart and the CSV are made a few hundred counties at a time (never a
    cohort's whole table in memory); joined, the pieces are the text made whole."""
    from checker.pack import load_pack_or_raise
    from checker.score import csv_out, html
    from checker.score.cohort import cohort
    from checker.score.scheme import load_scheme

    pack = load_pack_or_raise()
    scheme, _ = load_scheme(pack, None)
    setup = ScoreSetup(rules_dir=None, profile=None, scheme=None, engine="python", lang="zh")
    report = cohort(scheme, pack, run_scoring(SAMPLES, setup, 1), [], "zh")
    assert len(report.counties) >= 4
    whole = list(html.html_pieces(report, "zh"))
    whole_html, whole_csv = "".join(whole), csv_out.render_csv(report, "zh")
    monkeypatch.setattr(html, "ROWS", 2)
    pieces = list(html.html_pieces(report, "zh"))
    assert "".join(pieces) == whole_html and whole_html.count('data-testid="score-bar"') == len(report.counties)
    chunks = -(-len(report.counties) // 2)
    assert len(pieces) == len(whole) + 2 * (chunks - 1)  # the table and the chart, each in pieces of 2 counties
    csv_parts = list(csv_out.csv_pieces(report, "zh", rows=2))
    assert "".join(csv_parts) == whole_csv and len(csv_parts) == len(report.counties) // 2 + 1
