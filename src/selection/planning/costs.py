"""Reading and checking the route costs: transport per unit from a producer to a store.

Columns: ``producer``, ``store``, ``cost`` (per unit on that route; routes not
listed cost nothing); French headers work too (``producteur``, ``épicerie``,
``coût``). Producers are checked against the producer table, stores against
the needs (:mod:`~selection.planning.needs`). The table is read and its errors
reported as :mod:`~selection.planning.tables` does.

May import: numpy, pandas, the base modules, :mod:`~selection.planning.tables`
and :mod:`~selection.planning.needs`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..messages import msg
from .needs import Needs
from .tables import Table, open_table

__all__ = ["Costs", "read_costs"]

_COSTS = {
    "producer": ("producer", "producteur", "producer_id"),
    "store": ("store", "magasin", "épicerie", "epicerie", "boutique"),
    "cost": ("cost", "coût", "cout", "coût_unitaire"),
}


@dataclass(frozen=True, eq=False)
class Costs:
    """Transport costs per unit on each route: ``producer``, ``store``, ``cost``, ``row``."""

    table: pd.DataFrame
    source: str


def read_costs(costs: Table, needs: Needs, producers: Collection[str]) -> Costs:
    """Read and check the route costs (per unit delivered from a producer to a store).

    Raises
    ------
    DataError
        A producer not in the table, a store not in the needs, a negative
        cost, a route listed twice.
    """
    what = msg("plan.what.costs", "the costs table")
    table = open_table(costs, _COSTS, ("producer", "store", "cost"), what, may_be_empty=True)
    ids = table.required_texts("producer")
    stores = table.required_texts("store")
    cost = table.numbers("cost", required=True)
    known, shops = set(map(str, producers)), set(needs.stores)
    for i, (pid, store) in enumerate(zip(ids, stores, strict=True)):
        if pid not in known:
            raise table.fail(
                i,
                "producer",
                msg(
                    "plan.inputs.unknown_producer",
                    "producer {id!r} is not in the producer table",
                    id=pid,
                ),
                expected=msg("plan.inputs.producer_expected", "an id of the producer table"),
                hint=did_you_mean(pid, sorted(known)),
            )
        if store not in shops:
            raise table.fail(
                i,
                "store",
                msg("plan.inputs.unknown_store", "store {store!r} has no needs", store=store),
                expected=msg(
                    "plan.inputs.store_expected",
                    "a store of the needs table: {stores}",
                    stores=", ".join(needs.stores[:8]),
                ),
                hint=did_you_mean(store, needs.stores),
            )
    frame = pd.DataFrame(
        {"producer": ids, "store": stores, "cost": cost, "row": table.frame.index.to_numpy()}
    )
    repeated = frame.duplicated(["producer", "store"], keep=False).to_numpy()
    if repeated.any():
        first = frame.iloc[int(np.flatnonzero(repeated)[0])]
        rows = frame.loc[
            (frame["producer"] == first["producer"]) & (frame["store"] == first["store"]), "row"
        ]
        raise DataError(
            msg("plan.inputs.route_twice", "a route is listed twice"),
            where=msg(
                "plan.inputs.rows",
                "{file}, rows {rows}",
                file=table.source,
                rows=", ".join(map(str, rows)),
            ),
            expected=msg("plan.inputs.route_once", "one row per producer and store"),
            found=f"{first['producer']} → {first['store']}",
        )
    return Costs(frame, table.source)
