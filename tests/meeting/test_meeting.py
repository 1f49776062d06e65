"""The meeting page without a browser: its data, its contract, its words, its errors.

The page's arithmetic runs in the browser and is tested there (test_browser.py);
here the file itself is read: the data the script gets must be Python's, the
contract attributes must be there before any script runs (the state at the
grid's weights, written by Python), nothing may come from the network, and bad
inputs are SelectionErrors.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from babel.messages.pofile import read_po

import selection
import selection.files
from selection import SelectionError
from selection.cli import invoke, main
from selection.committee import aggregate, load_members
from selection.errors import ArgumentError, GridError, MethodError, WeightsError
from selection.grid import SelectionRule, Tier
from selection.meeting import build_meeting, write_meeting
from selection.meeting.data import SCALE, gather, page_points
from selection.meeting.words import TEMPLATES, WORDS, templates, words
from selection.messages import Message, translated
from selection.scoring import apply_tiers

from .conftest import (
    CLOSED_TIERS_YAML,
    FULL_RULE,
    GRID,
    MEMBERS,
    PRODUCERS,
    ROOT,
    Tags,
    embedded,
    strict_grid,
    tiered_grid,
)


@pytest.fixture(scope="module")
def page_fr() -> str:
    return build_meeting(PRODUCERS, GRID, members=MEMBERS, lang="fr")


@pytest.fixture(scope="module")
def page_en() -> str:
    return build_meeting(PRODUCERS, GRID, lang="en")


# -- the contract, before any script runs ------------------------------------------------------


def test_a_slider_per_battery_and_criterion_named_by_key_valued_in_points(
    page_fr: str, grid: selection.Grid
) -> None:
    sliders = Tags(page_fr).find("input", type="range")
    keys = [b.key for b in grid.batteries] + grid.keys
    assert sorted(s.attrs["name"] for s in sliders) == sorted(keys)
    points = page_points(grid)
    for slider in sliders:
        assert (slider.attrs["min"], slider.attrs["max"], slider.attrs["step"]) == (
            "0",
            "100",
            "any",
        )
        assert float(slider.attrs["value"]) == points[slider.attrs["name"]]
        label = Tags(page_fr).find("label", **{"for": slider.attrs["id"]})
        assert len(label) == 1, f"slider {slider.attrs['name']} has no label"
    # The sliders' values are points: ranking with them is ranking with the grid's weights.
    ranked = selection.rank(PRODUCERS, GRID, weights=points)
    assert np.allclose(
        ranked.ranked["score"].to_numpy(float),
        selection.rank(PRODUCERS, GRID).ranked["score"].to_numpy(float),
        atol=1e-12,
    )


def test_page_points_are_the_grid_shares_times_100(grid: selection.Grid) -> None:
    points = page_points(grid)
    assert [points[b.key] for b in grid.batteries] == [35.0, 30.0, 35.0]
    assert points["organic"] == 60.0 and points["price"] == pytest.approx(400 / 11)
    for battery in grid.batteries:
        assert sum(points[c.key] for c in battery.criteria) == pytest.approx(SCALE)


def test_rows_carry_python_s_ranking_and_decisions_at_the_grid_s_weights(page_fr: str) -> None:
    ranking = selection.rank(PRODUCERS, GRID)
    decisions = ranking.decisions().table
    rows = [t for t in Tags(page_fr).tags if "data-producer" in t.attrs]
    assert [r.attrs["data-producer"] for r in rows] == [str(i) for i in ranking.table.index]
    for row in rows:
        pid = row.attrs["data-producer"]
        if ranking.table.loc[pid, "eligible"]:
            assert int(row.attrs["data-rank"]) == ranking.table.loc[pid, "rank"]
            assert float(row.attrs["data-score"]) == ranking.table.loc[pid, "score"]
            selected = decisions.loc[pid, "decision"] == "selected"
            assert row.attrs["data-selected"] == ("true" if selected else "false")
            assert row.attrs["data-eligible"] == "true"
        else:
            assert (row.attrs["data-rank"], row.attrs["data-score"]) == ("", "")
            assert row.attrs["data-selected"] == "false" and row.attrs["data-eligible"] == "false"


def test_reasons_are_the_library_s_in_the_page_s_language(page_fr: str) -> None:
    decisions = selection.rank(PRODUCERS, GRID).decisions(lang="fr").table
    for pid in ("P049", "P042", "P032"):
        reason = decisions.loc[pid, "reason"]
        assert f'<span class="why">{reason}</span>' in page_fr


# -- the data the script gets ------------------------------------------------------------------


def test_the_embedded_data_is_python_s(page_fr: str, grid: selection.Grid) -> None:
    data = embedded(page_fr)
    prepared = selection.prepare(PRODUCERS, GRID)
    assert np.array_equal(np.array(data["normalized"]), prepared.problem.normalized)
    assert [p["id"] for p in data["producers"]] == [str(i) for i in prepared.ids]
    assert [c["key"] for c in data["criteria"]] == grid.keys
    assert [c["direction"] for c in data["criteria"]] == grid.directions.tolist()
    assert [b["key"] for b in data["batteries"]] == [b.key for b in grid.batteries]
    assert data["method"] == "wsm" and data["normalization"] == "scale"
    assert data["grid"]["hash"] == grid.hash
    ineligible = [str(i) for i in prepared.matrix.ids[~prepared.matrix.eligible]]
    assert [p["id"] for p in data["ineligible"]] == ineligible
    rule = data["rule"]
    assert (rule["top"], rule["min_score"], rule["default"]) == (12, None, False)
    assert [q["value"] for q in rule["quotas"]] == [None, "légumes"]
    cells = prepared.producers.loc[list(prepared.ids), "category"]
    assert rule["categories"]["category"] == [c.strip().casefold() for c in cells]


def test_members_and_groups_are_those_of_the_committee_module(
    page_fr: str, grid: selection.Grid
) -> None:
    data = embedded(page_fr)
    members = load_members(MEMBERS, grid)
    assert [m["name"] for m in data["members"]] == [m.name for m in members]
    for shown, member in zip(data["members"], members, strict=True):
        assert shown["points"] == page_points(member.grid(grid))
    for group in data["groups"]:
        assert group["points"] == page_points(aggregate(members, grid, how=group["how"]))
    assert [g["how"] for g in data["groups"]] == ["geometric", "mean", "median"]
    assert data["how"] == "geometric"
    # Every member and the group get a mark on every slider, and a button.
    tags = Tags(page_fr)
    assert len(tags.find("button")) >= 1 + len(members) + 3
    assert page_fr.count('class="mark"') >= len(data["criteria"])


def test_a_full_rule_is_carried_over_with_folded_categories() -> None:
    data = embedded(build_meeting(PRODUCERS, strict_grid(**FULL_RULE), lang="en"))
    rule = data["rule"]
    assert (rule["top"], rule["min_score"]) == (12, 0.62)
    assert [(q["value"], q["min"], q["max"]) for q in rule["quotas"]] == [
        (None, None, 3),
        ("légumes", 4, None),
    ]
    assert rule["text"] == (
        "the top 12; score at least 0.62; at most 3 per category; "
        "at least 4 with category = Légumes "
    )


def test_without_a_select_section_the_top_10_stand_in_and_the_page_says_so() -> None:
    page = build_meeting(PRODUCERS, strict_grid(), lang="en")
    assert embedded(page)["rule"]["top"] == 10 and embedded(page)["rule"]["default"]
    assert "The grid has no `select:` section: the top 10 are shown as selected." in page
    assert page.count('data-selected="true"') == 10


def test_a_prepared_problem_or_a_ranking_alone_keeps_its_method() -> None:
    prepared = selection.prepare(PRODUCERS, GRID, method="topsis", normalization="minmax")
    for source in (prepared, selection.rank(prepared)):
        data = embedded(build_meeting(source, lang="en"))
        assert (data["method"], data["normalization"]) == ("topsis", "minmax")
        assert np.array_equal(np.array(data["normalized"]), prepared.problem.normalized)


def test_the_page_s_reason_templates_are_the_library_s_messages() -> None:
    """One wording: every reason apply_rule and apply_tiers give (tiers of both directions,
    with and without an open band) has the code and English text of TEMPLATES."""
    given: list[Message] = []
    for grid in (strict_grid(**FULL_RULE), tiered_grid(), tiered_grid(CLOSED_TIERS_YAML)):
        for reasons in selection.rank(PRODUCERS, grid).decisions().reasons:
            given += reasons
    scores = np.array([0.1, 0.4, 0.9])
    for tiers in (
        (Tier("A", max_score=0.2), Tier("B", max_score=0.5), Tier("C")),
        (Tier("A", max_score=0.2), Tier("B", max_score=0.5)),
    ):
        given += apply_tiers(SelectionRule(tiers=tiers), scores, higher_is_better=False).reasons
    seen = set()
    for message in given:
        if message.code.startswith("decision."):
            assert TEMPLATES[message.code].text == message.text, message.code
            assert TEMPLATES[message.code].plural == message.plural, message.code
            seen.add(message.code)
    assert seen == {c for c in TEMPLATES if c.startswith("decision.") and "/" not in c}
    one = TEMPLATES["decision.places_taken/one"]
    assert (one.code, one.text, one.plural) == (
        "decision.places_taken",
        TEMPLATES["decision.places_taken"].text,
        TEMPLATES["decision.places_taken"].plural,
    )
    for lang in ("fr", "en"):
        for code, message in TEMPLATES.items():
            assert templates(lang)[code] == translated(message, lang)


def test_each_template_has_one_text_in_the_catalogue() -> None:
    """The library's words the page reuses (reasons, tiers' words) are catalogue entries of
    the same code and English text: one code, one text, one translation."""
    template = ROOT / "src" / "selection" / "locale" / "selection.pot"
    with template.open("rb") as stream:
        pot = read_po(stream)
    for code, message in TEMPLATES.items():
        entries = [m for m in pot if m.context == message.code]
        assert len(entries) == 1, code
        text = entries[0].id
        expected = (message.text, message.plural) if message.plural else message.text
        assert (tuple(text) if isinstance(text, tuple) else text) == expected, code


# -- a rule in tiers ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiered_fr() -> str:
    return build_meeting(PRODUCERS, tiered_grid(), lang="fr")


def test_a_rule_in_tiers_goes_to_the_page(tiered_fr: str) -> None:
    """Bands (labels, thresholds on the page's oriented scale, values), the open band and
    the direction; no top nor min_score for the script to apply."""
    rule = embedded(tiered_fr)["rule"]
    assert (rule["top"], rule["min_score"], rule["quotas"]) == (None, None, [])
    tiers = rule["tiers"]
    assert tiers == {
        "direction": 1,
        "cuts": [0.75, 0.55],
        "bands": [
            {"label": "conventionné 90 %", "threshold": 0.75, "values": {"rate": 0.9}},
            {"label": "conventionné 50 %", "threshold": 0.55, "values": {"rate": 0.5}},
        ],
        "open": {"label": "non conventionné", "values": {"rate": 0.0}},
        "names": ["rate"],
    }
    closed = embedded(build_meeting(PRODUCERS, tiered_grid(CLOSED_TIERS_YAML), lang="en"))
    assert closed["rule"]["tiers"]["open"] is None
    assert embedded(build_meeting(PRODUCERS, GRID, lang="en"))["rule"]["tiers"] is None


@pytest.mark.parametrize("closed", [False, True])
def test_rows_carry_each_producer_s_tier_at_the_grid_s_weights(closed: bool) -> None:
    grid = tiered_grid(CLOSED_TIERS_YAML) if closed else tiered_grid()
    page = build_meeting(PRODUCERS, grid, lang="en")
    decisions = selection.rank(PRODUCERS, grid).decisions(lang="en").table
    rows = [t for t in Tags(page).tags if "data-producer" in t.attrs]
    assert [r.attrs["data-producer"] for r in rows] == [str(i) for i in decisions.index]
    labels = set()
    for row in rows:
        pid = row.attrs["data-producer"]
        tier = decisions.loc[pid, "tier"]
        assert row.attrs["data-tier"] == ("" if pd.isna(tier) else tier), pid
        selected = decisions.loc[pid, "decision"] == "selected"
        assert row.attrs["data-selected"] == ("true" if selected else "false"), pid
        assert f'<span class="why">{html.escape(decisions.loc[pid, "reason"])}</span>' in page
        labels.add(row.attrs["data-tier"])
    assert labels == (
        {"conventionné 90 %", "conventionné 50 %", ""}
        if closed
        else {"conventionné 90 %", "conventionné 50 %", "non conventionné"}
    )
    if closed:  # a producer in no tier: the library's words
        assert '<strong class="badge">not approved</strong>' in page
        assert ">score 0.3145 below 0.55: not approved</span>" in page
    else:
        assert ">score 0.3145 below 0.55: non conventionné</span>" in page


def test_the_tiers_are_said_in_the_page_s_language(tiered_fr: str) -> None:
    assert "Ce que donne chaque palier\u202f: conventionné 90 %\u202f: rate 0,9" in tiered_fr
    assert "Par palier\u202f: conventionné 90 % : 7" in tiered_fr
    assert "(approuvés\u202f: 35 des 55 producteurs éligibles)" in tiered_fr
    assert "mêmes paliers qu&#x27;avec les poids de la grille." in tiered_fr
    assert '<strong class="badge">conventionné 90 %</strong>' in tiered_fr
    assert "score 0,8428 ≥ 0,75 : conventionné 90 %" in tiered_fr
    page = build_meeting(PRODUCERS, tiered_grid(), lang="en")
    assert "By tier: conventionné 90 %: 7; conventionné 50 %: 28; non conventionné: 20" in page


def test_tiers_of_the_other_direction_are_a_grid_error() -> None:
    grid = tiered_grid("select:\n  tiers:\n    - {max_score: 0.3, label: A}\n    - {label: B}\n")
    with pytest.raises(GridError) as caught:
        build_meeting(PRODUCERS, grid, lang="en")
    assert caught.value.where == "select.tiers"


# -- the page's own words ------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text))


def test_every_word_of_the_page_is_translated_with_the_same_placeholders() -> None:
    catalogue = ROOT / "src" / "selection" / "locale" / "fr" / "LC_MESSAGES" / "selection.po"
    with catalogue.open("rb") as stream:
        po = read_po(stream, locale="fr")
    entries = {m.context: m for m in po if m.context and m.context.startswith("meeting.")}
    codes = {m.code for m in WORDS.values()}
    assert codes <= set(entries)
    for code, entry in entries.items():
        assert entry.string, f"{code} is not translated"
        assert _placeholders(entry.string) == _placeholders(str(entry.id)), code
        for mark in (";", ":", "?", "!"):
            for at in [i for i, c in enumerate(entry.string) if c == mark]:
                if at > 0 and entry.string[at - 1] == " ":
                    pytest.fail(f"{code}: a plain space before {mark!r} (use U+202F)")
    fr, en = words("fr"), words("en")
    assert fr.keys() == en.keys()
    assert fr["title"] == "Séance du comité" and en["title"] == "Committee meeting"


def test_french_by_default_english_on_request(
    page_en: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SELECTION_LANG", raising=False)
    page = build_meeting(PRODUCERS, GRID)
    assert '<html lang="fr">' in page and "<h1>Séance du comité</h1>" in page
    assert '"lang":"fr"' in page and "rang 1" in page
    assert '<html lang="en">' in page_en and "<h1>Committee meeting</h1>" in page_en
    assert "rank 1" in page_en and "Séance" not in page_en
    monkeypatch.setenv("SELECTION_LANG", "en")
    assert '<html lang="en">' in build_meeting(PRODUCERS, GRID)


# -- self-contained and safe ---------------------------------------------------------------------


def test_no_external_address(page_fr: str) -> None:
    assert "http://" not in page_fr and "https://" not in page_fr
    for tag in Tags(page_fr).tags:
        for name in ("src", "href", "action", "poster", "data"):
            assert tag.attrs.get(name, "#").startswith("#"), (tag.name, name)
    assert "<link" not in page_fr and "@import" not in page_fr and "url(" not in page_fr
    assert not re.search(r"\bfetch\(|XMLHttpRequest|WebSocket|import\(", page_fr)
    assert page_fr.count("<script") == 2  # the data, then the script, both inline


def test_the_script_and_style_sheet_are_package_resources_inlined(page_fr: str) -> None:
    package = resources.files("selection.meeting")
    script = package.joinpath("meeting.js").read_text(encoding="utf-8")
    style = package.joinpath("meeting.css").read_text(encoding="utf-8")
    assert script in page_fr and style in page_fr
    assert "window.selectionMeeting" in script


def test_the_wheel_ships_the_script_and_the_style_sheet(tmp_path: Path) -> None:
    """The script and the style sheet are read as package resources: the wheel must hold them."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path)]
    result = subprocess.run(
        [*command, str(ROOT)], capture_output=True, text=True, check=False, timeout=600
    )
    if result.returncode != 0:  # no package index to fetch the build backend from
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-300:]}")
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "selection/meeting/meeting.js" in names and "selection/meeting/meeting.css" in names


def test_user_text_is_escaped_and_cannot_close_the_data_script(tmp_path: Path) -> None:
    table = selection.read_table(PRODUCERS).copy()
    table.loc[table.index[0], "name"] = "</script><script>alert(1)</script> & <b>"
    grid = selection.load_grid(GRID)
    page = build_meeting(table, grid, lang="en")
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 2
    data = embedded(page)
    assert data["producers"][0]["who"].endswith("</script><script>alert(1)</script> & <b>")


# -- writing, the command line, errors -----------------------------------------------------------


def test_write_meeting_writes_the_page(tmp_path: Path) -> None:
    path = write_meeting(tmp_path / "seance.html", PRODUCERS, GRID, lang="fr")
    assert path == tmp_path / "seance.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_error_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "seance.html"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(MethodError):
        write_meeting(target, PRODUCERS, GRID, method="vikor")
    assert target.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["seance.html"]


@pytest.mark.parametrize(
    ("options", "error", "where"),
    [
        ({"method": "promethee_ii"}, MethodError, "method"),
        ({"lang": "de"}, ArgumentError, "lang"),
        ({"how": "maximum"}, ArgumentError, "how"),
        ({"members": []}, ArgumentError, "members"),
        ({"normalization": "bogus"}, MethodError, "normalization"),
    ],
)
def test_bad_inputs_are_selection_errors(
    options: dict[str, object], error: type, where: str
) -> None:
    with pytest.raises(error) as caught:
        build_meeting(PRODUCERS, GRID, **options)  # type: ignore[arg-type]
    assert caught.value.where == where


def test_members_that_do_not_fit_the_grid_are_weights_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: selection/weights@1\nname: X\nweights: {quality: 1}\n", encoding="utf-8"
    )
    with pytest.raises(WeightsError, match="leave out"):
        build_meeting(PRODUCERS, GRID, members=[bad])


def test_no_eligible_producer_is_a_selection_error() -> None:
    table = selection.read_table(PRODUCERS).copy()
    table["intermediaries"] = "3"
    with pytest.raises(SelectionError, match="no producer is eligible"):
        build_meeting(table, GRID)


def test_a_geometric_veto_is_said_and_an_impossible_group_is_left_out(tmp_path: Path) -> None:
    zero = tmp_path / "zero.yaml"
    zero.write_text(
        "format: selection/weights@1\nmembers:\n"
        "  - {name: A, weights: {quality: 0, locality: 1, accessibility: 1}}\n"
        "  - {name: B, weights: {quality: 1, locality: 0, accessibility: 0}}\n",
        encoding="utf-8",
    )
    meeting = gather(PRODUCERS, GRID, members=[zero], lang="en")
    assert "geometric" in meeting.unavailable and set(meeting.groups) == {"mean", "median"}
    page = build_meeting(PRODUCERS, GRID, members=[zero], lang="en")
    assert "geometric mean: not available" in page
    veto = tmp_path / "veto.yaml"
    veto.write_text(
        "format: selection/weights@1\nmembers:\n"
        "  - {name: A, weights: {quality: 0, locality: 1, accessibility: 1}}\n"
        "  - {name: B, weights: {quality: 1, locality: 1, accessibility: 1}}\n",
        encoding="utf-8",
    )
    assert "Geometric mean: Qualité weigh 0 in the group" in build_meeting(
        PRODUCERS, GRID, members=[veto], lang="en"
    )


def test_the_command_writes_the_page(tmp_path: Path) -> None:
    out = io.StringIO()
    target = tmp_path / "seance.html"
    members = [str(m) for m in MEMBERS]
    argv = ["meeting", "--members", *members, str(GRID), str(PRODUCERS), "-o", str(target)]
    assert invoke([*argv, "--lang", "en"], out) == 0
    assert out.getvalue() == f"{target}: meeting page written (en)\n"
    page = target.read_text(encoding="utf-8")
    assert len(embedded(page)["members"]) == 3  # --members gave back GRID and PRODUCERS
    assert (
        invoke(["meeting", "--method", "topsis", "-o", str(target), "--how", "median"], out) == 0
    )
    assert embedded(target.read_text(encoding="utf-8"))["method"] == "topsis"


def test_the_command_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "seance.html"
    assert main(["meeting", str(GRID), "-o", str(target)], stdout=io.StringIO()) == 2
    assert "a grid without a producer table" in capsys.readouterr().err
    assert main(["meeting", "-o", str(tmp_path / "missing" / "x.html")], stdout=io.StringIO()) == 2
    with pytest.raises(SystemExit):
        main(["meeting", "--method", "vikor"], stdout=io.StringIO())
    assert not target.exists()


def test_files_module_is_what_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The page is written through selection.files.write_atomically (complete or nothing)."""
    calls: list[str] = []
    original = selection.files.write_atomically

    def spy(path: object, text: str, *, what: str = "") -> Path:
        calls.append(what)
        return original(path, text, what=what)  # type: ignore[arg-type]

    monkeypatch.setattr("selection.meeting.page.write_atomically", spy)
    write_meeting(tmp_path / "x.html", PRODUCERS, GRID)
    assert calls == ["the meeting page"]


def test_what_screen_readers_get_before_the_script_runs(page_fr: str) -> None:
    tags = Tags(page_fr)
    bars = [t for t in tags.tags if t.attrs.get("class") == "bar"]
    assert len(bars) == 55
    assert all(b.attrs["role"] == "img" and b.attrs["aria-label"] for b in bars)
    assert bars[0].attrs["aria-label"].startswith("Contributions au score\u202f: Qualité 0,")
    [live] = tags.find("p", id="live")
    assert (live.attrs["aria-live"], live.attrs["role"]) == ("polite", "status")
    for slider in tags.find("input", type="range"):
        described = slider.attrs["aria-describedby"].split()
        assert all(tags.find("p", id=ident) for ident in described), described
    assert len(tags.find("th", scope="row")) == 60 and len(tags.find("th", scope="col")) == 3
    assert all(t.attrs.get("aria-label") for t in tags.find("button", **{"class": "more"}))
    assert "<caption>" in page_fr and "<details><summary>" in page_fr
