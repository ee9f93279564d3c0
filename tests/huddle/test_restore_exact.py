"""Restore gives back exactly what the backup holds (issue #13, item 3).

The backup is read through SQLite, so its ``-wal`` counts; a stale ``-wal`` of
the target is moved aside and never replayed onto the restored file; the result
is verified row for row; a backup from a newer version is refused up front.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from huddle import backup, restore
from huddle.clock import FixedClock
from huddle.errors import StoreError
from huddle.health import check_database
from huddle.services import HuddleApp
from tests.helpers.ward_versions import actions_in


def live_copy_with_wal(app: HuddleApp, folder: Path, name: str) -> Path:
    """Copy a live WAL database file by file, as a person might (with its -wal)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(app.path, target)
    shutil.copyfile(app.path.with_name(app.path.name + "-wal"), target.with_name(name + "-wal"))
    return target


def test_a_backup_with_a_wal_beside_it_is_restored_whole(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    app.store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(47):
        app.actions.create_action(title=f"Checkpointed {n}")
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for n in range(25):
        app.actions.create_action(title=f"Only in the log {n}")
    source = live_copy_with_wal(app, tmp_path / "copies", "ward-20260806-070000.db")
    app.close()
    target = tmp_path / "restored" / "ward.db"
    target.parent.mkdir()
    restore.restore(target, source, clock=clock)
    assert actions_in(target) == 72
    assert check_database(target).ok


def test_a_stale_wal_of_the_target_is_never_replayed_onto_the_restored_file(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    for n in range(47):
        app.actions.create_action(title=f"Backed up {n}")
    made = backup.backup_database(app.path, tmp_path / "b", clock=clock)
    app.store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(30):
        app.actions.create_action(title=f"After the backup {n}")
    wal = app.path.with_name(app.path.name + "-wal")
    stale = wal.read_bytes()
    app.store.conn.close()  # not app.close(): keep the log as a crash would
    wal.write_bytes(stale)
    app.path.unlink()  # ward.db lost, its -wal left behind
    assert wal.exists()
    restore.restore(app.path, made, clock=clock)
    assert actions_in(app.path) == 47
    assert check_database(app.path).ok
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_backup_from_a_newer_version_is_refused_up_front(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    made = backup.backup_database(app.path, tmp_path / "b", clock=clock)
    conn = sqlite3.connect(made)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ward_huddle', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    app.close()
    before = app.path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        restore.restore(app.path, made, clock=clock)
    assert app.path.read_bytes() == before
    assert not list(app.path.parent.glob("ward.replaced-*"))
