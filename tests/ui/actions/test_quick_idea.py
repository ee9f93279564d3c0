"""The quick "new idea" dialog: three fields at most, an idea in seconds."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from huddle.domain import ActionStatus, Origin
from ui.actions.quick_idea import QuickIdeaDialog


def test_an_idea_is_saved_as_a_staff_idea(qtbot, ctx):
    dialog = QuickIdeaDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.idea, "Quiet hour after lunch")
    dialog.who.setEditText("Chloe R")
    dialog.has_due.setChecked(True)
    dialog.due.setDate(QDate(2026, 9, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    created = dialog.created
    assert created is not None and dialog.result() == dialog.DialogCode.Accepted
    chloe = next(p.id for p in ctx.app.setup.people() if p.display_name == "Chloe R")
    assert (created.title, created.status, created.origin, created.owner_id, created.due_on) == (
        "Quiet hour after lunch",
        ActionStatus.IDEA,
        Origin.STAFF_IDEA,
        chloe,
        date(2026, 9, 1),
    )


def test_only_the_idea_is_needed(qtbot, ctx):
    dialog = QuickIdeaDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.created is None and "Write the idea first" in dialog.problem.text()
    dialog.idea.setText("Name badges with big letters")
    dialog.save()
    assert dialog.created.owner_id is None and dialog.created.due_on is None
    assert len(dialog.findChildren(QLineEdit)) <= 3  # idea, who (editable), date


# The offscreen platform warns when a real dialog window sizes itself; it means nothing here.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_ask_returns_the_new_idea(qtbot, ctx):
    def fill() -> None:
        dialog = next(w for w in qtbot_widgets() if isinstance(w, QuickIdeaDialog))
        dialog.idea.setText("Water jugs refilled at 2 pm")
        dialog.save_button.click()

    def qtbot_widgets():
        from PySide6.QtWidgets import QApplication

        return QApplication.topLevelWidgets()

    QTimer.singleShot(0, fill)
    created = QuickIdeaDialog.ask(ctx, None)
    assert created is not None and created.title == "Water jugs refilled at 2 pm"
    assert [a.title for a in ctx.app.actions.actions()] == ["Water jugs refilled at 2 pm"]


def test_read_only_says_so_and_saves_nothing(qtbot, ctx, no_blocking_dialogs):
    ctx.read_only = True
    assert QuickIdeaDialog.ask(ctx, None) is None
    assert no_blocking_dialogs[0][0] == "message"
    assert ctx.app.actions.actions() == []
