"""What the commands share: inputs, scoring and language options, output files, progress.

The inputs are ``GRID PRODUCERS``, positional; ``--members`` cannot swallow them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..engines import Normalization, method_names
from ..errors import ArgumentError, DataError, GridError, SelectionError
from ..examples import example_grid_path, example_producers_path
from ..files import write_atomically
from ..messages import LANGUAGES, Message, current_language, format_number, msg, msgn, render
from ..messages import labelled as labelled_message
from ..safe_text import printable
from ..validators import finite_number, whole_number

__all__ = [
    "COLUMN_NAME",
    "COLUMN_RANK",
    "COLUMN_SCORE",
    "ProgressBar",
    "add_anonymous",
    "add_inputs",
    "add_judgments",
    "add_language",
    "add_output",
    "add_parameters",
    "add_scoring",
    "add_what_ifs",
    "capped_top",
    "inputs",
    "labelled",
    "method_parameters",
    "number",
    "percent",
    "save",
    "sheet_of",
    "warn_about",
    "what_if_weights",
    "with_count",
    "write",
]


#: Column headers shared by the commands' tables.
COLUMN_RANK = msg("cli.column.rank", "rank")
COLUMN_NAME = msg("cli.column.name", "name")
COLUMN_SCORE = msg("cli.column.score", "score")


def number(value: float, spec: str) -> str:
    r"""A number by a format spec (``.4f``, ``+.3f``, ``.0%``), in the current language.

    Examples
    --------
    >>> from selection.messages import language
    >>> with language("fr"):
    ...     number(-0.25, "+.3f"), number(0.35, ".0%")
    ('−0,250', '35\xa0%')
    """
    return format_number(float(value), spec, current_language())


def percent(share: float, digits: int = 0) -> str:
    """A share as a percentage, in the current language: ``35 %`` (fr), ``35%`` (en)."""
    return number(share, f".{digits}%")


def labelled(label: object, text: Message | str) -> str:
    """``label: text`` in the current language (French puts a narrow space before the colon)."""
    return render(labelled_message(label, text))


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """``GRID PRODUCERS``, positional, optional together (the shipped example)."""
    parser.add_argument(
        "grid",
        nargs="?",
        help=render(msg("cli.help.grid", "grid file (.yaml); default: the shipped example")),
    )
    parser.add_argument(
        "producers",
        nargs="?",
        help=render(msg("cli.help.producers", "producer table (.csv, .xlsx or .ods)")),
    )
    parser.add_argument(
        "--sheet",
        metavar="SHEET",
        help=render(
            msg("cli.help.sheet", "the sheet of a workbook to read (name, or number from 0)")
        ),
    )


def add_judgments(parser: argparse.ArgumentParser) -> None:
    """``--judgments FILE``: members' grades for the grid's judged criteria."""
    parser.add_argument(
        "--judgments",
        metavar="FILE",
        help=render(
            msg(
                "cli.help.judgments",
                "members' grades for the grid's judged criteria (.csv, .xlsx or "
                "selection/judgments@1 .yaml)",
            )
        ),
    )


def sheet_of(args: argparse.Namespace) -> str | int | None:
    """The ``--sheet`` asked for: a number from 0, or a sheet's name."""
    sheet = getattr(args, "sheet", None)
    if sheet is None:
        return None
    text = str(sheet).strip()
    return int(text) if text.isdigit() else text


def _pairs(values: list[str] | None, option: str, example: str) -> dict[str, str]:
    """``KEY=VALUE`` words as a mapping, or an ArgumentError that shows the form."""
    out: dict[str, str] = {}
    for word in values or []:
        key, equals, value = word.partition("=")
        if not equals or not key.strip() or not value.strip():
            raise ArgumentError(
                msg("cli.pair", "{option} takes KEY=VALUE", option=option),
                where=option,
                expected=msg("cli.pair_expected", "KEY=VALUE, e.g. {example}", example=example),
                found=repr(word),
            )
        out[key.strip()] = value.strip()
    return out


def with_count(
    exc: SelectionError, grid: str, producers: str, sheet: str | int | None = None
) -> SelectionError:
    """`exc`, saying how many more problems the grid and the table have (when there are)."""
    if not isinstance(exc, GridError | DataError):
        return exc
    from ..validation import validate  # imported here: only when something went wrong

    try:
        count = validate(grid, producers, sheet=sheet, cap=1).count
    except SelectionError:
        return exc
    if count <= 1:
        return exc
    more = msgn(
        "cli.more_problems",
        "{count} more problem: `selection validate {grid} {producers}` lists them all",
        "{count} more problems: `selection validate {grid} {producers}` lists them all",
        count=count - 1,
        grid=grid,
        producers=producers,
    )
    error = type(exc)(
        exc.problem,
        where=exc.where,
        expected=exc.expected,
        found=exc.found,
        hint=render(more) if not exc.hint else f"{exc.hint}; {render(more)}",
    )
    error.path, error.line = exc.path, exc.line
    return error


def capped_top(asked: object, eligible: int, stream: TextIO | None = None) -> int:
    """``--top`` checked, and capped at the number of eligible producers, with a note."""
    top = whole_number(asked, "--top", low=1)
    if top > max(eligible, 1):
        (stream or sys.stderr).write(
            render(
                msg(
                    "cli.top_capped",
                    "selection: note: --top {asked} asked, {eligible} producers are eligible: "
                    "top {eligible}",
                    asked=top,
                    eligible=max(eligible, 1),
                )
            )
            + "\n"
        )
    return min(top, max(eligible, 1))


def warn_about(prepared: object, stream: TextIO | None = None) -> None:
    """Print the problem's warnings (values outside a declared scale) on standard error."""
    matrix = getattr(prepared, "matrix", None)
    for warning in getattr(matrix, "warnings", ()):
        (stream or sys.stderr).write(
            printable(render(msg("cli.warning", "selection: warning: {text}", text=warning)))
            + "\n"
        )


def add_what_ifs(parser: argparse.ArgumentParser) -> None:
    """``--weight KEY=POINTS`` (repeatable): a battery's or criterion's weight, for this run."""
    parser.add_argument(
        "--weight",
        action="append",
        metavar="KEY=POINTS",
        help=render(
            msg(
                "cli.help.weight",
                "replace a battery's or criterion's points for this run, e.g. "
                "accessibility=60 (repeatable); the grid file is not changed",
            )
        ),
    )


def what_if_weights(args: argparse.Namespace) -> dict[str, float] | None:
    """The ``--weight`` points as numbers (a decimal comma is fine), or None."""
    pairs = _pairs(getattr(args, "weight", None), "--weight", "accessibility=60")
    if not pairs:
        return None
    out: dict[str, float] = {}
    for key, value in pairs.items():
        out[key] = finite_number(
            _decimal(value), "--weight", low=0.0, where=f"--weight {key}", error=ArgumentError
        )
    return out


def _decimal(text: str) -> object:
    """A number written with a point or a comma (else the text, for the error to show)."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def add_parameters(parser: argparse.ArgumentParser) -> None:
    """``--parameter NAME=VALUE`` (repeatable): a parameter of the method, for this run."""
    parser.add_argument(
        "--parameter",
        action="append",
        metavar="NAME=VALUE",
        help=render(
            msg(
                "cli.help.parameter",
                "a parameter of the method, e.g. v=0.3 (VIKOR), lambda=0.7 (WASPAS), "
                "preference=v-shape and p.price=10 (PROMETHEE II); repeatable",
            )
        ),
    )


def method_parameters(args: argparse.Namespace) -> dict[str, object] | None:
    """The ``--parameter`` values: numbers as numbers; ``p.price=10`` gives ``{"p": {...}}``."""
    pairs = _pairs(getattr(args, "parameter", None), "--parameter", "v=0.3")
    if not pairs:
        return None
    out: dict[str, object] = {}
    for key, value in pairs.items():
        number = _decimal(value)
        name, dot, criterion = key.partition(".")
        if dot:
            nested = out.setdefault(name, {})
            if isinstance(nested, dict):
                nested[criterion] = number
        else:
            out[key] = number
    return out


def add_output(parser: argparse.ArgumentParser, *, spreadsheet: bool = True) -> None:
    """``-o FILE`` (a workbook for .xlsx, CSV for .csv) and ``--dialect`` for CSV."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=render(
            msg(
                "cli.help.output_file",
                "write to this file instead of the screen: .xlsx (a workbook), .csv (for "
                "spreadsheets) or any other name (the text as shown)",
            )
            if spreadsheet
            else msg("cli.help.output", "write to this file instead of the screen")
        ),
    )
    if spreadsheet:
        parser.add_argument(
            "--dialect",
            choices=("auto", "fr", "en"),
            default="auto",
            help=render(
                msg(
                    "cli.help.dialect",
                    "CSV dialect: fr (';', decimal comma, BOM: what French Excel opens), en "
                    "(',', decimal point), auto (fr when the output is in French)",
                )
            ),
        )


def save(
    result: object,
    args: argparse.Namespace,
    stdout: TextIO,
    *,
    text: str,
    inputs: Sequence[str | None] = (),
    ranking: object = None,
) -> None:
    """Print `text`, or write `result` to ``-o``: a workbook, a CSV file, or `text`.

    Nothing is written over one of the `inputs` (the grid, the producer table...).
    """
    output = getattr(args, "output", None)
    if output is None:
        stdout.write(text)
        return
    suffix = Path(output).suffix.lower()
    if suffix in (".xlsx", ".csv"):
        from ..exports import write_file  # imported here: only the commands that write one

        write_file(
            result,
            output,
            lang=current_language(),
            ranking=ranking,  # type: ignore[arg-type]
            dialect=getattr(args, "dialect", "auto"),
            inputs=inputs,
        )
        return
    write(text, output, stdout, inputs=inputs)


def add_scoring(parser: argparse.ArgumentParser, *, normalization: bool = True) -> None:
    """``--method`` and ``--normalization``."""
    parser.add_argument(
        "--method",
        choices=method_names(),
        help=render(msg("cli.help.method", "default: the grid's method")),
    )
    if normalization:
        parser.add_argument(
            "--normalization",
            choices=[n.value for n in Normalization],
            help=render(msg("cli.help.normalization", "default: the grid's, else the method's")),
        )


def add_language(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of the output (default: SELECTION_LANG, the locale, French)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=render(
            msg(
                "cli.help.lang",
                "language of the output: fr or en (default: $SELECTION_LANG, else the locale, "
                "else fr)",
            )
        ),
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


def write(
    text: str,
    output: str | None,
    stdout: TextIO,
    *,
    what: str | None = None,
    inputs: Sequence[str | None] = (),
) -> None:
    """Print `text`, or write it to `output` completely or not at all, never over an input.

    `what` names the file in an error (default: "the output file", in the current language).
    """
    if output is None:
        stdout.write(text)
        return
    if what is None:
        what = render(msg("what.output_file", "the output file"))
    write_atomically(output, text, what=what, inputs=inputs)


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
        help=render(msg("cli.help.members", "members' weights files (selection/weights@1)")),
    )


def add_anonymous(parser: argparse.ArgumentParser) -> None:
    """``--anonymous``: show only aggregates of the members, no name."""
    parser.add_argument(
        "--anonymous",
        action="store_true",
        help=render(
            msg(
                "cli.help.anonymous",
                "show only aggregates of the members' weights: no member's name in the page "
                "(a weights file saying `anonymous: true` has the same effect)",
            )
        ),
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
