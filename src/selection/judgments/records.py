"""Reading members' judgements: a table (CSV, workbook, DataFrame) or a YAML file.

A judgement is one member's grade for one producer on one judged criterion.
Three layouts are read:

- a **long table**, one judgement per row, with the columns ``member``,
  ``producer``, ``criterion`` and ``grade``; headers are matched as the
  producer table's are (no case, accents, spaces or punctuation), in English
  or French: ``membre``, ``producteur`` or ``lieu`` (or the grid's id column),
  ``critère``, ``note`` or ``mention``;
- a **wide table**, one row per member and producer, one column per judged
  criterion (headed by its key or its label), as a committee's spreadsheet
  often is;
- a **YAML file** ``format: selection/judgments@1``::

      format: selection/judgments@1
      grid: Caisse alimentaire commune (illustrative)   # optional, checked
      anonymous: true            # optional: the report shows no member's name
      judgments:
        - {member: Amina, producer: L01, criterion: welcome, grade: très bien}
        - {member: Amina, producer: L02, criterion: welcome, grade: passable}

  or nested, member → producer → criterion → grade::

      judgments:
        Amina:
          L01: {welcome: très bien, commitment: bien}
          L02: {welcome: passable}

A blank grade (an empty cell, ``grade:`` with nothing, ``null``) is no grade:
the member did not judge that producer on that criterion, as if the line were
not there. Nothing is checked against the grid here but the file's own
structure; :func:`~selection.judgments.aggregate_judgments` checks the
criteria, the grades and the producers, naming the file and the line or row of
each mistake.

Examples
--------
>>> import pandas as pd
>>> records = read_judgments(pd.DataFrame({
...     "Membre": ["Amina", "Marc"], "Lieu": ["L01", "L01"],
...     "Critère": ["welcome", "welcome"], "Mention": ["bien", ""]}))
>>> records
<JudgmentRecords: 2 lines from the DataFrame, 2 members, 1 graded>
>>> records.frame["grade"].tolist(), records.where(1, "grade")
(['bien', None], "the DataFrame, row 3, column 'Mention'")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..documents import DocumentReader, Source, parse_yaml
from ..errors import DataError, GridError
from ..files import read_utf8
from ..grid import FORMAT as GRID_FORMAT
from ..grid import Grid, Nature
from ..messages import Message, msg, msgn, render
from ..table import is_blank, read_table
from ..table.headers import matches
from ..validators import shorten

__all__ = ["FIELDS", "FORMAT", "JudgmentRecords", "read_judgments"]

#: The format header of a judgements file.
FORMAT = "selection/judgments@1"

#: The four fields of a judgement.
FIELDS = ("member", "producer", "criterion", "grade")

#: Other names of the fields in a table's header (compared without case, accents, spaces).
ALIASES: dict[str, tuple[str, ...]] = {
    "member": ("membre", "juge", "judge", "votant", "voter", "évaluateur", "evaluator"),
    "producer": ("producteur", "lieu", "place", "producer_id", "id", "identifiant"),
    "criterion": ("critère", "criteria", "critères"),
    "grade": ("note", "mention", "appréciation", "evaluation", "évaluation"),
}

_FILE_KEYS = ("format", "grid", "description", "anonymous", "judgments")

#: A source of judgements: a file, a DataFrame, or records already read.
Judgments = Any


def _text(cell: object) -> str:
    """A cell as text: ``12`` for the number 12.0, else the cell stripped."""
    if isinstance(cell, np.generic):
        cell = cell.item()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _texts(column: pd.Series, blank: str | None) -> pd.Series:
    """Cells as text (:func:`_text`), `blank` for blank cells; each distinct cell read once."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    words = np.array([blank if is_blank(c) else _text(c) for c in uniques] + [blank], dtype=object)
    return pd.Series(words.take(codes), dtype=object)  # the sentinel -1 takes the last


@dataclass(frozen=True, eq=False)
class JudgmentRecords:
    """Judgements as read, one per row, not yet checked against a grid.

    Attributes
    ----------
    frame : DataFrame
        Columns ``member``, ``producer``, ``criterion`` (text, stripped) and
        ``grade`` (the word as written, or None for no grade).
    source : str
        The file (or "the DataFrame").
    grid : str or None
        The grid's name the file says it was written for (``grid:``).
    anonymous : bool
        Whether the committee asked that no member's name be shown.
    """

    frame: pd.DataFrame
    source: str
    grid: str | None = None
    anonymous: bool = False
    places: _Places | None = None

    def where(self, row: int, field: str) -> str:
        """Where the `field` of judgement `row` (0-based) is: file and line, or file and row."""
        return self.where_all([row], field)

    def where_all(self, rows: Sequence[int], field: str) -> str:
        """Where the `field` of judgements `rows` are (the first few, and how many in all)."""
        if self.places is not None:
            return self.places.where(list(rows), field)
        return render(
            msg(
                "judgments.where_line",
                "{source}, judgement {number}",
                source=self.source,
                number=_numbers([r + 1 for r in rows]),
            )
        )

    def line(self, row: int, field: str) -> int | None:
        """The line of a YAML file the `field` of judgement `row` is on (None for a table)."""
        return self.places.line(row, field) if self.places is not None else None

    @property
    def members(self) -> list[str]:
        """The members, in order of first appearance."""
        return list(dict.fromkeys(self.frame["member"].tolist()))

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        graded = int(self.frame["grade"].notna().sum())
        return (
            f"<JudgmentRecords: {len(self)} lines from {self.source}, {len(self.members)} "
            f"members, {graded} graded>"
        )


# -- where each judgement is ----------------------------------------------------------------

_SHOWN = 3


def _numbers(numbers: list[int]) -> str:
    """``5, 9, 12`` or ``5, 9, 12, … (14 in all)``."""
    shown = ", ".join(str(n) for n in numbers[:_SHOWN])
    if len(numbers) > _SHOWN:
        shown = render(
            msg("listing.more", "{shown}, … ({count} in all)", shown=shown, count=len(numbers))
        )
    return shown


class _Places(Protocol):
    def where(self, rows: list[int], field: str) -> str: ...

    def line(self, row: int, field: str) -> int | None: ...


@dataclass(frozen=True)
class _TablePlaces:
    """Rows of a table (numbered as a spreadsheet shows them) and the column of each field."""

    source: str
    rows: NDArray[Any]
    headers: dict[str, str]
    by_criterion: dict[str, str]  # one column per criterion: key → header
    criteria: NDArray[np.object_]

    def where(self, rows: list[int], field: str) -> str:
        header = self.headers.get(field, field)
        if self.by_criterion and field in ("criterion", "grade") and rows:
            header = self.by_criterion[self.criteria[rows[0]]]
        numbers = [int(self.rows[r]) for r in rows]
        return render(
            msgn(
                "judgments.where_row",
                "{source}, row {rows}, column {column!r}",
                "{source}, rows {rows}, column {column!r}",
                count=len(numbers),
                source=self.source,
                rows=_numbers(numbers),
                column=header,
            )
        )

    def line(self, row: int, field: str) -> int | None:
        return None


@dataclass(frozen=True)
class _YamlPlaces:
    """The YAML path of each field of each judgement, and the document's lines."""

    src: Source
    paths: list[tuple[str, str, str, str]]

    def path(self, row: int, field: str) -> str:
        return self.paths[row][FIELDS.index(field)]

    def where(self, rows: list[int], field: str) -> str:
        if len(rows) == 1:
            return self.src.where(self.path(rows[0], field))
        lines = [self.src.line_of(self.path(r, field)) or 0 for r in rows]
        return render(
            msg(
                "judgments.where_lines",
                "{source}, lines {lines}",
                source=self.src.name,
                lines=_numbers(lines),
            )
        )

    def line(self, row: int, field: str) -> int | None:
        return self.src.line_of(self.path(row, field))


# -- tables ------------------------------------------------------------------------------------


def _missing_columns(present: list[str], wanted: list[str], source: str) -> DataError:
    return DataError(
        msg("judgments.columns.problem", "the judgements lack columns"),
        where=msg("where.header", "{file}, header", file=source),
        expected=msg(
            "judgments.columns.expected",
            "columns member, producer, criterion and grade (membre, producteur or lieu, "
            "critère, note or mention), or member, producer and one column per judged "
            "criterion",
        ),
        found=msg(
            "judgments.columns.found",
            "columns {items}; missing: {missing}",
            items=", ".join(repr(c) for c in present),
            missing=", ".join(wanted),
        ),
        hint=msg(
            "judgments.columns.hint",
            "rename the headers, e.g. `membre;lieu;critère;mention` for one judgement per row",
        ),
    )


def _judged_columns(grid: Grid | None, present: list[str]) -> dict[str, str]:
    """Headers of `present` that name a judged criterion of `grid` (by key or label)."""
    if grid is None:
        return {}
    wanted = {c.key: [c.label] for c in grid.criteria if c.kind.nature is Nature.JUDGED}
    exact = {c: c for c in present if c in wanted}
    return exact | matches(present, wanted)


def _from_table(table: pd.DataFrame, source: str, grid: Grid | None) -> JudgmentRecords:
    present = [str(c) for c in table.columns]
    wanted: dict[str, list[str]] = {field: list(ALIASES[field]) for field in FIELDS}
    if grid is not None:
        wanted["producer"].append(grid.id_column)
    renames = matches(present, wanted)
    table = table.rename(columns=renames)
    headers = {new: old for old, new in renames.items()} | {f: f for f in FIELDS if f in present}
    columns = [str(c) for c in table.columns]
    by_criterion: dict[str, str] = {}  # wide layout: criterion key → its column's header
    if all(f in columns for f in FIELDS):
        long = table[list(FIELDS)]
    else:
        judged = _judged_columns(grid, columns)
        if any(f not in columns for f in ("member", "producer")) or not judged:
            raise _missing_columns(present, [f for f in FIELDS if f not in columns], source)
        parts = []
        for header, key in judged.items():
            part = table[["member", "producer", header]].rename(columns={header: "grade"})
            part.insert(2, "criterion", key)
            parts.append(part)
            by_criterion[key] = header
        long = pd.concat(parts)
    rows = long.index.to_numpy()
    frame = pd.DataFrame(
        {
            "member": _texts(long["member"], ""),
            "producer": _texts(long["producer"], ""),
            "criterion": _texts(long["criterion"], ""),
            "grade": _texts(long["grade"], None),
        },
        columns=list(FIELDS),
    )
    places = _TablePlaces(
        source, rows, headers, by_criterion, frame["criterion"].to_numpy(dtype=object)
    )
    _check_table_cells(frame, places)
    return JudgmentRecords(frame=frame, source=source, places=places)


def _check_table_cells(frame: pd.DataFrame, places: _Places) -> None:
    """Every judgement names its member, producer and criterion (a blank grade is allowed)."""
    for field in ("member", "producer", "criterion"):
        blank = np.flatnonzero(frame[field].to_numpy(dtype=object) == "")
        if blank.size:
            raise DataError(
                msg(
                    "judgments.blank_cell.problem",
                    "a judgement without its {field}",
                    field=_field_name(field),
                ),
                where=places.where(blank.tolist(), field),
                expected=msg(
                    "judgments.blank_cell.expected",
                    "a member, a producer and a criterion on every line (the grade may be blank)",
                ),
                found=msg("judgments.blank_cell.found", "a blank cell"),
                hint=msg(
                    "judgments.blank_cell.hint",
                    "fill it in, or delete the line if it holds no judgement",
                ),
            )


def _field_name(field: str) -> Message:
    return {
        "member": msg("judgments.field.member", "member"),
        "producer": msg("judgments.field.producer", "producer"),
        "criterion": msg("judgments.field.criterion", "criterion"),
        "grade": msg("judgments.field.grade", "grade"),
    }[field]


# -- YAML --------------------------------------------------------------------------------------


class _JudgmentsReader(DocumentReader):
    """The structure of a ``selection/judgments@1`` file."""

    error = DataError

    def document(self, data: Any) -> JudgmentRecords:
        if not isinstance(data, dict):
            raise self.fail(
                "",
                msg("judgments.yaml.not_a_file", "this is not a judgements file"),
                expected=msg(
                    "judgments.yaml.expected",
                    "`key: value` lines starting with `format: {format}`",
                    format=FORMAT,
                ),
                found=msg("judgments.yaml.nothing", "nothing")
                if data is None
                else f"{type(data).__name__} {shorten(data)}",
            )
        fmt = data.get("format")
        if fmt != FORMAT:
            raise self.fail(
                "format",
                msg("judgments.yaml.format", "missing or unsupported format header")
                if fmt is None
                else msg("judgments.yaml.format_other", "unsupported format"),
                expected=msg("judgments.yaml.format_expected", "format: {format}", format=FORMAT),
                found=msg("judgments.yaml.no_format", "no `format:` line")
                if fmt is None
                else repr(fmt),
                hint=msg(
                    "judgments.yaml.grid_hint",
                    "this is a grid file: give the grid separately, and the judgements here",
                )
                if fmt == GRID_FORMAT
                else msg(
                    "judgments.yaml.format_hint",
                    "start the file with `format: {format}`",
                    format=FORMAT,
                ),
            )
        doc = self.mapping(data, "", _FILE_KEYS)
        anonymous = doc.get("anonymous", False)
        if not isinstance(anonymous, bool):
            raise self.fail(
                "anonymous",
                msg("judgments.yaml.anonymous", "`anonymous:` is true or false"),
                expected=msg("judgments.yaml.anonymous_expected", "true or false"),
                found=shorten(anonymous),
            )
        grid = self.text(doc["grid"], "grid").strip() if doc.get("grid") is not None else None
        items = doc.get("judgments")
        rows: list[tuple[Any, Any, Any, Any]] = []
        paths: list[tuple[str, str, str, str]] = []
        if isinstance(items, list):
            for i, item in enumerate(items):
                path = f"judgments[{i}]"
                entry = self.mapping(item, path, FIELDS)
                for field in FIELDS[:3]:
                    if entry.get(field) is None or str(entry[field]).strip() == "":
                        raise self.fail(
                            f"{path}.{field}" if field in entry else path,
                            msg(
                                "judgments.blank_cell.problem",
                                "a judgement without its {field}",
                                field=_field_name(field),
                            ),
                            expected=msg(
                                "judgments.yaml.entry_expected",
                                "`{{member: ..., producer: ..., criterion: ..., grade: ...}}`",
                            ),
                            found=shorten(item),
                        )
                rows.append(
                    (entry["member"], entry["producer"], entry["criterion"], entry.get("grade"))
                )
                at = [f"{path}.{f}" if f in entry else path for f in FIELDS]
                paths.append((at[0], at[1], at[2], at[3]))
        elif isinstance(items, dict):
            for member, producers in items.items():
                base = f"judgments.{member}"
                for producer, criteria in self.mapping(
                    producers, base, tuple(producers) if isinstance(producers, dict) else ()
                ).items():
                    where = f"{base}.{producer}"
                    graded = self.mapping(
                        criteria, where, tuple(criteria) if isinstance(criteria, dict) else ()
                    )
                    for criterion, grade in graded.items():
                        rows.append((member, producer, criterion, grade))
                        path = f"{where}.{criterion}"
                        paths.append((base, where, path, path))
        else:
            raise self.fail(
                "judgments",
                msg("judgments.yaml.no_list", "expected the judgements"),
                expected=msg(
                    "judgments.yaml.list_expected",
                    "a list of `- {{member: ..., producer: ..., criterion: ..., grade: ...}}`, "
                    "or member → producer → criterion → grade",
                ),
                found=shorten(items) if "judgments" in doc else msg("judgments.yaml.none", "none"),
            )
        for (_, _, _, grade), (_, _, _, path) in zip(rows, paths, strict=True):
            if isinstance(grade, dict | list):
                raise self.fail(
                    path,
                    msg("judgments.yaml.grade_text", "a grade is a word"),
                    expected=msg("judgments.yaml.grade_expected", "a word of the grid's scale"),
                    found=shorten(grade),
                )
        frame = pd.DataFrame(
            {
                "member": [_text(r[0]) for r in rows],
                "producer": [_text(r[1]) for r in rows],
                "criterion": [_text(r[2]) for r in rows],
                "grade": pd.Series(
                    [None if is_blank(r[3]) else _text(r[3]) for r in rows], dtype=object
                ),
            },
            columns=list(FIELDS),
        )
        return JudgmentRecords(
            frame=frame,
            source=self.src.name,
            grid=grid,
            anonymous=anonymous,
            places=_YamlPlaces(self.src, paths),
        )


def parse_judgments(text: str, *, source: str = "<judgments>") -> JudgmentRecords:
    """The judgements of the text of a ``selection/judgments@1`` file.

    Examples
    --------
    >>> records = parse_judgments('''
    ... format: selection/judgments@1
    ... judgments:
    ...   Amina:
    ...     L01: {welcome: très bien, commitment: bien}
    ... ''', source="demo.yaml")
    >>> records.frame["grade"].tolist(), records.where(1, "grade")
    (['très bien', 'bien'], 'demo.yaml, line 5 (judgments.Amina.L01.commitment)')
    """
    try:
        data, src = parse_yaml(text, source)
    except GridError as exc:  # not YAML: say it as a data error
        raise DataError(
            exc.problem, where=exc.where, expected=exc.expected, found=exc.found, hint=exc.hint
        ) from None
    return _JudgmentsReader(src).document(data)


def read_judgments(judgments: Judgments, grid: Grid | None = None) -> JudgmentRecords:
    """Read members' judgements from a file or a DataFrame (their structure only).

    Parameters
    ----------
    judgments : path, DataFrame or JudgmentRecords
        A ``.yaml`` file (``format: selection/judgments@1``), a ``.csv`` /
        ``.xlsx`` / ``.ods`` table (one judgement per row, or one column per
        judged criterion), a DataFrame laid out the same way (never modified),
        or records already read (returned as they are).
    grid : Grid, optional
        Lets a table name its producers by the grid's id column, and head one
        column per judged criterion (by key or label).

    Returns
    -------
    JudgmentRecords

    Raises
    ------
    DataError
        The file is missing, unreadable, not a judgements file, or lacks columns.
    """
    if isinstance(judgments, JudgmentRecords):
        return judgments
    if isinstance(judgments, pd.DataFrame):
        table = read_table(judgments)
        table.attrs["from_file"] = False
        return _from_table(table, render(msg("where.dataframe", "the DataFrame")), grid)
    if isinstance(judgments, str | PathLike):
        file = Path(judgments)
        if file.suffix.lower() in (".yaml", ".yml"):
            text = read_utf8(
                file,
                error=DataError,
                what=msg("what.judgments_file", "the judgements file"),
            )
            return parse_judgments(text, source=str(file))
        table = read_table(file)
        return _from_table(table, str(file), grid)
    raise DataError(
        msg("judgments.read.problem", "cannot read judgements from this object"),
        where=msg("judgments.read.where", "the `judgments` argument"),
        expected=msg(
            "judgments.read.expected",
            "the path of a .yaml, .csv or .xlsx file of judgements, or a DataFrame",
        ),
        found=f"{type(judgments).__name__} {shorten(judgments)}",
    )
