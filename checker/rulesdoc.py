"""``fazhi rules list|show|lint``: documentation and checks from the same YAML the engine runs.

Also the generated reference pages (cfn-lint's ``--update-documentation`` pattern)::

    python -m checker.rulesdoc            # writes docs/rules.md and docs/indicators-reference.md
    python -m checker.rulesdoc --check    # exit 1, naming the stale files, where they differ

``tests/test_docs.py`` fails while either file differs from what this writes, so the reference
and the pack never drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

from checker import i18n
from checker.errors import Diagnostic
from checker.pack import load_pack
from checker.pack.rules import indicators_read


def list_text(pack, lang: str, area: str | None = None) -> str:
    lines = []
    for rule in pack.all_rules:
        if area and rule.area != area:
            continue
        state = "" if rule.enabled else f"  ({i18n.t('label.disabled', lang)})"
        lines.append(
            f"{rule.id}  {i18n.t('strength.' + rule.strength, lang)}·"
            f"{i18n.t('severity.' + rule.severity, lang)}  {rule.text('title', lang)}{state}"
        )
    from checker.checklist import checklist_of, checklist_text

    checklist = None if area else checklist_of(pack)  # a profile's checklist, after its rules
    return "\n".join(lines) + "\n" + (checklist_text(checklist, lang) if checklist else "")


def show_text(pack, rule, lang: str, year: int | None = None) -> str:
    """A rule as documented. Its basis: with ``year``, the version cited for a submission on that
    year (the one in force for most of it, and any other in force during it); without, every
    version with the dates it applied."""
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    cat = pack.catalogue
    area = cat.areas.get(rule.area)
    rows = [
        f"{rule.id}  {rule.text('title', lang)}",
        f"{t('label.area')}: {area.name(lang) if area else rule.area} ({rule.area})",
        f"{t('label.severity')}: {t('severity.' + rule.severity)}",
        f"{t('label.strength')}: {t('strength.' + rule.strength)}",
    ]
    rows.extend(_basis_rows(rule, lang, year))
    note = rule.basis.get("note")
    if isinstance(note, dict) and note.get(lang, note.get("zh")):
        rows.append(f"  {note.get(lang, note.get('zh'))}")
    if rule.requirement:
        rows.append(f"{t('label.requirement_id')}: {rule.requirement}")
    if rule.applies_when:
        rows.append(f"{t('label.applies_when')}: {rule.applies_when}")
    rows.append(f"{t('label.condition')}: {rule.condition}")
    rows.append(f"{t('label.expected')}: {rule.expected_text(lang)}")
    if rule.params:
        rows.append(f"{t('label.params')}: " + ", ".join(f"{k}={v}" for k, v in rule.params.items()))
    refs = dict.fromkeys(k for k in indicators_read(rule))
    if refs:
        rows.append(f"{t('label.indicators')}:")
        rows.extend(f"  {k}  {cat.indicators[k].name(lang)}" for k in refs if k in cat.indicators)
    rows.append(f"{t('label.hint')}: {rule.text('hint', lang)}")
    rows.append(
        f"{t('label.examples')}: "
        + ", ".join(f"{ex.get('name')}→{ex.get('expect')}" for ex in rule.examples if hasattr(ex, "get"))
    )
    if not rule.enabled:
        rows.append(t("label.disabled"))
    return "\n".join(rows) + "\n"


def _basis_rows(rule, lang: str, year: int | None) -> list:
    from checker.pack.rules import basis_for, cite, days_in_year, span, version_for

    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    b = rule.basis
    versions = b.get("versions")
    if not versions or year is not None:
        cited = basis_for(b, year) if versions else b
        rows = [f"{t('label.basis')}: {rule.at(year).basis_text(lang) if versions else rule.basis_text(lang)}"]
        if versions:
            chosen = version_for(versions, year)
            rows[0] += span(chosen, lang)
        rows.extend(_url_rows(cited, lang, "", b))
        if versions:
            others = [v for v in versions if v is not chosen and days_in_year(v, year) > 0]
            rows.extend(f"  {t('basis.also', year=year, cited=cite(v), span=span(v, lang))}" for v in others)
            rows.extend(_version_note(chosen, lang, "  "))
        return rows
    rows = [f"{t('label.basis')}: {b.get('document', '')}"]
    for v in versions:
        rows.append(f"  {cite(v)}{span(v, lang)}")
        rows.extend(_url_rows(v, lang, "    ", b))
        rows.extend(_version_note(v, lang, "    "))
    return rows


def _url_rows(b: dict, lang: str, indent: str, whole: dict) -> list:
    rows = []
    if b.get("url"):
        rows.append(f"{indent}{i18n.t('label.url', lang)}: {b['url']}")
        note = b.get("url_note") or whole.get("url_note")
        if note:
            rows.append(f"{indent}{i18n.t('label.url_note', lang)}: {note.get(lang) or note.get('zh')}")
    return rows


def _version_note(v: dict, lang: str, indent: str) -> list:
    note = v.get("note")
    text = note.get(lang) or note.get("zh") if isinstance(note, dict) else None
    return [f"{indent}{text}"] if text else []


def lint_diagnostics(directory=None, profile=None) -> tuple[list[Diagnostic], dict]:
    """Everything wrong with a rule pack: data, expressions, every profile, every scoring scheme, and
    the examples."""
    pack, diags = load_pack(directory, profile)
    stats = {"rules": 0, "indicators": 0, "examples": 0, "schemes": 0}
    if pack is None:
        return diags, stats
    for path in sorted((Path(pack.root) / "profiles").glob("*.yaml")):
        if path.stem != pack.profile:
            _, found = load_pack(directory, path)
            diags.extend(d for d in found if d.file == str(path))
    diags.extend(_scheme_diagnostics(pack, stats, any(d.severity == "error" for d in diags)))
    diags.extend(url_diagnostics(pack))
    diags.extend(alias_notes(pack))
    from checker.extract import rule_diagnostics

    diags.extend(rule_diagnostics(pack))
    stats.update(rules=len(pack.all_rules), indicators=len(pack.catalogue.indicators))
    from checker.engine import Checker
    from checker.examples import run_examples

    checker = Checker(pack.where_local_rules_bind(), "python")
    for outcome in run_examples(checker):
        stats["examples"] += 1
        if outcome.problems:
            detail = "; ".join(d.message("zh") for d in outcome.problems)
            diags.append(
                Diagnostic(
                    "pack.example_input",
                    outcome.file,
                    outcome.line,
                    None,
                    {"rule": outcome.rule, "name": outcome.name, "detail": detail},
                )
            )
        elif outcome.got != outcome.expect:
            diags.append(
                Diagnostic(
                    "pack.example_status",
                    outcome.file,
                    outcome.line,
                    None,
                    {"rule": outcome.rule, "name": outcome.name, "expect": outcome.expect, "got": outcome.got},
                )
            )
    return diags, stats


def _scheme_diagnostics(pack, stats: dict, pack_broken: bool) -> list[Diagnostic]:
    """Every scheme in the rules dir's schemes/ folder, loaded as ``fazhi score`` loads it. A rule left
    out of a broken pack (reported where it stands) is not also an unknown rule of each scheme."""
    from checker.score.scheme import load_scheme, schemes_dir

    written = _written_rule_ids(pack) if pack_broken else set()
    out = []
    folder = schemes_dir(pack)
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        _, found = load_scheme(pack, str(path))
        out.extend(d for d in found if not (d.code == "profile.unknown_rule" and d.params.get("id") in written))
        stats["schemes"] += 1
    return out


def alias_notes(pack) -> list[Diagnostic]:
    """A note (never an error) for each ``strength: statutory`` in the pack's rules and profiles: the
    word before the split into law (法律法规) and central (中央文件), read as ``law``."""
    from checker.pack.files import read_yaml
    from checker.pack.rules import STRENGTH_ALIASES
    from checker.yamlpos import YMap

    out = []

    def note(node, file, rid):
        word = node.get("strength") if isinstance(node, YMap) else None
        if isinstance(word, str) and word in STRENGTH_ALIASES:
            out.append(
                Diagnostic(
                    "pack.strength_alias",
                    file,
                    *node.pos("strength"),
                    {"rule": rid, "old": word, "new": STRENGTH_ALIASES[word]},
                    severity="note",
                )
            )

    root = Path(pack.root)
    for path in sorted((root / "pack").glob("*.yaml")):
        data = read_yaml(path, [])
        for spec in data.get("rules") if isinstance(data, YMap) and isinstance(data.get("rules"), list) else ():
            note(spec, str(path), spec.get("id") if isinstance(spec, YMap) else "?")
    for path in sorted((root / "profiles").glob("*.yaml")):
        data = read_yaml(path, [])
        rules = data.get("rules") if isinstance(data, YMap) else None
        for rid, spec in rules.items() if isinstance(rules, YMap) else ():
            note(spec, str(path), rid)
    return out


def url_diagnostics(pack) -> list[Diagnostic]:
    """Every URL a basis cites: on an official site (gov.cn: 中国政府网, 中国人大网, the national
    law database, courts, ministries, provincial, city and county governments), or with a
    ``url_note`` saying why not; and one URL never cited for two documents."""
    from checker.pack.files import read_yaml
    from checker.pack.rules import basis_urls, official_url
    from checker.yamlpos import YMap

    written = {}  # (file, rule id) -> [(url, position)] in the order written
    for path in sorted((Path(pack.root) / "pack").glob("*.yaml")):
        data = read_yaml(path, [])
        for spec in data.get("rules") if isinstance(data, YMap) and isinstance(data.get("rules"), list) else ():
            basis = spec.get("basis") if isinstance(spec, YMap) else None
            if not isinstance(basis, YMap):
                continue
            places = [(basis["url"], basis.pos("url"))] if isinstance(basis.get("url"), str) else []
            versions = basis.get("versions")
            for item in versions if isinstance(versions, list) else ():
                if isinstance(item, YMap) and isinstance(item.get("url"), str):
                    places.append((item["url"], item.pos("url")))
            written[(str(path), spec.get("id"))] = places
    out, cited = [], {}
    for rule in pack.all_rules:
        places = dict(written.get((rule.file, rule.id), ()))
        for url, document, noted in basis_urls(rule.basis):
            line, col = places.get(url, (rule.line, rule.column))
            if not official_url(url) and not noted:
                out.append(Diagnostic("pack.unofficial_url", rule.file, line, col, {"rule": rule.id, "url": url}))
            first = cited.setdefault(url.strip().rstrip("/"), (document, rule.id))
            if first[0] != document:
                out.append(
                    Diagnostic(
                        "pack.url_two_documents",
                        rule.file,
                        line,
                        col,
                        {"url": url, "document": document, "rule": rule.id, "other": first[0], "other_rule": first[1]},
                    )
                )
    return out


def _written_rule_ids(pack) -> set:
    """The id of every rule written in the pack's files, valid or not."""
    from checker.pack.files import read_yaml
    from checker.yamlpos import YMap

    ids = set()
    for path in sorted((Path(pack.root) / "pack").glob("*.yaml")):
        data = read_yaml(path, [])
        rules = data.get("rules") if isinstance(data, YMap) else None
        for spec in rules if isinstance(rules, list) else ():
            if isinstance(spec, YMap) and isinstance(spec.get("id"), str):
                ids.add(spec["id"])
    return ids


def lint(args) -> int:
    diags, stats = lint_diagnostics(args.directory or args.rules_dir, args.profile)
    errors = [d for d in diags if d.severity == "error"]
    for diag in diags:
        if diag.severity == "note":  # read, with a better word to write (statutory: law)
            sys.stderr.write(f"{i18n.t('label.notes', args.lang)}{i18n.colon(args.lang)}{diag.render(args.lang)}\n")
    for diag in errors:
        text = diag.render(args.lang)
        if "expr" in diag.params:
            text += f"\n    {diag.params['expr']}\n    {diag.params['caret']}"
        sys.stderr.write(text + "\n")
    if errors:
        sys.stderr.write(i18n.t("cli.lint_failed", args.lang, count=len(errors)) + "\n")
        return 2
    print(i18n.t("cli.lint_ok", args.lang, **stats))
    return 0


# --- docs/rules.md: the rule reference, generated from the pack -------------------------------

RULES_DOC = "docs/rules.md"
RULES_HEADER = """# 规则参考 · Rule reference

<!-- Generated from rules/pack/*.yaml by `python -m checker.rulesdoc`. Do not edit by hand:
     tests/test_docs.py fails while this file differs from what the command writes. -->

Every rule of the bundled pack as the default profile (`national`) applies it: what it requires,
how binding the requirement is, the document it rests on, the indicators it reads and what to do
when it is not met. The same text, for one rule, is `fazhi rules show ID` (`--lang en`;
`--year YEAR` cites the version of a basis in force that year). A jurisdiction profile may change
parameters, severity and binding force (`fazhi rules show ID --profile henan-county`; see
[profiles.md](profiles.md)). Indicators are described in
[indicators-reference.md](indicators-reference.md); the words in [glossary.md](glossary.md).

约束力 (binding force): 法律法规 `law` and 中央文件 `central` and 数据一致性 `consistency` fail where
not met; 地方规定 `local` fails where the profile says local rules bind, else warns;
工作目标（非约束性） `practice` warns; 无阈值 `none` is reported only.
"""


def _line(text) -> str:
    """Text on one line (a list item of the page)."""
    return " ".join(str(text).split())


def _cell(text) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return _line(text).replace("|", "\\|")


def _both(zh: str, en: str) -> str:
    return zh if not en or en == zh else f"{zh} · {en}"


def rules_markdown(pack) -> str:
    """docs/rules.md for ``pack``: an index per area, then each rule in full, in pack order."""
    cat = pack.catalogue
    out = [RULES_HEADER]
    for area_key, area in cat.areas.items():
        rules = [r for r in pack.all_rules if r.area == area_key]
        if not rules:
            continue
        out.append(f"\n## {area.zh} · {area.en} ({area.code})\n\n")
        out.append("| id | 规则 | rule | 约束力 · strength | 严重程度 · severity |\n| --- | --- | --- | --- | --- |\n")
        for rule in rules:
            out.append(
                f"| [{rule.id}](#{rule.id.lower()}) | {_cell(rule.text('title', 'zh'))} | "
                f"{_cell(rule.text('title', 'en'))} | {i18n.t('strength.' + rule.strength, 'zh')} "
                f"`{rule.strength}` | {i18n.t('severity.' + rule.severity, 'zh')} `{rule.severity}` |\n"
            )
        for rule in rules:
            out.append(_rule_markdown(rule, cat))
    return "".join(out)


def _rule_markdown(rule, cat) -> str:
    rows = [
        f'\n<a id="{rule.id.lower()}"></a>\n\n### {rule.id} {_line(rule.text("title", "zh"))}\n\n',
        f"*{_line(rule.text('title', 'en'))}* · {i18n.t('strength.' + rule.strength, 'zh')} "
        f"({i18n.t('strength.' + rule.strength, 'en')}, `{rule.strength}`) · "
        f"{i18n.t('severity.' + rule.severity, 'zh')} `{rule.severity}`"
        f"{'' if rule.enabled else ' · 停用 disabled'} · `rules/pack/{Path(rule.file).name}`\n\n",
    ]
    item = lambda label, text: rows.append(f"- {label}{_colon(label)}{text}\n")  # noqa: E731
    item("要求", _line(rule.expected_text("zh")))
    item("Requirement", _line(rule.expected_text("en")))
    if rule.applies_when:
        item("适用条件 applies when", f"`{_line(rule.applies_when)}`")
    item("条件 condition", f"`{_line(rule.condition)}`")
    if rule.params:
        item(
            "参数 parameters",
            "; ".join(
                f"`{name}` = {_line(value)}" + _param_label(rule.param_meta.get(name))
                for name, value in rule.params.items()
            ),
        )
    rows.extend(_basis_markdown(rule))
    refs = list(dict.fromkeys(indicators_read(rule)))
    if refs:
        item(
            "指标 indicators",
            ", ".join(
                f"[`{key}`](indicators-reference.md#{key}) {_line(cat.indicators[key].zh)}"
                for key in refs
                if key in cat.indicators
            ),
        )
    if rule.confirm_with:
        item("待确认 confirmed with", ", ".join(f"`{key}`" for key in rule.confirm_with))
    if rule.requirement:
        item("要求编号 requirement id", f"`{rule.requirement}`")
    item("建议", _line(rule.text("hint", "zh")))
    item("Hint", _line(rule.text("hint", "en")))
    examples = [ex for ex in rule.examples if hasattr(ex, "get")]
    if examples:
        item("示例 examples", ", ".join(f"`{ex.get('name')}` → `{ex.get('expect')}`" for ex in examples))
    return "".join(rows)


def _colon(label: str) -> str:
    """A label in Chinese (or Chinese and English) takes the full-width colon, one in English ": "."""
    return ": " if label.isascii() else "："


def _param_label(meta) -> str:
    if not isinstance(meta, dict) or not (meta.get("zh") or meta.get("en")):
        return ""
    return f"（{_line(_both(meta.get('zh', ''), meta.get('en', '')))}）"


def _basis_markdown(rule) -> list:
    from checker.pack.rules import cite, span

    b = rule.basis
    rows = [f"- 依据 basis：{_line(rule.basis_text('zh') if not b.get('versions') else b.get('document', ''))}\n"]
    if b.get("versions"):
        for v in b["versions"]:
            rows.append(f"  - {_line(cite(v))}{_line(span(v, 'zh'))}\n")
            rows.extend(_url_markdown(v, b, "    "))
    else:
        rows.extend(_url_markdown(b, b, "  "))
    note = b.get("note")
    if isinstance(note, dict):
        for lang, label in (("zh", "说明"), ("en", "Note")):
            if note.get(lang):
                rows.append(f"  - {label}{_colon(label)}{_line(note[lang])}\n")
    return rows


def _url_markdown(b: dict, whole: dict, indent: str) -> list:
    if not b.get("url"):
        return []
    rows = [f"{indent}- <{b['url']}>\n"]
    note = b.get("url_note") or whole.get("url_note")
    if isinstance(note, dict) and (note.get("zh") or note.get("en")):
        rows.append(f"{indent}  （{_line(_both(note.get('zh', ''), note.get('en', '')))}）\n")
    return rows


# --- the command ------------------------------------------------------------------------------


def generated_docs(pack) -> dict:
    """{path relative to the repository: text} for every page generated from the pack."""
    from checker.indicatorsdoc import INDICATORS_DOC, indicators_markdown

    return {RULES_DOC: rules_markdown(pack), INDICATORS_DOC: indicators_markdown(pack)}


def main(argv=None) -> int:
    """Write (or, with ``--check``, compare) the generated pages under ``--root`` (default: the
    current directory, which must hold docs/)."""
    import argparse

    from checker.errors import PackError
    from checker.pack import load_pack_or_raise

    parser = argparse.ArgumentParser(
        prog="python -m checker.rulesdoc",
        description="Write docs/rules.md and docs/indicators-reference.md from the rule pack.",
    )
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if a page is stale")
    parser.add_argument("--root", default=".", help="the repository (default: the current directory)")
    parser.add_argument(
        "--rules", dest="rules_dir", default=None, help="the rules directory (default: the bundled one)"
    )
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not (root / "docs").is_dir():
        sys.stderr.write(f"{root / 'docs'}: no such folder; run this in the repository, or give --root\n")
        return 2
    try:
        pack = load_pack_or_raise(Path(args.rules_dir) if args.rules_dir else None)
    except PackError as exc:  # a broken pack: its problems, located, and no page written
        sys.stderr.write(exc.render("en") + "\n")
        return 2
    pages = generated_docs(pack)
    stale = [
        rel
        for rel, text in pages.items()
        if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text
    ]
    if args.check:
        for rel in stale:
            sys.stderr.write(f"{rel} is stale: run python -m checker.rulesdoc\n")
        return 1 if stale else 0
    for rel in stale:
        (root / rel).write_bytes(pages[rel].encode("utf-8"))
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
