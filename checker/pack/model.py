"""A validated rule pack: the catalogue, the rules and the profile in force."""

from __future__ import annotations

from dataclasses import replace

from checker.pack import expr
from checker.pack.catalogue import Catalogue
from checker.pack.rules import Rule, binds
from checker.record import FrozenRecord, record, setfield


@record
class Pack(FrozenRecord):
    """A validated rule pack: catalogue, rules and the profile in force."""

    catalogue: Catalogue
    rules: tuple  # enabled rules, in area order then id
    all_rules: tuple  # every rule, enabled or not
    profile: str
    root: str
    local_rules_bind: bool = False
    required: tuple = ()  # indicator keys a submission must report (the profile's ``required``)

    def __init__(self, catalogue, rules, all_rules, profile, root, local_rules_bind=False, required=()):
        setfield(self, "catalogue", catalogue)
        setfield(self, "rules", rules)
        setfield(self, "all_rules", all_rules)
        setfield(self, "profile", profile)
        setfield(self, "root", root)
        setfield(self, "local_rules_bind", local_rules_bind)
        setfield(self, "required", required)

    def rule(self, rid: str) -> Rule | None:
        return next((r for r in self.all_rules if r.id == rid), None)

    def requiring_complete(self) -> "Pack":
        """The same pack where every indicator a binding rule needs is required (``--require-complete``:
        a pipeline validating a full data template). Added to the profile's own, in catalogue order."""
        needed = set(self.required)
        for rule in self.rules:
            if rule.blocking:  # given_or(x, y): x is the figure asked for; y stands in only where x is absent
                needed.update(k for k, places in expr.needed_unless(rule.cond_tree).items() if () in places)
                needed.update(x for x, _ in expr.preferences(rule.cond_tree))
        return replace(self, required=tuple(k for k in self.catalogue.indicators if k in needed))

    def where_local_rules_bind(self) -> "Pack":
        """The same pack as in a jurisdiction whose local rules bind (rule examples assume it)."""
        fix = lambda rules: tuple(replace(r, binding=binds(r.strength, True)) for r in rules)  # noqa: E731
        return replace(self, rules=fix(self.rules), all_rules=fix(self.all_rules), local_rules_bind=True)
