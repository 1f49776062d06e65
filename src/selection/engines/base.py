"""What every scoring engine provides, what it can do, and the problem it is given.

Engines are pure: arrays in, arrays out; no pandas, no I/O. They score a batch
of S weight vectors at once (an ``(S, m)`` array) and return ``(S, n)`` scores,
so that sensitivity analysis is matrix algebra; one weight vector is S = 1.

An engine declares its :class:`Capabilities`; analyses ask for a capability,
never for a method's name: explanations by criterion need ``additive``, exact
stability intervals need ``exact_intervals`` (and the engine's
:meth:`~Engine.curves`), weight inference needs ``linear_in_weights``, scoring
many noisy tables at once needs ``stacked``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from ..messages import Message, msg
from .vocabulary import Normalization

__all__ = ["Breakdown", "Capabilities", "Curves", "Engine", "Positions", "Problem", "numbered"]


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
    keys : tuple of str
        The criteria's keys, for messages (may be empty).
    """

    values: NDArray[np.float64]
    normalized: NDArray[np.float64]
    directions: NDArray[np.int_]
    bounds: NDArray[np.float64]
    normalization: Normalization
    keys: tuple[str, ...] = ()

    def criterion(self, j: int) -> Message:
        """Where criterion `j` is, in words: ``criterion 'price'`` (``criterion #3`` unnamed)."""
        if j < len(self.keys):
            return msg("where.criterion", "criterion {key!r}", key=self.keys[j])
        return numbered(j)


def numbered(j: int) -> Message:
    """Criterion `j` by its number, when its key is not known: ``criterion #3``."""
    return msg("where.criterion_number", "criterion #{number}", number=j + 1)


@dataclass(frozen=True, slots=True)
class Positions:
    """Producers named by their rows in the :class:`Problem`, inside a note's values.

    Engines know rows, not ids: the ranking replaces a ``Positions`` value by
    the producers' ids before the note is shown.
    """

    rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Why the scores are what they are, for one weight vector.

    ``score = baseline + contributions.sum(axis=1)`` when the method is additive
    (`contributions` is not None); `intermediates` holds the method's labelled
    steps (ideal points, distances, ...), each an array over producers or criteria;
    `notes` what the method says about the result as a whole (VIKOR's compromise
    solution), as messages whose :class:`Positions` values name producers.
    """

    scores: NDArray[np.float64]
    baseline: float | None
    contributions: NDArray[np.float64] | None
    intermediates: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    notes: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What an engine can do.

    Attributes
    ----------
    additive : bool
        Its :meth:`Engine.breakdown` splits each score into per-criterion
        contributions: ``score = baseline + Σ contributions``.
    linear_in_weights : bool
        Scores are linear in the weights (``s = R w``): weights behind recorded
        decisions can be inferred by linear programming.
    exact_intervals : bool
        :meth:`Engine.curves` gives every producer's score along a line of
        weights as polynomials, so stability intervals are exact.
    stacked : bool
        :meth:`Engine.stacked_scores` scores many normalized tables at once.
    min_producers : int
        The fewest eligible producers it can score.
    """

    additive: bool = False
    linear_in_weights: bool = False
    exact_intervals: bool = False
    stacked: bool = False
    min_producers: int = 1


class Curves(Protocol):
    """Every producer's score along a line of weights ``w(t) = u + t v``, as polynomials."""

    def at(self, producers: NDArray[np.intp], t: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores (P, T), higher is better, of `producers` (P,) at points `t` (P, T)."""
        ...

    def crossings(self, pairs: NDArray[np.intp]) -> NDArray[np.float64]:
        """Polynomials in t (rows, highest degree first) whose roots hold every swap of a pair."""
        ...


@runtime_checkable
class Engine(Protocol):
    """A scoring method."""

    @property
    def name(self) -> str:
        """The method's name, as a grid or the `method` argument spells it."""
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

    @property
    def capabilities(self) -> Capabilities:
        """What the engine can do beyond scoring."""
        ...

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores of every producer under each weight vector: (S, m) -> (S, n)."""
        ...

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:
        """Scores and their explanation for one weight vector of shape (m,)."""
        ...
