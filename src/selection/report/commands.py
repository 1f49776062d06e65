"""``selection report``: the command that writes the HTML report.

::

    selection report [GRID] [PRODUCERS] [--members FILE ...] [-o report.html] [--lang fr|en]

With no GRID and PRODUCERS, the shipped example is used. The command line
calls :func:`add_commands` on its sub-command parsers; each handler takes the
parsed arguments and the output stream and returns the exit code, raising a
:class:`~selection.errors.SelectionError` on bad input.

Examples
--------
>>> import argparse, io
>>> parser = argparse.ArgumentParser(prog="selection")
>>> add_commands(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["report", "--lang", "en", "-o", "out.html"])
>>> args.lang, args.output, args.grid
('en', 'out.html', None)
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..errors import SelectionError
from ..examples import example_grid_path, example_producers_path
from .html import write_report

__all__ = ["add_commands", "run_report"]

EXIT_OK = 0


class ReportUsageError(SelectionError):
    """A wrong combination of arguments of ``selection report``."""


def _inputs(grid: str | None, producers: str | None) -> tuple[str, str]:
    if grid is None:
        return str(example_grid_path()), str(producers or example_producers_path())
    if producers is None:
        raise ReportUsageError(
            "a grid without a producer table",
            where="command line",
            expected="selection report GRID PRODUCERS",
            found=f"only {grid!r}",
            hint="give the producer table (.csv or .xlsx) after the grid, or neither to use "
            "the shipped example",
        )
    return grid, producers


def run_report(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the report; say where on `stdout`."""
    grid, producers = _inputs(args.grid, args.producers)
    if args.top < 1:
        raise ReportUsageError(
            "--top needs a positive number",
            where="--top",
            expected="a whole number ≥ 1",
            found=str(args.top),
        )
    path = write_report(
        args.output,
        producers,
        grid,
        members=args.members,
        lang=args.lang,
        k=args.top,
        samples=args.samples,
        seed=args.seed,
    )
    stdout.write(f"{path}: report written ({args.lang})\n")
    return EXIT_OK


def add_commands(subparsers: Any) -> None:
    """Register ``report`` on the sub-command parsers of the ``selection`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report for the committee",
        description="Write one HTML file (no network needed to open it) with the ranking, "
        "robustness badges, weight stability and, with --members, the committee's consensus.",
    )
    parser.add_argument("grid", nargs="?", help="grid file (.yaml); default: the shipped example")
    parser.add_argument("producers", nargs="?", help="producer table (.csv or .xlsx)")
    parser.add_argument(
        "--members",
        nargs="+",
        metavar="FILE",
        help="members' weight files (selection/weights@1): adds the consensus section",
    )
    parser.add_argument(
        "-o", "--output", default="report.html", help="the HTML file (default: report.html)"
    )
    parser.add_argument(
        "--lang", default="fr", help="language of the report's text: fr (default) or en"
    )
    parser.add_argument(
        "--top", type=int, default=10, metavar="N", help="the size of the selection (default 10)"
    )
    parser.add_argument(
        "--samples", type=int, default=5000, help="plausible weightings for robustness"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(run=run_report)
