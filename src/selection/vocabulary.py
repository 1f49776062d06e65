"""Closed vocabularies of the grid format, as Enums.

Each Enum's values are the spellings accepted in a grid file. :func:`parse_enum`
turns a spelling into a member, or raises a :class:`~selection.errors.GridError`
that lists every accepted spelling.

Examples
--------
>>> parse_enum(Direction, "MIN", where="grid.yaml, line 3")
<Direction.MIN: 'min'>
>>> parse_enum(Method, "topsys", where="grid.yaml, line 4")
Traceback (most recent call last):
...
selection.errors.GridError: grid.yaml, line 4: unknown method
  expected: one of: wsm, topsis, vikor, promethee_ii, spotis, edas, mabac, mairca, moora,
  probid, cocoso, aroman, copras, aras, waspas, wpm
  found: 'topsys'
  hint: did you mean 'topsis'?
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import TypeVar

from .errors import GridError, did_you_mean

__all__ = ["Direction", "Method", "MissingPolicy", "Normalization", "parse_enum"]


class Direction(StrEnum):
    """Whether more is better (``max``) or less is better (``min``)."""

    MAX = "max"
    MIN = "min"

    @property
    def sign(self) -> int:
        """+1 for a benefit criterion, -1 for a cost criterion (pymcdm's ``types``)."""
        return 1 if self is Direction.MAX else -1


class MissingPolicy(StrEnum):
    """What a blank cell does.

    ``raise``: refuse the table and list every blank cell; ``worst``: count the
    blank as the worst value (the declared bound if the criterion has one, else
    the worst value among eligible producers); ``exclude``: mark the producer
    ineligible, with the blank column as the reason.
    """

    RAISE = "raise"
    WORST = "worst"
    EXCLUDE = "exclude"


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
    """Column normalizations; formulas in :mod:`selection.normalization`."""

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


E = TypeVar("E", bound=Enum)


def parse_enum(enum: type[E], value: object, *, where: str | None = None) -> E:
    """The member of `enum` spelled `value` (case-insensitive), or a GridError."""
    if isinstance(value, enum):
        return value
    spellings = [str(member.value) for member in enum]
    text = str(value).strip().lower().replace("-", "_")
    for member in enum:
        if member.value == text:
            return member
    label = {
        "Direction": "direction",
        "MissingPolicy": "missing-data policy",
        "Method": "method",
        "Normalization": "normalization",
    }.get(enum.__name__, enum.__name__)
    raise GridError(
        f"unknown {label}",
        where=where,
        expected="one of: " + ", ".join(spellings),
        found=repr(value),
        hint=did_you_mean(text, spellings),
    )
