"""The Today page shows the board's real data in words, not colour alone."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from huddle.domain import HuddleKind
from ui.pages.today import TodayPage


def hosted(qtbot, page):
    """Inside a plain window (as in the main window), never a top-level of its own."""
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(page)
    qtbot.addWidget(host)
    host.resize(1600, 900)
    page.host = host
    return host


def open_today(qtbot, ctx) -> TodayPage:
    page = TodayPage(ctx)
    ctx.bus.changed.connect(page.on_changed)
    hosted(qtbot, page).show()
    page.refresh()
    return page


def test_empty_ward_says_so_plainly(qtbot, ctx):
    page = open_today(qtbot, ctx)
    assert page.harm_tile.lines()[0] == "No harm recorded"
    assert page.huddles_tile.lines()[0] == "0/21"
    assert page.actions_tile.lines() == ["Nothing overdue or due this week."]
    assert page.learning_tile.lines() == ["Nothing new since the last huddle."]
    assert page.start_button.text() == "Start huddle"
    assert page.start_button.isEnabled()


def test_tiles_show_real_data(qtbot, ctx, app):
    today = app.clock.today()
    app.learning.record_learning(
        kind="incident", title="Fall in bay 3", harm="low", occurred_on=today - timedelta(days=12)
    )
    app.learning.record_learning(kind="near_miss", title="Insulin nearly given twice")
    owner = app.setup.people()[1]
    app.actions.create_action(
        title="Lying and standing BP", owner_id=owner.id, due_on=today - timedelta(days=3)
    )
    app.actions.create_action(
        title="Bed rails audit", owner_text="Night team", due_on=today + timedelta(days=2)
    )
    measure = app.measures.define_measure(name="Falls", unit="per 1,000 bed days", better="down")
    for week, value in enumerate((6, 5, 7, 6, 5, 4)):
        app.measures.record_point(
            measure.id, period_start=today - timedelta(weeks=6 - week), value=value
        )
    huddle = app.huddles.start_huddle()
    app.huddles.finish_huddle(huddle.id)
    page = open_today(qtbot, ctx)
    assert page.harm_tile.lines()[0] == "12"
    assert "14 Aug" not in " ".join(page.harm_tile.lines())
    assert "25 Jul 2026" in page.harm_tile.lines()[1]
    assert page.huddles_tile.lines()[0] == "1/21"
    actions = page.actions_tile.lines()
    assert actions[0] == "OVERDUE · due 3 Aug 2026 · Ben T · Lying and standing BP"
    assert actions[1] == "Due 8 Aug 2026 · Night team · Bed rails audit"
    measures = page.measures_tile.lines()
    assert measures[0] == "4 · Falls"
    assert measures[1].startswith("per 1,000 bed days, 30 Jul 2026 · ↓ down")
    icons = [
        w.accessibleName()
        for w in page.measures_tile.findChildren(QLabel)
        if w.pixmap() is not None and not w.pixmap().isNull()
    ]
    assert icons[0].startswith("Falls, variation: ")
    assert icons[1].startswith("Falls, assurance: ")
    # the same chart as the Measures page: same variation words
    assert app.charts.chart(measure.id).variation is not None
    assert "Learning" not in page.learning_tile.lines()[0]


def test_start_and_return_to_running_huddle(qtbot, ctx, app):
    page = open_today(qtbot, ctx)
    with qtbot.waitSignal(page.start_requested) as started:
        QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert started.args == [HuddleKind.DAILY_SAFETY]
    with qtbot.waitSignal(page.start_requested) as weekly:
        QTest.mouseClick(page.weekly_button, Qt.MouseButton.LeftButton)
    assert weekly.args == [HuddleKind.WEEKLY_IMPROVEMENT]
    app.huddles.start_huddle(kind=HuddleKind.WEEKLY_IMPROVEMENT)
    assert page.start_button.text() == "Return to running huddle"
    assert not page.weekly_button.isVisible()
    with qtbot.waitSignal(page.start_requested) as back:
        QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert back.args == [HuddleKind.WEEKLY_IMPROVEMENT]


def test_painted_fires_once_data_has_painted(qtbot, ctx):
    page = TodayPage(ctx)
    host = hosted(qtbot, page)
    page.refresh()
    with qtbot.waitSignal(page.painted, timeout=3000):
        host.show()
