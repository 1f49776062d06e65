"""The names of the scoring methods and normalizations a grid or a caller may ask for.

Closed vocabularies as Enums: their values are the spellings accepted in a grid
file and in arguments (see :func:`selection.validators.one_of`).

Examples
--------
>>> Method("topsis"), Normalization.VECTOR.value
(<Method.TOPSIS: 'topsis'>, 'vector')
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Method", "Normalization"]


class Method(StrEnum):
    """Scoring methods: the two batch kernels of `selection`, then pymcdm's methods."""

    WSM = "wsm"
    TOPSIS = "topsis"
    VIKOR = "vikor"
    PROMETHEE_II = "promethee_ii"
    SPOTIS = "spotis"
    EDAS = "edas"
    MABAC = "mabac"
    MAIRCA = "mairca"
    MOORA = "moora"
    PROBID = "probid"
    COCOSO = "cocoso"
    AROMAN = "aroman"
    COPRAS = "copras"
    ARAS = "aras"
    WASPAS = "waspas"
    WPM = "wpm"


class Normalization(StrEnum):
    """Column normalizations; formulas in :mod:`selection.engines.normalization`."""

    NONE = "none"
    SCALE = "scale"
    MINMAX = "minmax"
    MAX = "max"
    SUM = "sum"
    VECTOR = "vector"
    LINEAR = "linear"
    LOGARITHMIC = "logarithmic"
    NONLINEAR = "nonlinear"
    ENHANCED_ACCURACY = "enhanced_accuracy"
    ZAVADSKAS_TURSKIS = "zavadskas_turskis"
