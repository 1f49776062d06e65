"""The report document: one self-contained HTML file for committee members.

:func:`build_report` ranks the producers, measures how robust each place is
(:func:`selection.sensitivity.robustness`) and how far each battery weight can
move before the top k change (:func:`selection.sensitivity.weight_intervals`),
and, given members' weights, compares them (:mod:`selection.committee`); then
writes it all as HTML with inline CSS and inline SVG, no script and no external
address, so that the file opens offline and can be sent by email.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from .._version import __version__
from ..files import write_atomically
from ..grid import Grid
from ..messages import msg, render
from ..scoring import ProblemSource
from ..validators import whole_number
from . import members
from .facts import Facts, gather
from .markup import esc, tag
from .sections import (
    grid_section,
    header_section,
    ranking_section,
    stability_section,
    summary_section,
)
from .style import CSS
from .text import Text

__all__ = ["build_report", "write_report"]


def _document(facts: Facts) -> str:
    t = facts.text
    body = [
        header_section(facts),
        "<main>",
        summary_section(facts),
        ranking_section(facts),
        stability_section(facts),
    ]
    if facts.committee is not None:
        body.append(
            members.section(
                facts.committee, facts.members, t, facts.who, facts.label, facts.grid, facts.k
            )
        )
    body += [
        grid_section(facts),
        "</main>",
        str(tag("footer", tag("p", t("footer", version=__version__)))),
    ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{t.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="selection {esc(__version__)}">\n'
        f"<title>{esc(t('title'))} · {esc(facts.grid.name)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def build_report(
    producers: ProblemSource,
    grid: Grid | str | PathLike[str] | None = None,
    *,
    members: Sequence[Any] | None = None,
    lang: str | None = None,
    k: int = 10,
    samples: int = 5000,
    seed: int = 0,
    date: dt.datetime | dt.date | None = None,
    anonymous: bool = False,
    judgments: Any = None,
) -> str:
    """The report as one self-contained HTML document.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    members : sequence, optional
        Members' weights: paths of member weight files, or members loaded
        with :func:`selection.committee.load_members`. Adds the committee
        section (members' weights, agreement, contested producers, compromise).
    lang : {"fr", "en"}, optional
        The language of the report's own words (grid labels stay as written);
        default: the language rule (French unless said otherwise).
    k : int
        The size of the selection that matters (the top k).
    samples, seed
        Plausible weightings drawn for the robustness badges.
    date : datetime or date, optional
        Printed in the header; default: now.
    anonymous : bool
        Show only aggregates of the members' weights: members are called
        "membre 1" … and no name appears in the document. A weights file
        saying ``anonymous: true`` has the same effect, whatever this says.
    judgments : path or DataFrame, optional
        Members' grades for the grid's judged criteria (see
        :mod:`selection.judgments`); each producer's merit profile is drawn.

    Returns
    -------
    str
        HTML with inline CSS and SVG: no script, no external address.

    Raises
    ------
    SelectionError
        On a bad language, k or samples, and any error of the inputs.

    Examples
    --------
    >>> import selection
    >>> page = build_report(selection.example_producers_path(),
    ...                     selection.example_grid_path(), samples=200, lang="fr")
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    True
    """
    text = Text(lang)
    k = whole_number(k, "k", low=1)
    samples = whole_number(samples, "samples", low=1)
    seed = whole_number(seed, "seed", low=0)
    facts = gather(
        producers, grid, members, text, k, samples, seed, date, anonymous, judgments=judgments
    )
    return _document(facts)


def write_report(
    path: str | PathLike[str],
    producers: ProblemSource,
    grid: Grid | str | PathLike[str] | None = None,
    *,
    members: Sequence[Any] | None = None,
    lang: str | None = None,
    k: int = 10,
    samples: int = 5000,
    seed: int = 0,
    date: dt.datetime | dt.date | None = None,
    anonymous: bool = False,
    judgments: Any = None,
) -> Path:
    """Build the report and write it to `path`, completely or not at all.

    The document is built first, then written to a temporary file in the same
    folder and moved over `path` in one step (:func:`os.replace`): an error
    leaves no partial file and an existing report untouched; the report is never
    written over one of its inputs (the table, the grid, a member's file).

    Returns
    -------
    Path
        Where the report was written.
    """
    document = build_report(
        producers,
        grid,
        members=members,
        lang=lang,
        k=k,
        samples=samples,
        seed=seed,
        date=date,
        anonymous=anonymous,
        judgments=judgments,
    )
    sources = [producers, grid, judgments, *(members or ())]
    inputs = [str(s) for s in sources if isinstance(s, str | PathLike)]
    return write_atomically(
        path, document, what=render(msg("what.report", "the report"), lang), inputs=inputs
    )
