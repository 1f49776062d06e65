r"""Results as ``.xlsx`` workbooks that volunteers open in Excel or LibreOffice.

Every sheet has its header row frozen (and the id and name columns, when
there are some), filter buttons on the header, columns as wide as their
content (within limits), and numbers stored as numbers with a display format:
scores ``0.000``, contributions ``+0.000``, shares ``35.0 %`` (the spreadsheet
shows the decimal separator of its own language). Ids, names, reasons and
labels are text cells, never formulas: a producer id ``=HYPERLINK(...)`` is
written as text, with the "quote prefix" style spreadsheets give a text typed
after an apostrophe, so that editing the cell does not turn it into a formula
either. Control characters are shown escaped (``\x1b``).

Examples
--------
>>> import selection, tempfile, pathlib
>>> from openpyxl import load_workbook
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> path = pathlib.Path(tempfile.mkdtemp()) / "classement.xlsx"
>>> written = write_workbook(ranking, path, lang="fr")
>>> book = load_workbook(written)
>>> book.sheetnames
['Classement', 'Grille', 'Résumé']
>>> sheet = book["Classement"]
>>> [cell.value for cell in sheet[1][:4]], sheet.freeze_panes
(['Identifiant', 'Nom', 'Rang', 'Score'], 'C2')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from .._version import __version__
from ..errors import OutputError
from ..files import check_output, write_atomically
from ..messages import msg
from ..ranking import Ranking
from ..safe_text import neutralised, printable
from . import words as w
from .content import chosen_language, sheets_for, sources_of
from .sheets import Column, Format, Sheet, blank, sheet_name

__all__ = ["write_workbook"]

#: The longest text a cell may hold (Excel's limit).
CELL_LIMIT = 32_767

#: Column widths, in characters.
NARROWEST, WIDEST = 6, 60

#: A header longer than this wraps on several lines, instead of widening its column.
HEADER_WIDTH = 18

#: The widths of formatted numbers, in characters.
_NUMBER_WIDTH = {
    Format.SCORE: 6,
    Format.CONTRIBUTION: 7,
    Format.PERCENT: 7,
}

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E7EEF5")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def write_workbook(
    result: object | Sequence[object],
    path: str | PathLike[str],
    *,
    lang: str | None = None,
    ranking: Ranking | None = None,
    inputs: Iterable[str | PathLike[str] | None] = (),
) -> Path:
    """Write a result (or several) as an ``.xlsx`` workbook, completely or not at all.

    Parameters
    ----------
    result : Ranking, Audit, Acceptability, StabilityIntervals, Consensus, or a list of them
        A ranking (:func:`selection.rank`), an audit (:func:`selection.check`),
        rank acceptability and stability intervals (:mod:`selection.sensitivity`),
        a committee's consensus (:func:`selection.committee.consensus`). A list
        gives one workbook with each result's sheets, one Grid sheet and one
        Summary sheet.
    path : str or path-like
        The ``.xlsx`` file to write (replaced if it exists; a link is written through).
    lang : str, optional
        ``"fr"`` or ``"en"``: sheet names, headers, reasons; default: the
        language rule (:func:`selection.messages.current_language`).
    ranking : Ranking, optional
        For an analysis (acceptability, intervals, consensus): the ranking it
        was computed from, to add the producers' names, their rank and the Grid sheet.
    inputs : paths
        Files the workbook must not replace. The grid and the producer table
        the result was computed from are always protected.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        A name that does not end in ``.xlsx``; an output that is one of the
        inputs; a folder, a missing folder, a file that cannot be written.
        Nothing is written.
    ArgumentError
        A result that cannot be exported, an unknown `lang`.

    Examples
    --------
    >>> import selection, tempfile, pathlib
    >>> from selection.sensitivity import weight_intervals
    >>> ranking = selection.rank(selection.example_producers_path(),
    ...                          selection.example_grid_path())
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "stabilite.xlsx"
    >>> write_workbook(weight_intervals(ranking), path, lang="en", ranking=ranking).name
    'stabilite.xlsx'
    """
    chosen = chosen_language(lang)
    what = w.word(w.WHAT_WORKBOOK, chosen)
    protected = [*inputs, *sources_of(result, ranking)]
    _check_suffix(path, what)
    check_output(path, what=what, inputs=protected)  # before the work, not after
    sheets = sheets_for(result, lang=chosen, ranking=ranking)
    book = workbook(sheets)
    return write_atomically(path, lambda stream: book.save(stream), what=what, inputs=protected)


def workbook(sheets: Sequence[Sheet]) -> Any:
    """An openpyxl Workbook holding `sheets`, in memory."""
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = f"selection {__version__}"
    taken: list[str] = []
    for sheet in sheets:
        name = sheet_name(sheet.name, taken)
        taken.append(name)
        fill(book.create_sheet(title=name), sheet)
    return book


def fill(worksheet: Any, sheet: Sheet) -> None:
    """Write `sheet` into an empty openpyxl worksheet: cells, formats, widths, panes, filter."""
    for j, column in enumerate(sheet.columns, start=1):
        header = worksheet.cell(row=1, column=j)
        text_cell(header, column.header)
        header.font, header.fill, header.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
        for i, value in enumerate(column.values, start=2):
            cell = worksheet.cell(row=i, column=j)
            if column.format is Format.TEXT or isinstance(value, str):
                text_cell(cell, value)
            else:
                number_cell(cell, value, column.format)
    row = sheet.rows + 3
    for label, value in sheet.about:
        text_cell(worksheet.cell(row=row, column=1), label).font = _HEADER_FONT
        cell = worksheet.cell(row=row, column=2)
        if isinstance(value, str):
            text_cell(cell, value)
        else:
            number_cell(cell, value, Format.NUMBER)
        row += 1
    _layout(worksheet, sheet)


def text_cell(cell: Any, value: object) -> Any:
    """`value` as a text cell that no spreadsheet runs as a formula (blank: left empty)."""
    if blank(value) or value == "":
        return cell
    text = printable(str(value))[:CELL_LIMIT]
    cell.value = text
    cell.data_type = "s"  # openpyxl would write "=..." as a formula
    if neutralised(text) != text:
        cell.quotePrefix = True
    return cell


def number_cell(cell: Any, value: object, style: Format) -> Any:
    """`value` as a number with `style`'s display (blank or not finite: left empty)."""
    if blank(value) or isinstance(value, bool):
        return cell
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        return cell
    cell.value = int(number) if style is Format.INTEGER else number
    cell.number_format = style.number_format
    return cell


def _width(column: Column) -> int:
    """Characters needed by the column's cells (the header counts up to HEADER_WIDTH)."""
    widest = _NUMBER_WIDTH.get(column.format, 0)
    for value in column.values:
        if blank(value):
            continue
        if isinstance(value, str):
            widest = max(widest, max((len(line) for line in value.splitlines()), default=0))
        elif column.format is Format.INTEGER:
            widest = max(widest, len(str(int(value))))
        elif column.format is Format.NUMBER:
            widest = max(widest, len(f"{value:g}"))
    return max(widest, min(len(column.header), HEADER_WIDTH))


def _layout(worksheet: Any, sheet: Sheet) -> None:
    widths = [_width(column) for column in sheet.columns]
    for label, value in sheet.about:
        if widths:
            widths[0] = max(widths[0], len(label))
        if len(widths) > 1:
            widths[1] = max(widths[1], len(str(value)))
    lines = 1
    for j, width in enumerate(widths, start=1):
        fitted = min(max(width + 2, NARROWEST), WIDEST)
        worksheet.column_dimensions[get_column_letter(j)].width = fitted
        lines = max(lines, math.ceil(len(sheet.columns[j - 1].header) / (fitted - 1)))
    if lines > 1:
        worksheet.row_dimensions[1].height = 15 * min(lines, 4)
    last = get_column_letter(max(len(sheet.columns), 1))
    if sheet.autofilter and sheet.columns:
        worksheet.auto_filter.ref = f"A1:{last}{sheet.rows + 1}"
    worksheet.freeze_panes = f"{get_column_letter(sheet.keys + 1)}2"
    worksheet.print_title_rows = "1:1"
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def _check_suffix(path: str | PathLike[str], what: str) -> None:
    suffix = Path(path).suffix
    if suffix.lower() != ".xlsx":
        raise OutputError(
            msg("exports.not_xlsx", "cannot write {what} under this name", what=what),
            where=str(path),
            expected=msg("exports.not_xlsx_expected", "a file name ending in .xlsx"),
            found=repr(suffix or Path(path).name),
            hint=msg(
                "exports.not_xlsx_hint",
                "name it {name} (Excel refuses a workbook whose name says another format)",
                name=Path(path).with_suffix(".xlsx").name,
            ),
        )
