"""A report people can read: one self-contained HTML file, in French or English.

For committee members, who read rather than run Python: the ranking with
eligibility and reasons, each producer's contributions by battery as a bar,
robustness badges, the stability intervals of the battery weights and, with
members' weights, the committee's consensus. Inline CSS and SVG only, no
script and no external address: the file opens offline and can be emailed.

May import: everything below it (the base modules, :mod:`selection.engines`,
:mod:`~selection.grid`, :mod:`~selection.table`, :mod:`~selection.scoring`,
:mod:`~selection.sensitivity`, :mod:`selection.ranking`, :mod:`selection.decisions`,
:mod:`selection.committee`).

Examples
--------
>>> import selection
>>> from selection.report import build_report
>>> page = build_report(selection.example_producers_path(), selection.example_grid_path(),
...                     lang="en", samples=200)
>>> "<caption>Ranking of the 60 producers" in page
True
"""

from .html import build_report, write_report
from .text import LANGUAGES

__all__ = ["LANGUAGES", "build_report", "write_report"]
