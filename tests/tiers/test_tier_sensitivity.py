"""Stability of tiers: the weight range that keeps each producer's tier (hand-worked, and against
a brute-force sweep with Hypothesis), and SMAA's probability of each tier (against a direct count).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import selection
from selection.engines import Normalization
from selection.grid import SelectionRule, Tier
from selection.scoring import tier_bands
from selection.sensitivity import (
    acceptability,
    factors_for,
    tier_acceptability,
    tier_intervals,
)
from selection.sensitivity.stability import line_for
from selection.sensitivity.tiers import tier_runs, tier_segments
from tests import toys

from .conftest import TOY_TABLE


def test_hand_worked_intervals_of_the_toy(toy_grid: selection.Grid) -> None:
    """With w the weight of q (l weighs 1 − w): A = 0.5 + 0.4 w is Gold (≥ 0.65) for
    w ≥ 3/8; B = 0.8 − 0.4 w is Silver (0.5 to 0.65) for 3/8 < w ≤ 3/4; C = 0.6 + 0.05 w
    stays Silver below w = 1; D = 0.3 − 0.1 w is never approved. Moving l's weight t = 1 − w:
    B = 0.4 + 0.4 t is Silver for 1/4 ≤ t < 5/8."""
    result = tier_intervals(TOY_TABLE, toy_grid, level="battery")
    table = result.table
    assert result.exact
    assert table.loc[("A", "q"), ["low", "high"]].tolist() == pytest.approx([3 / 8, 1.0])
    assert table.loc[("B", "q"), ["low", "high"]].tolist() == pytest.approx([3 / 8, 3 / 4])
    assert table.loc[("B", "l"), ["low", "high"]].tolist() == pytest.approx([1 / 4, 5 / 8])
    assert table.loc[("C", "q"), ["low", "high"]].tolist() == [0.0, 1.0]
    assert table.loc[("D", "q"), ["low", "high"]].tolist() == [0.0, 1.0]
    assert table["tier"].xs("q", level="factor").to_dict() == {
        "A": "Gold",
        "C": "Silver",
        "B": "Silver",
        "D": "none",
    }
    assert "E" not in table.index.get_level_values("producer")  # ineligible: no weight helps
    narrow = result.narrowest()
    assert narrow.index[0] == "B" and narrow.loc["B", "width"] == pytest.approx(3 / 8)
    assert result.summary("en").splitlines()[1] == (
        "- B: keeps Silver while the weight of Quality is between 38% and 75% (now 50%)"
    )
    assert repr(result) == ("<TierIntervals of 4 producers over 2 battery weights (wsm, exact)>")


def test_topsis_intervals_are_found_by_bisection(toy_grid: selection.Grid) -> None:
    result = tier_intervals(TOY_TABLE, toy_grid, level="battery", method="topsis")
    assert not result.exact
    assert "sweep of 1001 points refined by bisection" in result.summary("en")


def test_tier_runs_merge_pieces_of_one_band() -> None:
    context = factors_for(TOY_TABLE, selection.parse_grid(_toy()), level="battery")
    pieces = tier_segments(context, 0)
    row = list(context.ids).index("B")
    assert tier_runs(pieces, row, 1) == [pytest.approx((3 / 8, 3 / 4))]
    assert tier_runs(pieces, row, 0) == [pytest.approx((0.0, 3 / 8))]
    assert tier_runs(pieces, row, 2) == [pytest.approx((3 / 4, 1.0))]


def _toy() -> str:
    from .conftest import TOY

    return TOY


def test_a_grid_without_tiers_is_refused() -> None:
    with pytest.raises(selection.GridError) as caught:
        tier_intervals(selection.example_producers_path(), selection.example_grid_path())
    assert caught.value.problem == "the grid has no tiers"
    with pytest.raises(selection.GridError, match="the grid has no tiers"):
        tier_acceptability(selection.example_producers_path(), selection.example_grid_path())


# -- against a brute-force sweep -----------------------------------------------------------------


@st.composite
def problems(draw: st.DrawFn) -> tuple[selection.Grid, pd.DataFrame, str]:
    """A numeric grid (values in [0, 1], read as written) in tiers, a table, a method."""
    n = draw(st.integers(3, 8))
    m = draw(st.integers(2, 4))
    quarter = st.integers(0, 4).map(lambda q: q / 4)
    values = np.array(
        draw(st.lists(st.lists(quarter, min_size=m, max_size=m), min_size=n, max_size=n))
    )
    points = draw(st.lists(st.integers(1, 4), min_size=m, max_size=m))
    method = draw(st.sampled_from(["wsm", "topsis"]))
    # Thresholds off the scores' lattice (k / 4W): a score equal to a threshold along a whole
    # line is a tie that rounding decides, in the sweep as in the intervals.
    off_lattice = st.integers(50, 950).map(lambda k: k / 1000 + 0.000123)
    cuts = sorted(draw(st.lists(off_lattice, min_size=1, max_size=3, unique=True)), reverse=True)
    open_tier = draw(st.booleans())
    tiers = tuple(Tier(f"t{i}", min_score=c) for i, c in enumerate(cuts))
    rule = SelectionRule(tiers=tiers + ((Tier("rest"),) if open_tier else ()))
    grid = toys.numeric_grid([1] * m, points, method=method)
    grid = dataclasses.replace(grid, normalization=Normalization.NONE, select=rule)
    return grid, toys.producer_table(values), method


def _bands(
    context: selection.sensitivity.Factors, factor: int, t: np.ndarray, cuts: np.ndarray
) -> np.ndarray:
    line = line_for(context, factor)
    scores = context.criterion_scores(
        line.u[None, :] + np.atleast_1d(t)[:, None] * line.v[None, :]
    )
    return tier_bands(scores, cuts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_intervals_match_a_brute_force_sweep(
    problem: tuple[selection.Grid, pd.DataFrame, str],
) -> None:
    """Inside (low, high) the tier never changes on a sweep of 4,001 points; just outside each
    end that is not 0 or 1 it has changed (to 1e-7: the ends are exact, not grid points)."""
    grid, table, method = problem
    result = tier_intervals(table, grid, level="criterion")
    assert result.exact == (method == "wsm")
    context = factors_for(table, grid, level="criterion")
    cuts = np.asarray(grid.select.thresholds)
    t = np.linspace(0.0, 1.0, 4001)
    for factor, key in enumerate(context.keys):
        bands = _bands(context, factor, t, cuts)  # (T, n)
        now = _bands(context, factor, np.array([context.weights[factor]]), cuts)[0]
        for row, pid in enumerate(context.ids):
            low, high = result.table.loc[(pid, key), ["low", "high"]].astype(float)
            assert low <= context.weights[factor] + 1e-12 <= high + 2e-12
            inside = (t > low + 1e-9) & (t < high - 1e-9)
            assert (bands[inside, row] == now[row]).all()
            if low > 1e-6:
                assert _bands(context, factor, np.array([low - 1e-7]), cuts)[0, row] != now[row]
                assert _bands(context, factor, np.array([low + 1e-7]), cuts)[0, row] == now[row]
            if high < 1 - 1e-6:
                assert _bands(context, factor, np.array([high + 1e-7]), cuts)[0, row] != now[row]
                assert _bands(context, factor, np.array([high - 1e-7]), cuts)[0, row] == now[row]


# -- plausible weightings ------------------------------------------------------------------------


def test_tier_shares_sum_to_one_and_match_a_direct_count(toy_grid: selection.Grid) -> None:
    rng = np.random.default_rng(7)
    samples = rng.dirichlet(np.ones(2), size=60)
    result = tier_acceptability(TOY_TABLE, toy_grid, weight_samples=samples, level="battery")
    assert np.allclose(result.table.sum(axis=1), 1.0)
    counted = pd.DataFrame(0.0, index=result.table.index, columns=result.table.columns)
    for q, other in samples:
        ranking = selection.rank(TOY_TABLE, toy_grid.with_weights(q=q, l=other))
        tiers = ranking.decisions().table["tier"]
        for pid in counted.index:
            counted.loc[pid, tiers[pid]] += 1 / len(samples)
    pd.testing.assert_frame_equal(result.table, counted, check_names=False, atol=1e-12)
    assert result.samples == 60
    assert result.approved()["A"] == pytest.approx(1 - result.table.loc["A", "none"])


def test_tier_shares_of_the_example_sum_to_one_per_producer(
    example_tiers_grid: selection.Grid,
) -> None:
    problem = selection.prepare(selection.example_producers_path(), example_tiers_grid)
    result = tier_acceptability(problem, samples=3000, level="battery", seed=3)
    assert np.allclose(result.table.sum(axis=1), 1.0)
    assert list(result.table.columns) == [
        "conventionné 90 %",
        "conventionné 50 %",
        "non conventionné",
    ]
    assert (result.standard_error <= 0.5 / np.sqrt(3000) + 1e-12).all().all()
    again = tier_acceptability(problem, samples=3000, level="battery", seed=3)
    pd.testing.assert_frame_equal(result.table, again.table)
    ranks = acceptability(problem, samples=3000, level="battery", seed=3)
    assert ranks.samples == result.samples  # the same draws, so the same seed means the same
    tidy = result.to_frame()
    assert list(tidy.columns) == ["producer", "tier", "share", "standard_error"]
    assert len(tidy) == 3 * len(result.table)
    assert result.keeps().between(0, 1).all()
    assert result.summary("en").startswith("Tiers over 3000 battery weightings")


def test_with_tiers_only_the_last_column_is_not_approved(toy_grid: selection.Grid) -> None:
    grid = dataclasses.replace(
        toy_grid, select=SelectionRule(tiers=(Tier("Gold", min_score=0.65),))
    )
    result = tier_acceptability(TOY_TABLE, grid, samples=100, level="battery")
    assert list(result.table.columns) == ["Gold", "not approved"]


def test_tier_results_print_in_one_line_and_in_words(toy_grid: selection.Grid) -> None:
    for result in (
        tier_intervals(TOY_TABLE, toy_grid, level="battery"),
        tier_acceptability(TOY_TABLE, toy_grid, samples=50, level="battery"),
    ):
        assert "\n" not in repr(result)
        assert result.summary("fr") and result.summary("en")
        assert isinstance(result.to_frame(), pd.DataFrame)
    assert (
        tier_acceptability(TOY_TABLE, toy_grid, samples=50)
        .summary("fr")
        .startswith("Paliers sur 50 pondérations")
    )
