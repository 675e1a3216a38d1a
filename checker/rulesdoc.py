"""``fazhi rules list|show|lint``: documentation and checks from the same YAML the engine runs."""
from __future__ import annotations

import sys
from pathlib import Path

from checker import i18n
from checker.errors import Diagnostic
from checker.pack import load_pack


def list_text(pack, lang: str, area: str | None = None) -> str:
    lines = []
    for rule in pack.all_rules:
        if area and rule.area != area:
            continue
        state = "" if rule.enabled else f"  ({i18n.t('label.disabled', lang)})"
        lines.append(f"{rule.id}  {i18n.t('strength.' + rule.strength, lang)}·"
                     f"{i18n.t('severity.' + rule.severity, lang)}  {rule.text('title', lang)}{state}")
    from checker.checklist import checklist_of, checklist_text
    checklist = None if area else checklist_of(pack)      # a profile's checklist, after its rules
    return "\n".join(lines) + "\n" + (checklist_text(checklist, lang) if checklist else "")


def show_text(pack, rule, lang: str) -> str:
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    cat = pack.catalogue
    area = cat.areas.get(rule.area)
    rows = [
        f"{rule.id}  {rule.text('title', lang)}",
        f"{t('label.area')}: {area.name(lang) if area else rule.area} ({rule.area})",
        f"{t('label.severity')}: {t('severity.' + rule.severity)}",
        f"{t('label.strength')}: {t('strength.' + rule.strength)}",
        f"{t('label.basis')}: {rule.basis_text(lang)}",
    ]
    if rule.basis.get("url"):
        rows.append(f"{t('label.url')}: {rule.basis['url']}")
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
    refs = dict.fromkeys(k for k in _refs(rule))
    if refs:
        rows.append(f"{t('label.indicators')}:")
        rows.extend(f"  {k}  {cat.indicators[k].name(lang)}" for k in refs if k in cat.indicators)
    rows.append(f"{t('label.hint')}: {rule.text('hint', lang)}")
    rows.append(f"{t('label.examples')}: " + ", ".join(
        f"{ex.get('name')}→{ex.get('expect')}" for ex in rule.examples if hasattr(ex, "get")))
    if not rule.enabled:
        rows.append(t("label.disabled"))
    return "\n".join(rows) + "\n"


def _refs(rule):
    from checker.pack.expr import indicator_refs
    for tree in (rule.cond_tree, rule.app_tree):
        if tree is not None:
            yield from (k for k, _ in indicator_refs(tree))


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
    stats.update(rules=len(pack.all_rules), indicators=len(pack.catalogue.indicators))
    from checker.engine import Checker
    from checker.examples import run_examples
    checker = Checker(pack.where_local_rules_bind(), "python")
    for outcome in run_examples(checker):
        stats["examples"] += 1
        if outcome.problems:
            detail = "; ".join(d.message("zh") for d in outcome.problems)
            diags.append(Diagnostic("pack.example_input", outcome.file, outcome.line, None,
                                    {"rule": outcome.rule, "name": outcome.name, "detail": detail}))
        elif outcome.got != outcome.expect:
            diags.append(Diagnostic("pack.example_status", outcome.file, outcome.line, None,
                                    {"rule": outcome.rule, "name": outcome.name, "expect": outcome.expect,
                                     "got": outcome.got}))
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


def _written_rule_ids(pack) -> set:
    """The id of every rule written in the pack's files, valid or not."""
    from checker.pack import read_yaml
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
