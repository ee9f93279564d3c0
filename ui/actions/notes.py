"""The progress notes of one action: a timeline, and a box to add the next.

Each note says when it was written and which huddle it was given in (a note
added while a huddle is running is recorded as given in it). Notes are the
action's history: they are never edited or undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, Huddle, ProgressNote
from huddle.errors import HuddleError, NotFoundError
from ui import dialogs
from ui.actions.owner import identifiers_ok
from ui.actions.pdsa import text_box
from ui.context import UiContext
from ui.formatting import date_and_time, short_date
from ui.words import ACTION_STATUS, HUDDLE_KIND


class NotesPanel(QWidget):
    """The timeline, oldest first, and the new-note box under it."""

    added = Signal(object)  # the new ProgressNote

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action: Action | None = None
        self.count = 0
        self._huddles: dict[str, Huddle | None] = {}
        self.timeline = QListWidget()
        self.timeline.setAccessibleName("Progress notes, oldest first")
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.note = text_box("New progress note", "What has happened since the last note?", 70)
        self.note_huddle = QLabel()
        self.note_huddle.setProperty("role", "secondary")
        self.note_huddle.setWordWrap(True)
        self.add_note_button = QPushButton("Add note")
        self.add_note_button.setAccessibleName("Add progress note")
        self.add_note_button.clicked.connect(self.add_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addWidget(self.note_huddle, 1)
        row.addWidget(self.add_note_button)
        layout.addLayout(row)

    def show_action(self, action: Action) -> None:
        self.action = action
        self.timeline.clear()
        notes = self.ctx.app.actions.progress_notes(action.id)
        self.count = len(notes)
        for note in notes:
            item = QListWidgetItem(self.note_text(note))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self.note_text(note))
            self.timeline.addItem(item)
        if not notes:
            self.timeline.addItem("No progress notes yet.")
        self.timeline.scrollToBottom()
        running = self.ctx.app.huddles.running()
        self.note_huddle.setText(
            f"Will be recorded as given in the {HUDDLE_KIND[running.kind].lower()} running now."
            if running
            else "Recorded as given outside a huddle."
        )

    def set_editable(self, editable: bool) -> None:
        self.note.setReadOnly(not editable)
        self.add_note_button.setEnabled(editable)

    def _huddle_words(self, huddle_id: str | None) -> str:
        if huddle_id is None:
            return "outside a huddle"
        if huddle_id not in self._huddles:
            try:
                self._huddles[huddle_id] = self.ctx.app.huddles.huddle(huddle_id)
            except NotFoundError:
                self._huddles[huddle_id] = None
        huddle = self._huddles[huddle_id]
        if huddle is None:
            return "in a huddle"
        return f"in the {HUDDLE_KIND[huddle.kind].lower()} of {short_date(huddle.held_on)}"

    def note_text(self, note: ProgressNote) -> str:
        head = f"{date_and_time(note.created_at)}, {self._huddle_words(note.huddle_id)}"
        if note.status_to is not None:
            head += f"  ·  moved to {ACTION_STATUS[note.status_to].lower()}"
        return f"{head}\n{note.text}"

    def add_note(self) -> ProgressNote | None:
        if self.action is None or self.ctx.read_only:
            return None
        if not identifiers_ok(self, {"text": self.note}, {"text": "Progress note"}):
            return None
        running = self.ctx.app.huddles.running()
        try:
            note = self.ctx.app.actions.add_progress_note(
                self.action.id,
                text=self.note.toPlainText(),
                huddle_id=running.id if running else None,
            )
        except HuddleError as error:
            dialogs.show_error(self, error, title="The note was not added")
            return None
        self.note.clear()
        self.show_action(self.action)
        self.added.emit(note)
        return note
