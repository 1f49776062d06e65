"""Does the method matter? Rankings of several methods side by side, and how alike they are.

Similarity of two rankings uses pymcdm's coefficients: Spearman's rho,
Kendall's tau, the weighted Spearman r_w (Pinto da Costa & Soares 2005: top
ranks count more) and the WS similarity (Sałabun & Urbaniak 2020: asymmetric,
the row method is the reference).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ..grid_file import load_grid
from ..model import Grid
from ..ranking import parse_argument, rank
from ..table import Producers, read_table
from ..vocabulary import Method, Normalization

__all__ = ["DEFAULT_METHODS", "MethodComparison", "compare_methods"]

#: Methods compared by default: two compensatory, one compromise, one outranking.
DEFAULT_METHODS = ("wsm", "topsis", "vikor", "promethee_ii")


@dataclass(frozen=True, eq=False)
class MethodComparison:
    """Rankings of the eligible producers under several methods.

    Attributes
    ----------
    ranks : DataFrame
        Producers × methods, 1 = best (ties share the best rank).
    scores : DataFrame
        Producers × methods, each in its method's own scale and direction.
    spearman, kendall, weighted_spearman, ws_similarity : DataFrame
        Methods × methods similarity of the rankings (1 = identical).
    """

    ranks: pd.DataFrame
    scores: pd.DataFrame
    spearman: pd.DataFrame
    kendall: pd.DataFrame
    weighted_spearman: pd.DataFrame
    ws_similarity: pd.DataFrame

    def disagreement(self) -> pd.Series:
        """Per producer, the spread of its ranks (worst − best) across methods."""
        return (self.ranks.max(axis=1) - self.ranks.min(axis=1)).rename("rank_spread")


def compare_methods(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    methods: Sequence[str | Method] = DEFAULT_METHODS,
    normalization: str | Normalization | None = None,
) -> MethodComparison:
    """Rank the producers with each method and compare the rankings.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`.
    methods : sequence of str
        At least two registered methods.
    normalization : str, optional
        Applied to every method that takes one; default: the grid's, else each
        method's own.

    Examples
    --------
    >>> import selection
    >>> result = compare_methods(selection.example_producers_path(),
    ...                          selection.example_grid_path(), ["wsm", "topsis"])
    >>> round(float(result.spearman.loc["wsm", "wsm"]), 12)
    1.0
    """
    from pymcdm import correlations  # imported here: pymcdm pulls in matplotlib

    names = [parse_argument(Method, m, "methods").value for m in methods]
    if len(set(names)) < 2:
        raise SelectionError(
            "nothing to compare",
            where="methods",
            expected="two or more different methods",
            found=repr(list(methods)),
        )
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    table = read_table(producers)
    rankings = {
        name: rank(table, the_grid, method=name, normalization=_given(normalization, name))
        for name in dict.fromkeys(names)
    }
    first = next(iter(rankings.values()))
    ids = first.ranked.index.sort_values()
    ranks = pd.DataFrame({n: r.table.loc[ids, "rank"].astype(int) for n, r in rankings.items()})
    scores = pd.DataFrame(
        {n: r.table.loc[ids, "score"].astype(float) for n, r in rankings.items()}
    )
    matrix = ranks.to_numpy(dtype=float)

    def pairwise(function: Callable[[np.ndarray, np.ndarray], float]) -> pd.DataFrame:
        k = matrix.shape[1]
        out = np.array(
            [[function(matrix[:, a], matrix[:, b]) for b in range(k)] for a in range(k)]
        )
        return pd.DataFrame(out, index=ranks.columns, columns=ranks.columns)

    return MethodComparison(
        ranks=ranks,
        scores=scores,
        spearman=pairwise(correlations.spearman),
        kendall=pairwise(correlations.kendall_tau),
        weighted_spearman=pairwise(correlations.weighted_spearman),
        ws_similarity=pairwise(correlations.rank_similarity_coef),
    )


def _given(normalization: str | Normalization | None, method: str) -> str | None:
    """The shared normalization, except for methods that normalize their own way."""
    if normalization is None:
        return None
    from ..engines import engine_for

    if engine_for(Method(method)).default_normalization is None:
        return None
    return parse_argument(Normalization, normalization, "normalization").value
