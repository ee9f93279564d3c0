"""A plain yes/no question with clearly worded buttons, opened through ``ask()``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.runner.look import fit_fonts, mark


class ConfirmDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, *, title: str, question: str, yes: str, no: str = "Keep going"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        text = QLabel(question)
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.yes = buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole)
        self.no = buttons.addButton(no, QDialogButtonBox.ButtonRole.RejectRole)
        self.yes.setAccessibleName(yes)
        self.no.setAccessibleName(no)
        mark(self.yes, "kind", "danger")
        self.no.setDefault(True)  # the safe choice is the one Enter picks
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, **options: str) -> bool:
        dialog = cls(parent, **options)
        if parent is not None:
            fit_fonts(dialog, parent.font().pointSizeF())
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
