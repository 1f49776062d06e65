"""Judgement files (CSV, wide tables, YAML) and their mistakes, by type and by message."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import selection
from selection.judgments import aggregate_judgments, parse_judgments, read_judgments
from selection.messages import language

GRID = selection.parse_grid(
    """
format: selection/grid@1
name: Caisse commune (test)
id: id
judgments: {scale: [mauvais, moyen, bon, très bon], min_grades: 2}
batteries:
  all:
    criteria:
      price: {direction: min}
      welcome: {label: Accueil, judged: true}
      commitment: {label: Engagement social, judged: true}
"""
)
IDS = ["L1", "L2", "L3"]


def long_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "member": ["Amina", "Marc", "Léa", "Amina", "Marc"],
            "producer": ["L1", "L1", "L1", "L2", "L2"],
            "criterion": ["welcome", "welcome", "welcome", "welcome", "commitment"],
            "grade": ["bon", "très bon", "", "Moyen", "bon"],
        }
    )


def test_a_long_table_aggregates_into_merit_profiles() -> None:
    judged = aggregate_judgments(long_frame(), GRID, ids=IDS)
    assert judged.keys == ("welcome", "commitment")
    assert judged.members == 3
    assert judged.profile("welcome").to_dict("index") == {
        "L1": {"mauvais": 0, "moyen": 0, "bon": 1, "très bon": 1},
        "L2": {"mauvais": 0, "moyen": 1, "bon": 0, "très bon": 0},
        "L3": {"mauvais": 0, "moyen": 0, "bon": 0, "très bon": 0},
    }
    assert judged.graded.tolist() == [[2, 0], [1, 1], [0, 0]]
    assert judged.missing.tolist() == [[1, 3], [2, 2], [3, 3]]
    assert judged.enough.tolist() == [[True, False], [False, False], [False, False]]
    # L1 on welcome: bon, très bon → lower median bon (2), p = 1/2, q = 0.
    assert judged.values_of("welcome")[0] == 2.5
    assert np.isnan(judged.values_of("welcome")[1:]).all()
    frame = judged.to_frame()
    assert list(frame.columns) == ["producer", "criterion", "grade", "position", "count", "share"]
    assert len(frame) == 3 * 2 * 4
    row = frame[(frame.producer == "L1") & (frame.criterion == "welcome")]
    assert row["share"].tolist() == [0.0, 0.0, 0.5, 0.5]
    table = judged.table.loc[("L1", "welcome")]
    assert (table["majority_grade"], table["gauge"], table["graded"]) == ("bon", "+", 2)
    with language("en"):
        assert "3 members judged 3 producers" in judged.summary()
        assert "3 producers have too few grades" in judged.summary()


def test_a_french_csv_with_aliases_and_a_wide_table(tmp_path: Path) -> None:
    csv = tmp_path / "notes.csv"
    csv.write_text(
        "Membre;Lieu;Critère;Mention\nAmina;L1;Accueil;Bon\nMarc;L1;accueil;très bon\n",
        encoding="utf-8",
    )
    long = aggregate_judgments(csv, GRID, ids=IDS)
    wide = aggregate_judgments(
        pd.DataFrame(
            {
                "membre": ["Amina", "Marc"],
                "producteur": ["L1", "L1"],
                "Accueil": ["bon", "très bon"],
                "Engagement social": ["", "moyen"],
            }
        ),
        GRID,
        ids=IDS,
    )
    assert long.profile("welcome").loc["L1"].tolist() == [0, 0, 1, 1]
    assert wide.profile("welcome").loc["L1"].tolist() == [0, 0, 1, 1]
    assert wide.profile("commitment").loc["L1"].tolist() == [0, 1, 0, 0]
    with language("en"), pytest.raises(selection.DataError) as caught:
        aggregate_judgments(
            pd.DataFrame({"membre": ["A"], "producteur": ["L1"], "Accueil": ["super"]}),
            GRID,
            ids=IDS,
        )
    assert caught.value.where == "the DataFrame, row 2, column 'Accueil'"


def test_the_grids_id_column_names_the_producer(tmp_path: Path) -> None:
    csv = tmp_path / "notes.csv"
    csv.write_text("member,id,criterion,grade\nA,L2,welcome,bon\n", encoding="utf-8")
    judged = aggregate_judgments(csv, GRID, ids=IDS)
    assert judged.graded[1, 0] == 1


def test_yaml_as_a_list_and_nested_give_the_same_profiles(tmp_path: Path) -> None:
    listed = tmp_path / "notes.yaml"
    listed.write_text(
        "format: selection/judgments@1\n"
        "grid: Caisse commune (test)\n"
        "anonymous: true\n"
        "judgments:\n"
        "  - {member: Amina, producer: L1, criterion: welcome, grade: bon}\n"
        "  - {member: Marc, producer: L1, criterion: welcome, grade: très bon}\n"
        "  - {member: Marc, producer: L2, criterion: commitment}\n",
        encoding="utf-8",
    )
    nested = parse_judgments(
        "format: selection/judgments@1\n"
        "judgments:\n"
        "  Amina:\n"
        "    L1: {welcome: bon}\n"
        "  Marc:\n"
        "    L1: {welcome: très bon}\n"
        "    L2: {commitment: null}\n",
        source="nested.yaml",
    )
    a = aggregate_judgments(listed, GRID, ids=IDS)
    b = aggregate_judgments(nested, GRID, ids=IDS)
    for key in a.keys:
        assert a.profile(key).equals(b.profile(key))
    assert a.anonymous and not b.anonymous
    assert a.members == b.members == 2
    assert nested.where(1, "grade") == "nested.yaml, line 6 (judgments.Marc.L1.welcome)"


def yaml_error(text: str) -> selection.DataError:
    with language("en"), pytest.raises(selection.DataError) as caught:
        aggregate_judgments(parse_judgments(text, source="notes.yaml"), GRID, ids=IDS)
    return caught.value


HEAD = "format: selection/judgments@1\njudgments:\n"


@pytest.mark.parametrize(
    ("body", "line", "path", "problem", "hint"),
    [
        (
            "  - {member: A, producer: L1, criterion: welcome, grade: bonne}\n",
            3,
            "grade",
            "unknown grade 'bonne' for criterion 'welcome'",
            "did you mean 'bon'?",
        ),
        (
            "  - {member: A, producer: L1, criterion: welcom, grade: bon}\n",
            3,
            "criterion",
            "unknown criterion 'welcom'",
            "did you mean 'welcome'?",
        ),
        (
            "  - {member: A, producer: L1, criterion: price, grade: bon}\n",
            3,
            "criterion",
            "criterion 'price' is not judged: its values come from the producer table",
            "add `judged: true` to 'price'",
        ),
        (
            "  - {member: A, producer: L01, criterion: welcome, grade: bon}\n",
            3,
            "producer",
            "unknown producer 'L01'",
            "did you mean 'L1'?",
        ),
        (
            "  - {member: A, producer: L1, criterion: welcome, grade: bon}\n"
            "  - {member: B, producer: L1, criterion: welcome, grade: bon}\n"
            "  - {member: A, producer: L1, criterion: Accueil, grade: moyen}\n",
            3,
            "grade",
            "A judges L1 on 'welcome' twice",
            "keep one of these lines",
        ),
    ],
)
def test_mistakes_name_the_line_and_suggest_a_fix(
    body: str, line: int, path: str, problem: str, hint: str
) -> None:
    error = yaml_error(HEAD + body)
    assert isinstance(error, selection.DataError)
    assert error.problem == problem
    assert error.line == line
    assert error.path == path
    assert (error.where or "").startswith(f"notes.yaml, line{'s' if 'twice' in problem else ''} ")
    assert hint in (error.hint or "")


def test_a_duplicate_names_both_lines_and_both_grades() -> None:
    error = yaml_error(
        HEAD + "  - {member: A, producer: L1, criterion: welcome, grade: bon}\n"
        "  - {member: A, producer: L1, criterion: Accueil, grade: moyen}\n"
    )
    assert error.where == "notes.yaml, lines 3, 4"
    assert error.found == "2 grades: 'bon', 'moyen'"


def test_an_unknown_grade_lists_the_scale() -> None:
    error = yaml_error(HEAD + "  - {member: A, producer: L1, criterion: welcome, grade: 12}\n")
    assert error.expected is not None
    assert "mauvais, moyen, bon, très bon" in error.expected


def test_judgements_for_another_grid() -> None:
    error = yaml_error("format: selection/judgments@1\ngrid: Autre grille\njudgments: []\n")
    assert error.problem == "these judgements were written for another grid"
    assert error.expected == "grid: Caisse commune (test)"


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("judgments: []\n", "missing or unsupported format header", 1),
        ("format: selection/grid@1\njudgments: []\n", "unsupported format", 1),
        ("format: selection/judgments@1\njugements: []\n", "unknown key 'jugements'", 2),
        ("format: selection/judgments@1\njudgments: 3\n", "expected the judgements", 2),
        (
            "format: selection/judgments@1\njudgments:\n  - {member: A, grade: bon}\n",
            "a judgement without its producer",
            3,
        ),
        ("format: selection/judgments@1\nanonymous: oui\n", "`anonymous:` is true or false", 2),
    ],
)
def test_the_structure_of_a_yaml_file(text: str, problem: str, line: int) -> None:
    with language("en"), pytest.raises(selection.DataError) as caught:
        parse_judgments(text, source="notes.yaml")
    assert caught.value.problem == problem
    assert caught.value.line == line


def test_a_table_without_the_columns(tmp_path: Path) -> None:
    csv = tmp_path / "notes.csv"
    csv.write_text("qui;quoi\nA;bon\n", encoding="utf-8")
    with language("en"), pytest.raises(selection.DataError) as caught:
        read_judgments(csv, GRID)
    assert caught.value.problem == "the judgements lack columns"
    assert "missing: member, producer, criterion, grade" in (caught.value.found or "")


def test_a_table_row_without_its_member(tmp_path: Path) -> None:
    csv = tmp_path / "notes.csv"
    csv.write_text("membre;lieu;critère;note\nA;L1;welcome;bon\n;L2;welcome;bon\n")
    with language("en"), pytest.raises(selection.DataError) as caught:
        read_judgments(csv, GRID)
    assert caught.value.problem == "a judgement without its member"
    assert caught.value.where == f"{csv}, row 3, column 'membre'"


def test_a_grid_without_judged_criteria_refuses_judgements() -> None:
    grid = selection.parse_grid(
        "format: selection/grid@1\nname: g\nid: id\nbatteries:\n  a:\n    criteria:\n"
        "      price: {}\n"
    )
    with language("en"), pytest.raises(selection.DataError, match="no judged criterion"):
        aggregate_judgments(long_frame(), grid, ids=IDS)


def test_errors_are_in_french_by_default() -> None:
    with language("fr"), pytest.raises(selection.DataError) as caught:
        aggregate_judgments(long_frame().assign(grade="bonne"), GRID, ids=IDS)
    assert caught.value.problem == "mention inconnue 'bonne' pour le critère 'welcome'"
