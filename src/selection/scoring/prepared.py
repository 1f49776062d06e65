"""The prepared problem: a producer table read against a grid, once, for every analysis.

:func:`prepare` reads the table, checks it against the grid and builds the
decision matrix (ids, values, eligibility and its reasons), resolves the method
and the normalization, and normalizes the eligible producers' values. Every
analysis (:func:`selection.rank`, the sensitivity functions, the audit, the
committee's consensus, the report) accepts the :class:`Prepared` problem, or a
:class:`~selection.Ranking`, in place of ``(producers, grid)``, so that a chain
of analyses reads the file once and builds the matrix once.

Examples
--------
>>> import selection
>>> problem = prepare(selection.example_producers_path(), selection.example_grid_path())
>>> problem.method, problem.normalization.value, problem.n
('wsm', 'scale', 55)
>>> problem.with_method("promethee_ii").normalization is None  # it normalizes its own way
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Engine, Method, Normalization, Problem, configured_engine, engine_for
from ..engines.normalization import normalize
from ..errors import MethodError, SelectionError
from ..grid import Grid, Nature, as_grid
from ..judgments import Judgments
from ..messages import msg
from ..table import Producers, read_table
from ..table.headers import plain
from ..validators import one_of
from .matrix import DecisionMatrix, build_matrix, matched_columns

__all__ = [
    "NAME_COLUMNS",
    "HasPrepared",
    "Prepared",
    "ProblemSource",
    "prepare",
    "resolve",
]

#: Headers taken for the producer's name when the grid has no ``name:`` (compared without
#: case, accents or spaces).
NAME_COLUMNS = ("name", "nom", "raison sociale", "raison_sociale")


@runtime_checkable
class HasPrepared(Protocol):
    """Anything that carries a prepared problem (a :class:`~selection.Ranking` does)."""

    @property
    def prepared(self) -> Prepared:
        """The prepared problem it was made from."""
        ...


def resolve(
    grid: Grid,
    method: object = None,
    normalization: object = None,
    parameters: Mapping[str, Any] | None = None,
) -> tuple[Engine, Normalization | None]:
    """The engine and normalization to use: explicit argument, else grid, else method default.

    The engine comes with its parameters set: the grid's for that method
    (``parameters: {vikor: {v: 0.3}}``), each replaced by the one given in
    `parameters`. Methods that normalize in their own way (PROMETHEE II,
    SPOTIS, ...) get None; asking them for a normalization explicitly is an error.
    """
    engine = configured(grid, engine_for(grid.method if method is None else method), parameters)
    if normalization is not None:
        how = one_of(normalization, "normalization", Normalization, error=MethodError)
        if engine.default_normalization is None:
            raise MethodError(
                msg(
                    "method.own_normalization",
                    "{method} normalizes the values in its own way",
                    method=engine.name,
                ),
                where="normalization",
                expected=msg("method.no_normalization", "no normalization with this method"),
                found=repr(how.value),
                hint=msg(
                    "method.no_normalization_hint",
                    "leave the normalization out, or use wsm or topsis",
                ),
            )
        return engine, how
    if engine.default_normalization is None:
        return engine, None
    return engine, grid.normalization or engine.default_normalization


def configured(grid: Grid, engine: Engine, parameters: Mapping[str, Any] | None = None) -> Engine:
    """`engine` with the grid's parameters for it, each overridden by `parameters`."""
    values = grid.parameters_for(str(engine.name)) | dict(parameters or {})
    return configured_engine(engine, values, keys=grid.keys)


def _problem(matrix: DecisionMatrix, how: Normalization | None) -> Problem:
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
        keys=tuple(matrix.keys),
    )


def _reading(grid: Grid) -> tuple[Any, ...]:
    """What of a grid the decision matrix depends on (not the weights, method or rule)."""
    return (
        grid.id_column,
        grid.name_column,
        grid.missing,
        tuple((c.key, c.label, c.kind, c.direction, c.missing) for c in grid.criteria),
        grid.eligibility,
        grid.select.columns if grid.select is not None else (),
    )


@dataclass(frozen=True, eq=False)
class Prepared:
    """A producer table read against a grid, with a method and a normalization resolved.

    Attributes
    ----------
    grid : Grid
    table : DataFrame
        The producer table as read (:func:`selection.read_table`): text cells,
        spreadsheet row numbers as index, ``attrs["source"]`` the file.
    matrix : DecisionMatrix
        Every producer's values, eligibility and reasons.
    engine : Engine
        The scoring method.
    normalization : Normalization or None
        None for methods that normalize in their own way.
    problem : Problem
        The eligible producers' raw and normalized values, as engines take them.
    parameters : mapping
        The method parameters given as arguments (over the grid's own).
    """

    grid: Grid
    table: pd.DataFrame
    matrix: DecisionMatrix
    engine: Engine
    normalization: Normalization | None
    problem: Problem
    parameters: Mapping[str, Any] = field(default_factory=dict)
    _problems: dict[Normalization | None, Problem] = field(
        default_factory=dict, repr=False, compare=False
    )

    # -- what people and analyses read -------------------------------------------------------

    @property
    def method(self) -> str:
        """The method's name."""
        return str(self.engine.name)

    @property
    def ids(self) -> pd.Index:
        """The eligible producers' ids, in table order (the rows of :attr:`problem`)."""
        return self.matrix.ids[self.matrix.eligible]

    @property
    def n(self) -> int:
        """How many producers are eligible."""
        return int(self.matrix.eligible.sum())

    @property
    def weights(self) -> NDArray[np.float64]:
        """The grid's effective criterion weights (sum 1), in criterion order."""
        return self.grid.weight_vector

    @property
    def source(self) -> str | None:
        """The file the table was read from, or None for a DataFrame."""
        source = self.table.attrs.get("source")
        if source is None or not self.table.attrs.get("from_file", True):
            return None
        return str(source)

    @cached_property
    def producers(self) -> pd.DataFrame:
        """The table as read, indexed by producer id (for display)."""
        return self.table.set_axis(self.matrix.ids, axis=0)

    @cached_property
    def name_column(self) -> str | None:
        """The column holding the producers' names: ``name``, ``nom``, ``raison sociale``...

        Headers are compared without case, accents, spaces or underscores.
        """
        if self.grid.name_column is not None:
            return self.grid.name_column
        wanted = {plain(name) for name in NAME_COLUMNS}
        return next((str(c) for c in self.table.columns if plain(str(c)) in wanted), None)

    def name_of(self, producer: object) -> str | None:
        """The producer's name as written in the table, or None."""
        column = self.name_column
        if column is None or str(producer) not in self.producers.index:
            return None
        value: Any = self.producers.loc[str(producer), column]
        text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
        text = text.strip()
        return text or None

    def who(self, producer: object) -> str:
        """``P004 · EARL Thévenet`` when the table names its producers, else the id."""
        name = self.name_of(producer)
        return f"{producer} · {name}" if name else str(producer)

    @property
    def judgments(self) -> Judgments | None:
        """The members' grades behind the judged criteria, aggregated (None without any)."""
        return self.matrix.judgments

    @property
    def merit_profiles(self) -> pd.DataFrame:
        """Each producer's merit profile on each judged criterion, as a tidy table.

        One row per producer, judged criterion and grade (worst first):
        ``producer``, ``criterion``, ``grade``, ``position`` (0 = worst),
        ``count`` and ``share`` (of the grades given); empty without judged
        criteria. :attr:`judgments` has the rest: majority grades, gauges,
        missing grades (``.table``), one criterion's profiles as a producers ×
        grades table (``.profile(key)``).
        """
        if self.matrix.judgments is None:
            return pd.DataFrame(
                {
                    "producer": pd.Series(dtype=object),
                    "criterion": pd.Series(dtype=object),
                    "grade": pd.Series(dtype=object),
                    "position": pd.Series(dtype="int64"),
                    "count": pd.Series(dtype="int64"),
                    "share": pd.Series(dtype=float),
                }
            )
        return self.matrix.judgments.to_frame()

    def _judgment_records(self, grid: Grid) -> Any:
        """The judgements to read `grid` with: this problem's, when both have judged criteria."""
        if self.matrix.judgments is None:
            return None
        if not any(c.kind.nature is Nature.JUDGED for c in grid.criteria):
            return None
        return self.matrix.judgments.records

    # -- changes --------------------------------------------------------------------------------

    def with_method(
        self,
        method: object = None,
        normalization: object = None,
        parameters: Mapping[str, Any] | None = None,
    ) -> Prepared:
        """The same table and grid scored by another method, normalization or parameters.

        The decision matrix is kept; values are normalized again only for a
        normalization not used before. `parameters` are the method's (over the
        grid's); a change of method drops those given for the previous one.
        """
        name = method if method is not None else self.method
        same_method = engine_for(name).name == self.engine.name
        given = parameters if parameters is not None else (self.parameters if same_method else {})
        engine, how = resolve(self.grid, name, normalization, given)
        if same_method and how == self.normalization and parameters is None:
            return self
        return dataclasses.replace(
            self,
            engine=engine,
            normalization=how,
            problem=self._normalized(how),
            parameters=dict(given),
        )

    def with_grid(self, grid: Grid | str | Any) -> Prepared:
        """The same table, method and normalization under another grid (other weights...).

        The decision matrix is kept when `grid` reads the table as this one does
        (same criteria, gates and missing-data policies: a change of weights,
        say); otherwise the table, already read, is checked against it again.
        """
        new = as_grid(grid)
        if new is self.grid:
            return self
        engine = self.engine
        if new.parameters_for(self.method) != self.grid.parameters_for(self.method):
            engine = configured(new, engine_for(self.method), self.parameters)
        if _reading(new) == _reading(self.grid):
            return dataclasses.replace(self, grid=new, engine=engine)
        table = matched_columns(self.table, new)
        matrix = build_matrix(table, new, judgments=self._judgment_records(new))
        problem = _problem(matrix, self.normalization)
        return Prepared(
            grid=new,
            table=table,
            matrix=matrix,
            engine=engine,
            normalization=self.normalization,
            problem=problem,
            parameters=self.parameters,
            _problems={self.normalization: problem},
        )

    def with_judgments(self, judgments: Any) -> Prepared:
        """The same table, grid and method with other members' judgements (the matrix rebuilt)."""
        matrix = build_matrix(self.table, self.grid, judgments=judgments)
        problem = _problem(matrix, self.normalization)
        return dataclasses.replace(
            self, matrix=matrix, problem=problem, _problems={self.normalization: problem}
        )

    def _normalized(self, how: Normalization | None) -> Problem:
        if how not in self._problems:
            self._problems[how] = _problem(self.matrix, how)
        return self._problems[how]

    def __repr__(self) -> str:
        return (
            f"<Prepared {self.method}/{(self.normalization or 'built-in')!s}: {self.n} eligible "
            f"of {len(self.matrix.ids)} producers, grid {self.grid.name!r} "
            f"({self.grid.short_hash})>"
        )


#: What analyses accept as their first argument.
ProblemSource = Prepared | HasPrepared | Producers


def prepare(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    parameters: Mapping[str, Any] | None = None,
    sheet: str | int | None = None,
    judgments: Any = None,
) -> Prepared:
    """Read and check `producers` against `grid` once, for any number of analyses.

    Parameters
    ----------
    producers : DataFrame, path, Prepared or Ranking
        The producer table (a DataFrame, never modified, or a ``.csv`` /
        ``.xlsx`` path), or a problem already prepared (then `grid` is left
        out: it is the problem's).
    grid : Grid or path
        The grid; required with a table.
    method, normalization
        Default: the grid's, else the method's own.
    parameters : mapping, optional
        The method's parameters (``{"v": 0.3}`` for VIKOR), over the grid's
        ``parameters:`` for that method.
    sheet : str or int, optional
        The sheet of a workbook to read (name or position from 0); default: the
        first.
    judgments : path, DataFrame or JudgmentRecords, optional
        The members' grades of the producers on the grid's judged criteria
        (``judged: true``): a ``.csv`` / ``.xlsx`` table or a
        ``format: selection/judgments@1`` file (see
        :func:`selection.judgments.read_judgments`). Required when the grid has
        judged criteria; with a prepared problem, replaces its judgements.

    Returns
    -------
    Prepared

    Raises
    ------
    GridError, DataError, MethodError
        All subclasses of :class:`~selection.errors.SelectionError`.
    """
    if isinstance(producers, Prepared | HasPrepared):
        base = producers if isinstance(producers, Prepared) else producers.prepared
        if grid is not None:
            base = base.with_grid(grid)
        if judgments is not None:
            base = base.with_judgments(judgments)
        if method is None and normalization is None and parameters is None:
            return base
        return base.with_method(
            method if method is not None else base.method, normalization, parameters
        )
    if grid is None:
        raise SelectionError(
            msg("prepare.no_grid", "a producer table without a grid"),
            where="grid",
            expected=msg(
                "prepare.no_grid_expected",
                "a Grid or the path of a grid file, after the producers",
            ),
            found=msg("scoring.prepared.prepare.found", "None"),
        )
    the_grid = as_grid(grid)
    engine, how = resolve(the_grid, method, normalization, parameters)
    table = matched_columns(read_table(producers, sheet=sheet), the_grid)
    matrix = build_matrix(table, the_grid, judgments=judgments)
    problem = _problem(matrix, how)
    return Prepared(
        grid=the_grid,
        table=table,
        matrix=matrix,
        engine=engine,
        normalization=how,
        problem=problem,
        parameters=dict(parameters or {}),
        _problems={how: problem},
    )
