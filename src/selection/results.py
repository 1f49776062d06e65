"""What every result object shares: a one-line ``repr``, ``summary()``, ``to_frame()``.

Results whose main content is one table (stability intervals, a sweep, the
robustness summary) keep it in ``table``; :class:`TableResult` lets indexing and
DataFrame attributes reach that table, so that code written when these
functions returned a bare DataFrame keeps working
(``weight_intervals(...)["low"]``, ``.loc[...]``, ``.attrs``).

Examples
--------
>>> import pandas as pd
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Demo(TableResult):
...     table: pd.DataFrame
>>> demo = Demo(pd.DataFrame({"low": [0.1, 0.2]}, index=["a", "b"]))
>>> float(demo["low"]["b"]), float(demo.loc["a", "low"]), len(demo)
(0.2, 0.1, 2)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

__all__ = ["TableResult"]


class TableResult:
    """A result with a main ``table``; indexing and DataFrame attributes reach it."""

    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """A copy of the main table (a tidy DataFrame), ``attrs`` included."""
        return self.table.copy()

    def __getitem__(self, key: Any) -> Any:
        return self.table[key]

    def __getattr__(self, name: str) -> Any:
        # Only called when ordinary lookup fails: a DataFrame attribute (loc, index, attrs...).
        if name.startswith("__") or name == "table":
            raise AttributeError(name)
        try:
            table = object.__getattribute__(self, "table")
        except AttributeError:
            raise AttributeError(name) from None
        return getattr(table, name)

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.table)
