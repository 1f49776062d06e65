"""Properties of the numpy kernels (Hypothesis): ranks, normalizations, scores.

Matrices are drawn on a quarter-point grid (0, 0.25, ..., 25): ties, zeros and
constant columns are frequent.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

from selection.engines import (
    Normalization,
    best_first,
    competition_ranks,
    topsis_scores,
    wsm_scores,
)
from selection.engines.normalization import normalize
from selection.engines.ranks import holistic
from tests.strategies import quarter_points

SETTINGS = settings(max_examples=60, deadline=None)


def matrices(min_rows: int = 1) -> st.SearchStrategy[NDArray[np.float64]]:
    """(n, m) matrices of quarter points, 1 ≤ m ≤ 5 and `min_rows` ≤ n ≤ 8."""
    shapes = st.tuples(st.integers(min_rows, 8), st.integers(1, 5))
    return shapes.flatmap(lambda shape: hnp.arrays(np.float64, shape, elements=quarter_points))


def weight_rows(m: int, count: int = 1) -> st.SearchStrategy[NDArray[np.float64]]:
    """(count, m) non-negative weight rows with a positive sum, normalized to 1."""
    rows = hnp.arrays(np.float64, (count, m), elements=st.integers(0, 10).map(float))
    return rows.filter(lambda w: (w.sum(axis=1) > 0).all()).map(
        lambda w: w / w.sum(axis=1, keepdims=True)
    )


@SETTINGS
@given(
    hnp.arrays(np.float64, st.integers(1, 12), elements=quarter_points),
    st.booleans(),
    st.data(),
)
def test_ranks_follow_the_producers_when_they_are_reordered(
    scores: NDArray[np.float64], higher_is_better: bool, data: st.DataObject
) -> None:
    """Competition ranks are equivariant: reordering the scores reorders their ranks."""
    order = np.array(data.draw(st.permutations(range(len(scores)))))
    ranks = competition_ranks(scores, higher_is_better=higher_is_better)
    again = competition_ranks(scores[order], higher_is_better=higher_is_better)
    np.testing.assert_array_equal(again, ranks[order])


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 12), elements=quarter_points), st.data())
def test_the_k_best_are_the_head_of_the_full_ranking(
    scores: NDArray[np.float64], data: st.DataObject
) -> None:
    """``best_first(scores, k)`` gives the first k ranks of the full ranking, and its
    producers have the k best scores (ties at the cut may be any of the tied)."""
    k = data.draw(st.integers(1, len(scores)))
    order, ranks = best_first(scores, k)
    full_order, full_ranks = best_first(scores)
    np.testing.assert_array_equal(ranks, full_ranks[:k])
    np.testing.assert_array_equal(np.sort(scores[order])[::-1], np.sort(scores)[::-1][:k])
    np.testing.assert_array_equal(competition_ranks(scores)[order], ranks)
    assert len(set(order.tolist())) == k
    assert (np.diff(scores[full_order]) <= 0).all()


@SETTINGS
@given(
    matrices(min_rows=2),
    st.sampled_from([Normalization.MINMAX, Normalization.SCALE, Normalization.VECTOR]),
    st.data(),
)
def test_bounded_normalizations_stay_between_zero_and_one(
    values: NDArray[np.float64], how: Normalization, data: st.DataObject
) -> None:
    """minmax, scale (values beyond the declared bounds count as the bound) and vector
    (on non-negative values) give numbers in [0, 1], and 1 to a constant column."""
    m = values.shape[1]
    directions = np.array(data.draw(st.lists(st.sampled_from([1, -1]), min_size=m, max_size=m)))
    bounds = np.tile([2.0, 20.0], (m, 1))
    out = normalize(values, directions, bounds, how, [f"c{j}" for j in range(m)])
    assert out.shape == values.shape
    assert np.isfinite(out).all()
    assert (out >= -1e-12).all() and (out <= 1 + 1e-12).all(), out
    constant = values.min(axis=0) == values.max(axis=0)
    if how is Normalization.MINMAX:
        np.testing.assert_array_equal(out[:, constant], 1.0)


@SETTINGS
@given(matrices(), st.data())
def test_weighted_sums_are_linear_in_the_weights(
    normalized: NDArray[np.float64], data: st.DataObject
) -> None:
    """wsm(a w1 + b w2) = a wsm(w1) + b wsm(w2), row by row of a batch."""
    m = normalized.shape[1]
    w = data.draw(weight_rows(m, count=2))
    a, b = data.draw(st.tuples(st.integers(0, 5), st.integers(0, 5)))
    mixed = wsm_scores(normalized, (a * w[0] + b * w[1])[None, :])[0]
    parts = wsm_scores(normalized, w)
    np.testing.assert_allclose(mixed, a * parts[0] + b * parts[1], rtol=1e-12, atol=1e-10)


@SETTINGS
@given(matrices(min_rows=2), st.data())
def test_topsis_closeness_lies_between_zero_and_one(
    normalized: NDArray[np.float64], data: st.DataObject
) -> None:
    """Closeness is in [0, 1]; a producer best on every criterion scores 1 unless every
    weighted column is constant (then everyone scores 1/2); scaling the weights changes
    nothing."""
    m = normalized.shape[1]
    w = data.draw(weight_rows(m))
    scores = topsis_scores(normalized, w)[0]
    assert (scores >= -1e-12).all() and (scores <= 1 + 1e-12).all()
    np.testing.assert_allclose(topsis_scores(normalized, 7 * w)[0], scores, atol=1e-12)
    ideal = normalized.max(axis=0)
    best = np.flatnonzero((normalized == ideal).all(axis=1))
    spread = ((normalized.max(axis=0) - normalized.min(axis=0)) * w[0] > 0).any()
    for i in best:
        assert scores[i] == (1.0 if spread else 0.5), (i, scores)


@SETTINGS
@given(matrices(), st.data())
def test_holistic_acceptability_rewards_better_ranks(
    values: NDArray[np.float64], data: st.DataObject
) -> None:
    """Holistic acceptability lies in [0, 1], is 1 for a producer always first, and moving
    any share of acceptability to a better rank never lowers it."""
    n = values.shape[0]
    table = data.draw(hnp.arrays(np.float64, (n, n), elements=st.integers(0, 5).map(float)))
    table = np.where(table.sum(axis=1, keepdims=True) > 0, table, 1.0)
    table /= table.sum(axis=1, keepdims=True)
    a = holistic(table)
    assert (a >= -1e-12).all() and (a <= 1 + 1e-12).all()
    assert holistic(np.eye(n)[:1])[0] == 1.0
    r = data.draw(st.integers(1, n - 1)) if n > 1 else 0
    if r:
        better = table.copy()
        better[:, r - 1] += better[:, r]
        better[:, r] = 0
        assert (holistic(better) >= a - 1e-12).all()
