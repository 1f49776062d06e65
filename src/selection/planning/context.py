"""What a plan is made from: the ranking, the tables read, the rule, the stages.

Kept with the :class:`~selection.planning.Plan` so that a question about it (what a
higher price ceiling would bring) can re-solve the periods it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..grid.plan_rule import PlanRule
from ..messages import Message
from ..ranking import Ranking
from .costs import Costs
from .needs import Needs
from .offers import Offers

__all__ = ["Context"]


@dataclass(frozen=True, eq=False)
class Context:
    """What a plan was made from, kept so that a question can re-solve part of it."""

    ranking: Ranking
    needs: Needs
    offers: Offers
    costs: Costs | None
    rule: PlanRule
    stages: tuple[str, ...]
    scores: pd.Series
    excluded: dict[str, Message]
    time_limit: float
