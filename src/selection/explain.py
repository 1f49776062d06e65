"""Explanations in words: why a producer stands where it does.

For additive methods (wsm, topsis) each criterion's contribution to the score
is compared with the average eligible producer's (what lifts it, what holds it
back) and with the producer just above it (what separates them). For other
methods the weighted normalized values play that role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

import numpy as np

if TYPE_CHECKING:
    from .ranking import Ranking

__all__ = ["explain"]

_SHOWN = 3
#: Effects smaller than this (in score points) are not worth a mention.
_NEGLIGIBLE = 0.001


def _cell(ranking: Ranking, producer: str, j: int) -> str:
    """The producer's value on criterion j, as written in the table when possible."""
    criterion = ranking.grid.criteria[j]
    value = ranking.matrix.values[ranking.matrix.ids.get_loc(producer), j]
    if ranking.matrix.imputed[ranking.matrix.ids.get_loc(producer), j]:
        return "blank, counted as the worst"
    if criterion.kind.name in ("levels", "boolean"):
        return str(ranking.producers.loc[producer, criterion.kind.columns[0]]).strip()
    return f"{value:.4g}"


def _effects(ranking: Ranking) -> np.ndarray:
    """(eligible producers × criteria) per-criterion effect on the score."""
    if ranking.breakdown.contributions is not None:
        return np.asarray(ranking.breakdown.contributions)
    sign = 1.0 if ranking.higher_is_better else -1.0
    return np.asarray(sign * ranking.problem.normalized * ranking.weights.to_numpy())


def _listing(ranking: Ranking, producer: str, items: list[tuple[int, float]]) -> str:
    labels = [c.label for c in ranking.grid.criteria]
    return "; ".join(
        f"{labels[j]} = {_cell(ranking, producer, j)} → {delta:+.3f}" for j, delta in items
    )


def _title(ranking: Ranking, producer: str) -> str:
    """``P004 · EARL Thévenet`` when the table has a name column, else the id."""
    name_column = next(
        (c for c in ("name", "nom", "raison_sociale") if c in ranking.producers.columns), None
    )
    if name_column is None:
        return producer
    return f"{producer} · {str(ranking.producers.loc[producer, name_column]).strip()}"


def robustness_sentence(ranking: Ranking, producer: str, k: int) -> str:
    """The robustness summary of one eligible producer (battery level when there are several)."""
    from .sensitivity import robustness

    if len(ranking.grid.batteries) >= 2:
        level: Literal["battery", "criterion"] = "battery"
    elif len(ranking.grid.criteria) >= 2:
        level = "criterion"
    else:
        return "Robustness: the grid has a single weight, nothing to vary."
    table = robustness(
        ranking.producers.reset_index(drop=True),
        ranking.grid,
        k=min(k, int(ranking.table["eligible"].sum())),
        level=level,
        method=ranking.method,
        normalization=None if ranking.normalization == "built-in" else ranking.normalization,
    )
    return f"Robustness: {table['summary'].to_dict()[producer]}"


def separating(ranking: Ranking, first: str, second: str) -> list[str]:
    """Two lines: the criteria on which each of two eligible producers does better.

    Each criterion is listed with both values and its effect on the score gap
    (in score points), the largest first; negligible ones are left out.

    Examples
    --------
    >>> import selection
    >>> ranking = selection.rank(
    ...     selection.example_producers_path(), selection.example_grid_path())
    >>> best, second = ranking.ranked.index[:2]
    >>> print(separating(ranking, best, second)[0])  # doctest: +ELLIPSIS
    P... does better on: ...
    """
    eligible_ids = list(ranking.matrix.ids[ranking.matrix.eligible])
    a, b = eligible_ids.index(first), eligible_ids.index(second)
    effects = _effects(ranking)
    diff = effects[a] - effects[b]
    # A criterion separates them only where one really is better on it, whatever the
    # method's bookkeeping says (TOPSIS shares depend on each producer's distances).
    better = np.sign(ranking.problem.normalized[a] - ranking.problem.normalized[b])
    diff = np.where(np.sign(diff) == better, diff, 0.0)
    first_better = [(int(j), float(diff[j])) for j in np.argsort(-diff) if diff[j] > _NEGLIGIBLE]
    second_better = [(int(j), -float(diff[j])) for j in np.argsort(diff) if diff[j] < -_NEGLIGIBLE]
    lines = []
    for who, versus, items in ((first, second, first_better), (second, first, second_better)):
        listed = "; ".join(
            f"{ranking.grid.criteria[j].label}: {_cell(ranking, who, j)} vs "
            f"{_cell(ranking, versus, j)} → {d:+.3f}"
            for j, d in items[:_SHOWN]
        )
        lines.append(f"{who} does better on: {listed or 'nothing that matters'}")
    return lines


def explain(ranking: Ranking, producer: str, robustness: bool = False, k: int = 10) -> str:
    """Explain `producer`'s place in `ranking` (see :meth:`Ranking.explain`)."""
    row = ranking.table.loc[producer]
    title = _title(ranking, producer)
    if not row["eligible"]:
        return f"{title} — not eligible: {row['reason']}."

    eligible_ids = list(ranking.matrix.ids[ranking.matrix.eligible])
    i = eligible_ids.index(producer)
    effects = _effects(ranking)
    count = len(eligible_ids)
    lines = [
        f"{title} — rank {row['rank']} of {count} eligible producers, score "
        f"{row['score']:.4f} ({ranking.method}, {ranking.normalization} normalization, "
        f"grid {ranking.grid.short_hash})."
    ]
    if ranking.baseline is not None:
        lines.append(
            f"Score = {ranking.baseline:g} + the criteria's contributions. Compared with the "
            "average eligible producer (in score points):"
        )
    else:
        lines.append("Weighted normalized values compared with the average eligible producer:")
    relative = effects[i] - effects.mean(axis=0)
    order = np.argsort(-relative)
    lifts = [(int(j), float(relative[j])) for j in order if relative[j] > _NEGLIGIBLE][:_SHOWN]
    holds = [(int(j), float(relative[j])) for j in order[::-1] if relative[j] < -_NEGLIGIBLE][
        :_SHOWN
    ]
    lines.append("  lifted by: " + (_listing(ranking, producer, lifts) or "nothing that matters"))
    lines.append(
        "  held back by: " + (_listing(ranking, producer, holds) or "nothing that matters")
    )

    above = ranking.ranked[ranking.ranked["rank"] < row["rank"]]
    if above.empty:
        lines.append("Nobody ranks above it.")
    else:
        other = str(above.index[-1])
        gap = abs(float(above["score"].to_numpy(dtype=float)[-1]) - cast(float, row["score"]))
        lines.append(
            f"Versus {_title(ranking, other)} (rank {above['rank'].iloc[-1]}, {gap:.4f} ahead):"
        )
        lines += ["  " + line for line in separating(ranking, other, producer)]
    imputed = ranking.matrix.imputed[ranking.matrix.ids.get_loc(producer)]
    if imputed.any():
        blanks = ", ".join(ranking.grid.criteria[j].label for j in np.flatnonzero(imputed))
        lines.append(f"Blank cells counted as the worst value: {blanks}.")
    if robustness and len(eligible_ids) >= 2:
        lines.append(robustness_sentence(ranking, producer, k))
    return "\n".join(lines)
