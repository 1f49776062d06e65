"""Sheets of the analyses: acceptability, stability intervals, consensus, tiers.

Rank acceptability, stability intervals, a committee's consensus and, for a
grid in tiers, the tiers' acceptability and stability.

These results do not keep the producer table nor, except the consensus, the
grid: give the :class:`~selection.Ranking` they were computed from
(``ranking=``) to add the producers' names, their rank under the grid's
weights, and the Grid sheet.

Examples
--------
>>> import selection
>>> from selection.sensitivity import weight_intervals
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> pages = intervals_pages(weight_intervals(ranking, scope="winner"), "en", ranking)
>>> pages.sheets[0].headers
['Key', 'Label', 'Effective weight', 'Low end', 'High end', 'Swap at the low end', \
'Swap at the high end']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..committee import Consensus
from ..grid import level_name
from ..messages import render
from ..ranking import Ranking
from ..scoring import Prepared
from ..sensitivity import Acceptability, StabilityIntervals, TierAcceptability, TierIntervals
from . import words as w
from .grid_sheet import grid_about, grid_sheet, ranking_about, written_by
from .ranking_sheets import producer_columns, tier_cells
from .sheets import Column, Format, Pages, Sheet, cells, with_unique_headers

__all__ = [
    "acceptability_pages",
    "consensus_pages",
    "intervals_pages",
    "tier_acceptability_pages",
    "tier_intervals_pages",
]


def _grid_pages(ranking: Ranking | None, lang: str) -> Sheet | None:
    if ranking is None:
        return None
    return grid_sheet(ranking.grid, lang, about=ranking_about(ranking, lang))


def _grid_ranks(ranking: Ranking | None, ids: list[str], lang: str) -> list[Column]:
    """The rank under the grid's weights, when the ranking is known."""
    if ranking is None:
        return []
    ranks = ranking.table["rank"].reindex(pd.Index(ids, dtype=object))
    return [Column(w.word(w.COLUMN_GRID_RANK, lang), cells(ranks), Format.INTEGER)]


def _prepared(ranking: Ranking | None) -> Prepared | None:
    return None if ranking is None else ranking.prepared


def acceptability_pages(result: Acceptability, lang: str, ranking: Ranking | None) -> Pages:
    """Rank acceptability (producers × ranks, as percents), then the central weights.

    Producers are sorted by holistic acceptability, best first. The central
    weights sheet lists the producers that some weighting puts first.
    """
    accept = result.rank_acceptability
    holistic = result.holistic()
    order = np.argsort(-holistic.to_numpy(dtype=float), kind="stable")
    ids = [str(pid) for pid in accept.index[order]]
    prepared = _prepared(ranking)
    columns = producer_columns(ids, prepared, lang)
    keys = len(columns)
    columns += _grid_ranks(ranking, ids, lang)
    columns.append(
        Column(w.word(w.COLUMN_HOLISTIC, lang), cells(holistic.iloc[order]), Format.SCORE)
    )
    values = accept.to_numpy(dtype=float)[order]
    columns += [
        Column(w.word(w.COLUMN_RANK_N, lang, rank=int(rank)), cells(values[:, j]), Format.PERCENT)
        for j, rank in enumerate(accept.columns)
    ]
    main = Sheet(w.word(w.SHEET_ACCEPTABILITY, lang), with_unique_headers(columns), keys=keys)

    central = result.central_weights
    ever_first = [pid for pid in ids if central.loc[pid].notna().any()]
    weights = producer_columns(ever_first, prepared, lang)
    weights += [
        Column(result.labels.get(key, key), cells(central.loc[ever_first, key]), Format.PERCENT)
        for key in result.factors
    ]
    weights.append(
        Column(
            w.word(w.COLUMN_CONFIDENCE, lang),
            cells(result.confidence.loc[ever_first]),
            Format.PERCENT,
        )
    )
    second = Sheet(w.word(w.SHEET_CENTRAL_WEIGHTS, lang), with_unique_headers(weights), keys=keys)
    return Pages(
        sheets=(main, second),
        grid=_grid_pages(ranking, lang),
        summary=tuple(result.summary(lang=lang).splitlines()),
    )


def intervals_pages(result: StabilityIntervals, lang: str, ranking: Ranking | None) -> Pages:
    """One row per weight: its current share and the interval over which the result holds."""
    table = result.table
    keys = [str(key) for key in table.index]
    columns = [
        Column(w.word(w.COLUMN_KEY, lang), keys),
        Column(w.word(w.COLUMN_LABEL, lang), [result.labels.get(key, key) for key in keys]),
        Column(w.word(w.COLUMN_WEIGHT, lang), cells(table["weight"]), Format.PERCENT),
        Column(w.word(w.COLUMN_LOW, lang), cells(table["low"]), Format.PERCENT),
        Column(w.word(w.COLUMN_HIGH, lang), cells(table["high"]), Format.PERCENT),
        Column(w.word(w.COLUMN_LOW_SWAP, lang), [str(s) for s in table["low_swap"]]),
        Column(w.word(w.COLUMN_HIGH_SWAP, lang), [str(s) for s in table["high_swap"]]),
    ]
    scope = w.SCOPES.get(result.scope)
    lines = [] if scope is None else [w.word(scope, lang, k=result.k)]
    return Pages(
        sheets=(Sheet(w.word(w.SHEET_INTERVALS, lang), with_unique_headers(columns), keys=2),),
        grid=_grid_pages(ranking, lang),
        summary=tuple(lines + result.summary(lang=lang).splitlines()),
    )


def consensus_pages(result: Consensus, lang: str, ranking: Ranking | None) -> Pages:
    """Members' ranks and the compromises; each member's weights; who stands out."""
    rankings, compromise = result.rankings, result.compromise
    ids = [str(pid) for pid in rankings.index]
    columns = producer_columns(ids, _prepared(ranking), lang)
    keys = len(columns)
    votes = result.top_votes.reindex(rankings.index, fill_value=0)
    columns += [
        Column(w.word(w.COLUMN_GROUP_RANK, lang), cells(compromise["group"]), Format.INTEGER),
        Column(w.word(w.COLUMN_BORDA, lang), cells(compromise["borda"]), Format.INTEGER),
        Column(w.word(w.COLUMN_COPELAND, lang), cells(compromise["copeland"]), Format.INTEGER),
        Column(
            w.word(w.COLUMN_RANK_SPREAD, lang),
            cells(rankings.max(axis=1) - rankings.min(axis=1)),
            Format.INTEGER,
        ),
        Column(w.word(w.COLUMN_TOP_VOTES, lang, k=result.k), cells(votes), Format.INTEGER),
    ]
    columns += [
        Column(str(member), cells(rankings[member]), Format.INTEGER) for member in rankings.columns
    ]
    main = Sheet(w.word(w.SHEET_CONSENSUS, lang), with_unique_headers(columns), keys=keys)

    spread = result.weight_spread
    batteries = {b.key for b in result.group.batteries}
    factor_keys = [str(key) for key in spread.index]
    members = [c for c in spread.columns if c not in ("group", "spread")]
    shares = [
        Column(
            w.word(w.COLUMN_LEVEL, lang),
            [
                render(level_name("battery" if key in batteries else "criterion"), lang)
                for key in factor_keys
            ],
        ),
        Column(w.word(w.COLUMN_KEY, lang), factor_keys),
        Column(w.word(w.COLUMN_LABEL, lang), [result.labels.get(k, k) for k in factor_keys]),
    ]
    shares += [Column(str(m), cells(spread[m]), Format.PERCENT) for m in members]
    shares += [
        Column(w.word(w.COLUMN_GROUP, lang), cells(spread["group"]), Format.PERCENT),
        Column(w.word(w.COLUMN_SPREAD, lang), cells(spread["spread"]), Format.PERCENT),
    ]
    weights = Sheet(w.word(w.SHEET_MEMBER_WEIGHTS, lang), with_unique_headers(shares), keys=3)

    gaps = result.outlier_gaps
    names = [str(m) for m in gaps["member"]]
    outliers = Sheet(
        w.word(w.SHEET_OUTLIERS, lang),
        (
            Column(w.word(w.COLUMN_MEMBER, lang), names),
            Column(w.word(w.COLUMN_LABEL, lang), [str(x) for x in gaps["label"]]),
            Column(w.word(w.COLUMN_OWN, lang), cells(gaps["own"]), Format.PERCENT),
            Column(w.word(w.COLUMN_TYPICAL, lang), cells(gaps["typical"]), Format.PERCENT),
            Column(w.word(w.COLUMN_GAP, lang), cells(gaps["gap"]), Format.PERCENT),
            Column(
                w.word(w.COLUMN_IN_WORDS, lang),
                [render(result.outlier_messages[name], lang) for name in names],
            ),
        ),
        keys=1,
    )
    group = result.group
    about = grid_about(
        group,
        lang,
        method=None if ranking is None else ranking.method,
        normalization=None if ranking is None else ranking.normalization,
    )
    about.insert(1, (w.word(w.ABOUT_WEIGHTS, lang), w.word(w.WEIGHTS_GROUP, lang, how=result.how)))
    about.append(written_by(lang))
    return Pages(
        sheets=(main, weights, outliers),
        grid=grid_sheet(group, lang, about=about),
        summary=tuple(result.summary(lang=lang).splitlines()),
    )


def tier_acceptability_pages(
    result: TierAcceptability, lang: str, ranking: Ranking | None
) -> Pages:
    """One row per producer: its tier now, the share of weightings in each tier, and in its own.

    Producers are in the ranking's order.
    """
    ids = [str(pid) for pid in result.table.index]
    columns = producer_columns(ids, _prepared(ranking), lang)
    keys = len(columns)
    columns += _grid_ranks(ranking, ids, lang)
    columns += [
        Column(w.word(w.COLUMN_TIER_NOW, lang), tier_cells(result.now, lang)),
        Column(w.word(w.COLUMN_KEEPS_TIER, lang), cells(result.keeps()), Format.PERCENT),
    ]
    names = tier_cells(result.table.columns, lang)
    columns += [
        Column(name, cells(result.table.iloc[:, j]), Format.PERCENT)
        for j, name in enumerate(names)
    ]
    return Pages(
        sheets=(
            Sheet(
                w.word(w.SHEET_TIER_ACCEPTABILITY, lang), with_unique_headers(columns), keys=keys
            ),
        ),
        grid=_grid_pages(ranking, lang),
        summary=tuple(result.summary(lang=lang).splitlines()),
    )


def tier_intervals_pages(result: TierIntervals, lang: str, ranking: Ranking | None) -> Pages:
    """One row per producer and weight: its tier, and the range of the weight that keeps it."""
    table = result.table
    ids = [str(pid) for pid in table.index.get_level_values("producer")]
    factors = [str(key) for key in table.index.get_level_values("factor")]
    columns = producer_columns(ids, _prepared(ranking), lang)
    keys = len(columns)
    columns += [
        Column(w.word(w.COLUMN_TIER, lang), tier_cells(table["tier"], lang)),
        Column(w.word(w.COLUMN_FACTOR, lang), [result.labels.get(k, k) for k in factors]),
        Column(w.word(w.COLUMN_WEIGHT, lang), cells(table["weight"]), Format.PERCENT),
        Column(w.word(w.COLUMN_LOW, lang), cells(table["low"]), Format.PERCENT),
        Column(w.word(w.COLUMN_HIGH, lang), cells(table["high"]), Format.PERCENT),
    ]
    return Pages(
        sheets=(
            Sheet(w.word(w.SHEET_TIER_INTERVALS, lang), with_unique_headers(columns), keys=keys),
        ),
        grid=_grid_pages(ranking, lang),
        summary=tuple(result.summary(lang=lang).splitlines()),
    )
