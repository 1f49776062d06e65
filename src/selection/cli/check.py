"""``selection check [GRID PRODUCERS DECISIONS]``: the recorded decisions against the grid."""

from __future__ import annotations

import argparse
from typing import TextIO

import pandas as pd

from ..decisions import REJECTED, check
from ..errors import ArgumentError
from ..examples import example_decisions_path, example_grid_path, example_producers_path
from ..messages import msg, render
from ..scoring import SELECTED
from ..sensitivity import LEVELS
from .common import add_language, add_output, add_scoring, save

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection check``."""
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
    parser.add_argument("--level", choices=LEVELS, default="criterion")
    add_scoring(parser, normalization=False)
    add_output(parser)
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
    text = audit.summary() + "\n\n" + _confusion(audit.confusion).to_string() + "\n"
    save(audit, args, stdout, text=text, inputs=(grid, producers, decisions))
    return 0 if audit.reproduced else 1


def _confusion(table: pd.DataFrame) -> pd.DataFrame:
    """The recorded decisions against the grid's, with headers in the current language."""
    words = {
        SELECTED: render(msg("cli.decision.selected", "selected")),
        REJECTED: render(msg("cli.decision.rejected", "rejected")),
    }
    shown = table.rename(index=words, columns=words)
    shown.index.name = render(msg("cli.column.recorded", "recorded"))
    shown.columns.name = render(msg("cli.column.grid", "grid"))
    return shown
