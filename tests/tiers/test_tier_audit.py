"""`check` of recorded tiers: reading them, agreeing, disagreeing, and the explanations worked
out by hand on the toy of :mod:`tests.tiers.conftest`."""

from __future__ import annotations

import pandas as pd
import pytest

import selection
from selection.decisions import load_decisions
from selection.grid import Tier
from selection.scoring import NOT_APPROVED, SELECTED

from .conftest import TOY_TABLE, tiered


def tiers(**recorded: str) -> pd.DataFrame:
    return pd.DataFrame({"id": list(recorded), "tier": list(recorded.values())})


def test_recorded_tiers_are_matched_without_case_or_accents(toy_grid: selection.Grid) -> None:
    record = load_decisions(
        tiers(A="GOLD", B=" silver ", C="Sïlver", D="écarté", E="None"), toy_grid
    )
    assert record.tiers is not None
    assert record.tiers.to_dict() == {
        "A": "Gold",
        "B": "Silver",
        "C": "Silver",
        "D": "none",
        "E": "none",
    }
    assert record.decisions.to_dict() == {
        "A": SELECTED,
        "B": SELECTED,
        "C": SELECTED,
        "D": "rejected",
        "E": "rejected",
    }


def test_a_decision_column_may_hold_the_tiers(toy_grid: selection.Grid) -> None:
    frame = pd.DataFrame({"id": ["A", "D"], "décision": ["gold", "non conventionné"]})
    record = load_decisions(frame, toy_grid)
    assert record.tiers is not None and record.tiers.to_dict() == {"A": "Gold", "D": "none"}


def test_without_an_open_tier_a_rejection_is_no_tier(toy_grid: selection.Grid) -> None:
    grid = tiered(toy_grid, Tier("Gold", min_score=0.65), Tier("Silver", min_score=0.5))
    record = load_decisions(tiers(D="rejected", E="not approved"), grid)
    assert record.tiers is not None
    assert record.tiers.tolist() == [NOT_APPROVED, NOT_APPROVED]


def test_unknown_tiers_are_refused_with_the_grids_labels(toy_grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(tiers(A="Gold", B="Silvr", C="retenu"), toy_grid)
    error = caught.value
    assert error.problem == "recorded tiers that the grid does not have"
    assert error.expected == "one of the grid's tiers: 'Gold', 'Silver', 'none'"
    assert error.found == "'Silvr', 'retenu'"
    assert error.hint == "did you mean 'silver'?"
    assert "producers B, C" in str(error.where)


def test_blank_tiers_are_refused(toy_grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(tiers(A="Gold", B=""), toy_grid)
    assert caught.value.problem == "blank decisions"
    assert caught.value.expected == "a tier of the grid on every row: 'Gold', 'Silver', 'none'"


def test_tiers_that_follow_from_the_grid_agree_fully(toy_grid: selection.Grid) -> None:
    audit = selection.check(
        TOY_TABLE,
        toy_grid,
        decisions=tiers(A="gold", B="Silver", C="silver", D="none", E="none"),
        level="battery",
        lang="en",
    )
    assert audit.tiered and audit.reproduced and audit.agreement == 1.0
    assert audit.confusion.loc["Gold", "Gold"] == 1
    assert audit.confusion.loc["Silver", "Silver"] == 2
    assert audit.confusion.loc["none", "none"] == 2
    assert int(audit.confusion.to_numpy().sum()) == 5
    assert audit.summary("en").startswith(
        "100% of the 5 recorded tiers follow from the grid (tiers: Gold (score ≥ 0.65)"
    )


def test_disagreements_name_the_weight_that_gives_the_recorded_tier(
    toy_grid: selection.Grid,
) -> None:
    """With w the weight of q: B = 0.8 − 0.4 w is Gold (≥ 0.65) for w ≤ 3/8; D = 0.3 − 0.1 w
    never reaches 0.5; E fails the gate l1 ≥ 0.1; A = 0.5 + 0.4 w is Silver for w < 3/8.
    """
    audit = selection.check(
        TOY_TABLE,
        toy_grid,
        decisions=tiers(A="Silver", B="Gold", C="Silver", D="silver", E="Gold"),
        level="battery",
        lang="en",
    )
    assert audit.agreement == pytest.approx(1 / 5)
    assert list(audit.disagreements.index) == ["A", "B", "D", "E"]
    assert audit.confusion.loc["Gold", "Silver"] == 1  # B
    assert audit.confusion.loc["Silver", "Gold"] == 1  # A
    text = audit.disagreements["explanation"].to_dict()
    assert text["B"] == (
        "The grid puts it in Silver (score 0.6 ≥ 0.5: Silver). Gold needs a score of at least "
        "0.65. It would be in Gold with the weight of Quality between 0% and 38% (now 50%), the "
        "other weights in proportion."
    )
    assert text["A"].startswith(
        "The grid puts it in Gold (score 0.7 ≥ 0.65: Gold). Silver needs a score from 0.5 to "
        "below 0.65. It would be in Silver with the weight of Quality between 0% and 38% (now 50%)"
    )
    assert text["D"].endswith("No single weight, moved alone, would put it in Silver.")
    assert text["E"] == (
        "Recorded in Gold, but not eligible under the grid (fails l1 ≥ 0.1 (has 0)): no "
        "weighting can put it there; the committee made an exception to a gate."
    )
    assert audit.disagreements.loc["B", ["recorded", "reproduced"]].tolist() == ["Gold", "Silver"]


def test_the_move_is_exact_for_the_weighted_sum(toy_grid: selection.Grid) -> None:
    audit = selection.check(
        TOY_TABLE, toy_grid, decisions=tiers(B="Gold"), level="battery", lang="en"
    )
    last = audit.explanations["B"].values["parts"].values["second"]  # noqa: PD011
    assert last.values["high"] == pytest.approx(3 / 8, abs=1e-12)  # noqa: PD011


def test_topsis_audits_tiers_too(toy_grid: selection.Grid) -> None:
    audit = selection.check(
        TOY_TABLE,
        toy_grid,
        decisions=tiers(A="Gold", B="Gold", C="Silver", D="none"),
        method="topsis",
        level="battery",
        lang="en",
    )
    assert audit.tiered
    assert set(audit.disagreements.index) <= {"A", "B", "C", "D"}
    for text in audit.disagreements["explanation"]:
        assert text.startswith("The grid puts it in ")


def test_a_record_of_selections_against_a_grid_in_tiers_is_refused(
    toy_grid: selection.Grid,
) -> None:
    places = selection.parse_grid(selection.Grid.to_yaml(toy_grid).split("select:")[0])
    record = load_decisions(pd.DataFrame({"id": ["A"], "decision": ["retenu"]}), places)
    with pytest.raises(selection.DataError) as caught:
        selection.check(TOY_TABLE, toy_grid, decisions=record)
    assert caught.value.problem == "the decisions record no tiers"


def test_weights_are_not_inferred_from_tiers(toy_grid: selection.Grid) -> None:
    with pytest.raises(selection.GridError) as caught:
        selection.infer_weights(TOY_TABLE, toy_grid, decisions=tiers(A="Gold"))
    assert caught.value.problem == "weights are not yet inferred from recorded tiers"
