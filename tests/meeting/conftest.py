"""Pages and problems shared by the meeting page's tests."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import selection
from selection.grid import Grid, Quota, SelectionRule

ROOT = Path(__file__).resolve().parents[2]
PRODUCERS = selection.example_producers_path()
GRID = selection.example_grid_path()
MEMBERS = [
    ROOT / "criteria" / "members" / name for name in ("gesra.yaml", "vrac.yaml", "escales.yaml")
]


@dataclasses.dataclass
class Tag:
    name: str
    attrs: dict[str, str]


class Tags(HTMLParser):
    """Every start tag of a document with its attributes (enough for the contract)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {k: v or "" for k, v in attrs}))

    def find(self, name: str, **attrs: str) -> list[Tag]:
        return [
            t
            for t in self.tags
            if t.name == name
            and all(t.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def embedded(page: str) -> dict[str, Any]:
    """The page's data, as the script reads it."""
    found = re.search(
        r'<script type="application/json" id="meeting-data">(.*?)</script>', page, re.S
    )
    assert found, "no embedded data"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def strict_grid(**select: Any) -> Grid:
    """The example grid with another selection rule."""
    grid = selection.load_grid(GRID)
    return dataclasses.replace(grid, select=SelectionRule(**select) if select else None)


#: A rule that uses every part of apply_rule: top, min_score, maximum and minimum quotas.
FULL_RULE = {
    "top": 12,
    "min_score": 0.62,
    "quotas": (Quota("category", max=3), Quota("category", value="Légumes ", min=4)),
}


def random_points(keys: list[str], grid: Grid, rng: np.random.Generator) -> dict[str, float]:
    """Random points on the sliders' scale (some at 0) that make a valid grid."""
    while True:
        values = rng.uniform(0, 100, len(keys)).round(int(rng.integers(0, 6)))
        values[rng.random(len(keys)) < 0.12] = 0.0
        points = dict(zip(keys, values.tolist(), strict=True))
        try:
            grid.with_weights(points)
        except selection.SelectionError:
            continue
        return points


@pytest.fixture(scope="session")
def grid() -> Grid:
    return selection.load_grid(GRID)


POSITIVE_GRID = """
format: selection/grid@1
name: Every normalization (test)
id: id
batteries:
  quality:
    weight: 40
    criteria:
      taste: {scale: [1, 10], weight: 2}
      label: {levels: {none: 1.5, HVE: 2, AB: 3, N&P: 4}, weight: 1}
  locality:
    weight: 25
    criteria:
      km: {direction: min, scale: [1, 300], weight: 3}
      steps: {direction: min, scale: [1, 4], weight: 1}
  accessibility:
    weight: 35
    criteria:
      price: {direction: min, scale: [50, 200], weight: 2}
      volume: {scale: [2, 2000], weight: 1}
select:
  top: 8
  quotas:
    - {column: category, max: 4}
    - {column: category, value: légumes, min: 2}
"""


def positive_problem(seed: int = 0) -> tuple[pd.DataFrame, Grid]:
    """A table whose every value is above 1, so that every normalization is defined."""
    rng = np.random.default_rng(seed)
    n = 30
    table = pd.DataFrame(
        {
            "id": [f"F{i:02d}" for i in range(n)],
            "taste": rng.uniform(1.5, 10, n).round(2),
            "label": rng.choice(["none", "HVE", "AB", "N&P"], n),
            "km": rng.uniform(3, 280, n).round(1),
            "steps": rng.integers(2, 4, n),
            "price": rng.uniform(60, 190, n).round(1),
            "volume": rng.uniform(10, 1900, n).round(0),
            "category": rng.choice(["légumes", "Fruits", " œufs"], n),
        }
    )
    return table, selection.parse_grid(POSITIVE_GRID)


#: Three tiers in place of the shipped grid's top 12 (issue 13): two thresholds and an open band.
TIERS_YAML = """select:
  tiers:
    - {min_score: 0.75, label: "conventionné 90 %", rate: 0.9}
    - {min_score: 0.55, label: "conventionné 50 %", rate: 0.5}
    - {label: "non conventionné", rate: 0}
"""

#: The same thresholds without an open band: the producers below 0.55 are not approved.
CLOSED_TIERS_YAML = """select:
  tiers:
    - {min_score: 0.75, label: "conventionné 90 %", rate: 0.9}
    - {min_score: 0.55, label: "conventionné 50 %", rate: 0.5}
"""


def tiered_grid(select: str = TIERS_YAML) -> Grid:
    """The shipped grid file (criteria/lyon-qla.yaml) with its `select:` replaced by `select`."""
    text = GRID.read_text(encoding="utf-8")
    head, found, _ = text.partition("\nselect:")
    assert found, "the shipped grid has no select: section"
    return selection.parse_grid(head + "\n" + select)
