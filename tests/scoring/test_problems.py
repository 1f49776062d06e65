"""Every problem of a table at once, and values outside a declared scale (issue 10, item 6)."""

from __future__ import annotations

import pandas as pd
import pytest

import selection
from selection.scoring import matrix_problems

GRID = selection.load_grid(selection.example_grid_path())


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.read_csv(
        selection.example_producers_path(), sep=";", dtype=str, keep_default_na=False
    )


def test_a_good_table_has_no_problem(table: pd.DataFrame) -> None:
    assert matrix_problems(table, GRID) == []


def test_every_bad_column_is_reported(table: pd.DataFrame) -> None:
    table.loc[0, "price_index"] = "cher"
    table.loc[3, "payment_days"] = "beaucoup"
    table.loc[4, "organic_label"] = "bio-ish"
    table = table.drop(columns=["weekly_volume_kg"])
    problems = matrix_problems(selection.read_table(table), GRID)
    assert "weekly_volume_kg" in (problems[0].expected or "")
    assert [p.path for p in problems[1:]] == ["organic", "price", "payment"]
    assert all(isinstance(p, selection.DataError) for p in problems)
    with pytest.raises(selection.DataError) as info:
        selection.rank(table, GRID)
    assert str(info.value) == str(problems[0])


def test_repeated_ids_stop_the_check(table: pd.DataFrame) -> None:
    table.loc[1, "producer_id"] = table.loc[0, "producer_id"]
    table.loc[0, "price_index"] = "cher"
    (problem,) = matrix_problems(table, GRID)
    assert "not unique" in problem.problem


def test_values_outside_the_scale_are_warnings_not_errors(table: pd.DataFrame) -> None:
    """A payment delay of 1000 days under `scale: [0, 60]` is ranked, with a warning."""
    table.loc[2, "payment_days"] = "1000"
    ranking = selection.rank(table, GRID, lang="en")
    (warning,) = ranking.matrix.warnings
    text = warning.render("en")
    pid = table.loc[2, "producer_id"]
    assert f"{pid} (1000)" in text
    assert "[0, 60]" in text
    assert "1 value outside the declared scale" in text
