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
- **who stands out**, in plain words, against the group's weights, and the
  distribution of the members' weights (:mod:`selection.committee.standing`).

Examples
--------
>>> import selection
>>> from selection.committee import Member
>>> grid = selection.load_grid(selection.example_grid_path())
>>> members = [
...     Member("Amina", {"quality": 30, "locality": 20, "accessibility": 50}),
...     Member("Marc", {"quality": 30, "locality": 70, "accessibility": 15}),
...     Member("Léa", {"quality": 50, "locality": 20, "accessibility": 30}),
... ]
>>> result = consensus(selection.example_producers_path(), grid, members=members, k=10,
...                    lang="en")
>>> 0 < result.kendall_w <= 1
True
>>> print(result.outliers["Marc"])  # Amina and Léa agree on Localité, 20 %
Your weights put Localité far above the group's: 61% against the group's 32%.
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
from .privacy import anonymised, wants_anonymity
from .standing import OUTLIER_GAP, OUTLIER_SPREAD, Positions, group_shares, locate
from .weights_file import load_members

__all__ = ["OUTLIER_GAP", "OUTLIER_SPREAD", "Consensus", "consensus"]


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
        the group's: 55 % against the group's 30 %."), in the language of the
        call; empty when nobody stands out. See :func:`consensus` for the rule.
    outlier_messages : dict
        The same sentences as messages, to render in any language.
    outlier_gaps : DataFrame
        The numbers behind `outliers`: member, key, label, ``own`` share,
        ``typical`` (the group's share, the reference the sentence shows),
        ``gap`` (own − group), ``distance`` and ``threshold``.
    positions : Positions
        The members' weights against the group's: the distribution per
        battery and criterion (lowest, quartiles, highest), where the group
        lies outside the members' range and why, who stands out.
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
    positions: Positions
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
        lines += [render(m, chosen) for m in self.positions.outside.values()]
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
    outlier_spread: float = OUTLIER_SPREAD,
    lang: str | None = None,
    anonymous: bool = False,
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
        The smallest difference (in shares, 0.10 = 10 points of percentage)
        between one of a member's battery or criterion shares and the group's
        that can make the member stand out.
    outlier_spread : float
        How many times the others' spread a member's distance from the group
        must reach to stand out.
    lang : str, optional
        Language of the `outliers` sentences; default: the language rule.
    anonymous : bool
        Name the members ``membre 1``, ``membre 2`` … (in the language of the
        call, in the order given) everywhere in the result. Also done when a
        member asks for it (``anonymous: true`` in their weights file): a
        committee's wish for privacy holds in Python as in its pages.

    Returns
    -------
    Consensus

    Notes
    -----
    *Who stands out* (:mod:`selection.committee.standing`). A member's
    distance from the group is the largest difference between one of their
    shares (batteries and effective criterion weights) and the group's, the
    aggregated weights the report and the meeting page show. A member stands
    out when that distance is at least `outlier_spread` times the others'
    spread (the median distance of the other members from their own median
    shares) and at least `outlier_gap`. So the rule can flag nobody (members
    all about as far from the group as each other), some, or everybody (a
    group's weight far from every member's, as a geometric veto can make
    it); the sentence names the battery or criterion of the largest
    difference and gives the member's share and the group's. With two members
    nobody stands out: each is as far from the other.

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
    factor = finite_number(outlier_spread, "outlier_spread", low=0.0)
    group_list = _members(members, the_grid)
    if wants_anonymity(group_list, anonymous=anonymous):
        group_list = anonymised(group_list, chosen_lang)
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
    spread["group"] = group_shares(group_grid)
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
    where = locate(
        shares,
        group_shares(group_grid),
        labels,
        how,
        gap=gap,
        spread=factor,
        lang=chosen_lang,
    )
    return Consensus(
        rankings=rankings,
        kendall_w=kendall_w(member_ranks),
        mean_weighted_spearman=float(upper.mean()),
        weighted_spearman=pd.DataFrame(pairwise, index=names, columns=names),
        weight_spread=spread,
        contested=contested,
        top_votes=top_votes,
        compromise=compromise,
        outliers=where.outliers,
        outlier_messages=where.outlier_messages,
        outlier_gaps=where.outlier_gaps,
        positions=where,
        labels=labels,
        group=group_grid,
        how=how,
        k=k,
    )
