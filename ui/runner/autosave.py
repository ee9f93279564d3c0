"""A text box that saves itself a moment after the typing stops.

Used for each section's notes and for today's risks. The box never throws
away what was typed: if a save fails (a clash with another PC, a read-only
copy, a full disk) the text stays, the problem shows underneath, and the next
edit or :meth:`save_now` tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from huddle.errors import ConflictError, HuddleError
from ui.runner.feedback import ErrorLabel
from ui.runner.look import mark

SAVE_DELAY_MS = 800


class AutoSaveText(QWidget):
    """A labelled :class:`QPlainTextEdit` whose text is saved by ``save(text)``."""

    def __init__(self, label: str, placeholder: str, save: Callable[[str], None],
                 parent: QWidget | None = None, *,
                 overrule: Callable[[ConflictError], None] | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._overrule = overrule
        self._conflict: ConflictError | None = None
        self._dirty = False
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.box = QPlainTextEdit()
        self.box.setAccessibleName(label)
        self.box.setPlaceholderText(placeholder)
        self.box.setTabChangesFocus(True)
        self.box.setMinimumHeight(120)
        self.label.setBuddy(self.box)
        self.status = QLabel("")
        mark(self.status, "role", "secondary")
        self.problem = ErrorLabel()
        self.keep_mine = QPushButton("Save my text over theirs")
        self.keep_mine.setAccessibleName("Save my text over theirs")
        self.keep_mine.clicked.connect(self._keep_mine)
        self.keep_mine.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self.box.textChanged.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(self.keep_mine)

    @property
    def dirty(self) -> bool:
        """True while typed text has not been saved yet."""
        return self._dirty

    def text(self) -> str:
        return self.box.toPlainText()

    def show_saved(self, text: str) -> None:
        """Show what the database holds, unless unsaved typing would be lost."""
        if self._dirty or text == self.box.toPlainText():
            return
        self.box.blockSignals(True)
        self.box.setPlainText(text)
        self.box.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        self.box.setReadOnly(not editable)
        self.keep_mine.setEnabled(editable)

    def _edited(self) -> None:
        self._dirty = True
        self.status.setText("Saving shortly…")
        self._timer.start()

    def save_now(self) -> bool:
        """Save pending text at once; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._dirty:
            return True
        try:
            self._save(self.box.toPlainText())
        except HuddleError as error:
            self.status.setText("")
            self.problem.show_error(error, "Not saved yet (your text is kept): ")
            if isinstance(error, ConflictError) and self._overrule is not None:
                self._conflict = error
                self.keep_mine.show()
            return False
        self._dirty = False
        self._conflict = None
        self.keep_mine.hide()
        self.problem.clear_error()
        self.status.setText("Saved")
        return True

    def _keep_mine(self) -> None:
        if self._conflict is not None and self._overrule is not None:
            self._overrule(self._conflict)
        self.save_now()
