"""Members' judgements: grades on a verbal scale, read from a file and aggregated.

A grid's criterion may be ``judged: true``: its values come from the grades
members of a committee give each producer on a verbal scale (à rejeter …
excellent), not from the producer table. This package reads the judgements
(:func:`read_judgments`: a CSV, a workbook, a DataFrame or a
``format: selection/judgments@1`` file), checks them against the grid and the
producers, and aggregates them per producer and criterion
(:func:`aggregate_judgments`): by majority judgment (Balinski & Laraki,
:mod:`~selection.judgments.majority`), or by mean or median.

May import: the base modules, :mod:`selection.table`, :mod:`selection.grid`.
"""

from .aggregation import Judgments, aggregate_judgments
from .majority import (
    compare_profiles,
    gauge_values,
    majority_gauges,
    majority_grades,
    majority_ranking,
    majority_value,
    mean_grades,
    median_grades,
)
from .records import FORMAT, JudgmentRecords, parse_judgments, read_judgments

__all__ = [
    "FORMAT",
    "JudgmentRecords",
    "Judgments",
    "aggregate_judgments",
    "compare_profiles",
    "gauge_values",
    "majority_gauges",
    "majority_grades",
    "majority_ranking",
    "majority_value",
    "mean_grades",
    "median_grades",
    "parse_judgments",
    "read_judgments",
]
