"""Reading producer tables: a pandas DataFrame, a ``.csv`` or an ``.xlsx`` file.

French spreadsheets are read as they come: ``;`` or ``,`` or tab separators
(detected), UTF-8 with or without BOM or Windows-1252 (what Excel writes on a
French Windows), decimal commas, stray spaces in headers. Cells are kept as
text here; the criterion kinds parse them, so an error can name the producer
and the column. The caller's DataFrame is never modified.

Examples
--------
>>> import io, pandas as pd
>>> frame = read_table(pd.DataFrame({" Prix ": ["1,5"], "id": ["P1"]}))
>>> list(frame.columns)
['Prix', 'id']
"""

from __future__ import annotations

import csv
import io
import unicodedata
from os import PathLike
from pathlib import Path

import pandas as pd

from .errors import DataError

__all__ = ["clean_header", "read_table"]

Producers = pd.DataFrame | str | PathLike[str]


def clean_header(name: object) -> str:
    """A column header without surrounding spaces, BOM or Unicode variants."""
    return unicodedata.normalize("NFC", str(name)).replace("\ufeff", "").strip()


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(file: Path) -> pd.DataFrame:
    text = _decode(file.read_bytes())
    if not text.strip():
        raise DataError(
            "the table is empty",
            where=str(file),
            expected="a header line and one line per producer",
            found="an empty file",
        )
    first = text.splitlines()[0]
    try:
        separator = csv.Sniffer().sniff(first, delimiters=";,\t|").delimiter
    except csv.Error:
        separator = ","
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=separator,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except pd.errors.ParserError as exc:
        raise DataError(
            "the CSV file cannot be read",
            where=str(file),
            expected=f"the same number of {separator!r}-separated cells on every line",
            found=str(exc).strip(),
            hint="a cell containing the separator must be quoted",
        ) from None


def _read_excel(file: Path) -> pd.DataFrame:
    try:
        return pd.read_excel(file, dtype=object)
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise DataError(
            "reading .xlsx needs openpyxl",
            where=str(file),
            expected="openpyxl installed",
            found=str(exc),
            hint="pip install openpyxl",
        ) from None
    except (ValueError, OSError, KeyError) as exc:
        raise DataError(
            "the spreadsheet cannot be read",
            where=str(file),
            expected="an .xlsx workbook whose first sheet has one producer per row",
            found=str(exc),
        ) from None


def read_table(producers: Producers) -> pd.DataFrame:
    """Read a producer table into a new DataFrame with cleaned headers.

    Parameters
    ----------
    producers : DataFrame, str or path-like
        A DataFrame (copied, never modified) or the path of a ``.csv``,
        ``.xlsx`` or ``.xls`` file.

    Returns
    -------
    DataFrame
        Headers stripped of spaces; a fresh object the caller does not own.

    Raises
    ------
    DataError
        Unreadable file, unknown extension, empty table, duplicate headers.
    """
    if isinstance(producers, pd.DataFrame):
        where = "the DataFrame"
        frame = producers.copy(deep=False)
    else:
        file = Path(producers)
        where = str(file)
        if not file.is_file():
            raise DataError(
                "cannot find the producer table",
                where=str(file),
                expected="an existing .csv or .xlsx file",
                found="no such file",
                hint="check the path (relative paths start from the current folder)",
            )
        suffix = file.suffix.lower()
        if suffix == ".csv" or suffix == ".txt":
            frame = _read_csv(file)
        elif suffix in (".xlsx", ".xlsm", ".xls"):
            frame = _read_excel(file)
        else:
            raise DataError(
                "unknown table format",
                where=str(file),
                expected="a .csv or .xlsx file",
                found=repr(file.suffix or "no extension"),
                hint="save the spreadsheet as .xlsx or as CSV",
            )
    headers = [clean_header(c) for c in frame.columns]
    seen: set[str] = set()
    for header in headers:
        if header in seen:
            raise DataError(
                f"column {header!r} appears twice",
                where=where,
                expected="unique column headers",
                found=f"two columns named {header!r}",
                hint="rename or delete one of them",
            )
        seen.add(header)
    frame.columns = pd.Index(headers)
    if frame.empty and len(frame.columns) == 0:
        raise DataError(
            "the table is empty",
            where=where,
            expected="a header line and one line per producer",
            found="no columns",
        )
    return frame
