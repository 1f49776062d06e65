"""``selection infer [GRID PRODUCERS DECISIONS] -o grid.yaml``: the weights behind past decisions.

The command-line face of :func:`selection.infer_weights`: the weights, as close
as possible to the grid's, under which the grid's ``select:`` rule reproduces
the recorded decisions; written as a grid file (labels, order, gates and rule
kept). The comments of the original file are not kept (the grid is written
from its content): the command says so, and never writes over the grid it read.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ..decisions import infer_weights
from ..errors import ArgumentError
from ..examples import example_decisions_path, example_grid_path, example_producers_path
from ..files import write_atomically
from ..messages import msg, render
from ..sensitivity import LEVELS
from .common import add_language, sheet_of

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection infer``."""
    parser.add_argument(
        "grid",
        nargs="?",
        help=render(msg("cli.help.grid_with_rule", "grid file with a `select:` section")),
    )
    parser.add_argument(
        "producers", nargs="?", help=render(msg("cli.help.producer_table", "producer table"))
    )
    parser.add_argument(
        "decisions",
        nargs="?",
        help=render(msg("cli.help.decisions", "recorded decisions (.csv or .xlsx)")),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=render(
            msg(
                "cli.help.infer_output",
                "write the inferred grid to this file (.yaml); default: print it",
            )
        ),
    )
    parser.add_argument("--level", choices=LEVELS, default="criterion")
    parser.add_argument(
        "--target",
        choices=("closest", "central"),
        default="closest",
        help=render(
            msg(
                "cli.help.target",
                "closest: the weights nearest the grid's; central: the widest margin",
            )
        ),
    )
    parser.add_argument(
        "--sheet",
        metavar="SHEET",
        help=render(
            msg("cli.help.sheet", "the sheet of a workbook to read (name, or number from 0)")
        ),
    )
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Infer, say how well the decisions are reproduced, and write (or print) the grid."""
    if args.grid is None:
        grid, producers = str(example_grid_path()), str(example_producers_path())
        decisions = str(example_decisions_path())
    elif args.producers is None or args.decisions is None:
        raise ArgumentError(
            msg("infer.three", "infer needs a grid, a producer table and the recorded decisions"),
            where=msg("cli.command_line", "command line"),
            expected=msg("infer.three_expected", "selection infer GRID PRODUCERS DECISIONS"),
            found=" ".join(a for a in (args.grid, args.producers) if a),
            hint=msg("check.three_hint", "give all three, or none to check the shipped example"),
        )
    else:
        grid, producers, decisions = args.grid, args.producers, args.decisions
    from ..scoring import prepare

    prepared = prepare(producers, grid, sheet=sheet_of(args))
    inference = infer_weights(prepared, decisions=decisions, level=args.level, target=args.target)
    summary = inference.summary() + "\n"
    text = inference.grid.to_yaml()
    if args.output is None:
        stdout.write(summary + "\n" + text)
        return 0
    write_atomically(
        args.output,
        text,
        what=render(msg("what.grid_file", "the grid file")),
        inputs=(grid, producers, decisions),
    )
    stdout.write(
        summary
        + render(
            msg(
                "infer.written",
                "{path}: inferred grid written (its content only: the comments of {grid} are "
                "not carried over)",
                path=args.output,
                grid=grid,
            )
        )
        + "\n"
    )
    return 0
