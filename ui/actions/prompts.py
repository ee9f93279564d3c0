"""The question asked before closing an action: what was done, or why it is dropped.

The core refuses "done" without a closing note and "dropped" without a reason;
this dialog asks for it in no-blame words. :meth:`ClosingNoteDialog.ask` is the
seam tests patch.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import ActionStatus

QUESTIONS = {
    ActionStatus.DONE: (
        "Mark as done",
        "What was done? A short closing note tells the team what changed.",
        "Mark as done",
    ),
    ActionStatus.DROPPED: (
        "Drop this action",
        "Why is it being dropped? Saying why helps the team learn from it.",
        "Drop it",
    ),
}


def needs_note(status: ActionStatus) -> bool:
    return status in QUESTIONS


class ClosingNoteDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, status: ActionStatus, what: str) -> None:
        super().__init__(parent)
        title, question, button = QUESTIONS[status]
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        heading = QLabel(f"“{what}”")
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        prompt = QLabel(question)
        prompt.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(question)
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(120)
        self.problem = QLabel("")
        self.problem.setProperty("role", "error")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("kind", "primary")
        cancel = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setAccessibleName(button)
        cancel.setAccessibleName("Cancel: leave it where it is")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, prompt, self.note, self.problem, buttons):
            layout.addWidget(widget)
        self.resize(620, 320)
        self.note.setFocus()

    def _check(self) -> None:
        if not self.note.toPlainText().strip():
            self.problem.setText("Please write a few words first.")
            self.note.setFocus()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, status: ActionStatus, what: str) -> str | None:
        """The note, or None when the person cancelled."""
        dialog = cls(parent, status=status, what=what)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.note.toPlainText().strip()
            return None
        finally:
            dialog.deleteLater()
