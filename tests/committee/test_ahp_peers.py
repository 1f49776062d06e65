"""AHP against AHPy's published cases, priorities, and judgements between the scale points.

AHPy (PhilipGriffith/AHPy), tests/test_ahp.py, commit 4be50e8: Saaty's drinks
example (Saaty 2008, "Decision making with the analytic hierarchy process",
Int. J. Services Sciences 1(1):83-98) and the cities example (Saaty 2005,
*Theory and Applications of the Analytic Network Process*), whose judgements
include 1.5, 2.5 and 3.5: between Saaty's scale points (issue 9).
AHPy's weights come from the principal eigenvector (its power method), rounded
to its `precision`: compared to half a unit of the last printed decimal (plus
AHPy's own rounding of the intermediate local weights for the cities).
"""

from __future__ import annotations

import numpy as np
import pytest

from selection.committee import ahp
from selection.committee.elicitation import on_scale
from selection.errors import WeightsError


def upper(pairs: dict[tuple[str, str], float]) -> dict[str, dict[str, float]]:
    """AHPy's {(a, b): v} (a matters v times as much as b) as our mapping of pairs."""
    out: dict[str, dict[str, float]] = {}
    for (a, b), value in pairs.items():
        out.setdefault(a, {})[b] = value
    return out


DRINKS = {
    ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
    ("coffee", "milk"): 1, ("water", "coffee"): 2, ("water", "wine"): 9, ("water", "tea"): 9,
    ("water", "beer"): 3, ("water", "soda"): 2, ("water", "milk"): 3, ("tea", "wine"): 3,
    ("beer", "wine"): 9, ("beer", "tea"): 3, ("beer", "milk"): 1, ("soda", "wine"): 9,
    ("soda", "tea"): 4, ("soda", "beer"): 2, ("soda", "milk"): 2, ("milk", "wine"): 9,
    ("milk", "tea"): 3,
}  # fmt: skip


def test_saaty_drinks_weights_and_consistency() -> None:
    """AHPy test_drinks_weights_precision_4_dd and test_drinks_cr_saaty (RI of Saaty)."""
    result = ahp(upper(DRINKS))
    expected = {
        "beer": 0.1164, "coffee": 0.1775, "milk": 0.1288, "soda": 0.1896,
        "tea": 0.0418, "water": 0.3268, "wine": 0.0191,
    }  # fmt: skip
    for key, weight in expected.items():
        assert result.weights[key] == pytest.approx(weight, abs=0.00005), key
    assert result.consistency_ratio == pytest.approx(0.022, abs=0.0005)
    assert result.notes == ()


CRITERIA = {
    ("Culture", "Housing"): 3, ("Culture", "Transportation"): 5, ("Family", "Culture"): 5,
    ("Family", "Housing"): 7, ("Family", "Transportation"): 7, ("Housing", "Transportation"): 3,
    ("Jobs", "Culture"): 2, ("Jobs", "Housing"): 4, ("Jobs", "Transportation"): 7,
    ("Family", "Jobs"): 1,
}  # fmt: skip
CHILDREN = {
    "Culture": {
        ("Bethesda", "Pittsburgh"): 1, ("Boston", "Bethesda"): 2, ("Boston", "Pittsburgh"): 2.5,
        ("Boston", "Santa Fe"): 1, ("Santa Fe", "Bethesda"): 2, ("Santa Fe", "Pittsburgh"): 2.5,
    },
    "Family": {
        ("Bethesda", "Boston"): 2, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2,
        ("Pittsburgh", "Bethesda"): 3, ("Pittsburgh", "Boston"): 8, ("Pittsburgh", "Santa Fe"): 9,
    },
    "Housing": {
        ("Bethesda", "Boston"): 5, ("Bethesda", "Santa Fe"): 2.5, ("Pittsburgh", "Bethesda"): 2,
        ("Pittsburgh", "Boston"): 9, ("Pittsburgh", "Santa Fe"): 7, ("Santa Fe", "Boston"): 4,
    },
    "Jobs": {
        ("Bethesda", "Pittsburgh"): 3, ("Bethesda", "Santa Fe"): 4, ("Boston", "Bethesda"): 2,
        ("Boston", "Pittsburgh"): 6, ("Boston", "Santa Fe"): 8, ("Pittsburgh", "Santa Fe"): 1,
    },
    "Transportation": {
        ("Bethesda", "Boston"): 1.5, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2.5,
        ("Pittsburgh", "Bethesda"): 2, ("Pittsburgh", "Boston"): 3.5,
        ("Pittsburgh", "Santa Fe"): 9,
    },
}  # fmt: skip


def test_saaty_cities_with_judgements_between_the_scale_points() -> None:
    """AHPy test_cities_weights_dd_precision_4: global weights of the four cities."""
    criteria = ahp(upper(CRITERIA)).weights
    totals: dict[str, float] = {}
    for criterion, pairs in CHILDREN.items():
        local = ahp(upper(pairs), warn=False)
        for city, weight in local.weights.items():
            totals[city] = totals.get(city, 0.0) + criteria[criterion] * weight
    expected = {"Bethesda": 0.2291, "Boston": 0.2748, "Pittsburgh": 0.3852, "Santa Fe": 0.1110}
    for city, weight in expected.items():
        # AHPy rounds each local weight to 4 decimals before combining: 1e-4 more.
        assert totals[city] == pytest.approx(weight, abs=0.00015), city


def test_between_the_scale_points_is_accepted_with_a_note() -> None:
    result = ahp(upper(CHILDREN["Transportation"]), warn=False)
    (note,) = result.notes
    assert note.code == "ahp.between_points"
    assert note.render("en").startswith("3 judgements between Saaty's scale points (")
    assert "2,5" in note.render("fr")
    assert on_scale(3.0) and on_scale(1 / 7) and not on_scale(1.5) and not on_scale(1 / 2.5)


def test_a_judgement_outside_one_ninth_to_nine_is_refused() -> None:
    for value in (10, 0.1, 0, -2, "1/12"):
        with pytest.raises(WeightsError) as info:
            ahp({"a": {"b": value}})
        assert info.value.where == "pairwise.a.b"
        assert "from 1 to 9" in (info.value.expected or "")


def test_approximate_priorities_by_hand() -> None:
    """Saaty's approximation: each row's mean of the column-normalized matrix.

    A = [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]: column sums 23/15, 9/2, 8;
    row means (15/23 + 2/3 + 5/8) / 3, (5/23 + 2/9 + 1/4) / 3, (3/23 + 1/9 + 1/8) / 3.
    """
    result = ahp({"a": {"b": 3, "c": 5}, "b": {"c": 2}}, priorities="approximate")
    expected = [
        (15 / 23 + 2 / 3 + 5 / 8) / 3,
        (5 / 23 + 2 / 9 + 1 / 4) / 3,
        (3 / 23 + 1 / 9 + 1 / 8) / 3,
    ]
    np.testing.assert_allclose(list(result.weights.values()), expected, atol=1e-12)
    assert result.priorities == "approximate"
    eigen = ahp({"a": {"b": 3, "c": 5}, "b": {"c": 2}})
    assert eigen.consistency_ratio == result.consistency_ratio
    assert max(abs(eigen.weights[k] - result.weights[k]) for k in "abc") < 0.001


def test_consistent_judgements_give_the_same_priorities_both_ways() -> None:
    pairs = {"a": {"b": 2, "c": 4}, "b": {"c": 2}}
    eigen, approximate = ahp(pairs), ahp(pairs, priorities="approximate")
    for key in "abc":
        assert eigen.weights[key] == pytest.approx(approximate.weights[key], abs=1e-12)


def test_an_unknown_way_of_deriving_priorities() -> None:
    with pytest.raises(WeightsError) as info:
        ahp({"a": {"b": 3}}, priorities="geometric")
    assert info.value.where == "priorities"
    assert info.value.found == "'geometric'"
