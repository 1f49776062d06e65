"""The pure numpy kernels: normalizations, scoring methods behind one registry, ranks.

Arrays in, arrays out: nothing here knows grids, tables or pandas. Layers
above build a :class:`Problem` and ask the registry for an :class:`Engine` by
name; :func:`register_engine` adds one (a method of your own) without touching
any other file.

May import: :mod:`selection.errors`, :mod:`selection.messages`,
:mod:`selection.validators` (the base modules); numpy; pymcdm only inside
functions (it pulls in matplotlib).

Examples
--------
>>> engine_for("topsis").default_normalization
<Normalization.VECTOR: 'vector'>
>>> engine_for("vikor").higher_is_better
False
>>> engine_for("wsm").capabilities.linear_in_weights
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import MethodError, SelectionError
from ..messages import msg
from ..validators import one_of
from .aras import Aras
from .base import Breakdown, Capabilities, Curves, Engine, Positions, Problem
from .copras import Copras
from .moora import Moora
from .parameters import Parameter, configure
from .promethee import PrometheeII
from .pymcdm_methods import PYMCDM_ENGINES
from .ranks import TIE_TOLERANCE, best_first, competition_ranks
from .spotis import Spotis
from .topsis import Topsis, topsis_scores
from .vikor import Vikor
from .vocabulary import Method, Normalization
from .wsm import WeightedSum, wsm_scores

__all__ = [
    "ENGINES",
    "TIE_TOLERANCE",
    "Breakdown",
    "Capabilities",
    "Curves",
    "Engine",
    "Method",
    "Normalization",
    "Parameter",
    "Positions",
    "Problem",
    "Topsis",
    "WeightedSum",
    "best_first",
    "competition_ranks",
    "configured_engine",
    "engine_for",
    "method_names",
    "parameters_of",
    "register_engine",
    "topsis_scores",
    "wsm_scores",
]

_BUILT_IN: tuple[Engine, ...] = (
    WeightedSum(),
    Topsis(),
    Vikor(),
    PrometheeII(),
    Spotis(),
    *(PYMCDM_ENGINES[name] for name in ("edas", "mabac", "mairca")),
    Moora(),
    PYMCDM_ENGINES["probid"],
    *(PYMCDM_ENGINES[name] for name in ("cocoso", "aroman")),
    Copras(),
    Aras(),
    PYMCDM_ENGINES["waspas"],
    PYMCDM_ENGINES["wpm"],
)

#: Every method name a grid or a caller may ask for, and its engine.
ENGINES: dict[str, Engine] = {str(engine.name): engine for engine in _BUILT_IN}


def method_names() -> list[str]:
    """The names of the registered methods, built-in ones first."""
    return [str(name) for name in ENGINES]


def engine_for(method: object, *, where: str = "method") -> Engine:
    """The engine registered as `method` (case-insensitive), or a MethodError with a hint.

    Examples
    --------
    >>> engine_for("TOPSIS").name == "topsis"
    True
    """
    if isinstance(method, str) and method in ENGINES:
        return ENGINES[method]
    name = one_of(method, "method", method_names(), where=where, error=MethodError)
    return ENGINES[name]


def parameters_of(engine: Engine) -> tuple[Parameter, ...]:
    """The parameters a method takes (its ``parameters`` attribute; none if it has none).

    Examples
    --------
    >>> [p.name for p in parameters_of(engine_for("vikor"))]
    ['v']
    """
    return tuple(getattr(engine, "parameters", ()))


def configured_engine(
    engine: Engine,
    values: Mapping[str, Any] | None,
    *,
    keys: Sequence[str],
    where: str = "parameters",
    error: type[SelectionError] = MethodError,
) -> Engine:
    """`engine` with its parameters set from `values` (checked), else its defaults.

    An engine with parameters is given all of them (the values, else the
    defaults) through its ``configured(values)``; an engine without parameters
    is returned as it is, and refuses values.

    Examples
    --------
    >>> configured_engine(engine_for("vikor"), {"v": 0.3}, keys=["price"]).v
    0.3
    """
    parameters = parameters_of(engine)
    checked = configure(
        parameters, values, keys=keys, method=str(engine.name), where=where, error=error
    )
    if not parameters:
        return engine
    result: Engine = engine.configured(checked, keys)  # type: ignore[attr-defined]
    return result


def register_engine(engine: Engine, *, replace: bool = False) -> Engine:
    """Make `engine` available by its name to :func:`selection.rank` and every analysis.

    Analyses ask the engine for what they need through its
    :attr:`~Engine.capabilities`: an engine without ``exact_intervals`` gets a
    clear "not available for this engine" from stability intervals, one without
    ``additive`` gets explanations from its weighted normalized values.

    Raises
    ------
    MethodError
        If the name is taken (unless `replace`) or the object lacks what an engine needs.
    """
    if not isinstance(engine, Engine):
        raise MethodError(
            msg("engine.not_engine", "not an engine"),
            where="register_engine",
            expected=msg(
                "engine.expected",
                "an object with name, higher_is_better, default_normalization, "
                "capabilities, scores() and breakdown()",
            ),
            found=type(engine).__name__,
        )
    name = str(engine.name)
    if name in ENGINES and not replace:
        raise MethodError(
            msg("engine.taken", "a method named {name!r} exists already", name=name),
            where="register_engine",
            expected=msg("engine.new_name", "a new name, or replace=True"),
            found=repr(name),
        )
    ENGINES[name] = engine
    return engine
