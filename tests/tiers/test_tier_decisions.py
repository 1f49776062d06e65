"""Decisions of a grid in tiers: each producer's tier, its values and the reason in words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import selection
from selection.grid import SelectionRule, Tier
from selection.scoring import (
    INELIGIBLE,
    NOT_APPROVED,
    NOT_SELECTED,
    SELECTED,
    apply_tiers,
    tier_bands,
)

from .conftest import TOY_TABLE, tiered


def test_the_example_grid_in_tiers_gives_the_score_bands(
    example_tiers_grid: selection.Grid,
) -> None:
    """Issue 13: the shipped example's tiers are the bands [0.75, ∞), [0.55, 0.75), the rest."""
    ranking = selection.rank(selection.example_producers_path(), example_tiers_grid)
    table = ranking.decisions(lang="en").table
    scores = table["score"].astype(float)
    expected = pd.Series("non conventionné", index=table.index, dtype=object)
    expected[scores >= 0.55] = "conventionné 50 %"
    expected[scores >= 0.75] = "conventionné 90 %"
    assert table["tier"].astype(object).tolist() == expected.tolist()
    rates = table["rate"].astype(float)
    assert (
        rates.tolist()
        == expected.map(
            {"conventionné 90 %": 0.9, "conventionné 50 %": 0.5, "non conventionné": 0.0}
        ).tolist()
    )
    approved = table["decision"] == SELECTED
    assert (approved == (scores >= 0.55)).all()
    ineligible = ~ranking.table["eligible"]
    assert (table.loc[ineligible, "decision"] == INELIGIBLE).all()
    assert list(table.columns) == ["rank", "score", "decision", "tier", "rate", "reason"]
    assert table["tier"].value_counts().sum() == len(table)


def test_reasons_say_the_score_the_threshold_and_the_tier(toy_grid: selection.Grid) -> None:
    table = selection.rank(TOY_TABLE, toy_grid).decisions(lang="en").table
    assert table["reason"].to_dict() == {
        "A": "score 0.7 ≥ 0.65: Gold",
        "C": "score 0.625 ≥ 0.5: Silver",
        "B": "score 0.6 ≥ 0.5: Silver",
        "D": "score 0.25 below 0.5: none",
        "E": "fails l1 ≥ 0.1 (has 0)",
    }
    french = selection.rank(TOY_TABLE, toy_grid).decisions(lang="fr").table
    assert french.loc["A", "reason"] == "score 0,7 ≥ 0,65 : Gold"


def test_values_become_columns_numbers_as_numbers_text_as_text(toy_grid: selection.Grid) -> None:
    decisions = selection.rank(TOY_TABLE, toy_grid).decisions(lang="en")
    table = decisions.table
    assert list(table.columns) == ["rank", "score", "decision", "tier", "rate", "note", "reason"]
    assert str(table["rate"].dtype) == "Float64"
    assert table["rate"].to_dict() == {"A": 0.9, "C": 0.5, "B": 0.5, "D": 0.0, "E": 0.0}
    assert table["note"].tolist() == ["two years", "one year", "one year", None, None]
    assert table["decision"].tolist() == [SELECTED, SELECTED, SELECTED, NOT_SELECTED, INELIGIBLE]
    assert table.loc["E", "tier"] == "none"  # ineligible: the open tier, with the gate's reason
    assert decisions.selected == ["A", "C", "B"]
    assert decisions.tier_counts().to_dict() == {"Gold": 1, "Silver": 2, "none": 2}


def test_without_an_open_tier_the_others_are_in_no_tier(toy_grid: selection.Grid) -> None:
    grid = tiered(toy_grid, Tier("Gold", min_score=0.65), Tier("Silver", min_score=0.5))
    decisions = selection.rank(TOY_TABLE, grid).decisions(lang="en")
    table = decisions.table
    assert table["tier"].isna().to_dict() == {
        "A": False,
        "C": False,
        "B": False,
        "D": True,
        "E": True,
    }
    assert table.loc["D", "reason"] == "score 0.25 below 0.5: not approved"
    assert decisions.tier_counts().to_dict() == {"Gold": 1, "Silver": 2, NOT_APPROVED: 2}
    assert decisions.summary("en") == (
        "By tier (tiers: Gold (score ≥ 0.65); Silver (score ≥ 0.5); not approved below 0.5): "
        "Gold: 1; Silver: 2; not approved: 2."
    )
    assert repr(decisions) == (
        "<Decisions in tiers of 5 producers (Gold: 1, Silver: 2, not approved: 2)>"
    )


def test_a_score_on_a_threshold_is_in_the_tier_above() -> None:
    rule = SelectionRule(tiers=(Tier("a", min_score=0.5), Tier("b", min_score=0.25)))
    outcome = apply_tiers(rule, np.array([0.5, 0.25, 0.2499999]))
    assert outcome.bands.tolist() == [0, 1, -1]
    assert tier_bands(np.array([0.5, 0.25, 0.2499999]), (0.5, 0.25)).tolist() == [0, 1, 2]


@pytest.mark.parametrize("method", ["vikor", "spotis"])
def test_methods_where_lower_is_better_take_max_score(
    method: str, example_grid: selection.Grid
) -> None:
    grid = tiered(example_grid, Tier("best", max_score=0.2), Tier("good", max_score=0.5))
    ranking = selection.rank(selection.example_producers_path(), grid, method=method)
    assert not ranking.higher_is_better
    table = ranking.decisions(lang="en").table
    scores = table["score"].astype(float)
    eligible = ranking.table["eligible"]
    expected = np.where(scores <= 0.2, "best", np.where(scores <= 0.5, "good", None))
    got = table["tier"].astype(object).where(table["tier"].notna(), None)
    assert got[eligible].tolist() == list(expected[eligible.to_numpy()])
    good = table.index[(table["tier"] == "good").fillna(False)][0]
    assert table.loc[good, "reason"].endswith("≤ 0.5: good")


def test_tiers_of_the_other_direction_are_refused(example_grid: selection.Grid) -> None:
    grid = tiered(example_grid, Tier("best", min_score=0.7), Tier("rest"))
    ranking = selection.rank(selection.example_producers_path(), grid, method="vikor")
    with pytest.raises(selection.GridError) as caught:
        ranking.decisions(lang="en")
    assert caught.value.problem == "the tiers' thresholds do not fit the method's scores"
    assert caught.value.expected == (
        "`max_score` thresholds: with this method lower scores are better"
    )
    assert caught.value.where == "select.tiers"


def test_a_rule_given_to_decisions_replaces_the_grids(toy_grid: selection.Grid) -> None:
    ranking = selection.rank(TOY_TABLE, toy_grid)
    places = ranking.decisions(SelectionRule(top=1), lang="en").table
    assert "tier" not in places.columns
    assert places["decision"].tolist()[:2] == [SELECTED, NOT_SELECTED]
    tiers = ranking.decisions(SelectionRule(tiers=(Tier("x", min_score=0.61),)), lang="en")
    assert tiers.table["tier"].tolist()[:2] == ["x", "x"]
