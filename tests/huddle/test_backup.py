"""Backups are consistent and verified, rotate sensibly, and restore exactly."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from huddle import backup, restore
from huddle.clock import FixedClock
from huddle.errors import DamagedDatabaseError, StoreError
from huddle.health import check_database
from huddle.services import HuddleApp


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    data = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    conn.close()
    return data


def test_backup_is_a_verified_consistent_copy(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    app.learning.record_learning(kind="excellence", title="Calm handover in a crisis")
    made = backup.backup_database(app.path, tmp_path / "b", clock=clock)
    assert made.name == "ward-20260806-080000.db"
    assert check_database(made).ok
    assert snapshot(made) == snapshot(app.path)
    assert not list((tmp_path / "b").glob(".*partial"))


def test_backup_while_another_connection_writes_passes_integrity(
    app: HuddleApp, tmp_path: Path
) -> None:
    stop = threading.Event()

    def writer() -> None:
        other = HuddleApp.open(app.path)
        n = 0
        while not stop.is_set() and n < 400:
            other.actions.create_action(title=f"Idea {n}", status="idea")
            n += 1
        other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        made = [backup.backup_database(app.path, tmp_path / "b", label=f"t{i}") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    for path in made:
        assert check_database(path).ok


def test_damaged_database_is_never_backed_up(db_path: Path, tmp_path: Path) -> None:
    with db_path.open("r+b") as handle:
        handle.write(b"garbage" * 10)
    with pytest.raises(DamagedDatabaseError):
        backup.backup_database(db_path, tmp_path / "b")
    assert not list((tmp_path / "b").glob("*.db")) if (tmp_path / "b").exists() else True


def test_restore_round_trips_exactly_and_keeps_the_current_file_aside(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    app.actions.create_action(title="Kept in the backup")
    made = backup.backup_database(app.path, tmp_path / "b", clock=clock)
    expected = snapshot(made)
    app.actions.create_action(title="Added after the backup")
    app.close()
    aside = restore.restore(app.path, made, clock=clock)
    restored = snapshot(app.path)
    # every record round-trips; only the sync device id is renewed (issue 18)
    old_state, new_state = dict(expected.pop("sync_state")), dict(restored.pop("sync_state"))
    assert restored == expected
    assert new_state["device_id"] != old_state["device_id"]
    assert aside is not None and aside.exists()
    titles = [r[0] for r in sqlite3.connect(aside).execute("SELECT title FROM action")]
    assert "Added after the backup" in titles


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    app: HuddleApp, tmp_path: Path
) -> None:
    bad = tmp_path / "ward-20260101-000000.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    app.close()
    before = snapshot(app.path)
    with pytest.raises(StoreError):
        restore.restore(app.path, bad)
    assert snapshot(app.path) == before


def make_backups(folder: Path, moments: list[datetime], template: Path) -> None:
    """Backups that pass their check (rotation never removes the newest good one)."""
    folder.mkdir(parents=True, exist_ok=True)
    for moment in moments:
        shutil.copyfile(template, folder / f"ward-{moment:%Y%m%d-%H%M%S}.db")


def test_rotation_keeps_daily_weekly_and_monthly(tmp_path: Path, db_path: Path) -> None:
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    # two backups a day for 400 days
    moments = [start + timedelta(hours=12 * i) for i in range(800)]
    make_backups(tmp_path, moments, db_path)
    backup.rotate(
        tmp_path,
        "ward",
        backup.Retention(daily=7, weekly=4, monthly=12),
        clock=FixedClock(moments[-1]),
    )
    kept = backup.list_backups(tmp_path, "ward")
    days = {b.taken_at.date() for b in kept}
    newest = moments[-1].date()
    assert {newest - timedelta(days=i) for i in range(7)} <= days
    assert len({b.taken_at.isocalendar()[:2] for b in kept}) >= 4
    assert len({(b.taken_at.year, b.taken_at.month) for b in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    # one backup per kept day: the newest of that day
    assert all(b.taken_at.hour == 12 for b in kept if b.taken_at.date() != newest)


def test_rotation_leaves_other_files_and_databases_alone(tmp_path: Path, db_path: Path) -> None:
    make_backups(tmp_path, [datetime(2025, 1, d, tzinfo=UTC) for d in range(1, 28)], db_path)
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "other-20250101-000000.db").write_bytes(b"")
    backup.rotate(tmp_path, "ward", backup.Retention(daily=2, weekly=0, monthly=0))
    assert (tmp_path / "notes.txt").exists() and (tmp_path / "other-20250101-000000.db").exists()
    assert len(backup.list_backups(tmp_path, "ward")) == 2


def test_newest_good_backup_skips_damaged_ones(app: HuddleApp, tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 8, 1, tzinfo=UTC))
    good = backup.backup_database(app.path, tmp_path, clock=clock)
    (tmp_path / "ward-20260805-000000.db").write_bytes(b"not a database at all" * 100)
    assert backup.newest_good_backup(tmp_path, "ward") == good


def test_health_check_finds_each_kind_of_damage(db_path: Path, tmp_path: Path) -> None:
    assert check_database(db_path).ok
    assert "no database" in check_database(tmp_path / "missing.db").problem
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert "empty" in check_database(empty).problem
    header = tmp_path / "header.db"
    header.write_bytes(b"\x00" * 100 + db_path.read_bytes()[100:])
    result = check_database(header)
    assert not result.ok and "not a readable database" in result.problem
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(db_path.read_bytes()[: len(db_path.read_bytes()) // 2])
    assert not check_database(truncated).ok
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    assert "not a Ward Huddle database" in check_database(foreign).problem


def test_restore_keeps_the_old_journals_with_the_old_file(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    made = backup.backup_database(app.path, tmp_path / "b", clock=clock)
    app.close()
    (app.path.parent / (app.path.name + "-shm")).write_bytes(b"shm")
    aside = restore.restore(app.path, made, clock=clock)
    assert aside is not None and aside.exists() and app.path.exists()
    assert (aside.parent / (aside.name + "-shm")).read_bytes() == b"shm"


def test_automatic_backup_only_after_changes_and_not_too_often(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    dest = tmp_path / "auto"
    policy = backup.AutoBackupPolicy(min_interval=timedelta(hours=4))
    conn = app.store.conn

    def due(**kwargs: bool) -> Path | None:
        return backup.backup_if_due(conn, app.path, dest, clock=clock, policy=policy, **kwargs)

    first = due()  # 08:00: never backed up
    assert first is not None and first.name.endswith("-auto.db")
    clock.advance(timedelta(hours=5))
    assert due() is None  # 13:00: long enough, but nothing changed
    app.actions.create_action(title="A change")
    assert due() is not None  # 13:00: changed and 5 hours on
    app.actions.create_action(title="Another change")
    clock.advance(timedelta(hours=1))
    assert due() is None  # 14:00: changed, but only an hour since the last
    closing = due(force_interval=True)  # closing the app: no minimum interval
    assert closing is not None
    assert due(force_interval=True) is None  # ...but still only after a change
    # thinning keeps the newest backup of each day
    assert [b.path for b in backup.list_backups(dest, "ward")] == [closing]


def test_automatic_backups_thin_out_over_a_year(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    dest = tmp_path / "auto"
    policy = backup.AutoBackupPolicy(
        min_interval=timedelta(hours=20), retention=backup.Retention(daily=7, weekly=4, monthly=12)
    )
    for day in range(400):
        app.actions.create_action(title=f"Change on day {day}")
        backup.backup_if_due(app.store.conn, app.path, dest, clock=clock, policy=policy)
        clock.advance(timedelta(days=1))
    kept = backup.list_backups(dest, "ward")
    assert 12 <= len(kept) <= 23
    assert kept[-1].taken_at.date() == (clock.now() - timedelta(days=1)).date()
    assert (kept[-1].taken_at - kept[0].taken_at).days >= 300


def test_the_quick_start_up_check_finds_header_and_truncation_damage(
    db_path: Path, tmp_path: Path
) -> None:
    assert check_database(db_path, thorough=False).ok
    data = db_path.read_bytes()
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(data[: len(data) // 2])
    assert "truncated" in check_database(truncated, thorough=False).problem
    header = tmp_path / "header.db"
    header.write_bytes(b"\x00" * 100 + data[100:])
    assert "header" in check_database(header, thorough=False).problem
