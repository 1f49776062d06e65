"""The report's words built from the library's messages: badges, robustness, gates, reasons.

Reasons and robustness sentences are made once, as messages, by the library
(:mod:`selection.scoring`, :mod:`selection.sensitivity`); the report only
renders them in its language.
"""

from __future__ import annotations

import pandas as pd

from ..grid import Gate
from .facts import Facts

__all__ = ["BORDERLINE", "SOLID", "badge", "condition", "reason", "sentence"]

#: Badge thresholds on the share of plausible weightings keeping a producer on its side of k.
SOLID, BORDERLINE = 0.9, 0.6


def badge(facts: Facts, row: pd.Series) -> str:
    """solid, borderline or fragile: how often the producer stays on its side of the top k."""
    inside = int(row["rank"]) <= facts.k
    keeps = float(row["in_top"]) if inside else 1.0 - float(row["in_top"])
    if keeps >= SOLID:
        return "solid"
    return "borderline" if keeps >= BORDERLINE else "fragile"


def sentence(facts: Facts, producer: object) -> str:
    """The robustness of one producer in words, in the report's language."""
    assert facts.robust is not None
    return facts.text.render(facts.robust.sentences[str(producer)])


def condition(facts: Facts, gate: Gate) -> str:
    """A gate in words, with the criterion's label from the grid."""
    label = facts.label(gate.criterion) if gate.criterion is not None else None
    return facts.text.render(gate.condition(label))


def reason(facts: Facts, producer: object) -> str:
    """Why a producer is ineligible, in the report's language."""
    return facts.text.render(list(facts.ranking.reasons[str(producer)]))
