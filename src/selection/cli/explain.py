"""``selection explain [GRID PRODUCERS] PRODUCER``: why a producer stands where it does."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..errors import ArgumentError
from ..messages import msg, render
from ..ranking import rank
from .common import (
    add_judgments,
    add_language,
    add_parameters,
    add_scoring,
    add_what_ifs,
    inputs,
    method_parameters,
    sheet_of,
    warn_about,
    what_if_weights,
)

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection explain``."""
    parser.add_argument(
        "words",
        nargs="+",
        metavar="[GRID PRODUCERS] PRODUCER",
        help=render(
            msg(
                "cli.help.explain_words",
                "the producer's id, after the grid and the producer table (default: the "
                "shipped example)",
            )
        ),
    )
    parser.add_argument(
        "--robustness",
        action="store_true",
        help=render(msg("cli.help.robustness", "add how robust its place is to the weights")),
    )
    parser.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help=render(msg("cli.help.for_robustness", "for --robustness")),
    )
    add_scoring(parser)
    add_parameters(parser)
    add_what_ifs(parser)
    add_judgments(parser)
    parser.add_argument(
        "--sheet",
        metavar="SHEET",
        help=render(
            msg("cli.help.sheet", "the sheet of a workbook to read (name, or number from 0)")
        ),
    )
    add_language(parser)
    # The form of earlier versions: refused with a hint.
    parser.add_argument("--grid", help=argparse.SUPPRESS)
    parser.add_argument("--producers", help=argparse.SUPPRESS)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Rank, then explain one producer."""
    if args.grid is not None or args.producers is not None:
        raise ArgumentError(
            msg("cli.old_form", "--grid and --producers are gone"),
            where=msg("cli.command_line", "command line"),
            expected=msg("cli.explain.run.expected", "selection explain GRID PRODUCERS PRODUCER"),
            found=msg("cli.explain.run.found", "--grid / --producers"),
            hint=msg(
                "cli.old_form_hint",
                "give the grid and the producer table first, positionally: "
                "selection explain {grid} {producers} {producer}",
                grid=args.grid or "GRID",
                producers=args.producers or "PRODUCERS",
                producer=args.words[-1],
            ),
        )
    if len(args.words) not in (1, 3):
        raise ArgumentError(
            msg("cli.explain_words", "expected a producer id, or a grid, a table and an id"),
            where=msg("cli.command_line", "command line"),
            expected=msg(
                "cli.explain.run.expected.2", "selection explain [GRID PRODUCERS] PRODUCER"
            ),
            found=" ".join(args.words),
        )
    grid, producers = inputs(
        *(args.words[:2] if len(args.words) == 3 else (None, None)), command="explain"
    )
    ranking = rank(
        producers,
        grid,
        method=args.method,
        normalization=args.normalization,
        parameters=method_parameters(args),
        weights=what_if_weights(args),
        sheet=sheet_of(args),
        judgments=args.judgments,
    )
    warn_about(ranking.prepared)
    stdout.write(ranking.explain(args.words[-1], robustness=args.robustness, k=args.top) + "\n")
    return 0
