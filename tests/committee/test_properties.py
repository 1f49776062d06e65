"""Properties of committees on any grid and table (Hypothesis): aggregation, agreement,
consensus, weights files.

Members come from :func:`tests.strategies.members`: battery points, and criterion
points for some batteries, on grids from :func:`tests.strategies.grids`.
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

import selection
from selection.committee import (
    Member,
    aggregate,
    borda,
    consensus,
    copeland,
    dump_members,
    kendall_w,
    member_shares,
    parse_members,
)
from selection.engines import competition_ranks
from selection.errors import SelectionWarning, WeightsError
from selection.messages import render
from tests import strategies
from tests.strategies import problems

Problem = tuple[pd.DataFrame, selection.Grid]

HOW = ["geometric", "mean", "median"]


def rankings(min_members: int = 1) -> st.SearchStrategy[NDArray[np.int_]]:
    """(members, producers) competition ranks, ties allowed, from random scores."""
    shapes = st.tuples(st.integers(min_members, 5), st.integers(2, 9))
    scores = shapes.flatmap(lambda shape: hnp.arrays(np.int64, shape, elements=st.integers(0, 4)))
    return scores.map(lambda s: competition_ranks(s.astype(float)))


def clones(member: Member, count: int) -> list[Member]:
    """`count` members with `member`'s weights and names of their own."""
    return [dataclasses.replace(member, name=f"{member.name} {i}") for i in range(count)]


# -- aggregation ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(strategies.grids(), st.integers(1, 4), st.sampled_from(HOW), st.data())
def test_a_unanimous_committee_gets_its_weights(
    grid: selection.Grid, size: int, how: str, data: st.DataObject
) -> None:
    """Aggregating identical members (geometric mean, mean or median) gives that member's
    battery shares and criterion weights."""
    (member,) = data.draw(strategies.members(grid, min_size=1, max_size=1))
    group = aggregate(clones(member, size), grid, how=how)  # type: ignore[arg-type]
    own = member.grid(grid)
    np.testing.assert_allclose(
        group.battery_weights.to_numpy(), own.battery_weights.to_numpy(), rtol=0, atol=1e-12
    )
    np.testing.assert_allclose(group.weight_vector, own.weight_vector, rtol=0, atol=1e-12)


def group_weights(
    committee: list[Member], grid: selection.Grid, how: str
) -> NDArray[np.float64] | None:
    """The aggregated criterion weights, or None when a geometric mean vetoes everything."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SelectionWarning)  # a veto by a 0 says so
        try:
            return aggregate(committee, grid, how=how).weight_vector  # type: ignore[arg-type]
        except WeightsError:
            return None


@settings(max_examples=40, deadline=None)
@given(strategies.grids(), st.sampled_from(HOW), st.randoms(use_true_random=False), st.data())
def test_order_of_members_and_scale_of_their_points_do_not_matter(
    grid: selection.Grid, how: str, random: object, data: st.DataObject
) -> None:
    """The group's weights depend neither on the order of the members nor on the unit of
    each member's points; they are shares (non-negative, summing to 1)."""
    committee = data.draw(strategies.members(grid, min_size=2))
    shuffled = list(committee)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    units = st.sampled_from([0.1, 3.0, 250.0])
    factors = data.draw(st.lists(units, min_size=len(shuffled), max_size=len(shuffled)))
    scaled = [
        dataclasses.replace(m, weights={k: v * f for k, v in m.weights.items()})
        for m, f in zip(shuffled, factors, strict=True)
    ]
    group, again = group_weights(committee, grid, how), group_weights(scaled, grid, how)
    if group is None:
        assert how == "geometric" and again is None
        return
    assert again is not None
    np.testing.assert_allclose(again, group, rtol=0, atol=1e-12)
    assert (group >= 0).all()
    assert abs(group.sum() - 1) <= 1e-12


@settings(max_examples=40, deadline=None)
@given(strategies.grids(), st.data())
def test_member_shares_are_shares_of_shares(grid: selection.Grid, data: st.DataObject) -> None:
    """Each member's battery shares sum to 1, so do its criterion weights, and a criterion's
    weight is its battery's share times its share inside the battery."""
    committee = data.draw(strategies.members(grid))
    table = member_shares(committee, grid)
    batteries = [b.key for b in grid.batteries]
    assert list(table.columns) == [m.name for m in committee]
    assert list(table.index) == batteries + grid.keys
    np.testing.assert_allclose(table.loc[batteries].sum(), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(table.loc[grid.keys].sum(), 1.0, rtol=0, atol=1e-12)
    for member in committee:
        own = member.grid(grid)
        for battery in own.batteries:
            inside = battery.shares()
            keys = [c.key for c in battery.criteria]
            np.testing.assert_allclose(
                table.loc[keys, member.name].to_numpy(),
                table.loc[battery.key, member.name] * inside,
                rtol=0,
                atol=1e-12,
            )


@settings(max_examples=40, deadline=None)
@given(strategies.grids(), st.data())
def test_a_committee_written_to_a_weights_file_reads_back_equal(
    grid: selection.Grid, data: st.DataObject
) -> None:
    """``parse_members(dump_members(members, grid), grid)`` gives the same members (names,
    battery and criterion points), with the same effective weights."""
    committee = data.draw(strategies.members(grid))
    again = parse_members(dump_members(committee, grid), grid)
    assert again == committee
    for before, after in zip(committee, again, strict=True):
        np.testing.assert_array_equal(
            after.grid(grid).weight_vector, before.grid(grid).weight_vector
        )


# -- agreement ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(rankings(), st.integers(2, 5))
def test_identical_rankings_have_a_kendall_w_of_one(ranks: NDArray[np.int_], count: int) -> None:
    """Members who rank identically (ties included) agree fully: W = 1; when every producer
    ties there is nothing to agree on and W is undefined (NaN)."""
    same = np.repeat(ranks[:1], count, axis=0)
    w = kendall_w(same)
    if len(set(ranks[0].tolist())) == 1:
        assert np.isnan(w)
    else:
        assert abs(w - 1) <= 1e-12, w


@settings(max_examples=60, deadline=None)
@given(rankings(min_members=2), st.data())
def test_kendall_w_ignores_the_order_of_producers_and_members(
    ranks: NDArray[np.int_], data: st.DataObject
) -> None:
    """W lies in [0, 1] and does not depend on the order of the producers or of the members;
    a producer every member ranks first is first in both compromises (Borda, Copeland)."""
    w = kendall_w(ranks)
    producers = np.array(data.draw(st.permutations(range(ranks.shape[1]))))
    members = np.array(data.draw(st.permutations(range(ranks.shape[0]))))
    again = kendall_w(ranks[members][:, producers])
    if np.isnan(w):
        assert np.isnan(again)
        return
    assert -1e-12 <= w <= 1 + 1e-12
    assert abs(again - w) <= 1e-12
    for i in np.flatnonzero((ranks == 1).all(axis=0)):
        assert competition_ranks(borda(ranks))[i] == 1
        assert competition_ranks(copeland(ranks).astype(float))[i] == 1


# -- consensus ----------------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(problems(max_rows=6), st.integers(2, 4), st.data())
def test_a_unanimous_committee_has_a_kendall_w_of_one(
    problem: Problem, size: int, data: st.DataObject
) -> None:
    """Identical members: W = 1 (NaN when their weights tie every producer), weighted
    Spearman 1, no rank spread, nobody stands out, and Borda, Copeland and the group's
    weights all give the members' ranking."""
    table, grid = problem
    (member,) = data.draw(strategies.members(grid, min_size=1, max_size=1))
    result = consensus(table, grid, members=clones(member, size), k=2)
    own = result.rankings.iloc[:, 0].to_numpy()
    if len(set(own.tolist())) == 1:
        assert np.isnan(result.kendall_w)
    else:
        assert abs(result.kendall_w - 1) <= 1e-12, result.kendall_w
        assert abs(result.mean_weighted_spearman - 1) <= 1e-9
    assert (result.contested == 0).all()
    assert result.outliers == {}
    for column in ("borda", "copeland", "group"):
        np.testing.assert_array_equal(result.compromise[column].to_numpy(), own, err_msg=column)


@settings(max_examples=25, deadline=None)
@given(problems(max_rows=6), st.data())
def test_each_member_ranks_as_rank_does_with_their_weights(
    problem: Problem, data: st.DataObject
) -> None:
    """Each member's column of ``consensus`` is ``selection.rank`` under their weights, the
    group's is ``selection.rank`` under the aggregated weights, and the summary reads in
    both languages."""
    table, grid = problem
    committee = data.draw(strategies.members(grid, min_size=2))
    result = consensus(table, grid, members=committee, k=3, how="mean")
    ids = result.rankings.index
    for member in committee:
        ranked = selection.rank(table, member.grid(grid)).table
        np.testing.assert_array_equal(
            result.rankings[member.name].to_numpy(),
            ranked.loc[ids, "rank"].to_numpy(dtype=int),
            err_msg=member.name,
        )
    group = selection.rank(table, aggregate(committee, grid, how="mean")).table
    np.testing.assert_array_equal(
        result.compromise["group"].to_numpy(), group.loc[ids, "rank"].to_numpy(dtype=int)
    )
    for lang in ("fr", "en"):
        assert result.summary(lang)
        for message in result.outlier_messages.values():
            assert render(message, lang).strip()
