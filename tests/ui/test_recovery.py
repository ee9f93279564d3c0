"""A damaged database at start: found, kept aside, the newest good backup offered."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from huddle import backup, health, restore
from huddle.clock import FixedClock
from huddle.health import EarlyCheck, check_database
from huddle.services import HuddleApp
from tests.huddle.test_restore_interrupted import damaged_ward_with_staged_recovery
from tests.reliability.test_recovery import damage
from ui import recovery


class Offers(list):
    """What RecoveryDialog offered; it answers ``answer`` (Restore by default)."""

    answer = True


@pytest.fixture
def offers(monkeypatch) -> Offers:
    seen = Offers()

    def ask(cls, parent, **options):
        seen.append(options)
        return seen.answer

    monkeypatch.setattr(recovery.RecoveryDialog, "ask", classmethod(ask))
    return seen


def ward_with_backups(app: HuddleApp, folder: Path, clock: FixedClock) -> tuple[Path, list[str]]:
    """Two backups: the older one healthy, the newer one damaged; then more saves."""
    for n in range(40):
        app.actions.create_action(title=f"Action {n}", detail="words " * 30)
    good = backup.backup_database(app.path, folder, clock=clock)
    titles = sorted(a.title for a in app.actions.actions())
    clock.advance(timedelta(hours=5))
    app.actions.create_action(title="After the good backup")
    bad = backup.backup_database(app.path, folder, clock=clock)
    damage(bad, "header")
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    app.close()
    return good, titles


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("how", ["header", "truncated", "garbage pages"])
def test_restore_is_offered_and_the_ward_opens(
    qtbot, app, clock, tmp_path, offers, no_blocking_dialogs, session_factory, how
):
    from ui.main_window import MainWindow

    folders = [tmp_path / "nowhere", tmp_path / "backups"]
    good, titles = ward_with_backups(app, folders[1], clock)
    damage(app.path, how)
    assert recovery.recover_at_start(app.path, folders, clock=clock)
    [offer] = offers
    assert offer["backup_file"] == good and offer["problem"]
    assert check_database(app.path).ok
    kept = list(app.path.parent.glob("ward.damaged-*.db"))
    assert len(kept) == 1 and not list(folders[1].glob("*damaged*"))  # never into backups
    assert "has been restored" in no_blocking_dialogs[-1][1]["text"]
    assert kept[0].name in no_blocking_dialogs[-1][1]["text"]
    window = MainWindow(session_factory(app.path))
    qtbot.addWidget(window)
    try:
        assert sorted(a.title for a in window.session.app.actions.actions()) == titles
    finally:
        window.close_session()


def test_declining_changes_nothing_and_explains(app, clock, tmp_path, offers, no_blocking_dialogs):
    ward_with_backups(app, tmp_path / "backups", clock)
    damage(app.path, "truncated")
    before = app.path.read_bytes()
    offers.answer = False  # "Close Ward Huddle"
    assert not recovery.recover_at_start(app.path, [tmp_path / "backups"], clock=clock)
    assert app.path.read_bytes() == before
    assert list(app.path.parent.glob("ward.damaged-*")) == []
    assert "closed without changing anything" in no_blocking_dialogs[-1][1]["text"]


def test_no_good_backup_explains_and_leaves_the_file(
    db_path, tmp_path, offers, no_blocking_dialogs
):
    damage(db_path, "header")
    before = db_path.read_bytes()
    assert not recovery.recover_at_start(db_path, [tmp_path / "backups"])
    assert offers == [] and db_path.read_bytes() == before
    assert "No healthy backup" in no_blocking_dialogs[-1][1]["text"]


def test_healthy_new_and_too_new_files_open_without_asking(
    db_path, tmp_path, offers, no_blocking_dialogs
):
    assert recovery.recover_at_start(db_path, [tmp_path])
    assert recovery.recover_at_start(tmp_path / "new.db", [tmp_path])
    (tmp_path / "empty.db").write_bytes(b"")
    assert recovery.recover_at_start(tmp_path / "empty.db", [tmp_path])
    assert offers == [] and no_blocking_dialogs == []


def test_the_dialog_says_what_happened_and_what_restoring_means(qtbot, tmp_path, clock):
    dialog = recovery.RecoveryDialog(
        None,
        problem="the file is not a readable database (file is not a database)",
        database=tmp_path / "ward.db",
        backup_file=tmp_path / "ward-20260806-080000.db",
        taken_at=clock.now(),
    )
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert "6 Aug 2026" in text and "not deleted" in text
    assert dialog.restore_button.isDefault()
    assert dialog.close_button.accessibleName().startswith("Close Ward Huddle")


def test_a_missing_ward_with_backups_is_never_replaced_by_an_empty_one(
    app, clock, tmp_path, offers, no_blocking_dialogs
):
    good, titles = ward_with_backups(app, tmp_path / "backups", clock)
    for path in app.path.parent.glob("ward.db*"):
        path.unlink()  # an interrupted recovery by an older version, or a deleted file
    assert recovery.recover_at_start(app.path, [tmp_path / "backups"], clock=clock)
    [offer] = offers
    assert offer["backup_file"] == good and "missing" in offer["problem"]
    with HuddleApp.open(app.path) as reopened:
        assert sorted(a.title for a in reopened.actions.actions()) == titles


def test_an_interrupted_recovery_is_finished_at_the_next_start(
    app, clock, tmp_path, offers, no_blocking_dialogs
):
    from huddle import restore

    good, titles = ward_with_backups(app, tmp_path / "backups", clock)
    damage(app.path, "header")
    restore.stage_copy(good, app.path)  # killed after staging and writing its intent,
    restore.intent_path(app.path).write_text('{"aside": "ward.damaged-x.db"}')  # before the swap
    assert recovery.recover_at_start(app.path, [tmp_path / "backups"], clock=clock)
    assert offers == []  # finished, not offered again
    assert check_database(app.path).ok
    assert (app.path.parent / "ward.damaged-x.db").exists()
    with HuddleApp.open(app.path) as reopened:
        assert sorted(a.title for a in reopened.actions.actions()) == titles


def test_the_check_begun_while_the_app_loads_finds_damage_as_at_start(
    app, clock, tmp_path, offers, no_blocking_dialogs
):
    """The app begins the quick check once the core is loaded and asks for its answer here."""
    good, _titles = ward_with_backups(app, tmp_path / "backups", clock)
    damage(app.path, "garbage pages")
    early = EarlyCheck(app.path)
    assert not early.result().ok and early.result() == check_database(app.path, thorough=False)
    assert recovery.recover_at_start(app.path, [tmp_path / "backups"], clock=clock, early=early)
    [offer] = offers
    assert offer["backup_file"] == good
    assert check_database(app.path).ok


def test_a_restore_finished_at_start_is_checked_afresh_not_by_the_early_check(
    app, clock, tmp_path, offers, no_blocking_dialogs, monkeypatch
):
    """The early check read the damaged file; the interrupted restore then swapped
    the verified copy in: what opens is the copy, and nothing needs offering."""
    damaged_ward_with_staged_recovery(app, tmp_path, clock)
    restore.intent_path(app.path).write_text('{"aside": "ward.damaged-x.db"}')
    check = health.check_database

    def slow_check(path, *, thorough=True):  # a ten-year ward: still reading at the swap
        time.sleep(0.3)
        return check(path, thorough=thorough)

    monkeypatch.setattr(health, "check_database", slow_check)
    early = EarlyCheck(app.path)
    swapped_after_the_check: list[bool] = []
    finish = restore.finish_interrupted_swap

    def finishing(path):
        # Windows refuses to replace a file another handle holds open
        swapped_after_the_check.append(early.finished)
        return finish(path)

    monkeypatch.setattr(restore, "finish_interrupted_swap", finishing)
    assert recovery.recover_at_start(app.path, [tmp_path / "backups"], clock=clock, early=early)
    assert swapped_after_the_check == [True]
    assert not early.result().ok  # what it saw: the damaged ward
    assert offers == [] and check_database(app.path).ok
