"""Behind the manager PIN on Settings: restoring a backup, purging archived
records, and the identifier guard on the ward's details."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from huddle.backup import backup_database
from huddle.errors import NotFoundError
from huddle.services import HuddleApp
from tests.ui.conftest import hold_by_someone_else, host_settings_page
from ui.identifier_guard import IdentifierWarning
from ui.pages.settings import SettingsPage
from ui.pages.settings_restore import HEALTHY, RestoreCard

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
LEFT = Qt.MouseButton.LeftButton
PIN = "482913"


@pytest.fixture
def page(qtbot, ctx) -> SettingsPage:
    made = host_settings_page(qtbot, ctx, height=1800)
    yield made
    made.restore_card.tasks.wait()


def checked(qtbot, card: RestoreCard) -> None:
    qtbot.waitUntil(
        lambda: not card.tasks.busy and all(r.health != "Checking…" for r in card.model.records()),
        timeout=5000,
    )


def asked(shown, kind: str) -> list[dict]:
    return [options for name, options in shown if name == kind]


def archived_action(app: HuddleApp):
    learning = app.learning.record_learning(kind="near_miss", title="Near miss", themes=["meds"])
    action = app.actions.create_action(title="Double-check", learning_ids=[learning.id])
    app.actions.add_progress_note(action.id, text="Started")
    action = app.actions.action(action.id)
    return learning, app.actions.archive_action(action.id, expected_version=action.version)


def count(app: HuddleApp, sql: str, *params: object) -> int:
    return int(app.store.scalar(sql, params))


# -- restoring --------------------------------------------------------------------
def test_restoring_from_settings_round_trips(
    qtbot, window, db_path: Path, pins, no_blocking_dialogs
) -> None:
    backup = backup_database(db_path, db_path.parent / "backups")
    window.ctx.app.manager.set_pin(new_pin=PIN)
    later = window.ctx.app.learning.record_learning(kind="compliment", title="Saved later")
    page = window.show_page("settings")
    card = page.restore_card
    checked(qtbot, card)
    QAbstractItemModelTester(card.model)
    assert [r.path for r in card.model.records()] == [backup]
    assert card.model.records()[0].health == HEALTHY
    assert not card.isEnabled()  # locked until the PIN is given

    pins.append(PIN)
    QTest.mouseClick(page.lock_strip.unlock_button, LEFT)
    assert card.isEnabled() and card.restore_button.isEnabled()
    QTest.mouseClick(card.restore_button, LEFT)

    question = asked(no_blocking_dialogs, "confirm")[0]["question"]
    assert "The ward will go back to how it was on " in question
    assert "kept aside in a file, not deleted" in question
    app = window.ctx.app  # the reopened ward
    assert app.path == db_path and window.session.app is app
    with pytest.raises(NotFoundError):
        app.learning.item(later.id)
    assert app.setup.ward().name  # the ward is there, from the backup
    aside = list(db_path.parent.glob(f"{db_path.stem}.replaced-*{db_path.suffix}"))
    assert len(aside) == 1
    with HuddleApp.open(aside[0]) as kept:
        assert kept.learning.item(later.id).title == "Saved later"  # aside, not deleted
    restored = asked(no_blocking_dialogs, "message")
    assert restored and restored[-1]["title"] == "Backup restored"
    assert str(aside[0]) in restored[-1]["text"]
    window.page("settings").restore_card.tasks.wait()


def test_no_restore_while_another_pc_has_the_ward(
    qtbot, window, db_path: Path, no_blocking_dialogs
) -> None:
    backup_database(db_path, db_path.parent / "backups")
    later = window.ctx.app.learning.record_learning(kind="compliment", title="Saved later")
    card = window.show_page("settings").restore_card
    checked(qtbot, card)
    hold_by_someone_else(db_path)
    QTest.mouseClick(card.restore_button, LEFT)
    assert asked(no_blocking_dialogs, "confirm") == []
    message = asked(no_blocking_dialogs, "message")[0]["text"]
    assert "Sam on WARD7-PC2 has this ward open" in message
    assert window.ctx.app.learning.item(later.id).title == "Saved later"
    assert not list(db_path.parent.glob(f"{db_path.stem}.replaced-*"))


def test_restore_needs_the_pin(
    qtbot, page, app: HuddleApp, db_path: Path, pins, no_blocking_dialogs
) -> None:
    backup_database(db_path, db_path.parent / "backups")
    app.manager.set_pin(new_pin=PIN)
    page.refresh()
    card = page.restore_card
    checked(qtbot, card)
    assert not card.isEnabled()
    card.restore_selected()  # however it is reached, Cancel at the PIN stops it
    assert pins.asked == ["Restoring a backup"]
    assert asked(no_blocking_dialogs, "confirm") == []
    assert not list(db_path.parent.glob(f"{db_path.stem}.replaced-*"))


def test_a_damaged_backup_is_shown_and_cannot_be_restored(qtbot, page, db_path: Path) -> None:
    folder = db_path.parent / "backups"
    good = backup_database(db_path, folder)
    bad = folder / f"{db_path.stem}-20990101-000000.db"
    bad.write_bytes(b"not a database" * 100)
    page.refresh()
    card = page.restore_card
    checked(qtbot, card)
    rows = card.model.records()
    assert [r.path for r in rows] == [bad, good]  # newest first
    assert rows[0].health == "Cannot be used" and rows[1].health == HEALTHY
    card.table.selectRow(0)
    assert not card.restore_button.isEnabled()
    card.table.selectRow(1)
    assert card.restore_button.isEnabled()


# -- purging --------------------------------------------------------------------
def test_purge_removes_an_archived_record_and_its_links(
    qtbot, page, app: HuddleApp, pins, no_blocking_dialogs
) -> None:
    learning, action = archived_action(app)
    app.manager.set_pin(new_pin=PIN)
    audit_before = count(app, "SELECT count(*) FROM audit")
    card = page.purge_card
    QAbstractItemModelTester(card.model)
    assert [(r.kind, r.title) for r in card.model.records()] == [("Action", "Double-check")]
    assert not card.isEnabled()

    pins.extend([PIN, PIN])  # once to unlock, once to purge
    QTest.mouseClick(page.lock_strip.unlock_button, LEFT)
    card.table.selectRow(0)
    QTest.mouseClick(card.purge_button, LEFT)

    assert "deleted for good" in asked(no_blocking_dialogs, "confirm")[0]["question"]
    assert len(pins.asked) == 2 and "Purging" in pins.asked[1]
    with pytest.raises(NotFoundError):
        app.actions.action(action.id)
    for table in ("progress_note", "action_learning"):
        assert count(app, f"SELECT count(*) FROM {table} WHERE action_id = ?", action.id) == 0
    assert app.learning.item(learning.id).title == "Near miss"
    assert count(app, "SELECT count(*) FROM audit") > audit_before  # audit rows stay
    assert (
        count(
            app,
            "SELECT count(*) FROM audit WHERE entity = 'action' AND op = 'delete' "
            "AND entity_id = ?",
            action.id,
        )
        == 1
    )
    assert card.model.records() == []


def test_purge_with_a_wrong_pin_keeps_the_record(
    qtbot, page, app: HuddleApp, pins, no_blocking_dialogs
) -> None:
    _learning, action = archived_action(app)
    app.manager.set_pin(new_pin=PIN)
    pins.extend([PIN, "000000"])
    assert page.gate.unlock(None)
    page.refresh()
    page.purge_card.table.selectRow(0)
    QTest.mouseClick(page.purge_card.purge_button, LEFT)
    assert "PIN is not right" in asked(no_blocking_dialogs, "message")[0]["text"]
    assert app.actions.action(action.id).archived


def test_purge_needs_the_pin(qtbot, page, app: HuddleApp, pins, no_blocking_dialogs) -> None:
    learning = app.learning.record_learning(kind="near_miss", title="Old near miss")
    app.learning.archive_learning(learning.id, expected_version=learning.version)
    app.manager.set_pin(new_pin=PIN)
    page.refresh()
    card = page.purge_card
    assert [r.title for r in card.model.records()] == ["Old near miss"]
    card.table.selectRow(0)
    card.purge_selected()  # Cancel at the PIN
    assert pins.asked == ["Purging archived records"]
    assert asked(no_blocking_dialogs, "confirm") == []
    assert app.learning.item(learning.id).archived


# -- the ward's details -----------------------------------------------------------
def test_ward_details_are_guarded(qtbot, page, app: HuddleApp, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        IdentifierWarning,
        "ask",
        classmethod(lambda cls, parent, *, text: shown.append(text) or False),
    )
    before = app.setup.ward().site
    page.ward_card.site.setText("Bed 4, 999 000 0018")
    QTest.mouseClick(page.ward_card.save_button, LEFT)
    assert len(shown) == 1 and "“Hospital or site”" in shown[0]
    assert app.setup.ward().site == before  # Edit chosen: nothing saved
