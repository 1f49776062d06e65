"""The grid model: frozen records for criteria, batteries, eligibility gates and grids.

A :class:`Grid` is immutable. Change it with :meth:`Grid.with_weights` or
``dataclasses.replace``; every construction re-checks the invariants (unique
keys, finite non-negative weights with a positive sum), so a `Grid` that exists
is a valid one.

Examples
--------
>>> from selection.grid.kinds import Numeric
>>> price = Criterion("price", Numeric("price"), weight=2, direction=Direction.MIN)
>>> volume = Criterion("volume", Numeric("volume"), weight=1)
>>> grid = Grid(
...     name="demo",
...     id_column="id",
...     batteries=(Battery("access", (price, volume), weight=1),),
... )
>>> grid.weights.round(4).to_dict()
{'price': 0.6667, 'volume': 0.3333}
>>> grid.with_weights(volume=2).weights.to_dict()
{'price': 0.5, 'volume': 0.5}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .._version import __version__
from ..engines import Method, Normalization, configured_engine, engine_for
from ..errors import GridError, MethodError, did_you_mean
from ..files import write_atomically
from ..messages import Message, msg, render
from ..validators import one_of, shorten
from ..validators import weight as checked_weight
from .kinds import Kind
from .plan_rule import PlanRule
from .rules import SelectionRule
from .vocabulary import Direction, MissingPolicy, level_name

__all__ = ["FORMAT", "RESERVED_COLUMNS", "Battery", "Criterion", "Gate", "Grid"]

#: The format header this version reads and writes.
FORMAT = "selection/grid@1"

#: Columns of a ranking table that battery and criterion keys may not take.
RESERVED_COLUMNS = ("score", "rank", "eligible", "reason")


def shares_of(points: np.ndarray) -> np.ndarray:
    """Points as shares summing to 1 (all 0 if all are 0), even when their sum overflows.

    Examples
    --------
    >>> shares_of(np.array([1e308, 1e308])).tolist()
    [0.5, 0.5]
    """
    largest = points.max(initial=0.0)
    if not largest > 0:
        return points.copy()
    scaled = points / largest
    return np.asarray(scaled / scaled.sum())


def _plain(value: Any) -> Any:
    """A parameter value as plain data (for the file and the hash): numbers, words, mappings."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float | np.number):
        return float(value) if not float(value).is_integer() else int(value)
    return value


def _check_weight(value: object, where: str | Message) -> float:
    return checked_weight(value, where, error=GridError)


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion: a key, how its value is read (`kind`), a weight and a direction.

    Parameters
    ----------
    key : str
        Unique across the grid.
    kind : Kind
        How the table's cells become a number (numeric, levels, boolean, distance).
    weight : float
        Points within its battery (any non-negative number).
    direction : Direction
        ``max`` if more is better, ``min`` if less is better.
    label : str, optional
        Human-readable name, in any language; defaults to the key.
    missing : MissingPolicy, optional
        Overrides the grid's missing-data policy for this criterion.
    description : str, optional
        What the criterion means, for people (shown by the template, the
        questionnaire and the report).
    """

    key: str
    kind: Kind
    weight: float = 1.0
    direction: Direction = Direction.MAX
    label: str = ""
    missing: MissingPolicy | None = None
    description: str = ""

    def __post_init__(self) -> None:
        where = msg("where.criterion", "criterion {key!r}", key=self.key)
        object.__setattr__(self, "weight", _check_weight(self.weight, where))
        object.__setattr__(
            self,
            "direction",
            one_of(self.direction, "direction", Direction, where=where, error=GridError),
        )
        if self.missing is not None:
            object.__setattr__(
                self,
                "missing",
                one_of(self.missing, "missing", MissingPolicy, where=where, error=GridError),
            )
        if not self.label:
            object.__setattr__(self, "label", self.key)

    def to_dict(self) -> dict[str, Any]:
        """The criterion as written in a grid file (without its key)."""
        out: dict[str, Any] = {"label": self.label}
        if self.description:
            out["description"] = self.description
        out |= self.kind.to_dict()
        out |= {"direction": self.direction.value, "weight": self.weight}
        if self.missing is not None:
            out["missing"] = self.missing.value
        return out


@dataclass(frozen=True, slots=True)
class Battery:
    """A weighted group of criteria (quality, locality, accessibility, ...)."""

    key: str
    criteria: tuple[Criterion, ...]
    weight: float = 1.0
    label: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "weight",
            _check_weight(self.weight, msg("where.battery", "battery {key!r}", key=self.key)),
        )
        object.__setattr__(self, "criteria", tuple(self.criteria))
        if not self.label:
            object.__setattr__(self, "label", self.key)
        if not self.criteria:
            raise GridError(
                msg(
                    "grid.model.Battery.post_init__.problem",
                    "a battery needs at least one criterion",
                ),
                where=f"batteries.{self.key}.criteria",
                expected=msg(
                    "grid.model.Battery.post_init__.expected",
                    "a mapping of criterion keys to criteria",
                ),
                found=msg("grid.model.Battery.post_init__.found", "no criteria"),
            )
        if self.weight > 0 and sum(c.weight for c in self.criteria) <= 0:
            raise GridError(
                msg(
                    "grid.model.Battery.post_init__.problem.2",
                    "the criteria of a weighted battery all have weight 0",
                ),
                where=f"batteries.{self.key}.criteria",
                expected=msg(
                    "grid.model.Battery.post_init__.expected.2",
                    "at least one criterion with a positive weight",
                ),
                found=msg("grid.model.Battery.post_init__.found.2", "all weights are 0"),
                hint=msg(
                    "grid.model.Battery.post_init__.hint",
                    "give a criterion a positive weight, or set battery {key!r} to 0",
                    key=self.key,
                ),
            )

    def shares(self) -> np.ndarray:
        """Each criterion's share of the battery (sums to 1, or all 0 if unweighted)."""
        return shares_of(np.array([c.weight for c in self.criteria], dtype=float))

    def to_dict(self) -> dict[str, Any]:
        """The battery as written in a grid file (without its key)."""
        out: dict[str, Any] = {"label": self.label}
        if self.description:
            out["description"] = self.description
        out["weight"] = self.weight
        out["criteria"] = {c.key: c.to_dict() for c in self.criteria}
        return out


@dataclass(frozen=True, slots=True)
class Gate:
    """A hard eligibility condition, checked before scoring.

    Exactly one of `criterion` (the criterion's computed value, e.g. a distance)
    or `column` (a raw column of the table) is set, with at least one test:
    ``min``/``max`` (inclusive bounds) or ``allowed`` / ``refused`` (lists of
    words, matched ignoring case and spaces; ``in`` / ``not_in`` in the file).
    """

    criterion: str | None = None
    column: str | None = None
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    refused: tuple[str, ...] | None = None

    @property
    def target(self) -> str:
        """The criterion key or the column name the gate tests."""
        return self.criterion if self.criterion is not None else str(self.column)

    def condition(self, label: str | None = None) -> Message:
        """The condition as a message, e.g. ``distance ≤ 250``, naming the target `label`."""
        target = label or self.target
        parts = []
        if self.min is not None:
            parts.append(msg("gate.min", "{target} ≥ {value:g}", target=target, value=self.min))
        if self.max is not None:
            parts.append(msg("gate.max", "{target} ≤ {value:g}", target=target, value=self.max))
        if self.allowed is not None:
            parts.append(
                msg(
                    "gate.in",
                    "{target} among: {values}",
                    target=target,
                    values=", ".join(self.allowed),
                )
            )
        if self.refused is not None:
            parts.append(
                msg(
                    "gate.not_in",
                    "{target} not among: {values}",
                    target=target,
                    values=", ".join(self.refused),
                )
            )
        joined = parts[0]
        for part in parts[1:]:
            joined = msg("gate.and", "{first} and {second}", first=joined, second=part)
        return joined

    def describe(self) -> str:
        """The condition in words, in the current language, e.g. ``distance ≤ 250``."""
        return self.condition().render()

    def to_dict(self) -> dict[str, Any]:
        """The gate as written in a grid file."""
        out: dict[str, Any] = (
            {"criterion": self.criterion}
            if self.criterion is not None
            else {"column": self.column}
        )
        for name, value in (("min", self.min), ("max", self.max)):
            if value is not None:
                out[name] = value
        if self.allowed is not None:
            out["in"] = list(self.allowed)
        if self.refused is not None:
            out["not_in"] = list(self.refused)
        return out


@dataclass(frozen=True)
class Grid:
    """A criteria grid: weighted batteries of weighted criteria, gates and defaults.

    Build it with :func:`selection.load_grid` from a YAML file, or directly.

    Parameters
    ----------
    name : str
        Title of the grid.
    id_column : str
        Column of the producer table that holds producer ids (``id:`` in the file).
    name_column : str, optional
        Column holding the producers' names (``name_column:`` in the file);
        default: a column headed name, nom or raison sociale (any case or accents).
    batteries : tuple of Battery
        In file order.
    method : str
        Default scoring method: a :class:`~selection.engines.Method`, or the name
        of an engine registered with :func:`selection.engines.register_engine`.
    normalization : Normalization, optional
        Default normalization; None means the method's own default.
    missing : MissingPolicy
        Default for blank cells.
    eligibility : tuple of Gate
        Hard gates, applied before scoring.
    select : SelectionRule, optional
        How a ranking becomes decisions (top N, minimum score, quotas).
    plan : PlanRule, optional
        How supply is planned to the stores' needs (:func:`selection.plan`).
    description : str
        Free text (what the grid is, who made it).
    parameters : mapping
        Method name → that method's parameters (``{"vikor": {"v": 0.3}}``): used
        whenever the grid is scored by that method. Checked against the
        method's declared parameters (see :func:`selection.engines.parameters_of`).
    source : str, optional
        The file it was read from (not part of its identity).
    """

    name: str
    id_column: str
    batteries: tuple[Battery, ...]
    name_column: str | None = None
    method: str = Method.WSM
    normalization: Normalization | None = None
    missing: MissingPolicy = MissingPolicy.RAISE
    eligibility: tuple[Gate, ...] = ()
    select: SelectionRule | None = None
    description: str = ""
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, hash=False)
    plan: PlanRule | None = None
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "batteries", tuple(self.batteries))
        object.__setattr__(self, "eligibility", tuple(self.eligibility))
        object.__setattr__(self, "method", engine_for(self.method, where="method").name)
        if self.normalization is not None:
            object.__setattr__(
                self,
                "normalization",
                one_of(self.normalization, "normalization", Normalization, error=GridError),
            )
        object.__setattr__(
            self, "missing", one_of(self.missing, "missing", MissingPolicy, error=GridError)
        )
        if not self.batteries:
            raise GridError(
                msg("grid.model.Grid.post_init__.problem", "a grid needs at least one battery"),
                where="batteries",
                expected=msg(
                    "grid.model.Grid.post_init__.expected",
                    "a mapping of battery keys to batteries",
                ),
                found=msg("grid.model.Grid.post_init__.found", "nothing"),
            )
        seen: dict[str, Message | str] = {}
        for battery in self.batteries:
            paths = [(battery.key, f"batteries.{battery.key}", level_name("battery"))]
            paths += [
                (c.key, f"batteries.{battery.key}.criteria.{c.key}", level_name("criterion"))
                for c in battery.criteria
            ]
            for key, path, what in paths:
                if key in RESERVED_COLUMNS:
                    raise GridError(
                        msg(
                            "grid.model.Grid.post_init__.problem.4",
                            "{key!r} is a reserved name",
                            key=key,
                        ),
                        where=path,
                        expected=msg(
                            "grid.model.Grid.post_init__.expected.4",
                            "a {what} key other than {items} (columns of the ranking)",
                            what=what,
                            items=", ".join(repr(c) for c in RESERVED_COLUMNS),
                        ),
                        found=repr(key),
                        hint=msg(
                            "grid.model.Grid.post_init__.hint.3",
                            "choose another key; `label:` can still say what you like",
                        ),
                    )
                if key in seen:
                    raise GridError(
                        msg(
                            "grid.model.Grid.post_init__.problem.5",
                            "key {key!r} is used twice",
                            key=key,
                        ),
                        where=path,
                        expected=msg(
                            "grid.model.Grid.post_init__.expected.5",
                            "battery and criterion keys unique across the grid",
                        ),
                        found=msg(
                            "grid.model.Grid.post_init__.found.5",
                            "{key!r} is also a {seen}",
                            key=key,
                            seen=seen[key],
                        ),
                        hint=msg("grid.model.Grid.post_init__.hint.4", "rename one of them"),
                    )
                seen[key] = what
        if sum(b.weight for b in self.batteries) <= 0:
            raise GridError(
                msg("grid.model.Grid.post_init__.problem.2", "all battery weights are 0"),
                where="batteries",
                expected=msg(
                    "grid.model.Grid.post_init__.expected.2",
                    "at least one battery with a positive weight",
                ),
                found=msg("grid.model.Grid.post_init__.found.2", "all 0"),
                hint=msg(
                    "grid.model.Grid.post_init__.hint",
                    "give the batteries points, e.g. 40 / 35 / 25",
                ),
            )
        keys = [c.key for c in self.criteria]
        for i, gate in enumerate(self.eligibility):
            if gate.criterion is not None and gate.criterion not in keys:
                raise GridError(
                    msg(
                        "grid.model.Grid.post_init__.problem.3",
                        "gate on unknown criterion {criterion!r}",
                        criterion=gate.criterion,
                    ),
                    where=f"eligibility[{i}].criterion",
                    expected=msg(
                        "grid.model.Grid.post_init__.expected.3",
                        "one of: {items}",
                        items=", ".join(keys),
                    ),
                    found=repr(gate.criterion),
                    hint=did_you_mean(gate.criterion, keys)
                    or msg(
                        "grid.gate_column_hint", "use `column:` to test a raw column of the table"
                    ),
                )
        object.__setattr__(self, "parameters", self._checked_parameters(keys))

    def _checked_parameters(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        """The `parameters` section, each method's values checked by that method."""
        if not isinstance(self.parameters, Mapping):
            raise GridError(
                msg("grid.parameters.mapping", "`parameters:` is a mapping of methods"),
                where="parameters",
                expected=msg(
                    "grid.parameters.expected", "method → its parameters, e.g. `vikor: {{v: 0.3}}`"
                ),
                found=shorten(self.parameters),
            )
        out: dict[str, dict[str, Any]] = {}
        for name, values in self.parameters.items():
            engine = engine_for(name, where=f"parameters.{name}")
            if not isinstance(values, Mapping):
                raise GridError(
                    msg(
                        "grid.parameters.method_mapping",
                        "the parameters of {method} are a mapping",
                        method=engine.name,
                    ),
                    where=f"parameters.{name}",
                    expected=msg("grid.parameters.method_expected", "name: value, e.g. `v: 0.3`"),
                    found=shorten(values),
                )
            try:
                configured_engine(
                    engine, values, keys=keys, where=f"parameters.{name}", error=GridError
                )
            except MethodError as exc:  # a check across parameters (PROMETHEE's thresholds)
                raise GridError(
                    msg(
                        "grid.parameters.in_criterion",
                        "{criterion}: {problem}",
                        criterion=exc.where,
                        problem=exc.problem,
                    )
                    if exc.where
                    else exc.problem,
                    where=f"parameters.{name}",
                    expected=exc.expected,
                    found=exc.found,
                    hint=exc.hint,
                ) from None
            out[str(engine.name)] = {str(key): _plain(value) for key, value in values.items()}
        return out

    def parameters_for(self, method: str) -> dict[str, Any]:
        """The parameters the grid gives `method` (empty when none)."""
        return dict(self.parameters.get(str(method), {}))

    # -- derived views --------------------------------------------------------------------

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """All criteria, in file order."""
        return tuple(c for b in self.batteries for c in b.criteria)

    @property
    def keys(self) -> list[str]:
        """Criterion keys, in file order."""
        return [c.key for c in self.criteria]

    def battery_of(self, key: str) -> Battery:
        """The battery holding criterion `key`."""
        for battery in self.batteries:
            if any(c.key == key for c in battery.criteria):
                return battery
        raise self._unknown_key(key)

    @property
    def battery_weights(self) -> pd.Series:
        """Battery weights normalized to sum to 1, indexed by battery key."""
        points = np.array([b.weight for b in self.batteries], dtype=float)
        return pd.Series(shares_of(points), index=[b.key for b in self.batteries], name="weight")

    @property
    def weights(self) -> pd.Series:
        """Effective criterion weights (battery share × share within battery), sum 1.

        Indexed by criterion key, in file order.
        """
        return pd.Series(self.weight_vector, index=self.keys, name="weight")

    @property
    def weight_vector(self) -> np.ndarray:
        """:attr:`weights` as a plain array, in criterion order."""
        battery = self.battery_weights.to_numpy()
        return np.concatenate(
            [share * b.shares() for share, b in zip(battery, self.batteries, strict=True)]
        )

    @property
    def membership(self) -> np.ndarray:
        """Boolean (batteries × criteria) matrix: which battery holds which criterion."""
        keys = self.keys
        out = np.zeros((len(self.batteries), len(keys)), dtype=bool)
        for i, battery in enumerate(self.batteries):
            for criterion in battery.criteria:
                out[i, keys.index(criterion.key)] = True
        return out

    @property
    def directions(self) -> np.ndarray:
        """+1 (more is better) or -1 (less is better) per criterion."""
        return np.array([c.direction.sign for c in self.criteria], dtype=int)

    # -- changes ----------------------------------------------------------------------------

    def _unknown_key(self, key: str, where: str | None = None) -> GridError:
        choices = [b.key for b in self.batteries] + self.keys
        return GridError(
            msg("grid.unknown_key", "unknown battery or criterion {key!r}", key=key),
            where=where or self.source or self.name,
            expected=msg(
                "grid.model.Grid.unknown_key.expected", "one of: {items}", items=", ".join(choices)
            ),
            found=repr(key),
            hint=did_you_mean(key, choices),
        )

    def with_weights(self, weights: Mapping[str, float] | None = None, /, **more: float) -> Grid:
        """A copy with some battery or criterion weights (in points) replaced.

        Parameters
        ----------
        weights : mapping, optional
            Battery or criterion key → new points.
        **more
            Same, as keyword arguments.

        Examples
        --------
        >>> import selection
        >>> grid = selection.load_grid(selection.example_grid_path())
        >>> grid.with_weights(locality=0).battery_weights["locality"]
        np.float64(0.0)
        """
        changes = dict(weights or {}) | more
        batteries = {b.key: b for b in self.batteries}
        criteria = {c.key: c for c in self.criteria}
        for key in changes:
            if key not in batteries and key not in criteria:
                raise self._unknown_key(key, where=f"with_weights({key}=…)")
        new_batteries = []
        for battery in self.batteries:
            members = tuple(
                dataclasses.replace(c, weight=changes[c.key]) if c.key in changes else c
                for c in battery.criteria
            )
            weight = changes.get(battery.key, battery.weight)
            new_batteries.append(dataclasses.replace(battery, criteria=members, weight=weight))
        return dataclasses.replace(self, batteries=tuple(new_batteries))

    # -- identity ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The grid as plain data, in the layout of a grid file."""
        out: dict[str, Any] = {"format": FORMAT, "name": self.name}
        if self.description:
            out["description"] = self.description
        out["id"] = self.id_column
        if self.name_column is not None:
            out["name_column"] = self.name_column
        out["method"] = str(self.method)
        if self.normalization is not None:
            out["normalization"] = self.normalization.value
        out["missing"] = self.missing.value
        out["batteries"] = {b.key: b.to_dict() for b in self.batteries}
        if self.eligibility:
            out["eligibility"] = [g.to_dict() for g in self.eligibility]
        if self.select is not None:
            out["select"] = self.select.to_dict()
        if self.parameters:
            out["parameters"] = {name: dict(values) for name, values in self.parameters.items()}
        if self.plan is not None:
            out["plan"] = self.plan.to_dict()
        return out

    def to_yaml(self, path: str | PathLike[str] | None = None) -> str:
        """The grid as a grid file (labels, order and weights kept); written to `path` if given.

        Loading the text gives an equal grid. The file is written completely or
        not at all (temporary file, then rename). Comments of the original file
        are not kept: they are not part of the grid.

        Examples
        --------
        >>> import selection
        >>> grid = selection.load_grid(selection.example_grid_path())
        >>> selection.parse_grid(grid.to_yaml()) == grid
        True
        """
        origin = (
            Path(self.source).name
            if self.source
            else msg("grid.built_in_python", "a grid built in Python")
        )
        written = msg(
            "grid.written_by",
            "Written by selection {version} from {origin}.",
            version=__version__,
            origin=origin,
        )
        header = f"# {render(written)}\n"
        text = header + yaml.safe_dump(
            self.to_dict(), sort_keys=False, allow_unicode=True, width=99
        )
        if path is not None:
            write_atomically(path, text, what=render(msg("what.grid_file", "the grid file")))
        return text

    @cached_property
    def hash(self) -> str:
        """SHA-256 of the grid's content (not of its file: comments and layout don't count).

        Two grids with the same criteria, weights, gates and defaults have the
        same hash; any change of weight changes it.
        """
        canonical = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of :attr:`hash`, for display."""
        return self.hash[:12]
