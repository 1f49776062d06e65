"""The one exception family of `selection`.

Every error a user can cause (a malformed grid, a misspelled criterion, a blank
cell, an unknown method) is a :class:`SelectionError`. Each carries, as
attributes, *where* the problem is (file and line, YAML path, or producer and
column), *what was expected*, *what was found* and, where one is known, a
*hint* to fix it. The message is built from those fields, so tests and programs
can read the fields while people read the message.

A field may be plain text or a :class:`~selection.messages.Message`; the
attributes hold the text rendered in the current language (see
:mod:`selection.messages`), and :attr:`SelectionError.parts` the fields as given.

Examples
--------
>>> err = GridError(
...     "unknown direction",
...     where="grid.yaml, line 12 (batteries.locality.criteria.distance.direction)",
...     expected="one of: max, min",
...     found="'minimum'",
...     hint="did you mean 'min'?",
... )
>>> with language("en"):
...     print(err)
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

from .messages import Message, language, msg, render

__all__ = [
    "ArgumentError",
    "DataError",
    "GridError",
    "MethodError",
    "OutputError",
    "SelectionError",
    "SelectionWarning",
    "WeightsError",
    "did_you_mean",
    "language",
]

Text = str | Message

#: The lines of an error after the first: each field with its label.
_LINES = {
    "expected": msg("error.expected", "  expected: {value}"),
    "found": msg("error.found", "  found: {value}"),
    "hint": msg("error.hint", "  hint: {value}"),
}


def _text(value: Text | None) -> str | None:
    return None if value is None else render(value)


class SelectionError(ValueError):
    """Base class of every error caused by a user's input.

    Parameters
    ----------
    problem : str or Message
        What is wrong, in a few words.
    where : str or Message, optional
        Where it is: file and line, YAML path, producer id and column.
    expected : str or Message, optional
        What was expected there.
    found : str or Message, optional
        What was found instead.
    hint : str or Message, optional
        How to fix it ("did you mean 'locality'?").

    Attributes
    ----------
    problem, where, expected, found, hint : str or None
        The fields in words, in the language in force when the error was made.
    parts : dict
        The fields as given (Messages keep their code and values).
    path : str or None
        For a document (grid, weights file), the YAML path of the problem
        (``batteries.quality.weight``); for a table, the criterion key or the
        column; None when not known. Used to report every problem at once.
    line : int or None
        The line of a document the problem is on, when known.
    """

    path: str | None = None
    line: int | None = None

    def __init__(
        self,
        problem: Text,
        *,
        where: Text | None = None,
        expected: Text | None = None,
        found: Text | None = None,
        hint: Text | None = None,
    ) -> None:
        self.parts: dict[str, Text | None] = {
            "problem": problem,
            "where": where,
            "expected": expected,
            "found": found,
            "hint": hint,
        }
        self.problem: str = render(problem)
        self.where = _text(where)
        self.expected = _text(expected)
        self.found = _text(found)
        self.hint = _text(hint)
        super().__init__(self._message())

    @property
    def code(self) -> str | None:
        """The code of the problem when it was given as a Message, e.g. ``"gate.failed"``."""
        problem = self.parts["problem"]
        return problem.code if isinstance(problem, Message) else None

    def _message(self) -> str:
        head = (
            render(
                msg("error.where", "{where}: {problem}", where=self.where, problem=self.problem)
            )
            if self.where
            else self.problem
        )
        lines = [head]
        for name, line in _LINES.items():
            value = getattr(self, name)
            if value:
                lines.append(render(Message(line.code, line.text, {"value": value})))
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


class ArgumentError(SelectionError):
    """An argument of a function, or an option of a command, cannot be used as given."""


class GridError(SelectionError):
    """A grid file or a `Grid` is malformed or inconsistent."""


class DataError(SelectionError):
    """A producer table does not fit the grid (missing column, blank cell, bad value)."""


class MethodError(SelectionError):
    """An unknown or unusable scoring method or normalization was asked for."""


class OutputError(SelectionError):
    """An output file cannot be written where asked (a folder, a device, one of the inputs...).

    Nothing is written and nothing is lost: see :func:`selection.files.write_atomically`.
    """


class WeightsError(GridError):
    """A committee member's weights (a weights file, or a `Member`) are malformed or don't fit.

    A subclass of :class:`GridError`: member weights override a grid's weights.
    """


class SelectionWarning(UserWarning):
    """Something works but deserves a look (e.g. inconsistent AHP comparisons)."""


def did_you_mean(found: object, choices: Iterable[str]) -> Message | None:
    """Suggest the closest spelling among `choices`, or None.

    Examples
    --------
    >>> did_you_mean("localty", ["quality", "locality", "accessibility"]).render("en")
    "did you mean 'locality'?"
    >>> did_you_mean("zzz", ["quality"]) is None
    True
    """
    close = difflib.get_close_matches(str(found), [str(c) for c in choices], n=1, cutoff=0.6)
    return msg("hint.did_you_mean", "did you mean {choice!r}?", choice=close[0]) if close else None
