"""TOPSIS (Hwang & Yoon 1981) as matrix algebra over many weight vectors at once.

With non-negative weights, the weighted ideal is ``w_j · max_i r_ij`` and the
anti-ideal ``w_j · min_i r_ij``, so the squared distances are

    D⁺_i(w)² = Σ_j w_j² (r_ij − r⁺_j)²    D⁻_i(w)² = Σ_j w_j² (r_ij − r⁻_j)²

two matrix products of fixed (n, m) matrices with the (m, S) squared weights.
The closeness is C_i = D⁻ / (D⁺ + D⁻). When a producer is at both the ideal and
the anti-ideal (every producer equal on every weighted criterion) C_i = 1/2.

The closeness also splits exactly into per-criterion contributions around 1/2:
since Σ_j w_j²[(r_ij − r⁻_j)² − (r_ij − r⁺_j)²] = (D⁻ − D⁺)(D⁻ + D⁺),

    C_i = 1/2 + Σ_j w_j² [(r_ij − r⁻_j)² − (r_ij − r⁺_j)²] / (2 (D⁺ + D⁻)²).

A criterion contributes positively when the producer is nearer the ideal than
the anti-ideal on it.

Examples
--------
>>> import numpy as np
>>> r = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
>>> topsis_scores(r, np.array([[0.5, 0.5]])).round(3)
array([[0.5, 0.5, 0.5]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..vocabulary import Method, Normalization
from .base import Breakdown, Problem

__all__ = ["Topsis", "topsis_scores"]


def _squared_gaps(
    normalized: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    ideal = normalized.max(axis=0)
    anti = normalized.min(axis=0)
    return (normalized - ideal) ** 2, (normalized - anti) ** 2, ideal, anti


def _closeness(d_plus: NDArray[np.float64], d_minus: NDArray[np.float64]) -> NDArray[np.float64]:
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def topsis_scores(
    normalized: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """TOPSIS closeness of an (n, m) normalized matrix under (S, m) weights: (S, n)."""
    gap_plus, gap_minus, _, _ = _squared_gaps(normalized)
    squared = weights**2
    # (S, m) @ (m, n) gives the (S, n) result row by row, in place from there on.
    d_plus, d_minus = squared @ gap_plus.T, squared @ gap_minus.T
    for distance in (d_plus, d_minus):
        np.maximum(distance, 0.0, out=distance)  # rounding can leave -0.0 or -1e-17
        np.sqrt(distance, out=distance)
    return _closeness(d_plus, d_minus)


@dataclass(frozen=True, slots=True)
class Topsis:
    """TOPSIS; vector normalization by default, as in Hwang & Yoon (1981)."""

    method: Method = Method.TOPSIS
    higher_is_better: bool = True
    default_normalization: Normalization | None = Normalization.VECTOR

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return topsis_scores(problem.normalized, weights)

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        # Criterion by criterion on contiguous rows of the (m, n) transpose: no (n, m)
        # temporaries; the contributions are written in place, then scaled.
        by_criterion = np.ascontiguousarray(problem.normalized.T)
        ideal = by_criterion.max(axis=1)
        anti = by_criterion.min(axis=1)
        squared = weights**2
        d_plus, d_minus, parts = _split_distances(by_criterion, ideal, anti, squared)
        scores = _closeness(d_plus, d_minus)
        total = d_plus + d_minus
        with np.errstate(invalid="ignore", divide="ignore"):
            scale = np.where(total > 0, 1 / (2 * total**2), 0.0)
        parts *= scale
        return Breakdown(
            scores=scores,
            baseline=0.5,
            contributions=parts.T,
            intermediates={
                "ideal": weights * ideal,
                "anti_ideal": weights * anti,
                "distance_to_ideal": d_plus,
                "distance_to_anti_ideal": d_minus,
            },
        )


def _split_distances(
    by_criterion: NDArray[np.float64],
    ideal: NDArray[np.float64],
    anti: NDArray[np.float64],
    squared: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """D⁺, D⁻ and the unscaled parts w_j² [(r_ij − r⁻_j)² − (r_ij − r⁺_j)²], shape (m, n).

    `by_criterion` is the normalized matrix transposed, (m, n) and C-contiguous.
    """
    m, n = by_criterion.shape
    d_plus, d_minus = np.zeros(n), np.zeros(n)
    near, far = np.empty(n), np.empty(n)
    parts = np.empty((m, n))
    for j in range(m):
        row = by_criterion[j]
        np.subtract(row, ideal[j], out=near)
        np.multiply(near, near, out=near)
        near *= squared[j]
        d_plus += near
        np.subtract(row, anti[j], out=far)
        np.multiply(far, far, out=far)
        far *= squared[j]
        d_minus += far
        np.subtract(far, near, out=parts[j])
    return np.sqrt(d_plus), np.sqrt(d_minus), parts
