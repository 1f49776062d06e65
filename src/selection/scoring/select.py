"""From ranks to decisions: a grid's selection rule (``select:``) applied to a ranking.

The rule is applied after the eligibility gates: minimum quotas first (the best
producers of each category that needs them), then the rest in rank order while
places remain, skipping producers whose category has reached its maximum or
whose score is below ``min_score``. :func:`apply_rule` is the procedure, on
plain arrays; :class:`Decisions` is its labelled result for people and pandas.

Every reason is a message (:mod:`selection.messages`): ``decision.selected``,
``decision.quota_pick``, ``decision.below_min_score``, ``decision.above_max_score``,
``decision.places_taken``, ``decision.quota_full``; ineligible producers keep
their ineligibility reasons.

A rule in tiers (``select: {tiers: ...}``) is applied by :func:`apply_tiers`
instead: each eligible producer is in the first band whose threshold its score
reaches (``score ≥ min_score``, or ``score ≤ max_score`` when lower scores are
better), else in the open last band, else in none (not approved). The bands
with a threshold are *approved* (decision ``selected``); the open band and no
band are ``not selected``; ineligible producers get the open band, if any, and
keep their gate reasons. Reasons: ``decision.tier_min`` / ``decision.tier_max``
("score 0.81 ≥ 0.75: conventionné 90 %"), ``decision.tier_rest_min`` /
``decision.tier_rest_max`` (the open band), ``decision.tier_none_min`` /
``decision.tier_none_max`` (no band).

Examples
--------
>>> import numpy as np
>>> from selection.grid import Quota, SelectionRule
>>> rule = SelectionRule(top=2, quotas=(Quota("category", max=1),))
>>> outcome = apply_rule(rule, ["A", "B", "C"], np.array([1, 2, 3]), np.array([9.0, 8.0, 7.0]),
...                      categories={"category": ["veg", "veg", "egg"]})
>>> outcome.selected.tolist(), [m.render("en") for m in outcome.reasons]
([True, False, True], ['rank 1', 'rank 2: quota reached (at most 1 per category)', 'rank 3'])
>>> from selection.grid import Tier
>>> tiers = SelectionRule(tiers=(Tier("gold", min_score=0.75), Tier("silver", min_score=0.55)))
>>> banded = apply_tiers(tiers, np.array([0.81, 0.6, 0.3]))
>>> banded.bands.tolist(), [m.render("en") for m in banded.reasons]
([0, 1, -1], ['score 0.81 ≥ 0.75: gold', 'score 0.6 ≥ 0.55: silver', \
'score 0.3 below 0.55: not approved'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import GridError
from ..grid import Quota, SelectionRule
from ..messages import Message, msg, msgn, render
from ..table.cells import fold

__all__ = [
    "INELIGIBLE",
    "NOT_APPROVED",
    "NOT_SELECTED",
    "SELECTED",
    "Decisions",
    "Outcome",
    "TierOutcome",
    "apply_rule",
    "apply_tiers",
    "check_tier_direction",
    "tier_bands",
    "tier_decisions",
]

SELECTED, NOT_SELECTED, INELIGIBLE = "selected", "not selected", "ineligible"

#: A producer in no tier: below every threshold of a rule without an open tier (a code,
#: as ``selected``; exports and messages say it in words).
NOT_APPROVED = "not approved"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a rule decides for the eligible producers, in rank order."""

    selected: NDArray[np.bool_]
    reasons: list[Message]
    shortfalls: list[Message]


def apply_rule(
    rule: SelectionRule,
    ids: Sequence[str],
    ranks: NDArray[np.int_],
    scores: NDArray[np.float64],
    *,
    categories: Mapping[str, Sequence[str]],
    higher_is_better: bool = True,
) -> Outcome:
    """Apply `rule` to eligible producers given best first.

    Parameters
    ----------
    rule : SelectionRule
    ids : sequence of str
        Eligible producers, best first.
    ranks, scores : ndarray
        Their competition ranks and scores, in the same order.
    categories : mapping
        Quota column → each producer's cell, in the same order (compared
        without case or surrounding spaces).
    higher_is_better : bool
        The direction of `scores` (for ``min_score``).
    """
    folded = {column: [fold(str(cell)) for cell in cells] for column, cells in categories.items()}
    n = len(ids)
    if rule.min_score is None:
        passes = np.ones(n, dtype=bool)
    elif higher_is_better:
        passes = scores >= rule.min_score
    else:
        passes = scores <= rule.min_score
    top = rule.top if rule.top is not None else n
    chosen: dict[int, Message] = {}
    reasons: dict[int, Message] = {}

    def count(quota: Quota, value: str) -> int:
        cells = folded[quota.column]
        return sum(1 for i in chosen if cells[i] == value)

    def blocking(i: int) -> Quota | None:
        for quota in rule.quotas:
            value = folded[quota.column][i]
            if quota.max is None or (quota.value is not None and fold(quota.value) != value):
                continue
            if count(quota, value) >= quota.max:
                return quota
        return None

    shortfalls: list[Message] = []
    for quota in (q for q in rule.quotas if q.min is not None):
        assert quota.value is not None and quota.min is not None
        value = fold(quota.value)
        for i in range(n):
            if count(quota, value) >= quota.min or len(chosen) >= top:
                break
            matches = folded[quota.column][i] == value
            if passes[i] and i not in chosen and matches and blocking(i) is None:
                chosen[i] = msg(
                    "decision.quota_pick",
                    "rank {rank}; counts toward the quota: {quota}",
                    rank=int(ranks[i]),
                    quota=quota.condition(),
                )
        taken = count(quota, value)
        if taken < quota.min:
            shortfalls.append(
                msgn(
                    "decision.shortfall",
                    "{quota}: only {count} eligible producer could be taken",
                    "{quota}: only {count} eligible producers could be taken",
                    count=taken,
                    quota=quota.condition(),
                )
            )
    for i in range(n):
        if i in chosen:
            continue
        rank = int(ranks[i])
        if not passes[i]:
            assert rule.min_score is not None
            reasons[i] = (
                msg(
                    "decision.below_min_score",
                    "rank {rank}: score {score:.4g} below min_score {minimum:g}",
                    rank=rank,
                    score=float(scores[i]),
                    minimum=rule.min_score,
                )
                if higher_is_better
                else msg(
                    "decision.above_max_score",
                    "rank {rank}: score {score:.4g} above min_score {minimum:g} (with this "
                    "method, lower scores are better)",
                    rank=rank,
                    score=float(scores[i]),
                    minimum=rule.min_score,
                )
            )
        elif len(chosen) >= top:
            reasons[i] = msgn(
                "decision.places_taken",
                "rank {rank}: the only place is taken",
                "rank {rank}: the top {count} places are taken",
                count=top,
                rank=rank,
            )
        elif (full := blocking(i)) is not None:
            reasons[i] = msg(
                "decision.quota_full",
                "rank {rank}: quota reached ({quota})",
                rank=rank,
                quota=full.condition(),
            )
        else:
            chosen[i] = msg("decision.selected", "rank {rank}", rank=rank)
    selected = np.array([i in chosen for i in range(n)], dtype=bool)
    return Outcome(
        selected=selected,
        reasons=[chosen[i] if i in chosen else reasons[i] for i in range(n)],
        shortfalls=shortfalls,
    )


@dataclass(frozen=True, slots=True)
class TierOutcome:
    """The tier of each eligible producer under a rule in tiers.

    Attributes
    ----------
    bands : ndarray of int
        Each producer's tier, as a position in ``rule.tiers``; -1 for none
        (below every threshold of a rule without an open tier).
    reasons : list of Message
        Why, e.g. ``score 0.81 ≥ 0.75: conventionné 90 %``.
    """

    bands: NDArray[np.int_]
    reasons: list[Message]


def tier_bands(
    scores: NDArray[np.float64], thresholds: NDArray[np.float64] | tuple[float, ...]
) -> NDArray[np.int_]:
    """For scores where higher is better and thresholds best first, each score's band.

    Band b (0 = best) holds ``thresholds[b] ≤ score < thresholds[b − 1]``; band
    ``len(thresholds)`` is below every threshold. Works on any shape of
    `scores` (e.g. (S, n) for S weightings at once): one comparison per threshold.

    Examples
    --------
    >>> tier_bands(np.array([[0.9, 0.75, 0.6, 0.1]]), (0.75, 0.55)).tolist()
    [[0, 0, 1, 2]]
    """
    cuts = np.asarray(thresholds, dtype=float)
    values = np.asarray(scores, dtype=float)
    bands = np.zeros(values.shape, dtype=np.int_)
    for cut in cuts:
        bands += values < cut
    return bands


def check_tier_direction(rule: SelectionRule, higher_is_better: bool) -> None:
    """Raise a GridError when the tiers' thresholds are not of the method's direction."""
    if rule.tiers_higher_is_better == higher_is_better:
        return
    key, other = ("min_score", "max_score") if higher_is_better else ("max_score", "min_score")
    raise GridError(
        msg("tiers.direction", "the tiers' thresholds do not fit the method's scores"),
        where="select.tiers",
        expected=(
            msg(
                "tiers.direction_expected_min",
                "`min_score` thresholds: with this method higher scores are better",
            )
            if higher_is_better
            else msg(
                "tiers.direction_expected_max",
                "`max_score` thresholds: with this method lower scores are better",
            )
        ),
        found=f"{other}",
        hint=msg(
            "tiers.direction_hint",
            "write `{key}:` in each tier, with thresholds on this method's scale, or rank with "
            "the method the tiers were written for",
            key=key,
        ),
    )


def apply_tiers(
    rule: SelectionRule, scores: NDArray[np.float64], *, higher_is_better: bool = True
) -> TierOutcome:
    """The tier of each eligible producer, and why.

    Parameters
    ----------
    rule : SelectionRule
        A rule with tiers.
    scores : ndarray
        The eligible producers' scores, in any order.
    higher_is_better : bool
        The method's direction; it must be that of the tiers (``min_score``
        bands for True, ``max_score`` for False).

    Returns
    -------
    TierOutcome
        Open-band producers get the open band's position (the last).

    Raises
    ------
    GridError
        Tiers whose thresholds are of the other direction than the method's.
    """
    check_tier_direction(rule, higher_is_better)
    approving = rule.approving_tiers
    sign = 1.0 if higher_is_better else -1.0
    cuts = sign * np.asarray(rule.thresholds, dtype=float)
    values = np.asarray(scores, dtype=float)
    bands = tier_bands(sign * values, cuts)
    rest = rule.open_tier
    last = approving[-1].threshold
    reasons: list[Message] = []
    for score, band in zip(values.tolist(), bands.tolist(), strict=True):
        if band < len(approving):
            tier = approving[band]
            values_ = {"score": score, "threshold": tier.threshold, "label": tier.label}
            reasons.append(
                msg("decision.tier_min", "score {score:.4g} ≥ {threshold:g}: {label}", **values_)
                if higher_is_better
                else msg(
                    "decision.tier_max", "score {score:.4g} ≤ {threshold:g}: {label}", **values_
                )
            )
        elif rest is not None:
            values_ = {"score": score, "threshold": last, "label": rest.label}
            reasons.append(
                msg(
                    "decision.tier_rest_min",
                    "score {score:.4g} below {threshold:g}: {label}",
                    **values_,
                )
                if higher_is_better
                else msg(
                    "decision.tier_rest_max",
                    "score {score:.4g} above {threshold:g}: {label}",
                    **values_,
                )
            )
        else:
            reasons.append(
                msg(
                    "decision.tier_none_min",
                    "score {score:.4g} below {threshold:g}: not approved",
                    score=score,
                    threshold=last,
                )
                if higher_is_better
                else msg(
                    "decision.tier_none_max",
                    "score {score:.4g} above {threshold:g}: not approved",
                    score=score,
                    threshold=last,
                )
            )
    positions = np.where(bands < len(approving), bands, len(approving) if rest else -1)
    return TierOutcome(bands=positions.astype(np.int_), reasons=reasons)


def tier_decisions(
    rule: SelectionRule,
    table: pd.DataFrame,
    ineligible: Mapping[str, Sequence[Message]] | pd.Series,
    *,
    higher_is_better: bool,
    lang: str | None,
) -> Decisions:
    """:class:`Decisions` of a rule in tiers on a ranking's table.

    Parameters
    ----------
    rule : SelectionRule
        A rule with tiers.
    table : DataFrame
        Indexed by producer id: ``score``, ``rank``, ``eligible`` (a ranking's table).
    ineligible : mapping
        Producer id → its ineligibility reasons.
    higher_is_better : bool
    lang : str, optional
        Language of the ``reason`` column.
    """
    eligible = table["eligible"].to_numpy(dtype=bool)
    scores = table["score"].to_numpy(dtype=float, na_value=np.nan)
    outcome = apply_tiers(rule, scores[eligible], higher_is_better=higher_is_better)
    positions = np.full(len(table), -1, dtype=np.int_)
    positions[eligible] = outcome.bands
    rest = rule.open_tier
    if rest is not None:
        positions[~eligible] = len(rule.tiers) - 1
    approving = len(rule.approving_tiers)
    approved = (positions >= 0) & (positions < approving)
    decision = np.where(~eligible, INELIGIBLE, np.where(approved, SELECTED, NOT_SELECTED))
    why = iter(outcome.reasons)
    reasons: list[tuple[Message, ...]] = [
        (next(why),) if ok else tuple(ineligible[str(pid)])
        for pid, ok in zip(table.index, eligible.tolist(), strict=True)
    ]
    frame = pd.DataFrame(
        {
            "rank": table["rank"],
            "score": table["score"],
            "decision": decision.astype(object),
            "tier": pd.array(
                [rule.tiers[b].label if b >= 0 else None for b in positions.tolist()],
                dtype="string",
            ),
        },
        index=table.index,
    )
    for name in rule.value_names:
        given = [dict(rule.tiers[b].values) if b >= 0 else {} for b in positions.tolist()]
        cells = [values.get(name) for values in given]
        numeric = all(c is None or isinstance(c, int | float) for c in cells)
        frame[name] = (
            pd.array([np.nan if c is None else float(c) for c in cells], dtype="Float64")
            if numeric
            else pd.Series(cells, index=table.index, dtype=object)
        )
    frame["reason"] = [render(list(r), lang) for r in reasons]
    return Decisions(
        table=frame,
        reasons=pd.Series(reasons, index=table.index, name="reason", dtype=object),
        rule=rule,
        shortfalls=(),
        shortfall_messages=(),
    )


@dataclass(frozen=True, eq=False)
class Decisions:
    """The decisions a selection rule gives on a ranking.

    Attributes
    ----------
    table : DataFrame
        Indexed by producer id, in rank order (ineligible producers last):
        ``rank``, ``score``, ``decision`` (selected / not selected /
        ineligible) and ``reason`` (in words, in the language of the call).
        With a rule in tiers, also ``tier`` (the tier's label; NA for a
        producer in none) and one column per value of the tiers (``rate``...),
        between ``decision`` and ``reason``; ``selected`` then means approved.
    reasons : Series
        The same reasons as messages (producer id → tuple of Message).
    rule : SelectionRule
    shortfalls : tuple of str
        Minimum quotas that could not be met, in words.
    shortfall_messages : tuple of Message
        The same, as messages.
    """

    table: pd.DataFrame
    reasons: pd.Series
    rule: SelectionRule
    shortfalls: tuple[str, ...]
    shortfall_messages: tuple[Message, ...] = ()

    @property
    def selected(self) -> list[str]:
        """Ids of the selected producers (approved, with tiers), best first."""
        return [str(i) for i in self.table.index[self.table["decision"] == SELECTED]]

    @property
    def tiered(self) -> bool:
        """True when the rule approves in tiers (the table has a ``tier`` column)."""
        return self.rule.tiered

    def tier_counts(self) -> pd.Series:
        """How many producers are in each tier, best first, then ``not approved`` (if any).

        Ineligible producers count in the open tier, or as not approved.
        """
        labels = [t.label for t in self.rule.tiers]
        tiers = self.table["tier"] if "tier" in self.table else pd.Series(dtype="string")
        counts = tiers.fillna(NOT_APPROVED).value_counts()
        index = labels + ([NOT_APPROVED] if self.rule.open_tier is None else [])
        return counts.reindex(index, fill_value=0).astype(int).rename("count")

    def summary(self, lang: str | None = None) -> str:
        """The selection in a sentence or two."""
        if self.tiered:
            counts = self.tier_counts()
            parts = [
                msg("decisions.tier_count", "{label}: {count}", label=label, count=int(count))
                if label != NOT_APPROVED or self.rule.open_tier is not None
                else msg("decisions.not_approved_count", "not approved: {count}", count=int(count))
                for label, count in counts.items()
            ]
            return render(
                msg(
                    "decisions.tier_summary",
                    "By tier ({rule}): {counts}.",
                    rule=self.rule.conditions(),
                    counts=parts,
                ),
                lang,
            )
        chosen = self.selected
        lines = [
            render(
                msg(
                    "decisions.summary",
                    "{count} selected under the rule ({rule}): {ids}.",
                    count=len(chosen),
                    rule=self.rule.conditions(),
                    ids=", ".join(chosen) or "—",
                ),
                lang,
            )
        ]
        lines += [render(m, lang) for m in self.shortfall_messages]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table`."""
        return self.table.copy()

    def __repr__(self) -> str:
        if self.tiered:
            counts = ", ".join(f"{label}: {count}" for label, count in self.tier_counts().items())
            return f"<Decisions in tiers of {len(self.table)} producers ({counts})>"
        return (
            f"<Decisions: {len(self.selected)} selected of {len(self.table)} producers "
            f"({self.rule.describe()})>"
        )
