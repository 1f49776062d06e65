"""Scoring engines behind one explicit registry.

Examples
--------
>>> from selection.vocabulary import Method
>>> engine_for(Method.TOPSIS).default_normalization
<Normalization.VECTOR: 'vector'>
>>> engine_for(Method.VIKOR).higher_is_better
False
"""

from __future__ import annotations

from ..vocabulary import Method
from .base import Breakdown, Engine, Problem
from .pymcdm_methods import PYMCDM_ENGINES
from .topsis import Topsis, topsis_scores
from .wsm import WeightedSum, wsm_scores

__all__ = [
    "ENGINES",
    "Breakdown",
    "Engine",
    "Problem",
    "Topsis",
    "WeightedSum",
    "engine_for",
    "topsis_scores",
    "wsm_scores",
]

#: Every method name a grid or a caller may ask for, and its engine.
ENGINES: dict[Method, Engine] = {
    Method.WSM: WeightedSum(),
    Method.TOPSIS: Topsis(),
    **PYMCDM_ENGINES,
}


def engine_for(method: Method) -> Engine:
    """The engine registered for `method`."""
    return ENGINES[method]
