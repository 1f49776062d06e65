"""What is varied: the factors (criteria or batteries) of a prepared problem.

A *factor* is a criterion (``level="criterion"``) or a battery
(``level="battery"``: battery weights vary, each criterion keeps its share
inside its battery). Factor weights ``f`` (S × k) map to criterion weights by
one matrix product, ``f @ to_criteria``; the engine's batch kernel then scores
every eligible producer under all S weightings at once.

Examples
--------
>>> import selection
>>> factors = factors_for(selection.example_producers_path(), selection.example_grid_path(),
...                       level="battery")
>>> factors.keys, factors.weights.round(2).tolist()
(['quality', 'locality', 'accessibility'], [0.35, 0.3, 0.35])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Engine, Method, Normalization, Problem
from ..errors import ArgumentError, SelectionError
from ..grid import Grid
from ..messages import msg
from ..scoring import Prepared, ProblemSource, prepare
from ..validators import one_of

__all__ = ["CHUNK", "LEVELS", "Factors", "Level", "check_level", "factors_for"]

Level = Literal["criterion", "battery"]

#: The levels at which weights are varied.
LEVELS: tuple[Level, ...] = ("criterion", "battery")

#: Weight vectors scored at once; bounds memory to about CHUNK × producers × 8 bytes a matrix.
CHUNK = 512


def check_level(level: object) -> Level:
    """`level` checked: ``"criterion"`` or ``"battery"``, with "did you mean"."""
    chosen: Level = one_of(level, "level", LEVELS, what=msg("what.level", "level"))
    return chosen


@dataclass(frozen=True, slots=True, eq=False)
class Factors:
    """The eligible producers of a prepared problem, ready to be scored under many weights.

    Attributes
    ----------
    prepared : Prepared
    level : {"criterion", "battery"}
    keys, labels : list of str
        The factors' keys and their labels in the grid.
    to_criteria : ndarray, shape (k, m)
        Turns factor weights into criterion weights.
    weights : ndarray, shape (k,)
        The grid's own factor weights.
    """

    prepared: Prepared
    level: Level
    keys: list[str]
    labels: list[str]
    to_criteria: NDArray[np.float64]
    weights: NDArray[np.float64]

    @property
    def grid(self) -> Grid:
        """The grid."""
        return self.prepared.grid

    @property
    def engine(self) -> Engine:
        """The scoring method."""
        return self.prepared.engine

    @property
    def problem(self) -> Problem:
        """The eligible producers' values."""
        return self.prepared.problem

    @property
    def ids(self) -> pd.Index:
        """The eligible producers' ids."""
        return self.prepared.ids

    @property
    def n(self) -> int:
        """Number of eligible producers."""
        return len(self.ids)

    @property
    def factors(self) -> list[str]:
        """The factors' keys (alias of :attr:`keys`)."""
        return self.keys

    def index(self, key: str, where: str = "weight") -> int:
        """The position of factor `key`, or an error with "did you mean"."""
        what = (
            msg("what.criterion", "criterion")
            if self.level == "criterion"
            else msg("what.battery", "battery")
        )
        chosen = one_of(key, where, self.keys, what=what)
        return self.keys.index(chosen)

    def scores(self, factor_weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores (S, n) under (S, k) factor weights, oriented so that higher is better."""
        return self.criterion_scores(factor_weights @ self.to_criteria)

    def criterion_scores(self, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores (S, n) under (S, m) criterion weights, oriented so that higher is better."""
        scores = self.engine.scores(self.problem, weights)
        return scores if self.engine.higher_is_better else -scores


def _at_level(prepared: Prepared, level: Level) -> Factors:
    grid = prepared.grid
    if level == "criterion":
        return Factors(
            prepared=prepared,
            level=level,
            keys=grid.keys,
            labels=[c.label for c in grid.criteria],
            to_criteria=np.eye(len(grid.keys)),
            weights=grid.weight_vector,
        )
    unweighted = [b.key for b in grid.batteries if b.shares().sum() == 0]
    if unweighted:
        raise ArgumentError(
            msg("level.unweighted", "batteries whose criteria all weigh 0 cannot be varied"),
            where=", ".join(unweighted),
            expected=msg(
                "level.unweighted_expected",
                "at least one criterion with a positive weight in every battery",
            ),
            found=msg("level.unweighted_found", "all criteria at 0"),
        )
    shares = np.concatenate([b.shares() for b in grid.batteries])
    return Factors(
        prepared=prepared,
        level=level,
        keys=[b.key for b in grid.batteries],
        labels=[b.label for b in grid.batteries],
        to_criteria=grid.membership * shares,
        weights=grid.battery_weights.to_numpy(),
    )


def factors_for(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    level: Level = "criterion",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    least: int = 2,
) -> Factors:
    """The factors of a problem, prepared once; everything after is matrix algebra.

    Raises
    ------
    SelectionError
        An unknown level, or fewer than `least` eligible producers.
    """
    chosen = check_level(level)
    prepared = prepare(producers, grid, method=method, normalization=normalization)
    if prepared.n < least:
        raise SelectionError(
            msg(
                "sensitivity.too_few",
                "sensitivity needs at least {least} eligible producers",
                least=least,
            ),
            where=msg("where.grid", "grid {name!r}", name=prepared.grid.name),
            expected=msg(
                "sensitivity.too_few_expected", "{least} or more eligible producers", least=least
            ),
            found=str(prepared.n),
        )
    return _at_level(prepared, chosen)
