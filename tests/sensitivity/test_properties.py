"""Properties of the sensitivity analyses on any grid and table (Hypothesis).

Problems come from :mod:`tests.strategies` (numeric, levels and yes/no criteria,
gates, blanks, weighted sum or TOPSIS, at least two eligible producers). Where a
property is about the weightings drawn, the weightings are given
(``weight_samples``: whole points, so that exact ties happen) and every one of
them is also ranked by :func:`selection.rank`, the reference.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

import selection
from selection.messages import render
from selection.sensitivity import (
    acceptability,
    compare_methods,
    perturb,
    robustness,
    sweep,
    weight_intervals,
)
from tests import toys
from tests.strategies import Case, cases, problems

Problem = tuple[pd.DataFrame, selection.Grid]

LEVELS = ["criterion", "battery"]
SCOPES = ["ranking", "winner", "top"]

#: (method, normalization) pairs with which a dominating producer never ranks below.
COMBOS = [("wsm", "scale"), ("wsm", "minmax"), ("topsis", "vector"), ("topsis", "minmax")]

#: Resolution of the weight lines behind ``robustness`` (401 points from 0 to 1).
LINE_STEP = 1 / 400

#: Accuracy of the ends of exact stability intervals: TOPSIS's crossings are roots of
#: quartics (companion-matrix eigenvalues), accurate to about sqrt(machine epsilon) near a
#: double root; rounding (e.g. another row order) moves them by up to about 1e-8.
ROOTS = 1e-6


def factor_count(grid: selection.Grid, level: str) -> int:
    return len(grid.keys) if level == "criterion" else len(grid.batteries)


def weight_samples(k: int, max_size: int = 8) -> st.SearchStrategy[NDArray[np.float64]]:
    """(S, k) whole points from 0 to 10, each row with a positive sum."""
    rows = st.integers(1, max_size).flatmap(
        lambda size: hnp.arrays(np.float64, (size, k), elements=st.integers(0, 10).map(float))
    )
    return rows.filter(lambda w: bool((w.sum(axis=1) > 0).all()))


def reference_ranks(
    table: pd.DataFrame, grid: selection.Grid, samples: NDArray[np.float64], level: str
) -> tuple[pd.Index, NDArray[np.int_]]:
    """The eligible producers, and their ranks under each weighting by ``selection.rank``."""
    prepared = selection.prepare(table, grid)
    ids = prepared.ids
    ranks = [
        selection.rank(prepared, weights=toys.points_for(grid, row.tolist(), level))
        .table.loc[ids, "rank"]
        .to_numpy(dtype=int)
        for row in samples
    ]
    return ids, np.array(ranks)


# -- rank acceptability -------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(problems(), st.sampled_from(LEVELS), st.data())
def test_rank_acceptability_rows_and_columns_sum_to_one(
    problem: Problem, level: str, data: st.DataObject
) -> None:
    """Each producer takes exactly one rank per weighting: rows sum to 1 (at most 1 with
    ``top``). Without ties, each rank goes to exactly one producer: columns sum to 1 too."""
    table, grid = problem
    samples = data.draw(weight_samples(factor_count(grid, level)))
    result = acceptability(table, grid, weight_samples=samples, level=level)
    shares = result.rank_acceptability
    assert ((shares >= 0) & (shares <= 1)).all().all()
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    _, ranks = reference_ranks(table, grid, samples, level)
    if all(len(set(row.tolist())) == len(row) for row in ranks):
        np.testing.assert_allclose(shares.sum(axis=0), 1.0, rtol=0, atol=1e-12)
    top = data.draw(st.integers(1, len(shares)))
    cut = acceptability(table, grid, weight_samples=samples, level=level, top=top)
    assert cut.rank_acceptability.shape == (len(shares), top)
    assert (cut.rank_acceptability.sum(axis=1) <= 1 + 1e-12).all()


#: Two producers tied whatever the weights, and `top` = 1.
TIED = (
    toys.table({"P0": (0.0,), "P1": (0.0,)}, columns=["x"]),
    selection.parse_grid(toys.ONE_CRITERION),
)


@settings(max_examples=30, deadline=None)
@example(problem=TIED, level="criterion", data=None).via("tied at rank 1")
@given(problems(), st.sampled_from(LEVELS), st.data())
def test_acceptability_with_top_is_the_first_columns_of_the_full_table(
    problem: Problem, level: str, data: st.DataObject | None
) -> None:
    """``top`` keeps ranks 1..top: the table is the first `top` columns of the full one, for
    the same weightings, ties included (tied producers share the best rank)."""
    table, grid = problem
    if data is None:  # the explicit example: one weighting, the top 1
        samples, top = np.ones((1, factor_count(grid, level))), 1
    else:
        samples = data.draw(weight_samples(factor_count(grid, level)))
        top = data.draw(st.integers(1, len(selection.prepare(table, grid).ids)))
    full = acceptability(table, grid, weight_samples=samples, level=level)
    cut = acceptability(table, grid, weight_samples=samples, level=level, top=top)
    pd.testing.assert_frame_equal(cut.rank_acceptability, full.rank_acceptability.iloc[:, :top])


@settings(max_examples=30, deadline=None)
@given(problems(), st.sampled_from(LEVELS), st.data())
def test_acceptability_counts_the_ranks_that_rank_gives(
    problem: Problem, level: str, data: st.DataObject
) -> None:
    """With given weightings, b_i^r is the share of them under which ``selection.rank``
    ranks i r-th; c_ij the share under which i ranks strictly above j; the central weights
    of i the mean of the (normalized) weightings that rank it first; its confidence 0 or 1."""
    table, grid = problem
    samples = data.draw(weight_samples(factor_count(grid, level)))
    result = acceptability(table, grid, weight_samples=samples, level=level, pairwise=True)
    ids, ranks = reference_ranks(table, grid, samples, level)
    n, count = len(ids), len(samples)
    expected = np.stack([(ranks == r).mean(axis=0) for r in range(1, n + 1)], axis=1)
    np.testing.assert_allclose(
        result.rank_acceptability.loc[ids].to_numpy(), expected, rtol=0, atol=1e-12
    )
    assert result.pairwise is not None
    wins = (ranks[:, :, None] < ranks[:, None, :]).mean(axis=0)
    np.testing.assert_allclose(result.pairwise.loc[ids, ids].to_numpy(), wins, atol=1e-12)
    normalized = samples / samples.sum(axis=1, keepdims=True)
    central = result.central_weights.loc[ids].to_numpy(dtype=float, na_value=np.nan)
    for i in range(n):
        first = ranks[:, i] == 1
        if first.any():
            np.testing.assert_allclose(central[i], normalized[first].mean(axis=0), atol=1e-12)
            assert result.confidence.loc[ids[i]] in (0.0, 1.0)
        else:
            assert np.isnan(central[i]).all()
    assert result.samples == count


@settings(max_examples=30, deadline=None)
@given(cases(), st.sampled_from(COMBOS), st.sampled_from(LEVELS), st.data())
def test_a_dominating_producer_is_at_least_as_often_in_every_top_k(
    case: Case, combo: tuple[str, str], level: str, data: st.DataObject
) -> None:
    """A producer at least as good on every criterion and better on one (after direction)
    has a k-best acceptability at least as large as the dominated one's, for every k
    (uniform weightings, wsm and TOPSIS)."""
    a, b = data.draw(st.lists(st.integers(0, case.n - 1), min_size=2, max_size=2, unique=True))
    worse = data.draw(st.lists(st.integers(0, 20), min_size=case.m, max_size=case.m))
    worse[data.draw(st.integers(0, case.m - 1))] += 1  # strictly worse on one criterion
    values = case.raw.copy()
    values[b] = values[a] - np.array(case.directions) * np.array(worse) / 4
    dominated = dataclasses.replace(case, raw=values)
    method, normalization = combo
    result = acceptability(
        dominated.table(),
        dominated.grid(),
        samples=200,
        level=level,
        method=method,
        normalization=normalization,
        seed=data.draw(st.integers(0, 2**16)),
    )
    k_best = result.rank_acceptability.cumsum(axis=1)
    assert (k_best.loc[f"P{a}"] >= k_best.loc[f"P{b}"] - 1e-12).all(), k_best


# -- one weight at a time ---------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_every_weight_lies_within_its_stability_interval(data: st.DataObject) -> None:
    """For wsm and TOPSIS, criterion and battery weights, and every scope, each factor's
    current weight lies within its interval: 0 ≤ low ≤ weight ≤ high ≤ 1."""
    level = data.draw(st.sampled_from(LEVELS))
    table, grid = data.draw(problems(min_criteria=2, min_batteries=2 if level == "battery" else 1))
    scope = data.draw(st.sampled_from(SCOPES))
    eligible = len(selection.rank(table, grid).ranked)
    k = data.draw(st.integers(1, eligible)) if scope == "top" else None
    frame = weight_intervals(table, grid, scope=scope, k=k, level=level).table  # type: ignore[arg-type]
    shares = grid.weight_vector if level == "criterion" else grid.battery_weights.to_numpy()
    np.testing.assert_allclose(frame["weight"].to_numpy(), shares, rtol=0, atol=1e-12)
    low, weight, high = (frame[c].to_numpy(dtype=float) for c in ("low", "weight", "high"))
    assert (low >= 0).all() and (high <= 1).all()
    assert (low <= weight).all() and (weight <= high).all(), frame


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.data())
def test_the_whole_ranking_holds_on_a_narrower_interval_than_its_top(
    data: st.DataObject,
) -> None:
    """Where the whole ranking stays the same, so do its winner and its top k: each weight's
    ranking interval lies within its winner and top-k intervals (producers with distinct
    scores, continuous values; up to ``ROOTS``)."""
    level = data.draw(st.sampled_from(LEVELS))
    table, grid = data.draw(
        problems(
            min_criteria=2,
            min_batteries=2 if level == "battery" else 1,
            kinds=("numeric",),
            continuous=True,
        )
    )
    ranked = selection.rank(table, grid).ranked
    scores = np.sort(ranked["score"].to_numpy(dtype=float))
    assume(bool((np.diff(scores) > 1e-6 * np.maximum(1, np.abs(scores[1:]))).all()))
    k = data.draw(st.integers(1, len(ranked)))
    whole = weight_intervals(table, grid, scope="ranking", level=level).table  # type: ignore[arg-type]
    for scope, top in (("winner", None), ("top", k)):
        part = weight_intervals(table, grid, scope=scope, k=top, level=level).table  # type: ignore[arg-type]
        assert (part["low"] <= whole["low"] + ROOTS).all(), (scope, k, part, whole)
        assert (whole["high"] <= part["high"] + ROOTS).all(), (scope, k, part, whole)


@settings(max_examples=30, deadline=None)
@given(problems(min_criteria=2), st.data())
def test_a_sweep_at_the_current_weight_is_the_ranking(
    problem: Problem, data: st.DataObject
) -> None:
    """At the point of the sweep where the moved weight has its current value (on the grid
    of steps by construction), every producer has its ranking's score and rank."""
    table, grid = problem
    batteries = [b.key for b in grid.batteries]
    keys = grid.keys + (batteries if len(batteries) >= 2 else [])
    key = data.draw(st.sampled_from(keys))
    total = sum(Fraction(b.weight) for b in grid.batteries)
    if key in batteries:
        share = Fraction(grid.batteries[batteries.index(key)].weight) / total
    else:
        battery = grid.battery_of(key)
        inside = sum(Fraction(c.weight) for c in battery.criteria)
        points = Fraction(grid.criteria[grid.keys.index(key)].weight)
        share = Fraction(battery.weight) / total * points / inside
    lines = sweep(table, grid, weight=key, steps=share.denominator + 1)
    assert abs(lines.current - float(share)) <= 1e-12
    frame = lines.table
    now = frame[np.isclose(frame["weight"], float(share), rtol=0, atol=1e-12)]
    now = now.set_index("producer")
    ranked = selection.rank(table, grid).ranked
    assert sorted(now.index) == sorted(ranked.index)
    np.testing.assert_array_equal(
        now.loc[ranked.index, "rank"].to_numpy(dtype=int), ranked["rank"].to_numpy(dtype=int)
    )
    np.testing.assert_allclose(
        now.loc[ranked.index, "score"].to_numpy(dtype=float),
        ranked["score"].to_numpy(dtype=float),
        rtol=0,
        atol=1e-12,
    )


# -- noise on the data ------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(problems(max_rows=6))
def test_zero_noise_keeps_every_rank(problem: Problem) -> None:
    """Without noise every sample is the table as written: each producer keeps the rank
    ``selection.rank`` gives it, in every sample."""
    table, grid = problem
    result = perturb(table, grid, noise=0.0, samples=5, seed=0)
    ranked = selection.rank(table, grid).ranked
    ids = ranked.index
    ranks = ranked["rank"].to_numpy(dtype=int)
    assert sorted(result.rank.index) == sorted(ids)
    np.testing.assert_array_equal(result.rank.loc[ids].to_numpy(dtype=int), ranks)
    np.testing.assert_array_equal(result.stays.loc[ids], 1.0)
    np.testing.assert_array_equal(result.confidence.loc[ids], (ranks == 1).astype(float))
    expected = np.zeros((len(ids), len(ids)))
    expected[np.arange(len(ids)), ranks - 1] = 1.0
    np.testing.assert_array_equal(result.rank_acceptability.loc[ids].to_numpy(), expected)


# -- summaries ----------------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(problems(max_rows=6, min_criteria=2), st.data())
def test_robustness_agrees_with_the_ranking_and_reads_in_both_languages(
    problem: Problem, data: st.DataObject
) -> None:
    """Each producer's rank is the ranking's; its shares are in [0, 1]; a producer in the top
    k stays there over a range of its most sensitive weight that holds the current weight
    (to the line's resolution), one outside it is brought in only away from it; every
    sentence renders in French and in English."""
    table, grid = problem
    level = "battery" if len(grid.batteries) >= 2 and data.draw(st.booleans()) else "criterion"
    k = data.draw(st.integers(1, 4))
    result = robustness(table, grid, k=k, samples=100, level=level)
    frame = result.table
    ranked = selection.rank(table, grid).ranked
    assert frame["rank"].to_dict() == ranked["rank"].astype(int).to_dict()
    for column in ("same_rank", "in_top"):
        assert ((frame[column] >= 0) & (frame[column] <= 1)).all()
    found = frame[frame["weight"] != ""]
    inside = found[found["rank"] <= result.k]
    outside = found[found["rank"] > result.k]
    slack = LINE_STEP / 2 + 1e-12
    assert (inside["low"] <= inside["current"] + slack).all(), inside
    assert (inside["current"] <= inside["high"] + slack).all(), inside
    strictly = (outside["low"] + LINE_STEP < outside["current"]) & (
        outside["current"] < outside["high"] - LINE_STEP
    )
    assert not strictly.any(), outside
    assert (frame.loc[frame["weight"] == "", ["low", "high"]].isna()).all().all()
    for producer in frame.index:
        for lang in ("fr", "en"):
            assert result.sentence(producer, lang).strip()
            assert render(result.sentences[producer], lang).strip()


@pytest.mark.filterwarnings("ignore:Spearman correlation is undefined:UserWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@settings(max_examples=20, deadline=None)
@given(problems(max_rows=6, normalizations=("scale", "minmax", "vector")))
def test_compare_methods_ranks_as_rank_does(problem: Problem) -> None:
    """Each method's column of ranks is what ``selection.rank`` gives with that method (wsm,
    TOPSIS); each method's rankings are identical to themselves (diagonal of the
    similarities). The grids name their normalization, which both methods then use."""
    table, grid = problem
    methods = ["wsm", "topsis"]
    result = compare_methods(table, grid, methods=methods)
    for method in methods:
        ranked = selection.rank(table, grid, method=method).ranked
        got = result.ranks.loc[ranked.index, method].to_numpy(dtype=int)
        np.testing.assert_array_equal(got, ranked["rank"].to_numpy(dtype=int), err_msg=method)
        if len(set(got.tolist())) > 1:  # all tied: no correlation is defined
            assert abs(result.weighted_spearman.loc[method, method] - 1) < 1e-9


#: Net flows tied at exactly 0: P0 is better on c2 and c3 (weights 1/12 and 1/4), P1 on c1
#: (weight 1/3). PROMETHEE II's batch scores give them ±1.4e-17, its breakdown 0 and 0.
NET_FLOWS_TIED = (
    toys.table(
        {"P0": (0.0, 0.0, 0.25, 0.0), "P1": (0.0, 0.25, 0.0, 0.25)},
        columns=["c0", "c1", "c2", "c3"],
    ),
    selection.parse_grid(
        toys.grid_text(
            "  b0: {criteria: {c0: {}}}\n"
            "  b1: {criteria: {c1: {}}}\n"
            "  b2: {criteria: {c2: {weight: 1}, c3: {weight: 3, direction: min}}}\n",
            method=None,
            normalization="minmax",
        )
    ),
)


@pytest.mark.filterwarnings("ignore:Spearman correlation is undefined:UserWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@settings(max_examples=20, deadline=None)
@example(problem=NET_FLOWS_TIED).via("net flows tied at 0")
@given(problems(max_rows=6, normalizations=("scale", "minmax", "vector")))
def test_compare_methods_ranks_promethee_as_rank_does(problem: Problem) -> None:
    """PROMETHEE II's column of ranks in ``compare_methods`` is what ``selection.rank``
    gives with it, ties included."""
    table, grid = problem
    result = compare_methods(table, grid, methods=["wsm", "promethee_ii"])
    ranked = selection.rank(table, grid, method="promethee_ii").ranked
    got = result.ranks.loc[ranked.index, "promethee_ii"].to_numpy(dtype=int)
    np.testing.assert_array_equal(got, ranked["rank"].to_numpy(dtype=int))


# -- the table's row order --------------------------------------------------------------------


def interval_bounds(table: pd.DataFrame, grid: selection.Grid, scope: str) -> NDArray[np.float64]:
    """Each criterion weight's (weight, low, high) for `scope` (the top 2 for "top")."""
    k = 2 if scope == "top" else None
    frame = weight_intervals(table, grid, scope=scope, k=k).table  # type: ignore[arg-type]
    return frame[["weight", "low", "high"]].to_numpy(dtype=float)


def shuffled(table: pd.DataFrame, keys: list[float]) -> pd.DataFrame:
    """The table's rows sorted by `keys` (one per row, as many as needed)."""
    return table.iloc[np.argsort(keys[: len(table)], kind="stable")].reset_index(drop=True)


def distinct_scores(table: pd.DataFrame, grid: selection.Grid) -> bool:
    """Whether no two eligible producers' scores are within 1e-6 (relative) of each other."""
    scores = np.sort(selection.rank(table, grid).ranked["score"].to_numpy(dtype=float))
    return bool((np.diff(scores) > 1e-6 * np.maximum(1, np.abs(scores[1:]))).all())


ROW_KEYS = st.lists(st.floats(0, 1), min_size=8, max_size=8)


@settings(max_examples=25, deadline=None)
@given(problems(min_criteria=2), ROW_KEYS, st.sampled_from(SCOPES), st.data())
def test_reordering_the_rows_reorders_the_analyses_only(
    problem: Problem, keys: list[float], scope: str, data: st.DataObject
) -> None:
    """The table's row order changes no producer's rank acceptability (given weightings),
    and, when no two producers tie at the current weights, no stability interval."""
    table, grid = problem
    other = shuffled(table, keys)
    samples = data.draw(weight_samples(len(grid.keys)))
    before = acceptability(table, grid, weight_samples=samples).rank_acceptability
    after = acceptability(other, grid, weight_samples=samples).rank_acceptability
    np.testing.assert_allclose(after.loc[before.index].to_numpy(), before.to_numpy(), atol=1e-12)
    if distinct_scores(table, grid):
        np.testing.assert_allclose(
            interval_bounds(other, grid, scope),
            interval_bounds(table, grid, scope),
            rtol=0,
            atol=ROOTS,
        )


#: A = (1, 0) and B = (0, 1) tie for first at equal weights (0.5 each), C = (0.4, 0.4).
#: Moving x's weight to t: A = t, B = 1 − t, C = 0.4. Listed A first, the winner is A and
#: x's winner interval is [0.4, 1] (C catches A at 0.4); listed B first, it is [0, 0.6].
TIE_FOR_FIRST = (
    toys.table({"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.4, 0.4)}, columns=["x", "y"]),
    selection.parse_grid(toys.TWO_CRITERIA),
)


@settings(max_examples=25, deadline=None)
@example(problem=TIE_FOR_FIRST, keys=[0.5, 0.1, 0.9] + [0.0] * 5, scope="winner").via(
    "A and B tie for first"
)
@given(problems(min_criteria=2), ROW_KEYS, st.sampled_from(SCOPES))
def test_stability_intervals_do_not_depend_on_the_row_order(
    problem: Problem, keys: list[float], scope: str
) -> None:
    """The table's row order changes no stability interval, ties at the current weights
    included."""
    table, grid = problem
    np.testing.assert_allclose(
        interval_bounds(shuffled(table, keys), grid, scope),
        interval_bounds(table, grid, scope),
        rtol=0,
        atol=ROOTS,
    )
