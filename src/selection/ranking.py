"""``selection.rank``: a producer table and a grid in, a labelled, explained ranking out.

Examples
--------
>>> import selection
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> ranking.method, ranking.normalization
('wsm', 'scale')
>>> ranking.table[["score", "rank", "eligible"]].dtypes.tolist()
[Float64Dtype(), Int64Dtype(), dtype('bool')]
>>> int(ranking.table["rank"].min())
1
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ._version import __version__
from .engines import Breakdown, Engine, Problem, engine_for
from .errors import DataError, GridError, MethodError, did_you_mean
from .grid_file import load_grid
from .matrix import DecisionMatrix, build_matrix
from .model import RESERVED_COLUMNS, Grid
from .rules import SelectionRule

if TYPE_CHECKING:
    from .decisions import Decisions
from .normalization import normalize
from .table import Producers, read_table
from .vocabulary import Method, Normalization, parse_enum

__all__ = [
    "RESERVED_COLUMNS",
    "Ranking",
    "parse_argument",
    "problem_for",
    "rank",
    "rank_positions",
    "resolve",
]

#: Scores equal to within this relative difference share a rank.
TIE_TOLERANCE = 1e-12


def rank_positions(scores: NDArray[np.float64], higher_is_better: bool = True) -> NDArray[np.int_]:
    """Competition ranks (1 = best); ties (within 1e-12 relative) share the best rank.

    Examples
    --------
    >>> rank_positions(np.array([0.9, 0.5, 0.5, 0.1])).tolist()
    [1, 2, 2, 4]
    >>> rank_positions(np.array([3.0, 1.0, 2.0]), higher_is_better=False).tolist()
    [3, 1, 2]
    """
    return _ranks_and_order(scores, higher_is_better)[0]


def _ranks_and_order(
    scores: NDArray[np.float64], higher_is_better: bool
) -> tuple[NDArray[np.int_], NDArray[np.intp]]:
    """Competition ranks, and the positions in rank order (a shared rank in table order).

    One sort serves both. It need not be stable: equal scores share a rank, and
    the positions of a shared rank are put back in table order afterwards.
    """
    keyed = -scores if higher_is_better else scores
    order = np.argsort(keyed)
    ordered = scores[order]
    gaps = np.abs(np.diff(ordered))
    scale = np.maximum(np.abs(ordered[1:]), np.abs(ordered[:-1]))
    new_group = np.concatenate([[True], gaps > TIE_TOLERANCE * scale])
    positions = np.arange(1, len(scores) + 1)
    group_rank = np.maximum.accumulate(np.where(new_group, positions, 0))
    ranks = np.empty(len(scores), dtype=int)
    ranks[order] = group_rank
    if not new_group.all():  # shared ranks: their producers in table order
        order = order[np.lexsort((order, group_rank))]
    return ranks, order


E = TypeVar("E", Method, Normalization)


def parse_argument(enum: type[E], value: object, name: str) -> E:
    """A method or normalization given as an argument: a bad one is a MethodError."""
    try:
        return parse_enum(enum, value, where=f"the `{name}` argument")
    except GridError as exc:
        raise MethodError(
            exc.problem, where=exc.where, expected=exc.expected, found=exc.found, hint=exc.hint
        ) from None


def resolve(
    grid: Grid, method: str | Method | None, normalization: str | Normalization | None
) -> tuple[Engine, Normalization | None]:
    """The engine and normalization to use: explicit argument, else grid, else method default.

    Methods that normalize in their own way (PROMETHEE II, SPOTIS, ...) get
    None; asking them for a normalization explicitly is an error.
    """
    chosen = grid.method if method is None else parse_argument(Method, method, "method")
    engine = engine_for(chosen)
    if normalization is not None:
        how = parse_argument(Normalization, normalization, "normalization")
        if engine.default_normalization is None:
            raise MethodError(
                f"{chosen.value} normalizes the values in its own way",
                where="normalization",
                expected="no normalization with this method",
                found=repr(how.value),
                hint="leave the normalization out, or use wsm or topsis",
            )
        return engine, how
    if engine.default_normalization is None:
        return engine, None
    return engine, grid.normalization or engine.default_normalization


def problem_for(matrix: DecisionMatrix, how: Normalization | None) -> Problem:
    """The eligible producers of `matrix`, normalized by `how` (None: left raw)."""
    values = matrix.eligible_values
    normalized = (
        values
        if how is None
        else normalize(values, matrix.directions, matrix.bounds, how, matrix.keys)
    )
    return Problem(
        values=values,
        normalized=normalized,
        directions=matrix.directions,
        bounds=matrix.bounds,
        normalization=how or Normalization.NONE,
    )


@dataclass(frozen=True, eq=False)
class Ranking:
    """A ranking of producers under a grid, with its reasons.

    Attributes
    ----------
    table : DataFrame
        Indexed by producer id, in rank order (ineligible producers last):
        ``score`` (Float64, NA when ineligible), ``rank`` (Int64, 1 = best,
        ties share the best rank, NA when ineligible), ``eligible``, ``reason``
        (why ineligible), then for additive methods (wsm, topsis) one column
        per battery (its criteria's contributions summed) and one per criterion
        (its contribution): ``score = baseline + Σ contributions``.
    grid : Grid
    matrix : DecisionMatrix
        The values the scores were computed from.
    producers : DataFrame
        The table as read, indexed by producer id (for display).
    method : str
    normalization : str
        ``"built-in"`` for methods that normalize their own way.
    weights : Series
        Effective criterion weights used (sum 1).
    baseline : float or None
        Score of a producer with zero contributions (0 for wsm, 0.5 for topsis).
    higher_is_better : bool
    problem : Problem
        What the engine scored: raw and normalized values of eligible producers.
    breakdown : Breakdown
        The engine's intermediates (ideal points, distances, ...).
    version : str
        Version of `selection` that computed it.
    """

    table: pd.DataFrame
    grid: Grid
    matrix: DecisionMatrix
    producers: pd.DataFrame
    method: str
    normalization: str
    weights: pd.Series
    baseline: float | None
    higher_is_better: bool
    problem: Problem
    breakdown: Breakdown
    version: str = __version__

    @property
    def grid_hash(self) -> str:
        """The content hash of the grid used."""
        return self.grid.hash

    @property
    def contributions(self) -> pd.DataFrame | None:
        """Per-criterion contributions of eligible producers (None for non-additive methods)."""
        keys = list(self.matrix.keys)
        if not set(keys) <= set(self.table.columns):
            return None
        return self.table.loc[self.table["eligible"], keys].astype(float)

    @property
    def ranked(self) -> pd.DataFrame:
        """The eligible producers only, best first."""
        return self.table[self.table["eligible"]]

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table` with provenance in ``attrs`` (grid hash, method, version)."""
        frame = self.table.copy()
        frame.attrs.update(self.provenance())
        return frame

    def provenance(self) -> dict[str, Any]:
        """Where the ranking comes from: grid name and hash, method, normalization, version."""
        return {
            "grid": self.grid.name,
            "grid_hash": self.grid.hash,
            "method": self.method,
            "normalization": self.normalization,
            "selection_version": self.version,
        }

    def producer(self, producer_id: object) -> str:
        """The id as stored, or a DataError with a suggestion."""
        key = str(producer_id).strip()
        if key not in self.table.index:
            ids = [str(i) for i in self.table.index]
            raise DataError(
                f"unknown producer {key!r}",
                where=f"column {self.grid.id_column!r}",
                expected="an id of the table",
                found=repr(key),
                hint=did_you_mean(key, ids) or f"ids look like {ids[0]!r}",
            )
        return key

    def explain(self, producer_id: object, robustness: bool = False, k: int = 10) -> str:
        """Why this producer stands where it does, in words.

        Parameters
        ----------
        producer_id : str
        robustness : bool
            Add how robust its place is to the battery weights (see
            :func:`selection.sensitivity.robustness`; takes a fraction of a second).
        k : int
            The top k that the robustness sentence talks about.

        Examples
        --------
        >>> import selection
        >>> ranking = selection.rank(
        ...     selection.example_producers_path(), selection.example_grid_path())
        >>> print(ranking.explain(ranking.ranked.index[1]))  # doctest: +ELLIPSIS
        P... — rank 2 of ... eligible producers, score ...
        """
        from .explain import explain

        return explain(self, self.producer(producer_id), robustness=robustness, k=k)

    def decisions(self, rule: SelectionRule | None = None) -> Decisions:
        """Selected / not selected / ineligible for each producer, with the reason.

        Applies `rule`, or the grid's ``select:`` section (see
        :func:`selection.decisions.decide`).
        """
        from .decisions import decide

        return decide(self, rule)

    def __repr__(self) -> str:
        eligible = int(self.table["eligible"].sum())
        return (
            f"<Ranking {self.method}/{self.normalization} of {eligible} eligible of "
            f"{len(self.table)} producers, grid {self.grid.name!r} ({self.grid.short_hash})>"
        )


def _as_grid(grid: Grid | str | PathLike[str]) -> Grid:
    return grid if isinstance(grid, Grid) else load_grid(grid)


def rank(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
) -> Ranking:
    """Rank producers under a grid.

    Parameters
    ----------
    producers : DataFrame, str or path-like
        One row per producer: a DataFrame (never modified) or a ``.csv`` /
        ``.xlsx`` path. French spreadsheets (``;``, decimal commas) are fine.
    grid : Grid, str or path-like
        A :class:`Grid` or the path of a grid file.
    method : str, optional
        ``wsm``, ``topsis`` or another registered method; default: the grid's.
    normalization : str, optional
        Default: the grid's, else the method's (``scale`` for wsm, ``vector``
        for topsis).

    Returns
    -------
    Ranking

    Raises
    ------
    GridError, DataError, MethodError
        All subclasses of :class:`SelectionError`, with the place and the fix.
    """
    the_grid = _as_grid(grid)
    engine, how = resolve(the_grid, method, normalization)
    table = read_table(producers)
    matrix = build_matrix(table, the_grid)
    weights = the_grid.weight_vector
    problem = problem_for(matrix, how)
    if problem.normalized.shape[0]:
        breakdown = engine.breakdown(problem, weights)
    else:
        breakdown = Breakdown(np.empty(0), None, None)
    return _assemble(the_grid, matrix, table, engine, problem, weights, breakdown)


def _assemble(
    grid: Grid,
    matrix: DecisionMatrix,
    table: pd.DataFrame,
    engine: Engine,
    problem: Problem,
    weights: NDArray[np.float64],
    breakdown: Breakdown,
) -> Ranking:
    return Ranking(
        table=_ranked_table(grid, matrix, engine, breakdown),
        grid=grid,
        matrix=matrix,
        producers=table.set_axis(matrix.ids, axis=0),
        method=engine.method.value,
        normalization="built-in"
        if engine.default_normalization is None
        else problem.normalization.value,
        weights=pd.Series(weights, index=list(matrix.keys), name="weight"),
        baseline=breakdown.baseline,
        higher_is_better=engine.higher_is_better,
        problem=problem,
        breakdown=breakdown,
    )


def _ranked_table(
    grid: Grid, matrix: DecisionMatrix, engine: Engine, breakdown: Breakdown
) -> pd.DataFrame:
    """:attr:`Ranking.table`: eligible producers best first, then the others in table order.

    Built directly in rank order, the contributions as one float block (a column
    per battery, then per criterion): no full-table reordering afterwards.
    """
    n, ranked = len(matrix.ids), len(breakdown.scores)
    ranks, best_first = _ranks_and_order(breakdown.scores, engine.higher_is_better)
    order = np.concatenate(
        [np.flatnonzero(matrix.eligible)[best_first], np.flatnonzero(~matrix.eligible)]
    )
    unranked = np.arange(n) >= ranked  # the ineligible producers, after the ranked ones
    score = np.full(n, np.nan)
    score[:ranked] = breakdown.scores[best_first]
    rank = np.zeros(n, dtype=np.int64)
    rank[:ranked] = ranks[best_first]
    index = matrix.ids.take(order)
    head = pd.DataFrame(
        {
            "score": pd.arrays.FloatingArray(score, unranked.copy()),
            "rank": pd.arrays.IntegerArray(rank, unranked.copy()),
            "eligible": ~unranked,
            "reason": np.array(matrix.reasons, dtype=object).take(order),
        },
        index=index,
    )
    if breakdown.contributions is None:
        return head
    block = _contribution_block(grid.membership, breakdown.contributions, best_first, n)
    names = [battery.key for battery in grid.batteries] + list(matrix.keys)
    contributions = pd.DataFrame(block.T, index=index, columns=names, copy=False)
    return pd.concat([head, contributions], axis=1)


def _contribution_block(
    membership: NDArray[np.bool_],
    contributions: NDArray[np.float64],
    best_first: NDArray[np.intp],
    n: int,
) -> NDArray[np.float64]:
    """Battery then criterion contributions, (batteries + criteria, n), in rank order.

    The ranked producers' contributions fill the first columns; the unranked
    (ineligible) producers' columns are NaN.
    """
    batteries, m = membership.shape
    ranked = len(best_first)
    block = np.empty((batteries + m, n))
    by_criterion = contributions.T
    for j in range(m):  # "clip": `best_first` is a permutation, no index needs checking
        by_criterion[j].take(best_first, out=block[batteries + j, :ranked], mode="clip")
    block[batteries:, ranked:] = np.nan
    for b in range(batteries):
        total = block[b]
        total[:] = 0.0
        for member in np.flatnonzero(membership[b]).tolist():
            total += block[batteries + member]
    return block
