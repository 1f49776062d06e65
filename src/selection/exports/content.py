"""Which sheets a result exports: one registry keyed by the result's type.

:func:`pages_for` is a :func:`functools.singledispatch` function: a new result
type is exported by registering one function that returns its
:class:`~selection.exports.sheets.Pages`. :func:`sheets_for` puts the pages of
one result, or of several, in workbook order: each result's own sheets, then
one Grid sheet, then one Summary sheet.

Examples
--------
>>> import selection
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> [sheet.name for sheet in sheets_for(ranking, lang="fr")]
['Classement', 'Grille', 'Résumé']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from ..committee import Consensus
from ..decisions import Audit
from ..errors import ArgumentError
from ..messages import current_language, msg
from ..ranking import Ranking
from ..sensitivity import Acceptability, StabilityIntervals, TierAcceptability, TierIntervals
from ..validators import language
from . import words as w
from .analysis_sheets import (
    acceptability_pages,
    consensus_pages,
    intervals_pages,
    tier_acceptability_pages,
    tier_intervals_pages,
)
from .ranking_sheets import audit_pages, ranking_pages
from .sheets import Column, Pages, Sheet

__all__ = ["EXPORTABLE", "pages_for", "sheets_for", "sources_of"]

#: The result types that can be exported (see :func:`pages_for`).
EXPORTABLE: tuple[type, ...] = (
    Ranking,
    Audit,
    Acceptability,
    StabilityIntervals,
    Consensus,
    TierAcceptability,
    TierIntervals,
)


@functools.singledispatch
def pages_for(result: object, lang: str, ranking: Ranking | None = None) -> Pages:
    """The sheets of `result` in `lang`; `ranking` adds names and the grid to analyses.

    Raises
    ------
    ArgumentError
        For a result of a type that has no export.
    """
    raise ArgumentError(
        msg("exports.unknown_result", "cannot export a {kind}", kind=type(result).__name__),
        where="result",
        expected=msg(
            "exports.unknown_result_expected",
            "a result of selection: {kinds}",
            kinds=", ".join(kind.__name__ for kind in EXPORTABLE),
        ),
        found=type(result).__name__,
    )


@pages_for.register
def _ranking(result: Ranking, lang: str, ranking: Ranking | None = None) -> Pages:
    return ranking_pages(result, lang)


@pages_for.register
def _audit(result: Audit, lang: str, ranking: Ranking | None = None) -> Pages:
    return audit_pages(result, lang)


@pages_for.register
def _acceptability(result: Acceptability, lang: str, ranking: Ranking | None = None) -> Pages:
    return acceptability_pages(result, lang, ranking)


@pages_for.register
def _intervals(result: StabilityIntervals, lang: str, ranking: Ranking | None = None) -> Pages:
    return intervals_pages(result, lang, ranking)


@pages_for.register
def _consensus(result: Consensus, lang: str, ranking: Ranking | None = None) -> Pages:
    return consensus_pages(result, lang, ranking)


@pages_for.register
def _tier_acceptability(
    result: TierAcceptability, lang: str, ranking: Ranking | None = None
) -> Pages:
    return tier_acceptability_pages(result, lang, ranking)


@pages_for.register
def _tier_intervals(result: TierIntervals, lang: str, ranking: Ranking | None = None) -> Pages:
    return tier_intervals_pages(result, lang, ranking)


def results_of(result: object) -> list[Any]:
    """One result, or the results of a list or tuple of them."""
    return list(result) if isinstance(result, list | tuple) else [result]


def chosen_language(lang: str | None) -> str:
    """`lang` checked, else the language rule."""
    return language(lang) or current_language()


def sheets_for(
    result: object | Sequence[object], *, lang: str | None = None, ranking: Ranking | None = None
) -> list[Sheet]:
    """The sheets a workbook of `result` holds, in order.

    Parameters
    ----------
    result : Ranking, Audit, Acceptability, StabilityIntervals, Consensus,
        TierAcceptability, TierIntervals, or a list of them
    lang : str, optional
        ``"fr"`` or ``"en"``; default: the language rule.
    ranking : Ranking, optional
        The ranking an analysis was computed from: adds names, ranks and the Grid sheet.
    """
    chosen = chosen_language(lang)
    pages = [pages_for(item, chosen, ranking) for item in results_of(result)]
    sheets = [sheet for page in pages for sheet in page.sheets]
    grid = next((page.grid for page in pages if page.grid is not None), None)
    if grid is not None:
        sheets.append(grid)
    lines: list[str] = []
    for page in pages:
        if lines and page.summary:
            lines.append("")
        lines += page.summary
    if lines:
        sheets.append(
            Sheet(
                w.word(w.SHEET_SUMMARY, chosen),
                (Column(w.word(w.COLUMN_SUMMARY, chosen), lines),),
                autofilter=False,
            )
        )
    return sheets


def sources_of(result: object, ranking: Ranking | None = None) -> list[str | PathLike[str]]:
    """The files a result was computed from (grid, producer table...): not to be replaced."""
    found: list[str | PathLike[str]] = []
    for item in [*results_of(result), ranking]:
        for candidate in _ranking_of(item):
            found += [s for s in (candidate.grid.source, candidate.prepared.source) if s]
        if isinstance(item, Audit) and Path(item.record.source).is_file():
            found.append(item.record.source)
        if isinstance(item, Consensus) and item.group.source:
            found.append(item.group.source)
    return found


def _ranking_of(item: object) -> Iterable[Ranking]:
    if isinstance(item, Ranking):
        yield item
    elif isinstance(item, Audit):
        yield item.ranking
