"""``selection template [GRID] [-o producteurs.xlsx]``: the producer workbook the grid reads."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..examples import example_grid_path
from ..forms import template
from ..messages import current_language, msg, render
from .common import add_language

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection template``."""
    parser.add_argument(
        "grid",
        nargs="?",
        help=render(msg("cli.help.grid", "grid file (.yaml); default: the shipped example")),
    )
    parser.add_argument(
        "-o",
        "--output",
        default="producteurs.xlsx",
        help=render(msg("cli.help.template_output", "the workbook (default: producteurs.xlsx)")),
    )
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the template; say where."""
    grid = args.grid or str(example_grid_path())
    path = template(grid, args.output, lang=args.lang, inputs=[grid])
    stdout.write(
        render(
            msg(
                "cli.template.written",
                "{path}: template written ({lang})",
                path=str(path),
                lang=args.lang or current_language(),
            )
        )
        + "\n"
    )
    return 0
