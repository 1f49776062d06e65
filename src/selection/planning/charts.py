"""Charts of a plan: coverage by store and period, each producer's load.

matplotlib is imported inside the functions only. Both charts read in black and white.

May import: pandas, numpy; matplotlib inside functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["coverage_chart", "load_chart"]


def coverage_chart(coverage: pd.DataFrame, periods: Sequence[str], ax: Axes | None = None) -> Axes:
    """A store × period grid of the share of needs met (dark: met; white: unmet; grey: none)."""
    import matplotlib.pyplot as plt

    table = coverage.pivot_table(index="store", columns="period", values="coverage", sort=False)
    table = table.reindex(columns=[p for p in periods if p in table.columns])
    if ax is None:
        _, ax = plt.subplots(figsize=(min(4 + 0.18 * table.shape[1], 16), 1 + 0.4 * len(table)))
    values = np.ma.masked_invalid(table.to_numpy(dtype=float))
    cmap = plt.get_cmap("Greys").copy()
    cmap.set_bad("#eeeeee")
    image = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(table.index)), [str(s) for s in table.index])
    step = max(1, table.shape[1] // 13)
    ax.set_xticks(range(0, table.shape[1], step), list(table.columns[::step]), rotation=60)
    ax.set_title("Coverage of needs by store and period")
    ax.figure.colorbar(image, ax=ax, label="share met")
    return ax


def load_chart(load: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Each producer's deliveries (dark) against what it offered (light), in all."""
    import matplotlib.pyplot as plt

    load = load.sort_values("delivered")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 1 + 0.28 * len(load)))
    names = [str(i) for i in load.index]
    if "capacity" in load.columns:
        ax.barh(names, load["capacity"].fillna(0.0), color="#dddddd", label="offered")
    ax.barh(names, load["delivered"], color="#333333", label="delivered")
    ax.set_xlabel("units over the plan")
    ax.set_title("Producers' load")
    ax.legend(loc="lower right")
    return ax
