"""Disk full, read-only files and busy databases: clear messages, nothing partial."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from huddle.backup import integrity_problem
from huddle.errors import BusyError, ReadOnlyError, StorageFullError
from huddle.services import HuddleApp
from huddle.store import connection


def test_full_disk_fails_the_save_cleanly(app: HuddleApp) -> None:
    before = app.store.scalar("SELECT count(*) FROM action")
    pages = app.store.scalar("PRAGMA page_count")
    app.store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StorageFullError, match="disk .* is full"):
        for n in range(200):
            app.actions.create_action(title=f"Big {n}", detail="x" * 4000)
    saved = app.store.scalar("SELECT count(*) FROM action")
    audited = app.store.scalar("SELECT count(*) FROM audit WHERE entity = 'action'")
    assert audited == saved and saved >= before  # whole saves only
    assert integrity_problem(app.store.conn) is None
    app.store.conn.execute("PRAGMA max_page_count = 1073741823")
    app.actions.create_action(title="Works again once there is room")


def test_read_only_app_refuses_saves_with_a_clear_message(app: HuddleApp) -> None:
    app.close()
    with HuddleApp.open(app.path, read_only=True) as viewer:
        assert viewer.store.read_only
        assert len(viewer.setup.people()) == 7
        with pytest.raises(ReadOnlyError, match="read-only"):
            viewer.actions.create_action(title="Not allowed")


def test_a_short_lock_is_waited_out(app: HuddleApp) -> None:
    locked = threading.Event()

    def hold_lock_briefly() -> None:
        other = sqlite3.connect(app.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(0.4)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_lock_briefly)
    holder.start()
    locked.wait(5)
    try:
        app.actions.create_action(title="Saved once the other PC finished")
    finally:
        holder.join()
    assert [a.title for a in app.actions.actions()] == ["Saved once the other PC finished"]


def test_a_long_lock_gives_a_friendly_retry_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_template: Path
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "busy.db"
    path.write_bytes(migrated_template.read_bytes())
    app = HuddleApp.open(path)
    app.setup.create_ward(name="Busy ward")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BusyError, match="try again"):
            app.actions.create_action(title="Blocked")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert app.actions.actions() == []
    app.actions.create_action(title="Fine now")
    app.close()
