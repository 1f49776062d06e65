"""The committee section: members' weights, how far they agree, and a compromise.

The numbers come from :mod:`selection.committee` (``load_members`` and
``consensus``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from os import PathLike
from typing import Any, cast

import numpy as np
import pandas as pd

from ..committee import Consensus, Member, load_members
from ..committee import consensus as committee_consensus
from ..errors import ArgumentError
from ..grid import Grid
from ..messages import msg
from ..scoring import Prepared
from . import charts
from .markup import Raw, raw, tag
from .text import Text

__all__ = ["consensus", "load", "section"]

#: How many criteria of disagreement and contested producers are listed.
LISTED = 3
CONTESTED = 10


def load(members: Sequence[Any], grid: Grid) -> list[Member]:
    """Members as given, or loaded from their weight files when `members` are paths."""
    items = list(members)
    if not items:
        raise ArgumentError(
            msg("report.members.load.problem", "no members given"),
            where="members",
            expected=msg("report.members.load.expected", "at least one member weight file"),
            found=msg("report.members.load.found", "an empty list"),
            hint=msg(
                "report.members.load.hint",
                "leave members out for a report without the committee section",
            ),
        )
    if all(isinstance(item, str | PathLike) for item in items):
        return load_members(items, grid)
    return items


def consensus(prepared: Prepared, members: list[Member], k: int, lang: str) -> Consensus:
    """The committee's consensus (see :func:`selection.committee.consensus`)."""
    return committee_consensus(prepared, members=members, k=k, lang=lang)


def _shares(frame: pd.DataFrame) -> bool:
    """Whether weights are shares of 1 (shown as %) rather than points."""
    values = frame.to_numpy(dtype=float)
    return bool(np.nanmax(values, initial=0.0) <= 1.0 + 1e-9)


def _weights_table(result: Any, members: list[Any], text: Text, grid: Grid, label: Any) -> Raw:
    spread: pd.DataFrame = result.weight_spread
    keys = [b.key for b in grid.batteries if b.key in spread.index]
    names = [str(m.name) for m in members if str(m.name) in spread.columns]
    names += [c for c in spread.columns if c not in names and c not in ("group", "spread")]
    weights = spread.loc[keys, [*names, *(["group"] if "group" in spread.columns else [])]]
    as_share = _shares(weights)

    def shown(value: float) -> str:
        if as_share:
            return text.percent(value)
        return text.number(value, 1)

    top = float(np.nanmax(weights.to_numpy(dtype=float), initial=0.0))
    head = [tag("th", text("col_member"), scope="col")]
    head += [tag("th", label(key), scope="col", cls="num") for key in keys]
    rows = []
    for column, heading in [(n, n) for n in names] + (
        [("group", text("group_row"))] if "group" in weights.columns else []
    ):
        cells = [tag("th", heading, scope="row")]
        for i, key in enumerate(keys):
            value = float(cast(float, weights.loc[key, column]))
            bar = charts.share_bar(value, top, i, label=f"{heading}, {label(key)}: {shown(value)}")
            cells.append(tag("td", raw(bar), " ", shown(value), cls="num"))
        rows.append(tag("tr", *cells, cls="group" if column == "group" else None))
    if "spread" in spread.columns:
        cells = [tag("th", text("spread_row"), scope="row")]
        for key in keys:
            value = float(cast(float, spread.loc[key, "spread"]))
            cells.append(
                tag(
                    "td",
                    text("points", value=text.number(100 * value, 0), count=round(100 * value))
                    if as_share
                    else shown(value),
                    cls="num",
                )
            )
        rows.append(tag("tr", *cells, cls="spread"))
    return tag(
        "table",
        tag("caption", text("weights_caption")),
        tag("thead", tag("tr", *head)),
        tag("tbody", raw("".join(rows))),
        id="members-weights",
    )


def _disagreements(result: Any, text: Text, label: Any) -> Raw:
    spread: pd.DataFrame = result.weight_spread
    if "spread" not in spread.columns:
        return raw("")
    as_share = _shares(spread.drop(columns=["spread"]))
    ordered = spread["spread"].astype(float).sort_values(ascending=False, kind="stable")
    items = []
    for key, value in ordered.head(LISTED).items():
        if not value > 0:
            continue
        amount = (
            text("points", value=text.number(100 * value, 0), count=round(100 * value))
            if as_share
            else text.number(value, 1)
        )
        items.append(tag("li", text("disagreement_item", label=label(str(key)), spread=amount)))
    if not items:
        return raw("")
    return tag(
        "div",
        tag("h3", text("disagreements_heading")),
        tag("ul", raw("".join(items)), cls="plain"),
    )


def _contested(result: Any, text: Text, who: Callable[[object], str]) -> Raw:
    contested = pd.Series(result.contested).astype(float).dropna()
    contested = contested[contested > 0].sort_values(ascending=False, kind="stable")
    heading = tag("h3", text("contested_heading"))
    if contested.empty:
        return tag("div", heading, tag("p", text("contested_none")))
    rankings: pd.DataFrame = result.rankings
    rows = []
    for pid, value in contested.head(CONTESTED).items():
        ranks = (
            cast(pd.Series, rankings.loc[cast(str, pid)]).astype(float).dropna()
            if pid in rankings.index
            else pd.Series(dtype=float)
        )
        span = (
            text("rank_range", low=text.ordinal(ranks.min()), high=text.ordinal(ranks.max()))
            if len(ranks)
            else "—"
        )
        rows.append(
            tag(
                "tr",
                tag("th", who(pid), scope="row"),
                tag("td", text.integer(value), cls="num"),
                tag("td", span),
            )
        )
    table = tag(
        "table",
        tag("caption", text("contested_caption")),
        tag(
            "thead",
            tag(
                "tr",
                tag("th", text("col_producer"), scope="col"),
                tag("th", text("col_rank_spread"), scope="col", cls="num"),
                tag("th", text("col_member_ranks"), scope="col"),
            ),
        ),
        tag("tbody", raw("".join(rows))),
        id="contested-table",
    )
    return tag("div", heading, table)


def _outliers(result: Any, text: Text) -> Raw:
    outliers = dict(result.outliers or {})
    heading = tag("h3", text("outliers_heading"))
    if not outliers:
        return tag("div", heading, tag("p", text("outliers_none")))
    items = "".join(
        tag("li", tag("strong", str(name)), text("colon") + str(sentence))
        for name, sentence in outliers.items()
    )
    return tag("div", heading, tag("ul", raw(items), cls="plain"))


def _compromise(result: Any, text: Text, who: Callable[[object], str], k: int) -> Raw:
    frame: pd.DataFrame = result.compromise
    columns = [c for c in ("borda", "copeland", "group") if c in frame.columns]
    if frame.empty or not columns:
        return raw("")
    order = frame.sort_values(columns[0], kind="stable", na_position="last").head(k)
    names = {"borda": "col_borda", "copeland": "col_copeland", "group": "col_group"}
    head = [tag("th", text("col_producer"), scope="col")]
    head += [tag("th", text(names[c]), scope="col", cls="num") for c in columns]
    rows = []
    for pid, line in order.iterrows():
        cells = [tag("th", who(pid), scope="row")]
        cells += [tag("td", text.integer(float(line[c])), cls="num") for c in columns]
        rows.append(tag("tr", *cells))
    return tag(
        "div",
        tag("h3", text("compromise_heading")),
        tag("p", text("compromise_intro"), cls="note"),
        tag(
            "table",
            tag("caption", text("compromise_caption", count=len(order))),
            tag("thead", tag("tr", *head)),
            tag("tbody", raw("".join(rows))),
            id="compromise-table",
        ),
    )


def section(
    result: Any,
    members: list[Any],
    text: Text,
    who: Callable[[object], str],
    grid_label: Callable[[str], str],
    grid: Grid,
    k: int,
) -> str:
    """The committee section of the report."""
    labels = dict(getattr(result, "labels", None) or {})

    def label(key: str) -> str:
        return str(labels.get(key) or grid_label(key))

    agreement = [
        tag(
            "p",
            text(
                "kendall",
                w=text.number(float(result.kendall_w), 2),
                words=text.agreement(float(result.kendall_w)),
            ),
        ),
        tag("p", text("spearman", r=text.number(float(result.mean_weighted_spearman), 2))),
    ]
    return str(
        tag(
            "section",
            tag("h2", text("committee")),
            tag("p", text("committee_intro", count=len(members))),
            _weights_table(result, members, text, grid, label),
            tag("h3", text("agreement_heading")),
            *agreement,
            _disagreements(result, text, label),
            _contested(result, text, who),
            _outliers(result, text),
            _compromise(result, text, who, k),
            cls="committee",
            id="committee",
        )
    )
