"""Rules as data: loading, validating and parsing the conditions of a rule pack."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field, replace
from urllib.parse import urlsplit

from checker import i18n
from checker.errors import Diagnostic
from checker.memo import once
from checker.pack import expr
from checker.pack.catalogue import Catalogue
from checker.record import FACTORY, FrozenRecord, record, setfield
from checker.suggest import suggest
from checker.yamlpos import YMap

SEVERITIES = ("critical", "major", "minor", "info")
# 法律法规 (laws, administrative regulations, government rules) and 中央文件 (中办/国办 documents,
# the 纲要) both bind a county government; officials name them apart, and so do the outputs.
STRENGTHS = ("law", "central", "local", "consistency", "practice", "none")
STRENGTH_ALIASES = {"statutory": "law"}  # the word before the split: still read, with a lint note
BLOCKING_STRENGTHS = ("law", "central", "local", "consistency")
STATUSES = ("pass", "fail", "warn", "not_applicable", "missing", "error")
CATALOGUE_DEFINITION = "指标定义（本目录）"  # the basis of a consistency rule that only the catalogue defines
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
    params: dict  # name -> value in force
    param_meta: dict = field(default_factory=dict)
    applies_when: str | None = None
    requirement: str | None = None
    examples: tuple = ()
    enabled: bool = True
    binding: bool = True  # set by the profile: does a failure block here?
    file: str = ""
    line: int = 0
    column: int = 0
    cond_tree: object = None
    app_tree: object = None
    confirm_with: tuple = ()  # indicator keys: while none is reported, a breach is only a warning

    def __init__(
        self,
        id,
        area,
        title,
        severity,
        strength,
        basis,
        condition,
        expected,
        hint,
        params,
        param_meta=FACTORY,
        applies_when=None,
        requirement=None,
        examples=(),
        enabled=True,
        binding=True,
        file="",
        line=0,
        column=0,
        cond_tree=None,
        app_tree=None,
        confirm_with=(),
    ):
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
        if b.get("versions"):  # not chosen by a reporting year: every version, with its dates
            return once(
                self,
                ("basis", lang),
                lambda: " ".join(
                    p for p in (b.get("document", ""), "；".join(cite(v) + span(v, lang) for v in b["versions"])) if p
                ),
            )
        return once(self, "basis", lambda: cite(b))

    def at(self, year: int | None) -> "Rule":
        """The rule as cited for a submission on ``year``: where its basis lists versions, the one in
        force for most of that year (``version_for``); otherwise the rule itself."""
        if year is None or not self.basis.get("versions"):
            return self
        return once(self, ("at", year), lambda: replace(self, basis=basis_for(self.basis, year)))

    def __getstate__(self):
        """Pickled and copied with its examples decoded (a ``Later`` holds functions)."""
        self.examples  # noqa: B018 - decodes them
        return dict(self.__dict__)

    @property
    def blocking(self) -> bool:
        """Does a failure (or a missing indicator) of this rule block, under the profile in force?"""
        return self.binding and self.strength in BLOCKING_STRENGTHS


class Later:
    """Examples kept encoded until first read: a check never reads them, and decoding the pack's
    examples (positions and all) is much of what loading a built pack costs (docs/performance.md).
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
            except Exception:  # noqa: BLE001 - a damaged cache entry: read them from the files
                decoded = value.recover(rule)
            value = rule.__dict__["_examples"] = decoded
        return value

    def __set__(self, rule, value):
        rule.__dict__["_examples"] = value


Rule.examples = _Examples()  # after @record: the field and its default () stay as declared


def binds(strength: str, local_rules_bind: bool) -> bool:
    """Laws, central documents and consistency rules bind everywhere; local ones where the profile says so."""
    return strength in ("law", "central", "consistency") or (strength == "local" and local_rules_bind)


# --- bases by reporting year -------------------------------------------------------------------
#
# A basis may list ``versions``: the texts of its document that applied one after another, each
# with ``from`` and/or ``until`` (dates, inclusive). A submission on a year cites the version in
# force for MOST of that year (the most days of it; on a tie, the later). 代表法: 2015修正 第四十二条
# for 2024, 2025修正 (2025-03-11) 第五十一条 for 2025; 突发事件应对法: the 2007 text for 2024
# (2024修订 in force only from 2024-11-01), the 2024 text from 2025.

VERSION_FIELDS = ("document", "version", "article", "url", "url_note", "from", "until", "note")


def cite(b: dict) -> str:
    """Document, version and article, as cited."""
    return " ".join(p for p in (b.get("document", ""), b.get("version", ""), b.get("article", "")) if p)


def span(v: dict, lang: str) -> str:
    """When a version applied, as said after its citation."""
    start, end = v.get("from"), v.get("until")
    if start and end:
        return i18n.t("basis.span", lang, start=start, end=end)
    if start:
        return i18n.t("basis.since", lang, start=start)
    return i18n.t("basis.until", lang, end=end) if end else ""


def days_in_year(v: dict, year: int) -> int:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = max(first, dt.date.fromisoformat(v["from"])) if v.get("from") else first
    end = min(last, dt.date.fromisoformat(v["until"])) if v.get("until") else last
    return max(0, (end - start).days + 1)


def version_for(versions, year: int) -> dict:
    """The version in force for most of ``year`` (ties: the later one). A year before the first
    version's start cites the first; a year after the last one's end, the last."""
    days = [days_in_year(v, year) for v in versions]
    if max(days) == 0:
        first = versions[0]
        return (
            first
            if first.get("from") and dt.date(year, 12, 31) < dt.date.fromisoformat(first["from"])
            else versions[-1]
        )
    best = max(days)
    return versions[max(i for i, d in enumerate(days) if d == best)]


def basis_for(basis: dict, year: int) -> dict:
    """The basis as cited for ``year``: the document's fields with the chosen version's over them."""
    chosen = version_for(basis["versions"], year)
    out = {k: v for k, v in basis.items() if k != "versions"}
    out.update({k: v for k, v in chosen.items() if k not in ("from", "until")})
    if chosen.get("from"):
        out["in_force_from"] = chosen["from"]
    if chosen.get("until"):
        out["in_force_until"] = chosen["until"]
    return out


# --- official sources ----------------------------------------------------------------------------

OFFICIAL_DOMAINS = ("gov.cn",)  # 中国政府网, 中国人大网 (npc.gov.cn), 国家法律法规数据库 (flk.npc.gov.cn),
# court.gov.cn, moj.gov.cn, every provincial, city and county government


def official_url(url: str) -> bool:
    """Is ``url`` an http(s) address on an official domain (a government site under gov.cn)?"""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return False
    return any(host == d or host.endswith("." + d) for d in OFFICIAL_DOMAINS)


def basis_urls(basis: dict):
    """(url, the document it is cited for, has a url_note) of every URL a basis cites."""
    doc = basis.get("document", "")
    if basis.get("url"):
        yield basis["url"], doc, bool(basis.get("url_note"))
    for v in basis.get("versions") or ():
        if v.get("url"):
            yield v["url"], v.get("document", doc), bool(v.get("url_note") or basis.get("url_note"))


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
            diags.append(
                Diagnostic("pack.missing_field", file, spec.line, spec.col, {"field": key, "owner": rid or "?"})
            )
    if not isinstance(rid, str) or not ID_RE.match(rid):
        diags.append(Diagnostic("pack.bad_id", file, *spec.pos("id"), {"id": rid}))
        return None
    code = cat.areas[area].code if area in cat.areas else None
    if code and not rid.startswith(code + "-"):
        diags.append(Diagnostic("pack.id_area", file, *spec.pos("id"), {"id": rid, "code": code}))
    severity, strength = spec.get("severity"), spec.get("strength")
    if strength in STRENGTH_ALIASES:  # ``statutory``: read as ``law`` (lint says so: rulesdoc.alias_notes)
        strength = STRENGTH_ALIASES[strength]
    if severity not in SEVERITIES:
        diags.append(
            Diagnostic(
                "pack.bad_choice",
                file,
                *spec.pos("severity"),
                {"field": "severity", "value": severity, "choices": ", ".join(SEVERITIES)},
            )
        )
    if strength not in STRENGTHS:
        diags.append(
            Diagnostic(
                "pack.bad_choice",
                file,
                *spec.pos("strength"),
                {"field": "strength", "value": strength, "choices": ", ".join(STRENGTHS)},
            )
        )
    basis = _basis(spec, file, rid, diags)
    params, meta = _params(spec, file, rid, diags)
    rule = Rule(
        id=rid,
        area=area,
        title=_bilingual(spec, "title", file, rid, diags),
        severity=severity,
        strength=strength,
        basis=basis,
        condition=spec.get("condition"),
        expected=_bilingual(spec, "expected", file, rid, diags),
        hint=_bilingual(spec, "hint", file, rid, diags),
        params=params,
        param_meta=meta,
        applies_when=spec.get("applies_when"),
        requirement=spec.get("requirement"),
        examples=tuple(spec.get("examples") or ()),
        file=file,
        line=spec.line,
        column=spec.col,
        confirm_with=_confirm_with(spec, file, rid, cat, diags),
    )
    rule = parse_rule(rule, cat, diags, spec)
    _check_confirm_read(rule, spec, file, cat, diags)
    _check_examples_shape(spec, file, rid, diags)
    _check_placeholders(rule, spec, file, diags)
    return rule if len(diags) == before else None


def _basis(spec, file, rid, diags) -> dict:
    basis = spec.get("basis")
    if not isinstance(basis, YMap) or not isinstance(basis.get("document"), str):
        diags.append(
            Diagnostic("pack.missing_field", file, *spec.pos("basis"), {"field": "basis.document", "owner": rid})
        )
        return {}
    out = {k: basis[k] for k in ("document", "version", "article", "url") if isinstance(basis.get(k), str)}
    if isinstance(basis.get("note"), YMap):
        out["note"] = dict(basis["note"])
    note = _url_note(basis, file, rid, diags)
    if note:
        out["url_note"] = note
    if "versions" in basis:
        versions = _versions(basis, file, rid, diags)
        if versions:
            clash = [k for k in ("version", "article", "url") if k in basis]
            for k in clash:
                diags.append(
                    Diagnostic(
                        "pack.bad_versions",
                        file,
                        *basis.pos(k),
                        {"rule": rid, "why": f"{k}: given for every version, in versions"},
                    )
                )
            out["versions"] = versions
    return out


def _url_note(node: YMap, file, rid, diags) -> dict | None:
    """``url_note``: why a URL that is not an official page is cited (text, or {zh, en})."""
    raw = node.get("url_note")
    if raw is None:
        return None
    if isinstance(raw, str) and raw.strip():
        return {"zh": raw, "en": raw}
    if isinstance(raw, YMap) and isinstance(raw.get("zh"), str) and raw["zh"].strip():
        return {"zh": raw["zh"], "en": raw["en"] if isinstance(raw.get("en"), str) else raw["zh"]}
    diags.append(Diagnostic("pack.missing_bilingual", file, *node.pos("url_note"), {"field": "url_note", "rule": rid}))
    return None


def _date(value) -> str | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def _versions(basis: YMap, file, rid, diags) -> list:
    """``basis.versions``: [{version, article, from/until, url?, document?, url_note?, note?}, ...] in
    date order, each next one starting the day after the one before ends. Every problem is located."""
    raw = basis["versions"]

    def bad(pos, why):
        diags.append(Diagnostic("pack.bad_versions", file, *pos, {"rule": rid, "why": why}))

    if not isinstance(raw, list) or not raw:
        bad(basis.pos("versions"), "a list of {version, article, from/until}")
        return []
    out, ok = [], True
    for i, item in enumerate(raw):
        pos = raw.item_pos[i]
        if not isinstance(item, YMap):
            bad(pos, "a mapping {version, article, from/until}")
            ok = False
            continue
        v = {}
        for key in item:
            if key not in VERSION_FIELDS:
                bad(item.key_pos[key], f"unknown field {key} (fields: {', '.join(VERSION_FIELDS)})")
                ok = False
        for key in ("version", "article"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                bad(item.pos(key) if key in item else pos, f"{key} (text) is needed")
                ok = False
            else:
                v[key] = item[key]
        for key in ("document", "url"):
            if key in item:
                if isinstance(item[key], str) and item[key].strip():
                    v[key] = item[key]
                else:
                    bad(item.pos(key), f"{key} must be text")
                    ok = False
        for key in ("from", "until"):
            if key in item:
                day = _date(item[key])
                if day is None:
                    bad(item.pos(key), f"{key} must be a date (2025-03-11)")
                    ok = False
                else:
                    v[key] = day
        if isinstance(item.get("note"), YMap):
            v["note"] = dict(item["note"])
        note = _url_note(item, file, rid, diags)
        if note:
            v["url_note"] = note
        if v.get("from") and v.get("until") and v["from"] > v["until"]:
            bad(item.pos("until"), f"until {v['until']} is before from {v['from']}")
            ok = False
        if len(raw) > 1 and not v.get("from") and not v.get("until"):
            bad(pos, "from or until is needed where there are several versions")
            ok = False
        out.append((pos, v))
    if not ok:
        return []
    for i in range(1, len(out)):
        (_, prev), (pos, cur) = out[i - 1], out[i]
        end, start = prev.get("until"), cur.get("from")
        if end is None and start is None:
            bad(pos, "from (or the version before's until) is needed")
            return []
        if (
            end is not None
            and start is not None
            and dt.date.fromisoformat(start) != dt.date.fromisoformat(end) + dt.timedelta(days=1)
        ):
            bad(pos, f"from {start} is not the day after the version before ends ({end})")
            return []
        if start is not None and prev.get("from") is not None and start <= prev["from"]:
            bad(pos, f"versions in date order: from {start} is not after {prev['from']}")
            return []
        if end is not None and cur.get("until") is not None and cur["until"] <= end:
            bad(pos, f"versions in date order: until {cur['until']} is not after {end}")
            return []
    # each version's missing bound from its neighbour: every version has its whole span
    versions = [v for _, v in out]
    for i in range(1, len(versions)):
        prev, cur = versions[i - 1], versions[i]
        if cur.get("from") is None:
            cur["from"] = (dt.date.fromisoformat(prev["until"]) + dt.timedelta(days=1)).isoformat()
        if prev.get("until") is None:
            prev["until"] = (dt.date.fromisoformat(cur["from"]) - dt.timedelta(days=1)).isoformat()
    return versions


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
            diags.append(
                Diagnostic(
                    "expr.unknown_indicator",
                    file,
                    *raw.item_pos[i],
                    {"name": key, "rule": rid, "suggestion": suggest(key, cat.indicators)},
                )
            )
    return tuple(raw)


def _check_confirm_read(rule: Rule, spec, file, cat, diags):
    """Each confirm_with indicator must be one the condition reads (as given_or(x, 0), say): an
    indicator that cannot change the outcome cannot confirm it."""
    if not rule.confirm_with or rule.cond_tree is None:
        return
    read = {key for key, _ in expr.indicator_refs(rule.cond_tree)}
    for i, key in enumerate(spec["confirm_with"]):
        if key not in read and key in cat.indicators:
            diags.append(
                Diagnostic(
                    "pack.confirm_unread", file, *spec["confirm_with"].item_pos[i], {"name": key, "rule": rule.id}
                )
            )


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
    unused = (
        set(rule.params)
        - expr.params_used(trees.get("condition") or expr.Bool(True))
        - expr.params_used(trees.get("applies_when") or expr.Bool(True))
    )
    if trees["condition"] is None or (rule.applies_when is not None and trees["applies_when"] is None):
        unused = set()  # unknowable while an expression does not parse
    for name in sorted(unused):
        diags.append(Diagnostic("pack.unused_param", rule.file, rule.line, None, {"name": name, "rule": rule.id}))
    return replace(rule, cond_tree=trees["condition"], app_tree=trees["applies_when"])


def expr_diagnostic(exc: expr.ExprError, text, rule: Rule, attr: str, line, col) -> Diagnostic:
    text = text if isinstance(text, str) else ""
    caret = " " * exc.pos + "^"
    return Diagnostic(
        exc.code,
        rule.file,
        line,
        (col + exc.pos) if col else None,
        {**exc.params, "rule": rule.id, "field": attr, "expr": text, "caret": caret, "pos": exc.pos},
    )


def _check_examples_shape(spec, file, rid, diags):
    examples = spec.get("examples")
    if not isinstance(examples, list):
        return
    expects = set()
    for i, ex in enumerate(examples):
        line, col = examples.item_pos[i]
        if (
            not isinstance(ex, YMap)
            or not isinstance(ex.get("indicators"), YMap)
            or ex.get("expect") not in STATUSES
            or not isinstance(ex.get("name"), str)
        ):
            diags.append(Diagnostic("pack.bad_example", file, line, col, {"rule": rid, "index": i}))
            continue
        expects.add(ex["expect"])
    if "pass" not in expects or not expects & {"fail", "warn", "missing"}:
        diags.append(Diagnostic("pack.examples_incomplete", file, *spec.pos("examples"), {"rule": rid}))


def _check_placeholders(rule: Rule, spec, file, diags):
    from string import Formatter  # imported here: `string` compiles a pattern at import

    for lang in ("zh", "en"):
        template = rule.expected.get(lang, "")
        try:
            names = {f for _, f, _, _ in Formatter().parse(template) if f}
        except ValueError:
            names = {"?"}
        for name in sorted(names - set(rule.params)):
            diags.append(
                Diagnostic("pack.unknown_placeholder", file, *spec.pos("expected"), {"name": name, "rule": rule.id})
            )


def indicators_read(rule: Rule):
    """The indicator keys ``rule`` reads (its condition's, then its applicability's), in order, with
    repeats (``dict.fromkeys`` them for a list)."""
    for tree in (rule.cond_tree, rule.app_tree):
        if tree is not None:
            yield from (k for k, _ in expr.indicator_refs(tree))
