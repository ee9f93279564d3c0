"""Backups never displace good data (issue #13, item 1).

An empty, damaged, foreign or newer-schema database is never backed up; the
rotation never removes the newest backup that passes its check, anything newer
than it, or the newest good backup of the ward with the most records; a clock
set back removes nothing and overwrites nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from huddle import backup
from huddle.clock import FixedClock
from huddle.errors import DamagedDatabaseError
from huddle.health import check_database
from huddle.services import HuddleApp


def test_an_empty_file_is_never_backed_up_and_the_good_backup_stays(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    dest = tmp_path / "b"
    good = backup.backup_database(app.path, dest, clock=clock)
    app.close()
    for side in ("-wal", "-shm"):
        app.path.with_name(app.path.name + side).unlink(missing_ok=True)
    app.path.write_bytes(b"")
    clock.advance(timedelta(days=1))
    with pytest.raises(DamagedDatabaseError, match="empty"):
        backup.backup_database(app.path, dest, clock=clock)
    assert [b.path for b in backup.list_backups(dest, "ward")] == [good]
    assert check_database(good).ok


@pytest.mark.parametrize("kind", ["plain sqlite", "newer schema", "zero pages"])
def test_files_that_are_not_a_usable_ward_are_never_backed_up(
    db_path: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "other" / "ward.db"
    target.parent.mkdir()
    if kind == "plain sqlite":
        sqlite3.connect(target).execute("CREATE TABLE t (x)").connection.commit()
    elif kind == "newer schema":
        target.write_bytes(db_path.read_bytes())
        conn = sqlite3.connect(target)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('ward_huddle', '9999_from_the_future', '2030-01-01')"
        )
        conn.commit()
        conn.close()
    else:
        conn = sqlite3.connect(target)
        conn.execute("PRAGMA user_version = 1")
        conn.close()
    with pytest.raises(DamagedDatabaseError):
        backup.backup_database(target, tmp_path / "b")
    assert not list((tmp_path / "b").glob("*.db")) if (tmp_path / "b").exists() else True


def test_rotation_never_removes_the_last_backup_that_passes_its_check(
    app: HuddleApp, tmp_path: Path
) -> None:
    dest = tmp_path / "b"
    old = FixedClock(datetime(2026, 1, 1, 9, tzinfo=UTC))
    good = backup.backup_database(app.path, dest, clock=old)
    # forty newer "backups" that are damaged (a failing disk, say)
    for day in range(40):
        moment = datetime(2026, 3, 1, 9, tzinfo=UTC) + timedelta(days=day)
        (dest / f"ward-{moment:%Y%m%d-%H%M%S}-auto.db").write_bytes(b"\x00" * 4096)
    removed = backup.rotate(
        dest, "ward", backup.Retention(daily=2, weekly=1, monthly=1), clock=FixedClock(moment)
    )
    assert good.exists()
    assert good not in removed
    # and nothing newer than the newest good backup is removed either
    assert removed == []


def test_a_backup_of_an_empty_new_ward_never_displaces_a_ward_with_data(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    dest = tmp_path / "b"
    for n in range(30):
        app.actions.create_action(title=f"Action {n}")
    policy = backup.AutoBackupPolicy(retention=backup.Retention(daily=1, weekly=0, monthly=0))
    with_data = backup.backup_if_due(
        app.store.conn, app.path, dest, clock=clock, policy=policy, force_interval=True
    )
    assert with_data is not None
    app.close()
    # the ward's file is lost and a new, empty ward is opened in its place
    for path in app.path.parent.glob("ward.db*"):
        path.unlink()
    clock.advance(timedelta(hours=2))
    with HuddleApp.open(app.path, clock=clock) as empty:
        made = backup.backup_if_due(
            empty.store.conn, empty.path, dest, clock=clock, policy=policy, force_interval=True
        )
    assert made is not None
    assert with_data.exists(), "the backup of the ward with data was rotated away"
    titles = sqlite3.connect(with_data).execute("SELECT count(*) FROM action").fetchone()[0]
    assert titles == 30


def test_a_clock_set_back_years_removes_nothing_and_overwrites_nothing(
    app: HuddleApp, tmp_path: Path
) -> None:
    dest = tmp_path / "b"
    policy = backup.AutoBackupPolicy(retention=backup.Retention(daily=2, weekly=0, monthly=0))
    now = FixedClock(datetime(2026, 8, 1, 9, tzinfo=UTC))
    for day in range(3):
        app.actions.create_action(title=f"Day {day}")
        backup.backup_if_due(
            app.store.conn, app.path, dest, clock=now, policy=policy, force_interval=True
        )
        now.advance(timedelta(days=1))
    before = {b.path for b in backup.list_backups(dest, "ward")}
    # the CMOS battery dies: every start says 1 Jan 2001, 00:00
    dead = FixedClock(datetime(2001, 1, 1, 0, 0, tzinfo=UTC))
    made = []
    for n in range(4):
        app.actions.create_action(title=f"After the clock reset {n}")
        path = backup.backup_if_due(
            app.store.conn, app.path, dest, clock=dead, policy=policy, force_interval=True
        )
        assert path is not None
        made.append(path)
    after = {b.path for b in backup.list_backups(dest, "ward")}
    assert before | set(made) == after  # nothing removed, nothing written over
    assert len(set(made)) == 4
    for path in made:
        assert check_database(path).ok


def test_killed_backups_leave_no_partial_files_behind(app: HuddleApp, tmp_path: Path) -> None:
    dest = tmp_path / "b"
    dest.mkdir()
    left = dest / ".ward-20260101-000000.db.999999999.partial"
    left.write_bytes(b"half a copy")
    backup.backup_database(app.path, dest)
    assert not left.exists()
