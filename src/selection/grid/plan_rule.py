"""Planning rules: how supply is shared out to the stores' needs (the ``plan:`` section).

::

    plan:
      objective: [coverage, score, cost]   # lexicographic: each stage keeps the one before
      max_share: 0.7          # no producer supplies more than 70 % of one store's need
      fair_shortfall: true    # when supply is short, share the shortfall out first
      budget: {per: period, amount: 150, stores: {E03: 90}}   # € per store per period

The planning itself is in :mod:`selection.plan`; this module only holds the
rule, checked once, and writes it back as a grid file has it.

Examples
--------
>>> rule = PlanRule(objective=("coverage", "cost"), max_share=0.5)
>>> rule.describe()
'objective: coverage, then cost; no producer above 50% of a need'
>>> PlanRule(budget=Budget(amount=100, per="season")).budget.amount_for("E01")
100.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..errors import GridError
from ..messages import Message, msg, msgn
from ..validators import finite_number, one_of

__all__ = ["DEFAULT_OBJECTIVE", "Budget", "BudgetPeriod", "Objective", "PlanRule"]


class Objective(StrEnum):
    """What a plan optimizes, one stage at a time."""

    #: The quantity of needs met (maximized).
    COVERAGE = "coverage"
    #: The grid score of the producers used, weighted by volume (maximized).
    SCORE = "score"
    #: Purchases, transport per unit and collection stops (minimized).
    COST = "cost"


#: Coverage first, then the grid's preference, then the cost.
DEFAULT_OBJECTIVE = (Objective.COVERAGE, Objective.SCORE, Objective.COST)


class BudgetPeriod(StrEnum):
    """What a store's budget covers: each period, or the whole season."""

    PERIOD = "period"
    SEASON = "season"


@dataclass(frozen=True, slots=True)
class Budget:
    """What each store can spend on purchases (quantity × price), per period or per season.

    Parameters
    ----------
    amount : float, optional
        The budget of every store not named in `stores`; None: no limit for them.
    per : BudgetPeriod
        ``period`` (each period on its own) or ``season`` (all periods together).
    stores : tuple of (store, amount)
        Budgets of named stores.
    """

    amount: float | None = None
    per: BudgetPeriod = BudgetPeriod.PERIOD
    stores: tuple[tuple[str, float], ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "per",
            one_of(
                self.per,
                "per",
                BudgetPeriod,
                where="plan.budget.per",
                what=msg("what.budget_period", "budget period"),
                error=GridError,
            ),
        )
        stores = tuple((str(store), amount) for store, amount in dict(self.stores).items())
        checked = tuple(
            (store, _amount(amount, f"plan.budget.stores.{store}")) for store, amount in stores
        )
        object.__setattr__(self, "stores", checked)
        if self.amount is not None:
            object.__setattr__(self, "amount", _amount(self.amount, "plan.budget.amount"))
        if self.amount is None and not self.stores:
            raise GridError(
                msg("plan_rule.budget_empty", "a budget without an amount"),
                where="plan.budget",
                expected=msg(
                    "plan_rule.budget_empty_expected",
                    "`amount:` (every store) and/or `stores:` (store: amount)",
                ),
                found=msg("plan_rule.neither", "neither"),
            )

    def amount_for(self, store: str) -> float | None:
        """The budget of `store` (None: no limit)."""
        return dict(self.stores).get(str(store), self.amount)

    def condition(self) -> Message:
        """The budget in words."""
        per = (
            msg("plan_rule.per_period", "per period")
            if self.per is BudgetPeriod.PERIOD
            else msg("plan_rule.per_season", "for the season")
        )
        if self.amount is not None and not self.stores:
            return msg(
                "plan_rule.budget_all", "budget {amount:g} {per}", amount=self.amount, per=per
            )
        others = "—" if self.amount is None else format(self.amount, "g")
        return msgn(
            "plan_rule.budget_some",
            "budget {amount} {per} ({count} store named)",
            "budget {amount} {per} ({count} stores named)",
            count=len(self.stores),
            amount=others,
            per=per,
        )

    def to_dict(self) -> dict[str, Any]:
        """The budget as written in a grid file."""
        out: dict[str, Any] = {"per": self.per.value}
        if self.amount is not None:
            out["amount"] = self.amount
        if self.stores:
            out["stores"] = dict(self.stores)
        return out


def _amount(value: object, where: str) -> float:
    return finite_number(
        value,
        "amount",
        low=0.0,
        where=where,
        error=GridError,
        problem=msg("plan_rule.amount", "a budget must be a finite amount ≥ 0"),
        expected=msg("plan_rule.amount_expected", "an amount in euros, e.g. 150"),
    )


@dataclass(frozen=True, slots=True)
class PlanRule:
    """How needs are covered: the objective's stages, resilience, equity and budgets.

    Parameters
    ----------
    objective : tuple of Objective
        Lexicographic order: each stage is solved exactly, and its optimum is
        kept as a constraint of the next. Must contain ``coverage``; ``cost``
        may not come before it (the cheapest plan delivers nothing).
    max_share : float, optional
        In (0, 1]: no producer supplies more than this share of one store's
        need of one product in one period.
    fair_shortfall : bool
        Before anything else, minimize the largest unmet fraction of a store's
        needs in a period (food-bank equity).
    budget : Budget, optional
        What each store can spend.
    """

    objective: tuple[Objective, ...] = DEFAULT_OBJECTIVE
    max_share: float | None = None
    fair_shortfall: bool = False
    budget: Budget | None = None

    def __post_init__(self) -> None:
        given: Any = self.objective  # a single name, or any sequence of names, is accepted
        objective = (given,) if isinstance(given, str) else tuple(given)
        stages = tuple(
            one_of(
                stage,
                "objective",
                Objective,
                where=f"plan.objective[{i}]",
                what=msg("what.objective", "objective"),
                error=GridError,
            )
            for i, stage in enumerate(objective)
        )
        object.__setattr__(self, "objective", stages)
        names = ", ".join(o.value for o in Objective)
        if len(set(stages)) != len(stages):
            raise GridError(
                msg("plan_rule.objective_twice", "an objective appears twice"),
                where="plan.objective",
                expected=msg(
                    "plan_rule.objective_order", "each of {names} at most once", names=names
                ),
                found=", ".join(s.value for s in stages),
            )
        if Objective.COVERAGE not in stages:
            raise GridError(
                msg("plan_rule.no_coverage", "the objective does not cover the needs"),
                where="plan.objective",
                expected=msg(
                    "plan_rule.no_coverage_expected",
                    "a list containing `coverage`, e.g. [coverage, score, cost]",
                ),
                found=", ".join(s.value for s in stages) or "[]",
                hint=msg(
                    "plan_rule.no_coverage_hint",
                    "without coverage the cheapest plan is to deliver nothing",
                ),
            )
        if Objective.COST in stages and stages.index(Objective.COST) < stages.index(
            Objective.COVERAGE
        ):
            raise GridError(
                msg("plan_rule.cost_first", "cost comes before coverage"),
                where="plan.objective",
                expected=msg("plan_rule.cost_first_expected", "coverage before cost"),
                found=", ".join(s.value for s in stages),
                hint=msg(
                    "plan_rule.cost_first_hint",
                    "the cheapest plan delivers nothing: put coverage first",
                ),
            )
        if self.max_share is not None:
            share = finite_number(
                self.max_share,
                "max_share",
                where="plan.max_share",
                error=GridError,
                problem=msg("plan_rule.share", "`max_share` must be a share above 0, up to 1"),
                expected=msg("plan_rule.share_expected", "a number in (0, 1], e.g. 0.7"),
                low=0.0,
                high=1.0,
            )
            if share <= 0:
                raise GridError(
                    msg("plan_rule.share", "`max_share` must be a share above 0, up to 1"),
                    where="plan.max_share",
                    expected=msg("plan_rule.share_expected", "a number in (0, 1], e.g. 0.7"),
                    found=repr(self.max_share),
                    hint=msg("plan_rule.share_hint", "0 would forbid every delivery"),
                )
            object.__setattr__(self, "max_share", share)
        if not isinstance(self.fair_shortfall, bool):
            raise GridError(
                msg("plan_rule.fair", "`fair_shortfall` must be true or false"),
                where="plan.fair_shortfall",
                expected="true, false",
                found=repr(self.fair_shortfall),
            )

    def conditions(self) -> list[Message]:
        """The rule's parts as messages."""
        stages: Message | str = self.objective[0].value
        for stage in self.objective[1:]:
            stages = msg(
                "plan_rule.then", "{first}, then {second}", first=stages, second=stage.value
            )
        parts = [msg("plan_rule.objective", "objective: {stages}", stages=stages)]
        if self.fair_shortfall:
            parts.insert(0, msg("plan_rule.fair_first", "shortfall shared out fairly first"))
        if self.max_share is not None:
            parts.append(
                msg(
                    "plan_rule.max_share",
                    "no producer above {share:.0%} of a need",
                    share=self.max_share,
                )
            )
        if self.budget is not None:
            parts.append(self.budget.condition())
        return parts

    def describe(self) -> str:
        """The rule in words, in the current language."""
        return "; ".join(part.render() for part in self.conditions())

    def to_dict(self) -> dict[str, Any]:
        """The rule as written in a grid file."""
        out: dict[str, Any] = {"objective": [s.value for s in self.objective]}
        if self.max_share is not None:
            out["max_share"] = self.max_share
        if self.fair_shortfall:
            out["fair_shortfall"] = True
        if self.budget is not None:
            out["budget"] = self.budget.to_dict()
        return out
