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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _empty(where: str, found: str) -> DataError:
    return DataError(
        "the table is empty",
        where=where,
        expected="a header line and one line per producer",
        found=found,
    )


def _with_header(cells: pd.DataFrame, where: str) -> pd.DataFrame:
    """Take the first non-blank row of raw `cells` as the header.

    Rows are numbered as in a spreadsheet (the index of the result is the row
    number, 1 for the first line of the file); rows whose cells are all blank
    are dropped (they hold nothing), and so are unnamed columns with no content.
    """
    cells = cells.set_axis(pd.RangeIndex(1, len(cells) + 1, name="row"), axis=0)
    filled = cells.apply(lambda column: ~column.map(is_blank)).to_numpy(dtype=bool)
    cells = cells[filled.any(axis=1)]
    if cells.empty:
        raise _empty(where, "only blank lines")
    header = [clean_header(c) if not is_blank(c) else "" for c in cells.iloc[0]]
    body = cells.iloc[1:]
    keep = [
        j
        for j, name in enumerate(header)
        if name or not body.iloc[:, j].map(is_blank).all()
    ]
    names = [header[j] or f"(unnamed column {j + 1})" for j in keep]
    return body.iloc[:, keep].set_axis(names, axis=1)


def _read_csv(file: Path) -> pd.DataFrame:
    raw = file.read_bytes()
    text = _decode(raw)
    if not text.strip():
        raise _empty(str(file), "an empty file")
    if "\x00" in text:
        raise DataError(
            "the file is not a text (CSV) file",
            where=str(file),
            expected="a CSV file: text, one producer per line",
            found="binary content",
            hint="open it in a spreadsheet and save it as CSV or .xlsx",
        )
    first = next(line for line in text.splitlines() if line.strip())
    try:
        separator = csv.Sniffer().sniff(first, delimiters=";,\t|").delimiter
    except csv.Error:
        separator = ","
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,  # the header is read as a row: pandas would rename duplicates
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            skip_blank_lines=False,  # keep line numbers right; blank rows dropped below
        )
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise DataError(
            "the CSV file cannot be read",
            where=f"{file}, line {line.group(1)}" if line else str(file),
            expected=f"the same number of {separator!r}-separated cells on every line "
            "as on the header line",
            found=str(exc).replace("Error tokenizing data. C error: ", "").strip(),
            hint="a cell containing the separator must be quoted; in a ','-separated file, "
            "write decimals with a point or quote them",
        ) from None
    return _with_header(cells, str(file))


def _read_excel(file: Path) -> pd.DataFrame:
    try:
        cells = pd.read_excel(file, header=None, dtype=object)
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise DataError(
            "reading .xlsx needs openpyxl",
            where=str(file),
            expected="openpyxl installed",
            found=str(exc),
            hint="pip install openpyxl",
        ) from None
    except (ValueError, OSError, KeyError, zipfile.BadZipFile) as exc:
        raise DataError(
            "the spreadsheet cannot be read",
            where=str(file),
            expected="an .xlsx workbook whose first sheet has one producer per row",
            found=str(exc),
            hint="open it in a spreadsheet and save it again as .xlsx, or as CSV",
        ) from None
    return _with_header(cells, str(file))


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
