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
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

import selection
from selection.planning import solve as solve_module
from selection.planning.cleaning import clean
from selection.planning.model import Program, negligible, network, program
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


def test_dust_with_nowhere_to_go_stays_a_delivery() -> None:
    """Coverage first: the budget buys 99.999 units from P1 and the last 0.001 from P2. P1
    has no room for them: they are part of the optimum, not an artefact, and stay."""
    needs = pd.DataFrame(
        {"store": ["Panier"], "product": "gombo", "period": "2027-W30", "quantity": [100.0]}
    )
    offers = pd.DataFrame(
        {
            "producer": ["P1", "P2"],
            "product": "gombo",
            "capacity": [99.999, 100.0],
            "price": [1.0, 2.0],
        }
    )
    result = selection.plan(
        toys.producers(["P1", "P2"]),
        toys.GRID,
        needs=needs,
        offers=offers,
        budget=99.999 + 0.002,
        objective=["coverage", "cost"],
    )
    delivered = result.allocation.set_index("producer")["quantity"]
    assert_allclose(delivered.to_numpy(), [99.999, 0.001], atol=1e-6)  # HiGHS: 1e-7
    assert result.unmet.empty
    assert_allclose(result.totals["coverage"], 1.0, rtol=1e-6)


def test_dust_goes_to_the_needs_largest_delivery_when_it_has_room() -> None:
    """The same need, P1 with room: whatever the stages leave on P2 is P1's, coverage whole."""
    needs = pd.DataFrame(
        {"store": ["Panier"], "product": "gombo", "period": "2027-W30", "quantity": [1.0]}
    )
    offers = pd.DataFrame(
        {
            "producer": ["P1", "P2"],
            "product": "gombo",
            "capacity": [5.0, 5.0],
            "price": [4.05, 4.20],
        }
    )
    net = network(
        needs.rename(columns={"product": "key"}).assign(max_price=np.inf),
        offers.rename(columns={"product": "key"}).assign(
            period="2027-W30", min_quantity=0.0, pack=0.0, visit_cost=0.0
        ),
        None,
        pd.Series({"P1": 0.5, "P2": 0.5}),
        ("2027-W30",),
        selection.planning.PlanRule(),
    )
    x = clean(net, np.array([0.999988, 0.000012]))
    assert x.tolist() == [1.0, 0.0]
    # Dust bigger than a ten-thousandth of the need is a delivery: left as it is.
    assert clean(net, np.array([0.9998, 0.0002])).tolist() == [0.9998, 0.0002]


def test_the_shipped_rule_for_dust_is_a_ten_thousandth_of_the_need() -> None:
    assert_allclose(negligible(np.array([0.5, 10.0, 1000.0])), [5e-5, 1e-3, 0.1])


# -- a bound on the cost stage that needs no solver ----------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-2, 20, allow_nan=False), st.floats(0, 10, allow_nan=False)),
        min_size=1,
        max_size=8,
    ),
    st.floats(0, 1),
)
def test_the_cheapest_units_are_the_linear_programs_optimum(
    arcs: list[tuple[float, float]], fraction: float
) -> None:
    """`Program.cheapest` against scipy's linprog on the same relaxation."""
    unit = np.array([a[0] for a in arcs])
    upper = np.array([a[1] for a in arcs])
    required = fraction * float(upper.sum())
    reference = linprog(
        unit,
        A_ub=-np.ones((1, len(arcs))),
        b_ub=[-required],
        bounds=[(0.0, float(u)) for u in upper],
    )
    assert reference.status == 0
    scale = max(1.0, float(np.abs(unit) @ upper))  # linprog is exact to about 1e-7 of it
    assert Program.cheapest(unit, upper, required) == pytest.approx(
        reference.fun, abs=1e-6 * scale
    )


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_the_bounds_never_pass_the_stages_optima(seed: int) -> None:
    """On random weeks (packs, minimums, stops, routes, scores), the bounds that need no
    solver lie below the optima of the stages (minimized form) that keep coverage's."""
    rng = np.random.default_rng(seed)
    stores, producers = ["S1", "S2", "S3"], ["P1", "P2", "P3"]
    needs = pd.DataFrame(
        {
            "store": stores * 2,
            "key": ["gombo"] * 3 + ["piment"] * 3,
            "period": "1",
            "quantity": rng.integers(1, 12, 6).astype(float),
            "max_price": np.inf,
        }
    )
    offers = pd.DataFrame(
        {
            "producer": producers * 2,
            "key": ["gombo"] * 3 + ["piment"] * 3,
            "period": "1",
            "capacity": rng.integers(0, 15, 6).astype(float),
            "price": rng.uniform(0.5, 5, 6).round(2),
            "min_quantity": rng.choice([0.0, 3.0], 6),
            "pack": rng.choice([0.0, 2.0], 6),
            "visit_cost": rng.choice([0.0, 5.0], 3).tolist() * 2,
        }
    )
    costs = pd.DataFrame(
        [(p, s, round(float(rng.uniform(0, 2)), 2)) for p in producers for s in stores],
        columns=["producer", "store", "cost"],
    )
    rule = selection.planning.PlanRule()
    scores = pd.Series(rng.uniform(0, 1, 3).round(3), index=producers)
    net = network(needs, offers, costs, scores, ("1",), rule)
    if not len(net.arcs):
        return
    prog = program(net, ("1",))
    rows = [LinearConstraint(prog.a, prog.lower, prog.upper)] if prog.a.shape[0] else []
    bounds = Bounds(prog.low, prog.high)
    coverage = milp(
        prog.objectives["coverage"], constraints=rows, integrality=prog.integrality, bounds=bounds
    )
    assert coverage.status == 0
    keep = LinearConstraint(
        prog.objectives["coverage"].reshape(1, -1),
        -np.inf,
        coverage.fun + 1e-9 * max(1.0, abs(coverage.fun)),
    )
    cost = milp(
        prog.objectives["cost"],
        constraints=[*rows, keep],
        integrality=prog.integrality,
        bounds=bounds,
    )
    assert cost.status == 0
    assert prog.cost_bound(-coverage.fun) <= cost.fun + 1e-6 * max(1.0, abs(cost.fun))
    score = milp(
        prog.objectives["score"],
        constraints=[*rows, keep],
        integrality=prog.integrality,
        bounds=bounds,
    )
    assert score.status == 0  # minimized form: the bound lies below
    assert prog.trivial_bound("score") <= score.fun + 1e-6 * max(1.0, abs(score.fun))
    assert prog.trivial_bound("coverage") <= coverage.fun + 1e-6 * max(1.0, abs(coverage.fun))


def test_the_cost_bound_is_exact_when_capacities_and_stops_do_not_bind() -> None:
    """Ample capacities, no stop, no minimum: each need goes to its cheapest route, which is
    what the bound counts; the cost stage's optimum equals it."""
    rng = np.random.default_rng(7)
    stores, producers = ["S1", "S2", "S3", "S4"], ["P1", "P2", "P3"]
    needs = pd.DataFrame(
        {
            "store": stores,
            "key": "gombo",
            "period": "1",
            "quantity": [4.0, 6.0, 9.0, 2.5],
            "max_price": np.inf,
        }
    )
    offers = pd.DataFrame(
        {
            "producer": producers,
            "key": "gombo",
            "period": "1",
            "capacity": 100.0,
            "price": [2.0, 2.5, 3.0],
            "min_quantity": 0.0,
            "pack": 0.0,
            "visit_cost": 0.0,
        }
    )
    costs = pd.DataFrame(
        [(p, s, round(float(rng.uniform(0, 2)), 2)) for p in producers for s in stores],
        columns=["producer", "store", "cost"],
    )
    net = network(
        needs,
        offers,
        costs,
        pd.Series(dict.fromkeys(producers, 0.5)),
        ("1",),
        selection.planning.PlanRule(),
    )
    prog = program(net, ("1",))
    expected = sum(
        q
        * min(
            2.0 + 0.5 * i + costs.set_index(["producer", "store"]).loc[(p, s), "cost"]
            for i, p in enumerate(producers)
        )
        for s, q in zip(stores, needs["quantity"], strict=True)
    )
    assert prog.cost_bound(float(needs["quantity"].sum())) == pytest.approx(expected, rel=1e-12)


def test_the_score_bound_is_exact_when_nothing_else_binds() -> None:
    """Ample capacities: every need goes to its best-scored producer, which is the bound."""
    stores, producers = ["S1", "S2"], ["P1", "P2", "P3"]
    needs = pd.DataFrame(
        {
            "store": stores,
            "key": "gombo",
            "period": "1",
            "quantity": [4.0, 6.0],
            "max_price": [np.inf, 2.6],
        }  # S2 cannot pay P3, the best scored
    )
    offers = pd.DataFrame(
        {
            "producer": producers,
            "key": "gombo",
            "period": "1",
            "capacity": 100.0,
            "price": [2.0, 2.5, 3.0],
            "min_quantity": 0.0,
            "pack": 0.0,
            "visit_cost": 0.0,
        }
    )
    scores = pd.Series({"P1": 0.2, "P2": 0.7, "P3": 0.9})
    net = network(needs, offers, None, scores, ("1",), selection.planning.PlanRule())
    prog = program(net, ("1",))
    assert prog.trivial_bound("score") == pytest.approx(-(4.0 * 0.9 + 6.0 * 0.7), rel=1e-12)


def test_dust_goes_where_another_need_makes_room_for_it() -> None:
    """Week 5 of the Marseille example: Air Bel's spinach 0.999988 from M13 and 0.000012 from
    M18; M13 is full, its rest going to Félix Pyat, which also gets 0.999988 from M05. Félix
    Pyat takes 0.000012 more from M05 and less from M13, and Air Bel's need is M13's alone."""
    needs = pd.DataFrame(
        {
            "store": ["Air Bel", "Félix Pyat"],
            "key": "epinard",
            "period": "1",
            "quantity": [1.0, 1.5],
            "max_price": np.inf,
        }
    )
    offers = pd.DataFrame(
        {
            "producer": ["M05", "M13", "M18"],
            "key": "epinard",
            "period": "1",
            "capacity": [7.0, 1.5, 6.0],
            "price": [4.77, 4.05, 4.20],
            "min_quantity": 0.0,
            "pack": 0.0,
            "visit_cost": 0.0,
        }
    )
    scores = pd.Series({"M05": 0.5, "M13": 0.5, "M18": 0.5})
    net = network(needs, offers, None, scores, ("1",), selection.planning.PlanRule())
    before = {
        ("Air Bel", "M13"): 0.999988,
        ("Air Bel", "M18"): 0.000012,
        ("Félix Pyat", "M05"): 0.999988,
        ("Félix Pyat", "M13"): 0.500012,
    }
    keys = list(zip(net.arcs["store"], net.arcs["producer"], strict=True))
    x = clean(net, np.array([before.get(k, 0.0) for k in keys]))
    after = {k: v for k, v in zip(keys, x.tolist(), strict=True) if v > 0}
    assert after == pytest.approx(
        {("Air Bel", "M13"): 1.0, ("Félix Pyat", "M05"): 1.0, ("Félix Pyat", "M13"): 0.5}
    )
    # Each need gets as much as before; M13 still gives its all, M18 nothing.
    by_offer = net.arcs.assign(x=x).groupby("producer")["x"].sum()
    assert by_offer.to_dict() == pytest.approx({"M05": 1.0, "M13": 1.5, "M18": 0.0})
