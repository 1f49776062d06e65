"""Start-up benchmark: the `selection` command line as whole processes, against importing pandas.

A user of the command line waits for a whole process: the interpreter starts,
the package and what it needs are imported, the command runs, the process
exits. Most of that time is imports, and pandas is the heaviest one the
package may need, so ``python -c "import pandas"`` is the yardstick: it is
what any pandas-based tool costs at the least, on this very machine. This
script times, in one run, the calls taking turns:

* ``selection --help`` (``selection.cli`` promises it loads neither numpy nor pandas);
* ``selection validate`` (no arguments: the shipped example grid and table);
* ``selection rank`` (no arguments: ranks the shipped example);
* ``python -c "import pandas"``: the reference.

Each one is a fresh process of the interpreter running this script
(``sys.executable -m selection ...``), stdout and stderr discarded, with
``SELECTION_LANG=en`` and ``PYTHONDONTWRITEBYTECODE`` unset (byte code caches
are what a user has). Each runs once untimed first (warm-up: byte code
caches written, files in the page cache), then ``--repeat`` rounds; in each
round every command runs once, the order rotating from round to round, so that
a change in the machine's load falls on all of them. The script reports the
median and the min wall time of each and the ratio of the medians to the pandas
import. Targets (issue): ``--help`` at most **0.3×** the pandas import,
``rank`` at most **1.5×**; ``validate`` has no target (it reads the same
files as ``rank`` and should be close to it).

The issue also says ``--help``, ``validate`` and ``rank`` must not import
scipy, matplotlib or pymcdm's method registry. Each command runs once more
under ``python -X importtime``; the script says which of scipy, matplotlib,
pymcdm, pandas and numpy got imported and, for a command that misses its
target or imports one of the first three (every command with ``--details``),
the largest cumulative import times among selection's own modules, the heavy
packages and the other modules selection imports, with who imported them.

It prints PASS or MISS beside each target and exits 0 (a benchmark is not a
test), or 1 with the command's stderr if a command fails to run.

Run::

    .venv/bin/python benchmarks/startup.py [--repeat 15] [--details] [--rows 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

REFERENCE = "import pandas"
#: Label → the arguments after ``sys.executable``.
COMMANDS: dict[str, list[str]] = {
    REFERENCE: ["-c", "import pandas"],
    "--help": ["-m", "selection", "--help"],
    "validate": ["-m", "selection", "validate"],
    "rank": ["-m", "selection", "rank"],
}
#: Command → the highest ratio of its median to the pandas import's (issue).
TARGETS = {"--help": 0.3, "rank": 1.5}
HEAVY = ("scipy", "matplotlib", "pymcdm", "pandas", "numpy")
FORBIDDEN = ("scipy", "matplotlib", "pymcdm")  # for --help, validate and rank (issue)
TRACED = ("--help", "validate", "rank")
OTHER_THRESHOLD_US = 3_000  # other direct imports listed from 3 ms (cumulative)

# "import time:       781 |     440055 | pandas"; two spaces of indent per nesting level.
IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)\s*$")


class CommandError(RuntimeError):
    pass


def environment() -> dict[str, str]:
    """The children's environment: English messages, byte code caches on, no import tracing."""
    env = dict(os.environ, SELECTION_LANG="en")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def shown(label: str) -> str:
    if label == REFERENCE:
        return 'python -c "import pandas"'
    return f"selection {label}"


def run_once(label: str, env: dict[str, str], *, capture: bool = False) -> float:
    """Wall time of one whole process; CommandError (with its stderr) if it exits non-zero."""
    argv = [sys.executable, *COMMANDS[label]]
    err = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        if capture:
            stderr = done.stderr.decode(errors="replace").strip()
        else:  # timed runs discard stderr: run again to show it (raises if it fails again)
            run_once(label, env, capture=True)
            stderr = "(stderr discarded in the timed run; it succeeded when run again)"
        raise CommandError(f"{' '.join(argv)} exited with {done.returncode}\n{stderr}")
    return seconds


def time_rounds(repeat: int, env: dict[str, str]) -> dict[str, list[float]]:
    """One warm-up run each, then `repeat` rounds, each command once a round, order rotating."""
    labels = list(COMMANDS)
    for label in labels:
        run_once(label, env, capture=True)
    times: dict[str, list[float]] = {label: [] for label in labels}
    for r in range(repeat):
        shift = r % len(labels)
        for label in labels[shift:] + labels[:shift]:
            times[label].append(run_once(label, env))
    return times


@dataclass
class Import:
    name: str
    self_us: int
    cumulative_us: int
    parent: int | None  # the index of the module that imported it; None at the top level


def trace_imports(label: str, env: dict[str, str]) -> list[Import]:
    """The modules one run of `label` imports, in order, from ``-X importtime`` on stderr."""
    argv = [sys.executable, "-X", "importtime", *COMMANDS[label]]
    done = subprocess.run(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    stderr = done.stderr.decode(errors="replace")
    if done.returncode != 0:
        rest = "\n".join(line for line in stderr.splitlines() if not IMPORT_LINE.match(line))
        raise CommandError(f"{' '.join(argv)} exited with {done.returncode}\n{rest.strip()}")
    rows = []
    for line in stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            own, cumulative, indent, name = match.groups()
            rows.append((name, int(own), int(cumulative), len(indent) // 2))
    # Lines come in post-order (a module after the ones it imported), so reading them
    # backwards, a module's parent is the last one seen one level up.
    parents: list[int | None] = [None] * len(rows)
    above: dict[int, int] = {}
    for index in range(len(rows) - 1, -1, -1):
        level = rows[index][3]
        above[level] = index
        parents[index] = above.get(level - 1) if level else None
    return [
        Import(name, own, cumulative, parent)
        for (name, own, cumulative, _), parent in zip(rows, parents, strict=True)
    ]


def package(name: str) -> str:
    return name.split(".", 1)[0]


def ancestors(imports: list[Import], item: Import) -> list[Import]:
    """The modules whose import led to `item`'s, nearest first."""
    chain = []
    while item.parent is not None:
        item = imports[item.parent]
        chain.append(item)
    return chain


def importers(imports: list[Import], item: Import) -> str:
    """Who imported `item`: its parents up to the first selection module, or the top level."""
    chain = []
    for parent in ancestors(imports, item):
        chain.append(parent.name)
        if package(parent.name) == "selection":
            return " ← ".join(chain)
    return " ← ".join([*chain, "(top level)"])


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.0f} ms"


def imported(imports: list[Import]) -> set[str]:
    """The top-level packages among the imported modules."""
    return {package(item.name) for item in imports}


def describe_imports(imports: list[Import], rows: int) -> list[str]:
    """The largest cumulative import times: selection's modules, the heavy packages, the rest."""

    def row(item: Import, own: bool = False) -> str:
        text = f"      {item.name:<36}{ms(item.cumulative_us / 1e6)}"
        if own:
            text += f"  ({item.self_us / 1e3:5.1f} ms)"
        return f"{text}  ← {importers(imports, item)}"

    lines = ["    selection's modules, by cumulative import time (self in brackets):"]
    ours = [item for item in imports if package(item.name) == "selection"]
    ours.sort(key=lambda item: -item.cumulative_us)
    lines += [row(item, own=True) for item in ours[:rows]]
    # A heavy package comes in where it is first loaded, and wherever selection (or the
    # command) imports one of its modules directly; not where one heavy package loads
    # more of another (pandas loading numpy.ma).
    heavy = [
        item
        for item in imports
        if package(item.name) in HEAVY
        and (
            item.name == package(item.name)
            or not any(package(a.name) in HEAVY for a in ancestors(imports, item))
        )
    ]
    lines.append("    heavy packages, where they come in:" + ("" if heavy else " none"))
    lines += [row(item) for item in heavy]
    # Anything else selection's modules (or the command, at the top level) import directly.
    start = next((i for i, item in enumerate(imports) if item.name == "selection"), 0)
    others = [
        item
        for index, item in enumerate(imports)
        if index > start
        and package(item.name) not in (*HEAVY, "selection")
        and item.cumulative_us >= OTHER_THRESHOLD_US
        and (item.parent is None or package(imports[item.parent].name) == "selection")
    ]
    lines.append(
        f"    other modules selection imports directly, ≥ {OTHER_THRESHOLD_US / 1e3:g} ms:"
        + ("" if others else " none")
    )
    others.sort(key=lambda item: -item.cumulative_us)
    lines += [row(item) for item in others[:rows]]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed rounds (default 15)")
    parser.add_argument(
        "--details", action="store_true", help="show where import time goes for every command"
    )
    parser.add_argument("--rows", type=int, default=10, help="rows per import list (default 10)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    env = environment()
    out = sys.stdout.write
    try:
        versions = {name: version(name) for name in ("selection", "pandas")}
    except PackageNotFoundError as exc:
        sys.stderr.write(f"not installed in {sys.executable}: {exc}\n")
        return 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    try:
        times = time_rounds(args.repeat, env)
        traces = {label: trace_imports(label, env) for label in TRACED}
    except CommandError as exc:
        sys.stderr.write(f"a command failed to run: {exc}\n")
        return 1
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    median = {label: statistics.median(values) for label, values in times.items()}
    best = {label: min(values) for label, values in times.items()}
    ratio = {label: median[label] / median[REFERENCE] for label in times}
    out(
        f"selection {versions['selection']} · pandas {versions['pandas']} · "
        f"Python {platform.python_version()} on {platform.machine()} ({sys.executable})\n"
    )
    busy = load > 0.5 * (os.cpu_count() or 1)
    out(
        f"timing: whole processes, one warm-up run each, then {args.repeat} rounds of each "
        "command once (order rotating), time.perf_counter;\n"
        f"        load average {load:.2f} before, {load_after:.2f} after, on {os.cpu_count()} CPUs"
        + (" (busy machine: timings are noisy)" if busy else "")
        + "\n\n"
    )
    out("  ratio: the median over the pandas import's median; (min): the same with the mins\n\n")
    out(f"  {'':30}{'median':>10}{'min':>11}{'ratio':>9}{'(min)':>8}   target\n")
    for label in COMMANDS:
        if label == REFERENCE:
            verdict = "(the reference)"
        elif label in TARGETS:
            passed = ratio[label] <= TARGETS[label]
            verdict = f"≤ {TARGETS[label]:g}  {'PASS' if passed else 'MISS'}"
        else:
            verdict = f"none ({ratio[label] / ratio['rank']:.2f}× rank's time)"
        out(
            f"  {shown(label):<30}{ms(median[label]):>10}{ms(best[label]):>11}"
            f"{ratio[label]:9.2f}{best[label] / best[REFERENCE]:8.2f}   {verdict}\n"
        )
    out("\n  all times (ms):\n")
    for label, values in times.items():
        out(f"    {shown(label):<30}{' '.join(f'{v * 1e3:.0f}' for v in values)}\n")

    out("\nheavy modules imported (one run each under python -X importtime):\n")
    for label in TRACED:
        present = imported(traces[label])
        marks = " · ".join(f"{top} {'yes' if top in present else 'no'}" for top in HEAVY)
        out(f"  {shown(label):<30}{marks}\n")
    out("\n")

    missed = [label for label in TARGETS if ratio[label] > TARGETS[label]]
    forbidden = {
        label: [top for top in FORBIDDEN if top in imported(traces[label])] for label in TRACED
    }
    detailed = [label for label in TRACED if args.details or label in missed or forbidden[label]]
    if detailed:
        out(
            "where the import time goes (-X importtime, one run: its own overhead inflates\n"
            "the numbers; (top level) = imported by selection.cli.COMMAND itself, which\n"
            "importlib.import_module loads out of -X importtime's sight, or while it runs):\n"
        )
        for label in detailed:
            out(f"  {shown(label)}\n")
            for line in describe_imports(traces[label], args.rows):
                out(line + "\n")
        out("\n")

    for label, limit in TARGETS.items():
        out(
            f"{'MISS' if label in missed else 'PASS'}: {shown(label)} takes "
            f"{ratio[label]:.2f}× the pandas import (target ≤ {limit:g}×)\n"
        )
    out(
        f"info: selection validate takes {ratio['validate']:.2f}× the pandas import, "
        f"{ratio['validate'] / ratio['rank']:.2f}× rank's time (no target; it should be close)\n"
    )
    for label in TRACED:
        found = forbidden[label]
        what = (
            f"imports {', '.join(found)}" if found else f"imports none of {', '.join(FORBIDDEN)}"
        )
        out(f"{'MISS' if found else 'PASS'}: {shown(label)} {what}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
