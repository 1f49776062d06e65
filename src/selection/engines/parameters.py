"""The parameters a scoring method takes: what they are, their defaults, and their checks.

A method's parameters are declared once, by the engine, as :class:`Parameter`
records: the grid reader checks a grid's ``parameters:`` section with them (file
and line in the error), the JSON Schema documents them, and
:func:`configure` gives the engine its values (``rank(..., parameters={"v": 0.3})``).

Kinds of parameter:

- ``share``: a number from 0 to 1 (VIKOR's ``v``, WASPAS' ``lambda``);
- ``choice``: one of a few words (``preference: v-shape``);
- ``per_criterion``: a number per criterion key (``{price: 60}``), one number for
  every criterion, or a list of one per criterion in grid order; criteria left
  out keep the method's default (NaN here);
- ``per_criterion_choice``: a word per criterion key, or one word for all.

Examples
--------
>>> v = Parameter("v", "weight of the majority rule", "share", 0.5)
>>> v.check(0.3, keys=("price",), where="parameters.vikor.v")
0.3
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ..errors import MethodError, SelectionError
from ..messages import Message, msg
from ..validators import finite_number, one_of, shorten

__all__ = ["Kind", "Parameter", "configure"]

Kind = Literal["share", "number", "positive", "choice", "per_criterion", "per_criterion_choice"]


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter of a method.

    Attributes
    ----------
    name : str
        As written in a grid's ``parameters:`` section and in the ``parameters`` argument.
    description : str
        What it is, in English (shown in the JSON Schema).
    kind : str
        See the module docstring.
    default : object
        The value when none is given (None: computed by the method from the data).
    choices : tuple of str
        The words a ``choice`` accepts.
    aliases : tuple of str
        Other names accepted for it (the peer libraries' spellings: pymcdm's
        ``l`` for WASPAS' λ, ``esp`` for the expected solution point).
    """

    name: str
    description: str
    kind: Kind
    default: Any = None
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def check(
        self,
        value: Any,
        *,
        keys: Sequence[str],
        where: str | Message,
        error: type[SelectionError] = MethodError,
    ) -> Any:
        """`value` checked and converted: a float, a word, or an array in criterion order."""
        if self.kind == "share":
            return finite_number(value, self.name, low=0.0, high=1.0, where=where, error=error)
        if self.kind == "number":
            return finite_number(value, self.name, where=where, error=error)
        if self.kind == "positive":
            return finite_number(value, self.name, low=0.0, where=where, error=error)
        if self.kind == "choice":
            return one_of(value, self.name, self.choices, where=where, error=error)
        if isinstance(value, Mapping):
            unknown = [str(k) for k in value if str(k) not in keys]
            if unknown:
                one_of(
                    unknown[0],
                    self.name,
                    keys,
                    where=where,
                    error=error,
                    what=msg("what.criterion", "criterion"),
                )
            items = {str(k): v for k, v in value.items()}
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            items = dict.fromkeys(keys, value)
        elif isinstance(value, list | tuple) and len(value) == len(keys):
            items = dict(zip(keys, value, strict=True))  # one per criterion, in grid order
        else:
            raise error(
                msg(
                    "parameter.per_criterion", "{name} takes a value per criterion", name=self.name
                ),
                where=where,
                expected=msg(
                    "parameter.per_criterion_expected",
                    "one value for every criterion, or criterion key → value, e.g. {{price: 10}}",
                ),
                found=shorten(value),
            )
        if self.kind == "per_criterion_choice":
            words = {
                key: one_of(word, self.name, self.choices, where=f"{where}.{key}", error=error)
                for key, word in items.items()
            }
            return tuple(words.get(key, self.default) for key in keys)
        array = np.full(len(keys), np.nan)
        for key, number in items.items():
            array[list(keys).index(key)] = finite_number(
                number, self.name, where=f"{where}.{key}", error=error
            )
        return array


def configure(
    parameters: Sequence[Parameter],
    values: Mapping[str, Any] | None,
    *,
    keys: Sequence[str],
    method: str,
    where: str = "parameters",
    error: type[SelectionError] = MethodError,
) -> dict[str, Any]:
    """Every parameter of a method, checked: the values given, else the defaults.

    Raises
    ------
    MethodError (or `error`)
        An unknown parameter name (with "did you mean"), or a value that does not fit.
    """
    given = dict(values or {})
    alias = {other: p.name for p in parameters for other in p.aliases}
    given = {alias.get(str(name), str(name)): value for name, value in given.items()}
    names = [p.name for p in parameters]
    for name in given:
        if name not in names:
            if not names:
                raise error(
                    msg("parameter.none", "{method} takes no parameters", method=method),
                    where=f"{where}.{name}",
                    expected=msg("parameter.none_expected", "no parameters for this method"),
                    found=repr(name),
                )
            one_of(
                name,
                "parameter",
                names,
                where=f"{where}.{name}",
                error=error,
                what=msg("what.parameter", "parameter"),
            )
    out: dict[str, Any] = {}
    for parameter in parameters:
        if parameter.name in given:
            out[parameter.name] = parameter.check(
                given[parameter.name], keys=keys, where=f"{where}.{parameter.name}", error=error
            )
        elif parameter.kind == "per_criterion":
            out[parameter.name] = np.full(len(keys), np.nan)
        elif parameter.kind == "per_criterion_choice":
            out[parameter.name] = tuple(parameter.default for _ in keys)
        else:
            out[parameter.name] = parameter.default
    return out
