"""The self-contained HTML report of a scored cohort (``fazhi score --html``), and how Chromium renders it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import console_errors, headless, needs_chromium

from checker.score.html import render_html
from checker.score.model import AreaScore, Bonus, Change, CohortReport, CountyScore, FileError, ItemScore, Veto, Worse

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
HOSTILE = "<script>alert(1)</script>"

AREAS = (  # key, code, name, points
    ("leadership", "LEAD", {"zh": "党的领导与推进机制", "en": "Leadership and promotion mechanisms"}, 20.0),
    ("regulation", "RULE", {"zh": "依法行政制度体系", "en": "Normative documents"}, 20.0),
    ("decisions", "DECI", {"zh": "行政决策制度体系", "en": "Major administrative decisions"}, 15.0),
    ("enforcement", "ENFO", {"zh": "行政执法工作体系", "en": "Administrative enforcement"}, 20.0),
    ("disputes", "DISP", {"zh": "矛盾纠纷化解", "en": "Dispute resolution"}, 15.0),
    ("digital", "DIGI", {"zh": "科技保障与数字政府", "en": "Digital government"}, 10.0),
)
BANDS = (
    ("excellent", {"zh": "优秀", "en": "Excellent"}, 90.0),
    ("good", {"zh": "良好", "en": "Good"}, 80.0),
    ("fair", {"zh": "一般", "en": "Fair"}, 60.0),
    ("poor", {"zh": "较差", "en": "Poor"}, 0.0),
)


def _zh_en(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def _areas(deductions: dict, not_applicable: tuple = ()) -> tuple:
    return tuple(
        AreaScore(
            key, code, name, pts, deductions.get(key, 0.0), pts - deductions.get(key, 0.0), key not in not_applicable
        )
        for key, code, name, pts in AREAS
    )


def _item(rule: str, area: str, status: str, deduction: float, zh: str, en: str, strength: str = "law") -> ItemScore:
    return ItemScore(
        rule=rule,
        area=area,
        title=_zh_en(zh, en),
        status=status,
        deduction=deduction,
        reason=_zh_en(f"读取值不达标：{zh}", f"value does not meet: {en}"),
        expected=_zh_en("100%", "100%"),
        basis="《法治政府建设实施纲要（2021—2025年）》",
        strength=strength,
    )


def _county(rank, region, total, grade, deductions, items=(), **kw) -> CountyScore:
    names = {k: n for k, n, _ in BANDS}
    return CountyScore(
        file=f"submissions/{rank}.yaml",
        region=region,
        year=2024,
        total=total,
        base=kw.pop("base", total),
        grade=grade,
        grade_name=names[grade],
        areas=_areas(deductions, kw.pop("not_applicable", ())),
        items=items,
        rank=rank,
        **kw,
    )


def cohort() -> CohortReport:
    ok = ItemScore(
        "LEAD-001",
        "leadership",
        _zh_en("主要负责人述法", "Leaders report"),
        "pass",
        0.0,
        _zh_en("已述法", "done"),
        _zh_en("开展述法", "report"),
        "中办发〔2016〕71号",
    )
    counties = (
        _county(
            1,
            "社旗县",
            95.5,
            "excellent",
            {"digital": 1.5},
            (
                ok,
                _item(
                    "DIGI-001",
                    "digital",
                    "warn",
                    0.0,
                    "政务服务事项网上可办率",
                    "Services available online",
                    "practice",
                ),
            ),
            base=93.5,
            bonus=2.0,
            bonus_items=(
                Bonus(_zh_en("省级法治政府建设示范地区（项目）", "Provincial demonstration"), 1.0),
                Bonus(_zh_en("经验做法被上级推广（每次）", "Practice promoted"), 1.0),
            ),
            change=Change(2023, 91.0, _zh_en("优秀", "Excellent"), 4.5),
        ),
        _county(
            2,
            "唐河县",
            84.0,
            "good",
            {"regulation": 10.0, "enforcement": 6.0},
            (
                _item(
                    "RULE-001", "regulation", "fail", 6.0, "规范性文件合法性审核率", "Legality review rate", "central"
                ),
                _item("ENFO-002", "enforcement", "missing", 6.0, "重大执法决定法制审核率", "Major decision review"),
            ),
            change=Change(
                2023,
                88.25,
                _zh_en("良好", "Good"),
                -4.25,
                worse=(
                    Worse(
                        "regulation.review_rate",
                        _zh_en("规范性文件审核率", "Review rate"),
                        95.4545,
                        70,
                        "percent",
                        "higher",
                        {"zh": ("95.45%", "70%"), "en": ("95.45%", "70%")},
                    ),
                    Worse(
                        "disputes.cases_lost",
                        _zh_en("行政诉讼败诉数", "Cases lost"),
                        3,
                        5,
                        "count",
                        "lower",
                        {"zh": ("3", "5"), "en": ("3", "5")},
                    ),
                ),
            ),
        ),
        _county(
            3,
            HOSTILE,
            72.0,
            "fair",
            {"disputes": 15.0, "decisions": 13.0},
            (
                _item("DISP-004", "disputes", "fail", 15.0, "生效行政裁判履行", "Court judgments performed"),
                _item("DECI-001", "decisions", "error", 13.0, "重大行政决策目录公开", "Decision catalogue"),
            ),
            vetoes=(
                Veto(
                    "no_excellent",
                    _zh_en("生效行政裁判履行情况不达标（一票否优）", "Court judgments not performed (no 'excellent')"),
                    "DISP-004",
                ),
            ),
            not_applicable=("digital",),
            change=Change(2023, 72.0, _zh_en("一般", "Fair"), 0.0),
        ),
        _county(
            4,
            "方城县",
            41.5,
            "poor",
            {"leadership": 20.0, "regulation": 18.5, "enforcement": 20.0},
            (_item("LEAD-009", "leadership", "fail", 20.0, "考核材料真实性", "Truthful material", ""),),
            vetoes=(Veto("lowest", _zh_en("考核材料弄虚作假（一票否决）", "Falsified assessment material (veto)")),),
        ),
    )
    return CohortReport(
        scheme="test",
        scheme_name=_zh_en("测试评分方案（虚构）", "Test scheme (fictional)"),
        bands=BANDS,
        areas=AREAS,
        counties=counties,
        errors=(FileError("submissions/broken.yaml", ("submissions/broken.yaml:3:5: 缩进错误 <b>",)),),
    )


# ---------------------------------------------------------------- the HTML text


def test_deterministic():
    report = cohort()
    assert render_html(report) == render_html(cohort())
    assert render_html(report, "en") == render_html(cohort(), "en")
    assert render_html(report).encode("utf-8") == render_html(report).encode("utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_network_resources(lang):
    page = render_html(cohort(), lang)
    assert "http://" not in page and "https://" not in page
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"<(link|img|iframe|object|embed|audio|video|source)\b", page)
    for ref in re.findall(r"""\b(?:src|href|xlink:href|action)\s*=\s*["']?([^"'\s>]*)""", page):
        assert ref.startswith("#"), ref
    assert re.search(r"""<meta http-equiv="Content-Security-Policy" content="default-src 'none';""", page)


def test_contents():
    page = render_html(cohort())
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page and "测试评分方案（虚构）" in page
    for region, score in (("社旗县", "95.50"), ("唐河县", "84.00"), ("&lt;script&gt;", "72.00"), ("方城县", "41.50")):
        assert region in page and f"<b>{score}</b>" in page
    assert page.count('data-testid="ranking-row"') == 4
    assert page.count('data-testid="area-profile"') == 4 and page.count('data-testid="score-bar"') == 4
    assert "▲ +4.50" in page and "▼ −4.25" in page and "＝ 0.00" in page
    assert (
        '<td class="n">95.45%</td><td class="n">70%</td>' in page  # worse indicators, in their unit
        and "行政诉讼败诉数" in page
        and '<td class="n">3</td><td class="n">5</td>' in page
    )
    assert "一票否决" in page and "一票否优" in page and "经验做法被上级推广" in page
    assert "政务服务事项网上可办率" in page and "主要负责人述法" not in page  # warn shown, pass not
    assert "submissions/broken.yaml:3:5" in page and "@page{size:A4;margin:15mm}" in page


ROW = re.compile(r'<tr data-testid="issue-row"><td class="nw"><code>([^<]*)</code>.*?<td class="nw">([^<]*)</td></tr>')


@pytest.mark.parametrize(
    "lang,labels",
    [
        (
            "zh",
            {
                "DIGI-001": "工作目标（非约束性）",
                "RULE-001": "中央文件",
                "ENFO-002": "法律法规",
                "DISP-004": "法律法规",
                "DECI-001": "法律法规",
                "LEAD-009": "",
            },
        ),
        (
            "en",
            {
                "DIGI-001": "target (non-binding)",
                "RULE-001": "central document",
                "ENFO-002": "law or regulation",
                "DISP-004": "law or regulation",
                "DECI-001": "law or regulation",
                "LEAD-009": "",
            },
        ),
    ],
)
def test_each_deduction_says_the_binding_force_of_its_basis(lang, labels):
    """In every county's detail, beside the basis: 法律法规 / 中央文件 / 工作目标（非约束性）…, in the page's
    language; an item that does not say its binding force (a hand-built one) shows none rather than a guess."""
    page = render_html(cohort(), lang)
    assert ("<th>约束力</th>" if lang == "zh" else "<th>binding force</th>") in page
    assert dict(ROW.findall(page)) == labels


def test_escaping():
    page = render_html(cohort())
    assert HOSTILE not in page and "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "缩进错误 &lt;b&gt;" in page
    assert page.count("<script>") == 1  # only the page's own


def test_english():
    page = render_html(cohort(), "en")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for heading in (
        "Ranking",
        "Total scores",
        "Score by area",
        "Deductions and unmet requirements",
        "Indicators worse than last year",
        "Files that could not be scored",
        "Test scheme (fictional)",
    ):
        assert heading in page
    assert "排名" not in page and "Excellent" in page


def test_empty_cohort():
    page = render_html(CohortReport("test", _zh_en("空", "empty"), BANDS, AREAS))
    assert 'data-testid="ranking-table"' in page and 'data-testid="ranking-row"' not in page


# ---------------------------------------------------------------- headless Chromium


def _write(tmp_path: Path, html: str, name: str = "report.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chromium_dom(tmp_path, lang):
    run = headless(_write(tmp_path, render_html(cohort(), lang)), "--dump-dom")
    dom = run.stdout
    assert run.returncode == 0, run.stderr[-2000:]
    assert 'data-ready="1"' in dom, "the page's script did not run"
    assert 'data-errors="0"' in dom, re.findall(r'data-error-log="[^"]*"', dom)
    assert 'data-rows="4"' in dom and dom.count('data-testid="ranking-row"') == 4
    assert re.search(r'<table data-testid="ranking-table"', dom)
    assert re.search(r'<svg data-testid="score-chart"[^>]*>.*?<rect', dom, re.S)
    assert len(re.findall(r'<svg data-testid="area-profile"', dom)) == 4
    assert "<script>alert(1)" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert not console_errors(run.stderr)


@needs_chromium
def test_chromium_catches_errors(tmp_path):
    """The error hook is not vacuous: a foreign script and an external image are blocked and recorded."""
    html = render_html(cohort()).replace(
        "</main>", '<img src="https://example.invalid/x.png"><script>undefinedFunction()</script></main>'
    )
    run = headless(_write(tmp_path, html), "--dump-dom")
    errors = re.search(r'data-errors="(\d+)"', run.stdout)
    assert errors and int(errors.group(1)) >= 2, run.stdout[:500]
    assert "CSP" in run.stdout
    assert console_errors(run.stderr)


@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chromium_screenshot(tmp_path, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / f"score-report-{lang}.png"
    png.unlink(missing_ok=True)
    html = render_html(cohort(), lang)
    (ARTIFACTS / f"score-report-{lang}.html").write_text(html, encoding="utf-8")
    run = headless(_write(tmp_path, html), f"--screenshot={png}", "--window-size=1280,2000")
    assert png.exists(), run.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert not console_errors(run.stderr)
