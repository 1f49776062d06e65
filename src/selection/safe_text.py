r"""Text that cannot act: neutralised spreadsheet cells, escaped terminal output.

Producer tables come from outside (registries, forms, other collectives); what
we write from them must not do anything in the tools people open it with:

- a spreadsheet (LibreOffice, Excel) runs a cell starting with ``=``, ``+``,
  ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` in a producer id becomes a
  live link), and a leading tab or carriage return hides such a start:
  :func:`neutralised` puts an apostrophe in front, which spreadsheets show as
  text (the OWASP advice for CSV injection); numbers written as numbers, and
  text that is a plain number (``-3``, ``+2,5``), are left as they are;
- a terminal obeys control characters (ESC sequences can rewrite the screen,
  change the title, hide text): :func:`printable` shows them escaped
  (``\x1b``), as do the bidirectional overrides that can reverse a line.

Examples
--------
>>> neutralised('=HYPERLINK("http://x")')
'\'=HYPERLINK("http://x")'
>>> neutralised("-3"), neutralised("Ferme des Sources")
('-3', 'Ferme des Sources')
>>> print(printable("P1\x1b[2J"))
P1\x1b[2J
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["neutralised", "neutralised_frame", "printable"]

#: What makes a spreadsheet read a cell as a formula (or hides such a start).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: A plain number, possibly signed, with a decimal point or comma: not a formula.
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$")

#: Control characters and bidirectional overrides, but newline and tab.
_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def neutralised(value: Any) -> Any:
    """`value`, with an apostrophe in front if it is text a spreadsheet would run.

    Non-text values are returned as they are.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutralised_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells, index and headers are :func:`neutralised`.

    Number columns are untouched; `frame` is not modified.
    """
    import pandas as pd  # imported here: the command line's start-up does not need it

    out = frame.copy()
    for column in out.columns:
        if not (
            pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])
        ):
            out[column] = out[column].map(neutralised)
    out.columns = pd.Index([neutralised(c) for c in out.columns], name=out.columns.name)
    if not pd.api.types.is_numeric_dtype(out.index):
        out.index = pd.Index([neutralised(i) for i in out.index], name=out.index.name)
    return out


def printable(text: str) -> str:
    """`text` with control characters shown as escapes (newlines and tabs kept)."""
    return _CONTROL.sub(lambda found: ascii(found.group())[1:-1], text)
