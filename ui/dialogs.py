"""Message and question dialogs, each opened through one ``ask()`` classmethod.

``ask()`` is the single seam tests patch, so no dialog is ever left blocking a
test. Wording is plain British English; service errors are shown with their own
message, which the core writes for people.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import HuddleError


class MessageDialog(QDialog):
    """Something the person should know, with one button to close it."""

    def __init__(
        self, parent: QWidget | None, *, title: str, text: str, button: str = "Close"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(420)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setAccessibleName(button)
        self.close_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, text: str) -> None:
        dialog = cls(parent, title=title, text=text)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class ConfirmDialog(QDialog):
    """A yes/no question, the app's one; the safe answer (``no``) is the default button.

    ``yes`` names what happens ("Abandon huddle") and is marked as the risky
    choice; the dialog reads at its parent's type size (board mode included).
    """

    def __init__(
        self, parent: QWidget | None, *, title: str, question: str, yes: str, no: str = "Cancel"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        text = QLabel(question)
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        buttons = QDialogButtonBox()
        self.yes = buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole)
        self.no = buttons.addButton(no, QDialogButtonBox.ButtonRole.RejectRole)
        self.yes.setAccessibleName(yes)
        self.no.setAccessibleName(no)
        self.yes.setProperty("kind", "danger")
        self.no.setDefault(True)  # the safe choice is the one Enter picks
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, title: str, question: str, yes: str, no: str = "Cancel"
    ) -> bool:
        dialog = cls(parent, title=title, question=question, yes=yes, no=no)
        if parent is not None:
            size = parent.font().pointSizeF()
            for widget in [dialog, *dialog.findChildren(QWidget)]:
                font = widget.font()
                font.setPointSizeF(size)
                widget.setFont(font)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class FolderChooser:
    """Pick a folder (the system's own dialog), or None when cancelled."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, start: str = "") -> str | None:
        chosen = QFileDialog.getExistingDirectory(parent, title, start)
        return chosen or None


def show_error(
    parent: QWidget | None, error: BaseException, *, title: str = "That could not be done"
) -> None:
    """Tell the person what went wrong, in the core's own words when it has them."""
    if isinstance(error, HuddleError):
        text = error.message
    else:
        text = (
            "Something unexpected went wrong. Nothing you typed has been lost from "
            f"the ward's records. The details are in the log.\n\n{type(error).__name__}: "
            f"{error}"
        )
    MessageDialog.ask(parent, title=title, text=text)
