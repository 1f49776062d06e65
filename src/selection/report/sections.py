"""The sections of the report, each from the facts to HTML."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from .._version import __version__
from ..explain import cell_text
from . import charts
from .facts import Facts
from .markup import Raw, esc, raw, tag
from .words import SURE, badge, condition, reason, sentence

__all__ = [
    "grid_section",
    "header_section",
    "ranking_section",
    "stability_section",
    "summary_section",
]

#: Widths of the bars on screen, in CSS pixels (print CSS narrows them to fit A4).
BAR_WIDTH, INTERVAL_WIDTH = 260, 360


def header_section(facts: Facts) -> str:
    """The title, the grid, and where the numbers come from."""
    t, grid, ranking = facts.text, facts.grid, facts.ranking
    rows: list[tuple[str, str | Raw]] = [
        (t("meta_date"), t.date(facts.date)),
        (t("meta_hash"), tag("span", grid.hash, cls="hash")),
        (
            t("meta_method"),
            t(
                "method_line",
                method=t.method(ranking.method),
                normalization=t.normalization(ranking.normalization),
            ),
        ),
    ]
    if facts.grid_file:
        rows.append((t("meta_grid_file"), tag("code", facts.grid_file)))
    if facts.producers_file:
        rows.append((t("meta_producers_file"), tag("code", facts.producers_file)))
    if facts.members:
        names = raw(", ".join(tag("bdi", str(m.name)) for m in facts.members))
        rows.append((t("meta_members"), names))
    rows.append((t("meta_version"), __version__))
    items = "".join(tag("dt", key) + tag("dd", value) for key, value in rows)
    return str(
        tag(
            "header",
            tag("h1", t("title")),
            tag("p", raw(f"{esc(t('meta_grid'))}{esc(t('colon'))}"), tag("strong", grid.name)),
            tag("dl", raw(items), cls="meta"),
        )
    )


def summary_section(facts: Facts) -> str:
    """The gist in a few sentences, and how to read the rest."""
    t, table = facts.text, facts.ranking.table
    total, eligible = len(table), facts.eligible
    if eligible == 0:
        lines = [t("summary_no_eligible")]
    else:
        chosen = [p for p in facts.ranking.ranked.index if facts.selected(p)]
        lines = [
            t("summary_counts", eligible=eligible, total=total, ineligible=total - eligible),
            t(
                "summary_selected" if facts.decisions is not None else "summary_top",
                k=len(chosen),
                rule=t.render(list(facts.grid.select.conditions()))
                if facts.grid.select is not None
                else "",
                names=", ".join(facts.who(p) for p in chosen),
            ),
        ]
        if facts.tiered:
            assert facts.decisions is not None
            counts = facts.decisions.tier_counts()
            lines[1] = t(
                "summary_tiers",
                counts=t.render(
                    [
                        t.message("tier_count", tier=str(tier), count=int(count))
                        for tier, count in counts.items()
                    ]
                ),
            )
            if facts.tier_shares is not None:
                keeps = facts.tier_shares.keeps()
                lines.append(t("summary_keep_tier", keep=int((keeps >= SURE).sum()), n=len(keeps)))
        if facts.decisions is not None and facts.decisions.shortfall_messages:
            lines.append(t.render(list(facts.decisions.shortfall_messages)))
        if facts.robust is not None:
            badges = [badge(facts, p, cast(pd.Series, facts.robust.loc[p])) for p in chosen]
            lines.append(
                t(
                    "summary_stays",
                    k=len(chosen),
                    stay=badges.count("stays_in"),
                    depends=badges.count("depends"),
                )
            )
    reading = [
        t("how_score"),
        t("how_robust", samples=t.count(facts.samples)),
        t("how_ineligible"),
    ]
    return str(
        tag(
            "section",
            tag("h2", t("summary")),
            raw("".join(tag("p", line) for line in lines)),
            tag("h3", t("how_to_read")),
            tag("ul", raw("".join(tag("li", line) for line in reading)), cls="plain"),
            cls="summary",
            id="summary",
        )
    )


def _legend(facts: Facts) -> str:
    items = "".join(
        tag("li", raw(charts.swatch(i)), b.label) for i, b in enumerate(facts.grid.batteries)
    )
    return str(tag("ul", raw(items), cls="legend", aria_label=facts.text("legend")))


def _bar_scale(contributions: pd.DataFrame) -> tuple[float, float]:
    values = contributions.to_numpy(dtype=float)
    positive = np.where(values > 0, values, 0).sum(axis=1)
    negative = np.where(values < 0, values, 0).sum(axis=1)
    high = float(positive.max()) if len(positive) else 1.0
    low = float(negative.min()) if len(negative) else 0.0
    return min(low, 0.0), high if high > 0 else 1.0


def ranking_section(facts: Facts) -> str:
    """The ranking table: rank, producer, score, bar, robustness; or the reason."""
    t, ranking = facts.text, facts.ranking
    table = ranking.table
    keys = [b.key for b in facts.grid.batteries]
    bars = ranking.contributions is not None and set(keys) <= set(table.columns)
    robust = facts.robust
    intro = []
    if bars:
        baseline = ranking.baseline or 0.0
        intro.append(
            t("score_baseline", baseline=t.number(baseline, 1)) if baseline else t("score_sum")
        )
    else:
        intro.append(t("no_contributions", method=t.method(ranking.method)))
    if robust is not None:
        intro.append(t("badge_meaning_rule", k=facts.k, sure=SURE))
    elif facts.robust_why:
        intro.append(t("rob_unavailable", why=facts.robust_why))
    low, high = _bar_scale(table.loc[table["eligible"], keys]) if bars else (0.0, 1.0)
    width = BAR_WIDTH

    head = [
        tag("th", t("col_rank"), scope="col", cls="num"),
        tag("th", t("col_producer"), scope="col"),
    ]
    head.append(tag("th", t("col_score"), scope="col", cls="num"))
    decided = facts.decisions is not None
    if decided:
        head.append(tag("th", t("col_decision"), scope="col"))
    if bars:
        ticks = [(0.0, t.number(low, 2)), (1.0, t.number(high, 2))]
        if low < 0:
            ticks.insert(1, (-low / (high - low), "0"))
        head.append(
            tag(
                "th",
                t("col_contributions"),
                raw("<br>" + charts.axis(ticks, width=width, css="bar-axis")),
                scope="col",
                cls="chart",
            )
        )
    shares = facts.tier_shares
    if robust is not None:
        head.append(tag("th", t("col_robustness_place"), scope="col"))
    elif shares is not None:
        head.append(tag("th", t("col_robustness_tier"), scope="col"))
    columns = len(head)

    rows = []
    cut = None if decided else _last_of_top(table, facts.k)
    for pid, row in table.iterrows():
        who = facts.who(pid)
        name_cell = _producer_cell(
            str(pid), who, _detail(facts, pid) if row["eligible"] else None, t("detail")
        )
        if not row["eligible"]:
            why = reason(facts, pid)
            cells = [
                tag("td", t("no_rank"), cls="num"),
                name_cell,
                tag("td", t("no_rank"), cls="num"),
                tag(
                    "td",
                    tag("strong", t("not_eligible")),
                    t("colon") + why,
                    cls="reason",
                    colspan=columns - 3 if columns > 3 else None,
                ),
            ]
            rows.append(
                tag("tr", *cells, cls="ineligible", data_producer=str(pid), data_selected="false")
            )
            continue
        score = t.number(float(row["score"]))
        cells = [
            tag("td", t.integer(row["rank"]), cls="num"),
            name_cell,
            tag("td", score, cls="num"),
        ]
        if decided:
            assert facts.decisions is not None
            why = t.render(list(facts.decisions.reasons[str(pid)]))
            if facts.tiered:
                tier: Any = facts.decisions.table.loc[str(pid), "tier"]
                word = t("no_tier") if pd.isna(tier) else str(tier)
            else:
                word = t("decision_in") if facts.selected(pid) else t("decision_out")
            cells.append(
                tag("td", tag("strong", word), tag("span", why, cls="why"), cls="decision")
            )
        if bars:
            parts = [
                (float(row[key]), i, t.number(float(row[key]), 2)) for i, key in enumerate(keys)
            ]
            words = ", ".join(
                f"{facts.label(key)} {t.number(v, 3)}"
                for key, v in ((key, float(row[key])) for key in keys)
            )
            label = t("bar_label", producer=who, score=score, parts=words)
            svg = charts.stacked_bar(parts, low, high, label=label, width=width)
            cells.append(tag("td", raw(svg), cls="chart"))
        if shares is not None:
            keeps = float(shares.keeps()[str(pid)])
            kind = "stays_in" if keeps >= SURE else "depends"
            cells.append(
                tag(
                    "td",
                    tag("span", t(f"badge_tier_{kind}"), cls=f"badge badge-{kind}"),
                    tag("span", _tier_sentence(facts, pid, keeps), cls="sentence"),
                    cls="robust",
                )
            )
        if robust is not None:
            line = cast(pd.Series, robust.loc[str(pid)])
            kind = badge(facts, pid, line)
            cells.append(
                tag(
                    "td",
                    tag("span", t(f"badge_{kind}"), cls=f"badge badge-{kind}"),
                    tag("span", sentence(facts, pid), cls="sentence"),
                    cls="robust",
                )
            )
        last = pid == cut
        kind_of_row = "eligible selected" if facts.selected(pid) else "eligible"
        rows.append(
            tag(
                "tr",
                *cells,
                cls=f"{kind_of_row} top-last" if last else kind_of_row,
                data_producer=str(pid),
                data_selected="true" if facts.selected(pid) else "false",
            )
        )
    caption = t("ranking_caption", total=len(table), eligible=facts.eligible)
    document = tag(
        "table",
        tag("caption", caption),
        tag("thead", tag("tr", *head)),
        tag("tbody", raw("".join(rows))),
        id="ranking-table",
        cls="ranking",
    )
    parts_html = [tag("h2", t("ranking")), raw("".join(tag("p", p, cls="note") for p in intro))]
    if bars:
        parts_html.append(raw(_legend(facts)))
    parts_html.append(tag("div", document, cls="scroll"))
    return str(tag("section", *parts_html, cls="ranking", id="ranking"))


def _tier_sentence(facts: Facts, pid: object, keeps: float) -> str:
    """How often the producer keeps its tier, and the weight that moves it most easily."""
    t = facts.text
    words = [t("tier_keeps", share=t.percent(keeps))]
    if facts.tier_ranges is not None:
        narrowest = facts.tier_ranges.narrowest()
        if str(pid) in narrowest.index:
            row: Any = narrowest.loc[str(pid)]
            words.append(
                t(
                    "tier_fragile_weight",
                    label=facts.label(str(row["factor"])),
                    span=_span(facts, float(row["low"]), float(row["high"]), float(row["weight"])),
                )
            )
    return " ".join(words)


def _last_of_top(table: pd.DataFrame, k: int) -> object:
    """The id of the last row inside the top k, if others follow (a double rule marks the cut)."""
    ranked = table[table["eligible"]]
    inside = ranked[ranked["rank"].astype(int) <= k]
    return inside.index[-1] if 0 < len(inside) < len(ranked) else None


def _producer_cell(pid: str, who: str, detail: Raw | None, summary: str) -> Raw:
    """The producer's id and name (isolated: bidirectional text cannot reorder the page)."""
    name = who[len(pid) + 3 :] if who != pid else ""
    content: list[str] = [tag("span", pid, cls="pid", dir="auto")]
    if name:
        content += [" ", tag("span", name, cls="pname", dir="auto")]
    if detail is not None:
        content.append(tag("details", tag("summary", summary), detail, cls="detail"))
    return tag("th", *content, scope="row")


def _detail(facts: Facts, pid: object) -> Raw:
    """Per criterion: the value as written and the points it brings; and the gap to the line.

    A list, not a table: the row header it sits in stays one cell for screen readers.
    """
    t, ranking = facts.text, facts.ranking
    table = ranking.table
    explained = ranking.contributions is not None
    items = []
    judgments = ranking.prepared.judgments
    for criterion in facts.grid.criteria:
        value = t.render(cell_text(ranking, str(pid), criterion.key))
        parts: list[str] = [tag("span", criterion.label, cls="clabel"), t("colon")]
        parts.append(tag("span", value, dir="auto"))
        if judgments is not None and criterion.kind.nature.value == "judged":
            parts.append(raw(" " + _merit(facts, judgments, str(pid), criterion)))
        if explained and criterion.key in table.columns:
            points = t.number(float(cast(float, table.loc[str(pid), criterion.key])), 3)
            parts.append(tag("span", t("points_in_score", points=points), cls="cpoints"))
        items.append(tag("li", *parts))
    out: list[str] = [tag("ul", raw("".join(items)), cls="criteria")]
    gap = _gap(facts, pid)
    if gap is not None:
        out.append(tag("p", gap, cls="gap"))
    return raw("".join(out))


def _merit(facts: Facts, judgments: Any, pid: str, criterion: Any) -> str:
    """The producer's merit profile on a judged criterion: a bar, and the grades in words."""
    t = facts.text
    profile = judgments.profile(criterion.key)
    counts = [int(c) for c in profile.loc[pid].tolist()]
    words = t.render(
        [
            t.message("merit_grade", grade=str(grade), count=count)
            for grade, count in zip(profile.columns, counts, strict=True)
            if count
        ]
    )
    label = t("merit_label", criterion=criterion.label, grades=words or t("merit_none"))
    return charts.merit_bar(counts, label=label)


def _gap(facts: Facts, pid: object) -> str | None:
    """How far the producer's score is from the line between selected and not."""
    t, ranked = facts.text, facts.ranking.ranked
    inside = [p for p in ranked.index if facts.selected(p)]
    outside = [p for p in ranked.index if not facts.selected(p)]
    if not inside or not outside:
        return None
    sign = 1.0 if facts.ranking.higher_is_better else -1.0
    score = float(cast(float, ranked.loc[str(pid), "score"]))
    if facts.selected(pid):
        best_out = ranked.loc[outside, "score"].astype(float)
        other = float(best_out.max() if sign > 0 else best_out.min())
        return t("gap_in", gap=t.number(abs(score - other), 3), other=t.number(other, 3))
    last_in = ranked.loc[inside, "score"].astype(float)
    other = float(last_in.min() if sign > 0 else last_in.max())
    return t("gap_out", gap=t.number(abs(other - score), 3), other=t.number(other, 3))


def stability_section(facts: Facts) -> str:
    """The stability intervals of the battery weights, drawn and in words."""
    t = facts.text
    heading = tag("h2", t("stability"))
    if facts.intervals is None:
        note = tag(
            "p", t("stability_unavailable", why=facts.intervals_why or ""), cls="unavailable"
        )
        return str(tag("section", heading, note, cls="stability", id="stability"))
    frame = facts.intervals.table
    width = INTERVAL_WIDTH
    ticks = [(share, t.percent(share)) for share in (0.0, 0.25, 0.5, 0.75, 1.0)]
    head = tag(
        "tr",
        tag("th", t("col_battery"), scope="col"),
        tag(
            "th",
            t("col_interval", low=0.0, high=1.0),
            raw("<br>" + charts.axis(ticks, width=width, css="interval-axis")),
            scope="col",
            cls="chart",
        ),
        tag("th", t("col_now"), scope="col", cls="num"),
        tag("th", t("col_from_to", k=facts.k), scope="col"),
        tag("th", t("col_at_ends"), scope="col"),
    )
    batteries = [b.key for b in facts.grid.batteries]
    rows = []
    for key, line in frame.iterrows():
        label = facts.label(str(key))
        low, high, now = float(line["low"]), float(line["high"]), float(line["weight"])
        words = t(
            "interval_label",
            label=label,
            now=t.percent(now),
            low=t.percent(low),
            high=t.percent(high),
        )
        series = batteries.index(str(key)) if str(key) in batteries else 0
        svg = charts.interval_bar(low, high, now, series, label=words, width=width)
        ends = [
            _end(facts, "low", str(line["low_swap"]) if low > _EDGE else "", t.percent(low)),
            _end(
                facts, "high", str(line["high_swap"]) if high < 1 - _EDGE else "", t.percent(high)
            ),
        ]
        rows.append(
            tag(
                "tr",
                tag("th", label, scope="row"),
                tag("td", raw(svg), cls="chart"),
                tag("td", t.percent(now), cls="num"),
                tag("td", _span(facts, low, high, now)),
                tag("td", tag("ul", raw("".join(tag("li", e) for e in ends)), cls="plain")),
            )
        )
    table = tag(
        "table",
        tag("caption", t("stability_caption", k=facts.k)),
        tag("thead", head),
        tag("tbody", raw("".join(rows))),
        id="stability-table",
    )
    intro = tag("p", t("stability_intro", k=facts.k), cls="note")
    return str(tag("section", heading, intro, table, cls="stability", id="stability"))


#: Interval ends closer than this to 0, 1 or each other are those points.
_EDGE = 1e-9


def _span(facts: Facts, low: float, high: float, now: float) -> str:
    """The interval in words, without "from 100 % to 100 %" or "above 100 %"."""
    t = facts.text
    if low <= _EDGE and high >= 1 - _EDGE:
        return t("span_any")
    if high - low <= _EDGE:
        return t("span_only", now=t.percent(now))
    if low <= _EDGE:
        return t("span_up_to", high=t.percent(high))
    if high >= 1 - _EDGE:
        return t("span_from", low=t.percent(low))
    return t("from_to", low=t.percent(low), high=t.percent(high))


def _end(facts: Facts, side: str, swap: str, at: str) -> str:
    t = facts.text
    inside, arrow, outside = swap.partition(" ↔ ")
    if not arrow:
        return t(f"end_{side}_none", low=0.0, high=1.0)
    values = {side: at, "inside": facts.who(inside), "outside": facts.who(outside)}
    return t(f"end_{side}", **values)


def grid_section(facts: Facts) -> str:
    """The grid's batteries, criteria, weights and eligibility gates."""
    t, grid = facts.text, facts.grid
    battery_share = grid.battery_weights
    weights = grid.weights
    top = float(max(battery_share.max(), 1e-12))
    head = tag(
        "tr",
        tag("th", t("col_battery"), scope="col"),
        tag("th", t("col_criterion"), scope="col"),
        tag("th", t("col_share"), scope="col", cls="num"),
        tag("th", "", scope="col"),
        tag("th", t("col_direction"), scope="col"),
    )
    bodies = []
    for i, battery in enumerate(grid.batteries):
        share = float(battery_share[battery.key])
        rows = [
            tag(
                "tr",
                tag("th", battery.label, scope="rowgroup", rowspan=len(battery.criteria) + 1),
                tag("td", tag("em", t("battery_total"))),
                tag("td", tag("strong", t.percent(share, 1)), cls="num"),
                tag(
                    "td",
                    raw(
                        charts.share_bar(
                            share, top, i, label=f"{battery.label} {t.percent(share, 1)}"
                        )
                    ),
                    cls="chart",
                ),
                tag("td", ""),
            )
        ]
        for criterion in battery.criteria:
            value = float(weights[criterion.key])
            rows.append(
                tag(
                    "tr",
                    tag("th", criterion.label, scope="row"),
                    tag("td", t.percent(value, 1), cls="num"),
                    tag(
                        "td",
                        raw(
                            charts.share_bar(
                                value, top, i, label=f"{criterion.label} {t.percent(value, 1)}"
                            )
                        ),
                        cls="chart",
                    ),
                    tag("td", t(f"direction_{criterion.direction.value}")),
                )
            )
        bodies.append(tag("tbody", raw("".join(rows))))
    table = tag(
        "table",
        tag("caption", t("grid_caption")),
        tag("thead", head),
        raw("".join(bodies)),
        id="grid-table",
    )
    gates = [condition(facts, gate) for gate in grid.eligibility]
    gate_list: Raw = (
        tag("ul", raw("".join(tag("li", g) for g in gates)), cls="plain")
        if gates
        else tag("p", t("gates_none"))
    )
    return str(
        tag(
            "section",
            tag("h2", t("grid_section")),
            table,
            tag("h3", t("gates_heading")),
            gate_list,
            cls="grid",
            id="grid",
        )
    )
