#!/usr/bin/env python3
"""Verify the labelled extraction corpus in this directory.

For every ``*.labels.yaml`` next to this script:
  * the report file exists and decodes (UTF-8 or GBK text, HTML page, .docx);
  * region/year/published_on are well formed and the region is named in the text;
  * every indicator key exists in rules/catalogue/*.yaml and its value fits the unit
    (count/days/yuan: non-negative int; percent: 0-100; bool: true; date: ISO date);
  * every ``sentence`` (and every trap ``text``) is an exact substring of the visible text;
  * the labelled value can be read from its sentence (Arabic, full-width or Chinese numerals,
    亿/万元 amounts, 百分之百 / 全覆盖 as 100) -- a miss is reported as a warning, since a value may
    legitimately follow from wording such as 全部/均 (then the number must still appear); entries
    with a ``note`` explaining a derived value are exempt.

Usage: python tests/corpus/check_labels.py [-v]      exit status 1 if any error.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import yaml

HERE = Path(__file__).resolve().parent
CATALOGUE_DIR = HERE.parent.parent / "rules" / "catalogue"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr",
              "td", "th", "title", "header", "footer", "nav", "section", "article", "table"}


# --------------------------------------------------------------------------- text extraction
class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def decode_text(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gbk"), "gbk"


def visible_text(path: Path) -> tuple[str, str]:
    """Return (visible text, format description)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        with zipfile.ZipFile(path) as zf:
            root = ElementTree.fromstring(zf.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W_NS + "t")) for p in root.iter(W_NS + "p")]
        return "\n".join(paras), "docx"
    raw = path.read_bytes()
    if suffix in (".html", ".htm"):
        text, enc = decode_text(raw)
        parser = _VisibleText()
        parser.feed(text)
        parser.close()
        joined = "".join(parser.parts)
        lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in joined.split("\n")]
        return "\n".join(ln for ln in lines if ln), f"html/{enc}"
    text, enc = decode_text(raw)
    return text, f"txt/{enc}"


# --------------------------------------------------------------------------- number reading
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_to_int(s: str) -> int | None:
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch in _CN_BIG:
            total += (section + (digit or 0)) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def numbers_in(sentence: str) -> set[float]:
    s = sentence.translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．％"})
    found: set[float] = set()
    for m in re.finditer(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(亿|万)?", s):
        n = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        found.add(n)
        if m.group(3):
            found.add(n * _CN_BIG[m.group(3)])
    for m in re.finditer(r"[零〇一二两三四五六七八九十百千万亿]+", s):
        v = cn_to_int(m.group(0))
        if v is not None:
            found.add(float(v))
    if "百分之百" in s or "全覆盖" in s:
        found.add(100.0)
    if "未发生" in s or "未出现" in s:
        found.add(0.0)
    return {round(x, 6) for x in found}


# --------------------------------------------------------------------------- checks
def load_catalogue() -> dict[str, dict]:
    cat: dict[str, dict] = {}
    for f in sorted(CATALOGUE_DIR.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        cat.update(data.get("indicators") or {})
    return cat


def check_value(unit: str, value) -> str | None:
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if unit in ("count", "days", "yuan"):
        return None if is_int and value >= 0 else f"{unit} needs a non-negative int, got {value!r}"
    if unit == "percent":
        ok = (is_int or isinstance(value, float)) and 0 <= value <= 100
        return None if ok else f"percent needs a number 0-100, got {value!r}"
    if unit == "bool":
        return None if value is True else f"bool label should be true, got {value!r}"
    if unit == "date":
        return None if isinstance(value, dt.date) else f"date needs an ISO date, got {value!r}"
    return f"unknown unit {unit!r}"


def check_file(labels_path: Path, catalogue: dict, verbose: bool):
    errors: list[str] = []
    warnings: list[str] = []
    data = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return [f"{labels_path.name}: not a mapping"], [], None
    name = data.get("file")
    report = labels_path.parent / str(name)
    if not name or not report.is_file():
        return [f"{labels_path.name}: report file {name!r} missing"], [], None
    if labels_path.name != Path(name).stem + ".labels.yaml":
        warnings.append(f"labels file name does not match report {name}")
    try:
        text, fmt = visible_text(report)
    except Exception as exc:  # noqa: BLE001 - report any decoding failure as an error
        return [f"{labels_path.name}: cannot read {name}: {exc}"], [], None

    region, year = data.get("region"), data.get("year")
    if not isinstance(region, str) or region not in text:
        errors.append(f"region {region!r} not found in the text")
    if not (isinstance(year, int) and 2022 <= year <= 2025):
        errors.append(f"year {year!r} not an int in 2022-2025")
    elif str(year) not in text and "２０２" not in text:
        warnings.append(f"year {year} not written in Arabic digits in the text")
    pub = data.get("published_on")
    if pub is not None:
        if not isinstance(pub, dt.date):
            errors.append(f"published_on {pub!r} is not an ISO date")
        elif isinstance(year, int) and pub.year <= year:
            errors.append(f"published_on {pub} is not after the reported year {year}")

    indicators = data.get("indicators") or {}
    approx = 0
    for key, entry in indicators.items():
        where = f"{key}"
        if key not in catalogue:
            errors.append(f"{where}: key not in catalogue")
            continue
        if not isinstance(entry, dict) or "value" not in entry or "sentence" not in entry:
            errors.append(f"{where}: needs {{value, sentence}}")
            continue
        extra = set(entry) - {"value", "sentence", "approx", "note"}
        if extra:
            errors.append(f"{where}: unexpected fields {sorted(extra)}")
        unit = catalogue[key].get("unit")
        problem = check_value(unit, entry["value"])
        if problem:
            errors.append(f"{where}: {problem}")
        if "approx" in entry:
            if entry["approx"] is not True:
                errors.append(f"{where}: approx must be true when present")
            approx += 1
        sentence = entry["sentence"]
        if not isinstance(sentence, str) or not sentence:
            errors.append(f"{where}: empty sentence")
        elif sentence not in text:
            errors.append(f"{where}: sentence not in text: {sentence!r}")
        elif unit in ("count", "percent", "yuan", "days") and not problem and "note" not in entry:
            if round(float(entry["value"]), 6) not in numbers_in(sentence):
                warnings.append(f"{where}: value {entry['value']} not readable from {sentence!r}")

    traps = data.get("not_indicators") or []
    for trap in traps:
        if not isinstance(trap, dict) or not trap.get("text") or not trap.get("why"):
            errors.append(f"trap needs text and why: {trap!r}")
        elif trap["text"] not in text:
            errors.append(f"trap text not in text: {trap['text']!r}")
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    summary = (name, fmt, region, year, len(indicators), approx, len(traps), cjk)
    return errors, warnings, summary


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    catalogue = load_catalogue()
    if not catalogue:
        print(f"no catalogue found under {CATALOGUE_DIR}")
        return 1
    files = sorted(HERE.glob("*.labels.yaml"))
    n_err = n_warn = 0
    rows = []
    for lf in files:
        errors, warnings, summary = check_file(lf, catalogue, verbose)
        for e in errors:
            print(f"ERROR   {lf.name}: {e}")
        for w in warnings:
            print(f"WARNING {lf.name}: {w}")
        n_err += len(errors)
        n_warn += len(warnings)
        if summary:
            rows.append(summary)
    print()
    print(f"{'report':28} {'format':10} {'region':8} {'year':>4} {'labels':>6} {'approx':>6} "
          f"{'traps':>5} {'CJK':>5}")
    for name, fmt, region, year, n, ap, tr, cjk in rows:
        print(f"{name:28} {fmt:10} {region:8} {year:>4} {n:>6} {ap:>6} {tr:>5} {cjk:>5}")
    print(f"\n{len(files)} labels files, {sum(r[4] for r in rows)} labelled indicators, "
          f"{sum(r[6] for r in rows)} traps; {n_err} errors, {n_warn} warnings")
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
