"""From a producer table and a grid to a decision matrix: ids, values, eligibility.

This is where the table is checked against the grid, completely and once: the
id column and every column the grid reads must exist, ids must be present and
unique, every cell must parse, gates are applied and the missing-data policy is
carried out. Later layers trust a :class:`DecisionMatrix`.

Examples
--------
>>> import pandas as pd, selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> table = selection.read_table(selection.example_producers_path())
>>> dm = build_matrix(table, grid)
>>> dm.values.shape == (len(table), len(grid.criteria))
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from .errors import DataError, did_you_mean
from .model import Gate, Grid
from .values import fold, is_blank, parse_numbers
from .vocabulary import Direction, MissingPolicy

__all__ = ["DecisionMatrix", "build_matrix"]

_MAX_LISTED = 8


@dataclass(frozen=True, slots=True, eq=False)
class DecisionMatrix:
    """Producers × criteria values with eligibility, as the engines need them.

    Attributes
    ----------
    ids : pandas.Index
        Producer ids, in table order.
    keys : tuple of str
        Criterion keys, in grid order.
    values : ndarray, shape (n, m)
        Criterion values; blanks already replaced under the ``worst`` policy.
        Rows of ineligible producers may hold NaN.
    eligible : ndarray of bool, shape (n,)
    reasons : tuple of str
        Why each producer is ineligible ("" when eligible).
    imputed : ndarray of bool, shape (n, m)
        Cells that were blank and count as the worst value.
    bounds : ndarray, shape (m, 2)
        Declared bounds per criterion, NaN where none.
    directions : ndarray of int, shape (m,)
    """

    ids: pd.Index
    keys: tuple[str, ...]
    values: NDArray[np.float64]
    eligible: NDArray[np.bool_]
    reasons: tuple[str, ...]
    imputed: NDArray[np.bool_]
    bounds: NDArray[np.float64]
    directions: NDArray[np.int_]

    @property
    def eligible_values(self) -> NDArray[np.float64]:
        """The values of the eligible producers only."""
        return self.values[self.eligible]


def _check_columns(table: pd.DataFrame, grid: Grid) -> None:
    needed: dict[str, str] = {grid.id_column: "the id column (`id:`)"}
    for criterion in grid.criteria:
        for column in criterion.kind.columns:
            needed.setdefault(column, f"criterion {criterion.key!r}")
    for gate in grid.eligibility:
        if gate.column is not None:
            needed.setdefault(gate.column, f"the gate {gate.describe()!r}")
    present = [str(c) for c in table.columns]
    missing = [c for c in needed if c not in present]
    if missing:
        lines = [f"{c!r} (for {needed[c]})" for c in missing]
        hints = [f"for {c!r}, {h}" for c in missing if (h := did_you_mean(c, present))]
        plural = "s" if len(missing) > 1 else ""
        raise DataError(
            f"the table lacks {len(missing)} column{plural} the grid reads",
            where=f"{_source(table)}, header",
            expected=f"columns read by grid {grid.source or grid.name!r}: " + "; ".join(lines),
            found="columns " + ", ".join(repr(c) for c in present),
            hint="; ".join(hints)
            or "rename the table's columns, or set `column:` in the grid to the table's header",
        )


def _source(table: pd.DataFrame) -> str:
    """The file the table was read from (set by :func:`selection.read_table`)."""
    return str(table.attrs.get("source", "the table"))


def _rows(table: pd.DataFrame, positions: list[int]) -> str:
    """Row numbers as a spreadsheet shows them (``read_table`` puts them in the index)."""
    if "source" in table.attrs and pd.api.types.is_integer_dtype(table.index.dtype):
        numbers = [int(table.index[i]) for i in positions]
    else:
        numbers = [i + 2 for i in positions]
    shown = ", ".join(str(r) for r in numbers[:_MAX_LISTED])
    more = f", … ({len(numbers)} in all)" if len(numbers) > _MAX_LISTED else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _ids(table: pd.DataFrame, grid: Grid) -> pd.Index:
    raw = table[grid.id_column]
    blank = [i for i, v in enumerate(raw) if is_blank(v)]
    if blank:
        raise DataError(
            "producers without an id",
            where=f"{_source(table)}, {_rows(table, blank)} (row 1 is the header), "
            f"column {grid.id_column!r}",
            expected="an id in every row",
            found=f"{len(blank)} blank cell{'s' if len(blank) > 1 else ''}",
            hint="give each producer an id, or delete the empty rows",
        )
    ids = pd.Index([_id_text(v) for v in raw], name=grid.id_column)
    if not ids.is_unique:
        repeated = ids.duplicated(keep=False)
        dupes = ids[repeated].unique().tolist()
        rows = _rows(table, [int(i) for i in np.flatnonzero(repeated)])
        raise DataError(
            "producer ids are not unique",
            where=f"{_source(table)}, {rows}, column {grid.id_column!r}",
            expected="each id once",
            found="repeated: " + ", ".join(repr(d) for d in dupes[:_MAX_LISTED]),
            hint="merge the duplicate rows or give them distinct ids",
        )
    return ids


def _id_text(value: object) -> str:
    """An id as text: ``12`` for a spreadsheet's number 12.0, else the cell stripped."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _in_table(exc: DataError, table: pd.DataFrame) -> DataError:
    """The same error, with the table's file name in front of its place."""
    where = f"{_source(table)}, {exc.where}" if exc.where else _source(table)
    return DataError(
        exc.problem, where=where, expected=exc.expected, found=exc.found, hint=exc.hint
    )


def _describe_blanks(ids: pd.Index, cells: list[tuple[int, str]]) -> str:
    shown = [f"{ids[i]} ({column!r})" for i, column in cells[:_MAX_LISTED]]
    more = f", … ({len(cells)} in all)" if len(cells) > _MAX_LISTED else ""
    return ", ".join(shown) + more


def _gate_failures(
    gate: Gate, table: pd.DataFrame, grid: Grid, values: NDArray[np.float64]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], list[str]]:
    """(fails, blank, shown value per producer) for one gate."""
    n = len(table)
    if gate.criterion is not None:
        j = grid.keys.index(gate.criterion)
        criterion = grid.criteria[j]
        column = criterion.kind.columns[0]
    else:
        j, column = -1, str(gate.column)
    cells = table[column].to_numpy(dtype=object)
    fails = np.zeros(n, dtype=bool)
    if gate.min is not None or gate.max is not None:
        if j >= 0:
            number = values[:, j]
        else:
            try:
                number = parse_numbers(cells)
            except ValueError as exc:
                bad = exc.args[0]
                raise DataError(
                    f"the gate {gate.describe()!r} needs numbers",
                    where=f"column {column!r}, producers "
                    + ", ".join(str(table.index[i]) for i in bad[:_MAX_LISTED]),
                    expected="numbers",
                    found=", ".join(repr(cells[i]) for i in bad[:_MAX_LISTED]),
                ) from None
        blank = np.isnan(number)
        with np.errstate(invalid="ignore"):
            if gate.min is not None:
                fails |= number < gate.min
            if gate.max is not None:
                fails |= number > gate.max
        shown = [f"{v:.4g}" for v in number]
    else:
        blank = np.array([is_blank(c) for c in cells], dtype=bool)
        shown = [str(c).strip() for c in cells]
    folded = None
    if gate.allowed is not None or gate.refused is not None:
        folded = np.array([fold(str(c)) for c in cells], dtype=object)
    if gate.allowed is not None and folded is not None:
        fails |= ~np.isin(folded, [fold(w) for w in gate.allowed]) & ~blank
    if gate.refused is not None and folded is not None:
        fails |= np.isin(folded, [fold(w) for w in gate.refused]) & ~blank
    return fails & ~blank, blank, shown


def build_matrix(table: pd.DataFrame, grid: Grid) -> DecisionMatrix:
    """Check `table` against `grid` and build the decision matrix.

    Parameters
    ----------
    table : DataFrame
        As returned by :func:`selection.read_table` (cleaned headers).
    grid : Grid

    Raises
    ------
    DataError
        A missing column, a blank or duplicate id, a cell that does not parse, a
        blank cell under the ``raise`` policy; the message names the producers
        and the columns.
    """
    _check_columns(table, grid)
    ids = _ids(table, grid)
    indexed = table.set_axis(ids, axis=0)
    n, m = len(ids), len(grid.criteria)
    values = np.empty((n, m))
    bounds = np.full((m, 2), np.nan)
    blank_column = np.empty((n, m), dtype=object)  # the column to name for a blank cell
    for j, criterion in enumerate(grid.criteria):
        columns = [indexed[c] for c in criterion.kind.columns]
        try:
            values[:, j] = criterion.kind.encode(*columns, key=criterion.key)
        except DataError as exc:
            raise _in_table(exc, table) from None
        if criterion.kind.bounds is not None:
            bounds[j] = criterion.kind.bounds
        names = criterion.kind.columns
        blank_column[:, j] = names[0]
        if len(names) > 1:  # a distance reads two columns: name the (first) blank one
            for name in reversed(names):
                blank_column[[is_blank(v) for v in indexed[name]], j] = name

    policies = [c.missing or grid.missing for c in grid.criteria]
    reasons = np.full(n, "", dtype=object)
    blank = np.isnan(values)

    def add_reason(rows: NDArray[np.bool_], texts: list[str] | str) -> None:
        for i in np.flatnonzero(rows):
            text = texts if isinstance(texts, str) else texts[i]
            reasons[i] = f"{reasons[i]}; {text}" if reasons[i] else text

    # Gates first: a producer that fails a gate is out, whatever its blank cells.
    gate_blanks: list[tuple[int, str]] = []
    for gate in grid.eligibility:
        try:
            fails, blank_cells, shown = _gate_failures(gate, indexed, grid, values)
        except DataError as exc:
            raise _in_table(exc, table) from None
        add_reason(fails, [f"fails {gate.describe()} (has {v})" for v in shown])
        if gate.criterion is not None:
            k = grid.keys.index(gate.criterion)
            policy, names_blank = policies[k], blank_column[:, k]
        else:
            policy, names_blank = grid.missing, np.full(n, str(gate.column), dtype=object)
        if policy is MissingPolicy.RAISE:
            gate_blanks += [(int(i), str(names_blank[i])) for i in np.flatnonzero(blank_cells)]
        else:
            add_reason(
                blank_cells,
                [f"blank {name}: cannot check {gate.describe()}" for name in names_blank],
            )
    passed_gates = reasons == ""

    raised = {
        (int(i), str(blank_column[i, j]))
        for j in range(m)
        if policies[j] is MissingPolicy.RAISE
        for i in np.flatnonzero(blank[:, j] & passed_gates)
    }
    raised |= {(i, column) for i, column in gate_blanks if passed_gates[i]}
    to_raise = sorted(raised)
    if to_raise:
        raise DataError(
            f"{len(to_raise)} blank cell{'s' if len(to_raise) > 1 else ''} where the grid "
            "refuses blanks (`missing: raise`)",
            where=f"{_source(table)}, producer{'s' if len({i for i, _ in to_raise}) > 1 else ''} "
            + _describe_blanks(ids, to_raise),
            expected="a value in every cell the grid reads",
            found="blank cells",
            hint="fill them in, or set `missing: worst` (count a blank as the worst value) or "
            "`missing: exclude` (leave the producer out) in the grid or on the criterion",
        )
    for j, policy in enumerate(policies):
        if policy is MissingPolicy.EXCLUDE:
            add_reason(blank[:, j] & passed_gates, [f"blank {c}" for c in blank_column[:, j]])

    eligible = reasons == ""
    imputed = np.zeros((n, m), dtype=bool)
    for j, criterion in enumerate(grid.criteria):
        if policies[j] is not MissingPolicy.WORST:
            continue
        holes = blank[:, j] & eligible
        if not holes.any():
            continue
        observed = values[eligible & ~blank[:, j], j]
        if not np.isnan(bounds[j]).any():
            worst = bounds[j, 0] if criterion.direction is Direction.MAX else bounds[j, 1]
        elif observed.size:
            worst = observed.min() if criterion.direction is Direction.MAX else observed.max()
        else:
            raise DataError(
                f"criterion {criterion.key!r} is blank for every eligible producer",
                where=f"{_source(table)}, column {criterion.kind.columns[0]!r}",
                expected="at least one value, or a declared `scale:` to take the worst from",
                found="only blank cells",
            )
        values[holes, j] = worst
        imputed[holes, j] = True

    return DecisionMatrix(
        ids=ids,
        keys=tuple(grid.keys),
        values=values,
        eligible=eligible,
        reasons=tuple(reasons.tolist()),
        imputed=imputed,
        bounds=bounds,
        directions=grid.directions,
    )
