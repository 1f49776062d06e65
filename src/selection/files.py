"""Writing output files completely or not at all.

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

__all__ = ["write_atomically"]


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
            f"cannot write {what}",
            where=str(target),
            expected="a file in an existing folder",
            found=f"no folder {str(folder)!r}",
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
