"""Weight samplers checked against the distributions they claim to draw from.

Every expected number here comes from probability theory, not from the code:

- Dirichlet(1, …, 1) is the uniform distribution on the (m−1)-simplex; each
  marginal is Beta(1, m−1) with mean 1/m and variance (m−1) / (m² (m+1)), and
  by aggregation w_1 + w_2 ~ Beta(2, m−2).
- Sorting a uniform simplex sample in decreasing order gives the uniform
  distribution on {w_1 ≥ w_2 ≥ … ≥ w_m}, whose mean is the rank-order-centroid
  (ROC) vector w_k = (1/m) Σ_{i=k}^{m} 1/i (Barron & Barrett 1996,
  *Management Science* 42(11):1515–1523).
- Dirichlet(c·w) with Σ w = 1 has mean w, marginal Beta(c w_j, c (1 − w_j)) and
  standard deviation sqrt(w_j (1 − w_j) / (c + 1)).

Tolerances are a few Monte Carlo standard errors at the sample size used; every
draw is seeded, so the tests are deterministic.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

import selection
from selection.sensitivity import (
    acceptability,
    as_generator,
    dirichlet_around,
    ordinal_simplex,
    uniform_simplex,
)

#: Draws for the distributional checks: MC standard errors around 1e-3.
S = 200_000

#: Reject a distributional hypothesis only below this p-value (seeded, so never flaky).
ALPHA = 1e-3


# -- uniform_simplex ---------------------------------------------------------------------


@pytest.mark.parametrize("m", [2, 3, 5])
def test_uniform_simplex_rows_are_weight_vectors(m: int) -> None:
    w = uniform_simplex(np.random.default_rng(1), 1000, m)
    assert w.shape == (1000, m)
    assert (w >= 0).all()
    assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-12)


@pytest.mark.parametrize("m", [2, 3, 5])
def test_uniform_simplex_marginal_means_are_one_over_m(m: int) -> None:
    """E[w_j] = 1/m; Var[w_j] = (m − 1) / (m² (m + 1)) for Dirichlet(1, …, 1)."""
    w = uniform_simplex(np.random.default_rng(2), S, m)
    standard_error = np.sqrt((m - 1) / (m**2 * (m + 1)) / S)
    assert np.abs(w.mean(axis=0) - 1 / m).max() < 5 * standard_error
    # The variance itself, as a check that the spread is right too (5 % relative).
    assert_allclose(w.var(axis=0), (m - 1) / (m**2 * (m + 1)), rtol=0.05)


@pytest.mark.parametrize("m", [2, 3, 5])
def test_uniform_simplex_marginal_is_beta_1_m_minus_1(m: int) -> None:
    """Each weight of a uniform point of the simplex follows Beta(1, m − 1)."""
    w = uniform_simplex(np.random.default_rng(3), 20_000, m)
    for j in range(m):
        assert stats.kstest(w[:, j], stats.beta(1, m - 1).cdf).pvalue > ALPHA


def test_uniform_simplex_aggregates_like_a_dirichlet() -> None:
    """w_1 + w_2 of Dirichlet(1, 1, 1, 1) follows Beta(2, 2) (aggregation property)."""
    w = uniform_simplex(np.random.default_rng(4), 20_000, 4)
    assert stats.kstest(w[:, 0] + w[:, 1], stats.beta(2, 2).cdf).pvalue > ALPHA


def test_uniform_simplex_is_not_centre_heavy() -> None:
    """A uniform point of the 2-simplex lies in the corner triangle w_1 > 1/2 with
    probability (1/2)² = 1/4 (area ratio): normalized uniform variates, a common
    mistake, put too few points in the corners."""
    w = uniform_simplex(np.random.default_rng(5), S, 3)
    share = (w[:, 0] > 0.5).mean()
    assert abs(share - 0.25) < 5 * np.sqrt(0.25 * 0.75 / S)


# -- ordinal_simplex ---------------------------------------------------------------------

#: ROC weights worked out by hand: w_k = (1/m) Σ_{i=k}^{m} 1/i.
#: m = 3: (1 + 1/2 + 1/3)/3 = 11/18, (1/2 + 1/3)/3 = 5/18, (1/3)/3 = 2/18.
#: m = 4: (1 + 1/2 + 1/3 + 1/4)/4 = 25/48, (1/2 + 1/3 + 1/4)/4 = 13/48,
#:        (1/3 + 1/4)/4 = 7/48, (1/4)/4 = 3/48.
ROC = {
    3: np.array([11, 5, 2]) / 18,
    4: np.array([25, 13, 7, 3]) / 48,
}


@pytest.mark.parametrize(
    "order",
    [[0, 1, 2], [2, 0, 1], [0, 1, 2, 3], [3, 1, 0, 2]],
    ids=["m3-identity", "m3-permuted", "m4-identity", "m4-permuted"],
)
def test_ordinal_simplex_respects_the_order_and_has_roc_mean(order: list[int]) -> None:
    m = len(order)
    w = ordinal_simplex(np.random.default_rng(6), S, order, m)
    assert w.shape == (S, m)
    assert (w >= 0).all()
    assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    ranked = w[:, order]
    assert (np.diff(ranked, axis=1) <= 0).all()
    standard_error = ranked.std(axis=0) / np.sqrt(S)
    assert (np.abs(ranked.mean(axis=0) - ROC[m]) < 5 * standard_error).all()


def test_ordinal_simplex_hand_worked_roc_matches_the_formula() -> None:
    """The hand-written fractions above are the ROC formula (guards against a typo)."""
    for m, expected in ROC.items():
        formula = [sum(1 / i for i in range(k, m + 1)) / m for k in range(1, m + 1)]
        assert_allclose(expected, formula, rtol=1e-15)


def test_ordinal_simplex_partial_order_leaves_the_others_uniform() -> None:
    """Only criteria 0 ≥ 1 ranked among 3: criterion 2 is untouched, still Beta(1, 2).

    w_0 becomes max(w_0, w_1) of a uniform simplex point, whose mean is 1/2:
    max = (w_0 + w_1)/2 + |w_0 − w_1|/2; with t = w_0 + w_1 ~ Beta(2, 1) (mean 2/3)
    and w_0 / t ~ U(0, 1) independent of t, E|w_0 − w_1| = E[t] · E|2U − 1| = 1/3,
    so E[max] = 1/3 + 1/6 = 1/2.
    """
    w = ordinal_simplex(np.random.default_rng(7), S, [0, 1], 3)
    assert (w[:, 0] >= w[:, 1]).all()
    assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert stats.kstest(w[:20_000, 2], stats.beta(1, 2).cdf).pvalue > ALPHA
    standard_error = w[:, 0].std() / np.sqrt(S)
    assert abs(w[:, 0].mean() - 0.5) < 5 * standard_error


# -- dirichlet_around --------------------------------------------------------------------

CENTRE = np.array([0.5, 0.3, 0.2, 0.0])


@pytest.mark.parametrize("concentration", [5.0, 20.0, 100.0])
def test_dirichlet_around_mean_and_spread(concentration: float) -> None:
    """Mean w; standard deviation sqrt(w (1 − w) / (c + 1))."""
    w = dirichlet_around(np.random.default_rng(8), S, CENTRE, concentration)
    assert w.shape == (S, 4)
    assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    sd = np.sqrt(CENTRE * (1 - CENTRE) / (concentration + 1))
    assert (np.abs(w.mean(axis=0) - CENTRE) <= 5 * sd / np.sqrt(S)).all()
    # The sample sd has a relative standard error of about 1/sqrt(2 S) = 0.16 %.
    assert_allclose(w.std(axis=0)[:3], sd[:3], rtol=0.02)


def test_dirichlet_around_marginals_are_beta() -> None:
    """w_j ~ Beta(c w_j, c (1 − w_j))."""
    c = 20.0
    w = dirichlet_around(np.random.default_rng(9), 20_000, CENTRE, c)
    for j in range(3):
        law = stats.beta(c * CENTRE[j], c * (1 - CENTRE[j]))
        assert stats.kstest(w[:, j], law.cdf).pvalue > ALPHA


def test_dirichlet_around_keeps_zero_weights_at_zero() -> None:
    w = dirichlet_around(np.random.default_rng(10), 5000, CENTRE, 3.0)
    assert (w[:, 3] == 0).all()
    assert (w[:, :3] > 0).all()


def test_dirichlet_around_with_equal_centre_and_concentration_m_is_uniform() -> None:
    """Dirichlet(m · (1/m, …)) = Dirichlet(1, …, 1): marginal Beta(1, m − 1)."""
    w = dirichlet_around(np.random.default_rng(11), 20_000, np.full(3, 1 / 3), 3.0)
    assert stats.kstest(w[:, 0], stats.beta(1, 2).cdf).pvalue > ALPHA


@pytest.mark.parametrize("concentration", [0.0, -1.0, float("nan")])
def test_dirichlet_around_refuses_a_non_positive_concentration(concentration: float) -> None:
    with pytest.raises(selection.SelectionError, match="concentration") as info:
        dirichlet_around(np.random.default_rng(0), 10, CENTRE, concentration)
    assert info.value.found == repr(concentration)


# -- as_generator: the one randomness policy ---------------------------------------------


@pytest.mark.parametrize("seed", [0, 42, np.int64(7)])
def test_same_int_seed_gives_identical_draws(seed: int) -> None:
    first = as_generator(seed).standard_normal(50)
    second = as_generator(seed).standard_normal(50)
    assert np.array_equal(first, second)
    other = as_generator(int(seed) + 1).standard_normal(50)
    assert not np.array_equal(first, other)


def test_an_int_seed_means_numpy_default_rng() -> None:
    assert np.array_equal(
        as_generator(3).random(10), np.random.Generator(np.random.PCG64(3)).random(10)
    )


def test_a_generator_is_used_as_is() -> None:
    rng = np.random.default_rng(5)
    assert as_generator(rng) is rng


def test_none_gives_a_fresh_generator() -> None:
    rng = as_generator(None)
    assert isinstance(rng, np.random.Generator)


@pytest.mark.parametrize(
    "seed",
    ["abc", 1.5, True, [1, 2], np.random.RandomState(0), -1],
    ids=["str", "float", "bool", "list", "legacy-RandomState", "negative"],
)
def test_a_bad_seed_is_a_selection_error(seed: object) -> None:
    with pytest.raises(selection.SelectionError) as info:
        as_generator(seed)  # type: ignore[arg-type]
    assert info.value.where == "seed"


def _global_state() -> tuple[object, ...]:
    name, keys, pos, has_gauss, cached = np.random.get_state(legacy=True)  # noqa: NPY002 (on purpose)
    return name, keys.copy(), pos, has_gauss, cached


def _same_state(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return (
        a[0] == b[0]
        and np.array_equal(a[1], b[1])  # type: ignore[arg-type]
        and a[2:] == b[2:]
    )


@pytest.mark.parametrize("seed", [None, 3, "generator"])
def test_acceptability_never_touches_the_global_numpy_state(
    seed: object, example_paths: tuple[Path, Path]
) -> None:
    before = _global_state()
    chosen = np.random.default_rng(3) if seed == "generator" else seed
    acceptability(
        *example_paths,
        samples=300,
        seed=chosen,  # type: ignore[arg-type]
    )
    acceptability(
        *example_paths,
        samples=300,
        around=20.0,
        bounds={"price": (0.05, 0.5)},
        seed=chosen,  # type: ignore[arg-type]
    )
    assert _same_state(before, _global_state())


def test_acceptability_with_a_generator_equals_its_int_seed(
    example_paths: tuple[Path, Path],
) -> None:
    """seed=7 and seed=default_rng(7) draw the same weights; a Generator passed
    twice is advanced, not reset, so the second run draws new weights."""
    args = example_paths
    by_int = acceptability(*args, samples=400, seed=7)
    rng = np.random.default_rng(7)
    by_generator = acceptability(*args, samples=400, seed=rng)
    pd.testing.assert_frame_equal(by_int.rank_acceptability, by_generator.rank_acceptability)
    again = acceptability(*args, samples=400, seed=rng)
    assert not again.rank_acceptability.equals(by_int.rank_acceptability)
