"""The Grid sheet: the batteries and criteria a result was computed with, and where from.

One row per battery then per criterion (in the grid's order): level, key,
label, battery, the table columns it reads, direction, points as written, the
share within its battery and the effective weight. Under the table, the
provenance: grid name and hash, method, normalization, rule, version.

Examples
--------
>>> import selection
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> sheet = grid_sheet(ranking.grid, "fr", about=ranking_about(ranking, "fr"))
>>> sheet.name, sheet.headers[:3]
('Grille', ['Niveau', 'Clé', 'Libellé'])
>>> dict(sheet.about)["Méthode"]
'wsm'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .._version import __version__
from ..grid import Direction, Grid, level_name
from ..messages import render
from ..ranking import Ranking
from . import words as w
from .sheets import Column, Format, Sheet

__all__ = ["grid_about", "grid_sheet", "ranking_about"]


def grid_sheet(grid: Grid, lang: str, *, about: list[tuple[str, Any]] | None = None) -> Sheet:
    """The grid's batteries and criteria, and `about` (default: :func:`grid_about`) below."""
    levels, keys, labels, batteries, columns, directions = [], [], [], [], [], []
    points: list[float] = []
    within: list[float | None] = []
    battery_share = grid.battery_weights.to_numpy(dtype=float)
    effective: list[float] = list(battery_share)
    for battery in grid.batteries:
        levels.append(render(level_name("battery"), lang))
        keys.append(battery.key)
        labels.append(battery.label)
        batteries.append("")
        columns.append("")
        directions.append("")
        points.append(battery.weight)
        within.append(None)
    effective += list(np.asarray(grid.weight_vector, dtype=float))
    for battery in grid.batteries:
        for criterion, share in zip(battery.criteria, battery.shares(), strict=True):
            levels.append(render(level_name("criterion"), lang))
            keys.append(criterion.key)
            labels.append(criterion.label)
            batteries.append(battery.label)
            columns.append(", ".join(criterion.kind.columns))
            directions.append(
                w.word(
                    w.HIGHER_IS_BETTER
                    if criterion.direction is Direction.MAX
                    else w.LOWER_IS_BETTER,
                    lang,
                )
            )
            points.append(criterion.weight)
            within.append(float(share))
    return Sheet(
        name=w.word(w.SHEET_GRID, lang),
        columns=(
            Column(w.word(w.COLUMN_LEVEL, lang), levels),
            Column(w.word(w.COLUMN_KEY, lang), keys),
            Column(w.word(w.COLUMN_LABEL, lang), labels),
            Column(w.word(w.COLUMN_BATTERY, lang), batteries),
            Column(w.word(w.COLUMN_TABLE_COLUMNS, lang), columns),
            Column(w.word(w.COLUMN_DIRECTION, lang), directions),
            Column(w.word(w.COLUMN_POINTS, lang), points, Format.NUMBER),
            Column(w.word(w.COLUMN_SHARE_IN_BATTERY, lang), within, Format.PERCENT),
            Column(w.word(w.COLUMN_WEIGHT, lang), effective, Format.PERCENT),
        ),
        keys=3,
        about=tuple(grid_about(grid, lang) if about is None else about),
    )


def grid_about(
    grid: Grid, lang: str, *, method: str | None = None, normalization: str | None = None
) -> list[tuple[str, Any]]:
    """The grid's provenance as ``(label, value)`` lines: name, file, hash, method, rule..."""
    lines: list[tuple[str, Any]] = [(w.word(w.ABOUT_GRID, lang), grid.name)]
    if grid.source:
        lines.append((w.word(w.ABOUT_GRID_FILE, lang), Path(grid.source).name))
    lines.append((w.word(w.ABOUT_HASH, lang), grid.hash))
    lines.append((w.word(w.ABOUT_METHOD, lang), str(method or grid.method)))
    how = normalization or (None if grid.normalization is None else grid.normalization.value)
    if how is not None:
        lines.append((w.word(w.ABOUT_NORMALIZATION, lang), how))
    gates = [gate.condition(_label(grid, gate.criterion)) for gate in grid.eligibility]
    lines.append(
        (w.word(w.ABOUT_ELIGIBILITY, lang), render(gates, lang) if gates else w.word(w.NONE, lang))
    )
    rule = grid.select
    lines.append(
        (
            w.word(w.ABOUT_RULE, lang),
            render(rule.conditions(), lang) if rule is not None else w.word(w.NONE, lang),
        )
    )
    return lines


def ranking_about(ranking: Ranking, lang: str) -> list[tuple[str, Any]]:
    """:func:`grid_about` for the grid, method and parameters a ranking was computed with."""
    provenance = ranking.provenance()
    lines = grid_about(
        ranking.grid, lang, method=ranking.method, normalization=ranking.normalization
    )
    position = next(
        i for i, (label, _) in enumerate(lines) if label == w.word(w.ABOUT_ELIGIBILITY, lang)
    )
    extra: list[tuple[str, Any]] = []
    if "parameters" in provenance:
        extra.append(
            (
                w.word(w.ABOUT_PARAMETERS, lang),
                json.dumps(provenance["parameters"], ensure_ascii=False, sort_keys=True),
            )
        )
    best = w.BEST_HIGHEST if ranking.higher_is_better else w.BEST_LOWEST
    extra.append((w.word(w.ABOUT_BEST, lang), w.word(best, lang)))
    if ranking.baseline is not None:
        extra.append((w.word(w.ABOUT_BASELINE, lang), float(ranking.baseline)))
    lines[position:position] = extra
    source = ranking.prepared.source
    if source is not None:
        lines.append((w.word(w.ABOUT_PRODUCERS, lang), Path(source).name))
    lines.append((w.word(w.ABOUT_WRITTEN_BY, lang), f"selection {ranking.version}"))
    return lines


def written_by(lang: str) -> tuple[str, Any]:
    """The ``Written by: selection x.y`` line."""
    return (w.word(w.ABOUT_WRITTEN_BY, lang), f"selection {__version__}")


def _label(grid: Grid, key: str | None) -> str | None:
    if key is None:
        return None
    return next((c.label for c in grid.criteria if c.key == key), key)
