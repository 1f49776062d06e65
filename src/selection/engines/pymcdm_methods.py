"""pymcdm's other methods (EDAS, MABAC, WASPAS, ...) behind the engine protocol.

Methods that take a normalization function get the matrix that `selection`
already normalized (every column benefit-oriented) with an identity
normalization and all criteria as benefits: so the normalization is always the
one chosen explicitly by the caller or the grid, never pymcdm's default.
Methods that normalize in their own way (EDAS, PROBID, AROMAN) get the
raw values and directions. These methods loop over weight vectors: they are for
comparing methods, not for sampling thousands of weights. (VIKOR, PROMETHEE II,
SPOTIS, MOORA, COPRAS and ARAS have kernels of their own: see their modules.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import MethodError
from ..messages import msg
from .base import Breakdown, Capabilities, Problem
from .parameters import Parameter
from .vocabulary import Method, Normalization

__all__ = ["PYMCDM_ENGINES", "PymcdmEngine"]


def _identity(x: NDArray[np.float64], cost: bool = False) -> NDArray[np.float64]:
    return x


#: WASPAS' λ: the share of the weighted sum in its score (the rest is the weighted product).
WASPAS_LAMBDA = Parameter(
    "lambda",
    "Share of the weighted sum (WSM) in the WASPAS score, 0 to 1; the rest is the weighted "
    "product (WPM).",
    "share",
    0.5,
    aliases=("l", "lambda_"),
)

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
    parameters: tuple[Parameter, ...] = ()
    #: Our parameter name → pymcdm's keyword (``lambda`` → ``l``).
    keywords: tuple[tuple[str, str], ...] = ()
    #: The parameters' values, as (name, value) pairs.
    settings: tuple[tuple[str, Any], ...] = ()

    def configured(self, values: dict[str, Any], keys: Sequence[str] = ()) -> PymcdmEngine:
        """This method with its parameters set (checked by :func:`configure`)."""
        return replace(self, settings=tuple(sorted(values.items())))

    def _instance(self, problem: Problem) -> Any:
        from pymcdm import methods  # imported here: pymcdm pulls in matplotlib

        kwargs: dict[str, Any] = self.extra(problem) if self.extra else {}
        keyword = dict(self.keywords)
        kwargs.update({keyword[name]: value for name, value in self.settings})
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
            raise self._not_positive(problem, matrix)
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

    def _not_positive(self, problem: Problem, matrix: NDArray[np.float64]) -> MethodError:
        """The error for a weighted product given a value ≤ 0: it would wipe the score out."""
        columns = np.flatnonzero((matrix <= 0).any(axis=0))
        names = [problem.criterion(int(j)) for j in columns]
        how = problem.normalization.value if self.takes_normalization else None
        return MethodError(
            msg(
                "pymcdm.not_positive",
                "{name} multiplies the values (r ** w): one value ≤ 0 makes a whole score 0",
                name=self.name,
            ),
            where=msg("where.criteria", "{names:list}", names=names),
            expected=msg("pymcdm.positive_expected", "every value > 0"),
            found=(
                msg(
                    "pymcdm.found_after",
                    "{count} values ≤ 0 after the {how!r} normalization",
                    count=int((matrix <= 0).sum()),
                    how=how,
                )
                if how
                else msg("pymcdm.found", "{count} values ≤ 0", count=int((matrix <= 0).sum()))
            ),
            hint=msg(
                "pymcdm.positive_hint",
                "use a normalization that never gives 0 (`sum` on positive values), or wsm/topsis",
            ),
        )

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
    parameters: tuple[tuple[Parameter, str], ...] = (),
) -> PymcdmEngine:
    return PymcdmEngine(
        name=method,
        class_name=class_name,
        higher_is_better=higher,
        takes_normalization=normalization is not None,
        default_normalization=normalization,
        extra=extra,
        needs_positive=positive,
        parameters=tuple(parameter for parameter, _ in parameters),
        keywords=tuple((parameter.name, keyword) for parameter, keyword in parameters),
    )


PYMCDM_ENGINES: dict[str, PymcdmEngine] = {
    engine.name: engine
    for engine in (
        _engine(Method.EDAS, "EDAS"),
        _engine(Method.MABAC, "MABAC", normalization=Normalization.MINMAX),
        _engine(Method.MAIRCA, "MAIRCA", higher=False, normalization=Normalization.MINMAX),
        _engine(Method.PROBID, "PROBID"),
        _engine(Method.COCOSO, "COCOSO", normalization=Normalization.MINMAX),
        _engine(Method.AROMAN, "AROMAN"),
        _engine(
            Method.WASPAS,
            "WASPAS",
            normalization=Normalization.LINEAR,
            positive=True,
            parameters=((WASPAS_LAMBDA, "l"),),
        ),
        _engine(Method.WPM, "WPM", normalization=Normalization.SUM, positive=True),
    )
}
