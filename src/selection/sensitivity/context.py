"""What every sensitivity function needs: the eligible producers' problem and the factors.

A *factor* is what is varied: a criterion (``level="criterion"``) or a battery
(``level="battery"``: battery weights vary, each criterion keeps its share
inside its battery). Factor weights ``f`` (S × k) map to criterion weights by
one matrix product, ``f @ to_criteria``.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Engine, Problem
from ..errors import SelectionError
from ..grid_file import load_grid
from ..matrix import build_matrix
from ..model import Grid
from ..ranking import problem_for, resolve
from ..table import Producers, read_table
from ..vocabulary import Method, Normalization

__all__ = ["Context", "Level", "prepare"]

Level = Literal["criterion", "battery"]

#: Weight vectors scored at once; bounds memory to about CHUNK × producers × 8 bytes a matrix.
CHUNK = 512


@dataclass(frozen=True, slots=True, eq=False)
class Context:
    """The eligible producers of a grid, ready to be scored under many weights."""

    grid: Grid
    engine: Engine
    problem: Problem
    ids: pd.Index
    level: Level
    factors: list[str]
    labels: list[str]
    #: (k, m) matrix turning factor weights into criterion weights.
    to_criteria: NDArray[np.float64]
    #: The grid's own factor weights (k,).
    weights: NDArray[np.float64]

    @property
    def n(self) -> int:
        """Number of eligible producers."""
        return len(self.ids)

    def scores(self, factor_weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores (S, n) under (S, k) factor weights, oriented so that higher is better."""
        return self.criterion_scores(factor_weights @ self.to_criteria)

    def criterion_scores(self, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores (S, n) under (S, m) criterion weights, oriented so that higher is better."""
        scores = self.engine.scores(self.problem, weights)
        return scores if self.engine.higher_is_better else -scores


def prepare(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    level: Level = "criterion",
) -> Context:
    """Load, check and normalize once; everything after is matrix algebra."""
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    engine, how = resolve(the_grid, method, normalization)
    matrix = build_matrix(read_table(producers), the_grid)
    problem = problem_for(matrix, how)
    if level == "criterion":
        factors = the_grid.keys
        labels = [c.label for c in the_grid.criteria]
        to_criteria = np.eye(len(factors))
        weights = the_grid.weight_vector
    elif level == "battery":
        factors = [b.key for b in the_grid.batteries]
        labels = [b.label for b in the_grid.batteries]
        shares = np.concatenate([b.shares() for b in the_grid.batteries])
        to_criteria = the_grid.membership * shares
        weights = the_grid.battery_weights.to_numpy()
        unweighted = [b.key for b in the_grid.batteries if b.shares().sum() == 0]
        if unweighted:
            raise SelectionError(
                "batteries whose criteria all weigh 0 cannot be varied",
                where=", ".join(unweighted),
                expected="at least one criterion with a positive weight in every battery",
                found="all criteria at 0",
            )
    else:
        raise SelectionError(
            "unknown level",
            where="level",
            expected="'criterion' or 'battery'",
            found=repr(level),
        )
    ids = matrix.ids[matrix.eligible]
    if len(ids) < 2:
        raise SelectionError(
            "sensitivity needs at least two eligible producers",
            where=f"grid {the_grid.name!r}",
            expected="2 or more eligible producers",
            found=str(len(ids)),
        )
    return Context(
        grid=the_grid,
        engine=engine,
        problem=problem,
        ids=ids,
        level=level,
        factors=list(factors),
        labels=labels,
        to_criteria=to_criteria,
        weights=weights,
    )
