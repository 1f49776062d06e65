"""The grid's `plan:` section: read with file/line errors, written back, in the JSON Schema."""

from __future__ import annotations

import jsonschema
import pytest

import selection
from selection.grid import Budget, BudgetPeriod, Objective, PlanRule, grid_schema

HEAD = """format: selection/grid@1
name: demo
id: id
batteries:
  all:
    criteria:
      quality: {scale: [0, 1]}
"""


def parse(plan: str) -> selection.Grid:
    return selection.parse_grid(HEAD + "plan:\n" + plan, source="demo.yaml")


def test_the_plan_section_is_read_and_written_back() -> None:
    grid = parse(
        "  objective: [coverage, cost]\n  max_share: 0.6\n  fair_shortfall: true\n"
        "  budget: {per: season, amount: 900, stores: {Panier: 600}}\n"
    )
    rule = grid.plan
    assert rule == PlanRule(
        objective=(Objective.COVERAGE, Objective.COST),
        max_share=0.6,
        fair_shortfall=True,
        budget=Budget(amount=900, per=BudgetPeriod.SEASON, stores=(("Panier", 600.0),)),
    )
    assert rule.budget is not None and rule.budget.amount_for("Panier") == 600
    assert rule.budget.amount_for("Noailles") == 900
    assert selection.parse_grid(grid.to_yaml()) == grid
    jsonschema.validate(grid.to_dict(), grid_schema())


def test_a_budget_may_be_one_amount() -> None:
    rule = parse("  budget: 150\n").plan
    assert rule is not None and rule.budget == Budget(amount=150)
    assert rule.objective == (Objective.COVERAGE, Objective.SCORE, Objective.COST)


def test_the_shipped_marseille_grid_has_a_plan_and_passes_the_schema() -> None:
    import yaml

    path = selection.example_marseille_paths()["grid"]
    grid = selection.load_grid(path)
    assert grid.plan is not None and grid.plan.fair_shortfall
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), grid_schema())


@pytest.mark.parametrize(
    ("plan", "where", "words"),
    [
        ("  objective: [coverage, covrage]\n", "line 9 (plan.objective[1])", "'coverage'"),
        ("  objective: [cost, coverage]\n", "line 9 (plan.objective)", "coverage first"),
        ("  objective: [score]\n", "line 9 (plan.objective)", "deliver nothing"),
        ("  objective: [coverage, coverage]\n", "line 9 (plan.objective)", "appears twice"),
        ("  max_share: 0\n", "line 9 (plan.max_share)", "above 0"),
        ("  max_share: 2\n", "line 9 (plan.max_share)", "(0, 1]"),
        ("  fair_shortfall: 1\n", "line 9 (plan.fair_shortfall)", "true or false"),
        ("  budget: {per: weekly, amount: 3}\n", "line 9 (plan.budget.per)", "period, season"),
        ("  budget: {per: period}\n", "line 9 (plan.budget)", "without an amount"),
        ("  budget: {amount: -5}\n", "line 9 (plan.budget.amount)", "≥ 0"),
        ("  objectives: [coverage]\n", "line 9 (plan.objectives)", "'objective'"),
    ],
)
def test_mistakes_name_the_line(plan: str, where: str, words: str) -> None:
    with pytest.raises(selection.GridError) as caught:
        parse(plan)
    assert where in str(caught.value.where)
    assert words in str(caught.value)


def test_the_schema_rejects_what_the_reader_rejects() -> None:
    schema = grid_schema()
    base = selection.parse_grid(HEAD).to_dict()
    for bad in (
        {"objective": ["score", "cost"]},
        {"max_share": 0},
        {"budget": {"per": "weekly", "amount": 3}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(base | {"plan": bad}, schema)
