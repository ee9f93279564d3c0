"""Putting a backup in the database's place: ``huddle restore`` and recovery at start.

The backup is read through SQLite (the backup API), so a backup with a ``-wal``
beside it gives everything it holds, not only what was checkpointed. The copy
is staged beside the database, verified (integrity, and the same row count in
every table as the source), and only then swapped in:

1. a small intent file records the swap (where the old one goes), written whole
   under a temporary name and renamed, so a kill leaves it whole or absent;
2. the old database is hard-linked to its aside name (so ``ward.db`` is never
   missing; where links are refused, copied whole under a temporary name and
   renamed, since the swap goes ahead once the aside name exists), and its
   ``-wal``/``-shm``/``-journal`` are moved beside it (a stale log must never
   be replayed onto the restored file);
3. the staged copy is renamed over the database in one step;
4. the intent file is removed.

Killed anywhere, the next start (or restore) calls
:func:`finish_interrupted_swap`: with a whole intent file, a staged copy that
is there is finished, one that is not is rolled back. An intent file that
cannot be read (cut short by an older version killed while writing it) says
only that the swap had not begun, since nothing moves before the file is
whole: it is rolled back, never finished under a guessed name. Nothing is ever
deleted except the staged copy of a swap that had not begun.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from huddle.backup import (
    SIDE_FILES,
    _connection,
    _fsync,
    _passes,
    _stamp,
    list_backups,
    newest_good_backup,
    put_whole,
    remove_partial_copies,
    verify_backup,
    write_whole,
)
from huddle.clock import Clock, SystemClock
from huddle.deep_check import deep_check
from huddle.errors import DamagedDatabaseError, StoreError
from huddle.integrity import backup_problem, integrity_problem


@dataclass(frozen=True)
class Recovery:
    damaged_kept_at: Path | None
    restored_from: Path


def staged_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.restoring")


def intent_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.swap.json")


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every ordinary table (the comparison a restore is verified by)."""
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def _remove_staged(db_path: Path) -> None:
    staged = staged_path(db_path)
    for path in (staged, *(staged.with_name(staged.name + side) for side in SIDE_FILES)):
        with contextlib.suppress(OSError):
            path.unlink()


def stage_copy(source_path: Path, db_path: Path) -> dict[str, int]:
    """Copy ``source_path`` through SQLite to the staging name beside ``db_path``,
    verify it row for row; returns the row counts."""
    staged = staged_path(db_path)
    _remove_staged(db_path)
    try:
        with _connection(source_path, read_only=True) as source:
            problem = backup_problem(source)
            if problem is not None:
                raise DamagedDatabaseError(f"{source_path.name} cannot be restored: {problem}.")
            expected = table_counts(source)
            with _connection(staged, read_only=False) as target:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                problem = integrity_problem(target)
                copied = table_counts(target)
        if problem is None and copied != expected:
            problem = "the copy does not hold the same rows as the backup"
        if problem is not None:
            raise DamagedDatabaseError(
                f"The copy of {source_path.name} failed its check ({problem})."
            )
        _fsync(staged)
    except sqlite3.Error as error:
        _remove_staged(db_path)
        raise StoreError(
            f"{source_path.name} could not be read to restore it ({error})."
        ) from error
    except OSError as error:
        _remove_staged(db_path)
        raise StoreError(
            f"The backup could not be copied into {db_path.parent} ({error.strerror or error})."
        ) from error
    except BaseException:
        _remove_staged(db_path)
        raise
    return expected


def _aside_name(db_path: Path, reason: str, clock: Clock) -> Path:
    aside = db_path.with_name(f"{db_path.stem}.{reason}-{_stamp(clock)}{db_path.suffix}")
    n = 1
    while aside.exists():
        aside = db_path.with_name(f"{db_path.stem}.{reason}-{_stamp(clock)}-{n}{db_path.suffix}")
        n += 1
    return aside


def _keep_aside(db_path: Path, aside: Path) -> None:
    """Give the current database its aside name too (it stays at ``db_path``),
    and move its journals beside the aside copy."""
    if db_path.exists() and not aside.exists():
        try:
            os.link(db_path, aside)
        except OSError:  # no hard links here (FAT, some shares): a whole copy instead,
            # since the swap goes ahead once the aside name exists
            put_whole(aside, lambda temporary: shutil.copyfile(db_path, temporary))
    for side in SIDE_FILES:
        journal = db_path.with_name(db_path.name + side)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + side))


def swap_in(db_path: Path, reason: str, *, clock: Clock | None = None) -> Path | None:
    """Swap the verified staged copy in; returns where the old database is kept."""
    aside = _aside_name(db_path, reason, clock or SystemClock())
    had_database = db_path.exists()
    intent = intent_path(db_path)
    write_whole(intent, json.dumps({"aside": aside.name}))
    _keep_aside(db_path, aside)
    os.replace(staged_path(db_path), db_path)
    _fsync(db_path.parent)
    intent.unlink()
    return aside if had_database else None


def noted_aside(db_path: Path) -> Path | None:
    """Where the intent file says the old database goes; None unless the file is
    whole and names a file beside the database (never the database itself)."""
    try:
        name = json.loads(intent_path(db_path).read_text(encoding="utf-8"))["aside"]
        aside = db_path.with_name(name)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if aside == db_path or not name.startswith(f"{db_path.stem}."):
        return None
    return aside


def finish_interrupted_swap(db_path: Path) -> str | None:
    """Finish or roll back a restore that was killed; says which, or None if none."""
    intent = intent_path(db_path)
    # a note or an aside copy killed while written is never taken for one
    remove_partial_copies(db_path.parent, f".{glob.escape(db_path.stem)}.*.partial")
    if not intent.exists():
        _remove_staged(db_path)  # a staging that never reached the swap
        return None
    aside = noted_aside(db_path)
    staged = staged_path(db_path)
    if staged.exists():
        if aside is None or not _passes(staged):
            _remove_staged(db_path)
            intent.unlink()
            return "rolled back"
        _keep_aside(db_path, aside)
        os.replace(staged, db_path)
        _fsync(db_path.parent)
        intent.unlink()
        return "finished"
    intent.unlink()  # the swap had completed; only the note was left
    return "finished"


def restore(db_path: Path, backup_path: Path, *, clock: Clock | None = None) -> Path | None:
    """Replace the database with a verified copy of a backup, read through SQLite;
    returns where the old one is kept. Verifies the result before returning."""
    if not db_path.parent.is_dir():
        raise StoreError(f"There is no folder {db_path.parent} to restore into.")
    if db_path.exists() and not db_path.is_file():
        raise StoreError(f"{db_path} is a folder, not a ward database; give the .db file.")
    finish_interrupted_swap(db_path)
    verify_backup(backup_path)
    expected = stage_copy(backup_path, db_path)
    renew_device_after_restore(staged_path(db_path))
    aside = swap_in(db_path, "replaced", clock=clock)
    with _connection(db_path, read_only=True) as restored:
        problem = integrity_problem(restored)
        if problem is None and table_counts(restored) != expected:
            problem = "it does not hold the same rows as the backup"
    if problem is not None:
        raise DamagedDatabaseError(
            f"The restored database failed its check ({problem}); the previous file is kept "
            f"at {aside}."
        )
    return aside


def renew_device_after_restore(db_path: Path) -> None:
    """A restored copy must not number new changes in the sync sequence the
    original may already have used (on this PC or another): a new device id."""
    from huddle.sync.feed import renew_after_restore

    renew_after_restore(db_path)


def recover_from_backup(db_path: Path, dest_dir: Path, *, clock: Clock | None = None) -> Recovery:
    """Restore the newest backup that passes its check over a damaged database,
    which is kept beside it (never deleted, never rotated into the backups)."""
    finish_interrupted_swap(db_path)
    good = newest_good_backup(dest_dir, db_path.stem)
    if good is None:
        raise StoreError(
            f"No healthy backup of {db_path.name} was found in {dest_dir}. The damaged file "
            "has been left where it is; ask IT to look for an older copy."
        )
    return recover_from(db_path, good, clock=clock)


def recover_from(db_path: Path, good: Path, *, clock: Clock | None = None) -> Recovery:
    """Restore ``good`` over a damaged database: staged and verified first, then swapped."""
    stage_copy(good, db_path)
    renew_device_after_restore(staged_path(db_path))
    aside = swap_in(db_path, "damaged", clock=clock)
    return Recovery(aside, good)


def newest_backup_passing_deep_check(folder: Path, stem: str) -> Path | None:
    """The newest backup of ``stem`` in ``folder`` that passes ``check --deep``."""
    for found in reversed(list_backups(folder, stem)):
        if deep_check(found.path).ok:
            return found.path
    return None


def deep_check_with_offer(path: Path, backup_folder: Path) -> str | None:
    """None when ``path`` passes the deep check; else one line saying what is wrong
    and naming the newest backup that passes it (what the app shows)."""
    from huddle.errors import HuddleError

    result = deep_check(path)
    if result.ok:
        return None
    try:
        good = newest_backup_passing_deep_check(backup_folder, path.stem)
    except (HuddleError, OSError):
        good = None
    offer = (
        f" The newest backup that passes this check is {good.name}: restore it in "
        "Settings, Backups (manager PIN)."
        if good
        else " No backup passes this check; ask IT."
    )
    return f"The deep check of the ward's data failed: {result.problem}.{offer}"
