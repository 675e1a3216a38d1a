"""The arithmetic of one county's score under a scheme (documented in rules/schemes/national.yaml)."""
from __future__ import annotations

from checker import describe
from checker.engine import fact_values
from checker.memo import once
from checker.model import Finding, SubmissionResult
from checker.score.figures import rounded
from checker.score.model import AreaScore, Bonus, CountyScore, ItemScore, Veto
from checker.score.scheme import Scheme


_NO_POINTS = ("pass", "not_applicable", "waived")


def deduction(finding: Finding, scheme: Scheme, fact: dict) -> float:
    """Points one finding costs, before the area cap."""
    status = finding.status
    if status in _NO_POINTS:
        return 0.0
    rule = finding.rule
    if finding.blocking or (status == "missing" and rule.blocking):
        key = status                         # fail | error | missing (of a binding rule: the scheme's
                                             # price of an unreported item, whether or not required)
    elif rule.strength == "none":
        return 0.0                           # report-only items never cost points
    else:
        key = "warn"                         # warn, or a practice item not reported
    override = scheme.rules.get(rule.id, {})
    if "per" in override and status in ("fail", "warn"):
        units = override["per"].of(fact)
        if units is not None:
            amount = max(0.0, units) * override["points"]
            return min(amount, override["cap"]) if override.get("cap") is not None else amount
    return float(override.get(key, scheme.deductions[key]))


NO_REASON = {"zh": "", "en": ""}
_NO_REASON = ("pass", "not_applicable")


def _static(rule) -> tuple:
    """(id, area, title, expected, basis) of a rule: one shared copy per rule, not one per county."""
    return once(rule, "score-texts", lambda: (rule.id, rule.area, dict(rule.title),
                                              {lang: rule.expected_text(lang) for lang in ("zh", "en")},
                                              rule.basis_text("zh")))


def _item(finding: Finding, amount: float, cat, langs: tuple) -> ItemScore:
    """One scored item; a reason (value read against the requirement) where points may be lost."""
    status = finding.status
    reason = NO_REASON if status in _NO_REASON else {lang: describe.message(finding, cat, lang) for lang in langs}
    rule_id, area, title, expected, basis = _static(finding.rule)
    return ItemScore(rule_id, area, title, status, amount, reason, expected, basis, finding.location,
                     finding.indicator_pairs())


def _areas(scheme: Scheme, cat, items: list[ItemScore]) -> list[AreaScore]:
    out = []
    for key, points in scheme.areas.items():
        mine = [i for i in items if i.area == key]
        taken = rounded(min(points, sum(i.deduction for i in mine)))
        applicable = not mine or any(i.status != "not_applicable" for i in mine)
        area = cat.areas[key]
        out.append(AreaScore(key, area.code, once(area, "names", lambda: {"zh": area.zh, "en": area.en}),
                             points, taken, rounded(points - taken), applicable))
    return out


def _base(scheme: Scheme, areas: list[AreaScore]) -> float:
    if scheme.not_applicable == "redistribute":
        counted = [a for a in areas if a.applicable]
        available = sum(a.points for a in counted)
        return sum(a.score for a in counted) * 100.0 / available if available else 0.0
    return float(sum(a.score for a in areas))


def _bonus(scheme: Scheme, fact: dict) -> tuple[float, list[Bonus]]:
    awarded = []
    for item in scheme.bonus:
        if "when" in item:
            if item["when"] is not None and item["when"](fact):
                awarded.append(Bonus(item["label"], rounded(item["points"])))
        elif item.get("per") is not None:
            units = item["per"].of(fact) or 0
            if units > 0:
                awarded.append(Bonus(item["label"], rounded(units * item["points"])))
    return min(float(scheme.bonus_cap), sum(b.points for b in awarded)), awarded


def _vetoes(scheme: Scheme, fact: dict, by_rule: dict) -> list[Veto]:
    out = []
    for veto in scheme.vetoes:
        if veto["rule"] is not None:
            finding = by_rule.get(veto["rule"])
            if finding is not None and finding.status in veto["on"]:
                out.append(Veto(veto["kind"], veto["label"], veto["rule"]))
        elif veto["when"] is not None and veto["when"](fact):
            out.append(Veto(veto["kind"], veto["label"]))
    return out


def grade(scheme: Scheme, total: float, vetoes: list[Veto]):
    band = next(b for b in scheme.bands if total >= b.min)
    kinds = {v.kind for v in vetoes}
    if "lowest" in kinds:
        band = scheme.bands[-1]
    elif "no_excellent" in kinds and band == scheme.bands[0] and len(scheme.bands) > 1:
        band = scheme.bands[1]
    return band


def score(result: SubmissionResult, sub, scheme: Scheme, cat, langs: tuple = ("zh", "en")) -> CountyScore:
    """Score one checked submission (its findings and the values it gave).

    Reasons are written in ``langs`` only (a cohort run needs one language; ``tr`` falls back to Chinese).
    """
    fact, _ = fact_values(scheme.compiled, sub)
    # every score rounded as shown (figures: half up, two places), so the grade is given on the figure shown
    items = [_item(f, rounded(deduction(f, scheme, fact)), cat, langs) for f in result.findings]
    areas = _areas(scheme, cat, items)
    base = rounded(_base(scheme, areas))
    bonus, bonus_items = _bonus(scheme, fact)
    bonus = rounded(bonus)
    total = rounded(min(100.0, base + bonus))
    vetoes = _vetoes(scheme, fact, {f.rule.id: f for f in result.findings})
    band = grade(scheme, total, vetoes)
    return CountyScore(result.file, result.region, result.year, total, base, band.key, band.name,
                       tuple(areas), tuple(items), tuple(vetoes), bonus, tuple(bonus_items))
