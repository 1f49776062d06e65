"""Small planning problems written as producers, a grid, needs, offers and costs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

import selection

#: A grid of one criterion on a declared scale: every producer eligible, scores from `quality`.
GRID = selection.parse_grid(
    """
format: selection/grid@1
name: toy planning grid
id: id
batteries:
  all:
    criteria:
      quality: {weight: 1, scale: [0, 1]}
"""
)


def producers(ids: Sequence[str], quality: Mapping[str, float] | None = None) -> pd.DataFrame:
    """A producer table: every producer eligible, with the given (or equal) quality."""
    quality = quality or {}
    return pd.DataFrame({"id": list(ids), "quality": [quality.get(i, 0.5) for i in ids]})


def transport(
    supply: Mapping[str, float],
    demand: Mapping[str, float],
    cost: Mapping[str, Sequence[float]],
) -> dict[str, Any]:
    """A transportation problem as plan() arguments: one product, one period, price 0."""
    return {
        "producers": producers(list(supply)),
        "grid": GRID,
        "needs": pd.DataFrame(
            {
                "store": list(demand),
                "product": "goods",
                "period": "1",
                "quantity": list(demand.values()),
            }
        ),
        "offers": pd.DataFrame(
            {
                "producer": list(supply),
                "product": "goods",
                "capacity": list(supply.values()),
                "price": 0.0,
            }
        ),
        "costs": pd.DataFrame(
            [(p, s, cost[p][j]) for p in supply for j, s in enumerate(demand)],
            columns=["producer", "store", "cost"],
        ),
    }
