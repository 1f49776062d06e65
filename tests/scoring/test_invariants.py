"""Invariants of ``selection.rank`` that hold for any table and any grid (Hypothesis).

Tables are drawn on a quarter-point grid of values (0, 0.25, ..., 25) so that
ties, zeros and constant columns are frequent, and scores that are equal in
exact arithmetic differ by rounding only (far below the 1e-12 tie tolerance).
Checked for wsm (``scale``, ``minmax``) and topsis (``vector``, ``minmax``).

TOPSIS and dominance: with non-negative weights and a normalization that is
non-decreasing in each column's goodness (all four here are), a producer that
dominates another is at least as near the ideal (D⁺ smaller) and at least as
far from the anti-ideal (D⁻ larger), so its closeness D⁻ / (D⁺ + D⁻) is at
least as high; when D⁺ + D⁻ = 0 for either, every weighted column is constant
and both score 1/2. That every normalization keeps each column's order (or
refuses the values) is checked on its own, for all of them.
"""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import selection
from selection.engines import TIE_TOLERANCE, competition_ranks
from selection.engines.normalization import normalize
from tests.strategies import Case, cases

ATOL = 1e-12
SETTINGS = settings(max_examples=60, deadline=None)

#: (method, normalization) pairs under test.
COMBOS = [("wsm", "scale"), ("wsm", "minmax"), ("topsis", "vector"), ("topsis", "minmax")]


def rank_case(
    case: Case, combo: tuple[str, str], grid: selection.Grid | None = None
) -> selection.Ranking:
    method, normalization = combo
    return selection.rank(
        case.table(), grid or case.grid(), method=method, normalization=normalization
    )


def scores_and_ranks(ranking: selection.Ranking, ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    table = ranking.table.loc[ids]
    return table["score"].to_numpy(dtype=float), table["rank"].to_numpy(dtype=int)


def clearly_better(a: float, b: float, higher_is_better: bool) -> bool:
    """`a` beats `b` by far more than rounding (1000 × the tie tolerance)."""
    gap = a - b if higher_is_better else b - a
    return bool(gap > 1000 * TIE_TOLERANCE * max(abs(a), abs(b), 1e-300))


# -- ranks ----------------------------------------------------------------------------


def test_rank_positions_known_answers() -> None:
    np.testing.assert_array_equal(competition_ranks(np.array([0.9, 0.5, 0.5, 0.1])), [1, 2, 2, 4])
    np.testing.assert_array_equal(
        competition_ranks(np.array([0.1, 0.5, 0.5, 0.9]), higher_is_better=False), [1, 2, 2, 4]
    )
    np.testing.assert_array_equal(competition_ranks(np.array([2.0, 2.0, 2.0])), [1, 1, 1])
    # Within 1e-12 (relative) is a tie; 1e-9 apart is not.
    np.testing.assert_array_equal(competition_ranks(np.array([1.0, 1.0 + 1e-15, 0.5])), [1, 1, 3])
    np.testing.assert_array_equal(competition_ranks(np.array([1.0, 1.0 + 1e-9, 0.5])), [2, 1, 3])


@SETTINGS
@given(
    st.lists(st.integers(-5, 5), min_size=1, max_size=30),
    st.floats(1e-6, 1e6),
    st.booleans(),
)
def test_rank_positions_are_competition_ranks(
    levels: list[int], unit: float, higher_is_better: bool
) -> None:
    scores = np.array(levels, dtype=float) * unit
    ranks = competition_ranks(scores, higher_is_better=higher_is_better)
    keyed = np.array(levels) if higher_is_better else -np.array(levels)
    expected = [1 + int((keyed > k).sum()) for k in keyed]
    np.testing.assert_array_equal(ranks, expected)
    if len(set(levels)) == len(levels):
        assert sorted(ranks.tolist()) == list(range(1, len(levels) + 1))


@SETTINGS
@given(cases(), st.sampled_from(COMBOS))
def test_ranks_are_competition_ranks_of_the_scores(case: Case, combo: tuple[str, str]) -> None:
    ranking = rank_case(case, combo)
    ids = [f"P{i}" for i in range(case.n)]
    scores, ranks = scores_and_ranks(ranking, ids)
    better = ranking.higher_is_better

    assert pd.api.types.is_integer_dtype(ranking.table["rank"].dtype)
    assert ranks.min() == 1
    assert ((ranks >= 1) & (ranks <= case.n)).all()
    # Competition ranking: each rank is 1 + the number of producers ranked strictly before.
    for r in ranks:
        assert r == 1 + (ranks < r).sum()
    for i in range(case.n):
        for j in range(case.n):
            if clearly_better(scores[i], scores[j], better):
                assert ranks[i] < ranks[j], (scores[i], scores[j])
            elif abs(scores[i] - scores[j]) <= 1e-15 * max(abs(scores[i]), abs(scores[j])):
                assert ranks[i] == ranks[j], (scores[i], scores[j])
    distinct = all(
        clearly_better(scores[i], scores[j], better)
        or clearly_better(scores[j], scores[i], better)
        for i in range(case.n)
        for j in range(i)
    )
    if distinct:
        assert sorted(ranks.tolist()) == list(range(1, case.n + 1))
    # The table lists the best first.
    assert (np.diff(ranking.table["rank"].to_numpy(dtype=int)) >= 0).all()


# -- normalizations keep each column's order --------------------------------------------


#: Columns of every sign pattern: positive with zeros, mixed, all negative, all below 1.
columns = st.builds(
    lambda ks, shift, unit: [(k + shift) * unit for k in ks],
    st.lists(st.integers(0, 40), min_size=2, max_size=8),
    st.sampled_from([0, -20, -41]),
    st.sampled_from([0.25, 0.025]),
)


@SETTINGS
@given(
    st.sampled_from(list(selection.Normalization)),
    columns,
    st.sampled_from([1, -1]),
    st.tuples(st.integers(-40, 40), st.integers(1, 40)),
)
@example(selection.Normalization.MAX, [-3.0, -1.0], 1, (0, 1))
@example(selection.Normalization.MAX, [-3.0, -1.0], -1, (0, 1))
@example(selection.Normalization.LINEAR, [-3.0, -1.0], 1, (0, 1))
@example(selection.Normalization.NONLINEAR, [-3.0, 1.0], 1, (0, 1))
@example(selection.Normalization.LOGARITHMIC, [0.5, 0.8], 1, (0, 1))
def test_every_normalization_keeps_the_order_or_refuses(
    how: selection.Normalization, column: list[float], direction: int, bounds: tuple[int, int]
) -> None:
    """More is better after normalization: a better raw value never gets a lower number.

    Dominance, for WSM and TOPSIS alike, rests on this. A normalization whose
    formula would reverse the order on these values (e.g. ``x / max`` when
    every value is negative) must refuse them with a MethodError instead.
    """
    values = np.array(column)[:, None]
    low, width = bounds
    declared = np.array([[low, low + width]], dtype=float)
    try:
        out = normalize(values, np.array([direction]), declared, how, ["c"])[:, 0]
    except selection.MethodError as error:
        assert error.where == "criteria 'c'"
        return
    goodness = direction * values[:, 0]
    for i in range(len(column)):
        for k in range(len(column)):
            if goodness[i] > goodness[k]:
                assert out[i] >= out[k] - 1e-12, (how.value, column, direction, out.tolist())


# -- reordering the table --------------------------------------------------------------


@SETTINGS
@given(cases(), st.sampled_from(COMBOS), st.data())
def test_permuting_rows_permutes_the_results(
    case: Case, combo: tuple[str, str], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(range(case.n)))
    shuffled = dataclasses.replace(case, raw=case.raw[list(order)])
    table = shuffled.table()
    table["id"] = [f"P{i}" for i in order]  # the ids travel with their rows
    method, normalization = combo

    before = rank_case(case, combo).table
    after = selection.rank(
        table, shuffled.grid(), method=method, normalization=normalization
    ).table.loc[before.index]

    assert list(after.columns) == list(before.columns)
    np.testing.assert_array_equal(after["rank"], before["rank"])
    np.testing.assert_array_equal(after["eligible"], before["eligible"])
    numeric = [c for c in before.columns if c not in ("rank", "eligible", "reason")]
    np.testing.assert_allclose(
        after[numeric].to_numpy(dtype=float),
        before[numeric].to_numpy(dtype=float),
        rtol=0,
        atol=ATOL,
    )


# -- rescaling the weights -------------------------------------------------------------


@SETTINGS
@given(cases(), st.sampled_from(COMBOS), st.floats(1e-3, 1e3))
def test_rescaling_every_weight_changes_nothing(
    case: Case, combo: tuple[str, str], factor: float
) -> None:
    grid = case.grid()
    points = {b.key: b.weight * factor for b in grid.batteries}
    points |= {c.key: c.weight * factor for c in grid.criteria}
    rescaled = grid.with_weights(points)

    np.testing.assert_allclose(rescaled.weight_vector, grid.weight_vector, rtol=0, atol=1e-15)
    np.testing.assert_allclose(
        case.grid(factor).weight_vector, grid.weight_vector, rtol=0, atol=1e-15
    )
    ids = [f"P{i}" for i in range(case.n)]
    scores, ranks = scores_and_ranks(rank_case(case, combo), ids)
    new_scores, new_ranks = scores_and_ranks(rank_case(case, combo, rescaled), ids)
    np.testing.assert_allclose(new_scores, scores, rtol=0, atol=ATOL)
    np.testing.assert_array_equal(new_ranks, ranks)


# -- dominance -------------------------------------------------------------------------


@SETTINGS
@given(cases(), st.sampled_from(COMBOS), st.data())
def test_a_dominating_producer_never_ranks_below(
    case: Case, combo: tuple[str, str], data: st.DataObject
) -> None:
    a, b = data.draw(st.lists(st.integers(0, case.n - 1), min_size=2, max_size=2, unique=True))
    worse = data.draw(st.lists(st.integers(0, 20), min_size=case.m, max_size=case.m))
    worse[data.draw(st.integers(0, case.m - 1))] += 1  # strictly worse on one criterion
    values = case.raw.copy()
    # Producer b: producer a made worse by a quarter-point multiple on each criterion.
    values[b] = values[a] - np.array(case.directions) * np.array(worse) / 4
    dominated = dataclasses.replace(case, raw=values)

    ranking = rank_case(dominated, combo)
    (score_a, score_b), (rank_a, rank_b) = scores_and_ranks(ranking, [f"P{a}", f"P{b}"])

    assert rank_a <= rank_b, (score_a, score_b)
    assert score_a >= score_b - ATOL


# -- the caller's data -----------------------------------------------------------------


@SETTINGS
@given(cases(max_n=6, max_m=3), st.sampled_from(COMBOS))
def test_rank_does_not_modify_the_callers_dataframe(case: Case, combo: tuple[str, str]) -> None:
    frame = case.table()
    # What a spreadsheet gives: padded headers, decimal commas as text, other columns.
    frame = frame.rename(columns={"col0": " col0 ", "id": "id "})
    frame[" col0 "] = [f"{v:g}".replace(".", ",") for v in case.raw[:, 0]]
    frame["notes"] = ["bio", None, *["x"] * (case.n - 2)]
    frame.index = pd.Index([f"row{i}" for i in range(case.n)], name="line")
    frame.attrs["source"] = "committee"
    before = copy.deepcopy(frame)
    method, normalization = combo

    ranking = selection.rank(frame, case.grid(), method=method, normalization=normalization)

    pd.testing.assert_frame_equal(frame, before)
    assert frame.attrs == before.attrs
    assert ranking.producers is not frame


# -- weights -------------------------------------------------------------------------


@SETTINGS
@given(cases())
def test_grid_weights_are_battery_share_times_criterion_share(case: Case) -> None:
    grid = case.grid()
    battery_total = sum(case.battery_points)
    expected = []
    for j in range(case.m):
        b = case.battery_of[j]
        inside = sum(p for k, p in enumerate(case.criterion_points) if case.battery_of[k] == b)
        share = case.criterion_points[j] / inside if inside > 0 else 0.0
        expected.append(case.battery_points[b] / battery_total * share)
    weights = grid.weights

    assert set(weights.index) == {f"c{j}" for j in range(case.m)}
    assert abs(weights.sum() - 1) <= 1e-12
    assert (weights >= 0).all()
    np.testing.assert_allclose(
        weights.loc[[f"c{j}" for j in range(case.m)]].to_numpy(), expected, rtol=0, atol=1e-15
    )
    np.testing.assert_array_equal(grid.weight_vector, weights.to_numpy())


@pytest.mark.parametrize("combo", COMBOS, ids=["-".join(c) for c in COMBOS])
def test_ranking_weights_are_the_grids(combo: tuple[str, str]) -> None:
    case = Case(
        raw=np.array([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]]),
        directions=(1, -1, 1),
        criterion_points=(1.0, 3.0, 2.0),
        battery_points=(1.0, 3.0),
        battery_of=(0, 0, 1),
    )
    ranking = rank_case(case, combo)
    # battery b0: 1/4 split 1:3; battery b1: 3/4 on its only criterion.
    np.testing.assert_allclose(
        ranking.weights.to_numpy(), [1 / 16, 3 / 16, 3 / 4], rtol=0, atol=1e-15
    )
