"""Explanations in words: why a producer stands where it does.

For additive engines (their capabilities say so: the weighted sum, TOPSIS) each
criterion's contribution to the score is compared with the average eligible
producer's (what lifts it, what holds it back) and with the producer just above
it (what separates them). For other methods the weighted normalized values play
that role. Every line is a message (:mod:`selection.messages`), rendered in the
language asked for.

This module reads a ranking by what it holds (:class:`Explained`), so that
:class:`selection.Ranking` can call it without an import circle.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

import numpy as np
import pandas as pd

from .engines import Breakdown, Problem
from .grid import Grid
from .messages import Message, msg, msgn, render
from .scoring import DecisionMatrix, Prepared
from .sensitivity import robustness as robustness_of

__all__ = ["Explained", "explain", "explanation", "separating"]

_SHOWN = 3
#: Effects smaller than this (in score points) are not worth a mention.
_NEGLIGIBLE = 0.001


class Explained(Protocol):
    """What an explanation reads of a ranking (a :class:`selection.Ranking` has it all)."""

    @property
    def table(self) -> pd.DataFrame: ...  # noqa: D102

    @property
    def prepared(self) -> Prepared: ...  # noqa: D102

    @property
    def breakdown(self) -> Breakdown: ...  # noqa: D102

    @property
    def baseline(self) -> float | None: ...  # noqa: D102

    @property
    def weights(self) -> pd.Series: ...  # noqa: D102

    @property
    def normalization(self) -> str: ...  # noqa: D102

    @property
    def ranked(self) -> pd.DataFrame: ...  # noqa: D102


def _grid(ranking: Explained) -> Grid:
    return ranking.prepared.grid


def _matrix(ranking: Explained) -> DecisionMatrix:
    return ranking.prepared.matrix


def _problem(ranking: Explained) -> Problem:
    return ranking.prepared.problem


def _cell(ranking: Explained, producer: str, j: int) -> Message | str:
    """The producer's value on criterion j, as written in the table when people wrote words."""
    criterion = _grid(ranking).criteria[j]
    matrix = _matrix(ranking)
    row = matrix.ids.get_loc(producer)
    if matrix.imputed[row, j]:
        return msg("explain.blank_cell", "blank, counted as the worst")
    judgments = getattr(matrix, "judgments", None)
    if judgments is not None and criterion.kind.nature.value == "judged":
        line = judgments.table.loc[(producer, criterion.key)]
        return msg(
            "explain.majority_grade",
            "{grade}{gauge} (majority grade of {count} grades)",
            grade=str(line["majority_grade"]),
            gauge=str(line["gauge"]),
            count=int(line["graded"]),
        )
    if criterion.kind.nature.worded:
        return str(ranking.prepared.producers.loc[producer, criterion.kind.columns[0]]).strip()
    return msg("explain.value", "{value:.4g}", value=float(matrix.values[row, j]))  # noqa: PD011


def cell_text(ranking: Explained, producer: str, key: str) -> Message | str:
    """A producer's value on criterion `key` as people wrote it (a word, a number, blank)."""
    return _cell(ranking, producer, list(_grid(ranking).keys).index(key))


def _effects(ranking: Explained) -> np.ndarray:
    """(eligible producers × criteria) per-criterion effect on the score."""
    if ranking.breakdown.contributions is not None:
        return np.asarray(ranking.breakdown.contributions)
    sign = 1.0 if ranking.prepared.engine.higher_is_better else -1.0
    return np.asarray(sign * _problem(ranking).normalized * ranking.weights.to_numpy())


def _items(ranking: Explained, producer: str, items: list[tuple[int, float]]) -> list[Message]:
    labels = [c.label for c in _grid(ranking).criteria]
    return [
        msg(
            "explain.item",
            "{label} = {cell} → {delta:+.3f}",
            label=labels[j],
            cell=_cell(ranking, producer, j),
            delta=delta,
        )
        for j, delta in items
    ]


def _or_nothing(items: list[Message]) -> list[Message] | Message:
    return items or msg("explain.nothing", "nothing that matters")


def separating(ranking: Explained, first: str, second: str) -> list[Message]:
    """Two lines: the criteria on which each of two eligible producers does better.

    Each criterion is listed with both values and its effect on the score gap
    (in score points), the largest first; negligible ones are left out.

    Examples
    --------
    >>> import selection
    >>> ranking = selection.rank(
    ...     selection.example_producers_path(), selection.example_grid_path())
    >>> best, second = ranking.ranked.index[:2]
    >>> print(separating(ranking, best, second)[0].render("en"))  # doctest: +ELLIPSIS
    P... does better on: ...
    """
    eligible_ids = list(ranking.prepared.ids)
    a, b = eligible_ids.index(first), eligible_ids.index(second)
    effects = _effects(ranking)
    diff = effects[a] - effects[b]
    # A criterion separates them only where one really is better on it, whatever the
    # method's bookkeeping says (TOPSIS shares depend on each producer's distances).
    normalized = _problem(ranking).normalized
    better = np.sign(normalized[a] - normalized[b])
    diff = np.where(np.sign(diff) == better, diff, 0.0)
    first_better = [(int(j), float(diff[j])) for j in np.argsort(-diff) if diff[j] > _NEGLIGIBLE]
    second_better = [(int(j), -float(diff[j])) for j in np.argsort(diff) if diff[j] < -_NEGLIGIBLE]
    labels = [c.label for c in _grid(ranking).criteria]
    lines = []
    for who, versus, items in ((first, second, first_better), (second, first, second_better)):
        listed = [
            msg(
                "explain.versus_item",
                "{label}: {mine} vs {theirs} → {delta:+.3f}",
                label=labels[j],
                mine=_cell(ranking, who, j),
                theirs=_cell(ranking, versus, j),
                delta=d,
            )
            for j, d in items[:_SHOWN]
        ]
        lines.append(
            msg(
                "explain.does_better",
                "{who} does better on: {items}",
                who=who,
                items=_or_nothing(listed),
            )
        )
    return lines


def robustness_line(ranking: Explained, producer: str, k: int, lang: str | None) -> Message:
    """The robustness of one eligible producer (battery level when there are several)."""
    grid = _grid(ranking)
    level: Literal["criterion", "battery"]
    if len(grid.batteries) >= 2:
        level = "battery"
    elif len(grid.criteria) >= 2:
        level = "criterion"
    else:
        return msg(
            "explain.single_weight", "Robustness: the grid has a single weight, nothing to vary."
        )
    result = robustness_of(ranking.prepared, k=k, level=level, lang=lang)
    return msg("explain.robustness", "Robustness: {sentence}", sentence=result.sentences[producer])


def explanation(ranking: Explained, producer: str) -> list[Message]:
    """The lines of :func:`explain`, as messages."""
    row: Any = ranking.table.loc[producer]
    prepared = ranking.prepared
    who = prepared.who(producer)
    if not row["eligible"]:
        reasons = prepared.matrix.reasons[prepared.matrix.ids.get_loc(producer)]
        return [
            msg(
                "explain.not_eligible",
                "{who} — not eligible: {reasons}.",
                who=who,
                reasons=list(reasons),
            )
        ]
    eligible_ids = list(prepared.ids)
    i = eligible_ids.index(producer)
    effects = _effects(ranking)
    lines = [
        msgn(
            "explain.title",
            "{who} — rank {rank} of {count} eligible producer, score {score:.4f} ({method}, "
            "{normalization} normalization, grid {hash}).",
            "{who} — rank {rank} of {count} eligible producers, score {score:.4f} ({method}, "
            "{normalization} normalization, grid {hash}).",
            who=who,
            rank=int(row["rank"]),
            count=len(eligible_ids),
            score=float(row["score"]),
            method=prepared.method,
            normalization=ranking.normalization,
            hash=prepared.grid.short_hash,
        )
    ]
    if ranking.baseline is not None:
        lines.append(
            msg(
                "explain.additive",
                "Score = {baseline:g} + the criteria's contributions. Compared with the "
                "average eligible producer (in score points):",
                baseline=ranking.baseline,
            )
        )
    else:
        lines.append(
            msg(
                "explain.weighted_values",
                "Weighted normalized values compared with the average eligible producer:",
            )
        )
    relative = effects[i] - effects.mean(axis=0)
    order = np.argsort(-relative)
    lifts = [(int(j), float(relative[j])) for j in order if relative[j] > _NEGLIGIBLE][:_SHOWN]
    holds = [(int(j), float(relative[j])) for j in order[::-1] if relative[j] < -_NEGLIGIBLE][
        :_SHOWN
    ]
    lines.append(
        msg(
            "explain.lifted",
            "  lifted by: {items}",
            items=_or_nothing(_items(ranking, producer, lifts)),
        )
    )
    lines.append(
        msg(
            "explain.held_back",
            "  held back by: {items}",
            items=_or_nothing(_items(ranking, producer, holds)),
        )
    )
    above = ranking.ranked[ranking.ranked["rank"] < row["rank"]]
    if above.empty:
        lines.append(msg("explain.first", "Nobody ranks above it."))
    else:
        other = str(above.index[-1])
        gap = abs(float(above["score"].to_numpy(dtype=float)[-1]) - float(row["score"]))
        lines.append(
            msg(
                "explain.versus",
                "Versus {who} (rank {rank}, {gap:.4f} ahead):",
                who=prepared.who(other),
                rank=int(above["rank"].iloc[-1]),
                gap=gap,
            )
        )
        lines += [
            msg("explain.indent", "  {line}", line=line)
            for line in separating(ranking, other, producer)
        ]
    imputed = prepared.matrix.imputed[prepared.matrix.ids.get_loc(producer)]
    if imputed.any():
        blanks = ", ".join(prepared.grid.criteria[j].label for j in np.flatnonzero(imputed))
        lines.append(
            msg(
                "explain.imputed",
                "Blank cells counted as the worst value: {labels}.",
                labels=blanks,
            )
        )
    return lines


def explain(
    ranking: Explained,
    producer: str,
    *,
    robustness: bool = False,
    k: int = 10,
    lang: str | None = None,
) -> str:
    """Explain `producer`'s place in `ranking` (see :meth:`selection.Ranking.explain`)."""
    lines = [render(line, lang) for line in explanation(ranking, producer)]
    if robustness and ranking.table.loc[producer, "eligible"] and ranking.prepared.n >= 2:
        lines.append(render(robustness_line(ranking, producer, k, lang), lang))
    return "\n".join(lines)
