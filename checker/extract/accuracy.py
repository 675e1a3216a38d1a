"""Precision and recall of extraction against a labelled corpus (``*.labels.yaml`` beside each report).

A label file names the report, its region and year, and under ``indicators`` the figures a careful
reader attributes to that county and year: ``key: {value, approx, sentence}``. A prediction is
right when its value equals the label's; a wrong value counts as a false positive and a false
negative. The report's own content (``report.*``: sections present, the count of figures) is
checked by the report-content rules, not labelled: it is left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checker.extract import extract

NOT_SCORED = "report."  # the report's own content (sections, counts of figures) is checked by rules, not labelled


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Accuracy:
    overall: Tally = field(default_factory=Tally)
    per_indicator: dict = field(default_factory=dict)
    per_report: dict = field(default_factory=dict)
    mistakes: list = field(default_factory=list)   # (report, key, expected, got)


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-6
    return a == b


def evaluate(directory: Path, pack) -> Accuracy:
    acc = Accuracy()
    for labels_path in sorted(directory.glob("*.labels.yaml")):
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        report = labels_path.parent / labels["file"]
        ex = extract(report, pack)
        expected = {k: (v["value"] if isinstance(v, dict) else v) for k, v in (labels.get("indicators") or {}).items()}
        expected = {k: v for k, v in expected.items() if not k.startswith(NOT_SCORED)}
        got = {k: f.value for k, f in ex.found.items() if not k.startswith(NOT_SCORED)}
        tally = acc.per_report.setdefault(report.name, Tally())
        for key in sorted(set(expected) | set(got)):
            per = acc.per_indicator.setdefault(key, Tally())
            right = key in expected and key in got and _same(expected[key], got[key])
            outcomes = [("tp", right), ("fp", key in got and not right), ("fn", key in expected and not right)]
            for name, hit in outcomes:
                if hit:
                    for t in (acc.overall, per, tally):
                        setattr(t, name, getattr(t, name) + 1)
            if not right:
                acc.mistakes.append((report.name, key, expected.get(key), got.get(key)))
        if labels.get("region") and ex.region != labels["region"] or labels.get("year") and ex.year != labels["year"]:
            acc.mistakes.append((report.name, "(metadata)", (labels.get("region"), labels.get("year")),
                                 (ex.region, ex.year)))
    return acc


def render(acc: Accuracy, lang: str) -> str:
    head = ("indicator", "TP", "FP", "FN", "precision", "recall") if lang == "en" else \
        ("指标", "正确", "误取", "漏取", "精确率", "召回率")
    rows = [f"{head[0]:60} {head[1]:>5} {head[2]:>5} {head[3]:>5} {head[4]:>9} {head[5]:>9}"]
    for key, t in sorted(acc.per_indicator.items()):
        rows.append(f"{key:60} {t.tp:5d} {t.fp:5d} {t.fn:5d} {t.precision:9.1%} {t.recall:9.1%}")
    rows.append("")
    for name, t in sorted(acc.per_report.items()):
        rows.append(f"{name:60} {t.tp:5d} {t.fp:5d} {t.fn:5d} {t.precision:9.1%} {t.recall:9.1%}")
    o = acc.overall
    total = "overall" if lang == "en" else "合计"
    rows += ["", f"{total:60} {o.tp:5d} {o.fp:5d} {o.fn:5d} {o.precision:9.1%} {o.recall:9.1%}"]
    if acc.mistakes:
        rows += ["", "mistakes:" if lang == "en" else "差异："]
        rows += [f"  {r}  {k}  expected={e!r}  got={g!r}" for r, k, e, g in acc.mistakes]
    return "\n".join(rows) + "\n"
