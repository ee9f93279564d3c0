"""Sync in the app: the header line, a dead server costing the huddle nothing, both versions
side by side, and the Settings card's bundles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from huddle.services import HuddleApp
from huddle.sync.bundle import export_bundle
from tests.huddle.sync.pcs import open_pc
from ui.pages import settings_sync
from ui.sync_conflicts import ConflictsDialog

DEAD_SERVER = "postgresql://nobody@127.0.0.1:9/huddle"  # the discard port: nothing listens


def office_pc(app: HuddleApp, folder: Path) -> HuddleApp:
    """A second PC of the same ward, made from a bundle of the first."""
    made = export_bundle(
        app.store, ward_id=app.ward_id, out=folder / "all.bundle", since_last=False, trust_key=None
    )
    other = open_pc(folder / "office.db", hours_ahead=3)
    other.sync.import_bundles(paths=[made.path], trust_key=None)
    other.select_ward(app.ward_id)
    return other


def edited_on_both(app: HuddleApp, folder: Path) -> str:
    action = app.actions.create_action(title="Lock the drug fridge", origin="staff_idea")
    other = office_pc(app, folder)
    app.actions.update_action(action.id, expected_version=1, title="Lock the fridge at night")
    other.actions.update_action(action.id, expected_version=1, title="Label the fridge shelves")
    back = export_bundle(
        other.store, ward_id=other.ward_id, out=folder / "b.bundle", since_last=True, trust_key=None
    )
    app.sync.import_bundles(paths=[back.path], trust_key=None)
    return action.id


@pytest.fixture
def dead_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUDDLE_SERVER", DEAD_SERVER)


def test_a_dead_server_at_start_costs_the_huddle_nothing(dead_server, window, qtbot) -> None:
    badge = window.sync_badge
    qtbot.waitUntil(badge.isVisible)  # once Today has painted (start-up does not wait for it)
    qtbot.waitUntil(lambda: "server unreachable" in badge.text(), timeout=20_000)
    assert "changes waiting" in badge.text()
    app = window.ctx.app
    huddle = app.huddles.start_huddle()
    person = app.setup.people()[0]
    app.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
    app.huddles.finish_huddle(huddle.id)
    assert app.huddles.latest_finished().id == huddle.id
    # the sync after the huddle fails quietly too, off the UI thread
    qtbot.waitUntil(lambda: not window.background_sync.running, timeout=20_000)
    assert "server unreachable" in badge.text()


def test_without_a_server_the_header_says_nothing_about_sync(window) -> None:
    assert not window.sync_badge.isVisible()


def test_both_versions_side_by_side_and_a_choice_settles_it(window, qtbot, tmp_path: Path) -> None:
    app = window.ctx.app
    action = edited_on_both(app, tmp_path)
    badge = window.sync_badge
    qtbot.waitUntil(badge.isVisible)
    assert badge.text() == "1 record changed on two PCs"
    # the action itself says so on the board
    window.show_page("actions")
    page = window.page("actions")
    info = page.model.info(page.model.row_of(action))
    assert info.flags_text.startswith("Changed on two PCs")
    assert page.board.delegate.badges(info, 600)[0][0] == "CHANGED ON TWO PCS"
    dialog = ConflictsDialog(window, ctx=window.ctx)
    qtbot.addWidget(dialog)
    assert dialog.records.count() == 1
    assert dialog.records.item(0).text() == "Action: Lock the fridge at night"
    cells = [dialog.table.item(0, c).text() for c in range(3)]
    assert cells == ["Title", "Lock the fridge at night", "Label the fridge shelves"]
    dialog.grab().save(str(tmp_path / "conflict.png"))
    combo = dialog.table.cellWidget(0, 3)
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("The other PC")
    dialog.keep_mix.click()
    assert app.actions.action(action).title == "Label the fridge shelves"
    assert dialog.records.count() == 0
    qtbot.waitUntil(lambda: not badge.isVisible())
    qtbot.waitUntil(lambda: not page.model.info(page.model.row_of(action)).two_pcs)


def test_the_settings_card_saves_and_loads_bundles(
    window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_blocking_dialogs
) -> None:
    window.show_page("settings")
    card = window.page("settings").sync_card
    card.refresh()
    app = window.ctx.app
    assert card.device.text() == app.sync.status(None).device_id
    assert card.pending.text().endswith("changes")
    assert card.server.text().startswith("None set")
    out = tmp_path / "ward.huddle-sync"
    monkeypatch.setattr(
        settings_sync.BundleSaveChooser, "ask", classmethod(lambda cls, parent, **kw: str(out))
    )
    card.export_button.click()
    assert out.exists()
    assert no_blocking_dialogs[-1][1]["title"] == "Bundle saved"

    other = office_pc(app, tmp_path)
    other.actions.create_action(title="Hand gel at every bay", origin="staff_idea")
    back = export_bundle(
        other.store,
        ward_id=other.ward_id,
        out=tmp_path / "b.bundle",
        since_last=True,
        trust_key=None,
    )
    monkeypatch.setattr(
        settings_sync.BundleOpenChooser, "ask", classmethod(lambda cls, parent: [str(back.path)])
    )
    card.import_button.click()
    assert no_blocking_dialogs[-1][1]["title"] == "Bundles loaded"
    assert "Hand gel at every bay" in [a.title for a in app.actions.actions()]


def test_an_archive_undone_by_an_edit_elsewhere_is_noted_in_settings(
    window, qtbot, tmp_path: Path
) -> None:
    app = window.ctx.app
    action = app.actions.create_action(title="Lock the drug fridge", origin="staff_idea")
    other = office_pc(app, tmp_path)
    app.actions.archive_action(action.id, expected_version=1)
    other.actions.update_action(action.id, expected_version=1, title="Still needed: lock it")
    back = export_bundle(
        other.store,
        ward_id=other.ward_id,
        out=tmp_path / "b.bundle",
        since_last=True,
        trust_key=None,
    )
    app.sync.import_bundles(paths=[back.path], trust_key=None)
    assert not app.actions.action(action.id).archived
    window.show_page("settings")
    card = window.page("settings").sync_card
    card.refresh()
    assert card.notes.text() == (
        "Action: Still needed: lock it: archived on one PC and edited on another, so the edit "
        "was kept and it is no longer archived."
    )
