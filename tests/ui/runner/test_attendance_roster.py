"""A normal ward's whole roster can be ticked at the huddle without scrolling.

Every name shows with its role; when the roster is longer than the columns
hold, "Find your name" brings anyone into view by typing (Enter ticks the only
match). Tried in the real main window with 35 staff at 1920×1080 and 1366×768.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from huddle.services import HuddleApp
from ui.pages.huddle_runner import HuddlePage
from ui.runner.attendance import AttendancePanel, matches

LEFT = Qt.MouseButton.LeftButton
ROLES = ("Staff Nurse", "HCA", "Charge Nurse", "Student Nurse", "Physiotherapist", "Pharmacist")
FIRST = (
    "Amara Beatrix Callum Delyth Eilidh Folake Gwen Hamish Ines Jonah Keziah Lowri Mateusz "
    "Niamh Osian Priya Rhodri Saoirse Tomasz Uchenna Veronika Wiktor Yusuf Zainab Anwen "
    "Bronwen Ciaran Dafydd Emeka Farah Gethin Harriet Ioana Jasmine Kofi"
).split()


def full_roster(app: HuddleApp, size: int = 35) -> None:
    """Top the roster up to ``size`` people, each with a role."""
    have = len(app.setup.people())
    for index, first in enumerate(FIRST[: size - have]):
        app.setup.add_person(display_name=f"{first} {chr(65 + index % 26)}", role=ROLES[index % 6])
    assert len(app.setup.people()) == size


def in_view(button, attendance: AttendancePanel) -> bool:
    """Whether the whole button shows inside the names' visible area, without scrolling."""
    if button.isHidden() or not button.isVisibleTo(attendance.window()):
        return False
    viewport = attendance.scroller.viewport()
    top_left = button.mapTo(viewport, QPoint(0, 0))
    bottom = top_left.y() + button.height()
    right = top_left.x() + button.width()
    return top_left.y() >= 0 and bottom <= viewport.height() and right <= viewport.width()


def running_huddle(window) -> AttendancePanel:
    page = window.typed_page("huddle", HuddlePage)
    window.show_page("huddle")
    QTest.mouseClick(page.prompt.start_button, LEFT)
    QApplication.processEvents()
    attendance = page.run_view.attendance
    if attendance.folded:  # a narrow screen: one tap opens the names
        QTest.mouseClick(attendance.fold_button, LEFT)
    QApplication.processEvents()
    return attendance


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
def test_thirty_five_staff_are_each_in_view_or_found_by_typing(qtbot, app, window, size):
    full_roster(app)
    window.resize(*size)
    attendance = running_huddle(window)
    people = app.setup.people()
    for person in people:
        button = attendance.buttons[person.id]
        assert person.role and person.role in button.text()  # every name with its role
    bar = attendance.scroller.verticalScrollBar()
    for person in people:
        button = attendance.buttons[person.id]
        if not in_view(button, attendance):
            assert attendance.finder.isVisible(), f"{person.display_name} needs a scroll"
            QTest.keyClicks(attendance.finder, person.display_name.split()[0])
            QApplication.processEvents()
            assert in_view(button, attendance), person.display_name
        assert bar.value() == 0
        QTest.mouseClick(button, LEFT)
        attendance.finder.clear()
        QApplication.processEvents()
    huddle = app.huddles.huddle(attendance.huddle_id)
    assert set(huddle.attendee_ids) == {p.id for p in people}


def test_enter_in_find_your_name_ticks_the_only_match(qtbot, app, window):
    full_roster(app)
    window.resize(1366, 768)
    attendance = running_huddle(window)
    assert attendance.finder.isVisible()  # 35 names do not fit at 1366×768
    person = next(p for p in app.setup.people() if p.display_name.startswith("Saoirse"))
    QTest.keyClicks(attendance.finder, "saoi")
    QTest.keyClick(attendance.finder, Qt.Key.Key_Return)
    assert attendance.finder.text() == ""  # ready for the next person
    assert person.id in app.huddles.huddle(attendance.huddle_id).attendee_ids
    assert attendance.buttons[person.id].text().startswith("✓ Saoirse")


def test_typing_matches_the_start_of_any_word_of_name_or_role():
    assert matches("sta n", "Priya K", "Staff Nurse")
    assert matches("pri", "Priya K", "Staff Nurse")
    assert matches("fy1", "Jo B", "Doctor (FY1)")
    assert not matches("nurse hca", "Priya K", "Staff Nurse")
    assert matches("", "Anyone", "")
