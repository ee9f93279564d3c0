"""The manager PIN in the app: what it locks, unlocking for ten minutes, wrong
tries, and the audit trail a manager reads and exports."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from huddle.services import HuddleApp
from tests.ui.conftest import host_settings_page
from ui import audit_view
from ui.pages.settings import SettingsPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def page(qtbot, ctx) -> SettingsPage:
    return host_settings_page(qtbot, ctx, height=1600)


def locked(page: SettingsPage) -> bool:
    return not any(card.isEnabled() for card in page.guarded_cards)


def set_pin(page: SettingsPage, pin: str = "482913") -> None:
    card = page.manager_card
    card.new_pin.setText(pin)
    card.repeat_pin.setText(pin)
    card.save_button.click()


def test_without_a_pin_nothing_is_locked(page, pins):
    assert not locked(page) and page.lock_strip.isHidden()
    assert "No manager PIN is set" in page.manager_card.state.text()
    assert page.gate.unlock(page) and pins.asked == []


def test_setting_a_pin_then_locking_guards_settings_team_and_agendas(
    page, pins, app, no_blocking_dialogs
):
    set_pin(page)
    assert app.manager.status().is_set
    assert "manager PIN is saved" in no_blocking_dialogs[-1][1]["text"]
    assert not locked(page)  # whoever just set it is at the PC
    assert "unlocked until" in page.manager_card.state.text()
    page.manager_card.lock_button.click()
    assert locked(page) and page.lock_strip.isVisibleTo(page)
    assert not page.roster_card.add_button.isEnabled()
    assert not page.ward_card.save_button.isEnabled()


def test_the_right_pin_unlocks_for_ten_minutes(page, pins, app, clock):
    app.manager.set_pin(new_pin="482913")
    page.refresh()
    assert locked(page)
    pins.append("482913")
    page.lock_strip.unlock_button.click()
    assert pins.asked == ["Changing the ward's settings"]
    assert not locked(page) and page.relock_timer.isActive()
    clock.advance(timedelta(minutes=9))
    page.relock_timer.timeout.emit()
    assert not locked(page)
    clock.advance(timedelta(minutes=2))
    page.relock_timer.timeout.emit()
    assert locked(page)


def test_wrong_pins_say_so_then_wait(page, pins, app, no_blocking_dialogs):
    app.manager.set_pin(new_pin="482913")
    page.refresh()
    pins.extend(["111111", "222222", "333333", "482913"])
    for _ in range(4):
        page.lock_strip.unlock_button.click()
    texts = [options["text"] for _, options in no_blocking_dialogs]
    assert texts[:3] == [texts[0]] * 3 and "not right" in texts[0]
    assert "Too many wrong PINs. Try again in 2 seconds" in texts[3]
    assert locked(page)
    page.lock_strip.unlock_button.click()  # cancelled: nothing happens
    assert locked(page) and len(no_blocking_dialogs) == 4


def test_changing_the_pin_needs_the_current_one(page, pins, app):
    set_pin(page, "482913")
    card = page.manager_card
    assert card.current_pin.isVisibleTo(card)
    card.current_pin.setText("000000")
    set_pin(page, "555555")
    assert card.errors.visible_text() == {"current_pin": "The current PIN is not right."}
    card.current_pin.setText("482913")
    card.new_pin.setText("555555")
    card.repeat_pin.setText("5556")
    card.save_button.click()
    assert "not the same" in card.errors.visible_text()["new_pin"]
    card.current_pin.setText("482913")
    set_pin(page, "555555")
    assert app.manager.verify("555555")


def test_the_audit_trail_asks_for_the_pin(page, pins, app, monkeypatch):
    opened = []
    monkeypatch.setattr(
        audit_view.AuditDialog, "ask", classmethod(lambda cls, ctx, parent=None: opened.append(ctx))
    )
    app.manager.set_pin(new_pin="482913")
    page.refresh()
    pins.append(None)
    page.manager_card.audit_button.click()
    assert opened == [] and pins.asked == ["Reading the audit trail"]
    pins.append("482913")
    page.manager_card.audit_button.click()
    assert len(opened) == 1


def test_read_only_settings_stay_read_only_when_unlocked(qtbot, app, pins):
    from ui.context import ChangeBus, UiContext

    ctx = UiContext(app=app, bus=ChangeBus(app), read_only=True)
    made = SettingsPage(ctx)
    qtbot.addWidget(made)
    made.refresh()
    assert not made.ward_card.save_button.isEnabled()
    assert made.lock_strip.isHidden()


# -- the audit trail -----------------------------------------------------------------
@pytest.fixture
def view(qtbot, ctx, app: HuddleApp) -> audit_view.AuditView:
    action = app.actions.create_action(title="Move the sharps bin", detail="=cmd|' /C calc'!A0")
    app.actions.update_action(
        action.id, expected_version=action.version, title="Move the sharps bin to bay 2"
    )
    app.learning.record_learning(kind="excellence", title="Swift sepsis response")
    made = audit_view.AuditView(ctx)
    qtbot.addWidget(made)
    made.resize(1100, 700)
    return made


def test_the_trail_is_newest_first_and_readable(view, app):
    QAbstractItemModelTester(view.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    ids = [line.id for line in view.model.records()]
    assert ids == sorted(ids, reverse=True) and len(ids) > 10
    assert view.model.record(0).entity in {"learning_theme", "learning_item"}
    assert "6 Aug 2026" in view.model.index(0, view.model.WHEN).data()
    assert "6 Aug 2026" in view.count.text()


def test_filtering_by_record_type_and_day(view, app, clock):
    view.entity.setCurrentIndex(view.entity.findData("action"))
    shown = view.model.records()
    assert [line.op for line in shown] == ["update", "insert"]
    view.table.selectRow(0)
    text = view.detail.toPlainText()
    assert "before: ‘Move the sharps bin’" in text
    assert "after:  ‘Move the sharps bin to bay 2’" in text
    view.since.setDate(view.since.date().addDays(40))  # after today: nothing
    assert view.model.rowCount() == 0 and view.detail.toPlainText() == ""


def test_export_writes_the_filtered_trail_as_safe_csv(
    view, monkeypatch, tmp_path: Path, no_blocking_dialogs
):
    out = tmp_path / "audit.csv"
    monkeypatch.setattr(
        audit_view.SaveFileChooser, "ask", classmethod(lambda cls, parent, **options: str(out))
    )
    view.entity.setCurrentIndex(view.entity.findData("action"))
    view.export_button.click()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3 and rows[1][4] == "Changed" and rows[2][4] == "Added"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert f"Saved {out}" in no_blocking_dialogs[-1][1]["text"]


def test_screens_render(page, view, tmp_path, pins, app):
    page.grab().save(str(tmp_path / "settings.png"))
    view.grab().save(str(tmp_path / "audit.png"))
    assert (tmp_path / "settings.png").stat().st_size > 0


def test_the_banner_says_when_it_cleared_the_pin(app, ctx) -> None:
    from huddle.cli.main import main
    from ui.session import banner_text

    app.manager.set_pin(new_pin="482913")
    assert main(["reset-pin", "--db", str(app.path)]) == 0
    assert "cleared from the command line" in banner_text(ctx)
    app.manager.set_pin(new_pin="555555")
    assert "cleared" not in banner_text(ctx)
