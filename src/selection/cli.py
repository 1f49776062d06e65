"""The ``selection`` command.

::

    selection rank [GRID] [PRODUCERS] [--method M] [--top N] [--format table|csv|json] [-o FILE]
    selection explain PRODUCER [--grid GRID] [--producers PRODUCERS]
    selection validate GRID [PRODUCERS]
    selection sensitivity [GRID] [PRODUCERS] [--samples S] [--level battery|criterion] [--seed]
    selection check [GRID PRODUCERS DECISIONS] [--level battery|criterion]
    selection report [GRID] [PRODUCERS] [--members FILES] [-o report.html] [--lang fr|en]
    selection committee aggregate|consensus [GRID ...] --members FILES
    selection diff BEFORE.yaml AFTER.yaml
    selection schema [-o FILE]

With no GRID and PRODUCERS, the shipped example is used. Exit codes: 0 when
all went well, 1 when `check` finds decisions the grid does not reproduce, 2 on
bad input (with a message that says where and how to fix it, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO

import pandas as pd

from ._version import __version__
from .committee.commands import add_commands as add_committee_commands
from .committee.commands import add_diff_command
from .errors import SelectionError
from .examples import example_decisions_path, example_grid_path, example_producers_path
from .files import write_atomically
from .grid_file import load_grid
from .matrix import build_matrix
from .ranking import Ranking, rank
from .report.commands import add_commands as add_report_commands
from .schema import grid_schema_json
from .table import read_table
from .vocabulary import Method, Normalization

__all__ = ["main"]

EXIT_OK = 0
EXIT_DIFFERENT = 1
EXIT_BAD_INPUT = 2


class _UsageError(SelectionError):
    """A wrong combination of command-line arguments."""


def _write(text: str, output: str | None, stdout: TextIO) -> None:
    """Print `text`, or write it to `output` completely or not at all."""
    if output is None:
        stdout.write(text)
        return
    write_atomically(output, text)


def _inputs(grid: str | None, producers: str | None) -> tuple[str, str]:
    if grid is None:
        return str(example_grid_path()), str(producers or example_producers_path())
    if producers is None:
        raise _UsageError(
            "a grid without a producer table",
            where="command line",
            expected="selection rank GRID PRODUCERS",
            found=f"only {grid!r}",
            hint="give the producer table (.csv or .xlsx) after the grid, or neither to run "
            "the shipped example",
        )
    return grid, producers


def _name_column(ranking: Ranking) -> str | None:
    return next((c for c in ("name", "nom") if c in ranking.producers.columns), None)


def _as_table(ranking: Ranking, top: int | None) -> str:
    grid = ranking.grid
    ranked = ranking.ranked if top is None else ranking.ranked.head(top)
    name = _name_column(ranking)
    shown = pd.DataFrame(index=ranked.index)
    shown["rank"] = ranked["rank"]
    if name:
        shown["name"] = ranking.producers.loc[ranked.index, name].astype(str).str.slice(0, 32)
    shown["score"] = ranked["score"].astype(float).map("{:.4f}".format)
    for battery in grid.batteries:
        if battery.key in ranked.columns:
            shown[battery.label] = ranked[battery.key].astype(float).map("{:+.3f}".format)
    lines = [
        f"{grid.name}",
        f"grid {grid.short_hash} · {ranking.method} · {ranking.normalization} normalization · "
        f"selection {ranking.version}",
    ]
    if ranking.baseline is not None:
        lines.append(
            f"score = {ranking.baseline:g} + battery contributions (columns after the score)"
        )
    lines += ["", shown.to_string(), ""]
    ineligible = ranking.table[~ranking.table["eligible"]]
    if len(ineligible):
        lines.append(f"Not eligible ({len(ineligible)}):")
        lines += [f"  {pid}: {reason}" for pid, reason in ineligible["reason"].items()]
    return "\n".join(lines) + "\n"


def _as_json(ranking: Ranking, top: int | None) -> str:
    table = ranking.table
    if top is not None:
        table = pd.concat([ranking.ranked.head(top), table[~table["eligible"]]])
    records = json.loads(table.reset_index().to_json(orient="records", force_ascii=False))
    document = {"provenance": ranking.provenance(), "producers": records}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _as_csv(ranking: Ranking, top: int | None) -> str:
    table = ranking.table
    if top is not None:
        table = pd.concat([ranking.ranked.head(top), table[~table["eligible"]]])
    return str(table.to_csv())


def _cmd_rank(args: argparse.Namespace, stdout: TextIO) -> int:
    grid, producers = _inputs(args.grid, args.producers)
    ranking = rank(producers, grid, method=args.method, normalization=args.normalization)
    render = {"table": _as_table, "csv": _as_csv, "json": _as_json}[args.format]
    _write(render(ranking, args.top), args.output, stdout)
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace, stdout: TextIO) -> int:
    grid, producers = _inputs(args.grid, args.producers)
    ranking = rank(producers, grid, method=args.method, normalization=args.normalization)
    stdout.write(ranking.explain(args.producer, robustness=args.robustness, k=args.top) + "\n")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, stdout: TextIO) -> int:
    grid = load_grid(args.grid)
    stdout.write(
        f"{args.grid}: valid grid {grid.name!r} ({grid.short_hash}), "
        f"{len(grid.batteries)} batteries, {len(grid.criteria)} criteria, "
        f"{len(grid.eligibility)} eligibility gates\n"
    )
    for battery in grid.batteries:
        share = grid.battery_weights[battery.key]
        stdout.write(f"  {battery.key} ({battery.label}): {share:.1%}\n")
        for criterion in battery.criteria:
            stdout.write(
                f"    {criterion.key} ({criterion.label}): {grid.weights[criterion.key]:.1%}\n"
            )
    if args.producers:
        matrix = build_matrix(read_table(args.producers), grid)
        stdout.write(
            f"{args.producers}: {len(matrix.ids)} producers fit the grid, "
            f"{int(matrix.eligible.sum())} eligible\n"
        )
    return EXIT_OK


class _ProgressBar:
    """A progress bar on standard error, shown only once a run has lasted two seconds."""

    def __init__(self, label: str, stream: TextIO, delay: float = 2.0) -> None:
        self.label = label
        self.stream = stream
        self.start = time.perf_counter()
        self.delay = delay
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.perf_counter() - self.start < self.delay:
            return
        self.shown = True
        filled = int(30 * done / max(total, 1))
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _cmd_sensitivity(args: argparse.Namespace, stdout: TextIO) -> int:
    from .sensitivity import acceptability, robustness, weight_intervals

    grid, producers = _inputs(args.grid, args.producers)
    bar = _ProgressBar("weightings", sys.stderr)
    try:
        result = acceptability(
            producers,
            grid,
            samples=args.samples,
            around=args.around,
            level=args.level,
            method=args.method,
            seed=args.seed,
            progress=bar,
        )
    finally:
        bar.close()
    ranking = rank(producers, grid, method=args.method)
    top = ranking.ranked.head(args.top)
    accept = result.rank_acceptability
    shown = pd.DataFrame(index=top.index)
    shown["rank"] = top["rank"]
    shown["P(rank 1)"] = accept.loc[top.index, 1].map("{:.0%}".format)
    shown[f"P(top {args.top})"] = result.k_best(args.top).loc[top.index].map("{:.0%}".format)
    rows = accept.index.get_indexer(top.index)
    same_rank = accept.to_numpy()[rows, top["rank"].to_numpy(dtype=int) - 1]
    shown["P(same rank)"] = [f"{p:.0%}" for p in same_rank]
    weighting = (
        "uniform on the simplex"
        if args.around is None
        else f"Dirichlet around the grid's weights, concentration {args.around:g}"
    )
    stdout.write(
        f"Rank acceptability (SMAA-2): {result.samples} {args.level} weightings drawn "
        f"({weighting}), seed {args.seed}; Monte Carlo error ≤ "
        f"{0.5 / result.samples**0.5:.1%}.\n\n{shown.to_string()}\n\n"
    )
    if ranking.method in ("wsm", "topsis"):
        intervals = weight_intervals(
            producers, grid, scope="top", k=args.top, level=args.level, method=args.method
        )
        table = intervals[["weight", "low", "high"]].map("{:.1%}".format)
        table["swap at the ends"] = intervals["low_swap"] + " / " + intervals["high_swap"]
        stdout.write(
            f"Weight stability: each {args.level} weight alone, the others in proportion; "
            f"the top {args.top} stay the same between low and high.\n\n{table.to_string()}\n"
        )
    words = robustness(
        producers, grid, k=args.top, level=args.level, method=args.method, seed=args.seed
    )
    stdout.write(
        f"\nIn words (plausible weightings: drawn around the grid's own, concentration "
        f"{words.attrs['around']:g}):\n"
    )
    stdout.write(
        "".join(f"  {pid}: {text}\n" for pid, text in words["summary"].head(args.top).items())
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, stdout: TextIO) -> int:
    from .audit import check

    if args.grid is None:
        grid, producers = str(example_grid_path()), str(example_producers_path())
        decisions = str(example_decisions_path())
    elif args.producers is None or args.decisions is None:
        raise _UsageError(
            "check needs a grid, a producer table and the recorded decisions",
            where="command line",
            expected="selection check GRID PRODUCERS DECISIONS",
            found=" ".join(a for a in (args.grid, args.producers) if a),
            hint="give all three, or none to check the shipped example",
        )
    else:
        grid, producers, decisions = args.grid, args.producers, args.decisions
    audit = check(producers, grid, decisions, method=args.method, level=args.level)
    stdout.write(audit.summary() + "\n\n" + audit.confusion.to_string() + "\n")
    return EXIT_OK if audit.reproduced else EXIT_DIFFERENT


def _cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    _write(grid_schema_json(), args.output, stdout)
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selection",
        description="Rank farm producers with a transparent multi-criteria grid.",
    )
    parser.add_argument("--version", action="version", version=f"selection {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def scoring_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--method", choices=[m.value for m in Method], help="default: the grid's method"
        )
        sub.add_argument(
            "--normalization",
            choices=[n.value for n in Normalization],
            help="default: the grid's, else the method's",
        )

    ranks = commands.add_parser("rank", help="rank producers (the shipped example by default)")
    ranks.add_argument("grid", nargs="?", help="grid file (.yaml)")
    ranks.add_argument("producers", nargs="?", help="producer table (.csv or .xlsx)")
    scoring_options(ranks)
    ranks.add_argument("--top", type=int, metavar="N", help="show the N best only")
    ranks.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ranks.add_argument("-o", "--output", help="write to this file instead of the screen")
    ranks.set_defaults(run=_cmd_rank)

    explains = commands.add_parser("explain", help="why a producer stands where it does")
    explains.add_argument("producer", help="producer id")
    explains.add_argument("--grid", help="grid file (default: the shipped example)")
    explains.add_argument("--producers", help="producer table")
    explains.add_argument(
        "--robustness", action="store_true", help="add how robust its place is to the weights"
    )
    explains.add_argument("--top", type=int, default=10, metavar="N", help="for --robustness")
    scoring_options(explains)
    explains.set_defaults(run=_cmd_explain)

    validates = commands.add_parser("validate", help="check a grid (and a table against it)")
    validates.add_argument("grid", help="grid file (.yaml)")
    validates.add_argument("producers", nargs="?", help="producer table to check too")
    validates.set_defaults(run=_cmd_validate)

    sens = commands.add_parser("sensitivity", help="how robust the ranking is to the weights")
    sens.add_argument("grid", nargs="?", help="grid file (.yaml)")
    sens.add_argument("producers", nargs="?", help="producer table (.csv or .xlsx)")
    sens.add_argument("--samples", type=int, default=10_000, help="weightings drawn")
    sens.add_argument(
        "--around",
        type=float,
        metavar="CONCENTRATION",
        help="draw weights around the grid's (e.g. 30) instead of uniformly",
    )
    sens.add_argument("--level", choices=("criterion", "battery"), default="battery")
    sens.add_argument("--seed", type=int, default=0)
    sens.add_argument("--top", type=int, default=10, metavar="N")
    sens.add_argument(
        "--method", choices=[m.value for m in Method], help="default: the grid's method"
    )
    sens.set_defaults(run=_cmd_sensitivity)

    checks = commands.add_parser(
        "check", help="do recorded decisions follow from the grid? (exit 1 if not)"
    )
    checks.add_argument("grid", nargs="?", help="grid file with a `select:` section")
    checks.add_argument("producers", nargs="?", help="producer table")
    checks.add_argument("decisions", nargs="?", help="recorded decisions (.csv or .xlsx)")
    checks.add_argument("--level", choices=("battery", "criterion"), default="battery")
    checks.add_argument(
        "--method", choices=[m.value for m in Method], help="default: the grid's method"
    )
    checks.set_defaults(run=_cmd_check)

    add_report_commands(commands)
    add_committee_commands(commands)
    add_diff_command(commands)

    schemas = commands.add_parser("schema", help="print the JSON Schema of the grid format")
    schemas.add_argument("-o", "--output", help="write to this file")
    schemas.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> main(["rank", "--top", "3"], stdout=out)
    0
    >>> "Grille qualité" in out.getvalue()
    True
    """
    out = stdout or sys.stdout
    args = _parser().parse_args(argv)
    if getattr(args, "top", None) is not None and args.top < 1:
        sys.stderr.write("selection: error: --top needs a positive number\n")
        return EXIT_BAD_INPUT
    try:
        code: int = args.run(args, out)
    except SelectionError as exc:
        sys.stderr.write(f"selection: error: {exc}\n")
        return EXIT_BAD_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
