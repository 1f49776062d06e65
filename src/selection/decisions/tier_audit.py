"""Recorded tiers against the grid's: :func:`selection.check` for a grid that approves in tiers.

Each recorded producer's tier is compared with the tier its score gives under
the grid. For each disagreement the explanation says which tier the grid gives
and why, which scores the recorded tier needs, and which single weight, moved
alone from where it is (the others in proportion), would put the producer in
its recorded tier, over which range: the crossings of the tiers' thresholds
along that weight's line (:func:`selection.sensitivity.tiers.tier_segments`:
exact for the weighted sum, a fine sweep refined by bisection otherwise). A
producer recorded in an approving tier that fails a gate is an exception to
the gate: no weighting approves it.

Examples
--------
>>> import dataclasses, pandas as pd, selection
>>> from selection.grid import Tier
>>> grid = selection.load_grid(selection.example_grid_path())
>>> rule = selection.SelectionRule(tiers=(Tier("A", min_score=0.7), Tier("B")))
>>> tiered = dataclasses.replace(grid, select=rule)
>>> ranking = selection.rank(selection.example_producers_path(), tiered)
>>> record = ranking.decisions().table["tier"].reset_index()
>>> audit = selection.check(ranking, decisions=record)
>>> audit.agreement, audit.confusion.loc["A", "A"] + audit.confusion.loc["B", "B"]
(1.0, np.int64(60))
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataError
from ..grid import SelectionRule
from ..messages import Message, msg
from ..ranking import Ranking
from ..scoring import INELIGIBLE, NOT_APPROVED, Decisions
from ..sensitivity import Level, factors_for
from ..sensitivity.tiers import Segments, tier_names, tier_runs, tier_segments
from .records import DecisionRecord

__all__ = ["tier_comparison", "tier_explanations"]


def _tier_word(label: str) -> Message | str:
    """A tier's label as written, or ``not approved`` in words."""
    return msg("tier.not_approved", "not approved") if label == NOT_APPROVED else label


def tier_comparison(
    ranking: Ranking, reproduced: Decisions, record: DecisionRecord
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every recorded producer with both tiers, and the confusion table.

    Returns
    -------
    table : DataFrame
        Indexed by producer id: ``recorded`` and ``reproduced`` (tier labels,
        ``not approved`` for none), ``grid_decision``, ``rank``, ``score``, ``reason``.
    confusion : DataFrame
        Recorded tiers (rows) × the grid's tiers (columns), best first.

    Raises
    ------
    DataError
        A record of selections (selected / rejected) rather than of tiers.
    """
    rule = reproduced.rule
    if record.tiers is None:
        raise DataError(
            msg("audit.tiers_not_recorded", "the decisions record no tiers"),
            where=record.source,
            expected=msg(
                "audit.tiers_not_recorded_expected",
                "a `tier` column (or a `decision` column) holding the grid's tiers: {labels}",
                labels=", ".join(repr(t.label) for t in rule.tiers),
            ),
            found=msg("audit.tiers_not_recorded_found", "a record of selections"),
            hint=msg(
                "audit.tiers_not_recorded_hint",
                "read the decisions with the grid in tiers: selection.load_decisions(path, grid)",
            ),
        )
    ids = list(record.tiers.index)
    decided = reproduced.table.loc[ids]
    table = pd.DataFrame(
        {
            "recorded": record.tiers.astype(object),
            "reproduced": decided["tier"].astype(object).fillna(NOT_APPROVED),
            "grid_decision": decided["decision"].astype(str),
            "rank": ranking.table.loc[ids, "rank"],
            "score": ranking.table.loc[ids, "score"],
            "reason": decided["reason"],
        },
        index=pd.Index(ids, name=ranking.grid.id_column),
    )
    names = tier_names(rule)
    confusion = pd.crosstab(
        pd.Categorical(table["recorded"], names),
        pd.Categorical(table["reproduced"], names),
        rownames=["recorded"],
        colnames=["grid"],
        dropna=False,
    )
    return table, confusion


def _band_of(rule: SelectionRule, label: str) -> int:
    """The band (0 = best) of a tier label or ``not approved``."""
    return tier_names(rule).index(label)


def _needs(rule: SelectionRule, band: int) -> Message:
    """The scores a tier needs, e.g. ``a score from 0.55 to below 0.75``."""
    cuts = rule.thresholds
    higher = bool(rule.tiers_higher_is_better)
    low = cuts[band] if band < len(cuts) else None
    high = cuts[band - 1] if band > 0 else None
    if low is not None and high is not None:
        return (
            msg(
                "audit.tier_needs_between",
                "a score from {low:g} to below {high:g}",
                low=low,
                high=high,
            )
            if higher
            else msg(
                "audit.tier_needs_between_max",
                "a score from {low:g} down to above {high:g}",
                low=low,
                high=high,
            )
        )
    if low is not None:
        return (
            msg("audit.tier_needs_at_least", "a score of at least {low:g}", low=low)
            if higher
            else msg("audit.tier_needs_at_most", "a score of at most {low:g}", low=low)
        )
    assert high is not None
    return (
        msg("audit.tier_needs_below", "a score below {high:g}", high=high)
        if higher
        else msg("audit.tier_needs_above", "a score above {high:g}", high=high)
    )


def tier_explanations(
    differing: pd.DataFrame, ranking: Ranking, reproduced: Decisions, level: Level, steps: int
) -> list[Message]:
    """Why each recorded tier differs from the grid's, and which weight would give it."""
    if differing.empty:
        return []
    rule = reproduced.rule
    grid = ranking.grid
    weights_to_move = len(grid.criteria) if level == "criterion" else len(grid.batteries)
    context = None
    if ranking.prepared.n >= 1 and weights_to_move >= 2:
        context = factors_for(ranking.prepared, level=level, least=1)
        position = {str(pid): i for i, pid in enumerate(context.ids)}
        segments = [
            tier_segments(context, f, steps=steps, rule=rule) for f in range(weights_to_move)
        ]
    texts: list[Message] = []
    for pid, row in differing.iterrows():
        pid = str(pid)
        recorded = str(row["recorded"])
        reason = list(reproduced.reasons[pid])
        if row["grid_decision"] == INELIGIBLE:
            texts.append(
                msg(
                    "audit.tier_gate_exception",
                    "Recorded in {tier}, but not eligible under the grid ({reason}): no "
                    "weighting can put it there; the committee made an exception to a gate.",
                    tier=_tier_word(recorded),
                    reason=reason,
                )
            )
            continue
        band = _band_of(rule, recorded)
        parts: list[Message] = [
            msg(
                "audit.tier_grid_puts",
                "The grid puts it in {tier} ({reason})",
                tier=_tier_word(str(row["reproduced"])),
                reason=reason,
            ),
            msg(
                "audit.tier_needs",
                "{tier} needs {scores}",
                tier=_tier_word(recorded),
                scores=_needs(rule, band),
            ),
        ]
        if context is not None:
            parts.append(
                _move(context.labels, context.weights, segments, position[pid], band, recorded)
            )
        joined = parts[0]
        for part in parts[1:]:
            joined = msg("audit.then", "{first}. {second}", first=joined, second=part)
        texts.append(msg("audit.explanation", "{parts}.", parts=joined))
    return texts


def _move(
    labels: list[str],
    weights: np.ndarray,
    segments: list[Segments],
    row: int,
    band: int,
    recorded: str,
) -> Message:
    """The single weight whose smallest move puts the producer in `band`, and over which range."""
    best: tuple[float, int, float, float] | None = None
    for f, pieces in enumerate(segments):
        now = pieces.t0
        for low, high in tier_runs(pieces, row, band):
            distance = 0.0 if low <= now <= high else min(abs(low - now), abs(high - now))
            if best is None or distance < best[0]:
                best = (distance, f, low, high)
    if best is None:
        return msg(
            "audit.tier_no_weight",
            "No single weight, moved alone, would put it in {tier}",
            tier=_tier_word(recorded),
        )
    _, f, low, high = best
    return msg(
        "audit.tier_would_be",
        "It would be in {tier} with the weight of {label} between {low:.0%} and {high:.0%} "
        "(now {now:.0%}), the other weights in proportion",
        tier=_tier_word(recorded),
        label=labels[f],
        low=low,
        high=high,
        now=float(weights[f]),
    )
