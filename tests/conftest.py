"""Fixtures shared by the test packages: the shipped example, read once.

The session-wide English default is set by the project's root ``conftest.py``.
Toy grids and tables are plain values in :mod:`tests.toys` (modules use them at
import time), Hypothesis strategies are in :mod:`tests.strategies`.

These fixtures are session-scoped, so Hypothesis tests may use them; what they
return is immutable (a path, a frozen Grid) or must be treated as read-only (a
Ranking).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import selection


@pytest.fixture(scope="session")
def example_paths() -> tuple[Path, Path]:
    """The shipped example: (producer table, grid file)."""
    return selection.example_producers_path(), selection.example_grid_path()


@pytest.fixture(scope="session")
def example_grid() -> selection.Grid:
    """The shipped example grid (quality, locality, accessibility), read once."""
    return selection.load_grid(selection.example_grid_path())


@pytest.fixture(scope="session")
def example_ranking(example_grid: selection.Grid) -> selection.Ranking:
    """The shipped producers ranked by the shipped grid (read-only)."""
    return selection.rank(selection.example_producers_path(), example_grid)
