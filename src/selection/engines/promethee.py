"""PROMETHEE II (Brans & Vincke 1985) with the six preference functions, linear in the weights.

For criterion j, d = x_aj − x_bj (x_bj − x_aj when less is better) and a
preference function P_j(d) in [0, 1] with thresholds q (indifference), p
(preference) and s (Gaussian):

==========  ===================================================  ==========
function    P(d) for d > 0 (0 otherwise)                         thresholds
==========  ===================================================  ==========
usual       1                                                    —
u-shape     1 if d > q, else 0                                   q
v-shape     d / p if d ≤ p, else 1                               p
level       0 if d ≤ q, ½ if q < d ≤ p, 1 if d > p               q, p
linear      0 if d ≤ q, (d − q) / (p − q) if q < d ≤ p, 1 else   q, p
gaussian    1 − exp(−d² / (2 s²))                                s
==========  ===================================================  ==========

The net flow of producer a is φ(a) = (Σ_b π(a, b) − Σ_b π(b, a)) / (n − 1) with
π(a, b) = Σ_j w_j P_j(d_j(a, b)); so φ = Φ w with Φ_aj = (Σ_b P_j(a, b) −
Σ_b P_j(b, a)) / (n − 1): net flows are linear in the weights. The engine is
therefore additive (the contribution of criterion j is w_j Φ_aj), its weights
can be inferred by linear programming, and its stability intervals are exact.

Examples
--------
>>> import numpy as np
>>> x = np.array([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]])
>>> flows = net_flow_matrix(x, np.array([1, 1]), ("usual", "usual"), np.full(2, np.nan),
...                         np.full(2, np.nan), np.full(2, np.nan))
>>> (flows @ np.array([0.7, 0.3])).round(3).tolist()
[-0.4, 0.0, 0.4]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import MethodError
from ..messages import msg
from .base import Breakdown, Capabilities, Problem
from .parameters import Parameter
from .vocabulary import Method, Normalization
from .wsm import LinearCurves

__all__ = ["FUNCTIONS", "PrometheeII", "net_flow_matrix"]

#: The preference functions, and the thresholds each needs.
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}

#: Other spellings of the functions (pymcdm's names): read as ours.
_SPELLINGS = {
    "ushape": "u-shape",
    "u_shape": "u-shape",
    "vshape": "v-shape",
    "v_shape": "v-shape",
    "vshape_2": "linear",
}

#: Net flows are linear in the weights: additive, inferable, with exact intervals.
CAPABILITIES = Capabilities(additive=True, linear_in_weights=True, exact_intervals=True)

PARAMETERS = (
    Parameter(
        "preference",
        "Preference function, for every criterion or per criterion: usual, u-shape, v-shape, "
        "level, linear, gaussian.",
        "per_criterion_choice",
        "usual",
        (*FUNCTIONS, *_SPELLINGS),
        aliases=("preference_function", "function"),
    ),
    Parameter(
        "q", "Indifference threshold, per criterion (u-shape, level, linear).", "per_criterion"
    ),
    Parameter(
        "p", "Preference threshold, per criterion (v-shape, level, linear).", "per_criterion"
    ),
    Parameter("s", "Gaussian threshold, per criterion (gaussian).", "per_criterion"),
)


def _preference(
    d: NDArray[np.float64], function: str, q: float, p: float, s: float
) -> NDArray[np.float64]:
    positive = d > 0
    if function == "usual":
        out = positive.astype(float)
    elif function == "u-shape":
        out = (d > q).astype(float)
    elif function == "v-shape":
        out = np.where(positive, np.minimum(d / p, 1.0), 0.0)
    elif function == "level":
        out = np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    elif function == "linear":
        out = np.where(d > p, 1.0, np.where(d > q, (d - q) / (p - q), 0.0))
    else:  # gaussian
        out = np.where(positive, 1.0 - np.exp(-(d**2) / (2 * s**2)), 0.0)
    return out


def net_flow_matrix(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    functions: tuple[str, ...],
    q: NDArray[np.float64],
    p: NDArray[np.float64],
    s: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Φ (n, m): each criterion's net flow of each producer, so that φ = Φ w."""
    n, m = values.shape
    out = np.zeros((n, m))
    if n < 2:
        return out
    for j in range(m):
        column = values[:, j] * directions[j]
        d = column[:, None] - column[None, :]  # d(a, b): how much a beats b
        preference = _preference(d, functions[j], float(q[j]), float(p[j]), float(s[j]))
        out[:, j] = (preference.sum(axis=1) - preference.sum(axis=0)) / (n - 1)
    return out


@dataclass(frozen=True, slots=True)
class PrometheeII:
    """PROMETHEE II; the values as they are (the preference functions measure differences)."""

    name: str = Method.PROMETHEE_II
    higher_is_better: bool = True
    default_normalization: Normalization | None = None
    capabilities: Capabilities = CAPABILITIES
    parameters: tuple[Parameter, ...] = PARAMETERS
    functions: tuple[str, ...] | None = None
    q: NDArray[np.float64] | None = None
    p: NDArray[np.float64] | None = None
    s: NDArray[np.float64] | None = None

    def configured(self, values: dict[str, Any], keys: Sequence[str] = ()) -> PrometheeII:
        """This method with its preference functions and thresholds.

        Raises
        ------
        MethodError
            A function without the thresholds it needs, q not under p, or a
            threshold p or s that is not positive.
        """
        functions = tuple(_SPELLINGS.get(f, f) for f in values["preference"])
        q, p, s = (np.asarray(values[name], dtype=float) for name in ("q", "p", "s"))
        given = {"q": q, "p": p, "s": s}
        for j, function in enumerate(functions):
            where = (
                msg("where.criterion", "criterion {key!r}", key=keys[j])
                if j < len(keys)
                else msg("where.criterion_number", "criterion #{number}", number=j + 1)
            )
            needs = FUNCTIONS[function]
            lacking = [name for name in needs if np.isnan(given[name][j])]
            if lacking:
                raise MethodError(
                    msg(
                        "promethee.threshold_missing",
                        "the {function} preference function needs {thresholds:list}",
                        function=function,
                        thresholds=lacking,
                    ),
                    where=where,
                    expected=msg(
                        "promethee.threshold_expected",
                        "{thresholds:list} for this criterion, e.g. {example}: {{price: 10}}",
                        thresholds=list(needs),
                        example=lacking[0],
                    ),
                    found=msg("promethee.threshold_none", "none"),
                )
            for name in needs:
                if name in ("p", "s") and not given[name][j] > 0:
                    raise MethodError(
                        msg(
                            "promethee.positive",
                            "the threshold {name} must be positive",
                            name=name,
                        ),
                        where=where,
                        expected="> 0",
                        found=f"{given[name][j]:g}",
                    )
                if name == "q" and given[name][j] < 0:
                    raise MethodError(
                        msg("promethee.q_negative", "the threshold q cannot be negative"),
                        where=where,
                        expected="≥ 0",
                        found=f"{given[name][j]:g}",
                    )
            if function in ("level", "linear") and not q[j] < p[j]:
                raise MethodError(
                    msg("promethee.q_above_p", "the indifference threshold q must be under p"),
                    where=where,
                    expected="q < p",
                    found=f"q = {q[j]:g}, p = {p[j]:g}",
                )
        return replace(self, functions=functions, q=q, p=p, s=s)

    def flows(self, problem: Problem) -> NDArray[np.float64]:
        """Φ of the problem: each criterion's net flow of each producer."""
        m = problem.values.shape[1]
        nan = np.full(m, np.nan)
        functions = self.functions or ("usual",) * m
        return net_flow_matrix(
            problem.values,
            problem.directions,
            functions,
            self.q if self.q is not None and self.q.size == m else nan,
            self.p if self.p is not None and self.p.size == m else nan,
            self.s if self.s is not None and self.s.size == m else nan,
        )

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        return np.asarray(weights @ self.flows(problem).T)

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        flows = self.flows(problem)
        contributions = flows * weights
        return Breakdown(
            scores=contributions.sum(axis=1),
            baseline=0.0,
            contributions=contributions,
            intermediates={"criterion_net_flows": flows},
        )

    def curves(
        self, problem: Problem, u: NDArray[np.float64], v: NDArray[np.float64]
    ) -> LinearCurves:
        """Net flows along ``w(t) = u + t v``: linear in t."""
        flows = self.flows(problem)
        return LinearCurves(np.column_stack([flows @ v, flows @ u]))
