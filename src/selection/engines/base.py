"""What every scoring engine provides, and the problem it is given.

Engines are pure: arrays in, arrays out; no pandas, no I/O. They score a batch
of S weight vectors at once (an ``(S, m)`` array) and return ``(S, n)`` scores,
so that sensitivity analysis is matrix algebra; one weight vector is S = 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from ..vocabulary import Method, Normalization

__all__ = ["Breakdown", "Engine", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A decision problem ready for scoring: the eligible producers only.

    Attributes
    ----------
    values : ndarray, shape (n, m)
        Raw criterion values (finite).
    normalized : ndarray, shape (n, m)
        Normalized values, more is better in every column.
    directions : ndarray, shape (m,)
        +1 (more is better) or -1 (less is better).
    bounds : ndarray, shape (m, 2)
        Declared (low, high) bounds, NaN where none.
    normalization : Normalization
        How `normalized` was made.
    """

    values: NDArray[np.float64]
    normalized: NDArray[np.float64]
    directions: NDArray[np.int_]
    bounds: NDArray[np.float64]
    normalization: Normalization


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Why the scores are what they are, for one weight vector.

    ``score = baseline + contributions.sum(axis=1)`` when the method is additive
    (`contributions` is not None); `intermediates` holds the method's labelled
    steps (ideal points, distances, ...), each an array over producers or criteria.
    """

    scores: NDArray[np.float64]
    baseline: float | None
    contributions: NDArray[np.float64] | None
    intermediates: dict[str, NDArray[np.float64]] = field(default_factory=dict)


class Engine(Protocol):
    """A scoring method."""

    @property
    def method(self) -> Method:
        """The method's name."""
        ...

    @property
    def higher_is_better(self) -> bool:
        """True when a higher score is better (False for VIKOR, SPOTIS, MAIRCA)."""
        ...

    @property
    def default_normalization(self) -> Normalization | None:
        """The normalization used when neither the caller nor the grid names one.

        None for methods that normalize in their own way (PROMETHEE II, EDAS, ...).
        """
        ...

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores of every producer under each weight vector: (S, m) -> (S, n)."""
        ...

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:
        """Scores and their explanation for one weight vector of shape (m,)."""
        ...
