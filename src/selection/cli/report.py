"""``selection report [GRID PRODUCERS]``: the self-contained HTML report.

::

    selection report [GRID PRODUCERS] [--members FILE ...] [-o report.html] [--lang fr|en]

With no GRID and PRODUCERS, the shipped example is used.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ..files import check_output
from ..messages import current_language, msg, render
from ..report import write_report
from ..scoring import prepare
from ..validators import whole_number
from .common import (
    add_anonymous,
    add_inputs,
    add_judgments,
    add_language,
    add_members,
    add_what_ifs,
    inputs,
    reclaim_inputs,
    sheet_of,
    warn_about,
    what_if_weights,
)

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection report``."""
    parser.description = render(
        msg(
            "cli.help.report_description",
            "Write one HTML file (no network needed to open it) with the ranking, robustness "
            "badges, weight stability and, with --members, the committee's consensus.",
        )
    )
    add_inputs(parser)
    add_members(parser, required=False)
    parser.add_argument(
        "-o",
        "--output",
        default="report.html",
        help=render(msg("cli.help.report_output", "the HTML file (default: report.html)")),
    )
    parser.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help=render(msg("cli.help.report_top", "the size of the selection (default 10)")),
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=5000,
        help=render(msg("cli.help.report_samples", "plausible weightings for robustness")),
    )
    parser.add_argument("--seed", type=int, default=0)
    add_what_ifs(parser)
    add_judgments(parser)
    add_anonymous(parser)
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the report; say where."""
    reclaim_inputs(args)
    grid, producers = inputs(args.grid, args.producers, command="report")
    for path_given in (grid, producers, args.judgments, *(args.members or ())):
        check_output(args.output, inputs=[path_given])
    prepared = prepare(producers, grid, sheet=sheet_of(args), judgments=args.judgments)
    points = what_if_weights(args)
    if points is not None:
        prepared = prepared.with_grid(prepared.grid.with_weights(points))
    warn_about(prepared)
    path = write_report(
        args.output,
        prepared,
        members=args.members,
        anonymous=args.anonymous,
        lang=args.lang,
        k=whole_number(args.top, "--top", low=1),
        samples=args.samples,
        seed=args.seed,
    )
    stdout.write(
        render(
            msg(
                "report.written",
                "{path}: report written ({lang})",
                path=str(path),
                lang=args.lang or current_language(),
            )
        )
        + "\n"
    )
    return 0
