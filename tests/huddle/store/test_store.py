"""The store: storage rules, migrations, versions, audit and transactions."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from huddle.clock import FixedClock
from huddle.errors import ConflictError, DatabaseTooNewError, ReadOnlyError, StoreError
from huddle.services import HuddleApp
from huddle.store import open_store, records, schema
from huddle.store.preferences import audit_entries


def test_connection_follows_the_storage_rules(db_path: Path, clock: FixedClock) -> None:
    with open_store(db_path, clock=clock) as store:
        assert store.scalar("PRAGMA foreign_keys") == 1
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA synchronous") == 2  # FULL
        assert store.scalar("PRAGMA busy_timeout") >= 3000
        assert isinstance(store.db, sqlite_utils.Database)
        assert store.db.conn is store.conn


def test_network_path_uses_rollback_journal_and_exclusive_locking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    from huddle.store import connection

    monkeypatch.setattr(connection, "is_network_path", lambda path: True)
    with open_store(tmp_path / "net.db", clock=clock) as store:
        assert store.options.network
        assert store.scalar("PRAGMA journal_mode") == "delete"
        assert store.scalar("PRAGMA locking_mode") == "exclusive"


def test_unc_paths_count_as_network_paths() -> None:
    from huddle.store.connection import is_network_path

    assert is_network_path(Path("//fileserver/wards/ward.db"))
    assert not is_network_path(Path("/tmp/ward.db"))


def test_new_database_is_fully_migrated(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as store:
        assert schema.pending(store) == []
        assert schema.schema_version(store) == len(schema.known_names())
        assert store.scalar("PRAGMA user_version") == len(schema.known_names())
        tables = set(store.db.table_names())
        assert set(schema.DOMAIN_TABLES) <= tables
    # no backup is taken of a brand-new, empty file
    assert not (tmp_path / "backups").exists()


def test_database_from_a_newer_version_is_refused_unchanged(db_path: Path) -> None:
    with open_store(db_path) as store, store.transaction():
        store.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            (schema.MIGRATION_SET, "0999_from_the_future", "2030-01-01"),
        )
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def add_migration(monkeypatch: pytest.MonkeyPatch, migration: object) -> None:
    """Pretend this version ships one more migration."""
    from huddle.store import versions

    monkeypatch.setattr(
        schema.migrations, "_migrations", [*schema.migrations._migrations, migration]
    )
    monkeypatch.setattr(versions, "MIGRATION_NAMES", (*versions.MIGRATION_NAMES, migration.name))  # type: ignore[attr-defined]


def test_pending_migration_takes_a_backup_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    with open_store(db_path, clock=clock) as store, store.transaction():
        records.insert(store, "ward", {"name": "Before upgrade"})
    extra = schema.Migrations._Migration(
        "9000_test_add_column",
        lambda db: db.execute("ALTER TABLE ward ADD COLUMN test_extra TEXT"),
    )
    add_migration(monkeypatch, extra)
    with open_store(db_path, clock=clock) as store:
        assert "test_extra" in store.db["ward"].columns_dict
    backups = list((db_path.parent / "backups").glob("*pre-upgrade.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert "test_extra" not in [r[1] for r in old.execute("PRAGMA table_info(ward)")]
    assert old.execute("SELECT name FROM ward").fetchall() == [("Before upgrade",)]
    old.close()


def test_failing_migration_leaves_the_old_version_intact(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE ward ADD COLUMN half_done TEXT")
        raise RuntimeError("simulated failure half-way")

    extra = schema.Migrations._Migration("9001_broken", broken)
    add_migration(monkeypatch, extra)
    with pytest.raises(StoreError, match="left as it was"):
        open_store(db_path)
    monkeypatch.undo()
    with open_store(db_path) as store:
        assert "half_done" not in store.db["ward"].columns_dict
        assert schema.pending(store) == []
    assert list((db_path.parent / "backups").glob("*pre-upgrade.db"))


def test_insert_and_update_write_audit_rows_with_before_and_after(
    db_path: Path, clock: FixedClock
) -> None:
    with open_store(db_path, clock=clock, actor="sam@pc1") as store:
        with store.transaction():
            row = records.insert(store, "ward", {"name": "Ward 1"})
        with store.transaction():
            after = records.update(
                store, "ward", row["id"], {"name": "Ward One"}, expected_version=1
            )
        assert after["version"] == 2
        entries = audit_entries(store, entity="ward", entity_id=row["id"])
        assert [e.op for e in entries] == ["insert", "update"]
        assert entries[0].actor == "sam@pc1"
        assert entries[1].before is not None and entries[1].before["name"] == "Ward 1"
        assert entries[1].after is not None and entries[1].after["name"] == "Ward One"
        assert len(row["id"]) == 36  # UUID text
        assert entries[0].at.isoformat().startswith("2026-08-06T08:00:00")


def test_stale_update_raises_conflict_and_changes_nothing(db_path: Path) -> None:
    with open_store(db_path) as store:
        with store.transaction():
            row = records.insert(store, "ward", {"name": "Ward 1"})
        with store.transaction():
            records.update(store, "ward", row["id"], {"name": "First edit"}, expected_version=1)
        with pytest.raises(ConflictError) as caught, store.transaction():
            records.update(store, "ward", row["id"], {"name": "Stale edit"}, expected_version=1)
        assert caught.value.current["name"] == "First edit"
        assert store.scalar("SELECT name FROM ward") == "First edit"
        assert store.scalar("SELECT count(*) FROM audit WHERE op = 'update'") == 1


def test_failed_save_rolls_back_the_change_and_its_audit_row(db_path: Path) -> None:
    with open_store(db_path) as store:
        with pytest.raises(RuntimeError), store.transaction():
            records.insert(store, "ward", {"name": "Half"})
            raise RuntimeError("boom")
        assert store.scalar("SELECT count(*) FROM ward") == 0
        assert store.scalar("SELECT count(*) FROM audit") == 0


def test_audit_rows_cannot_be_changed_or_deleted(db_path: Path) -> None:
    with open_store(db_path) as store:
        with store.transaction():
            records.insert(store, "ward", {"name": "Ward 1"})
        with pytest.raises(StoreError, match="permanent"), store.transaction():
            store.execute("UPDATE audit SET actor = 'someone else'")
        with pytest.raises(StoreError, match="permanent"), store.transaction():
            store.execute("DELETE FROM audit")
        assert store.scalar("SELECT count(*) FROM audit") == 1


def test_writes_outside_a_transaction_are_refused(db_path: Path) -> None:
    with open_store(db_path) as store, pytest.raises(RuntimeError, match="transaction"):
        store.execute("DELETE FROM ward")


def test_read_only_store_refuses_writes(db_path: Path) -> None:
    with open_store(db_path, read_only=True) as store:
        assert store.read_only
        with pytest.raises(ReadOnlyError), store.transaction():
            pass


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    with open_store(db_path) as store:
        with pytest.raises(StoreError), store.transaction():
            records.insert(store, "person", {"ward_id": "no-such-ward", "display_name": "X"})
        assert store.scalar("SELECT count(*) FROM person") == 0


def test_damaged_header_is_reported_as_damaged(db_path: Path) -> None:
    from huddle.errors import DamagedDatabaseError

    with db_path.open("r+b") as handle:
        handle.write(b"this is not sqlite at all")
    with pytest.raises(DamagedDatabaseError, match="damaged"):
        open_store(db_path)


def test_audit_json_is_plain_json(db_path: Path) -> None:
    with open_store(db_path) as store:
        with store.transaction():
            records.insert(store, "ward", {"name": "Ward 1"})
        text = store.scalar("SELECT after_json FROM audit")
        assert json.loads(text)["name"] == "Ward 1"


def test_version_list_matches_the_registered_migrations() -> None:
    from huddle.store import versions

    assert schema.known_names() == list(versions.MIGRATION_NAMES)


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(app: HuddleApp) -> None:
    import subprocess
    import sys

    app.close()
    db_path = app.path
    code = (
        "import sys; from huddle.services import HuddleApp; "
        f"app = HuddleApp.open({str(db_path)!r}); app.board.today(); "
        "print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"


def test_nested_transactions_roll_back_only_the_inner_part(db_path: Path) -> None:
    with open_store(db_path) as store:
        with store.transaction():
            records.insert(store, "ward", {"name": "Outer"})
            with pytest.raises(RuntimeError), store.transaction():
                records.insert(store, "ward", {"name": "Inner"})
                raise RuntimeError("inner fails")
        assert [r["name"] for r in store.query("SELECT name FROM ward")] == ["Outer"]


def test_a_new_database_in_a_shared_folder_is_group_writable(tmp_path: Path) -> None:
    import os
    import stat

    shared = tmp_path / "ward-huddle"
    shared.mkdir()
    shared.chmod(0o2775)
    old_umask = os.umask(0o022)
    try:
        open_store(shared / "ward.db").close()
    finally:
        os.umask(old_umask)
    assert (shared / "ward.db").stat().st_mode & stat.S_IWGRP
    private = tmp_path / "mine"
    private.mkdir(mode=0o755)
    open_store(private / "ward.db").close()
    assert not (private / "ward.db").stat().st_mode & stat.S_IWGRP


def test_a_measures_points_are_read_with_only_the_columns_they_hold(app) -> None:
    """Today reads a ten-year measure's points at every start: the query fetches the
    record's own columns, not the bookkeeping ones, and the points are the same."""
    from huddle.domain import MeasurePoint
    from huddle.store import measures as measures_q
    from huddle.store.rows import from_rows

    measure = app.measures.define_measure(name="Falls", better="down", period="week")
    monday = app.clock.today() - timedelta(days=app.clock.today().weekday())
    for weeks_ago, value in ((3, 2.0), (2, 0.0), (1, 5.0)):
        app.measures.record_point(
            measure.id,
            period_start=monday - timedelta(weeks=weeks_ago),
            value=value,
            expected_version=None,
        )
    asked: list[str] = []
    app.store.conn.set_trace_callback(asked.append)
    every = measures_q.points(app.store, measure.id)
    latest = measures_q.points(app.store, measure.id, last=2)
    app.store.conn.set_trace_callback(None)
    whole_rows = app.store.query(
        "SELECT * FROM measure_point WHERE measure_id = ? ORDER BY period_start", (measure.id,)
    )
    assert every == from_rows(MeasurePoint, whole_rows)
    assert latest == every[-2:]
    reads = [sql for sql in asked if "FROM measure_point" in sql]
    assert len(reads) == 2
    assert not [sql for sql in reads if "created_at" in sql or "SELECT * FROM measure_point" in sql]
