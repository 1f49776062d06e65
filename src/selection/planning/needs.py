"""Reading and checking the stores' needs: what each store asks for, of which product, when.

Columns: ``store``, ``product``, ``period``, ``quantity``, optional ``max_price``
(per unit, the most the store can pay) and ``unit``; French headers work too
(``épicerie``, ``produit``, ``semaine``, ``quantité``, ``prix_max``, ``unité``).
The table is read and its errors reported as :mod:`~selection.planning.tables` does.

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

May import: numpy, pandas, the base modules, :mod:`~selection.planning.tables`,
:mod:`~selection.planning.periods` and :mod:`~selection.planning.units`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import DataError
from ..messages import msg, msgn
from .periods import Periods, period_label
from .tables import Table, cells, open_table, product_key
from .units import canonical

__all__ = ["Needs", "read_needs"]

_NEEDS = {
    "store": ("store", "magasin", "épicerie", "epicerie", "boutique"),
    "product": ("product", "produit"),
    "period": ("period", "période", "semaine", "week"),
    "quantity": ("quantity", "quantité", "qty", "qté"),
    "max_price": ("max_price", "prix_max", "prix maximum", "price ceiling", "plafond"),
    "unit": ("unit", "unité"),
}


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
    table = open_table(needs, _NEEDS, ("store", "product", "period", "quantity"), what)
    stores = table.required_texts("store")
    products = table.required_texts("product")
    periods = [
        period_label(v) if t else ""
        for v, t in zip(cells(table, "period"), table.texts("period"), strict=True)
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
