"""Two sets of weights on the same producers: who moves, and why.

:func:`weight_diff` ranks the producers under weights *before* and *after*
(two members, a member and the group, two versions of one file...) and, for
every producer whose rank changes, names the battery that moved it most.

"Why" is read from the per-battery contributions of additive methods (wsm,
topsis): producer p's change of contribution on battery b, minus the average
eligible producer's change on b, is how much b moved p *relative to the
others*. The battery with the largest such effect in the direction of the move
is named, with its weight before and after and whether p does better or worse
than most producers on it. Other methods get the rank changes without a reason.

Examples
--------
>>> import selection
>>> from selection.committee import Member
>>> grid = selection.load_grid(selection.example_grid_path())
>>> before = Member("grid", {"quality": 35, "locality": 30, "accessibility": 35})
>>> after = Member("Marc", {"quality": 20, "locality": 50, "accessibility": 30})
>>> diff = weight_diff(selection.example_producers_path(), grid, before, after)
>>> diff.weights.loc["locality", ["before", "after"]].round(2).tolist()
[0.3, 0.5]
>>> [int(x) for x in diff.moves.iloc[0][["before", "after", "change"]]]
[45, 34, 11]
>>> print(diff.moves["reason"].iloc[0])
mostly Qualité (35 % → 20 %), where P019 does worse than most
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd

from ..errors import WeightsError
from ..grid_file import load_grid
from ..model import Grid
from ..ranking import Ranking, rank
from ..sensitivity.acceptability import whole_number
from ..table import Producers, read_table
from ..vocabulary import Method, Normalization
from .member import Member

__all__ = ["WeightDiff", "weight_diff"]


@dataclass(frozen=True, eq=False)
class WeightDiff:
    """Rankings under two sets of weights, side by side.

    Attributes
    ----------
    weights : DataFrame
        Index: battery keys then criterion keys; ``before``, ``after`` (shares:
        battery shares, effective criterion weights) and ``change``.
    moves : DataFrame
        Producers whose rank changes, largest move first: ``before``,
        ``after`` (ranks), ``change`` (before − after: positive = moves up),
        ``in_top`` (in the top k under either weights) and ``reason`` (in words;
        empty for non-additive methods).
    before, after : Ranking
    labels : dict
        Battery and criterion key → label.
    k : int
    """

    weights: pd.DataFrame
    moves: pd.DataFrame
    before: Ranking
    after: Ranking
    labels: dict[str, str]
    k: int


def _as_grid(weights: Member | Grid, grid: Grid, name: str) -> Grid:
    if isinstance(weights, Member):
        return weights.grid(grid)
    if isinstance(weights, Grid) and _structure(weights) == _structure(grid):
        return weights
    raise WeightsError(
        f"`{name}` does not fit the grid",
        where=name,
        expected="a Member, or a Grid with the same batteries and criteria",
        found=type(weights).__name__,
    )


def _structure(grid: Grid) -> list[tuple[str, list[str]]]:
    return [(b.key, [c.key for c in b.criteria]) for b in grid.batteries]


def _shares(grid: Grid) -> np.ndarray:
    return np.concatenate([grid.battery_weights.to_numpy(), grid.weight_vector])


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def _reasons(before: Ranking, after: Ranking, ids: pd.Index, change: np.ndarray) -> list[str]:
    grid_a, grid_b = before.grid, after.grid
    keys = [b.key for b in grid_a.batteries]
    if not set(keys) <= set(before.table.columns) or not set(keys) <= set(after.table.columns):
        return [""] * len(ids)
    eligible = before.ranked.index
    c_a = before.table.loc[eligible, keys].to_numpy(dtype=float)
    c_b = after.table.loc[eligible, keys].to_numpy(dtype=float)
    effect = (c_b - c_a) - (c_b - c_a).mean(axis=0)
    w_a, w_b = grid_a.battery_weights.to_numpy(), grid_b.battery_weights.to_numpy()
    scale = np.where(w_a > 0, w_a, w_b)
    performance = np.where(w_a > 0, c_a, c_b) / np.where(scale > 0, scale, 1.0)
    above_average = performance > performance.mean(axis=0)
    labels = [b.label for b in grid_a.batteries]
    out = []
    for producer, moved in zip(ids, change, strict=True):
        row = eligible.get_loc(producer)
        signed = effect[row] * np.sign(moved)
        b = int(np.argmax(signed))
        if signed[b] <= 0:
            out.append("other producers moved around it")
            continue
        better = "better" if above_average[row, b] else "worse"
        out.append(
            f"mostly {labels[b]} ({_percent(w_a[b])} → {_percent(w_b[b])}), "
            f"where {producer} does {better} than most"
        )
    return out


def weight_diff(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    before: Member | Grid,
    after: Member | Grid,
    k: int = 10,
    *,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
) -> WeightDiff:
    """Rank under two sets of weights and say who moves, and why.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`.
    before, after : Member or Grid
        The two sets of weights (a Grid must have the grid's batteries and criteria).
    k : int
        The top k that matters: ``moves.in_top`` marks producers in it under
        either weights.
    method, normalization
        Default: the grid's.

    Returns
    -------
    WeightDiff
    """
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    grid_a, grid_b = _as_grid(before, the_grid, "before"), _as_grid(after, the_grid, "after")
    table = read_table(producers)
    ranking_a = rank(table, grid_a, method=method, normalization=normalization)
    ranking_b = rank(table, grid_b, method=method, normalization=normalization)
    k = whole_number(k, "k", 1, max(len(ranking_a.ranked), 1))
    index = [b.key for b in the_grid.batteries] + the_grid.keys
    shares_a, shares_b = _shares(grid_a), _shares(grid_b)
    weights = pd.DataFrame(
        {"before": shares_a, "after": shares_b, "change": shares_b - shares_a},
        index=pd.Index(index, name="key"),
    )
    ids = ranking_a.ranked.index
    rank_a = ranking_a.table.loc[ids, "rank"].to_numpy(dtype=int)
    rank_b = ranking_b.table.loc[ids, "rank"].to_numpy(dtype=int)
    change = rank_a - rank_b
    moved = change != 0
    moves = pd.DataFrame(
        {
            "before": rank_a[moved],
            "after": rank_b[moved],
            "change": change[moved],
            "in_top": np.minimum(rank_a, rank_b)[moved] <= k,
        },
        index=ids[moved],
    )
    moves["reason"] = _reasons(ranking_a, ranking_b, moves.index, change[moved])
    order = np.lexsort((moves["before"].to_numpy(), -np.abs(moves["change"].to_numpy())))
    labels = {b.key: b.label for b in the_grid.batteries} | {
        c.key: c.label for c in the_grid.criteria
    }
    return WeightDiff(
        weights=weights,
        moves=moves.iloc[order],
        before=ranking_a,
        after=ranking_b,
        labels=labels,
        k=k,
    )
