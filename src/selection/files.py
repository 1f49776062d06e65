"""Reading UTF-8 text files with clear errors, and writing output files completely or not at all.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomically(folder / "out.txt", "bonjour").read_text(encoding="utf-8")
'bonjour'
"""

from __future__ import annotations

import os
import stat
import tempfile
from os import PathLike
from pathlib import Path

from .errors import SelectionError
from .messages import msg

__all__ = ["read_utf8", "write_atomically"]


def write_atomically(
    path: str | PathLike[str], text: str, *, what: str = "the output file"
) -> Path:
    """Write `text` to `path` through a temporary file in the same folder, then rename.

    An error leaves no partial file and an existing file untouched. A new file
    gets the usual permissions (0o666 less the umask; ``mkstemp`` alone would
    give 0o600 and hide it from other readers); an existing file keeps its own.

    Raises
    ------
    SelectionError
        If the folder does not exist.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SelectionError(
            msg("files.write_atomically.problem", "cannot write {what}", what=what),
            where=str(target),
            expected=msg("files.write_atomically.expected", "a file in an existing folder"),
            found=msg("files.write_atomically.found", "no folder {folder!r}", folder=str(folder)),
        )
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def read_utf8(
    path: str | PathLike[str],
    *,
    error: type[SelectionError],
    what: str,
    hint: str = "check the path",
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
            f"cannot read {what}",
            where=str(file),
            expected="a readable .yaml file",
            found=exc.strerror or type(exc).__name__,
            hint=hint,
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            "the file is not UTF-8 text",
            where=msg("where.file_line", "{file}, line {line}", file=str(file), line=line),
            expected="UTF-8 (the default of every modern editor)",
            found=f"byte {raw[exc.start]:#04x}",
            hint="save the file again as UTF-8",
        ) from None
