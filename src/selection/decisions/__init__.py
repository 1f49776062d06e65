"""Decisions: what committees recorded, whether the grid reproduces them, and what changed.

- :mod:`~selection.decisions.records`: decision files (:func:`load_decisions`);
- :mod:`~selection.decisions.audit`: :func:`check`, recorded decisions against the grid's
  (:mod:`~selection.decisions.tier_audit`: recorded tiers, for a grid in tiers);
- :mod:`~selection.decisions.rule_program` and :mod:`~selection.decisions.inference`:
  :func:`infer_weights`, the weights under which the decisions follow from the rule;
- :mod:`~selection.decisions.changes`: :func:`diff`, what changed between two rankings.

The selection rule itself is applied by :meth:`selection.Ranking.decisions`
(:mod:`selection.scoring.select`).

May import: everything below it (the base modules, :mod:`selection.engines`,
:mod:`~selection.grid`, :mod:`~selection.table`, :mod:`~selection.scoring`,
:mod:`~selection.sensitivity`, :mod:`selection.ranking`, :mod:`selection.explain`);
scipy (HiGHS) for the linear programs.
"""

from .audit import Audit, check
from .changes import Diff, diff
from .inference import Inference, infer_weights
from .records import DECISION_WORDS, REJECTED, DecisionRecord, load_decisions, record_for

__all__ = [
    "DECISION_WORDS",
    "REJECTED",
    "Audit",
    "DecisionRecord",
    "Diff",
    "Inference",
    "check",
    "diff",
    "infer_weights",
    "load_decisions",
    "record_for",
]
