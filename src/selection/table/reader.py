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
import re
import unicodedata
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from ..errors import DataError, did_you_mean
from ..messages import Message, msg, render
from ..validators import shorten
from .cells import blank_cells, is_blank

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


def _empty(where: str, found: Message) -> DataError:
    return DataError(
        msg("table.reader.empty.problem", "the table is empty"),
        where=where,
        expected=msg("table.reader.empty.expected", "a header line and one line per producer"),
        found=found,
    )


def _with_header(cells: pd.DataFrame, where: str, first_row: int = 1) -> pd.DataFrame:
    """Take the first non-blank row of raw `cells` as the header.

    Rows are numbered as in a spreadsheet (the index of the result is the row
    number, 1 for the first line of the file); rows whose cells are all blank
    are dropped (they hold nothing), and so are unnamed columns with no content.
    """
    rows = pd.RangeIndex(first_row, first_row + len(cells), name="row")
    raw = cells.to_numpy(dtype=object)
    blank = np.zeros(raw.shape, dtype=bool)
    for j in range(raw.shape[1]):
        blank[:, j] = blank_cells(raw[:, j])
    filled = np.flatnonzero(~blank.all(axis=1))
    if not filled.size:
        raise _empty(where, msg("table.reader.only_blank_lines", "only blank lines"))
    title = None
    counts = (~blank[filled]).sum(axis=1)
    if len(filled) > 2 and counts[0] == 1 and counts[1] > 1 and raw.shape[1] > 1:
        # One cell above a fuller row: a title ("Producteurs 2025"), not the header.
        title = str(raw[filled[0]][~blank[filled[0]]][0]).strip()
        filled = filled[1:]
    header = [clean_header(c) if not is_blank(c) else "" for c in cells.iloc[filled[0]]]
    body = filled[1:]
    keep = [j for j, name in enumerate(header) if name or not blank[body, j].all()]
    names = [
        header[j]
        or render(msg("table.reader.unnamed_column", "(unnamed column {number})", number=j + 1))
        for j in keep
    ]
    frame = pd.DataFrame(
        cells.iloc[body, keep].to_numpy(dtype=object), index=rows[body], columns=names
    )
    if title is not None:
        frame.attrs["title"] = title
        frame.attrs["header_row"] = int(rows[filled[0]])
    return frame


def _separator(sample: list[str]) -> str:
    """The separator of the first lines: ``;``, ``,``, tab or ``|`` (``,`` if none is clear).

    The header line decides (a title line above it has none); the sniffer checks it.
    """
    counts = {sep: max(line.count(sep) for line in sample) for sep in ";,\t|"}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(sample), delimiters=";,\t|").delimiter
    except csv.Error:
        return best


def _read_csv(file: Path) -> pd.DataFrame:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError(
            msg("table.reader.read_csv.problem.2", "cannot read the producer table"),
            where=str(file),
            expected=msg("table.reader.read_csv.expected.2", "a readable .csv file"),
            found=exc.strerror or type(exc).__name__,
            hint=msg(
                "table.reader.read_csv.hint.2",
                "close the file in other programs, or check its permissions",
            ),
        ) from None
    text = _decode(raw)
    if not text.strip():
        raise _empty(str(file), msg("table.reader.empty_file", "an empty file"))
    if "\x00" in text:
        raise DataError(
            msg("table.reader.read_csv.problem", "the file is not a text (CSV) file"),
            where=str(file),
            expected=msg(
                "table.reader.read_csv.expected", "a CSV file: text, one producer per line"
            ),
            found=msg("table.reader.read_csv.found", "binary content"),
            hint=msg(
                "table.reader.read_csv.hint",
                "open it in a spreadsheet and save it as CSV or .xlsx",
            ),
        )
    lines = text.splitlines()
    skipped = next(i for i, line in enumerate(lines) if line.strip())
    filled = [line for line in lines[skipped:] if line.strip()]
    first = filled[0]
    text = "\n".join(lines[skipped:])
    separator = _separator(filled[:5])
    widths = [len(row) for row in csv.reader(filled[:2], delimiter=separator)]
    titled = len(widths) == 2 and widths[0] < widths[1] and len(first.strip(separator + " ")) > 0
    if titled and len(next(csv.reader([first], delimiter=separator))) < widths[1]:
        # A title line ("Producteurs 2025") above the header: give it the header's width.
        first = first + separator * (widths[1] - widths[0])
        text = "\n".join([first, *lines[skipped + 1 :]])
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
        counts = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        raise DataError(
            msg("table.reader.read_csv.problem.3", "a line has more cells than the header"),
            where=(
                msg(
                    "table.reader.read_csv.where.a",
                    "{file}, line {value}",
                    file=file,
                    value=int(counts.group(2)) + skipped,
                )
                if counts
                else str(file)
            ),
            expected=(
                msg(
                    "table.reader.read_csv.expected.3.a",
                    "at most {group} {separator!r}-separated cells, as on the header line",
                    group=counts.group(1),
                    separator=separator,
                )
                if counts
                else msg(
                    "table.reader.read_csv.expected.3.b",
                    "the same number of {separator!r}-separated cells on every line",
                    separator=separator,
                )
            ),
            found=(
                msg("table.reader.read_csv.found.3.a", "{group} cells", group=counts.group(3))
                if counts
                else str(exc).strip()
            ),
            hint=msg(
                "table.reader.read_csv.hint.3",
                (
                    "a cell containing the separator must be quoted; in a ','-separated file, "
                    "write decimals with a point or quote them"
                ),
            ),
        ) from None
    return _with_header(cells, str(file), first_row=skipped + 1)


def _is_text(file: Path) -> bool:
    """Whether `file` starts like a text file (a CSV saved under a workbook's extension)."""
    try:
        with file.open("rb") as stream:
            head = stream.read(512)
    except OSError:
        return False
    return bool(head) and b"\x00" not in head and not head.startswith(b"PK")


def _sheet_names(file: Path) -> list[str]:
    try:
        return [str(name) for name in CalamineWorkbook.from_path(str(file)).sheet_names]
    except (CalamineError, OSError, ValueError):
        return []


def _read_excel(file: Path, sheet: str | int | None) -> pd.DataFrame:
    """A workbook's sheet (.xlsx, .xlsm, .ods; .xls), read with python-calamine."""
    names = _sheet_names(file) if sheet is not None else []
    if names and isinstance(sheet, int) and not 0 <= sheet < len(names):
        raise DataError(
            msg(
                "table.reader.no_sheet_number",
                "the workbook has no sheet number {sheet}",
                sheet=sheet,
            ),
            where=str(file),
            expected=msg(
                "table.reader.sheet_number_expected",
                "a sheet number from 0 to {last} ({names})",
                last=len(names) - 1,
                names=names,
            ),
            found=str(sheet),
        )
    if names and not isinstance(sheet, int) and str(sheet) not in names:
        raise DataError(
            msg("table.reader.no_sheet", "the workbook has no sheet {sheet!r}", sheet=sheet),
            where=str(file),
            expected=msg("table.reader.sheet_expected", "one of: {names}", names=names),
            found=repr(str(sheet)),
            hint=did_you_mean(str(sheet), names)
            or msg("table.reader.sheet_hint", "give the sheet's name as its tab shows it"),
        )
    try:
        cells = pd.read_excel(
            file, header=None, dtype=object, engine="calamine", sheet_name=sheet or 0
        )
    except (CalamineError, OSError, ValueError, KeyError) as exc:
        raise DataError(
            msg("table.reader.read_excel.problem.2", "the spreadsheet cannot be read"),
            where=str(file),
            expected=msg(
                "table.reader.read_excel.expected.2",
                "an .xlsx or .ods workbook whose first sheet has one producer per row",
            ),
            found=shorten(str(exc).splitlines()[0] if str(exc) else type(exc).__name__),
            hint=msg(
                "table.reader.text_workbook",
                "this file is text, not a workbook: rename it to .csv",
            )
            if _is_text(file)
            else msg(
                "table.reader.read_excel.hint.2",
                "open it in a spreadsheet and save it again as .xlsx, .ods or CSV",
            ),
        ) from None
    return _with_header(cells, str(file))


def read_table(producers: Producers, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read a producer table into a new DataFrame with cleaned headers.

    Parameters
    ----------
    producers : DataFrame, str or path-like
        A DataFrame (copied, never modified; named index levels become columns)
        or the path of a ``.csv``, ``.xlsx``, ``.ods`` (LibreOffice) or ``.xls`` file.
    sheet : str or int, optional
        The sheet of a workbook (its name as the tab shows it, or its position
        from 0); default: the first.

    A title row above the header (one cell, such as "Producteurs 2025", over a
    fuller row) is recognised and skipped: ``attrs["title"]`` keeps it.

    Returns
    -------
    DataFrame
        Headers stripped of spaces; a fresh object the caller does not own. Its
        index is the row number as a spreadsheet shows it (row 1 is the header
        line), so that errors can point at a row; ``attrs["source"]`` names the
        file. Rows and unnamed columns with only blank cells are dropped from files.

    Raises
    ------
    DataError
        Unreadable file, unknown extension, empty table, duplicate headers, a
        line with more cells than the header.
    """
    if isinstance(producers, pd.DataFrame):
        where = render(msg("where.dataframe", "the DataFrame"))
        # A frame indexed by producer id (`set_index("producer_id")`) keeps it as a column.
        named = [
            name
            for name in producers.index.names
            if name is not None and name not in producers.columns
        ]
        frame = producers.reset_index(level=named) if named else producers.copy(deep=False)
        frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    elif isinstance(producers, str | PathLike):
        file = Path(producers)
        where = str(file)
        if not file.is_file():
            raise DataError(
                msg("table.reader.read_table.problem.4", "cannot find the producer table"),
                where=str(file),
                expected=msg(
                    "table.reader.read_table.expected.4", "an existing .csv or .xlsx file"
                ),
                found=(
                    msg("table.reader.read_table.found.4.a", "a folder")
                    if file.is_dir()
                    else msg("table.reader.read_table.found.4.b", "no such file")
                ),
                hint=msg(
                    "table.reader.read_table.hint.2",
                    "check the path (relative paths start from the current folder)",
                ),
            )
        suffix = file.suffix.lower()
        if suffix == ".csv" or suffix == ".txt":
            frame = _read_csv(file)
        elif suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            frame = _read_excel(file, sheet)
        else:
            raise DataError(
                msg("table.reader.read_table.problem.5", "unknown table format"),
                where=str(file),
                expected=msg("table.reader.read_table.expected.5", "a .csv, .xlsx or .ods file"),
                found=(
                    repr(file.suffix)
                    if file.suffix
                    else msg("table.reader.no_extension", "no extension")
                ),
                hint=msg(
                    "table.reader.read_table.hint.3", "save the spreadsheet as .xlsx or as CSV"
                ),
            )
    else:
        raise DataError(
            msg("table.reader.read_table.problem.2", "cannot read producers from this object"),
            where=msg("table.reader.read_table.where", "the `producers` argument"),
            expected=msg(
                "table.reader.read_table.expected.2",
                "a pandas DataFrame or the path of a .csv or .xlsx file",
            ),
            found=type(producers).__name__,
        )
    headers = [clean_header(c) for c in frame.columns]
    first: dict[str, int] = {}
    for position, header in enumerate(headers, start=1):
        if header in first:
            raise DataError(
                msg(
                    "table.reader.read_table.problem.3",
                    "column {header!r} appears twice",
                    header=header,
                ),
                where=msg("where.header", "{file}, header", file=where),
                expected=msg(
                    "table.reader.read_table.expected.3",
                    "unique column headers (spaces around a header do not count)",
                ),
                found=msg(
                    "table.reader.read_table.found.3",
                    "columns {first} and {position} are both named {header!r}",
                    first=first[header],
                    position=position,
                    header=header,
                ),
                hint=msg("table.reader.read_table.hint", "rename or delete one of them"),
            )
        first[header] = position
    frame.columns = pd.Index(headers)
    if len(frame.columns) == 0:
        raise _empty(where, msg("table.reader.no_columns", "no columns"))
    if len(frame) == 0:
        raise DataError(
            msg("table.reader.read_table.problem", "the table has no producers"),
            where=where,
            expected=msg(
                "table.reader.read_table.expected", "one row per producer under the header"
            ),
            found=msg("table.reader.read_table.found", "a header only"),
        )
    frame.attrs = {
        **{key: frame.attrs[key] for key in ("title", "header_row") if key in frame.attrs},
        "source": where,
        "from_file": not isinstance(producers, pd.DataFrame),
    }
    return frame
