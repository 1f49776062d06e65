"""Periods of a plan: ISO weeks (``2027-W14``) in calendar order, or any labels in the order given.

Examples
--------
>>> iso_week("2027-w3"), iso_week(" 2027W14 "), iso_week("semaine 3")
('2027-W03', '2027-W14', None)
>>> import datetime
>>> period_label(datetime.date(2027, 4, 7)), period_label(14.0), period_label(" été ")
('2027-W14', '14', 'été')
>>> periods = Periods.of(["2027-W10", "2027-W02", "2027-W10"])
>>> periods.labels, periods.iso
(('2027-W02', '2027-W10'), True)
>>> periods.between("2027-W01", "2027-W05")
('2027-W02',)
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Periods", "iso_week", "period_label", "week_of"]

_ISO = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")


def iso_week(text: str) -> str | None:
    """``YYYY-Www`` for an ISO week written ``2027-W14``, ``2027-w14``, ``2027W14``; else None."""
    matched = _ISO.match(text)
    if matched is None:
        return None
    year, week = int(matched[1]), int(matched[2])
    try:
        datetime.date.fromisocalendar(year, week, 1)
    except ValueError:  # week 0, or week 53 of a 52-week year
        return None
    return f"{year}-W{week:02d}"


def week_of(day: datetime.date) -> str:
    """The ISO week of a date, e.g. ``2027-W14``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_label(cell: object) -> str:
    """A period cell as a label: an ISO week spelled canonically, a date's week, or the text."""
    if isinstance(cell, datetime.datetime | datetime.date):
        return week_of(cell if isinstance(cell, datetime.date) else cell.date())
    if hasattr(cell, "to_pydatetime"):  # a pandas Timestamp
        return week_of(cell.to_pydatetime().date())
    if isinstance(cell, np.generic):
        cell = cell.item()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    return iso_week(text) or text


def _iso_key(label: str) -> tuple[int, int]:
    year, week = label.split("-W")
    return int(year), int(week)


@dataclass(frozen=True)
class Periods:
    """The periods of the needs, in order.

    Attributes
    ----------
    labels : tuple of str
        In calendar order when every label is an ISO week, else in the order first given.
    iso : bool
        Whether the labels are ISO weeks (then offers may name weeks outside the needs'
        horizon, and seasons ``from``/``to`` compare by date).
    """

    labels: tuple[str, ...]
    iso: bool
    position: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", {p: i for i, p in enumerate(self.labels)})

    @classmethod
    def of(cls, labels: Iterable[str]) -> Periods:
        """The periods named in `labels` (repeats ignored)."""
        unique = list(dict.fromkeys(labels))
        iso = bool(unique) and all(iso_week(p) == p for p in unique)
        if iso:
            unique.sort(key=_iso_key)
        return cls(tuple(unique), iso)

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, label: object) -> bool:
        return label in self.position

    def between(self, first: str | None, last: str | None) -> tuple[str, ...]:
        """The periods from `first` to `last` included (None: open end).

        With ISO weeks, `first` and `last` may lie outside the horizon; otherwise they
        must be labels of the needs (the caller checks).
        """
        if self.iso:
            low = _iso_key(first) if first else (0, 0)
            high = _iso_key(last) if last else (9999, 99)
            return tuple(p for p in self.labels if low <= _iso_key(p) <= high)
        start = self.position[first] if first else 0
        stop = self.position[last] if last else len(self.labels) - 1
        return self.labels[start : stop + 1]

    def before(self, first: str, last: str) -> bool:
        """Whether `first` comes after `last` (a season written backwards)."""
        if self.iso:
            return _iso_key(first) > _iso_key(last)
        return self.position[first] > self.position[last]
