"""One line of text asked for in a small dialog: an incident-system reference,
or why an event need not be reported (the "not yet reported" flag's buttons)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.identifier_guard import confirm_no_identifiers


class TextAnswer(QDialog):
    """One line of text (a reference, or a reason); None when cancelled."""

    def __init__(self, parent: QWidget | None, *, title: str, prompt: str, hint: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)
        self.answer: str | None = None
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(hint)
        self.edit.setAccessibleName(title)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save(self) -> None:
        if not self.edit.text().strip():
            return
        if confirm_no_identifiers(self, {"text": self.edit}, labels={"text": self.windowTitle()}):
            self.answer = self.edit.text()
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, prompt: str, hint: str) -> str | None:
        dialog = cls(parent, title=title, prompt=prompt, hint=hint)
        try:
            return dialog.answer if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
