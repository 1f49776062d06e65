"""Why a need is not met: the constraint at fault, read from the plan and the offers.

Each unmet need (a store, a product, a period) gets one or more reasons, the
main one first, each a code (:class:`Shortfall`) and a message:

- ``no_offer``: no producer offers the product in that period;
- ``ineligible``: only producers the grid excludes offer it;
- ``price_ceiling``: the offers under the store's ceiling are used up, or
  there are none (offers above it had quantity left);
- ``capacity``: every affordable offer is used to its capacity;
- ``max_share``: the producers with quantity left already supply the most
  the resilience rule lets one producer supply;
- ``min_quantity``: a producer with quantity left delivers nothing or at
  least its minimum, and the needs left do not reach it;
- ``pack``: what is left of the need is less than a whole pack;
- ``budget``: the store's budget is spent;
- ``fair_share``: supply was shared out so that no store's unmet fraction is
  larger than needed (``fair_shortfall``);
- ``objective``: the objective put another stage before coverage;
- ``time_limit``: the solver stopped before proving the plan optimal.

May import: pandas, numpy, the base modules.
"""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import did_you_mean
from ..grid.plan_rule import BudgetPeriod, Objective, PlanRule
from ..messages import Message, msg
from .model import EPSILON, Network

__all__ = ["Shortfall", "shortfall_reasons"]


class _Need(NamedTuple):
    store: str
    key: str
    period: str
    quantity: float
    max_price: float


class Shortfall(StrEnum):
    """Why a need, or part of it, is not met."""

    NO_OFFER = "no_offer"
    INELIGIBLE = "ineligible"
    PRICE_CEILING = "price_ceiling"
    CAPACITY = "capacity"
    MAX_SHARE = "max_share"
    MIN_QUANTITY = "min_quantity"
    PACK = "pack"
    BUDGET = "budget"
    FAIR_SHARE = "fair_share"
    OBJECTIVE = "objective"
    TIME_LIMIT = "time_limit"


def shortfall_reasons(
    net: Network,
    quantities: np.ndarray,
    all_offers: pd.DataFrame,
    excluded: dict[str, Message],
    names: dict[str, str],
    optimal: bool,
    offered: dict[str, str] | None = None,
) -> list[list[tuple[Shortfall, Message]]]:
    """The reasons of each need of `net.needs` (an empty list when it is met).

    Parameters
    ----------
    net : Network
    quantities : array
        Delivered on each arc of the network.
    all_offers : DataFrame
        Every offer read, eligible producers or not.
    excluded : dict
        Producers the grid excludes → why.
    names : dict
        Product key → its name.
    optimal : bool
        Whether every stage was proven optimal.
    offered : dict, optional
        Every product key offered → its name as written (needed or not).
    """
    needs, offers, arcs, rule = net.needs, net.offers, net.arcs, net.rule
    arc_need = arcs["need"].to_numpy()
    arc_offer = arcs["offer"].to_numpy()
    met = np.bincount(arc_need, weights=quantities, minlength=len(needs))
    sent = np.bincount(arc_offer, weights=quantities, minlength=len(offers))
    spare = offers["capacity"].to_numpy(dtype=float) - sent
    unmet = needs["quantity"].to_numpy(dtype=float) - met
    room = np.minimum(unmet[arc_need], arcs["upper"].to_numpy(dtype=float) - quantities)
    reachable = np.bincount(arc_offer, weights=np.clip(room, 0, None), minlength=len(offers))

    offered_any = set(all_offers["key"])
    by_slot_all: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, (key, period) in enumerate(zip(all_offers["key"], all_offers["period"], strict=True)):
        by_slot_all[(key, period)].append(j)
    by_slot: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, (key, period) in enumerate(zip(offers["key"], offers["period"], strict=True)):
        by_slot[(key, period)].append(j)
    arcs_of: dict[int, list[int]] = defaultdict(list)
    for a, i in enumerate(arc_need.tolist()):
        arcs_of[i].append(a)
    offer_of_arc: list[int] = arc_offer.tolist()
    delivered_on: list[float] = np.asarray(quantities, dtype=float).tolist()
    spent = _spending(net, quantities)

    share = rule.max_share
    # Python lists: the loop below reads them element by element.
    prices: list[float] = offers["price"].to_numpy(dtype=float).tolist()
    minimum: list[float] = np.nan_to_num(offers["min_quantity"].to_numpy(dtype=float)).tolist()
    pack: list[float] = np.nan_to_num(offers["pack"].to_numpy(dtype=float)).tolist()
    producer: list[str] = [str(p) for p in offers["producer"]]
    spare_of: list[float] = spare.tolist()
    sent_of: list[float] = sent.tolist()
    reachable_of: list[float] = reachable.tolist()
    all_producers: list[str] = [str(p) for p in all_offers["producer"]]
    out: list[list[tuple[Shortfall, Message]]] = []
    stores = [str(v) for v in needs["store"]]
    keys = [str(v) for v in needs["key"]]
    periods = [str(v) for v in needs["period"]]
    quantity = needs["quantity"].to_numpy(dtype=float)
    ceilings = needs["max_price"].to_numpy(dtype=float)
    for i in range(len(needs)):
        row = _Need(stores[i], keys[i], periods[i], float(quantity[i]), float(ceilings[i]))
        missing = float(unmet[i])
        if missing <= EPSILON * max(1.0, row.quantity):
            out.append([])
            continue
        product = names.get(row.key, row.key)
        slot = (row.key, row.period)
        reasons: list[tuple[Shortfall, Message]] = []
        if not by_slot_all.get(slot):
            if row.key not in offered_any:
                reasons.append(
                    (
                        Shortfall.NO_OFFER,
                        msg(
                            "plan.reason.never_offered",
                            "no producer offers {product}{hint}",
                            product=product,
                            hint=_close(row.key, offered or {}),
                        ),
                    )
                )
            else:
                reasons.append(
                    (
                        Shortfall.NO_OFFER,
                        msg(
                            "plan.reason.no_offer",
                            "no producer offers {product} in {period}",
                            product=product,
                            period=row.period,
                        ),
                    )
                )
            out.append(reasons)
            continue
        usable = by_slot.get(slot, [])
        if not usable:
            shut = sorted({all_producers[j] for j in by_slot_all[slot]})
            whys = [_why(p, excluded.get(p, "—")) for p in shut]
            reasons.append(
                (
                    Shortfall.INELIGIBLE,
                    msg(
                        "plan.reason.ineligible",
                        "only producers the grid excludes offer it: {producers}",
                        producers=whys,
                    ),
                )
            )
            out.append(reasons)
            continue
        ceiling = row.max_price
        affordable = [j for j in usable if prices[j] <= ceiling * (1 + 1e-12)]
        dear = [j for j in usable if prices[j] > ceiling * (1 + 1e-12)]
        dear_left = sum(max(spare_of[j], 0.0) for j in dear)
        if not affordable:
            cheapest = min(dear, key=lambda j: prices[j])
            reasons.append(
                (
                    Shortfall.PRICE_CEILING,
                    msg(
                        "plan.reason.all_too_dear",
                        "every offer is above the price ceiling of {ceiling:.2f}: the cheapest "
                        "is {price:.2f} ({producer})",
                        ceiling=ceiling,
                        price=prices[cheapest],
                        producer=producer[cheapest],
                    ),
                )
            )
            out.append(reasons)
            continue
        found: dict[Shortfall, Message] = {}
        delivered = {offer_of_arc[a]: delivered_on[a] for a in arcs_of.get(i, [])}
        for j in affordable:
            left = spare_of[j]
            to_here = delivered.get(j, 0.0)
            step = pack[j] if pack[j] > 0 else 0.0
            if left <= EPSILON or (step > 0 and left < step - EPSILON):
                found.setdefault(
                    Shortfall.CAPACITY,
                    msg(
                        "plan.reason.capacity",
                        "the offers under the price ceiling are used to their capacity",
                    ),
                )
                continue
            if share is not None and to_here >= share * row.quantity - max(step, EPSILON):
                found.setdefault(
                    Shortfall.MAX_SHARE,
                    msg(
                        "plan.reason.max_share",
                        "{producer} already supplies {share:.0%} of the need, the most one "
                        "producer may (max_share)",
                        producer=producer[j],
                        share=share,
                    ),
                )
                continue
            if minimum[j] > 0 and sent_of[j] <= EPSILON and reachable_of[j] < minimum[j] - EPSILON:
                found.setdefault(
                    Shortfall.MIN_QUANTITY,
                    msg(
                        "plan.reason.min_quantity",
                        "{producer} delivers at least {minimum:g} or nothing; the needs it "
                        "could serve do not reach that",
                        producer=producer[j],
                        minimum=minimum[j],
                    ),
                )
                continue
            if step > 0 and missing < step - EPSILON:
                found.setdefault(
                    Shortfall.PACK,
                    msg(
                        "plan.reason.pack",
                        "what is left ({missing:g}) is less than a pack of {pack:g} ({producer})",
                        missing=round(missing, 6),
                        pack=step,
                        producer=producer[j],
                    ),
                )
                continue
            budget = _budget_left(rule, spent, row.store, row.period)
            if budget is not None and budget < prices[j] * max(step, EPSILON) + EPSILON:
                found.setdefault(
                    Shortfall.BUDGET,
                    msg(
                        "plan.reason.budget",
                        "the store's budget is spent ({left:.2f} left)",
                        left=max(budget, 0.0),
                    ),
                )
                continue
            if rule.fair_shortfall:
                found.setdefault(
                    Shortfall.FAIR_SHARE,
                    msg(
                        "plan.reason.fair_share",
                        "supply is shared out so that no store goes shorter than needed "
                        "(fair_shortfall)",
                    ),
                )
            elif rule.objective[0] is not Objective.COVERAGE:
                found.setdefault(
                    Shortfall.OBJECTIVE,
                    msg(
                        "plan.reason.objective",
                        "the objective puts {first} before coverage",
                        first=rule.objective[0].value,
                    ),
                )
            elif not optimal:
                found.setdefault(
                    Shortfall.TIME_LIMIT,
                    msg(
                        "plan.reason.time_limit",
                        "the solver stopped at the time limit before using {producer}'s "
                        "{left:g} left",
                        producer=producer[j],
                        left=round(left, 6),
                    ),
                )
        if dear and dear_left > EPSILON:
            cheapest = min(dear, key=lambda j: prices[j])
            found[Shortfall.PRICE_CEILING] = msg(
                "plan.reason.ceiling_blocks",
                "offers above the price ceiling of {ceiling:.2f} had {left:g} left (from "
                "{price:.2f}, {producer})",
                ceiling=ceiling,
                left=round(dear_left, 6),
                price=prices[cheapest],
                producer=producer[cheapest],
            )
        if not found:
            found[Shortfall.TIME_LIMIT if not optimal else Shortfall.CAPACITY] = msg(
                "plan.reason.capacity",
                "the offers under the price ceiling are used to their capacity",
            )
        order = list(Shortfall)
        reasons = sorted(found.items(), key=lambda item: order.index(item[0]))
        out.append(reasons)
    return out


def _why(producer: str, why: Message | str) -> Message:
    return msg("plan.reason.why", "{id} ({why})", id=producer, why=why)


def _close(key: str, offered: dict[str, str]) -> Message | str:
    """`` (an offer says 'patates douces': the same product?)`` for a close spelling."""
    close = did_you_mean(key, sorted(offered))
    if close is None:
        return ""
    return msg(
        "plan.reason.close",
        " (an offer says {offered!r}: the same product?)",
        offered=offered[str(close.values.get("choice"))],  # noqa: PD011 (a Message's values)
    )


def _spending(net: Network, quantities: np.ndarray) -> dict[tuple[str, str], float]:
    """Purchases per (store, period) and per (store, "") for the season."""
    arcs = net.arcs
    amount = arcs["price"].to_numpy(dtype=float) * quantities
    frame = pd.DataFrame({"store": arcs["store"], "period": arcs["period"], "amount": amount})
    out: dict[tuple[str, str], float] = {}
    per_period = frame.groupby(["store", "period"])["amount"].sum()
    for store, period, value in zip(
        per_period.index.get_level_values(0),
        per_period.index.get_level_values(1),
        per_period.to_numpy(),
        strict=True,
    ):
        out[(str(store), str(period))] = float(value)
    per_season = frame.groupby("store")["amount"].sum()
    for store, value in zip(per_season.index, per_season.to_numpy(), strict=True):
        out[(str(store), "")] = float(value)
    return out


def _budget_left(
    rule: PlanRule, spent: dict[tuple[str, str], float], store: str, period: str
) -> float | None:
    if rule.budget is None:
        return None
    amount = rule.budget.amount_for(store)
    if amount is None:
        return None
    key = (store, period) if rule.budget.per is BudgetPeriod.PERIOD else (store, "")
    return amount - spent.get(key, 0.0)
