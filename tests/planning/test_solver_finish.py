"""How a solve finishes: a block the limit stopped is tried again, and no dust is delivered.

A stage's time is shared among the weeks by size, but weeks differ: the time the quick ones
leave goes to those the limit stopped. HiGHS accepts a binary within 1e-6 of 0 or 1 and a
budget can be filled to the cent: neither may leave a producer "delivering" millionths of a
unit.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import selection
from selection.planning import solve as solve_module
from selection.planning.model import negligible
from tests.planning import toys


def _two_weeks() -> dict[str, Any]:
    needs = pd.DataFrame(
        {
            "store": ["Panier", "Noailles", "Panier", "Noailles"],
            "product": "gombo",
            "period": ["2027-W30", "2027-W30", "2027-W31", "2027-W31"],
            "quantity": [6.0, 8.0, 5.0, 7.0],
        }
    )
    offers = pd.DataFrame(
        {
            "producer": ["P1", "P2", "P3"],
            "product": "gombo",
            "capacity": [6.0, 6.0, 6.0],
            "price": [3.0, 2.5, 2.0],
            "visit_cost": [4.0, 5.0, 9.0],
        }
    )
    return {
        "producers": toys.producers(["P1", "P2", "P3"]),
        "grid": toys.GRID,
        "needs": needs,
        "offers": offers,
    }


def test_a_block_the_limit_stopped_is_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first week's first stage comes back with nothing (as if its time ran out): it is
    solved again with the time the other week left, and the plan is proven optimal."""
    real = solve_module.milp
    calls: list[int] = []

    def first_call_stopped(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            return SimpleNamespace(status=1, x=None, mip_dual_bound=None)
        return real(*args, **kwargs)

    monkeypatch.setattr(solve_module, "milp", first_call_stopped)
    result = selection.plan(**_two_weeks(), objective=["coverage", "cost"])
    stages = result.stages
    assert (stages["status"] == "optimal").all(), stages.to_string()
    assert result.status == "optimal"
    monkeypatch.setattr(solve_module, "milp", real)
    reference = selection.plan(**_two_weeks(), objective=["coverage", "cost"])
    assert_allclose(result.totals["cost"], reference.totals["cost"], rtol=1e-9)
    assert_allclose(result.totals["coverage"], reference.totals["coverage"], rtol=1e-9)


def test_without_time_left_the_stopped_block_keeps_the_plan_made_without_the_solver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every call stopped with nothing: no retry can help, the plan is still feasible."""
    monkeypatch.setattr(
        solve_module,
        "milp",
        lambda *a, **k: SimpleNamespace(status=1, x=None, mip_dual_bound=None),
    )
    result = selection.plan(**_two_weeks(), objective=["coverage", "cost"])
    assert result.status != "optimal"
    delivered = result.allocation.groupby("producer")["quantity"].sum()
    assert (delivered <= 12.0 + 1e-9).all()  # 6 a week, two weeks


def test_a_budget_filled_to_the_cent_delivers_no_dust() -> None:
    """Coverage first: the budget buys 9.99999 units from P1 and the last 0.00001 from P2,
    a hundred-thousandth of a unit nobody grows or carries: it is not in the plan, and the
    need counts as met."""
    needs = pd.DataFrame(
        {"store": ["Panier"], "product": "gombo", "period": "2027-W30", "quantity": [10.0]}
    )
    offers = pd.DataFrame(
        {
            "producer": ["P1", "P2"],
            "product": "gombo",
            "capacity": [9.99999, 10.0],
            "price": [1.0, 2.0],
        }
    )
    result = selection.plan(
        toys.producers(["P1", "P2"]),
        toys.GRID,
        needs=needs,
        offers=offers,
        budget=9.99999 + 2e-5,
        objective=["coverage", "cost"],
    )
    assert result.allocation["producer"].tolist() == ["P1"]
    assert_allclose(result.allocation["quantity"].sum(), 9.99999, rtol=1e-12)
    assert result.unmet.empty  # short by a ten-thousandth of the need or less: met
    assert_allclose(result.totals["coverage"], 1.0)


def test_the_shipped_rule_for_dust_is_a_ten_thousandth_of_the_need() -> None:
    assert_allclose(negligible(np.array([0.5, 10.0, 1000.0])), [5e-5, 1e-3, 0.1])
