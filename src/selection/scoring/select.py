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

Examples
--------
>>> import numpy as np
>>> from selection.grid import Quota, SelectionRule
>>> rule = SelectionRule(top=2, quotas=(Quota("category", max=1),))
>>> outcome = apply_rule(rule, ["A", "B", "C"], np.array([1, 2, 3]), np.array([9.0, 8.0, 7.0]),
...                      categories={"category": ["veg", "veg", "egg"]})
>>> outcome.selected.tolist(), [m.render("en") for m in outcome.reasons]
([True, False, True], ['rank 1', 'rank 2: quota reached (at most 1 per category)', 'rank 3'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..grid import Quota, SelectionRule
from ..messages import Message, msg, msgn, render
from ..table.cells import fold

__all__ = [
    "INELIGIBLE",
    "NOT_SELECTED",
    "SELECTED",
    "Decisions",
    "Outcome",
    "apply_rule",
]

SELECTED, NOT_SELECTED, INELIGIBLE = "selected", "not selected", "ineligible"


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


@dataclass(frozen=True, eq=False)
class Decisions:
    """The decisions a selection rule gives on a ranking.

    Attributes
    ----------
    table : DataFrame
        Indexed by producer id, in rank order (ineligible producers last):
        ``rank``, ``score``, ``decision`` (selected / not selected /
        ineligible) and ``reason`` (in words, in the language of the call).
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
        """Ids of the selected producers, best first."""
        return [str(i) for i in self.table.index[self.table["decision"] == SELECTED]]

    def summary(self, lang: str | None = None) -> str:
        """The selection in a sentence or two."""
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
        return (
            f"<Decisions: {len(self.selected)} selected of {len(self.table)} producers "
            f"({self.rule.describe()})>"
        )
