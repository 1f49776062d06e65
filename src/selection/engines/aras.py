"""ARAS (Zavadskas & Turskis 2010): each producer's utility relative to an optimal one.

The decision matrix is extended with an optimal alternative x0 (by default the
best value of each criterion: the largest where more is better, the smallest
where less is better; ``parameters: {aras: {optimal: {price: 3.0}}}`` sets it),
and x0 takes part in the normalization, as in the paper:

    cost criteria first become 1 / x;
    r_ij = x_ij / Σ_{k=0..n} x_kj              (the sums include x0)
    S_i = Σ_j w_j r_ij,     K_i = S_i / S_0    (the utility degree, 1 for x0)

The values must be ≥ 0, and > 0 on cost criteria (they are inverted).

Examples
--------
>>> import numpy as np
>>> x = np.array([[4.0, 2.0], [2.0, 1.0]])
>>> aras_scores(x, np.array([1, -1]), np.full(2, np.nan), np.array([[0.5, 0.5]])).round(4)
array([[0.75, 0.75]])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import MethodError
from ..messages import Message, msg
from .base import Breakdown, Capabilities, Problem, numbered
from .parameters import Parameter
from .vocabulary import Method, Normalization

__all__ = ["Aras", "aras_scores"]

#: ARAS scores split by criterion (K_i = Σ_j w_j r_ij / S_0), but are not linear in w.
CAPABILITIES = Capabilities(additive=True)

PARAMETERS = (
    Parameter(
        "optimal",
        "Optimal alternative x0, per criterion (default: the best value of each criterion).",
        "per_criterion",
        aliases=("esp", "optimal_alternative"),
    ),
)


def extended(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    optimal: NDArray[np.float64],
    criterion: Callable[[int], Message] = numbered,
) -> NDArray[np.float64]:
    """The normalized extended matrix (n + 1, m): row 0 is the optimal alternative.

    `criterion` names column j in the error (:meth:`Problem.criterion`).
    """
    best = np.where(directions > 0, values.max(axis=0), values.min(axis=0))
    x = np.vstack([np.where(np.isnan(optimal), best, optimal), values])
    cost = directions < 0
    bad = ((x < 0).any(axis=0)) | (cost & (x <= 0).any(axis=0))
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise MethodError(
            msg("aras.values", "ARAS divides by the values and their sums"),
            where=criterion(j),
            expected=msg("aras.values_expected", "values ≥ 0, and > 0 where less is better"),
            found=msg("aras.values_found", "{value:.4g}", value=float(x[:, j].min())),
            hint=msg("copras.hint", "shift the values to be positive, or use wsm or topsis"),
        )
    with np.errstate(divide="ignore"):
        x = np.where(cost, 1.0 / x, x)
    total = x.sum(axis=0)
    if (total <= 0).any():
        j = int(np.flatnonzero(total <= 0)[0])
        raise MethodError(
            msg("aras.zero_column", "ARAS divides each value by its column's sum"),
            where=criterion(j),
            expected=msg("copras.all_zero_expected", "at least one value > 0 in every column"),
            found=msg("copras.all_zero_found", "only zeros"),
            hint=msg("copras.all_zero_hint", "leave this criterion out, or use wsm or topsis"),
        )
    return np.asarray(x / total)


def aras_scores(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    optimal: NDArray[np.float64],
    weights: NDArray[np.float64],
    criterion: Callable[[int], Message] = numbered,
) -> NDArray[np.float64]:
    """Utility degrees K of an (n, m) raw matrix under (S, m) weights: (S, n)."""
    r = extended(values, directions, optimal, criterion)
    s = weights @ r.T
    _check_optimal(s[:, 0])
    return np.asarray(s[:, 1:] / s[:, :1])


def _check_optimal(utility: NDArray[np.float64]) -> None:
    """The optimal alternative's utility S_0 divides every score: it must be > 0."""
    if not (utility > 0).all():
        raise MethodError(
            msg("aras.optimal_zero", "the optimal alternative has no utility under these weights"),
            where="parameters.aras.optimal",
            expected=msg("aras.optimal_expected", "an optimal alternative with some value > 0"),
            found=msg("aras.optimal_found", "a utility of 0"),
            hint=msg("aras.optimal_hint", "leave `optimal` out: the best values are taken"),
        )


@dataclass(frozen=True, slots=True)
class Aras:
    """ARAS on the raw values, the optimal alternative inside the normalization."""

    name: str = Method.ARAS
    higher_is_better: bool = True
    default_normalization: Normalization | None = None
    capabilities: Capabilities = CAPABILITIES
    parameters: tuple[Parameter, ...] = PARAMETERS
    optimal: NDArray[np.float64] | None = None

    def configured(self, values: dict[str, Any], keys: Sequence[str] = ()) -> Aras:
        """This method with its optimal alternative (NaN: the best value)."""
        return replace(self, optimal=np.asarray(values["optimal"], dtype=float))

    def _optimal(self, problem: Problem) -> NDArray[np.float64]:
        m = problem.values.shape[1]
        if self.optimal is None or self.optimal.size != m:
            return np.full(m, np.nan)
        return self.optimal

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return aras_scores(
            problem.values, problem.directions, self._optimal(problem), weights, problem.criterion
        )

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        r = extended(problem.values, problem.directions, self._optimal(problem), problem.criterion)
        _check_optimal(r[:1] @ weights)
        s0 = float(r[0] @ weights)
        contributions = r[1:] * weights / s0
        return Breakdown(
            scores=contributions.sum(axis=1),
            baseline=0.0,
            contributions=contributions,
            intermediates={"normalized": r, "S": r @ weights},
        )
