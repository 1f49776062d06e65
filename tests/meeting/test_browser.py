"""The meeting page in a real browser: Selenium drives Debian's chromium, headless.

Everything goes through the page's contract (see :mod:`selection.meeting`): the
sliders are set by their ``name`` in points, with ``input`` and ``change``
events; the rows' ``data-rank``, ``data-score`` and ``data-selected`` are read
back and compared with :func:`selection.rank` and
:meth:`selection.Ranking.decisions` (scores to 1e-9, ranks and the selected
set exactly). The page's arithmetic is also compared over several hundred
weightings in one page load, through its test hook
(``window.selectionMeeting.evaluateMany``): the page computes, Python checks;
nothing is computed twice in the test.

Without selenium, chromium or chromium-driver the tests are skipped with the
reason, unless ``SELECTION_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the
skip into a failure. Screenshots and the measurements (largest differences,
page size, times) are kept in ``$SELECTION_TEST_ARTEFACTS`` when set, else in
pytest's temporary folder (``meeting-artefacts``).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import selection
from selection.committee import aggregate, load_members
from selection.engines import Normalization
from selection.grid import Grid
from selection.meeting import write_meeting
from selection.meeting.data import SCALE, page_points
from selection.meeting.words import templates
from selection.sensitivity import tier_intervals, weight_intervals

from .conftest import (
    CLOSED_TIERS_YAML,
    FULL_RULE,
    GRID,
    MEMBERS,
    PRODUCERS,
    positive_problem,
    random_points,
    strict_grid,
    tiered_grid,
)

#: Where Debian puts its browser and its driver, should they not be on the PATH.
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
DEBIAN_CHROMEDRIVER = Path("/usr/bin/chromedriver")

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
]

#: Weightings set through the sliders, per method; weightings given to the test hook, per page
#: (several hundred for the shipped example, fewer for the stricter rule that adds min_score);
#: weightings per normalization.
THROUGH_SLIDERS = 25
THROUGH_HOOK = {
    "wsm": 300,
    "topsis": 300,
    "wsm-full": 100,
    "topsis-full": 100,
    "tiers-wsm": 300,
    "tiers-topsis": 300,
    "tiers-closed": 200,
}
PER_NORMALIZATION = 15

MEASURED: dict[str, Any] = {}


def _unavailable(reason: str) -> None:
    if os.environ.get("SELECTION_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SELECTION_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _browser_parts() -> tuple[str, str]:
    """Chromium's and chromium-driver's paths, after checking that selenium is there."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        _unavailable(
            "selenium is not installed, so the meeting page was not driven in a real browser "
            '(pip install -e ".[test]")'
        )
    chromium = shutil.which("chromium") or (
        str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None
    )
    driver = shutil.which("chromedriver") or (
        str(DEBIAN_CHROMEDRIVER) if DEBIAN_CHROMEDRIVER.exists() else None
    )
    if chromium is None:
        _unavailable(
            "chromium is not installed, so the meeting page was not driven in a real browser "
            "(Debian: apt-get install chromium chromium-driver)"
        )
    if driver is None:
        _unavailable(
            "chromium-driver is not installed, so the meeting page was not driven in a real "
            "browser (Debian: apt-get install chromium-driver)"
        )
    assert chromium is not None and driver is not None
    return chromium, driver


def test_without_the_browser_the_tests_skip_unless_required(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(sys.modules[__name__], "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("SELECTION_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not driven in a real browser"):
        _browser_parts()
    monkeypatch.setenv("SELECTION_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="SELECTION_REQUIRE_BROWSER=1"):
        _browser_parts()


# -- the browser and the pages -------------------------------------------------------------------


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("SELECTION_TEST_ARTEFACTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("meeting-artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    (folder / "measurements.json").write_text(
        json.dumps(MEASURED, indent=2, sort_keys=True), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium, driver_path = _browser_parts()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_window_size(1280, 900)
    started = time.perf_counter()
    yield driver
    MEASURED["browser_seconds"] = round(time.perf_counter() - started, 1)
    driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pages under test, written once: the shipped example, a stricter rule, tiers."""
    folder = tmp_path_factory.mktemp("meeting-pages")
    full = strict_grid(**FULL_RULE)
    tiers, closed = tiered_grid(), tiered_grid(CLOSED_TIERS_YAML)
    made = {
        "wsm": write_meeting(folder / "wsm.html", PRODUCERS, GRID, members=MEMBERS, lang="fr"),
        "topsis": write_meeting(
            folder / "topsis.html", PRODUCERS, GRID, members=MEMBERS, method="topsis", lang="en"
        ),
        "wsm-full": write_meeting(folder / "wsm-full.html", PRODUCERS, full, lang="fr"),
        "topsis-full": write_meeting(
            folder / "topsis-full.html", PRODUCERS, full, method="topsis", lang="fr"
        ),
        "tiers-wsm": write_meeting(folder / "tiers-wsm.html", PRODUCERS, tiers, lang="fr"),
        "tiers-topsis": write_meeting(
            folder / "tiers-topsis.html", PRODUCERS, tiers, method="topsis", lang="en"
        ),
        "tiers-closed": write_meeting(folder / "tiers-closed.html", PRODUCERS, closed, lang="en"),
    }
    MEASURED["page_kB"] = round(made["wsm"].stat().st_size / 1000, 1)
    return made


SOURCES: dict[str, tuple[Any, str]] = {
    "wsm": (GRID, "wsm"),
    "topsis": (GRID, "topsis"),
    "wsm-full": (FULL_RULE, "wsm"),
    "topsis-full": (FULL_RULE, "topsis"),
    "tiers-wsm": (tiered_grid, "wsm"),
    "tiers-topsis": (tiered_grid, "topsis"),
    "tiers-closed": (lambda: tiered_grid(CLOSED_TIERS_YAML), "wsm"),
}

#: Each page's language.
LANGS = {"topsis": "en", "tiers-topsis": "en", "tiers-closed": "en"}


def problem(name: str) -> selection.Prepared:
    rule, method = SOURCES[name]
    grid = strict_grid(**rule) if isinstance(rule, dict) else rule() if callable(rule) else rule
    return selection.prepare(PRODUCERS, grid, method=method)


def open_page(browser: Any, path: Path) -> None:
    browser.get(path.as_uri())
    deadline = time.monotonic() + 20
    while not browser.execute_script("return !!window.selectionMeeting"):
        assert time.monotonic() < deadline, "the page's script did not start"
        time.sleep(0.05)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


SET = """
const [points] = arguments;
for (const [key, value] of Object.entries(points)) {
  const slider = document.querySelector(`input[type="range"][name="${CSS.escape(key)}"]`);
  slider.value = String(value);
  slider.dispatchEvent(new Event("input", {bubbles: true}));
  slider.dispatchEvent(new Event("change", {bubbles: true}));
}
return Object.fromEntries(
  [...document.querySelectorAll('input[type="range"]')].map((s) => [s.name, Number(s.value)]));
"""

ROWS = """
return [...document.querySelectorAll("tr[data-producer]")].map((row) => ({
  id: row.dataset.producer, rank: row.dataset.rank, score: row.dataset.score,
  selected: row.dataset.selected, eligible: row.dataset.eligible,
  tier: row.dataset.tier === undefined ? null : row.dataset.tier,
  why: row.querySelector(".why").textContent}));
"""


def tier_column(decisions: Any) -> dict[str, str] | None:
    """Producer id → its tier label ("" for none), or None without tiers."""
    if "tier" not in decisions:
        return None
    return {
        str(pid): "" if pd.isna(tier) else str(tier) for pid, tier in decisions["tier"].items()
    }


def set_sliders(browser: Any, points: dict[str, float]) -> dict[str, float]:
    """Set the sliders through the contract; the values the page holds, read back."""
    held: dict[str, float] = browser.execute_script(SET, points)
    return held


def compare_rows(
    rows: list[dict[str, str]], prepared: selection.Prepared, ranking: selection.Ranking
) -> float:
    """Rows against Python's ranking and decisions; the largest score difference.

    With tiers, each row's ``data-tier`` is the decisions' ``tier`` ("" for none).
    """
    table = ranking.table
    decisions = ranking.decisions(lang=ranking.lang).table
    assert [r["id"] for r in rows] == [str(i) for i in table.index], "rows out of rank order"
    tiers = tier_column(decisions)
    worst = 0.0
    for row in rows:
        pid = row["id"]
        assert row["tier"] == (None if tiers is None else tiers[pid]), pid
        if not table.loc[pid, "eligible"]:
            assert (row["rank"], row["score"], row["selected"]) == ("", "", "false")
            continue
        worst = max(worst, abs(float(row["score"]) - float(table.loc[pid, "score"])))
        assert int(row["rank"]) == int(table.loc[pid, "rank"]), pid
        expected = decisions.loc[pid, "decision"] == "selected"
        assert row["selected"] == ("true" if expected else "false"), pid
        assert row["why"] == decisions.loc[pid, "reason"], pid
    assert worst <= 1e-9
    return worst


# -- the arithmetic, through the sliders and through the test hook ------------------------------


@pytest.mark.parametrize("name", ["wsm", "topsis", "tiers-wsm", "tiers-topsis"])
def test_random_weightings_set_through_the_sliders_give_python_s_ranking(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """Ranks, scores, selection and reasons; with tiers, each row's tier too (compare_rows)."""
    prepared = problem(name)
    open_page(browser, pages[name])
    keys: list[str] = browser.execute_script("return window.selectionMeeting.keys")
    rng = np.random.default_rng(2024)
    lang = LANGS.get(name, "fr")
    worst = 0.0
    started = time.perf_counter()
    seen = set()
    for _ in range(THROUGH_SLIDERS):
        held = set_sliders(browser, random_points(keys, prepared.grid, rng))
        ranking = selection.rank(prepared, weights=held, lang=lang)
        rows = browser.execute_script(ROWS)
        worst = max(worst, compare_rows(rows, prepared, ranking))
        seen.add(tuple((r["tier"], r["selected"]) for r in rows))
    assert len(seen) > THROUGH_SLIDERS // 2, "the weightings hardly changed anything"
    MEASURED[f"sliders_{name}_largest_score_difference"] = worst
    MEASURED[f"sliders_{name}_seconds"] = round(time.perf_counter() - started, 2)


@pytest.mark.parametrize(
    "name",
    ["wsm", "topsis", "wsm-full", "topsis-full", "tiers-wsm", "tiers-topsis", "tiers-closed"],
)
def test_the_page_s_arithmetic_over_hundreds_of_weightings_in_one_load(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    prepared = problem(name)
    open_page(browser, pages[name])
    lang = LANGS.get(name, "fr")
    keys: list[str] = browser.execute_script("return window.selectionMeeting.keys")
    rng = np.random.default_rng(7)
    weightings = [random_points(keys, prepared.grid, rng) for _ in range(THROUGH_HOOK[name])]
    started = time.perf_counter()
    results = browser.execute_script(
        "return window.selectionMeeting.evaluateMany(arguments[0])", weightings
    )
    MEASURED[f"hook_{name}_seconds_for_{len(weightings)}"] = round(
        time.perf_counter() - started, 2
    )
    worst = 0.0
    batteries = [b.key for b in prepared.grid.batteries]
    reasons_seen: set[str] = set()
    tiers_seen: set[tuple[str, ...]] = set()
    for points, result in zip(weightings, results, strict=True):
        ranking = selection.rank(prepared, weights=points, lang=lang)
        ranked = ranking.ranked
        ids = [str(i) for i in ranked.index]
        scores = np.array([result["scores"][i] for i in ids])
        worst = max(worst, float(np.abs(scores - ranked["score"].to_numpy(float)).max()))
        assert [result["ranks"][i] for i in ids] == ranked["rank"].tolist()
        assert result["order"] == ids
        parts = np.array([result["contributions"][i] for i in ids])
        worst = max(worst, float(np.abs(parts - ranked[batteries].to_numpy(float)).max()))
        decisions = ranking.decisions(lang=lang)
        table = decisions.table
        assert sorted(result["selected"]) == sorted(table.index[table["decision"] == "selected"])
        assert [result["reasons"][i] for i in ids] == table.loc[ids, "reason"].tolist()
        tiers = tier_column(table)
        if tiers is not None:
            assert result["tiers"] == {i: tiers[i] for i in ids}
            tiers_seen.add(tuple(tiers[i] for i in ids))
        reasons_seen |= {m.code for row in decisions.reasons.loc[ids] for m in row}
    assert worst <= 1e-9
    MEASURED[f"hook_{name}_largest_difference"] = worst
    if name.endswith("full"):  # every branch of the rule was taken
        assert {"decision.quota_pick", "decision.below_min_score", "decision.quota_full"} <= (
            reasons_seen
        )
    if name.startswith("tiers"):  # every band was given, and the weightings moved producers
        rest = "decision.tier_none_min" if name == "tiers-closed" else "decision.tier_rest_min"
        assert {"decision.tier_min", rest} <= reasons_seen
        assert len(tiers_seen) > len(weightings) // 2


def _normalizations() -> list[tuple[str, str]]:
    return [(method, how.value) for method in ("wsm", "topsis") for how in Normalization]


@pytest.mark.parametrize(("method", "normalization"), _normalizations())
def test_every_normalization_a_grid_may_use(
    browser: Any, tmp_path: Path, method: str, normalization: str
) -> None:
    """On a table where every normalization is defined (every value above 1)."""
    table, grid = positive_problem()
    prepared = selection.prepare(table, grid, method=method, normalization=normalization)
    page = write_meeting(tmp_path / "page.html", prepared, lang="en")
    open_page(browser, page)
    keys: list[str] = browser.execute_script("return window.selectionMeeting.keys")
    rng = np.random.default_rng(11)
    weightings = [random_points(keys, grid, rng) for _ in range(PER_NORMALIZATION)]
    results = browser.execute_script(
        "return window.selectionMeeting.evaluateMany(arguments[0])", weightings
    )
    for points, result in zip(weightings, results, strict=True):
        ranking = selection.rank(prepared, weights=points, lang="en")
        ranked = ranking.ranked
        ids = [str(i) for i in ranked.index]
        scores = np.array([result["scores"][i] for i in ids])
        assert np.abs(scores - ranked["score"].to_numpy(float)).max() <= 1e-9
        assert [result["ranks"][i] for i in ids] == ranked["rank"].tolist()
        decisions = ranking.decisions(lang="en").table
        chosen = decisions.index[decisions["decision"] == "selected"]
        assert sorted(result["selected"]) == sorted(chosen)
        assert [result["reasons"][i] for i in ids] == decisions.loc[ids, "reason"].tolist()


# -- members, the group, the grid ----------------------------------------------------------------


def test_loading_a_member_or_the_group_equals_ranking_under_their_weights(
    browser: Any, pages: dict[str, Path], grid: Grid
) -> None:
    from selenium.webdriver.common.by import By

    prepared = problem("wsm")
    members = load_members(MEMBERS, grid)
    open_page(browser, pages["wsm"])
    expected: dict[str, Grid] = {f"member:{i}": m.grid(grid) for i, m in enumerate(members)}
    expected |= {
        f"group:{how}": aggregate(members, grid, how=how)
        for how in ("geometric", "mean", "median")
    }
    expected["grid"] = grid
    for preset, weights in expected.items():
        button = browser.find_element(By.CSS_SELECTOR, f'[data-preset="{preset}"]')
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        compare_rows(
            browser.execute_script(ROWS),
            prepared,
            selection.rank(prepared, weights=weights, lang="fr"),
        )
        held = browser.execute_script("return window.selectionMeeting.points()")
        assert held == pytest.approx(page_points(weights), abs=1e-9)
    now = browser.find_element(By.ID, "now").text
    assert now == "Poids affichés\u202f: ceux de la grille"


def test_each_member_s_position_is_marked_on_each_slider(
    browser: Any, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["wsm"])
    marks = browser.execute_script(
        """return [...document.querySelectorAll('input[type="range"]')].map((s) =>
             s.closest('.track').querySelector('.marks').textContent.replace(/·/g, '')
               .split('').sort().join(''))"""
    )
    assert all(mark == "123G" for mark in marks), marks


# -- keeping the weights --------------------------------------------------------------------------


def test_the_kept_weights_file_reads_back_unchanged(
    browser: Any, pages: dict[str, Path], grid: Grid, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, pages["wsm"])
    keys: list[str] = browser.execute_script("return window.selectionMeeting.keys")
    rng = np.random.default_rng(5)
    points = random_points(keys, grid, rng)
    points["volume"] = 1.5e-7  # written 1.5e-07 by JavaScript: YAML must still read a number
    held = set_sliders(browser, points)
    name = browser.find_element(By.ID, "keep-name")
    name.clear()
    name.send_keys('Séance du 12 mars: "compromis"')
    browser.find_element(By.ID, "keep-button").click()
    text = browser.find_element(By.ID, "keep-text").get_attribute("value")
    link = browser.find_element(By.ID, "keep-download")
    assert link.get_attribute("href").startswith("blob:")
    assert link.get_attribute("download") == "poids-seance.yaml"
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    [member] = load_members(path, grid)
    assert member.name == 'Séance du 12 mars: "compromis"' and member.method == "points"
    assert member.weights == held  # every battery and criterion, in points, exactly
    prepared = problem("wsm")
    compare_rows(
        browser.execute_script(ROWS),
        prepared,
        selection.rank(prepared, weights=member.grid(grid), lang="fr"),
    )


def test_weights_that_no_file_can_hold_are_refused_with_the_reason(
    browser: Any, pages: dict[str, Path]
) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, pages["wsm"])
    set_sliders(browser, {"organic": 0, "agroecology": 0})
    browser.find_element(By.ID, "keep-button").click()
    refused = browser.find_element(By.ID, "keep-refused")
    assert refused.is_displayed() and "Qualité" in refused.text
    assert not browser.find_element(By.ID, "keep-output").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, ".battery .void").get_attribute("hidden") is None


# -- stability ranges -----------------------------------------------------------------------------


def _selected(prepared: selection.Prepared, points: dict[str, float]) -> frozenset[str]:
    table = selection.rank(prepared, weights=points).decisions().table
    return frozenset(table.index[table["decision"] == "selected"])


def test_weighted_sum_ranges_are_python_s_exact_intervals(
    browser: Any, tmp_path: Path, grid: Grid
) -> None:
    """With a plain top 12, a battery's range is weight_intervals(scope="top") in points."""
    plain = strict_grid(top=12)
    page = write_meeting(tmp_path / "plain.html", PRODUCERS, plain, lang="en")
    open_page(browser, page)
    ranges = browser.execute_script("return window.selectionMeeting.ranges()")
    intervals = weight_intervals(PRODUCERS, plain, scope="top", k=12, level="battery").table
    points = page_points(plain)
    for battery in plain.batteries:
        rest = SCALE - points[battery.key]
        low, high = (float(intervals.loc[battery.key, side]) for side in ("low", "high"))
        as_points = [min(t * rest / (1 - t), SCALE) if t < 1 else SCALE for t in (low, high)]
        assert ranges[battery.key] == pytest.approx(as_points, abs=1e-7), battery.key


@pytest.mark.parametrize("name", ["wsm-full", "topsis-full"])
def test_each_slider_s_range_is_where_the_selection_changes(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """Just inside each end the selection is the current one; just outside it is not."""
    prepared = problem(name)
    open_page(browser, pages[name])
    started = time.perf_counter()
    ranges = browser.execute_script("return window.selectionMeeting.ranges()")
    MEASURED[f"ranges_{name}_seconds"] = round(time.perf_counter() - started, 3)
    points = page_points(prepared.grid)
    now = _selected(prepared, points)
    rng = np.random.default_rng(3)
    step = 1e-6 if name.startswith("wsm") else 1e-5  # TOPSIS: bisection to 1e-7 points
    for key, (low, high) in ranges.items():
        assert low <= points[key] <= high, key
        for inside in rng.uniform(low, high, 6):
            assert _selected(prepared, points | {key: float(inside)}) == now, (key, inside)
        for end, outward in ((low, -step), (high, step)):
            if 0 < end < SCALE:
                assert _selected(prepared, points | {key: end - outward}) == now, (key, end)
                assert _selected(prepared, points | {key: end + outward}) != now, (key, end)


def test_what_would_change_a_producer_s_place(browser: Any, pages: dict[str, Path]) -> None:
    """The detail's ranges: where, slider by slider, the producer's own status flips."""
    from selenium.webdriver.common.by import By

    prepared = problem("wsm")
    open_page(browser, pages["wsm"])
    points = page_points(prepared.grid)
    table = selection.rank(prepared).decisions().table
    for pid in ("P042", "P016"):  # kept out by a quota; the last one in
        was = table.loc[pid, "decision"] == "selected"
        ranges = browser.execute_script(
            "return window.selectionMeeting.statusRanges(arguments[0])", pid
        )
        for key, (low, high) in ranges.items():
            for end, outward in ((low, -1e-6), (high, 1e-6)):
                if 0 < end < SCALE:
                    inside = selection.rank(prepared, weights=points | {key: end - outward})
                    outside = selection.rank(prepared, weights=points | {key: end + outward})
                    assert (inside.decisions().table.loc[pid, "decision"] == "selected") == was
                    assert (outside.decisions().table.loc[pid, "decision"] == "selected") != was
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-producer="P042"]')
    button = row.find_element(By.CSS_SELECTOR, "button.more")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    detail = browser.find_element(By.ID, button.get_attribute("aria-controls"))
    deadline = time.monotonic() + 10
    while "calcul" in detail.text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Label bio" in detail.text and "Ce qui changerait sa place" in detail.text
    assert "calcul" not in detail.text


# -- tiers: the ranges over which producers keep their tiers -------------------------------------


def _as_points(t: float, rest: float) -> float:
    """A battery's share t back to points, the other batteries holding `rest` points."""
    return min(t * rest / (1 - t), SCALE) if t < 1 else SCALE


def _tiers(prepared: selection.Prepared, points: dict[str, float]) -> dict[str, str]:
    """Each producer's tier under `points` ("" for none), by Python."""
    decisions = selection.rank(prepared, weights=points).decisions().table
    tiers = tier_column(decisions)
    assert tiers is not None
    return tiers


TIER_RANGES = """
const [ids, points] = arguments;
return Object.fromEntries(ids.map((id) => [id, window.selectionMeeting.tierRanges(id, points)]));
"""


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_weighted_sum_keep_tier_ranges_are_python_s_tier_intervals(
    browser: Any, pages: dict[str, Path], seed: int | None
) -> None:
    """Each producer's range on each battery slider is tier_intervals(level="battery") in
    points, to 1e-7; each slider's range is where every producer keeps its tier (their
    intersection). At the grid's weights and at two random weightings."""
    prepared = problem("tiers-wsm")
    grid = prepared.grid
    open_page(browser, pages["tiers-wsm"])
    keys: list[str] = browser.execute_script("return window.selectionMeeting.keys")
    points = (
        page_points(grid)
        if seed is None
        else random_points(keys, grid, np.random.default_rng(seed))
    )
    intervals = tier_intervals(PRODUCERS, grid.with_weights(points), level="battery")
    assert intervals.exact
    table = intervals.table
    ids = list(dict.fromkeys(str(i) for i in table.index.get_level_values("producer")))
    started = time.perf_counter()
    page = browser.execute_script(TIER_RANGES, ids, points)
    MEASURED[f"tier_ranges_wsm_seconds_{seed}"] = round(time.perf_counter() - started, 3)
    batteries = [b.key for b in grid.batteries]
    worst = 0.0
    bounded = 0
    for pid in ids:
        for key in batteries:
            row = table.loc[(pid, key)]
            rest = sum(points[b] for b in batteries if b != key)
            expected = [_as_points(float(row[side]), rest) for side in ("low", "high")]
            got = page[pid][key]
            assert got["tier"] == row["tier"], (pid, key)
            worst = max(worst, abs(got["low"] - expected[0]), abs(got["high"] - expected[1]))
            bounded += got["low"] > 0 or got["high"] < SCALE
    assert worst <= 1e-7
    assert bounded > len(ids)  # the ranges are not all the whole slider
    MEASURED[f"tier_ranges_wsm_largest_difference_{seed}"] = worst
    ranges = browser.execute_script("return window.selectionMeeting.ranges(arguments[0])", points)
    for key in batteries:
        assert ranges[key] == [
            max(page[pid][key]["low"] for pid in ids),
            min(page[pid][key]["high"] for pid in ids),
        ], key


def test_topsis_keep_tier_ranges_agree_with_python_s_sweep(
    browser: Any, pages: dict[str, Path]
) -> None:
    """TOPSIS (found numerically on both sides): the page's scan and bisection against
    tier_intervals' sweep of 1,001 points and bisection, battery sliders."""
    prepared = problem("tiers-topsis")
    open_page(browser, pages["tiers-topsis"])
    intervals = tier_intervals(PRODUCERS, prepared.grid, method="topsis", level="battery").table
    ids = list(dict.fromkeys(str(i) for i in intervals.index.get_level_values("producer")))
    page = browser.execute_script(TIER_RANGES, ids, None)
    points = page_points(prepared.grid)
    batteries = [b.key for b in prepared.grid.batteries]
    worst = 0.0
    for pid in ids:
        for key in batteries:
            row = intervals.loc[(pid, key)]
            rest = sum(points[b] for b in batteries if b != key)
            expected = [_as_points(float(row[side]), rest) for side in ("low", "high")]
            got = page[pid][key]
            assert got["tier"] == row["tier"], (pid, key)
            worst = max(worst, abs(got["low"] - expected[0]), abs(got["high"] - expected[1]))
    MEASURED["tier_ranges_topsis_largest_difference"] = worst
    assert worst <= 1e-6


@pytest.mark.parametrize("name", ["tiers-wsm", "tiers-topsis"])
def test_each_slider_s_range_is_where_a_producer_changes_tier(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """Battery and criterion sliders: inside the range every producer keeps its tier; just
    outside each end (within the slider) someone changes tier."""
    prepared = problem(name)
    open_page(browser, pages[name])
    started = time.perf_counter()
    ranges = browser.execute_script("return window.selectionMeeting.ranges()")
    MEASURED[f"ranges_{name}_seconds"] = round(time.perf_counter() - started, 3)
    points = page_points(prepared.grid)
    now = _tiers(prepared, points)
    rng = np.random.default_rng(4)
    step = 1e-6 if name.endswith("wsm") else 1e-5  # TOPSIS: bisection to 1e-7 points
    ends = 0
    for key, (low, high) in ranges.items():
        assert low <= points[key] <= high, key
        for inside in rng.uniform(low, high, 3):
            assert _tiers(prepared, points | {key: float(inside)}) == now, (key, inside)
        for end, outward in ((low, -step), (high, step)):
            if 0 < end < SCALE:
                ends += 1
                assert _tiers(prepared, points | {key: end - outward}) == now, (key, end)
                assert _tiers(prepared, points | {key: end + outward}) != now, (key, end)
    assert ends >= len(ranges)


@pytest.mark.parametrize("name", ["tiers-wsm", "tiers-topsis", "tiers-closed"])
def test_each_producer_keeps_its_tier_over_its_range_and_the_tier_beyond_is_said(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """The detail's ranges, every slider (criteria too): the producer keeps its tier inside,
    and just beyond each end it is in the tier the page names."""
    prepared = problem(name)
    open_page(browser, pages[name])
    points = page_points(prepared.grid)
    now = _tiers(prepared, points)
    rng = np.random.default_rng(8)
    chosen = [str(i) for i in rng.choice(sorted(now), 4, replace=False)] + ["P016"]
    page = browser.execute_script(TIER_RANGES, chosen, None)
    step = 1e-6 if name.endswith(("wsm", "closed")) else 1e-5
    checked = 0
    for pid in chosen:
        for key, got in page[pid].items():
            assert got["tier"] == now[pid]
            assert got["low"] <= points[key] <= got["high"], (pid, key)
            for end, outward, beyond in (
                (got["low"], -step, got["below"]),
                (got["high"], step, got["above"]),
            ):
                if 0 < end < SCALE:
                    checked += 1
                    inside = _tiers(prepared, points | {key: end - outward})[pid]
                    outside = _tiers(prepared, points | {key: end + outward})[pid]
                    assert (inside, outside) == (now[pid], beyond), (pid, key, end)
                else:
                    assert beyond is None, (pid, key)
    assert checked >= len(chosen)


def test_the_rows_the_details_and_the_live_note_speak_of_tiers(
    browser: Any, pages: dict[str, Path]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    prepared = problem("tiers-wsm")
    open_page(browser, pages["tiers-wsm"])
    before = _tiers(prepared, page_points(prepared.grid))
    slider = browser.find_element(By.CSS_SELECTOR, 'input[name="quality"]')
    slider.send_keys(Keys.END)  # quality to 100 points: tiers change
    held = browser.execute_script("return window.selectionMeeting.points()")
    ranking = selection.rank(prepared, weights=held, lang="fr")
    rows = browser.execute_script(ROWS)
    compare_rows(rows, prepared, ranking)
    after = _tiers(prepared, held)
    moved = {pid for pid in after if after[pid] != before[pid]}
    assert moved
    live = browser.find_element(By.ID, "live")
    deadline = time.monotonic() + 5
    while not live.text and time.monotonic() < deadline:
        time.sleep(0.1)
    versus = browser.find_element(By.ID, "versus").text
    assert live.text.startswith("Changent de palier\u202f: ")
    for pid in after:
        said = f"{pid} ·" in live.text
        assert said == (pid in moved), pid
        assert (f"{pid} ·" in versus) == (pid in moved), pid
    for pid in moved:  # "P016 · GAEC …\u202f: conventionné 50 % → conventionné 90 %"
        assert f"{before[pid] or 'non approuvé'} → {after[pid] or 'non approuvé'}" in live.text
    table = ranking.decisions(lang="fr").table
    eligible = table[table["decision"] != "ineligible"]
    count = browser.find_element(By.ID, "count").text
    each = templates("fr")["decisions.tier_count"]  # the library's words, as Decisions.summary
    for label in ("conventionné 90 %", "conventionné 50 %", "non conventionné"):
        assert each.format(label=label, count=int((eligible["tier"] == label).sum())) in count
    badges = browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('#eligible tr.producer')]"
        ".map((r) => [r.dataset.producer, r.querySelector('.badge').textContent]))"
    )
    assert badges == {pid: after[pid] for pid in badges}
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-producer="P016"]')
    button = row.find_element(By.CSS_SELECTOR, "button.more")
    button.click()
    detail = browser.find_element(By.ID, button.get_attribute("aria-controls"))
    deadline = time.monotonic() + 10
    while "calcul" in detail.text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Ce qui changerait son palier" in detail.text
    assert f"garde son palier ({after['P016']})" in detail.text
    assert "calcul" not in detail.text


# -- people: keyboard, screen readers, phones, projectors, paper ----------------------------------


def test_keyboard_moves_a_slider_and_the_live_note_says_who_moved(
    browser: Any, pages: dict[str, Path]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    prepared = problem("wsm")
    open_page(browser, pages["wsm"])
    slider = browser.find_element(By.CSS_SELECTOR, 'input[name="accessibility"]')
    text = slider.get_attribute("aria-valuetext")  # a no-break space before %, as Intl writes it
    assert re.fullmatch(r"35 points, 35\s% du poids total", text), text
    slider.send_keys(Keys.END)  # accessibility to 100 points: the selection changes
    held = browser.execute_script("return window.selectionMeeting.points()")
    assert held["accessibility"] == 100
    compare_rows(
        browser.execute_script(ROWS), prepared, selection.rank(prepared, weights=held, lang="fr")
    )
    live = browser.find_element(By.ID, "live")
    assert live.get_attribute("aria-live") == "polite"
    deadline = time.monotonic() + 5
    while not live.text and time.monotonic() < deadline:
        time.sleep(0.1)
    before = _selected(prepared, page_points(prepared.grid))
    after = _selected(prepared, held)
    assert before != after
    for pid in after - before:
        assert pid in live.text and live.text.startswith("Entrent dans la sélection")
    for pid in before - after:
        assert pid in live.text
    slider.send_keys(Keys.ARROW_LEFT)
    assert browser.execute_script("return window.selectionMeeting.points()")["accessibility"] == 99


def test_at_390_px_nothing_scrolls_sideways(
    browser: Any, pages: dict[str, Path], artefacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    try:
        for name in ("wsm", "topsis", "tiers-wsm"):
            browser.set_window_size(390, 844)
            open_page(browser, pages[name])
            assert browser.execute_script("return innerWidth") <= 390
            browser.execute_script(
                "document.querySelectorAll('details').forEach((d) => d.open = true)"
            )
            browser.find_elements(By.CSS_SELECTOR, "button.more")[0].click()
            browser.find_element(By.ID, "keep-button").click()
            time.sleep(0.5)
            width = browser.execute_script(
                "return [document.documentElement.scrollWidth, innerWidth]"
            )
            assert width[0] <= width[1], f"{name}: the page is {width[0]} px wide at {width[1]}"
            browser.save_screenshot(str(artefacts / f"meeting-{name}-390px.png"))
        browser.set_window_size(1920, 1080)
        open_page(browser, pages["wsm"])
        browser.save_screenshot(str(artefacts / "meeting-wsm-projector.png"))
        width = browser.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1]
    finally:
        browser.set_window_size(1280, 900)
    import matplotlib.image

    image = matplotlib.image.imread(artefacts / "meeting-wsm-390px.png")[:, :, :3]
    assert float(image.std()) > 0.05, "a blank page"


def test_it_prints_as_it_stands(browser: Any, pages: dict[str, Path], artefacts: Path) -> None:
    open_page(browser, pages["wsm"])
    set_sliders(browser, {"quality": 80})
    a4 = {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True}
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", a4)["data"])
    (artefacts / "meeting-wsm.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/MediaBox\s*\[", pdf)) >= 2, "the ranking takes several pages"


TINY = """
format: selection/grid@1
name: Tiny
id: id
batteries:
  only:
    weight: 1
    criteria:
      taste: {scale: [0, 10], weight: 1}
select: {top: 1}
"""


@pytest.mark.parametrize("method", ["wsm", "topsis"])
@pytest.mark.parametrize("count", [1, 2])
def test_the_smallest_problems_work(browser: Any, tmp_path: Path, method: str, count: int) -> None:
    """One battery of one criterion (every slider alone on its level), one or two producers."""
    import pandas as pd

    table = pd.DataFrame({"id": ["A", "B"][:count], "taste": [7.0, 3.0][:count]})
    prepared = selection.prepare(table, selection.parse_grid(TINY), method=method)
    open_page(browser, write_meeting(tmp_path / "tiny.html", prepared, lang="en"))
    compare_rows(browser.execute_script(ROWS), prepared, selection.rank(prepared, lang="en"))
    assert browser.execute_script("return window.selectionMeeting.ranges()") == {
        "only": [0, SCALE],
        "taste": [0, SCALE],
    }
    held = set_sliders(browser, {"taste": 40})
    compare_rows(
        browser.execute_script(ROWS), prepared, selection.rank(prepared, weights=held, lang="en")
    )


# -- a committee of sixty, and an anonymous one (issue 13) ---------------------------------------


@pytest.fixture(scope="module")
def sixty(grid: Grid) -> list[Any]:
    from selection.committee import synthetic_members

    return synthetic_members(grid, 60, seed=1)


@pytest.fixture(scope="module")
def committee_pages(tmp_path_factory: pytest.TempPathFactory, sixty: list[Any]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("committee-pages")
    made = {
        "sixty": write_meeting(folder / "sixty.html", PRODUCERS, GRID, members=sixty, lang="fr"),
        "anonymous": write_meeting(
            folder / "anonymous.html", PRODUCERS, GRID, members=sixty, lang="en", anonymous=True
        ),
    }
    MEASURED["sixty_page_kB"] = round(made["sixty"].stat().st_size / 1000, 1)
    return made


@pytest.mark.parametrize("name", ["sixty", "anonymous"])
def test_a_committee_of_sixty_at_390_px_without_sideways_scrolling(
    browser: Any, committee_pages: dict[str, Path], artefacts: Path, name: str
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    try:
        browser.set_window_size(390, 844)
        open_page(browser, committee_pages[name])
        browser.execute_script(
            "document.querySelectorAll('details').forEach((d) => d.open = true)"
        )
        Select(browser.find_element(By.ID, "member-select")).select_by_index(60)
        browser.find_elements(By.CSS_SELECTOR, "button.more")[0].click()
        time.sleep(0.5)
        width = browser.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], f"{name}: the page is {width[0]} px wide at {width[1]}"
        # Each slider: one strip and the group's mark, not sixty marks.
        counts = browser.execute_script(
            """return [...document.querySelectorAll('.track')].map((t) =>
                 [t.querySelectorAll('.strip').length, t.querySelectorAll('.mark').length])"""
        )
        assert all(count == [1, 1] for count in counts), counts
        browser.save_screenshot(str(artefacts / f"meeting-{name}-390px.png"))
    finally:
        browser.set_window_size(1280, 900)


def test_a_member_of_sixty_loads_from_the_list_or_their_button(
    browser: Any, committee_pages: dict[str, Path], grid: Grid, sixty: list[Any]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    prepared = selection.prepare(PRODUCERS, grid)
    open_page(browser, committee_pages["sixty"])
    pick = Select(browser.find_element(By.ID, "member-select"))
    for i in (0, 29, 59):
        pick.select_by_value(f"member:{i}")
        compare_rows(
            browser.execute_script(ROWS),
            prepared,
            selection.rank(prepared, weights=sixty[i].grid(grid), lang="fr"),
        )
        now = browser.find_element(By.ID, "now").text
        assert sixty[i].name in now
    buttons = browser.find_elements(By.CSS_SELECTOR, '.apart [data-preset^="member:"]')
    assert buttons, "nobody stands apart in the synthetic committee"
    buttons[0].click()
    i = int(buttons[0].get_attribute("data-preset").split(":")[1])
    assert pick.first_selected_option.get_attribute("value") == f"member:{i}"
    compare_rows(
        browser.execute_script(ROWS),
        prepared,
        selection.rank(prepared, weights=sixty[i].grid(grid), lang="fr"),
    )
    browser.find_element(By.CSS_SELECTOR, '[data-preset="grid"]').click()
    assert pick.first_selected_option.get_attribute("value") == ""


def test_an_anonymous_page_names_nobody_even_once_the_script_ran(
    browser: Any, committee_pages: dict[str, Path], sixty: list[Any]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, committee_pages["anonymous"])
    Select(browser.find_element(By.ID, "member-select")).select_by_value("member:6")
    assert browser.find_element(By.ID, "now").text.endswith("member 7")
    shown = browser.execute_script("return document.documentElement.outerHTML")
    assert [m.name for m in sixty if m.name in shown] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_of_a_committee_of_sixty_fits_390_px(
    browser: Any, sixty: list[Any], tmp_path: Path, artefacts: Path, lang: str
) -> None:
    """The report's committee section (here, beside the page it goes with): at 390 px
    neither the page nor the section scrolls sideways (issue 13)."""
    from selection.report import write_report

    path = write_report(
        tmp_path / "report.html", PRODUCERS, GRID, members=sixty, lang=lang, samples=100
    )
    try:
        browser.set_window_size(390, 844)
        browser.get(path.as_uri())
        widths = browser.execute_script(
            """const s = document.getElementById('committee');
               return [document.documentElement.scrollWidth, innerWidth,
                       s.scrollWidth, s.clientWidth]"""
        )
        assert widths[0] <= widths[1] and widths[2] <= widths[3], widths
        browser.execute_script("document.getElementById('committee').scrollIntoView()")
        browser.save_screenshot(str(artefacts / f"report-sixty-{lang}-390px.png"))
    finally:
        browser.set_window_size(1280, 900)
