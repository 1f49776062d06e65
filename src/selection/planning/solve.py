"""Solving a plan: block by block, objective stage by stage, within a time limit.

Periods that no constraint links (every rule but a season budget works period
by period) are solved separately: a year of 52 weeks is 52 small programs, not
one large one. Within a block the objectives are solved in their lexicographic
order (:class:`~selection.grid.PlanRule`): each stage is a mixed-integer
program solved by HiGHS (:func:`scipy.optimize.milp`), and its optimum is kept
as a constraint of the next (``c·u ≤ best + tolerance``).

The time limit is shared out as the solve goes: each block gets a part of what
is left in proportion to its size (a block solved early leaves its time to the
next), each stage a part of its block's weighted by how long such stages take
(:data:`STAGE_WEIGHT`). A stage stopped by the limit keeps the best plan found,
with the gap to the proven bound. When HiGHS stops before finding any plan, the
stage keeps the previous stage's plan (still feasible: the previous optimum is
the only added constraint), or for the first stage a plan made by rounding the
linear relaxation down to whole packs and dropping the deliveries below a
minimum quantity; the gap is then measured against the relaxation's bound.

Why ``scipy.optimize.milp`` and not ``highspy``'s incremental model: a stage
adds one row and changes the objective, which highspy does in place, and it
can hand the previous stage's plan to HiGHS as a starting point
(``setSolution``) and lower its heuristic effort, which scipy cannot. Measured
on the Marseille example (52 weeks, four stages each; highspy 1.16 against
the HiGHS inside scipy 1.17, same machine), highspy took 46–56 s with or
without the warm start and at heuristic efforts 0.05 or 0.01, scipy 30 s: the
blocks are small (a few hundred variables), so what a stage costs is HiGHS's
search at the root, not building the model. scipy is a dependency already;
highspy would be one more compiled package for a loss.
``benchmarks/plan_scale.py`` shows where the time goes.

May import: numpy, scipy, and :mod:`~selection.plan.model`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

from .model import EPSILON, Network, Program, program

__all__ = ["Solution", "Stage", "solve"]

#: HiGHS stops when the relative gap is at most this: in effect, proven optimality.
GAP_TOLERANCE = 1e-9

#: How far a later stage may move an earlier stage's optimum (relative).
KEEP_TOLERANCE = 1e-9

#: The least time given to one stage (seconds), even when the limit is spent.
MIN_STAGE_TIME = 0.05

#: How a block's time is shared among its stages: the cost stage (collection stops are a
#: facility-location problem) and the score stage take the longest, measured on the
#: Marseille example.
STAGE_WEIGHT = {"fair": 1.0, "coverage": 1.0, "score": 2.0, "cost": 4.0}


@dataclass(frozen=True)
class Stage:
    """How one objective stage of one block was solved.

    ``value`` and ``bound`` are in the minimized form (coverage and score
    negated); ``status`` is ``optimal``, ``time limit`` (best plan found kept),
    ``previous`` (no plan found: the previous stage's kept) or ``rounded`` (no
    plan found: the rounded relaxation).
    """

    block: int
    objective: str
    status: str
    value: float
    bound: float
    seconds: float
    variables: int
    integers: int


@dataclass(frozen=True)
class Solution:
    """The quantity on every arc of the network, the stops made, and how each stage went."""

    quantities: NDArray[np.float64]
    stops: list[tuple[str, str, float]]
    stages: list[Stage]
    seconds: float


def solve(net: Network, objectives: tuple[str, ...], time_limit: float) -> Solution:
    """Solve every block of `net` for the `objectives`, in order, within `time_limit` seconds."""
    start = time.perf_counter()
    deadline = start + time_limit
    quantities = np.zeros(len(net.arcs))
    stops: list[tuple[str, str, float]] = []
    stages: list[Stage] = []
    blocks = net.blocks
    # A block's share of the time left is its share of the deliveries left to decide: a
    # summer week with every product in season gets more than a winter one.
    per_period = net.arcs["period"].value_counts()
    sizes = np.array([float(per_period.reindex(list(b)).fillna(0).sum()) + 1 for b in blocks])
    for index, periods in enumerate(blocks):
        now = time.perf_counter()
        share = max((deadline - now) * sizes[index] / sizes[index:].sum(), 0.0)
        prog = program(net, periods)
        if not len(prog.arcs):
            continue
        u, records = _solve_block(prog, objectives, time.perf_counter() + share, index)
        stages += records
        quantities[prog.arcs] = prog.quantities(u)
        n = len(prog.arcs)
        v = u[n + len(prog.min_local) : n + len(prog.min_local) + len(prog.stops)]
        for (producer, period, cost), used in zip(
            prog.stops[["producer", "period", "cost"]].itertuples(index=False), v, strict=True
        ):
            if used > 0.5:
                stops.append((str(producer), str(period), float(cost)))
    quantities = _clean(net, quantities)
    return Solution(quantities, stops, stages, time.perf_counter() - start)


def _clean(net: Network, quantities: NDArray[np.float64]) -> NDArray[np.float64]:
    """Whole packs exactly, no negative dust, nothing above an arc's bound."""
    pack = net.arcs["pack"].to_numpy(dtype=float)
    whole = net.arcs["whole"].to_numpy(dtype=bool)
    upper = net.arcs["upper"].to_numpy(dtype=float)
    x = np.where(whole, np.round(quantities / pack) * pack, quantities)
    x = np.clip(np.round(x, 7), 0.0, upper)  # 9.99999999 is 10: HiGHS is exact to 1e-7
    return np.where(x > EPSILON, x, 0.0)


def _solve_block(
    prog: Program, objectives: tuple[str, ...], deadline: float, block: int
) -> tuple[NDArray[np.float64], list[Stage]]:
    rows = [LinearConstraint(prog.a, prog.lower, prog.upper)] if prog.a.shape[0] else []
    bounds = Bounds(prog.low, prog.high)
    integers = int(prog.integrality.sum())
    current: NDArray[np.float64] | None = None
    records = []
    for position, name in enumerate(objectives):
        c = prog.objectives[name]
        began = time.perf_counter()
        weight = STAGE_WEIGHT.get(name, 1.0)
        left = sum(STAGE_WEIGHT.get(o, 1.0) for o in objectives[position:])
        limit = max((deadline - began) * weight / left, MIN_STAGE_TIME)
        with _quiet():
            result = milp(
                c,
                constraints=rows,
                integrality=prog.integrality,
                bounds=bounds,
                options={"time_limit": limit, "mip_rel_gap": GAP_TOLERANCE},
            )
        if result.x is not None:
            u = np.asarray(result.x, dtype=float)
            status = "optimal" if result.status == 0 else "time limit"
            bound = _bound(result, float(c @ u))
        else:
            relaxed = _relaxation(c, rows, bounds, limit)
            if current is None:
                u = prog.complete(
                    prog.quantities(relaxed if relaxed is not None else np.zeros(prog.size))
                    if relaxed is None
                    else _rounded(prog, relaxed)
                )
                status = "rounded"
            else:
                u, status = current, "previous"
            bound = float(c @ relaxed) if relaxed is not None else float(c @ u)
            if result.status == 2 and current is not None:  # numerically infeasible: keep it
                bound = float(c @ u)
        value = float(c @ u)
        records.append(
            Stage(
                block=block,
                objective=name,
                status=status,
                value=value,
                bound=min(bound, value),
                seconds=time.perf_counter() - began,
                variables=prog.size,
                integers=integers,
            )
        )
        current = u
        tolerance = KEEP_TOLERANCE * max(1.0, abs(value))
        rows = [
            *rows,
            LinearConstraint(sp.csr_array(c.reshape(1, -1)), -np.inf, value + tolerance),
        ]
    assert current is not None
    return current, records


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep HiGHS's own debugging lines off standard output while it solves.

    The HiGHS inside scipy 1.17 prints ``HighsMipSolverData::transformNewIntegerFeasible
    Solution tmpSolver.run();`` from C++ on some programs: into a plan printed on the
    terminal, or a CSV written to standard output. The file descriptor is pointed at
    the null device for the call only.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no real standard output (a notebook...)
        descriptor = 1
    try:
        sys.stdout.flush()
        saved = os.dup(descriptor)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), descriptor)
            yield
    finally:
        os.dup2(saved, descriptor)
        os.close(saved)


def _bound(result: object, value: float) -> float:
    bound = getattr(result, "mip_dual_bound", None)
    if bound is None or not np.isfinite(bound):
        return value
    return float(bound)


def _relaxation(
    c: NDArray[np.float64], rows: list[LinearConstraint], bounds: Bounds, limit: float
) -> NDArray[np.float64] | None:
    with _quiet():
        result = milp(c, constraints=rows, bounds=bounds, options={"time_limit": max(limit, 1.0)})
    return None if result.x is None else np.asarray(result.x, dtype=float)


def _rounded(prog: Program, relaxed: NDArray[np.float64]) -> NDArray[np.float64]:
    """Arc quantities of the relaxation, rounded down to whole packs."""
    n = len(prog.arcs)
    w = relaxed[:n].copy()
    w[prog.whole] = np.floor(w[prog.whole] + 1e-9)
    return prog.pack * np.clip(w, 0.0, None)
