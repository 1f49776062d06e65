"""Properties of any grid (Hypothesis): file round trip, weights, ``with_weights``.

Grids come from :func:`tests.strategies.grids`: one to three batteries of numeric,
levels and yes/no criteria, gates, missing-data policies and selection rules.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import selection
from tests import strategies, toys


@settings(max_examples=40, deadline=None)
@given(strategies.grids())
def test_a_grid_written_to_a_file_reads_back_equal(grid: selection.Grid) -> None:
    """``parse_grid(grid.to_yaml())`` is the same grid (criteria, kinds, weights, gates,
    policies, rule), with the same content hash."""
    again = selection.parse_grid(grid.to_yaml())
    assert again == grid
    assert again.hash == grid.hash
    assert again.keys == grid.keys
    assert [b.key for b in again.batteries] == [b.key for b in grid.batteries]


@settings(max_examples=40, deadline=None)
@given(strategies.grids())
def test_effective_weights_are_shares_of_shares(grid: selection.Grid) -> None:
    """Criterion weights are non-negative and sum to 1; each battery's criteria add up to
    its battery weight; giving the grid its own points changes neither weights nor hash."""
    weights = grid.weights
    assert (weights >= 0).all()
    assert abs(weights.sum() - 1) <= 1e-12
    batteries = grid.battery_weights
    for battery in grid.batteries:
        inside = weights[[c.key for c in battery.criteria]].sum()
        assert abs(inside - batteries[battery.key]) <= 1e-12
    own = {b.key: b.weight for b in grid.batteries} | {c.key: c.weight for c in grid.criteria}
    same = grid.with_weights(own)
    assert same == grid
    assert same.hash == grid.hash


@settings(max_examples=40, deadline=None)
@given(strategies.grids(), st.sampled_from(["criterion", "battery"]), st.data())
def test_with_weights_gives_the_weights_asked_for(
    grid: selection.Grid, level: str, data: st.DataObject
) -> None:
    """Points from any weighting (criterion or battery level) give exactly those weights,
    normalized; at the battery level, criteria keep their shares inside their battery."""
    size = len(grid.keys) if level == "criterion" else len(grid.batteries)
    wanted = np.array(data.draw(st.lists(st.integers(0, 10), min_size=size, max_size=size)))
    if wanted.sum() == 0:
        wanted[0] = 1
    reweighted = grid.with_weights(toys.points_for(grid, wanted.tolist(), level))
    expected = wanted / wanted.sum()
    if level == "criterion":
        np.testing.assert_allclose(reweighted.weight_vector, expected, rtol=0, atol=1e-12)
    else:
        np.testing.assert_allclose(
            reweighted.battery_weights.to_numpy(), expected, rtol=0, atol=1e-12
        )
        for before, after in zip(grid.batteries, reweighted.batteries, strict=True):
            np.testing.assert_array_equal(after.shares(), before.shares())
    assert reweighted.keys == grid.keys
