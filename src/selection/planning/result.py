r"""The plan: who supplies what to which store in which period, what is left unmet and why.

Examples
--------
>>> import pandas as pd, selection
>>> producers = pd.DataFrame({"id": ["P1", "P2"], "quality": [0.9, 0.4]})
>>> grid = selection.parse_grid(
...     "format: selection/grid@1\nname: demo\nid: id\nbatteries:\n  all:\n"
...     "    criteria:\n      quality: {scale: [0, 1]}\n")
>>> needs = pd.DataFrame({"store": ["Panier", "Noailles"], "product": "gombo",
...                       "period": "2027-W30", "quantity": [6, 8]})
>>> offers = pd.DataFrame({"producer": ["P1", "P2"], "product": "gombo",
...                        "capacity": [10, 10], "price": [6.0, 5.0]})
>>> result = selection.plan(producers, grid, needs=needs, offers=offers)
>>> list(result.to_frame().columns[:6])
['period', 'store', 'product', 'producer', 'quantity', 'unit']
>>> result.coverage("store")["coverage"].tolist()
[1.0, 1.0]

A plan is built by :mod:`~selection.planning.assembly` from the solver's quantities.

May import: numpy, pandas, the base modules, :mod:`~selection.planning.context`,
:mod:`~selection.planning.model`, :mod:`~selection.planning.reasons` and
:mod:`~selection.planning.tables`; :mod:`~selection.planning.charts` inside a method.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..errors import ArgumentError, DataError, did_you_mean
from ..grid.plan_rule import PlanRule
from ..messages import Message, msg, msgn, render
from ..validators import language, one_of
from .context import Context
from .model import EPSILON
from .reasons import Shortfall
from .tables import product_key

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..ranking import Ranking

__all__ = ["Plan", "stage_gaps"]

#: Groupings :meth:`Plan.coverage` accepts.
COVERAGE_BY = ("store", "product", "period")

#: Solves a plan again: changed needs and the periods to re-solve in; a Plan out.
Resolver = Callable[[pd.DataFrame, Sequence[str]], "Plan"]


@dataclass(frozen=True, eq=False)
class Plan:
    """A supply plan and its reasons.

    Attributes
    ----------
    allocation : DataFrame
        One row per delivery: ``period``, ``store``, ``product``, ``producer``,
        ``quantity``, ``unit``, ``price`` (per unit), ``amount`` (quantity ×
        price, what the store pays), ``route`` (transport per unit),
        ``transport``, ``cost`` (amount + transport). Periods in order.
    needs : DataFrame
        One row per need: ``store``, ``product``, ``period``, ``quantity``,
        ``met``, ``unmet``, ``coverage``, ``max_price``, ``unit``, ``reason``
        (in words, blank when met) and ``codes`` (the :class:`Shortfall` codes,
        main one first).
    production : DataFrame
        What each producer is asked to grow and deliver: ``producer``,
        ``product``, ``period``, ``quantity``, ``capacity``, ``price``,
        ``unit``, ``stores``.
    stops : DataFrame
        The collection round's paid stops: ``producer``, ``period``, ``visit_cost``.
    stages : DataFrame
        How each objective stage of each block was solved (``status``,
        ``value``, ``bound``, ``seconds``, size).
    rule : PlanRule
        The rules and objective the plan follows.
    status : str
        ``optimal`` (every stage proven optimal) or ``time limit``.
    gap : float
        The largest relative gap between a stage's plan and its proven bound
        (0 when optimal).
    seconds : float
        Time spent solving.
    ranking : Ranking
        The grid's ranking of the producers.
    notes : tuple of Message
        What the inputs left out, and the producers the grid excludes.
    lang : str
        The language of ``reason``.
    """

    allocation: pd.DataFrame
    needs: pd.DataFrame
    production: pd.DataFrame
    stops: pd.DataFrame
    stages: pd.DataFrame
    rule: PlanRule
    status: str
    gap: float
    seconds: float
    ranking: Ranking
    notes: tuple[Message, ...]
    lang: str
    periods: tuple[str, ...]
    units: dict[str, str]
    version: str = __version__
    _context: Context | None = field(default=None, repr=False)
    _resolver: Resolver | None = field(default=None, repr=False)

    # -- views ----------------------------------------------------------------------------

    @property
    def gaps(self) -> pd.Series:
        """Each objective stage's relative gap, over all blocks: Σ|plan − bound| / Σ|plan|.

        :attr:`gap` is the largest. When the limit stops a large problem, the first
        stage's gap says how far the coverage may be from the best possible; a stage
        HiGHS did not solve is measured against a bound that needs no solver
        (:meth:`~selection.planning.model.Program.trivial_bound`).
        """
        return stage_gaps(self.stages)

    def _check_store(self, store: str) -> None:
        """Raise a clear error unless `store` is one of the needs' stores."""
        stores = set(self.needs["store"])
        if store not in stores:
            raise ArgumentError(
                msg("plan.explain.unknown_store", "unknown store {store!r}", store=store),
                where="store",
                expected=msg("plan.explain.store_expected", "a store of the needs"),
                found=repr(store),
                hint=did_you_mean(store, sorted(stores)),
            )

    @property
    def unmet(self) -> pd.DataFrame:
        """The needs not fully met, with their reasons."""
        return self.needs[self.needs["unmet"] > 0]

    @property
    def totals(self) -> pd.Series:
        """Needed, met, unmet, coverage, purchases, transport, stops, cost, producers used."""
        needed = float(self.needs["quantity"].sum())
        met = float(self.needs["met"].sum())
        purchases = float(self.allocation["amount"].sum())
        transport = float(self.allocation["transport"].sum())
        stops = float(self.stops["visit_cost"].sum())
        return pd.Series(
            {
                "needed": needed,
                "met": met,
                "unmet": needed - met,
                "coverage": met / needed if needed else 1.0,
                "purchases": purchases,
                "transport": transport,
                "stops": stops,
                "cost": purchases + transport + stops,
                "producers": float(self.allocation["producer"].nunique()),
                "deliveries": float(len(self.allocation)),
            },
            name="total",
        )

    def coverage(self, by: str | Sequence[str] = "store") -> pd.DataFrame:
        """Needed, met and the share met, by store, product or period (or several)."""
        keys = [by] if isinstance(by, str) else list(by)
        keys = [one_of(k, "by", COVERAGE_BY, what=msg("what.grouping", "grouping")) for k in keys]
        grouped = self.needs.groupby(keys, sort=False)[["quantity", "met"]].sum()
        if "period" in keys and len(keys) == 1:
            grouped = grouped.reindex([p for p in self.periods if p in grouped.index])
        out = grouped.rename(columns={"quantity": "needed"})
        out["coverage"] = out["met"] / out["needed"]
        return out

    def load(self) -> pd.DataFrame:
        """Each producer's deliveries against what it offered (finite capacities), in all."""
        context = self._context
        delivered = self.production.groupby("producer")["quantity"].sum()
        frame = pd.DataFrame({"delivered": delivered})
        if context is not None:
            offers = context.offers.table
            offers = offers[offers["producer"].isin(context.scores.index)]
            finite = offers[np.isfinite(offers["capacity"])]
            frame = frame.join(
                finite.groupby("producer")["capacity"].sum().rename("capacity"), how="outer"
            ).fillna({"delivered": 0.0})
            frame["load"] = frame["delivered"] / frame["capacity"]
        return frame.sort_values("delivered", ascending=False)

    def production_plan(self, producer: object) -> pd.DataFrame:
        """What one producer is asked to grow and deliver: periods × products (quantities)."""
        pid = self._producer(producer)
        rows = self.production[self.production["producer"] == pid]
        table = rows.pivot_table(
            index="period", columns="product", values="quantity", aggfunc="sum", fill_value=0.0
        )
        return table.reindex([p for p in self.periods if p in table.index])

    def to_frame(self) -> pd.DataFrame:
        """The allocation (one row per delivery), with provenance in ``attrs``."""
        frame = self.allocation.copy()
        frame.attrs.update(
            {
                "grid": self.ranking.grid.name,
                "grid_hash": self.ranking.grid.hash,
                "objective": [o.value for o in self.rule.objective],
                "status": self.status,
                "gap": self.gap,
                "selection_version": self.version,
            }
        )
        return frame

    # -- words ----------------------------------------------------------------------------

    def summary(self, lang: str | None = None) -> str:
        """The plan in a few sentences: coverage, cost, how it was solved, what is unmet, why."""
        chosen = language(lang)
        totals = self.totals
        lines: list[Message] = [
            msg(
                "plan.summary.head",
                "Plan — stores: {stores}, products: {products}, periods: {periods} ({first} to "
                "{last}). {met:.0f} of {needed:.0f} units needed are met ({coverage:.1%}).",
                stores=self.needs["store"].nunique(),
                products=self.needs["product"].nunique(),
                periods=len(self.periods),
                first=self.periods[0] if self.periods else "—",
                last=self.periods[-1] if self.periods else "—",
                met=totals["met"],
                needed=totals["needed"],
                coverage=totals["coverage"],
            ),
            msgn(
                "plan.summary.cost",
                "{count} producer delivers {deliveries} times; purchases {purchases:.2f}, "
                "transport {transport:.2f}, collection stops {stops:.2f}: {cost:.2f} in all.",
                "{count} producers deliver {deliveries} times; purchases {purchases:.2f}, "
                "transport {transport:.2f}, collection stops {stops:.2f}: {cost:.2f} in all.",
                count=int(totals["producers"]),
                deliveries=int(totals["deliveries"]),
                purchases=totals["purchases"],
                transport=totals["transport"],
                stops=totals["stops"],
                cost=totals["cost"],
            ),
            msg(
                "plan.summary.solved",
                "{rule}; {status} in {seconds:.1f} s (gap {gap:.2%}).",
                rule=self.rule.conditions(),
                status=msg("plan.status.optimal", "proven optimal")
                if self.status == "optimal"
                else msg("plan.status.time_limit", "stopped at the time limit"),
                seconds=self.seconds,
                gap=self.gap,
            ),
        ]
        if self.status != "optimal":
            kept = self.stages["status"].isin(["heuristic", "previous", "skipped"])
            gaps = [_stage_gap(str(stage), float(gap)) for stage, gap in self.gaps.items()]
            lines.append(
                msg(
                    "plan.summary.stopped",
                    "At the time limit, {kept} of {count} stages (objective × block) kept an "
                    "earlier plan; gap by stage: {gaps}.",
                    kept=int(kept.sum()),
                    count=len(self.stages),
                    gaps=gaps,
                )
            )
        unmet = self.unmet
        if len(unmet):
            codes = unmet["codes"].str.split(",").str[0]
            shares = unmet.groupby(codes)["unmet"].sum().sort_values(ascending=False)
            total = float(shares.sum())
            parts = [
                msg(
                    "plan.summary.reason_share",
                    "{reason} {share:.0%}",
                    reason=_REASON_WORDS[Shortfall(str(code))],
                    share=value / total,
                )
                for code, value in shares.items()
            ]
            lines.append(
                msgn(
                    "plan.summary.unmet",
                    "{unmet:.0f} units unmet in {count} need, by main reason: {reasons}.",
                    "{unmet:.0f} units unmet in {count} needs, by main reason: {reasons}.",
                    count=len(unmet),
                    unmet=total,
                    reasons=parts,
                )
            )
            worst = self.coverage("store").sort_values("coverage").iloc[0]
            lines.append(
                msg(
                    "plan.summary.worst",
                    "Least covered store: {store} ({coverage:.0%}).",
                    store=self.coverage("store").sort_values("coverage").index[0],
                    coverage=float(worst["coverage"]),
                )
            )
        else:
            lines.append(msg("plan.summary.all_met", "Every need is met."))
        if self.notes:
            lines.append(
                msgn(
                    "plan.summary.notes",
                    "{count} note on the inputs (plan.notes).",
                    "{count} notes on the inputs (plan.notes).",
                    count=len(self.notes),
                )
            )
        return "\n".join(render(line, chosen) for line in lines)

    def explain(
        self, producer: object, store: str | None = None, *, lang: str | None = None
    ) -> str:
        """Why a producer supplies a store: its grid rank, its price, the capacity it had left.

        Parameters
        ----------
        producer : str
            An id of the producer table.
        store : str, optional
            Only this store's deliveries.
        """
        chosen = language(lang)
        pid = self._producer(producer)
        ranking = self.ranking
        who = ranking.prepared.who(pid)
        row: dict[Any, Any] = ranking.table.loc[pid].to_dict()
        if not bool(row["eligible"]):
            return render(
                msg(
                    "plan.explain.excluded",
                    "{who} is not used: the grid excludes it ({reason}).",
                    who=who,
                    reason=row["reason"],
                ),
                chosen,
            )
        lines: list[Message | str] = [
            msg(
                "plan.explain.head",
                "{who}: grid rank {rank} of {count} eligible producers (score {score:.3f}).",
                who=who,
                rank=int(row["rank"]),
                count=int(ranking.table["eligible"].sum()),
                score=float(row["score"]),
            )
        ]
        deliveries = self.allocation[self.allocation["producer"] == pid]
        if store is not None:
            self._check_store(store)
            deliveries = deliveries[deliveries["store"] == store]
        if deliveries.empty:
            lines.append(self._why_not(pid, store))
            return "\n".join(render(line, chosen) for line in lines)
        offers = self._offers()
        for product, group in deliveries.groupby("product", sort=False):
            key = product_key(str(product))
            periods = [p for p in self.periods if p in set(group["period"])]
            mine = offers[
                (offers["producer"] == pid)
                & (offers["key"] == key)
                & offers["period"].isin(periods)
            ]
            capacity = mine["capacity"].to_numpy(dtype=float)
            sent = self.allocation.loc[
                (self.allocation["producer"] == pid)
                & (self.allocation["product"] == product)
                & self.allocation["period"].isin(periods),
                "quantity",
            ].sum()
            used = (
                msg(
                    "plan.explain.used",
                    "its capacity then was {share:.0%} used",
                    share=float(sent / capacity.sum()),
                )
                if len(capacity) and np.isfinite(capacity).all() and capacity.sum() > 0
                else msg("plan.explain.no_limit", "no stated capacity limit")
            )
            by_store = group.groupby("store", sort=False)["quantity"].sum()
            needs = self.needs[self.needs["product"] == product].groupby("store")["max_price"]
            ceilings = needs.min().to_dict()
            unit = self.units.get(key) or render(msg("plan.unit", "unit"), chosen)
            lines.append(
                msgn(
                    "plan.explain.product",
                    "  {product}: {quantity:.1f} {unit} in {count} period ({first} to {last}) at "
                    "{price:.2f} per {unit}; {used}.",
                    "  {product}: {quantity:.1f} {unit} in {count} periods ({first} to {last}) "
                    "at {price:.2f} per {unit}; {used}.",
                    count=len(periods),
                    product=product,
                    quantity=float(group["quantity"].sum()),
                    unit=unit,
                    first=periods[0],
                    last=periods[-1],
                    price=float(group["price"].mean()),
                    used=used,
                )
            )
            stores = [
                _delivered(str(shop), float(quantity), float(ceilings.get(shop, np.inf)))
                for shop, quantity in by_store.items()
            ]
            lines.append(msg("plan.explain.stores", "    to {stores}", stores=stores))
            rivals = self._rivals(key, periods, pid)
            if rivals:
                lines.append(
                    msg("plan.explain.rivals", "    other offers: {rivals}", rivals=rivals)
                )
        return "\n".join(render(line, chosen) for line in lines)

    def ceiling_gain(
        self, store: str, product: str | None = None, *, to: float | None = None
    ) -> pd.DataFrame:
        """What `store` would gain if its price ceiling rose, product by product (re-solved).

        For each product whose need is cut short by the store's price ceiling, the
        periods concerned are solved again with the ceiling raised to `to` (default:
        the price of the dearest offer of that product then); the table says how
        much more of the need would be met and what it would cost the store.

        Returns
        -------
        DataFrame
            Indexed by product: ``max_price``, ``new_max_price``, ``unmet``,
            ``gained``, ``extra_purchases``, ``price_of_gain`` (per unit).
        """
        self._check_store(store)
        columns = [
            "max_price",
            "new_max_price",
            "unmet",
            "gained",
            "extra_purchases",
            "price_of_gain",
        ]
        context, resolver = self._context, self._resolver
        if context is None or resolver is None:
            return pd.DataFrame(columns=columns)
        unmet = self.unmet[self.unmet["store"] == store]
        unmet = unmet[unmet["codes"].str.contains(Shortfall.PRICE_CEILING.value)]
        if product is not None:
            unmet = unmet[unmet["product"].map(product_key) == product_key(product)]
        offers = context.offers.table
        records = {}
        base = context.needs.table
        for name, rows in unmet.groupby("product", sort=False):
            key = product_key(name)
            periods = list(dict.fromkeys(rows["period"]))
            there = offers[(offers["key"] == key) & offers["period"].isin(periods)]
            there = there[there["producer"].isin(context.scores.index)]
            if there.empty:
                continue
            new = float(to) if to is not None else float(there["price"].max())
            old = float(rows["max_price"].min())
            if new <= old:
                continue
            mask = (base["store"] == store) & (base["key"] == key)
            changed = base.assign(
                max_price=np.where(mask, np.maximum(base["max_price"], new), base["max_price"])
            )
            again = resolver(changed, periods)
            before = self.needs[
                (self.needs["store"] == store)
                & (self.needs["product"] == name)
                & self.needs["period"].isin(periods)
            ]
            after = again.needs[
                (again.needs["store"] == store)
                & (again.needs["product"] == name)
                & again.needs["period"].isin(periods)
            ]
            gained = float(after["met"].sum() - before["met"].sum())
            paid_before = self.allocation[
                (self.allocation["store"] == store) & self.allocation["period"].isin(periods)
            ]["amount"].sum()
            paid_after = again.allocation[
                (again.allocation["store"] == store) & again.allocation["period"].isin(periods)
            ]["amount"].sum()
            extra = float(paid_after - paid_before)
            records[name] = {
                "max_price": old,
                "new_max_price": new,
                "unmet": float(rows["unmet"].sum()),
                "gained": gained,
                "extra_purchases": extra,
                "price_of_gain": extra / gained if gained > EPSILON else float("nan"),
            }
        return pd.DataFrame.from_dict(records, orient="index", columns=columns)

    def plot(self, kind: str = "coverage", ax: Axes | None = None) -> Axes:
        """Coverage by store × period (``coverage``), or each producer's load (``load``)."""
        from .charts import coverage_chart, load_chart

        chosen = one_of(kind, "kind", ("coverage", "load"), what=msg("what.chart", "chart"))
        if chosen == "coverage":
            return coverage_chart(self.coverage(["store", "period"]), self.periods, ax=ax)
        return load_chart(self.load(), ax=ax)

    def __repr__(self) -> str:
        totals = self.totals
        return (
            f"<Plan {self.needs['store'].nunique()} stores × {len(self.periods)} periods: "
            f"{totals['coverage']:.1%} of needs met, cost {totals['cost']:.2f}, {self.status} "
            f"(gap {self.gap:.2%}), grid {self.ranking.grid.name!r}>"
        )

    # -- helpers ---------------------------------------------------------------------------

    def _producer(self, producer: object) -> str:
        pid = str(producer).strip()
        ids = [str(i) for i in self.ranking.table.index]
        if pid not in ids:
            raise DataError(
                msg("ranking.unknown_producer", "unknown producer {id!r}", id=pid),
                where=msg("where.column", "column {column!r}", column=self.ranking.grid.id_column),
                expected=msg("ranking.producer_expected", "an id of the table"),
                found=repr(pid),
                hint=did_you_mean(pid, ids),
            )
        return pid

    def _offers(self) -> pd.DataFrame:
        if self._context is None:
            return pd.DataFrame(columns=["producer", "key", "period", "capacity", "price"])
        return self._context.offers.table

    def _rivals(self, key: str, periods: list[str], pid: str) -> list[Message]:
        offers = self._offers()
        others = offers[
            (offers["key"] == key) & offers["period"].isin(periods) & (offers["producer"] != pid)
        ]
        if others.empty:
            return []
        table = self.ranking.table
        eligible = table["eligible"].to_dict()
        ranks = table["rank"].to_dict()
        same = self.allocation[self.allocation["product"].map(product_key) == key]
        sent = same.groupby(["producer", "period"])["quantity"].sum().to_dict()
        out = []
        for other, rows in others.groupby("producer", sort=False):
            if other not in table.index:
                continue
            usable = bool(eligible[other])
            capacity = rows["capacity"].to_numpy(dtype=float)
            used = np.array([sent.get((other, p), 0.0) for p in rows["period"]])
            left = float(np.sum(capacity - used)) if np.isfinite(capacity).all() else float("inf")
            out.append(
                msg(
                    "plan.explain.rival",
                    "{id} ({rank}, {price:.2f}, {left} left unused)",
                    id=other,
                    rank=msg("plan.explain.rank", "rank {rank}", rank=int(ranks[other]))
                    if usable
                    else msg("plan.explain.excluded_short", "excluded"),
                    price=float(rows["price"].mean()),
                    left="∞" if not np.isfinite(left) else f"{max(left, 0.0):.1f}",
                )
            )
        return out[:6]

    def _why_not(self, pid: str, store: str | None) -> Message:
        offers = self._offers()
        mine = offers[offers["producer"] == pid]
        if mine.empty:
            return msg(
                "plan.explain.no_offers", "  It offers nothing any store needs in these periods."
            )
        return msg(
            "plan.explain.unused",
            "  It supplies nothing{to}: its offers ({products}) were not needed once cheaper or "
            "better-ranked offers were used, or are above the stores' price ceilings.",
            to=msg("plan.explain.to", " to {store}", store=store) if store else "",
            products=", ".join(sorted(set(mine["key"]))),
        )


def stage_gaps(stages: pd.DataFrame) -> pd.Series:
    """Each objective's relative gap over all blocks, Σ|plan − bound| / Σ|plan| (0 below 1e-9).

    Examples
    --------
    >>> stages = pd.DataFrame({"objective": ["coverage", "coverage", "cost"],
    ...                        "value": [-10.0, -30.0, 50.0], "bound": [-10.0, -34.0, 40.0]})
    >>> stage_gaps(stages).to_dict()
    {'coverage': 0.1, 'cost': 0.2}
    """
    out = {}
    for name, group in stages.groupby("objective", sort=False):
        values, bounds = group["value"].to_numpy(), group["bound"].to_numpy()
        spread = float(np.sum(np.abs(values - bounds)))
        scale = max(float(np.sum(np.abs(values))), 1e-9)
        out[str(name)] = spread / scale if spread > 1e-9 * scale else 0.0
    return pd.Series(out, name="gap", dtype=float)


def _stage_gap(stage: str, gap: float) -> Message:
    return msg("plan.summary.gap", "{stage} {gap:.1%}", stage=stage, gap=gap)


def _delivered(store: str, quantity: float, ceiling: float) -> Message:
    """``Noailles 46.5 (ceiling 7.00)``: what a store receives, and its price ceiling."""
    if np.isfinite(ceiling):
        return msg(
            "plan.explain.store",
            "{store} {quantity:.1f} (ceiling {ceiling:.2f})",
            store=store,
            quantity=quantity,
            ceiling=ceiling,
        )
    return msg(
        "plan.explain.store_no_ceiling",
        "{store} {quantity:.1f} (no ceiling)",
        store=store,
        quantity=quantity,
    )


#: The reasons' names in a summary.
_REASON_WORDS = {
    Shortfall.NO_OFFER: msg("plan.word.no_offer", "no offer"),
    Shortfall.INELIGIBLE: msg("plan.word.ineligible", "only excluded producers"),
    Shortfall.PRICE_CEILING: msg("plan.word.price_ceiling", "price ceiling"),
    Shortfall.CAPACITY: msg("plan.word.capacity", "capacity"),
    Shortfall.MAX_SHARE: msg("plan.word.max_share", "max share per producer"),
    Shortfall.MIN_QUANTITY: msg("plan.word.min_quantity", "minimum quantity"),
    Shortfall.PACK: msg("plan.word.pack", "packs"),
    Shortfall.BUDGET: msg("plan.word.budget", "budget"),
    Shortfall.FAIR_SHARE: msg("plan.word.fair_share", "fair sharing"),
    Shortfall.OBJECTIVE: msg("plan.word.objective", "objective order"),
    Shortfall.TIME_LIMIT: msg("plan.word.time_limit", "time limit"),
}
