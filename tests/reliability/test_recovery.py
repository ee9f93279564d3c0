"""A damaged database at start: detected, kept aside, the newest good backup restored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from huddle import backup, restore
from huddle.clock import FixedClock
from huddle.errors import StoreError
from huddle.health import check_database
from huddle.placement import cloud_sync_client, placement_warnings
from huddle.services import HuddleApp


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "header":
        data[:100] = b"\x00" * 100
    elif how == "truncated":
        data = data[: len(data) // 3]
    elif how == "garbage pages":
        for start in range(4096 * 2, len(data), 4096 * 3):
            data[start : start + 4096] = b"\xa5" * min(4096, len(data) - start)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["header", "truncated", "garbage pages"])
def test_damage_is_detected_and_the_newest_good_backup_restored(
    app: HuddleApp, tmp_path: Path, clock: FixedClock, how: str
) -> None:
    for n in range(60):
        app.actions.create_action(title=f"Action {n}", detail="words " * 40)
    dest = tmp_path / "backups"
    good = backup.backup_database(app.path, dest, clock=clock)
    expected = sorted(r[0] for r in sqlite3.connect(good).execute("SELECT title FROM action"))
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    app.close()
    damage(app.path, how)
    assert not check_database(app.path).ok
    recovery = restore.recover_from_backup(app.path, dest, clock=clock)
    assert recovery.restored_from == good
    assert recovery.damaged_kept_at is not None and recovery.damaged_kept_at.exists()
    assert recovery.damaged_kept_at.parent != dest  # never rotated into backups
    assert check_database(app.path).ok
    with HuddleApp.open(app.path) as reopened:
        assert sorted(a.title for a in reopened.actions.actions()) == expected


def test_no_good_backup_leaves_everything_in_place(db_path: Path, tmp_path: Path) -> None:
    damage(db_path, "header")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="No healthy backup"):
        restore.recover_from_backup(db_path, tmp_path / "empty")
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "folder, client",
    [
        ("/home/sam/OneDrive - NHS Trust/ward", "OneDrive - NHS Trust"),
        ("/Users/sam/Dropbox/ward", "Dropbox"),
        ("/home/sam/Google Drive/ward", "Google Drive"),
        ("/var/lib/ward-huddle", None),
        ("/home/sam/boxes-of-things", None),
    ],
)
def test_cloud_synced_folders_are_recognised(folder: str, client: str | None) -> None:
    assert cloud_sync_client(Path(folder) / "ward.db") == client


def test_placement_warnings_explain_what_to_do(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "ward.db"
    [warning] = placement_warnings(synced)
    assert warning.code == "cloud_sync" and "outside synced folders" in warning.message
    assert placement_warnings(tmp_path / "ward.db") == []
