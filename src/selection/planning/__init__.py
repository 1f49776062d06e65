"""Planning supply to the stores' needs: who supplies what, to which store, in which period.

The Marseille experiment: the grocery stores state their needs per week, the
producers their offers (capacity, price, season, minimum quantity, packs, the
cost of a stop on the collection round), and :func:`plan` decides the
allocation that covers the needs first, prefers the producers the grid ranks
best, then costs least, under the rules of the grid's ``plan:`` section
(resilience, fair shortfall, budgets). The :class:`Plan` says what each
producer is asked to grow and deliver, what is left unmet and why.

One job per module: :mod:`~selection.planning.tables` (reading a table: columns,
cells, errors that point), :mod:`~selection.planning.needs`,
:mod:`~selection.planning.offers` and :mod:`~selection.planning.costs` (reading and
checking each table), :mod:`~selection.planning.periods` and
:mod:`~selection.planning.units`, :mod:`~selection.planning.context` (what a plan is
made from), :mod:`~selection.planning.model` (the mixed-integer program),
:mod:`~selection.planning.solve` (HiGHS, stage by stage, block by block),
:mod:`~selection.planning.reasons` (why a need is unmet),
:mod:`~selection.planning.result` (:class:`Plan`), :mod:`~selection.planning.assembly`
(a Plan from a solution), :mod:`~selection.planning.planner` (:func:`plan`, the front
door), :mod:`~selection.planning.charts`,
:mod:`~selection.planning.catalogues` (offers from Open Food Network and Cagette),
:mod:`~selection.planning.workbook` and :mod:`~selection.planning.page` (the plan as
a workbook and as a web page).

The package is ``planning``, not ``plan``: ``selection.plan`` is the function, and
a submodule of the same name would replace it as an attribute of ``selection``
as soon as it is imported.

May import: :mod:`selection.ranking` and the layers below it.
"""

from ..grid.plan_rule import Budget, BudgetPeriod, Objective, PlanRule
from .costs import Costs, read_costs
from .needs import Needs, read_needs
from .offers import Offers, read_offers
from .planner import plan
from .reasons import Shortfall
from .result import Plan

__all__ = [
    "Budget",
    "BudgetPeriod",
    "Costs",
    "Needs",
    "Objective",
    "Offers",
    "Plan",
    "PlanRule",
    "Shortfall",
    "plan",
    "read_costs",
    "read_needs",
    "read_offers",
]
