"""``perturb``: rank distributions under noisy data, against answers worked out by hand.

Toy grids use a weighted sum with ``normalization: none``, so a producer's
score is Σ_j w_j x_j and every question "how often do these two swap?" is a
question about sums of independent uniform variables. Monte Carlo estimates
are compared with a tolerance of 4 standard errors, sqrt(p (1 − p) / S) for a
share p estimated from S samples.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from numpy.typing import NDArray

import selection
from selection.sensitivity import Perturbation, perturb
from tests.toys import FIVE_PRODUCERS, ONE_CRITERION, TWO_CRITERIA, within_mc_error

#: Two criteria weighing 1/2 each, read as written; a gate x ≤ 10.
TWO = TWO_CRITERIA + "eligibility:\n  - {criterion: x, max: 10}\n"

#: A number, a yes/no answer (weight 3) and levels (weight 1); x weighs 1.
KINDS = """\
format: selection/grid@1
name: kinds
id: id
method: wsm
normalization: none
batteries:
  only:
    criteria:
      x: {weight: 1}
      b: {weight: 3, boolean: true}
      lv: {weight: 1, levels: {low: 0, mid: 1, high: 2}}
"""

#: Three criteria on declared scales, the `scale` normalization (for other methods).
SCALED = """\
format: selection/grid@1
name: scaled
id: id
method: wsm
normalization: scale
batteries:
  only:
    criteria:
      x: {weight: 2, scale: [0, 10]}
      y: {weight: 1, scale: [0, 10]}
      z: {weight: 1, direction: min, scale: [0, 100]}
"""


def one_hot(ranks: NDArray[np.int_]) -> NDArray[np.float64]:
    n = len(ranks)
    out = np.zeros((n, n))
    out[np.arange(n), ranks - 1] = 1.0
    return out


# -- no noise ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee_ii", "spotis", "mabac"])
def test_zero_noise_keeps_every_rank(method: str) -> None:
    grid = selection.parse_grid(SCALED)
    result = perturb(FIVE_PRODUCERS, grid, noise=0.0, samples=50, method=method, seed=3)
    expected = selection.rank(FIVE_PRODUCERS, grid, method=method).table["rank"]
    ranks = expected.loc[result.stays.index].to_numpy(dtype=int)
    assert sorted(result.stays.index) == ["P1", "P2", "P3", "P4", "P5"]
    assert_array_equal(result.stays, 1.0)
    assert_array_equal(result.rank_acceptability.to_numpy(), one_hot(ranks))
    assert_array_equal(result.rank_range["low"], ranks)
    assert_array_equal(result.rank_range["high"], ranks)
    assert_array_equal(result.confidence, (ranks == 1).astype(float))
    assert list(result.rank_acceptability.columns) == [1, 2, 3, 4, 5]
    assert result.samples == 50


def test_zero_noise_on_the_shipped_example(example_paths: tuple[Path, Path]) -> None:
    path, grid = example_paths
    result = perturb(path, grid, noise=0.0, samples=20, seed=0)
    ranking = selection.rank(path, grid)
    ranks = ranking.ranked["rank"].loc[result.stays.index].to_numpy(dtype=int)
    assert set(result.stays.index) == set(ranking.ranked.index)
    assert_array_equal(result.stays, 1.0)
    assert_array_equal(result.rank_acceptability.to_numpy(), one_hot(ranks))


# -- dominance by a margin ---------------------------------------------------------------


DOMINANCE = pd.DataFrame({"id": ["A", "B", "C"], "x": [10.0, 8.0, 6.0], "y": [10.0, 7.0, 8.0]})


def test_a_margin_wider_than_the_noise_keeps_the_winner() -> None:
    """Scores (x + y) / 2: A = 10, B = 7.5, C = 7. Relative noise ±a moves every cell
    within x (1 ± a), so A ≥ 10 (1 − a) and B, C ≤ 7.5 (1 + a): A stays first in every
    sample when 10 (1 − a) > 7.5 (1 + a), i.e. a < 1/7 ≈ 0.143."""
    grid = selection.parse_grid(TWO)
    result = perturb(DOMINANCE, grid, noise=0.14, samples=4000, seed=0)
    assert result.confidence["A"] == 1.0
    assert result.stays["A"] == 1.0
    assert result.rank_acceptability.loc["A", 1] == 1.0
    assert result.rank_acceptability.loc[["B", "C"], 1].sum() == 0.0
    assert result.rank_range.loc["A"].tolist() == [1, 1]


def test_beyond_the_margin_the_winner_can_lose() -> None:
    """With a = 0.3, A − B = 2.5 + 5 u1 + 5 u2 − 4 u3 − 3.5 u4 (u ~ U(−0.3, 0.3)) has
    mean 2.5 and standard deviation sqrt((25 + 25 + 16 + 12.25) × 0.03) ≈ 1.53:
    B beats A in a few percent of samples, so 4000 samples see it."""
    grid = selection.parse_grid(TWO)
    result = perturb(DOMINANCE, grid, noise=0.3, samples=4000, seed=0)
    assert 0.8 < result.confidence["A"] < 1.0


def test_absolute_margin() -> None:
    """Absolute noise ±a on every cell: A ≥ 10 − a, B, C ≤ 7.5 + a: certain iff a < 1.25."""
    grid = selection.parse_grid(TWO)
    result = perturb(DOMINANCE, grid, noise=1.2, samples=4000, relative=False, seed=0)
    assert result.confidence["A"] == 1.0
    assert result.relative is False
    result = perturb(DOMINANCE, grid, noise=3.0, samples=4000, relative=False, seed=0)
    assert result.confidence["A"] < 1.0


# -- analytic swap probabilities ---------------------------------------------------------

S = 40_000
TWO_PRODUCERS = pd.DataFrame({"id": ["A", "B"], "x": [10.0, 11.0]})


def test_absolute_noise_swap_probability() -> None:
    """A = 10 + U1, B = 11 + U2 with U ~ U(−1, 1): A ranks first iff U1 − U2 > 1.
    U1 − U2 is triangular on [−2, 2] with density (2 − |d|) / 4, so
    P(swap) = ∫_1^2 (2 − d) / 4 dd = (2 − 1)² / 8 = 1/8."""
    result = perturb(
        TWO_PRODUCERS,
        selection.parse_grid(ONE_CRITERION),
        noise=1.0,
        samples=S,
        relative=False,
        seed=1,
    )
    within_mc_error(result.stays, [7 / 8, 7 / 8], S)
    within_mc_error(result.confidence, [1 / 8, 7 / 8], S)
    within_mc_error(result.rank_acceptability, [[1 / 8, 7 / 8], [7 / 8, 1 / 8]], S)
    assert result.noise.to_dict() == {"x": 1.0}


def test_relative_noise_swap_probability() -> None:
    """A = 10 (1 + U1), B = 11 (1 + U2), U ~ U(−0.1, 0.1): a = 10 U1 ~ U(−1, 1),
    b = 11 U2 ~ U(−1.1, 1.1) and A ranks first iff a > 1 + b. Given b ∈ [−1.1, 0],
    P(a > 1 + b) = −b / 2 (0 for b > 0), so
    P(swap) = ∫_{−1.1}^0 (−b / 2) db / 2.2 = 1.1² / 8.8 = 0.1375
    (and not 1/8, as the same spread in absolute terms would give)."""
    result = perturb(
        TWO_PRODUCERS, selection.parse_grid(ONE_CRITERION), noise=0.1, samples=S, seed=2
    )
    within_mc_error(result.stays, [1 - 0.1375, 1 - 0.1375], S)
    within_mc_error(result.confidence, [0.1375, 1 - 0.1375], S)
    assert result.relative is True
    assert abs(result.confidence["A"] - 1 / 8) > 4 * np.sqrt(0.1375 * 0.8625 / S)


def test_rank_range_is_the_5th_and_95th_percentile() -> None:
    """Two producers, A ranks 2 in 7/8 of samples and 1 in 1/8 of them: its 5th
    percentile rank is 1 (1/8 > 5 %), its 95th is 2; B's are 1 and 2 too."""
    result = perturb(
        TWO_PRODUCERS,
        selection.parse_grid(ONE_CRITERION),
        noise=1.0,
        samples=4000,
        relative=False,
        seed=4,
    )
    assert result.rank_range.loc["A"].tolist() == [1, 2]
    assert result.rank_range.loc["B"].tolist() == [1, 2]
    # 10 against 11.8: P(swap) = (2 − 1.8)² / 8 = 0.5 %, too rare to move the percentiles.
    far = pd.DataFrame({"id": ["A", "B"], "x": [10.0, 11.8]})
    result = perturb(
        far, selection.parse_grid(ONE_CRITERION), noise=1.0, samples=4000, relative=False, seed=4
    )
    assert result.rank_range.loc["A"].tolist() == [2, 2]
    assert result.rank_range.loc["B"].tolist() == [1, 1]


# -- which cells are noisy ---------------------------------------------------------------


def test_noise_on_one_criterion_only() -> None:
    """Noise on x only, relative ±0.5; scores (x + y) / 2.
    P = (0, 6) and Q = (0, 4) differ only on y, which is exact, and 0 (1 + U) = 0:
    they score 3 and 2 in every sample. S = (4, 1) scores 2.5 + 2 U, U ~ U(−0.5, 0.5):
    above P iff U > 1/4 (probability 1/4), below Q iff U < −1/4 (1/4). So P ranks
    1 (3/4) or 2 (1/4), Q ranks 3 (3/4) or 2 (1/4), and P is above Q in every sample."""
    table = pd.DataFrame({"id": ["P", "Q", "S"], "x": [0.0, 0.0, 4.0], "y": [6.0, 4.0, 1.0]})
    result = perturb(table, selection.parse_grid(TWO), noise={"x": 0.5}, samples=S, seed=5)
    assert result.noise.to_dict() == {"x": 0.5, "y": 0.0}
    expected = [[3 / 4, 1 / 4, 0], [0, 1 / 4, 3 / 4], [1 / 4, 1 / 2, 1 / 4]]
    within_mc_error(result.rank_acceptability.loc[["P", "Q", "S"]], expected, S)
    assert result.rank_acceptability.loc["P", 3] == 0.0
    assert result.rank_acceptability.loc["Q", 1] == 0.0
    within_mc_error(result.stays.loc[["P", "Q", "S"]], [3 / 4, 3 / 4, 1 / 2], S)


def test_words_and_yes_no_answers_are_kept_unless_asked() -> None:
    """x = 0 everywhere, so relative noise on it changes nothing; the scores (3 b + lv) / 5
    are then P (yes, low) 3, Q (no, high) 2, R (yes, mid) 4, T (no, low) 0 (× 1/5).
    A default noise of 0.3 leaves b and lv alone: every rank stays. Asked for b, the
    noise moves P within [2.1, 3.9] and R within [2.1 + 1, 3.9 + 1]: R − P = 1 + 3 (u − v)
    is below 0 when u − v < −1/3 (probability (0.6 − 1/3)² / (2 × 0.6²) ≈ 0.099)."""
    grid = selection.parse_grid(KINDS)
    table = pd.DataFrame(
        {
            "id": ["P", "Q", "R", "T"],
            "x": [0.0, 0.0, 0.0, 0.0],
            "b": ["oui", "non", "oui", "non"],
            "lv": ["low", "high", "mid", "low"],
        }
    )
    kept = perturb(table, grid, noise=0.3, samples=2000, seed=6)
    assert kept.noise.to_dict() == {"x": 0.3, "b": 0.0, "lv": 0.0}
    assert_array_equal(kept.stays, 1.0)
    moved = perturb(table, grid, noise={"b": 0.3}, samples=S, seed=6)
    assert moved.noise.to_dict() == {"x": 0.0, "b": 0.3, "lv": 0.0}
    p_swap = (0.6 - 1 / 3) ** 2 / (2 * 0.6**2)
    within_mc_error(moved.confidence.loc[["R", "P"]], [1 - p_swap, p_swap], S)
    assert moved.rank_acceptability.loc["T", 4] == 1.0  # 0 (1 + U) = 0, the others > 0


# -- eligibility -------------------------------------------------------------------------


def test_eligibility_is_decided_on_the_table_as_written() -> None:
    """The gate is x ≤ 10. E has x = 10.2 and would pass it in about a third of the
    samples under ±5 % noise, and beat everyone: it never appears. D has x = 9.9 and
    would fail it in about 40 % of them: it is always ranked."""
    table = pd.DataFrame(
        {"id": ["A", "B", "D", "E"], "x": [5.0, 6.0, 9.9, 10.2], "y": [5.0, 3.0, 1.0, 99.0]}
    )
    result = perturb(table, selection.parse_grid(TWO), noise=0.05, samples=500, seed=7)
    for frame in (result.rank_acceptability, result.rank_range):
        assert list(frame.index) == ["A", "B", "D"]
    assert list(result.stays.index) == ["A", "B", "D"]
    assert list(result.rank_acceptability.columns) == [1, 2, 3]
    assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)
    assert_allclose(result.rank_acceptability.sum(axis=0), 1.0)


# -- randomness --------------------------------------------------------------------------


def assert_same(a: Perturbation, b: Perturbation) -> None:
    pd.testing.assert_frame_equal(a.rank_acceptability, b.rank_acceptability)
    pd.testing.assert_series_equal(a.stays, b.stays)
    pd.testing.assert_series_equal(a.confidence, b.confidence)
    pd.testing.assert_frame_equal(a.rank_range, b.rank_range)


def test_same_seed_same_result() -> None:
    grid = selection.parse_grid(SCALED)
    a = perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=600, seed=11)
    b = perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=600, seed=11)
    assert_same(a, b)
    c = perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=600, seed=np.random.default_rng(11))
    assert_same(a, c)
    d = perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=600, seed=12)
    assert not d.rank_acceptability.equals(a.rank_acceptability)


def test_the_global_random_state_is_untouched() -> None:
    grid = selection.parse_grid(SCALED)
    np.random.seed(2024)  # noqa: NPY002 (the legacy global state is what is checked)
    before = np.random.get_state()  # noqa: NPY002
    perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=100, seed=None)
    perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=100, seed=1)
    perturb(FIVE_PRODUCERS, grid, noise=0.3, samples=100, method="vikor", seed=1)
    after = np.random.get_state()  # noqa: NPY002
    assert before[0] == after[0]
    assert_array_equal(before[1], after[1])
    assert before[2:] == after[2:]


def test_caller_table_is_not_modified() -> None:
    before = FIVE_PRODUCERS.copy()
    perturb(FIVE_PRODUCERS, selection.parse_grid(SCALED), noise=0.3, samples=50, seed=0)
    pd.testing.assert_frame_equal(FIVE_PRODUCERS, before)


# -- other methods -----------------------------------------------------------------------


def test_vikor_under_noise() -> None:
    """VIKOR scores one sample at a time: each sample still gives each rank to one producer."""
    grid = selection.parse_grid(SCALED)
    result = perturb(FIVE_PRODUCERS, grid, noise=0.05, samples=300, method="vikor", seed=8)
    accept = result.rank_acceptability
    assert_allclose(accept.sum(axis=1), 1.0)
    assert_allclose(accept.sum(axis=0), 1.0)
    assert ((result.stays >= 0) & (result.stays <= 1)).all()
    assert result.confidence.sum() == pytest.approx(1.0)


def test_vikor_zero_noise_matches_rank_on_the_example(example_paths: tuple[Path, Path]) -> None:
    path, grid = example_paths
    result = perturb(path, grid, noise=0.0, samples=5, method="vikor", seed=0)
    ranks = selection.rank(path, grid, method="vikor").ranked["rank"]
    assert_array_equal(result.rank_range["low"], ranks.loc[result.stays.index])
    assert_array_equal(result.stays, 1.0)


# -- bad inputs --------------------------------------------------------------------------


@pytest.mark.parametrize("noise", [-0.1, float("nan"), float("inf"), {"x": -1.0}])
def test_bad_noise(noise: object) -> None:
    with pytest.raises(selection.SelectionError) as info:
        perturb(FIVE_PRODUCERS, selection.parse_grid(SCALED), noise=noise, samples=10)
    assert info.value.where == "noise"


def test_unknown_criterion_in_the_noise() -> None:
    with pytest.raises(selection.SelectionError, match="did you mean") as info:
        perturb(FIVE_PRODUCERS, selection.parse_grid(SCALED), noise={"yy": 0.1}, samples=10)
    assert info.value.where == "noise"
    assert info.value.hint == "did you mean 'y'?"
    assert info.value.found == "'yy'"


@pytest.mark.parametrize("samples", [0, -5])
def test_too_few_samples(samples: int) -> None:
    with pytest.raises(selection.SelectionError) as info:
        perturb(FIVE_PRODUCERS, selection.parse_grid(SCALED), noise=0.1, samples=samples)
    assert info.value.where == "samples"


@pytest.mark.parametrize("samples", [2.5, True])
def test_samples_must_be_a_whole_number(samples: object) -> None:
    """A user never sees a bare TypeError (STYLE 4), and True is not a count of samples
    (``robustness`` refuses k=True and k=1.5 the same way)."""
    with pytest.raises(selection.SelectionError) as info:
        perturb(FIVE_PRODUCERS, selection.parse_grid(SCALED), noise=0.1, samples=samples)
    assert info.value.where == "samples"


def test_unusable_seed() -> None:
    with pytest.raises(selection.SelectionError):
        perturb(FIVE_PRODUCERS, selection.parse_grid(SCALED), noise=0.1, samples=10, seed=-1)
