"""A plan as an Excel workbook: a summary sheet, a sheet per store, a sheet per producer.

Headers are in the chosen language, numbers carry formats (quantities to one
decimal, prices and amounts to two), the header row is frozen and filtered,
columns are wide enough to read. The file is written to a temporary file in
the same folder, then renamed: it is complete or not there at all
(``selection plan -o plan.xlsx``).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ..messages import Message, current_language, msg, render
from ..validators import language

if TYPE_CHECKING:
    from .result import Plan

#: An openpyxl worksheet (openpyxl ships no type information).
Worksheet = Any

__all__ = ["HEADERS", "header", "write_workbook"]

#: Column → its header in words.
HEADERS: dict[str, Message] = {
    "period": msg("plan.column.period", "period"),
    "store": msg("plan.column.store", "store"),
    "product": msg("plan.column.product", "product"),
    "producer": msg("plan.column.producer", "producer"),
    "name": msg("plan.column.name", "name"),
    "quantity": msg("plan.column.quantity", "quantity"),
    "unit": msg("plan.column.unit", "unit"),
    "price": msg("plan.column.price", "price per unit (€)"),
    "amount": msg("plan.column.amount", "amount (€)"),
    "route": msg("plan.column.route", "transport per unit (€)"),
    "transport": msg("plan.column.transport", "transport (€)"),
    "cost": msg("plan.column.cost", "cost (€)"),
    "needed": msg("plan.column.needed", "needed"),
    "met": msg("plan.column.met", "met"),
    "unmet": msg("plan.column.unmet", "unmet"),
    "coverage": msg("plan.column.coverage", "coverage"),
    "max_price": msg("plan.column.max_price", "price ceiling (€)"),
    "reason": msg("plan.column.reason", "why unmet"),
    "capacity": msg("plan.column.capacity", "capacity"),
    "stores": msg("plan.column.stores", "stores"),
    "visit_cost": msg("plan.column.visit_cost", "collection stop (€)"),
    "item": msg("plan.column.item", "item"),
    "purchases": msg("plan.column.purchases", "purchases (€)"),
    "stops": msg("plan.column.stops", "collection stops (€)"),
    "producers": msg("plan.column.producers", "producers used"),
    "deliveries": msg("plan.column.deliveries", "deliveries"),
    "value": msg("plan.column.value", "value"),
}

_FORMATS = {
    "quantity": "#,##0.0",
    "needed": "#,##0.0",
    "met": "#,##0.0",
    "unmet": "#,##0.0",
    "capacity": "#,##0.0",
    "price": "#,##0.00",
    "max_price": "#,##0.00",
    "route": "#,##0.000",
    "amount": "#,##0.00",
    "transport": "#,##0.00",
    "cost": "#,##0.00",
    "visit_cost": "#,##0.00",
    "coverage": "0%",
}


def header(column: str, lang: str | None = None) -> str:
    """The header of `column` in words (the column's own name when it has none)."""
    label = HEADERS.get(column)
    return render(label, lang) if label is not None else column


def _sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, no ``[ ] : * ? /`` or backslash."""
    base = re.sub(r"[\[\]:*?/\\]", "-", text).strip("'") or "-"
    base = base[:31]
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name.casefold())
    return name


def _table(sheet: Worksheet, frame: pd.DataFrame, lang: str, *, start: int = 1) -> None:
    """`frame` on `sheet` from row `start`: headers, formats, filter, widths."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    columns = list(frame.columns)
    for j, column in enumerate(columns, start=1):
        cell = sheet.cell(row=start, column=j, value=header(str(column), lang))
        cell.font = Font(bold=True)
    for i, values in enumerate(frame.itertuples(index=False), start=start + 1):
        for j, value in enumerate(values, start=1):
            sheet.cell(row=i, column=j, value=_plain(value))
    for j, column in enumerate(columns, start=1):
        letter = get_column_letter(j)
        number = _FORMATS.get(str(column))
        if number:
            for row in range(start + 1, start + 1 + len(frame)):
                sheet[f"{letter}{row}"].number_format = number
        width = max(
            [len(header(str(column), lang))]
            + [len(str(_plain(v))) for v in frame[column].head(200)]
        )
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    if start == 1:
        sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A{start}:{last}{start + max(len(frame), 1)}"


def _plain(value: Any) -> Any:
    """A cell value openpyxl writes: numbers as numbers, NaN and infinity as blanks."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def write_workbook(plan: Plan, path: str | PathLike[str], *, lang: str | None = None) -> Path:
    """Write `plan` as an ``.xlsx`` workbook, completely or not at all.

    Sheets: the summary (sentences, totals, coverage by store, unmet needs), one
    per store (its deliveries and its unmet needs), one per producer (what it is
    asked to grow and deliver, period by period, and to whom).
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font

    chosen = language(lang) or current_language()
    book = Workbook()
    taken: set[str] = set()
    summary = book.active
    assert summary is not None
    summary.title = _sheet_name(render(msg("plan.sheet.summary", "Summary"), chosen), taken)
    row = 1
    for line in plan.summary(lang=chosen).splitlines():
        summary.cell(row=row, column=1, value=line)
        row += 1
    summary.cell(row=1, column=1).font = Font(bold=True)
    row += 1
    totals = pd.DataFrame(
        {
            "item": [header(str(name), chosen) for name in plan.totals.index],
            "value": list(plan.totals.to_numpy()),
        }
    )
    _table(summary, totals, chosen, start=row)
    row += len(totals) + 2
    coverage = plan.coverage("store").reset_index()
    _table(summary, coverage, chosen, start=row)
    row += len(coverage) + 2
    unmet = plan.unmet[
        ["store", "product", "period", "quantity", "unmet", "max_price", "unit", "reason"]
    ]
    _table(summary, unmet, chosen, start=row)
    summary.column_dimensions["A"].width = 40

    delivery_columns = ["period", "product", "producer", "quantity", "unit", "price", "amount"]
    for store in dict.fromkeys(plan.needs["store"]):
        sheet = book.create_sheet(_sheet_name(str(store), taken))
        deliveries = plan.allocation.loc[plan.allocation["store"] == store, delivery_columns]
        _table(sheet, deliveries, chosen)
        short = plan.unmet.loc[
            plan.unmet["store"] == store, ["period", "product", "unmet", "unit", "reason"]
        ]
        if len(short):
            _table(sheet, short, chosen, start=len(deliveries) + 3)

    for producer in dict.fromkeys(plan.production["producer"]):
        sheet = book.create_sheet(_sheet_name(str(producer), taken))
        rows = plan.production.loc[
            plan.production["producer"] == producer,
            ["period", "product", "quantity", "unit", "capacity", "price", "stores"],
        ]
        _table(sheet, rows, chosen)
    return _save(book, Path(path))


def _save(book: Any, target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SelectionError(
            msg("files.write_atomically.problem", "cannot write {what}", what="the workbook"),
            where=str(target),
            expected=msg("files.write_atomically.expected", "a file in an existing folder"),
            found=msg("files.write_atomically.found", "no folder {folder!r}", folder=str(folder)),
        )
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        book.save(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
