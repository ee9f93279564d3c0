"""A text box that saves itself a moment after the typing stops.

Used for each section's notes and for today's risks. The box never throws
away what was typed: if a save fails (a clash with another PC, a read-only
copy, a full disk) the text stays, the problem shows underneath, and the next
edit or :meth:`save_now` tries again.

Before each save the text goes through the patient-identifier detector. A
match is not saved: it is highlighted in the box and an inline strip
(:class:`~ui.runner.identifier_strip.IdentifierStrip`) explains, with "Save
anyway" for text that is not an identifier. Once the text is edited clean,
saving resumes by itself; a match the person has overruled is not asked
about again in this box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import ConflictError, HuddleError
from ui.buttons import push_button
from ui.identifier_guard import (
    FieldMatch,
    Guard,
    app_near,
    clear_highlight,
    confirm_not_identifiers,
    highlight,
    machine_guard,
)
from ui.runner.feedback import ErrorLabel
from ui.runner.identifier_strip import IdentifierStrip
from ui.runner.look import mark
from ui.timers import pause_timer

SAVE_DELAY_MS = 800


class AutoSaveText(QWidget):
    """A labelled :class:`QPlainTextEdit` whose text is saved by ``save(text)``."""

    def __init__(
        self,
        label: str,
        placeholder: str,
        save: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        overrule: Callable[[ConflictError], None] | None = None,
        guard: Guard | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._overrule = overrule
        self._conflict: ConflictError | None = None
        self._dirty = False
        self._guard = guard
        self._held: list[str] = []  # the matched text kept back (memory only, never logged)
        self._overruled: set[str] = set()  # matches "Save anyway" let through
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
        self.keep_mine = push_button("Save my text over theirs", clicked=self._keep_mine)
        self.keep_mine.hide()
        self.strip = IdentifierStrip()
        self.strip.save_anyway.connect(self.save_anyway)
        self._timer = pause_timer(self, SAVE_DELAY_MS, self.save_now)
        self.box.textChanged.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(self.keep_mine)

    @property
    def dirty(self) -> bool:
        """True while typed text has not been saved yet."""
        return self._dirty

    @property
    def held(self) -> bool:
        """True while the text is kept back because it looks like a patient identifier."""
        return bool(self._held)

    @property
    def guard(self) -> Guard:
        if self._guard is None:
            app = app_near(self)
            self._guard = app.identifiers if app is not None else machine_guard()
        return self._guard

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
        self.strip.anyway_button.setEnabled(editable)

    def _edited(self) -> None:
        self._dirty = True
        self.status.setText("Saving shortly…")
        self._timer.start()

    def save_now(self) -> bool:
        """Save pending text at once; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._dirty:
            return True
        text = self.box.toPlainText()
        if self._hold_identifiers(text):
            return False
        try:
            self._save(text)
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

    def _hold_identifiers(self, text: str) -> bool:
        """Highlight and explain any match not yet overruled; True when there is one."""
        found = [
            FieldMatch("text", self.label.text(), m.start, m.end, m.label, m.masked)
            for m in (self.guard.find(text) if text.strip() else ())
            if text[m.start : m.end] not in self._overruled
        ]
        self._held = [text[m.start : m.end] for m in found]
        if not found:
            clear_highlight(self.box)
            self.strip.clear()
            return False
        highlight(self.box, found)
        newly = self.strip.isHidden()
        self.strip.show_matches(found)
        self.status.setText("Not saved yet: your text is kept.")
        if newly:  # once laid out, scroll the section so the whole strip can be read
            QTimer.singleShot(0, self, self._reveal_strip)
        return True

    def _reveal_strip(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and self.strip.isVisible():
            parent.ensureWidgetVisible(self.strip, 0, 12)

    def save_anyway(self) -> None:
        """The person says the highlighted text is not an identifier: save it as it is.

        Only what was highlighted is let through; a new match typed since is held again.
        """
        self._overruled.update(self._held)
        if self._held:
            confirm_not_identifiers(app_near(self), self.label.text(), self.box.toPlainText())
        self.save_now()

    def _keep_mine(self) -> None:
        if self._conflict is not None and self._overrule is not None:
            self._overrule(self._conflict)
        self.save_now()
