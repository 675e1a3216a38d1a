"""fazhi serve in a real browser: headless Chromium (Debian's chromium, driven through Selenium by
Debian's chromium-driver; nothing is downloaded) through both journeys, a bad file, a zip bomb, an
upload over the limit, and a script in a region's name that must not run. Every wait is for
something the page shows (an element, a value, a file), never a pause.

The screenshots of each journey are written to artifacts/; with FAZHI_SCREENSHOTS=docs/img they
are written there too (the pictures docs/serve.md and the README show)."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SHARED, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="no chromium or chromedriver (Debian's chromium and chromium-driver)"
)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra: pip install '.[test]'")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from test_serve_load import Server  # noqa: E402

ARTIFACTS = ROOT / "artifacts"
SEEDS = sorted((SHARED / "seed").glob("*.txt")) if (SHARED / "seed").is_dir() else []
WAIT = 120  # the longest any one thing the page should show is waited for


@pytest.fixture(scope="module")
def server():
    running = Server("--max-upload", "1", "--max-files", "20")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never fetches a driver or a browser
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1280,1100",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def fresh_console(request):
    """Each test reads only its own page's console."""
    if "browser" in request.fixturenames:
        request.getfixturevalue("browser").get_log("browser")


def wait(driver, condition, what: str):
    return WebDriverWait(driver, WAIT).until(condition, message=what)


def shown(driver, selector: str):
    return wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, selector), selector)[0]


def console_problems(driver) -> list:
    """What the page's console says went wrong: a script error, a resource or a script the policy blocked."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def screenshot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    target = os.environ.get("FAZHI_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTIFACTS / f"{name}.png", Path(target) / f"{name}.png")


def open_page(driver, server, path: str):
    driver.get(server.url.rstrip("/") + path)
    wait(
        driver,
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready",
        "the page's own script ran (under the Content-Security-Policy)",
    )


def upload_file(driver, server, path: Path):
    open_page(driver, server, "/")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=file]").send_keys(str(path))
    driver.find_element(By.CSS_SELECTOR, "[data-testid=check]").click()


def findings_shown(driver) -> dict:
    out = {}
    for el in driver.find_elements(By.CSS_SELECTOR, "[data-testid=finding]"):
        message = el.find_element(By.CSS_SELECTOR, "[data-testid=message]").get_attribute("textContent")
        out[el.get_attribute("data-rule")] = (el.get_attribute("data-status"), message)
    return out


def cli_findings(path: Path, cwd: Path = ROOT) -> dict:
    result = json.loads(run_cli("check", str(path), "-f", "json", cwd=cwd).stdout)["results"][0]
    return {f["rule"]: (f["status"], f["message"]) for f in result["findings"]}


def no_alert(driver) -> bool:
    try:
        _ = driver.switch_to.alert  # raises where no alert is open
    except NoAlertPresentException:
        return True
    return False


# ---- the county's journey ---------------------------------------------------------------------------


def test_a_county_checks_corrects_and_downloads(browser, server, downloads):
    upload_file(browser, server, SAMPLES / "sheqi-2024.yaml")
    shown(browser, "[data-testid=headline]")
    assert findings_shown(browser) == cli_findings(SAMPLES / "sheqi-2024.yaml")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=headline]").get_attribute("data-status") == "fail"
    first = browser.find_element(By.CSS_SELECTOR, "[data-testid=problems] [data-testid=finding]")
    assert first.get_attribute("data-rule") == "REPT-003"
    assert "建议" in first.text and "依据" in first.text and "要求" in first.text
    screenshot(browser, "serve-county")
    # correct a figure and check again
    value = browser.find_element(By.NAME, "v:report.states_causes")
    value.clear()
    value.send_keys("是")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=recheck]").click()
    wait(
        browser,
        lambda d: (
            d.find_element(By.CSS_SELECTOR, '[data-testid=finding][data-rule="REPT-003"]').get_attribute("data-status")
            == "pass"
        ),
        "REPT-003 passes once the causes are stated",
    )
    corrected = findings_shown(browser)
    # the corrected submission downloads as YAML, and fazhi check reads in it what the page showed
    browser.find_element(By.CSS_SELECTOR, "[data-testid=download-yaml]").click()
    got = wait(browser, lambda d: [p for p in downloads.glob("*.yaml")], "the YAML downloaded")[0]
    assert cli_findings(got, cwd=downloads) == corrected
    # and as the Excel 填报表, and the one-region report
    browser.find_element(By.CSS_SELECTOR, "[data-testid=download-xlsx]").click()
    book = wait(browser, lambda d: list(downloads.glob("*.xlsx")), "the 填报表 downloaded")[0]
    assert cli_findings(book, cwd=downloads) == corrected
    browser.find_element(By.CSS_SELECTOR, "[data-testid=download-html]").click()
    report = wait(browser, lambda d: list(downloads.glob("*.html")), "the report downloaded")[0]
    assert 'data-testid="headline"' in report.read_text(encoding="utf-8")
    assert not console_problems(browser)


@pytest.mark.skipif(not SEEDS, reason="the seed report is not in ../shared/seed (read at test time, never copied)")
def test_a_report_shows_its_figures_beside_the_text(browser, server):
    upload_file(browser, server, SEEDS[0])
    shown(browser, "[data-testid=report-text]")
    assert findings_shown(browser) == cli_findings(SEEDS[0])
    marks = browser.find_elements(By.CSS_SELECTOR, "[data-testid=sentence]")
    assert marks
    link = browser.find_element(By.CSS_SELECTOR, "[data-testid=figure-source]")
    target = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    wait(
        browser,
        lambda d: (
            d.execute_script("return document.querySelector(':target') && document.querySelector(':target').id")
            == target
        ),
        "the figure's sentence is the page's target",
    )
    sentence = browser.find_element(By.ID, target).text
    row = link.find_element(By.XPATH, "ancestor::tr")
    source = row.find_element(By.CSS_SELECTOR, "input[name^='src:']").get_attribute("value")
    assert source in sentence
    browser.execute_script(
        "window.scrollTo(0, document.querySelector('.split').getBoundingClientRect().top + window.scrollY - 8)"
    )
    screenshot(browser, "serve-report")
    assert not console_problems(browser)


def test_a_bad_file_is_said_as_the_command_line_says_it(browser, server, tmp_path):
    bad = tmp_path / "坏的.yaml"
    bad.write_text(
        "region: 示例县\nyear: 2024\nindicators:\n  regulation.normative_docs_review_rate: [1, 2\n", encoding="utf-8"
    )
    upload_file(browser, server, bad)
    line = shown(browser, "[data-testid=error-line]").text
    errors = json.loads(run_cli("check", bad.name, "-f", "json", cwd=tmp_path).stdout)["results"][0]["errors"]
    assert line.splitlines()[0] == f"坏的.yaml:{errors[0]['line']}:{errors[0]['column']}: {errors[0]['message']}"
    assert "Traceback" not in browser.page_source


def test_an_upload_over_the_limit_is_refused_before_and_when_sent(browser, server, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (1024 * 1024 + 10))
    open_page(browser, server, "/")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=file]").send_keys(str(big))
    browser.find_element(By.CSS_SELECTOR, "[data-testid=check]").click()
    said = shown(browser, "[data-testid=upload-error]:not([hidden])")  # said at once: nothing was sent
    assert said.text.splitlines()[0] == "上传的内容超过上限 1 MB"
    assert browser.current_url.rstrip("/") == server.url.rstrip("/")
    # without the page's check (a browser without scripts), the server refuses it with the same words
    browser.execute_script("document.querySelector('[data-testid=county-form]').removeAttribute('data-max-bytes')")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=check]").click()
    line = shown(browser, "[data-testid=error] [data-testid=error-line]").text
    assert line.splitlines()[0] == "上传的内容超过上限 1 MB"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=error]").get_attribute("data-status") == "413"


def test_a_script_in_a_region_name_does_not_run(browser, server, tmp_path):
    region = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned2';alert(1)</script>县"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        f"region: {json.dumps(region, ensure_ascii=False)}\nyear: 2024\n"
        "indicators:\n  report.states_shortcomings: true\n",
        encoding="utf-8",
    )
    upload_file(browser, server, evil)
    assert shown(browser, "[data-testid=region]").text == region
    assert no_alert(browser) and "pwned" not in browser.title
    assert browser.execute_script("return document.querySelectorAll('img[src=x], main script').length") == 0
    # and on the assessor's page, in the ranking and the chart
    open_page(browser, server, "/score")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=files]").send_keys(f"{evil}\n{SAMPLES / 'sheqi-2024.yaml'}")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=score]").click()
    shown(browser, "[data-testid=ranking-table]")
    regions = [
        r.get_attribute("data-region") for r in browser.find_elements(By.CSS_SELECTOR, "[data-testid=ranking-row]")
    ]
    assert region in regions
    assert no_alert(browser) and "pwned" not in browser.title


# ---- the assessor's journey -------------------------------------------------------------------------

COHORT = ["sheqi-2024.yaml", "fictional-missed-rate.yaml", "fictional-missing.yaml", "fictional-inconsistent.yaml"]


def test_an_assessor_scores_a_zip_and_sees_the_ranking(browser, server, tmp_path, downloads):
    archive = tmp_path / "县区报送.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name in COHORT:
            z.write(SAMPLES / name, f"2024/{name}")
    open_page(browser, server, "/score")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=files]").send_keys(str(archive))
    browser.find_element(By.CSS_SELECTOR, "[data-testid=score]").click()
    table = shown(browser, "[data-testid=ranking-table]")  # the progress page reloads itself when done
    for name in COHORT:
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    ranking = json.loads(run_cli("score", *COHORT, "--format", "json", cwd=tmp_path).stdout)["ranking"]
    rows = [
        (r.get_attribute("data-region"), float(r.get_attribute("data-total")))
        for r in table.find_elements(By.CSS_SELECTOR, "[data-testid=ranking-row]")
    ]
    assert rows == [(r["region"], r["score"]) for r in ranking]
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-testid=chart] [data-testid=bar]")) == len(ranking)
    county = browser.find_element(By.CSS_SELECTOR, "[data-testid=county]")
    county.find_element(By.TAG_NAME, "summary").click()
    wait(
        browser,
        lambda d: county.find_elements(By.CSS_SELECTOR, "[data-testid=deduction]")[0].is_displayed(),
        "the first county's deductions open",
    )
    screenshot(browser, "serve-assessor")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=download-csv]").click()
    got = wait(browser, lambda d: [p for p in downloads.glob("*.csv")], "the CSV downloaded")[0]
    assert "社旗县" in got.read_text(encoding="utf-8-sig")
    assert not console_problems(browser)


def test_a_zip_bomb_is_refused_in_the_page(browser, server, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("report.txt", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MB of zeros: about 64 KB packed
                member.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    open_page(browser, server, "/score")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=files]").send_keys(str(bomb))
    browser.find_element(By.CSS_SELECTOR, "[data-testid=score]").click()
    line = shown(browser, "[data-testid=error-line]").text
    assert re.fullmatch(
        r"bomb\.zip: 压缩包中的 report\.txt 压缩了 [0-9]+ 倍，疑为压缩炸弹，未解压", line.splitlines()[0]
    ), line
    assert "Traceback" not in browser.page_source


def test_the_rules_are_browsed(browser, server):
    open_page(browser, server, "/rules?area=disputes")
    browser.find_element(By.CSS_SELECTOR, '[data-testid=rule-row][data-rule="DISP-001"] a').click()
    shown(browser, "[data-testid=examples]")
    assert (
        browser.find_element(By.CSS_SELECTOR, "[data-testid=condition]").text
        == "disputes.leader_court_attendance_rate >= min_rate"
    )
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=profile]").text == "national"
    screenshot(browser, "serve-rules")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=lang-switch]").click()
    wait(browser, lambda d: "Agency heads appear in court" in d.find_element(By.TAG_NAME, "h1").text, "English")
    open_page(browser, server, "/?lang=zh")
