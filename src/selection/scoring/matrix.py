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

import dataclasses
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import DataError, SelectionError, did_you_mean
from ..grid import Criterion, Direction, Gate, Grid, MissingPolicy, Nature
from ..judgments import Judgments, aggregate_judgments
from ..messages import Message, msg, msgn, render
from ..table.cells import distinct_cells, fold, is_blank, parse_numbers
from ..table.headers import matches
from ..validators import shorten

__all__ = ["DecisionMatrix", "build_matrix", "matched_columns", "matrix_problems"]

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
        Rows of ineligible producers may hold NaN. Stored criterion by criterion
        (column-major: the transpose of a C-ordered (m, n) array), since every
        later step (normalization, ideal points, contributions) works on columns.
    eligible : ndarray of bool, shape (n,)
    reasons : tuple of tuple of Message
        Why each producer is ineligible (empty when eligible), as messages
        (:mod:`selection.messages`): ``reason.gate_failed``,
        ``reason.gate_blank``, ``reason.blank``.
    imputed : ndarray of bool, shape (n, m)
        Cells that were blank and count as the worst value.
    bounds : ndarray, shape (m, 2)
        Declared bounds per criterion, NaN where none.
    directions : ndarray of int, shape (m,)
    warnings : tuple of Message
        What deserves a look without stopping anything: values outside a
        criterion's declared ``scale`` (the ``scale`` normalization counts them
        as the nearest bound).
    judgments : Judgments or None
        The members' grades behind the judged criteria (their merit profiles),
        when the grid has some.
    """

    ids: pd.Index
    keys: tuple[str, ...]
    values: NDArray[np.float64]
    eligible: NDArray[np.bool_]
    reasons: tuple[tuple[Message, ...], ...]
    imputed: NDArray[np.bool_]
    bounds: NDArray[np.float64]
    directions: NDArray[np.int_]
    warnings: tuple[Message, ...] = ()
    judgments: Judgments | None = None

    @property
    def eligible_values(self) -> NDArray[np.float64]:
        """The values of the eligible producers only, column-major like :attr:`values`."""
        return self.values.T.take(np.flatnonzero(self.eligible), axis=1).T


def matched_columns(table: pd.DataFrame, grid: Grid) -> pd.DataFrame:
    """`table` with headers renamed to the columns `grid` reads, where people wrote them otherwise.

    A header matches a column the grid reads when, ignoring case, accents,
    spaces and punctuation, it is the column's name, the criterion's key or
    label (for a criterion reading one column), or ends with one of them in
    parentheses (``Label bio (organic_label)``). Columns present as written are
    left alone; `table` is not modified (a renamed copy is returned, with its
    ``attrs``).

    Examples
    --------
    >>> import selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> frame = pd.DataFrame({"producer_id": ["P1"], "LABEL BIO": ["AB"]})
    >>> list(matched_columns(frame, grid).columns)
    ['producer_id', 'organic_label']
    """
    wanted: dict[str, list[str]] = {grid.id_column: []}
    if grid.name_column is not None:
        wanted[grid.name_column] = []
    for criterion in grid.criteria:
        columns = criterion.kind.columns
        for column in columns:
            others = [criterion.key, criterion.label] if len(columns) == 1 else []
            wanted.setdefault(column, []).extend(others)
    for gate in grid.eligibility:
        if gate.column is not None:
            wanted.setdefault(gate.column, [])
    for column in grid.select.columns if grid.select is not None else ():
        wanted.setdefault(column, [])
    renames = matches([str(c) for c in table.columns], wanted)
    if not renames:
        return table
    renamed = table.rename(columns=renames)
    renamed.attrs = dict(table.attrs)
    return renamed


def _check_columns(table: pd.DataFrame, grid: Grid) -> None:
    needed: dict[str, Message] = {grid.id_column: msg("columns.for_id", "the id column (`id:`)")}
    if grid.name_column is not None:
        needed[grid.name_column] = msg("columns.for_name", "the name column (`name_column:`)")
    for criterion in grid.criteria:
        for column in criterion.kind.columns:
            needed.setdefault(
                column, msg("where.criterion", "criterion {key!r}", key=criterion.key)
            )
    for gate in grid.eligibility:
        if gate.column is not None:
            needed.setdefault(
                gate.column, msg("columns.for_gate", "the gate {gate!r}", gate=gate.describe())
            )
    for column in grid.select.columns if grid.select is not None else ():
        needed.setdefault(
            column, msg("columns.for_quota", "a quota of the selection rule (`select:`)")
        )
    present = [str(c) for c in table.columns]
    missing = [c for c in needed if c not in present]
    if missing:
        lines = [
            render(msg("columns.needed", "{column!r} (for {use})", column=c, use=needed[c]))
            for c in missing
        ]
        hints = [
            render(msg("columns.hint_for", "for {column!r}, {hint}", column=c, hint=h))
            for c in missing
            if (h := did_you_mean(c, present))
        ]
        raise DataError(
            msgn(
                "scoring.matrix.check_columns.problem",
                "the table lacks {count} column the grid reads",
                "the table lacks {count} columns the grid reads",
                count=len(missing),
            ),
            where=msg("where.header", "{file}, header", file=_source(table)),
            expected=msg(
                "scoring.matrix.check_columns.expected",
                "columns read by grid {value!r}: {items}",
                value=grid.source or grid.name,
                items=lines,
            ),
            found=msg(
                "scoring.matrix.check_columns.found",
                "columns {items}",
                items=", ".join(repr(c) for c in present),
            ),
            hint=render(hints)
            or msg(
                "columns.rename_hint",
                "rename the table's columns, or set `column:` in the grid to the table's header",
            ),
        )


def _source(table: pd.DataFrame) -> str:
    """The file the table was read from (set by :func:`selection.read_table`)."""
    source = table.attrs.get("source")
    return str(source) if source is not None else render(msg("where.the_table", "the table"))


def _rows(table: pd.DataFrame, positions: list[int]) -> str:
    """Row numbers as a spreadsheet shows them (``read_table`` puts them in the index)."""
    if "source" in table.attrs and pd.api.types.is_integer_dtype(table.index.dtype):
        numbers = [int(table.index[i]) for i in positions]
    else:
        numbers = [i + 2 for i in positions]
    shown = ", ".join(str(r) for r in numbers[:_MAX_LISTED])
    if len(numbers) > _MAX_LISTED:
        shown = render(
            msg("listing.more", "{shown}, … ({count} in all)", shown=shown, count=len(numbers))
        )
    return render(msgn("where.rows", "row {rows}", "rows {rows}", count=len(numbers), rows=shown))


def _ids(table: pd.DataFrame, grid: Grid) -> pd.Index:
    """The producer ids as text, checked: none blank, each once."""
    texts = _stripped_texts(table[grid.id_column])
    if texts is not None and all(texts):
        ids = pd.Index(texts, name=grid.id_column)
        if ids.is_unique:
            return ids
    return _checked_ids(table, grid)


def _stripped_texts(column: pd.Series) -> list[str] | None:
    """The usual case, a column of text: every cell stripped, in one pass; None otherwise."""
    cells = column.to_numpy(dtype=object)
    if not isinstance(column.dtype, pd.StringDtype) and (
        pd.api.types.infer_dtype(cells, skipna=False) != "string"
    ):
        return None
    try:
        return [cell.strip() for cell in cells]
    except AttributeError:  # a blank (NaN, NA) in a text column
        return None


def _checked_ids(table: pd.DataFrame, grid: Grid) -> pd.Index:
    """The ids cell by cell: any cell type, and the error that names blank or repeated ids."""
    raw = table[grid.id_column]
    blank = [i for i, v in enumerate(raw) if is_blank(v)]
    if blank:
        raise DataError(
            msg("scoring.matrix.checked_ids.problem", "producers without an id"),
            where=msg(
                "scoring.matrix.checked_ids.where",
                "{source}, {rows} (row 1 is the header), column {id_column!r}",
                source=_source(table),
                rows=_rows(table, blank),
                id_column=grid.id_column,
            ),
            expected=msg("scoring.matrix.checked_ids.expected", "an id in every row"),
            found=msgn(
                "scoring.matrix.checked_ids.found",
                "{count} blank cell",
                "{count} blank cells",
                count=len(blank),
            ),
            hint=msg(
                "scoring.matrix.checked_ids.hint",
                "give each producer an id, or delete the empty rows",
            ),
        )
    ids = pd.Index([_id_text(v) for v in raw], name=grid.id_column)
    looks = pd.Index([_looks(i) for i in ids])
    if not looks.is_unique:
        repeated = looks.duplicated(keep=False)
        dupes = ids[repeated].unique().tolist()
        rows = _rows(table, [int(i) for i in np.flatnonzero(repeated)])
        raise DataError(
            msg("scoring.matrix.checked_ids.problem.2", "producer ids are not unique"),
            where=msg(
                "scoring.matrix.checked_ids.where.2",
                "{source}, {rows}, column {id_column!r}",
                source=_source(table),
                rows=rows,
                id_column=grid.id_column,
            ),
            expected=msg("scoring.matrix.checked_ids.expected.2", "each id once"),
            found=msg(
                "scoring.matrix.checked_ids.found.2",
                "repeated: {items}",
                items=", ".join(shorten(d) for d in dupes[:_MAX_LISTED]),
            ),
            hint=msg(
                "scoring.matrix.checked_ids.hint.2",
                "merge the duplicate rows or give them distinct ids",
            )
            if not ids.is_unique
            else msg(
                "ids.invisible_hint",
                "these ids look the same on screen: they differ only by invisible characters "
                "or by how an accent is encoded; retype them",
            ),
        )
    return ids


#: Characters that change nothing on screen: zero-width spaces and joiners, word joiner,
#: soft hyphen, byte-order mark, direction marks.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2067\u2068\u2069\ufeff")
)


def _looks(identifier: str) -> str:
    """How an id looks on screen: NFC-composed, invisible characters removed.

    Examples
    --------
    >>> _looks("Cafe\u0301") == _looks("Café") == _looks("Caf\u200bé")
    True
    """
    return unicodedata.normalize("NFC", identifier).translate(_INVISIBLE)


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
    more = (
        render(msg("list.more_in_all", ", … ({count} in all)", count=len(cells)))
        if len(cells) > _MAX_LISTED
        else ""
    )
    return ", ".join(shown) + more


class _Reasons:
    """Why each producer is ineligible, built up one rule at a time (empty when eligible)."""

    def __init__(self, n: int) -> None:
        self.messages: list[list[Message]] = [[] for _ in range(n)]
        self.given = np.zeros(n, dtype=bool)

    def add(self, rows: NDArray[np.intp], messages: list[Message]) -> None:
        """Append one message per row to the reasons of `rows`."""
        for row, message in zip(rows.tolist(), messages, strict=True):
            self.messages[row].append(message)
        self.given[rows] = True

    def as_tuples(self) -> tuple[tuple[Message, ...], ...]:
        return tuple(tuple(reasons) for reasons in self.messages)


def _encode(
    indexed: pd.DataFrame, table: pd.DataFrame, grid: Grid, judged: Judgments | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Every criterion's values, (m, n) with NaN for blanks, and declared bounds, (m, 2).

    A judged criterion's values are the members' aggregated grades (NaN where a
    producer has too few grades).
    """
    m = len(grid.criteria)
    values = np.empty((m, len(indexed)))
    bounds = np.full((m, 2), np.nan)
    for j, criterion in enumerate(grid.criteria):
        if judged is not None and criterion.key in judged.keys:
            values[j] = judged.values_of(criterion.key)
            bounds[j] = criterion.kind.bounds or (np.nan, np.nan)
            continue
        columns = [indexed[c] for c in criterion.kind.columns]
        try:
            values[j] = criterion.kind.encode(*columns, key=criterion.key)
        except DataError as exc:
            raise _in_table(exc, table) from None
        if criterion.kind.bounds is not None:
            bounds[j] = criterion.kind.bounds
    return values, bounds


def _blank_names(
    indexed: pd.DataFrame, columns: tuple[str, ...], rows: NDArray[np.intp]
) -> list[str]:
    """The column to name for each blank row of a criterion.

    A criterion reading two columns (a distance) names the first of them that is blank.
    """
    if len(columns) == 1:
        return [columns[0]] * len(rows)
    cells = [indexed[c].iloc[rows].to_numpy(dtype=object) for c in columns]
    return [
        next(
            (c for c, column in zip(columns, cells, strict=True) if is_blank(column[k])),
            columns[0],
        )
        for k in range(len(rows))
    ]


def _gate_numbers(
    gate: Gate, column: str, cells: NDArray[np.object_], table: pd.DataFrame
) -> NDArray[np.float64]:
    """The cells of a raw column a ``min``/``max`` gate tests, as numbers."""
    try:
        return parse_numbers(cells)
    except ValueError as exc:
        bad = exc.args[0]
        raise DataError(
            msg(
                "scoring.matrix.gate_numbers.problem",
                "the gate {describe!r} needs numbers",
                describe=gate.describe(),
            ),
            where=msg(
                "scoring.matrix.gate_numbers.where",
                "column {column!r}, producers {items}",
                column=column,
                items=", ".join(str(table.index[i]) for i in bad[:_MAX_LISTED]),
            ),
            expected=msg("scoring.matrix.gate_numbers.expected", "numbers"),
            found=", ".join(repr(cells[i]) for i in bad[:_MAX_LISTED]),
        ) from None


def _gate_failures(
    gate: Gate,
    table: pd.DataFrame,
    grid: Grid,
    values: NDArray[np.float64],
    judged: Judgments | None = None,
) -> tuple[NDArray[np.intp], list[Any], NDArray[np.intp]]:
    """(failing rows, the value each failing row has, blank rows) for one gate.

    `values` is the (criteria × producers) matrix of encoded values. A gate on
    a judged criterion tests its majority grade: as a word of the scale for
    ``in`` / ``not_in``, as a position (0 = worst) for ``min`` / ``max`` (the
    mean or median under those aggregates).
    """
    if judged is not None and gate.criterion in judged.keys:
        return _judged_gate_failures(gate, judged)
    if gate.criterion is not None:
        j = grid.keys.index(gate.criterion)
        column = grid.criteria[j].kind.columns[0]
    else:
        j, column = -1, str(gate.column)
    numeric = gate.min is not None or gate.max is not None
    words = gate.allowed is not None or gate.refused is not None
    # The raw cells are needed for words, and for the numbers of a raw column.
    cells = table[column].to_numpy(dtype=object) if words or j < 0 else np.empty(0, dtype=object)
    fails = np.zeros(len(table), dtype=bool)
    number = np.empty(0)
    if numeric:
        number = values[j] if j >= 0 else _gate_numbers(gate, column, cells, table)
        blank = np.isnan(number)
        with np.errstate(invalid="ignore"):
            if gate.min is not None:
                fails |= number < gate.min
            if gate.max is not None:
                fails |= number > gate.max
    if words:
        codes, groups = distinct_cells(cells)  # each distinct cell is read once
        if not numeric:
            blank = np.array([is_blank(c) for c in groups], dtype=bool).take(codes)
        fails |= _word_failures(gate, codes, groups)
    failing = np.flatnonzero(fails & ~blank)
    if numeric:
        shown: list[Any] = number[failing].tolist()
    else:
        shown = [str(c).strip() for c in cells[failing]]
    return failing, shown, np.flatnonzero(blank)


def _judged_gate_failures(
    gate: Gate, judged: Judgments
) -> tuple[NDArray[np.intp], list[Any], NDArray[np.intp]]:
    """:func:`_gate_failures` for a gate on a judged criterion."""
    key = str(gate.criterion)
    number = judged.grades[:, judged.keys.index(key)]
    blank = np.isnan(number)
    fails = np.zeros(len(number), dtype=bool)
    with np.errstate(invalid="ignore"):
        if gate.min is not None:
            fails |= number < gate.min
        if gate.max is not None:
            fails |= number > gate.max
    words = judged.words(key)
    if gate.allowed is not None or gate.refused is not None:
        codes, groups = distinct_cells(words)
        fails |= _word_failures(gate, codes, groups)
    failing = np.flatnonzero(fails & ~blank)
    numeric = gate.min is not None or gate.max is not None
    shown: list[Any] = number[failing].tolist() if numeric else words[failing].tolist()
    return failing, shown, np.flatnonzero(blank)


def _policy(criterion: Criterion, grid: Grid) -> MissingPolicy:
    """What a blank does for `criterion`: its own policy, else the grid's.

    For a judged criterion a blank is a producer with too few grades: unless the
    criterion says otherwise, it is left out (ineligible, with the reason), not
    raised and not counted as the worst grade (the grid's policy is about the
    table's cells).
    """
    if criterion.missing is not None:
        return criterion.missing
    return MissingPolicy.EXCLUDE if criterion.kind.nature is Nature.JUDGED else grid.missing


def _too_few(judged: Judgments, criterion: Criterion, rows: NDArray[np.intp]) -> list[Message]:
    """The reason of each producer of `rows` that has too few grades on `criterion`."""
    j = judged.keys.index(criterion.key)
    needed = judged.kinds[j].min_grades
    return [
        msgn(
            "reason.too_few_grades",
            "{count} grade for “{label}” (at least {needed} needed)",
            "{count} grades for “{label}” (at least {needed} needed)",
            count=int(judged.graded[i, j]),
            label=criterion.label,
            needed=needed,
        )
        for i in rows.tolist()
    ]


def _word_failures(gate: Gate, codes: NDArray[np.intp], groups: list[Any]) -> NDArray[np.bool_]:
    """Cells outside the gate's ``allowed`` words or among its ``refused`` ones."""
    folded = [fold(str(cell)) for cell in groups]
    fails = np.zeros(len(groups), dtype=bool)
    if gate.allowed is not None:
        allowed = {fold(word) for word in gate.allowed}
        fails |= [text not in allowed for text in folded]
    if gate.refused is not None:
        refused = {fold(word) for word in gate.refused}
        fails |= [text in refused for text in folded]
    return fails.take(codes)


def _apply_gates(
    grid: Grid,
    indexed: pd.DataFrame,
    table: pd.DataFrame,
    values: NDArray[np.float64],
    reasons: _Reasons,
    judged: Judgments | None = None,
) -> list[tuple[int, str]]:
    """Give a reason to every producer that fails a gate, or cannot be checked for a blank.

    Returns the (row, column) of blank cells that a gate needs under ``missing: raise``.
    """
    gate_blanks: list[tuple[int, str]] = []
    for gate in grid.eligibility:
        try:
            failing, shown, blank_rows = _gate_failures(gate, indexed, grid, values, judged)
        except DataError as exc:
            raise _in_table(exc, table) from None
        if gate.criterion is not None:
            criterion = grid.criteria[grid.keys.index(gate.criterion)]
            condition = gate.condition(criterion.label)
            policy = _policy(criterion, grid)
            if judged is not None and criterion.key in judged.keys:
                if policy is not MissingPolicy.RAISE:  # raised with the criterion's blanks
                    reasons.add(
                        blank_rows,
                        [
                            msg(
                                "reason.gate_too_few_grades",
                                "{reason}: cannot check {condition}",
                                reason=reason,
                                condition=condition,
                            )
                            for reason in _too_few(judged, criterion, blank_rows)
                        ],
                    )
                blank_rows = np.empty(0, dtype=np.intp)
            names = _blank_names(indexed, criterion.kind.columns, blank_rows)
        else:
            condition = gate.condition()
            policy, names = grid.missing, [str(gate.column)] * len(blank_rows)
        numeric = gate.min is not None or gate.max is not None
        reasons.add(
            failing,
            [
                msg(
                    "reason.gate_failed_number",
                    "fails {condition} (has {value:.4g})",
                    condition=condition,
                    value=v,
                )
                if numeric
                else msg(
                    "reason.gate_failed",
                    "fails {condition} (has {value})",
                    condition=condition,
                    value=v,
                )
                for v in shown
            ],
        )
        if policy is MissingPolicy.RAISE:
            gate_blanks += list(zip(blank_rows.tolist(), names, strict=True))
        else:
            reasons.add(
                blank_rows,
                [
                    msg(
                        "reason.gate_blank",
                        "blank “{column}”: cannot check {condition}",
                        column=name,
                        condition=condition,
                    )
                    for name in names
                ],
            )
    return gate_blanks


def _refuse_blanks(
    table: pd.DataFrame,
    indexed: pd.DataFrame,
    grid: Grid,
    blank: NDArray[np.bool_],
    passed_gates: NDArray[np.bool_],
    gate_blanks: list[tuple[int, str]],
) -> None:
    """Raise on the blank cells of producers that passed the gates, where blanks are refused."""
    raised: set[tuple[int, str]] = set()
    for j, criterion in enumerate(grid.criteria):
        if criterion.kind.nature is Nature.JUDGED:
            continue  # too few grades: see _refuse_too_few
        if _policy(criterion, grid) is MissingPolicy.RAISE:
            rows = np.flatnonzero(blank[j] & passed_gates)
            names = _blank_names(indexed, criterion.kind.columns, rows)
            raised.update(zip(rows.tolist(), names, strict=True))
    raised |= {(i, column) for i, column in gate_blanks if passed_gates[i]}
    to_raise = sorted(raised)
    if to_raise:
        ids = indexed.index
        raise DataError(
            msgn(
                "scoring.matrix.refuse_blanks.problem",
                "{count} blank cell where the grid refuses blanks (`missing: raise`)",
                "{count} blank cells where the grid refuses blanks (`missing: raise`)",
                count=len(to_raise),
            ),
            where=msgn(
                "scoring.matrix.refuse_blanks.where",
                "{source}, producer {blanks}",
                "{source}, producers {blanks}",
                count=len({i for i, _ in to_raise}),
                source=_source(table),
                blanks=_describe_blanks(ids, to_raise),
            ),
            expected=msg(
                "scoring.matrix.refuse_blanks.expected", "a value in every cell the grid reads"
            ),
            found=msg("scoring.matrix.refuse_blanks.found", "blank cells"),
            hint=msg(
                "scoring.matrix.refuse_blanks.hint",
                (
                    "fill them in, or set `missing: worst` (count a blank as the worst value) or"
                    " `missing: exclude` (leave the producer out) in the grid or on the "
                    "criterion"
                ),
            ),
        )


def _impute_worst(
    table: pd.DataFrame,
    grid: Grid,
    values: NDArray[np.float64],
    bounds: NDArray[np.float64],
    blank: NDArray[np.bool_],
    eligible: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """Fill the blanks of eligible producers under ``missing: worst``, in place; where filled.

    `values` and `blank` are (criteria × producers); so is the result.
    """
    imputed = np.zeros(blank.shape, dtype=bool)
    for j, criterion in enumerate(grid.criteria):
        if _policy(criterion, grid) is not MissingPolicy.WORST:
            continue
        holes = blank[j] & eligible
        if not holes.any():
            continue
        observed = values[j, eligible & ~blank[j]]
        if not np.isnan(bounds[j]).any():
            worst = bounds[j, 0] if criterion.direction is Direction.MAX else bounds[j, 1]
        elif observed.size:
            worst = observed.min() if criterion.direction is Direction.MAX else observed.max()
        else:
            raise DataError(
                msg(
                    "scoring.matrix.impute_worst.problem",
                    "criterion {key!r} is blank for every eligible producer",
                    key=criterion.key,
                ),
                where=msg(
                    "scoring.matrix.impute_worst.where",
                    "{source}, column {columns!r}",
                    source=_source(table),
                    columns=criterion.kind.columns[0],
                ),
                expected=msg(
                    "scoring.matrix.impute_worst.expected",
                    "at least one value, or a declared `scale:` to take the worst from",
                ),
                found=msg("scoring.matrix.impute_worst.found", "only blank cells"),
            )
        values[j, holes] = worst
        imputed[j, holes] = True
    return imputed


def build_matrix(table: pd.DataFrame, grid: Grid, *, judgments: Any = None) -> DecisionMatrix:
    """Check `table` against `grid` and build the decision matrix.

    Parameters
    ----------
    table : DataFrame
        As returned by :func:`selection.read_table` (cleaned headers).
    grid : Grid
    judgments : path, DataFrame, JudgmentRecords or Judgments, optional
        The members' grades, required when the grid has judged criteria
        (:func:`selection.judgments.aggregate_judgments` checks them against the
        grid and the table's producers and aggregates them).

    A producer with too few grades on a judged criterion (below its
    ``min_grades``) is ineligible, with the reason, unless the criterion sets
    ``missing:`` itself: ``worst`` counts it as the scale's worst grade,
    ``raise`` makes it an error (the grid's own ``missing:`` is about the
    table's blank cells and does not apply to grades).

    Raises
    ------
    DataError
        A missing column, a blank or duplicate id, a cell that does not parse, a
        blank cell under the ``raise`` policy; the message names the producers
        and the columns. Judged criteria without judgements, or judgements that
        do not fit the grid or the producers.
    """
    table = matched_columns(table, grid)
    _check_columns(table, grid)
    ids = _ids(table, grid)
    indexed = table.set_axis(ids, axis=0)
    judged = _judged(judgments, grid, ids)
    values, bounds = _encode(indexed, table, grid, judged)  # criteria × producers
    blank = np.isnan(values)

    # Gates first: a producer that fails a gate is out, whatever its blank cells.
    reasons = _Reasons(len(ids))
    gate_blanks = _apply_gates(grid, indexed, table, values, reasons, judged)
    passed_gates = ~reasons.given
    _refuse_blanks(table, indexed, grid, blank, passed_gates, gate_blanks)
    if judged is not None:
        _refuse_too_few(grid, judged, blank, passed_gates)
    for j, criterion in enumerate(grid.criteria):
        if _policy(criterion, grid) is MissingPolicy.EXCLUDE:
            rows = np.flatnonzero(blank[j] & passed_gates)
            if judged is not None and criterion.key in judged.keys:
                reasons.add(rows, _too_few(judged, criterion, rows))
                continue
            names = _blank_names(indexed, criterion.kind.columns, rows)
            reasons.add(
                rows, [msg("reason.blank", "blank “{column}”", column=name) for name in names]
            )

    eligible = ~reasons.given
    imputed = _impute_worst(table, grid, values, bounds, blank, eligible)
    return DecisionMatrix(
        ids=ids,
        keys=tuple(grid.keys),
        values=values.T,
        eligible=eligible,
        reasons=reasons.as_tuples(),
        imputed=imputed.T,
        bounds=bounds,
        directions=grid.directions,
        warnings=_outside_scale(grid, ids, values, bounds, eligible),
        judgments=judged,
    )


def _judged(judgments: Any, grid: Grid, ids: pd.Index) -> Judgments | None:
    """The members' grades aggregated for the judged criteria of `grid` (None if it has none)."""
    judged = [c for c in grid.criteria if c.kind.nature is Nature.JUDGED]
    if not judged:
        if judgments is not None:
            aggregate_judgments(judgments, grid, ids=ids)  # says that nothing is judged
        return None
    if judgments is None:
        raise DataError(
            msgn(
                "scoring.matrix.no_judgments.problem",
                "criterion {keys} is judged by members, but no judgements were given",
                "criteria {keys} are judged by members, but no judgements were given",
                count=len(judged),
                keys=", ".join(repr(c.key) for c in judged),
            ),
            where=grid.source or grid.name,
            expected=msg(
                "scoring.matrix.no_judgments.expected",
                "the members' grades: a judgements file (CSV, workbook or "
                "`format: selection/judgments@1`)",
            ),
            found=msg("scoring.matrix.no_judgments.found", "no judgements"),
            hint=msg(
                "scoring.matrix.no_judgments.hint",
                "give them with `judgments=` (selection.rank, selection.prepare)",
            ),
        )
    if isinstance(judgments, Judgments):
        same = judgments.ids.equals(pd.Index([str(i) for i in ids])) and judgments.keys == tuple(
            c.key for c in judged
        )
        if same and judgments.kinds == tuple(c.kind for c in judged):
            return judgments
        judgments = judgments.records
    return aggregate_judgments(judgments, grid, ids=ids)


def _refuse_too_few(
    grid: Grid, judged: Judgments, blank: NDArray[np.bool_], passed_gates: NDArray[np.bool_]
) -> None:
    """Raise where a judged criterion with ``missing: raise`` has producers with too few grades."""
    for j, criterion in enumerate(grid.criteria):
        if criterion.key not in judged.keys or _policy(criterion, grid) is not MissingPolicy.RAISE:
            continue
        rows = np.flatnonzero(blank[j] & passed_gates)
        if not rows.size:
            continue
        k = judged.keys.index(criterion.key)
        shown = [
            msg(
                "scale.cell",
                "{id} ({value:.4g})",
                id=str(judged.ids[i]),
                value=int(judged.graded[i, k]),
            )
            for i in rows[:_MAX_LISTED].tolist()
        ]
        raise DataError(
            msgn(
                "scoring.matrix.too_few.problem",
                "{count} producer has too few grades for {label!r} (`missing: raise`)",
                "{count} producers have too few grades for {label!r} (`missing: raise`)",
                count=int(rows.size),
                label=criterion.label,
            ),
            where=judged.records.source,
            expected=msg(
                "scoring.matrix.too_few.expected",
                "at least {needed} grades per producer",
                needed=judged.kinds[k].min_grades,
            ),
            found=msg("scale.cells", "{items:list}", items=shown)
            if rows.size <= _MAX_LISTED
            else msg("scale.cells_more", "{items:list}…", items=shown),
            hint=msg(
                "scoring.matrix.too_few.hint",
                "collect more grades, or set `missing: exclude` (leave the producer out) or "
                "`missing: worst` (count the worst grade) on the criterion",
            ),
        )


def _outside_scale(
    grid: Grid,
    ids: pd.Index,
    values: NDArray[np.float64],
    bounds: NDArray[np.float64],
    eligible: NDArray[np.bool_],
) -> tuple[Message, ...]:
    """One warning per criterion with eligible producers' values outside its declared scale."""
    out = []
    for j, criterion in enumerate(grid.criteria):
        low, high = bounds[j]
        if np.isnan(low) or np.isnan(high) or criterion.kind.nature.worded:
            continue
        row = values[j]
        outside = np.flatnonzero(eligible & ~np.isnan(row) & ((row < low) | (row > high)))
        if not outside.size:
            continue
        listed = [
            msg("scale.cell", "{id} ({value:.4g})", id=str(ids[i]), value=float(row[i]))
            for i in outside[:_MAX_LISTED]
        ]
        out.append(
            msgn(
                "scale.outside",
                "{label}: {count} value outside the declared scale [{low:.4g}, {high:.4g}]: "
                "{cells} (the `scale` normalization counts it as the nearest bound)",
                "{label}: {count} values outside the declared scale [{low:.4g}, {high:.4g}]: "
                "{cells} (the `scale` normalization counts them as the nearest bound)",
                count=int(outside.size),
                label=criterion.label,
                low=float(low),
                high=float(high),
                cells=msg("scale.cells", "{items:list}", items=listed)
                if outside.size <= _MAX_LISTED
                else msg(
                    "scale.cells_more",
                    "{items:list}…",
                    items=listed,
                ),
            )
        )
    return tuple(out)


def _without(grid: Grid, keys: set[str], columns: set[str]) -> Grid | None:
    """`grid` without the criteria `keys`, nor what reads `columns`; None if nothing is left.

    For checking the rest of a table once its problems with some criteria are known.
    """
    dropped = set(keys) | {
        c.key for c in grid.criteria if any(column in columns for column in c.kind.columns)
    }
    batteries = []
    for battery in grid.batteries:
        kept = tuple(c for c in battery.criteria if c.key not in dropped)
        if kept:
            batteries.append(dataclasses.replace(battery, criteria=kept, weight=1.0))
    gates = tuple(
        g
        for g in grid.eligibility
        if (g.criterion is None or g.criterion not in dropped)
        and (g.column is None or g.column not in columns)
    )
    select = grid.select
    if select is not None and set(select.columns) & columns:
        select = None
    if not batteries:
        return None
    try:
        return dataclasses.replace(
            grid,
            batteries=tuple(batteries),
            eligibility=gates,
            select=select,
            name_column=None if grid.name_column in columns else grid.name_column,
        )
    except SelectionError:
        return None


def matrix_problems(table: pd.DataFrame, grid: Grid) -> list[DataError]:
    """Every problem of `table` against `grid`, not only the first (for ``selection validate``).

    Missing columns (one problem listing them all), ids (blank or repeated: then
    nothing else can be checked), each criterion's cells that do not parse,
    each gate's, then blank cells refused by the grid: the criteria already at
    fault are set aside before checking the rest. Empty when
    :func:`build_matrix` would succeed. Judged criteria are left out: the
    members' grades are checked with them (:func:`selection.judgments.aggregate_judgments`).

    Examples
    --------
    >>> import selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> frame = pd.read_csv(selection.example_producers_path(), sep=";", dtype=str)
    >>> frame.loc[0, "price_index"] = "cher"
    >>> frame.loc[1, "payment_days"] = "beaucoup"
    >>> [problem.path for problem in matrix_problems(frame, grid)]
    ['price', 'payment']
    """
    table = matched_columns(table, grid)
    problems: list[DataError] = []
    judged = {c.key for c in grid.criteria if c.kind.nature is Nature.JUDGED}
    if judged:
        measured = _without(grid, judged, set())
        if measured is None:  # every criterion is judged: only the ids are read
            try:
                _check_columns(table, grid)
                _ids(table, grid)
            except DataError as exc:
                problems.append(exc)
            return problems
        grid = measured
    missing: set[str] = set()
    try:
        _check_columns(table, grid)
    except DataError as exc:
        problems.append(exc)
        present = {str(c) for c in table.columns}
        wanted = {grid.id_column, *(c for k in grid.criteria for c in k.kind.columns)}
        wanted |= {g.column for g in grid.eligibility if g.column is not None}
        missing = {c for c in wanted if c not in present}
        if grid.id_column in missing:
            return problems
    reduced = _without(grid, set(), missing) if missing else grid
    if reduced is None:
        return problems
    try:
        ids = _ids(table, reduced)
    except DataError as exc:
        problems.append(exc)
        return problems
    indexed = table.set_axis(ids, axis=0)
    bad: set[str] = set()
    for criterion in reduced.criteria:
        columns = [indexed[c] for c in criterion.kind.columns]
        try:
            criterion.kind.encode(*columns, key=criterion.key)
        except DataError as exc:
            error = _in_table(exc, table)
            error.path = criterion.key
            problems.append(error)
            bad.add(criterion.key)
    checked = _without(reduced, bad, missing) if bad else reduced
    for _ in range(len(reduced.eligibility) + 2):
        if checked is None:
            break
        try:
            build_matrix(table, checked)
        except DataError as exc:
            problems.append(exc)
            gate_columns = {g.column for g in checked.eligibility if g.column is not None}
            culprit = next((g for g in gate_columns if g in (exc.where or "")), None)
            if culprit is None:
                break
            checked = _without(checked, set(), {culprit})
            continue
        break
    return problems
