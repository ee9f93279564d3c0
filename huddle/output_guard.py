"""Where an export may be written: never over the ward's data, never over a device.

Every export passes :func:`refuse_unsafe_output` before it writes. It refuses a
folder, anything that is not a regular file (a device such as ``/dev/full``, a
pipe, a socket), any SQLite database (the ward's own file, another ward's, a
backup), a database's ``-wal``/``-shm``/``-journal``, and a name shaped like a
backup. An existing regular file is replaced only when the person said so: the
app's save dialog asks, the command line needs ``--force``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from huddle.reports.errors import ExportError

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def refuse_unsafe_output(out: Path, *, overwrite: bool, protect: Iterable[Path] = ()) -> None:
    """Raise :class:`ExportError` (one line, saying what to do) unless ``out`` is
    safe to write. ``protect`` names databases whose files must never be hit."""
    from huddle.backup import BACKUP_PATTERN

    out = Path(out)
    name = out.name
    if not name or name in (".", ".."):
        raise ExportError(f"{out} is not a file name; give a file name to save to.")
    if len(os.fsencode(name)) > 255:
        raise ExportError("That file name is too long (over 255 characters); choose a shorter one.")
    for db in protect:
        db = Path(db)
        for candidate in (db, *(db.with_name(db.name + s) for s in JOURNAL_SUFFIXES)):
            if _same_file(out, candidate):
                raise ExportError(
                    f"{out} is the ward's own database; choose another file name to save to."
                )
    if name.lower().endswith(JOURNAL_SUFFIXES) or BACKUP_PATTERN.match(name):
        raise ExportError(
            f"{name} is the name of a database, journal or backup file; choose another name."
        )
    try:
        mode = os.stat(out).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise ExportError(f"Cannot save to {out}: {error.strerror or error}.") from None
    if stat.S_ISDIR(mode):
        raise ExportError(f"{out} is a folder; give a file name to save to.")
    if not stat.S_ISREG(mode):
        raise ExportError(f"{out} is not an ordinary file (a device or pipe); choose a file name.")
    if _is_database(out):
        raise ExportError(f"{out} is a database (a ward or a backup); choose another file name.")
    if not overwrite:
        raise ExportError(
            f"{out} already exists; choose another name, or pass --force to replace it."
        )
