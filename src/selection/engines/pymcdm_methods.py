"""pymcdm's other methods (VIKOR, PROMETHEE II, SPOTIS, ...) behind the engine protocol.

Methods that take a normalization function get the matrix that `selection`
already normalized (every column benefit-oriented) with an identity
normalization and all criteria as benefits: so the normalization is always the
one chosen explicitly by the caller or the grid, never pymcdm's default.
Methods that normalize in their own way (PROMETHEE II with the *usual*
preference function, SPOTIS, EDAS, MOORA, PROBID, AROMAN, COPRAS) get the raw
values and directions. These methods loop over weight vectors: they are for
comparing methods, not for sampling thousands of weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import MethodError
from ..messages import msg
from .base import Breakdown, Capabilities, Problem
from .vocabulary import Method, Normalization

__all__ = ["PYMCDM_ENGINES", "PymcdmEngine"]


def _identity(x: NDArray[np.float64], cost: bool = False) -> NDArray[np.float64]:
    return x


def _spotis_bounds(problem: Problem) -> NDArray[np.float64]:
    """Declared bounds where known, else the observed range (widened if flat)."""
    low = np.where(
        np.isnan(problem.bounds[:, 0]), problem.values.min(axis=0), problem.bounds[:, 0]
    )
    high = np.where(
        np.isnan(problem.bounds[:, 1]), problem.values.max(axis=0), problem.bounds[:, 1]
    )
    low = np.minimum(low, problem.values.min(axis=0))
    high = np.maximum(high, problem.values.max(axis=0))
    flat = low == high
    return np.column_stack([low - flat, high + flat])


#: What pymcdm's methods can do beyond scoring: nothing; they need two producers.
CAPABILITIES = Capabilities(min_producers=2)


@dataclass(frozen=True, slots=True)
class PymcdmEngine:
    """Adapter around one pymcdm method class."""

    name: str
    class_name: str
    higher_is_better: bool
    #: Whether the method takes a normalization function (then it gets ours).
    takes_normalization: bool
    default_normalization: Normalization | None
    extra: Callable[[Problem], dict[str, Any]] | None = None
    #: Weighted products (WPM, WASPAS) turn any 0 into a score of 0: they need positive values.
    needs_positive: bool = False
    capabilities: Capabilities = CAPABILITIES

    def _instance(self, problem: Problem) -> Any:
        from pymcdm import methods  # imported here: pymcdm pulls in matplotlib

        kwargs: dict[str, Any] = self.extra(problem) if self.extra else {}
        if self.takes_normalization:
            kwargs["normalization_function"] = _identity
        return getattr(methods, self.class_name)(**kwargs)

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: D102
        n, m = problem.values.shape
        if n < 2:
            raise MethodError(
                msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.problem",
                    "{name} needs at least two eligible producers",
                    name=self.name,
                ),
                expected=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.expected",
                    "2 or more eligible producers",
                ),
                found=str(n),
                hint=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.hint",
                    "use `wsm` or `topsis`, which also score a single producer",
                ),
            )
        model = self._instance(problem)
        if self.takes_normalization:
            matrix, types = problem.normalized, np.ones(m, dtype=int)
        else:
            matrix, types = problem.values, problem.directions
        if self.needs_positive and (matrix <= 0).any():
            which = "normalized values" if self.takes_normalization else "values"
            raise MethodError(
                msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.problem.2",
                    "{name} needs strictly positive {which}",
                    name=self.name,
                    which=which,
                ),
                expected=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.expected.2",
                    "every value > 0 (the method multiplies or divides by them)",
                ),
                found=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.found.2",
                    "{sum} values ≤ 0",
                    sum=int((matrix <= 0).sum()),
                ),
                hint=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.hint.2",
                    "use a normalization that never gives 0 (`sum`, `linear`), or wsm/topsis",
                ),
            )
        out = np.empty((weights.shape[0], n))
        with np.errstate(all="ignore"):
            for s, w in enumerate(weights):
                try:
                    out[s] = model(matrix, w, types, validation=False)
                except (ValueError, ZeroDivisionError, FloatingPointError) as exc:
                    raise MethodError(
                        msg(
                            "engines.pymcdm_methods.PymcdmEngine.scores.problem.4",
                            "pymcdm's {class_name} failed on this table",
                            class_name=self.class_name,
                        ),
                        expected=msg(
                            "engines.pymcdm_methods.PymcdmEngine.scores.expected.4",
                            "values the method accepts",
                        ),
                        found=str(exc),
                        hint=msg(
                            "engines.pymcdm_methods.PymcdmEngine.scores.hint.4",
                            "try another normalization or method",
                        ),
                    ) from None
        if not np.isfinite(out).all():
            raise MethodError(
                msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.problem.3",
                    "{name} gives undefined scores on this table",
                    name=self.name,
                ),
                expected=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.expected.3", "finite scores"
                ),
                found=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.found.3",
                    (
                        "a division by zero inside the method (e.g. zeros where it needs "
                        "positive values)"
                    ),
                ),
                hint=msg(
                    "engines.pymcdm_methods.PymcdmEngine.scores.hint.3",
                    "use another normalization (`vector`, `max`) or method (`wsm`, `topsis`)",
                ),
            )
        return out

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:  # noqa: D102
        scores = self.scores(problem, weights[None, :])[0]
        return Breakdown(scores=scores, baseline=None, contributions=None)


def _engine(
    method: Method,
    class_name: str,
    *,
    higher: bool = True,
    normalization: Normalization | None = None,
    extra: Callable[[Problem], dict[str, Any]] | None = None,
    positive: bool = False,
) -> PymcdmEngine:
    return PymcdmEngine(
        name=method,
        class_name=class_name,
        higher_is_better=higher,
        takes_normalization=normalization is not None,
        default_normalization=normalization,
        extra=extra,
        needs_positive=positive,
    )


PYMCDM_ENGINES: dict[str, PymcdmEngine] = {
    engine.name: engine
    for engine in (
        _engine(Method.VIKOR, "VIKOR", higher=False, normalization=Normalization.MINMAX),
        _engine(
            Method.PROMETHEE_II,
            "PROMETHEE_II",
            extra=lambda p: {"preference_function": "usual"},
        ),
        _engine(
            Method.SPOTIS, "SPOTIS", higher=False, extra=lambda p: {"bounds": _spotis_bounds(p)}
        ),
        _engine(Method.EDAS, "EDAS"),
        _engine(Method.MABAC, "MABAC", normalization=Normalization.MINMAX),
        _engine(Method.MAIRCA, "MAIRCA", higher=False, normalization=Normalization.MINMAX),
        _engine(Method.MOORA, "MOORA"),
        _engine(Method.PROBID, "PROBID"),
        _engine(Method.COCOSO, "COCOSO", normalization=Normalization.MINMAX),
        _engine(Method.AROMAN, "AROMAN"),
        _engine(Method.COPRAS, "COPRAS"),
        _engine(Method.ARAS, "ARAS", normalization=Normalization.SUM),
        _engine(Method.WASPAS, "WASPAS", normalization=Normalization.LINEAR, positive=True),
        _engine(Method.WPM, "WPM", normalization=Normalization.SUM, positive=True),
    )
}
