"""Reading and checking the producers' offers, spread over the needs' periods.

Columns: ``producer`` (an id of the producer table), ``product``, ``period``
(blank: every period) or ``from`` / ``to`` (a season), ``capacity`` (units per
period; blank: no stated limit), ``price`` (per unit), optional
``min_quantity``, ``pack``, ``visit_cost`` and ``unit``; French headers work
too (``producteur``, ``produit``, ``semaine``, ``du`` / ``au``, ``capacité``,
``prix``, ``quantité_min``, ``colis``, ``coût_passage``, ``unité``). Offers are
checked against the needs (:mod:`~selection.planning.needs`): their periods,
products and units. The table is read and its errors reported as
:mod:`~selection.planning.tables` does.

May import: numpy, pandas, the base modules, :mod:`~selection.planning.tables`,
:mod:`~selection.planning.needs`, :mod:`~selection.planning.periods` and
:mod:`~selection.planning.units`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..messages import Message, msg, msgn
from ..table import is_blank
from .needs import Needs
from .periods import Periods, iso_week, period_label
from .tables import Frame, Table, cells, open_table, product_key
from .units import canonical, factor

__all__ = ["Offers", "read_offers"]

_OFFERS = {
    "producer": ("producer", "producteur", "producer_id", "id"),
    "product": ("product", "produit"),
    "period": ("period", "période", "semaine", "week"),
    "from": ("from", "du", "début", "de"),
    "to": ("to", "au", "fin", "à"),
    "capacity": ("capacity", "capacité"),
    "price": ("price", "prix"),
    "min_quantity": ("min_quantity", "quantité_min", "quantité minimum", "minimum"),
    "pack": ("pack", "colis", "carton", "lot"),
    "visit_cost": ("visit_cost", "coût_passage", "coût de passage", "coût_tournée"),
    "unit": ("unit", "unité"),
}

#: The columns of :attr:`Offers.table`, in order (``key`` the product's, ``row`` the file's).
_TABLE_COLUMNS = (
    "producer",
    "key",
    "period",
    "capacity",
    "price",
    "min_quantity",
    "pack",
    "visit_cost",
    "row",
)


@dataclass(frozen=True, eq=False)
class Offers:
    """The producers' offers, checked and spread over the periods they cover.

    Attributes
    ----------
    table : DataFrame
        One row per (producer, product, period) of the needs' horizon:
        ``producer``, ``key``, ``period``, ``capacity`` (inf: no stated limit),
        ``price``, ``min_quantity`` (0: none), ``pack`` (0: any quantity),
        ``visit_cost`` (0: none), ``row`` (in the file); quantities in the
        needs' units.
    source : str
    notes : tuple of Message
        What was read but left out (products no store needs, weeks outside the
        needs), and unit conversions made.
    units : dict
        Product key → the unit the offers give (after conversion: the needs' unit).
    products : dict
        Product key → its name as written, for every product offered (needed or not).
    """

    table: pd.DataFrame
    source: str
    notes: tuple[Message, ...]
    units: dict[str, str] = field(default_factory=dict)
    products: dict[str, str] = field(default_factory=dict)


def read_offers(offers: Table, needs: Needs, producers: Collection[str]) -> Offers:
    """Read and check the producers' offers against the needs and the producer table.

    Parameters
    ----------
    offers : DataFrame or path
    needs : Needs
        Gives the periods, the products and their units.
    producers : collection of str
        Every id of the producer table (eligible or not).

    Raises
    ------
    DataError
        A producer not in the table, a period not in the needs (labels) or not
        a week (ISO weeks), a season backwards, a negative capacity or price,
        a minimum or pack above the capacity, two offers of one producer for
        one product in one period, units that do not convert.
    """
    what = msg("plan.what.offers", "the offers table")
    table = open_table(offers, _OFFERS, ("producer", "product", "capacity", "price"), what)
    ids = table.required_texts("producer")
    known = set(map(str, producers))
    for i, pid in enumerate(ids):
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
                hint=did_you_mean(pid, sorted(known))
                or msg(
                    "plan.inputs.ids_like",
                    "ids look like {example!r}",
                    example=min(known, default=""),
                ),
            )
    products = table.required_texts("product")
    capacity = table.numbers("capacity", required=False)
    price = table.numbers("price", required=True)
    minimum = table.numbers("min_quantity", required=False)
    pack = table.numbers("pack", required=False, positive=True)
    visit = table.numbers("visit_cost", required=False)
    units = table.texts("unit")
    notes: list[Message] = []
    periods = needs.periods
    spans = _spans(table, periods)
    for i in range(len(ids)):
        limit = capacity[i]
        for name, value in (("min_quantity", minimum[i]), ("pack", pack[i])):
            if not np.isnan(value) and not np.isnan(limit) and value > limit:
                raise table.fail(
                    i,
                    name,
                    msg(
                        "plan.inputs.above_capacity",
                        "{column!r} is above the capacity: nothing could be delivered",
                        column=name,
                    ),
                    expected=msg(
                        "plan.inputs.at_most_capacity",
                        "at most the capacity, {capacity:g}",
                        capacity=limit,
                    ),
                )
    # Units: offers are converted to the needs' unit of each product.
    scale = np.ones(len(ids))
    for i, (product, unit) in enumerate(zip(products, units, strict=True)):
        target = needs.units.get(product_key(product))
        if not unit or not target or canonical(unit) == canonical(target):
            continue
        ratio = factor(unit, target)
        if ratio is None:
            raise table.fail(
                i,
                "unit",
                msg(
                    "plan.inputs.units_differ",
                    "{product!r} is offered in {unit} but needed in {target}",
                    product=product,
                    unit=unit,
                    target=target,
                ),
                expected=msg(
                    "plan.inputs.unit_expected",
                    "{target}, or a unit that converts to it",
                    target=target,
                ),
                hint=msg(
                    "plan.inputs.units_hint",
                    "g, kg and t convert; mL, cL and L convert; pieces and bunches do not",
                ),
            )
        scale[i] = ratio
        notes.append(
            msg(
                "plan.note.converted",
                "{file}, row {row}: {product} converted from {unit} to {target}",
                file=table.source,
                row=table.frame.index[i],
                product=product,
                unit=unit,
                target=target,
            )
        )
    needed = set(needs.table["key"])
    names = needs.products
    records: list[tuple[Any, ...]] = []
    outside = 0
    for i, (pid, product) in enumerate(zip(ids, products, strict=True)):
        key = product_key(product)
        if key not in needed:
            notes.append(
                msg(
                    "plan.note.not_needed",
                    "{file}, row {row}: no store needs {product!r}{hint}",
                    file=table.source,
                    row=table.frame.index[i],
                    product=product,
                    hint=_suggestion(key, names),
                )
            )
            continue
        covered, beyond = spans[i]
        outside += beyond
        ratio = scale[i]
        for period in covered:
            records.append(
                (
                    pid,
                    key,
                    period,
                    np.inf if np.isnan(capacity[i]) else capacity[i] * ratio,
                    price[i] / ratio,
                    0.0 if np.isnan(minimum[i]) else minimum[i] * ratio,
                    0.0 if np.isnan(pack[i]) else pack[i] * ratio,
                    visit[i],
                    table.frame.index[i],
                )
            )
    frame = pd.DataFrame.from_records(records, columns=list(_TABLE_COLUMNS))
    if outside:
        notes.append(
            msgn(
                "plan.note.outside",
                "{count} offer-week outside the needs' weeks was left out",
                "{count} offer-weeks outside the needs' weeks were left out",
                count=outside,
            )
        )
    _check_overlaps(frame, table.source, names)
    frame = _visit_costs(frame, table.source)
    offered_units: dict[str, str] = {}
    for product, unit in zip(products, units, strict=True):
        key = product_key(product)
        if unit and key in needed:
            offered_units.setdefault(key, needs.units.get(key) or canonical(unit))
    written: dict[str, str] = {}
    for product in products:
        written.setdefault(product_key(product), product)
    return Offers(frame, table.source, tuple(notes), offered_units, written)


def _suggestion(key: str, names: dict[str, str]) -> Message | str:
    close = did_you_mean(key, list(names))
    if close is None:
        return ""
    choice = names[str(close.values.get("choice"))]  # noqa: PD011 (a Message's values)
    return msg("plan.note.did_you_mean", " (did you mean {choice!r}?)", choice=choice)


def _spans(table: Frame, periods: Periods) -> list[tuple[tuple[str, ...], int]]:
    """The needs' periods each offer row covers, and how many of its weeks lie outside them."""
    single = [period_label(c) if not is_blank(c) else "" for c in cells(table, "period")]
    first = [period_label(c) if not is_blank(c) else "" for c in cells(table, "from")]
    last = [period_label(c) if not is_blank(c) else "" for c in cells(table, "to")]
    spans: list[tuple[tuple[str, ...], int]] = []
    for i in range(len(table.frame)):
        if single[i] and (first[i] or last[i]):
            raise table.fail(
                i,
                "period",
                msg("plan.inputs.period_and_season", "a period and a season in one row"),
                expected=msg("plan.inputs.period_or_season", "either `period` or `from` / `to`"),
                found=f"{single[i]}; {first[i]}…{last[i]}",
            )
        for name, label in (("period", single[i]), ("from", first[i]), ("to", last[i])):
            if label:
                _check_period(table, i, name, label, periods)
        if single[i]:
            inside = single[i] in periods
            spans.append(((single[i],) if inside else (), 0 if inside else 1))
            continue
        if first[i] and last[i] and periods.before(first[i], last[i]):
            raise table.fail(
                i,
                "to",
                msg("plan.inputs.backwards", "the season ends before it starts"),
                expected=msg(
                    "plan.inputs.backwards_expected",
                    "`to` on or after `from` ({first})",
                    first=first[i],
                ),
            )
        covered = periods.between(first[i] or None, last[i] or None)
        beyond = 0
        if periods.iso and first[i] and last[i]:
            beyond = max(_week_count(first[i], last[i]) - len(covered), 0)
        spans.append((covered, beyond))
    return spans


def _week_count(first: str, last: str) -> int:
    import datetime

    a = datetime.date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    b = datetime.date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
    return (b - a).days // 7 + 1


def _check_period(table: Frame, i: int, name: str, label: str, periods: Periods) -> None:
    if periods.iso:
        if iso_week(label) is None:
            raise table.fail(
                i,
                name,
                msg("plan.inputs.not_week", "not an ISO week"),
                expected=msg(
                    "plan.inputs.week_expected",
                    "a week such as {example}, as in the needs",
                    example=periods.labels[0],
                ),
            )
        return
    if label not in periods:
        raise table.fail(
            i,
            name,
            msg(
                "plan.inputs.unknown_period", "period {period!r} is not in the needs", period=label
            ),
            expected=msg(
                "plan.inputs.period_of_needs",
                "one of the needs' periods: {periods}",
                periods=", ".join(periods.labels[:8]) + (", …" if len(periods) > 8 else ""),
            ),
            hint=did_you_mean(label, periods.labels),
        )


def _check_overlaps(frame: pd.DataFrame, source: str, names: dict[str, str]) -> None:
    repeated = frame.duplicated(["producer", "key", "period"], keep=False).to_numpy()
    if not repeated.any():
        return
    first = frame.iloc[int(np.flatnonzero(repeated)[0])]
    rows = frame.loc[
        (frame["producer"] == first["producer"])
        & (frame["key"] == first["key"])
        & (frame["period"] == first["period"]),
        "row",
    ]
    raise DataError(
        msg("plan.inputs.offer_twice", "two offers of one producer for one product in one period"),
        where=msg(
            "plan.inputs.rows", "{file}, rows {rows}", file=source, rows=", ".join(map(str, rows))
        ),
        expected=msg("plan.inputs.offer_once", "seasons that do not overlap"),
        found=f"{first['producer']} · {names.get(first['key'], first['key'])} · {first['period']}",
        hint=msg(
            "plan.inputs.offer_twice_hint",
            "merge the rows, or make their seasons end and start apart",
        ),
    )


def _visit_costs(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """One visit cost per producer and period: the rows that give one must agree."""
    given = frame.dropna(subset=["visit_cost"])
    spread = given.groupby(["producer", "period"])["visit_cost"].agg(["min", "max"])
    differ = spread[spread["min"] != spread["max"]]
    if len(differ):
        producer, period = differ.index[0]
        rows = given.loc[(given["producer"] == producer) & (given["period"] == period), "row"]
        raise DataError(
            msg("plan.inputs.visit_differs", "two visit costs for one producer in one period"),
            where=msg(
                "plan.inputs.rows",
                "{file}, rows {rows}",
                file=source,
                rows=", ".join(map(str, rows)),
            ),
            expected=msg("plan.inputs.visit_once", "one cost per stop of the collection round"),
            found=f"{producer} · {period}: {differ.iloc[0]['min']:g}, {differ.iloc[0]['max']:g}",
            hint=msg("plan.inputs.visit_hint", "give the cost on one row, or the same on all"),
        )
    cost = spread["max"]
    frame = frame.drop(columns="visit_cost").join(
        cost.rename("visit_cost"), on=["producer", "period"]
    )
    frame["visit_cost"] = frame["visit_cost"].fillna(0.0)
    return frame[list(_TABLE_COLUMNS)]
