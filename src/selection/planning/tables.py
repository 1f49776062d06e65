"""Reading a table of a plan: its columns under any spelling, its cells checked, errors that point.

A table is read like a producer table (:func:`selection.read_table`: a
DataFrame, a French ``.csv`` with ``;`` and decimal commas, or an ``.xlsx``);
:func:`open_table` finds its columns, and the :class:`Frame` it returns gives
the cells as text or numbers, checked. Every error names the file, the row (as
a spreadsheet numbers it) and the column. Headers match whatever their case,
accents and spaces; products are matched the same way (:func:`product_key`:
``Patate douce`` is ``patate-douce``).

The readers of the needs (:mod:`~selection.planning.needs`), the offers
(:mod:`~selection.planning.offers`) and the route costs
(:mod:`~selection.planning.costs`) share this machinery.

May import: numpy, pandas, and the base modules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..messages import Message, msg
from ..table import is_blank, parse_numbers, read_table
from ..validators import shorten

__all__ = ["Frame", "Table", "cells", "open_table", "product_key"]

#: What a table argument may be.
Table = pd.DataFrame | str | PathLike[str]


def _plain(text: object) -> str:
    """Without case, accents or punctuation, spaces collapsed: how headers and products match."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", bare).strip()


def product_key(name: object) -> str:
    """How products are matched: ``"Patate-douce "`` and ``"patate douce"`` are one product.

    Examples
    --------
    >>> product_key(" Patate-Douce "), product_key("Épinards")
    ('patate douce', 'epinards')
    """
    return _plain(name)


def _where(source: str, row: object, column: str) -> Message:
    return msg(
        "plan.inputs.cell",
        "{file}, row {row}, column {column!r}",
        file=source,
        row=row,
        column=column,
    )


@dataclass(frozen=True)
class Frame:
    """A table as read, its file, and where each of its expected columns is."""

    frame: pd.DataFrame
    source: str
    columns: dict[str, str]
    what: Message

    def has(self, name: str) -> bool:
        """Whether the table has the column `name` (under any of its spellings)."""
        return name in self.columns

    def fail(
        self,
        position: int,
        name: str,
        problem: Message,
        *,
        expected: Message | str | None = None,
        hint: Message | str | None = None,
        found: Message | str | None = None,
    ) -> DataError:
        """The error for the cell of column `name` at `position`, saying file, row and column."""
        column = self.columns.get(name, name)
        row = self.frame.index[position]
        cell = self.frame[column].iloc[position] if column in self.frame.columns else None
        return DataError(
            problem,
            where=_where(self.source, row, column),
            expected=expected,
            found=found if found is not None else shorten(cell),
            hint=hint,
        )

    def texts(self, name: str) -> list[str]:
        """The cells of a column as stripped text ("" when blank or absent)."""
        if name not in self.columns:
            return [""] * len(self.frame)
        return ["" if is_blank(v) else _text(v) for v in self.frame[self.columns[name]]]

    def required_texts(self, name: str) -> list[str]:
        """The cells of a column as stripped text; a blank one is an error."""
        texts = self.texts(name)
        for i, text in enumerate(texts):
            if not text:
                raise self.fail(
                    i,
                    name,
                    msg("plan.inputs.blank", "a blank {column!r}", column=name),
                    expected=msg("plan.inputs.blank_expected", "a value in every row"),
                    hint=msg("plan.inputs.blank_hint", "fill it in, or delete the row"),
                    found=msg("plan.inputs.blank_found", "a blank cell"),
                )
        return texts

    def numbers(
        self,
        name: str,
        *,
        required: bool,
        low: float = 0.0,
        positive: bool = False,
    ) -> np.ndarray:
        """A column of numbers ≥ `low` (> 0 when `positive`); blanks are NaN unless `required`."""
        if name not in self.columns:
            return np.full(len(self.frame), np.nan)
        cells = self.frame[self.columns[name]].to_numpy(dtype=object)
        try:
            values = parse_numbers(cells)
        except ValueError as exc:
            position = int(exc.args[0][0])
            raise self.fail(
                position,
                name,
                msg("plan.inputs.not_number", "{column!r} must be a number", column=name),
                expected=msg("plan.inputs.number_expected", "a number such as 12 or 2,5"),
            ) from None
        for blank in np.flatnonzero(np.isnan(values)) if required else ():
            raise self.fail(
                int(blank),
                name,
                msg("plan.inputs.blank", "a blank {column!r}", column=name),
                expected=msg("plan.inputs.blank_expected", "a value in every row"),
                hint=msg("plan.inputs.blank_hint", "fill it in, or delete the row"),
                found=msg("plan.inputs.blank_found", "a blank cell"),
            )
        bad = (values <= low) if positive else (values < low)
        for wrong in np.flatnonzero(bad & ~np.isnan(values)):
            raise self.fail(
                int(wrong),
                name,
                msg("plan.inputs.negative", "{column!r} out of range", column=name),
                expected=(
                    msg("plan.inputs.positive", "a number > {low:g}", low=low)
                    if positive
                    else msg("plan.inputs.at_least", "a number ≥ {low:g}", low=low)
                ),
            )
        return values


def _text(value: object) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def open_table(
    table: Table,
    spec: dict[str, tuple[str, ...]],
    required: Iterable[str],
    what: Message,
    *,
    may_be_empty: bool = False,
) -> Frame:
    """Read `table` and find its columns (by any spelling of `spec`); missing ones are errors."""
    if not isinstance(table, pd.DataFrame | str | PathLike):
        raise DataError(
            msg("plan.inputs.not_table", "cannot read {what} from this object", what=what),
            where=what,
            expected=msg(
                "plan.inputs.not_table_expected",
                "a pandas DataFrame or the path of a .csv or .xlsx file",
            ),
            found=type(table).__name__,
        )
    if isinstance(table, pd.DataFrame) and table.empty and may_be_empty:
        frame = pd.DataFrame({str(c): pd.Series(dtype=object) for c in table.columns})
        frame.attrs["source"] = "the DataFrame"
    else:
        try:
            frame = read_table(table)
        except DataError as exc:
            if exc.code != "table.reader.read_table.problem":  # not "a header only"
                raise
            if not may_be_empty:
                raise DataError(
                    msg("plan.inputs.empty", "{what} has no rows", what=what),
                    where=exc.where,
                    expected=msg("plan.inputs.empty_expected", "one row under the header"),
                    found=exc.found,
                ) from None
            frame = pd.DataFrame(columns=[c.strip() for c in _header(table)])
            frame.attrs["source"] = str(table)
    source = str(frame.attrs.get("source", "the DataFrame"))
    headers = {_plain(c): str(c) for c in frame.columns}
    columns: dict[str, str] = {}
    for name, spellings in spec.items():
        for spelling in spellings:
            if _plain(spelling) in headers:
                columns[name] = headers[_plain(spelling)]
                break
    for name in required:
        if name not in columns:
            raise DataError(
                msg(
                    "plan.inputs.missing_column",
                    "{what} has no column {column!r}",
                    what=what,
                    column=name,
                ),
                where=msg("where.header", "{file}, header", file=source),
                expected=msg(
                    "plan.inputs.columns_expected",
                    "columns {columns}",
                    columns=", ".join(n for n in spec if n in required),
                ),
                found=msg(
                    "plan.inputs.columns_found",
                    "columns {columns}",
                    columns=", ".join(repr(str(c)) for c in frame.columns),
                ),
                hint=did_you_mean(name, [str(c) for c in frame.columns])
                or msg(
                    "plan.inputs.column_spellings",
                    "name a column {spellings}",
                    spellings=" / ".join(spec[name][:3]),
                ),
            )
    return Frame(frame, source, columns, what)


def _header(table: Table) -> list[str]:
    """The header of a table file that has no rows."""
    if isinstance(table, pd.DataFrame):
        return [str(c) for c in table.columns]
    if str(table).lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return [str(c) for c in pd.read_excel(table, nrows=0, engine="calamine").columns]
    with open(table, encoding="utf-8-sig", errors="replace") as stream:
        text = stream.readline()
    separator = ";" if text.count(";") >= text.count(",") else ","
    return text.strip().split(separator)


def cells(table: Frame, name: str) -> list[Any]:
    """The cells of a column as read (all None when the column is absent)."""
    if name not in table.columns:
        return [None] * len(table.frame)
    return list(table.frame[table.columns[name]])
