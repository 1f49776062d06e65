r"""The front door: producers, a grid, needs and offers in; a Plan out.

Examples
--------
>>> import pandas as pd, selection
>>> producers = pd.DataFrame({"id": ["P1", "P2"], "quality": [0.9, 0.4]})
>>> grid = selection.parse_grid(
...     "format: selection/grid@1\nname: demo\nid: id\nbatteries:\n  all:\n"
...     "    criteria:\n      quality: {scale: [0, 1]}\n")
>>> needs = pd.DataFrame({"store": ["Panier", "Noailles"], "product": "gombo",
...                       "period": "2027-W30", "quantity": [6, 8]})
>>> offers = pd.DataFrame({"producer": ["P1", "P2"], "product": "gombo",
...                        "capacity": [10, 10], "price": [6.0, 5.0]})
>>> result = selection.plan(producers, grid, needs=needs, offers=offers)
>>> result.status, float(result.totals["coverage"])
('optimal', 1.0)
>>> result.allocation.groupby("producer")["quantity"].sum().to_dict()  # P1 ranks first
{'P1': 10.0, 'P2': 4.0}
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..errors import ArgumentError
from ..grid import Grid
from ..grid.plan_rule import Budget, BudgetPeriod, PlanRule
from ..messages import current_language, msg
from ..ranking import Ranking, rank
from ..scoring import ProblemSource, prepare
from ..validators import finite_number, language
from .assembly import assemble
from .context import Context
from .costs import read_costs
from .model import network
from .needs import read_needs
from .offers import read_offers
from .reasons import shortfall_reasons
from .result import Plan
from .solve import solve
from .tables import Table

__all__ = ["plan", "planning_scores", "solve_context"]

#: The default time limit, in seconds.
TIME_LIMIT = 60.0

#: Seconds kept from the solver's time for explaining shortfalls and assembling the plan: at
#: least this, plus :data:`FINISH_PER_NEED` a need (measured: 55,000 needs take about 2 s
#: on a loaded 2-core machine).
FINISH_MIN = 0.05

#: Seconds kept a need, for explaining its shortfall and writing its row of the plan.
FINISH_PER_NEED = 4e-5

#: The share of the limit kept for HiGHS returning after its own limit and for a loaded
#: machine (ten times the Marseille example: 0.9 s late in 60 s without it, 0.1 s with 2 %).
FINISH_SHARE = 0.04


def planning_scores(ranking: Ranking) -> pd.Series:
    """Each eligible producer's grid score on [0, 1], 1 the best (the ``score`` objective).

    Weighted-sum and TOPSIS scores are already on [0, 1]; other methods' scores
    are rescaled from worst (0) to best (1).
    """
    ranked = ranking.ranked
    scores = ranked["score"].astype(float)
    scores.index = scores.index.astype(str)
    if ranking.higher_is_better and scores.between(0, 1).all():
        return scores.rename("score")
    signed = scores if ranking.higher_is_better else -scores
    low, high = float(signed.min()), float(signed.max())
    spread = high - low
    return ((signed - low) / spread if spread > 0 else signed * 0 + 1).rename("score")


def _rule(
    grid: Grid,
    objective: object,
    max_share: object,
    fair_shortfall: object,
    budget: object,
) -> PlanRule:
    """The grid's ``plan:`` section, each argument given replacing its part."""
    base = grid.plan or PlanRule()
    changes: dict[str, Any] = {}
    if objective is not None:
        stages: Any = objective  # a name or names; PlanRule checks them
        changes["objective"] = (stages,) if isinstance(stages, str) else tuple(stages)
    if max_share is not None:
        changes["max_share"] = max_share
    if fair_shortfall is not None:
        if not isinstance(fair_shortfall, bool):
            raise ArgumentError(
                msg("plan.args.fair", "fair_shortfall must be True or False"),
                where="fair_shortfall",
                expected="True, False",
                found=repr(fair_shortfall),
            )
        changes["fair_shortfall"] = fair_shortfall
    if budget is not None:
        changes["budget"] = _budget(budget)
    try:
        return dataclasses.replace(base, **changes)
    except Exception as exc:  # a GridError about an argument: say it is one
        from ..errors import SelectionError

        if not isinstance(exc, SelectionError):
            raise
        raise ArgumentError(
            exc.problem,
            where=(exc.where or "").replace("plan.", "") or None,
            expected=exc.expected,
            found=exc.found,
            hint=exc.hint,
        ) from None


def _budget(budget: object) -> Budget:
    if isinstance(budget, Budget):
        return budget
    if isinstance(budget, Mapping):
        return Budget(stores=tuple((str(k), v) for k, v in budget.items()))
    if isinstance(budget, int | float) and not isinstance(budget, bool):
        return Budget(amount=float(budget), per=BudgetPeriod.PERIOD)
    raise ArgumentError(
        msg("plan.args.budget", "cannot use this as a budget"),
        where="budget",
        expected=msg(
            "plan.args.budget_expected",
            "an amount per store and period, a mapping store → amount, or a selection.Budget",
        ),
        found=type(budget).__name__,
    )


def plan(
    producers: ProblemSource | Ranking,
    grid: Grid | str | Any = None,
    *,
    needs: Table,
    offers: Table,
    costs: Table | None = None,
    objective: str | Sequence[str] | None = None,
    max_share: float | None = None,
    fair_shortfall: bool | None = None,
    budget: float | Mapping[str, float] | Budget | None = None,
    time_limit: float = TIME_LIMIT,
    lang: str | None = None,
) -> Plan:
    """Plan who supplies what to which store in which period, to cover the stores' needs.

    Parameters
    ----------
    producers : DataFrame, path, Prepared or Ranking
        The producer table; only the producers the grid finds eligible are
        used, and their grid scores count in the ``score`` objective.
    grid : Grid or path
        The grid; its ``plan:`` section gives the defaults of the rules below.
    needs, offers : DataFrame or path
        The stores' needs and the producers' offers (see
        :mod:`selection.planning.needs` and :mod:`selection.planning.offers` for
        their columns).
    costs : DataFrame or path, optional
        Transport cost per unit on each producer → store route (see
        :mod:`selection.planning.costs`).
    objective : str or sequence of str, optional
        Lexicographic order of ``coverage``, ``score``, ``cost``; default: the
        grid's, else coverage, then score, then cost.
    max_share : float, optional
        No producer supplies more than this share of one store's need.
    fair_shortfall : bool, optional
        Minimize the largest unmet fraction of a store's needs first.
    budget : float, mapping or Budget, optional
        An amount per store and period, store → amount per period, or a
        :class:`~selection.grid.Budget` (per period or season).
    time_limit : float
        Seconds for the whole solve (default 60); the best plan found is
        kept, with its gap.
    lang : str, optional
        Language of the reasons and summaries; default: the language rule.

    Returns
    -------
    Plan

    Raises
    ------
    DataError, GridError, ArgumentError
        Every mistake in the inputs, with the file, row and column.
    """
    started = time.perf_counter()
    chosen = language(lang)
    limit = finite_number(
        time_limit,
        "time_limit",
        low=0.0,
        problem=msg("plan.args.time_limit", "time_limit must be a number of seconds above 0"),
    )
    if limit <= 0:
        raise ArgumentError(
            msg("plan.args.time_limit", "time_limit must be a number of seconds above 0"),
            where="time_limit",
            expected=msg("plan.args.time_limit_expected", "seconds, e.g. 60"),
            found=repr(time_limit),
        )
    ranking = (
        producers
        if isinstance(producers, Ranking) and grid is None
        else rank(prepare(producers, grid), lang=chosen)
    )
    rule = _rule(ranking.grid, objective, max_share, fair_shortfall, budget)
    stages = (("fair",) if rule.fair_shortfall else ()) + tuple(o.value for o in rule.objective)
    ids = [str(i) for i in ranking.table.index]
    the_needs = read_needs(needs)
    the_offers = read_offers(offers, the_needs, ids)
    the_costs = None if costs is None else read_costs(costs, the_needs, ids)
    scores = planning_scores(ranking)
    reasons = ranking.reasons
    excluded = {
        str(pid): msg("plan.excluded", "{why}", why=list(reasons[pid]))
        for pid in ranking.table.index[~ranking.table["eligible"].to_numpy(dtype=bool)]
    }
    context = Context(
        ranking=ranking,
        needs=the_needs,
        offers=the_offers,
        costs=the_costs,
        rule=rule,
        stages=stages,
        scores=scores,
        excluded=excluded,
        time_limit=limit,
    )
    return solve_context(context, lang=chosen or current_language(), started=started)


def solve_context(
    context: Context,
    *,
    lang: str,
    needs: pd.DataFrame | None = None,
    periods: Sequence[str] | None = None,
    started: float | None = None,
) -> Plan:
    """Build the network of `context` (with `needs` in place of its own), solve, assemble.

    The time limit counts from `started` (a :func:`time.perf_counter` reading, default
    now): the solver gets what is left once the tables are read and the network built,
    less what explaining the shortfalls and assembling the plan will take
    (:data:`FINISH_PER_NEED` a need).
    """
    if started is None:
        started = time.perf_counter()
    table = context.needs.table if needs is None else needs
    net = network(
        table,
        context.offers.table,
        None if context.costs is None else context.costs.table,
        context.scores,
        context.needs.periods.labels,
        context.rule,
    )
    if periods is not None:
        wanted = set(periods)
        net = dataclasses.replace(net, blocks=[b for b in net.blocks if wanted & set(b)])
    share = len(net.blocks) / max(len(context.needs.periods), 1)
    limit = context.time_limit if periods is None else max(context.time_limit * share, 5.0)
    finish = FINISH_MIN + FINISH_PER_NEED * len(net.needs) + FINISH_SHARE * limit
    solution = solve(net, context.stages, max(limit - (time.perf_counter() - started) - finish, 0))
    optimal = all(s.status == "optimal" for s in solution.stages)
    names = context.needs.products
    reasons = shortfall_reasons(
        net,
        solution.quantities,
        context.offers.table,
        context.excluded,
        names,
        optimal,
        context.offers.products,
    )
    return assemble(
        context,
        net,
        solution,
        reasons,
        lang,
        resolver=lambda changed, within: solve_context(
            context, lang=lang, needs=changed, periods=within
        ),
    )
