"""A plan as one self-contained web page: no script, no external address, inline styles.

The page opens offline, can be emailed and prints on A4: the summary, coverage
by store and period (shaded cells), the needs left unmet and why, and what each
producer is asked to grow and deliver (one folding section per producer). It
speaks the chosen language (French by default, as everything else).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._version import __version__
from ..messages import current_language, format_number, msg, render
from ..validators import language
from .workbook import header

if TYPE_CHECKING:
    from .result import Plan

__all__ = ["plan_page"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;
max-width:72em;color:#222;line-height:1.4;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.2em .45em;text-align:right}
th{background:#f4f4f4}td.t,th.t{text-align:left}
.grid td{width:1.1em;padding:0;height:1.3em}
details{margin:.4em 0}summary{cursor:pointer;font-weight:600}
p.small{color:#666;font-size:.8em}
@media print{details{break-inside:avoid}body{margin:0}}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _number(value: object, lang: str, digits: int = 1) -> str:
    if isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool):
        number = float(value)
        if not np.isfinite(number):
            return "—"
        return _e(format_number(number, f".{digits}f", lang))
    return _e(value)


def _table(frame: pd.DataFrame, lang: str, digits: dict[str, int] | None = None) -> str:
    digits = digits or {}
    text_columns = {c for c in frame.columns if frame[c].dtype == object}
    head = "".join(
        f'<th class="{"t" if c in text_columns else ""}">{_e(header(str(c), lang))}</th>'
        for c in frame.columns
    )
    rows = []
    for values in frame.itertuples(index=False):
        cells = "".join(
            f'<td class="t">{_e(v)}</td>'
            if c in text_columns
            else f"<td>{_number(v, lang, digits.get(str(c), 1))}</td>"
            for c, v in zip(frame.columns, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _grid(plan: Plan) -> str:
    coverage = plan.coverage(["store", "period"])["coverage"]
    table = coverage.unstack("period").reindex(columns=list(plan.periods))  # noqa: PD010
    head = "".join(f'<th title="{_e(p)}">{_e(p[-2:])}</th>' for p in table.columns)
    rows = []
    for store, values in table.iterrows():
        cells = []
        for period, value in zip(table.columns, values, strict=True):
            if value != value:
                cells.append('<td style="background:#fafafa"></td>')
                continue
            shade = int(255 - 200 * float(value))
            cells.append(
                f'<td title="{_e(store)} · {_e(period)}: {float(value):.0%}" '
                f'style="background:rgb({shade},{shade},{shade})"></td>'
            )
        rows.append(f'<tr><th class="t">{_e(store)}</th>{"".join(cells)}</tr>')
    return f'<table class="grid"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def plan_page(plan: Plan, *, lang: str | None = None) -> str:
    """The plan as the text of a self-contained HTML page."""
    chosen = language(lang) or current_language()
    title = render(msg("plan.page.title", "Supply plan"), chosen)
    parts = [
        f'<!DOCTYPE html><html lang="{chosen}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} — {_e(plan.ranking.grid.name)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1><p>{_e(plan.ranking.grid.name)}</p>",
    ]
    parts += [f"<p>{_e(line)}</p>" for line in plan.summary(lang=chosen).splitlines()]
    by_store = render(msg("plan.page.coverage", "Coverage by store"), chosen)
    parts.append(f"<h2>{_e(by_store)}</h2>")
    parts.append(_table(plan.coverage("store").reset_index(), chosen))
    by_week = render(msg("plan.page.grid", "Coverage by store and week"), chosen)
    parts.append(f"<h2>{_e(by_week)}</h2>")
    parts.append(
        "<p class=small>"
        + _e(
            render(msg("plan.page.grid_legend", "dark: met; white: unmet; blank: no need"), chosen)
        )
        + "</p>"
    )
    parts.append(_grid(plan))
    unmet = plan.unmet.sort_values("unmet", ascending=False)
    left = render(msg("plan.page.unmet", "Needs left unmet, and why"), chosen)
    parts.append(f"<h2>{_e(left)}</h2>")
    if len(unmet):
        shown = unmet[["store", "product", "period", "unmet", "unit", "max_price", "reason"]]
        parts.append(_table(shown.head(200), chosen, {"max_price": 2}))
        if len(unmet) > 200:
            parts.append(
                "<p class=small>"
                + _e(
                    render(
                        msg(
                            "plan.page.more",
                            "… and {count} more (the workbook lists them all)",
                            count=len(unmet) - 200,
                        ),
                        chosen,
                    )
                )
                + "</p>"
            )
    asked = render(msg("plan.page.production", "What each producer is asked"), chosen)
    parts.append(f"<h2>{_e(asked)}</h2>")
    for producer, rows in plan.production.groupby("producer", sort=False):
        who = plan.ranking.prepared.who(producer)
        table = rows.pivot_table(
            index="period", columns="product", values="quantity", aggfunc="sum", fill_value=0.0
        )
        table = table.reindex([p for p in plan.periods if p in table.index])
        total = float(rows["quantity"].sum())
        parts.append(f"<details><summary>{_e(who)} — {_number(total, chosen)}</summary>")
        parts.append(_table(table.reset_index(), chosen))
        parts.append("</details>")
    parts.append(
        "<p class=small>"
        + _e(
            render(
                msg(
                    "plan.page.footer",
                    "selection {version} · grid {hash} · {status}, gap {gap:.2%}",
                    version=__version__,
                    hash=plan.ranking.grid.short_hash,
                    status=msg("plan.status.optimal", "proven optimal")
                    if plan.status == "optimal"
                    else msg("plan.status.time_limit", "stopped at the time limit"),
                    gap=plan.gap,
                ),
                chosen,
            )
        )
        + "</p></body></html>"
    )
    return "\n".join(parts) + "\n"
