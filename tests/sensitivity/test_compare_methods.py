"""``compare_methods``: rankings side by side, and similarity coefficients recomputed here.

The toy grid has three criteria, each weighing 1/3 (battery ``quality`` weighs
2 of 3 points, split evenly between x and y; battery ``cost`` is z alone),
scored on declared scales: x, y in [0, 10] (more is better), z in [0, 100]
(less is better). With the ``scale`` normalization a weighted sum is

    s = (x / 10 + y / 10 + (100 − z) / 100) / 3

    P1 (9, 1, 60): (0.9 + 0.1 + 0.4) / 3 = 0.4667   rank 4
    P2 (2, 9, 40): (0.2 + 0.9 + 0.6) / 3 = 0.5667   rank 2
    P3 (6, 6, 70): (0.6 + 0.6 + 0.3) / 3 = 0.5000   rank 3
    P4 (7, 3, 20): (0.7 + 0.3 + 0.8) / 3 = 0.6000   rank 1
    P5 (4, 8, 90): (0.4 + 0.8 + 0.1) / 3 = 0.4333   rank 5

P6 would beat everyone but fails the gate z ≤ 95 and must not appear. The
other methods rank these five producers differently (vikor puts P3 second,
promethee_ii puts P1 third), and no method has ties, so Spearman's rho and
Kendall's tau are scipy's, and the two weighted coefficients are written out
below from their papers.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from numpy.typing import NDArray
from scipy import stats

import selection
from selection.sensitivity import MethodComparison, compare_methods
from tests.toys import FIVE_PRODUCERS

GRID = """\
format: selection/grid@1
name: compare
id: id
method: wsm
batteries:
  quality:
    weight: 2
    criteria:
      x: {weight: 1, scale: [0, 10]}
      y: {weight: 1, scale: [0, 10]}
  cost:
    weight: 1
    criteria:
      z: {direction: min, scale: [0, 100]}
eligibility:
  - {criterion: z, max: 95}
"""

#: P1 to P5, and P6, who fails the gate z ≤ 95.
TABLE = pd.concat(
    [FIVE_PRODUCERS, pd.DataFrame({"id": ["P6"], "x": [10.0], "y": [10.0], "z": [99.0]})],
    ignore_index=True,
)

ELIGIBLE = ["P1", "P2", "P3", "P4", "P5"]
METHODS = ["wsm", "topsis", "vikor", "promethee_ii"]


def grid() -> selection.Grid:
    return selection.parse_grid(GRID)


def weighted_spearman(x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """r_w of Pinto da Costa & Soares (2005), *Aust. N. Z. J. Stat.* 47(4):515–529, eq. (2):

    r_w = 1 − 6 Σ_i (x_i − y_i)² ((n − x_i + 1) + (n − y_i + 1)) / (n⁴ + n³ − n² − n).
    """
    n = len(x)
    total = sum((a - b) ** 2 * ((n - a + 1) + (n - b + 1)) for a, b in zip(x, y, strict=True))
    return 1 - 6 * total / (n**4 + n**3 - n**2 - n)


def ws_similarity(x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """WS of Sałabun & Urbaniak (2020), ICCS 2020, LNCS 12139, pp. 632–645, eq. (7):

    WS = 1 − Σ_i 2^(−x_i) |x_i − y_i| / max(|x_i − 1|, |x_i − n|), x the reference ranking.
    """
    n = len(x)
    return 1 - sum(
        2.0 ** (-a) * abs(a - b) / max(abs(a - 1), abs(a - n)) for a, b in zip(x, y, strict=True)
    )


@pytest.fixture(scope="module")
def comparison() -> MethodComparison:
    return compare_methods(TABLE, grid(), methods=METHODS)


def test_ranks_are_those_of_rank_for_each_method(comparison: MethodComparison) -> None:
    assert list(comparison.ranks.columns) == METHODS
    assert list(comparison.scores.columns) == METHODS
    assert sorted(comparison.ranks.index) == ELIGIBLE
    for method in METHODS:
        expected = selection.rank(TABLE, grid(), method=method).table["rank"]
        got = comparison.ranks[method]
        assert got.to_dict() == expected.loc[got.index].astype(int).to_dict(), method
        scores = selection.rank(TABLE, grid(), method=method).table["score"]
        assert_allclose(comparison.scores[method], scores.loc[got.index].astype(float))


def test_weighted_sum_ranks_by_hand(comparison: MethodComparison) -> None:
    """The module docstring's scores: P4 > P2 > P3 > P1 > P5."""
    assert comparison.ranks["wsm"].to_dict() == {"P1": 4, "P2": 2, "P3": 3, "P4": 1, "P5": 5}
    assert_allclose(
        comparison.scores["wsm"].loc[ELIGIBLE],
        [1.4 / 3, 1.7 / 3, 1.5 / 3, 1.8 / 3, 1.3 / 3],
        rtol=1e-12,
    )


def test_the_toy_rankings_are_tie_free_and_differ(comparison: MethodComparison) -> None:
    """The premise of the coefficient tests below: permutations, not all the same."""
    for method in METHODS:
        assert sorted(comparison.ranks[method]) == [1, 2, 3, 4, 5], method
    assert comparison.ranks.T.drop_duplicates().shape[0] >= 3


def test_spearman_and_kendall_are_scipy_s(comparison: MethodComparison) -> None:
    ranks = comparison.ranks
    for a, b in itertools.product(METHODS, METHODS):
        rho = stats.spearmanr(ranks[a], ranks[b]).statistic
        tau = stats.kendalltau(ranks[a], ranks[b]).statistic
        assert comparison.spearman.loc[a, b] == pytest.approx(rho, abs=1e-12), (a, b)
        assert comparison.kendall.loc[a, b] == pytest.approx(tau, abs=1e-12), (a, b)


def test_weighted_coefficients_from_the_papers(comparison: MethodComparison) -> None:
    ranks = comparison.ranks
    for a, b in itertools.product(METHODS, METHODS):
        x, y = ranks[a].to_numpy(dtype=float), ranks[b].to_numpy(dtype=float)
        assert comparison.weighted_spearman.loc[a, b] == pytest.approx(
            weighted_spearman(x, y), abs=1e-12
        ), (a, b)
        assert comparison.ws_similarity.loc[a, b] == pytest.approx(
            ws_similarity(x, y), abs=1e-12
        ), (a, b)


def test_ws_by_hand_for_one_pair(comparison: MethodComparison) -> None:
    """Reference wsm (4, 2, 3, 1, 5) against vikor (4, 3, 2, 1, 5), n = 5:
    only P2 (x = 2, |2 − 3| / max(1, 3)) and P3 (x = 3, |3 − 2| / max(2, 2)) differ:
    WS = 1 − 2⁻² / 3 − 2⁻³ / 2 = 1 − 1/12 − 1/16 = 41/48.
    The other way round, vikor as reference: P2 (x = 3) and P3 (x = 2) give
    WS = 1 − 2⁻³ / 2 − 2⁻² / 3 = 41/48 as well: this pair happens to be symmetric.
    """
    assert comparison.ranks["vikor"].to_dict() == {"P1": 4, "P2": 3, "P3": 2, "P4": 1, "P5": 5}
    assert comparison.ws_similarity.loc["wsm", "vikor"] == pytest.approx(41 / 48, abs=1e-12)
    assert comparison.ws_similarity.loc["vikor", "wsm"] == pytest.approx(41 / 48, abs=1e-12)


def test_matrix_shapes_diagonals_and_symmetry(comparison: MethodComparison) -> None:
    symmetric = [comparison.spearman, comparison.kendall, comparison.weighted_spearman]
    for frame in [*symmetric, comparison.ws_similarity]:
        assert list(frame.index) == METHODS
        assert list(frame.columns) == METHODS
        assert_allclose(np.diag(frame.to_numpy()), 1.0, atol=1e-12)
        assert (frame.to_numpy() <= 1 + 1e-12).all()
    for frame in symmetric:
        assert_allclose(frame.to_numpy(), frame.to_numpy().T, atol=1e-12)
    ws = comparison.ws_similarity.to_numpy()
    assert not np.allclose(ws, ws.T), "WS should be asymmetric for some pair of methods"


def test_ws_is_asymmetric_on_this_pair(comparison: MethodComparison) -> None:
    """vikor (4, 3, 2, 1, 5) as reference against promethee_ii's ranking, and back."""
    x = comparison.ranks["vikor"].to_numpy(dtype=float)
    y = comparison.ranks["promethee_ii"].to_numpy(dtype=float)
    assert ws_similarity(x, y) != pytest.approx(ws_similarity(y, x))
    assert comparison.ws_similarity.loc["vikor", "promethee_ii"] == pytest.approx(
        ws_similarity(x, y), abs=1e-12
    )
    assert comparison.ws_similarity.loc["promethee_ii", "vikor"] == pytest.approx(
        ws_similarity(y, x), abs=1e-12
    )


def test_disagreement_is_max_minus_min(comparison: MethodComparison) -> None:
    ranks = comparison.ranks
    spread = comparison.disagreement()
    for pid in ELIGIBLE:
        values = [int(ranks.loc[pid, m]) for m in METHODS]
        assert spread[pid] == max(values) - min(values), pid
    assert spread["P4"] == 0  # best under every method
    assert spread["P5"] == 0  # worst under every method


def test_two_methods_only() -> None:
    result = compare_methods(TABLE, grid(), methods=["wsm", "vikor"])
    assert list(result.ranks.columns) == ["wsm", "vikor"]
    assert result.spearman.loc["wsm", "vikor"] == pytest.approx(
        1 - 6 * (1 + 1) / (5 * (25 - 1)), abs=1e-12
    )  # d = (0, −1, 1, 0, 0): rho = 1 − 6 Σ d² / (n (n² − 1)) = 0.9
    assert result.disagreement().to_dict() == {"P1": 0, "P2": 1, "P3": 1, "P4": 0, "P5": 0}


def test_grid_file_path_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(GRID, encoding="utf-8")
    result = compare_methods(TABLE, path, methods=["wsm", "topsis"])
    assert sorted(result.ranks.index) == ELIGIBLE


def test_caller_table_is_not_modified() -> None:
    before = TABLE.copy()
    compare_methods(TABLE, grid(), methods=["wsm", "topsis"])
    pd.testing.assert_frame_equal(TABLE, before)


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("methods", [["wsm"], ["wsm", "wsm"], ["wsm", "WSM"], []])
def test_fewer_than_two_distinct_methods(methods: list[str]) -> None:
    with pytest.raises(selection.SelectionError) as info:
        compare_methods(TABLE, grid(), methods=methods)
    assert info.value.where == "methods"
    assert "two or more" in (info.value.expected or "")


def test_unknown_method_suggests_a_spelling() -> None:
    with pytest.raises(selection.MethodError, match="did you mean") as info:
        compare_methods(TABLE, grid(), methods=["wsm", "topsys"])
    assert info.value.hint == "did you mean 'topsis'?"
    assert info.value.found == "'topsys'"


def test_unknown_normalization_is_a_method_error() -> None:
    with pytest.raises(selection.MethodError) as info:
        compare_methods(TABLE, grid(), methods=["wsm", "topsis"], normalization="minmx")
    assert info.value.hint == "did you mean 'minmax'?"


def test_shared_normalization_skips_methods_with_their_own() -> None:
    """`minmax` goes to wsm and topsis only: promethee_ii would refuse it from rank()."""
    methods = ["wsm", "topsis", "promethee_ii"]
    with pytest.raises(selection.MethodError):
        selection.rank(TABLE, grid(), method="promethee_ii", normalization="minmax")
    result = compare_methods(TABLE, grid(), methods=methods, normalization="minmax")
    for method in methods:
        how = None if method == "promethee_ii" else "minmax"
        expected = selection.rank(TABLE, grid(), method=method, normalization=how).table
        got = result.ranks[method]
        assert got.to_dict() == expected.loc[got.index, "rank"].astype(int).to_dict(), method
        assert_allclose(result.scores[method], expected.loc[got.index, "score"].astype(float))


def test_shared_normalization_changes_the_weighted_sum() -> None:
    """With minmax instead of the grid's scale: x → (x − 2) / 7, y → (y − 1) / 8,
    z → (90 − z) / 70. Scores × 3: P1 1 + 0 + 3/7 = 1.429, P2 0 + 1 + 5/7 = 1.714,
    P3 4/7 + 5/8 + 2/7 = 1.482, P4 5/7 + 1/4 + 1 = 1.964, P5 2/7 + 7/8 + 0 = 1.161:
    P4 > P2 > P3 > P1 > P5 (the same order, with different scores)."""
    result = compare_methods(TABLE, grid(), methods=["wsm", "topsis"], normalization="minmax")
    expected = np.array(
        [1 + 3 / 7, 1 + 5 / 7, 4 / 7 + 5 / 8 + 2 / 7, 5 / 7 + 1 / 4 + 1, 2 / 7 + 7 / 8]
    )
    assert_allclose(result.scores["wsm"].loc[ELIGIBLE], expected / 3, rtol=1e-12)
