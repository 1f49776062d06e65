"""Producer tables: reading files and cells the way French spreadsheets write them.

:func:`read_table` reads a DataFrame, a ``.csv`` or an ``.xlsx`` file into a
fresh DataFrame of text cells with clean headers and spreadsheet row numbers;
:mod:`~selection.table.cells` turns cells into numbers and yes/no answers.
Nothing here knows grids.

May import: the base modules (:mod:`selection.errors`, :mod:`~selection.messages`,
:mod:`~selection.validators`, :mod:`~selection.files`).
"""

from .cells import BOOLEAN_WORDS, blank_cells, fold, is_blank, parse_booleans, parse_numbers
from .reader import Producers, clean_header, read_table

__all__ = [
    "BOOLEAN_WORDS",
    "Producers",
    "blank_cells",
    "clean_header",
    "fold",
    "is_blank",
    "parse_booleans",
    "parse_numbers",
    "read_table",
]
