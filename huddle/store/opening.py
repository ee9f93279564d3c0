"""Opening a ward database: connect, check its version, migrate, share it.

Apart from ``connection`` (which only connects and guards) so that the modules
migration needs (``schema``, and the backup it takes first) never have to
import their way back to here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from huddle.clock import Clock, SystemClock
from huddle.errors import StoreError, UpgradeNeededError
from huddle.store import connection, versions
from huddle.store.connection import OpenOptions, Store, connect, default_actor


def open_store(
    path: str | os.PathLike[str],
    *,
    clock: Clock | None = None,
    actor: str | None = None,
    read_only: bool = False,
    migrate: bool = True,
    backup_dir: Path | None = None,
) -> Store:
    """Open (creating if needed) and migrate a ward database.

    Raises :class:`DatabaseTooNewError` for a file written by a newer version
    and :class:`DamagedDatabaseError` for one that is not a healthy database.
    """
    db_path = Path(path)
    if read_only and not db_path.exists():
        raise StoreError(f"There is no database at {db_path} to open read-only.")
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    options = OpenOptions(read_only=read_only, network=connection.is_network_path(db_path))
    created = not db_path.exists()
    conn = connect(db_path, options)
    store = Store(
        conn,
        db_path,
        clock=clock or SystemClock(),
        actor=actor or default_actor(),
        options=options,
    )
    try:
        versions.check_not_newer(conn)
        if versions.pending_names(conn):
            if read_only or not migrate:
                raise UpgradeNeededError(
                    "This database needs upgrading, which cannot be done read-only. "
                    "Open it once where it can be written."
                )
            from huddle.store import schema  # sqlite-utils: only when there is work to do

            schema.migrate(store, backup_dir=backup_dir)
    except BaseException:
        conn.close()
        raise
    if created:
        share_with_group(db_path)
    return store


def share_with_group(db_path: Path) -> None:
    """A new database in a folder the PC's users share (the machine data folder,
    group-writable) must be writable by all of them, not only its creator; SQLite
    gives its journal files the database's permissions."""
    if os.name != "posix":
        return  # Windows: the folder's inherited ACL decides
    try:
        folder_mode = db_path.parent.stat().st_mode
        if folder_mode & stat.S_IWGRP:
            for path in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))):
                if path.exists():
                    path.chmod(path.stat().st_mode | stat.S_IRGRP | stat.S_IWGRP)
    except OSError:
        pass  # not ours to change: the first user keeps it, the app still works
