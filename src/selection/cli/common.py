"""What the commands share: inputs, scoring and language options, output files, progress.

The inputs are ``GRID PRODUCERS``, positional; ``--members`` cannot swallow them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from ..engines import Normalization, method_names
from ..errors import ArgumentError
from ..examples import example_grid_path, example_producers_path
from ..files import write_atomically
from ..messages import LANGUAGES, msg

__all__ = [
    "ProgressBar",
    "add_inputs",
    "add_language",
    "add_scoring",
    "inputs",
    "write",
]


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """``GRID PRODUCERS``, positional, optional together (the shipped example)."""
    parser.add_argument("grid", nargs="?", help="grid file (.yaml); default: the shipped example")
    parser.add_argument("producers", nargs="?", help="producer table (.csv or .xlsx)")


def add_scoring(parser: argparse.ArgumentParser, *, normalization: bool = True) -> None:
    """``--method`` and ``--normalization``."""
    parser.add_argument("--method", choices=method_names(), help="default: the grid's method")
    if normalization:
        parser.add_argument(
            "--normalization",
            choices=[n.value for n in Normalization],
            help="default: the grid's, else the method's",
        )


def add_language(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of the output (default: SELECTION_LANG, the locale, French)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the output: fr or en (default: $SELECTION_LANG, else the locale, "
        "else fr)",
    )


def inputs(grid: str | None, producers: str | None, *, command: str) -> tuple[str, str]:
    """The grid and producer paths: as given, or the shipped example when both are left out."""
    if grid is None:
        return str(example_grid_path()), str(producers or example_producers_path())
    if producers is None:
        raise ArgumentError(
            msg("cli.grid_alone", "a grid without a producer table"),
            where=msg("cli.command_line", "command line"),
            expected=msg(
                "cli.common.inputs.expected", "selection {command} GRID PRODUCERS", command=command
            ),
            found=msg("cli.only", "only {given!r}", given=grid),
            hint=msg(
                "cli.grid_alone_hint",
                "give the producer table (.csv or .xlsx) after the grid, or neither to run the "
                "shipped example",
            ),
        )
    return grid, producers


def write(text: str, output: str | None, stdout: TextIO, *, what: str = "the output file") -> None:
    """Print `text`, or write it to `output` completely or not at all."""
    if output is None:
        stdout.write(text)
        return
    write_atomically(output, text, what=what)


def looks_like_table(path: str) -> bool:
    """Whether a path names a producer table (by its extension)."""
    return Path(path).suffix.lower() in (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods", ".tsv")


def looks_like_grid(path: str) -> bool:
    """Whether a path is a grid file: its first lines say ``format: selection/grid@1``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return "selection/grid@1" in head


class ProgressBar:
    """A progress bar on standard error, shown only once a run has lasted two seconds."""

    def __init__(self, label: str, stream: TextIO = sys.stderr, delay: float = 2.0) -> None:
        self.label = label
        self.stream = stream
        self.start = time.perf_counter()
        self.delay = delay
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Show `done` of `total`."""
        if time.perf_counter() - self.start < self.delay:
            return
        self.shown = True
        filled = int(30 * done / max(total, 1))
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line, if it was shown."""
        if self.shown:
            self.stream.write("\n")


def add_members(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """``--members FILE ...``: members' weights files (``selection/weights@1``)."""
    parser.add_argument(
        "--members",
        nargs="+",
        required=required,
        metavar="FILE",
        help="members' weights files (selection/weights@1)",
    )


def reclaim_inputs(args: argparse.Namespace) -> None:
    """Give back to GRID PRODUCERS the files ``--members`` swallowed.

    ``--members a.yaml b.yaml grid.yaml producers.csv`` takes every word after it;
    a grid file (its ``format:`` header) or a table (its extension) among them
    is moved back, in order, to the positionals that are still empty.
    """
    members = list(getattr(args, "members", None) or [])
    kept: list[str] = []
    reclaimed: list[str] = []
    for path in members:
        (reclaimed if looks_like_grid(path) or looks_like_table(path) else kept).append(path)
    if not reclaimed:
        return
    args.members = kept
    for name in ("grid", "producers"):
        if getattr(args, name, None) is None and reclaimed:
            setattr(args, name, reclaimed.pop(0))
    if reclaimed:  # more files than places: leave them where they were, the error will say
        args.members = kept + reclaimed
