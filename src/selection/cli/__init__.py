"""The ``selection`` command, one module per command.

::

    selection rank [GRID PRODUCERS] [--method M] [--top N] [--format table|csv|json] [-o FILE]
    selection explain [GRID PRODUCERS] PRODUCER [--robustness]
    selection validate [GRID [PRODUCERS]]
    selection sensitivity [GRID PRODUCERS] [--samples S] [--level criterion|battery] [--seed]
    selection check [GRID PRODUCERS DECISIONS] [--level criterion|battery]
    selection report [GRID PRODUCERS] [--members FILE ...] [-o report.html]
    selection committee aggregate|consensus [GRID [PRODUCERS]] --members FILE ...
    selection diff [GRID PRODUCERS] BEFORE.yaml AFTER.yaml
    selection plan [GRID PRODUCERS] --needs FILE --offers FILE [--costs FILE] [-o plan.xlsx]
    selection offers ofn|cagette FILE [-o offers.csv]
    selection schema [-o FILE]

Every command takes ``GRID PRODUCERS`` first, positionally, in that order (the
shipped example when they are left out), and ``--lang fr|en``. Exit codes: 0
when all went well, 1 when ``check`` finds decisions the grid does not
reproduce, 2 on bad input (a message that says where and how to fix it, never
a traceback), 130 when interrupted (Ctrl-C).

Start-up is kept short: this module imports only :mod:`argparse`; the command
asked for is imported when it runs (``selection --help`` loads neither numpy
nor pandas).

May import: everything (it is the top layer).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from .._version import __version__
from ..errors import SelectionError
from ..messages import language

__all__ = ["COMMANDS", "invoke", "main"]

EXIT_OK, EXIT_DIFFERENT, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Command → (module of selection.cli, one-line help). The module has ``add_arguments``
#: and ``run``; it is imported only when its command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "rank": ("rank", "rank producers (the shipped example by default)"),
    "explain": ("explain", "why a producer stands where it does"),
    "validate": ("validate", "check a grid, and a producer table against it"),
    "sensitivity": ("sensitivity", "how robust the ranking is to the weights"),
    "check": ("check", "do recorded decisions follow from the grid? (exit 1 if not)"),
    "report": ("report", "write a self-contained HTML report for the committee"),
    "committee": ("committee", "committee members' weights: aggregate them, see where they agree"),
    "diff": ("diff", "who moves between two weights files on the same producers, and why"),
    "plan": ("plan", "plan who supplies what to which store, week by week"),
    "offers": ("offers", "turn an Open Food Network or Cagette catalogue into offers"),
    "schema": ("schema", "print the JSON Schema of the grid format"),
}


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selection",
        description="Rank farm producers with a transparent multi-criteria grid.",
        epilog="Run `selection COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"selection {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, text) in COMMANDS.items():
        commands.add_parser(name, help=text, add_help=False)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named in `argv` (its first word that is not an option), if any."""
    for word in argv:
        if word in COMMANDS:
            return word
        if not word.startswith("-"):
            return None
    return None


def invoke(argv: Sequence[str], stdout: TextIO) -> int:
    """Run one command; its SelectionError propagates (:func:`main` turns it into exit 2).

    Examples
    --------
    >>> import io
    >>> invoke(["validate", "--lang", "en"], io.StringIO())
    0
    """
    words = list(argv)
    name = _command(words)
    if name is None:
        _top_parser().parse_args(words)  # prints the help, the version or the usage error
        return EXIT_BAD_INPUT
    module = importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")
    parser = argparse.ArgumentParser(prog=f"selection {name}", description=COMMANDS[name][1])
    module.add_arguments(parser)
    args = parser.parse_args(words[words.index(name) + 1 :])
    with language(getattr(args, "lang", None)):
        code: int = module.run(args, stdout)
    return code


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> main(["rank", "--top", "3", "--lang", "en"], stdout=out)
    0
    >>> "Grille qualité" in out.getvalue()
    True
    """
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        return invoke(words, stdout or sys.stdout)
    except KeyboardInterrupt:
        sys.stderr.write("selection: interrupted\n")
        return EXIT_INTERRUPTED
    except SelectionError as exc:
        sys.stderr.write(f"selection: error: {exc}\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
