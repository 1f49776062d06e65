"""`select: {tiers: ...}` in a grid file: reading, writing, the schema, and every refusal with
its place (file, line, YAML path) and its words."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

import selection
from selection.grid import SelectionRule, Tier, check_grid, grid_schema
from tests.toys import TWO_BATTERIES

from .conftest import TOY


def test_tiers_are_read_best_first_with_their_values(toy_grid: selection.Grid) -> None:
    rule = toy_grid.select
    assert rule is not None and rule.tiered
    assert [t.label for t in rule.tiers] == ["Gold", "Silver", "none"]
    assert rule.thresholds == (0.65, 0.5)
    assert rule.tiers[0].values == {"rate": 0.9, "note": "two years"}
    assert rule.tiers[2].values == {"rate": 0}
    assert rule.open_tier is rule.tiers[2]
    assert rule.value_names == ("rate", "note")
    assert rule.tiers_higher_is_better is True
    assert rule.top is None and rule.min_score is None and rule.quotas == ()


def test_the_rule_in_words() -> None:
    rule = SelectionRule(tiers=(Tier("A", min_score=0.7), Tier("B", min_score=0.5)))
    assert rule.describe("en") == "tiers: A (score ≥ 0.7); B (score ≥ 0.5); not approved below 0.5"
    lower = SelectionRule(tiers=(Tier("A", max_score=0.2), Tier("rest")))
    assert lower.describe("en") == "tiers: A (score ≤ 0.2); rest (the others)"


def test_a_grid_in_tiers_is_written_and_read_back_equal(toy_grid: selection.Grid) -> None:
    again = selection.parse_grid(toy_grid.to_yaml())
    assert again == toy_grid
    assert again.hash == toy_grid.hash
    assert toy_grid.to_dict()["select"]["tiers"][0] == {
        "min_score": 0.65,
        "label": "Gold",
        "rate": 0.9,
        "note": "two years",
    }


def test_the_schema_accepts_tiers_and_refuses_them_with_places() -> None:
    validator = jsonschema.Draft202012Validator(grid_schema())
    data = yaml.safe_load(TOY)
    validator.validate(data)
    data["select"]["top"] = 3
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)
    data = yaml.safe_load(TOY)
    data["select"]["tiers"][0]["rate"] = [1]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def _select(body: str) -> str:
    return TWO_BATTERIES + "select:\n" + body


#: (select section, YAML path of the problem, its line, words of the problem).
REFUSED = [
    (
        "  tiers:\n    - {min_score: 0.5, label: a}\n    - {min_score: 0.7, label: b}\n",
        "select.tiers[1].min_score",
        20,
        "tier thresholds must decrease from one tier to the next, best first",
    ),
    (
        "  tiers:\n    - {max_score: 0.5, label: a}\n    - {max_score: 0.3, label: b}\n",
        "select.tiers[1].max_score",
        20,
        "tier thresholds must increase from one tier to the next, best first",
    ),
    (
        "  tiers:\n    - {min_score: 0.5, label: a}\n    - {min_score: 0.5, label: b}\n",
        "select.tiers[1].min_score",
        20,
        "tier thresholds must decrease",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: Conventionné}\n"
        "    - {min_score: 0.5, label: conventionne}\n",
        "select.tiers[1].label",
        20,
        "two tiers with the same label",
    ),
    (
        "  tiers:\n    - {label: rest}\n    - {min_score: 0.5, label: b}\n",
        "select.tiers[0]",
        19,
        "only the last tier may go without `min_score` or `max_score`",
    ),
    (
        "  tiers:\n    - {label: a}\n",
        "select.tiers[0]",
        19,
        "no tier has a threshold",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: a}\n    - {max_score: 0.5, label: b}\n",
        "select.tiers[1].max_score",
        20,
        "tiers mix `min_score` and `max_score`",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, max_score: 0.9, label: a}\n",
        "select.tiers[0].max_score",
        19,
        "a tier with both `min_score` and `max_score`",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: a, rate: true}\n",
        "select.tiers[0].rate",
        19,
        "a tier's value must be a number or text",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: a, rate: [0.9]}\n",
        "select.tiers[0].rate",
        19,
        "a tier's value must be a number or text",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: a, rate: .nan}\n",
        "select.tiers[0].rate",
        19,
        "a tier's value must be a number or text",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: a, score: 1}\n",
        "select.tiers[0].score",
        19,
        "'score' cannot name a tier's value",
    ),
    (
        "  tiers:\n    - {min_scor: 0.7, label: a}\n    - {label: b}\n",
        "select.tiers[0].min_scor",
        19,
        "unknown key 'min_scor' in a tier",
    ),
    (
        "  tiers:\n    - {min_score: 0.7}\n",
        "select.tiers[0]",
        19,
        "a tier needs a label",
    ),
    (
        "  tiers:\n    - {min_score: 0.7, label: '  '}\n",
        "select.tiers[0].label",
        19,
        "a tier needs a label",
    ),
    (
        "  tiers:\n    - {min_score: '0,7', label: a}\n",
        "select.tiers[0].min_score",
        19,
        "expected a number",
    ),
    ("  tiers: []\n", "select.tiers", 18, "expected a list of tiers"),
    ("  tiers: {a: 1}\n", "select.tiers", 18, "expected a list of tiers"),
    (
        "  top: 3\n  tiers:\n    - {min_score: 0.7, label: a}\n",
        "select.top",
        18,
        "`tiers` cannot be combined with `top`",
    ),
    (
        "  min_score: 0.3\n  tiers:\n    - {min_score: 0.7, label: a}\n",
        "select.min_score",
        18,
        "`tiers` cannot be combined with `min_score`",
    ),
    (
        "  quotas:\n    - {column: category, max: 2}\n"
        "  tiers:\n    - {min_score: 0.7, label: a}\n",
        "select.quotas",
        18,
        "`tiers` cannot be combined with quotas",
    ),
]


@pytest.mark.parametrize(("body", "path", "line", "problem"), REFUSED, ids=[r[1] for r in REFUSED])
def test_every_mistake_is_refused_where_it_is(
    body: str, path: str, line: int, problem: str
) -> None:
    with pytest.raises(selection.GridError) as caught:
        selection.parse_grid(_select(body), source="tiers.yaml")
    error = caught.value
    assert type(error) is selection.GridError
    assert problem in error.problem
    assert error.path == path
    assert error.line == line
    assert error.where == f"tiers.yaml, line {line} ({path})"


def test_refusals_say_what_is_expected_and_how_to_fix_it() -> None:
    with pytest.raises(selection.GridError) as caught:
        selection.parse_grid(
            _select(
                "  tiers:\n    - {min_score: 0.5, label: a}\n    - {min_score: 0.7, label: b}\n"
            )
        )
    assert caught.value.expected == "below 0.5 (the threshold of 'a')"
    assert caught.value.found == "0.7"
    with pytest.raises(selection.GridError) as caught:
        selection.parse_grid(_select("  tiers:\n    - {min_scor: 0.7, label: a}\n"))
    assert caught.value.hint == "did you mean 'min_score'?"
    with pytest.raises(selection.GridError) as caught:
        selection.parse_grid(_select("  top: 3\n  tiers:\n    - {min_score: 0.7, label: a}\n"))
    assert caught.value.hint is not None and "remove `top`" in caught.value.hint


def test_every_problem_of_the_tiers_is_listed_at_once() -> None:
    check = check_grid(
        _select(
            "  tiers:\n    - {min_score: 0.5, label: a, rate: true}\n"
            "    - {min_score: 0.7, label: b}\n"
        ),
        source="tiers.yaml",
    )
    assert [(p.path, p.line) for p in check.problems] == [
        ("select.tiers[0].rate", 19),
        ("select.tiers[1].min_score", 20),
    ]


def test_a_tier_refused_in_python_says_so_too() -> None:
    with pytest.raises(selection.GridError, match="cannot be combined with quotas"):
        SelectionRule(tiers=(Tier("a", min_score=1.0),), quotas=(selection.Quota("c", max=1),))
    with pytest.raises(selection.GridError, match="a tier's value must be a number or text"):
        Tier("a", min_score=1.0, values={"rate": None})  # type: ignore[dict-item]


def test_a_rule_in_tiers_can_be_hashed_and_compared() -> None:
    one = SelectionRule(tiers=(Tier("a", min_score=0.5, values={"rate": 1}),))
    two = SelectionRule(tiers=(Tier("a", min_score=0.5, values={"rate": 1}),))
    assert one == two and hash(one) == hash(two)
    assert one != SelectionRule(tiers=(Tier("a", min_score=0.5, values={"rate": 2}),))


def test_the_toy_grid_reads() -> None:
    assert selection.parse_grid(TOY).select is not None
