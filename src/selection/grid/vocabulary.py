"""Closed vocabularies of the grid format, as Enums.

Each Enum's values are the spellings accepted in a grid file;
:func:`selection.validators.one_of` turns a spelling into a member, or raises an
error that lists every accepted spelling.

Examples
--------
>>> Direction("min").sign, MissingPolicy.WORST.value
(-1, 'worst')
"""

from __future__ import annotations

from enum import StrEnum

from ..messages import Message, msg

__all__ = ["LEVEL_NAMES", "Direction", "MissingPolicy", "level_name"]

#: The levels of a grid in words: a weight is a criterion's or a battery's.
LEVEL_NAMES = {
    "criterion": msg("level.criterion", "criterion"),
    "battery": msg("level.battery", "battery"),
}


def level_name(level: object) -> Message | str:
    """The level ``criterion`` or ``battery`` as a word of the current language.

    Examples
    --------
    >>> level_name("battery").render("fr"), level_name("other")
    ('batterie', 'other')
    """
    return LEVEL_NAMES.get(str(level), str(level))


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
