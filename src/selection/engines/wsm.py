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

from ..vocabulary import Method, Normalization
from .base import Breakdown, Problem

__all__ = ["WeightedSum", "wsm_scores"]


def wsm_scores(
    normalized: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Weighted sums of an (n, m) normalized matrix under (S, m) weights: (S, n)."""
    return np.asarray(weights @ normalized.T, dtype=float)


@dataclass(frozen=True, slots=True)
class WeightedSum:
    """The weighted sum model (Fishburn 1967), additive: contribution = w_j r_ij."""

    method: Method = Method.WSM
    higher_is_better: bool = True
    default_normalization: Normalization | None = Normalization.SCALE

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
