"""Whether a committee's recorded decisions follow from its grid, and where not, why.

:func:`check` re-runs the grid on the producer table, applies its selection
rule, and compares with what the committee recorded. For every disagreement it
says which criteria separate the producer from the last selected (or the first
left out) and which single weight, moved how far, would have reproduced the
committee's decision (other weights in proportion; quotas are not re-applied
along the way, so a move that also changes who fills a category is shown as if
it did not). Every explanation is a message (:mod:`selection.messages`).

For a grid that approves in tiers, recorded tiers are compared instead
(:mod:`selection.decisions.tier_audit`): ``recorded`` and ``reproduced`` hold
tier labels, the confusion table is tiers × tiers, and each disagreement says
which single weight would put the producer in its recorded tier.

Examples
--------
>>> import selection
>>> audit = check(selection.example_producers_path(), selection.example_grid_path(),
...               decisions=selection.example_decisions_path())
>>> round(audit.agreement, 3), len(audit.disagreements)
(0.933, 4)
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..engines import Method, Normalization
from ..explain import separating
from ..grid import Grid
from ..messages import Message, labelled, msg, msgn, render
from ..ranking import Ranking, rank
from ..scoring import INELIGIBLE, SELECTED, Decisions, ProblemSource, prepare
from ..sensitivity import Level, factors_for
from ..sensitivity.lines import WeightLines, weight_lines
from ..sensitivity.tiers import STEPS
from ..table import fold
from ..validators import language
from .records import REJECTED, DecisionRecord, record_for
from .tier_audit import tier_comparison, tier_explanations

__all__ = ["Audit", "check"]


@dataclass(frozen=True, eq=False)
class Audit:
    """Recorded decisions against the grid's.

    Attributes
    ----------
    agreement : float
        Share of recorded decisions the grid reproduces (0 to 1).
    confusion : DataFrame
        Recorded (rows: selected, rejected) × reproduced (columns: selected,
        rejected) counts; ineligible producers count as rejected by the grid.
        With tiers: recorded tiers × the grid's tiers, best first (then ``not
        approved`` when the grid has no open tier).
    disagreements : DataFrame
        Indexed by producer id: ``recorded``, ``reproduced``, ``rank``,
        ``score``, ``reason`` (the grid's), ``explanation`` (in words).
    explanations : Series
        The same explanations as messages, to render in any language.
    table : DataFrame
        Every recorded producer with both decisions.
    ranking : Ranking
    decisions : Decisions
        The grid's decisions.
    record : DecisionRecord
    """

    agreement: float
    confusion: pd.DataFrame
    disagreements: pd.DataFrame
    explanations: pd.Series
    table: pd.DataFrame
    ranking: Ranking
    decisions: Decisions
    record: DecisionRecord

    @property
    def reproduced(self) -> bool:
        """True when every recorded decision follows from the grid."""
        return self.disagreements.empty

    @property
    def tiered(self) -> bool:
        """True when tiers were compared (the grid approves in tiers)."""
        return self.decisions.tiered

    def summary(self, lang: str | None = None) -> str:
        """A few lines for people: agreement, then each disagreement explained."""
        lines = [
            render(
                msgn(
                    "audit.tier_agreement",
                    "{agreement:.0%} of the {count} recorded tier follows from the grid ({rule}).",
                    "{agreement:.0%} of the {count} recorded tiers follow from the grid ({rule}).",
                    agreement=self.agreement,
                    count=len(self.table),
                    rule=self.decisions.rule.conditions(),
                )
                if self.tiered
                else msgn(
                    "audit.agreement",
                    "{agreement:.0%} of the {count} recorded decision follows from the grid "
                    "({rule}).",
                    "{agreement:.0%} of the {count} recorded decisions follow from the grid "
                    "({rule}).",
                    agreement=self.agreement,
                    count=len(self.table),
                    rule=self.decisions.rule.conditions(),
                ),
                language(lang),
            )
        ]
        lines += [
            "- " + render(labelled(pid, message), language(lang))
            for pid, message in self.explanations.items()
        ]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """Every recorded producer with both decisions (a copy of :attr:`table`)."""
        return self.table.copy()

    def __repr__(self) -> str:
        return (
            f"<Audit: {self.agreement:.0%} of {len(self.table)} recorded decisions reproduced, "
            f"{len(self.disagreements)} differ>"
        )


def _flip(
    lines: WeightLines,
    labels: list[str],
    weights: np.ndarray,
    index: int,
    want_selected: bool,
    top: int | None,
    threshold: float | None,
) -> Message:
    """Which single weight, moved how far, would give the committee's decision."""
    inside = np.ones(lines.ranks.shape[:2], dtype=bool)
    if top is not None:
        inside &= lines.ranks[:, :, index] <= top
    if threshold is not None:
        inside &= lines.scores[:, :, index] >= threshold
    if not want_selected:
        inside = ~inside
    found = lines.most_sensitive(inside, now_inside=False)
    if found is None:
        return (
            msg("audit.no_weight_selects", "No single weight, moved alone, would have selected it")
            if want_selected
            else msg(
                "audit.no_weight_leaves_out",
                "No single weight, moved alone, would have left it out",
            )
        )
    f, low, high = found
    values = {"label": labels[f], "low": low, "high": high, "now": float(weights[f])}
    if want_selected:
        return msg(
            "audit.would_select",
            "It would have been selected with the weight of {label} between {low:.0%} and "
            "{high:.0%} (now {now:.0%}), the other weights in proportion",
            **values,
        )
    return msg(
        "audit.would_leave_out",
        "It would have been left out with the weight of {label} between {low:.0%} and {high:.0%} "
        "(now {now:.0%}), the other weights in proportion",
        **values,
    )


def check(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    decisions: DecisionRecord | pd.DataFrame | str | PathLike[str],
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    level: Level = "criterion",
    lang: str | None = None,
    steps: int = STEPS,
) -> Audit:
    """Compare recorded decisions with those the grid gives.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank` (or a prepared problem or a Ranking, alone);
        the grid needs a ``select:`` section.
    decisions : DecisionRecord, DataFrame or path
        What the committee decided (see :func:`selection.load_decisions`).
    method, normalization
        Default: the grid's.
    level : {"criterion", "battery"}
        Which weights the explanations move.
    lang : str, optional
        Language of the ``explanation`` and ``reason`` columns.
    steps : int
        With tiers and a method whose scores are not linear in the weights:
        points of each weight's line scored before bisection (see
        :mod:`selection.sensitivity.tiers`).

    Raises
    ------
    DataError
        Recorded ids that are not in the producer table (with a suggestion);
        with tiers, a record of selections rather than of tiers.
    GridError
        A grid without a selection rule.
    """
    chosen = language(lang)
    prepared = prepare(producers, grid, method=method, normalization=normalization)
    ranking = rank(prepared, lang=chosen)
    reproduced = ranking.decisions(lang=chosen)
    the_grid = prepared.grid
    record = record_for(decisions, the_grid, [str(i) for i in ranking.table.index])
    if reproduced.tiered:
        return _tier_audit(ranking, reproduced, record, level, chosen, steps)
    ids = list(record.decisions.index)
    grid_says = reproduced.table.loc[ids, "decision"].astype(str)
    as_recorded = grid_says.map({SELECTED: SELECTED, INELIGIBLE: REJECTED}).fillna(REJECTED)
    recorded = record.decisions.astype(str)
    both = pd.DataFrame(
        {
            "recorded": recorded,
            "reproduced": as_recorded,
            "grid_decision": grid_says,
            "rank": ranking.table.loc[ids, "rank"],
            "score": ranking.table.loc[ids, "score"],
            "reason": reproduced.table.loc[ids, "reason"],
        },
        index=pd.Index(ids, name=the_grid.id_column),
    )
    agree = both["recorded"] == both["reproduced"]
    confusion = pd.crosstab(
        pd.Categorical(both["recorded"], [SELECTED, REJECTED]),
        pd.Categorical(both["reproduced"], [SELECTED, REJECTED]),
        rownames=["recorded"],
        colnames=["grid"],
        dropna=False,
    )
    differing = both[~agree].copy()
    messages = _explanations(differing, ranking, reproduced, level)
    differing["explanation"] = [render(m, chosen) for m in messages]
    return Audit(
        agreement=float(agree.mean()) if len(agree) else 1.0,
        confusion=confusion,
        disagreements=differing.drop(columns=["grid_decision"]),
        explanations=pd.Series(messages, index=differing.index, name="explanation", dtype=object),
        table=both,
        ranking=ranking,
        decisions=reproduced,
        record=record,
    )


def _tier_audit(
    ranking: Ranking,
    reproduced: Decisions,
    record: DecisionRecord,
    level: Level,
    lang: str | None,
    steps: int,
) -> Audit:
    """:func:`check` for a grid in tiers: recorded tiers against the grid's."""
    both, confusion = tier_comparison(ranking, reproduced, record)
    agree = both["recorded"] == both["reproduced"]
    differing = both[~agree].copy()
    messages = tier_explanations(differing, ranking, reproduced, level, steps)
    differing["explanation"] = [render(m, lang) for m in messages]
    return Audit(
        agreement=float(agree.mean()) if len(agree) else 1.0,
        confusion=confusion,
        disagreements=differing.drop(columns=["grid_decision"]),
        explanations=pd.Series(messages, index=differing.index, name="explanation", dtype=object),
        table=both,
        ranking=ranking,
        decisions=reproduced,
        record=record,
    )


def _explanations(
    differing: pd.DataFrame, ranking: Ranking, reproduced: Decisions, level: Level
) -> list[Message]:
    if differing.empty:
        return []
    rule = reproduced.rule
    decided = reproduced.table
    eligible = decided[decided["decision"] != INELIGIBLE]
    selected = eligible[eligible["decision"] == SELECTED]
    # The first left out *for its rank*: a producer a full quota kept out compares badly.
    codes = reproduced.reasons.loc[eligible.index].map(lambda reasons: reasons[0].code)
    left_out = eligible[(eligible["decision"] != SELECTED) & (codes != "decision.quota_full")]
    lines = None
    grid = ranking.grid
    weights_to_move = len(grid.criteria) if level == "criterion" else len(grid.batteries)
    if len(eligible) >= 2 and weights_to_move >= 2:
        context = factors_for(ranking.prepared, level=level)
        lines = weight_lines(context)
        position = {str(pid): i for i, pid in enumerate(context.ids)}
        threshold = None
        if rule.min_score is not None:
            threshold = rule.min_score if ranking.higher_is_better else -rule.min_score
    texts: list[Message] = []
    for pid, row in differing.iterrows():
        pid = str(pid)
        if row["grid_decision"] == INELIGIBLE:
            texts.append(
                msg(
                    "audit.gate_exception",
                    "Recorded as selected, but not eligible under the grid ({reason}): no "
                    "weighting can select it; the committee made an exception to a gate.",
                    reason=list(reproduced.reasons[pid]),
                )
            )
            continue
        want_selected = row["recorded"] == SELECTED
        reason = list(reproduced.reasons[pid])
        parts: list[Message] = [
            msg("audit.grid_leaves_out", "The grid leaves it out ({reason})", reason=reason)
            if want_selected
            else msg("audit.grid_selects", "The grid selects it ({reason})", reason=reason)
        ]
        if want_selected and reproduced.reasons[pid][0].code == "decision.quota_full":
            parts.append(_quota_note(pid, reproduced, ranking))
        else:
            others = selected if want_selected else left_out
            reference = (
                (str(others.index[-1]) if want_selected else str(others.index[0]))
                if len(others)
                else None
            )
            if reference is not None and reference != pid:
                versus = separating(ranking, reference, pid)
                parts.append(
                    (
                        msg(
                            "audit.against_last_selected",
                            "Against {other} (the last selected, rank {rank}), {lines}",
                            other=reference,
                            rank=int(decided["rank"].to_dict()[reference]),
                            lines=versus,
                        )
                    )
                    if want_selected
                    else msg(
                        "audit.against_first_left_out",
                        "Against {other} (the first left out, rank {rank}), {lines}",
                        other=reference,
                        rank=int(decided["rank"].to_dict()[reference]),
                        lines=versus,
                    )
                )
            if lines is not None:
                parts.append(
                    _flip(
                        lines,
                        context.labels,
                        context.weights,
                        position[pid],
                        want_selected,
                        rule.top,
                        threshold,
                    )
                )
        texts.append(msg("audit.explanation", "{parts}.", parts=_joined(parts)))
    return texts


def _joined(parts: list[Message]) -> Message:
    """Sentences joined by ". " (one message, rendered in one language)."""
    joined = parts[0]
    for part in parts[1:]:
        joined = msg("audit.then", "{first}. {second}", first=joined, second=part)
    return joined


def _quota_note(pid: str, reproduced: Decisions, ranking: Ranking) -> Message:
    """Why a producer ranked within the places is out: its category is full."""
    for quota in reproduced.rule.quotas:
        if quota.max is None:
            continue
        column = ranking.producers[quota.column].astype(str).map(fold)
        value = str(column[pid])
        if quota.value is not None and fold(quota.value) != value:
            continue
        mates = [m for m in reproduced.selected if str(column[m]) == value]
        if len(mates) >= quota.max:
            return msg(
                "audit.quota_full",
                "The weights are not the cause: {column} {value!r} is full with {mates}, ranked "
                "above it; a maximum of {more} would select it",
                column=quota.column,
                value=value,
                mates=", ".join(mates),
                more=len(mates) + 1,
            )
    return msg("audit.category_full", "Its category's quota is full")
