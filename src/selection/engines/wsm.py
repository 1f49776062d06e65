"""Weighted sum (simple additive weighting): score = Σ_j w_j r_ij.

Examples
--------
>>> import numpy as np
>>> wsm_scores(np.array([[1.0, 0.0], [0.5, 1.0]]), np.array([[0.5, 0.5], [1.0, 0.0]]))
array([[0.5 , 0.75],
       [1.  , 0.5 ]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .base import Breakdown, Capabilities, Problem
from .vocabulary import Method, Normalization

__all__ = ["LinearCurves", "WeightedSum", "wsm_scores"]


def wsm_scores(
    normalized: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Weighted sums of an (n, m) normalized matrix under (S, m) weights: (S, n)."""
    return np.asarray(weights @ normalized.T, dtype=float)


@dataclass(frozen=True, slots=True)
class LinearCurves:
    """Weighted sums along ``w(t) = u + t v``: s_i(t) = p_i + q_i t (rows ``[q, p]``)."""

    coefficients: NDArray[np.float64]

    def at(self, producers: NDArray[np.intp], t: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        rows = self.coefficients[producers]
        return np.asarray(rows[:, :1] * t + rows[:, 1:], dtype=float)

    def crossings(self, pairs: NDArray[np.intp]) -> NDArray[np.float64]:  # noqa: D102
        return np.asarray(self.coefficients[pairs[:, 0]] - self.coefficients[pairs[:, 1]])


#: What the weighted sum can do: everything.
CAPABILITIES = Capabilities(
    additive=True, linear_in_weights=True, exact_intervals=True, stacked=True
)


@dataclass(frozen=True, slots=True)
class WeightedSum:
    """The weighted sum model (Fishburn 1967), additive: contribution = w_j r_ij."""

    name: str = Method.WSM
    higher_is_better: bool = True
    default_normalization: Normalization | None = Normalization.SCALE
    capabilities: Capabilities = CAPABILITIES

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return wsm_scores(problem.normalized, weights)

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        contributions = problem.normalized * weights
        return Breakdown(
            scores=contributions.sum(axis=1),
            baseline=0.0,
            contributions=contributions,
            intermediates={"weighted": contributions},
        )

    def curves(
        self, problem: Problem, u: NDArray[np.float64], v: NDArray[np.float64]
    ) -> LinearCurves:
        """Scores along ``w(t) = u + t v``: linear in t."""
        r = problem.normalized
        return LinearCurves(np.column_stack([r @ v, r @ u]))

    def stacked_scores(
        self, normalized: NDArray[np.float64], weights: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Scores (S, n) of S normalized tables (S, n, m) under one weight vector (m,)."""
        return np.asarray(normalized @ weights)
