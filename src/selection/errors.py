"""The one exception family of `selection`.

Every error a user can cause (a malformed grid, a misspelled criterion, a blank
cell, an unknown method) is a :class:`SelectionError`. Each carries, as
attributes, *where* the problem is (file and line, YAML path, or producer and
column), *what was expected*, *what was found* and, where one is known, a
*hint* to fix it. The message is built from those fields, so tests and programs
can read the fields while people read the message.

Examples
--------
>>> err = GridError(
...     "unknown direction",
...     where="grid.yaml, line 12 (batteries.locality.criteria.distance.direction)",
...     expected="one of: max, min",
...     found="'minimum'",
...     hint="did you mean 'min'?",
... )
>>> print(err)
grid.yaml, line 12 (batteries.locality.criteria.distance.direction): unknown direction
  expected: one of: max, min
  found: 'minimum'
  hint: did you mean 'min'?
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "DataError",
    "GridError",
    "MethodError",
    "SelectionError",
    "SelectionWarning",
    "WeightsError",
    "did_you_mean",
]


class SelectionError(ValueError):
    """Base class of every error caused by a user's input.

    Parameters
    ----------
    problem : str
        What is wrong, in a few words.
    where : str, optional
        Where it is: file and line, YAML path, producer id and column.
    expected : str, optional
        What was expected there.
    found : str, optional
        What was found instead.
    hint : str, optional
        How to fix it ("did you mean 'locality'?").
    """

    def __init__(
        self,
        problem: str,
        *,
        where: str | None = None,
        expected: str | None = None,
        found: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.where = where
        self.expected = expected
        self.found = found
        self.hint = hint
        super().__init__(self._message())

    def _message(self) -> str:
        head = f"{self.where}: {self.problem}" if self.where else self.problem
        lines = [head]
        for label, value in (
            ("expected", self.expected),
            ("found", self.found),
            ("hint", self.hint),
        ):
            if value:
                lines.append(f"  {label}: {value}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields survive pickling (multiprocessing, joblib).
        return (
            _rebuild,
            (type(self), self.problem, self.where, self.expected, self.found, self.hint),
        )


def _rebuild(
    cls: type[SelectionError],
    problem: str,
    where: str | None,
    expected: str | None,
    found: str | None,
    hint: str | None,
) -> SelectionError:
    return cls(problem, where=where, expected=expected, found=found, hint=hint)


class GridError(SelectionError):
    """A grid file or a `Grid` is malformed or inconsistent."""


class DataError(SelectionError):
    """A producer table does not fit the grid (missing column, blank cell, bad value)."""


class MethodError(SelectionError):
    """An unknown or unusable scoring method or normalization was asked for."""


class WeightsError(GridError):
    """A committee member's weights (a weights file, or a `Member`) are malformed or don't fit.

    A subclass of :class:`GridError`: member weights override a grid's weights.
    """


class SelectionWarning(UserWarning):
    """Something works but deserves a look (e.g. inconsistent AHP comparisons)."""


def did_you_mean(found: str, choices: Iterable[str]) -> str | None:
    """Suggest the closest spelling among `choices`, or None.

    Examples
    --------
    >>> did_you_mean("localty", ["quality", "locality", "accessibility"])
    "did you mean 'locality'?"
    >>> did_you_mean("zzz", ["quality"]) is None
    True
    """
    close = difflib.get_close_matches(str(found), list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None
