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

from .base import Breakdown, Capabilities, Problem
from .vocabulary import Method, Normalization

__all__ = ["QuarticCurves", "Topsis", "topsis_scores"]


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


def _horner(poly: NDArray[np.float64], t: NDArray[np.float64]) -> NDArray[np.float64]:
    """Rows of polynomial coefficients (highest degree first) evaluated at `t` (rows, T)."""
    out = np.broadcast_to(poly[:, :1], t.shape).astype(float)
    for k in range(1, poly.shape[1]):
        out = out * t + poly[:, k : k + 1]
    return out


def _product(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    """Products of rows of quadratics (a t² + b t + c): quartics, highest degree first."""
    return np.column_stack(
        [
            a[:, 0] * b[:, 0],
            a[:, 0] * b[:, 1] + a[:, 1] * b[:, 0],
            a[:, 0] * b[:, 2] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 0],
            a[:, 1] * b[:, 2] + a[:, 2] * b[:, 1],
            a[:, 2] * b[:, 2],
        ]
    )


@dataclass(frozen=True, slots=True)
class QuarticCurves:
    """TOPSIS along ``w(t) = u + t v`` with a fixed normalization.

    D±_i(t)² = Σ_j G±_ij (u_j + t v_j)² are quadratics in t (rows of `plus` and
    `minus`, highest degree first), and producers i and j swap where
    D⁻_i² D⁺_j² − D⁻_j² D⁺_i² = 0, a quartic in t.
    """

    plus: NDArray[np.float64]
    minus: NDArray[np.float64]

    def at(self, producers: NDArray[np.intp], t: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        d_plus = np.sqrt(np.maximum(_horner(self.plus[producers], t), 0.0))
        d_minus = np.sqrt(np.maximum(_horner(self.minus[producers], t), 0.0))
        return _closeness(d_plus, d_minus)

    def crossings(self, pairs: NDArray[np.intp]) -> NDArray[np.float64]:  # noqa: D102
        i, j = pairs[:, 0], pairs[:, 1]
        return _product(self.minus[i], self.plus[j]) - _product(self.minus[j], self.plus[i])


#: What TOPSIS can do: all but linear weight inference.
CAPABILITIES = Capabilities(additive=True, exact_intervals=True, stacked=True)


@dataclass(frozen=True, slots=True)
class Topsis:
    """TOPSIS; vector normalization by default, as in Hwang & Yoon (1981)."""

    name: str = Method.TOPSIS
    higher_is_better: bool = True
    default_normalization: Normalization | None = Normalization.VECTOR
    capabilities: Capabilities = CAPABILITIES

    def curves(
        self, problem: Problem, u: NDArray[np.float64], v: NDArray[np.float64]
    ) -> QuarticCurves:
        """Squared distances along ``w(t) = u + t v`` as quadratics in t."""
        gap_plus, gap_minus, _, _ = _squared_gaps(problem.normalized)
        quadratic = [v**2, 2 * u * v, u**2]  # t², t, 1
        return QuarticCurves(
            plus=np.column_stack([gap_plus @ c for c in quadratic]),
            minus=np.column_stack([gap_minus @ c for c in quadratic]),
        )

    def stacked_scores(
        self, normalized: NDArray[np.float64], weights: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Closeness (S, n) of S normalized tables (S, n, m) under one weight vector (m,)."""
        ideal = normalized.max(axis=1, keepdims=True)
        anti = normalized.min(axis=1, keepdims=True)
        squared = weights**2
        d_plus = np.sqrt(np.maximum(((normalized - ideal) ** 2) @ squared, 0.0))
        d_minus = np.sqrt(np.maximum(((normalized - anti) ** 2) @ squared, 0.0))
        return _closeness(d_plus, d_minus)

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
