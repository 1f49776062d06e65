"""Exact weight stability intervals (``weight_intervals``) and ``sweep``.

Toy grids have their critical weights worked out by hand in each test's
docstring; the property test checks the exact intervals against a brute-force
fine sweep on random problems. Expected numbers never come from the code under
test.

Notation: moving factor k to t, the other factors keep their proportions, so
with two criteria ``w = (t, 1 − t)``.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import selection
from selection.sensitivity import sweep, weight_intervals
from tests import toys

TOL = 1e-9


def toy_grid(method: str, normalization: str, batteries: str) -> selection.Grid:
    return selection.parse_grid(
        toys.grid_text(batteries, method=method, normalization=normalization)
    )


def two_criteria(points1: float, points2: float) -> str:
    return (
        "  all:\n"
        "    criteria:\n"
        f"      c1: {{weight: {points1}, direction: max}}\n"
        f"      c2: {{weight: {points2}, direction: max}}\n"
    )


#: Producers by id → their values of c1 and c2 (or of the `columns` given).
table = functools.partial(toys.table, columns=("c1", "c2"))


def wide(lines: pd.DataFrame, column: str) -> pd.DataFrame:
    """A sweep's `column` as a (weight × producer) table."""
    return lines.pivot_table(index="weight", columns="producer", values=column, aggfunc="first")


def assert_interval(
    frame: pd.DataFrame, key: str, weight: float, low: float, high: float, swaps: tuple[str, str]
) -> None:
    row = frame.loc[key]
    assert row["weight"] == pytest.approx(weight, abs=TOL), key
    assert row["low"] == pytest.approx(low, abs=TOL), key
    assert row["high"] == pytest.approx(high, abs=TOL), key
    assert (row["low_swap"], row["high_swap"]) == swaps, key


# -- weighted sum, hand-worked --------------------------------------------------------------

#: A = (1, 0), B = (0, 1), C = (0.7, 0.6), D = (0.2, 0.5); points 3 and 2 (w1 = 0.6).
#: Along w = (t, 1 − t): A = t, B = 1 − t, C = 0.6 + 0.1 t, D = 0.5 − 0.3 t.
#: At t = 0.6: C 0.66 > A 0.6 > B 0.4 > D 0.32. Crossings:
#: C = A at t = 2/3, A = B at 1/2, B = D at 5/7, C = B at 4/11, A = D at 5/13, C = D never.
FOUR = {"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.7, 0.6), "D": (0.2, 0.5)}


def test_wsm_winner_three_producers() -> None:
    """A = (1, 0), B = (0, 1), C = (0.6, 0.6), w = (0.5, 0.5), no normalization.

    Along w = (t, 1 − t): A = t, B = 1 − t, C = 0.6. C wins while t ≤ 0.6 and
    1 − t ≤ 0.6, i.e. t ∈ [0.4, 0.6]: B catches C at 0.4, A at 0.6. Moving c2
    is the mirror image: A catches C at 0.4, B at 0.6.
    """
    grid = toy_grid("wsm", "none", two_criteria(1, 1))
    data = table({"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.6, 0.6)})
    frame = weight_intervals(data, grid, scope="winner")
    assert frame.index.name == "criterion"
    assert list(frame.index) == ["c1", "c2"]
    assert_interval(frame, "c1", 0.5, 0.4, 0.6, ("C ↔ B", "C ↔ A"))
    assert_interval(frame, "c2", 0.5, 0.4, 0.6, ("C ↔ A", "C ↔ B"))
    assert frame.attrs["scope"] == "winner"
    assert frame.attrs["method"] == "wsm"


def test_wsm_ranking_four_producers() -> None:
    """Ranking C > A > B > D at t = 0.6 (see FOUR).

    The first change of the order is a swap of adjacent producers: going up,
    C = A at t = 2/3; going down, A = B at t = 1/2 (B = D at 5/7 comes after
    2/3, C = B at 4/11 and A = D at 5/13 after 1/2). So c1 ∈ [1/2, 2/3].
    For c2 (s = 1 − t, current 0.4): s ∈ [1 − 2/3, 1 − 1/2] = [1/3, 1/2], the
    ends swapped.
    """
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    frame = weight_intervals(table(FOUR), grid, scope="ranking")
    assert_interval(frame, "c1", 0.6, 1 / 2, 2 / 3, ("A ↔ B", "C ↔ A"))
    assert_interval(frame, "c2", 0.4, 1 / 3, 1 / 2, ("C ↔ A", "A ↔ B"))


def test_wsm_winner_four_producers() -> None:
    """C stays the best until A catches it (t = 2/3) or B does (t = 4/11); D never does."""
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    frame = weight_intervals(table(FOUR), grid, scope="winner")
    assert_interval(frame, "c1", 0.6, 4 / 11, 2 / 3, ("C ↔ B", "C ↔ A"))
    assert_interval(frame, "c2", 0.4, 1 / 3, 7 / 11, ("C ↔ A", "C ↔ B"))


def test_wsm_top_k_four_producers() -> None:
    """Top 2 = {C, A}; top 3 = {C, A, B} (see FOUR).

    k = 2, pairs (inside, outside): C–B at 4/11, A–B at 1/2, A–D at 5/13, C–D
    never. Above t = 0.6 none crosses (C, A rise; B, D fall): c1 ∈ [1/2, 1].
    k = 3, pairs with D: A–D at 5/13 (below), B–D at 5/7 (above), C–D never:
    c1 ∈ [5/13, 5/7].
    """
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    top2 = weight_intervals(table(FOUR), grid, scope="top", k=2)
    assert_interval(top2, "c1", 0.6, 1 / 2, 1.0, ("A ↔ B", ""))
    assert_interval(top2, "c2", 0.4, 0.0, 1 / 2, ("", "A ↔ B"))
    assert top2.attrs["k"] == 2
    top3 = weight_intervals(table(FOUR), grid, scope="top", k=3)
    assert_interval(top3, "c1", 0.6, 5 / 13, 5 / 7, ("A ↔ D", "B ↔ D"))
    assert_interval(top3, "c2", 0.4, 2 / 7, 8 / 13, ("B ↔ D", "A ↔ D"))


def test_wsm_battery_level() -> None:
    """Two batteries X (2 points: x1 1, x2 1) and Y (3 points: y1 3, y2 1), no normalization.

    Battery scores: X = (x1 + x2) / 2, Y = (3 y1 + y2) / 4; producers
    P: x = (1, 1), y = (0, 0) → X 1, Y 0;
    Q: x = (0, 0), y = (1, 1) → X 0, Y 1;
    R: x = (1, 0), y = (1, 0.6) → X 0.5, Y 0.9.
    Battery X at T (Y at 1 − T): P = T, Q = 1 − T, R = 0.9 − 0.4 T. Current
    T = 0.4: R 0.74 > Q 0.6 > P 0.4. Adjacent crossings: R = Q at T = 1/6,
    Q = P at T = 1/2, so X ∈ [1/6, 1/2] and Y ∈ [1/2, 5/6].
    (At the criterion level the same data give other intervals: each criterion
    then moves alone, not its battery.)
    """
    batteries = (
        "  X:\n"
        "    weight: 2\n"
        "    criteria:\n"
        "      x1: {weight: 1, direction: max}\n"
        "      x2: {weight: 1, direction: max}\n"
        "  Y:\n"
        "    weight: 3\n"
        "    criteria:\n"
        "      y1: {weight: 3, direction: max}\n"
        "      y2: {weight: 1, direction: max}\n"
    )
    grid = toy_grid("wsm", "none", batteries)
    data = table(
        {"P": (1, 1, 0, 0), "Q": (0, 0, 1, 1), "R": (1, 0, 1, 0.6)},
        columns=("x1", "x2", "y1", "y2"),
    )
    frame = weight_intervals(data, grid, scope="ranking", level="battery")
    assert frame.index.name == "battery"
    assert list(frame.index) == ["X", "Y"]
    assert_interval(frame, "X", 0.4, 1 / 6, 1 / 2, ("R ↔ Q", "Q ↔ P"))
    assert_interval(frame, "Y", 0.6, 1 / 2, 5 / 6, ("Q ↔ P", "R ↔ Q"))
    # Winner: R is passed by Q at T = 1/6 and by P at T = 0.9 / 1.4 = 9/14.
    winner = weight_intervals(data, grid, scope="winner", level="battery")
    assert_interval(winner, "X", 0.4, 1 / 6, 9 / 14, ("R ↔ Q", "R ↔ P"))


# -- TOPSIS, hand-worked ---------------------------------------------------------------------


def test_topsis_three_producers_closed_form() -> None:
    """TOPSIS, no normalization: A = (1, 0), B = (0, 1), C = (0.8, 0.45), points 7 and 3.

    Ideal (1, 1), anti-ideal (0, 0). With w = (t, 1 − t):
    A: D⁺ = 1 − t, D⁻ = t, so C_A = t; B: C_B = 1 − t;
    C: D⁺² = 0.04 t² + 0.3025 (1 − t)², D⁻² = 0.64 t² + 0.2025 (1 − t)².

    C = A ⇔ D⁻_C / D⁺_C = t / (1 − t) =: u. Dividing by (1 − t)²:
    0.64 u² + 0.2025 = u² (0.04 u² + 0.3025) ⇔ 0.04 u⁴ − 0.3375 u² − 0.2025 = 0
    ⇔ u² = (0.3375 + √(0.3375² + 4·0.04·0.2025)) / 0.08 = (0.3375 + 0.3825) / 0.08 = 9,
    so u = 3 and t = 3/4 (a weighted sum would give 9/13 instead).

    C = B ⇔ D⁻_C / D⁺_C = (1 − t) / t =: v; dividing by t²:
    0.64 + 0.2025 v² = v² (0.04 + 0.3025 v²) ⇔ 0.3025 v⁴ − 0.1625 v² − 0.64 = 0,
    v² = (0.1625 + √(0.1625² + 4·0.3025·0.64)) / 0.605, t = 1 / (1 + v) ≈ 0.4307.

    A = B at t = 1/2. At t = 0.7: C ≈ 0.727 > A 0.7 > B 0.3.
    Ranking: adjacent pairs C–A (3/4, above) and A–B (1/2, below): [1/2, 3/4].
    Winner: C–A at 3/4 and C–B at 1 / (1 + v): [1 / (1 + v), 3/4].
    """
    grid = toy_grid("topsis", "none", two_criteria(7, 3))
    data = table({"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.8, 0.45)})
    ranking = weight_intervals(data, grid, scope="ranking")
    assert ranking.attrs["method"] == "topsis"
    assert_interval(ranking, "c1", 0.7, 1 / 2, 3 / 4, ("A ↔ B", "C ↔ A"))
    assert_interval(ranking, "c2", 0.3, 1 / 4, 1 / 2, ("C ↔ A", "A ↔ B"))

    v = math.sqrt((0.1625 + math.sqrt(0.1625**2 + 4 * 0.3025 * 0.64)) / (2 * 0.3025))
    t_cb = 1 / (1 + v)
    winner = weight_intervals(data, grid, scope="winner")
    assert_interval(winner, "c1", 0.7, t_cb, 3 / 4, ("C ↔ B", "C ↔ A"))
    assert_interval(winner, "c2", 0.3, 1 / 4, 1 - t_cb, ("C ↔ A", "C ↔ B"))


def test_topsis_diagonal_producer_has_constant_closeness() -> None:
    """TOPSIS, no normalization: A = (1, 0), B = (0, 1), C = (0.6, 0.6), w = (0.5, 0.5).

    For C, D⁺ = 0.4 ‖w‖ and D⁻ = 0.6 ‖w‖ whatever w, so C_C = 0.6; C_A = t,
    C_B = 1 − t. C wins for t ∈ [0.4, 0.6]: the crossing polynomial of C and A,
    0.36 ‖w‖² w2² − 0.16 ‖w‖² w1², has the real roots 0.6 and 3 and a complex
    pair, only 0.6 lying in [0, 1].
    """
    grid = toy_grid("topsis", "none", two_criteria(1, 1))
    data = table({"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.6, 0.6)})
    frame = weight_intervals(data, grid, scope="winner")
    assert_interval(frame, "c1", 0.5, 0.4, 0.6, ("C ↔ B", "C ↔ A"))
    assert_interval(frame, "c2", 0.5, 0.4, 0.6, ("C ↔ A", "C ↔ B"))


# -- edge cases that must not crash ----------------------------------------------------------


def test_identical_producers_do_not_break_the_ranking_scope() -> None:
    """E is a copy of D (FOUR): D and E tie at every weight, so they never swap.

    Their score difference is identically zero along every line; that pair can
    end no interval, and the ranking interval of c1 stays [1/2, 2/3] as without E.
    """
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    frame = weight_intervals(table(FOUR | {"E": FOUR["D"]}), grid, scope="ranking")
    assert_interval(frame, "c1", 0.6, 1 / 2, 2 / 3, ("A ↔ B", "C ↔ A"))


@pytest.mark.parametrize("call", ["weight_intervals", "sweep"])
def test_a_lone_battery_is_refused_or_trivial(call: str) -> None:
    """With one battery, its share is 1 whatever happens: nothing to move it against.

    Either a SelectionError says so, or the answer is the trivial one (the
    whole of [0, 1] for weight_intervals; the scores are only scaled for wsm,
    so the ranks are the same at every t > 0 for sweep). Never a bare
    Python error.
    """
    grid = toy_grid("wsm", "none", two_criteria(1, 1))
    data = table({"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.6, 0.6)})
    try:
        if call == "weight_intervals":
            frame = weight_intervals(data, grid, scope="winner", level="battery")
            assert_interval(frame, "all", 1.0, 0.0, 1.0, ("", ""))
        else:
            lines = sweep(data, grid, weight="all", steps=3)
            assert lines.attrs["current"] == pytest.approx(1.0)
            ranks = wide(lines[lines["weight"] > 0], "rank")
            assert (ranks == ranks.iloc[0]).all(axis=None)
    except selection.SelectionError as error:
        assert error.where or error.expected


# -- errors ----------------------------------------------------------------------------------


def test_unknown_scope() -> None:
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    with pytest.raises(selection.SelectionError, match="scope") as info:
        weight_intervals(table(FOUR), grid, scope="everything")
    assert info.value.expected is not None
    assert "ranking" in info.value.expected and "winner" in info.value.expected
    assert "top" in info.value.expected
    assert info.value.found == "'everything'"


@pytest.mark.parametrize("k", [None, 0])
def test_top_needs_a_k_between_1_and_n_minus_1(k: int | None) -> None:
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    with pytest.raises(selection.SelectionError, match="needs k") as info:
        weight_intervals(table(FOUR), grid, scope="top", k=k)
    assert info.value.expected is not None
    assert "4" in info.value.expected  # four eligible producers
    assert info.value.found == repr(k)


def test_top_k_above_the_eligible_producers_is_capped() -> None:
    """Four eligible producers: k = 4 or more puts everyone in the top, whatever the weights."""
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    for k in (4, 9):
        result = weight_intervals(table(FOUR), grid, scope="top", k=k)
        assert result.k == 4
        assert (result["low"] == 0).all() and (result["high"] == 1).all()


def test_other_methods_have_no_exact_intervals() -> None:
    grid = toy_grid("wsm", "minmax", two_criteria(3, 2))
    capable = [
        name for name, e in selection.engines.ENGINES.items() if e.capabilities.exact_intervals
    ]
    assert {"wsm", "topsis", "promethee_ii", "moora"} <= set(capable)
    with pytest.raises(selection.MethodError, match="exact stability intervals") as info:
        weight_intervals(table(FOUR), grid, method="vikor")
    assert all(name in (info.value.expected or "") for name in capable)
    assert info.value.found == "vikor"
    assert info.value.hint is not None and "sweep" in info.value.hint


def test_unknown_level() -> None:
    grid = toy_grid("wsm", "none", two_criteria(3, 2))
    with pytest.raises(selection.SelectionError, match="level"):
        weight_intervals(table(FOUR), grid, level="producer")


# -- sweep -----------------------------------------------------------------------------------

SWEEP_BATTERIES = (
    "  cost:\n"
    "    weight: 1\n"
    "    criteria:\n"
    "      price: {weight: 1, direction: min}\n"
    "      distance: {weight: 2, direction: min}\n"
    "  quality:\n"
    "    weight: 3\n"
    "    criteria:\n"
    "      organic: {weight: 1, direction: max}\n"
)
SWEEP_TABLE = table(
    {
        "A": (2.0, 10.0, 0.9),
        "B": (3.5, 4.0, 0.2),
        "C": (2.8, 25.0, 0.6),
        "D": (4.1, 12.0, 0.75),
        "E": (1.9, 30.0, 0.1),
    },
    columns=("price", "distance", "organic"),
)


def rank_scores(grid: selection.Grid) -> pd.Series:
    return selection.rank(SWEEP_TABLE, grid).table["score"].astype(float)


def step_scores(lines: pd.DataFrame, t: float) -> pd.Series:
    rows = lines[np.isclose(lines["weight"], t, rtol=0, atol=1e-12)]
    assert len(rows) == len(SWEEP_TABLE)
    return rows.set_index("producer")["score"].astype(float)


@pytest.mark.parametrize(("method", "normalization"), [("topsis", "vector"), ("wsm", "minmax")])
def test_sweep_criterion_reproduces_rank(method: str, normalization: str) -> None:
    """Criterion weights: price 1/4 · 1/3 = 1/12, distance 1/4 · 2/3 = 1/6, organic 3/4.

    13 steps put t = j/12 on the grid, t = 1/12 (the grid itself) among them.
    Price at t, distance and organic keep their ratio 1/6 : 3/4 = 2 : 9:
    t = 0: price 0, distance 2/11, organic 9/11: batteries cost 2, quality 9,
    price 0 (distance alone in cost);
    t = 1/2: price 1/2, distance 1/11, organic 9/22: cost 13, quality 9 (out of
    22), and inside cost price 11, distance 2 (11/13 · 13/22 = 1/2);
    t = 1: price alone: distance 0, quality 0.
    """
    grid = toy_grid(method, normalization, SWEEP_BATTERIES)
    lines = sweep(SWEEP_TABLE, grid, weight="price", steps=13)
    assert lines.attrs["current"] == pytest.approx(1 / 12)
    assert lines.attrs["level"] == "criterion"
    assert lines.attrs["factor"] == "price"
    assert lines["weight"].nunique() == 13
    assert len(lines) == 13 * len(SWEEP_TABLE)

    expected = {
        1 / 12: grid,
        0.0: grid.with_weights(price=0, cost=2, quality=9),
        1 / 2: grid.with_weights(cost=13, quality=9, price=11, distance=2),
        1.0: grid.with_weights(distance=0, quality=0),
    }
    for t, reweighted in expected.items():
        want = rank_scores(reweighted)
        got = step_scores(lines, t)
        np.testing.assert_allclose(got[want.index], want, rtol=0, atol=1e-12, err_msg=str(t))


def test_sweep_battery_reproduces_rank() -> None:
    """Battery cost has share 1/4; 5 steps put 0, 1/4, 1/2, 3/4, 1 on the grid.

    t = 1/2 is cost 1 : quality 1; t = 3/4 is cost 3 : quality 1 (criteria
    keep their shares inside their battery).
    """
    grid = toy_grid("topsis", "vector", SWEEP_BATTERIES)
    lines = sweep(SWEEP_TABLE, grid, weight="cost", steps=5)
    assert lines.attrs["current"] == pytest.approx(1 / 4)
    assert lines.attrs["level"] == "battery"
    expected = {
        0.0: grid.with_weights(cost=0),
        1 / 4: grid,
        1 / 2: grid.with_weights(cost=1, quality=1),
        3 / 4: grid.with_weights(cost=3, quality=1),
        1.0: grid.with_weights(quality=0),
    }
    for t, reweighted in expected.items():
        want = rank_scores(reweighted)
        got = step_scores(lines, t)
        np.testing.assert_allclose(got[want.index], want, rtol=0, atol=1e-12, err_msg=str(t))


def test_sweep_current_share_and_ranks_are_permutations() -> None:
    """Distance's share is 1/4 · 2/3 = 1/6; each step's ranks follow its scores."""
    grid = toy_grid("topsis", "vector", SWEEP_BATTERIES)
    lines = sweep(SWEEP_TABLE, grid, weight="distance", steps=61)
    assert lines.attrs["current"] == pytest.approx(1 / 6)
    n = len(SWEEP_TABLE)
    for _, step in lines.groupby("weight"):
        scores = step["score"].to_numpy(dtype=float)
        ranks = step["rank"].to_numpy(dtype=int)
        gaps = np.diff(np.sort(scores))
        if (gaps > 1e-9).all():
            assert sorted(ranks.tolist()) == list(range(1, n + 1))
            assert (ranks == 1 + (scores[None, :] > scores[:, None]).sum(axis=1)).all()
    # level is read from the key: `quality` is a battery, `organic` a criterion.
    assert sweep(SWEEP_TABLE, grid, weight="quality", steps=3).attrs["level"] == "battery"
    assert sweep(SWEEP_TABLE, grid, weight="organic", steps=3).attrs["level"] == "criterion"


def test_sweep_errors() -> None:
    grid = toy_grid("topsis", "vector", SWEEP_BATTERIES)
    with pytest.raises(selection.SelectionError, match="steps") as info:
        sweep(SWEEP_TABLE, grid, weight="price", steps=1)
    assert info.value.expected == "2 or more"
    with pytest.raises(selection.SelectionError, match="did you mean 'distance'") as info:
        sweep(SWEEP_TABLE, grid, weight="distnce")
    assert info.value.expected is not None and "distance" in info.value.expected
    with pytest.raises(selection.SelectionError, match="did you mean 'quality'"):
        sweep(SWEEP_TABLE, grid, weight="qualty", level="battery")


# -- property: exact intervals against a brute-force sweep -----------------------------------

STEPS = 2001
H = 1 / (STEPS - 1)
#: Declared bounds for ``scale``; values are drawn inside them (no clipping, no ties).
BOUNDS = (0.0, 25.0)
COMBOS = [("wsm", "minmax"), ("wsm", "scale"), ("topsis", "vector")]


def random_problem(
    seed: int, n: int, m: int, n_batteries: int
) -> tuple[pd.DataFrame, selection.Grid]:
    rng = np.random.default_rng(seed)
    values = rng.uniform(2.0, 20.0, size=(n, m))
    directions = 1 - 2 * rng.integers(0, 2, m)  # 0: more is better, 1: less is better
    battery_of = np.concatenate([np.arange(n_batteries), rng.integers(0, n_batteries, m)])[:m]
    points = rng.uniform(0.2, 5.0, size=m)
    battery_points = rng.uniform(0.2, 5.0, size=n_batteries)
    grid = toys.numeric_grid(
        directions,
        points,
        battery_of=battery_of,
        battery_points=battery_points,
        scale=BOUNDS,
        name="property",
    )
    return toys.producer_table(values), grid


def changed_scope(
    order: NDArray[np.int_], now: NDArray[np.int_], scope: str, k: int | None
) -> NDArray[np.bool_]:
    """Whether each row of `order` (producers best first) has another scope than `now`."""
    if scope == "ranking":
        return (order != now).any(axis=1)
    if scope == "winner":
        return order[:, 0] != now[0]
    assert k is not None
    return (np.sort(order[:, :k], axis=1) != np.sort(now[:k])).any(axis=1)


def crossings(scores: NDArray[np.float64]) -> NDArray[np.int_]:
    """Grid step i (from t_i to t_i+1) of every change of order of a pair of producers."""
    diff = scores[:, :, None] - scores[:, None, :]
    flips = np.sign(diff[:-1]) * np.sign(diff[1:]) < 0
    per_step = flips.sum(axis=(1, 2)) // 2  # each pair counted twice (i, j) and (j, i)
    return np.repeat(np.arange(len(per_step)), per_step)


def pair(swap: str, ids: list[str]) -> tuple[int, int]:
    first, second = swap.split(" ↔ ")
    return ids.index(first), ids.index(second)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(3, 8),
    m=st.integers(2, 5),
    combo=st.sampled_from(COMBOS),
    level=st.sampled_from(["criterion", "battery"]),
    data=st.data(),
)
def test_intervals_match_a_brute_force_sweep(
    seed: int, n: int, m: int, combo: tuple[str, str], level: str, data: st.DataObject
) -> None:
    """For every factor and scope: (a) the scope holds strictly inside (low, high);
    (b) just beyond each end below 1 or above 0, it does not, and the producers
    named by the swap are in the other order there; (c) low ≤ weight ≤ high.
    """
    method, normalization = combo
    n_batteries = data.draw(st.integers(2 if level == "battery" else 1, min(3, m)))
    frame, grid = random_problem(seed, n, m, n_batteries)
    ids = [f"P{i}" for i in range(n)]
    current = (
        selection.rank(frame, grid, method=method, normalization=normalization)
        .table["score"]
        .astype(float)[ids]
        .to_numpy()
    )
    assume(bool((np.diff(np.sort(current)) > 1e-9).all()))
    k = data.draw(st.integers(1, n - 1))

    if level == "criterion":
        shares = dict(zip(grid.keys, grid.weight_vector, strict=True))
    else:
        total = sum(b.weight for b in grid.batteries)
        shares = {b.key: b.weight / total for b in grid.batteries}

    lines_of = {}
    for key in shares:
        lines = sweep(
            frame,
            grid,
            weight=key,
            steps=STEPS,
            level=level,
            method=method,
            normalization=normalization,
        )
        scores = wide(lines, "score")[ids]
        lines_of[key] = (scores.index.to_numpy(dtype=float), scores.to_numpy(dtype=float))

    for scope in ("ranking", "winner", "top"):
        kk = k if scope == "top" else None
        now = np.argsort(-current, kind="stable")
        intervals = weight_intervals(
            frame,
            grid,
            scope=scope,
            k=kk,
            level=level,
            method=method,
            normalization=normalization,
        )
        for key, share in shares.items():
            t, scores = lines_of[key]
            row = intervals.loc[key]
            low, high, weight = float(row["low"]), float(row["high"]), float(row["weight"])
            assert weight == pytest.approx(share, abs=1e-12)
            assert low <= weight <= high, (key, scope)  # (c)
            changed = changed_scope(np.argsort(-scores, axis=1, kind="stable"), now, scope, kk)
            # Brute-force ends, and every pairwise crossing near them.
            left = np.flatnonzero(changed & (t < weight))
            right = np.flatnonzero(changed & (t > weight))
            near = crossings(scores)
            for ends in (left[-1:], right[:1]):
                for i in ends:
                    assume(int((np.abs(near - i) <= 4).sum()) == 1)

            # (a) strictly inside: the same scope.
            inside = (t > low + 1e-6) & (t < high - 1e-6)
            assert not changed[inside].any(), (key, scope, low, high, t[inside & changed][:3])
            # (b) just beyond each end inside [0, 1]: another scope, the named pair swapped.
            for end, swap, beyond in (
                (low, row["low_swap"], math.floor(low / H - 1)),
                (high, row["high_swap"], math.ceil(high / H + 1)),
            ):
                if end in (0.0, 1.0) and swap == "":
                    continue
                assert swap, (key, scope, end)
                first, second = pair(swap, ids)
                assert current[first] > current[second], (key, scope, swap)
                if 0 <= beyond < STEPS:
                    assert changed[beyond], (key, scope, end, t[beyond])
                    assert scores[beyond, first] < scores[beyond, second], (key, scope, swap)
