"""Where a committee agrees and where it does not: rankings, agreement, contested producers.

:func:`consensus` ranks the eligible producers under each member's weights (one
batch of weight vectors through the grid's scoring engine) and measures:

- **agreement** between the members' rankings: Kendall's W (tie-corrected,
  :func:`selection.committee.agreement.kendall_w`) and the mean pairwise
  weighted Spearman r_w (Pinto da Costa & Soares 2005, pymcdm's
  ``weighted_spearman``: disagreements near the top count more). Both are
  computed on mid-ranks, so producers tied under one member's weights count as
  tied;
- **where the weights differ**: each battery's and criterion's share per
  member, the group's, and the spread (largest − smallest member share);
- **contested producers**: those that at least one member (or the group) puts
  in the top k, by how far apart their ranks are (worst − best);
- **compromise rankings** over the members' rankings: Borda and Copeland, next
  to the ranking under the aggregated weights;
- **who stands out**, in plain words (see :func:`consensus`).

Examples
--------
>>> import selection
>>> from selection.committee import Member
>>> grid = selection.load_grid(selection.example_grid_path())
>>> members = [
...     Member("Amina", {"quality": 30, "locality": 20, "accessibility": 50}),
...     Member("Marc", {"quality": 30, "locality": 55, "accessibility": 15}),
...     Member("Léa", {"quality": 50, "locality": 20, "accessibility": 30}),
... ]
>>> result = consensus(selection.example_producers_path(), grid, members, k=10)
>>> 0 < result.kendall_w <= 1
True
>>> print(result.outliers["Marc"])
Your weights put Localité far above the group's: 55 % against 20 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from os import PathLike
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ..grid_file import load_grid
from ..model import Grid
from ..sensitivity.acceptability import competition_ranks, whole_number
from ..sensitivity.context import prepare
from ..table import Producers
from ..vocabulary import Method, Normalization
from .aggregation import Aggregation, aggregate, checked_members, member_shares
from .agreement import borda, copeland, kendall_w, mid_ranks
from .member import Member
from .weights_file import load_members

__all__ = ["OUTLIER_GAP", "Consensus", "consensus"]

#: A member stands out when a share of theirs is this far from the members' median share.
OUTLIER_GAP = 0.15

Language = Literal["en", "fr"]

_SENTENCES = {
    "en": (
        "Your weights put {label} far above the group's: {own} against {typical}.",
        "Your weights put {label} far below the group's: {own} against {typical}.",
    ),
    "fr": (
        "Vos poids placent {label} bien au-dessus de ceux du groupe : {own} contre {typical}.",
        "Vos poids placent {label} bien en dessous de ceux du groupe : {own} contre {typical}.",
    ),
}


@dataclass(frozen=True, eq=False)
class Consensus:
    """How far a committee's members agree, and on what.

    Attributes
    ----------
    rankings : DataFrame
        Eligible producers (index: producer id, in the group's order) × member
        names: each member's rank (1 = best; ties share the best rank).
    kendall_w : float
        Kendall's W over the members' rankings, tie-corrected (1 = identical).
    mean_weighted_spearman : float
        Mean of the weighted Spearman r_w over all pairs of members.
    weighted_spearman : DataFrame
        Members × members r_w.
    weight_spread : DataFrame
        Index: battery keys, then criterion keys. Columns: each member's
        share (battery share; criterion effective weight), ``group`` (the
        aggregated weights') and ``spread`` (largest − smallest member share).
        Sorted by spread, largest first.
    contested : Series
        Producer id → rank spread (worst − best member rank) of the producers
        that a member or the group puts in the top k; largest first.
    top_votes : Series
        Producer id → how many members put it in their top k; most first.
    compromise : DataFrame
        Producers × ``borda``, ``copeland`` (compromise ranks over the
        members' rankings) and ``group`` (rank under the aggregated weights);
        1 = best, ties share the best rank.
    outliers : dict
        Member name → one plain sentence ("Your weights put Localité far above
        the group's: 55 % against 30 %."); empty when nobody stands out. See
        :func:`consensus` for the rule.
    outlier_gaps : DataFrame
        The numbers behind `outliers`: member, key, label, ``own`` share,
        ``typical`` share (the members' median), ``gap`` (own − typical).
    labels : dict
        Battery and criterion key → label from the grid.
    group : Grid
        The grid with the aggregated weights.
    how : str
        How the weights were aggregated.
    k : int
    """

    rankings: pd.DataFrame
    kendall_w: float
    mean_weighted_spearman: float
    weighted_spearman: pd.DataFrame
    weight_spread: pd.DataFrame
    contested: pd.Series
    top_votes: pd.Series
    compromise: pd.DataFrame
    outliers: dict[str, str]
    outlier_gaps: pd.DataFrame
    labels: dict[str, str]
    group: Grid
    how: str
    k: int


def _members(
    members: Sequence[Member] | str | PathLike[str] | Sequence[str | PathLike[str]], grid: Grid
) -> list[Member]:
    """Members given as Member objects or as weights file paths, checked (two or more)."""
    items: list[Any] = [members] if isinstance(members, str | PathLike) else list(members)
    if items and all(isinstance(m, str | PathLike) for m in items):
        items = load_members(items, grid)
    return checked_members(items, grid, least=2)


def _competition(scores: np.ndarray) -> np.ndarray:
    """Competition ranks of one row of scores, higher is better."""
    return np.asarray(competition_ranks(scores[None, :].astype(float))[0])


def _percent(share: float) -> str:
    """A share as people write it in French and English reports: 55 %."""
    return f"{100 * share:.0f} %"


def _outliers(
    shares: pd.DataFrame, labels: dict[str, str], gap: float, lang: Language
) -> tuple[dict[str, str], pd.DataFrame]:
    rows: list[dict[str, str | float]] = []
    keys = [str(key) for key in shares.index]
    if shares.shape[1] >= 3:
        values = shares.to_numpy(dtype=float)
        typical = np.median(values, axis=1)
        for m, name in enumerate(shares.columns):
            difference = values[:, m] - typical
            largest = np.abs(difference) >= np.abs(difference).max() - 1e-9
            # Ties (two batteries always tie): name what the member puts forward, first.
            forward = largest & (difference > 0)
            j = int(np.flatnonzero(forward if forward.any() else largest)[0])
            if abs(difference[j]) >= gap - 1e-12:
                rows.append(
                    {
                        "member": str(name),
                        "key": keys[j],
                        "label": labels[keys[j]],
                        "own": float(values[j, m]),
                        "typical": float(typical[j]),
                        "gap": float(difference[j]),
                    }
                )
    table = pd.DataFrame(rows, columns=["member", "key", "label", "own", "typical", "gap"])
    above, below = _SENTENCES[lang]
    sentences = {
        str(row["member"]): (above if float(row["gap"]) > 0 else below).format(
            label=row["label"],
            own=_percent(float(row["own"])),
            typical=_percent(float(row["typical"])),
        )
        for row in rows
    }
    return sentences, table


def consensus(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    members: Sequence[Member] | str | PathLike[str] | Sequence[str | PathLike[str]],
    k: int = 10,
    *,
    how: Aggregation = "geometric",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    outlier_gap: float = OUTLIER_GAP,
    lang: Language = "en",
) -> Consensus:
    """Rank the producers under each member's weights, and measure how far they agree.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`.
    members : list of Member, or weights file path(s)
        At least two members, each covering the grid.
    k : int
        The size of the selection that matters (top k).
    how : {"geometric", "mean", "median"}
        How the group's weights are aggregated (:func:`aggregate`).
    method, normalization
        Default: the grid's.
    outlier_gap : float
        How far (in shares, 0.15 = 15 points of percentage) one of a member's
        battery or criterion shares must be from the group's typical share
        (the members' median) to stand out.
    lang : {"en", "fr"}
        Language of the `outliers` sentences.

    Returns
    -------
    Consensus

    Notes
    -----
    *Who stands out.* With three members or more, each member's shares
    (batteries and effective criterion weights) are compared with the group's
    *typical* share: the median of the members' shares for that battery or
    criterion (the middle member's view, which one extreme member cannot move,
    unlike a mean or a geometric mean, which one member's very small weight
    drags down). A member stands out when their largest difference is at least
    `outlier_gap` (15 points of percentage by default); the sentence names
    that battery or criterion (when differences tie, as they always do with
    two batteries, the one the member puts above the group, first in grid
    order) and gives both shares. A fixed gap is used rather than a
    statistical test because committees are small (three organisations in
    Lyon) and a gap is easy to explain. With two members nobody stands out:
    each is as far from the other.

    Raises
    ------
    SelectionError
        Fewer than two members or eligible producers, k out of range, an
        unknown `how` or `lang`; WeightsError for members that don't fit.
    """
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    if lang not in _SENTENCES:
        raise SelectionError(
            "unknown language", where="lang", expected="'en' or 'fr'", found=repr(lang)
        )
    group_list = _members(members, the_grid)
    names = [m.name for m in group_list]
    group_grid = aggregate(group_list, the_grid, how)
    context = prepare(producers, the_grid, method, normalization, level="criterion")
    weights = np.vstack(
        [m.grid(the_grid).weight_vector for m in group_list] + [group_grid.weight_vector]
    )
    ranks = competition_ranks(context.criterion_scores(weights))
    n = context.n
    k = whole_number(k, "k", 1, n)
    member_ranks, group_ranks = ranks[:-1], ranks[-1]

    order = np.lexsort((np.arange(n), group_ranks))
    ids = context.ids[order]
    rankings = pd.DataFrame(member_ranks[:, order].T, index=ids, columns=names)

    mids = mid_ranks(member_ranks)
    from pymcdm.correlations import weighted_spearman  # imported here: pymcdm pulls matplotlib

    pairwise = np.eye(len(names))
    for a, b in combinations(range(len(names)), 2):
        pairwise[a, b] = pairwise[b, a] = weighted_spearman(mids[a], mids[b])
    upper = pairwise[np.triu_indices(len(names), 1)]

    shares = member_shares(group_list, the_grid)
    labels = {b.key: b.label for b in the_grid.batteries} | {
        c.key: c.label for c in the_grid.criteria
    }
    spread = shares.copy()
    spread["group"] = np.concatenate(
        [group_grid.battery_weights.to_numpy(), group_grid.weight_vector]
    )
    spread["spread"] = shares.max(axis=1) - shares.min(axis=1)
    spread = spread.sort_values("spread", ascending=False, kind="stable")

    in_top = (ranks <= k)[:, order]
    chosen = np.asarray(in_top.any(axis=0), dtype=bool)
    rank_spread = (member_ranks.max(axis=0) - member_ranks.min(axis=0))[order]
    contested = pd.Series(rank_spread[chosen], index=ids[chosen], name="rank_spread").sort_values(
        ascending=False, kind="stable"
    )
    top_votes = pd.Series(in_top[:-1].sum(axis=0), index=ids, name="top_votes")
    top_votes = top_votes[top_votes > 0].sort_values(ascending=False, kind="stable")

    compromise = pd.DataFrame(
        {
            "borda": _competition(borda(member_ranks))[order],
            "copeland": _competition(copeland(member_ranks))[order],
            "group": group_ranks[order],
        },
        index=ids,
    )
    outliers, gaps = _outliers(shares, labels, outlier_gap, lang)
    return Consensus(
        rankings=rankings,
        kendall_w=kendall_w(member_ranks),
        mean_weighted_spearman=float(upper.mean()),
        weighted_spearman=pd.DataFrame(pairwise, index=names, columns=names),
        weight_spread=spread,
        contested=contested,
        top_votes=top_votes,
        compromise=compromise,
        outliers=outliers,
        outlier_gaps=gaps,
        labels=labels,
        group=group_grid,
        how=how,
        k=k,
    )
