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
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

__all__ = [
    "BOOLEAN_WORDS",
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
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


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
    values = list(cells)
    out = np.empty(len(values), dtype=float)
    bad: list[int] = []
    for i, value in enumerate(values):
        parsed = _parse_one(value)
        if parsed is None:
            bad.append(i)
            out[i] = np.nan
        else:
            out[i] = parsed
    if bad:
        raise ValueError(bad)
    return out


def parse_booleans(cells: Iterable[Any]) -> NDArray[np.float64]:
    """Parse yes/no cells to 1.0/0.0 (NaN when blank); bad cells raise ``ValueError``.

    Examples
    --------
    >>> parse_booleans(["oui", "Non", " YES", True, 0, ""]).tolist()
    [1.0, 0.0, 1.0, 1.0, 0.0, nan]
    """
    values = list(cells)
    out = np.empty(len(values), dtype=float)
    bad: list[int] = []
    for i, value in enumerate(values):
        if is_blank(value):
            out[i] = np.nan
        elif isinstance(value, bool | np.bool_):
            out[i] = float(value)
        else:
            word = BOOLEAN_WORDS.get(fold(str(value)))
            if word is None:
                bad.append(i)
                out[i] = np.nan
            else:
                out[i] = word
    if bad:
        raise ValueError(bad)
    return out
