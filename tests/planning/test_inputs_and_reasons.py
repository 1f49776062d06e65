"""Bad inputs get errors that say where and why; shortfalls get their reason.

Errors name the file, the row (as a spreadsheet numbers it) and the column; a shortfall
is never a traceback: every unmet need says which constraint is at fault.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import selection
from selection.planning import Shortfall, read_needs, read_offers
from tests.planning import toys

PRODUCERS = toys.producers(["P1", "P2", "P3"], {"P1": 0.9, "P2": 0.5, "P3": 0.2})


def needs(**changes: Any) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "store": ["Panier", "Noailles"],
            "product": ["gombo", "gombo"],
            "period": ["2027-W30", "2027-W30"],
            "quantity": [10, 10],
        }
    )
    return frame.assign(**changes)


def offers(**changes: Any) -> pd.DataFrame:
    frame = pd.DataFrame(
        {"producer": ["P1"], "product": ["gombo"], "capacity": [30], "price": [5]}
    )
    return frame.assign(**changes)


def plan(**arguments: Any) -> selection.Plan:
    arguments.setdefault("needs", needs())
    arguments.setdefault("offers", offers())
    return selection.plan(PRODUCERS, toys.GRID, **arguments)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- errors ------------------------------------------------------------------------------------


def test_a_producer_not_in_the_table(tmp_path: Path) -> None:
    path = write(
        tmp_path, "offers.csv", "producer;product;capacity;price\nP1;gombo;5;2\nP4;gombo;5;2\n"
    )
    with pytest.raises(selection.DataError) as caught:
        plan(offers=path)
    error = caught.value
    assert "offers.csv, row 3, column 'producer'" in str(error.where)
    assert "'P4' is not in the producer table" in error.problem
    assert error.hint is not None and "P1" in error.hint


def test_a_negative_quantity(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "needs.csv",
        "épicerie;produit;semaine;quantité\nPanier;gombo;2027-W30;4\nPanier;piment;2027-W30;-2\n",
    )
    with pytest.raises(selection.DataError) as caught:
        plan(needs=path)
    assert "needs.csv, row 3, column 'quantité'" in str(caught.value.where)
    assert caught.value.found == "'-2'"
    assert "≥ 0" in str(caught.value.expected)


def test_a_period_not_in_the_needs() -> None:
    labels = needs(period=["summer", "summer"])
    with pytest.raises(selection.DataError) as caught:
        plan(needs=labels, offers=offers(period=["sumer"]))
    assert "period 'sumer' is not in the needs" in caught.value.problem
    assert "summer" in str(caught.value.hint)


def test_a_week_outside_the_needs_is_left_out_with_a_note() -> None:
    result = plan(offers=offers(period=["2027-W45"]))
    assert result.allocation.empty
    assert any("outside the needs' weeks" in str(note) for note in result.notes)
    assert set(result.unmet["codes"]) == {"no_offer"}


def test_a_missing_column() -> None:
    with pytest.raises(selection.DataError) as caught:
        plan(offers=offers().rename(columns={"capacity": "capacty"}))
    assert "no column 'capacity'" in caught.value.problem
    assert "capacty" in str(caught.value.hint)


def test_a_price_that_is_not_a_number() -> None:
    with pytest.raises(selection.DataError) as caught:
        plan(offers=offers(price=["cinq"]))
    assert "'price' must be a number" in caught.value.problem
    assert "row 2" in str(caught.value.where)


def test_a_minimum_above_the_capacity() -> None:
    with pytest.raises(selection.DataError) as caught:
        plan(offers=offers(min_quantity=[40]))
    assert "above the capacity" in caught.value.problem


def test_overlapping_seasons() -> None:
    twice = pd.DataFrame(
        {
            "producer": ["P1", "P1"],
            "product": ["gombo", "Gombo"],
            "from": ["2027-W27", "2027-W30"],
            "to": ["2027-W35", "2027-W40"],
            "capacity": [10, 10],
            "price": [5, 5],
        }
    )
    with pytest.raises(selection.DataError) as caught:
        plan(offers=twice)
    assert "rows 2, 3" in str(caught.value.where)


def test_a_season_backwards() -> None:
    with pytest.raises(selection.DataError) as caught:
        plan(offers=offers(**{"from": ["2027-W40"], "to": ["2027-W30"]}))
    assert "ends before it starts" in caught.value.problem


def test_units_convert_or_are_refused() -> None:
    in_kg = needs(unit=["kg", "kg"])
    grams = offers(unit=["g"], capacity=[15000], price=[0.005], pack=[500])
    result = plan(needs=in_kg, offers=grams)
    assert result.totals["met"] == pytest.approx(15.0)
    assert result.allocation["price"].iloc[0] == pytest.approx(5.0)
    with pytest.raises(selection.DataError) as caught:
        plan(needs=in_kg, offers=offers(unit=["botte"]))
    assert "offered in botte but needed in kg" in caught.value.problem


def test_a_need_listed_twice() -> None:
    with pytest.raises(selection.DataError) as caught:
        plan(needs=needs(store=["Panier", "Panier"]))
    assert "listed twice" in caught.value.problem
    assert "rows 2, 3" in str(caught.value.where)


def test_a_route_to_a_store_without_needs() -> None:
    costs = pd.DataFrame({"producer": ["P1"], "store": ["Panie"], "cost": [0.1]})
    with pytest.raises(selection.DataError) as caught:
        plan(costs=costs)
    assert "'Panie' has no needs" in caught.value.problem
    assert "Panier" in str(caught.value.hint)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"objective": ["coverage", "scor"]}, "did you mean 'score'"),
        ({"objective": ["cost", "coverage"]}, "coverage first"),
        ({"max_share": 0}, "above 0"),
        ({"max_share": 1.5}, "(0, 1]"),
        ({"time_limit": -1}, "seconds"),
        ({"budget": "much"}, "budget"),
        ({"fair_shortfall": "yes"}, "True or False"),
    ],
)
def test_bad_arguments(arguments: dict[str, Any], words: str) -> None:
    with pytest.raises(selection.ArgumentError) as caught:
        plan(**arguments)
    assert words in str(caught.value)


def test_empty_needs() -> None:
    with pytest.raises(selection.DataError) as caught:
        plan(needs=needs(quantity=[0, 0]))
    assert "asks for nothing" in caught.value.problem


def test_readers_alone() -> None:
    read = read_needs(needs(max_price=["4,5", ""]))
    assert read.table["max_price"].tolist() == [4.5, float("inf")]
    assert read.periods.iso
    offered = read_offers(offers(period=[""]), read, ["P1"])
    assert offered.table["period"].tolist() == ["2027-W30"]


# -- reasons -----------------------------------------------------------------------------------


def codes(result: selection.Plan) -> dict[str, str]:
    return dict(zip(result.unmet["store"], result.unmet["codes"], strict=True))


def test_a_product_no_one_offers() -> None:
    result = plan(
        needs=needs(product=["patate douce", "gombo"]), offers=offers(product=["patates douces"])
    )
    unmet = result.unmet.set_index("store")
    assert unmet.loc["Panier", "codes"] == Shortfall.NO_OFFER
    assert "no producer offers patate douce" in unmet.loc["Panier", "reason"]
    assert "patates douces" in unmet.loc["Panier", "reason"]  # the close spelling is shown
    assert any("no store needs 'patates douces'" in str(n) for n in result.notes)


def test_capacity() -> None:
    result = plan(offers=offers(capacity=[15]))
    assert result.totals["met"] == pytest.approx(15)
    assert set(result.unmet["codes"]) == {Shortfall.CAPACITY}


def test_price_ceiling() -> None:
    result = plan(needs=needs(max_price=[4, 6]))
    assert codes(result) == {"Panier": Shortfall.PRICE_CEILING}
    assert "above the price ceiling of 4.00" in result.unmet["reason"].iloc[0]


def test_budget() -> None:
    result = plan(budget=40)  # 8 units at 5 each, per store
    assert result.totals["met"] == pytest.approx(16)
    assert set(result.unmet["codes"]) == {Shortfall.BUDGET}
    assert (result.allocation.groupby("store")["amount"].sum() <= 40 + 1e-9).all()


def test_minimum_quantity() -> None:
    small = needs(quantity=[3, 2])
    result = plan(needs=small, offers=offers(min_quantity=[8]))
    assert result.allocation.empty
    assert set(result.unmet["codes"]) == {Shortfall.MIN_QUANTITY}


def test_pack() -> None:
    result = plan(offers=offers(pack=[4]))
    assert (result.allocation["quantity"] == 8).all()
    assert set(result.unmet["codes"]) == {Shortfall.PACK}


def test_max_share() -> None:
    result = plan(max_share=0.6)
    assert (result.allocation["quantity"] <= 6 + 1e-9).all()
    assert set(result.unmet["codes"]) == {Shortfall.MAX_SHARE}
    two = offers(producer=["P1"]).pipe(
        lambda f: pd.concat([f, f.assign(producer="P2")], ignore_index=True)
    )
    assert plan(max_share=0.6, offers=two).unmet.empty


def test_ineligible_producers_only() -> None:
    gated = toys.GRID.__class__(
        **{**toys.GRID.__dict__, "eligibility": (selection.Gate(column="quality", min=0.8),)}
    )
    result = selection.plan(PRODUCERS, gated, needs=needs(), offers=offers(producer=["P3"]))
    assert set(result.unmet["codes"]) == {Shortfall.INELIGIBLE}
    assert "P3" in result.unmet["reason"].iloc[0]


def test_fair_shortfall_shares_the_shortfall_out() -> None:
    unfair = plan(offers=offers(capacity=[10]), needs=needs(quantity=[10, 20]))
    fair = plan(offers=offers(capacity=[10]), needs=needs(quantity=[10, 20]), fair_shortfall=True)
    assert unfair.totals["met"] == pytest.approx(10)
    assert fair.totals["met"] == pytest.approx(10)
    shares = fair.coverage("store")["coverage"]
    assert shares.max() - shares.min() < 1e-6


def test_the_score_stage_prefers_the_best_ranked_producer() -> None:
    two = pd.DataFrame(
        {"producer": ["P1", "P3"], "product": "gombo", "capacity": [20, 20], "price": [6, 4]}
    )
    by_score = plan(offers=two)
    assert set(by_score.allocation["producer"]) == {"P1"}
    by_cost = plan(offers=two, objective=["coverage", "cost"])
    assert set(by_cost.allocation["producer"]) == {"P3"}


def test_explain_and_ceiling_gain() -> None:
    two = pd.DataFrame(
        {"producer": ["P1", "P2"], "product": "gombo", "capacity": [10, 20], "price": [4, 7]}
    )
    result = plan(offers=two, needs=needs(max_price=[5, 5]))
    text = result.explain("P1", lang="en")
    assert "grid rank 1" in text and "gombo" in text and "100% used" in text
    assert "P2 (rank 2, 7.00" in text
    gain = result.ceiling_gain("Panier")
    assert gain.loc["gombo", "new_max_price"] == pytest.approx(7)
    assert gain.loc["gombo", "gained"] > 0
    with pytest.raises(selection.DataError):
        result.explain("P9")
    with pytest.raises(selection.ArgumentError):
        result.ceiling_gain("Panierr")


def test_results_print_in_one_line_and_in_words() -> None:
    result = plan()
    assert "\n" not in repr(result) and repr(result).startswith("<Plan")
    assert "units needed are met" in result.summary(lang="en")
    assert "unités demandées sont couvertes" in result.summary(lang="fr")
    assert len(result.to_frame()) == len(result.allocation)
