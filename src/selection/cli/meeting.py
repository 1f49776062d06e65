"""``selection meeting [GRID PRODUCERS]``: the live weighting page for a committee meeting.

::

    selection meeting [GRID PRODUCERS] [--members FILE ...] [--how geometric|mean|median]
                      [--method wsm|topsis] [--normalization N] [-o seance.html] [--lang fr|en]

With no GRID and PRODUCERS, the shipped example is used.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ..committee import AGGREGATIONS
from ..engines import Method, Normalization
from ..files import check_output
from ..meeting import write_meeting
from ..messages import current_language, msg, render
from ..scoring import prepare
from .common import (
    add_anonymous,
    add_inputs,
    add_judgments,
    add_language,
    add_members,
    inputs,
    reclaim_inputs,
)

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection meeting``."""
    parser.description = (
        "Write one HTML file (no network needed to open it) for a committee meeting: a "
        "slider per battery and criterion, the ranking and the selection recomputed at once, "
        "members' weights marked on the sliders, and the weights kept as a file."
    )
    add_inputs(parser)
    add_members(parser, required=False)
    parser.add_argument(
        "--how",
        choices=AGGREGATIONS,
        default="geometric",
        help="the group's weights marked on the sliders (default: geometric)",
    )
    parser.add_argument(
        "--method",
        choices=[Method.WSM.value, Method.TOPSIS.value],
        help="default: the grid's method (the page recomputes the weighted sum and TOPSIS)",
    )
    parser.add_argument(
        "--normalization",
        choices=[n.value for n in Normalization],
        help="default: the grid's, else the method's",
    )
    parser.add_argument(
        "-o", "--output", default="seance.html", help="the HTML file (default: seance.html)"
    )
    add_anonymous(parser)
    add_judgments(parser)
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the page; say where."""
    reclaim_inputs(args)
    grid, producers = inputs(args.grid, args.producers, command="meeting")
    check_output(args.output, inputs=[grid, producers, args.judgments, *(args.members or ())])
    problem = prepare(producers, grid, judgments=args.judgments) if args.judgments else None
    path = write_meeting(
        args.output,
        problem if problem is not None else producers,
        None if problem is not None else grid,
        members=args.members,
        anonymous=args.anonymous,
        how=args.how,
        method=args.method,
        normalization=args.normalization,
        lang=args.lang,
    )
    stdout.write(
        render(
            msg(
                "meeting.written",
                "{path}: meeting page written ({lang})",
                path=str(path),
                lang=args.lang or current_language(),
            )
        )
        + "\n"
    )
    return 0
