"""The huddle's due and overdue actions keep their titles readable on a ward PC.

At 1366×768, with the names shown beside the section, "Call bell within reach
at every bed check" was cut to "Cal…": the lateness and Update took the line,
and only three and a half actions showed (#16 asks for five). The section now
asks for the width of one line an action, so the names fold to a head count
while it is shown; where a row is still narrow, the lateness goes under the
title.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from huddle.domain import SectionKey
from ui.pages.huddle_runner import HuddlePage
from ui.runner.actions_panel import TITLE_SHARE

TITLES = (
    "Call bell within reach at every bed check",
    "Repositioning charts kept at the bedside",
    "Thank-you board in the staff room",
)


def actions_section(window, app, size: tuple[int, int], titles=TITLES):
    for day, title in enumerate(titles, start=1):
        app.actions.create_action(title=title, owner_text="Falls lead", due_on=date(2026, 7, day))
    window.resize(*size)
    page = window.typed_page("huddle", HuddlePage)
    window.show_page("huddle")
    QTest.mouseClick(page.prompt.start_button, Qt.MouseButton.LeftButton)
    page.go_to(next(i for i, s in enumerate(page.huddle.sections) if s.key is SectionKey.ACTIONS))
    QApplication.processEvents()
    return page.run_view.panels[page.current_index]


@pytest.mark.parametrize(
    ("size", "stacked"), [((1366, 768), False), ((1920, 1080), False)], ids=["1366", "1920"]
)
def test_each_title_keeps_the_room_to_be_read(qtbot, app, window, size, stacked):
    panel = actions_section(window, app, size)
    assert len(panel.rows) == len(TITLES)
    for row in panel.rows.values():
        assert row.stacked is stacked
        assert row.line.width() >= TITLE_SHARE * row.width() * 0.95, row.line.text()
        line, late = row.line.geometry(), row.late.geometry()
        assert not line.intersects(late)  # beside or under, never on top
        assert late.bottom() <= row.contentsRect().bottom()
        assert row.late.text().endswith("days late")


def test_a_narrow_row_puts_the_lateness_under_the_title(qtbot, app, window):
    # a window narrower than any ward screen: even with the names folded, a row is short
    panel = actions_section(window, app, (1024, 768))
    for row in panel.rows.values():
        assert row.stacked
        assert row.line.width() >= TITLE_SHARE * row.width() * 0.95, row.line.text()
        assert not row.line.geometry().intersects(row.late.geometry())


def test_five_actions_show_at_1366x768_and_the_names_come_back_after(qtbot, app, window):
    titles = [f"{t} ({n})" for n in (1, 2) for t in TITLES] + ["Night-time noise check"]
    panel = actions_section(window, app, (1366, 768), titles=tuple(titles))
    page = window.typed_page("huddle", HuddlePage)
    view = page.run_view
    assert view.attendance.folded  # the names give the actions their line
    holder = view.section_stack.currentWidget()
    viewport = holder.viewport()
    shown = [
        row
        for row in panel.rows.values()
        if viewport.rect().contains(
            row.geometry().translated(row.parentWidget().mapTo(viewport, row.pos() * 0))
        )
    ]
    assert len(shown) >= 5, [r.line.text() for r in shown]
    page.go_to(page.current_index + 1)
    QApplication.processEvents()
    assert not view.attendance.folded  # the next section has the names back
