"""Consistent backups, their rotation, and restoring from one.

A backup is made with SQLite's online backup API (a consistent copy even while
another connection writes), checked with ``integrity_check``, and written under
a temporary name then renamed, so a half-written file never looks like a
backup. A damaged database is never backed up: that would rotate a good copy
out for a bad one. Restoring keeps the current file aside; nothing is lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.clock import Clock, SystemClock
from huddle.errors import DamagedDatabaseError, StoreError
from huddle.store.connection import Store

BACKUP_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?P<label>-[a-z-]+)?\.db$")
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


def _stamp(clock: Clock) -> str:
    return clock.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """None when the database is healthy, else the first problem found."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    if [r[0] for r in rows] != ["ok"]:
        return str(rows[0][0])
    try:
        bad_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    if bad_keys:
        return f"{len(bad_keys)} broken links between records (first in table {bad_keys[0][0]})"
    return None


@contextlib.contextmanager
def _connection(path: Path, *, read_only: bool) -> Iterator[sqlite3.Connection]:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
    try:
        yield conn
    finally:
        conn.close()


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
        os.replace(temporary, dest)
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
) -> Path:
    """Back up an open connection (refusing a damaged one); returns the new file."""
    problem = integrity_problem(source)
    if problem is not None:
        raise DamagedDatabaseError(
            f"The ward's database is damaged ({problem}), so no backup was taken: it would "
            "replace a good backup with a bad one. Run 'huddle check' and restore."
        )
    suffix = f"-{label}" if label else ""
    dest = dest_dir / f"{db_path.stem}-{_stamp(clock or SystemClock())}{suffix}.db"
    copy_database(source, dest)
    return dest


def backup_database(
    db_path: Path, dest_dir: Path, *, clock: Clock | None = None, label: str = ""
) -> Path:
    """Back up the database file at ``db_path`` into ``dest_dir``."""
    if not db_path.exists():
        raise StoreError(f"There is no database at {db_path}.")
    with _connection(db_path, read_only=True) as source:
        try:
            return backup_connection(source, db_path, dest_dir, clock=clock, label=label)
        except sqlite3.DatabaseError as error:
            raise DamagedDatabaseError(f"The database cannot be read ({error}).") from error


def backup_before_migration(store: Store, *, backup_dir: Path | None = None) -> Path:
    dest_dir = backup_dir or store.path.parent / "backups"
    return backup_connection(
        store.conn, store.path, dest_dir, clock=store.clock, label="pre-upgrade"
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
        found.append(BackupFile(path, taken, (match["label"] or "").lstrip("-")))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


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


def rotate(dest_dir: Path, stem: str, retention: Retention = Retention()) -> list[Path]:
    """Thin old backups to daily, weekly and monthly ones; returns what was removed."""
    backups = list_backups(dest_dir, stem)
    keep = backups_to_keep(backups, retention)
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
    try:
        with _connection(path, read_only=True) as conn:
            problem = integrity_problem(conn)
            if problem is None:
                has_schema = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name = '_sqlite_migrations'"
                ).fetchone()[0]
                if not has_schema:
                    problem = "it is not a Ward Huddle database"
    except sqlite3.DatabaseError as error:
        problem = str(error)
    if problem is not None:
        raise DamagedDatabaseError(f"The backup {path.name} cannot be used: {problem}.")


def move_aside(db_path: Path, reason: str, *, clock: Clock | None = None) -> Path | None:
    """Rename the database and its journals out of the way, never deleting them."""
    if not db_path.exists():
        return None
    stamp = _stamp(clock or SystemClock())
    aside = db_path.with_name(f"{db_path.stem}.{reason}-{stamp}{db_path.suffix}")
    os.replace(db_path, aside)
    for side in SIDE_FILES:
        journal = db_path.with_name(db_path.name + side)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + side))
    return aside


def restore(db_path: Path, backup_path: Path, *, clock: Clock | None = None) -> Path | None:
    """Replace the database with a verified backup; returns where the old one went."""
    verify_backup(backup_path)
    staged = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup_path, staged)
    try:
        verify_backup(staged)
        aside = move_aside(db_path, "replaced", clock=clock)
        os.replace(staged, db_path)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()
    return aside


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
    state_path.write_text(
        json.dumps({"marker": marker, "at": clock.now().isoformat()}), encoding="utf-8"
    )
    rotate(dest_dir, db_path.stem, policy.retention)
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
    with _connection(db_path, read_only=True) as conn:
        try:
            return backup_if_due(
                conn, db_path, dest_dir, clock=clock, policy=policy, force_interval=force_interval
            )
        except sqlite3.DatabaseError as error:
            raise DamagedDatabaseError(f"The database cannot be read ({error}).") from error


@dataclass(frozen=True)
class Recovery:
    damaged_kept_at: Path | None
    restored_from: Path


def recover_from_backup(db_path: Path, dest_dir: Path, *, clock: Clock | None = None) -> Recovery:
    """Move a damaged database (and its journals) aside and restore the newest
    backup that passes its integrity check. The damaged file is never deleted
    and never rotated into the backups."""
    good = newest_good_backup(dest_dir, db_path.stem)
    if good is None:
        raise StoreError(
            f"No healthy backup of {db_path.name} was found in {dest_dir}. The damaged file "
            "has been left where it is; ask IT to look for an older copy."
        )
    aside = move_aside(db_path, "damaged", clock=clock)
    staged = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(good, staged)
    verify_backup(staged)
    os.replace(staged, db_path)
    return Recovery(aside, good)
