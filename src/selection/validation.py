"""Every problem of a grid and a producer table at once, as ``selection validate`` lists them.

:func:`validate` reads the grid file and lists all its problems in file order
(:func:`selection.grid.check_grid`); when the grid is sound, it reads the table
and lists all its problems against the grid
(:func:`selection.scoring.matrix_problems`); when both are sound, it scores
the table as :func:`selection.rank` would, so that whatever ``rank`` would
refuse (a method that cannot take zeros, a normalization undefined on a
column) is refused here too. Values outside a criterion's declared scale are
warnings, not problems.

Examples
--------
>>> import selection
>>> result = validate(selection.example_grid_path(), selection.example_producers_path())
>>> result.ok, result.producers, result.eligible
(True, 60, 55)
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

from .errors import SelectionError
from .grid import Grid, check_grid_file
from .messages import Message
from .ranking import rank
from .scoring import matrix_problems, prepare
from .table import read_table

__all__ = ["Validation", "validate"]


@dataclass(frozen=True)
class Validation:
    """What :func:`validate` found.

    Attributes
    ----------
    grid : Grid or None
        The grid, when its file has no problem.
    problems : tuple of SelectionError
        The grid's problems in file order, else the table's, at most the cap.
    more : int
        Problems beyond the cap.
    warnings : tuple of Message
        What deserves a look (values outside a declared scale).
    producers, eligible : int or None
        How many producers the table holds, and how many are eligible (when read).
    """

    grid: Grid | None
    problems: tuple[SelectionError, ...] = ()
    more: int = 0
    warnings: tuple[Message, ...] = ()
    producers: int | None = None
    eligible: int | None = None

    @property
    def ok(self) -> bool:
        """True when nothing stops the ranking."""
        return not self.problems

    @property
    def count(self) -> int:
        """How many problems were found in all."""
        return len(self.problems) + self.more


def validate(
    grid: str | PathLike[str] | Grid,
    producers: object = None,
    *,
    sheet: str | int | None = None,
    cap: int = 20,
    judgments: object = None,
) -> Validation:
    """Check a grid file, and a producer table against it, reporting every problem.

    Parameters
    ----------
    grid : path or Grid
        The grid file (or a Grid already built: it has no file problem).
    producers : DataFrame or path, optional
        The producer table.
    sheet : str or int, optional
        The sheet of a workbook.
    cap : int
        The most problems listed (the others are counted).
    judgments : path or DataFrame, optional
        Members' grades for the grid's judged criteria.

    Returns
    -------
    Validation
    """
    if isinstance(grid, Grid):
        the_grid = grid
    else:
        checked = check_grid_file(grid, cap=cap)
        if checked.grid is None:
            return Validation(None, checked.problems, checked.more)
        the_grid = checked.grid
    if producers is None:
        return Validation(the_grid)
    try:
        table = read_table(producers, sheet=sheet)  # type: ignore[arg-type]
    except SelectionError as exc:
        return Validation(the_grid, (exc,))
    problems = matrix_problems(table, the_grid)
    if problems:
        return Validation(the_grid, tuple(problems[:cap]), max(len(problems) - cap, 0))
    try:
        prepared = prepare(
            producers,  # type: ignore[arg-type]
            the_grid,
            sheet=sheet,
            judgments=judgments,
        )
        rank(prepared)
    except SelectionError as exc:
        return Validation(the_grid, (exc,))
    return Validation(
        the_grid,
        warnings=prepared.matrix.warnings,
        producers=len(prepared.matrix.ids),
        eligible=prepared.n,
    )
