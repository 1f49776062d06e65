"""Every notebook in ``notebooks/`` runs from top to bottom without an error.

Each notebook is executed with nbclient in a fresh kernel that runs *this*
interpreter (``sys.executable``), whatever kernels the machine has installed: the
test writes its own ``python3`` kernelspec in a temporary directory and puts it
first on ``JUPYTER_PATH``. Matplotlib uses the Agg backend, so no window opens.

A cell tagged ``expect-output`` (cell metadata ``"tags": ["expect-output"]``) must
display something (a result, a table or printed text): that proves the notebook
really computed what it shows. Every notebook must tag at least one such cell.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECT_OUTPUT = "expect-output"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def isolated_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``python3`` kernelspec running this interpreter, ahead of any installed one."""
    jupyter = tmp_path / "jupyter"
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (selection tests)",
        "language": "python",
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter))
    # The user's IPython profile (startup scripts, extensions) stays out of the kernel.
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    found = KernelSpecManager().get_kernel_spec("python3")
    assert found.argv[0] == sys.executable, found.resource_dir


def _displays_something(cell: nbformat.NotebookNode) -> bool:
    return any(
        output.output_type in ("execute_result", "display_data")
        or (output.output_type == "stream" and output.name == "stdout" and output.text.strip())
        for output in cell.get("outputs", [])
    )


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda path: path.name)
@pytest.mark.usefixtures("isolated_kernel")
def test_notebook_runs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    error = None
    try:
        client.execute()
    except CellExecutionError as raised:
        error = ANSI_ESCAPE.sub("", str(raised))  # the traceback is colored for a terminal
    if error is not None:  # failing here rather than in `except` shows the traceback once
        pytest.fail(f"{path.name}: a cell raised\n{error}", pytrace=False)

    tagged = [
        (index, cell)
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and EXPECT_OUTPUT in cell.metadata.get("tags", [])
    ]
    assert tagged, f"{path.name}: no code cell is tagged {EXPECT_OUTPUT!r}"
    silent = [index for index, cell in tagged if not _displays_something(cell)]
    assert not silent, f"{path.name}: cells {silent} are tagged {EXPECT_OUTPUT!r} but show nothing"
