"""The huddle's due and overdue actions keep their titles readable on a ward PC.

At 1366×768, with the names shown beside the section, "Call bell within reach
at every bed check" was cut to "Cal…": the lateness and Update took the line.
There the lateness goes under the title; on a wide screen it stays beside it.
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


def actions_section(window, app, size: tuple[int, int]):
    for day, title in enumerate(TITLES, start=1):
        app.actions.create_action(title=title, owner_text="Falls lead", due_on=date(2026, 7, day))
    window.resize(*size)
    page = window.typed_page("huddle", HuddlePage)
    window.show_page("huddle")
    QTest.mouseClick(page.prompt.start_button, Qt.MouseButton.LeftButton)
    page.go_to(next(i for i, s in enumerate(page.huddle.sections) if s.key is SectionKey.ACTIONS))
    QApplication.processEvents()
    return page.run_view.panels[page.current_index]


@pytest.mark.parametrize(
    ("size", "stacked"), [((1366, 768), True), ((1920, 1080), False)], ids=["1366", "1920"]
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
