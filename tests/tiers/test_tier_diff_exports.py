"""Tiers in `diff` (who changed tier between two weightings) and in the exported files."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import selection
from selection.exports import sheets_for, table_for, write_file
from selection.grid import Tier
from selection.scoring import NOT_APPROVED
from selection.sensitivity import tier_acceptability, tier_intervals

from .conftest import TOY_TABLE, tiered


def test_diff_lists_the_producers_that_change_tier(toy_grid: selection.Grid) -> None:
    """At w = 0.9 (q weighs 9 points, l 1): A 0.86 Gold, C 0.645 Silver, B 0.44 and D 0.21 none."""
    old = selection.rank(TOY_TABLE, toy_grid)
    new = selection.rank(TOY_TABLE, toy_grid.with_weights(q=9))
    change = selection.diff(old, new, lang="en")
    assert change.tier_changes is not None
    assert change.tier_changes.to_dict("index") == {
        "B": {"old_tier": "Silver", "new_tier": "none", "old_score": 0.6, "new_score": 0.44}
    } or change.tier_changes.round(12).to_dict("index") == {
        "B": {"old_tier": "Silver", "new_tier": "none", "old_score": 0.6, "new_score": 0.44}
    }
    assert "1 producer changed tier: B Silver → none." in change.summary("en")
    assert change.left == ["B"]


def test_diff_says_when_every_tier_holds(toy_grid: selection.Grid) -> None:
    old = selection.rank(TOY_TABLE, toy_grid)
    change = selection.diff(old, selection.rank(TOY_TABLE, toy_grid.with_weights(q=1.1)))
    assert change.tier_changes is not None and change.tier_changes.empty
    assert "Every producer keeps its tier." in change.summary("en")


def test_diff_between_a_grid_in_tiers_and_one_without(toy_grid: selection.Grid) -> None:
    places = selection.parse_grid(toy_grid.to_yaml().split("select:")[0] + "select: {top: 2}\n")
    change = selection.diff(selection.rank(TOY_TABLE, places), selection.rank(TOY_TABLE, toy_grid))
    assert change.tier_changes is not None
    assert set(change.tier_changes["old_tier"]) == {NOT_APPROVED}
    without = selection.diff(selection.rank(TOY_TABLE, places), selection.rank(TOY_TABLE, places))
    assert without.tier_changes is None


def test_the_ranking_sheet_shows_the_tier_and_its_values(toy_grid: selection.Grid) -> None:
    ranking = selection.rank(TOY_TABLE, toy_grid)
    table = table_for(ranking, "en")
    assert table.columns.tolist()[:11] == [
        "Id",
        "Rank",
        "Score",
        "Eligible",
        "Reason",
        "Decision",
        "Tier",
        "rate",
        "note",
        "Why",
        "Quality",
    ]
    assert table["Tier"].tolist() == ["Gold", "Silver", "Silver", "none", "none"]
    assert table["rate"].tolist() == [0.9, 0.5, 0.5, 0.0, 0.0]
    assert table["note"].tolist() == ["two years", "one year", "one year", "", ""]
    french = table_for(ranking, "fr")
    assert "Palier" in french.columns


def test_no_tier_is_not_approved_in_words(toy_grid: selection.Grid) -> None:
    grid = tiered(toy_grid, Tier("Gold", min_score=0.65))
    assert table_for(selection.rank(TOY_TABLE, grid), "fr")["Palier"].tolist()[-1] == (
        "non approuvé"
    )


def test_the_audit_sheet_shows_recorded_and_grid_tiers(toy_grid: selection.Grid) -> None:
    import pandas as pd

    record = pd.DataFrame({"id": ["A", "B"], "tier": ["Gold", "Gold"]})
    audit = selection.check(TOY_TABLE, toy_grid, decisions=record, level="battery")
    table = table_for(audit, "en")
    assert table.columns.tolist()[:4] == ["Id", "Recorded tier", "Grid's tier", "Same decision"]
    assert table["Grid's tier"].tolist() == ["Gold", "Silver"]
    assert table["Same decision"].tolist() == ["yes", "no"]
    assert table["Explanation"].iloc[1].startswith("The grid puts it in Silver")


def test_a_workbook_holds_the_tier_analyses(toy_grid: selection.Grid, tmp_path: Path) -> None:
    ranking = selection.rank(TOY_TABLE, toy_grid)
    intervals = tier_intervals(ranking, level="battery")
    shares = tier_acceptability(ranking, samples=200, level="battery")
    path = write_file(
        [ranking, intervals, shares], tmp_path / "paliers.xlsx", lang="en", ranking=ranking
    )
    book = load_workbook(path)
    assert book.sheetnames == [
        "Ranking",
        "Tier stability",
        "Tier acceptability",
        "Grid",
        "Summary",
    ]
    names = [sheet.name for sheet in sheets_for(intervals, lang="en", ranking=ranking)]
    assert names == ["Tier stability", "Grid", "Summary"]
    header = [cell.value for cell in book["Tier acceptability"][1]]
    assert header == [
        "Id",
        "Rank under the grid's weights",
        "Tier under the grid's weights",
        "Keeps its tier",
        "Gold",
        "Silver",
        "none",
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tier_columns_in_csv(toy_grid: selection.Grid, tmp_path: Path, lang: str) -> None:
    ranking = selection.rank(TOY_TABLE, toy_grid)
    text = write_file(ranking, tmp_path / "classement.csv", lang=lang).read_text("utf-8-sig")
    assert "Gold" in text and ("Palier" in text if lang == "fr" else "Tier" in text)
