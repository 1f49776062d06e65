"""selection.check: recorded decisions against the grid's, with hand-derived explanations."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import selection
from selection.cli import main
from tests.toys import TWO_BATTERIES, TWO_BATTERY_TABLE, record

#: Batteries q and l of one criterion each (see tests.toys), a gate, the top 2.
GRID = TWO_BATTERIES + "eligibility:\n  - {criterion: l1, min: 0.1}\nselect:\n  top: 2\n"

#: With w the weight of q (l weighs 1 − w): A = 0.5 + 0.4 w, B = 0.8 − 0.4 w,
#: C = 0.6 + 0.05 w, D = 0.3 − 0.1 w; E fails the gate l1 ≥ 0.1.
#: At w = 1/2: A 0.7, C 0.625, B 0.6, D 0.25 → the grid selects A and C.
TABLE = pd.concat(
    [TWO_BATTERY_TABLE, pd.DataFrame({"id": ["E"], "q1": [1.0], "l1": [0.0]})], ignore_index=True
)


@pytest.fixture
def grid() -> selection.Grid:
    return selection.parse_grid(GRID)


def test_decisions_that_follow_from_the_grid_agree_fully(grid: selection.Grid) -> None:
    audit = selection.check(
        TABLE,
        grid,
        decisions=record(A="retenu", C="Retenu", B="écarté", D="ecarte"),
        level="battery",
    )
    assert audit.agreement == 1.0
    assert audit.reproduced
    assert audit.disagreements.empty
    assert audit.confusion.loc["selected", "selected"] == 2
    assert audit.confusion.loc["rejected", "rejected"] == 2


def test_disagreements_are_explained_with_the_weight_that_would_flip_them(
    grid: selection.Grid,
) -> None:
    """B is selected (rank 3) and C rejected (rank 2) by the committee.

    B enters the top 2 when it beats C (w < 0.2 / 0.45 = 4/9) or A (w < 3/8): w < 4/9,
    i.e. 0 % to 44 % on the line of q (points every 1/400: last inside 177/400).
    C leaves the top 2 when both A (w > 0.1 / 0.35 = 2/7) and B (w < 4/9) beat it:
    2/7 < w < 4/9, i.e. 29 % to 44 %.
    """
    audit = selection.check(
        TABLE, grid, decisions=record(A="selected", B="selected", C="rejected"), level="battery"
    )
    assert audit.agreement == pytest.approx(1 / 3)
    assert list(audit.disagreements.index) == ["B", "C"]
    b, c = audit.disagreements["explanation"]
    assert b.startswith("The grid leaves it out (rank 3: the top 2 places are taken).")
    assert "Against C (the last selected, rank 2)" in b
    assert (
        "It would have been selected with the weight of Quality between 0% and 44% (now 50%)" in b
    )
    assert c.startswith("The grid selects it (rank 2).")
    assert "Against B (the first left out, rank 3)" in c
    assert "It would have been left out with the weight of Quality between 29% and 44%" in c


def test_an_ineligible_producer_recorded_as_selected_is_an_exception_to_a_gate(
    grid: selection.Grid,
) -> None:
    audit = selection.check(
        TABLE, grid, decisions=record(A="selected", C="selected", E="selected"), level="battery"
    )
    (text,) = audit.disagreements["explanation"]
    assert audit.disagreements.index[0] == "E"
    assert "not eligible under the grid (fails l1 ≥ 0.1 (has 0))" in text
    assert "no weighting can select it" in text


def test_decisions_about_unknown_producers_are_refused(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        selection.check(
            TABLE, grid, decisions=record(A="selected", Z1="rejected"), level="battery"
        )
    assert caught.value.problem == "decisions about producers that are not in the table"
    assert "'Z1'" in str(caught.value.found)


def test_a_grid_without_a_selection_rule_is_refused() -> None:
    bare = selection.parse_grid(GRID.split("select:")[0])
    with pytest.raises(selection.GridError, match="no selection rule"):
        selection.check(TABLE, bare, decisions=record(A="selected"), level="battery")


def test_the_shipped_example_reproduces_all_but_four_decisions(
    example_paths: tuple[Path, Path],
) -> None:
    audit = selection.check(
        *example_paths,
        decisions=selection.example_decisions_path(),
        level="battery",
    )
    assert audit.agreement == pytest.approx(56 / 60)
    assert sorted(audit.disagreements.index) == ["P012", "P028", "P032", "P042"]
    quota = audit.disagreements.loc["P042", "explanation"]
    assert "The weights are not the cause: category 'légumes' is full with" in quota


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"], stdout=io.StringIO()) == 1  # the example differs in four places
    grid_file = tmp_path / "grid.yaml"
    grid_file.write_text(GRID, encoding="utf-8")
    table_file = tmp_path / "producers.csv"
    TABLE.to_csv(table_file, index=False)
    agreeing = tmp_path / "decisions.csv"
    record(A="retenu", C="retenu", B="écarté").to_csv(agreeing, index=False)
    out = io.StringIO()
    assert main(["check", str(grid_file), str(table_file), str(agreeing)], stdout=out) == 0
    assert out.getvalue().startswith("100% of the 3 recorded decisions follow from the grid")
    unknown = tmp_path / "bad.csv"
    record(A="peut-être").to_csv(unknown, index=False)
    assert main(["check", str(grid_file), str(table_file), str(unknown)]) == 2
    assert "unknown decision words" in capsys.readouterr().err
    assert main(["check", str(grid_file)]) == 2
