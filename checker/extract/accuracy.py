"""Precision and recall of extraction against labelled reports, with indicator keys compared, per
indicator family (the key's area: disputes, regulation, …).

Two shapes of labels are read (docs/extraction.md, "Measuring on labelled reports"):

* ``*.labels.yaml`` beside each report (tests/corpus/): ``file``, ``region``, ``year`` and under
  ``indicators`` the figures a careful reader attributes to that region and year, ``key: {value,
  approx, sentence}``;
* a folder of real reports kept apart from their labels: ``labels/*.yaml`` (or ``*.yaml`` in the
  folder itself) with ``file``, ``region``, ``year`` and ``figures``, a list of ``{sentence, text,
  value, unit, subject, key}`` or ``proposed_key`` for a figure the catalogue does not have yet (it
  counts as covered once the catalogue has that key); the reports in ``texts/`` or beside the labels.

A prediction is right when a labelled figure of the same report has the same key, the same value
and a sentence that overlaps the prediction's source (one holds the other, or they share a run of
eight characters); each labelled figure is matched once. A wrong value or key counts as a false
positive and a false negative. The report's own content (``report.*``: sections present, the count
of figures) is checked by the report-content rules, not labelled, and yes-or-no facts and dates are
not figures: they are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checker.extract import extract
from checker.region import region_key

NOT_SCORED = "report."  # the report's own content (sections, counts of figures) is checked by rules, not labelled
RUN = 8  # characters two sources must share to be the same sentence
# a label gives the unit the report wrote (兑现资金2079余万元); an amount indicator is kept in yuan
YUAN_PER = {"元": 1, "千元": 1_000, "万元": 10_000, "百万元": 1_000_000, "亿元": 100_000_000}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    uncovered: int = 0  # labelled figures whose indicator the catalogue does not have yet

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


@dataclass
class Accuracy:
    overall: Tally = field(default_factory=Tally)
    per_family: dict = field(default_factory=dict)
    per_indicator: dict = field(default_factory=dict)
    per_report: dict = field(default_factory=dict)
    mistakes: list = field(default_factory=list)  # (report, key, expected, got)


@dataclass
class _Label:
    key: str
    value: object
    sentence: str
    hit: bool = False


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-6
    return a == b


def overlaps(a: str | None, b: str | None, run: int = RUN) -> bool:
    """Do two sources name the same place in the text: one holds the other, or they share ``run``
    characters in a row? A label without a sentence overlaps anything."""
    a, b = (a or "").strip(), (b or "").strip()
    if not a or not b:
        return True
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= run and any(short[i : i + run] in long_ for i in range(len(short) - run + 1))


def _in_catalogue_unit(fig: dict, units: dict):
    """The labelled value in the unit the catalogue keeps its indicator in: 20万元 is 200000 yuan."""
    value, key = fig.get("value"), fig.get("key") or fig.get("proposed_key")
    scale = YUAN_PER.get(str(fig.get("unit") or ""))
    if units.get(key) == "yuan" and scale and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value * scale
    return value


def _reports(directory: Path, units: dict) -> list[tuple[Path, dict, list, int]]:
    """(report, labels, [_Label], figures not covered yet) for every labelled report in ``directory``."""
    out = []
    for path in sorted(directory.glob("*.labels.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = [
            _Label(k, v["value"] if isinstance(v, dict) else v, v.get("sentence", "") if isinstance(v, dict) else "")
            for k, v in (data.get("indicators") or {}).items()
        ]
        out.append((path.parent / data["file"], data, items, 0))
    folder = directory / "labels" if (directory / "labels").is_dir() else directory
    texts = directory / "texts" if (directory / "texts").is_dir() else folder
    for path in sorted(folder.glob("*.yaml")):
        if path.name.endswith(".labels.yaml"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("figures"), list) or "file" not in data:
            continue
        items, uncovered = [], 0
        for fig in data["figures"]:
            key = fig.get("key") or (fig.get("proposed_key") if fig.get("proposed_key") in units else None)
            if key is None:
                uncovered += 1
            else:
                items.append(_Label(key, _in_catalogue_unit(fig, units), fig.get("sentence", "")))
        out.append((texts / data["file"], data, items, uncovered))
    return out


def evaluate(directory: Path, pack) -> Accuracy:
    acc = Accuracy()
    cat = pack.catalogue
    unscored = {k for k, ind in cat.indicators.items() if ind.unit in ("bool", "date")}
    for report, labels, items, uncovered in _reports(
        Path(directory), {k: ind.unit for k, ind in cat.indicators.items()}
    ):
        ex = extract(report, pack)
        gold = [i for i in items if not i.key.startswith(NOT_SCORED)]
        got = {
            k: f
            for k, f in ex.found.items()
            if not k.startswith(NOT_SCORED) and not (k in unscored and "figures" in labels)
        }
        tally = acc.per_report.setdefault(report.name, Tally())
        acc.overall.uncovered += uncovered
        tally.uncovered += uncovered
        for key, found in sorted(got.items()):
            hit = next(
                (
                    g
                    for g in gold
                    if not g.hit
                    and g.key == key
                    and _same(g.value, found.value)
                    and overlaps(g.sentence, found.sentence)
                ),
                None,
            )
            if hit is not None:
                hit.hit = True
            outcome = "tp" if hit is not None else "fp"
            for t in _tallies(acc, tally, key):
                t.add(outcome)
            if hit is None:
                near = next((g for g in gold if g.key == key), None)
                acc.mistakes.append((report.name, key, near.value if near else None, found.value))
        for g in gold:
            if not g.hit:
                for t in _tallies(acc, tally, g.key):
                    t.add("fn")
                if g.key not in got:
                    acc.mistakes.append((report.name, g.key, g.value, None))
        same_place = ex.region is not None and region_key(ex.region) == region_key(str(labels.get("region")))
        if labels.get("region") and not same_place or labels.get("year") and ex.year != labels["year"]:
            acc.mistakes.append(
                (report.name, "(metadata)", (labels.get("region"), labels.get("year")), (ex.region, ex.year))
            )
    return acc


def _tallies(acc: Accuracy, report: Tally, key: str) -> list[Tally]:
    family = key.split(".", 1)[0]
    return [acc.overall, report, acc.per_family.setdefault(family, Tally()), acc.per_indicator.setdefault(key, Tally())]


def render(acc: Accuracy, lang: str) -> str:
    head = (
        (
            "family",
            "indicator",
            "TP",
            "FP",
            "FN",
            "precision",
            "recall",
            "report",
            "overall",
            "mistakes:",
            "labelled figures whose indicator the catalogue does not have yet",
        )
        if lang == "en"
        else (
            "领域",
            "指标",
            "正确",
            "误取",
            "漏取",
            "精确率",
            "召回率",
            "报告",
            "合计",
            "差异：",
            "目录中尚无其指标的标注数字",
        )
    )
    row = "{:60} {:>5} {:>5} {:>5} {:>9} {:>9}"
    rows = [row.format(head[0], head[2], head[3], head[4], head[5], head[6])]
    for family, t in sorted(acc.per_family.items()):
        rows.append(f"{family:60} {t.tp:5d} {t.fp:5d} {t.fn:5d} {t.precision:9.1%} {t.recall:9.1%}")
    rows += ["", row.format(head[1], head[2], head[3], head[4], head[5], head[6])]
    for key, t in sorted(acc.per_indicator.items()):
        rows.append(f"{key:60} {t.tp:5d} {t.fp:5d} {t.fn:5d} {t.precision:9.1%} {t.recall:9.1%}")
    rows += ["", row.format(head[7], head[2], head[3], head[4], head[5], head[6])]
    for name, t in sorted(acc.per_report.items()):
        rows.append(f"{name:60} {t.tp:5d} {t.fp:5d} {t.fn:5d} {t.precision:9.1%} {t.recall:9.1%}")
    o = acc.overall
    rows += ["", f"{head[8]:60} {o.tp:5d} {o.fp:5d} {o.fn:5d} {o.precision:9.1%} {o.recall:9.1%}"]
    if o.uncovered:
        rows.append(f"{head[10]}: {o.uncovered}")
    if acc.mistakes:
        rows += ["", head[9]]
        rows += [f"  {r}  {k}  expected={e!r}  got={g!r}" for r, k, e, g in acc.mistakes]
    return "\n".join(rows) + "\n"
