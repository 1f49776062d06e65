"""``selection check [GRID PRODUCERS DECISIONS]``: the recorded decisions against the grid."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..decisions import check
from ..errors import ArgumentError
from ..examples import example_decisions_path, example_grid_path, example_producers_path
from ..messages import msg
from ..sensitivity import LEVELS
from .common import add_language, add_scoring

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection check``."""
    parser.add_argument("grid", nargs="?", help="grid file with a `select:` section")
    parser.add_argument("producers", nargs="?", help="producer table")
    parser.add_argument("decisions", nargs="?", help="recorded decisions (.csv or .xlsx)")
    parser.add_argument("--level", choices=LEVELS, default="criterion")
    add_scoring(parser, normalization=False)
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """The audit; exit 0 when every decision is reproduced, 1 when some differ."""
    if args.grid is None:
        grid, producers = str(example_grid_path()), str(example_producers_path())
        decisions = str(example_decisions_path())
    elif args.producers is None or args.decisions is None:
        raise ArgumentError(
            msg("check.three", "check needs a grid, a producer table and the recorded decisions"),
            where=msg("cli.command_line", "command line"),
            expected=msg("cli.check.run.expected", "selection check GRID PRODUCERS DECISIONS"),
            found=" ".join(a for a in (args.grid, args.producers) if a),
            hint=msg("check.three_hint", "give all three, or none to check the shipped example"),
        )
    else:
        grid, producers, decisions = args.grid, args.producers, args.decisions
    audit = check(producers, grid, decisions=decisions, method=args.method, level=args.level)
    stdout.write(audit.summary() + "\n\n" + audit.confusion.to_string() + "\n")
    return 0 if audit.reproduced else 1
