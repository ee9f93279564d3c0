"""The board: cards move by drop and by keyboard, closing asks for a note, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from huddle.domain import ActionStatus
from tests.helpers import pages
from ui.actions import prompts
from ui.actions.models import ActionFilter
from ui.pages.actions import ActionsPage


def open_page(qtbot, ctx) -> ActionsPage:
    return pages.open_page(qtbot, ActionsPage, ctx, size=(1600, 950), refresh=False)


@pytest.fixture
def page(qtbot, ctx):
    return open_page(qtbot, ctx)


@pytest.fixture
def notes(monkeypatch) -> list[tuple[ActionStatus, str]]:
    """Answers the closing-note question with "Signs up in every bay"."""
    asked: list[tuple[ActionStatus, str]] = []

    def ask(cls, parent, *, status, what):
        asked.append((status, what))
        return "Signs up in every bay"

    monkeypatch.setattr(prompts.ClosingNoteDialog, "ask", classmethod(ask))
    return asked


def column(page, status):
    return page.board.columns[status]


def drop(page, action_id: str, status: ActionStatus) -> bool:
    source = page.model
    data = source.mimeData([source.index(source.row_of(action_id), 0)])
    return column(page, status).proxy.dropMimeData(
        data, Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )


def test_board_columns_pass_the_model_tester(qtbot, page, ctx):
    ctx.app.actions.create_action(title="Falls signage")
    ctx.app.actions.create_action(title="Pharmacy round", status="idea")
    page.refresh()
    for status in ActionStatus:
        QAbstractItemModelTester(
            column(page, status).proxy, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
    page.board.set_filter(ActionFilter(text="falls"))
    assert column(page, ActionStatus.PLANNED).proxy.rowCount() == 1
    assert column(page, ActionStatus.IDEA).proxy.rowCount() == 0


def test_dropping_a_card_on_a_column_changes_its_status(qtbot, page, ctx):
    action = ctx.app.actions.create_action(title="Falls signage")
    page.refresh()
    assert drop(page, action.id, ActionStatus.IN_PROGRESS)
    qtbot.waitUntil(lambda: ctx.app.actions.action(action.id).status is ActionStatus.IN_PROGRESS)
    qtbot.waitUntil(lambda: column(page, ActionStatus.IN_PROGRESS).proxy.rowCount() == 1)
    assert column(page, ActionStatus.PLANNED).proxy.rowCount() == 0


def test_moving_to_done_asks_for_a_note_and_saves_it(qtbot, page, ctx, notes):
    action = ctx.app.actions.create_action(title="Falls signage")
    page.refresh()
    drop(page, action.id, ActionStatus.DONE)
    qtbot.waitUntil(lambda: ctx.app.actions.action(action.id).status is ActionStatus.DONE)
    assert notes == [(ActionStatus.DONE, "Falls signage")]
    assert ctx.app.actions.action(action.id).closing_note == "Signs up in every bay"
    assert ctx.app.actions.progress_notes(action.id)[-1].text == "Signs up in every bay"


def test_cancelling_the_note_leaves_the_card_where_it_was(qtbot, page, ctx, monkeypatch):
    monkeypatch.setattr(
        prompts.ClosingNoteDialog, "ask", classmethod(lambda cls, parent, **_: None)
    )
    action = ctx.app.actions.create_action(title="Falls signage")
    page.refresh()
    page.request_move([action.id], ActionStatus.DROPPED)
    assert ctx.app.actions.action(action.id).status is ActionStatus.PLANNED
    assert not page.stack_undo.canUndo()


def test_keyboard_moves_the_current_card_to_the_next_column(qtbot, page, ctx):
    action = ctx.app.actions.create_action(title="Falls signage")
    page.refresh()
    assert page.board.select(action.id)
    cards = column(page, ActionStatus.PLANNED).cards
    qtbot.keyClick(cards, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.app.actions.action(action.id).status is ActionStatus.IN_PROGRESS)
    # The card is followed into its new column, so the next move carries on.
    qtbot.waitUntil(lambda: column(page, ActionStatus.IN_PROGRESS).cards.hasFocus())
    moving = column(page, ActionStatus.IN_PROGRESS).cards
    qtbot.keyClick(moving, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.app.actions.action(action.id).status is ActionStatus.PLANNED)


def test_undo_moves_it_back_with_a_note_and_redo_again(qtbot, page, ctx, notes):
    action = ctx.app.actions.create_action(title="Falls signage")
    page.refresh()
    page.request_move([action.id], ActionStatus.DONE)
    assert ctx.app.actions.action(action.id).status is ActionStatus.DONE
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = ctx.app.actions.action(action.id)
    assert back.status is ActionStatus.PLANNED
    assert ctx.app.actions.progress_notes(action.id)[-1].text.startswith("Undone")
    assert column(page, ActionStatus.PLANNED).proxy.rowCount() == 1
    qtbot.keyClick(page, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    again = ctx.app.actions.action(action.id)
    assert again.status is ActionStatus.DONE and again.closing_note == "Signs up in every bay"


def test_read_only_board_neither_drags_nor_moves(qtbot, ctx):
    action = ctx.app.actions.create_action(title="Falls signage")
    ctx.read_only = True
    page = open_page(qtbot, ctx)
    assert not drop(page, action.id, ActionStatus.IN_PROGRESS)
    page.request_move([action.id], ActionStatus.IN_PROGRESS)
    assert ctx.app.actions.action(action.id).status is ActionStatus.PLANNED
    assert not page.new_idea_button.isEnabled()


def test_cards_show_overdue_and_stale_in_words(qtbot, page, ctx, clock):
    from datetime import timedelta

    late = ctx.app.actions.create_action(title="Bed rails audit", due_on="2026-08-01")
    clock.advance(timedelta(days=40))
    page.refresh()
    info = page.model.info(page.model.row_of(late.id))
    assert info.overdue_days == 45 and info.stale_days == 40
    spoken = page.model.index(page.model.row_of(late.id), 0).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    assert "Overdue 45 days" in spoken and "No progress for 40 days" in spoken
    badges = page.board.delegate.badges(info, 400)
    assert badges[0][0] == "OVERDUE 45 DAYS"
    page.grab()  # paints every visible card without a Qt warning


def test_a_card_shows_a_whole_date_or_drops_the_year_never_half_a_number(qtbot, page, ctx):
    action = ctx.app.actions.create_action(
        title="Sensor mats for Bay 2", owner_text="Pharmacy team", due_on="2026-11-02"
    )
    page.refresh()
    delegate = page.board.delegate
    info = page.model.info(page.model.row_of(action.id))
    metrics = delegate.body_metrics
    wide, wide_room = delegate.when_text(info, 600)
    assert wide == "Due 2 Nov 2026"
    narrow_width = metrics.horizontalAdvance("Pharmacy team Due 2 Nov 2026") * 3 // 4
    narrow, narrow_room = delegate.when_text(info, narrow_width)
    assert narrow == "Due 2 Nov"
    for text, room in ((wide, wide_room), (narrow, narrow_room)):
        assert metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) == text
