"""SPOTIS (Dezert et al. 2020): distance to an expected solution point, between declared bounds.

Each criterion j has bounds [low_j, high_j] (the grid's ``scale:`` or levels,
else the range of the values) and an expected solution point s*_j (by default
the ideal bound: high_j where more is better, low_j where less is better;
``parameters: {spotis: {expected: {price: 3.5}}}`` sets it). The score is the
weighted normalized distance to it, lower is better:

    d_ij = |x_ij − s*_j| / (high_j − low_j)        P_i = Σ_j w_j d_ij

A producer's score does not depend on the other producers: SPOTIS is free of
rank reversal. Bounds are widened to hold every value and the expected point.

Examples
--------
>>> import numpy as np
>>> x = np.array([[10.0, 1.0], [20.0, 3.0]])
>>> bounds = np.array([[0.0, 20.0], [1.0, 5.0]])
>>> spotis_scores(x, np.array([1, -1]), bounds, np.full(2, np.nan), np.array([[0.5, 0.5]]))
array([[0.25, 0.25]])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .base import Breakdown, Capabilities, Problem
from .parameters import Parameter
from .vocabulary import Method, Normalization

__all__ = ["Spotis", "spotis_scores"]

#: SPOTIS scores a single producer (its bounds are declared, not observed).
CAPABILITIES = Capabilities()

PARAMETERS = (
    Parameter(
        "expected",
        "Expected solution point, per criterion (default: the best bound).",
        "per_criterion",
        aliases=("esp", "expected_solution_point"),
    ),
)


def spotis_bounds(
    values: NDArray[np.float64], declared: NDArray[np.float64], expected: NDArray[np.float64]
) -> NDArray[np.float64]:
    """(m, 2) bounds: declared where known, else observed; holding every value and s*.

    A criterion on which all is equal gets a span of 2 around its value, so that
    nothing divides by zero (it adds the same to every score).
    """
    low = np.where(np.isnan(declared[:, 0]), values.min(axis=0), declared[:, 0])
    high = np.where(np.isnan(declared[:, 1]), values.max(axis=0), declared[:, 1])
    low = np.fmin(np.minimum(low, values.min(axis=0)), expected)
    high = np.fmax(np.maximum(high, values.max(axis=0)), expected)
    flat = low == high
    return np.column_stack([low - flat, high + flat])


def _distances(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    declared: NDArray[np.float64],
    expected: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Normalized distances d (n, m) to the expected point, and that point (m,)."""
    bounds = spotis_bounds(values, declared, expected)
    ideal = np.where(directions > 0, bounds[:, 1], bounds[:, 0])
    point = np.where(np.isnan(expected), ideal, expected)
    return np.abs(values - point) / (bounds[:, 1] - bounds[:, 0]), point


def spotis_scores(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    bounds: NDArray[np.float64],
    expected: NDArray[np.float64],
    weights: NDArray[np.float64],
) -> NDArray[np.float64]:
    """SPOTIS scores of an (n, m) raw matrix under (S, m) weights: (S, n); lower is better."""
    distances, _ = _distances(values, directions, bounds, expected)
    return np.asarray(weights @ distances.T)


@dataclass(frozen=True, slots=True)
class Spotis:
    """SPOTIS on the raw values and the grid's bounds."""

    name: str = Method.SPOTIS
    higher_is_better: bool = False
    default_normalization: Normalization | None = None
    capabilities: Capabilities = CAPABILITIES
    parameters: tuple[Parameter, ...] = PARAMETERS
    expected: NDArray[np.float64] | None = None

    def configured(self, values: dict[str, Any], keys: Sequence[str] = ()) -> Spotis:
        """This method with its expected solution point (NaN: the best bound)."""
        return replace(self, expected=np.asarray(values["expected"], dtype=float))

    def _expected(self, problem: Problem) -> NDArray[np.float64]:
        m = problem.values.shape[1]
        if self.expected is None or self.expected.size != m:
            return np.full(m, np.nan)
        return self.expected

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return spotis_scores(
            problem.values, problem.directions, problem.bounds, self._expected(problem), weights
        )

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        distances, point = _distances(
            problem.values, problem.directions, problem.bounds, self._expected(problem)
        )
        return Breakdown(
            scores=distances @ weights,
            baseline=None,
            contributions=None,
            intermediates={"distances": distances, "expected": point},
        )
