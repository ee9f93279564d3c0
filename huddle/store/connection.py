"""Opening a ward database safely, and the one way to write to it.

Our own ``sqlite3`` connection is wrapped in ``sqlite_utils.Database``. Local
files use WAL; a file on a network path uses a rollback journal with exclusive
locking, because WAL's shared memory does not work across machines. Every
write goes through :meth:`Store.transaction`, which takes the write lock up
front (``BEGIN IMMEDIATE``) so two PCs never deadlock half-way through a save.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from huddle.clock import Clock

if TYPE_CHECKING:
    import sqlite_utils

    from huddle.identifiers import IdentifierGuard

from huddle.errors import (
    BusyError,
    DamagedDatabaseError,
    ReadOnlyError,
    StorageFullError,
    StoreError,
)

BUSY_TIMEOUT_SECONDS = 5.0
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs", "davfs"}
)


class OpenOptions(msgspec.Struct, frozen=True):
    read_only: bool = False
    network: bool = False


def is_network_path(path: Path) -> bool:
    """True when ``path`` lives on a network share (UNC path or network mount)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4)
        return False
    return _mount_fstype(path) in NETWORK_FILESYSTEMS


def _mount_fstype(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    target = os.path.realpath(path.parent if not path.is_dir() else path)
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def translate_error(error: sqlite3.Error) -> StoreError:
    """Turn SQLite's wording into a problem a ward team can act on."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return BusyError(
            "Another computer or window is saving to this ward's database right now. "
            "Wait a moment and try again; nothing you typed has been lost."
        )
    if "full" in text:
        return StorageFullError(
            "The disk holding the ward's database is full, so nothing was saved. "
            "Free some space (or ask IT) and try again."
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError("This ward's database is open read-only here, so nothing was saved.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DamagedDatabaseError(
            f"The ward's database file is damaged ({error}). Run 'huddle check' and restore "
            "the newest good backup."
        )
    return StoreError(f"The database reported a problem: {error}")


class Store(contextlib.AbstractContextManager["Store", None]):
    """An open ward database: reads anywhere, writes only in :meth:`transaction`.
    A ``with`` block closes it."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        clock: Clock,
        actor: str,
        options: OpenOptions,
    ) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.actor = actor
        self.options = options
        self._depth = 0
        # The change feed's per-connection state (device id, remote apply): huddle.sync.feed
        self.sync: dict[str, Any] = {}

    @cached_property
    def identifier_guard(self) -> IdentifierGuard:
        """The guard every write of free text passes (this PC's settings); replaceable."""
        from huddle.config import identifier_guard

        return identifier_guard()

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The same connection through sqlite-utils (imported on first use: it is
        slow to import and most sessions never need it)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @property
    def read_only(self) -> bool:
        return self.options.read_only

    def close(self) -> None:
        self.conn.close()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One logical save: all of it is written, or none of it.

        Nested calls become savepoints inside the outer transaction.
        """
        if self.read_only:
            raise ReadOnlyError(
                "This ward's database is open read-only here, so nothing was saved."
            )
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise translate_error(error) from error
        try:
            yield
        except sqlite3.Error as error:
            self._rollback()
            raise translate_error(error) from error
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise translate_error(error) from error

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that agree with each other: every query inside sees the ward as it was
        at the first. One read transaction, so one shared lock and one look for
        another PC's changes, however many queries (Today's board makes about forty).

        Nothing may be written inside (a save opens its own transaction after it). Inside
        a transaction already open, it is that one.
        """
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")  # deferred: the read transaction starts at the first read
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")  # a read ends; nothing was written

    def _savepoint(self) -> Iterator[None]:
        name = f"nested_{id(self)}_{self._depth}"
        self._depth += 1
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # an error such as a failed COMMIT may already have ended the transaction
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        try:
            cursor = self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise translate_error(error) from error
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def query_one(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        try:
            row = self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as error:
            raise translate_error(error) from error
        return None if row is None else row[0]

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run a write statement; only valid inside :meth:`transaction`."""
        if not self.conn.in_transaction:
            raise RuntimeError("writes must run inside Store.transaction()")
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise translate_error(error) from error


def _wal_without_shm(path: Path) -> bool:
    """A WAL database closed cleanly: no -wal with changes in it, no -shm. Read-only
    SQLite must create the -shm to read it, which an unwritable folder refuses."""
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    no_log = not wal.exists() or wal.stat().st_size == 0
    return len(header) == 20 and header[18] == 2 and no_log and not shm.exists()


def open_read_only(path: Path, *, timeout: float = BUSY_TIMEOUT_SECONDS) -> sqlite3.Connection:
    """A read-only connection that works where this login cannot write (a locked
    folder, read-only media): a WAL file with no log to replay is opened as
    immutable, since nothing else can be changing it there."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except UnicodeDecodeError as error:  # SQLite quoted damaged schema text back to us
        conn.close()
        raise sqlite3.DatabaseError(
            f"its schema is damaged (bad text at byte {error.start})"
        ) from None
    except sqlite3.OperationalError:
        conn.close()
        if not _wal_without_shm(path):
            raise
    conn = sqlite3.connect(
        f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout, isolation_level=None
    )
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def connect(path: Path, options: OpenOptions) -> sqlite3.Connection:
    """A raw connection with the storage rules applied (no schema work)."""
    try:
        if options.read_only:
            conn = open_read_only(path)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not options.read_only:
            if options.network:
                conn.execute("PRAGMA locking_mode = EXCLUSIVE")
                conn.execute("PRAGMA journal_mode = DELETE")
            else:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        # Touch the file so a damaged header is found now, not mid-huddle.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        raise translate_error(error) from error
    return conn


def default_actor() -> str:
    """Who is saving: the computer login and machine, never a patient detail."""
    import getpass
    import platform

    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return f"{user}@{platform.node() or 'this-pc'}"
