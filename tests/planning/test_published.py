"""Textbook transportation and facility-location problems, written as needs, offers and costs.

Each transportation problem is balanced (supply = demand), so the plan covers every need and
its cost stage is the textbook problem; the published optimum is reproduced, and checked
again against an independent linear program (``scipy.optimize.linprog``) written here.
Facility location: OR-Library's uncapacitated instance cap71 reaches its published optimum;
small instances are checked by enumeration and against a program written here.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import linprog

import selection
from tests.planning import toys

TOLERANCE = 1e-6  # relative: the stages keep each optimum to 1e-9


def _linprog_transport(
    supply: dict[str, float], demand: dict[str, float], cost: dict[str, list[float]]
) -> float:
    """The transportation problem's optimum, by a linear program of its own."""
    m, n = len(supply), len(demand)
    c = np.array([cost[p][j] for p in supply for j in range(n)], dtype=float)
    a_ub = np.zeros((m, m * n))
    for i in range(m):
        a_ub[i, i * n : (i + 1) * n] = 1
    a_eq = np.zeros((n, m * n))
    for j in range(n):
        a_eq[j, j::n] = 1
    result = linprog(
        c, A_ub=a_ub, b_ub=list(supply.values()), A_eq=a_eq, b_eq=list(demand.values())
    )
    assert result.status == 0
    return float(result.fun)


def _solve_transport(
    supply: dict[str, float], demand: dict[str, float], cost: dict[str, list[float]]
) -> selection.Plan:
    arguments = toys.transport(supply, demand, cost)
    return selection.plan(
        arguments.pop("producers"),
        arguments.pop("grid"),
        objective=["coverage", "cost"],
        **arguments,
    )


def test_powerco_winston() -> None:
    """Powerco: 3 power plants, 4 cities, optimal cost $1,020.

    Winston, *Operations Research: Applications and Algorithms*, 4th ed. (2004), section 7.1,
    example 1 (Powerco): supplies 35, 50, 40 million kWh; demands 45, 20, 30, 30; costs per
    million kWh, plant 1: 8, 6, 10, 9; plant 2: 9, 12, 13, 7; plant 3: 14, 9, 16, 5.
    Optimal z = $1,020.
    """
    supply = {"Plant 1": 35.0, "Plant 2": 50.0, "Plant 3": 40.0}
    demand = {"City 1": 45.0, "City 2": 20.0, "City 3": 30.0, "City 4": 30.0}
    cost = {"Plant 1": [8, 6, 10, 9], "Plant 2": [9, 12, 13, 7], "Plant 3": [14, 9, 16, 5]}
    result = _solve_transport(supply, demand, cost)
    assert result.status == "optimal"
    assert_allclose(result.totals["coverage"], 1.0)
    assert_allclose(result.totals["cost"], 1020.0, rtol=TOLERANCE)
    assert_allclose(_linprog_transport(supply, demand, cost), 1020.0, rtol=TOLERANCE)


def test_mg_auto_taha() -> None:
    """MG Auto: 3 plants, 2 distribution centres, optimal cost $313,200.

    Taha, *Operations Research: An Introduction*, 8th ed. (2007), section 5.1, example 5.1-1:
    supplies Los Angeles 1,000, Detroit 1,500, New Orleans 1,200 cars; demands Denver 2,300,
    Miami 1,400; cost per car LA 80 / 215, Detroit 100 / 108, New Orleans 102 / 68.
    Optimal cost $313,200 (LA→Denver 1,000, Detroit→Denver 1,300, Detroit→Miami 200,
    New Orleans→Miami 1,200).
    """
    supply = {"Los Angeles": 1000.0, "Detroit": 1500.0, "New Orleans": 1200.0}
    demand = {"Denver": 2300.0, "Miami": 1400.0}
    cost = {"Los Angeles": [80, 215], "Detroit": [100, 108], "New Orleans": [102, 68]}
    result = _solve_transport(supply, demand, cost)
    assert_allclose(result.totals["cost"], 313_200.0, rtol=TOLERANCE)
    assert_allclose(_linprog_transport(supply, demand, cost), 313_200.0, rtol=TOLERANCE)
    shipped = result.allocation.set_index(["producer", "store"])["quantity"]
    assert_allclose(shipped[("Los Angeles", "Denver")], 1000.0, rtol=TOLERANCE)
    assert_allclose(shipped[("New Orleans", "Miami")], 1200.0, rtol=TOLERANCE)


def test_pt_company_hillier_lieberman() -> None:
    """P & T Company: 3 canneries, 4 warehouses, optimal cost $152,535.

    Hillier & Lieberman, *Introduction to Operations Research*, section "The transportation
    problem", prototype example (P & T Company, canned peas; 9th ed. 2010, section 9.1):
    outputs Bellingham 75, Eugene 125, Albert Lea 100 truckloads; allocations Sacramento 80,
    Salt Lake City 65, Rapid City 70, Albuquerque 85; cost per truckload, cannery 1: 464, 513,
    654, 867; cannery 2: 352, 416, 690, 791; cannery 3: 995, 682, 388, 685.
    Optimal Z = $152,535.
    """
    supply = {"Bellingham": 75.0, "Eugene": 125.0, "Albert Lea": 100.0}
    demand = {"Sacramento": 80.0, "Salt Lake City": 65.0, "Rapid City": 70.0, "Albuquerque": 85.0}
    cost = {
        "Bellingham": [464, 513, 654, 867],
        "Eugene": [352, 416, 690, 791],
        "Albert Lea": [995, 682, 388, 685],
    }
    result = _solve_transport(supply, demand, cost)
    assert_allclose(result.totals["cost"], 152_535.0, rtol=TOLERANCE)
    assert_allclose(_linprog_transport(supply, demand, cost), 152_535.0, rtol=TOLERANCE)


# -- facility location -------------------------------------------------------------------------

#: A small uncapacitated facility-location instance, made up here (the published cap71 is at the
#: end of this file). Its optimum is found by enumerating every set of open
#: facilities, independently of the library.
OPENING = {"F1": 30.0, "F2": 22.0, "F3": 28.0, "F4": 35.0}
DEMAND = {"A": 10.0, "B": 6.0, "C": 8.0, "D": 12.0, "E": 5.0}
SERVICE = {  # cost per unit from facility to customer
    "F1": [1.0, 3.0, 4.0, 6.0, 5.0],
    "F2": [4.0, 1.0, 2.5, 5.0, 3.0],
    "F3": [6.0, 4.0, 1.0, 2.0, 3.5],
    "F4": [5.5, 5.0, 3.0, 0.5, 1.0],
}


def _enumerated_optimum() -> float:
    best = np.inf
    names = list(OPENING)
    for k in range(1, len(names) + 1):
        for open_ in itertools.combinations(names, k):
            total = sum(OPENING[f] for f in open_)
            for j, d in enumerate(DEMAND.values()):
                total += d * min(SERVICE[f][j] for f in open_)
            best = min(best, total)
    return best


def test_uncapacitated_facility_location_by_visit_costs() -> None:
    """Opening costs are visit costs, service costs are route costs; capacities are ample."""
    producers = toys.producers(list(OPENING))
    needs = pd.DataFrame(
        {"store": list(DEMAND), "product": "p", "period": "w", "quantity": list(DEMAND.values())}
    )
    offers = pd.DataFrame(
        {
            "producer": list(OPENING),
            "product": "p",
            "capacity": sum(DEMAND.values()),
            "price": 0.0,
            "visit_cost": list(OPENING.values()),
        }
    )
    costs = pd.DataFrame(
        [(f, c, SERVICE[f][j]) for f in OPENING for j, c in enumerate(DEMAND)],
        columns=["producer", "store", "cost"],
    )
    result = selection.plan(
        producers,
        toys.GRID,
        needs=needs,
        offers=offers,
        costs=costs,
        objective=["coverage", "cost"],
    )
    optimum = _enumerated_optimum()
    assert result.status == "optimal"
    assert_allclose(result.totals["coverage"], 1.0)
    assert_allclose(result.totals["cost"], optimum, rtol=TOLERANCE)
    opened = set(result.stops["producer"])
    assert opened == set(result.allocation["producer"])


@pytest.mark.parametrize("capacity", [15.0, 20.0, 41.0])
def test_capacitated_facility_location_against_an_independent_program(capacity: float) -> None:
    """With capacities, the optimum of the same problem written directly as a MILP here."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    producers = toys.producers(list(OPENING))
    needs = pd.DataFrame(
        {"store": list(DEMAND), "product": "p", "period": "w", "quantity": list(DEMAND.values())}
    )
    offers = pd.DataFrame(
        {
            "producer": list(OPENING),
            "product": "p",
            "capacity": capacity,
            "price": 0.0,
            "visit_cost": list(OPENING.values()),
        }
    )
    costs = pd.DataFrame(
        [(f, c, SERVICE[f][j]) for f in OPENING for j, c in enumerate(DEMAND)],
        columns=["producer", "store", "cost"],
    )
    result = selection.plan(
        producers,
        toys.GRID,
        needs=needs,
        offers=offers,
        costs=costs,
        objective=["coverage", "cost"],
    )
    # Independent: maximize coverage, then minimize cost with coverage fixed (x then y).
    m, n = len(OPENING), len(DEMAND)
    d = np.array(list(DEMAND.values()))
    service = np.array([SERVICE[f] for f in OPENING]).ravel()
    rows, low, high = [], [], []
    for j in range(n):  # Σ_i x_ij ≤ d_j
        row = np.zeros(m * n + m)
        row[j : m * n : n] = 1
        rows.append(row), low.append(-np.inf), high.append(d[j])
    for i in range(m):  # Σ_j x_ij ≤ capacity · y_i
        row = np.zeros(m * n + m)
        row[i * n : (i + 1) * n] = 1
        row[m * n + i] = -capacity
        rows.append(row), low.append(-np.inf), high.append(0.0)
    a = np.array(rows)
    integrality = np.r_[np.zeros(m * n), np.ones(m)]
    bounds = Bounds(0, np.r_[np.repeat(d[None, :], m, axis=0).ravel(), np.ones(m)])
    coverage = np.r_[-np.ones(m * n), np.zeros(m)]
    first = milp(
        coverage,
        constraints=LinearConstraint(a, low, high),
        integrality=integrality,
        bounds=bounds,
    )
    cost = np.r_[service, list(OPENING.values())]
    keep = LinearConstraint(coverage[None, :], -np.inf, first.fun + 1e-9)
    second = milp(
        cost,
        constraints=[LinearConstraint(a, low, high), keep],
        integrality=integrality,
        bounds=bounds,
    )
    assert_allclose(result.totals["met"], -first.fun, rtol=TOLERANCE)
    assert_allclose(result.totals["cost"], second.fun, rtol=TOLERANCE)


# -- a published facility-location benchmark ---------------------------------------------------

#: OR-Library's uncapacitated warehouse-location instance cap71 (Beasley, "OR-Library:
#: distributing test problems by electronic mail", J. Oper. Res. Soc. 41(11), 1990,
#: 1069-1072; the instances from Beasley, "Lagrangean heuristics for location problems",
#: EJOR 65, 1993, 383-399): 16 warehouses, 50 customers, every capacity equal to the total
#: demand (58,268), so capacity never binds. cap72, cap73 and cap74 are the same instance with
#: the fixed cost of every warehouse but the free one (W11) raised from 7,500 to 12,500, 17,500
#: and 25,000. Published optima (OR-Library, uncapopt): 932,615.750; 977,799.400;
#: 1,010,641.450; 1,034,976.975.
CAP71 = Path(__file__).with_name("data") / "cap71.txt"
CAP_OPTIMA = {
    "cap71": (7_500.0, 932_615.750),
    "cap72": (12_500.0, 977_799.400),
    "cap73": (17_500.0, 1_010_641.450),
    "cap74": (25_000.0, 1_034_976.975),
}


def _read_cap(path: Path) -> tuple[list[float], list[float], list[float], np.ndarray]:
    """OR-Library's format: m n; m lines of capacity and fixed cost; for each customer its
    demand and the cost of serving *all* of it from each warehouse."""
    tokens = path.read_text(encoding="ascii").split()
    m, n = int(tokens[0]), int(tokens[1])
    numbers = [float(t) for t in tokens[2:]]
    capacity, fixed = numbers[0 : 2 * m : 2], numbers[1 : 2 * m : 2]
    rest = np.array(numbers[2 * m :]).reshape(n, m + 1)
    return capacity, fixed, list(rest[:, 0]), rest[:, 1:].T  # costs: warehouses × customers


@pytest.mark.parametrize("instance", list(CAP_OPTIMA))
def test_or_library_cap7x_reach_their_published_optima(instance: str) -> None:
    """Warehouses are producers (fixed cost: a visit cost), customers are stores (a need
    each); the cost of serving a whole customer, divided by its demand, is the route cost
    per unit."""
    capacity, fixed, demand, costs = _read_cap(CAP71)
    fixed_cost, optimum = CAP_OPTIMA[instance]
    assert set(fixed) == {0.0, 7_500.0}
    fixed = [cost and fixed_cost for cost in fixed]  # the free warehouse stays free
    warehouses = [f"W{i + 1:02d}" for i in range(len(fixed))]
    customers = [f"C{j + 1:02d}" for j in range(len(demand))]
    assert sum(demand) == 58_268 and set(capacity) == {58_268.0}
    needs = pd.DataFrame({"store": customers, "product": "p", "period": "w", "quantity": demand})
    offers = pd.DataFrame(
        {
            "producer": warehouses,
            "product": "p",
            "capacity": capacity,
            "price": 0.0,
            "visit_cost": fixed,
        }
    )
    routes = pd.DataFrame(
        [
            (w, c, costs[i, j] / demand[j])
            for i, w in enumerate(warehouses)
            for j, c in enumerate(customers)
        ],
        columns=["producer", "store", "cost"],
    )
    result = selection.plan(
        toys.producers(warehouses),
        toys.GRID,
        needs=needs,
        offers=offers,
        costs=routes,
        objective=["coverage", "cost"],
    )
    assert result.status == "optimal"
    assert_allclose(result.totals["coverage"], 1.0)
    assert_allclose(result.totals["cost"], optimum, rtol=TOLERANCE)
    # Every customer served whole by one open warehouse, the cheapest open one (W11 opens at
    # no cost: it makes no paid stop, so the open warehouses are those that deliver).
    opened = set(result.allocation["producer"])
    assert set(result.stops["producer"]) == opened - {"W11"}
    served = result.allocation.groupby("store")["producer"].nunique()
    assert (served == 1).all()
    for j, customer in enumerate(customers):
        chosen = result.allocation.loc[result.allocation["store"] == customer, "producer"]
        cheapest = min(costs[warehouses.index(w), j] for w in opened)
        assert costs[warehouses.index(chosen.iloc[0]), j] == pytest.approx(cheapest)
