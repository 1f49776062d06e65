"""Reading UTF-8 text files with clear errors, and writing output files that never destroy.

An output is written completely or not at all, and never in place of what it
should not replace:

- through a temporary file in the target's folder, renamed over the target
  when complete; the temporary file is removed on any error, on Ctrl-C and on
  SIGTERM, and one left by a killed process (SIGKILL, power cut) is removed by
  the next write in that folder;
- a symbolic link is written through, to its target (the link stays a link);
- a folder, a device, a FIFO or a socket is refused with a clear error (as
  root, ``-o /dev/null`` would otherwise replace ``/dev/null`` with a file);
- an output that is one of the inputs (the producer table, the grid...) is
  refused: the input is left untouched.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomically(folder / "out.txt", "bonjour").read_text(encoding="utf-8")
'bonjour'
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import IO, Any

from .errors import OutputError, SelectionError
from .messages import Message, msg

__all__ = ["check_output", "read_utf8", "write_atomically"]

#: Temporary files: short (within any file-name limit), with the writer's process id.
_PREFIX = ".selection-"
_LEFTOVER = re.compile(r"^\.selection-(\d+)-[^/]*\.tmp$")

Content = str | bytes | Callable[[IO[bytes]], None]


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return False


def check_output(
    path: str | PathLike[str],
    *,
    what: str | Message = "the output file",
    inputs: Iterable[str | PathLike[str] | None] = (),
) -> Path:
    """Where `path` really writes (a symbolic link's target), or an OutputError saying why not.

    Raises
    ------
    OutputError
        An empty name; a folder; a device, FIFO or socket; an output that is
        one of `inputs`; a folder that does not exist.
    """
    text = os.fspath(path)
    if not text.strip():
        raise OutputError(
            msg("output.empty", "cannot write {what}: the file name is empty", what=what),
            where=msg("output.where_option", "the output file name"),
            expected=msg("output.name_expected", "a file name, e.g. classement.xlsx"),
            found=repr(text),
        )
    given = Path(text)
    try:
        target = Path(os.path.realpath(given)) if given.is_symlink() else given
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise _os_error(exc, given, what) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(
            msg("output.folder", "cannot write {what}: this is a folder", what=what),
            where=str(given),
            expected=msg("output.file_expected", "the name of a file (in this folder or another)"),
            found=msg("output.found_folder", "a folder"),
            hint=msg(
                "output.folder_hint", "add a file name, e.g. {path}", path=str(given / "out")
            ),
        )
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise OutputError(
            msg("output.special", "cannot write {what}: this is not a regular file", what=what),
            where=str(given),
            expected=msg("output.regular_expected", "a regular file (new or to replace)"),
            found=msg("output.found_special", "a device, a pipe or a socket"),
            hint=msg("output.special_hint", "give the name of a file"),
        )
    for source in inputs:
        if source is not None and status is not None and _same_file(target, Path(source)):
            raise OutputError(
                msg(
                    "output.is_input",
                    "cannot write {what} over one of the inputs: it would be lost",
                    what=what,
                ),
                where=str(given),
                expected=msg("output.other_expected", "an output file other than the inputs"),
                found=msg("output.found_input", "the same file as {input}", input=str(source)),
                hint=msg("output.is_input_hint", "choose another name for the output"),
            )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            msg("files.write_atomically.problem", "cannot write {what}", what=what),
            where=str(given),
            expected=msg("files.write_atomically.expected", "a file in an existing folder"),
            found=msg("files.write_atomically.found", "no folder {folder!r}", folder=str(folder)),
        )
    return target


def _os_error(exc: OSError, target: Path, what: str | Message) -> OutputError:
    return OutputError(
        msg("files.write_atomically.problem", "cannot write {what}", what=what),
        where=str(target),
        expected=msg("output.writable_expected", "a file this user may create or replace"),
        found=exc.strerror or str(exc) or type(exc).__name__,
        hint=msg(
            "output.writable_hint",
            "check the folder's permissions and free space, and that the name is not too long",
        ),
    )


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary files left in `folder` by writers that no longer run (SIGKILL)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            matched = _LEFTOVER.match(entry.name)
            if matched is None or int(matched.group(1)) == os.getpid():
                continue
            try:
                os.kill(int(matched.group(1)), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            except (PermissionError, OverflowError, OSError):
                continue


class _Terminated(BaseException):
    """SIGTERM during a write: unwinds like Ctrl-C, so the temporary file is removed."""


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into an exception while writing (main thread only), then restore it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)

    def stop(signum: int, frame: Any) -> None:
        raise _Terminated

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not allowed here: write without the handler
        yield
        return
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signal.SIGTERM)  # the previous behaviour, after the cleanup
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomically(
    path: str | PathLike[str],
    content: Content,
    *,
    what: str | Message = "the output file",
    inputs: Iterable[str | PathLike[str] | None] = (),
) -> Path:
    """Write `content` to `path` completely or not at all, never over an input.

    Parameters
    ----------
    path : str or path-like
        The file; a symbolic link is written through to its target.
    content : str, bytes, or a function writing to a binary stream
        Text is written as UTF-8 as given (no newline translation).
    what : str or Message
        The file in words, for errors (``"the report"``).
    inputs : paths
        Files the output must not replace (the producer table, the grid...).

    A new file gets the usual permissions (0o666 less the umask); an existing
    file keeps its own.

    Returns
    -------
    Path
        The file written (a link's target).

    Raises
    ------
    OutputError
        See :func:`check_output`; or the file could not be written (permissions,
        full disk, name too long), with nothing left behind.
    """
    target = check_output(path, what=what, inputs=inputs)
    folder = target.parent if str(target.parent) else Path(".")
    _remove_leftovers(folder)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary: str | None = None
    with _terminate_cleanly():
        try:
            handle, temporary = tempfile.mkstemp(
                dir=folder, prefix=f"{_PREFIX}{os.getpid()}-", suffix=".tmp"
            )
            os.chmod(temporary, mode)
            with os.fdopen(handle, "wb") as stream:
                if isinstance(content, str):
                    stream.write(content.encode("utf-8"))
                elif isinstance(content, bytes):
                    stream.write(content)
                else:
                    content(stream)
            os.replace(temporary, target)
            temporary = None
        except OSError as exc:
            raise _os_error(exc, target, what) from None
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
    return target


def read_utf8(
    path: str | PathLike[str],
    *,
    error: type[SelectionError],
    what: str | Message,
    hint: str | Message | None = None,
) -> str:
    """The text of a UTF-8 file (a BOM is fine), or `error` saying what went wrong.

    Parameters
    ----------
    path : str or path-like
    error : SelectionError subclass
        Raised when the file cannot be read or is not UTF-8 (``GridError``,
        ``WeightsError``, ...).
    what : str
        The file in words, e.g. ``"the grid file"``.
    hint : str
        How to fix an unreadable file.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise error(
            msg("files.cannot_read", "cannot read {what}", what=what),
            where=str(file),
            expected=msg("files.readable_expected", "a readable .yaml file"),
            found=exc.strerror or type(exc).__name__,
            hint=hint if hint is not None else msg("files.check_path", "check the path"),
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            msg("files.not_utf8", "the file is not UTF-8 text"),
            where=msg("where.file_line", "{file}, line {line}", file=str(file), line=line),
            expected=msg("files.utf8_expected", "UTF-8 (the default of every modern editor)"),
            found=msg("files.byte", "byte {byte}", byte=f"{raw[exc.start]:#04x}"),
            hint=msg("files.utf8_hint", "save the file again as UTF-8"),
        ) from None
