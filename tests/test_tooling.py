"""The project's own tools run as part of the test command: ruff (lint, format), mypy, the
import-linter contracts (the one-way layers of pyproject.toml) and the message catalogues
(up to date with the code, the French one complete)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "src", "tests", "benchmarks", "scripts", "conftest.py"],
        ["ruff", "format", "--check", "src", "tests", "benchmarks", "scripts", "conftest.py"],
        ["mypy"],
        [
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
            "--no-cache",
        ],
    ],
    ids=["ruff-lint", "ruff-format", "mypy", "import-linter"],
)
def test_tool_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, *(command if command[0] == "-c" else ["-m", *command])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
