"""Scoring a cohort: many submissions, in parallel, ranked, compared with the previous year."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import NamedTuple

from checker.region import region_key
from checker.score.figures import rounded
from checker.score.model import Change, CohortReport, CountyScore, FileError, Worse

_state: dict = {}


@dataclasses.dataclass(frozen=True)
class ScoreSetup:
    """What a ``score`` worker loads once: the pack, the scheme, the engine, the language of the
    reasons kept, and the waivers with the date their expiry is judged on."""

    rules_dir: str | None
    profile: str | None
    scheme: str | None
    engine: str | None
    lang: str
    waivers: str | None = None
    today: object = None


def _init(setup: ScoreSetup) -> None:
    """Load and compile the pack, the scheme and the waivers once per process."""
    from checker.engine import Checker
    from checker.pack import load_pack_or_raise
    from checker.score.scheme import load_scheme
    from checker.waivers import load_waivers

    pack = load_pack_or_raise(setup.rules_dir, setup.profile)
    scheme, _ = load_scheme(pack, setup.scheme)
    loaded = load_waivers(setup.waivers, pack)[0] if setup.waivers else []
    _state.update(
        pack=pack,
        scheme=scheme,
        checker=Checker(pack, setup.engine),
        lang=setup.lang,
        waivers=loaded,
        today=setup.today,
        sent={},
    )


def _init_worker(setup: ScoreSetup) -> None:
    from checker.parallel import batch_gc

    _init(setup)
    batch_gc()


def _score_one(path: str):
    from checker.inputs.dispatch import read_input
    from checker.score.compute import score

    pack, lang = _state["pack"], _state["lang"]
    sub = read_input(path, pack)
    result = _state["checker"].check(sub)
    if _state["waivers"]:
        from checker.waivers import apply_waivers

        result = apply_waivers([result], _state["waivers"], _state["today"])[0][0]
    if result.errors or not result.findings:
        problems = result.errors or result.diagnostics
        return FileError(path, tuple(f"{d.where()}: {d.message(lang)}" for d in problems))
    from checker.score.detail import compact

    county = score(result, sub, _state["scheme"], pack.catalogue, (lang,))
    return replace(county, items=compact(county.items, lang, pack.catalogue, _state["sent"]))  # what outputs need


def _score_many(paths: list[str]) -> list:
    return [_score_one(p) for p in paths]


def run_scoring(paths: list[str], setup: ScoreSetup, jobs: int, progress=None) -> list:
    """Score every path; the same results, in the same order, whatever ``jobs`` is. A county's items
    come back compact (``checker.score.detail``: what the outputs and year-over-year need).

    The results are kept and hold no cycles: each chunk's are frozen out of
    the garbage collector's passes as they come, which otherwise ran over all the counties kept so
    far again and again. Not in a process that had frozen objects itself: what is frozen then is
    not ours to thaw."""
    from checker.parallel import ordered

    chunk = max(1, min(64, len(paths) // (jobs * 8) or 1))
    chunks = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
    if jobs <= 1 or len(paths) < 2:
        _init(setup)
        return _collect(chunks, map(_score_many, chunks), progress)
    return _collect(chunks, ordered(_score_many, chunks, min(jobs, len(chunks)), _init_worker, setup), progress)


def _collect(chunks, scored, progress) -> list:
    """The scored chunks in order (``scored``: their results, as they come)."""
    import gc

    from checker.parallel import batch_gc
    from checker.score.detail import Spill

    spill, areas, one = Spill(), {}, {}
    out: list = []
    ours = gc.get_freeze_count() == 0  # batch_gc freezes, and restore() thaws, only then
    restore = batch_gc()
    try:
        for results, part in zip(scored, chunks):  # scored first: the pool ends with its last result
            for result in results:
                if isinstance(result, CountyScore):  # its rules' texts kept once, its items past SPILL on disk,
                    result = replace(
                        result,
                        items=spill.keep(result.items.learn()),  # its areas shared, each area's score too
                        areas=areas.setdefault(
                            tuple(a[:2] + a[3:] for a in result.areas),
                            tuple(one.setdefault(a[:2] + a[3:], a) for a in result.areas),
                        ),
                        grade_name=one.setdefault(
                            ("grade", result.grade, *result.grade_name.items()), result.grade_name
                        ),
                        bonus_items=_shared(result.bonus_items, one),
                        penalty_items=_shared(result.penalty_items, one),
                        vetoes=_shared(result.vetoes, one),
                    )
                out.append(result)
            if ours:
                gc.freeze()
            if progress:
                progress(len(part))
    finally:
        restore()
    return out


def _shared(records: tuple, one: dict) -> tuple:
    """Bonus, penalty or veto records, each the one record of its content met first in the run (a county
    keeps its own only where no county before had the same)."""
    return tuple(
        one.setdefault((type(r).__name__, *(tuple(v.items()) if type(v) is dict else v for v in vars(r).values())), r)
        for r in records
    )


class _Read(NamedTuple):
    """A value as ``describe.value_text`` takes it (an item keeps the plain value)."""

    value: object
    approx: bool = False


def _worse(prev: CountyScore, now: CountyScore, cat) -> tuple:
    """The indicators scored both years that moved the way the catalogue says is worse (``better:
    higher`` and lower now, or the reverse), whatever their rules' outcomes (95% → 67% is worse even
    where both miss a target of 100%); never a volume or a denominator, which has no better direction
    (more service items is not worse, nor fewer). In the order this year's rules read them."""
    from checker.describe import value_text

    before = _values(prev)
    out = []
    for key, value in _values(now).items():
        ind = cat.indicators.get(key)
        if ind is None or not ind.worse(before.get(key), value):
            continue
        previous = before[key]
        shown = {
            lang: (value_text(_Read(previous), ind.unit, lang), value_text(_Read(value), ind.unit, lang))
            for lang in ("zh", "en")
        }
        out.append(Worse(key, {"zh": ind.zh, "en": ind.en}, previous, value, ind.unit, ind.better, shown))
    return tuple(out)


def _values(county: CountyScore) -> dict:
    """Each indicator's value as the county's rules first read it, in that order (a county scored by
    ``run_scoring`` keeps only those year-over-year can compare: ``detail.Detail.pairs``)."""
    from checker.score.detail import Detail

    if isinstance(county.items, Detail):
        return dict(county.items.pairs)
    out: dict = {}
    for item in county.items:
        for key, value in item.values:
            out.setdefault(key, value)
    return out


def rank(counties: list[CountyScore], previous: list[CountyScore], cat) -> tuple[list, list]:
    """The cohort's counties ranked (one year: ``one_year`` has set the others aside), each compared
    with its region's previous year where one is given; returns (ranked, previous years used)."""
    before: dict = {}
    for c in previous:
        before.setdefault(region_key(c.region), {}).setdefault(c.year, c)
    ranked, used = [], []
    for c in counties:
        prev = before.get(region_key(c.region), {}).get(c.year - 1)
        if prev is not None:
            used.append(prev)
            c = replace(
                c,
                change=Change(
                    prev.year, prev.total, prev.grade_name, rounded(c.total - prev.total), _worse(prev, c, cat)
                ),
            )
        ranked.append(c)
    ranked.sort(key=lambda c: (-c.total, c.region, c.year, c.file))
    out, rank_no = [], 0
    for i, c in enumerate(ranked):
        if i == 0 or c.total != ranked[i - 1].total:
            rank_no = i + 1
        out.append(replace(c, rank=rank_no))
    return out, used


def one_year(scored: list, previous_scored: list, lang: str) -> tuple[list, list, list]:
    """A cohort is one year: the latest year of the files scored. Of the others, a file of the year
    before for a region of the cohort is its previous year (as one given with ``--previous`` is);
    every other file is not scored, and says its year and the cohort's (2022 and 2024 in one run:
    2024 is ranked, 2022 is listed). Of ``--previous``, a file of the year before the cohort's is
    compared; one of any other year (a later year above all) is listed, not used, never ranked.

    Returns (the cohort's counties, the previous years to compare with, files set aside as
    FileError), each in the order given."""
    from checker.errors import Diagnostic

    counties = [s for s in scored if isinstance(s, CountyScore)]
    if not counties:
        return [], [s for s in previous_scored if isinstance(s, CountyScore)], []
    year = max(c.year for c in counties)
    regions = {region_key(c.region) for c in counties if c.year == year}
    current, earlier, aside = [], [], []
    for c in counties:
        if c.year == year:
            current.append(c)
        elif c.year == year - 1 and region_key(c.region) in regions:
            earlier.append(c)
        else:
            d = Diagnostic("score.other_year", c.file, None, None, {"region": c.region, "year": c.year, "cohort": year})
            aside.append(FileError(c.file, (f"{d.where()}: {d.message(lang)}",)))
    for c in previous_scored:
        if not isinstance(c, CountyScore):
            continue
        if c.year == year - 1:
            earlier.append(c)
        else:
            d = Diagnostic(
                "score.previous_year",
                c.file,
                None,
                None,
                {"region": c.region, "year": c.year, "cohort": year, "expected": year - 1},
            )
            aside.append(FileError(c.file, (f"{d.where()}: {d.message(lang)}",)))
    return current, earlier, aside


def once_each(scored: list, lang: str) -> list:
    """Each region and year scored once: a later file with the same region and year as an earlier one
    (in file order) is not scored, and says which file it repeats. Ranked twice, a county would
    take two places."""
    from checker.errors import Diagnostic

    first: dict = {}
    out = []
    for s in scored:
        if isinstance(s, CountyScore):
            seen = first.setdefault((region_key(s.region), s.year), s)
            if seen is not s:  # the same file given twice is a repeat too
                d = Diagnostic(
                    "score.duplicate", s.file, None, None, {"region": s.region, "year": s.year, "first": seen.file}
                )
                s = FileError(s.file, (f"{d.where()}: {d.message(lang)}",))
        out.append(s)
    return out


def cohort(scheme, pack, scored: list, previous_scored: list, lang: str = "zh") -> CohortReport:
    """The cohort's report: its year's counties ranked (``one_year``), the files not scored or set aside
    listed (``lang``: the language of what they say)."""
    errors = [s for s in scored if isinstance(s, FileError)]
    errors += [s for s in previous_scored if isinstance(s, FileError)]
    counties, prev, aside = one_year(scored, previous_scored, lang)
    errors += aside
    ranked, previous = rank(counties, prev, pack.catalogue)
    from checker.score.compute import apply_quotas

    ranked = apply_quotas(scheme, ranked)
    areas = tuple(
        (k, pack.catalogue.areas[k].code, {"zh": pack.catalogue.areas[k].zh, "en": pack.catalogue.areas[k].en}, p)
        for k, p in scheme.areas.items()
    )
    bands = tuple((b.key, b.name, b.min) for b in scheme.bands)
    categories = tuple((c.key, c.name, tuple((b.key, b.name, b.min) for b in c.bands)) for c in scheme.categories)
    sat = scheme.satisfaction
    return CohortReport(
        scheme.key,
        scheme.name,
        bands,
        areas,
        tuple(ranked),
        tuple(errors),
        tuple(previous),
        illustrative_text(scheme),
        scheme.sources,
        None if sat is None else (sat["label"], sat["points"]),
        bool(scheme.penalties),
        categories,
        shared_codes(counties, lang),
    )


def shared_codes(counties: list, lang: str) -> tuple:
    """A warning for each region_code that two or more differently named regions of the cohort give
    (a division code belongs to one place: one of them is mistyped, or one county is there twice
    under two names), naming them and their files, in the order first met."""
    from checker import i18n
    from checker.outputs import display_name

    named: dict = {}
    for c in counties:
        if c.region_code:
            named.setdefault(c.region_code, {}).setdefault(region_key(c.region), c)
    sep = "、" if lang != "en" else ", "
    return tuple(
        i18n.t(
            "score.code_shared",
            lang,
            division=code,
            names=sep.join(
                f"{c.region}（{display_name(c.file)}）" if lang != "en" else f"{c.region} ({display_name(c.file)})"
                for c in by_key.values()
            ),
        )
        for code, by_key in named.items()
        if len(by_key) > 1
    )


def illustrative_text(scheme) -> dict | None:
    """What every output that shows a grade says of an illustrative scheme (None for a sourced one)."""
    from checker import i18n

    if not scheme.illustrative:
        return None
    note = scheme.note or {"zh": "", "en": ""}
    return {
        lang: i18n.t("score.illustrative", lang, note=note.get(lang) or note.get("zh", "")).rstrip("：: ")
        for lang in ("zh", "en")
    }
