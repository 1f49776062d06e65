"""The scoring engines: batch kernels against pymcdm 1.4, breakdowns, every registered method.

pymcdm is the reference for the formulas: `selection` normalizes and scores
with its own numpy code, and must give pymcdm's numbers to rounding error
(``atol=1e-12``). pymcdm is always given its normalization function explicitly
(its TOPSIS defaults to min-max, its WSM to sum) and is called with
``validation=False``: its validator refuses a matrix with a dominant
alternative (which every one-criterion matrix has), and the formulas, not its
input checks, are what is compared here.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from numpy.typing import NDArray
from pymcdm import helpers, methods, normalizations

import selection
from selection.engines import (
    ENGINES,
    Method,
    Normalization,
    Problem,
    competition_ranks,
    topsis_scores,
    wsm_scores,
)
from selection.engines.normalization import normalize
from tests import toys

ATOL = 1e-12

#: Our normalizations that pymcdm also has, with pymcdm's function.
PYMCDM_NORMALIZATIONS: dict[Normalization, Callable[..., NDArray[np.float64]]] = {
    Normalization.MINMAX: normalizations.minmax_normalization,
    Normalization.MAX: normalizations.max_normalization,
    Normalization.SUM: normalizations.sum_normalization,
    Normalization.VECTOR: normalizations.vector_normalization,
    Normalization.LINEAR: normalizations.linear_normalization,
    Normalization.LOGARITHMIC: normalizations.logarithmic_normalization,
    Normalization.NONLINEAR: normalizations.nonlinear_normalization,
    Normalization.ENHANCED_ACCURACY: normalizations.enhanced_accuracy_normalization,
    Normalization.ZAVADSKAS_TURSKIS: normalizations.zavadskas_turskis_normalization,
}

#: (n producers, m criteria), from the smallest problem on.
SHAPES = [(2, 1), (2, 3), (3, 1), (5, 4), (12, 7), (40, 10)]

#: Formulas that are defined on signed data, tried on it as well as on positive data.
SIGNED_OK = {Normalization.MINMAX, Normalization.VECTOR}

#: Methods a ranking engine orders with the lowest score first.
LOWER_IS_BETTER = {Method.VIKOR, Method.SPOTIS, Method.MAIRCA}


# -- helpers ---------------------------------------------------------------------------


def random_problem(
    seed: int, n: int, m: int, *, signed: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.int_], NDArray[np.float64]]:
    """Continuous values (no ties, no constant column), both directions, weights summing to 1.

    Positive values start at 1 so that the logarithmic normalization's
    ``log(prod x)`` is never near 0.
    """
    gen = np.random.default_rng(seed)
    values = gen.uniform(-5.0, 5.0, (n, m)) if signed else gen.uniform(1.0, 10.0, (n, m))
    directions = gen.choice(np.array([1, -1]), size=m)
    if m > 1:  # one criterion of each direction at least
        directions[:2] = [1, -1]
    weights = gen.uniform(0.05, 1.0, m)
    return values, directions, weights / weights.sum()


def no_bounds(m: int) -> NDArray[np.float64]:
    return np.full((m, 2), np.nan)


def cases() -> list[tuple[Normalization, int, int, bool]]:
    out = []
    for how in PYMCDM_NORMALIZATIONS:
        for n, m in SHAPES:
            out.append((how, n, m, False))
            if how in SIGNED_OK:
                out.append((how, n, m, True))
    return out


CASES = cases()
CASE_IDS = [f"{how.value}-{n}x{m}{'-signed' if s else ''}" for how, n, m, s in CASES]


def example_ranking(method: Method, grid: selection.Grid | None = None) -> selection.Ranking:
    return selection.rank(
        selection.example_producers_path(),
        grid if grid is not None else selection.example_grid_path(),
        method=method,
    )


#: One battery of numeric criteria c0, c1, ... (columns col0, col1, ...), scored by TOPSIS.
numeric_grid = functools.partial(toys.numeric_grid, method=Method.TOPSIS, name="engines test")


def producer_table(values: NDArray[np.float64]) -> pd.DataFrame:
    """Producers P00, P01, ... with `values` in columns col0, col1, ..."""
    return toys.producer_table(values, ids=[f"P{i:02d}" for i in range(len(values))])


# -- normalizations and kernels against pymcdm -----------------------------------------


@pytest.mark.parametrize(("how", "n", "m", "signed"), CASES, ids=CASE_IDS)
def test_normalize_matches_pymcdm(how: Normalization, n: int, m: int, signed: bool) -> None:
    values, directions, _ = random_problem(n * 100 + m, n, m, signed=signed)
    ours = normalize(values, directions, no_bounds(m), how)
    theirs = helpers.normalize_matrix(values, PYMCDM_NORMALIZATIONS[how], directions)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=ATOL)


@pytest.mark.parametrize(("how", "n", "m", "signed"), CASES, ids=CASE_IDS)
def test_topsis_kernel_matches_pymcdm(how: Normalization, n: int, m: int, signed: bool) -> None:
    values, directions, weights = random_problem(n * 100 + m + 1, n, m, signed=signed)
    ours = topsis_scores(normalize(values, directions, no_bounds(m), how), weights[None, :])
    model = methods.TOPSIS(normalization_function=PYMCDM_NORMALIZATIONS[how])
    theirs = model(values, weights, directions, validation=False)
    assert ours.shape == (1, n)
    np.testing.assert_allclose(ours[0], theirs, rtol=0, atol=ATOL)


@pytest.mark.parametrize(("how", "n", "m", "signed"), CASES, ids=CASE_IDS)
def test_wsm_kernel_matches_pymcdm(how: Normalization, n: int, m: int, signed: bool) -> None:
    values, directions, weights = random_problem(n * 100 + m + 2, n, m, signed=signed)
    ours = wsm_scores(normalize(values, directions, no_bounds(m), how), weights[None, :])
    model = methods.WSM(normalization_function=PYMCDM_NORMALIZATIONS[how])
    theirs = model(values, weights, directions, validation=False)
    assert ours.shape == (1, n)
    np.testing.assert_allclose(ours[0], theirs, rtol=0, atol=ATOL)


def test_kernels_differ_from_pymcdm_defaults() -> None:
    """Guard on the reference: pymcdm's defaults are not the normalizations we pass."""
    values, directions, weights = random_problem(7, 6, 3)
    vector = normalize(values, directions, no_bounds(3), Normalization.VECTOR)
    default = methods.TOPSIS()(values, weights, directions, validation=False)
    assert np.abs(topsis_scores(vector, weights[None, :])[0] - default).max() > 1e-6


@pytest.mark.parametrize("how", [Normalization.VECTOR, Normalization.MINMAX])
@pytest.mark.parametrize("method", [Method.TOPSIS, Method.WSM])
def test_rank_matches_pymcdm(method: Method, how: Normalization) -> None:
    """``selection.rank`` on a DataFrame: pymcdm's scores per producer, its ranking."""
    gen = np.random.default_rng(2024)
    values = gen.uniform(1.0, 100.0, (9, 4)).round(2)
    directions = np.array([1, -1, 1, -1])
    points = np.array([3.0, 1.0, 2.0, 4.0])
    grid = numeric_grid(directions, points, method=Method.WSM)
    table = producer_table(values)

    ranking = selection.rank(table, grid, method=method.value, normalization=how.value)

    model_class = methods.TOPSIS if method is Method.TOPSIS else methods.WSM
    model = model_class(normalization_function=PYMCDM_NORMALIZATIONS[how])
    theirs = model(values, points / points.sum(), directions, validation=False)
    got = ranking.table.loc[table["id"], "score"].to_numpy(dtype=float)
    np.testing.assert_allclose(got, theirs, rtol=0, atol=ATOL)
    assert (ranking.method, ranking.normalization) == (method.value, how.value)
    np.testing.assert_array_equal(
        ranking.table.loc[table["id"], "rank"].to_numpy(dtype=int), model.rank(theirs)
    )


# -- batches of weight vectors ---------------------------------------------------------


@pytest.mark.parametrize("kernel", [topsis_scores, wsm_scores], ids=["topsis", "wsm"])
@pytest.mark.parametrize("samples", [1, 50])
@pytest.mark.parametrize(("n", "m"), [(2, 1), (7, 4), (30, 9)])
def test_batch_rows_equal_single_vectors(
    kernel: Callable[..., NDArray[np.float64]], samples: int, n: int, m: int
) -> None:
    gen = np.random.default_rng(samples * 1000 + n * 10 + m)
    normalized = gen.uniform(0.0, 1.0, (n, m))
    weights = gen.dirichlet(np.ones(m), size=samples)
    weights[0] = np.eye(m)[0]  # a vector with zeros in it
    batch = kernel(normalized, weights)
    assert batch.shape == (samples, n)
    for s in range(samples):
        np.testing.assert_allclose(
            batch[s], kernel(normalized, weights[s : s + 1])[0], rtol=0, atol=ATOL
        )


@pytest.mark.parametrize("how", [Normalization.VECTOR, Normalization.MINMAX])
def test_batch_equals_pymcdm_per_vector(how: Normalization) -> None:
    values, directions, _ = random_problem(99, 8, 5)
    weights = np.random.default_rng(5).dirichlet(np.ones(5), size=50)
    normalized = normalize(values, directions, no_bounds(5), how)
    batch = topsis_scores(normalized, weights)
    model = methods.TOPSIS(normalization_function=PYMCDM_NORMALIZATIONS[how])
    expected = np.array([model(values, w, directions, validation=False) for w in weights])
    np.testing.assert_allclose(batch, expected, rtol=0, atol=ATOL)


# -- breakdowns -----------------------------------------------------------------------


@pytest.mark.parametrize("how", [Normalization.VECTOR, Normalization.MINMAX, Normalization.MAX])
@pytest.mark.parametrize("method", [Method.WSM, Method.TOPSIS])
@pytest.mark.parametrize(("n", "m"), [(2, 1), (6, 3), (25, 8)])
def test_breakdown_adds_up_to_the_scores(
    method: Method, how: Normalization, n: int, m: int
) -> None:
    values, directions, weights = random_problem(n + 17 * m, n, m)
    normalized = normalize(values, directions, no_bounds(m), how)
    problem = Problem(values, normalized, directions, no_bounds(m), how)
    engine = ENGINES[method]

    parts = engine.breakdown(problem, weights)

    assert parts.baseline is not None
    assert parts.contributions is not None
    assert parts.contributions.shape == (n, m)
    np.testing.assert_allclose(
        parts.baseline + parts.contributions.sum(axis=1), parts.scores, rtol=0, atol=ATOL
    )
    np.testing.assert_allclose(
        parts.scores, engine.scores(problem, weights[None, :])[0], rtol=0, atol=ATOL
    )


def test_topsis_breakdown_when_every_producer_is_equal() -> None:
    """Ideal = anti-ideal: closeness 1/2 for all, every contribution 0."""
    values = np.full((3, 2), 4.0)
    directions = np.array([1, -1])
    normalized = normalize(values, directions, no_bounds(2), Normalization.VECTOR)
    problem = Problem(values, normalized, directions, no_bounds(2), Normalization.VECTOR)
    parts = ENGINES[Method.TOPSIS].breakdown(problem, np.array([0.5, 0.5]))
    np.testing.assert_array_equal(parts.scores, [0.5, 0.5, 0.5])
    assert parts.contributions is not None
    np.testing.assert_array_equal(parts.contributions, np.zeros((3, 2)))


# -- every registered method on the shipped example ------------------------------------

#: Methods that need strictly positive data: products of ``r_ij ** w_j`` (WPM, WASPAS),
#: and ratio methods dividing by the values of cost criteria (ARAS, COPRAS).
NEEDS_POSITIVE = {Method.WPM, Method.WASPAS, Method.ARAS, Method.COPRAS}

#: The default normalization of these methods, named in their error on the example:
#: min / x and (1/x) / Σ(1/x) divide by each value of a cost criterion.
POSITIVE_DEFAULTS = {Method.WPM: "'sum'", Method.WASPAS: "'linear'"}

#: Methods with their own formula dividing by cost values; the example's zeros on
#: ``min_order`` (less is better) are refused, naming a criterion.
OWN_RATIOS = {Method.ARAS, Method.COPRAS}


def shipped_grid(grid: selection.Grid, normalization: Normalization | None) -> selection.Grid:
    """The shipped grid with its default normalization set (None: each method's own)."""
    return dataclasses.replace(grid, normalization=normalization)


def assert_ranks_the_example(ranking: selection.Ranking, method: Method) -> None:
    ranked = ranking.ranked
    scores = ranked["score"].to_numpy(dtype=float)
    ranks = ranked["rank"]
    assert len(ranked) >= 2
    assert np.isfinite(scores).all()
    assert pd.api.types.is_integer_dtype(ranks.dtype)
    assert ranks.min() == 1
    assert ranks.max() <= len(ranked)
    assert ranking.method == method.value
    assert ranking.higher_is_better is (method not in LOWER_IS_BETTER)


def assert_says_positive(error: selection.MethodError) -> None:
    message = str(error)
    assert "positive" in message or "> 0" in message, message


@pytest.mark.parametrize("method", list(Method), ids=[m.value for m in Method])
def test_every_method_ranks_the_shipped_example(
    example_grid: selection.Grid, method: Method
) -> None:
    """With the grid as shipped: finite scores, or a method that needs positive data says so."""
    grid = example_grid
    if method not in NEEDS_POSITIVE:
        assert_ranks_the_example(example_ranking(method, grid), method)
        return
    try:
        ranking = example_ranking(method, grid)
    except selection.MethodError as error:
        assert_says_positive(error)
    else:
        assert_ranks_the_example(ranking, method)


@pytest.mark.parametrize("method", list(Method), ids=[m.value for m in Method])
def test_every_method_with_its_own_default_normalization(
    example_grid: selection.Grid, method: Method
) -> None:
    """Without a grid normalization, each method uses its default.

    The example has zeros (no organic label, no solidarity price, ...): the
    methods whose default normalization needs positive values refuse them with
    an error that names the normalization and the criteria; every other method
    gives finite scores.
    """
    grid = shipped_grid(example_grid, None)
    if method not in POSITIVE_DEFAULTS | dict.fromkeys(OWN_RATIOS):
        assert_ranks_the_example(example_ranking(method, grid), method)
        return
    with pytest.raises(selection.MethodError) as info:
        example_ranking(method, grid)
    assert_says_positive(info.value)
    if method in POSITIVE_DEFAULTS:
        assert POSITIVE_DEFAULTS[method] in str(info.value)
    assert info.value.where is not None
    assert "'min_order'" in info.value.where or "'intermediaries'" in info.value.where


@pytest.mark.parametrize("method", list(Method), ids=[m.value for m in Method])
def test_every_method_with_the_vector_normalization(
    example_grid: selection.Grid, method: Method
) -> None:
    """``vector`` gives 0 for a 0 (no label, no solidarity price): products must refuse it."""
    grid = shipped_grid(example_grid, Normalization.VECTOR)
    if method in OWN_RATIOS:  # they take no normalization: the grid's is not theirs
        grid = shipped_grid(example_grid, None)
        with pytest.raises(selection.MethodError) as info:
            example_ranking(method, grid)
        assert_says_positive(info.value)
        return
    if method not in {Method.WPM, Method.WASPAS}:
        assert_ranks_the_example(example_ranking(method, grid), method)
        return
    with pytest.raises(selection.MethodError) as info:
        example_ranking(method, grid)
    assert_says_positive(info.value)


@pytest.mark.parametrize("method", [Method.WPM, Method.WASPAS], ids=["wpm", "waspas"])
def test_weighted_product_refuses_zero_normalized_values(method: Method) -> None:
    """WPM multiplies ``r_ij ** w_j`` (WASPAS averages WSM with it): one 0 wipes it out.

    P0 is far better than P1 and P2 on ``c0`` and ``c1`` but has 0 on ``c2``
    (a benefit criterion of weight 1/10), so its vector-normalized ``c2`` is 0
    and its product would be 0 whatever its other values: WPM would rank it
    last (on the shipped example it tied 43 of 55 producers at score 0).
    pymcdm's defaults for these methods (``sum``, ``linear``) never produce a
    0; with a normalization that does, the method must refuse, saying why.
    """
    values = np.array([[100.0, 1.0, 0.0], [10.0, 50.0, 5.0], [20.0, 40.0, 6.0]])
    grid = numeric_grid(np.array([1, -1, 1]), np.array([5.0, 4.0, 1.0]))
    with pytest.raises(selection.MethodError, match="positive"):
        selection.rank(producer_table(values), grid, method=method.value, normalization="vector")


@pytest.mark.parametrize("method", [Method.WPM, Method.WASPAS], ids=["wpm", "waspas"])
def test_weighted_product_matches_pymcdm_on_positive_data(method: Method) -> None:
    """The positivity check refuses nothing pymcdm's own defaults accept."""
    values, directions, _ = random_problem(11, 6, 3)
    points = np.array([2.0, 1.0, 1.0])
    grid = numeric_grid(directions, points)
    how = Normalization.SUM if method is Method.WPM else Normalization.LINEAR
    ranking = selection.rank(producer_table(values), grid, method=method.value)
    model = getattr(methods, method.name)(normalization_function=PYMCDM_NORMALIZATIONS[how])
    theirs = model(values, points / points.sum(), directions, validation=False)
    got = ranking.table.loc[[f"P{i:02d}" for i in range(6)], "score"].to_numpy(dtype=float)
    assert ranking.normalization == how.value
    np.testing.assert_allclose(got, theirs, rtol=0, atol=ATOL)


@pytest.mark.parametrize("method", [m for m in Method if ENGINES[m].default_normalization is None])
def test_builtin_normalization_methods_refuse_an_explicit_one(method: Method) -> None:
    with pytest.raises(selection.MethodError) as info:
        selection.rank(
            selection.example_producers_path(),
            selection.example_grid_path(),
            method=method.value,
            normalization="minmax",
        )
    assert "normalizes the values in its own way" in str(info.value)
    assert info.value.found == "'minmax'"


def test_promethee_ii_normalizes_its_own_way() -> None:
    assert ENGINES[Method.PROMETHEE_II].default_normalization is None
    ranking = example_ranking(Method.PROMETHEE_II)
    assert ranking.normalization == "built-in"


@pytest.mark.parametrize("method", [Method.VIKOR, Method.SPOTIS, Method.MAIRCA])
def test_lower_is_better_methods_rank_the_lowest_score_first(method: Method) -> None:
    ranking = example_ranking(method)
    ranked = ranking.ranked
    scores = ranked["score"].to_numpy(dtype=float)
    ranks = ranked["rank"].to_numpy(dtype=int)
    assert ranking.higher_is_better is False
    assert scores[ranks == 1].max() == scores.min()
    assert scores[ranks == ranks.max()].min() == scores.max()
    # Best first in the table, so the scores climb.
    assert (np.diff(scores) >= 0).all()
    np.testing.assert_array_equal(ranks, competition_ranks(scores, higher_is_better=False))


@pytest.mark.parametrize("method", [Method.WSM, Method.TOPSIS])
def test_higher_is_better_methods_rank_the_highest_score_first(method: Method) -> None:
    ranked = example_ranking(method).ranked
    scores = ranked["score"].to_numpy(dtype=float)
    assert ranked["rank"].iloc[0] == 1
    assert scores[0] == scores.max()
    assert (np.diff(scores) <= 0).all()


# -- normalization error paths --------------------------------------------------------


def test_sum_normalization_refuses_a_zero_cost_and_names_the_criterion() -> None:
    """(1/x) / Σ(1/x) divides by each value of a cost criterion: a 0 there is refused."""
    values = np.array([[1.0, 2.0, 3.0], [2.0, 3.0, 0.0]])
    with pytest.raises(selection.MethodError) as info:
        normalize(
            values,
            np.array([1, 1, -1]),
            no_bounds(3),
            Normalization.SUM,
            keys=["price", "volume", "distance"],
        )
    error = info.value
    assert error.where == "criteria 'distance'"
    assert "'sum'" in str(error)
    assert "> 0 where less is better" in error.expected
    assert "divide by zero" in error.found


def test_sum_normalization_through_rank_names_the_criterion() -> None:
    values = np.array([[1.0, 2.0], [3.0, 0.0], [2.0, 5.0]])
    grid = numeric_grid(np.array([1, -1]), np.array([1.0, 1.0]))
    with pytest.raises(selection.MethodError) as info:
        selection.rank(producer_table(values), grid, method="wsm", normalization="sum")
    assert "'c1'" in info.value.where
    assert "'c0'" not in info.value.where


def test_scale_normalization_without_bounds_names_the_criterion() -> None:
    bounds = np.array([[0.0, 10.0], [np.nan, np.nan]])
    with pytest.raises(selection.MethodError) as info:
        normalize(
            np.array([[1.0, 2.0], [3.0, 4.0]]),
            np.array([1, -1]),
            bounds,
            Normalization.SCALE,
            keys=["organic", "volume"],
        )
    assert info.value.where == "criteria 'volume'"
    assert "scale" in str(info.value)


def test_scale_normalization_through_rank_names_the_criterion() -> None:
    """``wsm`` defaults to ``scale``, which needs declared bounds on every criterion."""
    grid = numeric_grid(np.array([1, 1]), np.array([1.0, 2.0]), method=Method.WSM)
    with pytest.raises(selection.MethodError) as info:
        selection.rank(producer_table(np.array([[1.0, 2.0], [3.0, 4.0]])), grid)
    assert info.value.where == "criteria 'c0', 'c1'"
    assert "bounds" in info.value.expected


@pytest.mark.parametrize(
    ("how", "column"),
    [
        ("max", [-1.0, -3.0, -2.0]),
        ("linear", [-1.0, -3.0, -2.0]),
        ("nonlinear", [1.0, -3.0, -2.0]),
        ("logarithmic", [0.8, 0.5, 0.6]),
    ],
)
@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_a_normalization_never_reverses_the_ranking(
    method: str, how: str, column: list[float]
) -> None:
    """P00 has the best value of the only (benefit) criterion: it ranks first, or is refused.

    ``x / max`` with a negative maximum, ``(x / max)²`` with mixed signs and
    ``ln x / ln Πx`` with Πx < 1 reverse the order of the values; a
    normalization must refuse such values (naming the criterion), never rank
    the best producer last.
    """
    grid = numeric_grid(np.array([1]), np.array([1.0]))
    table = producer_table(np.array(column)[:, None])
    try:
        ranking = selection.rank(table, grid, method=method, normalization=how)
    except selection.MethodError as error:
        assert error.where == "criteria 'c0'"
        return
    assert ranking.table.loc["P00", "rank"] == 1, ranking.table[["score", "rank"]]


# -- ratio normalizations: refuse only a division by zero or a reversed order -----------

RATIO_FORMULAS = [Normalization.MAX, Normalization.LINEAR, Normalization.NONLINEAR]


@pytest.mark.parametrize("how", [*RATIO_FORMULAS, Normalization.SUM], ids=lambda h: h.value)
def test_ratio_normalizations_take_a_zero_in_a_benefit_column(how: Normalization) -> None:
    """x / max (and x / Σx) of 0 is 0: the order is kept, the value is valid (issue 9).

    pymcdm's own functions refuse any 0; the benefit column is compared to the
    textbook formula, the cost column (no zero) to pymcdm.
    """
    values = np.array([[0.0, 2.0], [3.0, 1.0], [6.0, 4.0]])
    directions = np.array([1, -1])
    ours = normalize(values, directions, no_bounds(2), how, keys=["organic", "price"])
    x = values[:, 0]
    textbook = {
        Normalization.MAX: x / 6.0,
        Normalization.LINEAR: x / 6.0,
        Normalization.NONLINEAR: (x / 6.0) ** 2,
        Normalization.SUM: x / 9.0,
    }[how]
    np.testing.assert_allclose(ours[:, 0], textbook, rtol=0, atol=ATOL)
    cost = PYMCDM_NORMALIZATIONS[how](values[:, 1], cost=True)
    np.testing.assert_allclose(ours[:, 1], cost, rtol=0, atol=ATOL)
    assert ours[0, 0] == 0.0
    assert (np.diff(ours[:, 0]) > 0).all()


@pytest.mark.parametrize("how", [Normalization.LINEAR, Normalization.NONLINEAR, Normalization.SUM])
def test_ratio_normalizations_refuse_a_zero_in_a_cost_column(how: Normalization) -> None:
    """min / x (and 1 / x) of 0 divides by zero: refused, naming the criterion."""
    values = np.array([[1.0, 0.0], [3.0, 1.0]])
    with pytest.raises(selection.MethodError) as info:
        normalize(values, np.array([1, -1]), no_bounds(2), how, keys=["organic", "price"])
    assert info.value.where == "criteria 'price'"
    assert "divide by zero or reverse the order" in info.value.found


@pytest.mark.parametrize("how", RATIO_FORMULAS)
def test_ratio_normalizations_refuse_a_column_whose_maximum_is_not_positive(
    how: Normalization,
) -> None:
    """x / max with max ≤ 0 divides by zero or turns the order upside down."""
    values = np.array([[-3.0, 2.0], [0.0, 1.0]])
    with pytest.raises(selection.MethodError) as info:
        normalize(values, np.array([1, 1]), no_bounds(2), how, keys=["balance", "volume"])
    assert info.value.where == "criteria 'balance'"
    assert "largest value" in str(info.value)


def test_max_normalization_keeps_the_order_of_negative_values_when_max_is_positive() -> None:
    values = np.array([[-2.0], [1.0], [4.0]])
    for direction in (1, -1):
        ours = normalize(values, np.array([direction]), no_bounds(1), Normalization.MAX)
        assert (np.sign(np.diff(ours[:, 0])) == direction).all()


def test_nonlinear_normalization_refuses_negative_benefit_values() -> None:
    """(x / max)² would put −2 above 1: the order is reversed, so it is refused."""
    values = np.array([[-2.0], [1.0], [4.0]])
    with pytest.raises(selection.MethodError) as info:
        normalize(values, np.array([1]), no_bounds(1), Normalization.NONLINEAR, keys=["x"])
    assert "reverse the order" in info.value.found
