"""Words for findings: values with units, messages, requirements. Shared by every renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from checker import i18n
from checker.memo import once, once_for
from checker.model import Finding
from checker.pack import expr
from checker.pack.catalogue import Catalogue
from checker.status import ERROR, FAIL, MISSING, NOT_APPLICABLE, PASS, WAIVED, WARN

_UNIT_ZH = {"count": "", "percent": "%", "yuan": "元", "days": "日"}
_UNIT_EN = {"count": "", "percent": "%", "yuan": " yuan", "days": " days"}


def number(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        if "." not in text:  # never shown as a whole number it is not (99.999995% is not 100%)
            text = format(value, ".10f").rstrip("0").rstrip(".")
            if "." not in text:
                text = repr(value)
        return text
    return str(value)


_APPROX_ZH = {"over": "{n}余{u}", "under": "近{n}{u}", "about": "约{n}{u}"}
_APPROX_EN = {"over": "over {t}", "under": "nearly {t}", "about": "about {t}"}


def value_text(value, unit: str, lang: str) -> str:
    """One value with its unit; an approximate figure with its word, as written (1000余, 近1000, 约15;
    over 1000, nearly 1000, about 15), and a value derived from approximate figures as the range
    they allow (20%–100%)."""
    if value is None:
        return i18n.t("label.not_reported", lang)
    v = value.value
    if isinstance(v, bool):
        return ("是" if v else "否") if lang != "en" else ("yes" if v else "no")
    if isinstance(v, dt.date):
        return v.isoformat()
    units = _UNIT_EN if lang == "en" else _UNIT_ZH
    text = number(v) + units.get(unit, "")
    if value.approx:
        bounds = getattr(value, "bounds", None)
        if bounds is not None and getattr(value, "derived", False):
            return (
                f"{number(bounds[0])}{units.get(unit, '')}–{number(bounds[1])}{units.get(unit, '')}"
                if unit == "percent"
                else f"{number(bounds[0])}–{number(bounds[1])}{units.get(unit, '')}"
            )
        kind = getattr(value, "approx_kind", None) or "about"
        text = (
            _APPROX_EN[kind].format(t=text)
            if lang == "en"
            else _APPROX_ZH[kind].format(n=number(v), u=_UNIT_ZH.get(unit, ""))
        )
    return text


def values_text(finding: Finding, cat: Catalogue, lang: str) -> str:
    """The values the rule reads, each named, a rate derived from counts with its counts."""
    labels = _labels(cat, lang)
    values = finding.values
    parts = [
        labels[key][0]
        + value_text(value, labels[key][1], lang)
        + (counts_text(key, values, cat, lang) if value is not None and value.derived else "")
        for key, value in finding.own_values
    ]
    return values_separator(lang).join(parts)


def counts_text(key: str, values, cat: Catalogue, lang: str) -> str:
    """How a rate derived from counts was computed, after its value: （14/15） (numerator/denominator,
    as read); empty where the counts are not among ``values`` ((indicator, Value) pairs)."""
    ind = cat.indicators[key]
    found = dict(values)
    own = found.get(key)
    via = (own.via if own is not None else ()) or ind.derive or ()
    counts = [found.get(k) for k in via]
    if not counts or None in counts:
        return ""
    if ind.parts:  # a count computed from others: 审结 − 调解和解 − 撤回 − 终止, as read
        signs = dict((k, sign) for sign, k in ind.parts)
        shown = value_text(counts[0], "count", lang) + "".join(
            ("+" if signs.get(k, -1) > 0 else "−") + value_text(v, "count", lang) for k, v in zip(via[1:], counts[1:])
        )
    else:
        shown = f"{value_text(counts[0], 'count', lang)}/{value_text(counts[1], 'count', lang)}"
    return f"（{shown}）" if lang != "en" else f" ({shown})"


def labelled_name(key: str, cat: Catalogue, lang: str) -> str:
    """What stands before a value in ``values_text``: the indicator's name and a separator."""
    return _labels(cat, lang)[key][0]


def values_separator(lang: str) -> str:
    return "；" if lang != "en" else "; "


def _labels(cat: Catalogue, lang: str) -> dict:
    """{indicator key: ("name：", unit)}, once per catalogue and language."""
    sep = " = " if lang == "en" else "："
    return once(
        cat, ("labels", lang), lambda: {key: (ind.name(lang) + sep, ind.unit) for key, ind in cat.indicators.items()}
    )


def message(finding: Finding, cat: Catalogue, lang: str) -> str:
    if finding.status == WAIVED:
        w = finding.waiver
        original = message(replace(finding, status=finding.waived_status, waiver=None), cat, lang)
        return i18n.t(
            "finding.waived",
            lang,
            approved_by=w.approved_by,
            approved_on=w.approved_on.isoformat(),
            expires=w.expires.isoformat(),
            justification=w.justification,
            original=original,
        )
    text = _message(finding, cat, lang) + _preferred(finding, cat, lang)
    if finding.waiver_expired:
        text += i18n.t("finding.waiver_expired", lang, expires=finding.waiver.expires.isoformat())
    return text


def _message(finding: Finding, cat: Catalogue, lang: str) -> str:
    rule, status = finding.rule, finding.status
    if finding.reason and finding.reason.startswith(UNSURE):
        return i18n.t("finding.unsure", lang, values=values_text(finding, cat, lang), expected=rule.expected_text(lang))
    if status in AROUND_VALUES:
        head, tail = around_values(rule, status, lang)
        if head is not None:
            return head + values_text(finding, cat, lang) + tail
    if status == MISSING:  # names what is missing, not values: made once for each set of missing indicators
        missing = finding.missing
        return once_for((rule, cat), ("missing", missing, lang), lambda: _missing(rule, missing, cat, lang))
    params = {"values": values_text(finding, cat, lang), "expected": rule.expected_text(lang)}
    if status == ERROR:
        params["reason"] = reason_text(finding, cat, lang)
    return i18n.t(_message_code(rule, status), lang, **params)


def preferences(rule) -> tuple:
    """The rule's given_or(x, y) pairs of indicators (expr.preferences), made once per rule."""
    return once(rule, "preferences", lambda: tuple(expr.preferences(rule.cond_tree)) if rule.cond_tree else ())


def _preferred(finding: Finding, cat: Catalogue, lang: str) -> str:
    """Where a rule reads given_or(x, y) and both x and y are given, which one decided it (x: ENFO-005's
    refined rate over the old key), said after the message; nothing otherwise."""
    if finding.status not in (PASS, FAIL, WARN):
        return ""
    pairs = preferences(finding.rule)
    if not pairs:
        return ""
    given = {k for k, v in finding.values if v is not None}
    return "".join(
        i18n.t("finding.preferred", lang, used=cat.indicators[x].name(lang), other=cat.indicators[y].name(lang))
        for x, y in pairs
        if x in given and y in given
    )


def _message_code(rule, status: str) -> str:
    """A report-only item (no threshold) that passes was reported, not found to meet anything; a
    consistency breach that a carry-over could explain is a figure to confirm, not a missed target."""
    if status == PASS and rule.strength == "none":
        return "finding.reported"
    if status == WARN and rule.confirm_with:
        # confirm_with naming the refined figure of a given_or(): only the older one was reported
        refined = set(rule.confirm_with) <= {x for x, _ in preferences(rule)}
        return "finding.unrefined" if refined else "finding.unconfirmed"
    return f"finding.{status}"


def status_word(finding: Finding, lang: str) -> str:
    """The status as a person reads it: 已报告 for a report-only item that passes."""
    if finding.status == PASS and finding.rule.strength == "none":
        return i18n.t("status.reported", lang)
    return i18n.t("status." + finding.status, lang)


def _missing(rule, missing: tuple, cat: Catalogue, lang: str) -> str:
    sep = "、" if lang != "en" else ", "
    return i18n.t(
        "finding.missing",
        lang,
        names=sep.join(cat.indicators[k].name(lang) for k in missing),
        expected=rule.expected_text(lang),
    )


AROUND_VALUES = (PASS, FAIL, WARN, NOT_APPLICABLE)
UNSURE = "range:"  # a finding's reason where the rule reads approximate values it is met at one end of, not the other


def around_values(rule, status: str, lang: str) -> tuple:
    """The message of a rule and status split around its values: (head, tail), or (None, None)."""

    def split():
        parts = i18n.t(_message_code(rule, status), lang, values="\0", expected=rule.expected_text(lang)).split("\0")
        return tuple(parts) if len(parts) == 2 else (None, None)

    return once(rule, ("message", status, lang), split)


def reason_text(finding: Finding, cat: Catalogue, lang: str) -> str:
    reason = finding.reason or ""
    if reason.startswith("invalid:"):
        sep = "、" if lang != "en" else ", "
        names = sep.join(cat.indicators[k].name(lang) for k in reason[len("invalid:") :].split(","))
        return i18n.t("reason.invalid", lang, names=names)
    if "zero" in reason:
        return i18n.t("reason.zero", lang)
    return i18n.t("reason.other", lang, text=reason)
