"""``selection schema``: the JSON Schema of the grid format."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..grid import grid_schema_json
from ..messages import msg, render
from .common import add_language, write

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection schema``."""
    parser.add_argument(
        "-o", "--output", help=render(msg("cli.help.write_to", "write to this file"))
    )
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Print or write the schema."""
    write(grid_schema_json(), args.output, stdout)
    return 0
