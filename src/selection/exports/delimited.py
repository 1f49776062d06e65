r"""Results as CSV files, in the dialect of the spreadsheet that will open them.

Two dialects:

- ``"fr"``: what a French Excel or LibreOffice writes and reads by double-click:
  ``;`` between cells, a decimal comma, UTF-8 *with* a byte-order mark (without
  it, Excel reads accents as ``Ã©``), and CRLF line ends (RFC 4180; Excel's own
  CSV files have them, and every tool, pandas included, reads them);
- ``"en"``: what pandas, R and English spreadsheets expect: ``,``, a decimal
  point, UTF-8 without a mark, LF line ends.

``"auto"`` is ``"fr"`` when the language is French. Numbers are rounded as
people read them (scores and contributions to 3 decimals, percents to 1, in
columns headed ``… (%)``), a blank is an empty cell (never ``nan``), and every
text cell that a spreadsheet would run as a formula starts with an apostrophe
(:func:`selection.safe_text.neutralised_frame`).

Examples
--------
>>> import selection, tempfile, pathlib
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> path = pathlib.Path(tempfile.mkdtemp()) / "classement.csv"
>>> text = write_csv(ranking, path, lang="fr").read_bytes().decode("utf-8")
>>> text.startswith("\ufeffIdentifiant;Nom;Rang;Score;Éligible;Raison;Décision;")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..files import check_output, write_atomically
from ..ranking import Ranking
from ..safe_text import neutralised_frame, printable
from ..validators import one_of
from . import words as w
from .content import chosen_language, sheets_for, sources_of
from .sheets import Column, Format, blank

__all__ = ["DIALECTS", "Dialect", "table_for", "write_csv"]

Dialect = Literal["auto", "fr", "en"]

#: The CSV dialects: ``auto`` follows the language.
DIALECTS: tuple[str, ...] = ("auto", "fr", "en")

#: separator, decimal mark, byte-order mark, line end.
_SPELLING = {"fr": (";", ",", "\ufeff", "\r\n"), "en": (",", ".", "", "\n")}


def table_for(
    result: object | Sequence[object], lang: str | None = None, *, ranking: Ranking | None = None
) -> pd.DataFrame:
    """The main sheet of `result` as a DataFrame: the columns of the workbook's first sheet.

    Headers are labels in `lang` (or the grid's own); numbers are rounded as
    people read them: scores and contributions to 3 decimals, shares as
    percents with 1 decimal (the header ends in ``(%)``). Blank cells are NA
    (numbers) or ``""`` (text). Text is as written: the CSV writer neutralises it.

    Parameters
    ----------
    result
        As for :func:`~selection.exports.write_workbook` (a list: the first result's sheet).
    lang : str, optional
        ``"fr"`` or ``"en"``; default: the language rule.
    ranking : Ranking, optional
        For an analysis: the ranking it was computed from (names, ranks).

    Examples
    --------
    >>> import selection
    >>> ranking = selection.rank(selection.example_producers_path(),
    ...                          selection.example_grid_path())
    >>> table = table_for(ranking, "en")
    >>> table.columns[:5].tolist()
    ['Id', 'Name', 'Rank', 'Score', 'Eligible']
    >>> float(table["Score"].iloc[0]) == round(float(ranking.table["score"].iloc[0]), 3)
    True
    """
    chosen = chosen_language(lang)
    sheet = sheets_for(result, lang=chosen, ranking=ranking)[0]
    return pd.DataFrame(
        dict(_frame_column(column, chosen) for column in sheet.columns),
        index=pd.RangeIndex(sheet.rows),
    )


def _frame_column(column: Column, lang: str) -> tuple[str, pd.Series]:
    values = list(column.values)
    if column.format is Format.TEXT:
        return column.header, pd.Series(["" if blank(v) else str(v) for v in values], dtype=object)
    if column.format is Format.INTEGER:
        return column.header, pd.Series(
            [None if blank(v) else round(float(v)) for v in values], dtype="Int64"
        )
    numbers = np.array([np.nan if blank(v) else float(v) for v in values], dtype=float)
    header = column.header
    if column.format is Format.PERCENT:
        numbers = numbers * 100
        header = w.word(w.COLUMN_PERCENT, lang, label=header)
    decimals = column.format.decimals
    if decimals is not None:
        numbers = np.round(numbers, decimals) + 0.0  # + 0.0: no "-0.0"
    return header, pd.Series(numbers, dtype=float)


def write_csv(
    result: object | Sequence[object],
    path: str | PathLike[str],
    *,
    dialect: Dialect | str = "auto",
    lang: str | None = None,
    ranking: Ranking | None = None,
    inputs: Iterable[str | PathLike[str] | None] = (),
) -> Path:
    """Write the main table of a result as a CSV file, completely or not at all.

    Parameters
    ----------
    result
        As for :func:`~selection.exports.write_workbook`; the file holds its
        first sheet (:func:`table_for`).
    path : str or path-like
    dialect : {"auto", "fr", "en"}
        ``fr``: ``;``, decimal comma, UTF-8 with BOM, CRLF; ``en``: ``,``,
        decimal point, UTF-8, LF; ``auto``: ``fr`` when the language is French.
    lang : str, optional
        ``"fr"`` or ``"en"``; default: the language rule.
    ranking : Ranking, optional
        For an analysis: the ranking it was computed from (names, ranks).
    inputs : paths
        Files the CSV must not replace; the result's grid and producer table
        are always protected.

    Returns
    -------
    Path

    Raises
    ------
    OutputError
        An output that is one of the inputs, a folder, a file that cannot be written.
    ArgumentError
        An unknown dialect or language; a result that cannot be exported.

    Examples
    --------
    >>> import selection, tempfile, pathlib
    >>> ranking = selection.rank(selection.example_producers_path(),
    ...                          selection.example_grid_path())
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ranking.csv"
    >>> write_csv(ranking, path, lang="en").read_text(encoding="utf-8")[:24]
    'Id,Name,Rank,Score,Eligi'
    """
    chosen = chosen_language(lang)
    spelling = one_of(dialect, "dialect", DIALECTS, what="CSV dialect")
    if spelling == "auto":
        spelling = "fr" if chosen == "fr" else "en"
    what = w.word(w.WHAT_CSV, chosen)
    protected = [*inputs, *sources_of(result, ranking)]
    check_output(path, what=what, inputs=protected)
    data = csv_text(table_for(result, chosen, ranking=ranking), spelling)
    return write_atomically(path, data.encode("utf-8"), what=what, inputs=protected)


def csv_text(frame: pd.DataFrame, dialect: str) -> str:
    """`frame` as CSV text in `dialect` (``"fr"`` or ``"en"``), its text cells neutralised."""
    separator, decimal, mark, end = _SPELLING[dialect]
    shown = frame.copy()
    for name in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[name]):
            shown[name] = shown[name].map(lambda v: v if blank(v) else printable(str(v)))
    shown.columns = pd.Index([printable(str(c)) for c in shown.columns])
    safe = neutralised_frame(shown)
    return mark + safe.to_csv(
        index=False, sep=separator, decimal=decimal, na_rep="", lineterminator=end
    )
