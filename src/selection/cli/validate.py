"""``selection validate [GRID [PRODUCERS]]``: check a grid, and a producer table against it."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..examples import example_grid_path, example_producers_path
from ..grid import load_grid
from ..messages import msg, render
from ..scoring import prepare
from .common import add_language

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection validate``."""
    parser.add_argument("grid", nargs="?", help="grid file (.yaml); default: the shipped example")
    parser.add_argument("producers", nargs="?", help="producer table to check too")
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Load the grid (and the table), say what they hold."""
    path = args.grid or str(example_grid_path())
    producers = args.producers or (None if args.grid else str(example_producers_path()))
    grid = load_grid(path)
    stdout.write(
        render(
            msg(
                "validate.grid",
                "{path}: valid grid {name!r} ({hash}), {batteries} batteries, {criteria} "
                "criteria, {gates} eligibility gates",
                path=path,
                name=grid.name,
                hash=grid.short_hash,
                batteries=len(grid.batteries),
                criteria=len(grid.criteria),
                gates=len(grid.eligibility),
            )
        )
        + "\n"
    )
    for battery in grid.batteries:
        stdout.write(
            f"  {battery.key} ({battery.label}): "
            + render(msg("share.1", "{share:.1%}", share=float(grid.battery_weights[battery.key])))
            + "\n"
        )
        for criterion in battery.criteria:
            stdout.write(
                f"    {criterion.key} ({criterion.label}): "
                + render(msg("share.1", "{share:.1%}", share=float(grid.weights[criterion.key])))
                + "\n"
            )
    if producers:
        prepared = prepare(producers, grid)
        stdout.write(
            render(
                msg(
                    "validate.table",
                    "{path}: {count} producers fit the grid, {eligible} eligible",
                    path=producers,
                    count=len(prepared.matrix.ids),
                    eligible=prepared.n,
                )
            )
            + "\n"
        )
    return 0
