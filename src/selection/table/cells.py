"""Reading single cells the way French spreadsheets write them.

Pure functions on strings and arrays, with no knowledge of grids: the criterion
kinds (:mod:`selection.kinds`) use them to turn a column of cells into numbers.

Examples
--------
>>> parse_numbers(["12,5", " 1 200 ", "", "3.0"]).tolist()
[12.5, 1200.0, nan, 3.0]
>>> fold("  Nature & Progrès ")
'nature & progrès'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

__all__ = [
    "BOOLEAN_WORDS",
    "blank_cells",
    "distinct_cells",
    "fold",
    "is_blank",
    "parse_booleans",
    "parse_numbers",
]

#: Spellings accepted for yes/no cells (compared after :func:`fold`).
BOOLEAN_WORDS: dict[str, float] = {
    "yes": 1.0,
    "y": 1.0,
    "oui": 1.0,
    "o": 1.0,
    "true": 1.0,
    "vrai": 1.0,
    "1": 1.0,
    "1.0": 1.0,
    "x": 1.0,
    "no": 0.0,
    "n": 0.0,
    "non": 0.0,
    "false": 0.0,
    "faux": 0.0,
    "0": 0.0,
    "0.0": 0.0,
}

# Spaces used as thousands separators: ordinary, no-break, narrow no-break, thin.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def fold(text: str) -> str:
    """Normalize a label for tolerant matching: Unicode NFC, trimmed, lower case.

    Inner spaces are collapsed to one, so that ``"Nature  &  Progrès"`` matches.
    """
    text = unicodedata.normalize("NFC", str(text)).strip().casefold()
    return re.sub(r"\s+", " ", text)


def is_blank(value: Any) -> bool:
    """Whether a cell is empty: None, NaN, NA, or only spaces."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and value != value:  # NaN; cheaper than np.isnan on a scalar
        return True
    return isinstance(value, str) and value.strip() == ""


def blank_cells(cells: Iterable[Any]) -> NDArray[np.bool_]:
    """:func:`is_blank` of every cell, with a quick path for text cells.

    Examples
    --------
    >>> blank_cells(["a", " ", "", None, float("nan"), 0]).tolist()
    [False, True, True, True, True, False]
    """
    # For text, "only spaces" is `isspace()`: the same whitespace as `strip()` removes.
    flags = [
        (not cell or cell.isspace()) if type(cell) is str else is_blank(cell)
        for cell in _object_array(cells)
    ]
    return np.array(flags, dtype=bool)


def _parse_one(value: Any) -> float | None:
    """One cell to a finite float; NaN when blank; None when it is not a finite number."""
    if is_blank(value):
        return float("nan")
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    text = _SPACES.sub("", str(value).strip())
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # French decimal comma
    if text.endswith("%"):
        text = text[:-1]
    if _NUMBER.match(text):
        number = float(text)
        return number if math.isfinite(number) else None  # "1e999" overflows to inf
    return None


def distinct_cells(cells: Iterable[Any]) -> tuple[NDArray[np.intp], list[Any]]:
    """Group the cells that read alike, so that a column is parsed once per distinct cell.

    Text cells are grouped by their text. Any other cell (a number, a boolean, a
    blank) is a group of its own: ``1``, ``1.0`` and ``True`` are equal to Python
    but are not written alike, so they must not share a reading.

    Parameters
    ----------
    cells : iterable
        The cells of one column.

    Returns
    -------
    codes : ndarray of intp, shape (n,)
        The group of each cell.
    groups : list
        One cell per group: ``groups[codes[i]]`` reads like ``cells[i]``.

    Examples
    --------
    >>> codes, groups = distinct_cells(["oui", 1, "oui", True, " non"])
    >>> codes.tolist(), groups
    ([0, 2, 0, 3, 1], ['oui', ' non', 1, True])
    """
    array = _object_array(cells)
    try:
        codes, uniques = pd.factorize(array, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists...): every cell on its own
        return np.arange(len(array), dtype=np.intp), list(array)
    text = np.array([isinstance(cell, str) for cell in uniques], dtype=bool)
    if text.all() and not (codes < 0).any():
        return codes.astype(np.intp, copy=False), list(uniques)
    # Number the text groups 0, 1, ... and give every other cell a group of its own.
    texts = int(text.sum())
    renumber = np.full(len(uniques) + 1, -1, dtype=np.intp)  # the last entry: the NA sentinel
    renumber[np.flatnonzero(text)] = np.arange(texts)
    codes = renumber[codes]
    odd = np.flatnonzero(codes < 0)
    codes[odd] = np.arange(texts, texts + len(odd))
    return codes, [cell for cell, t in zip(uniques, text, strict=True) if t] + array[odd].tolist()


def _object_array(cells: Iterable[Any]) -> NDArray[np.object_]:
    """The cells as a 1-D object array (the array itself when it already is one)."""
    if isinstance(cells, np.ndarray) and cells.dtype == object and cells.ndim == 1:
        return cells
    return np.fromiter(cells, dtype=object)


def _parse_cells(
    cells: Iterable[Any], parse: Callable[[Any], float | None]
) -> NDArray[np.float64]:
    """`parse` every distinct cell once; raise ``ValueError(positions)`` where it gave None."""
    codes, groups = distinct_cells(cells)
    parsed = [parse(cell) for cell in groups]
    bad = [g for g, value in enumerate(parsed) if value is None]
    if bad:
        raise ValueError(np.flatnonzero(np.isin(codes, bad)).tolist())
    return np.array(parsed, dtype=float).take(codes)


def parse_numbers(cells: Iterable[Any]) -> NDArray[np.float64]:
    """Parse cells to floats: blanks become NaN; bad cells raise ``ValueError``.

    Accepts finite numbers, decimal commas (``"12,5"``), spaces as thousands separators
    (``"1 200"``) and a trailing percent sign. The error lists the positions of
    the cells that are not numbers so that the caller can name the producers.

    Examples
    --------
    >>> parse_numbers(["4", "bio"])
    Traceback (most recent call last):
    ...
    ValueError: [1]
    """
    return _parse_cells(cells, _parse_one)


def parse_booleans(cells: Iterable[Any]) -> NDArray[np.float64]:
    """Parse yes/no cells to 1.0/0.0 (NaN when blank); bad cells raise ``ValueError``.

    Examples
    --------
    >>> parse_booleans(["oui", "Non", " YES", True, 0, ""]).tolist()
    [1.0, 0.0, 1.0, 1.0, 0.0, nan]
    """
    return _parse_cells(cells, _boolean_one)


def _boolean_one(value: Any) -> float | None:
    """One cell to 1.0 or 0.0; NaN when blank; None when it is not a yes/no word."""
    if is_blank(value):
        return float("nan")
    if isinstance(value, bool | np.bool_):
        return float(value)
    return BOOLEAN_WORDS.get(fold(str(value)))
