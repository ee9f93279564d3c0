"""Saying what went wrong, next to where it went wrong.

The core raises :class:`huddle.errors.HuddleError` with plain British English
messages; the runner shows them inline, in red text with a warning word, so
nothing relies on colour alone and nothing pops up over the huddle.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from huddle.errors import ConflictError, HuddleError, ReadOnlyError, ValidationError
from ui.runner.look import mark


def describe(error: HuddleError) -> str:
    """One or more sentences a person can act on."""
    if isinstance(error, ValidationError):
        return " ".join(problem.message for problem in error.problems)
    if isinstance(error, ReadOnlyError):
        return "This copy is open read-only, so changes cannot be saved here."
    if isinstance(error, ConflictError):
        return "Someone else saved this at the same time. Your text is kept here."
    return error.message


class ErrorLabel(QLabel):
    """A hidden label that appears with "Not saved: …" when something fails."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        mark(self, "role", "error")
        self.setAccessibleName("Problem")
        self.hide()

    def show_error(self, error: HuddleError | str, prefix: str = "Not saved: ") -> None:
        text = error if isinstance(error, str) else describe(error)
        self.setText(f"{prefix}{text}")
        self.setAccessibleDescription(self.text())
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()
