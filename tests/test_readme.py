"""Everything README.md shows runs: its Python blocks and its `selection` commands."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from selection.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[1]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_the_two_commands() -> None:
    first = blocks("sh")[0].strip().splitlines()
    assert len(first) == 2
    assert README.index("```sh") < README.index("\n## ")


@pytest.mark.parametrize("code", blocks("python"))
def test_python_block_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})


COMMANDS = [
    line[2:].split("#")[0].strip()
    for block in blocks("console")
    for line in block.splitlines()
    if line.startswith("$ selection") and "my-grid.yaml" not in line
]


@pytest.mark.parametrize("command", COMMANDS)
def test_console_command_runs(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    argv = shlex.split(command)[1:]
    if "-o" in argv:  # write into a scratch folder, not into the checkout
        i = argv.index("-o") + 1
        argv[i] = str(tmp_path / Path(argv[i]).name)
    assert main(argv, stdout=io.StringIO()) == 0


def test_error_example_is_what_the_library_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "criteria" / "lyon-qla.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "my-grid.yaml"
    broken.write_text(text.replace("direction: min", "direction: minimum", 1), encoding="utf-8")
    assert main(["validate", str(broken)], stdout=io.StringIO()) == 2
    err = capsys.readouterr().err
    shown = next(b for b in blocks("console") if "my-grid.yaml" in b)
    for line in shown.splitlines()[2:]:
        assert line.strip() in err


def test_yaml_blocks_of_weight_files_load() -> None:
    import selection
    from selection.committee.weights_file import parse_members

    grid = selection.load_grid(selection.example_grid_path())
    shown = [b for b in blocks("yaml") if "selection/weights@1" in b]
    assert shown, "the README shows a weights file"
    for block in shown:
        assert len(parse_members(block, grid)) >= 1


def test_yaml_blocks_of_grids_load_once_completed() -> None:
    """Grid snippets are excerpts; the complete one (with `format:`) must load as a grid."""
    import selection

    complete = [b for b in blocks("yaml") if b.startswith("format: selection/grid@1")]
    assert complete
    for block in complete:
        assert selection.parse_grid(block).name
