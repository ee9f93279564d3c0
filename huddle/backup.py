"""Consistent backups, their rotation, and restoring from one.

A backup is made with SQLite's online backup API (a consistent copy even while
another connection writes), checked with ``integrity_check``, and written under
a temporary name then renamed, so a half-written file never looks like a
backup. A database that fails its check (damaged, empty, not a ward, written
by a newer version) is never backed up: that would rotate a good copy out for
a bad one. Rotation never removes the newest backup that passes its check, any
backup newer than it, or the newest good backup of the ward holding the most
records (so a backup of an empty new ward never displaces one with data), and
removes nothing while the clock reads earlier than an existing backup (a PC
whose clock was set back). Restoring lives in :mod:`huddle.restore`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.clock import Clock, SystemClock
from huddle.errors import DamagedDatabaseError, StoreError
from huddle.integrity import backup_problem as backup_problem
from huddle.integrity import integrity_problem as integrity_problem
from huddle.store.connection import Store

BACKUP_PATTERN = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d{1,4}))?(?P<label>-[a-z-]+)?\.db$"
)
# Rotation removes nothing while the clock reads this much earlier than a backup.
CLOCK_SLACK = timedelta(minutes=5)
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    label: str
    seq: int = 0


def _stamp(clock: Clock) -> str:
    return clock.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")


@contextlib.contextmanager
def _connection(path: Path, *, read_only: bool) -> Iterator[sqlite3.Connection]:
    from huddle.store.connection import open_read_only

    if read_only:  # works where this login cannot write too (item 7 of #13)
        conn = open_read_only(path, timeout=5.0)
    else:
        uri = f"{path.resolve().as_uri()}?mode=rwc"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
    try:
        yield conn
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk, where the platform allows."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; its renames are durable enough
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def put_whole(path: Path, fill: Callable[[Path], object]) -> None:
    """Make ``path`` so that a kill leaves it whole or absent, never cut short (a
    decision read from it, or a copy kept in it, must never rest on half of it):
    ``fill`` writes it under a hidden ``.partial`` name, which is flushed to disk
    and then renamed over ``path`` in one step."""
    hidden = path.name if path.name.startswith(".") else f".{path.name}"
    temporary = path.with_name(f"{hidden}.{os.getpid()}.partial")
    try:
        fill(temporary)
        _fsync(temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync(path.parent)


def write_whole(path: Path, text: str) -> None:
    """Write a small file (a note a later decision reads) whole or not at all."""
    put_whole(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def remove_partial_copies(folder: Path, pattern: str = ".*.partial*") -> list[Path]:
    """Delete the ``.partial`` files (matching ``pattern``) of copies that were
    killed half-way (their process is gone); one still being written by a live
    process is left."""
    from huddle.presence import process_alive

    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.glob(pattern):
        match = re.search(r"\.(\d+)\.partial", path.name)
        if match and process_alive(int(match[1])) and int(match[1]) != os.getpid():
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """Copy a live database to ``dest`` consistently, atomically, verified."""
    temporary = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with _connection(temporary, read_only=False) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            problem = integrity_problem(target)
        if problem is not None:
            raise DamagedDatabaseError(f"The copy failed its integrity check ({problem}).")
        _fsync(temporary)
        os.replace(temporary, dest)
        _fsync(dest.parent)
    except sqlite3.Error as error:
        raise StoreError(f"Could not write the backup to {dest.parent}: {error}") from error
    except OSError as error:
        raise StoreError(f"Could not write the backup to {dest.parent}: {error}") from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def backup_connection(
    source: sqlite3.Connection,
    db_path: Path,
    dest_dir: Path,
    *,
    clock: Clock | None = None,
    label: str = "",
    deep: bool = True,
) -> Path:
    """Back up an open connection (refusing a damaged one); returns the new file.

    ``deep`` adds ``check --deep`` (the audit chain and every table against its
    rebuild): a ward whose rows were changed outside the app is not backed up.
    """
    problem = backup_problem(source)
    if problem is None and deep:
        from huddle.deep_check import deep_problems

        found = deep_problems(source)
        problem = None if found is None else found[0]
    if problem is not None:
        raise DamagedDatabaseError(
            f"No backup was taken: {problem}, and a backup of it could displace a good one. "
            "Run 'huddle check', and restore the newest good backup if it is damaged."
        )
    dest = _new_backup_name(dest_dir, db_path.stem, _stamp(clock or SystemClock()), label)
    remove_partial_copies(dest_dir)
    copy_database(source, dest)
    return dest


def _new_backup_name(dest_dir: Path, stem: str, stamp: str, label: str) -> Path:
    """A name no existing backup has: a clock set back can repeat a time stamp,
    and a backup must never be written over another."""
    suffix = f"-{label}" if label else ""
    dest = dest_dir / f"{stem}-{stamp}{suffix}.db"
    seq = 1
    while dest.exists():
        dest = dest_dir / f"{stem}-{stamp}-{seq}{suffix}.db"
        seq += 1
    return dest


def backup_database(
    db_path: Path, dest_dir: Path, *, clock: Clock | None = None, label: str = ""
) -> Path:
    """Back up the database file at ``db_path`` into ``dest_dir``."""
    if not db_path.exists():
        raise StoreError(f"There is no database at {db_path}.")
    if not db_path.is_file():
        raise StoreError(f"{db_path} is a folder, not a ward database; give the .db file.")
    if db_path.stat().st_size == 0:
        raise DamagedDatabaseError(
            f"No backup was taken: {db_path.name} is empty (0 bytes), and a backup of it "
            "could displace a good one. Restore the newest good backup."
        )
    try:
        with _connection(db_path, read_only=True) as source:
            return backup_connection(source, db_path, dest_dir, clock=clock, label=label)
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(f"The database cannot be read ({error}).") from error


def backup_before_migration(store: Store, *, backup_dir: Path | None = None) -> Path:
    dest_dir = backup_dir or store.path.parent / "backups"
    # the file awaits its upgrade: the deep check applies to the current schema only
    return backup_connection(
        store.conn, store.path, dest_dir, clock=store.clock, label="pre-upgrade", deep=False
    )


def list_backups(dest_dir: Path, stem: str | None = None) -> list[BackupFile]:
    """Backups in ``dest_dir`` (of database ``stem`` if given), oldest first."""
    found = []
    if not dest_dir.is_dir():
        return []
    for path in dest_dir.iterdir():
        match = BACKUP_PATTERN.match(path.name)
        if not match or (stem is not None and match["stem"] != stem):
            continue
        taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        label = (match["label"] or "").lstrip("-")
        found.append(BackupFile(path, taken, label, int(match["seq"] or 0)))
    return sorted(found, key=lambda b: (b.taken_at, b.seq, b.path.name))


def backups_to_keep(backups: list[BackupFile], retention: Retention) -> set[Path]:
    """The newest backup of each of the latest N days, ISO weeks and months."""
    keep: set[Path] = set()
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)

    def keep_newest(period_of: Callable[[date], Hashable], count: int) -> None:
        seen: list[Hashable] = []
        for backup in newest_first:
            period = period_of(backup.taken_at.date())
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.append(period)
            keep.add(backup.path)

    keep_newest(lambda d: d, retention.daily)
    keep_newest(lambda d: d.isocalendar()[:2], retention.weekly)
    keep_newest(lambda d: (d.year, d.month), retention.monthly)
    keep.update(b.path for b in backups if b.label == "pre-upgrade")  # until a person tidies
    return keep


def backup_marker(path: Path) -> int | None:
    """How many changes the backup holds (its newest audit row), None if unreadable."""
    try:
        with _connection(path, read_only=True) as conn:
            return change_marker(conn)
    except sqlite3.Error:
        return None


def backups_never_to_remove(backups: list[BackupFile]) -> set[Path]:
    """The newest backup that passes its check and everything newer, and the newest
    good backup of the ward with the most changes (a new, empty ward's backups
    must not displace a backup of a ward with data)."""
    protected: set[Path] = set()
    newest_first = sorted(backups, key=lambda b: (b.taken_at, b.seq), reverse=True)
    for found in newest_first:
        protected.add(found.path)
        if _passes(found.path):
            break
    markers = {b.path: backup_marker(b.path) for b in newest_first}
    richest = sorted(
        (b for b in newest_first if markers[b.path] is not None),
        key=lambda b: markers[b.path] or 0,
        reverse=True,
    )  # stable: the newest first among equals
    for found in richest:
        if _passes(found.path):
            protected.add(found.path)
            break
    return protected


def _passes(path: Path) -> bool:
    try:
        verify_backup(path)
    except StoreError:
        return False
    return True


def rotate(
    dest_dir: Path,
    stem: str,
    retention: Retention = Retention(),
    *,
    clock: Clock | None = None,
) -> list[Path]:
    """Thin old backups to daily, weekly and monthly ones; returns what was removed.

    Never removes a backup :func:`backups_never_to_remove` names, and removes
    nothing while the clock reads earlier than an existing backup.
    """
    backups = list_backups(dest_dir, stem)
    now = (clock or SystemClock()).now()
    if any(b.taken_at > now + CLOCK_SLACK for b in backups):
        return []  # the clock was set back: the stamps cannot say which is newest
    keep = backups_to_keep(backups, retention)
    if len(keep) < len(backups):
        keep |= backups_never_to_remove(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def verify_backup(path: Path) -> None:
    """Raise unless ``path`` is a healthy database this version can open."""
    if not path.is_file():
        raise StoreError(f"There is no backup file at {path}.")
    if path.stat().st_size == 0:
        raise DamagedDatabaseError(f"The backup {path.name} cannot be used: it is empty.")
    try:
        with _connection(path, read_only=True) as conn:
            problem = backup_problem(conn)
    except sqlite3.DatabaseError as error:
        problem = str(error)
    if problem is not None:
        raise DamagedDatabaseError(f"The backup {path.name} cannot be used: {problem}.")


def newest_good_backup(dest_dir: Path, stem: str) -> Path | None:
    for backup in reversed(list_backups(dest_dir, stem)):
        try:
            verify_backup(backup.path)
        except StoreError:
            continue
        return backup.path
    return None


@dataclass(frozen=True)
class AutoBackupPolicy:
    """When the app backs up by itself: after changes, no more often than this."""

    min_interval: timedelta = timedelta(hours=4)
    retention: Retention = Retention()


def _state_file(dest_dir: Path, stem: str) -> Path:
    return dest_dir / f".{stem}.last-backup.json"


def change_marker(conn: sqlite3.Connection) -> int:
    """A number that grows with every saved change (the newest audit row)."""
    row = conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()
    return int(row[0])


def backup_if_due(
    conn: sqlite3.Connection,
    db_path: Path,
    dest_dir: Path,
    *,
    clock: Clock | None = None,
    policy: AutoBackupPolicy = AutoBackupPolicy(),
    force_interval: bool = False,
) -> Path | None:
    """Take an automatic backup if something changed since the last one and the
    minimum interval has passed (``force_interval`` skips the interval, for the
    backup taken when the app closes). Thins old backups afterwards."""
    clock = clock or SystemClock()
    state_path = _state_file(dest_dir, db_path.stem)
    marker = change_marker(conn)
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
        last_marker, last_at = int(state["marker"]), datetime.fromisoformat(state["at"])
    except (OSError, ValueError, KeyError, TypeError):
        last_marker, last_at = -1, None
    if marker == last_marker:
        return None
    if not force_interval and last_at is not None and clock.now() - last_at < policy.min_interval:
        return None
    made = backup_connection(conn, db_path, dest_dir, clock=clock, label="auto")
    write_whole(state_path, json.dumps({"marker": marker, "at": clock.now().isoformat()}))
    rotate(dest_dir, db_path.stem, policy.retention, clock=clock)
    return made


def backup_file_if_due(
    db_path: Path,
    dest_dir: Path,
    *,
    clock: Clock | None = None,
    policy: AutoBackupPolicy = AutoBackupPolicy(),
    force_interval: bool = False,
) -> Path | None:
    """:func:`backup_if_due` on a connection of its own (for a worker thread)."""
    if not db_path.exists():
        return None
    try:
        with _connection(db_path, read_only=True) as conn:
            return backup_if_due(
                conn, db_path, dest_dir, clock=clock, policy=policy, force_interval=force_interval
            )
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(f"The database cannot be read ({error}).") from error
