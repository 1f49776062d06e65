"""Wide tables of producers made long: one row per producer and column, for plots and files.

May import: pandas.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["tidy"]


def tidy(tables: Mapping[str, pd.DataFrame], columns: str) -> pd.DataFrame:
    """Producers × `columns` tables of the same shape as one long table.

    Parameters
    ----------
    tables : mapping
        Value name → a table indexed by producer, one column per rank, tier or
        method (all with the same index and columns).
    columns : str
        What the columns are (``"rank"``, ``"tier"``, ``"method"``).

    Returns
    -------
    DataFrame
        ``producer``, `columns`, then one column per table, in the order given.

    Examples
    --------
    >>> shares = pd.DataFrame({1: [0.7, 0.3], 2: [0.3, 0.7]}, index=["A", "B"])
    >>> errors = pd.DataFrame({1: [0.01, 0.02], 2: [0.02, 0.01]}, index=["A", "B"])
    >>> tidy({"share": shares, "standard_error": errors}, "rank")
      producer  rank  share  standard_error
    0        A     1    0.7            0.01
    1        B     1    0.3            0.02
    2        A     2    0.3            0.02
    3        B     2    0.7            0.01
    """
    long = None
    for name, table in tables.items():
        named = table.rename_axis(index="producer", columns=columns).reset_index()
        melted = named.melt(id_vars="producer", var_name=columns, value_name=name)
        if long is None:
            long = melted
        else:
            long[name] = melted[name].to_numpy()
    return long if long is not None else pd.DataFrame(columns=["producer", columns])
