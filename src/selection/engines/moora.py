"""MOORA, ratio system (Brauers & Zavadskas 2006): benefits minus costs, vector-normalized.

On the raw values x, each column divided by its Euclidean norm,
r_ij = x_ij / ‖x_j‖, the score is the weighted sum of the benefit criteria
minus that of the cost criteria:

    y_i = Σ_{j benefit} w_j r_ij − Σ_{j cost} w_j r_ij

Scores are linear in the weights: the method is additive (contribution
± w_j r_ij), its weights can be inferred and its stability intervals are exact.
Unlike pymcdm 1.4, a grid without any cost criterion is accepted (y is then the
vector-normalized weighted sum).

Examples
--------
>>> import numpy as np
>>> moora_scores(np.array([[3.0, 4.0], [4.0, 3.0]]), np.array([1, -1]), np.array([[0.5, 0.5]]))
array([[-0.1,  0.1]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .base import Breakdown, Capabilities, Problem
from .vocabulary import Method, Normalization
from .wsm import LinearCurves

__all__ = ["Moora", "moora_scores"]

#: Linear in the weights: additive, inferable, with exact intervals.
CAPABILITIES = Capabilities(additive=True, linear_in_weights=True, exact_intervals=True)


def signed(values: NDArray[np.float64], directions: NDArray[np.int_]) -> NDArray[np.float64]:
    """± x / ‖x‖ per column (+ where more is better); a column of zeros gives zeros."""
    norm = np.sqrt((values**2).sum(axis=0))
    ratio = np.divide(values, norm, out=np.zeros_like(values), where=norm > 0)
    return np.asarray(ratio * directions)


def moora_scores(
    values: NDArray[np.float64], directions: NDArray[np.int_], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """MOORA scores of an (n, m) raw matrix under (S, m) weights: (S, n)."""
    return np.asarray(weights @ signed(values, directions).T)


@dataclass(frozen=True, slots=True)
class Moora:
    """MOORA's ratio system on the raw values."""

    name: str = Method.MOORA
    higher_is_better: bool = True
    default_normalization: Normalization | None = None
    capabilities: Capabilities = CAPABILITIES

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return moora_scores(problem.values, problem.directions, weights)

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        contributions = signed(problem.values, problem.directions) * weights
        return Breakdown(
            scores=contributions.sum(axis=1),
            baseline=0.0,
            contributions=contributions,
            intermediates={"signed_ratios": signed(problem.values, problem.directions)},
        )

    def curves(
        self, problem: Problem, u: NDArray[np.float64], v: NDArray[np.float64]
    ) -> LinearCurves:
        """Scores along ``w(t) = u + t v``: linear in t."""
        r = signed(problem.values, problem.directions)
        return LinearCurves(np.column_stack([r @ v, r @ u]))
