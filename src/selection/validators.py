"""One set of validators for the arguments and fields people give.

In the spirit of attrs' ``validators``: each checks one thing and, when it is
not so, raises a :class:`~selection.errors.SelectionError` (or the subclass
asked for) that names the field, says what is expected and shows what was
found, with a "did you mean" where a choice was misspelled.

Examples
--------
>>> whole_number(3, "k", low=1)
3
>>> whole_number(0, "samples", low=1)
Traceback (most recent call last):
...
selection.errors.ArgumentError: samples: samples out of range
  expected: a whole number ≥ 1
  found: 0
>>> one_of("batery", "level", ("criterion", "battery"))
Traceback (most recent call last):
...
selection.errors.ArgumentError: level: unknown level
  expected: one of: criterion, battery
  found: 'batery'
  hint: did you mean 'battery'?
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from .errors import ArgumentError, SelectionError, did_you_mean
from .messages import LANGUAGES, Message, msg

__all__ = [
    "finite_number",
    "language",
    "one_of",
    "shorten",
    "weight",
    "whole_number",
]

E = TypeVar("E", bound=Enum)

#: Longest value shown in a message; longer ones are cut in the middle.
SHOWN_LENGTH = 80


def shorten(value: object, limit: int = SHOWN_LENGTH) -> str:
    """`repr(value)`, cut in the middle when longer than `limit` (a 5,000-character id).

    Examples
    --------
    >>> shorten("x" * 200, 20)
    "'xxxxxxxx…xxxxxxxxx'"
    """
    text = repr(value.item() if hasattr(value, "item") and callable(value.item) else value)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


def whole_number(
    value: object,
    name: str,
    *,
    low: int | None = None,
    high: int | None = None,
    where: str | Message | None = None,
    error: type[SelectionError] = ArgumentError,
    problem: str | Message | None = None,
    expected: str | Message | None = None,
) -> int:
    """`value` as an int in [low, high] (either bound may be left open), or `error`.

    Booleans are refused: ``True`` is not a count. `problem` and `expected`
    replace the standard wording where a field says more (``"2 or more"``).
    """
    if not isinstance(value, bool) and isinstance(value, numbers.Integral):
        number = int(value)
        if (low is None or number >= low) and (high is None or number <= high):
            return number
    if expected is None:
        if low is not None and high is not None:
            expected = msg(
                "expected.whole_between", "a whole number from {low} to {high}", low=low, high=high
            )
        elif low is not None:
            expected = msg("expected.whole_at_least", "a whole number ≥ {low}", low=low)
        elif high is not None:
            expected = msg("expected.whole_at_most", "a whole number ≤ {high}", high=high)
        else:
            expected = msg("expected.whole", "a whole number")
    raise error(
        problem or msg("problem.out_of_range", "{name} out of range", name=name),
        where=where or name,
        expected=expected,
        found=shorten(value),
    )


def _as_float(value: object) -> float | None:
    """A real number as a float (inf beyond float range); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except OverflowError:  # an int beyond float range
        return math.inf


def finite_number(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    where: str | Message | None = None,
    error: type[SelectionError] = ArgumentError,
    hint: str | Message | None = None,
    problem: str | Message | None = None,
    expected: str | Message | None = None,
) -> float:
    """`value` as a finite float in [low, high] (either bound may be open), or `error`."""
    number = _as_float(value)
    if (
        number is not None
        and math.isfinite(number)
        and (low is None or number >= low)
        and (high is None or number <= high)
    ):
        return number
    if expected is None:
        if low is not None and high is not None:
            expected = msg(
                "expected.number_between",
                "a finite number from {low:g} to {high:g}",
                low=low,
                high=high,
            )
        elif low is not None:
            expected = msg("expected.number_at_least", "a finite number ≥ {low:g}", low=low)
        elif high is not None:
            expected = msg("expected.number_at_most", "a finite number ≤ {high:g}", high=high)
        else:
            expected = msg("expected.number", "a finite number")
    if problem is None:
        problem = (
            msg("problem.bad_number", "{name} must be a finite number", name=name)
            if number is None or not math.isfinite(number)
            else msg("problem.out_of_range", "{name} out of range", name=name)
        )
    raise error(problem, where=where or name, expected=expected, found=shorten(value), hint=hint)


def weight(
    value: object,
    where: str | Message,
    *,
    error: type[SelectionError] = ArgumentError,
    hint: str | Message | None = None,
) -> float:
    """A weight in points: a finite number ≥ 0 (0 switches a criterion off), or `error`."""
    if _as_float(value) is None:
        raise error(
            msg("weight.not_number", "expected a number"),
            where=where,
            expected=msg("weight.expected", "a non-negative number of points, e.g. 3 or 2.5"),
            found=shorten(value),
        )
    return finite_number(
        value,
        "weight",
        low=0.0,
        where=where,
        error=error,
        problem=msg("weight.negative", "a weight must be finite and non-negative"),
        expected=msg("weight.at_least_zero", "a number ≥ 0"),
        hint=hint
        or msg(
            "weight.hint",
            "give 0 to switch a criterion off; weights are points, the library normalizes them",
        ),
    )


def one_of(
    value: object,
    name: str,
    choices: Iterable[str] | type[E],
    *,
    where: str | Message | None = None,
    what: str | Message | None = None,
    error: type[SelectionError] = ArgumentError,
) -> Any:
    """The choice spelled `value` (an Enum member when `choices` is an Enum), or `error`.

    Text is compared without case, surrounding spaces, or the difference between
    ``-`` and ``_``.

    Examples
    --------
    >>> from selection.engines.vocabulary import Method
    >>> one_of("TOPSIS", "method", Method)
    <Method.TOPSIS: 'topsis'>
    """
    if isinstance(choices, type) and issubclass(choices, Enum):
        if isinstance(value, choices):
            return value
        spellings = [str(member.value) for member in choices]
    else:
        spellings = [str(choice) for choice in choices]
    text = str(value).strip().lower().replace("-", "_") if isinstance(value, str) else None
    for spelling in spellings:
        if text is not None and spelling.lower().replace("-", "_") == text:
            if isinstance(choices, type) and issubclass(choices, Enum):
                return choices(spelling)
            return spelling
    raise error(
        msg("problem.unknown_choice", "unknown {what}", what=what or name),
        where=where or name,
        expected=msg("expected.one_of", "one of: {choices}", choices=", ".join(spellings)),
        found=shorten(value),
        hint=did_you_mean(text if text is not None else str(value), spellings),
    )


def language(lang: object) -> str | None:
    """A ``lang`` argument checked: None (the language rule), or exactly ``"fr"`` or ``"en"``.

    Examples
    --------
    >>> language("FR")
    Traceback (most recent call last):
    ...
    selection.errors.ArgumentError: lang: unknown language
      expected: one of: fr, en
      found: 'FR'
      hint: did you mean 'fr'?
    """
    if lang is None or (isinstance(lang, str) and lang in LANGUAGES):
        return lang
    raise ArgumentError(
        msg("problem.unknown_choice", "unknown {what}", what=msg("what.language", "language")),
        where="lang",
        expected=msg("expected.one_of", "one of: {choices}", choices=", ".join(LANGUAGES)),
        found=shorten(lang),
        hint=did_you_mean(str(lang).lower(), LANGUAGES),
    )
