"""Criterion kinds: how the cells of a producer table become one number per producer.

A kind knows which columns it reads, how it turns them into floats (NaN for a
blank cell), which bounds it declares, and what it *is* (its :class:`Nature`):
a measured number, words mapped to points, a yes/no answer, a value computed
from other columns, or the members' grades on a verbal scale (:class:`Judged`,
whose values come from a judgements file, not from the table). Analyses ask
the nature, never the kind's name: an explanation shows the cell as written for
worded kinds, noise on the data applies to numeric ones. Engines only ever see
the numbers, so a new kind (a date, a set of product categories, ...) is one
more class; any object with the attributes of :class:`Kind` works in a
:class:`~selection.Criterion`.

Examples
--------
>>> import pandas as pd
>>> kind = Levels(column="label", levels=(("none", 0.0), ("AB", 3.0)))
>>> kind.encode(pd.Series([" ab", "None", ""]), key="organic").tolist()
[3.0, 0.0, nan]
>>> kind.bounds, kind.nature.worded
((0.0, 3.0), True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import DataError, GridError
from ..messages import msg, msgn, render
from ..table.cells import BOOLEAN_WORDS, fold, parse_booleans, parse_numbers
from ..table.headers import plain

__all__ = [
    "DEFAULT_GRADES",
    "EARTH_RADIUS_KM",
    "Aggregate",
    "Boolean",
    "Distance",
    "Judged",
    "Kind",
    "Levels",
    "Nature",
    "Numeric",
    "great_circle_km",
]

#: Mean Earth radius (IUGG), used for great-circle distances.
EARTH_RADIUS_KM = 6371.0088

_MAX_LISTED = 5


class Nature(StrEnum):
    """What a criterion's value is."""

    #: A number read from the table (a price index, a volume).
    MEASURED = "measured"
    #: Words mapped to points (a label: none, HVE, AB).
    LEVELS = "levels"
    #: A yes/no answer.
    BOOLEAN = "boolean"
    #: A number computed from other columns (a distance from coordinates).
    COMPUTED = "computed"
    #: Members' grades on a verbal scale, aggregated (not read from the table).
    JUDGED = "judged"

    @property
    def worded(self) -> bool:
        """Whether people wrote words (shown as written, not as points)."""
        return self in (Nature.LEVELS, Nature.BOOLEAN)

    @property
    def numeric(self) -> bool:
        """Whether the value is a quantity (it can be known only approximately)."""
        return self in (Nature.MEASURED, Nature.COMPUTED)


@runtime_checkable
class Kind(Protocol):
    """What every criterion kind provides."""

    name: ClassVar[str]
    nature: ClassVar[Nature]

    @property
    def columns(self) -> tuple[str, ...]:
        """The table columns this kind reads."""
        ...

    @property
    def bounds(self) -> tuple[float, float] | None:
        """Declared (worst-to-best independent) bounds, or None if none are known."""
        ...

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:
        """Cells to floats, NaN where blank; raise DataError on a bad cell."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """The kind's fields as they are written in a grid file."""
        ...


def _show(cell: object) -> str:
    """A cell as a person would type it: ``'bio'``, ``3``, ``inf`` (not ``np.int64(3)``)."""
    if isinstance(cell, np.generic):
        cell = cell.item()
    if isinstance(cell, float):
        return f"{cell:g}"
    return repr(cell)


def _bad_cells(series: pd.Series, positions: list[int], column: str) -> tuple[str, str]:
    """Describe the bad cells of a column by producer id: (where, found)."""
    ids = [str(series.index[i]) for i in positions]
    cells = [_show(series.iloc[i]) for i in positions]
    shown = ", ".join(f"{i}: {c}" for i, c in zip(ids, cells, strict=True))
    if len(positions) > _MAX_LISTED:
        shown = ", ".join(
            f"{i}: {c}" for i, c in zip(ids[:_MAX_LISTED], cells[:_MAX_LISTED], strict=True)
        )
        shown = render(
            msg(
                "listing.more_cells",
                "{shown}, … ({count} cells in all)",
                shown=shown,
                count=len(positions),
            )
        )
    where = render(
        msgn(
            "where.producers_column",
            "producer {ids}, column {column!r}",
            "producers {ids}, column {column!r}",
            count=len(ids),
            ids=", ".join(ids[:_MAX_LISTED]),
            column=column,
        )
    )
    return where, shown


def _numeric_column(series: pd.Series, column: str, key: str) -> NDArray[np.float64]:
    """A column as floats: the fast path for numeric dtypes, else cell by cell."""
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
        series.dtype
    ):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        bad = [int(i) for i in np.flatnonzero(np.isinf(values))]
        if not bad:
            return values
    else:
        try:
            return parse_numbers(series.to_numpy(dtype=object))
        except ValueError as exc:
            bad = exc.args[0]
    where, found = _bad_cells(series, bad, column)
    raise DataError(
        msg("grid.kinds.numeric_column.problem", "criterion {key!r} needs numbers", key=key),
        where=where,
        expected=msg(
            "grid.kinds.numeric_column.expected",
            "a finite number such as 12.5 or 12,5 (or a blank cell)",
        ),
        found=found,
        hint=msg(
            "grid.kinds.numeric_column.hint",
            (
                "correct these cells in the table, or give the criterion `levels:` if the column"
                " holds words"
            ),
        ),
    )


@dataclass(frozen=True, slots=True)
class Numeric:
    """A numeric column, optionally with declared bounds ``scale: [low, high]``."""

    name: ClassVar[str] = "numeric"
    nature: ClassVar[Nature] = Nature.MEASURED
    column: str
    scale: tuple[float, float] | None = None

    @property
    def columns(self) -> tuple[str, ...]:  # noqa: D102
        return (self.column,)

    @property
    def bounds(self) -> tuple[float, float] | None:  # noqa: D102
        return self.scale

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:  # noqa: D102
        return _numeric_column(series[0], self.column, key)

    def to_dict(self) -> dict[str, Any]:  # noqa: D102
        return {"column": self.column} | ({"scale": list(self.scale)} if self.scale else {})


@dataclass(frozen=True, slots=True)
class Levels:
    """Words mapped to points, e.g. ``{none: 0, HVE: 1, AB: 3}``.

    Matching ignores case, surrounding spaces and repeated inner spaces. The
    declared bounds are the lowest and highest points unless ``scale`` is given.
    """

    name: ClassVar[str] = "levels"
    nature: ClassVar[Nature] = Nature.LEVELS
    column: str
    levels: tuple[tuple[str, float], ...]
    scale: tuple[float, float] | None = None
    _lookup: dict[str, float] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lookup", {fold(word): pts for word, pts in self.levels})

    @property
    def columns(self) -> tuple[str, ...]:  # noqa: D102
        return (self.column,)

    @property
    def bounds(self) -> tuple[float, float] | None:  # noqa: D102
        if self.scale is not None:
            return self.scale
        points = [p for _, p in self.levels]
        return (min(points), max(points))

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:  # noqa: D102
        column = series[0]
        # Map each distinct cell once: a column of 100,000 cells has a handful of words.
        codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
        mapped = np.full(len(uniques) + 1, np.nan)
        unknown: list[int] = []
        for u, cell in enumerate(uniques):
            if isinstance(cell, float | int | np.number) and not isinstance(cell, bool):
                text = f"{cell:g}" if float(cell) != int(cell) else str(int(cell))
            else:
                text = str(cell)
            if text.strip() == "":
                continue
            points = self._lookup.get(fold(text))
            if points is None:
                unknown.append(u)
            else:
                mapped[u] = points
        if unknown:
            positions = [int(i) for i in np.flatnonzero(np.isin(codes, unknown))]
            where, found = _bad_cells(column, positions, self.column)
            allowed = ", ".join(repr(word) for word, _ in self.levels)
            raise DataError(
                msg(
                    "grid.kinds.Levels.encode.problem",
                    "unknown level for criterion {key!r}",
                    key=key,
                ),
                where=where,
                expected=msg(
                    "grid.kinds.Levels.encode.expected",
                    "one of {allowed} (case and spaces do not matter) or a blank cell",
                    allowed=allowed,
                ),
                found=found,
                hint=msg(
                    "grid.kinds.Levels.encode.hint",
                    "correct the cells, or add the word to the criterion's `levels:` in the grid",
                ),
            )
        return mapped.take(codes)  # the sentinel -1 picks the trailing NaN

    def to_dict(self) -> dict[str, Any]:  # noqa: D102
        out: dict[str, Any] = {"column": self.column, "levels": dict(self.levels)}
        return out | ({"scale": list(self.scale)} if self.scale else {})


@dataclass(frozen=True, slots=True)
class Boolean:
    """A yes/no column: yes, oui, true, vrai, 1, x count 1; no, non, false, faux, 0 count 0."""

    name: ClassVar[str] = "boolean"
    nature: ClassVar[Nature] = Nature.BOOLEAN
    column: str

    @property
    def columns(self) -> tuple[str, ...]:  # noqa: D102
        return (self.column,)

    @property
    def bounds(self) -> tuple[float, float] | None:  # noqa: D102
        return (0.0, 1.0)

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:  # noqa: D102
        column = series[0]
        if pd.api.types.is_bool_dtype(column.dtype):
            return column.to_numpy(dtype=float, na_value=np.nan)
        try:
            return parse_booleans(column.to_numpy(dtype=object))
        except ValueError as exc:
            where, found = _bad_cells(column, exc.args[0], self.column)
            raise DataError(
                msg(
                    "grid.kinds.Boolean.encode.problem",
                    "criterion {key!r} needs yes/no answers",
                    key=key,
                ),
                where=where,
                expected=msg(
                    "grid.kinds.Boolean.encode.expected",
                    "one of {items} (or a blank cell)",
                    items=", ".join(sorted(BOOLEAN_WORDS)),
                ),
                found=found,
                hint=msg(
                    "grid.kinds.Boolean.encode.hint", "write oui/non (or yes/no) in these cells"
                ),
            ) from None

    def to_dict(self) -> dict[str, Any]:  # noqa: D102
        return {"column": self.column, "boolean": True}


def great_circle_km(
    lat: NDArray[np.float64], lon: NDArray[np.float64], hub: tuple[float, float]
) -> NDArray[np.float64]:
    """Great-circle (haversine) distance in km from each point to `hub`.

    Examples
    --------
    Lyon (45.764 N, 4.836 E) to Paris Notre-Dame (48.853 N, 2.349 E) is about 391 km
    (391.28 by the spherical law of cosines):

    >>> import numpy as np
    >>> round(float(great_circle_km(np.array([48.853]), np.array([2.349]), (45.764, 4.836))[0]))
    391
    """
    phi1, phi2 = np.radians(lat), math.radians(hub[0])
    dphi = phi2 - phi1
    dlmb = math.radians(hub[1]) - np.radians(lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * math.cos(phi2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=float)


@dataclass(frozen=True, slots=True)
class Distance:
    """Great-circle km from the producer's (latitude, longitude) columns to a hub."""

    name: ClassVar[str] = "distance"
    nature: ClassVar[Nature] = Nature.COMPUTED
    latitude: str
    longitude: str
    hub: tuple[float, float]
    scale: tuple[float, float] | None = None

    @property
    def columns(self) -> tuple[str, ...]:  # noqa: D102
        return (self.latitude, self.longitude)

    @property
    def bounds(self) -> tuple[float, float] | None:  # noqa: D102
        return self.scale

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:  # noqa: D102
        lat = _numeric_column(series[0], self.latitude, key)
        lon = _numeric_column(series[1], self.longitude, key)
        checks = ((series[0], lat, self.latitude, 90.0), (series[1], lon, self.longitude, 180.0))
        for cells, values, column, limit in checks:
            out_of_range = np.flatnonzero(np.abs(values) > limit)
            if out_of_range.size:
                where, found = _bad_cells(cells, [int(i) for i in out_of_range], column)
                raise DataError(
                    msg(
                        "grid.kinds.Distance.encode.problem",
                        "coordinates out of range for criterion {key!r}",
                        key=key,
                    ),
                    where=where,
                    expected=msg(
                        "grid.kinds.Distance.encode.expected",
                        "decimal degrees between -{limit:g} and {limit:g}",
                        limit=limit,
                    ),
                    found=found,
                    hint=msg(
                        "grid.kinds.Distance.encode.hint",
                        "check that latitude and longitude are not swapped or in another unit",
                    ),
                )
        return great_circle_km(lat, lon, self.hub)

    def to_dict(self) -> dict[str, Any]:  # noqa: D102
        out: dict[str, Any] = {
            "distance_from": [self.latitude, self.longitude],
            "hub": list(self.hub),
        }
        return out | ({"scale": list(self.scale)} if self.scale else {})


#: The verbal scale of judged criteria when the grid declares none: the French mentions of
#: majority judgment (Balinski & Laraki), worst first.
DEFAULT_GRADES = (
    "à rejeter",
    "insuffisant",
    "passable",
    "assez bien",
    "bien",
    "très bien",
    "excellent",
)


class Aggregate(StrEnum):
    """How the members' grades of a producer on a judged criterion become one value."""

    #: Majority judgment: the majority grade (lower median) and its gauge as a fraction.
    MAJORITY = "majority"
    #: The mean position of the grades.
    MEAN = "mean"
    #: The median position (halfway between the two middle grades for an even count).
    MEDIAN = "median"


def grade_key(word: object) -> str:
    """A grade as compared: no case, accents, spaces or punctuation (``Très-Bien`` → ``tresbien``).

    Examples
    --------
    >>> grade_key(" Très-Bien "), grade_key("assez  bien")
    ('tresbien', 'assezbien')
    """
    return plain(str(word))


@dataclass(frozen=True, slots=True)
class Judged:
    """Members' grades on a verbal scale (``judged: true``): values from a judgements file.

    A judged criterion reads no column of the producer table: its value for a
    producer is the aggregate of the grades members gave it
    (:mod:`selection.judgments`). Grades are the positions of `scale`, worst
    first: 0 for the first word, ``len(scale) - 1`` for the last, which are the
    criterion's declared bounds (so that the ``scale`` normalization maps the
    worst grade to 0 and the best to 1, as for a levels criterion).

    Parameters
    ----------
    scale : tuple of str
        The grades, worst first (:data:`DEFAULT_GRADES` by default).
    aggregate : Aggregate
        ``majority`` (default), ``mean`` or ``median``.
    min_grades : int
        The fewest grades a producer needs on this criterion to be scored (≥ 1).

    Examples
    --------
    >>> kind = Judged()
    >>> kind.bounds, kind.columns, kind.position("Très bien")
    ((0.0, 6.0), (), 5)
    >>> kind.to_dict(), Judged(min_grades=3).to_dict()
    ({'judged': True}, {'judged': {'min_grades': 3}})
    """

    name: ClassVar[str] = "judged"
    nature: ClassVar[Nature] = Nature.JUDGED
    scale: tuple[str, ...] = DEFAULT_GRADES
    aggregate: Aggregate = Aggregate.MAJORITY
    min_grades: int = 1
    _lookup: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scale", tuple(str(word) for word in self.scale))
        object.__setattr__(self, "aggregate", Aggregate(self.aggregate))
        lookup = {grade_key(word): i for i, word in enumerate(self.scale)}
        object.__setattr__(self, "_lookup", lookup)
        if len(self.scale) < 2 or len(lookup) != len(self.scale) or "" in lookup:
            raise GridError(
                msg("grid.kinds.Judged.scale.problem", "a scale of grades needs distinct words"),
                where="judgments.scale",
                expected=msg(
                    "grid.kinds.Judged.scale.expected",
                    "at least two grades, worst first, that differ by more than case, "
                    "accents or spaces",
                ),
                found=", ".join(repr(word) for word in self.scale) or "[]",
            )
        if (
            isinstance(self.min_grades, bool)
            or not isinstance(self.min_grades, int)
            or (self.min_grades < 1)
        ):
            raise GridError(
                msg("grid.kinds.Judged.min_grades.problem", "`min_grades:` is a whole number ≥ 1"),
                where="judgments.min_grades",
                expected=msg(
                    "grid.kinds.Judged.min_grades.expected", "a whole number ≥ 1, e.g. 3"
                ),
                found=repr(self.min_grades),
            )

    @property
    def columns(self) -> tuple[str, ...]:  # noqa: D102
        return ()

    @property
    def bounds(self) -> tuple[float, float] | None:  # noqa: D102
        return (0.0, float(len(self.scale) - 1))

    def position(self, grade: object) -> int | None:
        """The position of `grade` on the scale (0 = worst), or None if it is not a grade.

        Case, accents, spaces and punctuation do not count.
        """
        return self._lookup.get(grade_key(grade))

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:
        """A judged criterion has no cells: its values come from the members' judgements."""
        raise DataError(
            msg(
                "grid.kinds.Judged.encode.problem",
                "criterion {key!r} is judged by members, not read from the table",
                key=key,
            ),
            expected=msg(
                "grid.kinds.Judged.encode.expected", "the members' judgements of the producers"
            ),
            found=msg("grid.kinds.Judged.encode.found", "no judgements"),
            hint=msg(
                "grid.kinds.Judged.encode.hint",
                "give the judgements file: `judgments=` to selection.rank or selection.prepare",
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """``judged: true``, or the settings that differ from the defaults."""
        settings: dict[str, Any] = {}
        if self.scale != DEFAULT_GRADES:
            settings["scale"] = list(self.scale)
        if self.aggregate is not Aggregate.MAJORITY:
            settings["aggregate"] = self.aggregate.value
        if self.min_grades != 1:
            settings["min_grades"] = self.min_grades
        return {"judged": settings or True}
