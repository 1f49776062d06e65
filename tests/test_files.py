"""Outputs that never destroy: atomic writes, links, special files, inputs, signals (issue 9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from selection.errors import OutputError
from selection.files import check_output, write_atomically


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_written_and_nothing_else(tmp_path: Path) -> None:
    written = write_atomically(tmp_path / "out.csv", "a;b\n1;2\n")
    assert written.read_bytes() == b"a;b\n1;2\n"
    assert leftovers(tmp_path) == []


def test_bytes_and_a_writer_function(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a.bin", b"\x00\x01")
    write_atomically(tmp_path / "b.bin", lambda stream: stream.write(b"xyz"))
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "b.bin").read_bytes() == b"xyz"


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_atomically(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    table = tmp_path / "producteurs.csv"
    table.write_text("id;x\nP1;1\n", encoding="utf-8")
    link = tmp_path / "alias.csv"
    link.symlink_to(table)
    for output in (table, link, tmp_path / "." / "producteurs.csv"):
        with pytest.raises(OutputError) as info:
            write_atomically(output, "ranking", inputs=[table])
        assert "over one of the inputs" in info.value.problem
        assert str(table) in info.value.found
    assert table.read_text(encoding="utf-8") == "id;x\nP1;1\n"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomically(tmp_path, "x")
    assert "this is a folder" in info.value.problem
    assert info.value.hint is not None and "out" in info.value.hint


def test_a_fifo_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as info:
        write_atomically(fifo, "x")
    assert "not a regular file" in info.value.problem
    assert fifo.is_fifo()


def test_a_device_is_refused() -> None:
    """As root, ``-o /dev/null`` once replaced /dev/null with a regular file."""
    with pytest.raises(OutputError) as info:
        check_output("/dev/null")
    assert "not a regular file" in info.value.problem
    assert Path("/dev/null").is_char_device()


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(OutputError) as info:
        write_atomically("  ", "x")
    assert "the file name is empty" in info.value.problem


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomically(tmp_path / "nowhere" / "out.csv", "x")
    assert "no folder" in info.value.found


def test_a_long_name_is_written_the_temporary_name_stays_short(tmp_path: Path) -> None:
    """A 250-byte name is valid; the temporary file must not exceed the 255-byte limit."""
    name = "é" * 120 + ".csv"  # 244 bytes in UTF-8
    assert 240 < len(name.encode("utf-8")) <= 255
    write_atomically(tmp_path / name, "x")
    assert (tmp_path / name).read_text(encoding="utf-8") == "x"


def test_a_name_beyond_the_limit_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomically(tmp_path / ("x" * 300 + ".csv"), "x")
    assert info.value.hint is not None and "too long" in info.value.hint
    assert leftovers(tmp_path) == []


def test_a_failed_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions cannot be tested as root: the refusal is simulated at the rename."""
    existing = tmp_path / "out.csv"
    existing.write_text("kept", encoding="utf-8")

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as info:
        write_atomically(existing, "new")
    assert info.value.found == "Permission denied"
    assert existing.read_text(encoding="utf-8") == "kept"
    assert leftovers(tmp_path) == []


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    existing = tmp_path / "out.csv"
    existing.write_text("kept", encoding="utf-8")

    def fail(stream: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomically(existing, fail)
    assert existing.read_text(encoding="utf-8") == "kept"
    assert leftovers(tmp_path) == []


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".selection-{int(dead.stdout)}-abc.tmp"
    stale.write_bytes(b"x" * 1000)
    alive = tmp_path / f".selection-{os.getppid()}-abc.tmp"  # a writer still running
    alive.write_bytes(b"y")
    write_atomically(tmp_path / "out.csv", "x")
    assert not stale.exists()
    assert alive.exists()


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    """The writer is stopped mid-write: the old file stays, no temporary is left."""
    target = tmp_path / "out.csv"
    target.write_text("kept", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys, time
        from selection.files import write_atomically

        def slow(stream):
            stream.write(b"x" * 1_000_000)
            stream.flush()
            print("writing", flush=True)
            time.sleep(30)

        write_atomically({str(target)!r}, slow)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    assert len(leftovers(tmp_path)) == 1
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert process.returncode == -signal.SIGTERM
    assert target.read_text(encoding="utf-8") == "kept"
    deadline = time.monotonic() + 5
    while leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(tmp_path) == []
