"""Offers from the product catalogues of the platforms collectives use: Open Food Network, Cagette.

Both catalogues list *items* (a 5 kg bag, a 500 g tray, a bunch) at a price per
item; a plan counts in units (kg, L, pieces, bunches) at a price per unit. An
import turns each item into an offer: the unit (``g``, ``kg``, ``T`` → kg;
``mL``, ``L`` → L; a named item such as ``botte`` stays as it is), the price per
unit, the stock as a capacity per period, the item's size as a pack
(deliveries in whole items), the date an item is available from as the first
week of its season. What cannot be mapped is left out with a message saying
why, never a KeyError.

- Open Food Network / CoopCircuits product import (one row per variant):
  ``producer``, ``sku``, ``name``, ``display_name``, ``units``, ``unit_type``,
  ``variant_unit_name``, ``price``, ``on_hand``, ``on_demand``, ``available_on``.
  Producers are named; give ``producers`` (name → id) to write the ids of the
  producer table.
- Cagette product import (one producer's catalogue): ``productName``,
  ``price`` (per item, VAT included), ``ref``, ``qt`` + ``unit`` (kg, g, l,
  piece), ``floatQt`` (sold by weight: any quantity, no pack), ``stock``.

Examples
--------
>>> import pandas as pd
>>> ofn = pd.DataFrame({"producer": ["Jardins Solidaires"], "sku": ["JS-010"],
...     "name": ["Gombo"], "units": ["500"], "unit_type": ["g"], "price": ["3.20"],
...     "on_hand": ["25"], "available_on": ["2027-07-01"]})
>>> offers = read_ofn(ofn, producers={"Jardins Solidaires": "M12"}).offers
>>> offers.loc[0, ["producer", "product", "unit", "from"]].tolist()
['M12', 'Gombo', 'kg', '2027-W26']
>>> offers.loc[0, ["capacity", "price", "pack"]].tolist()  # 25 trays of 500 g at 3.20 each
[12.5, 6.4, 0.5]
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..messages import Message, msg, msgn, render
from ..table import fold, is_blank, read_table
from ..table.cells import parse_booleans, parse_numbers
from ..validators import language
from .periods import week_of
from .tables import Table, product_key
from .units import _MEASURED, canonical

__all__ = ["COLUMNS", "CatalogueImport", "read_cagette", "read_ofn"]

#: The columns of the offers an import writes (those :func:`~selection.planning.read_offers`
#: reads, and the item's reference).
COLUMNS = ["producer", "product", "unit", "from", "capacity", "price", "pack", "reference"]


@dataclass(frozen=True, eq=False)
class CatalogueImport:
    """Offers read from a catalogue, and what could not be mapped.

    Attributes
    ----------
    offers : DataFrame
        ``producer``, ``product``, ``unit``, ``from``, ``capacity`` (blank: no
        stated limit), ``price`` (per unit), ``pack`` (the item's size),
        ``reference`` (the catalogue's sku or ref).
    notes : tuple of Message
        One per row left out or changed, with the row and the reason.
    source : str
    """

    offers: pd.DataFrame
    notes: tuple[Message, ...]
    source: str

    def to_frame(self) -> pd.DataFrame:
        """A copy of the offers."""
        return self.offers.copy()

    def to_csv(self) -> str:
        """The offers as a CSV that :func:`selection.plan` reads (``;``, decimal commas)."""
        buffer = io.StringIO()
        self.offers.to_csv(buffer, sep=";", index=False, decimal=",", lineterminator="\n")
        return buffer.getvalue()

    def summary(self, lang: str | None = None) -> str:
        """How many offers were read, and each row left out or changed."""
        chosen = language(lang)
        head = msgn(
            "catalogue.summary",
            "{count} offer read from {source}",
            "{count} offers read from {source}",
            count=len(self.offers),
            source=self.source,
        )
        return "\n".join([render(head, chosen), *(f"  {render(n, chosen)}" for n in self.notes)])

    def __repr__(self) -> str:
        return f"<CatalogueImport {len(self.offers)} offers, {len(self.notes)} notes>"


def _row(source: str, row: object) -> Message:
    return msg("catalogue.row", "{file}, row {row}", file=source, row=row)


def _columns(frame: pd.DataFrame, required: tuple[str, ...], what: str) -> dict[str, str]:
    """Header (case and spaces ignored) → the table's own spelling; missing ones are errors."""
    headers = {fold(str(c)).replace(" ", "_"): str(c) for c in frame.columns}
    for name in required:
        if fold(name) not in headers:
            raise DataError(
                msg(
                    "catalogue.missing_column",
                    "this is not {what}: no column {column!r}",
                    what=what,
                    column=name,
                ),
                where=msg("where.header", "{file}, header", file=frame.attrs.get("source", "")),
                expected=msg(
                    "catalogue.columns", "columns {columns}", columns=", ".join(required)
                ),
                found=", ".join(repr(str(c)) for c in frame.columns),
                hint=did_you_mean(name, [str(c) for c in frame.columns]),
            )
    return headers


def _cell(frame: pd.DataFrame, headers: dict[str, str], name: str) -> list[Any]:
    column = headers.get(fold(name))
    return [None] * len(frame) if column is None else list(frame[column])


def _number(value: Any) -> float:
    """One cell as a number; NaN when blank or not a number."""
    if is_blank(value):
        return float("nan")
    try:
        return float(parse_numbers([value])[0])
    except ValueError:
        return float("nan")


def _name_and_price(
    name_cell: Any, price_cell: Any, where: Message, notes: list[Message]
) -> tuple[str, float] | None:
    """An item's name and price; None, with a note, when either is missing or the price < 0."""
    name = "" if is_blank(name_cell) else str(name_cell).strip()
    price = _number(price_cell)
    if not name or not np.isfinite(price) or price < 0:
        notes.append(
            msg(
                "catalogue.no_name_price",
                "{where}: left out: no product name or no price",
                where=where,
            )
        )
        return None
    return name, price


def _yes(value: Any) -> bool:
    if is_blank(value):
        return False
    try:
        return bool(parse_booleans([value])[0] == 1.0)
    except ValueError:
        return False


def _size(quantity: float, unit: str) -> tuple[float, str] | None:
    """An item of `quantity` `unit` as (size in the base unit, base unit); None if unknown."""
    plain = canonical(unit)
    key = unit.strip().casefold().replace(".", "")
    if key in _MEASURED:
        dimension, factor = _MEASURED[key]
        return quantity * factor, "kg" if dimension == "mass" else "L"
    if plain:
        return quantity, plain
    return None


def _date_week(value: Any) -> str:
    """The ISO week of an ``available_on`` date (a date, or text such as 2027-07-01)."""
    if is_blank(value):
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return week_of(value if isinstance(value, datetime.date) else value.date())
    try:
        return week_of(pd.Timestamp(str(value).strip()).date())
    except ValueError:
        return ""


def _finish(records: list[dict[str, Any]], notes: list[Message], source: str) -> CatalogueImport:
    """One offer per producer and product: the lowest price per unit (others noted)."""
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS, "_row"])
    kept = []
    for _, group in frame.groupby(
        [frame["producer"], frame["product"].map(product_key)], sort=False
    ):
        ordered = group.sort_values("price", kind="stable")
        kept.append(ordered.index[0])
        for _, other in ordered.iloc[1:].iterrows():
            best = ordered.iloc[0]
            notes.append(
                msg(
                    "catalogue.variant",
                    "{where}: another variant of {product} ({price:.2f} per {unit}); the "
                    "cheapest per {unit} is kept ({best:.2f}, {reference})",
                    where=_row(source, other["_row"]),
                    product=other["product"],
                    price=float(other["price"]),
                    unit=other["unit"],
                    best=float(best["price"]),
                    reference=best["reference"],
                )
            )
    offers = frame.loc[sorted(kept)].drop(columns="_row").reset_index(drop=True)
    return CatalogueImport(offers, tuple(notes), source)


def read_ofn(table: Table, *, producers: Mapping[str, str] | None = None) -> CatalogueImport:
    """Offers from an Open Food Network (CoopCircuits) product import file.

    Parameters
    ----------
    table : DataFrame or path
        The product import CSV (or .xlsx), one row per variant.
    producers : mapping, optional
        Producer name (as written in the catalogue) → id of the producer table;
        names are matched ignoring case and spaces. Without it, names are kept.
    """
    frame = read_table(table)
    source = str(frame.attrs.get("source", "the DataFrame"))
    headers = _columns(frame, ("producer", "name", "price"), "an Open Food Network product import")
    lookup = {fold(k): v for k, v in (producers or {}).items()}
    notes: list[Message] = []
    unknown: set[str] = set()
    records = []
    cells = {
        name: _cell(frame, headers, name)
        for name in (
            "producer",
            "sku",
            "name",
            "units",
            "unit_type",
            "variant_unit_name",
            "price",
            "on_hand",
            "on_demand",
            "available_on",
        )
    }
    for i, row in enumerate(frame.index):
        where = _row(source, row)
        named = _name_and_price(cells["name"][i], cells["price"][i], where, notes)
        if named is None:
            continue
        name, price = named
        units = _number(cells["units"][i])
        units = 1.0 if not np.isfinite(units) or units <= 0 else units
        unit_type = "" if is_blank(cells["unit_type"][i]) else str(cells["unit_type"][i])
        item = (
            "" if is_blank(cells["variant_unit_name"][i]) else str(cells["variant_unit_name"][i])
        )
        size = _size(units, unit_type) if unit_type else (_size(units, item) if item else None)
        if size is None or size[0] <= 0:
            notes.append(
                msg(
                    "catalogue.no_unit",
                    "{where}: {product} left out: no unit (unit_type g, kg, T, mL, L, or a "
                    "variant_unit_name such as botte)",
                    where=where,
                    product=name,
                )
            )
            continue
        per_item, unit = size
        producer = "" if is_blank(cells["producer"][i]) else str(cells["producer"][i]).strip()
        pid = lookup.get(fold(producer), producer) if lookup else producer
        if lookup and fold(producer) not in lookup and producer not in unknown:
            unknown.add(producer)
            notes.append(
                msg(
                    "catalogue.unknown_producer",
                    "{where}: producer {name!r} has no id in the producer table: its name is "
                    "kept (give its id in the offers file){hint}",
                    where=where,
                    name=producer,
                    hint=_hint(producer, list((producers or {}).keys())),
                )
            )
        stock = _number(cells["on_hand"][i])
        if _yes(cells["on_demand"][i]):
            capacity = float("nan")
            notes.append(
                msg(
                    "catalogue.on_demand",
                    "{where}: {product} is made on demand: no capacity limit written",
                    where=where,
                    product=name,
                )
            )
        elif np.isfinite(stock):
            capacity = stock * per_item
        else:
            capacity = float("nan")
            notes.append(
                msg(
                    "catalogue.no_stock",
                    "{where}: {product} has no stock (on_hand): no capacity limit written; "
                    "fill in what the producer can deliver per week",
                    where=where,
                    product=name,
                )
            )
        records.append(
            {
                "producer": pid,
                "product": name,
                "unit": unit,
                "from": _date_week(cells["available_on"][i]),
                "capacity": round(capacity, 6) if np.isfinite(capacity) else None,
                "price": round(price / per_item, 6),
                "pack": round(per_item, 6),
                "reference": "" if is_blank(cells["sku"][i]) else str(cells["sku"][i]),
                "_row": row,
            }
        )
    return _finish(records, notes, source)


def read_cagette(table: Table, *, producer: str) -> CatalogueImport:
    """Offers from a Cagette product import file (one producer's catalogue).

    Parameters
    ----------
    table : DataFrame or path
    producer : str
        The id, in the producer table, of the producer whose catalogue this is.
    """
    frame = read_table(table)
    source = str(frame.attrs.get("source", "the DataFrame"))
    headers = _columns(frame, ("productName", "price"), "a Cagette product import")
    notes: list[Message] = [
        msg("catalogue.vat", "Cagette prices include VAT: the offers' prices do too")
    ]
    cells = {
        name: _cell(frame, headers, name)
        for name in ("productName", "price", "ref", "qt", "unit", "floatQt", "stock")
    }
    records = []
    for i, row in enumerate(frame.index):
        where = _row(source, row)
        named = _name_and_price(cells["productName"][i], cells["price"][i], where, notes)
        if named is None:
            continue
        name, price = named
        quantity = _number(cells["qt"][i])
        quantity = 1.0 if not np.isfinite(quantity) or quantity <= 0 else quantity
        unit_cell = "" if is_blank(cells["unit"][i]) else str(cells["unit"][i])
        size = _size(quantity, unit_cell or "piece")
        if size is None or size[0] <= 0:
            notes.append(
                msg(
                    "catalogue.bad_unit",
                    "{where}: {product} left out: unknown unit {unit!r}",
                    where=where,
                    product=name,
                    unit=unit_cell,
                )
            )
            continue
        per_item, unit = size
        stock = _number(cells["stock"][i])
        if not np.isfinite(stock):
            notes.append(
                msg(
                    "catalogue.no_stock",
                    "{where}: {product} has no stock (on_hand): no capacity limit written; "
                    "fill in what the producer can deliver per week",
                    where=where,
                    product=name,
                )
            )
        by_weight = _yes(cells["floatQt"][i])
        records.append(
            {
                "producer": producer,
                "product": name,
                "unit": unit,
                "from": "",
                "capacity": round(stock * per_item, 6) if np.isfinite(stock) else None,
                "price": round(price / per_item, 6),
                "pack": None if by_weight else round(per_item, 6),
                "reference": "" if is_blank(cells["ref"][i]) else str(cells["ref"][i]),
                "_row": row,
            }
        )
    return _finish(records, notes, source)


def _hint(name: str, names: list[str]) -> Message | str:
    close = did_you_mean(name, names)
    return msg("catalogue.hint", " ({hint})", hint=close) if close is not None else ""
