"""``selection questionnaire [GRID] [-o questionnaire.html]``: the printable form for producers."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..examples import example_grid_path
from ..forms import questionnaire
from ..messages import current_language, msg, render
from .common import add_language

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection questionnaire``."""
    parser.add_argument(
        "grid",
        nargs="?",
        help=render(msg("cli.help.grid", "grid file (.yaml); default: the shipped example")),
    )
    parser.add_argument(
        "-o",
        "--output",
        default="questionnaire.html",
        help=render(
            msg("cli.help.questionnaire_output", "the HTML page (default: questionnaire.html)")
        ),
    )
    parser.add_argument(
        "--return-to",
        metavar="TEXT",
        help=render(
            msg("cli.help.return_to", "where producers return the form (printed at the bottom)")
        ),
    )
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the questionnaire; say where."""
    grid = args.grid or str(example_grid_path())
    path = questionnaire(
        grid, args.output, lang=args.lang, inputs=[grid], return_to=args.return_to
    )
    stdout.write(
        render(
            msg(
                "cli.questionnaire.written",
                "{path}: questionnaire written ({lang}), to print on A4",
                path=str(path),
                lang=args.lang or current_language(),
            )
        )
        + "\n"
    )
    return 0
