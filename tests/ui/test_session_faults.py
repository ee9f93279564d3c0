"""Faults the ward meets while the app is open: a file it may not write, a
database in the wrong place, a long lock from another PC, and the automatic
backups taken while it runs and when it closes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from huddle import backup, placement
from huddle.errors import ReadOnlyError
from huddle.services import HuddleApp
from ui.auto_backup import AutoBackup
from ui.context import ChangeBus, UiContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def shell_for(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def deny_writes(monkeypatch, target: Path) -> None:
    """As if this login had no write permission on ``target`` (tests run as root,
    where chmod would not stop a write)."""
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) == target and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


# -- read-only files and folders --------------------------------------------------------
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_file_this_login_cannot_write_opens_view_only_with_a_banner(
    qtbot, app, db_path, session_factory, monkeypatch, what
):
    deny_writes(monkeypatch, db_path if what == "file" else db_path.parent)
    window = shell_for(qtbot, session_factory(db_path))
    try:
        assert window.ctx.read_only
        assert window.banner.isVisible()
        expected = "not allowed to change" if what == "file" else "folder that holds"
        assert expected in window.banner.text() and "Ask IT" in window.banner.text()
        assert "has this ward open" not in window.banner.text()  # not someone else's
        assert not window.pages["today"].start_button.isEnabled()
        with pytest.raises(ReadOnlyError, match="read-only here, so nothing was saved"):
            window.session.app.actions.create_action(title="Not allowed")
        settings = window.show_page("settings")
        assert expected in settings.storage_card.mode.text()
        assert window.banner.isVisible()  # still there after moving between pages
    finally:
        window.close_session()


def test_a_writable_local_ward_has_no_banner(qtbot, app, db_path, session_factory):
    window = shell_for(qtbot, session_factory(db_path))
    try:
        assert not window.ctx.read_only and not window.banner.isVisible()
    finally:
        window.close_session()


# -- where the database lives ----------------------------------------------------------
def test_a_ward_in_a_synced_folder_is_warned_about(qtbot, app, db_path, tmp_path, session_factory):
    synced = tmp_path / "OneDrive - NHS Trust" / "ward.db"
    synced.parent.mkdir()
    app.close()
    shutil.copyfile(db_path, synced)
    window = shell_for(qtbot, session_factory(synced))
    try:
        assert not window.ctx.read_only
        assert window.banner.isVisible()
        assert "synced by OneDrive - NHS Trust" in window.banner.text()
    finally:
        window.close_session()


def test_a_ward_on_a_network_drive_is_warned_about(
    qtbot, app, db_path, session_factory, monkeypatch
):
    from huddle.store import connection

    monkeypatch.setattr(placement, "is_network_path", lambda path: True)
    monkeypatch.setattr(connection, "is_network_path", lambda path: True)
    app.close()
    window = shell_for(qtbot, session_factory(db_path))
    try:
        assert window.session.app.store.options.network  # rollback journal, exclusive
        assert "network drive" in window.banner.text() and window.banner.isVisible()
    finally:
        window.close_session()


# -- a long lock ----------------------------------------------------------------------
@pytest.fixture
def uncaught(monkeypatch) -> list[BaseException]:
    """Every exception that escaped to sys.excepthook or threading.excepthook."""
    escaped: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: escaped.append(error))
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))
    return escaped


def test_a_long_lock_keeps_the_typing_and_says_try_again(qtbot, app, no_blocking_dialogs, uncaught):
    from ui.pages.learning import LearningPage

    ctx = UiContext(app=app, bus=ChangeBus(app))
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    page = LearningPage(ctx)
    layout.addWidget(page)
    qtbot.addWidget(host)
    host.show()
    page.new_item()
    editor = page.editor
    editor.title.setText("Call bell out of reach")
    editor.texts["what_happened"].setPlainText("Found after the linen change in bay 3.")
    app.store.conn.execute("PRAGMA busy_timeout = 150")  # a short wait, as if 5 s had passed
    other = sqlite3.connect(app.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another PC holds the write lock
    try:
        assert editor.save() is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    title, options = no_blocking_dialogs[-1]
    assert title == "message" and "try again" in options["text"]
    assert "nothing you typed has been lost" in options["text"]
    assert editor.title.text() == "Call bell out of reach"
    assert editor.texts["what_happened"].toPlainText() == "Found after the linen change in bay 3."
    assert app.learning.items() == []
    saved = editor.save()  # the lock is gone: the same typing saves
    assert saved is not None and saved.title == "Call bell out of reach"
    assert uncaught == []


# -- automatic backups -----------------------------------------------------------------
@pytest.fixture
def auto(qtbot, ctx, clock, tmp_path):
    runner = TaskRunner()
    made = AutoBackup(
        ctx, default_folder=tmp_path / "machine-backups", runner=runner, clock=clock, interval_ms=50
    )
    yield made
    made.stop()
    runner.wait()


def run_check(qtbot, auto: AutoBackup) -> list:
    with qtbot.waitSignal(auto.backed_up, timeout=10_000) as blocker:
        auto.timer.timeout.emit()  # the hourly timer, triggered by hand
    return blocker.args[0]


def test_the_timer_backs_up_off_the_ui_thread_only_when_due(
    qtbot, app, auto, clock, tmp_path, uncaught
):
    folder = tmp_path / "machine-backups"
    first = run_check(qtbot, auto)
    assert first is not None and first.parent == folder
    backup.verify_backup(first)
    assert run_check(qtbot, auto) is None  # nothing changed since
    app.actions.create_action(title="A change")
    clock.advance(timedelta(hours=2))
    assert run_check(qtbot, auto) is None  # changed, but not a day yet
    clock.advance(timedelta(hours=22))
    second = run_check(qtbot, auto)
    assert second is not None and second != first
    assert [b.label for b in backup.list_backups(folder, "ward")] == ["auto", "auto"]
    assert uncaught == []


def test_the_wards_backup_folder_wins_and_closing_backs_up(qtbot, app, auto, clock, tmp_path):
    chosen = tmp_path / "ward-chosen"
    app.preferences.set("backup_folder", str(chosen))  # also a change worth backing up
    assert run_check(qtbot, auto).parent == chosen
    app.actions.create_action(title="Just before closing")
    clock.advance(timedelta(minutes=5))
    closing = auto.backup_on_close()  # any interval: the PC may be switched off next
    assert closing is not None and closing.parent == chosen
    with sqlite3.connect(closing) as copy:
        titles = [r[0] for r in copy.execute("SELECT title FROM action")]
    assert titles == ["Just before closing"]
    assert auto.backup_on_close() is None  # nothing new


def test_a_failing_backup_is_said_once(qtbot, app, auto, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    auto.default_folder = blocked
    auto.folder = blocked
    with qtbot.waitSignal(auto.failed, timeout=10_000) as blocker:
        auto.check()
    assert "Could not write the backup" in blocker.args[0]
    qtbot.waitUntil(lambda: not auto.running)
    with qtbot.assertNotEmitted(auto.failed, wait=200):
        auto.check()
        qtbot.waitUntil(lambda: not auto.running)


def test_a_read_only_copy_leaves_backups_to_the_copy_that_writes(qtbot, app, tmp_path, clock):
    viewer = HuddleApp.open(app.path, read_only=True, clock=clock)
    try:
        ctx = UiContext(app=viewer, bus=ChangeBus(viewer), read_only=True)
        auto = AutoBackup(ctx, default_folder=tmp_path / "b", runner=TaskRunner(), clock=clock)
        auto.start()
        assert not auto.timer.isActive() and auto.backup_on_close() is None
    finally:
        viewer.close()


def test_the_daily_deep_check_says_what_is_wrong_and_offers_a_good_backup(
    qtbot, app, auto, clock, tmp_path
):
    good = run_check(qtbot, auto)  # the first check: deep check passes, a backup is taken
    assert good is not None
    with app.store.transaction():  # a row changed outside the app (a database tool)
        app.store.execute("UPDATE person SET display_name = 'Someone else' WHERE rowid = 1")
    clock.advance(timedelta(days=1))
    with qtbot.waitSignal(auto.failed, timeout=10_000) as blocker:
        auto.timer.timeout.emit()
    message = blocker.args[0]
    assert "\n" not in message and "deep check" in message and good.name in message
    assert [b.path for b in backup.list_backups(good.parent, "ward")] == [good]  # none taken
