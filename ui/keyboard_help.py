"""Every keyboard shortcut, listed once, and the Keyboard shortcuts dialog (F1).

The list is what the dialog shows; a test finds every QShortcut the window and
its pages make and fails when one is missing here, so the list cannot drift.
"""

from __future__ import annotations

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import theme


class Shortcut(msgspec.Struct, frozen=True):
    where: str
    keys: tuple[str, ...]  # each in Qt's portable text, e.g. "Ctrl+I", "PgDown"
    what: str

    @property
    def shown(self) -> str:
        return " or ".join(self.keys)


PAGE_KEYS = tuple(
    Shortcut("Anywhere", (f"Alt+{n}",), f"Go to the {label} page")
    for n, label in enumerate(
        ("Today", "Huddle", "Actions", "Learning", "Measures", "Reports", "Settings"), start=1
    )
)
SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Anywhere", ("F1",), "Show these keyboard shortcuts"),
    Shortcut("Anywhere", ("Tab", "Shift+Tab"), "Move to the next or the previous control"),
    Shortcut("Anywhere", ("Space", "Return"), "Press the button or tick the box that has focus"),
    *PAGE_KEYS,
    Shortcut("Anywhere", ("Ctrl+I",), "New idea: suggest an improvement in seconds"),
    Shortcut("Anywhere", ("F11",), "Board mode on or off: full screen, larger text"),
    Shortcut("The huddle", ("PgDown",), "Next section of the agenda"),
    Shortcut("The huddle", ("PgUp",), "Previous section of the agenda"),
    *(
        Shortcut("The huddle", (f"Ctrl+{n}",), f"Go to section {n} of the agenda")
        for n in range(1, 10)
    ),
    Shortcut("Actions", ("Ctrl+F",), "Search the actions"),
    Shortcut("Actions", ("Ctrl+Z",), "Undo the last change"),
    Shortcut("Actions", ("Ctrl+Y", "Ctrl+Shift+Z"), "Redo"),
    Shortcut("Actions board", ("Left", "Right"), "Move to the card in the next column"),
    Shortcut("Actions board", ("Ctrl+Left", "Ctrl+Right"), "Move the card to the next column"),
    Shortcut("Actions board", ("Return",), "Open the card"),
    Shortcut("An action", ("Ctrl+S",), "Save the action"),
    Shortcut("An action", ("Esc",), "Back to the list"),
    Shortcut("A chart", ("Left", "Right", "Home", "End"), "Read out a point on the chart"),
    Shortcut("Measure points", ("Ctrl+V",), "Paste a column of values"),
)


def listed_keys() -> set[str]:
    """Every key combination the dialog lists."""
    return {key for shortcut in SHORTCUTS for key in shortcut.keys}


class ShortcutsDialog(QDialog):
    """The list of shortcuts, in a table a screen reader can walk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = "Keyboard shortcuts"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        intro = QLabel(
            "Everything in Ward Huddle works from the keyboard. The control that has focus "
            "is outlined in yellow."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setAccessibleName("Keyboard shortcuts: where, keys and what they do")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, shortcut in enumerate(SHORTCUTS):
            for column, text in enumerate((shortcut.where, shortcut.shown, shortcut.what)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton("Close", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setAccessibleName("Close")
        self.close_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.setFont(theme.app_font())
        self.resize(760, 640)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def ask(cls, parent: QWidget | None) -> None:
        dialog = cls(parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
