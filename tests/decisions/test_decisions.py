"""Selection rules applied to rankings (``decide``), decision records, and grids written back.

The expected decisions are worked out by hand in each test's docstring from the
scores (a single criterion scored as is, ``normalization: none``), never read
off the code under test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import selection
from selection.decisions import load_decisions
from tests import toys

ROOT = Path(__file__).resolve().parents[2]
GRIDS = sorted((ROOT / "criteria").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "data" / "published").glob("*.yaml")
)


def one_criterion(select: str, method: str = "wsm", gate: str = "") -> selection.Grid:
    """A grid scoring producers by `x` alone (the weighted sum of one criterion is x)."""
    return selection.parse_grid(
        toys.grid_text(
            toys.ONLY_X,
            name="one criterion",
            method=method,
            normalization="none" if method == "wsm" else None,
            extra=gate + f"select: {select}\n",
        )
    )


def producers(**rows: tuple[float, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": list(rows),
            "x": [score for score, _ in rows.values()],
            "category": [category for _, category in rows.values()],
        }
    )


def decided(table: pd.DataFrame, grid: selection.Grid) -> dict[str, str]:
    return selection.rank(table, grid).decisions().table["decision"].to_dict()


# -- decide ---------------------------------------------------------------------------------


def test_top_n_with_a_maximum_per_category() -> None:
    """Top 3, at most 1 per category; scores A 10 (veg) > B 9 (veg) > C 8 (fruit) > D 7 (fruit)
    > E 6 (egg) > F 5 (veg).

    In rank order: A taken (veg 1/1); B veg full; C taken (fruit 1/1); D fruit full;
    E taken: 3 places filled; F: no place left.
    """
    grid = one_criterion("{top: 3, quotas: [{column: category, max: 1}]}")
    table = producers(
        A=(10, "veg"), B=(9, "veg"), C=(8, "fruit"), D=(7, "fruit"), E=(6, "egg"), F=(5, "veg")
    )
    decisions = selection.rank(table, grid).decisions()
    assert decisions.selected == ["A", "C", "E"]
    reasons = decisions.table["reason"]
    assert reasons["B"] == "rank 2: quota reached (at most 1 per category)"
    assert reasons["D"] == "rank 4: quota reached (at most 1 per category)"
    assert reasons["F"] == "rank 6: the top 3 places are taken"
    assert decisions.shortfalls == ()


def test_a_maximum_for_one_value_leaves_the_others_free() -> None:
    """Top 3, at most 1 veg: A (veg) taken, B (veg) refused, C and D (fruit) both taken."""
    grid = one_criterion("{top: 3, quotas: [{column: category, value: Veg, max: 1}]}")
    table = producers(A=(10, "veg"), B=(9, "veg"), C=(8, "fruit"), D=(7, "fruit"))
    assert decided(table, grid) == {
        "A": "selected",
        "B": "not selected",
        "C": "selected",
        "D": "selected",
    }


def test_a_minimum_quota_is_filled_first_with_the_best_of_its_category() -> None:
    """Top 3, at least 2 veg; A 10 (fruit) > B 9 (fruit) > C 8 (egg) > D 7 (veg) > E 6 (veg)
    > F 5 (veg).

    The minimum first: D and E (the two best veg). Then in rank order: A takes the
    last place; B and C, although above D and E, find the places taken; F too.
    """
    grid = one_criterion("{top: 3, quotas: [{column: category, value: veg, min: 2}]}")
    table = producers(
        A=(10, "fruit"), B=(9, "fruit"), C=(8, "egg"), D=(7, "veg"), E=(6, "veg"), F=(5, "veg")
    )
    decisions = selection.rank(table, grid).decisions()
    assert sorted(decisions.selected) == ["A", "D", "E"]
    assert decisions.table.loc["D", "reason"] == (
        "rank 4; counts toward the quota: at least 2 with category = veg"
    )
    assert decisions.table.loc["B", "reason"] == "rank 2: the top 3 places are taken"
    assert decisions.shortfalls == ()


def test_a_minimum_quota_that_cannot_be_met_is_a_shortfall() -> None:
    """At least 2 veg, but one veg producer only: it is taken, the shortfall is reported,
    and the other places go by rank (top 2: B, then A)."""
    grid = one_criterion("{top: 2, quotas: [{column: category, value: veg, min: 2}]}")
    table = producers(A=(10, "fruit"), B=(3, "veg"), C=(2, "fruit"))
    decisions = selection.rank(table, grid).decisions()
    assert sorted(decisions.selected) == ["A", "B"]
    assert decisions.shortfalls == (
        "at least 2 with category = veg: only 1 eligible producer could be taken",
    )


def test_minimum_and_maximum_quotas_together() -> None:
    """Top 4, at most 2 per category, at least 1 egg; A 10, B 9, C 8 veg; D 7, E 6 fruit;
    F 1 egg.

    The minimum first: F (the only egg). Then: A, B (veg 2/2); C veg full; D takes the
    fourth place; E: places taken.
    """
    grid = one_criterion(
        "{top: 4, quotas: [{column: category, max: 2}, {column: category, value: egg, min: 1}]}"
    )
    table = producers(
        A=(10, "veg"), B=(9, "veg"), C=(8, "veg"), D=(7, "fruit"), E=(6, "fruit"), F=(1, "egg")
    )
    decisions = selection.rank(table, grid).decisions()
    assert sorted(decisions.selected) == ["A", "B", "D", "F"]
    assert "quota reached" in decisions.table.loc["C", "reason"]
    assert "places are taken" in decisions.table.loc["E", "reason"]


def test_categories_match_ignoring_case_and_spaces() -> None:
    """' VEG ' and 'veg' are one category: at most 1 of them."""
    grid = one_criterion("{top: 3, quotas: [{column: category, max: 1}]}")
    table = producers(A=(10, " VEG "), B=(9, "veg"), C=(8, "fruit"))
    assert decided(table, grid)["B"] == "not selected"


def test_min_score_with_the_weighted_sum() -> None:
    """min_score 6: A 10 and B 6 (exactly at the threshold: kept) in; C 5.9 out."""
    grid = one_criterion("{min_score: 6}")
    table = producers(A=(10, "veg"), B=(6, "veg"), C=(5.9, "veg"))
    decisions = selection.rank(table, grid).decisions()
    assert decisions.selected == ["A", "B"]
    assert decisions.table.loc["C", "reason"] == "rank 3: score 5.9 below min_score 6"


def test_min_score_with_a_lower_is_better_method_keeps_the_low_scores() -> None:
    """VIKOR (v = 0.5), two equally weighted criteria, A (1, 1), B (0.5, 0), C (0, 0.8),
    D (0, 0): f* = (1, 1), f⁻ = (0, 0).

    Regrets per criterion, w (f* − f) / (f* − f⁻): A (0, 0); B (0.25, 0.5); C (0.5, 0.1);
    D (0.5, 0.5). S = A 0, B 0.75, C 0.6, D 1; R = A 0, B 0.5, C 0.5, D 0.5.
    Q = 0.5 (S − 0) / 1 + 0.5 (R − 0) / 0.5: A 0, C 0.8, B 0.875, D 1.
    Lower is better, so min_score 0.85 keeps A and C (scores ≤ 0.85) only.
    """
    grid = selection.parse_grid(
        "format: selection/grid@1\nname: v\nid: id\nmethod: vikor\n"
        "batteries:\n  all: {criteria: {q: {}, l: {}}}\nselect: {min_score: 0.85}\n"
    )
    table = pd.DataFrame({"id": list("ABCD"), "q": [1, 0.5, 0, 0], "l": [1, 0, 0.8, 0]})
    ranking = selection.rank(table, grid)
    assert ranking.table["score"].astype(float).to_dict() == pytest.approx(
        {"A": 0.0, "C": 0.8, "B": 0.875, "D": 1.0}, abs=1e-12
    )
    decisions = ranking.decisions()
    assert decisions.selected == ["A", "C"]
    assert decisions.table.loc["B", "decision"] == "not selected"
    assert "min_score 0.85" in decisions.table.loc["B", "reason"]


def test_top_and_min_score_together() -> None:
    """Top 3 and min_score 5: A 9, B 7 pass; C 4 fails the score although a place is left."""
    grid = one_criterion("{top: 3, min_score: 5}")
    table = producers(A=(9, "veg"), B=(7, "veg"), C=(4, "veg"), D=(1, "veg"))
    assert selection.rank(table, grid).decisions().selected == ["A", "B"]


def test_ineligible_producers_are_never_selected() -> None:
    """A gate x ≥ 2 removes D (score 11) before the top 2 is taken."""
    grid = one_criterion("{top: 2}", gate="eligibility:\n  - {criterion: x, max: 10}\n")
    table = producers(A=(9, "veg"), B=(7, "veg"), C=(4, "veg"), D=(11, "veg"))
    decisions = selection.rank(table, grid).decisions()
    assert decisions.selected == ["A", "B"]
    assert decisions.table.loc["D", "decision"] == "ineligible"
    assert "x ≤ 10" in decisions.table.loc["D", "reason"]


def test_a_rule_given_to_decide_overrides_the_grid() -> None:
    grid = one_criterion("{top: 1}")
    table = producers(A=(9, "veg"), B=(7, "veg"), C=(4, "veg"))
    ranking = selection.rank(table, grid)
    assert ranking.decisions(selection.SelectionRule(top=2)).selected == ["A", "B"]
    assert ranking.decisions().selected == ["A"]


def test_decide_without_any_rule_is_a_grid_error() -> None:
    grid = selection.parse_grid(
        "format: selection/grid@1\nname: g\nid: id\nnormalization: none\n"
        "batteries:\n  all: {criteria: {x: {}}}\n"
    )
    ranking = selection.rank(producers(A=(1, "veg"), B=(2, "veg")), grid)
    with pytest.raises(selection.GridError) as caught:
        ranking.decisions()
    assert caught.value.problem == "no selection rule"
    assert "select:" in str(caught.value.expected)


def test_the_shipped_example_respects_its_own_rule(example_ranking: selection.Ranking) -> None:
    """The example's rule: top 12, at most 4 per category, at least 3 vegetable growers."""
    decisions = example_ranking.decisions()
    chosen = example_ranking.producers.loc[decisions.selected, "category"]
    assert len(chosen) == 12
    assert chosen.value_counts().max() <= 4
    assert (chosen == "légumes").sum() >= 3


# -- load_decisions ---------------------------------------------------------------------------


@pytest.fixture
def grid() -> selection.Grid:
    return one_criterion("{top: 1}")


def record(ids: list[object], words: list[object], **more: list[object]) -> pd.DataFrame:
    return pd.DataFrame({"id": ids, "decision": words, **more})


@pytest.mark.parametrize(
    ("word", "meaning"),
    [
        ("retenu", "selected"),
        ("Retenue", "selected"),
        ("RETENU", "selected"),
        ("sélectionné", "selected"),
        ("selectionne", "selected"),
        ("oui", "selected"),
        ("selected", "selected"),
        ("écarté", "rejected"),
        ("Ecarte", "rejected"),
        ("ÉCARTÉE", "rejected"),
        ("  écartée ", "rejected"),
        ("non retenu", "rejected"),
        ("rejeté", "rejected"),
        ("refusé", "rejected"),
        ("non", "rejected"),
        ("rejected", "rejected"),
    ],
)
def test_decision_words_in_english_and_french_with_or_without_accents(
    grid: selection.Grid, word: str, meaning: str
) -> None:
    loaded = load_decisions(record(["P1"], [word]), grid)
    assert loaded.decisions.to_dict() == {"P1": meaning}


def test_unknown_decision_words_are_named_with_a_suggestion(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(record(["P1", "P2", "P3"], ["retenu", "retenus", "peut-être"]), grid)
    error = caught.value
    assert error.problem == "unknown decision words"
    assert error.where == "the decisions DataFrame, producers P2, P3"
    assert error.found == "'retenus', 'peut-être'"
    assert error.hint == "did you mean 'retenu'?"
    assert "retenu, écarté" in str(error.expected)


def test_blank_ids_are_refused_with_their_rows(grid: selection.Grid, tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text("id;decision\nP1;retenu\n;écarté\n", encoding="utf-8")
    with pytest.raises(selection.DataError) as caught:
        load_decisions(path, grid)
    assert caught.value.problem == "decisions without a producer id"
    assert str(path) in str(caught.value.where)
    assert caught.value.found == "blank cells"


def test_duplicate_ids_are_refused(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(record(["P1", "P2", "P1 "], ["retenu", "écarté", "écarté"]), grid)
    assert caught.value.problem == "a producer appears twice in the decisions"
    assert caught.value.found == "repeated: 'P1'"
    assert caught.value.hint == "keep the latest decision of each producer"


def test_blank_decisions_are_refused(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(record(["P1", "P2"], ["retenu", None]), grid)
    assert caught.value.problem == "blank decisions"
    assert "P2" in str(caught.value.where)


def test_a_missing_decision_column_gets_a_suggestion(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(pd.DataFrame({"id": ["P1"], "decison": ["retenu"]}), grid)
    assert caught.value.problem == "the decisions lack a 'decision' column"
    assert caught.value.found == "columns 'id', 'decison'"
    assert caught.value.hint == "rename 'decison' to 'decision'"


def test_a_missing_id_column_names_the_grids_id(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(pd.DataFrame({"ident": ["P1"], "decision": ["retenu"]}), grid)
    assert caught.value.problem == "the decisions lack a 'id' column"
    assert "'id' (the grid's id)" in str(caught.value.expected)


def test_french_headers_and_optional_columns(grid: selection.Grid, tmp_path: Path) -> None:
    path = tmp_path / "décisions.csv"
    path.write_text(
        "id;Décision;date;score;commentaire\n"
        "P1;retenu;2025-03-12;0,82;\n"
        "P2;écarté;2025-03-12;;prix trop élevé\n",
        encoding="utf-8",
    )
    loaded = load_decisions(path, grid)
    assert loaded.decisions.to_dict() == {"P1": "selected", "P2": "rejected"}
    assert loaded.details["score"].iloc[0] == pytest.approx(0.82)
    assert pd.isna(loaded.details["score"].iloc[1])
    assert loaded.details.loc["P2", "note"] == "prix trop élevé"
    assert loaded.source == str(path)


def test_recorded_scores_that_are_not_numbers_are_refused(grid: selection.Grid) -> None:
    with pytest.raises(selection.DataError) as caught:
        load_decisions(record(["P1", "P2"], ["retenu", "non"], score=["0,8", "bof"]), grid)
    assert caught.value.problem == "recorded scores that are not numbers"
    assert caught.value.found == "'bof'"


def test_an_xlsx_record_reads_like_a_csv(grid: selection.Grid, tmp_path: Path) -> None:
    path = tmp_path / "décisions.xlsx"
    record(["P1", "P2"], ["Retenu", "Écarté"], note=["", "trop loin"]).to_excel(path, index=False)
    loaded = load_decisions(path, grid)
    assert loaded.decisions.to_dict() == {"P1": "selected", "P2": "rejected"}
    assert loaded.details.loc["P2", "note"] == "trop loin"


def test_the_shipped_decisions_load(example_grid: selection.Grid) -> None:
    loaded = load_decisions(selection.example_decisions_path(), example_grid)
    assert len(loaded.decisions) == 60
    assert (loaded.decisions == "selected").sum() == 14


# -- Grid.to_yaml -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GRIDS, ids=lambda p: p.name)
def test_to_yaml_round_trip_gives_an_equal_grid(path: Path, tmp_path: Path) -> None:
    grid = selection.load_grid(path)
    saved = tmp_path / path.name
    text = grid.to_yaml(saved)
    again = selection.load_grid(saved)
    assert again == grid
    assert again.hash == grid.hash
    assert saved.read_text(encoding="utf-8") == text
    # Labels and order are kept, not only the weights.
    assert [b.label for b in again.batteries] == [b.label for b in grid.batteries]
    assert [c.label for c in again.criteria] == [c.label for c in grid.criteria]
    assert again.keys == grid.keys
    # Saving the reloaded grid again gives the same file, bar the header naming its source.
    assert again.to_yaml().splitlines()[1:] == text.splitlines()[1:]


def test_to_yaml_keeps_the_selection_rule(example_grid: selection.Grid) -> None:
    assert example_grid.select is not None
    again = selection.parse_grid(example_grid.to_yaml())
    assert again.select == example_grid.select


def test_to_yaml_writes_completely_or_not_at_all(
    example_grid: selection.Grid, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while replacing the file leaves the old file as it was and no temporary file."""
    target = tmp_path / "grid.yaml"
    target.write_text("old content\n", encoding="utf-8")

    def fail(source: object, destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(selection.errors.OutputError) as info:
        example_grid.to_yaml(target)
    assert info.value.found == "disk full"
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grid.yaml"]


def test_to_yaml_replaces_an_existing_file(example_grid: selection.Grid, tmp_path: Path) -> None:
    target = tmp_path / "grid.yaml"
    target.write_text("old content\n", encoding="utf-8")
    example_grid.with_weights(locality=50).to_yaml(target)
    assert selection.load_grid(target).battery_weights["locality"] == pytest.approx(50 / 120)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grid.yaml"]
