"""What the report shows, computed once: the ranking, robustness, stability, consensus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Literal, cast

from ..committee import Consensus, Member
from ..grid import Battery, Criterion, Grid
from ..ranking import Ranking, rank
from ..scoring import SELECTED, Decisions, ProblemSource, prepare
from ..sensitivity import (
    Robustness,
    StabilityIntervals,
    TierAcceptability,
    TierIntervals,
    robustness,
    tier_acceptability,
    tier_intervals,
    weight_intervals,
)
from . import members
from .text import Text

__all__ = ["Facts", "gather"]

Level = Literal["battery", "criterion"]


@dataclass(frozen=True, eq=False)
class Facts:
    """Everything the document shows, computed once.

    `decisions` are the grid's ``select:`` rule applied to the ranking (None when
    the grid has no rule: the report then shows the top `k`); `k` is the number
    of producers the rule selects, or the top asked for.
    """

    text: Text
    ranking: Ranking
    k: int
    decisions: Decisions | None
    samples: int
    level: Level | None
    robust: Robustness | None
    robust_why: str | None
    intervals: StabilityIntervals | None
    intervals_why: str | None
    committee: Consensus | None
    members: list[Member]
    tier_shares: TierAcceptability | None
    tier_ranges: TierIntervals | None
    date: dt.datetime | dt.date
    grid_file: str | None
    producers_file: str | None

    def selected(self, producer: object) -> bool:
        """Whether the grid's rule selects `producer` (or it is in the top k, without a rule)."""
        if self.decisions is not None:
            return bool(self.decisions.table.loc[str(producer), "decision"] == SELECTED)
        row = self.ranking.table.loc[str(producer)]
        return bool(row["eligible"]) and int(cast(int, row["rank"])) <= self.k

    @property
    def tiered(self) -> bool:
        """Whether the grid approves producers in tiers (score bands) rather than a top k."""
        return (
            self.decisions is not None
            and self.grid.select is not None
            and (self.grid.select.tiered)
        )

    @property
    def grid(self) -> Grid:
        """The grid the producers were ranked with."""
        return self.ranking.grid

    @property
    def eligible(self) -> int:
        """How many producers are eligible."""
        return int(self.ranking.table["eligible"].sum())

    def who(self, producer: object) -> str:
        """``P004 · EARL Thévenet`` when the table names its producers, else the id."""
        return self.ranking.prepared.who(producer)

    def label(self, key: str) -> str:
        """The grid's label of a battery or criterion key."""
        items: list[Battery | Criterion] = [*self.grid.batteries, *self.grid.criteria]
        for item in items:
            if item.key == key:
                return item.label
        return key


def _file_name(source: object) -> str | None:
    return Path(source).name if isinstance(source, str | PathLike) else None


def _level(grid: Grid) -> Level | None:
    if len(grid.batteries) >= 2:
        return "battery"
    if len(grid.criteria) >= 2:
        return "criterion"
    return None


def gather(
    producers: ProblemSource,
    grid: Grid | str | Any,
    member_list: Sequence[Any] | None,
    text: Text,
    k: int,
    samples: int,
    seed: int,
    date: dt.datetime | dt.date | None,
    anonymous: bool = False,
    *,
    judgments: Any = None,
) -> Facts:
    """Prepare once, rank, and run the sensitivity analyses and the consensus the report needs."""
    prepared = prepare(producers, grid, judgments=judgments)
    the_grid = prepared.grid
    ranking = rank(prepared, lang=text.lang)
    n = prepared.n
    decisions = None
    if the_grid.select is not None and n:
        decisions = ranking.decisions(lang=text.lang)
        k = max(int((decisions.table["decision"] == SELECTED).sum()), 1)
    k = min(k, n) if n else k
    level = _level(the_grid)
    robust = intervals = None
    robust_why = intervals_why = None
    tiered = the_grid.select is not None and the_grid.select.tiered and n > 0
    shares = ranges = None
    if tiered and n >= 2 and level is not None:
        # Plausible weightings, as for the robustness of a top k: around the grid's own.
        shares = tier_acceptability(prepared, samples=samples, around=30.0, level=level, seed=seed)
        ranges = tier_intervals(prepared, level=level)
    if tiered:
        robust_why = intervals_why = text("why_tiers")
    elif n < 2:
        robust_why = intervals_why = text("why_few_producers")
    elif level is None:
        robust_why = intervals_why = text("why_single_weight")
    else:
        robust = robustness(prepared, k=k, samples=samples, level=level, seed=seed, lang=text.lang)
    if intervals_why is None:
        if len(the_grid.batteries) < 2:
            intervals_why = text("why_single_weight")
        elif not prepared.engine.capabilities.exact_intervals:
            intervals_why = text("why_method", method=text.method(ranking.method))
        elif k >= n and not tiered:
            intervals_why = text("why_all_selected", n=n, k=k)
        else:
            intervals = weight_intervals(prepared, scope="top", k=k, level="battery")
    loaded: list[Member] = []
    result = None
    if member_list is not None:
        loaded = members.load(member_list, the_grid, anonymous=anonymous, lang=text.lang)
        result = members.consensus(prepared, loaded, k, text.lang)
    return Facts(
        text=text,
        ranking=ranking,
        k=k,
        decisions=decisions,
        samples=samples,
        level=level,
        robust=robust,
        robust_why=robust_why,
        intervals=intervals,
        intervals_why=intervals_why,
        committee=result,
        members=list(loaded),
        tier_shares=shares,
        tier_ranges=ranges,
        date=date if date is not None else dt.datetime.now().replace(second=0, microsecond=0),
        grid_file=_file_name(grid) or _file_name(the_grid.source),
        producers_file=_file_name(producers) or _file_name(prepared.source),
    )
