"""Rules as data: loading, validating and parsing the conditions of a rule pack."""
from __future__ import annotations

import re
from dataclasses import field, replace

from checker import i18n
from checker.errors import Diagnostic
from checker.memo import once
from checker.pack import expr
from checker.pack.catalogue import Catalogue
from checker.record import FACTORY, FrozenRecord, record, setfield
from checker.yamlpos import YMap

SEVERITIES = ("critical", "major", "minor", "info")
STRENGTHS = ("statutory", "local", "consistency", "practice", "none")
BLOCKING_STRENGTHS = ("statutory", "local", "consistency")
STATUSES = ("pass", "fail", "warn", "not_applicable", "missing", "error")
CATALOGUE_DEFINITION = "指标定义（本目录）"   # the basis of a consistency rule that only the catalogue defines
ID_RE = re.compile(r"^[A-Z]{4}-\d{3}$")
REQUIRED = ("id", "title", "severity", "strength", "basis", "condition", "expected", "hint", "examples")


@record
class Rule(FrozenRecord):
    """One rule of the pack, as written, with its conditions parsed."""

    id: str
    area: str
    title: dict
    severity: str
    strength: str
    basis: dict
    condition: str
    expected: dict
    hint: dict
    params: dict                    # name -> value in force
    param_meta: dict = field(default_factory=dict)
    applies_when: str | None = None
    requirement: str | None = None
    examples: tuple = ()
    enabled: bool = True
    binding: bool = True            # set by the profile: does a failure block here?
    file: str = ""
    line: int = 0
    column: int = 0
    cond_tree: object = None
    app_tree: object = None
    confirm_with: tuple = ()        # indicator keys: while none is reported, a breach is only a warning

    def __init__(self, id, area, title, severity, strength, basis, condition, expected, hint, params,
                 param_meta=FACTORY, applies_when=None, requirement=None, examples=(), enabled=True,
                 binding=True, file="", line=0, column=0, cond_tree=None, app_tree=None, confirm_with=()):
        setfield(self, "id", id)
        setfield(self, "area", area)
        setfield(self, "title", title)
        setfield(self, "severity", severity)
        setfield(self, "strength", strength)
        setfield(self, "basis", basis)
        setfield(self, "condition", condition)
        setfield(self, "expected", expected)
        setfield(self, "hint", hint)
        setfield(self, "params", params)
        setfield(self, "param_meta", dict() if param_meta is FACTORY else param_meta)
        setfield(self, "applies_when", applies_when)
        setfield(self, "requirement", requirement)
        setfield(self, "examples", examples)
        setfield(self, "enabled", enabled)
        setfield(self, "binding", binding)
        setfield(self, "file", file)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "cond_tree", cond_tree)
        setfield(self, "app_tree", app_tree)
        setfield(self, "confirm_with", confirm_with)

    def text(self, attr: str, lang: str) -> str:
        value = getattr(self, attr)
        return value.get(lang) or value.get("zh", "")

    def expected_text(self, lang: str) -> str:
        return once(self, ("expected", lang), lambda: self._expected(lang))

    def _expected(self, lang: str) -> str:
        template = self.text("expected", lang)
        try:
            return template.format(**{k: _fmt(v) for k, v in self.params.items()})
        except (KeyError, IndexError, ValueError):
            return template

    def basis_text(self, lang: str) -> str:
        """Document, version and article, as cited (the same in every language). A consistency rule
        that rests on the catalogue's own definitions is a data consistency check, said as such."""
        b = self.basis
        if self.strength == "consistency" and b.get("document") == CATALOGUE_DEFINITION:
            return i18n.t("basis.consistency", lang)
        return once(self, "basis", lambda: " ".join(
            p for p in (b.get("document", ""), b.get("version", ""), b.get("article", "")) if p))

    def __getstate__(self):
        """Pickled and copied with its examples decoded (a ``Later`` holds functions)."""
        self.examples   # noqa: B018 - decodes them
        return dict(self.__dict__)

    @property
    def blocking(self) -> bool:
        """Does a failure (or a missing indicator) of this rule block, under the profile in force?"""
        return self.binding and self.strength in BLOCKING_STRENGTHS


class Later:
    """Examples kept encoded until first read: a check never reads them, and decoding the pack's
    examples (positions and all) is a third of a one-file check's time loading its built pack.
    ``decode(encoded)`` gives them; where it fails, ``recover()`` does, from the rule files."""

    __slots__ = ("encoded", "decode", "recover")

    def __init__(self, encoded, decode, recover):
        self.encoded, self.decode, self.recover = encoded, decode, recover


class _Examples:
    """``Rule.examples``: the tuple given, or one decoded at first read from a ``Later``."""

    def __get__(self, rule, owner=None):
        if rule is None:
            return ()
        value = rule.__dict__["_examples"]
        if type(value) is Later:
            try:
                decoded = value.decode(value.encoded)
                if type(decoded) is not tuple:
                    raise TypeError("examples are not a tuple")
            except Exception:   # noqa: BLE001 - a damaged cache entry: read them from the files
                decoded = value.recover(rule)
            value = rule.__dict__["_examples"] = decoded
        return value

    def __set__(self, rule, value):
        rule.__dict__["_examples"] = value


Rule.examples = _Examples()   # after @record: the field and its default () stay as declared


def binds(strength: str, local_rules_bind: bool) -> bool:
    """Statutory and consistency rules bind everywhere; local ones where the profile says so."""
    return strength in ("statutory", "consistency") or (strength == "local" and local_rules_bind)




def _fmt(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bilingual(spec: YMap, key: str, file: str, rid: str, diags: list) -> dict:
    value = spec.get(key)
    if isinstance(value, YMap) and isinstance(value.get("zh"), str) and value.get("zh").strip():
        return {"zh": value["zh"], "en": value.get("en") if isinstance(value.get("en"), str) else value["zh"]}
    if key not in spec:  # reported once, as a missing field
        return {"zh": "", "en": ""}
    line, col = spec.pos(key) if key in spec else (spec.line, spec.col)
    diags.append(Diagnostic("pack.missing_bilingual", file, line, col, {"field": key, "rule": rid}))
    return {"zh": "", "en": ""}


def load_rules(data, file: str, cat: Catalogue, diags: list, seen_ids: set | None = None) -> list[Rule]:
    """The valid rules of one pack file; ``seen_ids`` collects every id, valid rule or not."""
    if not isinstance(data, YMap) or not isinstance(data.get("rules"), list):
        diags.append(Diagnostic("pack.missing_field", file, 1, 1, {"field": "rules", "owner": file}))
        return []
    area = data.get("area")
    if area not in cat.areas:
        line, col = data.pos("area") if "area" in data else (1, 1)
        diags.append(Diagnostic("pack.unknown_area", file, line, col, {"area": area, "key": file}))
    rules = []
    for index, spec in enumerate(data["rules"]):
        line, col = data["rules"].item_pos[index]
        if not isinstance(spec, YMap):
            diags.append(Diagnostic("pack.not_mapping", file, line, col, {"what": f"rules[{index}]"}))
            continue
        if seen_ids is not None and isinstance(spec.get("id"), str):
            seen_ids.add(spec["id"])
        rule = _rule(spec, area, file, cat, diags)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(spec: YMap, area, file, cat, diags) -> Rule | None:
    rid = spec.get("id")
    before = len(diags)
    for key in REQUIRED:
        if key not in spec:
            diags.append(Diagnostic("pack.missing_field", file, spec.line, spec.col,
                                    {"field": key, "owner": rid or "?"}))
    if not isinstance(rid, str) or not ID_RE.match(rid):
        diags.append(Diagnostic("pack.bad_id", file, *spec.pos("id"), {"id": rid}))
        return None
    code = cat.areas[area].code if area in cat.areas else None
    if code and not rid.startswith(code + "-"):
        diags.append(Diagnostic("pack.id_area", file, *spec.pos("id"), {"id": rid, "code": code}))
    severity, strength = spec.get("severity"), spec.get("strength")
    if severity not in SEVERITIES:
        diags.append(Diagnostic("pack.bad_choice", file, *spec.pos("severity"),
                                {"field": "severity", "value": severity, "choices": ", ".join(SEVERITIES)}))
    if strength not in STRENGTHS:
        diags.append(Diagnostic("pack.bad_choice", file, *spec.pos("strength"),
                                {"field": "strength", "value": strength, "choices": ", ".join(STRENGTHS)}))
    basis = _basis(spec, file, rid, diags)
    params, meta = _params(spec, file, rid, diags)
    rule = Rule(
        id=rid, area=area, title=_bilingual(spec, "title", file, rid, diags), severity=severity,
        strength=strength, basis=basis, condition=spec.get("condition"),
        expected=_bilingual(spec, "expected", file, rid, diags), hint=_bilingual(spec, "hint", file, rid, diags),
        params=params, param_meta=meta, applies_when=spec.get("applies_when"),
        requirement=spec.get("requirement"), examples=tuple(spec.get("examples") or ()),
        file=file, line=spec.line, column=spec.col, confirm_with=_confirm_with(spec, file, rid, cat, diags),
    )
    rule = parse_rule(rule, cat, diags, spec)
    _check_confirm_read(rule, spec, file, cat, diags)
    _check_examples_shape(spec, file, rid, diags)
    _check_placeholders(rule, spec, file, diags)
    return rule if len(diags) == before else None


def _basis(spec, file, rid, diags) -> dict:
    basis = spec.get("basis")
    if not isinstance(basis, YMap) or not isinstance(basis.get("document"), str):
        diags.append(Diagnostic("pack.missing_field", file, *spec.pos("basis"),
                                {"field": "basis.document", "owner": rid}))
        return {}
    out = {k: basis[k] for k in ("document", "version", "article", "url") if isinstance(basis.get(k), str)}
    if isinstance(basis.get("note"), YMap):
        out["note"] = dict(basis["note"])
    return out


def _confirm_with(spec, file, rid, cat, diags) -> tuple:
    """``confirm_with``: the indicators (a carry-over from the previous year) that could explain a
    breach; while a submission reports none of them, a breach is a warning, not a failure."""
    raw = spec.get("confirm_with")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(k, str) for k in raw):
        diags.append(Diagnostic("pack.bad_confirm_with", file, *spec.pos("confirm_with"), {"rule": rid}))
        return ()
    for i, key in enumerate(raw):
        if key not in cat.indicators:
            diags.append(Diagnostic("expr.unknown_indicator", file, *raw.item_pos[i],
                                    {"name": key, "rule": rid, "suggestion": expr.suggest(key, cat.indicators)}))
    return tuple(raw)


def _check_confirm_read(rule: Rule, spec, file, cat, diags):
    """Each confirm_with indicator must be one the condition reads (as given_or(x, 0), say): an
    indicator that cannot change the outcome cannot confirm it."""
    if not rule.confirm_with or rule.cond_tree is None:
        return
    read = {key for key, _ in expr.indicator_refs(rule.cond_tree)}
    for i, key in enumerate(spec["confirm_with"]):
        if key not in read and key in cat.indicators:
            diags.append(Diagnostic("pack.confirm_unread", file, *spec["confirm_with"].item_pos[i],
                                    {"name": key, "rule": rule.id}))


def _params(spec, file, rid, diags) -> tuple[dict, dict]:
    raw = spec.get("params") or YMap()
    params, meta = {}, {}
    if not isinstance(raw, YMap):
        diags.append(Diagnostic("pack.not_mapping", file, *spec.pos("params"), {"what": "params"}))
        return params, meta
    for name, pspec in raw.items():
        default = pspec.get("default") if isinstance(pspec, YMap) else pspec
        if isinstance(default, bool) or not isinstance(default, (int, float)):
            diags.append(Diagnostic("pack.bad_param", file, *raw.pos(name), {"name": name, "rule": rid}))
            continue
        params[name] = default
        meta[name] = dict(pspec) if isinstance(pspec, YMap) else {}
    return params, meta


def parse_rule(rule: Rule, cat: Catalogue, diags: list, spec: YMap | None = None) -> Rule:
    """Parse and type-check the rule's expressions; returns the rule with trees attached."""
    trees = {}
    for attr in ("condition", "applies_when"):
        text = getattr(rule, attr)
        if text is None and attr == "applies_when":
            trees[attr] = None
            continue
        line, col = spec.pos(attr) if spec is not None and attr in spec else (rule.line, None)
        try:
            tree = expr.parse(text if isinstance(text, str) else "")
            typ = expr.check(tree, cat.typer(), rule.params)
            if typ != expr.BOOL:
                raise expr.ExprError("expr.not_condition", 0, got=typ)
            trees[attr] = tree
        except expr.ExprError as exc:
            diags.append(expr_diagnostic(exc, text, rule, attr, line, col))
            trees[attr] = None
    unused = set(rule.params) - expr.params_used(trees.get("condition") or expr.Bool(True)) \
        - expr.params_used(trees.get("applies_when") or expr.Bool(True))
    if trees["condition"] is None or (rule.applies_when is not None and trees["applies_when"] is None):
        unused = set()  # unknowable while an expression does not parse
    for name in sorted(unused):
        diags.append(Diagnostic("pack.unused_param", rule.file, rule.line, None, {"name": name, "rule": rule.id}))
    return replace(rule, cond_tree=trees["condition"], app_tree=trees["applies_when"])


def expr_diagnostic(exc: expr.ExprError, text, rule: Rule, attr: str, line, col) -> Diagnostic:
    text = text if isinstance(text, str) else ""
    caret = " " * exc.pos + "^"
    return Diagnostic(exc.code, rule.file, line, (col + exc.pos) if col else None,
                      {**exc.params, "rule": rule.id, "field": attr, "expr": text, "caret": caret,
                       "pos": exc.pos})


def _check_examples_shape(spec, file, rid, diags):
    examples = spec.get("examples")
    if not isinstance(examples, list):
        return
    expects = set()
    for i, ex in enumerate(examples):
        line, col = examples.item_pos[i]
        if not isinstance(ex, YMap) or not isinstance(ex.get("indicators"), YMap) \
                or ex.get("expect") not in STATUSES or not isinstance(ex.get("name"), str):
            diags.append(Diagnostic("pack.bad_example", file, line, col, {"rule": rid, "index": i}))
            continue
        expects.add(ex["expect"])
    if "pass" not in expects or not expects & {"fail", "warn", "missing"}:
        diags.append(Diagnostic("pack.examples_incomplete", file, *spec.pos("examples"), {"rule": rid}))


def _check_placeholders(rule: Rule, spec, file, diags):
    from string import Formatter   # imported here: `string` compiles a pattern at import
    for lang in ("zh", "en"):
        template = rule.expected.get(lang, "")
        try:
            names = {f for _, f, _, _ in Formatter().parse(template) if f}
        except ValueError:
            names = {"?"}
        for name in sorted(names - set(rule.params)):
            diags.append(Diagnostic("pack.unknown_placeholder", file, *spec.pos("expected"),
                                    {"name": name, "rule": rule.id}))
