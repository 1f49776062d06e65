"""Solving a plan: block by block, objective stage by stage, within a time limit.

Periods that no constraint links (every rule but a season budget works period
by period) are solved separately: a year of 52 weeks is 52 small programs, not
one large one. Within a block the objectives are solved in their lexicographic
order (:class:`~selection.grid.PlanRule`): each stage is a mixed-integer
program solved by HiGHS (:func:`scipy.optimize.milp`), and its optimum is kept
as a constraint of the next (``c·u ≤ best + tolerance``).

The time limit is shared out stage by stage, over all blocks: every week gets
its first stage (equity or coverage) before any week gets the next, each stage
a part of the time left weighted by its position (:data:`STAGE_WEIGHT`), each
block a part of the stage's time in proportion to its size; a block or a stage
that ends early leaves its time to the next, and a block the limit stopped is
tried again with the time the stage's other blocks left (the weeks differ: one
may need a second where its size gave it one). A stage stopped by the limit keeps
the best plan found, with the gap to the proven bound; having no proven
optimum, it binds the next stages no tighter than the plan made without the
solver, which stays available to them. Before the first stage a plan is made
without the solver (:meth:`~selection.planning.model.Program.greedy`: offers by
grid score, filling needs within capacities, budgets, packs and minimum
quantities); it is kept when HiGHS finds no plan in its time, the gap then
measured against a bound that needs no solver
(:meth:`~selection.planning.model.Program.trivial_bound`, product by product
and period by period; for ``fair``, the store that can be served least; for
``score`` and ``cost``, each need filled from its best, or cheapest, arcs
first, :meth:`~selection.planning.model.Program.cost_bound` counting the units
the coverage stage keeps). A
later stage that finds nothing, or has no time left, keeps the previous stage's
plan (still feasible: the previous optimum is the only added constraint).
At the end, a plan whose integers HiGHS left within its tolerance of a whole
number (a stop "open" at 1e-6, letting a producer not visited deliver a
millionth of a unit) is solved again with them fixed (:meth:`_Block.polish`),
and deliveries below a ten-thousandth of their need go to the need's largest
delivery, or are dropped (:mod:`~selection.planning.cleaning`).

The limit is the whole call's: :func:`~selection.planning.plan` hands this
module what is left of it once the tables are read, less a reserve for
explaining the shortfalls and assembling the plan; building the programs and
the plans made without the solver count in it. Packs tighten the programs
(:func:`~selection.planning.model.program`: capacities, minimums and needs
rounded to whole packs), which leaves the plans as they are but makes the
relaxation much closer (ten times the Marseille example, one week: the
coverage relaxation from 6,296 to the integer optimum 5,461.5). Outside the
cost stage the stops' binaries are fixed open (free there, they only loosen
rows), and unused stops are closed after each solve.

Why not solve product by product: with no rule linking products (no budget,
no fair shortfall) the coverage and score stages of a week separate by
product, and keeping each part's optimum is the same as keeping their sum. But
a budget sums money over a store's products, and ``fair_shortfall`` its
unmet quantities: the Marseille grid has both, so one week stays one program.
Ten times larger, a week's program (25,000–36,000 variables) takes HiGHS
1.5–30 s a stage to prove optimal, two hundred stages for a 60 s limit: the
stages the limit stops keep the plan made without the solver, and the bounds
above make its gap honest (coverage: 2 % rather than 14 %).

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

May import: numpy, scipy, and :mod:`~selection.planning.model`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

from .cleaning import clean
from .model import Network, Program, block_arcs, program

__all__ = ["Solution", "Stage", "solve"]

#: HiGHS stops when the relative gap is at most this: in effect, proven optimality.
GAP_TOLERANCE = 1e-9

#: How far a later stage may move an earlier stage's optimum (relative).
KEEP_TOLERANCE = 1e-9

#: The least time given to one stage (seconds), even when the limit is spent.
MIN_STAGE_TIME = 0.05

#: A stage the limit stopped is tried again, once its stage's other blocks are solved, when
#: the time they left it is at least this many times what it had.
RETRY_FACTOR = 2.0

#: How the time left is shared among the stages, by position: the first stage (equity or
#: coverage) matters most; a stage that ends early leaves its time to the next.
STAGE_WEIGHT = (4.0, 2.0, 1.5, 1.0)


@dataclass(frozen=True)
class Stage:
    """How one objective stage of one block was solved.

    ``value`` and ``bound`` are in the minimized form (coverage and score
    negated); ``status`` is ``optimal``, ``time limit`` (best plan found kept),
    ``heuristic`` (no plan found: the plan made without the solver), ``previous``
    (no plan found: the previous stage's kept) or ``skipped`` (no time left: the
    previous stage's kept).
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
    """Solve every block of `net` for the `objectives`, in order, within `time_limit` seconds.

    Stage by stage over all blocks (every week gets its coverage before any week its
    cost), so that a limit too short for the whole problem still leaves a plan for
    every week, as good as the first stages could make it.
    """
    start = time.perf_counter()
    deadline = start + time_limit
    blocks = []
    for index, (periods, selected) in enumerate(zip(net.blocks, block_arcs(net), strict=True)):
        prog = program(net, periods, selected)
        if len(prog.arcs):
            blocks.append(_Block(index, prog))
    sizes = np.array([float(len(b.prog.arcs)) + 1 for b in blocks])
    weights = [STAGE_WEIGHT[min(k, len(STAGE_WEIGHT) - 1)] for k in range(len(objectives))]
    stages: list[Stage] = []
    for position, name in enumerate(objectives):
        now = time.perf_counter()
        stage_end = now + max(deadline - now, 0.0) * weights[position] / sum(weights[position:])
        done = []
        for k, block in enumerate(blocks):
            now = time.perf_counter()
            share = max(stage_end - now, 0.0) * sizes[k] / sizes[k:].sum()
            done.append(block.solve(name, share, first=position == 0))
        # The stage's time that the blocks solved early left goes to those the limit stopped.
        stopped = [k for k, stage in enumerate(done) if stage.status != "optimal"]
        for j, k in enumerate(stopped):
            share = max(stage_end - time.perf_counter(), 0.0) * sizes[k] / sizes[stopped[j:]].sum()
            if share >= RETRY_FACTOR * done[k].seconds:
                done[k] = blocks[k].retry(name, share, done[k])
        stages.extend(done)
    for block in blocks:
        block.polish(deadline)
    quantities = np.zeros(len(net.arcs))
    stops: list[tuple[str, str, float]] = []
    for block in blocks:
        prog, u = block.prog, block.current
        assert u is not None
        quantities[prog.arcs] = prog.quantities(u)
        n = len(prog.arcs)
        v = u[n + len(prog.min_local) : n + len(prog.min_local) + len(prog.stops)]
        for (producer, period, cost), used in zip(
            prog.stops[["producer", "period", "cost"]].itertuples(index=False), v, strict=True
        ):
            if used > 0.5:
                stops.append((str(producer), str(period), float(cost)))
    quantities = clean(net, quantities)
    stages.sort(key=lambda stage: (stage.block, objectives.index(stage.objective)))
    return Solution(quantities, stops, stages, time.perf_counter() - start)


class _Block:
    """One block's program, the rows its solved stages added, and its plan so far."""

    def __init__(self, index: int, prog: Program) -> None:
        self.index = index
        self.prog = prog
        self.rows = [LinearConstraint(prog.a, prog.lower, prog.upper)] if prog.a.shape[0] else []
        self.bounds = Bounds(prog.low, prog.high)
        # Outside the cost stage a stop costs nothing, and opening it only loosens rows: it is
        # fixed open (HiGHS's presolve then drops it), and closed again after if unused.
        stops = prog.stop_columns
        low = prog.low.copy()
        low[stops] = 1.0
        self.open_bounds = Bounds(low, prog.high)
        self.current: NDArray[np.float64] | None = None
        self.start: NDArray[np.float64] | None = None
        self.kept: list[tuple[NDArray[np.float64], float]] = []
        self.before: tuple[
            NDArray[np.float64] | None,
            list[tuple[NDArray[np.float64], float]],
            list[LinearConstraint],
        ] = (None, [], list(self.rows))

    def solve(self, name: str, limit: float, *, first: bool) -> Stage:
        """Solve stage `name` in `limit` seconds; keep its optimum as a row for the next.

        The stage keeps the best of: the solver's plan, the previous stage's plan, and
        the plan made without the solver when it still meets the earlier stages' optima.
        """
        prog = self.prog
        c = prog.objectives[name]
        began = time.perf_counter()
        self.before = (self.current, list(self.kept), list(self.rows))
        if first:  # a plan made without the solver, to fall back on
            self.start = prog.complete(prog.greedy())
        result = None
        if limit >= MIN_STAGE_TIME:
            with _quiet():
                result = milp(
                    c,
                    constraints=self.rows,
                    integrality=prog.integrality,
                    bounds=self.bounds if name == "cost" else self.open_bounds,
                    options={
                        "time_limit": max(limit - (time.perf_counter() - began), MIN_STAGE_TIME),
                        "mip_rel_gap": GAP_TOLERANCE,
                    },
                )
        trivial = prog.trivial_bound(name)
        if name == "cost":  # the units the coverage stage keeps cost at least the cheapest's
            covered = [-limit for kept, limit in self.kept if kept is prog.objectives["coverage"]]
            if covered:
                trivial = max(trivial, prog.cost_bound(covered[-1]))
        candidates: list[tuple[NDArray[np.float64], str]] = []
        if result is not None and result.x is not None:
            found = prog.close_stops(np.asarray(result.x, dtype=float))
            candidates.append((found, "optimal" if result.status == 0 else "time limit"))
            bound = max(_bound(result, _dot(c, found)), trivial)
        else:
            bound = trivial if result is None else max(_bound(result, trivial), trivial)
        if self.current is not None:
            candidates.append((self.current, "previous" if result is not None else "skipped"))
        if self.start is not None and self._keeps(self.start):
            candidates.append((self.start, "heuristic"))
        u, status = min(candidates, key=lambda pair: _dot(c, pair[0]))
        if status != "optimal" and candidates[0][1] == "optimal":
            u, status = candidates[0]  # proven optimal: ties go to the solver's plan
        value = _dot(c, u)
        self.current = u
        # A stage the limit stopped has no proven optimum to keep: it binds the next stages
        # no tighter than the plan made without the solver, which stays available to them.
        keep = value
        if status != "optimal" and self.start is not None and self._keeps(self.start):
            keep = max(value, _dot(c, self.start))
        tolerance = KEEP_TOLERANCE * max(1.0, abs(keep))
        self.kept.append((c, keep + tolerance))
        self.rows = [
            *self.rows,
            LinearConstraint(sp.csr_array(c.reshape(1, -1)), -np.inf, keep + tolerance),
        ]
        return Stage(
            block=self.index,
            objective=name,
            status=status,
            value=value,
            bound=min(bound, value),
            seconds=time.perf_counter() - began,
            variables=prog.size,
            integers=int(prog.integrality.sum()),
        )

    def retry(self, name: str, limit: float, stopped: Stage) -> Stage:
        """Solve stage `name` again, from where it started, in `limit` seconds.

        Keeps whichever of the two attempts gives the better plan; the stage's
        seconds count both.
        """
        after = (self.current, list(self.kept), list(self.rows))
        self.current, self.kept, self.rows = self.before
        again = self.solve(name, limit, first=False)
        if again.value > stopped.value:  # worse (HiGHS searched elsewhere): the first stays
            self.current, self.kept, self.rows = after
            return dataclasses.replace(stopped, seconds=stopped.seconds + again.seconds)
        return dataclasses.replace(again, seconds=stopped.seconds + again.seconds)

    def polish(self, deadline: float) -> None:
        """Make the plan's integers exact, and its quantities follow them.

        HiGHS accepts a binary within 1e-6 of 0 or 1, and ``x ≤ upper·v`` then lets
        a producer it did not visit deliver ``upper × 1e-6`` (a few millionths of a
        unit, enough to show up as a delivery). With every integer fixed at its
        rounded value, the stages are solved again in order as linear programs (each
        keeping the optimum of the one before), before `deadline`; a program that
        fails, or no time left, leaves the quantities on closed arcs set to zero.
        """
        prog, u = self.prog, self.current
        if u is None:
            return
        integer = prog.integrality > 0
        whole = np.round(u[integer])
        if not integer.any() or np.array_equal(whole, u[integer]):
            return
        low, high = prog.low.copy(), prog.high.copy()
        low[integer] = high[integer] = np.clip(whole, prog.low[integer], prog.high[integer])
        base = self.rows[: len(self.rows) - len(self.kept)]
        rows, polished = list(base), None
        for c, _ in self.kept:
            left = deadline - time.perf_counter()
            if left < MIN_STAGE_TIME:
                polished = None
                break
            with _quiet():
                result = milp(
                    c, constraints=rows, bounds=Bounds(low, high), options={"time_limit": left}
                )
            if result.status != 0 or result.x is None:
                polished = None
                break
            polished = np.asarray(result.x, dtype=float)
            best = _dot(c, polished)
            tolerance = KEEP_TOLERANCE * max(1.0, abs(best))
            rows.append(
                LinearConstraint(sp.csr_array(c.reshape(1, -1)), -np.inf, best + tolerance)
            )
        if polished is None:  # no program solved: the closed arcs deliver nothing
            polished = u.copy()
            polished[integer] = low[integer]
            polished[: len(prog.arcs)] *= prog.open_arcs(polished)
        self.current = prog.close_stops(polished)

    def _keeps(self, u: NDArray[np.float64]) -> bool:
        """Whether `u` meets every earlier stage's optimum."""
        return all(_dot(c, u) <= limit + 1e-9 * max(1.0, abs(limit)) for c, limit in self.kept)


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


def _dot(c: NDArray[np.float64], u: NDArray[np.float64]) -> float:
    """``c·u`` without BLAS, whose threads wait on HiGHS's after a solve (milliseconds each)."""
    return float(np.multiply(c, u).sum())


def _bound(result: object, value: float) -> float:
    bound = getattr(result, "mip_dual_bound", None)
    if bound is None or not np.isfinite(bound):
        return value
    return float(bound)
