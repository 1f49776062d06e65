"""Reading and checking the tables of a plan: the stores' needs, the producers' offers, routes.

Each table is read like a producer table (:func:`selection.read_table`: a
DataFrame, a French ``.csv`` with ``;`` and decimal commas, or an ``.xlsx``),
checked completely, and turned into a tidy frame the model trusts. Every error
names the file, the row (as a spreadsheet numbers it) and the column.

Needs: ``store``, ``product``, ``period``, ``quantity``, optional ``max_price``
(per unit, the most the store can pay) and ``unit``.
Offers: ``producer`` (an id of the producer table), ``product``, ``period``
(blank: every period) or ``from`` / ``to`` (a season), ``capacity`` (units per
period; blank: no stated limit), ``price`` (per unit), optional
``min_quantity``, ``pack``, ``visit_cost`` and ``unit``.
Costs: ``producer``, ``store``, ``cost`` (per unit on that route; routes not
listed cost nothing).

French headers work too (``épicerie``, ``produit``, ``semaine``, ``quantité``,
``prix_max``, ``producteur``, ``capacité``, ``prix``, ``quantité_min``,
``colis``, ``coût_passage``, ``coût``); case, accents and spaces do not count.
Products are matched the same way (``Patate douce`` is ``patate-douce``).

Examples
--------
>>> import pandas as pd
>>> needs = read_needs(pd.DataFrame({
...     "épicerie": ["E1", "E2"], "produit": ["Gombo", "gombo"],
...     "semaine": ["2027-W30", "2027-w31"], "quantité": ["12,5", 8]}))
>>> needs.table[["store", "product", "period", "quantity"]].to_dict("records")[0]
{'store': 'E1', 'product': 'Gombo', 'period': '2027-W30', 'quantity': 12.5}
>>> needs.periods.labels
('2027-W30', '2027-W31')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..messages import Message, msg, msgn
from ..table import is_blank, parse_numbers, read_table
from ..validators import shorten
from .periods import Periods, iso_week, period_label
from .units import canonical, factor

__all__ = [
    "Costs",
    "Needs",
    "Offers",
    "Table",
    "product_key",
    "read_costs",
    "read_needs",
    "read_offers",
]

#: What a table argument may be.
Table = pd.DataFrame | str | PathLike[str]

_NEEDS = {
    "store": ("store", "magasin", "épicerie", "epicerie", "boutique"),
    "product": ("product", "produit"),
    "period": ("period", "période", "semaine", "week"),
    "quantity": ("quantity", "quantité", "qty", "qté"),
    "max_price": ("max_price", "prix_max", "prix maximum", "price ceiling", "plafond"),
    "unit": ("unit", "unité"),
}
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
_COSTS = {
    "producer": ("producer", "producteur", "producer_id"),
    "store": ("store", "magasin", "épicerie", "epicerie", "boutique"),
    "cost": ("cost", "coût", "cout", "coût_unitaire"),
}


def _plain(text: object) -> str:
    """Without case, accents or punctuation, spaces collapsed: how headers and products match."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", bare).strip()


def product_key(name: object) -> str:
    """How products are matched: ``"Patate-douce "`` and ``"patate douce"`` are one product.

    Examples
    --------
    >>> product_key(" Patate-Douce "), product_key("Épinards")
    ('patate douce', 'epinards')
    """
    return _plain(name)


def _where(source: str, row: object, column: str) -> Message:
    return msg(
        "plan.inputs.cell",
        "{file}, row {row}, column {column!r}",
        file=source,
        row=row,
        column=column,
    )


@dataclass(frozen=True)
class _Frame:
    """A table as read, its file, and where each of its expected columns is."""

    frame: pd.DataFrame
    source: str
    columns: dict[str, str]
    what: Message

    def has(self, name: str) -> bool:
        return name in self.columns

    def fail(
        self,
        position: int,
        name: str,
        problem: Message,
        *,
        expected: Message | str | None = None,
        hint: Message | str | None = None,
        found: Message | str | None = None,
    ) -> DataError:
        column = self.columns.get(name, name)
        row = self.frame.index[position]
        cell = self.frame[column].iloc[position] if column in self.frame.columns else None
        return DataError(
            problem,
            where=_where(self.source, row, column),
            expected=expected,
            found=found if found is not None else shorten(cell),
            hint=hint,
        )

    def texts(self, name: str) -> list[str]:
        """The cells of a column as stripped text ("" when blank or absent)."""
        if name not in self.columns:
            return [""] * len(self.frame)
        return ["" if is_blank(v) else _text(v) for v in self.frame[self.columns[name]]]

    def required_texts(self, name: str) -> list[str]:
        texts = self.texts(name)
        for i, text in enumerate(texts):
            if not text:
                raise self.fail(
                    i,
                    name,
                    msg("plan.inputs.blank", "a blank {column!r}", column=name),
                    expected=msg("plan.inputs.blank_expected", "a value in every row"),
                    hint=msg("plan.inputs.blank_hint", "fill it in, or delete the row"),
                    found=msg("plan.inputs.blank_found", "a blank cell"),
                )
        return texts

    def numbers(
        self,
        name: str,
        *,
        required: bool,
        low: float = 0.0,
        positive: bool = False,
    ) -> np.ndarray:
        """A column of numbers ≥ `low` (> 0 when `positive`); blanks are NaN unless `required`."""
        if name not in self.columns:
            return np.full(len(self.frame), np.nan)
        cells = self.frame[self.columns[name]].to_numpy(dtype=object)
        try:
            values = parse_numbers(cells)
        except ValueError as exc:
            position = int(exc.args[0][0])
            raise self.fail(
                position,
                name,
                msg("plan.inputs.not_number", "{column!r} must be a number", column=name),
                expected=msg("plan.inputs.number_expected", "a number such as 12 or 2,5"),
            ) from None
        for blank in np.flatnonzero(np.isnan(values)) if required else ():
            raise self.fail(
                int(blank),
                name,
                msg("plan.inputs.blank", "a blank {column!r}", column=name),
                expected=msg("plan.inputs.blank_expected", "a value in every row"),
                hint=msg("plan.inputs.blank_hint", "fill it in, or delete the row"),
                found=msg("plan.inputs.blank_found", "a blank cell"),
            )
        bad = (values <= low) if positive else (values < low)
        for wrong in np.flatnonzero(bad & ~np.isnan(values)):
            raise self.fail(
                int(wrong),
                name,
                msg("plan.inputs.negative", "{column!r} out of range", column=name),
                expected=(
                    msg("plan.inputs.positive", "a number > {low:g}", low=low)
                    if positive
                    else msg("plan.inputs.at_least", "a number ≥ {low:g}", low=low)
                ),
            )
        return values


def _text(value: object) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _open(
    table: Table,
    spec: dict[str, tuple[str, ...]],
    required: Iterable[str],
    what: Message,
    *,
    may_be_empty: bool = False,
) -> _Frame:
    """Read `table` and find its columns (by any spelling of `spec`); missing ones are errors."""
    if not isinstance(table, pd.DataFrame | str | PathLike):
        raise DataError(
            msg("plan.inputs.not_table", "cannot read {what} from this object", what=what),
            where=what,
            expected=msg(
                "plan.inputs.not_table_expected",
                "a pandas DataFrame or the path of a .csv or .xlsx file",
            ),
            found=type(table).__name__,
        )
    if isinstance(table, pd.DataFrame) and table.empty and may_be_empty:
        frame = pd.DataFrame({str(c): pd.Series(dtype=object) for c in table.columns})
        frame.attrs["source"] = "the DataFrame"
    else:
        try:
            frame = read_table(table)
        except DataError as exc:
            if exc.code != "table.reader.read_table.problem":  # not "a header only"
                raise
            if not may_be_empty:
                raise DataError(
                    msg("plan.inputs.empty", "{what} has no rows", what=what),
                    where=exc.where,
                    expected=msg("plan.inputs.empty_expected", "one row under the header"),
                    found=exc.found,
                ) from None
            frame = pd.DataFrame(columns=[c.strip() for c in _header(table)])
            frame.attrs["source"] = str(table)
    source = str(frame.attrs.get("source", "the DataFrame"))
    headers = {_plain(c): str(c) for c in frame.columns}
    columns: dict[str, str] = {}
    for name, spellings in spec.items():
        for spelling in spellings:
            if _plain(spelling) in headers:
                columns[name] = headers[_plain(spelling)]
                break
    for name in required:
        if name not in columns:
            raise DataError(
                msg(
                    "plan.inputs.missing_column",
                    "{what} has no column {column!r}",
                    what=what,
                    column=name,
                ),
                where=msg("where.header", "{file}, header", file=source),
                expected=msg(
                    "plan.inputs.columns_expected",
                    "columns {columns}",
                    columns=", ".join(n for n in spec if n in required),
                ),
                found=msg(
                    "plan.inputs.columns_found",
                    "columns {columns}",
                    columns=", ".join(repr(str(c)) for c in frame.columns),
                ),
                hint=did_you_mean(name, [str(c) for c in frame.columns])
                or msg(
                    "plan.inputs.column_spellings",
                    "name a column {spellings}",
                    spellings=" / ".join(spec[name][:3]),
                ),
            )
    return _Frame(frame, source, columns, what)


def _header(table: Table) -> list[str]:
    """The header of a table file that has no rows."""
    if isinstance(table, pd.DataFrame):
        return [str(c) for c in table.columns]
    import pandas as pd_

    if str(table).lower().endswith((".xlsx", ".xlsm", ".xls")):
        return [str(c) for c in pd_.read_excel(table, nrows=0).columns]
    text = open(table, encoding="utf-8-sig", errors="replace").readline()  # noqa: SIM115
    separator = ";" if text.count(";") >= text.count(",") else ","
    return text.strip().split(separator)


# -- needs -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Needs:
    """The stores' needs, checked.

    Attributes
    ----------
    table : DataFrame
        One row per (store, product, period): ``store``, ``product`` (as first
        written), ``key`` (how products match), ``period``, ``quantity``,
        ``max_price`` (inf when none), ``row`` (in the file).
    periods : Periods
    source : str
        The file, or ``the DataFrame``.
    units : dict
        Product key → its unit (``kg``, ``piece``...) when the table gives one.
    """

    table: pd.DataFrame
    periods: Periods
    source: str
    units: dict[str, str]

    @property
    def stores(self) -> tuple[str, ...]:
        """The stores, in the order first listed."""
        return tuple(dict.fromkeys(self.table["store"]))

    @property
    def products(self) -> dict[str, str]:
        """Product key → its name as first written."""
        names: dict[str, str] = {}
        for key, product in zip(self.table["key"], self.table["product"], strict=True):
            names.setdefault(key, product)
        return names


def read_needs(needs: Table) -> Needs:
    """Read and check the stores' needs.

    Raises
    ------
    DataError
        A missing column, a blank store, product or period, a quantity that is
        not a number ≥ 0, a need listed twice, a product given two units; the
        message names the file, the row and the column.
    """
    what = msg("plan.what.needs", "the needs table")
    table = _open(needs, _NEEDS, ("store", "product", "period", "quantity"), what)
    stores = table.required_texts("store")
    products = table.required_texts("product")
    periods = [
        period_label(v) if t else ""
        for v, t in zip(_cells(table, "period"), table.texts("period"), strict=True)
    ]
    for i, label in enumerate(periods):
        if not label:
            raise table.fail(
                i,
                "period",
                msg("plan.inputs.blank", "a blank {column!r}", column="period"),
                expected=msg(
                    "plan.inputs.period_expected", "an ISO week such as 2027-W14, or a label"
                ),
                found=msg("plan.inputs.blank_found", "a blank cell"),
            )
    quantity = table.numbers("quantity", required=True)
    ceiling = table.numbers("max_price", required=False)
    units = table.texts("unit")
    keys = [product_key(p) for p in products]
    frame = pd.DataFrame(
        {
            "store": stores,
            "product": products,
            "key": keys,
            "period": periods,
            "quantity": quantity,
            "max_price": np.where(np.isnan(ceiling), np.inf, ceiling),
            "row": table.frame.index.to_numpy(),
        }
    )
    repeated = frame.duplicated(["store", "key", "period"], keep=False).to_numpy()
    if repeated.any():
        first = frame.iloc[int(np.flatnonzero(repeated)[0])]
        same = frame.loc[
            (frame["store"] == first["store"])
            & (frame["key"] == first["key"])
            & (frame["period"] == first["period"]),
            "row",
        ]
        raise DataError(
            msg("plan.inputs.need_twice", "a need is listed twice"),
            where=msg(
                "plan.inputs.rows",
                "{file}, rows {rows}",
                file=table.source,
                rows=", ".join(map(str, same)),
            ),
            expected=msg("plan.inputs.need_once", "one row per store, product and period"),
            found=f"{first['store']} · {first['product']} · {first['period']}",
            hint=msg("plan.inputs.need_twice_hint", "add the quantities up in one row"),
        )
    unit_of: dict[str, str] = {}
    for i, (key, unit) in enumerate(zip(keys, units, strict=True)):
        if not unit:
            continue
        if key in unit_of and canonical(unit_of[key]) != canonical(unit):
            raise table.fail(
                i,
                "unit",
                msg(
                    "plan.inputs.two_units",
                    "{product!r} is needed in two units",
                    product=products[i],
                ),
                expected=msg(
                    "plan.inputs.one_unit", "one unit per product, e.g. {unit}", unit=unit_of[key]
                ),
            )
        unit_of.setdefault(key, unit)
    kept = frame[frame["quantity"] > 0].reset_index(drop=True)
    if kept.empty:
        raise DataError(
            msg("plan.inputs.no_needs", "the needs table asks for nothing"),
            where=table.source,
            expected=msg("plan.inputs.no_needs_expected", "at least one quantity above 0"),
            found=msgn("plan.inputs.rows_found", "{count} row", "{count} rows", count=len(frame)),
        )
    return Needs(kept, Periods.of(kept["period"]), table.source, unit_of)


def _cells(table: _Frame, name: str) -> list[Any]:
    if name not in table.columns:
        return [None] * len(table.frame)
    return list(table.frame[table.columns[name]])


# -- offers ----------------------------------------------------------------------------------


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
    table = _open(offers, _OFFERS, ("producer", "product", "capacity", "price"), what)
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
    columns = [
        "producer",
        "key",
        "period",
        "capacity",
        "price",
        "min_quantity",
        "pack",
        "visit_cost",
        "row",
    ]
    frame = pd.DataFrame.from_records(records, columns=columns)
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


def _spans(table: _Frame, periods: Periods) -> list[tuple[tuple[str, ...], int]]:
    """The needs' periods each offer row covers, and how many of its weeks lie outside them."""
    single = [period_label(c) if not is_blank(c) else "" for c in _cells(table, "period")]
    first = [period_label(c) if not is_blank(c) else "" for c in _cells(table, "from")]
    last = [period_label(c) if not is_blank(c) else "" for c in _cells(table, "to")]
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


def _check_period(table: _Frame, i: int, name: str, label: str, periods: Periods) -> None:
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
    return frame[
        [
            "producer",
            "key",
            "period",
            "capacity",
            "price",
            "min_quantity",
            "pack",
            "visit_cost",
            "row",
        ]
    ]


# -- costs -----------------------------------------------------------------------------------


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
    table = _open(costs, _COSTS, ("producer", "store", "cost"), what, may_be_empty=True)
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
