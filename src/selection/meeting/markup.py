"""The page's markup before its script runs: sliders, presets, the ranking table, the keep form.

Everything here is the state at the grid's weights, written by Python: a page
opened without JavaScript (or printed by a tool that runs none) still shows the
ranking and the selection, and the tests can read the contract attributes from
the file itself. The script then takes over and rewrites the dynamic parts on
every change (``meeting.js``).

Ids are positional (``w-b0`` for the first battery's slider, ``w-c3`` for the
fourth criterion's, ``d-7`` for the eighth eligible producer's details), since
keys and producer ids are the users' own words; the ``name`` of each slider is
its key.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from ..messages import Message, format_number, render
from .data import SCALE, Meeting, page_points
from .words import HOW, METHODS, TEMPLATES, WORDS

__all__ = ["Say", "controls", "keep", "results", "tier_of", "tier_values"]

#: Marks nearer than this share of the track go on separate rows.
CLOSE = 0.06

#: Colours of the batteries in bars and legends (Okabe & Ito's palette, told apart by
#: people with any colour vision deficiency), in battery order, cycling.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def esc(text: object) -> str:
    """`text` escaped for HTML content and attribute values (quotes too)."""
    return html.escape(str(text), quote=True)


class Say:
    """The page's words in one language: ``say("count", selected=12, eligible=55)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        """The word `key` of :data:`~selection.meeting.words.WORDS` with `values` filled in."""
        base = WORDS[key]
        return render(Message(base.code, base.text, dict(values)), self.lang)

    def method(self, name: str) -> str:
        """The method's name in words."""
        return render(METHODS[name], self.lang) if name in METHODS else name

    def how(self, name: str) -> str:
        """A way of combining members' weights, in words."""
        return render(HOW[name], self.lang)

    def points(self, value: float) -> str:
        """Points as the sliders show them (one decimal, none when whole)."""
        rounded = round(value, 1)
        return format_number(rounded, ".0f" if rounded == int(rounded) else ".1f", self.lang)

    def percent(self, share: float) -> str:
        """A share as a whole percent."""
        return format_number(share, ".0%", self.lang)


def _slider(
    meeting: Meeting, say: Say, key: str, label: str, ident: str, shares: tuple[float, ...]
) -> str:
    """One weight: label, value, the range input, members' marks, the stability line."""
    points = page_points(meeting.grid)[key]
    marks = (
        _strip(meeting, say, key, ident)
        if meeting.summarised
        else _marks(meeting, say, key, ident)
    )
    if len(shares) == 1:
        value = say("battery_value", points=say.points(points), share=say.percent(shares[0]))
    else:
        value = say(
            "criterion_value",
            points=say.points(points),
            inside=say.percent(shares[0]),
            share=say.percent(shares[1]),
        )
    described = f"r-{ident}" + (f" p-{ident}" if marks else "")
    return (
        f'<div class="weight" data-key="{esc(key)}">'
        f'<div class="weight-head"><label for="w-{ident}">{esc(label)}</label> '
        f'<output id="v-{ident}" for="w-{ident}">{esc(value)}</output></div>'
        f'<div class="track" style="--rows:{marks[2] if marks else 0}">'
        '<span class="band" aria-hidden="true"></span>'
        f'<input type="range" id="w-{ident}" name="{esc(key)}" min="0" '
        f'max="{SCALE:g}" step="any" value="{points!r}" '
        f'data-grid="{points!r}" aria-describedby="{described}">'
        f"{marks[0] if marks else ''}</div>"
        f'<p class="range" id="r-{ident}">{esc(say("stable_pending"))}</p>'
        f"{marks[1] if marks else ''}</div>"
    )


def _marks(meeting: Meeting, say: Say, key: str, ident: str) -> tuple[str, str, int] | None:
    """Members' and the group's positions on one slider: marks, the same in words, and rows.

    Marks at the same place (within half a point) share one label (``1·3·G``);
    marks closer than :data:`CLOSE` of the track go on separate rows.
    """
    if not meeting.members:
        return None
    spots: list[tuple[str, str, float]] = [
        (str(i + 1), m.name, meeting.member_points[i][key]) for i, m in enumerate(meeting.members)
    ]
    if meeting.how in meeting.groups:
        group = say("group", how=say.how(meeting.how))
        spots.append(("G", group, page_points(meeting.groups[meeting.how])[key]))
    merged: list[tuple[list[str], list[str], float]] = []
    for sign, name, value in sorted(spots, key=lambda spot: spot[2]):
        title = say("position", name=name, points=say.points(value))
        if merged and value - merged[-1][2] < 0.5:
            merged[-1][0].append(sign)
            merged[-1][1].append(title)
        else:
            merged.append(([sign], [title], value))
    rows: list[float] = []  # the rightmost position taken on each row
    marks = []
    for signs, titles, value in merged:
        at = value / SCALE
        row = next((r for r, last in enumerate(rows) if at - last >= CLOSE), len(rows))
        if row == len(rows):
            rows.append(at)
        rows[row] = at
        marks.append(
            f'<span class="mark" style="--at:{at:.6f};--row:{row}" '
            f'title="{esc(render(titles, say.lang))}">{esc("·".join(signs))}</span>'
        )
    words = say(
        "positions",
        items=render(
            [say("position", name=name, points=say.points(value)) for _, name, value in spots],
            say.lang,
        ),
    )
    return (
        f'<span class="marks" aria-hidden="true">{"".join(marks)}</span>',
        f'<p class="sr-only" id="p-{ident}">{esc(words)}</p>',
        len(rows),
    )


def _strip(meeting: Meeting, say: Say, key: str, ident: str) -> tuple[str, str, int]:
    """The members' distribution on one slider (a box strip), and the group's mark.

    Drawn with CSS from five positions (lowest, quartiles, highest); the same in
    words for screen readers. The page stays the same size whatever the number
    of members.
    """
    low, q1, median, q3, high = meeting.distribution[key]
    where = ";".join(
        f"--{name}:{value / SCALE:.6f}"
        for name, value in zip(
            ("lo", "q1", "md", "q3", "hi"), (low, q1, median, q3, high), strict=True
        )
    )
    marks = ""
    words = say(
        "distribution_words",
        low=say.points(low),
        high=say.points(high),
        q1=say.points(q1),
        q3=say.points(q3),
        median=say.points(median),
    )
    if meeting.how in meeting.groups:
        group = say("group", how=say.how(meeting.how))
        value = page_points(meeting.groups[meeting.how])[key]
        title = say("position", name=group, points=say.points(value))
        marks = (
            f'<span class="marks" aria-hidden="true"><span class="mark" '
            f'style="--at:{value / SCALE:.6f};--row:1" title="{esc(title)}">G</span></span>'
        )
        words = f"{words} {say('positions', items=title)}"
    return (
        f'<span class="strip" aria-hidden="true" style="{where}"><span class="whisker"></span>'
        f'<span class="box"></span><span class="median"></span></span>{marks}',
        f'<p class="sr-only" id="p-{ident}">{esc(words)}</p>',
        2,
    )


def controls(meeting: Meeting, say: Say) -> str:
    """The weights section: presets, then a slider per battery and, folded, per criterion."""
    grid = meeting.grid
    keys = grid.keys
    battery_shares = grid.battery_weights.to_numpy()
    weights = grid.weight_vector
    parts = [
        '<section id="controls" aria-labelledby="weights-title">',
        f'<h2 id="weights-title">{esc(say("weights"))}</h2>',
        _presets(meeting, say),
        f'<p id="all-zero" class="warning" role="alert" hidden>{esc(say("all_zero"))}</p>',
        '<div class="batteries">',
    ]
    for b, battery in enumerate(grid.batteries):
        slider = _slider(
            meeting, say, battery.key, battery.label, f"b{b}", (float(battery_shares[b]),)
        )
        parts.append(f'<div class="battery" data-battery="{b}">{slider}')
        parts.append(
            f"<details><summary>{esc(say('criteria_of', battery=battery.label))}</summary>"
            f'<p class="warning void" hidden>{esc(say("battery_void"))}</p>'
        )
        for criterion, inside in zip(battery.criteria, battery.shares(), strict=True):
            j = keys.index(criterion.key)
            slider = _slider(
                meeting,
                say,
                criterion.key,
                criterion.label,
                f"c{j}",
                (float(inside), float(weights[j])),
            )
            parts.append(slider.replace('class="weight"', 'class="weight criterion"', 1))
        parts.append("</details></div>")
    parts += ["</div>", f'<p class="help">{esc(say("weights_help"))}</p>', "</section>"]
    return "".join(parts)


def _presets(meeting: Meeting, say: Say) -> str:
    """Buttons that load a set of weights: the grid's, each member's, the group's."""
    buttons = [f'<button type="button" data-preset="grid">{esc(say("grid_weights"))}</button>']
    for i, member in enumerate([] if meeting.summarised else meeting.members):
        buttons.append(
            f'<button type="button" data-preset="member:{i}" data-member="{esc(member.name)}" '
            f'aria-label="{esc(say("load_member", name=member.name))}">'
            f'<span class="sign" aria-hidden="true">{i + 1}</span> {esc(member.name)}</button>'
        )
    for how in meeting.groups:
        sign = '<span class="sign" aria-hidden="true">G</span> ' if how == meeting.how else ""
        buttons.append(
            f'<button type="button" data-preset="group:{esc(how)}" data-group="{esc(how)}">'
            f"{sign}{esc(say('group', how=say.how(how)))}</button>"
        )
    notes = [
        f'<p class="note">{esc(say("group_unavailable", how=say.how(how), why=why))}</p>'
        for how, why in meeting.unavailable.items()
    ]
    if meeting.vetoed and "geometric" in meeting.groups:
        items = render(meeting.vetoed, say.lang) if len(meeting.vetoed) > 1 else meeting.vetoed[0]
        notes.append(f'<p class="note">{esc(say("veto", items=items))}</p>')
    pick = ""
    if meeting.summarised:
        options = "".join(
            f'<option value="member:{i}">{esc(member.name)}</option>'
            for i, member in enumerate(meeting.members)
        )
        pick = (
            '<p class="member-pick"><label for="member-select">'
            f"{esc(say('member_pick'))}</label> "
            f'<select id="member-select"><option value="">{esc(say("member_pick_none"))}'
            f"</option>{options}</select></p>"
        )
    if meeting.anonymous:
        notes.append(f'<p class="note">{esc(say("anonymous_note"))}</p>')
    return (
        '<div class="presets" role="group" aria-labelledby="presets-title">'
        f'<h3 id="presets-title">{esc(say("presets"))}</h3>'
        f'<div class="buttons">{"".join(buttons)}</div>'
        + pick
        + f'<p id="now" class="now">{esc(say("now_weights", name=say("grid_name")))}</p>'
        + "".join(notes)
        + _apart(meeting, say)
        + "</div>"
    )


def _apart(meeting: Meeting, say: Say) -> str:
    """A large or anonymous committee: the few members who stand apart, each with a button."""
    if not meeting.summarised or meeting.positions is None:
        return ""
    where = meeting.positions
    rule = say(
        "apart_rule",
        spread=format_number(where.spread, "g", say.lang),
        gap=format_number(100 * where.gap, ".0f", say.lang),
    )
    items = "".join(
        f'<li><button type="button" data-preset="member:{i}" '
        f'data-member="{esc(meeting.members[i].name)}" '
        f'aria-label="{esc(say("load_member", name=meeting.members[i].name))}">'
        f"{esc(meeting.members[i].name)}</button> {esc(sentence)}</li>"
        for i, sentence in meeting.standing_out
    )
    body = f'<ul class="apart-list">{items}</ul>' if items else f"<p>{esc(say('apart_none'))}</p>"
    return (
        f'<div class="apart"><h4>{esc(say("apart"))}</h4>{body}'
        f'<p class="note">{esc(rule)}</p></div>'
    )


def _bar_legend(meeting: Meeting, say: Say) -> str:
    keys = "".join(
        f'<span class="key"><span class="swatch" style="background:{COLOURS[b % len(COLOURS)]}">'
        f"</span>{esc(battery.label)}</span>"
        for b, battery in enumerate(meeting.grid.batteries)
    )
    baseline = (
        f' <span class="baseline-note">{esc(say("baseline"))}</span>'
        if meeting.prepared.method == "topsis"
        else ""
    )
    return f'<p class="legend">{esc(say("bar_legend"))} {keys}{baseline}</p>'


def _template(say: Say, code: str, **values: object) -> str:
    """One of the library's messages the page reuses (:data:`TEMPLATES`), filled in."""
    base = TEMPLATES[code]
    return render(Message(base.code, base.text, dict(values)), say.lang)


def tier_of(meeting: Meeting, pid: str) -> str | None:
    """The producer's tier label at the grid's weights: "" for none, None without tiers."""
    if not meeting.rule.tiered:
        return None
    return str(meeting.decisions.table["tier"].fillna("").loc[pid])


def _count(meeting: Meeting, say: Say, eligible: pd.DataFrame) -> str:
    """How many are selected; with tiers, how many eligible producers are in each tier."""
    selected = int((eligible["decision"] == "selected").sum())
    if not meeting.rule.tiered:
        return say("count", selected=selected, eligible=len(eligible))
    rule = meeting.rule
    tiers = eligible["tier"]
    counts = [
        _template(say, "decisions.tier_count", label=t.label, count=int((tiers == t.label).sum()))
        for t in rule.tiers
    ]
    if rule.open_tier is None:
        counts.append(
            _template(say, "decisions.not_approved_count", count=int(tiers.isna().sum()))
        )
    return say(
        "count_tiers",
        counts=_template(say, "list.separator").join(counts),
        approved=selected,
        eligible=len(eligible),
    )


def tier_values(meeting: Meeting, say: Say) -> str:
    """What each tier gives (its values, e.g. ``rate 0.9``), or "" when no tier has values."""
    given = [(tier.label, dict(tier.values)) for tier in meeting.rule.tiers]
    if not any(values for _, values in given):
        return ""
    items = [
        say(
            "tier_values",
            label=label,
            values=render(
                [
                    say(
                        "tier_value",
                        name=name,
                        value=value
                        if isinstance(value, str)
                        else format_number(float(value), "g", say.lang),
                    )
                    for name, value in values.items()
                ],
                say.lang,
            ),
        )
        for label, values in given
        if values
    ]
    return say("tiers_values", items=_template(say, "list.separator").join(items))


def results(meeting: Meeting, say: Say) -> str:
    """The ranking section: counts, changes, the live note, and a row per producer."""
    table = meeting.decisions.table
    eligible = table[table["decision"] != "ineligible"]
    ineligible = table[table["decision"] == "ineligible"]
    index = {pid: i for i, pid in enumerate(str(p) for p in meeting.prepared.ids)}
    tiered = meeting.rule.tiered
    rows = [
        _row(
            say,
            str(pid),
            meeting.prepared.who(pid),
            index[str(pid)],
            int(row["rank"]),
            float(row["score"]),
            row["decision"] == "selected",
            str(row["reason"]),
            bar=_bar_words(meeting, say, str(pid)),
            tier=tier_of(meeting, str(pid)),
        )
        for pid, row in eligible.iterrows()
    ]
    others = [
        _ineligible_row(
            say,
            str(pid),
            meeting.prepared.who(pid),
            str(row["reason"]),
            tier=tier_of(meeting, str(pid)),
        )
        for pid, row in ineligible.iterrows()
    ]
    same = say("same_tiers_as_grid") if tiered else say("same_as_grid")
    return (
        '<section id="results" aria-labelledby="results-title">'
        f'<h2 id="results-title">{esc(say("results"))}</h2>'
        f'<p id="count">{esc(_count(meeting, say, eligible))}</p>'
        f'<p id="versus">{esc(say("versus_grid", changes=same))}</p>'
        '<p id="live" class="live" role="status" aria-live="polite" aria-atomic="true"></p>'
        + _bar_legend(meeting, say)
        + '<table id="ranking"><caption>'
        + esc(say("caption", eligible=len(eligible), ineligible=len(ineligible)))
        + "</caption><thead><tr>"
        f'<th scope="col" class="rank">{esc(say("col_rank"))}</th>'
        f'<th scope="col">{esc(say("col_producer"))}</th>'
        f'<th scope="col" class="score">{esc(say("col_score"))}</th>'
        '</tr></thead><tbody id="eligible">'
        + "".join(rows)
        + '</tbody><tbody id="ineligible">'
        + "".join(others)
        + "</tbody></table></section>"
    )


def _bar_words(meeting: Meeting, say: Say, pid: str) -> str:
    """The contribution bar in words (the script draws it and keeps the words up to date)."""
    keys = [battery.key for battery in meeting.grid.batteries]
    values = meeting.ranking.table.loc[pid, keys].to_numpy(dtype=float)
    items = [
        say("bar_item", label=battery.label, value=format_number(value, ".3f", say.lang))
        for battery, value in zip(meeting.grid.batteries, values, strict=True)
    ]
    return say("bar_label", items=render(items, say.lang))


def _row(
    say: Say,
    pid: str,
    who: str,
    index: int,
    rank: int,
    score: float,
    chosen: bool,
    reason: str,
    *,
    bar: str,
    tier: str | None = None,
) -> str:
    if tier is None:
        status = say("selected") if chosen else say("not_selected")
    else:
        status = tier or _template(say, "tier.not_approved")
    state = "is-selected" if chosen else "is-out"
    tier_attribute = "" if tier is None else f' data-tier="{esc(tier)}"'
    return (
        f'<tr class="producer {state}" data-producer="{esc(pid)}" data-index="{index}" '
        f'data-rank="{rank}" data-score="{score!r}" data-selected="{str(chosen).lower()}" '
        f'data-eligible="true"{tier_attribute}>'
        f'<td class="rank">{rank}</td>'
        f'<th scope="row" class="who"><span class="name">{esc(who)}</span> '
        f'<span class="status"><strong class="badge">{esc(status)}</strong> '
        f'<span class="why">{esc(reason)}</span></span>'
        f'<span class="bar" role="img" aria-label="{esc(bar)}"></span>'
        f'<button type="button" class="more" aria-expanded="false" aria-controls="d-{index}" '
        f'aria-label="{esc(say("details_label", producer=who))}" hidden>'
        f"{esc(say('details'))}</button></th>"
        f'<td class="score">{esc(format_number(score, ".3f", say.lang))}</td></tr>'
        f'<tr class="detail" id="d-{index}" data-detail="{index}" hidden>'
        '<td colspan="3"></td></tr>'
    )


def _ineligible_row(say: Say, pid: str, who: str, reason: str, *, tier: str | None = None) -> str:
    tier_attribute = "" if tier is None else f' data-tier="{esc(tier)}"'
    return (
        f'<tr class="producer is-ineligible" data-producer="{esc(pid)}" data-rank="" '
        f'data-score="" data-selected="false" data-eligible="false"{tier_attribute}>'
        '<td class="rank">—</td>'
        f'<th scope="row" class="who"><span class="name">{esc(who)}</span> '
        f'<span class="status"><strong class="badge">{esc(say("ineligible"))}</strong> '
        f'<span class="why">{esc(reason)}</span></span></th>'
        '<td class="score">—</td></tr>'
    )


def keep(say: Say) -> str:
    """The form that writes the current weights as a ``selection/weights@1`` file."""
    return (
        '<section id="keep" aria-labelledby="keep-title">'
        f'<h2 id="keep-title">{esc(say("keep"))}</h2>'
        f"<p>{esc(say('keep_help'))}</p>"
        '<p class="keep-form">'
        f'<label for="keep-name">{esc(say("keep_name"))}</label> '
        f'<input id="keep-name" type="text" value="{esc(say("keep_default_name"))}" '
        'autocomplete="off"> '
        f'<button type="button" id="keep-button">{esc(say("keep_button"))}</button></p>'
        '<p id="keep-refused" class="warning" role="alert" hidden></p>'
        '<div id="keep-output" hidden>'
        f'<label for="keep-text">{esc(say("keep_text"))}</label>'
        '<textarea id="keep-text" readonly rows="14" spellcheck="false"></textarea>'
        '<p class="keep-actions">'
        f'<a id="keep-download" href="#" download="{esc(say("keep_file"))}">'
        f"{esc(say('keep_download'))}</a> "
        f'<button type="button" id="keep-copy">{esc(say("keep_copy"))}</button> '
        '<span id="keep-copied" role="status"></span></p>'
        "</div></section>"
    )


def legend(meeting: Meeting, say: Say) -> str:
    """Who each mark under the sliders is."""
    if not meeting.members:
        return ""
    if meeting.summarised:
        words = say("strip_legend")
        if meeting.how in meeting.groups:
            words += " " + say("strip_group", how=say.how(meeting.how))
        return f'<p class="marks-legend">{esc(words)}</p>'
    items: Sequence[str] = [f"{i + 1} {m.name}" for i, m in enumerate(meeting.members)]
    if meeting.how in meeting.groups:
        items = [*items, f"G {say('group', how=say.how(meeting.how))}"]
    return (
        f'<p class="marks-legend" aria-hidden="true">'
        f"{esc(say('marks', items=' · '.join(items)))}</p>"
    )
