"""docs/rates.md: how every derived rate and count is computed, generated from the catalogue.

    python -m checker.ratesdoc > docs/rates.md

A test holds the file to what this module writes, so the document and the catalogue never differ.
"""

from __future__ import annotations

import sys

HEADER = """# How each rate is computed

Generated from `rules/catalogue/*.yaml` by `python -m checker.ratesdoc > docs/rates.md`; a test keeps
the two the same. A rate is 100 × numerator ÷ denominator, computed where a submission gives the counts
and not the rate (never where the denominator is 0). Where a rate is given as well, it must agree with
its counts (see `rules/README.md`). Some rates list further pairs (**else**): where the counts of the
first pair are not reported, the first pair whose counts are is used, and the output says so in a note
(`input.rate_fallback`): the rate is never silently computed on another denominator. A profile may
define a rate otherwise (`rates:` in `rules/profiles/*.yaml`, below); the output then says which
definition it used (`input.rate_chosen`). Some counts are computed from others (**sum** or **total −
parts**), where every part is reported and the result is not negative.

## Definitions that differ from one body to another

**行政复议纠错率** (`disputes.reconsideration_correction_rate`, a public key: its meaning refined in issue 19).
By default it is computed as 司法部 publishes it: cases corrected (变更, 撤销, 确认违法, 责令履行, 确认无效:
行政复议法 2023 Arts 63–67) ÷ cases closed by a 复议决定 (`disputes.reconsideration_decided`) = cases
concluded less those closed by 调解, 和解, 撤回 or 终止 (Arts 73, 74, 41), which reach no decision on the
request. 司法部 does not state its denominator; it is inferred from its figures:

- 2023 (人民日报 2024-04-02, reporting 司法部's 2023 法治政府建设年度报告): 29.3万 concluded, 3.7万 closed
  by 调解、和解, 2.73万 corrected, 纠错率 12.83%. ÷ concluded gives 9.32%; ÷ (concluded − 调解和解)
  10.66%. 2.73万 ÷ 12.83% = 212,783 cases decided (212,310–213,255 within the rounding of 2.73万 and
  12.83%), so about 4.32万 more cases (4.27–4.37万) closed without a decision: read as 撤回 and 终止,
  whose numbers were not published. `tests/test_denominators.py` computes 12.83% from exactly these
  figures. The figures cannot tell 撤回/终止 from 驳回 (Art 69); 驳回 and 维持 (Art 68) are decisions on
  the request, so they stay in the denominator.
- 2024 (《行政复议工作白皮书（2024）》): 纠错率 12.07% on 5.8万 corrected implies about 48.1万 decided;
  调撤结案率 26.3% on 16.79万 implies about 63.8万 concluded, less 16.79万 is 47.0万. These do not
  reconcile within rounding with any of the definitions above; the scope of the 2024 figures may differ.
- Where the ways cases closed are not reported, the rate is computed on cases concluded, with a note.
- 方城县 (南阳) divides by cases accepted: 纠错29件 ÷ 受理151件 = 19.2%
  (https://www.fangcheng.gov.cn/2025/01-03/837272.html). A profile for such a county sets
  `rates: {disputes.reconsideration_correction_rate: {denominator: disputes.reconsideration_accepted}}`.
  Never compare 纠错率 across counties without their denominators.

**行政机关负责人出庭应诉率** (`disputes.leader_court_attendance_rate`). Per case heard in court, as published
(青岛: 开庭审理行政案件837件，负责人出庭案件837件): a case heard several times at one instance counts once
(最高法 法释〔2020〕3号 第七条: appearing at one hearing generally fulfils the duty). Where only hearing
counts are reported, the rate falls back to them, with a note. 出声率 is over cases the head appeared in;
正职负责人出庭率 over cases heard.

**行政诉讼败诉率** (`disputes.litigation_loss_rate`): first-instance cases lost ÷ first-instance cases
concluded (审结, 撤诉 and 驳回起诉 included), not ÷ judgments. Counties use both; say which where yours
divides by judgments.

**行政规范性文件** (`regulation.*`): two filing flows. The county government's own documents (县政府及
县政府办公室) are filed with the city government and the county people's congress standing committee:
`regulation.normative_docs_*` (their meaning kept: the county government's own; a department or
township reporting on itself uses them for its own documents). Departments' and townships' documents
are filed with the county government, which reviews them: `regulation.dept_normative_docs_issued` and
`regulation.filed_docs_*`.

**复议主渠道** (DISP-025): reconsideration cases accepted ÷ first-instance administrative lawsuits filed,
a ratio (2.5 in 2024 nationally), computed by the rule from the two counts, not a percentage indicator.

**群众满意度** (`leadership.public_satisfaction`): a rate or a score on a 100-point scale, reported as
given; no rule checks it (no source sets a threshold): a scoring scheme weighs it.

## Every derived indicator
"""


def render(cat) -> str:
    areas = list(cat.areas)
    out = [HEADER]
    for area in areas:
        rows = [ind for ind in cat.indicators.values() if ind.area == area and (ind.derive or ind.parts)]
        if not rows:
            continue
        out.append(f"\n### {cat.areas[area].zh} / {cat.areas[area].en}\n\n")
        out.append("| indicator | computed as |\n| --- | --- |\n")
        for ind in rows:
            name = f"`{ind.key}` {ind.zh}"
            if ind.parts:
                how = _names(cat, [k for _, k in ind.parts[:1]]) + "".join(
                    (" + " if sign > 0 else " − ") + _name(cat, k) for sign, k in ind.parts[1:]
                )
                if all(sign > 0 for sign, _ in ind.parts):
                    how = " + ".join(_name(cat, k) for _, k in ind.parts)
            else:
                how = " ÷ ".join(_name(cat, k) for k in ind.derive)
                for num, den in ind.derive_else:
                    how += f"; else {_name(cat, num)} ÷ {_name(cat, den)}"
            out.append(f"| {name} | {how} |\n")
    return "".join(out)


def _name(cat, key: str) -> str:
    return f"{cat.indicators[key].zh} (`{key}`)"


def _names(cat, keys) -> str:
    return ", ".join(_name(cat, k) for k in keys)


def main() -> None:
    from checker.pack import load_pack_or_raise

    pack = load_pack_or_raise()
    sys.stdout.write(render(pack.catalogue))


if __name__ == "__main__":
    main()
