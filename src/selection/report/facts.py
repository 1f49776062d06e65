"""What the report shows, computed once: the ranking, robustness, stability, consensus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ..grid_file import load_grid
from ..model import Battery, Criterion, Grid
from ..ranking import Ranking, rank
from ..sensitivity import robustness, weight_intervals
from ..table import Producers, read_table
from . import members
from .text import Text

__all__ = ["Facts", "gather", "whole"]

Level = Literal["battery", "criterion"]

_NAME_COLUMNS = ("name", "nom", "raison_sociale")


@dataclass(frozen=True, eq=False)
class Facts:
    """Everything the document shows, computed once."""

    text: Text
    ranking: Ranking
    k: int
    samples: int
    level: Level | None
    robust: pd.DataFrame | None
    robust_why: str | None
    intervals: pd.DataFrame | None
    intervals_why: str | None
    committee: Any
    members: list[Any]
    date: dt.datetime | dt.date
    grid_file: str | None
    producers_file: str | None

    @property
    def grid(self) -> Grid:
        """The grid the producers were ranked with."""
        return self.ranking.grid

    @property
    def eligible(self) -> int:
        """How many producers are eligible."""
        return int(self.ranking.table["eligible"].sum())

    def who(self, producer: object) -> str:
        """``P004 · EARL Thévenet`` when the table names its producers, else the id."""
        pid = str(producer)
        frame = self.ranking.producers
        column = next((c for c in _NAME_COLUMNS if c in frame.columns), None)
        if column is None or pid not in frame.index:
            return pid
        name: Any = frame.loc[pid, column]
        return pid if pd.isna(name) or not str(name).strip() else f"{pid} · {str(name).strip()}"

    def label(self, key: str) -> str:
        """The grid's label of a battery or criterion key."""
        items: list[Battery | Criterion] = [*self.grid.batteries, *self.grid.criteria]
        for item in items:
            if item.key == key:
                return item.label
        return key


def whole(value: object, name: str, low: int = 1) -> int:
    """`value` as an int, or a SelectionError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise SelectionError(
            f"{name} must be a whole number ≥ {low}",
            where=name,
            expected=f"a whole number ≥ {low}",
            found=repr(value),
        )
    return int(value)


def _file_name(source: object) -> str | None:
    return Path(source).name if isinstance(source, str | PathLike) else None


def _level(grid: Grid) -> Level | None:
    if len(grid.batteries) >= 2:
        return "battery"
    if len(grid.criteria) >= 2:
        return "criterion"
    return None


def gather(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    member_list: Sequence[Any] | None,
    text: Text,
    k: int,
    samples: int,
    seed: int,
    date: dt.datetime | dt.date | None,
) -> Facts:
    """Load, rank, and run the sensitivity analyses and the consensus the report needs."""
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    table = read_table(producers)
    ranking = rank(table, the_grid)
    n = int(ranking.table["eligible"].sum())
    k = min(k, n) if n else k
    method = ranking.method
    normalization = None if ranking.normalization == "built-in" else ranking.normalization
    level = _level(the_grid)
    robust = intervals = None
    robust_why = intervals_why = None
    if n < 2:
        robust_why = intervals_why = text("why_few_producers")
    elif level is None:
        robust_why = intervals_why = text("why_single_weight")
    else:
        robust = robustness(
            table,
            the_grid,
            k=k,
            samples=samples,
            level=level,
            method=method,
            normalization=normalization,
            seed=seed,
        )
    if intervals_why is None:
        if len(the_grid.batteries) < 2:
            intervals_why = text("why_single_weight")
        elif method not in ("wsm", "topsis"):
            intervals_why = text("why_method", method=text.method(method))
        elif k >= n:
            intervals_why = text("why_all_selected", n=n, k=k)
        else:
            intervals = weight_intervals(
                table,
                the_grid,
                scope="top",
                k=k,
                level="battery",
                method=method,
                normalization=normalization,
            )
    loaded, result = [], None
    if member_list is not None:
        loaded = members.load(member_list, the_grid)
        result = members.consensus(table, the_grid, loaded, k, text.lang)
    return Facts(
        text=text,
        ranking=ranking,
        k=k,
        samples=samples,
        level=level,
        robust=robust,
        robust_why=robust_why,
        intervals=intervals,
        intervals_why=intervals_why,
        committee=result,
        members=list(loaded),
        date=date if date is not None else dt.datetime.now().replace(second=0, microsecond=0),
        grid_file=_file_name(grid) or _file_name(the_grid.source),
        producers_file=_file_name(producers),
    )
