"""The spreadsheet template: an .xlsx a collective sends to producers, or fills from a survey.

Two sheets: the data sheet (the id, a name, then every column the grid reads,
headed by the criteria's labels, with a comment on each header saying what to
write, drop-down lists for levels and yes/no, number checks on scales, one
example row, the header frozen) and a "how to fill it" sheet, one line per
column. The table reader reads the data sheet back as a producer table.

Examples
--------
>>> import tempfile, pathlib, openpyxl, selection
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = template(selection.example_grid_path(), folder / "producteurs.xlsx", lang="fr")
>>> book = openpyxl.load_workbook(path)
>>> book.sheetnames
['Producteurs', 'Comment remplir']
>>> [cell.value for cell in book["Producteurs"][1]][:3]
['producer_id', 'Nom', 'Label bio']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from .._version import __version__
from ..errors import OutputError
from ..files import check_output, write_atomically
from ..grid import Grid, as_grid
from ..messages import msg, render, resolve_language
from ..validators import language
from .columns import FormColumn, form_columns

__all__ = ["LAST_ROW", "template"]

#: The last row the drop-down lists and number checks cover (Excel's last row).
LAST_ROW = 1_048_576

# Excel's limits: an inline list of at most 255 characters, a message of 255, a title of 32.
_INLINE_LIST = 255
_MESSAGE = 225
_TITLE = 32
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _put(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write a cell; text stays text even when it starts with ``=`` (never a formula)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _fit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (Excel refuses a longer message), with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _width(texts: Iterable[str], low: int = 10, high: int = 40) -> float:
    """A column width (in characters) that shows its longest line, within [low, high]."""
    longest = max((len(line) for text in texts for line in text.splitlines()), default=0)
    return float(min(max(longest + 2, low), high))


def _comment(column: FormColumn, lang: str) -> str:
    """What a header's comment says: the label, the column, what to write, blank or not."""
    lines = [column.header]
    if column.header != column.column:
        lines.append(
            render(msg("forms.comment.column", "Column: {column}", column=column.column), lang)
        )
    lines += [
        column.meaning,
        render(msg("forms.comment.accepted", "Write: {values}", values=column.accepted), lang),
        render(msg("forms.comment.blank", "Blank cell: {rule}", rule=column.blank), lang),
    ]
    return "\n".join(line for line in lines if line)


def _list_formula(book: Workbook, words: tuple[str, ...], lists: list[Any], lang: str) -> str:
    """The list a drop-down offers: inline when Excel allows it, else on a hidden sheet."""
    inline = ",".join(words)
    if len(inline) + 2 <= _INLINE_LIST and not any("," in w or '"' in w for w in words):
        return f'"{inline}"'
    if not lists:
        sheet = book.create_sheet(render(msg("forms.sheet.lists", "Lists"), lang)[:31])
        sheet.sheet_state = "hidden"
        lists.append(sheet)
    sheet = lists[0]
    column = sheet.max_column + 1 if sheet.max_row > 1 or sheet["A1"].value else 1
    letter = get_column_letter(column)
    for row, word in enumerate(words, start=1):
        _put(sheet, row, column, word)
    quoted = sheet.title.replace("'", "''")
    return f"'{quoted}'!${letter}$1:${letter}${len(words)}"


def _validation(
    book: Workbook, column: FormColumn, lists: list[Any], lang: str
) -> DataValidation | None:
    """The check of a column's cells: a drop-down list, or a number within bounds."""
    title = _fit(column.header, _TITLE)
    if column.choices:
        check = DataValidation(
            type="list",
            formula1=_list_formula(book, column.choices, lists, lang),
            allow_blank=True,
            errorStyle="stop",
        )
        check.error = _fit(
            render(
                msg("forms.check.choice", "Choose {words:or}.", words=list(column.choices)),
                lang,
            ),
            _MESSAGE,
        )
    elif column.bounds is not None:
        low, high = column.bounds
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1=repr(float(low)),
            formula2=repr(float(high)),
            allow_blank=True,
            errorStyle="stop" if column.strict else "warning",
        )
        said = (
            msg(
                "forms.check.strict",
                "A number between {low:g} and {high:g} is needed here.",
                low=low,
                high=high,
            )
            if column.strict
            else msg(
                "forms.check.unusual",
                "A number between {low:g} and {high:g} is expected here: keep it anyway?",
                low=low,
                high=high,
            )
        )
        check.error = _fit(render(said, lang), _MESSAGE)
    else:
        return None
    check.errorTitle = title
    check.showErrorMessage = True
    check.promptTitle = title
    check.prompt = _fit(column.accepted, _MESSAGE)
    check.showInputMessage = True
    return check


def _data_sheet(book: Workbook, grid: Grid, columns: tuple[FormColumn, ...], lang: str) -> None:
    sheet = book.active
    sheet.title = render(msg("forms.sheet.data", "Producers"), lang)[:31]
    lists: list[Any] = []
    for j, column in enumerate(columns, start=1):
        letter = get_column_letter(j)
        header = _put(sheet, 1, j, column.header)
        header.font = _BOLD
        header.fill = _HEADER_FILL
        header.alignment = _WRAP
        text = _comment(column, lang)
        note = Comment(text, "selection")
        lines = sum(1 + len(line) // 48 for line in text.splitlines())
        note.width, note.height = 340, 24 + 16 * lines
        header.comment = note
        _put(sheet, 2, j, column.example)
        check = _validation(book, column, lists, lang)
        if check is not None:
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{LAST_ROW}")
        width = _width([column.header, str(column.example or "")], high=28)
        sheet.column_dimensions[letter].width = width
    first = sheet.cell(row=2, column=1)
    first.comment = Comment(
        render(
            msg(
                "forms.comment.example",
                "An example: replace this row with a producer, or delete it.",
            ),
            lang,
        ),
        "selection",
    )
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "C2" if len(columns) > 2 else "A2"


def _how_to_sheet(book: Workbook, grid: Grid, columns: tuple[FormColumn, ...], lang: str) -> None:
    title = render(msg("forms.sheet.how_to", "How to fill it"), lang)[:31]
    sheet = book.create_sheet(title, 1)  # before the hidden lists
    data = book.worksheets[0].title
    _put(sheet, 1, 1, grid.name).font = Font(bold=True, size=14)
    intro = render(
        msg(
            "forms.how_to.intro",
            (
                "One row per producer in the sheet “{sheet}”, under the headers; row 2 is an "
                "example to replace. Keep the headers as they are: they tell the ranking which "
                "column is which. Each header has a comment saying what to write."
            ),
            sheet=data,
        ),
        lang,
    )
    _put(sheet, 2, 1, intro).alignment = _WRAP
    sheet.merge_cells("A2:E2")
    sheet.row_dimensions[2].height = 48
    titles = [
        msg("forms.how_to.header", "Column"),
        msg("forms.how_to.meaning", "What it means"),
        msg("forms.how_to.accepted", "Accepted values"),
        msg("forms.how_to.blank", "Blank cell allowed?"),
        msg("forms.how_to.column", "Column in the table"),
    ]
    for j, heading in enumerate(titles, start=1):
        cell = _put(sheet, 4, j, render(heading, lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for i, column in enumerate(columns, start=5):
        values = (column.header, column.meaning, column.accepted, column.blank, column.column)
        for j, value in enumerate(values, start=1):
            _put(sheet, i, j, value).alignment = _WRAP
    made = msg(
        "forms.how_to.made_by",
        "Made by selection {version} from the grid “{grid}” ({hash}).",
        version=__version__,
        grid=grid.name,
        hash=grid.short_hash,
    )
    _put(sheet, len(columns) + 6, 1, render(made, lang))
    for j, width in enumerate((28, 60, 36, 30, 18), start=1):
        sheet.column_dimensions[get_column_letter(j)].width = width
    sheet.freeze_panes = "B5"


def _checked_suffix(path: str | PathLike[str], what: str) -> None:
    """Refuse a name Excel would not open as a workbook (it goes by the extension)."""
    name = Path(path)
    if name.suffix.lower() != ".xlsx":
        raise OutputError(
            msg("forms.output.suffix", "cannot write {what} under this name", what=what),
            where=str(name),
            expected=msg("forms.output.suffix_expected", "a file name ending in .xlsx"),
            found=repr(name.suffix)
            if name.suffix
            else msg("forms.output.no_suffix", "no extension"),
            hint=msg(
                "forms.output.suffix_hint", "e.g. {name}", name=name.with_suffix(".xlsx").name
            ),
        )


def template(
    grid: Grid | str | PathLike[str],
    path: str | PathLike[str],
    *,
    lang: str | None = None,
    example: Mapping[str, Any] | pd.Series | None = None,
    inputs: Iterable[str | PathLike[str] | None] = (),
) -> Path:
    """Write an .xlsx template of the producer table `grid` reads, to fill in and rank.

    Parameters
    ----------
    grid : Grid or path
        The grid (a ``.yaml`` path is read).
    path : str or path-like
        The workbook to write (``.xlsx``); written completely or not at all.
    lang : {"fr", "en"}, optional
        The language of the sheet names, comments, lists and instructions (default:
        the language rule). Labels and level words are the grid's own and stay as written.
    example : mapping or pandas Series, optional
        The producer shown in the example row, by column (a row of a table). Default:
        the first producer of the shipped example table when it fits the grid, else
        made-up values (the middle of each scale, the first level, yes).
    inputs : paths
        Files the workbook must not replace (the grid's own file is always one).

    Returns
    -------
    Path
        The workbook written.

    Raises
    ------
    OutputError
        `path` does not end in ``.xlsx``, is a folder or one of the inputs, or
        cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl, selection
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "producers.xlsx"
    >>> book = openpyxl.load_workbook(template(selection.example_grid_path(), path, lang="en"))
    >>> book.sheetnames
    ['Producers', 'How to fill it']
    >>> sheet = book["Producers"]
    >>> [v.formula1 for v in sheet.data_validations.dataValidation][:1]
    ['"none,HVE,conversion,AB,Nature & Progrès"']
    """
    the_grid = as_grid(grid)
    code = resolve_language(language(lang))
    what = render(msg("forms.what.template", "the producer table template"), code)
    sources = [*inputs, the_grid.source] if the_grid.source else list(inputs)
    check_output(path, what=what, inputs=sources)
    _checked_suffix(path, what)
    columns = form_columns(the_grid, lang=code, example=example)
    book = Workbook()
    _data_sheet(book, the_grid, columns, code)
    _how_to_sheet(book, the_grid, columns, code)
    book.properties.title = the_grid.name
    book.properties.creator = f"selection {__version__}"
    return write_atomically(path, book.save, what=what, inputs=sources)
