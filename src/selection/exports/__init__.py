r"""Results out to the spreadsheets people use: ``.xlsx`` workbooks and CSV files.

- :func:`write_workbook`: a ranking, an audit, rank acceptability, stability
  intervals or a committee's consensus (or several of them) as a workbook:
  the result's sheets, the Grid sheet (batteries, criteria, weights,
  provenance) and a Summary sheet, in French or English;
- :func:`write_csv`: the main table as CSV, in the French (``;``, decimal
  comma, BOM) or English dialect;
- :func:`table_for`: that table as a DataFrame, headers as labels;
- :func:`write_file`: one or the other, by the file's extension.

Every output goes through :func:`selection.files.write_atomically`: written
completely or not at all, never over an input. Every text cell is neutralised
against formula injection (:mod:`selection.safe_text`).

The layer above :mod:`selection.committee`: it may import everything below it
(ranking, decisions, committee, sensitivity, scoring, grid, the base modules);
only :mod:`selection.cli` and :mod:`selection.report` may import it.

Examples
--------
>>> import selection, tempfile, pathlib
>>> from selection.exports import write_file
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_file(ranking, folder / "classement.xlsx", lang="fr").suffix
'.xlsx'
>>> write_file(ranking, folder / "classement.csv", lang="fr").read_bytes()[:3]
b'\xef\xbb\xbf'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path

from ..errors import OutputError
from ..messages import msg
from ..ranking import Ranking
from .content import EXPORTABLE, pages_for, sheets_for
from .delimited import DIALECTS, Dialect, table_for, write_csv
from .sheets import Column, Format, Pages, Sheet
from .workbook import write_workbook

__all__ = [
    "DIALECTS",
    "EXPORTABLE",
    "SUFFIXES",
    "Column",
    "Dialect",
    "Format",
    "Pages",
    "Sheet",
    "pages_for",
    "sheets_for",
    "table_for",
    "write_csv",
    "write_file",
    "write_workbook",
]

#: The file extensions :func:`write_file` knows, and what it writes for each.
SUFFIXES = {".xlsx": "workbook", ".csv": "csv", ".txt": "csv"}


def write_file(
    result: object | Sequence[object],
    path: str | PathLike[str],
    *,
    lang: str | None = None,
    ranking: Ranking | None = None,
    dialect: Dialect | str = "auto",
    inputs: Iterable[str | PathLike[str] | None] = (),
) -> Path:
    """A workbook for a ``.xlsx`` name, a CSV file for ``.csv`` or ``.txt``.

    Parameters are those of :func:`write_workbook` and :func:`write_csv`
    (`dialect` is used for CSV only).

    Raises
    ------
    OutputError
        Another extension (nothing is written), or any error of the writer.
    """
    kind = SUFFIXES.get(Path(path).suffix.lower())
    if kind == "workbook":
        return write_workbook(result, path, lang=lang, ranking=ranking, inputs=inputs)
    if kind == "csv":
        return write_csv(result, path, dialect=dialect, lang=lang, ranking=ranking, inputs=inputs)
    raise OutputError(
        msg("exports.unknown_suffix", "cannot tell which format to write"),
        where=str(path),
        expected=msg(
            "exports.unknown_suffix_expected",
            "a file name ending in {suffixes}",
            suffixes=", ".join(SUFFIXES),
        ),
        found=repr(Path(path).suffix or Path(path).name),
        hint=msg("exports.unknown_suffix_hint", "name it classement.xlsx or classement.csv"),
    )
