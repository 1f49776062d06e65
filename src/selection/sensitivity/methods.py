"""Does the method matter? Rankings of several methods side by side, and how alike they are.

Similarity of two rankings uses pymcdm's coefficients: Spearman's rho,
Kendall's tau, the weighted Spearman r_w (Pinto da Costa & Soares 2005: top
ranks count more) and the WS similarity (Sałabun & Urbaniak 2020: asymmetric,
the row method is the reference).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import plots
from ..engines import Method, Normalization, competition_ranks, engine_for
from ..errors import ArgumentError
from ..grid import Grid
from ..messages import msg, render
from ..scoring import Prepared, ProblemSource, prepare
from .tidy import tidy

if TYPE_CHECKING:
    from matplotlib.axes import Axes

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

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per (producer, method) with ``rank`` and ``score``."""
        return tidy({"rank": self.ranks, "score": self.scores}, "method")

    def summary(self, lang: str | None = None) -> str:
        """How alike the rankings are, pair by pair (weighted Spearman)."""
        methods = list(self.ranks.columns)
        pairs = [
            msg(
                "methods.pair",
                "{first}–{second} {value:.2f}",
                first=a,
                second=b,
                value=float(self.weighted_spearman.to_numpy()[i, i + 1 + j]),
            )
            for i, a in enumerate(methods)
            for j, b in enumerate(methods[i + 1 :])
        ]
        return render(
            msg(
                "methods.summary",
                "Weighted Spearman between the methods' rankings (1 = identical): {pairs}.",
                pairs=pairs,
            ),
            lang,
        )

    def plot(self, ax: Axes | None = None, **options: Any) -> Axes:
        """The similarity of the methods as a heatmap (see :mod:`selection.plots`)."""
        return plots.method_comparison(self, ax=ax, **options)

    def __repr__(self) -> str:
        return (
            f"<MethodComparison of {', '.join(self.ranks.columns)} on {len(self.ranks)} producers>"
        )


def compare_methods(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    methods: Sequence[str | Method] = DEFAULT_METHODS,
    normalization: str | Normalization | None = None,
) -> MethodComparison:
    """Rank the producers with each method and compare the rankings.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    methods : sequence of str
        At least two registered methods.
    normalization : str, optional
        Applied to every method that takes one; default: the grid's, else each
        method's own.

    Examples
    --------
    >>> import selection
    >>> result = compare_methods(selection.example_producers_path(),
    ...                          selection.example_grid_path(), methods=["wsm", "topsis"])
    >>> round(float(result.spearman.loc["wsm", "wsm"]), 12)
    1.0
    """
    from pymcdm import correlations  # imported here: pymcdm pulls in matplotlib

    names = list(dict.fromkeys(str(engine_for(m, where="methods").name) for m in methods))
    if len(names) < 2:
        raise ArgumentError(
            msg("methods.nothing", "nothing to compare"),
            where="methods",
            expected=msg("methods.expected", "two or more different methods"),
            found=repr(list(methods)),
        )
    base = prepare(producers, grid)
    ids = base.ids.sort_values()
    position = base.ids.get_indexer(ids)
    ranks, scores = {}, {}
    for name in names:
        problem = _with(base, name, normalization)
        raw = problem.engine.scores(problem.problem, problem.weights[None, :])[0]
        ranks[name] = competition_ranks(raw, higher_is_better=problem.engine.higher_is_better)[
            position
        ]
        scores[name] = raw[position]
    rank_table = pd.DataFrame(ranks, index=ids)
    score_table = pd.DataFrame(scores, index=ids)
    matrix = rank_table.to_numpy(dtype=float)

    def pairwise(function: Callable[[np.ndarray, np.ndarray], float]) -> pd.DataFrame:
        k = matrix.shape[1]
        out = np.array(
            [[function(matrix[:, a], matrix[:, b]) for b in range(k)] for a in range(k)]
        )
        return pd.DataFrame(out, index=rank_table.columns, columns=rank_table.columns)

    return MethodComparison(
        ranks=rank_table,
        scores=score_table,
        spearman=pairwise(correlations.spearman),
        kendall=pairwise(correlations.kendall_tau),
        weighted_spearman=pairwise(correlations.weighted_spearman),
        ws_similarity=pairwise(correlations.rank_similarity_coef),
    )


def _with(base: Prepared, method: str, normalization: object) -> Prepared:
    """`base` under `method`, with the shared normalization unless the method has its own."""
    if normalization is not None and engine_for(method).default_normalization is None:
        normalization = None
    return base.with_method(method, normalization)
