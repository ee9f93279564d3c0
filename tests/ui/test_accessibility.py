"""WCAG 2.2 AA over the real main window: names, roles, keyboard, focus, contrast.

A walk over every page (and the running huddle, its summary and the welcome)
and every dialog checks that each control a person can reach has a spoken name
and a role; Tab alone reaches every control of a page; focus is visible; every
text/background pair in the style sheets the window applies meets 4.5:1 (3:1
for large text); every shortcut the window makes is listed in the Keyboard
shortcuts dialog; and a whole huddle runs from the keyboard alone.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from tests.helpers.accessibility import (
    contrast,
    controls_in,
    describe,
    name_and_role_problems,
)
from ui import theme
from ui.main_window import PAGE_KEYS

TAB_LIMIT = 400  # more Tab presses than any page has controls


def activate(qtbot, window) -> None:
    """Make ``window`` the active window, as a click on it would.

    The offscreen platform drops activation when a hidden pop-up (a drop-down's
    list) is made or destroyed, so this asks again until it stays active.
    """

    def active() -> bool:
        if QApplication.activeWindow() is not window:
            window.windowHandle().requestActivate()
            return False
        return True

    for _ in range(3):
        qtbot.waitUntil(active)
        qtbot.wait(30)
        if active():
            return
    qtbot.waitUntil(active)


def test_every_page_names_its_controls_and_says_what_they_are(qtbot, window) -> None:
    found = []
    for key in PAGE_KEYS:
        page = window.show_page(key)
        found += [f"{key}: {p}" for p in name_and_role_problems(page)]
    found += [f"header and navigation: {p}"
              for p in name_and_role_problems(window, leave_out=window.stack)]  # fmt: skip
    assert not found, "\n" + "\n".join(found)


def test_the_running_huddle_and_its_summary_name_their_controls_and_tab_reaches_them(
    qtbot, window, app
) -> None:
    activate(qtbot, window)
    window.start_huddle()
    huddle = window.page("huddle")
    found = []
    for stage in ("running", "summary"):
        activate(qtbot, window)
        found += [f"{stage}: {p}" for p in name_and_role_problems(huddle)]
        visited = tab_through(window, window.shortcuts_button)
        found += [f"{stage}: Tab never reaches {describe(w)}"
                  for w in controls_in(huddle) if not reached(w, visited)]  # fmt: skip
        huddle.finish()
    assert not found, "\n" + "\n".join(found)


def test_the_welcome_names_its_controls(qtbot, empty_app, db_path, session_factory) -> None:
    from ui.main_window import MainWindow

    shell = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(shell)
    shell.resize(1400, 900)
    shell.show()
    try:
        assert name_and_role_problems(shell) == []
    finally:
        shell.close_session()


# -- keyboard ------------------------------------------------------------------
def tab_through(window, start: QWidget, *, backwards: bool = False) -> list[QWidget]:
    """Press Tab from ``start`` until focus comes back to it; each widget focused, once.

    A widget may keep focus for a few presses (a date box moves between day,
    month and year; a table between its cells); one that keeps it for good is
    a keyboard trap, and the walk fails.
    """
    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited: list[QWidget] = []
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    for _ in range(TAB_LIMIT):
        QTest.keyClick(QApplication.focusWidget(), key)
        now = QApplication.focusWidget()
        if now is start or now is None:
            return visited
        if now not in visited:
            visited.append(now)
    last = describe(QApplication.focusWidget()) if QApplication.focusWidget() else "nothing"
    raise AssertionError(f"Tab is trapped in {last}: it never gets back to {describe(start)}")


def reached(widget: QWidget, visited: list[QWidget]) -> bool:
    """Tab reached the widget, or (a button in an exclusive group, which is one Tab
    stop whose buttons the arrow keys move between) another of its group."""
    if widget in visited:
        return True
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return group is not None and group.exclusive() and any(b in visited for b in group.buttons())


def test_tab_alone_reaches_every_control_of_every_page_in_reading_order(qtbot, window) -> None:
    activate(qtbot, window)
    found = []
    for key in PAGE_KEYS:
        page = window.show_page(key)
        activate(qtbot, window)
        visited = tab_through(window, window.shortcuts_button)
        found += [
            f"{key}: Tab never reaches {describe(w)}"
            for w in controls_in(page)
            if not reached(w, visited)
        ]
        # the header, then the navigation (its page buttons are one Tab stop), then the page
        assert visited[0] in window.nav_buttons.values(), key
        assert visited[1:3] == [window.idea_button, window.board_button], key
        assert all(page.isAncestorOf(w) for w in visited[3:]), key
    assert not found, "\n" + "\n".join(found)


def test_arrow_keys_move_along_the_navigation_and_space_opens_the_page(qtbot, window) -> None:
    activate(qtbot, window)
    window.nav_buttons["today"].setFocus(Qt.FocusReason.TabFocusReason)
    for key in PAGE_KEYS[1:]:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        assert QApplication.focusWidget() is window.nav_buttons[key]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.current_key() == PAGE_KEYS[-1]


def test_focus_is_visible_on_every_kind_of_control(qtbot, window) -> None:
    activate(qtbot, window)
    seen: set[type] = set()
    invisible = []
    for key in PAGE_KEYS:
        page = window.show_page(key)
        activate(qtbot, window)
        for widget in controls_in(page):
            if type(widget) in seen or widget.width() < 4 or widget.height() < 4:
                continue
            seen.add(type(widget))
            window.nav_buttons["today"].setFocus()
            before = widget.grab().toImage()
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            assert widget.hasFocus(), describe(widget)
            after = widget.grab().toImage()
            if before == after:
                invisible.append(f"{key}: {describe(widget)}")
    assert not invisible, "\n" + "\n".join(invisible)
    assert len(seen) >= 8


# -- contrast ------------------------------------------------------------------
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HEX = r"(#[0-9A-Fa-f]{6})\b"


def declarations(body: str) -> dict[str, str]:
    out = {}
    for part in body.split(";"):
        name, _, value = part.partition(":")
        out[name.strip()] = value.strip()
    return out


# Text drawn over a transparent background takes the colour of what it sits on.
SITS_ON = {
    'QWidget#HuddleRunner QLabel[step="current"]': (theme.NHS_BLUE,),  # the current step's button
    'QWidget#HuddleRunner QLabel[step="other"]': (
        theme.WHITE,
        theme.FOCUS,
    ),  # with or without focus
}


def colour_pairs(sheet: str) -> list[tuple[str, str, str, bool]]:
    """(selector, text colour, background, large text) for each rule that sets both,
    or sets a text colour under an ancestor rule that sets the background."""
    rules = [(sel.strip(), declarations(body)) for sel, body in RULE.findall(sheet)]
    backgrounds = {}
    for selector, decl in rules:
        for one in selector.split(","):
            bg = re.match(HEX, decl.get("background", decl.get("background-color", "")))
            if bg:
                backgrounds[one.strip()] = bg.group(1)
    pairs = []
    for selector, decl in rules:
        if ":disabled" in selector:
            continue  # WCAG 1.4.3 exempts inactive controls
        size = re.match(r"([\d.]+)pt", decl.get("font-size", ""))
        points = float(size.group(1)) if size else theme.NORMAL.body
        bold = decl.get("font-weight", "") == "bold"
        large = points >= 18 or (bold and points >= 14)
        for text_key, bg_key in (
            ("color", "background"),
            ("selection-color", "selection-background-color"),
        ):
            text = re.match(HEX, decl.get(text_key, ""))
            if not text:
                continue
            bg = re.match(HEX, decl.get(bg_key, "") or decl.get("background-color", ""))
            if bg:
                pairs.append((selector, text.group(1), bg.group(1), large))
                continue
            if decl.get(bg_key) == "transparent" and selector in SITS_ON:
                pairs += [(selector, text.group(1), c, large) for c in SITS_ON[selector]]
                continue
            for one in selector.split(","):
                ancestor = one.strip().rsplit(" ", 1)[0]
                behind = backgrounds.get(ancestor) if " " in one.strip() else None
                for colour in [behind] if behind else [theme.WHITE, theme.BACKGROUND]:
                    pairs.append((one.strip(), text.group(1), colour, large))
    return pairs


def applied_sheets(window) -> list[str]:
    sheets = {theme.style_sheet(), theme.style_sheet(theme.scale_for(True))}
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.styleSheet():
            sheets.add(widget.styleSheet())
    return sorted(sheets)


def test_every_text_colour_in_every_applied_style_sheet_meets_aa(qtbot, window) -> None:
    for key in PAGE_KEYS:
        window.show_page(key)
    window.start_huddle()
    pairs = [pair for sheet in applied_sheets(window) for pair in colour_pairs(sheet)]
    assert len(pairs) >= 20
    failing = sorted(
        {
            f"{selector}: {text} on {bg} is {contrast(text, bg):.2f}:1"
            for selector, text, bg, large in pairs
            if contrast(text, bg) < (3.0 if large else 4.5)
        }
    )
    assert not failing, "\n" + "\n".join(failing)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        # the theme's text on each background it is drawn on
        (theme.TEXT, theme.WHITE),
        (theme.TEXT, theme.BACKGROUND),
        (theme.TEXT, theme.FOCUS),
        (theme.TEXT, theme.WARNING),
        (theme.TEXT, theme.BORDER),
        (theme.SECONDARY_TEXT, theme.WHITE),
        (theme.SECONDARY_TEXT, theme.BACKGROUND),
        (theme.NHS_BLUE, theme.WHITE),
        (theme.NHS_BLUE, theme.BACKGROUND),
        (theme.WHITE, theme.NHS_BLUE),
        (theme.WHITE, theme.NHS_DARK_BLUE),
        (theme.WHITE, theme.SUCCESS),
        (theme.ERROR, theme.WHITE),
        (theme.ERROR, theme.BACKGROUND),
        (theme.NHS_DARK_BLUE, theme.WHITE),
        # painted backgrounds behind text: cards, point grid marks, identifier marks
        (theme.TEXT, "#E8EDEE"),
        (theme.TEXT, "#F7D7D4"),
        (theme.TEXT, "#FFF7D6"),
        (theme.TEXT, "#F7C8C3"),
    ],
)
def test_theme_text_pairs_meet_4_5_to_1(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey


# -- shortcuts -----------------------------------------------------------------
def test_every_shortcut_is_listed_and_f1_lists_them(qtbot, window, monkeypatch) -> None:
    from ui.keyboard_help import ShortcutsDialog, listed_keys

    for key in PAGE_KEYS:
        window.show_page(key)
    window.start_huddle()
    made = {
        shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        for shortcut in window.findChildren(QShortcut)
    }
    unlisted = made - listed_keys()
    assert not unlisted, f"List these in ui/keyboard_help.py SHORTCUTS (F1 shows them): {unlisted}"
    asked = []
    monkeypatch.setattr(ShortcutsDialog, "ask", classmethod(lambda cls, parent: asked.append(1)))
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_F1)
    QTest.mouseClick(window.shortcuts_button, Qt.MouseButton.LeftButton)
    assert asked == [1, 1]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_shortcuts_dialog_is_a_named_table(qtbot) -> None:
    from ui.keyboard_help import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == len(SHORTCUTS)
    texts = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"F1", "Ctrl+I", "F11", "PgDown", "Alt+1"} <= texts
    assert name_and_role_problems(dialog) == []


# -- dialogs -------------------------------------------------------------------
def falls_chart(app):
    from datetime import date, timedelta

    measure = app.measures.define_measure(
        name="Inpatient falls", unit="falls", better="down", period="week"
    )
    start = date(2026, 1, 5)
    values = [9, 8, 10, 9, 11, 8, 9, 10, 9, 8, 10, 9, 6, 5, 6, 5]
    app.measures.record_points(
        measure.id, [(start + timedelta(weeks=i), v) for i, v in enumerate(values)]
    )
    return app.charts.chart(measure.id)


def near_miss(app):
    return app.learning.record_learning(kind="near_miss", title="Insulin nearly given twice")


def swarm_dialog(app, ctx, parent):
    from ui.psirf.response_dialog import ResponseDialog

    item = near_miss(app)
    response = app.responses.start_swarm(learning_id=item.id)
    return ResponseDialog(parent, ctx=ctx, response=response, item=item)


def dialog_factories(ctx, parent):
    """How to open each dialog in ui/ (module.Class: a function making it)."""
    from datetime import UTC, datetime
    from pathlib import Path

    from huddle.domain import ActionStatus

    app = ctx.app if ctx is not None else None

    def make(module: str, name: str):
        import importlib

        return getattr(importlib.import_module(module), name)

    return {
        "ui.dialogs.MessageDialog": lambda: make("ui.dialogs", "MessageDialog")(
            parent, title="Saved", text="The summary was saved."
        ),
        "ui.dialogs.ConfirmDialog": lambda: make("ui.dialogs", "ConfirmDialog")(
            parent, title="Restore?", question="Restore this backup?", yes="Restore"
        ),
        "ui.runner.quick_add.LearningDialog": lambda: make("ui.runner.quick_add", "LearningDialog")(
            parent, save=lambda draft: None
        ),
        "ui.runner.quick_add.IdeaDialog": lambda: make("ui.runner.quick_add", "IdeaDialog")(
            parent, save=lambda draft: None, people=app.setup.people(), today=app.clock.today()
        ),
        "ui.actions.conflict_dialog.ConflictDialog": lambda: make(
            "ui.actions.conflict_dialog", "ConflictDialog"
        )(parent, what="Action", mine={"Title": "Mine"}, theirs={"Title": "Theirs"}),
        "ui.actions.prompts.ClosingNoteDialog": lambda: make(
            "ui.actions.prompts", "ClosingNoteDialog"
        )(parent, status=ActionStatus.DONE, what="Bed rails checked"),
        "ui.actions.quick_idea.QuickIdeaDialog": lambda: make(
            "ui.actions.quick_idea", "QuickIdeaDialog"
        )(ctx, parent),
        "ui.measures.rebase_dialog.RebaseDialog": lambda: make(
            "ui.measures.rebase_dialog", "RebaseDialog"
        )(parent, ctx, falls_chart(app), 12),
        "ui.measures.measure_dialog.MeasureDialog": lambda: make(
            "ui.measures.measure_dialog", "MeasureDialog"
        )(parent, ctx),
        "ui.recovery.RecoveryDialog": lambda: make("ui.recovery", "RecoveryDialog")(
            parent,
            problem="The file is damaged.",
            database=Path("ward.db"),
            backup_file=Path("backups/ward-2026-08-05.db"),
            taken_at=datetime(2026, 8, 5, 22, 0, tzinfo=UTC),
        ),
        "ui.identifier_guard.IdentifierWarning": lambda: make(
            "ui.identifier_guard", "IdentifierWarning"
        )(parent, text="Notes: 999 *** **18 looks like an NHS number."),
        "ui.audit_view.AuditDialog": lambda: make("ui.audit_view", "AuditDialog")(ctx, parent),
        "ui.pages.settings_manager.PinDialog": lambda: make(
            "ui.pages.settings_manager", "PinDialog"
        )(parent, purpose="Restoring a backup"),
        "ui.psirf.excellence.ExcellenceDialog": lambda: make(
            "ui.psirf.excellence", "ExcellenceDialog"
        )(parent, save=lambda draft: None),
        "ui.psirf.response_dialog.ResponseDialog": lambda: swarm_dialog(app, ctx, parent),
        "ui.psirf.start.EventPicker": lambda: make("ui.psirf.start", "EventPicker")(
            parent, items=[near_miss(app)]
        ),
        "ui.psirf.start.ResponseChoice": lambda: make("ui.psirf.start", "ResponseChoice")(
            parent, item=near_miss(app), swarm_open=True
        ),
        "ui.psirf.touchpoints.TouchpointDialog": lambda: make(
            "ui.psirf.touchpoints", "TouchpointDialog"
        )(parent, save=lambda draft: None),
        "ui.psirf.touchpoints.WhatMattersDialog": lambda: make(
            "ui.psirf.touchpoints", "WhatMattersDialog"
        )(parent, save=lambda draft: None),
        "ui.psirf.text_answer.TextAnswer": lambda: make("ui.psirf.text_answer", "TextAnswer")(
            parent,
            title="Why not reported?",
            prompt="Say why",
            hint="For example: reported by pharmacy",
        ),
        "ui.psirf.unreported_review.UnreportedReview": lambda: (
            near_miss(app),  # one event to list, with its two answers
            make("ui.psirf.unreported_review", "UnreportedReview")(parent, ctx=ctx),
        )[1],
        "ui.sync_conflicts.ConflictsDialog": lambda: make("ui.sync_conflicts", "ConflictsDialog")(
            parent, ctx=ctx
        ),
        "ui.keyboard_help.ShortcutsDialog": lambda: make("ui.keyboard_help", "ShortcutsDialog")(
            parent
        ),
        "ui.escalations.EscalateDialog": lambda: make("ui.escalations", "EscalateDialog")(
            parent, save=lambda draft: None, tiers=("Site", "Division"), today=app.clock.today()
        ),
    }


def dialogs_in_ui() -> set[str]:
    """Every QDialog subclass defined in ui/ that nothing else subclasses."""
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import ui

    found = {}
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == info.name:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    bases = {base for cls in found.values() for base in cls.__mro__[1:]}
    return {name for name, cls in found.items() if cls not in bases}


def test_every_dialog_is_walked() -> None:
    missing = dialogs_in_ui() - set(dialog_factories(None, None))
    assert not missing, (
        "Add each new dialog to dialog_factories in tests/ui/test_accessibility.py so the "
        f"accessibility walk opens it: {sorted(missing)}"
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_every_dialog_names_its_controls_and_tab_reaches_them_all(qtbot, window, ctx) -> None:
    found = []
    for name, make in dialog_factories(ctx, window).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        activate(qtbot, dialog)
        found += [f"{name}: {p}" for p in name_and_role_problems(dialog)]
        controls = list(controls_in(dialog))
        if controls:
            visited = tab_through(dialog, controls[0])
            found += [
                f"{name}: Tab never reaches {describe(w)}"
                for w in controls[1:]
                if not reached(w, visited)
            ]
        dialog.close()
    assert not found, "\n" + "\n".join(found)


# -- a huddle by keyboard alone ------------------------------------------------
def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def tab_to(widget: QWidget) -> None:
    """Press Tab until ``widget`` has focus (failing when Tab never gets there)."""
    for _ in range(TAB_LIMIT):
        if QApplication.focusWidget() is widget:
            return
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {describe(widget)}")


def test_a_whole_huddle_runs_from_the_keyboard_alone(qtbot, window, app) -> None:
    activate(qtbot, window)
    people = app.setup.people()
    press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "today"
    tab_to(window.page("today").start_button)
    press(Qt.Key.Key_Space)
    assert window.current_key() == "huddle"
    running = app.huddles.running()
    assert running is not None
    huddle = window.page("huddle")
    for person in people[:2]:
        tab_to(huddle.run_view.attendance.buttons[person.id])
        press(Qt.Key.Key_Space)
    notes = huddle.run_view.panels[0].notes.box
    tab_to(notes)
    QTest.keyClicks(notes, "Bay 4: two patients at high risk of falls; sensor mats out")
    for _ in running.sections[1:]:
        press(Qt.Key.Key_PageDown)
    assert huddle.current_index == len(running.sections) - 1
    tab_to(huddle.run_view.finish_button)
    press(Qt.Key.Key_Space)
    done = app.huddles.huddle(running.id)
    assert done.status.value == "finished"
    assert done.attendee_ids == {people[0].id, people[1].id}
    assert done.sections[0].notes == "Bay 4: two patients at high risk of falls; sensor mats out"
