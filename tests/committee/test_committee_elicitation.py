"""Elicitation helpers against hand-computed and published values.

Rank-order weights are checked against their closed forms, worked out by hand
as fractions in each test (ROC: Barron & Barrett 1996, *Management Science*
42(11):1515–1523, Table 1 lists the same ROC weights, e.g. .5208 .2708 .1458
.0625 for n = 4). AHP is checked against Saaty (2008), "Decision making with the
analytic hierarchy process", *Int. J. Services Sciences* 1(1):83–98, the example
"Which drink is consumed more in the US?": its judgement matrix, its printed
priorities (3 decimals) and its printed consistency ratio C.R. = .022 (Saaty's
random index 1.32 for n = 7). Tolerances: exact fractions to 1e-12, printed
values to half a unit of their last decimal.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selection.committee import (
    SAATY_RANDOM_INDEX,
    ahp,
    points,
    rank_order_centroid,
    rank_reciprocal,
    rank_sum,
    swing,
)
from selection.committee.elicitation import parse_elicitation, saaty_value
from selection.errors import SelectionWarning, WeightsError

KEYS4 = ["a", "b", "c", "d"]


def as_float(fractions: list[Fraction]) -> list[float]:
    return [float(f) for f in fractions]


def values(weights: dict[str, float]) -> list[float]:
    return list(weights.values())


# -- rank orders -----------------------------------------------------------------------------


def test_rank_order_centroid_n3() -> None:
    """w_k = (1/3) Σ_{i=k}^3 1/i: 11/18, 5/18, 2/18."""
    expected = as_float([Fraction(11, 18), Fraction(5, 18), Fraction(2, 18)])
    got = rank_order_centroid(["locality", "quality", "accessibility"])
    assert list(got) == ["locality", "quality", "accessibility"]
    np.testing.assert_allclose(values(got), expected, rtol=0, atol=1e-12)


def test_rank_order_centroid_n4_matches_barron_barrett() -> None:
    """(1/4)(25/12), (1/4)(13/12), (1/4)(7/12), (1/4)(3/12) = 25/48, 13/48, 7/48, 3/48.

    Barron & Barrett (1996), Table 1, print .5208 .2708 .1458 .0625.
    """
    expected = as_float([Fraction(25, 48), Fraction(13, 48), Fraction(7, 48), Fraction(3, 48)])
    got = values(rank_order_centroid(KEYS4))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got, [0.5208, 0.2708, 0.1458, 0.0625], rtol=0, atol=0.00005)


def test_rank_sum_n3_and_n4() -> None:
    """2(n+1−k)/(n(n+1)): 3/6, 2/6, 1/6 for n = 3; 4/10 … 1/10 for n = 4."""
    np.testing.assert_allclose(
        values(rank_sum(["x", "y", "z"])), [1 / 2, 1 / 3, 1 / 6], atol=1e-12
    )
    np.testing.assert_allclose(values(rank_sum(KEYS4)), [0.4, 0.3, 0.2, 0.1], atol=1e-12)


def test_rank_reciprocal_n3_and_n4() -> None:
    """(1/k)/Σ1/i: Σ = 11/6 → 6/11, 3/11, 2/11; Σ = 25/12 → 12/25, 6/25, 4/25, 3/25."""
    np.testing.assert_allclose(
        values(rank_reciprocal(["x", "y", "z"])), [6 / 11, 3 / 11, 2 / 11], atol=1e-12
    )
    np.testing.assert_allclose(
        values(rank_reciprocal(KEYS4)), [0.48, 0.24, 0.16, 0.12], atol=1e-12
    )


def test_ties_share_the_mean_of_their_positions() -> None:
    """ROC n = 3 with the last two tied: 11/18, then (5/18 + 2/18) / 2 = 7/36 each."""
    got = rank_order_centroid(["a", ["b", "c"]])
    np.testing.assert_allclose(values(got), [11 / 18, 7 / 36, 7 / 36], atol=1e-12)
    everything_tied = rank_sum([["a", "b", "c", "d"]])
    np.testing.assert_allclose(values(everything_tied), [0.25] * 4, atol=1e-12)


@given(
    st.lists(st.text("abcdefgh", min_size=1, max_size=3), min_size=1, max_size=12, unique=True),
    st.sampled_from([rank_order_centroid, rank_sum, rank_reciprocal]),
)
def test_order_weights_sum_to_one_and_never_increase(order: list[str], method: object) -> None:
    weights = method(order)  # type: ignore[operator]
    assert list(weights) == order
    w = np.array(values(weights))
    assert abs(w.sum() - 1) < 1e-12
    assert (np.diff(w) <= 1e-15).all()
    assert (w > 0).all()


@pytest.mark.parametrize(
    ("order", "where", "problem"),
    [
        ([], "order", "expected an importance order"),
        ("quality", "order", "expected an importance order"),
        (["a", "b", "a"], "order[2]", "'a' appears twice"),
        (["a", ["b", "a"]], "order[1][1]", "'a' appears twice"),
        (["a", []], "order[1]", "expected a key, or a list of keys"),
        (["a", 3], "order[1]", "expected a key, or a list of keys"),
    ],
)
def test_bad_orders(order: object, where: str, problem: str) -> None:
    with pytest.raises(WeightsError) as info:
        rank_order_centroid(order)  # type: ignore[arg-type]
    assert info.value.where == where
    assert problem in info.value.problem


# -- points and SWING ------------------------------------------------------------------------


def test_points_are_shares() -> None:
    assert points({"quality": 30, "locality": 20, "accessibility": 50}) == {
        "quality": 0.3,
        "locality": 0.2,
        "accessibility": 0.5,
    }


def test_swing_normalizes_the_ratings() -> None:
    """100, 70, 40 → 100/210, 70/210, 40/210."""
    got = swing({"quality": 100, "accessibility": 70, "locality": 40})
    np.testing.assert_allclose(values(got), [100 / 210, 70 / 210, 40 / 210], atol=1e-12)


@pytest.mark.parametrize(
    ("scores", "where", "problem", "hint"),
    [
        ({"q": 100, "l": 120}, "swing.l", "at most 100", "give 100 to the swing"),
        ({"q": 10, "l": 7}, "swing", "no swing is rated 100", "rate q 100"),
        ({"q": 100, "l": -5}, "swing.l", "non-negative", "give 0"),
        ({"q": 100, "l": "much"}, "swing.l", "expected a number", None),
    ],
)
def test_bad_swing(scores: dict[str, object], where: str, problem: str, hint: str | None) -> None:
    with pytest.raises(WeightsError) as info:
        swing(scores)  # type: ignore[arg-type]
    assert info.value.where == where
    assert problem in info.value.problem
    if hint:
        assert hint in (info.value.hint or "")


def test_points_refuse_nothing_to_share() -> None:
    with pytest.raises(WeightsError) as info:
        points({"q": 0, "l": 0})
    assert info.value.found == "all 0"


# -- AHP -------------------------------------------------------------------------------------

DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
# Saaty (2008), "Which drink is consumed more in the US?": row i over column j.
DRINKS_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_PRIORITIES = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]


def test_saaty_random_indices() -> None:
    """Saaty (1980), p. 21: RI for n = 1..10."""
    assert SAATY_RANDOM_INDEX == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


def test_ahp_drinks_example_saaty_2008() -> None:
    """Published priorities (3 decimals) and C.R. = .022 (Saaty's RI = 1.32 for n = 7)."""
    result = ahp(DRINKS_MATRIX, keys=DRINKS)
    assert list(result.weights) == DRINKS
    np.testing.assert_allclose(values(result.weights), DRINKS_PRIORITIES, rtol=0, atol=0.0005)
    assert result.random_index == 1.32
    assert result.consistency_ratio == pytest.approx(0.022, abs=0.0005)
    assert result.consistent
    assert result.consistency_index == pytest.approx((result.lambda_max - 7) / 6, rel=1e-12)


def test_ahp_drinks_from_the_upper_triangle_gives_the_same() -> None:
    """The same example written as a weights file would: each pair once, fractions as text."""
    upper = {
        a: {
            b: (str(int(v)) if v >= 1 else f"1/{round(1 / v)}")
            for b, v in zip(DRINKS[i + 1 :], DRINKS_MATRIX[i][i + 1 :], strict=True)
        }
        for i, a in enumerate(DRINKS[:-1])
    }
    result = ahp(upper)
    reference = ahp(DRINKS_MATRIX, keys=DRINKS)
    np.testing.assert_allclose(values(result.weights), values(reference.weights), atol=1e-12)
    assert result.consistency_ratio == pytest.approx(reference.consistency_ratio, abs=1e-12)


def test_ahp_consistency_index_agrees_with_pymcdm() -> None:
    """pymcdm's CR uses Tummala & Ling's RI (1.3322 for n = 7): CI is the same."""
    from pymcdm.weights.subjective import AHP

    result = ahp(DRINKS_MATRIX, keys=DRINKS)
    pymcdm = AHP(matrix=np.array(DRINKS_MATRIX))
    pymcdm()
    assert result.consistency_index == pytest.approx(pymcdm.get_cr() * AHP.RI_M[6], rel=1e-9)


def test_ahp_consistent_matrix() -> None:
    """a_ij = w_i / w_j with w ∝ 4, 2, 1: weights 4/7, 2/7, 1/7, λ_max = 3, CR = 0."""
    result = ahp(
        {"quality": {"locality": 2, "accessibility": 4}, "locality": {"accessibility": 2}}
    )
    np.testing.assert_allclose(values(result.weights), [4 / 7, 2 / 7, 1 / 7], atol=1e-12)
    assert result.lambda_max == pytest.approx(3, abs=1e-12)
    assert result.consistency_ratio == 0
    assert result.worst is None


def test_ahp_two_items_is_always_consistent() -> None:
    result = ahp({"quality": {"price": "1/3"}})
    assert result.weights == pytest.approx({"quality": 0.25, "price": 0.75}, abs=1e-12)
    assert result.consistency_ratio == 0


def test_ahp_warns_above_saaty_threshold_and_names_the_worst_judgement() -> None:
    """q ≫ l, l ≫ a but a ≫ q: a cycle, as inconsistent as it gets."""
    cycle = {"q": {"l": 9, "a": "1/9"}, "l": {"a": 9}}
    with pytest.warns(SelectionWarning, match="consistency ratio") as record:
        result = ahp(cycle)
    assert result.consistency_ratio > 0.1
    assert not result.consistent
    assert "review" in str(record[0].message)
    assert result.worst is not None and result.worst[2] == 9
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ahp(cycle, warn=False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1.0),
        ("3", 3.0),
        (9, 9.0),
        ("1/3", 1 / 3),
        (" 1 / 9 ", 1 / 9),
        (0.33, 1 / 3),
        (0.2, 0.2),
    ],
)
def test_saaty_values(value: object, expected: float) -> None:
    assert saaty_value(value) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize(("value", "expected"), [(2.5, 2.5), ("2,5", 2.5), ("1/1.5", 1 / 1.5)])
def test_values_between_the_scale_points_are_kept(value: object, expected: float) -> None:
    """Saaty allows judgements between the points (issue 9); the AHP result notes them."""
    assert saaty_value(value) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("value", [10, 0, -3, "1/10", "beaucoup", True, None, 0.1])
def test_values_off_saaty_scale(value: object) -> None:
    with pytest.raises(WeightsError) as info:
        saaty_value(value, "pairwise.q.l")
    assert info.value.where == "pairwise.q.l"
    assert "1 to 9" in (info.value.expected or "")
    assert info.value.found == repr(value)


@pytest.mark.parametrize(
    ("comparisons", "where", "problem"),
    [
        ({"q": {"l": 3}, "l": {"q": "1/3"}}, "pairwise.l.q", "compared twice"),
        ({"q": {"q": 1}}, "pairwise.q.q", "compared with itself"),
        ({"q": {"l": 3}, "l": {"a": 2}}, "pairwise", "missing comparisons"),
        ({"q": 3}, "pairwise.q", "expected the comparisons"),
    ],
)
def test_bad_pairwise(comparisons: dict[str, object], where: str, problem: str) -> None:
    with pytest.raises(WeightsError) as info:
        ahp(comparisons)  # type: ignore[arg-type]
    assert info.value.where == where
    assert problem in info.value.problem


def test_bad_matrices() -> None:
    with pytest.raises(WeightsError, match="needs its keys"):
        ahp([[1, 3], [1 / 3, 1]])
    with pytest.raises(WeightsError, match="not reciprocal") as info:
        ahp([[1, 3], [3, 1]], keys=["a", "b"])
    assert info.value.where == "matrix[1][0]"
    with pytest.raises(WeightsError, match="square"):
        ahp([[1, 3, 1]], keys=["a"])
    with pytest.raises(WeightsError, match="too many items"):
        ahp(np.ones((11, 11)), keys=list("abcdefghijk"))


@st.composite
def saaty_matrices(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(2, 7))
    scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]
    matrix = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            value = draw(st.sampled_from(scale))
            matrix[i, j], matrix[j, i] = value, 1 / value
    return matrix


@given(saaty_matrices(), st.randoms(use_true_random=False))
def test_ahp_invariants(matrix: np.ndarray, random: object) -> None:
    """Weights are positive and sum to 1, CR ≥ 0; relabelling the items relabels the weights."""
    n = len(matrix)
    keys = [f"k{i}" for i in range(n)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SelectionWarning)
        result = ahp(matrix, keys=keys)
        permutation = list(range(n))
        random.shuffle(permutation)  # type: ignore[attr-defined]
        shuffled = ahp(
            matrix[np.ix_(permutation, permutation)], keys=[keys[i] for i in permutation]
        )
    w = np.array(values(result.weights))
    assert abs(w.sum() - 1) < 1e-9 and (w > 0).all()
    assert result.consistency_ratio >= 0
    for key in keys:
        assert shuffled.weights[key] == pytest.approx(result.weights[key], abs=1e-9)
    assert shuffled.consistency_ratio == pytest.approx(result.consistency_ratio, abs=1e-9)


def test_parse_elicitation() -> None:
    assert parse_elicitation("Rank Order Centroid").value == "rank_order_centroid"
    with pytest.raises(WeightsError) as info:
        parse_elicitation("rank_centroid")
    assert info.value.hint == "did you mean 'rank_order_centroid'?"
