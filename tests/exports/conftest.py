"""Results computed once for the export tests (read-only)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import selection
from selection.committee import Consensus, consensus
from selection.decisions import Audit
from selection.sensitivity import (
    Acceptability,
    StabilityIntervals,
    acceptability,
    weight_intervals,
)

#: A producer id and name that a spreadsheet would run as a formula if written as is.
INJECTION = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="package")
def acceptability_result(example_ranking: selection.Ranking) -> Acceptability:
    return acceptability(example_ranking, samples=400)


@pytest.fixture(scope="package")
def intervals_result(example_ranking: selection.Ranking) -> StabilityIntervals:
    return weight_intervals(example_ranking, scope="top", k=10)


@pytest.fixture(scope="package")
def consensus_result(example_ranking: selection.Ranking) -> Consensus:
    return consensus(example_ranking, members=selection.example_members_paths(), k=10)


@pytest.fixture(scope="package")
def audit_result(example_ranking: selection.Ranking) -> Audit:
    return selection.check(example_ranking, decisions=selection.example_decisions_path())


@pytest.fixture(scope="package")
def injected_ranking() -> selection.Ranking:
    """The example with its first producer's id and name turned into a formula."""
    table = selection.read_table(selection.example_producers_path())
    table = table.copy()
    grid = selection.load_grid(selection.example_grid_path())
    table[grid.id_column] = table[grid.id_column].astype(object)
    table.loc[table.index[0], grid.id_column] = INJECTION
    table.loc[table.index[0], "name"] = INJECTION
    return selection.rank(table, grid)


def copy_of(path: Path, folder: Path) -> Path:
    """A copy of `path` in `folder`."""
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    return target


def xlsx_copy_of_producers(folder: Path) -> Path:
    """The example producer table saved as .xlsx in `folder`."""
    target = folder / "producteurs.xlsx"
    pd.read_csv(
        selection.example_producers_path(), sep=";", decimal=",", dtype={"department": str}
    ).to_excel(target, index=False)
    return target
