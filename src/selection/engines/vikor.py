"""VIKOR (Opricovic & Tzeng 2004): a compromise ranking, as matrix algebra over many weightings.

On the normalized values r (more is better in every column), with the best
f*_j = max_i r_ij and the worst f⁻_j = min_i r_ij of each criterion and
D_ij = (f*_j − r_ij) / (f*_j − f⁻_j) (0 on a criterion where everyone is equal):

    S_i = Σ_j w_j D_ij    (group utility)      R_i = max_j w_j D_ij    (individual regret)
    Q_i = v (S_i − S*) / (S⁻ − S*) + (1 − v) (R_i − R*) / (R⁻ − R*)

with S* = min S, S⁻ = max S (and R likewise); lower Q is better. ``v`` weighs
the majority rule against the individual regret (0.5 by default).

The compromise solution a1 (the best Q) is accepted when (C1, acceptable
advantage) Q(a2) − Q(a1) ≥ 1/(n − 1) and (C2, acceptable stability) a1 is also
the best by S or by R; otherwise the compromise set is reported:
{a1, a2} when only C2 fails, {a1, ..., aM} (Q(aM) − Q(a1) < 1/(n − 1)) when C1
fails. :meth:`Vikor.breakdown` says which, as a message.

Examples
--------
>>> import numpy as np
>>> r = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
>>> vikor_scores(r, np.array([[0.5, 0.5]]), v=0.5).round(3)
array([[1., 1., 0.]])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..messages import Message, msg
from .base import Breakdown, Capabilities, Positions, Problem
from .parameters import Parameter
from .vocabulary import Method, Normalization

__all__ = ["Vikor", "vikor_scores"]

#: What VIKOR can do beyond scoring: nothing (not additive, not linear in the weights).
CAPABILITIES = Capabilities(min_producers=2)

PARAMETERS = (
    Parameter(
        "v",
        "Weight of the group utility (majority rule) against the individual regret, 0 to 1.",
        "share",
        0.5,
    ),
)


def _gaps(normalized: NDArray[np.float64]) -> NDArray[np.float64]:
    """D_ij = (f*_j − r_ij) / (f*_j − f⁻_j), 0 where a criterion does not separate anyone."""
    best, worst = normalized.max(axis=0), normalized.min(axis=0)
    span = best - worst
    return np.asarray(
        np.divide(best - normalized, span, out=np.zeros_like(normalized), where=span > 0)
    )


def _scaled(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """(x − min) / (max − min) along the last axis, 0 where every value is the same."""
    low = values.min(axis=-1, keepdims=True)
    span = values.max(axis=-1, keepdims=True) - low
    return np.asarray(np.divide(values - low, span, out=np.zeros_like(values), where=span > 0))


def _parts(
    normalized: NDArray[np.float64], weights: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """S and R, (weightings × producers)."""
    gaps = _gaps(normalized)
    utility = weights @ gaps.T
    regret = (weights[:, None, :] * gaps[None, :, :]).max(axis=2)
    return utility, regret


def vikor_scores(
    normalized: NDArray[np.float64], weights: NDArray[np.float64], *, v: float = 0.5
) -> NDArray[np.float64]:
    """Q of an (n, m) normalized matrix under (S, m) weights: (S, n); lower is better."""
    utility, regret = _parts(normalized, weights)
    return np.asarray(v * _scaled(utility) + (1 - v) * _scaled(regret))


@dataclass(frozen=True, slots=True)
class Vikor:
    """VIKOR; min-max normalization by default, as Opricovic & Tzeng (2004)."""

    name: str = Method.VIKOR
    higher_is_better: bool = False
    default_normalization: Normalization | None = Normalization.MINMAX
    capabilities: Capabilities = CAPABILITIES
    parameters: tuple[Parameter, ...] = PARAMETERS
    v: float = 0.5

    def configured(self, values: dict[str, Any], keys: Sequence[str] = ()) -> Vikor:
        """This method with its parameters set (checked by :func:`configure`)."""
        return replace(self, v=float(values.get("v", self.v)))

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return vikor_scores(problem.normalized, weights, v=self.v)

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        utility, regret = _parts(problem.normalized, weights[None, :])
        scores = self.v * _scaled(utility)[0] + (1 - self.v) * _scaled(regret)[0]
        return Breakdown(
            scores=scores,
            baseline=None,
            contributions=None,
            intermediates={"S": utility[0], "R": regret[0], "Q": scores},
            notes=(compromise(scores, utility[0], regret[0]),) if len(scores) >= 2 else (),
        )


def compromise(q: NDArray[np.float64], s: NDArray[np.float64], r: NDArray[np.float64]) -> Message:
    """The compromise solution, or the compromise set, and the conditions met, as a message.

    Producers are named by their rows (:class:`Positions`); the ranking puts ids in.
    """
    n = len(q)
    order = np.argsort(q, kind="stable")
    first, second = int(order[0]), int(order[1])
    threshold = 1 / (n - 1)
    advantage = bool(q[second] - q[first] >= threshold - 1e-12)
    stability = bool(s[first] <= s.min() + 1e-12 or r[first] <= r.min() + 1e-12)
    if advantage and stability:
        return msg(
            "vikor.compromise",
            "VIKOR: {first:list} is the compromise solution (acceptable advantage and stability)",
            first=Positions((first,)),
        )
    if advantage:
        return msg(
            "vikor.compromise_unstable",
            "VIKOR: compromise set {pair:list} (the stability condition fails: the first is "
            "not the best by S or by R)",
            pair=Positions((first, second)),
        )
    close = tuple(int(i) for i in order if q[i] - q[first] < threshold - 1e-12)
    return msg(
        "vikor.compromise_set",
        "VIKOR: compromise set {names:list} (the advantage of the first, {gain:.3f}, is under "
        "1/(n − 1) = {threshold:.3f})",
        names=Positions(close),
        gain=float(q[second] - q[first]),
        threshold=threshold,
    )
