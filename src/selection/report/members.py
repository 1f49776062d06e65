"""The committee section: members' weights, how far they agree, and a compromise.

The numbers come from :mod:`selection.committee` (``load_members`` and
``consensus``). A small committee (up to :data:`TABLE_MEMBERS` members) gets a
row of weights per member; a larger one, or one that chose anonymity
(:mod:`selection.committee.privacy`), gets the distribution of the members'
weights per battery and criterion instead (lowest, middle half, median,
highest, and a box drawn from them, beside the group's weight), and only the
few members who stand apart are named (as "membre 7" when anonymous). Either
way the page stays the same size whatever the number of members, but for the
list of those who stand apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from os import PathLike
from typing import Any, cast

import numpy as np
import pandas as pd

from ..committee import Consensus, Member, anonymised, load_members, wants_anonymity
from ..committee import consensus as committee_consensus
from ..errors import ArgumentError
from ..grid import Grid
from ..messages import format_number, msg, msgn
from ..scoring import Prepared
from . import charts
from .markup import Raw, esc, raw, tag
from .text import Text

__all__ = ["TABLE_MEMBERS", "anonymous", "consensus", "load", "section"]

#: How many criteria of disagreement and contested producers are listed.
LISTED = 3
CONTESTED = 10

#: Up to this many members, the section shows each member's weights; beyond, their distribution.
TABLE_MEMBERS = 8

_INTRO_ANONYMOUS = msg(
    "report.members.anonymous",
    "The committee chose to show only aggregates: no member is named beside their weights; "
    "a member who stands apart is called by a number.",
)
_COL_WEIGHT = msg("report.members.col_weight", "Weight")
_COL_BOX = msg("report.members.col_box", "Distribution")
_COL_RANGE = msg("report.members.col_range", "Lowest – highest")
_COL_MIDDLE = msg("report.members.col_middle_median", "Middle half (median)")
_COL_GROUP = msg("report.members.col_group", "Group")
_BOX_LEGEND = msg(
    "report.members.box_legend",
    "The line runs from the lowest to the highest weight given by a member, the box holds "
    "the middle half of the members, the bar inside it is the median and the diamond ◆ the "
    "group's weight.",
)


def anonymous(members: Sequence[Any]) -> bool:
    """Whether the members shown are anonymous (read from a file that asks, or made so)."""
    return wants_anonymity(members)


def load(
    members: Sequence[Any],
    grid: Grid,
    *,
    anonymous: bool = False,
    lang: str | None = None,
) -> list[Member]:
    """Members as given, or loaded from their weight files when `members` are paths.

    When `anonymous` is true or any member's file asks for it (``anonymous:
    true``), the members are renamed "membre 1", "membre 2" … in order (in
    `lang`), so that no name reaches the report.
    """
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
        items = load_members(items, grid)
    if wants_anonymity(items, anonymous=anonymous):
        return anonymised(items, lang)
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


def _box(row: pd.Series, top: float, label: str) -> str:
    """A box strip: whiskers from lowest to highest, the middle half, the median, ◆ the group."""
    width, height = 120.0, 18.0

    def x(value: float) -> float:
        return 2 + (width - 4) * (0.0 if top <= 0 else max(0.0, min(1.0, value / top)))

    def num(value: float) -> str:
        return f"{value:.1f}"

    low, q1, median, q3, high, group = (
        float(row[key]) for key in ("lowest", "q1", "median", "q3", "highest", "group")
    )
    line, tint = charts.PALETTE[0]
    mid = height / 2
    return (
        f'<svg class="box" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>"
        f'<line x1="{num(x(low))}" y1="{num(mid)}" x2="{num(x(high))}" y2="{num(mid)}" '
        f'stroke="{line}" stroke-width="1.5"/>'
        f'<line x1="{num(x(low))}" y1="5" x2="{num(x(low))}" y2="13" stroke="{line}"/>'
        f'<line x1="{num(x(high))}" y1="5" x2="{num(x(high))}" y2="13" stroke="{line}"/>'
        f'<rect x="{num(x(q1))}" y="3" width="{num(max(x(q3) - x(q1), 1.0))}" height="12" '
        f'fill="{tint}" stroke="{line}"/>'
        f'<line x1="{num(x(median))}" y1="3" x2="{num(x(median))}" y2="15" stroke="#000" '
        'stroke-width="2"/>'
        f'<polygon points="{num(x(group))},{num(mid - 5)} {num(x(group) + 5)},{num(mid)} '
        f'{num(x(group))},{num(mid + 5)} {num(x(group) - 5)},{num(mid)}" fill="#000" '
        'stroke="#fff"/></svg>'
    )


#: Range cells may wrap between their two values (unlike ``td.num``), so that the table fits
#: a phone's width: right-aligned, digits of equal width.
_WRAP = "text-align: right; font-variant-numeric: tabular-nums"


#: A criterion's row under its battery's: lighter and smaller (its longest word sets the width
#: of the first column on a phone).
_CRITERION = "font-weight: 400; font-size: 0.9em; padding-left: 1em"


def _span(text: Text, low: str, high: str) -> str:
    """``12 % – 55 %``: two values already written."""
    return text.render(msg("report.members.span", "{low} – {high}", low=low, high=high))


def _distribution_table(result: Any, text: Text, grid: Grid, label: Any, count: int) -> Raw:
    """One row per battery and criterion: the members' spread of weights and the group's."""
    frame: pd.DataFrame = result.positions.distribution
    keys = [
        key
        for battery in grid.batteries
        for key in (battery.key, *(c.key for c in battery.criteria))
        if key in frame.index
    ]
    batteries = {b.key for b in grid.batteries}
    top = float(frame.loc[keys, ["highest", "group"]].to_numpy(dtype=float).max(initial=0.0))
    head = [
        tag("th", text.render(_COL_WEIGHT), scope="col"),
        tag("th", text.render(_COL_BOX), scope="col", cls="chart"),
        tag("th", text.render(_COL_RANGE), scope="col", cls="span", style=_WRAP),
        tag("th", text.render(_COL_MIDDLE), scope="col", cls="span", style=_WRAP),
        tag("th", text.render(_COL_GROUP), scope="col", cls="num"),
    ]
    rows = []
    for key in keys:
        row = cast(pd.Series, frame.loc[key])
        shown = {k: text.percent(float(row[k])) for k in ("lowest", "q1", "median", "q3")}
        shown |= {"highest": text.percent(float(row["highest"]))}
        group = text.percent(float(row["group"]))
        words = text.render(
            msg(
                "report.members.box_label",
                "{label}: members from {low} to {high}, middle half {q1} to {q3}, median "
                "{median}; group {group}",
                label=label(key),
                low=shown["lowest"],
                high=shown["highest"],
                q1=shown["q1"],
                q3=shown["q3"],
                median=shown["median"],
                group=group,
            )
        )
        is_battery = key in batteries
        rows.append(
            tag(
                "tr",
                tag(
                    "th",
                    label(key),
                    scope="row",
                    cls=None if is_battery else "criterion",
                    style=None if is_battery else _CRITERION,
                ),
                tag("td", raw(_box(row, top, words)), cls="chart"),
                tag("td", _span(text, shown["lowest"], shown["highest"]), cls="span", style=_WRAP),
                tag(
                    "td",
                    text.render(
                        msg(
                            "report.members.middle",
                            "{low} – {high} ({median})",
                            low=shown["q1"],
                            high=shown["q3"],
                            median=shown["median"],
                        )
                    ),
                    cls="span",
                    style=_WRAP,
                ),
                tag("td", tag("strong", group) if bool(row["outside"]) else group, cls="num"),
                cls="battery" if is_battery else "criterion",
            )
        )
    caption = msgn(
        "report.members.distribution_caption",
        "Weights of the {count} member: lowest, middle half, median and highest, beside the "
        "group's (share of the total)",
        "Weights of the {count} members: lowest, middle half, median and highest, beside the "
        "group's (share of the total)",
        count=count,
    )
    return tag(
        "div",
        tag(
            "table",
            tag("caption", text.render(caption)),
            tag("thead", tag("tr", *head)),
            tag("tbody", raw("".join(rows))),
            id="members-distribution",
        ),
        tag("p", text.render(_BOX_LEGEND), cls="note"),
    )


def _outside(result: Any, text: Text) -> Raw:
    """Where the group's weight lies outside the members' range, and why."""
    where = getattr(result, "positions", None)
    notes = dict(getattr(where, "outside", None) or {})
    if not notes:
        return raw("")
    return tag(
        "ul",
        raw("".join(tag("li", text.render(note)) for note in notes.values())),
        cls="plain note",
        id="group-outside",
    )


def _middle_half(result: Any, text: Text, label: Any) -> Raw:
    """Where a large committee disagrees most: the widest middle halves of the members."""
    frame: pd.DataFrame = result.positions.distribution
    width = (frame["q3"] - frame["q1"]).astype(float).sort_values(ascending=False, kind="stable")
    items = []
    for key, value in width.head(LISTED).items():
        if not value > 0:
            continue
        row = cast(pd.Series, frame.loc[cast(str, key)])
        items.append(
            tag(
                "li",
                text.render(
                    msg(
                        "report.members.middle_half_item",
                        "{label}: the middle half of the members lies between {low} and "
                        "{high} ({spread})",
                        label=label(str(key)),
                        low=text.percent(float(row["q1"])),
                        high=text.percent(float(row["q3"])),
                        spread=text(
                            "points", value=text.number(100 * value, 0), count=round(100 * value)
                        ),
                    )
                ),
            )
        )
    if not items:
        return raw("")
    return tag(
        "div",
        tag("h3", text("disagreements_heading")),
        tag("ul", raw("".join(items)), cls="plain"),
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
                tag("th", text("col_rank_spread"), scope="col", cls="span", style=_WRAP),
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
    rule = raw("")
    where = getattr(result, "positions", None)
    if where is not None and len(where.thresholds):
        rule = tag(
            "p",
            text.render(
                msg(
                    "report.members.outlier_rule",
                    "A member stands apart when one of their weights is further from the "
                    "group's than {spread} times the typical distance of the other members "
                    "from one another, and by at least {gap} points; the group's weight is "
                    "the reference given.",
                    spread=format_number(where.spread, "g", text.lang),
                    gap=text.number(100 * where.gap, 0),
                )
            ),
            cls="note",
        )
    if not outliers:
        return tag("div", heading, tag("p", text("outliers_none")), rule)
    items = "".join(
        tag("li", tag("strong", tag("bdi", str(name))), text("colon") + str(sentence))
        for name, sentence in outliers.items()
    )
    return tag("div", heading, tag("ul", raw(items), cls="plain"), rule)


def _compromise(result: Any, text: Text, who: Callable[[object], str], k: int) -> Raw:
    frame: pd.DataFrame = result.compromise
    columns = [c for c in ("borda", "copeland", "group") if c in frame.columns]
    if frame.empty or not columns:
        return raw("")
    order = frame.sort_values(columns[0], kind="stable", na_position="last").head(k)
    names = {"borda": "col_borda", "copeland": "col_copeland", "group": "col_group"}
    head = [tag("th", text("col_producer"), scope="col")]
    head += [tag("th", text(names[c]), scope="col", cls="span", style=_WRAP) for c in columns]
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
    hidden = anonymous(members)
    summarised = getattr(result, "positions", None) is not None and (
        hidden or len(members) > TABLE_MEMBERS
    )
    weights = (
        _distribution_table(result, text, grid, label, len(members))
        if summarised
        else _weights_table(result, members, text, grid, label)
    )
    return str(
        tag(
            "section",
            tag("h2", text("committee")),
            tag("p", text("committee_intro", count=len(members))),
            tag("p", text.render(_INTRO_ANONYMOUS), cls="note") if hidden else raw(""),
            weights,
            _outside(result, text),
            tag("h3", text("agreement_heading")),
            *agreement,
            _middle_half(result, text, label)
            if summarised
            else _disagreements(result, text, label),
            _contested(result, text, who),
            _outliers(result, text),
            _compromise(result, text, who, k),
            cls="committee",
            id="committee",
        )
    )
