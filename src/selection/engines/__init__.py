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

from ..errors import MethodError
from ..messages import msg
from ..validators import one_of
from .base import Breakdown, Capabilities, Curves, Engine, Problem
from .pymcdm_methods import PYMCDM_ENGINES
from .ranks import TIE_TOLERANCE, best_first, competition_ranks
from .topsis import Topsis, topsis_scores
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
    "Problem",
    "Topsis",
    "WeightedSum",
    "best_first",
    "competition_ranks",
    "engine_for",
    "method_names",
    "register_engine",
    "topsis_scores",
    "wsm_scores",
]

#: Every method name a grid or a caller may ask for, and its engine.
ENGINES: dict[str, Engine] = {
    Method.WSM: WeightedSum(),
    Method.TOPSIS: Topsis(),
    **PYMCDM_ENGINES,
}


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
