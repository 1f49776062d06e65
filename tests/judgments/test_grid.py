"""Judged criteria in a grid file: `judged: true`, the `judgments:` section, errors, schema."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

import selection
from selection.grid import DEFAULT_GRADES, Aggregate, Judged, Nature, check_grid, grid_schema
from selection.messages import language

HEAD = "format: selection/grid@1\nname: caisse\nid: id\n"


def grid_text(criteria: str, section: str = "") -> str:
    return HEAD + section + "batteries:\n  all:\n    criteria:\n" + criteria


def test_a_judged_criterion_reads_no_column_and_is_bounded_by_its_scale() -> None:
    grid = selection.parse_grid(grid_text("      welcome: {judged: true}\n      price: {}\n"))
    welcome = grid.criteria[0].kind
    assert isinstance(welcome, Judged)
    assert welcome.nature is Nature.JUDGED
    assert not welcome.nature.worded and not welcome.nature.numeric
    assert welcome.columns == ()
    assert welcome.scale == DEFAULT_GRADES
    assert DEFAULT_GRADES == (
        "à rejeter",
        "insuffisant",
        "passable",
        "assez bien",
        "bien",
        "très bien",
        "excellent",
    )
    assert welcome.bounds == (0.0, 6.0)
    assert welcome.aggregate is Aggregate.MAJORITY and welcome.min_grades == 1


def test_the_grid_section_sets_every_judged_criterion_and_a_criterion_may_override_it() -> None:
    grid = selection.parse_grid(
        grid_text(
            "      welcome: {judged: true}\n      commitment: {judged: {aggregate: mean}}\n",
            "judgments: {scale: [non, plutôt non, plutôt oui, oui], aggregate: median, "
            "min_grades: 3}\n",
        )
    )
    welcome, commitment = (c.kind for c in grid.criteria)
    assert isinstance(welcome, Judged) and isinstance(commitment, Judged)
    assert welcome.scale == commitment.scale == ("non", "plutôt non", "plutôt oui", "oui")
    assert welcome.bounds == (0.0, 3.0)
    assert (welcome.aggregate, commitment.aggregate) == (Aggregate.MEDIAN, Aggregate.MEAN)
    assert welcome.min_grades == commitment.min_grades == 3
    assert welcome.position("Plutôt-Oui") == 2
    assert welcome.position("peut-être") is None


def test_to_yaml_keeps_the_settings_and_reads_back_equal() -> None:
    grid = selection.parse_grid(
        grid_text(
            "      welcome: {judged: true, weight: 2}\n      price: {direction: min}\n",
            "judgments: {scale: [mauvais, moyen, bon], min_grades: 2}\n",
        )
    )
    again = selection.parse_grid(grid.to_yaml())
    assert again == grid
    assert again.hash == grid.hash
    changed = selection.parse_grid(
        grid_text(
            "      welcome: {judged: true, weight: 2}\n      price: {direction: min}\n",
            "judgments: {scale: [mauvais, moyen, bon], min_grades: 3}\n",
        )
    )
    assert changed.hash != grid.hash


def test_a_judged_grid_passes_the_schema() -> None:
    text = grid_text(
        "      welcome: {judged: true}\n      commitment: {judged: {min_grades: 2}}\n",
        "judgments: {scale: [non, oui], aggregate: majority, min_grades: 3}\n",
    )
    jsonschema.Draft202012Validator(grid_schema()).validate(yaml.safe_load(text))
    bad = yaml.safe_load(grid_text("      welcome: {judged: true}\n", "judgments: {scale: [a]}\n"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(grid_schema()).validate(bad)


@pytest.mark.parametrize(
    ("criteria", "section", "path", "problem", "hint"),
    [
        (
            "      welcome: {judged: true, column: accueil}\n",
            "",
            "batteries.all.criteria.welcome.column",
            "a judged criterion takes its values from the members' grades",
            "remove `column:`",
        ),
        (
            "      welcome: {judged: true, levels: {a: 1}}\n",
            "",
            "batteries.all.criteria.welcome.levels",
            "a judged criterion takes its values from the members' grades",
            "remove `levels:`",
        ),
        (
            "      welcome: {judged: yes please}\n",
            "",
            "batteries.all.criteria.welcome.judged",
            "expected `judged: true`",
            None,
        ),
        (
            "      welcome: {judged: true}\n",
            "judgments: {scale: [Bien, très bien, bien]}\n",
            "judgments.scale[2]",
            "grade 'bien' is on the scale twice",
            None,
        ),
        (
            "      welcome: {judged: true}\n",
            "judgments: {scale: [bien]}\n",
            "judgments.scale",
            "expected a list of grades",
            None,
        ),
        (
            "      welcome: {judged: true}\n",
            "judgments: {aggregate: mediane}\n",
            "judgments.aggregate",
            "unknown way of aggregating grades",
            "did you mean 'median'?",
        ),
        (
            "      welcome: {judged: true}\n",
            "judgments: {min_grades: 0}\n",
            "judgments.min_grades",
            "a producer needs at least one grade",
            None,
        ),
        (
            "      welcome: {judged: {min_grade: 2}}\n",
            "",
            "batteries.all.criteria.welcome.judged.min_grade",
            "unknown key 'min_grade'",
            "did you mean 'min_grades'?",
        ),
        (
            "      welcome: {judged: true}\n",
            "judgment: {min_grades: 2}\n",
            "judgment",
            "unknown key 'judgment'",
            "did you mean 'judgments'?",
        ),
    ],
)
def test_mistakes_are_grid_errors_with_their_line(
    criteria: str, section: str, path: str, problem: str, hint: str | None
) -> None:
    with language("en"), pytest.raises(selection.GridError) as caught:
        selection.parse_grid(grid_text(criteria, section), source="caisse.yaml")
    error = caught.value
    assert error.path == path
    assert error.problem.startswith(problem), error.problem
    assert error.line is not None and "caisse.yaml, line" in (error.where or "")
    if hint is not None:
        assert hint in (error.hint or "")


def test_check_grid_lists_every_judged_mistake() -> None:
    check = check_grid(
        grid_text(
            "      welcome: {judged: true, column: accueil}\n      price: {weight: -1}\n",
            "judgments: {aggregate: moyenne}\n",
        ),
        source="caisse.yaml",
    )
    assert [p.path for p in check.problems] == [
        "judgments.aggregate",
        "batteries.all.criteria.welcome.column",
        "batteries.all.criteria.price.weight",
    ]


def test_the_kind_checks_its_own_settings() -> None:
    with pytest.raises(selection.GridError, match="distinct"):
        Judged(scale=("bien", "Bien"))
    with pytest.raises(selection.GridError, match="min_grades"):
        Judged(min_grades=0)
    with language("en"), pytest.raises(selection.DataError, match="judged by members"):
        Judged().encode(key="welcome")
