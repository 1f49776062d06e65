"""The report's words built from the library's messages: badges, robustness, gates, reasons.

Reasons and robustness sentences are made once, as messages, by the library
(:mod:`selection.scoring`, :mod:`selection.sensitivity`); the report only
renders them in its language.
"""

from __future__ import annotations

import pandas as pd

from ..grid import Gate
from .facts import Facts

__all__ = ["SURE", "badge", "condition", "reason", "sentence"]

#: The share of plausible weightings that must keep a producer on its side of the line
#: for the report to say it stays there.
SURE = 0.9


def badge(facts: Facts, producer: object, row: pd.Series) -> str:
    """What is true of the producer's place: ``stays_in``, ``stays_out`` or ``depends``.

    A selected producer that plausible weightings keep among the first k (at
    least :data:`SURE` of them) stays in; one left out that they keep out stays
    out; any other place depends on the weights. A badge never says "solid" of a
    producer that is out.
    """
    if facts.selected(producer):
        return "stays_in" if float(row["in_top"]) >= SURE else "depends"
    return "stays_out" if 1.0 - float(row["in_top"]) >= SURE else "depends"


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
