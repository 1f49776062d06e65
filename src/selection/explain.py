"""Explanations in words: why a producer stands where it does.

For additive methods (wsm, topsis) each criterion's contribution to the score
is compared with the average eligible producer's (what lifts it, what holds it
back) and with the producer just above it (what separates them). For other
methods the weighted normalized values play that role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np

if TYPE_CHECKING:
    from .ranking import Ranking

__all__ = ["explain"]

_SHOWN = 3


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
        f"{labels[j]} ({_cell(ranking, producer, j)}, {delta:+.3f})" for j, delta in items
    )


def explain(ranking: Ranking, producer: str) -> str:
    """Explain `producer`'s place in `ranking` (see :meth:`Ranking.explain`)."""
    row = ranking.table.loc[producer]
    name_column = next(
        (c for c in ("name", "nom", "raison_sociale") if c in ranking.producers.columns), None
    )
    title = producer
    if name_column is not None:
        title += f" · {str(ranking.producers.loc[producer, name_column]).strip()}"
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
            f"Score = {ranking.baseline:g} + the criteria's contributions; compared with the "
            "average eligible producer:"
        )
    else:
        lines.append("Weighted normalized values compared with the average eligible producer:")
    relative = effects[i] - effects.mean(axis=0)
    order = np.argsort(-relative)
    lifts = [(int(j), float(relative[j])) for j in order[:_SHOWN] if relative[j] > 1e-9]
    holds = [(int(j), float(relative[j])) for j in order[::-1][:_SHOWN] if relative[j] < -1e-9]
    lines.append("  lifted by: " + (_listing(ranking, producer, lifts) or "nothing"))
    lines.append("  held back by: " + (_listing(ranking, producer, holds) or "nothing"))

    above = ranking.ranked[ranking.ranked["rank"] < row["rank"]]
    if above.empty:
        lines.append("Nobody ranks above it.")
    else:
        other = str(above.index[-1])
        k = eligible_ids.index(other)
        gap = abs(float(above["score"].to_numpy(dtype=float)[-1]) - cast(float, row["score"]))
        lines.append(f"Versus {other} (rank {above['rank'].iloc[-1]}, {gap:.4f} ahead):")
        diff = effects[i] - effects[k]
        ahead = [(int(j), float(diff[j])) for j in np.argsort(diff)[:_SHOWN] if diff[j] < -1e-9]
        behind = [(int(j), float(diff[j])) for j in np.argsort(-diff)[:_SHOWN] if diff[j] > 1e-9]
        lines.append(
            f"  {other} does better on: "
            + (
                "; ".join(
                    f"{ranking.grid.criteria[j].label} ({_cell(ranking, other, j)} vs "
                    f"{_cell(ranking, producer, j)}, {-d:+.3f})"
                    for j, d in ahead
                )
                or "nothing"
            )
        )
        lines.append(
            f"  {producer} does better on: "
            + (
                "; ".join(
                    f"{ranking.grid.criteria[j].label} ({_cell(ranking, producer, j)} vs "
                    f"{_cell(ranking, other, j)}, {d:+.3f})"
                    for j, d in behind
                )
                or "nothing"
            )
        )
    imputed = ranking.matrix.imputed[ranking.matrix.ids.get_loc(producer)]
    if imputed.any():
        blanks = ", ".join(ranking.grid.criteria[j].label for j in np.flatnonzero(imputed))
        lines.append(f"Blank cells counted as the worst value: {blanks}.")
    return "\n".join(lines)
