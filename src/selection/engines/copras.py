"""COPRAS (Zavadskas & Kaklauskas 1996), with the formula of its authors.

On the raw values x (n producers × m criteria), each column divided by its sum,
d_ij = x_ij / Σ_i x_ij, weighted by w_j:

    S+_i = Σ_{j benefit} w_j d_ij        S−_i = Σ_{j cost} w_j d_ij
    Q_i  = S+_i + Σ_k S−_k / (S−_i · Σ_k 1/S−_k)
    N_i  = Q_i / max_k Q_k          (the utility degree: 1 for the best)

The second term of Q rewards a small S−: of two producers equal but for a
cost criterion, the cheaper ranks first. (pymcdm 1.4's COPRAS computes
``Q = S+ + S−`` and so counts costs as benefits; this kernel does not use it.)
Without cost criteria, Q = S+.

The values must be ≥ 0, and > 0 on cost criteria (the formula divides by S−).

Examples
--------
Two producers equal but for the price (less is better): the cheaper is first.

>>> import numpy as np
>>> x = np.array([[10.0, 4.0], [10.0, 6.0]])
>>> copras_scores(x, np.array([1, -1]), np.array([[0.5, 0.5]])).round(4)
array([[1.    , 0.8182]])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..errors import MethodError
from ..messages import Message, msg
from .base import Breakdown, Capabilities, Problem, numbered
from .vocabulary import Method, Normalization

__all__ = ["Copras", "copras_scores"]

#: COPRAS is not additive (Q divides by S−) nor linear in the weights.
CAPABILITIES = Capabilities()


def check_copras(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    criterion: Callable[[int], Message] = numbered,
) -> None:
    """Refuse what the formula cannot take: negative values, or a zero on a cost criterion.

    `criterion` names column j in the error (:meth:`Problem.criterion`).
    """
    negative = np.argwhere(values < 0)
    if negative.size:
        row, column = (int(i) for i in negative[0])
        raise MethodError(
            msg("copras.negative", "COPRAS divides each value by its column's sum"),
            where=criterion(column),
            expected=msg("copras.negative_expected", "values ≥ 0"),
            found=msg(
                "copras.negative_found",
                "{count} negative values, e.g. {value:.4g}",
                count=int((values < 0).sum()),
                value=float(values[row, column]),
            ),
            hint=msg("copras.hint", "shift the values to be positive, or use wsm or topsis"),
        )
    cost = directions < 0
    zero = np.argwhere((values <= 0) & cost[None, :])
    if zero.size:
        column = int(zero[0][1])
        raise MethodError(
            msg("copras.zero_cost", "COPRAS divides by the cost criteria's values"),
            where=criterion(column),
            expected=msg(
                "copras.zero_cost_expected", "values > 0 on criteria where less is better"
            ),
            found=msg(
                "copras.zero_cost_found",
                "{count} zeros",
                count=int((values[:, cost] <= 0).sum()),
            ),
            hint=msg("copras.hint", "shift the values to be positive, or use wsm or topsis"),
        )
    if (values.sum(axis=0) <= 0).any():
        column = int(np.flatnonzero(values.sum(axis=0) <= 0)[0])
        raise MethodError(
            msg("copras.all_zero", "COPRAS divides each value by its column's sum"),
            where=criterion(column),
            expected=msg("copras.all_zero_expected", "at least one value > 0 in every column"),
            found=msg("copras.all_zero_found", "only zeros"),
            hint=msg(
                "copras.all_zero_hint",
                "leave this criterion out, or use wsm or topsis",
            ),
        )


def _parts(
    values: NDArray[np.float64], directions: NDArray[np.int_], weights: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """S+, S− and Q, each (weightings × producers)."""
    d = values / values.sum(axis=0)
    benefit = (directions > 0).astype(float)
    cost = 1.0 - benefit
    plus = (weights * benefit) @ d.T
    minus = (weights * cost) @ d.T
    if not cost.any():
        return plus, minus, plus
    with np.errstate(divide="ignore", invalid="ignore"):
        q = plus + minus.sum(axis=1, keepdims=True) / (
            minus * (1.0 / minus).sum(axis=1, keepdims=True)
        )
    # A weighting that gives the cost criteria no weight at all has S− = 0 everywhere:
    # the second term is then the same for everyone; leave it out.
    return plus, minus, np.where((minus > 0).all(axis=1, keepdims=True), q, plus)


def copras_scores(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    weights: NDArray[np.float64],
    criterion: Callable[[int], Message] = numbered,
) -> NDArray[np.float64]:
    """Utility degrees N = Q / max Q of an (n, m) raw matrix under (S, m) weights: (S, n)."""
    check_copras(values, directions, criterion)
    _, _, q = _parts(values, directions, weights)
    return np.asarray(q / q.max(axis=1, keepdims=True))


@dataclass(frozen=True, slots=True)
class Copras:
    """COPRAS on the raw values; the utility degree (best = 1) as score."""

    name: str = Method.COPRAS
    higher_is_better: bool = True
    default_normalization: Normalization | None = None
    capabilities: Capabilities = CAPABILITIES

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return copras_scores(problem.values, problem.directions, weights, problem.criterion)

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        check_copras(problem.values, problem.directions, problem.criterion)
        plus, minus, q = _parts(problem.values, problem.directions, weights[None, :])
        scores = q[0] / q[0].max()
        return Breakdown(
            scores=scores,
            baseline=None,
            contributions=None,
            intermediates={"S+": plus[0], "S-": minus[0], "Q": q[0], "N": scores},
        )
