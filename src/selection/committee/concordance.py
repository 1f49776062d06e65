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
>>> result = consensus(selection.example_producers_path(), grid, members=members, k=10,
...                    lang="en")
>>> 0 < result.kendall_w <= 1
True
>>> print(result.outliers["Marc"])
Your weights put Localité far above the group's: 55% against 20%.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..engines import Method, Normalization, competition_ranks
from ..errors import ArgumentError
from ..grid import Grid
from ..messages import Message, labelled, msg, render
from ..scoring import ProblemSource, prepare
from ..validators import finite_number, language, whole_number
from .aggregation import Aggregation, aggregate, checked_members, member_shares
from .agreement import borda, copeland, kendall_w, mid_ranks
from .member import Member
from .weights_file import load_members

__all__ = ["OUTLIER_GAP", "Consensus", "consensus"]

#: A member stands out when a share of theirs is this far from the members' median share.
OUTLIER_GAP = 0.15


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
        the group's: 55 % against 30 %."), in the language of the call; empty
        when nobody stands out. See :func:`consensus` for the rule.
    outlier_messages : dict
        The same sentences as messages, to render in any language.
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
    outlier_messages: dict[str, Message]
    outlier_gaps: pd.DataFrame
    labels: dict[str, str]
    group: Grid
    how: str
    k: int

    def summary(self, lang: str | None = None) -> str:
        """Agreement in numbers, then who stands out."""
        chosen = language(lang)
        lines = [
            render(
                msg(
                    "consensus.summary",
                    "{members} members: Kendall's W {w:.2f}, mean weighted Spearman {r:.2f} "
                    "(1 = identical rankings).",
                    members=len(self.rankings.columns),
                    w=self.kendall_w,
                    r=self.mean_weighted_spearman,
                ),
                chosen,
            )
        ]
        lines += [render(labelled(name, m), chosen) for name, m in self.outlier_messages.items()]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """Each member's rank of each producer, with the compromises (a tidy table)."""
        return pd.concat([self.compromise, self.rankings], axis=1)

    def __repr__(self) -> str:
        return (
            f"<Consensus of {len(self.rankings.columns)} members on {len(self.rankings)} "
            f"producers: Kendall's W {self.kendall_w:.2f}>"
        )


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
    return np.asarray(competition_ranks(scores.astype(float)))


def _outliers(
    shares: pd.DataFrame, labels: dict[str, str], gap: float
) -> tuple[dict[str, Message], pd.DataFrame]:
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
    sentences = {
        str(row["member"]): (
            msg(
                "outlier.above",
                "Your weights put {label} far above the group's: {own:.0%} against {typical:.0%}.",
                label=row["label"],
                own=float(row["own"]),
                typical=float(row["typical"]),
            )
            if float(row["gap"]) > 0
            else msg(
                "outlier.below",
                "Your weights put {label} far below the group's: {own:.0%} against {typical:.0%}.",
                label=row["label"],
                own=float(row["own"]),
                typical=float(row["typical"]),
            )
        )
        for row in rows
    }
    return sentences, table


def consensus(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    members: Sequence[Member] | str | PathLike[str] | Sequence[str | PathLike[str]],
    k: int = 10,
    how: Aggregation = "geometric",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    outlier_gap: float = OUTLIER_GAP,
    lang: str | None = None,
) -> Consensus:
    """Rank the producers under each member's weights, and measure how far they agree.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    members : list of Member, or weights file path(s)
        At least two members, each covering the grid.
    k : int
        The size of the selection that matters (top k); capped at the number of
        eligible producers.
    how : {"geometric", "mean", "median"}
        How the group's weights are aggregated (:func:`aggregate`).
    method, normalization
        Default: the grid's.
    outlier_gap : float
        How far (in shares, 0.15 = 15 points of percentage) one of a member's
        battery or criterion shares must be from the group's typical share
        (the members' median) to stand out.
    lang : str, optional
        Language of the `outliers` sentences; default: the language rule.

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
    chosen_lang = language(lang)
    prepared = prepare(producers, grid, method=method, normalization=normalization)
    the_grid = prepared.grid
    gap = finite_number(outlier_gap, "outlier_gap", low=0.0, high=1.0)
    group_list = _members(members, the_grid)
    names = [m.name for m in group_list]
    group_grid = aggregate(group_list, the_grid, how)
    if prepared.n < 2:
        raise ArgumentError(
            msg("consensus.too_few", "consensus needs at least two eligible producers"),
            where=msg("where.grid", "grid {name!r}", name=the_grid.name),
            expected=msg("consensus.too_few_expected", "2 or more eligible producers"),
            found=str(prepared.n),
        )
    weights = np.vstack(
        [m.grid(the_grid).weight_vector for m in group_list] + [group_grid.weight_vector]
    )
    ranks = competition_ranks(
        prepared.engine.scores(prepared.problem, weights),
        higher_is_better=prepared.engine.higher_is_better,
    )
    n = prepared.n
    k = min(whole_number(k, "k", low=1), n)
    member_ranks, group_ranks = ranks[:-1], ranks[-1]

    order = np.lexsort((np.arange(n), group_ranks))
    ids = prepared.ids[order]
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
    outlier_messages, gaps = _outliers(shares, labels, gap)
    return Consensus(
        rankings=rankings,
        kendall_w=kendall_w(member_ranks),
        mean_weighted_spearman=float(upper.mean()),
        weighted_spearman=pd.DataFrame(pairwise, index=names, columns=names),
        weight_spread=spread,
        contested=contested,
        top_votes=top_votes,
        compromise=compromise,
        outliers={name: render(m, chosen_lang) for name, m in outlier_messages.items()},
        outlier_messages=outlier_messages,
        outlier_gaps=gaps,
        labels=labels,
        group=group_grid,
        how=how,
        k=k,
    )
