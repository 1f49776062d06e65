"""What an export holds, before any file format: sheets of labelled, typed columns.

A :class:`Sheet` is a table as people will read it: headers already in their
language (or in the grid's own words), one :class:`Column` per header, each
with the :class:`Format` of its cells. The workbook writer
(:mod:`~selection.exports.workbook`) and the CSV writer
(:mod:`~selection.exports.delimited`) both read this model, so that the
columns of a CSV file are exactly those of the workbook's first sheet.

Examples
--------
>>> sheet = Sheet("Demo", (Column("Id", ["P1", "P2"]), Column("Score", [0.5, 0.25],
...                                                           Format.SCORE)))
>>> sheet.rows, sheet.headers
(2, ['Id', 'Score'])
>>> unique_headers(["Prix", "Score", "Prix"])
['Prix', 'Score', 'Prix (2)']
>>> sheet_name("Classement: lot [1/2]")
'Classement lot 1 2'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Column",
    "Format",
    "Pages",
    "Sheet",
    "blank",
    "cells",
    "sheet_name",
    "unique_headers",
    "with_unique_headers",
]

#: The longest sheet name a workbook may have.
SHEET_NAME_LIMIT = 31

#: What a sheet name may not contain (Excel refuses the file otherwise).
_FORBIDDEN_IN_NAME = re.compile(r"[\[\]:*?/\\]")


class Format(StrEnum):
    """How a column's cells are written and shown.

    Each format has a spreadsheet number format (:attr:`number_format`) and the
    number of decimals a CSV file keeps (:attr:`decimals`).
    """

    #: Words: ids, names, reasons. Always written as text, never as a formula.
    TEXT = "text"
    #: A whole number (a rank, a count).
    INTEGER = "integer"
    #: A number as written (grid points).
    NUMBER = "number"
    #: A score, three decimals.
    SCORE = "score"
    #: A signed part of a score, three decimals.
    CONTRIBUTION = "contribution"
    #: A share between 0 and 1, shown as a percent with one decimal.
    PERCENT = "percent"

    @property
    def number_format(self) -> str:
        """The spreadsheet number format (Excel and LibreOffice localize the separators)."""
        return _NUMBER_FORMATS[self]

    @property
    def decimals(self) -> int | None:
        """Decimals kept in a CSV file (for a percent: of the percent), None to keep all."""
        return _DECIMALS[self]


# One decimal for percents: with none, the stability intervals of the example grid read
# "21 % to 21 %" (they are 20.95 % to 21.16 %), and a 6.4 % effective weight reads 6 %.
_NUMBER_FORMATS = {
    Format.TEXT: "@",
    Format.INTEGER: "0",
    Format.NUMBER: "General",
    Format.SCORE: "0.000",
    Format.CONTRIBUTION: "+0.000;-0.000;0.000",
    Format.PERCENT: "0.0 %",
}
_DECIMALS: dict[Format, int | None] = {
    Format.TEXT: None,
    Format.INTEGER: 0,
    Format.NUMBER: None,
    Format.SCORE: 3,
    Format.CONTRIBUTION: 3,
    Format.PERCENT: 1,
}


def blank(value: object) -> bool:
    """Whether a cell is empty: None, NaN or pandas' NA (text, even empty, is not blank)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def cells(values: Iterable[Any]) -> list[Any]:
    """Plain Python cells from a Series or array: None for blanks, int and float for numbers."""
    out: list[Any] = []
    for value in values:
        if blank(value):
            out.append(None)
        elif isinstance(value, np.integer):
            out.append(int(value))
        elif isinstance(value, np.floating):
            out.append(float(value))
        elif isinstance(value, np.bool_):
            out.append(bool(value))
        else:
            out.append(value)
    return out


@dataclass(frozen=True)
class Column:
    """One column: its header, its cells (one per row) and their format.

    Attributes
    ----------
    header : str
        In the chosen language, or a label from the grid as written.
    values : sequence
        Text, numbers, or blanks (None, NaN, NA).
    format : Format
    """

    header: str
    values: Sequence[Any]
    format: Format = Format.TEXT


@dataclass(frozen=True)
class Sheet:
    """A table for people, then optional ``label: value`` lines below it.

    Attributes
    ----------
    name : str
        The sheet's name (made valid by :func:`sheet_name` when written).
    columns : tuple of Column
        All of the same length.
    keys : int
        How many leading columns name the row (id, name): kept in view when
        scrolling right.
    about : tuple of (str, object)
        Lines written under the table, after an empty row (the grid's provenance).
    autofilter : bool
        Whether the header row gets filter buttons.
    """

    name: str
    columns: tuple[Column, ...]
    keys: int = 0
    about: tuple[tuple[str, Any], ...] = field(default=())
    autofilter: bool = True

    def __post_init__(self) -> None:
        lengths = {len(column.values) for column in self.columns}
        if len(lengths) > 1:
            raise ValueError(f"sheet {self.name!r}: columns of different lengths {lengths}")

    @property
    def rows(self) -> int:
        """The number of rows under the header."""
        return len(self.columns[0].values) if self.columns else 0

    @property
    def headers(self) -> list[str]:
        """The headers, left to right."""
        return [column.header for column in self.columns]


@dataclass(frozen=True)
class Pages:
    """What one result exports: its own sheets (the main one first), its grid, its summary.

    Attributes
    ----------
    sheets : tuple of Sheet
    grid : Sheet or None
        The Grid sheet, when the result knows its grid.
    summary : tuple of str
        The result's summary in words, one line each.
    """

    sheets: tuple[Sheet, ...]
    grid: Sheet | None = None
    summary: tuple[str, ...] = ()


def with_unique_headers(columns: Sequence[Column]) -> tuple[Column, ...]:
    """`columns` whose repeated headers are numbered (see :func:`unique_headers`)."""
    headers = unique_headers(column.header for column in columns)
    return tuple(
        column if column.header == header else Column(header, column.values, column.format)
        for column, header in zip(columns, headers, strict=True)
    )


def unique_headers(headers: Iterable[str]) -> list[str]:
    """`headers` with repeats numbered (a criterion labelled like its battery, or "Score")."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        count = seen.get(header, 0) + 1
        seen[header] = count
        out.append(header if count == 1 else f"{header} ({count})")
    return out


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    r"""A valid sheet name: no ``[]:*?/\``, no apostrophe at either end, 31 characters at most.

    A name already `taken` (compared without case, as spreadsheets do) gets a number.
    """
    spaced = " ".join(_FORBIDDEN_IN_NAME.sub(" ", name).split())
    clean = spaced.strip("'").strip() or "Sheet"
    used = {t.lower() for t in taken}
    candidate, number = clean[:SHEET_NAME_LIMIT], 1
    while candidate.lower() in used:
        number += 1
        suffix = f" ({number})"
        candidate = clean[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    return candidate
