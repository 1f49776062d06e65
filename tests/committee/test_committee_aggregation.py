"""Aggregating members' weights: hand-computed values and invariants.

Three members on the shipped grid's batteries, shares (quality, locality,
accessibility):

    A = (0.5, 0.4, 0.1)    B = (0.5, 0.1, 0.4)    C = (0.2, 0.4, 0.4)

Geometric mean: (0.5·0.5·0.2)^(1/3) = 0.05^(1/3) = 0.368403, (0.4·0.1·0.4)^(1/3) =
0.016^(1/3) = 0.251984 (twice); sum 0.872371; renormalized 0.422301, 0.288850,
0.288850. Mean: 0.4, 0.3, 0.3. Median: 0.5, 0.4, 0.4, sum 1.3: 5/13, 4/13, 4/13.
With A and B only, the geometric mean is exact: √.25 = .5, √.04 = .2, √.04 = .2,
sum .9: 5/9, 2/9, 2/9.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selection
from selection.committee import Member, aggregate, member_shares
from selection.committee.aggregation import combine, grid_member
from selection.errors import SelectionError, SelectionWarning, WeightsError
from tests.toys import EXAMPLE_BATTERIES, members_of

BATTERIES = list(EXAMPLE_BATTERIES)
A = Member("A", {"quality": 50, "locality": 40, "accessibility": 10})
B = Member("B", {"quality": 50, "locality": 10, "accessibility": 40})
C = Member("C", {"quality": 20, "locality": 40, "accessibility": 40})


def battery_shares(grid: selection.Grid) -> list[float]:
    return grid.battery_weights.loc[BATTERIES].tolist()


def test_geometric_two_members_exact(example_grid: selection.Grid) -> None:
    np.testing.assert_allclose(
        battery_shares(aggregate([A, B], example_grid)), [5 / 9, 2 / 9, 2 / 9], atol=1e-12
    )


def test_geometric_three_members(example_grid: selection.Grid) -> None:
    cube = np.cbrt([0.05, 0.016, 0.016])
    expected = cube / cube.sum()
    np.testing.assert_allclose(expected, [0.422301, 0.288850, 0.288850], atol=5e-7)
    np.testing.assert_allclose(
        battery_shares(aggregate([A, B, C], example_grid)), expected, atol=1e-12
    )


def test_mean_and_median(example_grid: selection.Grid) -> None:
    np.testing.assert_allclose(
        battery_shares(aggregate([A, B, C], example_grid, how="mean")), [0.4, 0.3, 0.3], atol=1e-12
    )
    np.testing.assert_allclose(
        battery_shares(aggregate([A, B, C], example_grid, how="median")),
        [5 / 13, 4 / 13, 4 / 13],
        atol=1e-12,
    )


def test_criteria_are_aggregated_inside_their_battery(example_grid: selection.Grid) -> None:
    """Quality holds organic and agroecology (grid: 3 and 2 points, shares 0.6 / 0.4).

    D splits quality 1 : 1 (0.5 / 0.5); E leaves it to the grid (0.6 / 0.4).
    Geometric: √(.5·.6) = .547723, √(.5·.4) = .447214; renormalized .550510 / .449490.
    """
    d = Member(
        "D", {"quality": 1, "locality": 1, "accessibility": 1, "organic": 1, "agroecology": 1}
    )
    e = Member("E", {"quality": 1, "locality": 1, "accessibility": 1})
    group = aggregate([d, e], example_grid)
    quality = group.batteries[0]
    np.testing.assert_allclose(quality.shares(), [0.550510, 0.449490], atol=5e-7)
    np.testing.assert_allclose(battery_shares(group), [1 / 3] * 3, atol=1e-12)
    # Other batteries keep the grid's split: both members accept it.
    np.testing.assert_allclose(
        group.batteries[2].shares(), example_grid.batteries[2].shares(), atol=1e-12
    )
    assert abs(group.weight_vector.sum() - 1) < 1e-12


def test_a_zero_vetoes_under_the_geometric_mean_and_says_so(example_grid: selection.Grid) -> None:
    none = Member("Zoé", {"quality": 50, "locality": 0, "accessibility": 50})
    with pytest.warns(SelectionWarning, match=r"locality \(0 from Zoé\)"):
        group = aggregate([A, none], example_grid)
    assert group.battery_weights["locality"] == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mean = aggregate([A, none], example_grid, how="mean")
    assert mean.battery_weights["locality"] == pytest.approx(0.2, abs=1e-12)


def test_nothing_in_common(example_grid: selection.Grid) -> None:
    q = Member("Q", {"quality": 1, "locality": 0, "accessibility": 0})
    loc = Member("L", {"quality": 0, "locality": 1, "accessibility": 0})
    with pytest.warns(SelectionWarning), pytest.raises(WeightsError) as info:
        aggregate([q, loc], example_grid)
    assert info.value.problem == "the members' weights have no battery in common"
    assert info.value.hint == "use how='mean' or how='median'"


def test_bad_arguments(example_grid: selection.Grid) -> None:
    with pytest.raises(SelectionError) as info:
        aggregate([A], example_grid, how="geometrc")  # type: ignore[arg-type]
    assert info.value.where == "how" and info.value.hint == "did you mean 'geometric'?"
    with pytest.raises(SelectionError, match="not enough members"):
        aggregate([], example_grid)
    with pytest.raises(WeightsError, match="two members are called 'A'"):
        aggregate([A, A], example_grid)
    with pytest.raises(WeightsError, match="reserved name"):
        aggregate(
            [Member("group", {"quality": 1, "locality": 1, "accessibility": 1})], example_grid
        )
    with pytest.raises(SelectionError, match="expected a list of members"):
        aggregate(A, example_grid)  # type: ignore[arg-type]


def test_member_shares_table(example_grid: selection.Grid) -> None:
    table = member_shares([A, C], example_grid)
    assert list(table.columns) == ["A", "C"]
    assert list(table.index) == BATTERIES + example_grid.keys
    np.testing.assert_allclose(table.loc[BATTERIES, "A"], [0.5, 0.4, 0.1], atol=1e-12)
    # Criterion rows are effective weights: battery share x share inside the battery.
    assert table.loc["organic", "A"] == pytest.approx(0.5 * 0.6, abs=1e-12)
    np.testing.assert_allclose(table.loc[example_grid.keys].sum(), [1, 1], atol=1e-12)


def test_grid_member_round_trips_the_group(example_grid: selection.Grid) -> None:
    group = aggregate([A, B, C], example_grid)
    member = grid_member(group, "Group")
    np.testing.assert_allclose(
        member.grid(example_grid).weight_vector, group.weight_vector, atol=1e-12
    )
    rounded = grid_member(group, "Group", percent=True)
    np.testing.assert_allclose(
        rounded.grid(example_grid).weight_vector, group.weight_vector, atol=1e-4
    )


shares = st.lists(st.integers(1, 100), min_size=3, max_size=3)
committees = st.lists(shares, min_size=1, max_size=6)


@given(shares, st.integers(1, 5), st.sampled_from(["geometric", "mean", "median"]))
def test_unanimity(example_grid: selection.Grid, points: list[int], size: int, how: str) -> None:
    """A committee of identical members gets their weights."""
    group = aggregate(members_of([points] * size), example_grid, how=how)  # type: ignore[arg-type]
    expected = np.array(points) / sum(points)
    np.testing.assert_allclose(battery_shares(group), expected, atol=1e-12)


@given(committees, st.sampled_from(["geometric", "mean", "median"]), st.randoms())
def test_order_of_members_and_scale_of_points_do_not_matter(
    example_grid: selection.Grid, points: list[list[int]], how: str, random: object
) -> None:
    group = aggregate(members_of(points), example_grid, how=how)  # type: ignore[arg-type]
    shuffled = list(points)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    scaled = [[7 * x for x in p] for p in shuffled]
    again = aggregate(members_of(scaled), example_grid, how=how)  # type: ignore[arg-type]
    np.testing.assert_allclose(battery_shares(again), battery_shares(group), atol=1e-12)
    assert abs(group.weight_vector.sum() - 1) < 1e-12


@given(committees)
def test_mean_stays_within_the_members(
    example_grid: selection.Grid, points: list[list[int]]
) -> None:
    """The mean share of a battery lies between the smallest and largest member share."""
    group = battery_shares(aggregate(members_of(points), example_grid, how="mean"))
    table = np.array(points, dtype=float)
    table /= table.sum(axis=1, keepdims=True)
    assert (table.min(axis=0) - 1e-12 <= group).all() and (
        group <= table.max(axis=0) + 1e-12
    ).all()


def test_combine_kernel() -> None:
    rows = np.array([[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]])
    np.testing.assert_allclose(combine(rows, "geometric"), [5 / 9, 2 / 9, 2 / 9], atol=1e-12)
    assert combine(np.array([[0.0, 1.0], [1.0, 0.0]]), "geometric").tolist() == [0.0, 0.0]
