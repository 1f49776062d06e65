"""Assembling a plan: the solver's quantities turned into the tables of a :class:`~.result.Plan`.

The deliveries, each need met or not (with its reasons in words), what each
producer is asked to grow, the paid stops of the collection round, how each
stage was solved, and the notes on the inputs, all in the needs' period order.

May import: numpy, pandas, the base modules, :mod:`~selection.planning.result`
and the modules it imports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..messages import Message, msg, render
from .context import Context
from .model import EPSILON, Network
from .reasons import Shortfall
from .result import Plan, Resolver, stage_gaps
from .solve import Solution
from .tables import product_key

__all__ = ["assemble"]


def assemble(
    context: Context,
    net: Network,
    solution: Solution,
    reasons: list[list[tuple[Shortfall, Message]]],
    lang: str,
    *,
    resolver: Resolver | None = None,
) -> Plan:
    """The :class:`Plan` of a solved network."""
    names = context.needs.products
    units = {
        key: context.needs.units.get(key) or context.offers.units.get(key, "") for key in names
    }
    periods = context.needs.periods.labels
    order = {p: i for i, p in enumerate(periods)}
    arcs = net.arcs
    x = solution.quantities
    used = x > 0
    chosen = arcs[used]
    quantity = x[used]
    price = chosen["price"].to_numpy(dtype=float)
    route = chosen["route"].to_numpy(dtype=float)
    allocation = pd.DataFrame(
        {
            "period": chosen["period"].to_numpy(),
            "store": chosen["store"].to_numpy(),
            "product": chosen["key"].map(names).to_numpy(dtype=object),
            "producer": chosen["producer"].to_numpy(),
            "quantity": quantity,
            "unit": chosen["key"].map(units).to_numpy(dtype=object),
            "price": price,
            "amount": quantity * price,
            "route": route,
            "transport": quantity * route,
            "cost": quantity * (price + route),
        }
    )
    allocation = _in_order(allocation, order, ["store", "product", "producer"])

    needs = net.needs
    met = np.bincount(arcs["need"].to_numpy(), weights=x, minlength=len(needs))
    quantity_needed = needs["quantity"].to_numpy(dtype=float)
    met = np.minimum(met, quantity_needed)
    unmet = quantity_needed - met
    unmet = np.where(unmet > EPSILON * np.maximum(1.0, quantity_needed), unmet, 0.0)
    needs_frame = pd.DataFrame(
        {
            "store": needs["store"].to_numpy(),
            "product": needs["key"].map(names).to_numpy(dtype=object),
            "period": needs["period"].to_numpy(),
            "quantity": quantity_needed,
            "met": quantity_needed - unmet,
            "unmet": unmet,
            "coverage": (quantity_needed - unmet) / quantity_needed,
            "max_price": needs["max_price"].to_numpy(dtype=float),
            "unit": needs["key"].map(units).to_numpy(dtype=object),
            "reason": _rendered(reasons, lang),
            "codes": [",".join(code.value for code, _ in r) for r in reasons],
        }
    )
    needs_frame = _in_order(needs_frame, order, ["store", "product"])

    offers = net.offers
    production = (
        allocation.groupby(["producer", "product", "period"], sort=False)
        .agg(quantity=("quantity", "sum"), stores=("store", "nunique"), price=("price", "first"))
        .reset_index()
    )
    capacity = offers.assign(product=[names[k] for k in offers["key"]]).set_index(
        ["producer", "product", "period"]
    )["capacity"]
    production["capacity"] = capacity.reindex(
        pd.MultiIndex.from_frame(production[["producer", "product", "period"]])
    ).to_numpy()
    production["unit"] = [units[product_key(p)] for p in production["product"]]
    production = _in_order(
        production[
            ["producer", "product", "period", "quantity", "capacity", "price", "unit", "stores"]
        ],
        order,
        ["producer", "product"],
        period_first=False,
    )

    stops = pd.DataFrame(solution.stops, columns=["producer", "period", "visit_cost"])
    stops = _in_order(stops, order, ["producer"], period_first=False)

    stage_rows = [vars(s) for s in solution.stages]
    stages = pd.DataFrame(
        stage_rows,
        columns=[
            "block",
            "objective",
            "status",
            "value",
            "bound",
            "seconds",
            "variables",
            "integers",
        ],
    )
    gap = float(stage_gaps(stages).max()) if len(stages) else 0.0
    status = "optimal" if (stages["status"] == "optimal").all() else "time limit"

    notes = list(context.offers.notes)
    offering = set(context.offers.table["producer"].tolist())
    for pid, why in context.excluded.items():
        if pid in offering:
            notes.append(
                msg(
                    "plan.note.excluded",
                    "{id}'s offers are not used: the grid excludes it ({why})",
                    id=pid,
                    why=why,
                )
            )
    return Plan(
        allocation=allocation,
        needs=needs_frame,
        production=production,
        stops=stops,
        stages=stages,
        rule=context.rule,
        status=status,
        gap=gap,
        seconds=solution.seconds,
        ranking=context.ranking,
        notes=tuple(notes),
        lang=lang,
        periods=periods,
        units=units,
        _context=context,
        _resolver=resolver,
    )


def _rendered(reasons: list[list[tuple[Shortfall, Message]]], lang: str) -> list[str]:
    """Each need's reasons in words; the same reasons (often thousands) rendered once."""
    seen: dict[tuple[Message, ...], str] = {}
    out = []
    for r in reasons:
        if not r:
            out.append("")
            continue
        key = tuple(m for _, m in r)
        text = seen.get(key)
        if text is None:
            text = seen[key] = render(list(key), lang)
        out.append(text)
    return out


def _in_order(
    frame: pd.DataFrame, order: dict[str, int], keys: list[str], *, period_first: bool = True
) -> pd.DataFrame:
    """Sorted by period (in the needs' order) then `keys`, or by `keys` then period."""
    rank = frame["period"].map(order)
    sort = ["_order", *keys] if period_first else [*keys, "_order"]
    return (
        frame.assign(_order=rank)
        .sort_values(sort, kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
