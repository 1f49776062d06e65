"""``selection validate [GRID [PRODUCERS]]``: check a grid, and a producer table against it."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..errors import SelectionError
from ..examples import example_grid_path, example_producers_path
from ..messages import msg, msgn, render
from ..safe_text import printable
from ..validation import validate
from .common import add_judgments, add_language, labelled, percent, sheet_of

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection validate``."""
    parser.add_argument(
        "grid",
        nargs="?",
        help=render(msg("cli.help.grid", "grid file (.yaml); default: the shipped example")),
    )
    parser.add_argument(
        "producers",
        nargs="?",
        help=render(msg("cli.help.producers_too", "producer table to check too")),
    )
    parser.add_argument(
        "--sheet",
        metavar="SHEET",
        help=render(
            msg("cli.help.sheet", "the sheet of a workbook to read (name, or number from 0)")
        ),
    )
    parser.add_argument(
        "--max",
        type=int,
        default=20,
        metavar="N",
        help=render(msg("cli.help.max_problems", "list at most N problems (default 20)")),
    )
    add_judgments(parser)
    add_language(parser)


def problems_text(problems: tuple[SelectionError, ...], more: int) -> str:
    """The problems numbered, one block each, then how many more were not listed."""
    lines = [
        render(
            msgn(
                "validate.problems",
                "{count} problem:",
                "{count} problems:",
                count=len(problems) + more,
            )
        )
    ]
    for number, problem in enumerate(problems, start=1):
        head, *rest = str(problem).splitlines()
        lines.append(f"{number:>3}. {head}")
        lines += [f"     {line.strip()}" for line in rest]
    if more:
        lines.append(
            render(
                msgn(
                    "validate.more",
                    "… and {count} more problem (raise --max to see it)",
                    "… and {count} more problems (raise --max to see them)",
                    count=more,
                )
            )
        )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Check the grid (and the table): every problem at once, in file order; exit 2 if any."""
    path = args.grid or str(example_grid_path())
    producers = args.producers or (None if args.grid else str(example_producers_path()))
    cap = max(int(args.max), 1)
    result = validate(path, producers, sheet=sheet_of(args), cap=cap, judgments=args.judgments)
    grid = result.grid
    if grid is None:
        sys.stderr.write(printable(problems_text(result.problems, result.more)))
        return 2
    stdout.write(
        render(
            msg(
                "validate.grid",
                "{path}: valid grid {name!r} ({hash}), {batteries}, {criteria}, {gates}",
                path=path,
                name=grid.name,
                hash=grid.short_hash,
                batteries=msgn(
                    "validate.batteries",
                    "{count} battery",
                    "{count} batteries",
                    count=len(grid.batteries),
                ),
                criteria=msgn(
                    "validate.criteria",
                    "{count} criterion",
                    "{count} criteria",
                    count=len(grid.criteria),
                ),
                gates=msgn(
                    "validate.gates",
                    "{count} eligibility gate",
                    "{count} eligibility gates",
                    count=len(grid.eligibility),
                ),
            )
        )
        + "\n"
    )
    for battery in grid.batteries:
        share = percent(float(grid.battery_weights[battery.key]), 1)
        stdout.write(f"  {labelled(f'{battery.key} ({battery.label})', share)}\n")
        for criterion in battery.criteria:
            share = percent(float(grid.weights[criterion.key]), 1)
            stdout.write(f"    {labelled(f'{criterion.key} ({criterion.label})', share)}\n")
    if producers is None:
        return 0
    if not result.ok:
        sys.stderr.write(printable(f"{producers}: " + problems_text(result.problems, result.more)))
        return 2
    stdout.write(
        render(
            msgn(
                "validate.table",
                "{path}: {count} producer fits the grid, {eligible} eligible",
                "{path}: {count} producers fit the grid, {eligible} eligible",
                path=producers,
                count=result.producers or 0,
                eligible=result.eligible or 0,
            )
        )
        + "\n"
    )
    for warning in result.warnings:
        stdout.write(
            "  " + render(msg("validate.warning", "warning: {text}", text=warning)) + "\n"
        )
    return 0
