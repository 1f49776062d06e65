"""Sheets of a ranking and of an audit of recorded decisions.

The Ranking sheet has one row per producer in rank order (ineligible ones
last): id, name, rank, score, eligible, reason, the grid's ``select:`` outcome
when the grid has a rule (decision; with tiers, the tier and each of its
values, headed by their names as the grid writes them; and why), then for
additive methods each battery's contribution and each criterion's. The Audit
sheet has one row per recorded decision: what the committee recorded, what the
grid gives (with tiers: the recorded tier and the grid's), whether they agree,
and why not.

Examples
--------
>>> import selection
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> pages = ranking_pages(ranking, "en")
>>> [sheet.name for sheet in pages.sheets], pages.grid.name
(['Ranking'], 'Grid')
>>> pages.sheets[0].headers[:8]
['Id', 'Name', 'Rank', 'Score', 'Eligible', 'Reason', 'Decision', 'Why']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..decisions import Audit
from ..messages import render
from ..ranking import Ranking
from ..scoring import NOT_APPROVED, Prepared
from . import words as w
from .grid_sheet import grid_sheet, ranking_about
from .sheets import Column, Format, Pages, Sheet, blank, cells, with_unique_headers

__all__ = ["audit_pages", "producer_columns", "ranking_pages", "tier_cells", "yes_no"]


def yes_no(flags: Sequence[bool], lang: str) -> list[str]:
    """``yes`` / ``no`` in `lang`, one per flag (a spreadsheet filters on words best)."""
    yes, no = w.word(w.YES, lang), w.word(w.NO, lang)
    return [yes if flag else no for flag in flags]


def producer_columns(ids: Sequence[str], prepared: Prepared | None, lang: str) -> list[Column]:
    """The id column, then the name column when the table names its producers."""
    columns = [Column(w.word(w.COLUMN_ID, lang), list(ids))]
    if prepared is not None and prepared.name_column is not None:
        columns.append(
            Column(w.word(w.COLUMN_NAME, lang), [prepared.name_of(pid) or "" for pid in ids])
        )
    return columns


def ranking_sheet(ranking: Ranking, lang: str) -> Sheet:
    """The Ranking sheet (see the module's description)."""
    table = ranking.table
    ids = [str(pid) for pid in table.index]
    columns = producer_columns(ids, ranking.prepared, lang)
    keys = len(columns)
    columns += [
        Column(w.word(w.COLUMN_RANK, lang), cells(table["rank"]), Format.INTEGER),
        Column(w.word(w.COLUMN_SCORE, lang), cells(table["score"]), Format.SCORE),
        Column(w.word(w.COLUMN_ELIGIBLE, lang), yes_no(table["eligible"].tolist(), lang)),
        Column(
            w.word(w.COLUMN_REASON, lang),
            [render(list(reasons), lang) if reasons else "" for reasons in ranking.reasons],
        ),
    ]
    if ranking.grid.select is not None:
        rule = ranking.grid.select
        decided = ranking.decisions(lang=lang).table.loc[table.index]
        columns.append(
            Column(
                w.word(w.COLUMN_DECISION, lang),
                [w.word(w.DECISIONS[str(d)], lang) for d in decided["decision"]],
            )
        )
        if rule.tiered:
            columns.append(Column(w.word(w.COLUMN_TIER, lang), tier_cells(decided["tier"], lang)))
            columns += [
                Column(name, cells(decided[name]), _value_format(decided[name]))
                for name in rule.value_names
            ]
        columns.append(
            Column(w.word(w.COLUMN_DECISION_REASON, lang), [str(r) for r in decided["reason"]])
        )
    grid = ranking.grid
    parts = [(b.key, b.label) for b in grid.batteries] + [(c.key, c.label) for c in grid.criteria]
    columns += [
        Column(label, cells(table[key]), Format.CONTRIBUTION)
        for key, label in parts
        if key in table.columns
    ]
    return Sheet(w.word(w.SHEET_RANKING, lang), with_unique_headers(columns), keys=keys)


def tier_cells(tiers: Iterable[object], lang: str) -> list[str]:
    """Tier labels as written; ``not approved`` (or a blank) in words, in `lang`."""
    nobody = w.word(w.NOT_APPROVED, lang)
    return [nobody if blank(t) or t == NOT_APPROVED else str(t) for t in tiers]


def _value_format(values: pd.Series) -> Format:
    """A tier value's column: a number as written, or text."""
    return Format.NUMBER if pd.api.types.is_numeric_dtype(values) else Format.TEXT


def ranking_pages(ranking: Ranking, lang: str) -> Pages:
    """A ranking's sheets: the ranking, its grid, its summary."""
    return Pages(
        sheets=(ranking_sheet(ranking, lang),),
        grid=grid_sheet(ranking.grid, lang, about=ranking_about(ranking, lang)),
        summary=tuple(ranking.summary(lang=lang).splitlines()),
    )


def audit_pages(audit: Audit, lang: str) -> Pages:
    """An audit's sheets: each recorded decision against the grid's, the grid, the summary."""
    table = audit.table
    ids = [str(pid) for pid in table.index]
    columns = producer_columns(ids, audit.ranking.prepared, lang)
    keys = len(columns)
    reasons = audit.decisions.reasons
    explanations = audit.explanations
    if audit.tiered:
        columns += [
            Column(w.word(w.COLUMN_RECORDED_TIER, lang), tier_cells(table["recorded"], lang)),
            Column(w.word(w.COLUMN_GRID_TIER, lang), tier_cells(table["reproduced"], lang)),
        ]
    else:
        columns += [
            Column(
                w.word(w.COLUMN_RECORDED, lang),
                [w.word(w.DECISIONS[str(d)], lang) for d in table["recorded"]],
            ),
            Column(
                w.word(w.COLUMN_GRID_DECISION, lang),
                [w.word(w.DECISIONS[str(d)], lang) for d in table["grid_decision"]],
            ),
        ]
    columns += [
        Column(
            w.word(w.COLUMN_AGREEMENT, lang),
            yes_no((table["recorded"] == table["reproduced"]).tolist(), lang),
        ),
        Column(w.word(w.COLUMN_RANK, lang), cells(table["rank"]), Format.INTEGER),
        Column(w.word(w.COLUMN_SCORE, lang), cells(table["score"]), Format.SCORE),
        Column(w.word(w.COLUMN_REASON, lang), [render(list(reasons[pid]), lang) for pid in ids]),
        Column(
            w.word(w.COLUMN_EXPLANATION, lang),
            [render(explanations[pid], lang) if pid in explanations.index else "" for pid in ids],
        ),
    ]
    return Pages(
        sheets=(Sheet(w.word(w.SHEET_AUDIT, lang), with_unique_headers(columns), keys=keys),),
        grid=grid_sheet(audit.ranking.grid, lang, about=ranking_about(audit.ranking, lang)),
        summary=tuple(audit.summary(lang=lang).splitlines()),
    )
