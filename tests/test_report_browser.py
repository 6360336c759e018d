"""The report page in a real browser: Debian's chromium driven by selenium + chromium-driver,
against the app served over HTTP (the ``skill_url`` fixture).

``make test`` installs chromium and sets REPORT_BROWSER_REQUIRED=1, so a missing browser
fails the run there; a plain ``pytest`` on a machine without chromium skips these tests.
The screenshot goes to test-artifacts/report.png (git-ignored); its path is printed.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from devkit import envelopes as env
from devkit.envelopes import TestClock
from skill.episodes.store import Store
from tests.report_helpers import ask_for_code, pdf_pages, seed_diary

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WAIT_SECONDS = 20


def _browser_missing() -> bool:
    return not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER))


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(downloads: Path) -> Iterator[webdriver.Chrome]:
    if _browser_missing():
        if os.environ.get("REPORT_BROWSER_REQUIRED"):
            pytest.fail(f"chromium or chromedriver missing ({CHROMIUM}, {CHROMEDRIVER})")
        pytest.skip("chromium and chromium-driver are not installed (make test installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--disable-gpu", "--window-size=1280,1600", "--no-first-run"):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "plugins.always_open_pdf_externally": True,
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(WAIT_SECONDS)
    yield driver
    driver.quit()


@pytest.fixture
def base_url(skill_url: str) -> str:
    return skill_url.removesuffix("/alexa")


@pytest.fixture
def user(store: Store) -> str:
    key = store.user_key(env.USER_ID)
    seed_diary(store, key)
    return key


def _enter_code(driver: webdriver.Chrome, base_url: str, code: str) -> None:
    driver.get(f"{base_url}/report")
    field = driver.find_element(By.ID, "code")
    field.clear()
    field.send_keys(code)
    driver.find_element(By.ID, "open").click()
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: d.find_elements(By.ID, "log-table") or d.find_elements(By.ID, "message")
    )


def _refused(driver: webdriver.Chrome) -> bool:
    return bool(driver.find_elements(By.ID, "message")) and not driver.find_elements(
        By.ID, "log-table"
    )


def _csp_violations(driver: webdriver.Chrome) -> list[str]:
    try:
        entries = driver.get_log("browser")
    except WebDriverException:
        return []
    return [e["message"] for e in entries if "Content Security Policy" in e.get("message", "")]


def _wait_for_download(folder: Path, suffix: str) -> Path:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} download in {WAIT_SECONDS} s: {list(folder.iterdir())}")


def test_the_report_renders_and_its_pdf_downloads(
    browser: webdriver.Chrome,
    base_url: str,
    client: FlaskClient,
    user: str,
    downloads: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _enter_code(browser, base_url, ask_for_code(client))
    assert browser.current_url == f"{base_url}/report/view"  # no user id in the URL
    rows = browser.find_elements(By.CSS_SELECTOR, "#log-table tbody tr")
    assert len(rows) == 9
    assert "not medical advice" in browser.find_element(By.ID, "notice").text
    heat_cells = browser.find_elements(By.CSS_SELECTOR, "#heat-map rect.day")
    assert len(heat_cells) >= 7 * 11
    assert browser.find_elements(By.CSS_SELECTOR, "#heat-map rect.l2")  # two twitches on a day
    bar = browser.find_element(By.CSS_SELECTOR, "#regions-chart rect.bar")
    assert bar.size["width"] > 0  # drawn, and styled by the external stylesheet
    assert _csp_violations(browser) == []

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 0
    with capsys.disabled():
        sys.stdout.write(f"\nreport screenshot: {shot}\n")

    browser.find_element(By.ID, "pdf-link").click()
    pdf = _wait_for_download(downloads, ".pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(pdf) >= 1


def test_an_invalid_code_is_refused(
    browser: webdriver.Chrome, base_url: str, client: FlaskClient, user: str
) -> None:
    code = ask_for_code(client)
    wrong = f"{(int(code) + 1) % 10 ** len(code):0{len(code)}d}"
    _enter_code(browser, base_url, wrong)
    assert _refused(browser)
    browser.get(f"{base_url}/report/view")
    assert not browser.find_elements(By.ID, "log-table")


def test_an_expired_code_is_refused(
    browser: webdriver.Chrome, base_url: str, client: FlaskClient, clock: TestClock, user: str
) -> None:
    code = ask_for_code(client)
    clock.advance(minutes=16)
    _enter_code(browser, base_url, code)
    assert _refused(browser)


def test_a_used_code_is_refused(
    browser: webdriver.Chrome, base_url: str, client: FlaskClient, user: str
) -> None:
    code = ask_for_code(client)
    _enter_code(browser, base_url, code)
    assert browser.find_elements(By.ID, "log-table")
    browser.delete_all_cookies()
    _enter_code(browser, base_url, code)
    assert _refused(browser)


@pytest.fixture
def other_site(base_url: str) -> Iterator[str]:
    """Another origin (a second port) whose page holds a form that posts to /report."""
    form = (
        f'<form method="post" action="{base_url}/report"><input name="code" id="code">'
        '<button id="open">Go</button></form>'
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(form)))
            self.end_headers()
            self.wfile.write(form)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)
    server.server_close()


def test_a_form_on_another_site_cannot_post_a_code(
    browser: webdriver.Chrome, base_url: str, other_site: str, client: FlaskClient, user: str
) -> None:
    code = ask_for_code(client)
    browser.get(other_site)
    browser.find_element(By.ID, "code").send_keys(code)
    browser.find_element(By.ID, "open").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: d.find_elements(By.ID, "message"))
    assert "only works from the report page" in browser.find_element(By.ID, "message").text
    assert not browser.get_cookies()  # no report session was opened for this browser
    _enter_code(browser, base_url, code)  # the code was not spent: from the page it works
    assert browser.find_elements(By.ID, "log-table")


def test_a_long_code_typed_as_the_card_shows_it_opens_the_report(
    browser: webdriver.Chrome, base_url: str, client: FlaskClient, user: str
) -> None:
    ask_for_code(client)
    code = ask_for_code(client)  # asked again with the first unused: the long kind
    assert len(code) == 16
    _enter_code(browser, base_url, " ".join(code[i : i + 4] for i in range(0, 16, 4)))
    assert browser.find_elements(By.ID, "log-table")  # the form's pattern let it through
