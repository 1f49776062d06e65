"""Grids in tiers for the tests of issue 13, item 1: the shipped example's batteries with
three tiers, and the two-battery toy of :mod:`tests.toys` with hand-derived bands."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import selection
from selection.grid import SelectionRule, Tier
from tests.toys import TWO_BATTERIES, TWO_BATTERY_TABLE

#: The Montpellier shape: two approving tiers with a rate, and the rest.
TIERS = """\
select:
  tiers:
    - {min_score: 0.75, label: "conventionné 90 %", rate: 0.9}
    - {min_score: 0.55, label: "conventionné 50 %", rate: 0.5}
    - {label: "non conventionné", rate: 0}
"""

#: Batteries q and l (see tests.toys), a gate, and tiers. With w the weight of q:
#: A = 0.5 + 0.4 w, B = 0.8 − 0.4 w, C = 0.6 + 0.05 w, D = 0.3 − 0.1 w; E fails the gate.
#: At w = 1/2: A 0.7 (gold), C 0.625 and B 0.6 (silver), D 0.25 (none).
TOY = (
    TWO_BATTERIES
    + "eligibility:\n  - {criterion: l1, min: 0.1}\n"
    + """select:
  tiers:
    - {min_score: 0.65, label: Gold, rate: 0.9, note: "two years"}
    - {min_score: 0.5, label: Silver, rate: 0.5, note: "one year"}
    - {label: none, rate: 0}
"""
)

TOY_TABLE = pd.concat(
    [TWO_BATTERY_TABLE, pd.DataFrame({"id": ["E"], "q1": [1.0], "l1": [0.0]})], ignore_index=True
)


def tiered(grid: selection.Grid, *tiers: Tier) -> selection.Grid:
    """`grid` with its rule replaced by `tiers`."""
    return dataclasses.replace(grid, select=SelectionRule(tiers=tiers))


@pytest.fixture(scope="session")
def example_tiers_grid(example_grid: selection.Grid) -> selection.Grid:
    """The shipped example grid, its rule replaced by :data:`TIERS`."""
    text = selection.example_grid_path().read_text(encoding="utf-8").split("\nselect:")[0]
    return selection.parse_grid(text + "\n" + TIERS, source="example-tiers.yaml")


@pytest.fixture(scope="session")
def toy_grid() -> selection.Grid:
    return selection.parse_grid(TOY, source="toy.yaml")
