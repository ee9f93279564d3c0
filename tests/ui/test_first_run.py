"""The welcome: set up a ward, or open the sample ward, never a blank window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import ui.first_run as first_run
from huddle.domain import HuddleKind
from huddle.services import HuddleApp
from ui.first_run import FirstRunPage, parse_roster
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def welcome_window(qtbot, empty_app, db_path, session_factory):
    shell = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(shell)
    shell.resize(1400, 900)
    shell.show()
    yield shell
    shell.close_session()


def test_roster_lines():
    assert parse_roster("Amara K, Ward Sister\n\n Ben T \nChloe, Staff Nurse, nights") == [
        ("Amara K", "Ward Sister"),
        ("Ben T", ""),
        ("Chloe", "Staff Nurse, nights"),
    ]


def test_name_the_ward_type_the_roster_pick_a_template(welcome_window):
    welcome = welcome_window.welcome
    assert isinstance(welcome, FirstRunPage)
    QTest.keyClicks(welcome.name, "Ward 9")
    welcome.specialty.setText("Surgery")
    welcome.roster.setPlainText("Amara K, Ward Sister\nBen T, Staff Nurse\nDev P")
    QTest.mouseClick(welcome.weekly, LEFT)
    QTest.mouseClick(welcome.create_button, LEFT)
    assert welcome_window.welcome is None
    assert welcome_window.current_key() == "today"
    app = welcome_window.ctx.app
    assert app.setup.ward().name == "Ward 9"
    assert [(p.display_name, p.role) for p in app.setup.people()] == [
        ("Amara K", "Ward Sister"),
        ("Ben T", "Staff Nurse"),
        ("Dev P", ""),
    ]
    assert app.setup.default_template().kind is HuddleKind.WEEKLY_IMPROVEMENT
    assert welcome_window.pages["today"].start_button.isVisible()


def test_skipping_the_roster_is_fine(welcome_window):
    welcome = welcome_window.welcome
    welcome.name.setText("Ward 10")
    QTest.mouseClick(welcome.create_button, LEFT)
    app = welcome_window.ctx.app
    assert app.setup.people() == []
    assert app.setup.default_template().kind is HuddleKind.DAILY_SAFETY


def test_problems_show_beside_their_fields(welcome_window):
    welcome = welcome_window.welcome
    welcome.roster.setPlainText("Amara K, Sister\nAmara K, Nurse")
    QTest.mouseClick(welcome.create_button, LEFT)
    assert welcome_window.welcome is welcome
    assert not welcome.errors["name"].isHidden()
    assert not welcome_window.ctx.app.has_ward


def fake_sample(path: Path, progress) -> Path:
    progress((1, 2))
    with HuddleApp.open(path) as app:
        app.setup.create_ward(name="Sample Ward", roster=[("Asha", "Ward Sister")])
    progress((2, 2))
    return path


def test_explore_with_sample_data_opens_the_sample_ward(
    qtbot, welcome_window, db_path, monkeypatch
):
    monkeypatch.setattr(first_run, "build_sample_ward", fake_sample)
    welcome = welcome_window.welcome
    QTest.mouseClick(welcome.sample_button, LEFT)
    qtbot.waitUntil(lambda: welcome_window.welcome is None, timeout=10_000)
    assert welcome_window.session.path == db_path.parent / "sample-ward.db"
    assert welcome_window.ctx.app.setup.ward().name == "Sample Ward"
    assert welcome_window.current_key() == "today"


def test_a_failed_sample_build_says_so(qtbot, welcome_window, monkeypatch, no_blocking_dialogs):
    def broken(path, progress):
        raise OSError("disk full")

    monkeypatch.setattr(first_run, "build_sample_ward", broken)
    welcome = welcome_window.welcome
    QTest.mouseClick(welcome.sample_button, LEFT)
    qtbot.waitUntil(lambda: welcome.sample_button.isEnabled(), timeout=10_000)
    assert no_blocking_dialogs[-1][0] == "message"
    assert welcome_window.welcome is welcome


def test_the_real_sample_builder(qtbot, welcome_window, db_path, monkeypatch):
    pytest.importorskip("huddle.demo")
    monkeypatch.setattr(first_run, "SAMPLE_WEEKS", 4)
    welcome = welcome_window.welcome
    QTest.mouseClick(welcome.sample_button, LEFT)
    qtbot.waitUntil(
        lambda: welcome_window.welcome is None or welcome.sample_button.isEnabled(), timeout=60_000
    )
    assert welcome_window.welcome is None, welcome.status.text()
    assert welcome_window.ctx.app.has_ward
    assert welcome_window.session.path == db_path.parent / "sample-ward.db"
    assert welcome_window.ctx.app.setup.people()  # a sample team, ready for a huddle


def test_the_inline_identifier_warning_names_buttons_that_exist(qtbot, ctx, monkeypatch):
    """It said "choose Save anyway" on a page with no such button."""
    from PySide6.QtWidgets import QPushButton

    from ui import first_run
    from ui.identifier_guard import IdentifierWarning

    page = first_run.FirstRunPage(ctx, database=ctx.app.path)
    qtbot.addWidget(page)
    # the warning dialog's one seam: the person chooses Edit
    monkeypatch.setattr(IdentifierWarning, "ask", classmethod(lambda cls, parent, text: False))
    page.name.setText("Ward 999 000 0018")
    assert not page._no_identifiers()
    said = page.errors["name"].text()
    buttons = {b.text() for b in page.findChildren(QPushButton)}
    assert "Set up the ward" in buttons and "Set up the ward" in said
    assert "Save anyway" not in buttons  # so the words point at the set-up button first


def test_the_welcome_shows_what_a_huddle_looks_like(welcome_window):
    from PySide6.QtWidgets import QApplication

    from huddle.resources import welcome_preview

    welcome = welcome_window.welcome
    assert welcome_preview().is_file()  # shipped with the app, found through huddle.resources
    QApplication.processEvents()
    picture = welcome.picture
    assert picture.isVisible() and not picture.original.isNull()
    assert picture.original.width() >= 600  # the runner, legible in miniature
    shown = picture.pixmap()
    assert 160 <= shown.width() <= picture.width()  # as wide as its column, never cut
    welcome_window.grab().save(str(Path(welcome_window.session.path).with_suffix(".png")))
