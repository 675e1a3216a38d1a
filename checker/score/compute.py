"""The arithmetic of one county's score under a scheme (documented in rules/schemes/national.yaml)."""

from __future__ import annotations

from checker import describe
from checker.engine import fact_values
from checker.memo import once
from checker.model import Finding, SubmissionResult
from checker.score.figures import rounded
from checker.score.model import AreaScore, Bonus, CountyScore, ItemScore, Veto
from checker.score.scheme import TOTAL, Numeric, Scheme
from checker.status import FAIL, MISSING, NOT_APPLICABLE, PASS, WAIVED, WARN

_NO_POINTS = (PASS, NOT_APPLICABLE, WAIVED)


def deduction(finding: Finding, scheme: Scheme, fact: dict) -> float:
    """Points one finding costs, before the area cap (an item of ``items:``: at most its points)."""
    status = finding.status
    if status in _NO_POINTS:
        return 0.0
    item = (scheme.items or {}).get(finding.rule.id)
    if item is not None:
        return _item_deduction(finding, item, scheme, fact)
    rule = finding.rule
    if finding.blocking or (status == MISSING and rule.blocking):
        key = status  # fail | error | missing (of a binding rule: the scheme's
        # price of an unreported item, whether or not required)
    elif rule.strength == "none":
        return 0.0  # report-only items never cost points
    else:
        key = "warn"  # warn, or a practice item not reported
    override = scheme.rules.get(rule.id, {})
    if status == MISSING and "unreported" in scheme.deductions and MISSING not in override:
        return float(scheme.deductions["unreported"])  # the scheme prices every unreported item alike
    if "per" in override and status in (FAIL, WARN):
        units = override["per"].of(fact)
        if units is not None:
            amount = max(0.0, units) * override["points"]
            return min(amount, override["cap"]) if override.get("cap") is not None else amount
    return float(override.get(key, scheme.deductions[key]))


def _status_key(finding: Finding) -> str | None:
    """The scheme's price list a status reads: fail | error | missing of a binding rule, warn of a
    practice one; None for a report-only rule (never costs points)."""
    status, rule = finding.status, finding.rule
    if finding.blocking or (status == MISSING and rule.blocking):
        return status
    return None if rule.strength == "none" else "warn"


def _item_deduction(finding: Finding, item, scheme: Scheme, fact: dict) -> float:
    """An item's deduction: ``per_shortfall`` points for each unit short of the threshold (capped at
    ``cap``) where the rule is not met and the shortfall can be read; otherwise the item's own amount for
    the status, or the scheme's. Never more than the item's points."""
    key = _status_key(finding)
    if key is None:
        return 0.0
    amount = None
    if item.per_shortfall is not None and finding.status in (FAIL, WARN):
        gap = (
            item.shortfall.of(fact)
            if isinstance(item.shortfall, Numeric)
            else item.shortfall.of(dict(finding.indicator_pairs()))
        )
        if gap is not None:
            amount = max(0.0, gap) * item.per_shortfall
            if item.cap is not None:
                amount = min(amount, item.cap)
    if amount is None:
        written = dict(item.amounts)
        fallback = (
            scheme.deductions["unreported"]
            if finding.status == MISSING and "unreported" in scheme.deductions
            else scheme.deductions[key]
        )
        amount = written.get(finding.status, written.get(key, fallback))
    return float(min(amount, item.points))


NO_REASON = {"zh": "", "en": ""}
_NO_REASON = (PASS, NOT_APPLICABLE)


def _static(rule) -> tuple:
    """(id, area, title, expected, basis, strength) of a rule: one shared copy per rule, not one per county."""
    return once(
        rule,
        "score-texts",
        lambda: (
            rule.id,
            rule.area,
            dict(rule.title),
            {lang: rule.expected_text(lang) for lang in ("zh", "en")},
            rule.basis_text("zh"),
            rule.strength,
        ),
    )


def _item(finding: Finding, amount: float, cat, langs: tuple) -> ItemScore:
    """One scored item; a reason (value read against the requirement) where points may be lost."""
    status = finding.status
    reason = NO_REASON if status in _NO_REASON else {lang: describe.message(finding, cat, lang) for lang in langs}
    rule_id, area, title, expected, basis, strength = _static(finding.rule)
    return ItemScore(
        rule_id,
        area,
        title,
        status,
        amount,
        reason,
        expected,
        basis,
        finding.location,
        finding.indicator_pairs(),
        strength,
    )


def _areas(scheme: Scheme, cat, items: list[ItemScore]) -> list[AreaScore]:
    out = []
    for key, points in scheme.areas.items():
        mine = [i for i in items if i.area == key]
        taken = rounded(min(points, sum(i.deduction for i in mine)))
        applicable = not mine or any(i.status != NOT_APPLICABLE for i in mine)
        area = cat.areas[key]
        out.append(
            AreaScore(
                key,
                area.code,
                once(area, "names", lambda area=area: {"zh": area.zh, "en": area.en}),
                points,
                taken,
                rounded(points - taken),
                applicable,
            )
        )
    return out


def _base(scheme: Scheme, areas: list[AreaScore]) -> float:
    """The areas' score, out of the areas' points (100, or 100 less the satisfaction component's)."""
    total = sum(scheme.areas.values())
    if scheme.not_applicable == "redistribute":
        counted = [a for a in areas if a.applicable]
        available = sum(a.points for a in counted)
        return sum(a.score for a in counted) * total / available if available else 0.0
    return float(sum(a.score for a in areas))


def _satisfaction(scheme: Scheme, fact: dict, areas_score: float) -> tuple[float, float | None, object]:
    """(base, satisfaction points or None where not scored, the value read). The component scores
    ``points × value / 100`` (a value outside 0–100 is held to it). Unreported: ``rescale`` leaves it
    out and converts the areas' score to 100 (as ``redistribute`` does for an area not applicable);
    ``zero`` scores it 0."""
    sat = scheme.satisfaction
    if sat is None:
        return rounded(areas_score), None, None
    value = sat["value"].of(fact)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if sat["unreported"] == "zero":
            return rounded(areas_score), 0.0, None
        held = TOTAL - sat["points"]
        return rounded(areas_score * TOTAL / held), None, None
    points = rounded(sat["points"] * min(100.0, max(0.0, float(value))) / 100.0)
    return rounded(rounded(areas_score) + points), points, value


def _bonus(scheme: Scheme, fact: dict, which: str = "bonus") -> tuple[float, list[Bonus]]:
    """Bonus (加分) or penalty (扣分) items met on the facts, and their sum held to the cap."""
    awarded = []
    for item in getattr(scheme, which):
        if "when" in item:
            if item["when"] is not None and item["when"](fact):
                awarded.append(Bonus(item["label"], rounded(item["points"])))
        elif item.get("per") is not None:
            units = item["per"].of(fact) or 0
            if units > 0:
                awarded.append(Bonus(item["label"], rounded(units * item["points"])))
    cap = scheme.bonus_cap if which == "bonus" else scheme.penalty_cap
    return min(float(cap), sum(b.points for b in awarded)), awarded


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


def grade(scheme: Scheme, total: float, vetoes: list[Veto], bands: tuple | None = None):
    bands = bands or scheme.bands
    band = next(b for b in bands if total >= b.min)
    kinds = {v.kind for v in vetoes}
    if "lowest" in kinds:
        band = bands[-1]
    elif "no_excellent" in kinds and band == bands[0] and len(bands) > 1:
        band = bands[1]
    return band


def apply_quotas(scheme: Scheme, ranked: list[CountyScore]) -> list[CountyScore]:
    """Bands with a ``quota`` (at most that percentage of the cohort, or of its category, e.g. 优秀 ≤ 20%):
    of the counties graded so, in rank order, those beyond ⌊n × quota / 100⌋ go to the next band, and
    so do all counties tied on the score of the first one beyond (never more than the quota). Bands are
    taken best first, so a county moved down counts in the next band's quota. Deterministic: the ranking
    is (score, region, year, file)."""
    from dataclasses import replace
    from decimal import Decimal

    out = list(ranked)
    groups: dict = {}
    for i, c in enumerate(out):
        groups.setdefault(c.category, []).append(i)
    for category, members in groups.items():
        bands = next((cat.bands for cat in scheme.categories if cat.key == category), scheme.bands)
        for b, band in enumerate(bands[:-1]):
            if band.quota is None:
                continue
            allowed = int(Decimal(str(band.quota)) * len(members) / 100)
            graded = [i for i in members if out[i].grade == band.key]
            if len(graded) <= allowed:
                continue
            cut = out[graded[allowed]].total
            lower = bands[b + 1]
            label = {
                "zh": f"{band.name['zh']}等次限 {_pct(band.quota)}%（本组 {len(members)} 个中至多 {allowed} 个）",
                "en": f"{band.name['en']} limited to {_pct(band.quota)}% ({allowed} of {len(members)})",
            }
            for i in graded[allowed:] + [i for i in graded[:allowed] if out[i].total == cut]:
                out[i] = replace(
                    out[i], grade=lower.key, grade_name=lower.name, vetoes=out[i].vetoes + (Veto("quota", label),)
                )
    return out


def _pct(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def score(result: SubmissionResult, sub, scheme: Scheme, cat, langs: tuple = ("zh", "en")) -> CountyScore:
    """Score one checked submission (its findings and the values it gave).

    Reasons are written in ``langs`` only (a cohort run needs one language; ``tr`` falls back to Chinese).
    """
    fact, _ = fact_values(scheme.compiled, sub)
    # every score rounded as shown (figures: half up, two places), so the grade is given on the figure shown
    items = [_item(f, rounded(deduction(f, scheme, fact)), cat, langs) for f in result.findings]
    areas = _areas(scheme, cat, items)
    base, satisfaction, satisfaction_value = _satisfaction(scheme, fact, _base(scheme, areas))
    bonus, bonus_items = _bonus(scheme, fact)
    bonus = rounded(bonus)
    penalty, penalty_items = _bonus(scheme, fact, "penalties")
    penalty = rounded(penalty)
    total = rounded(max(0.0, min(100.0, base + bonus) - penalty))
    vetoes = _vetoes(scheme, fact, {f.rule.id: f for f in result.findings})
    category, bands = scheme.bands_for(getattr(sub, "level", None), result.region)
    band = grade(scheme, total, vetoes, bands)
    return CountyScore(
        result.file,
        result.region,
        result.year,
        total,
        base,
        band.key,
        band.name,
        tuple(areas),
        tuple(items),
        tuple(vetoes),
        bonus,
        tuple(bonus_items),
        penalty=penalty,
        penalty_items=tuple(penalty_items),
        satisfaction=satisfaction,
        satisfaction_value=satisfaction_value,
        category=category,
        region_code=getattr(sub, "region_code", None),
    )
