"""The main window: navigation, the huddle page, board mode, read-only, hooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from huddle.domain import HuddleKind, HuddleStatus
from ui.app import main
from ui.main_window import PAGE_KEYS, MainWindow
from ui.pages.base import Page

from .conftest import hold_by_someone_else

LEFT = Qt.MouseButton.LeftButton


def test_every_page_opens_from_the_navigation(window):
    for key in PAGE_KEYS:
        QTest.mouseClick(window.nav_buttons[key], LEFT)
        assert window.current_key() == key
        assert isinstance(window.pages[key], Page)
    assert window.ward_label.text().startswith("Ward 7B")
    assert window.date_label.text() == "Thu 6 Aug 2026"


def test_every_button_has_an_accessible_name(window):
    for key in PAGE_KEYS:
        window.show_page(key)
    unnamed = [
        b.text()
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and not b.accessibleName()
    ]
    assert unnamed == []


def test_start_huddle_opens_the_runner_with_a_running_huddle(window, app):
    today = window.pages["today"]
    QTest.mouseClick(today.start_button, LEFT)
    assert window.current_key() == "huddle"
    running = app.huddles.running()
    assert running is not None and running.status is HuddleStatus.RUNNING
    window.show_page("today")
    assert today.start_button.text() == "Return to running huddle"


def test_the_windows_keys_come_once_today_has_painted_and_once_only(
    qtbot, app, db_path, session_factory
):
    """#17: QKeySequence's classes wait for the first paint; a window that shows one
    ward after another keeps one key each (two Alt+2s would be ambiguous: neither
    would answer)."""
    from PySide6.QtGui import QKeySequence, QShortcut

    from ui.pages.today import TodayPage

    shell = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(shell)
    assert shell.findChildren(QShortcut) == [] and shell.board_shortcut is None
    for _ward in range(2):  # this ward, then the same file opened afresh
        shell.typed_page("today", TodayPage).painted.emit()
        qtbot.waitUntil(lambda: bool(shell.page_shortcuts))
        keys = [s.key().toString() for s in shell.findChildren(QShortcut)]
        assert sorted(keys) == sorted(["F11", "Ctrl+I", "F1", *(f"Alt+{n}" for n in range(1, 8))])
        shell.open_database(db_path)
    (alt_2,) = [s for s in shell.findChildren(QShortcut) if s.key() == QKeySequence("Alt+2")]
    alt_2.activated.emit()  # the one Alt+2 shows the second page of the ward now open
    assert shell.current_key() == "huddle"
    shell.close_session()


def test_board_mode_toggles_full_screen_and_larger_type(window, qtbot):
    normal = window.font().pointSizeF()
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert window.ctx.board_mode
    assert window.isFullScreen()
    assert window.font().pointSizeF() > normal
    assert window.board_button.isChecked()
    # the wall shows the page; the way back is in the header
    assert not window.nav.isVisible() and window.leave_board_button.isVisible()
    QTest.mouseClick(window.leave_board_button, LEFT)
    assert not window.ctx.board_mode
    assert not window.isFullScreen()


def test_read_only_when_someone_else_holds_the_ward(qtbot, app, db_path, session_factory):
    hold_by_someone_else(db_path, user="Sam", host="WARD7-PC2")
    shell = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(shell)
    shell.show()
    try:
        assert shell.ctx.read_only
        assert shell.banner.isVisible()
        assert "Sam on WARD7-PC2 has this ward open" in shell.banner.text()
        assert not shell.pages["today"].start_button.isEnabled()
        settings = shell.show_page("settings")
        assert not settings.ward_card.save_button.isEnabled()
        assert not settings.roster_card.add_button.isEnabled()
        assert "Sam on WARD7-PC2" in settings.storage_card.others.text()
    finally:
        shell.close_session()


def test_presence_is_claimed_refreshed_and_released(qtbot, app, db_path, clock):
    from huddle.presence import marker_path
    from ui.session import WardSession

    session = WardSession.open(db_path, clock=clock)
    shell = MainWindow(session)
    qtbot.addWidget(shell)
    assert marker_path(db_path).exists()
    assert shell.presence_timer.isActive()
    shell.refresh_presence()
    shell.close()
    assert not marker_path(db_path).exists()


def test_changes_refresh_the_header(window, app):
    ward = app.setup.ward()
    window.ctx.app.setup.update_ward(expected_version=ward.version, name="Ward 8", site="")
    assert window.ward_label.text().startswith("Ward 8")


def test_screenshots_writes_every_page_and_huddle_section(qtbot, app, db_path, tmp_path: Path):
    sections = len(app.setup.default_template(HuddleKind.DAILY_SAFETY).sections)
    app.close()
    out = tmp_path / "shots"
    assert main(["--db", str(db_path), "--screenshots", str(out), "--size", "1366x768"]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert set(names) >= {f"{k}.png" for k in PAGE_KEYS} | {"huddle-summary.png"}
    assert len([n for n in names if n.startswith("huddle-") and n[7].isdigit()]) == sections
    assert all((out / n).stat().st_size > 10_000 for n in names)
    from huddle.services import HuddleApp

    with HuddleApp.open(db_path) as again:  # the real ward was never touched
        assert again.huddles.running() is None


def test_startup_probe_prints_milliseconds(app, db_path):
    app.close()
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", str(db_path), "--startup-probe"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(db_path.parent)},
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 0


def test_a_new_idea_from_any_page_with_ctrl_i(window, monkeypatch):
    from ui.actions.quick_idea import QuickIdeaDialog

    asked = []

    def fake_ask(cls, ctx, parent):
        asked.append(window.current_key())
        return ctx.app.actions.create_action(title="Fruit bowl for night staff", status="idea")

    monkeypatch.setattr(QuickIdeaDialog, "ask", classmethod(fake_ask))
    window.show_page("measures")
    QTest.keySequence(window, "Ctrl+I")
    QTest.mouseClick(window.idea_button, LEFT)
    assert asked == ["measures", "measures"]
    titles = [a.title for a in window.ctx.app.actions.actions()]
    assert titles.count("Fruit bowl for night staff") == 2


def test_turning_learning_into_an_action_shows_that_action(window):
    app = window.ctx.app
    item = app.learning.record_learning(kind="near_miss", title="Two insulin pens mixed up")
    action = app.actions.create_action(title="Separate pen trays", learning_ids=[item.id])
    learning = window.show_page("learning")
    learning.action_created.emit(action)
    assert window.current_key() == "actions"


def test_a_pages_own_rules_join_the_window_sheet_when_the_page_is_built(window) -> None:
    from ui import theme

    for key in ("measures", "actions", "huddle"):
        top = theme.PAGE_RULES[key][0]
        if key not in window.pages:  # (the warm-up may have built the huddle page)
            assert top not in window.styleSheet()
        window.page(key)
        assert top in window.styleSheet()
    # every part built: the window's sheet is the whole app's, as a dialog's is
    assert window.styleSheet() == theme.style_sheet()
    window.set_board_mode(True)
    assert window.styleSheet() == theme.style_sheet(theme.scale_for(True, window.ctx.board_factor))
    window.set_board_mode(False)


def test_every_picture_a_style_sheet_names_exists_and_loads(qapp) -> None:
    import re

    from PySide6.QtGui import QPixmap

    from ui import theme

    pictures = set(re.findall(r'url\("([^"]+)"\)', theme.style_sheet()))
    assert {Path(p).name for p in pictures} == {"chevron-down.svg", "chevron-up.svg"}
    for picture in pictures:
        assert not QPixmap(picture).isNull(), f"{picture} does not load"


def test_windows_carry_the_ward_huddle_icon(qapp) -> None:
    from ui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(32, 32).width() == 32
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 256} <= sizes


def test_screenshots_size_must_be_width_by_height(app, db_path, tmp_path: Path, capsys):
    app.close()
    assert main(["--db", str(db_path), "--screenshots", str(tmp_path), "--size", "big"]) == 2
    assert "try --size 1366x768" in capsys.readouterr().err


def test_at_1366_by_768_every_navigation_button_shows_without_scrolling(window, qtbot):
    """ "Board mode" sat half below the navigation's edge on a common ward PC's screen."""
    from PySide6.QtWidgets import QApplication, QPushButton

    from ui import theme

    default_font = QApplication.font()
    QApplication.setFont(theme.app_font())  # the app's type size, as make_application sets it
    try:
        window.resize(1366, 768)
        window.show()
        qtbot.wait(50)
        viewport = window.nav_holder.viewport()
        buttons = [b for b in window.nav.findChildren(QPushButton) if b.isVisible()]
        assert len(buttons) >= 9  # the pages, a new idea and board mode
        for button in buttons:
            top = button.mapTo(viewport, button.rect().topLeft()).y()
            bottom = button.mapTo(viewport, button.rect().bottomLeft()).y()
            assert 0 <= top and bottom <= viewport.height(), button.text()
            assert button.height() >= 48  # still a comfortable touch target
    finally:
        QApplication.setFont(default_font)
