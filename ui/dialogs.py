"""Message and question dialogs, each opened through one ``ask()`` classmethod.

``ask()`` is the single seam tests patch, so no dialog is ever left blocking a
test. Wording is plain British English; service errors are shown with their own
message, which the core writes for people.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import HuddleError
from ui.layouts import add_all

ACCEPT = QDialogButtonBox.ButtonRole.AcceptRole
REJECT = QDialogButtonBox.ButtonRole.RejectRole


def answer_buttons(
    dialog: QDialog,
    *answers: tuple[str, QDialogButtonBox.ButtonRole, str],
    default: int | None = 0,
    on_accept: Callable[[], object] | None = None,
) -> tuple[QDialogButtonBox, list[QPushButton]]:
    """``dialog``'s row of answers: (words, role, what a screen reader says) each.

    Enter picks the ``default``-th; an accepting answer calls ``on_accept``
    (closing the dialog unless given), a rejecting one closes it.
    """
    box = QDialogButtonBox()
    made = []
    for words, role, spoken in answers:
        button = box.addButton(words, role)
        button.setAccessibleName(spoken or words)
        made.append(button)
    if default is not None:
        made[default].setDefault(True)
    box.accepted.connect(on_accept or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, made


def message_text(dialog: QDialog, *, title: str, text: str, width: int = 420) -> QLabel:
    """Title ``dialog`` and give back its wrapped message, at least ``width`` wide."""
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setMinimumWidth(width)
    return label


def stack(dialog: QWidget, *parts: QWidget | QLayout) -> QVBoxLayout:
    """Lay ``parts`` out down ``dialog``, top to bottom."""
    layout = QVBoxLayout(dialog)
    add_all(layout, *parts)
    return layout


def accepted(dialog: QDialog) -> bool:
    """Show ``dialog`` until answered; True when accepted. It is deleted after."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


class MessageDialog(QDialog):
    """Something the person should know, with one button to close it."""

    def __init__(
        self, parent: QWidget | None, *, title: str, text: str, button: str = "Close"
    ) -> None:
        super().__init__(parent)
        self.text = message_text(self, title=title, text=text)
        buttons, (self.close_button,) = answer_buttons(self, (button, ACCEPT, button))
        stack(self, self.text, buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, text: str) -> None:
        accepted(cls(parent, title=title, text=text))


class ConfirmDialog(QDialog):
    """A yes/no question, the app's one; the safe answer (``no``) is the default button.

    ``yes`` names what happens ("Abandon huddle") and is marked as the risky
    choice; the dialog reads at its parent's type size (board mode included).
    """

    def __init__(
        self, parent: QWidget | None, *, title: str, question: str, yes: str, no: str = "Cancel"
    ) -> None:
        super().__init__(parent)
        text = message_text(self, title=title, text=question)
        # the safe choice is the one Enter picks
        buttons, (self.yes, self.no) = answer_buttons(
            self, (yes, ACCEPT, yes), (no, REJECT, no), default=1
        )
        self.yes.setProperty("kind", "danger")
        stack(self, text, buttons)

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
        return accepted(dialog)


class SaveFileChooser:
    """Where to save a file (the system's own dialog), or None; the seam tests patch.

    A kind of file the app saves subclasses it with its own ``title`` and
    ``filter_text``; a caller may also name them.
    """

    title = "Save"
    filter_text = "CSV files (*.csv)"

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        suggested: str,
        title: str | None = None,
        filter_text: str | None = None,
    ) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, title or cls.title, suggested, filter_text or cls.filter_text
        )
        return chosen or None

    @classmethod
    def ask_path(cls, parent: QWidget | None, *, suggested: str, suffix: str) -> Path | None:
        """:meth:`ask`, as a path that ends in ``suffix`` whatever the person typed."""
        chosen = cls.ask(parent, suggested=suggested)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


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
