"""The change feed: a device id per database, every change numbered, renewed on restore."""

from __future__ import annotations

import shutil
from pathlib import Path

from huddle import backup, restore
from huddle.store import open_store
from huddle.sync import feed
from huddle.sync.changes import known_changes, pending_count
from tests.huddle.sync.pcs import new_ward, open_pc


def test_every_change_is_numbered_in_this_devices_sequence(tmp_path: Path) -> None:
    app = new_ward(tmp_path / "a.db")
    device = feed.device_id(app.store)
    changes = known_changes(app.store, app.ward_id)
    audits = app.store.scalar("SELECT count(*) FROM audit")
    assert len(changes) == audits > 5
    assert [c.seq for c in changes] == list(range(1, audits + 1))
    assert {c.device for c in changes} == {device}
    assert changes[0].entity == "ward" and changes[0].op == "insert"
    assert pending_count(app.store, app.ward_id) == audits


def test_two_databases_have_different_device_ids(tmp_path: Path) -> None:
    a, b = open_pc(tmp_path / "a.db"), open_pc(tmp_path / "b.db")
    assert feed.device_id(a.store) != feed.device_id(b.store)


def test_a_failed_save_leaves_no_number_behind(tmp_path: Path) -> None:
    app = new_ward(tmp_path / "a.db")
    before = known_changes(app.store, app.ward_id)
    try:
        with app.store.transaction():
            app.actions.create_action(title="Rolled back", origin="staff_idea")
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    app.actions.create_action(title="Next one", origin="staff_idea")
    after = known_changes(app.store, app.ward_id)
    assert [c.seq for c in after] == list(range(1, len(before) + 2))


def test_upgrading_an_old_database_puts_its_history_in_the_feed(tmp_path: Path) -> None:
    old = Path(__file__).parents[2] / "fixtures" / "schema-0001.db"
    path = tmp_path / "old.db"
    shutil.copyfile(old, path)
    with open_store(path) as store:
        audits = store.scalar("SELECT count(*) FROM audit")
        numbered = store.scalar("SELECT count(*) FROM sync_change")
        wards = [r["id"] for r in store.query("SELECT id FROM ward")]
    assert numbered == audits > 0  # every old change belongs to the one ward
    assert len(wards) == 1


def test_restoring_a_backup_renews_the_device_id(tmp_path: Path) -> None:
    app = new_ward(tmp_path / "a.db")
    old_device = feed.device_id(app.store)
    made = backup.backup_database(app.path, tmp_path / "backups")
    app.close()
    restore.restore(tmp_path / "a.db", made)
    again = open_pc(tmp_path / "a.db")
    assert feed.device_id(again.store) != old_device
    again.actions.create_action(title="After the restore", origin="staff_idea")
    newest = known_changes(again.store, again.ward_id)[-1]
    assert newest.device == feed.device_id(again.store) and newest.seq == 1
