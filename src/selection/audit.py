"""Whether a committee's recorded decisions follow from its grid, and where not, why.

:func:`check` re-runs the grid on the producer table, applies its selection
rule, and compares with what the committee recorded. For every disagreement it
says which criteria separate the producer from the last selected (or the first
left out) and which single weight, moved how far, would have reproduced the
committee's decision (other weights in proportion; quotas are not re-applied
along the way, so a move that also changes who fills a category is shown as if
it did not).

Examples
--------
>>> import selection
>>> audit = check(selection.example_producers_path(), selection.example_grid_path(),
...               selection.example_decisions_path())
>>> round(audit.agreement, 3), len(audit.disagreements)
(0.933, 4)
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd

from .decisions import (
    INELIGIBLE,
    REJECTED,
    SELECTED,
    DecisionRecord,
    Decisions,
    record_for,
)
from .explain import separating
from .grid_file import load_grid
from .model import Grid
from .ranking import Ranking, rank
from .sensitivity.context import Level, prepare
from .sensitivity.lines import WeightLines, weight_lines
from .table import Producers, read_table
from .values import fold
from .vocabulary import Method, Normalization

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
    disagreements : DataFrame
        Indexed by producer id: ``recorded``, ``reproduced``, ``rank``,
        ``score``, ``reason`` (the grid's), ``explanation`` (in words).
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
    table: pd.DataFrame
    ranking: Ranking
    decisions: Decisions
    record: DecisionRecord

    @property
    def reproduced(self) -> bool:
        """True when every recorded decision follows from the grid."""
        return self.disagreements.empty

    def summary(self) -> str:
        """A few lines for people: agreement, then each disagreement explained."""
        lines = [
            f"{self.agreement:.0%} of the {len(self.table)} recorded decisions follow from the "
            f"grid ({self.decisions.rule.describe()})."
        ]
        lines += [f"- {pid}: {text}" for pid, text in self.disagreements["explanation"].items()]
        return "\n".join(lines)


def _flip(
    lines: WeightLines,
    labels: list[str],
    weights: np.ndarray,
    index: int,
    want_selected: bool,
    top: int | None,
    threshold: float | None,
) -> str:
    """Which single weight, moved how far, would give the committee's decision."""
    inside = np.ones(lines.ranks.shape[:2], dtype=bool)
    if top is not None:
        inside &= lines.ranks[:, :, index] <= top
    if threshold is not None:
        inside &= lines.scores[:, :, index] >= threshold
    if not want_selected:
        inside = ~inside
    found = lines.most_sensitive(inside, now_inside=False)
    verb = "selected" if want_selected else "left out"
    if found is None:
        return f"No single weight, moved alone, would have {verb} it"
    f, low, high = found
    return (
        f"It would have been {verb} with {labels[f]}'s weight between {low:.0%} and {high:.0%} "
        f"(now {weights[f]:.0%}), the other weights in proportion"
    )


def check(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    decisions: DecisionRecord | pd.DataFrame | str | PathLike[str],
    *,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    level: Level = "battery",
) -> Audit:
    """Compare recorded decisions with those the grid gives.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; the grid needs a ``select:`` section.
    decisions : DecisionRecord, DataFrame or path
        What the committee decided (see :func:`selection.load_decisions`).
    method, normalization
        Default: the grid's.
    level : {"battery", "criterion"}
        Which weights the explanations move.

    Raises
    ------
    DataError
        Recorded ids that are not in the producer table (with a suggestion).
    GridError
        A grid without a selection rule.
    """
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    table = read_table(producers)
    ranking = rank(table, the_grid, method=method, normalization=normalization)
    reproduced = ranking.decisions()
    record = record_for(decisions, the_grid, [str(i) for i in ranking.table.index])
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
    differing["explanation"] = _explanations(
        differing, ranking, reproduced, table, the_grid, method, normalization, level
    )
    return Audit(
        agreement=float(agree.mean()) if len(agree) else 1.0,
        confusion=confusion,
        disagreements=differing.drop(columns=["grid_decision"]),
        table=both,
        ranking=ranking,
        decisions=reproduced,
        record=record,
    )


def _explanations(
    differing: pd.DataFrame,
    ranking: Ranking,
    reproduced: Decisions,
    table: pd.DataFrame,
    grid: Grid,
    method: str | Method | None,
    normalization: str | Normalization | None,
    level: Level,
) -> list[str]:
    if differing.empty:
        return []
    rule = reproduced.rule
    decided = reproduced.table
    eligible = decided[decided["decision"] != INELIGIBLE]
    selected = eligible[eligible["decision"] == SELECTED]
    # The first left out *for its rank*: a producer a full quota kept out compares badly.
    left_out = eligible[
        (eligible["decision"] != SELECTED)
        & ~eligible["reason"].astype(str).str.contains("quota reached", regex=False)
    ]
    lines = None
    if len(eligible) >= 2 and (level == "criterion" or len(grid.batteries) >= 2):
        context = prepare(table, grid, method, normalization, level)
        lines = weight_lines(context)
        position = {str(pid): i for i, pid in enumerate(context.ids)}
        threshold = None
        if rule.min_score is not None:
            threshold = rule.min_score if ranking.higher_is_better else -rule.min_score
    texts = []
    for pid, row in differing.iterrows():
        pid = str(pid)
        if row["grid_decision"] == INELIGIBLE:
            texts.append(
                f"Recorded as selected, but not eligible under the grid ({row['reason']}): "
                "no weighting can select it; the committee made an exception to a gate."
            )
            continue
        want_selected = row["recorded"] == SELECTED
        if want_selected:
            others = selected
            role = "the last selected"
            reference = str(others.index[-1]) if len(others) else None
        else:
            others = left_out
            role = "the first left out"
            reference = str(others.index[0]) if len(others) else None
        verdict = "leaves it out" if want_selected else "selects it"
        parts = [f"The grid {verdict} ({row['reason']})"]
        if want_selected and "quota reached" in str(row["reason"]):
            parts.append(_quota_note(pid, reproduced, ranking))
        else:
            if reference is not None and reference != pid:
                rank_of = decided["rank"].to_dict()[reference]
                versus = separating(ranking, reference, pid)
                parts.append(f"Against {reference} ({role}, rank {rank_of}), " + "; ".join(versus))
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
        texts.append(". ".join(parts) + ".")
    return texts


def _quota_note(pid: str, reproduced: Decisions, ranking: Ranking) -> str:
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
            return (
                f"No weight change is needed: {quota.column} {value!r} is full with "
                + ", ".join(mates)
                + f", ranked above it; a maximum of {len(mates) + 1} would select it"
            )
    return "Its category's quota is full"
