"""The meeting page: one self-contained HTML file (inline style, data and script).

:func:`build_meeting` gathers the data (:mod:`selection.meeting.data`), writes
the markup of the state at the grid's weights (:mod:`selection.meeting.markup`)
and inlines the style sheet (``meeting.css``), the data (JSON in a
``<script type="application/json">``) and the script (``meeting.js``), both
read from the package with :mod:`importlib.resources`. Nothing is loaded from
the network: the file opens offline, from a USB stick or an email.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

from .._version import __version__
from ..files import write_atomically
from ..grid import Grid
from ..messages import render
from ..scoring import ProblemSource
from .data import Meeting, gather
from .markup import Say, controls, esc, keep, legend, results, tier_values

__all__ = ["build_meeting", "resource", "write_meeting"]


def resource(name: str) -> str:
    """A text file shipped inside this package (``meeting.js``, ``meeting.css``)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element: no ``</`` nor ``<!--`` can close it."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _document(meeting: Meeting) -> str:
    say = Say(meeting.lang)
    grid, prepared = meeting.grid, meeting.prepared
    method = say(
        "method_line",
        method=say.method(prepared.method),
        normalization=prepared.normalization.value if prepared.normalization else "—",
    )
    rule = (
        say("rule_default", top=meeting.rule.top)
        if meeting.default_rule
        else say("rule_line", rule=render(meeting.rule.conditions(), meeting.lang))
    )
    values = tier_values(meeting, say)
    header = (
        "<header>"
        f"<h1>{esc(say('title'))}</h1>"
        f'<p class="grid-name">{esc(grid.name)}</p>'
        f'<p class="meta">{esc(method)} {esc(rule)}</p>'
        + (f'<p class="meta tiers-values">{esc(values)}</p>' if values else "")
        + f'<p class="intro">{esc(say("intro"))}</p>'
        f'<noscript><p class="warning">{esc(say("noscript"))}</p></noscript>'
        "</header>"
    )
    footer = (
        f"<footer><p>{esc(say('footer', version=__version__, hash=grid.short_hash))}</p></footer>"
    )
    body = (
        header
        + '<main><div class="layout"><div class="side">'
        + controls(meeting, say)
        + legend(meeting, say)
        + "</div>"
        + results(meeting, say)
        + "</div>"
        + keep(say)
        + "</main>"
        + footer
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{meeting.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="selection {esc(__version__)}">\n'
        f"<title>{esc(say('title'))} · {esc(grid.name)}</title>\n"
        f"<style>\n{resource('meeting.css')}</style>\n</head>\n<body>\n"
        f"{body}\n"
        f'<script type="application/json" id="meeting-data">{_json(meeting.to_json())}</script>\n'
        f"<script>\n{resource('meeting.js')}</script>\n"
        "</body>\n</html>\n"
    )


def build_meeting(
    producers: ProblemSource,
    grid: Grid | str | PathLike[str] | None = None,
    *,
    members: Sequence[Any] | None = None,
    how: str = "geometric",
    method: str | None = None,
    normalization: str | None = None,
    lang: str | None = None,
    anonymous: bool = False,
) -> str:
    """The meeting page as one self-contained HTML document.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone
        (then its method and normalization are kept).
    members : sequence, optional
        Members' weights: paths of ``selection/weights@1`` files, or members
        loaded with :func:`selection.committee.load_members`. Each gets a button
        and a mark on every slider; the group's weights are combined by
        :func:`selection.committee.aggregate` in each of its three ways.
    how : {"geometric", "mean", "median"}
        The group whose mark the sliders show (the three are offered as buttons).
    method, normalization
        Default: the grid's (or the prepared problem's). The page recomputes the
        weighted sum and TOPSIS, under any normalization.
    lang : {"fr", "en"}, optional
        The page's language; default: the language rule (French unless said otherwise).
    anonymous : bool
        Show only aggregates: members are called "membre 1" … and no name is
        written anywhere in the page. A weights file saying ``anonymous: true``
        has the same effect, whatever this option says.

    Returns
    -------
    str
        HTML with inline style, data and script; no external address. With
        more than :data:`~selection.meeting.data.MARKED_MEMBERS` members (or an
        anonymous committee) each slider shows the members' distribution
        (lowest, middle half, median, highest) instead of one mark per member,
        members load from a list, and the few who stand apart are named.

    Raises
    ------
    SelectionError
        Bad inputs, members' weights that do not fit the grid, an unknown
        language or way of combining, a method the page does not compute
        (:class:`~selection.errors.MethodError`), no eligible producer.

    Examples
    --------
    >>> import selection
    >>> page = build_meeting(selection.example_producers_path(), selection.example_grid_path(),
    ...                      lang="en")
    >>> page.startswith("<!DOCTYPE html>") and 'name="accessibility"' in page
    True
    """
    meeting = gather(
        producers,
        grid,
        members=members,
        how=how,
        method=method,
        normalization=normalization,
        lang=lang,
        anonymous=anonymous,
    )
    return _document(meeting)


def write_meeting(
    path: str | PathLike[str],
    producers: ProblemSource,
    grid: Grid | str | PathLike[str] | None = None,
    *,
    members: Sequence[Any] | None = None,
    how: str = "geometric",
    method: str | None = None,
    normalization: str | None = None,
    lang: str | None = None,
    anonymous: bool = False,
) -> Path:
    """Build the meeting page and write it to `path`, completely or not at all.

    Returns
    -------
    Path
        Where the page was written.
    """
    page = build_meeting(
        producers,
        grid,
        members=members,
        how=how,
        method=method,
        normalization=normalization,
        lang=lang,
        anonymous=anonymous,
    )
    return write_atomically(path, page, what="the meeting page")
