"""The report in a real browser at a phone's width, and bidirectional text (issue 11, item 3).

Selenium drives Debian's ``chromium`` with ``chromium-driver`` (installed by
``.ci/run``); without them the tests skip with the reason, unless
``SELECTION_REQUIRE_BROWSER=1`` turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import selection
from selection.report import write_report

PRODUCERS = selection.example_producers_path()
GRID = selection.example_grid_path()
MEMBERS = [str(p) for p in selection.example_members_paths()]


def _unavailable(reason: str) -> None:
    if os.environ.get("SELECTION_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SELECTION_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable('selenium is not installed (pip install -e ".[test]")')
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (Path(chromium).exists() and Path(driver_path).exists()):
        _unavailable("chromium and chromium-driver are not installed (apt-get install)")
    options = Options()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    return write_report(folder / "rapport.html", PRODUCERS, GRID, members=MEMBERS, samples=300)


def widths(browser: Any) -> tuple[int, int]:
    return browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )


def test_at_390_px_the_page_does_not_scroll_sideways(browser: Any, report: Path) -> None:
    browser.set_window_size(390, 844)
    browser.get(report.as_uri())
    scroll, inner = widths(browser)
    assert scroll <= inner, f"the page is {scroll}px wide in a {inner}px window"
    header = browser.execute_script(
        "return document.querySelector('header').getBoundingClientRect().height;"
    )
    assert header < 900, f"the header takes {header}px"
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")
    scroll, inner = widths(browser)
    assert scroll <= inner, "opening the criterion details made the page scroll sideways"
    artefacts = os.environ.get("SELECTION_TEST_ARTEFACTS")
    if artefacts:
        Path(artefacts).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(artefacts) / "report-390px.png"))


def test_a_right_to_left_override_in_a_name_stays_in_its_cell(
    browser: Any, tmp_path: Path
) -> None:
    """U+202E in a producer's name must not reverse the names that follow it."""
    table = pd.read_csv(PRODUCERS, sep=";", dtype=str, keep_default_na=False)
    table.loc[0, "name"] = "Ferme \u202eénuL"
    page = write_report(tmp_path / "bidi.html", table, GRID, samples=100)
    browser.set_window_size(1280, 900)
    browser.get(page.as_uri())
    isolated = browser.execute_script(
        "return [...document.querySelectorAll('#ranking-table .pname')]"
        ".every(e => e.getAttribute('dir') === 'auto' || e.closest('bdi'));"
    )
    assert isolated
    second = table.loc[1, "producer_id"]
    text = browser.execute_script(
        f"return document.querySelector('tr[data-producer=\"{second}\"] .pid').innerText;"
    )
    assert text == second


@pytest.fixture(scope="module")
def montpellier_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped Montpellier example: 40 places, judged criteria, tiers, 60 members."""
    from selection.examples import (
        montpellier_grid_path,
        montpellier_judgments_path,
        montpellier_members_path,
        montpellier_places_path,
    )

    folder = tmp_path_factory.mktemp("montpellier")
    return write_report(
        folder / "rapport.html",
        montpellier_places_path(),
        montpellier_grid_path(),
        judgments=montpellier_judgments_path(),
        members=[montpellier_members_path()],
        samples=300,
    )


def test_the_report_of_the_sixty_member_example_fits_390_px(
    browser: Any, montpellier_report: Path
) -> None:
    # Issue 13: "the report of the 60-member example read in a browser at 390 px without
    # sideways scrolling", with every folded part (criterion detail, merit profiles) open.
    browser.set_window_size(390, 844)
    browser.get(montpellier_report.as_uri())
    text = browser.find_element("tag name", "body").text
    assert "60 membres ont donné leurs poids" in text, "the committee of sixty is not in it"
    scroll, inner = widths(browser)
    assert scroll <= inner, f"the page is {scroll}px wide in a {inner}px window"
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")
    scroll, inner = widths(browser)
    assert scroll <= inner, f"opened, the page is {scroll}px wide in a {inner}px window"
    artefacts = os.environ.get("SELECTION_TEST_ARTEFACTS")
    if artefacts:
        Path(artefacts).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(artefacts) / "report-montpellier-390px.png"))
