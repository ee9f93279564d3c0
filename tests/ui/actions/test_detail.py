"""The action detail: edits save through the service, undo, conflicts, notes, PDSA."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from huddle.domain import ActionStatus, PdsaDecision
from huddle.services import HuddleApp
from tests.helpers import pages
from ui.actions import conflict_dialog
from ui.actions.conflict_dialog import KEEP_MINE, TAKE_THEIRS, ConflictDialog, describe
from ui.pages.actions import DETAIL, ActionsPage


def open_page(qtbot, ctx) -> ActionsPage:
    return pages.open_page(qtbot, ActionsPage, ctx, size=(1600, 950), refresh=False)


@pytest.fixture
def page(qtbot, ctx):
    return open_page(qtbot, ctx)


@pytest.fixture
def conflicts(monkeypatch):
    """Records what the conflict dialog was shown; answers from ``conflicts.answer``."""

    class Seen(list):
        answer = TAKE_THEIRS

    seen = Seen()

    def ask(cls, parent, *, what, mine, theirs, when=""):
        seen.append({"what": what, "mine": dict(mine), "theirs": dict(theirs)})
        return seen.answer

    monkeypatch.setattr(conflict_dialog.ConflictDialog, "ask", classmethod(ask))
    return seen


def opened(page, ctx, **fields):
    action = ctx.app.actions.create_action(**{"title": "Falls signage", **fields})
    page.refresh()
    page.open_action(action.id)
    assert page.views.currentIndex() == DETAIL
    return action


def test_editing_saves_through_the_service_and_undo_restores(qtbot, page, ctx):
    action = opened(page, ctx)
    detail = page.detail
    detail.title.setText("Falls signage on every bay door")
    detail.owner.setEditText("Ben T")
    detail.has_due.setChecked(True)
    detail.due.setDate(QDate(2026, 9, 1))
    detail.priority.setCurrentIndex(detail.priority.findText("High"))
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    saved = ctx.app.actions.action(action.id)
    ben = next(p for p in ctx.app.setup.people() if p.display_name == "Ben T")
    assert (saved.title, saved.owner_id, saved.due_on, saved.priority.value) == (
        "Falls signage on every bay door",
        ben.id,
        date(2026, 9, 1),
        "high",
    )
    assert page.model.action(action.id).title == "Falls signage on every bay door"
    page.stack_undo.undo()
    restored = ctx.app.actions.action(action.id)
    assert (restored.title, restored.owner_id, restored.due_on, restored.priority.value) == (
        "Falls signage",
        None,
        None,
        "normal",
    )
    assert detail.title.text() == "Falls signage"
    page.stack_undo.redo()
    assert ctx.app.actions.action(action.id).title == "Falls signage on every bay door"


def test_free_text_owner_is_kept_as_text(qtbot, page, ctx):
    action = opened(page, ctx)
    page.detail.owner.setEditText("Pharmacy team")
    page.detail.save()
    saved = ctx.app.actions.action(action.id)
    assert (saved.owner_id, saved.owner_text) == (None, "Pharmacy team")


def test_a_change_elsewhere_shows_both_versions_and_overwrites_nothing(
    qtbot, page, ctx, db_path, clock, conflicts
):
    action = opened(page, ctx)
    other = HuddleApp.open(db_path, clock=clock, actor="other@ward-pc2")
    try:
        other.actions.update_action(
            action.id, expected_version=action.version, title="Falls signage (estates fitting)"
        )
    finally:
        other.close()
    page.detail.title.setText("Falls signage, laminated")
    assert page.detail.save() is None
    assert len(conflicts) == 1
    assert conflicts[0]["mine"]["title"] == "Falls signage, laminated"
    assert conflicts[0]["theirs"]["title"] == "Falls signage (estates fitting)"
    assert ctx.app.actions.action(action.id).title == "Falls signage (estates fitting)"
    assert page.detail.title.text() == "Falls signage (estates fitting)"  # shows theirs now
    assert not page.stack_undo.canUndo()


def test_keep_mine_applies_my_change_on_the_newer_version(
    qtbot, page, ctx, db_path, clock, conflicts
):
    action = opened(page, ctx)
    conflicts.answer = KEEP_MINE
    other = HuddleApp.open(db_path, clock=clock, actor="other@ward-pc2")
    try:
        other.actions.update_action(
            action.id, expected_version=action.version, detail="Estates will fit them"
        )
    finally:
        other.close()
    page.detail.title.setText("Falls signage, laminated")
    page.detail.save()
    saved = ctx.app.actions.action(action.id)
    assert (saved.title, saved.detail) == ("Falls signage, laminated", "Estates will fit them")
    assert conflicts[0]["mine"]["detail"] == "Estates will fit them"  # only my field differs


def test_conflict_dialog_marks_the_differences(qtbot):
    people = {"p1": "Ben T"}
    mine = describe({"title": "A", "owner_id": "p1", "status": "planned", "due_on": None}, people)
    theirs = describe(
        {"title": "B", "owner_text": "Pharmacy", "status": "done", "due_on": "2026-08-06"}, people
    )
    dialog = ConflictDialog(None, what="A", mine=mine, theirs=theirs)
    qtbot.addWidget(dialog)
    assert set(dialog.differences) == {"title", "owner", "status", "due_on"}
    assert theirs["due_on"] == "6 Aug 2026" and mine["owner"] == "Ben T"


def test_a_note_is_added_with_its_huddle(qtbot, page, ctx):
    action = opened(page, ctx)
    huddle = ctx.app.huddles.start_huddle()
    page.detail.show_action(ctx.app.actions.action(action.id))
    page.detail.notes.note.setPlainText("Estates have the signs")
    qtbot.mouseClick(page.detail.notes.add_note_button, Qt.MouseButton.LeftButton)
    notes = ctx.app.actions.progress_notes(action.id)
    assert notes[-1].text == "Estates have the signs" and notes[-1].huddle_id == huddle.id
    shown = page.detail.notes.timeline.item(page.detail.notes.timeline.count() - 1).text()
    assert "daily safety huddle of 6 Aug 2026" in shown and "Estates have the signs" in shown


def test_status_buttons_in_the_detail_move_it(qtbot, page, ctx):
    action = opened(page, ctx)
    qtbot.mouseClick(
        page.detail.status_buttons[ActionStatus.IN_PROGRESS], Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: ctx.app.actions.action(action.id).status is ActionStatus.IN_PROGRESS)
    qtbot.waitUntil(lambda: "In progress" in page.detail.status_line.text())


def test_pdsa_cycle_added_annotates_the_linked_measure_and_adapt_offers_the_next(qtbot, page, ctx):
    falls = ctx.app.measures.define_measure(name="Falls per 1,000 bed days", better="down")
    action = opened(page, ctx)
    detail = page.detail
    detail.measure_pick.setCurrentIndex(detail.measure_pick.findData(falls.id))
    detail.link_measure()
    assert ctx.app.actions.action(action.id).measure_ids == (falls.id,)
    panel = detail.pdsa
    assert "Falls per 1,000 bed days" in panel.marks.text()
    panel.plan.setPlainText("Signs on nights for two weeks")
    panel.prediction.setPlainText("Fewer falls at night")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    cycles = ctx.app.actions.cycles(action.id)
    assert [(c.number, c.plan, c.prediction) for c in cycles] == [
        (1, "Signs on nights for two weeks", "Fewer falls at night")
    ]
    notes = ctx.app.measures.annotations(falls.id)
    assert [n.pdsa_id for n in notes] == [cycles[0].id]
    assert panel.open_box.isVisibleTo(panel) and not panel.start_box.isVisibleTo(panel)
    panel.do.setPlainText("Ran 12 nights")
    panel.study.setPlainText("2 falls against 5 before")
    next(b for b in panel.decisions.buttons() if b.property("decision") == "adapt").setChecked(True)
    qtbot.mouseClick(panel.finish_button, Qt.MouseButton.LeftButton)
    done = ctx.app.actions.cycles(action.id)[0]
    assert (done.do, done.study, done.act) == (
        "Ran 12 nights",
        "2 falls against 5 before",
        PdsaDecision.ADAPT,
    )
    assert panel.start_box.isVisibleTo(panel)
    assert panel.start_button.text() == "Start cycle 2"
    assert panel.plan.toPlainText().startswith("Adapted from cycle 1")


def test_pdsa_history_comes_first_and_a_done_action_offers_no_new_cycle(qtbot, page, ctx):
    """The history had about 100 px under an empty "Start cycle 3" form, even when done."""
    actions = ctx.app.actions
    action = actions.create_action(title="Falls signage", status="in_progress")
    for number, act in ((1, "adapt"), (2, "adopt")):
        cycle = actions.start_cycle(action.id, plan=f"Test {number}", prediction="Fewer falls")
        actions.record_cycle(
            cycle.id, expected_version=cycle.version, do="Ran it", study="Better", act=act
        )
    page.refresh()
    page.open_action(action.id)
    panel = page.detail.pdsa
    page.detail.tabs.setCurrentWidget(panel)
    QApplication.processEvents()
    assert not panel.start_box.isVisibleTo(panel)  # folded: the history keeps the room
    assert panel.new_cycle_button.isVisibleTo(panel)
    assert panel.new_cycle_button.text() == "Start cycle 3…"
    assert panel.history_scroll.height() > panel.height() * 0.6
    qtbot.mouseClick(panel.new_cycle_button, Qt.MouseButton.LeftButton)
    assert panel.start_box.isVisibleTo(panel) and panel.start_button.text() == "Start cycle 3"
    fresh = actions.action(action.id)
    actions.change_status(
        action.id, status="done", expected_version=fresh.version, note="Signs in every bay"
    )
    page.refresh()
    page.open_action(action.id)
    QApplication.processEvents()
    assert not panel.start_box.isVisibleTo(panel)
    assert not panel.new_cycle_button.isVisibleTo(panel)  # done: nothing more to start
    assert panel.history_scroll.height() > panel.height() * 0.8


def test_read_only_detail_cannot_be_edited(qtbot, ctx):
    action = ctx.app.actions.create_action(title="Falls signage")
    ctx.read_only = True
    page = open_page(qtbot, ctx)
    page.open_action(action.id)
    assert page.detail.title.isReadOnly()
    assert not page.detail.save_button.isEnabled()
    assert not page.detail.pdsa.start_button.isEnabled()
    assert page.detail.save() is None


def test_no_field_is_left_over_from_the_action_shown_before(page, ctx, app):
    """An idea with no due date showed the last action's date, greyed, and a learning
    item already in the link box."""
    app.learning.record_learning(kind="incident", title="Fall in bay 2")
    dated = opened(page, ctx, due_on="2026-09-30", title="Dated action")
    assert page.detail.due.isVisible()
    idea = app.actions.create_action(title="An idea with no date", status="idea")
    page.refresh()
    page.open_action(idea.id)
    detail = page.detail
    assert not detail.has_due.isChecked()
    assert not detail.due.isVisible()  # no greyed date from the other action
    assert detail.due.date() != QDate(2026, 9, 30)
    assert detail.learning_pick.currentData() is None
    assert detail.learning_pick.currentText().startswith("Choose")
    assert detail.measure_pick.currentData() is None
    assert dated.id != idea.id
