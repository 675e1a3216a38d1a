"""The scoring result model: plain, immutable and picklable (it crosses process boundaries).

A county has ~100 items: ``ItemScore`` and ``AreaScore`` are named tuples, which pickle as the
tuple of their fields. As slotted dataclasses they pickled through dataclasses' Python
``__getstate__``/``__setstate__``: 1.6 ms a county there and back, a third of scoring it, and all of
it in the parent for the loads (`fazhi score` on two cores ran no faster than on one).

Renderers of a cohort (text ranking, CSV, XLSX scoring sheet, HTML report) read only these classes.
Every user-facing text is given in both languages (``{"zh": ..., "en": ...}``); pick with ``tr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


def tr(text: dict, lang: str) -> str:
    """The text in the language asked for (Chinese when English is missing)."""
    return text.get(lang) or text.get("zh", "")


class AreaScore(NamedTuple):
    area: str  # area key, e.g. "disputes"
    code: str  # area code, e.g. "DISP"
    name: dict  # {"zh", "en"}
    points: float  # points available in the scheme
    deduction: float  # points deducted (after the area cap)
    score: float  # points scored = points - deduction (never below 0)
    applicable: bool = True  # False when every rule of the area was not applicable


class ItemScore(NamedTuple):
    rule: str  # rule id
    area: str
    title: dict  # {"zh", "en"}
    status: str  # pass | fail | warn | not_applicable | missing | error | waived
    deduction: float  # points deducted for this item (before the area cap)
    reason: dict  # {"zh", "en"}: value read vs requirement (the finding's message)
    expected: dict  # {"zh", "en"}
    basis: str
    location: tuple | None = None
    values: tuple = ()  # ((indicator key, value as read or None), ...)
    strength: str = ""  # the rule's binding force under the profile in force: law | central | local |
    # consistency | practice | none (labelled i18n "strength.<key>"); "" where unknown


@dataclass(frozen=True)
class Veto:
    kind: str  # "no_excellent" (一票否优) | "lowest" (一票否决)
    label: dict  # {"zh", "en"}: what triggered it
    rule: str | None = None


@dataclass(frozen=True)
class Bonus:
    label: dict
    points: float


class Worse(NamedTuple):
    """An indicator that got worse than last year, by the direction the catalogue declares (``better``)."""

    indicator: str  # indicator key
    name: dict  # {"zh", "en"}
    previous: object  # the value of the previous year, as read
    value: object  # this year's
    unit: str  # the catalogue unit
    better: str  # "higher" | "lower"
    shown: dict  # {"zh": (previous, value), "en": ...}: each in its unit (describe.value_text)


@dataclass(frozen=True)
class Change:
    """Year over year, for the same region."""

    previous_year: int
    previous_score: float
    previous_grade: dict  # {"zh", "en"}
    delta: float  # score minus previous score
    worse: tuple = ()  # Worse: indicators with a declared direction that moved the wrong way


@dataclass(frozen=True)
class CountyScore:
    file: str
    region: str
    year: int
    total: float  # final score, 0..100 (bonus included, capped)
    base: float  # sum of area scores before bonus (after redistribution)
    grade: str  # band key, e.g. "excellent"
    grade_name: dict  # {"zh", "en"}
    areas: tuple = ()  # AreaScore, in area order
    items: tuple = ()  # ItemScore, one per rule in force (from ``run_scoring``: a
    # ``detail.Detail``, read as a sequence of ItemScore)
    vetoes: tuple = ()  # Veto
    bonus: float = 0.0  # bonus points awarded (capped)
    bonus_items: tuple = ()  # Bonus
    change: Change | None = None
    rank: int = 0
    penalty: float = 0.0  # 扣分 items outside the areas (capped), taken off the total
    penalty_items: tuple = ()  # Bonus (points deducted)
    satisfaction: float | None = None  # points of the satisfaction component; None: not scored
    satisfaction_value: object = None  # the satisfaction score read (0–100)
    category: str = ""  # the scheme category whose bands graded it ("": the scheme's bands)
    region_code: str | None = None  # the submission's region_code, where it gives one

    @property
    def failed_items(self) -> tuple:
        return tuple(i for i in self.items if i.deduction > 0 or i.status in ("fail", "error"))


@dataclass(frozen=True)
class FileError:
    file: str
    messages: tuple  # ("file:line:col: message", ...) in the chosen language


@dataclass(frozen=True)
class CohortReport:
    scheme: str  # scheme key
    scheme_name: dict  # {"zh", "en"}
    bands: tuple  # ((key, {"zh","en"}, min score), ...) best first
    areas: tuple  # ((area key, code, {"zh","en"}, points), ...) in order
    counties: tuple = ()  # CountyScore, ranked (rank 1 first)
    errors: tuple = ()  # FileError: files that could not be scored
    previous: tuple = field(default=())  # CountyScore of earlier years used for the comparison
    illustrative: dict | None = None  # {"zh", "en"}: the scheme's numbers are illustrative (said with every grade)
    sources: tuple = ()  # ({"document", "url", "note"}, ...) the scheme cites
    satisfaction: tuple | None = None  # (label {"zh","en"}, points) of the scheme's satisfaction component
    penalties: bool = False  # the scheme has 扣分 items outside the areas
    categories: tuple = ()  # ((key, {"zh","en"}, bands as in ``bands``), ...)
    notes: tuple = ()  # warnings on the cohort as a whole, said in the chosen language
