"""The mixed-integer program of a plan: who may deliver what to whom, and the rules as rows.

:func:`network` joins the needs and the eligible producers' offers into
*arcs*: a producer's offer of a product in a period, to a store that needs it
then and can pay its price. :func:`program` writes one block of periods as a
mixed-integer program for :func:`scipy.optimize.milp` (HiGHS):

- per arc, ``w ≥ 0``; the quantity delivered is ``x = g·w`` where ``g`` is the
  offer's pack (``w`` then an integer: whole packs) or 1 (``w`` continuous);
  ``x ≤ need`` (and ``≤ max_share × need``) as bounds;
- per need, ``Σ x ≤ quantity``;
- per offer, ``Σ x ≤ capacity``; with a minimum quantity ``m``, a binary ``y``
  and ``m·y ≤ Σ x ≤ U·y`` (``Σ x`` is semi-continuous: 0 or at least ``m``);
- per producer and period with a visit cost, a binary ``v`` (a stop of the
  collection round) and ``x ≤ upper·v`` on each of its arcs (the strong,
  disaggregated form of facility location);
- per store and period (or season), ``Σ price·x ≤ budget``;
- with ``fair_shortfall``, per store and period ``unmet ≤ z_t · need`` (``z_t``
  the period's largest unmet fraction).

The objectives are vectors over the same variables (minimized): ``coverage``
is ``−Σ x``, ``score`` is ``−Σ score·x``, ``cost`` is ``Σ (price + route)·x +
Σ visit·v``, ``fair`` is ``Σ z``. Nothing here solves: :mod:`~selection.planning.solve`
does.

May import: numpy, scipy, pandas, and the base modules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import NDArray

from ..grid.plan_rule import BudgetPeriod, PlanRule

__all__ = ["DUST", "Network", "Program", "block_arcs", "negligible", "network", "program"]

#: Quantities below this are zero (HiGHS' feasibility tolerance is 1e-7).
EPSILON = 1e-6

#: A delivery below this share of its need is dust: the slack each stage leaves the next
#: (``KEEP_TOLERANCE``) spent on a few millionths of a unit, not a quantity anyone grows or
#: carries (:mod:`~selection.planning.cleaning`).
DUST = 1e-4

Array = NDArray[np.float64]


def negligible(quantity: NDArray[np.float64] | float) -> NDArray[np.float64]:
    """The largest delivery that counts as dust, for needs of `quantity`.

    Examples
    --------
    >>> negligible(np.array([0.5, 30.0])).tolist()
    [5e-05, 0.003]
    """
    values: NDArray[np.float64] = np.maximum(EPSILON, DUST * np.abs(np.asarray(quantity, float)))
    return values


@dataclass(frozen=True, eq=False)
class Network:
    """The needs, the usable offers and the arcs between them, for every period.

    Attributes
    ----------
    needs : DataFrame
        ``store``, ``key``, ``period``, ``quantity``, ``max_price``.
    offers : DataFrame
        Eligible producers' offers: ``producer``, ``key``, ``period``,
        ``capacity``, ``price``, ``min_quantity``, ``pack``, ``visit_cost``, ``score``.
    arcs : DataFrame
        ``need`` and ``offer`` (positions in the two tables), ``store``,
        ``producer``, ``key``, ``period``, ``price``, ``route`` (cost per unit),
        ``pack`` (1 when none), ``upper`` (largest delivery), ``score``.
    rule : PlanRule
    blocks : list of tuple of str
        Periods solved together: one each, unless a season budget links them.
    """

    needs: pd.DataFrame
    offers: pd.DataFrame
    arcs: pd.DataFrame
    rule: PlanRule
    blocks: list[tuple[str, ...]] = field(default_factory=list)


def network(
    needs: pd.DataFrame,
    offers: pd.DataFrame,
    costs: pd.DataFrame | None,
    scores: pd.Series,
    periods: tuple[str, ...],
    rule: PlanRule,
) -> Network:
    """The arcs of a plan: eligible producers' offers (`scores`' index) meeting needs they fit."""
    needs = needs.reset_index(drop=True)
    usable = offers[offers["producer"].isin(scores.index)].reset_index(drop=True)
    usable = usable.assign(score=scores.reindex(usable["producer"]).to_numpy(dtype=float))
    left = needs[["store", "key", "period", "quantity", "max_price"]].assign(
        need=np.arange(len(needs))
    )
    right = usable[["producer", "key", "period", "capacity", "price", "pack", "score"]].assign(
        offer=np.arange(len(usable))
    )
    arcs = left.merge(right, on=["key", "period"], how="inner", sort=False)
    arcs = arcs[arcs["price"] <= arcs["max_price"] * (1 + 1e-12)]
    if costs is not None and len(costs):
        route = costs.set_index(["producer", "store"])["cost"]
        keys = pd.MultiIndex.from_arrays([arcs["producer"], arcs["store"]])
        arcs = arcs.assign(route=route.reindex(keys).fillna(0.0).to_numpy(dtype=float))
    else:
        arcs = arcs.assign(route=0.0)
    share = 1.0 if rule.max_share is None else rule.max_share
    upper = np.minimum(arcs["quantity"].to_numpy() * share, arcs["capacity"].to_numpy())
    pack = arcs["pack"].to_numpy(dtype=float)
    pack = np.where(pack > 0, pack, 1.0)
    whole = arcs["pack"].to_numpy(dtype=float) > 0
    upper = np.where(whole, np.floor(upper / pack + 1e-9) * pack, upper)
    arcs = arcs.assign(pack=pack, whole=whole, upper=upper)
    arcs = arcs[arcs["upper"] > EPSILON].reset_index(drop=True)
    arcs = arcs[
        [
            "need",
            "offer",
            "store",
            "producer",
            "key",
            "period",
            "price",
            "route",
            "pack",
            "whole",
            "upper",
            "score",
        ]
    ]
    season = rule.budget is not None and rule.budget.per is BudgetPeriod.SEASON
    blocks: list[tuple[str, ...]] = [tuple(periods)] if season else [(p,) for p in periods]
    return Network(needs, usable, arcs, rule, blocks)


@dataclass(frozen=True, eq=False)
class Program:
    """One block's program: ``min c·u`` s.t. ``lower ≤ A u ≤ upper``, bounds, integrality.

    The variables ``u`` are, in order: one ``w`` per arc, one ``y`` per offer
    with a minimum quantity, one ``v`` per stop with a visit cost, one ``z``
    per period when the shortfall is shared fairly.
    """

    arcs: NDArray[np.intp]
    pack: Array
    a: sp.csr_array
    lower: Array
    upper: Array
    low: Array
    high: Array
    integrality: NDArray[np.int8]
    objectives: dict[str, Array]
    minimums: NDArray[np.intp]
    stops: pd.DataFrame
    periods: tuple[str, ...]
    whole: NDArray[np.bool_]
    offer_local: NDArray[np.intp]
    min_local: NDArray[np.intp]
    min_value: Array
    arc_stop: NDArray[np.intp]
    group_of_arc: NDArray[np.intp]
    group_total: Array
    group_period: NDArray[np.intp]
    need_local: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    need_quantity: Array = field(default_factory=lambda: np.empty(0))
    offer_capacity: Array = field(default_factory=lambda: np.empty(0))
    arc_price: Array = field(default_factory=lambda: np.empty(0))
    arc_score: Array = field(default_factory=lambda: np.empty(0))
    budget_of_arc: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    budget_amount: Array = field(default_factory=lambda: np.empty(0))
    arc_slot: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, dtype=np.intp))

    @property
    def size(self) -> int:
        """How many variables."""
        return len(self.low)

    @property
    def stop_columns(self) -> slice:
        """Where the stops' ``v`` are in ``u``."""
        start = len(self.arcs) + len(self.min_local)
        return slice(start, start + len(self.stops))

    def open_arcs(self, u: Array) -> Array:
        """1 on each arc its binaries in `u` let deliver, 0 where a stop or minimum is off."""
        n = len(self.arcs)
        is_open = np.ones(n)
        if len(self.stops):
            visited = u[self.stop_columns] > 0.5
            is_open[(self.arc_stop >= 0) & ~visited[np.maximum(self.arc_stop, 0)]] = 0.0
        if len(self.min_local):
            allowed = np.ones(len(self.offer_capacity) or int(self.offer_local.max()) + 1)
            allowed[self.min_local] = u[n : n + len(self.min_local)] > 0.5
            is_open *= allowed[self.offer_local]
        return is_open

    def close_stops(self, u: Array) -> Array:
        """`u` with every stop that picks nothing up closed: the same plan, never dearer."""
        if not len(self.stops):
            return u
        x = self.quantities(u)
        used = np.zeros(len(self.stops))
        on = (self.arc_stop >= 0) & (x > EPSILON)
        used[self.arc_stop[on]] = 1.0
        out = u.copy()
        out[self.stop_columns] = np.minimum(u[self.stop_columns], used)
        return out

    def quantities(self, u: Array) -> Array:
        """The quantity delivered on each arc of the block, from a solution `u`."""
        w = u[: len(self.arcs)]
        return self.pack * w

    def greedy(self) -> Array:
        """Arc quantities made quickly, without the solver: a feasible plan to start from.

        Offers are taken best grid score first (then cheapest), each filling the needs
        it can up to its capacity, the arc's bound (``max_share``), the store's budget
        and whole packs; offers left below their minimum quantity give their deliveries
        back and the round is made again without them. Used when the solver finds no
        plan in its time (a very large block), never as the answer of a stage it solved.
        """
        n = len(self.arcs)
        order = np.lexsort((self.arc_price, -self.arc_score)).tolist()
        # Python floats and lists: the loop is sequential, and numpy scalars cost ten times more.
        upper: list[float] = (self.high[:n] * self.pack).tolist()
        need_left: list[float] = self.need_quantity.astype(float).tolist()
        cap_left: list[float] = self.offer_capacity.astype(float).tolist()
        budget_left: list[float] = self.budget_amount.astype(float).tolist()
        minimum = np.zeros(len(cap_left))
        minimum[self.min_local] = self.min_value
        banned = [False] * len(cap_left)
        offer: list[int] = self.offer_local.tolist()
        need: list[int] = self.need_local.tolist()
        group: list[int] = self.budget_of_arc.tolist()
        price: list[float] = self.arc_price.tolist()
        pack: list[float] = self.pack.tolist()
        whole: list[bool] = self.whole.tolist()
        x = [0.0] * n
        floor = math.floor
        for _ in range(4):
            for a in order:
                i, j = need[a], offer[a]
                if need_left[i] <= EPSILON or cap_left[j] <= EPSILON or banned[j]:
                    continue  # most arcs, once the best offers have filled the needs
                g = group[a]
                room = min(upper[a] - x[a], need_left[i], cap_left[j])
                if g >= 0 and price[a] > 0:
                    room = min(room, budget_left[g] / price[a])
                if whole[a]:
                    room = floor(room / pack[a] + 1e-9) * pack[a]
                if room <= EPSILON:
                    continue
                x[a] += room
                need_left[i] -= room
                cap_left[j] -= room
                if g >= 0:
                    budget_left[g] -= room * price[a]
            sent = np.bincount(self.offer_local, weights=x, minlength=len(cap_left))
            short = (minimum > 0) & (sent > EPSILON) & (sent < minimum - EPSILON)
            if not short.any():
                break
            given = np.asarray(x)
            for a in np.flatnonzero(short[self.offer_local] & (given > 0)).tolist():
                need_left[need[a]] += x[a]
                cap_left[offer[a]] += x[a]
                if group[a] >= 0:
                    budget_left[group[a]] += x[a] * price[a]
                x[a] = 0.0
            for j in np.flatnonzero(short).tolist():
                banned[j] = True
        return np.asarray(x, dtype=float)

    def trivial_bound(self, name: str) -> float:
        """A bound on objective `name` (minimized form) that needs no solver.

        Product by product and period by period (an arc joins one product's offer and need
        in one period), the least of what the needs can take and the offers can give; for
        ``score``, that many units at most, each need filled from its best-scored arcs
        first; for ``fair``, each period's largest unmet fraction is at least every store's
        with all its needs' arcs full, and at least the unmet fraction of all its needs
        together. For ``cost`` it is 0: :meth:`cost_bound` needs the units to deliver.
        """
        n = len(self.arcs)
        upper = self.high[:n] * self.pack
        by_need = np.minimum(
            self.need_quantity, np.bincount(self.need_local, upper, len(self.need_quantity))
        )
        by_offer = np.minimum(
            self.offer_capacity, np.bincount(self.offer_local, upper, len(self.offer_capacity))
        )
        slots = int(self.arc_slot.max(initial=-1)) + 1
        need_slot = np.zeros(len(self.need_quantity), dtype=np.intp)
        need_slot[self.need_local] = self.arc_slot
        offer_slot = np.zeros(len(self.offer_capacity), dtype=np.intp)
        offer_slot[self.offer_local] = self.arc_slot
        most_by_slot = np.minimum(
            np.bincount(need_slot, by_need, slots), np.bincount(offer_slot, by_offer, slots)
        )
        most = float(most_by_slot.sum())
        if name == "coverage":
            return -most
        if name == "score":  # the best-scored units, each need filled best first, `most` in all
            score = -self.objectives["score"][:n] / self.pack
            piece = self._need_pieces(-score)
            order = np.argsort(-score, kind="stable")
            taken = np.minimum(
                piece[order], np.maximum(most - (np.cumsum(piece[order]) - piece[order]), 0.0)
            )
            return -float(score[order] @ taken)
        if name == "fair" and len(self.group_total):
            need_group = np.zeros(len(self.need_quantity), dtype=np.intp)
            need_group[self.need_local] = self.group_of_arc
            reach = np.bincount(need_group, by_need, len(self.group_total))
            worst = np.zeros(len(self.periods))
            np.maximum.at(worst, self.group_period, 1.0 - reach / self.group_total)
            slot_period = np.zeros(slots, dtype=np.intp)
            slot_period[self.arc_slot] = self.group_period[self.group_of_arc]
            given = np.bincount(slot_period, most_by_slot, len(self.periods))
            total = np.bincount(self.group_period, self.group_total, len(self.periods))
            overall = np.where(total > 0, 1.0 - given / np.where(total > 0, total, 1.0), 0.0)
            return float(np.clip(np.maximum(worst, overall), 0.0, 1.0).sum())
        return 0.0

    def cost_bound(self, required: float) -> float:
        """A bound on the ``cost`` stage that needs no solver, once `required` units must go.

        The cheapest `required` units, each need filled from its cheapest arcs first: the
        linear relaxation with the offers' capacities, the stops and the budgets left out
        (all of which can only cost more). Arcs grouped by need under caps form a
        polymatroid, on which taking the cheapest units first is exact.

        Examples
        --------
        Arcs at 2, 1 and 3 a unit, 5 units each: 7 units cost at least 5 × 1 + 2 × 2.

        >>> Program.cheapest(np.array([2.0, 1.0, 3.0]), np.array([5.0, 5.0, 5.0]), 7.0)
        9.0
        """
        n = len(self.arcs)
        unit = self.objectives["cost"][:n] / self.pack
        return self.cheapest(unit, self._need_pieces(unit), required)

    def _need_pieces(self, unit: Array) -> Array:
        """What each arc may carry when every need is filled from its lowest-`unit` arcs first.

        The arcs grouped by need, each arc up to its bound and each need up to its
        quantity: on such a polymatroid, taking the lowest `unit` first is optimal, so
        these pieces are all any optimum of a linear objective in `unit` uses.
        """
        n = len(self.arcs)
        upper = self.high[:n] * self.pack
        order = np.lexsort((unit, self.need_local))
        groups, room = self.need_local[order], upper[order]
        before = np.cumsum(room) - room
        start = np.zeros(len(self.need_quantity))
        first = np.r_[True, groups[1:] != groups[:-1]] if n else np.zeros(0, dtype=bool)
        start[groups[first]] = before[first]
        left = self.need_quantity[groups] - (before - start[groups])
        piece = np.empty(n)
        piece[order] = np.clip(left, 0.0, room)
        return piece

    @staticmethod
    def cheapest(unit: Array, upper: Array, required: float) -> float:
        """The least cost of `required` units from arcs at `unit` cost, each up to `upper`."""
        paying = unit > 0
        total = float(unit[~paying] @ upper[~paying])  # free or paid to take: all of it
        still = required - float(upper[~paying].sum())
        if still <= 0:
            return total
        order = np.argsort(unit[paying], kind="stable")
        costs, room = unit[paying][order], upper[paying][order]
        taken = np.minimum(room, np.maximum(still - (np.cumsum(room) - room), 0.0))
        return total + float(costs @ taken)

    def complete(self, x: Array) -> Array:
        """A whole solution from arc quantities that respect needs, capacities and budgets.

        Offers delivering less than their minimum are dropped; ``y``, ``v`` and
        ``z`` are set to what the quantities imply. Used to make a plan of a
        greedy plan (:meth:`greedy`) when the solver found none in its time.
        """
        n = len(self.arcs)
        x = np.where(x > EPSILON, x, 0.0)
        if len(self.min_local):
            sent = np.bincount(
                self.offer_local, weights=x, minlength=int(self.offer_local.max()) + 1
            )
            short = np.zeros(len(sent), dtype=bool)
            short[self.min_local] = sent[self.min_local] < self.min_value - EPSILON
            x = np.where(short[self.offer_local], 0.0, x)
        u = np.zeros(self.size)
        u[:n] = x / self.pack
        if len(self.min_local):
            sent = np.bincount(
                self.offer_local, weights=x, minlength=int(self.offer_local.max()) + 1
            )
            u[n : n + len(self.min_local)] = sent[self.min_local] > EPSILON
        v_start = n + len(self.min_local)
        if len(self.stops):
            used = np.zeros(len(self.stops))
            on = (self.arc_stop >= 0) & (x > EPSILON)
            used[self.arc_stop[on]] = 1.0
            u[v_start : v_start + len(self.stops)] = used
        if len(self.group_total):
            z_start = v_start + len(self.stops)
            met = np.bincount(self.group_of_arc, weights=x, minlength=len(self.group_total))
            unmet = np.clip(1 - met / self.group_total, 0.0, 1.0)
            z = np.zeros(len(self.periods))
            np.maximum.at(z, self.group_period, unmet)
            u[z_start:] = z
        return u


class _Rows:
    """Sparse rows built up as triplets."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.rows: list[NDArray[np.intp]] = []
        self.cols: list[NDArray[np.intp]] = []
        self.vals: list[Array] = []
        self.lower: list[Array] = []
        self.upper: list[Array] = []
        self.count = 0

    def add(
        self,
        rows: NDArray[np.intp],
        cols: NDArray[np.intp],
        vals: Array,
        lower: Array,
        upper: Array,
    ) -> None:
        """Rows numbered 0..k-1 locally (k = len(lower)), placed after those already added."""
        self.rows.append(np.asarray(rows, dtype=np.intp) + self.count)
        self.cols.append(np.asarray(cols, dtype=np.intp))
        self.vals.append(np.asarray(vals, dtype=float))
        self.lower.append(np.asarray(lower, dtype=float))
        self.upper.append(np.asarray(upper, dtype=float))
        self.count += len(lower)

    def matrix(self) -> tuple[sp.csr_array, Array, Array]:
        if not self.count:
            return (
                sp.csr_array((0, self.columns)),
                np.empty(0),
                np.empty(0),
            )
        a = sp.coo_array(
            (np.concatenate(self.vals), (np.concatenate(self.rows), np.concatenate(self.cols))),
            shape=(self.count, self.columns),
        ).tocsr()
        return a, np.concatenate(self.lower), np.concatenate(self.upper)


def program(
    net: Network, periods: tuple[str, ...], selected: NDArray[np.intp] | None = None
) -> Program:
    """The mixed-integer program of the periods of one block (its arcs `selected`, if known)."""
    rule = net.rule
    if selected is None:
        selected = np.flatnonzero(net.arcs["period"].isin(periods).to_numpy())
    arcs = net.arcs.iloc[selected]
    n = len(arcs)
    pack = arcs["pack"].to_numpy(dtype=float)
    whole = arcs["whole"].to_numpy(dtype=bool)
    upper = arcs["upper"].to_numpy(dtype=float)
    offers = net.offers
    offer_of = arcs["offer"].to_numpy()
    need_of = arcs["need"].to_numpy()

    # Offers with a minimum quantity get a binary y.
    used_offers, offer_local = np.unique(offer_of, return_inverse=True)
    minimum = offers["min_quantity"].to_numpy(dtype=float)[used_offers]
    capacity = offers["capacity"].to_numpy(dtype=float)[used_offers]
    # An offer sold in whole packs delivers a multiple of its pack: its capacity rounds down
    # and its minimum up to one (the same plans, a tighter relaxation for HiGHS).
    offer_pack = np.ones(len(used_offers))
    offer_pack[offer_local] = pack
    offer_whole = np.zeros(len(used_offers), dtype=bool)
    offer_whole[offer_local] = whole
    capacity = np.where(offer_whole, np.floor(capacity / offer_pack + 1e-9) * offer_pack, capacity)
    minimum = np.where(
        offer_whole & (minimum > EPSILON),
        np.ceil(minimum / offer_pack - 1e-9) * offer_pack,
        minimum,
    )
    reach = np.bincount(offer_local, weights=upper, minlength=len(used_offers))
    has_min = minimum > EPSILON
    minimums = np.flatnonzero(has_min)
    y_of = np.full(len(used_offers), -1)
    y_of[minimums] = n + np.arange(len(minimums))

    # Stops with a visit cost get a binary v.
    stops = (
        arcs[["producer", "period"]]
        .assign(cost=offers["visit_cost"].to_numpy(dtype=float)[offer_of])
        .drop_duplicates(["producer", "period"])
    )
    stops = stops[stops["cost"] > 0].reset_index(drop=True)
    v_start = n + len(minimums)
    stop_index = pd.MultiIndex.from_frame(stops[["producer", "period"]])
    arc_stop = stop_index.get_indexer(pd.MultiIndex.from_frame(arcs[["producer", "period"]]))

    # One z per period when the shortfall is shared fairly.
    z_start = v_start + len(stops)
    fair = rule.fair_shortfall
    size = z_start + (len(periods) if fair else 0)

    rows = _Rows(size)
    columns = np.arange(n)
    # Needs: Σ x ≤ quantity.
    used_needs, need_local = np.unique(need_of, return_inverse=True)
    quantity = _whole_needs(
        net.needs["quantity"].to_numpy(dtype=float)[used_needs], need_local, pack, whole
    )
    rows.add(need_local, columns, pack, np.full(len(used_needs), -np.inf), quantity)
    # The stop (if it costs) of each offer: its producer in its period.
    offer_stop = np.full(len(used_offers), -1)
    offer_stop[offer_local] = arc_stop
    # Offers: Σ x ≤ capacity; with a paid stop, Σ x ≤ U·v (no delivery without the stop: the
    # aggregated capacity row of facility location, which tightens the relaxation); with a
    # minimum quantity, m·y ≤ Σ x ≤ U·y (and y ≤ v below).
    bound = np.minimum(capacity, reach)
    stopped = ~has_min & (offer_stop >= 0)
    plain = np.flatnonzero(
        ~has_min & ~stopped & np.isfinite(capacity) & (capacity < reach - EPSILON)
    )
    if len(plain):
        local = np.full(len(used_offers), -1)
        local[plain] = np.arange(len(plain))
        keep = local[offer_local] >= 0
        rows.add(
            local[offer_local][keep],
            columns[keep],
            pack[keep],
            np.full(len(plain), -np.inf),
            capacity[plain],
        )
    linked = np.flatnonzero(stopped)
    if len(linked):
        local = np.full(len(used_offers), -1)
        local[linked] = np.arange(len(linked))
        keep = local[offer_local] >= 0
        k = len(linked)
        rows.add(
            np.concatenate([local[offer_local][keep], np.arange(k)]),
            np.concatenate([columns[keep], v_start + offer_stop[linked]]),
            np.concatenate([pack[keep], -bound[linked]]),
            np.full(k, -np.inf),
            np.zeros(k),
        )
    paid = minimums[offer_stop[minimums] >= 0]
    if len(paid):
        # y ≤ v: a producer delivers its minimum only on a stop of the round.
        k = len(paid)
        rows.add(
            np.concatenate([np.arange(k), np.arange(k)]),
            np.concatenate([y_of[paid], v_start + offer_stop[paid]]),
            np.concatenate([np.ones(k), -np.ones(k)]),
            np.full(k, -np.inf),
            np.zeros(k),
        )
    if len(minimums):
        local = np.full(len(used_offers), -1)
        local[minimums] = np.arange(len(minimums))
        keep = local[offer_local] >= 0
        k = len(minimums)
        big = np.minimum(capacity[minimums], reach[minimums])
        rows_local = np.concatenate([local[offer_local][keep], np.arange(k)])
        cols = np.concatenate([columns[keep], y_of[minimums]])
        # Σ x − U·y ≤ 0: nothing without y, at most the capacity with it.
        rows.add(
            rows_local,
            cols,
            np.concatenate([pack[keep], -big]),
            np.full(k, -np.inf),
            np.zeros(k),
        )
        # m·y − Σ x ≤ 0: at least the minimum with y.
        rows.add(
            rows_local,
            cols,
            np.concatenate([-pack[keep], minimum[minimums]]),
            np.full(k, -np.inf),
            np.zeros(k),
        )
    # Visits: x ≤ upper·v on each arc of a stop that costs.
    visited = np.flatnonzero(arc_stop >= 0)
    if len(visited):
        k = len(visited)
        rows.add(
            np.concatenate([np.arange(k), np.arange(k)]),
            np.concatenate([visited, v_start + arc_stop[visited]]),
            np.concatenate([pack[visited], -upper[visited]]),
            np.full(k, -np.inf),
            np.zeros(k),
        )
    # Budgets: Σ price·x ≤ budget, per store and period (or season).
    budget_of_arc = np.full(n, -1, dtype=np.intp)
    budget_amount = np.empty(0)
    if rule.budget is not None:
        budget = rule.budget
        per_period = budget.per is BudgetPeriod.PERIOD
        group = (
            arcs["store"] + "\x00" + arcs["period"] if per_period else arcs["store"]
        ).to_numpy()
        names, local = np.unique(group, return_inverse=True)
        amounts = np.array(
            [budget.amount_for(str(g).split("\x00")[0]) for g in names], dtype=object
        )
        limited = np.array([a is not None for a in amounts], dtype=bool)
        if limited.any():
            index = np.full(len(names), -1)
            index[limited] = np.arange(int(limited.sum()))
            keep = index[local] >= 0
            rows.add(
                index[local][keep],
                columns[keep],
                (arcs["price"].to_numpy(dtype=float) * pack)[keep],
                np.full(int(limited.sum()), -np.inf),
                amounts[limited].astype(float),
            )
            budget_of_arc = index[local].astype(np.intp)
            budget_amount = amounts[limited].astype(float)
    # Fairness: Σ x + D·z_t ≥ D per store and period (D: the store's need in the period).
    group_of_arc = np.empty(0, dtype=np.intp)
    group_total = np.empty(0)
    group_period = np.empty(0, dtype=np.intp)
    if fair:
        block_needs = net.needs[net.needs["period"].isin(periods)]
        totals = block_needs.groupby(["store", "period"], sort=False)["quantity"].sum()
        group_index = totals.index
        arc_group = group_index.get_indexer(pd.MultiIndex.from_frame(arcs[["store", "period"]]))
        period_of_group = np.array(
            [periods.index(p) for p in group_index.get_level_values("period")], dtype=np.intp
        )
        k = len(totals)
        rows.add(
            np.concatenate([arc_group, np.arange(k)]),
            np.concatenate([columns, z_start + period_of_group]),
            np.concatenate([pack, totals.to_numpy(dtype=float)]),
            totals.to_numpy(dtype=float),
            np.full(k, np.inf),
        )
        group_of_arc = arc_group.astype(np.intp)
        group_total = totals.to_numpy(dtype=float)
        group_period = period_of_group
    a, lower, upper_rows = rows.matrix()

    low = np.zeros(size)
    high = np.ones(size)
    high[:n] = np.where(whole, np.floor(upper / pack + 1e-9), upper)
    integrality = np.zeros(size, dtype=np.int8)
    integrality[:n] = whole
    integrality[n:z_start] = 1

    score = arcs["score"].to_numpy(dtype=float)
    unit_cost = arcs["price"].to_numpy(dtype=float) + arcs["route"].to_numpy(dtype=float)
    objectives = {
        "coverage": _vector(size, columns, -pack),
        "score": _vector(size, columns, -score * pack),
        "cost": _vector(size, columns, unit_cost * pack),
    }
    objectives["cost"][v_start:z_start] = stops["cost"].to_numpy(dtype=float)
    if fair:
        objectives["fair"] = _vector(size, np.arange(z_start, size), np.ones(len(periods)))
    return Program(
        arcs=selected,
        pack=pack,
        a=a,
        lower=lower,
        upper=upper_rows,
        low=low,
        high=high,
        integrality=integrality,
        objectives=objectives,
        minimums=used_offers[minimums],
        stops=stops,
        periods=periods,
        whole=whole,
        offer_local=offer_local.astype(np.intp),
        min_local=minimums.astype(np.intp),
        min_value=minimum[minimums],
        arc_stop=arc_stop.astype(np.intp),
        group_of_arc=group_of_arc,
        group_total=group_total,
        group_period=group_period,
        need_local=need_local.astype(np.intp),
        need_quantity=quantity,
        offer_capacity=capacity,
        arc_price=arcs["price"].to_numpy(dtype=float),
        arc_score=score,
        budget_of_arc=budget_of_arc,
        budget_amount=budget_amount,
        arc_slot=pd.factorize(
            pd.MultiIndex.from_arrays([arcs["key"], arcs["period"]]), sort=False
        )[0].astype(np.intp),
    )


def block_arcs(net: Network) -> list[NDArray[np.intp]]:
    """The arcs of each block of `net`, in order: one pass over the arcs' periods."""
    codes, labels = pd.factorize(net.arcs["period"])
    position = {str(p): k for k, p in enumerate(labels)}
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(len(labels) + 1))
    out = []
    for periods in net.blocks:
        parts = [
            order[starts[position[p]] : starts[position[p] + 1]] for p in periods if p in position
        ]
        out.append(np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.intp))
    return out


def _whole_needs(
    quantity: Array, need_local: NDArray[np.intp], pack: Array, whole: NDArray[np.bool_]
) -> Array:
    """The needs' quantities, rounded down to what whole packs can make.

    A need met only by whole packs, all sizes whole numbers, gets a multiple of their
    greatest common divisor: 7 with packs of 2 and 4 is at most 6. The plans are the
    same; the linear relaxation is much tighter (ten times the Marseille example: the
    coverage relaxation's 6,296 becomes the integer optimum, 5,461.5).
    """
    sizes = np.round(pack).astype(np.int64)
    integral = whole & (np.abs(pack - sizes) < 1e-9) & (sizes > 0)
    fits = np.ones(len(quantity), dtype=bool)
    np.logical_and.at(fits, need_local, integral)
    if not fits.any():
        return quantity
    divisor = np.zeros(len(quantity), dtype=np.int64)
    np.gcd.at(divisor, need_local, np.where(integral, sizes, 1))
    step = np.where(fits, divisor, 1).astype(float)
    return np.where(fits, np.floor(quantity / step + 1e-9) * step, quantity)


def _vector(size: int, at: NDArray[np.intp], values: Array) -> Array:
    out = np.zeros(size)
    out[at] = values
    return out
