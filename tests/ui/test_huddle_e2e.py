"""End to end (issue 3, item 8): run a whole huddle through the real widgets
and dialogs, then check the database, through the services, holds exactly
what the team did."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from huddle.domain import ActionStatus, HarmLevel, HuddleStatus, LearningKind, Origin, SectionKey
from ui import theme
from ui.context import ChangeBus, UiContext
from ui.pages.huddle_runner import HuddlePage
from ui.runner.quick_add import IdeaDialog, LearningDialog
from ui.self_test import scripted_dialog

LEFT = Qt.MouseButton.LeftButton
PRESENT = ["Amara K", "Ben T", "Chloe R", "Dev P", "Ellie M"]


def test_a_whole_huddle_is_saved_exactly(qtbot, app):
    overdue = app.actions.create_action(
        title="Replace the sharps bins", owner_text="Ben", due_on=date(2026, 8, 3)
    )
    ctx = UiContext(app=app, bus=ChangeBus(app))
    host = QWidget()
    theme.apply_style(host)  # styled as the main window styles it
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    page = HuddlePage(ctx)
    layout.addWidget(page)
    ctx.bus.changed.connect(page.on_changed)
    qtbot.addWidget(host)
    host.resize(1920, 1080)
    host.show()
    page.refresh()

    QTest.mouseClick(page.prompt.start_button, LEFT)
    huddle_id = app.huddles.running().id
    view = page.run_view
    people = {p.display_name: p for p in app.setup.people()}
    for name in PRESENT:
        QTest.mouseClick(view.attendance.buttons[people[name].id], LEFT)

    keys = [s.key for s in page.huddle.sections]
    with scripted_dialog(
        LearningDialog,
        lambda d: d.fill(
            kind=LearningKind.NEAR_MISS,
            title="Wrong dose nearly drawn up",
            what_happened="Two similar vials side by side; the second check caught it.",
            harm=HarmLevel.NONE,
        ),
    ):
        QTest.mouseClick(view.panels[keys.index(SectionKey.SAFETY)].add_button, LEFT)

    QTest.mouseClick(view.steps.steps[keys.index(SectionKey.ACTIONS)], LEFT)
    row = view.panels[keys.index(SectionKey.ACTIONS)].rows[overdue.id]
    QTest.keyClicks(row.note, "New bins fitted in every bay")
    QTest.mouseClick(row.status_buttons[ActionStatus.DONE], LEFT)

    QTest.mouseClick(view.steps.steps[keys.index(SectionKey.IDEAS)], LEFT)
    with scripted_dialog(
        IdeaDialog,
        lambda d: d.fill(
            title="Separate look-alike vials", owner="Chloe R", due_on=date(2026, 8, 20)
        ),
    ):
        QTest.mouseClick(view.panels[keys.index(SectionKey.IDEAS)].idea_button, LEFT)

    with qtbot.waitSignal(page.finished):
        QTest.mouseClick(view.finish_button, LEFT)

    record = app.huddles.record(huddle_id)
    assert record.huddle.status is HuddleStatus.FINISHED
    assert sorted(p.display_name for p in record.attendees) == PRESENT
    assert record.huddle.head_count == 5
    assert [(i.kind, i.title, i.huddle_id) for i in record.learning_raised] == [
        (LearningKind.NEAR_MISS, "Wrong dose nearly drawn up", huddle_id)
    ]
    assert app.learning.items(kinds=[LearningKind.NEAR_MISS]) == list(record.learning_raised)
    [idea] = record.actions_agreed
    assert (idea.title, idea.owner_id, idea.due_on, idea.huddle_id, idea.origin) == (
        "Separate look-alike vials",
        people["Chloe R"].id,
        date(2026, 8, 20),
        huddle_id,
        Origin.HUDDLE,
    )
    assert len(app.actions.actions()) == 2  # the overdue one and the new idea, nothing else
    closed = app.actions.action(overdue.id)
    assert (closed.status, closed.closing_note) == (
        ActionStatus.DONE,
        "New bins fitted in every bay",
    )
    [note] = app.actions.progress_notes(overdue.id)
    assert (note.text, note.huddle_id, note.status_to) == (
        "New bins fitted in every bay",
        huddle_id,
        ActionStatus.DONE,
    )
    assert [a.id for a in record.actions_closed] == [overdue.id]
    assert page.views.currentWidget() is page.summary
