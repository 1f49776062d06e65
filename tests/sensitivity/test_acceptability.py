"""SMAA-2 rank acceptability checked against answers worked out by hand and a brute force.

Toy problems (weighted sum, ``normalization: none``, so a producer's score is
Σ_j w_j x_j): with two criteria, a uniform weight vector on the simplex is
(w_1, 1 − w_1) with w_1 ~ U(0, 1), so every acceptability index is the length
of an interval of w_1 and every central weight the midpoint of one. Monte Carlo
estimates are compared with a tolerance of 4 standard errors,
sqrt(p (1 − p) / S) for a share p estimated from S samples.

The brute force re-scores every weight sample with pymcdm's TOPSIS (vector
normalization given explicitly: pymcdm defaults to min-max) in a plain Python
loop and ranks with ``np.argsort``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from numpy.typing import NDArray
from pymcdm import methods, normalizations
from scipy import stats

import selection
from selection.engines import competition_ranks
from selection.sensitivity import Acceptability, acceptability
from tests import toys
from tests.toys import within_mc_error

#: Samples for the toy problems: standard errors ≤ 0.5 / sqrt(S) = 0.0025.
S = 40_000

#: x and y weigh 1/2 each; a gate x ≤ 1.
TOY_GRID = toys.TWO_CRITERIA + "eligibility:\n  - {criterion: x, max: 1}\n"

#: A = (1, 0), B = (0, 1), C = (0.6, 0.6); D would beat everyone but fails the gate x ≤ 1.
TOY_TABLE = pd.DataFrame(
    {"id": ["A", "B", "C", "D"], "x": [1.0, 0.0, 0.6, 5.0], "y": [0.0, 1.0, 0.6, 5.0]}
)

#: Two batteries: q (criteria q1, q2 with points 1 and 3: shares 1/4, 3/4) and l (one criterion).
BATTERY_GRID = """\
format: selection/grid@1
name: two batteries
id: id
method: wsm
normalization: none
batteries:
  q:
    weight: 1
    criteria:
      q1: {weight: 1}
      q2: {weight: 3}
  l:
    weight: 1
    criteria:
      l1: {weight: 1}
"""

#: Battery scores (q = q1/4 + 3 q2/4, l = l1): A = (1, 0), B = (0, 1), C = (0.7, 0.7).
#: Equal shares inside q would give A = (0.8, 0), C = (0.6, 0.7) instead.
BATTERY_TABLE = pd.DataFrame(
    {
        "id": ["A", "B", "C"],
        "q1": [0.4, 0.0, 0.4],
        "q2": [1.2, 0.0, 0.8],
        "l1": [0.0, 1.0, 0.7],
    }
)


def toy() -> selection.Grid:
    return selection.parse_grid(TOY_GRID)


# -- competition_ranks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ([0.9, 0.5, 0.5, 0.1], [1, 2, 2, 4]),
        ([0.1, 0.5, 0.9, 0.5], [4, 2, 1, 2]),
        ([3.0, 3.0, 3.0], [1, 1, 1]),
        ([1.0, 2.0, 3.0, 4.0], [4, 3, 2, 1]),
        ([0.0, 0.0, -1.0], [1, 1, 3]),
        ([-0.2, -0.1, -0.3, -0.1], [3, 1, 4, 1]),
        ([0.7, 0.7, 0.2, 0.2], [1, 1, 3, 3]),
        ([5.0], [1]),
    ],
)
def test_competition_ranks_by_hand(scores: list[float], ranks: list[int]) -> None:
    assert competition_ranks(np.array(scores)).tolist() == ranks


def test_competition_ranks_row_by_row() -> None:
    scores = np.array([[0.9, 0.5, 0.5, 0.1], [0.1, 0.2, 0.3, 0.4], [1.0, 1.0, 0.0, 1.0]])
    assert competition_ranks(scores).tolist() == [[1, 2, 2, 4], [4, 3, 2, 1], [1, 1, 4, 1]]


def test_competition_ranks_ties_within_rounding_error() -> None:
    """0.1 + 0.2 and 0.3 differ by one ulp: the same score, the same rank."""
    scores = np.array([0.1 + 0.2, 0.3, 0.2])
    assert competition_ranks(scores).tolist() == [1, 1, 3]
    assert competition_ranks(np.array([0.3, 0.3 + 1e-9, 0.2])).tolist() == [2, 1, 3]


# -- hand-worked toy problems ------------------------------------------------------------


def test_two_producers_split_evenly() -> None:
    """A = (1, 0), B = (0, 1): A scores w_1, B scores w_2 = 1 − w_1, so A wins
    iff w_1 > 1/2: b_A^1 = b_B^1 = 1/2 exactly; c_AB = c_BA = 1/2."""
    table = TOY_TABLE.iloc[:2]
    result = acceptability(table, toy(), samples=S, seed=1)
    within_mc_error(result.rank_acceptability, np.array([[0.5, 0.5], [0.5, 0.5]]), S)
    assert result.pairwise is not None
    within_mc_error(result.pairwise, np.array([[0.0, 0.5], [0.5, 0.0]]), S)


def test_three_producers_by_hand() -> None:
    """A = (1, 0), B = (0, 1), C = (0.6, 0.6); scores w_1, 1 − w_1 and 0.6.

    Rank 1: A iff w_1 > 0.6 (0.4); B iff w_1 < 0.4 (0.4); C iff 0.4 < w_1 < 0.6 (0.2).
    C is never last (that needs 0.6 < min(w_1, w_2) ≤ 1/2): b_C = (0.2, 0.8, 0).
    A is second iff C first and w_1 > 1/2 (w_1 ∈ (0.5, 0.6): 0.1): b_A = (0.4, 0.1, 0.5),
    and B by symmetry. k-best: top-2 = (0.5, 0.5, 1).
    Pairwise: c_AB = P(w_1 > 1/2) = 0.5, c_AC = P(w_1 > 0.6) = 0.4, c_CA = 0.6, and
    symmetrically for B.
    Central weights: w_1 | A best ~ U(0.6, 1), mean 0.8 → (0.8, 0.2); B (0.2, 0.8);
    C: w_1 ~ U(0.4, 0.6) → (0.5, 0.5). Each is best under its own central
    weights (A: 0.8 > 0.6 > 0.2; C: 0.6 > 0.5 = 0.5): confidence 1.
    D fails the gate and never appears.
    """
    result = acceptability(TOY_TABLE, toy(), samples=S, seed=2)
    ids = ["A", "B", "C"]
    assert result.rank_acceptability.index.tolist() == ids
    assert result.rank_acceptability.columns.tolist() == [1, 2, 3]
    assert result.samples == S
    assert result.factors == ["x", "y"]
    expected = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
    within_mc_error(result.rank_acceptability, expected, S)
    within_mc_error(result.k_best(2).to_frame(), np.array([[0.5], [0.5], [1.0]]), S)
    assert result.pairwise is not None
    assert result.pairwise.index.tolist() == ids
    assert result.pairwise.columns.tolist() == ids
    pairwise = np.array([[0.0, 0.5, 0.4], [0.5, 0.0, 0.4], [0.6, 0.6, 0.0]])
    within_mc_error(result.pairwise, pairwise, S)

    # Central weights: conditional sd of w_1 is (interval length)/sqrt(12), over p S samples.
    central = result.central_weights.to_numpy(dtype=float)
    expected_central = np.array([[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]])
    sd = np.array([0.4, 0.4, 0.2]) / np.sqrt(12)
    tolerance = 4 * sd / np.sqrt(np.array([0.4, 0.4, 0.2]) * S)
    assert (np.abs(central - expected_central) <= tolerance[:, None]).all(), central
    assert_allclose(central.sum(axis=1), 1.0, atol=1e-12)
    assert result.confidence.tolist() == [1.0, 1.0, 1.0]


def test_standard_error_is_the_binomial_one() -> None:
    """SE = sqrt(p (1 − p) / S): exactly from the estimate, and close to the value
    at the true p (0.4, 0.1, 0.5 / 0.2, 0.8, 0)."""
    result = acceptability(TOY_TABLE, toy(), samples=S, seed=3)
    p_hat = result.rank_acceptability.to_numpy()
    assert_allclose(result.standard_error.to_numpy(), np.sqrt(p_hat * (1 - p_hat) / S), rtol=1e-12)
    p = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
    assert_allclose(result.standard_error.to_numpy(), np.sqrt(p * (1 - p) / S), rtol=0.05)
    pd.testing.assert_index_equal(result.standard_error.index, result.rank_acceptability.index)
    pd.testing.assert_index_equal(result.standard_error.columns, result.rank_acceptability.columns)


def test_order_keeps_only_weightings_that_respect_it() -> None:
    """order = [y, x]: w_2 ≥ w_1, so w_1 ~ U(0, 1/2). A (needs w_1 > 0.6) is never
    best; C iff w_1 ∈ (0.4, 0.5): 0.1 / 0.5 = 0.2; B otherwise: 0.8. Central weights:
    B (0.2, 0.8), C (0.45, 0.55); A has none (NA) and no confidence factor."""
    result = acceptability(TOY_TABLE, toy(), samples=S, seed=4, order=["y", "x"])
    within_mc_error(result.rank_acceptability[[1]], np.array([[0.0], [0.8], [0.2]]), S)
    central = result.central_weights
    assert central.loc["A"].isna().all()
    assert pd.isna(result.confidence.loc["A"])
    assert abs(central.loc["B", "x"] - 0.2) < 4 * (0.4 / np.sqrt(12)) / np.sqrt(0.8 * S)
    assert abs(central.loc["C", "x"] - 0.45) < 4 * (0.1 / np.sqrt(12)) / np.sqrt(0.2 * S)


def test_bounds_by_hand() -> None:
    """bounds x ∈ [0.2, 0.5]: w_1 ~ U(0.2, 0.5). A never best; B iff w_1 < 0.4
    (0.2 / 0.3 = 2/3); C iff w_1 ∈ (0.4, 0.5) (1/3). Central x: B 0.3, C 0.45."""
    result = acceptability(TOY_TABLE, toy(), samples=S, seed=5, bounds={"x": (0.2, 0.5)})
    assert result.samples == S
    within_mc_error(result.rank_acceptability[[1]], np.array([[0.0], [2 / 3], [1 / 3]]), S)
    central = result.central_weights
    assert abs(central.loc["B", "x"] - 0.3) < 4 * (0.2 / np.sqrt(12)) / np.sqrt(2 / 3 * S)
    assert abs(central.loc["C", "x"] - 0.45) < 4 * (0.1 / np.sqrt(12)) / np.sqrt(1 / 3 * S)


def test_order_is_kept_when_drawing_around_the_grid_weights() -> None:
    """around + order: every weighting drawn must still have w_y ≥ w_x, so A (best
    only when w_x > 0.6) is never best. Refusing the combination would also be honest;
    silently dropping the order is not."""
    try:
        result = acceptability(
            TOY_TABLE, toy(), samples=4000, seed=15, around=10.0, order=["y", "x"]
        )
    except selection.SelectionError:
        return
    assert result.rank_acceptability.loc["A", 1] == 0.0
    assert result.central_weights["x"].dropna().le(0.5).all()


def test_an_order_naming_a_factor_twice_is_refused() -> None:
    """["x", "x"] is no importance order at all (it constrains nothing)."""
    with pytest.raises(selection.SelectionError) as info:
        acceptability(TOY_TABLE, toy(), samples=10, seed=0, order=["x", "x"])
    assert info.value.where == "order"


@pytest.mark.parametrize("concentration", [4.0, 10.0, 50.0])
def test_around_by_hand(concentration: float) -> None:
    """around = c with grid weights (1/2, 1/2): w_1 ~ Beta(c/2, c/2). A best iff
    w_1 > 0.6, B iff w_1 < 0.4, C in between (probabilities from scipy's Beta)."""
    law = stats.beta(concentration / 2, concentration / 2)
    p_a = law.sf(0.6)
    p_c = law.cdf(0.6) - law.cdf(0.4)
    result = acceptability(TOY_TABLE, toy(), samples=S, seed=6, around=concentration)
    within_mc_error(result.rank_acceptability[[1]], np.array([[p_a], [p_a], [p_c]]), S)


# -- the battery level -------------------------------------------------------------------


def test_battery_level_by_hand() -> None:
    """Battery weights (f_q, f_l) = (f, 1 − f), f ~ U(0, 1); criterion weights
    (f/4, 3f/4, 1 − f). Scores: A = f (0.4/4 + 3 · 1.2/4) = f, B = 1 − f,
    C = 0.7 f + 0.7 (1 − f) = 0.7.

    Rank 1: A iff f > 0.7 (0.3), B iff f < 0.3 (0.3), C otherwise (0.4). C is never
    last (0.7 < min(f, 1 − f) ≤ 1/2 is impossible). A second iff C first and f > 1/2
    (0.2). So b_A = b_B = (0.3, 0.2, 0.5), b_C = (0.4, 0.6, 0). Central battery
    weights: A (0.85, 0.15), B (0.15, 0.85), C (0.5, 0.5).
    """
    grid = selection.parse_grid(BATTERY_GRID)
    result = acceptability(BATTERY_TABLE, grid, samples=S, seed=7, level="battery")
    assert result.level == "battery"
    assert result.factors == ["q", "l"]
    assert result.central_weights.columns.tolist() == ["q", "l"]
    expected = np.array([[0.3, 0.2, 0.5], [0.3, 0.2, 0.5], [0.4, 0.6, 0.0]])
    within_mc_error(result.rank_acceptability, expected, S)
    central = result.central_weights.to_numpy(dtype=float)
    expected_central = np.array([[0.85, 0.15], [0.15, 0.85], [0.5, 0.5]])
    sd = np.array([0.3, 0.3, 0.4]) / np.sqrt(12)
    tolerance = 4 * sd / np.sqrt(np.array([0.3, 0.3, 0.4]) * S)
    assert (np.abs(central - expected_central) <= tolerance[:, None]).all(), central


def test_battery_level_with_given_weights_and_a_tie() -> None:
    """Three battery weightings, scored by hand (criterion weights f_q/4, 3 f_q/4, f_l):

    (0.8, 0.2): A 0.8, B 0.2, C 0.7 → ranks A 1, C 2, B 3
    (0.2, 0.8): A 0.2, B 0.8, C 0.7 → ranks B 1, C 2, A 3
    (0.5, 0.5): A 0.5, B 0.5, C 0.7 → ranks C 1, A 2, B 2 (a tie: rank 3 is empty)

    So b_A = b_B = (1/3, 1/3, 1/3), b_C = (1/3, 2/3, 0); c_AB = 1/3 (tie counts for
    neither), c_AC = 1/3, c_CA = 2/3; each producer's central weights are the one
    weighting where it is best.
    """
    grid = selection.parse_grid(BATTERY_GRID)
    given = np.array([[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]])
    result = acceptability(BATTERY_TABLE, grid, weight_samples=given, level="battery")
    third = 1 / 3
    assert_allclose(
        result.rank_acceptability.to_numpy(),
        [[third, third, third], [third, third, third], [third, 2 * third, 0.0]],
        rtol=0,
        atol=1e-15,
    )
    assert result.pairwise is not None
    assert_allclose(
        result.pairwise.to_numpy(),
        [[0, third, third], [third, 0, third], [2 * third, 2 * third, 0]],
        rtol=0,
        atol=1e-15,
    )
    assert_allclose(result.central_weights.to_numpy(dtype=float), given, rtol=0, atol=1e-15)
    assert result.samples == 3


# -- against a brute force with pymcdm ---------------------------------------------------


def brute_force_topsis(
    values: NDArray[np.float64], directions: NDArray[np.int_], weights: NDArray[np.float64]
) -> tuple[NDArray[np.int_], NDArray[np.int_], NDArray[np.float64], NDArray[np.float64]]:
    """Rank counts (n × n), pairwise win counts, central weights and confidence, one
    weight vector at a time with pymcdm's TOPSIS and np.argsort (no ties allowed)."""
    n = len(values)
    model = methods.TOPSIS(normalization_function=normalizations.vector_normalization)

    def ranks_under(w: NDArray[np.float64]) -> NDArray[np.int_]:
        scores = model(values, w, directions)
        ordered = np.sort(scores)
        assert np.diff(ordered).min() > 1e-9, "the brute force needs untied scores"
        ranks = np.empty(n, dtype=int)
        ranks[np.argsort(-scores)] = np.arange(1, n + 1)
        return ranks

    counts = np.zeros((n, n), dtype=np.int64)
    wins = np.zeros((n, n), dtype=np.int64)
    best_sum = np.zeros((n, weights.shape[1]))
    best_count = np.zeros(n, dtype=np.int64)
    for w in weights:
        ranks = ranks_under(w)
        for i in range(n):
            counts[i, ranks[i] - 1] += 1
            for j in range(n):
                if ranks[i] < ranks[j]:
                    wins[i, j] += 1
        winner = int(np.flatnonzero(ranks == 1)[0])
        best_sum[winner] += w
        best_count[winner] += 1
    central = np.full_like(best_sum, np.nan)
    confidence = np.full(n, np.nan)
    for i in range(n):
        if best_count[i]:
            central[i] = best_sum[i] / best_count[i]
            confidence[i] = float(ranks_under(central[i])[i] == 1)
    return counts, wins, central, confidence


def assert_matches_brute_force(
    result: Acceptability,
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    weights: NDArray[np.float64],
) -> None:
    counts, wins, central, confidence = brute_force_topsis(values, directions, weights)
    samples = len(weights)
    assert result.samples == samples
    table = result.rank_acceptability.to_numpy()
    assert np.array_equal(np.rint(table * samples).astype(np.int64), counts)
    assert np.array_equal(table, counts / samples)
    assert result.pairwise is not None
    assert np.array_equal(result.pairwise.to_numpy(), wins / samples)
    ours = result.central_weights.to_numpy(dtype=float, na_value=np.nan)
    assert np.array_equal(np.isnan(ours), np.isnan(central))
    assert_allclose(ours, central, rtol=0, atol=1e-12)
    assert_allclose(
        result.confidence.to_numpy(dtype=float, na_value=np.nan), confidence, equal_nan=True
    )


def test_given_weights_on_the_shipped_example_match_pymcdm(
    example_paths: tuple[Path, Path],
) -> None:
    """1100 weight vectors (three chunks of the kernel) on the shipped example, scored
    with TOPSIS and vector normalization asked for explicitly (whatever the grid says)."""
    ranking = selection.rank(*example_paths, method="topsis", normalization="vector")
    values = ranking.matrix.eligible_values
    directions = ranking.matrix.directions
    weights = np.random.default_rng(2024).dirichlet(np.ones(values.shape[1]), size=1100)
    result = acceptability(
        *example_paths, weight_samples=weights, method="topsis", normalization="vector"
    )
    eligible_ids = ranking.matrix.ids[ranking.matrix.eligible]
    pd.testing.assert_index_equal(result.rank_acceptability.index, eligible_ids)
    assert result.factors == list(ranking.matrix.keys)
    assert_matches_brute_force(result, values, directions, weights)


def test_given_weights_on_random_continuous_data_match_pymcdm() -> None:
    """Random continuous values, both directions, one producer failing a column gate."""
    gen = np.random.default_rng(77)
    n, m = 14, 5
    directions = np.array([1, -1, 1, -1, 1])
    criteria = "\n".join(
        f"      c{j}: {{direction: {'max' if d > 0 else 'min'}, weight: {j + 1}}}"
        for j, d in enumerate(directions)
    )
    grid = selection.parse_grid(
        "format: selection/grid@1\nname: random\nid: id\nmethod: topsis\n"
        "normalization: vector\nbatteries:\n  all:\n    criteria:\n"
        f"{criteria}\n"
        "eligibility:\n  - {column: status, in: [ok]}\n"
    )
    values = gen.uniform(1, 10, size=(n, m))
    table = pd.DataFrame(values, columns=[f"c{j}" for j in range(m)])
    table.insert(0, "id", [f"P{i:02d}" for i in range(n)])
    table["status"] = ["ok"] * n
    table.loc[5, "status"] = "suspended"
    weights = gen.dirichlet(np.ones(m), size=600)
    result = acceptability(table, grid, weight_samples=weights)
    keep = table["status"].to_numpy() == "ok"
    assert "P05" not in result.rank_acceptability.index
    assert_matches_brute_force(result, values[keep], directions, weights)


def test_given_weights_are_rescaled_per_row(example_paths: tuple[Path, Path]) -> None:
    """Weights are points: multiplying each row by a positive number changes nothing."""
    weights = np.random.default_rng(5).dirichlet(np.ones(10), size=300)
    factors = np.random.default_rng(6).uniform(0.5, 50, size=(300, 1))
    base = acceptability(*example_paths, weight_samples=weights)
    scaled = acceptability(*example_paths, weight_samples=weights * factors)
    pd.testing.assert_frame_equal(base.rank_acceptability, scaled.rank_acceptability)
    assert base.pairwise is not None
    assert scaled.pairwise is not None
    pd.testing.assert_frame_equal(base.pairwise, scaled.pairwise)
    pd.testing.assert_frame_equal(
        base.central_weights, scaled.central_weights, check_exact=False, atol=1e-12, rtol=0
    )


# -- eligibility -------------------------------------------------------------------------


def test_ineligible_producers_never_appear(example_paths: tuple[Path, Path]) -> None:
    ranking = selection.rank(*example_paths)
    ineligible = set(ranking.matrix.ids[~ranking.matrix.eligible])
    assert ineligible, "the shipped example is expected to have ineligible producers"
    result = acceptability(*example_paths, samples=500, seed=8)
    eligible = list(ranking.matrix.ids[ranking.matrix.eligible])
    assert result.pairwise is not None
    for index in (
        result.rank_acceptability.index,
        result.standard_error.index,
        result.central_weights.index,
        result.confidence.index,
        result.pairwise.index,
        result.pairwise.columns,
    ):
        assert list(index) == eligible
        assert not ineligible & set(index)
    assert result.rank_acceptability.shape[1] == len(eligible)
    assert_allclose(result.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    assert_allclose(result.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)


# -- top and k_best ----------------------------------------------------------------------


def test_top_keeps_the_first_columns_of_the_full_run(example_paths: tuple[Path, Path]) -> None:
    full = acceptability(*example_paths, samples=2000, seed=9)
    top = acceptability(*example_paths, samples=2000, seed=9, top=5)
    assert top.rank_acceptability.columns.tolist() == [1, 2, 3, 4, 5]
    pd.testing.assert_frame_equal(top.rank_acceptability, full.rank_acceptability.iloc[:, :5])
    pd.testing.assert_frame_equal(top.standard_error, full.standard_error.iloc[:, :5])
    pd.testing.assert_frame_equal(top.central_weights, full.central_weights)
    for k in (1, 3, 5):
        expected = full.rank_acceptability.iloc[:, :k].sum(axis=1)
        assert_allclose(top.k_best(k).to_numpy(), expected.to_numpy(), rtol=0, atol=1e-12)
        assert_allclose(full.k_best(k).to_numpy(), expected.to_numpy(), rtol=0, atol=1e-12)
        assert top.k_best(k).index.equals(full.rank_acceptability.index)
    assert_allclose(full.k_best(full.rank_acceptability.shape[1]), 1.0, atol=1e-12)


@pytest.mark.parametrize("top", [0, -1, 1.5, "abc"])
def test_bad_top_is_a_selection_error(top: object) -> None:
    """top must be a whole number ≥ 1."""
    with pytest.raises(selection.SelectionError) as info:
        acceptability(TOY_TABLE, toy(), samples=10, seed=0, top=top)  # type: ignore[arg-type]
    assert info.value.where == "top"


def test_top_above_the_eligible_producers_is_capped() -> None:
    """The toy has 3 eligible producers: top=4 keeps ranks 1..3, as everywhere else."""
    result = acceptability(TOY_TABLE, toy(), samples=10, seed=0, top=4)
    assert list(result.rank_acceptability.columns) == [1, 2, 3]


@pytest.mark.parametrize("k", [0, -1, 3, 1.5])
def test_bad_k_is_a_selection_error(k: object) -> None:
    """With top = 2, k_best accepts 1 and 2 only."""
    result = acceptability(TOY_TABLE, toy(), samples=10, seed=0, top=2)
    with pytest.raises(selection.SelectionError) as info:
        result.k_best(k)  # type: ignore[arg-type]
    assert info.value.where == "k_best"


# -- determinism -------------------------------------------------------------------------


def assert_same_result(a: Acceptability, b: Acceptability) -> None:
    pd.testing.assert_frame_equal(a.rank_acceptability, b.rank_acceptability)
    pd.testing.assert_frame_equal(a.standard_error, b.standard_error)
    pd.testing.assert_frame_equal(a.central_weights, b.central_weights)
    pd.testing.assert_series_equal(a.confidence, b.confidence)
    assert a.pairwise is not None
    assert b.pairwise is not None
    pd.testing.assert_frame_equal(a.pairwise, b.pairwise)


@pytest.mark.parametrize(
    "options",
    [{}, {"around": 20.0}, {"order": ["price", "organic"]}, {"bounds": {"price": (0.1, 0.4)}}],
    ids=["uniform", "around", "order", "bounds"],
)
def test_same_seed_same_result(
    options: dict[str, object], example_paths: tuple[Path, Path]
) -> None:
    first = acceptability(*example_paths, samples=1500, seed=10, **options)  # type: ignore[arg-type]
    second = acceptability(*example_paths, samples=1500, seed=10, **options)  # type: ignore[arg-type]
    assert_same_result(first, second)
    other = acceptability(*example_paths, samples=1500, seed=11, **options)  # type: ignore[arg-type]
    assert not other.rank_acceptability.equals(first.rank_acceptability)


def test_different_seeds_agree_within_monte_carlo_error() -> None:
    """Both runs estimate the same exact answer (the three-producer toy)."""
    expected = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
    runs = [acceptability(TOY_TABLE, toy(), samples=S, seed=seed) for seed in (12, 13)]
    assert not runs[0].rank_acceptability.equals(runs[1].rank_acceptability)
    for run in runs:
        within_mc_error(run.rank_acceptability, expected, S)
    gap = np.abs(runs[0].rank_acceptability.to_numpy() - runs[1].rank_acceptability.to_numpy())
    assert (gap <= 4 * np.sqrt(2 * expected * (1 - expected) / S) + 1e-12).all()


# -- bad inputs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weights",
    [
        np.full((5, 3), 1 / 3),  # the toy has 2 criteria
        np.full(2, 0.5),  # one vector, not a 2-D array
        np.full((2, 2, 2), 0.25),
        np.array([[0.5, 0.5], [1.2, -0.2]]),
        np.array([[0.5, 0.5], [np.nan, 0.5]]),
        np.array([[0.5, 0.5], [np.inf, 0.5]]),
        np.array([[0.5, 0.5], [0.0, 0.0]]),
    ],
    ids=["columns", "1-d", "3-d", "negative", "nan", "inf", "all-zero"],
)
def test_bad_weight_samples(weights: NDArray[np.float64]) -> None:
    with pytest.raises(selection.SelectionError, match="weight_samples") as info:
        acceptability(TOY_TABLE, toy(), weight_samples=weights)
    assert info.value.where == "weight_samples"


def test_weight_samples_in_battery_order() -> None:
    """At the battery level, weight_samples has one column per battery."""
    grid = selection.parse_grid(BATTERY_GRID)
    with pytest.raises(selection.SelectionError, match="weight_samples") as info:
        acceptability(BATTERY_TABLE, grid, weight_samples=np.full((4, 3), 1 / 3), level="battery")
    assert "q, l" in str(info.value)


@pytest.mark.parametrize(
    ("options", "where", "suggestion"),
    [
        ({"order": ["price", "organc"]}, "order", "organic"),
        ({"bounds": {"prise": (0.0, 0.5)}}, "bounds", "price"),
        ({"order": ["localty"], "level": "battery"}, "order", "locality"),
        ({"bounds": {"qualty": (0.1, 0.9)}, "level": "battery"}, "bounds", "quality"),
    ],
)
def test_unknown_keys_get_a_suggestion(
    options: dict[str, object], where: str, suggestion: str, example_paths: tuple[Path, Path]
) -> None:
    with pytest.raises(selection.SelectionError, match="did you mean") as info:
        acceptability(*example_paths, samples=10, seed=0, **options)  # type: ignore[arg-type]
    assert info.value.where == where
    assert info.value.hint == f"did you mean {suggestion!r}?"


@pytest.mark.parametrize(
    "bounds",
    [(-0.1, 0.5), (0.2, 1.5), (0.6, 0.4), (float("nan"), 0.5)],
    ids=["negative", "above-one", "reversed", "nan"],
)
def test_bounds_outside_zero_one_are_refused(bounds: tuple[float, float]) -> None:
    with pytest.raises(selection.SelectionError) as info:
        acceptability(TOY_TABLE, toy(), samples=10, seed=0, bounds={"x": bounds})
    assert info.value.where == "bounds"


def test_bounds_that_leave_no_room_are_refused() -> None:
    """x ≥ 0.6 and y ≥ 0.6 would need weights summing to at least 1.2."""
    with pytest.raises(selection.SelectionError) as info:
        acceptability(
            TOY_TABLE, toy(), samples=10, seed=0, bounds={"x": (0.6, 1.0), "y": (0.6, 1.0)}
        )
    assert info.value.where == "bounds"


def test_central_weights_respect_the_bounds(example_paths: tuple[Path, Path]) -> None:
    """Every draw has price ∈ [0.2, 0.5], so every mean of draws does too."""
    result = acceptability(*example_paths, samples=2000, seed=14, bounds={"price": (0.2, 0.5)})
    central = result.central_weights.dropna()
    assert len(central) >= 2
    assert (central["price"] >= 0.2 - 1e-12).all()
    assert (central["price"] <= 0.5 + 1e-12).all()
    assert_allclose(central.sum(axis=1).to_numpy(dtype=float), 1.0, atol=1e-12)


def test_holistic_acceptability_uses_rank_order_centroid_meta_weights() -> None:
    """Lahdelma & Salminen (2001): a_i = Σ_r α_r b_i^r with α_1 = 1 ≥ α_2 ≥ … ≥ 0.

    With n = 3, α_r ∝ Σ_{j≥r} 1/j = (11/6, 5/6, 1/3), so α = (1, 5/11, 2/11).
    """
    from selection.sensitivity import holistic_acceptability

    table = pd.DataFrame(
        [[0.5, 0.5, 0.0], [0.0, 0.25, 0.75], [0.5, 0.25, 0.25]], columns=[1, 2, 3]
    )
    expected = [
        0.5 + 0.5 * 5 / 11,
        0.25 * 5 / 11 + 0.75 * 2 / 11,
        0.5 + 0.25 * 5 / 11 + 0.25 * 2 / 11,
    ]
    np.testing.assert_allclose(holistic_acceptability(table), expected, rtol=0, atol=1e-15)
