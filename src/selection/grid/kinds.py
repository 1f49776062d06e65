"""Criterion kinds: how the cells of a producer table become one number per producer.

A kind knows which columns it reads, how it turns them into floats (NaN for a
blank cell), which bounds it declares, and what it *is* (its :class:`Nature`):
a measured number, words mapped to points, a yes/no answer, or a value computed
from other columns. Analyses ask the nature, never the kind's name: an
explanation shows the cell as written for worded kinds, noise on the data
applies to numeric ones. Engines only ever see the numbers, so a new kind (a
date, a set of product categories, ...) is one more class; any object with the
attributes of :class:`Kind` works in a :class:`~selection.Criterion`.

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

from ..errors import DataError
from ..messages import msg, msgn, render
from ..table.cells import BOOLEAN_WORDS, fold, parse_booleans, parse_numbers

__all__ = [
    "EARTH_RADIUS_KM",
    "Boolean",
    "Distance",
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
