"""Small building blocks the Settings page shares: cards, labelled fields, errors."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import HuddleError, ValidationError
from ui import dialogs
from ui.context import UiContext


class Card(QFrame):
    """A white panel with a heading; ``body`` takes the rest."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setAccessibleName(heading)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(24, 16, 24, 20)
        self.body.setSpacing(10)
        title = QLabel(heading)
        title.setProperty("role", "cardheading")
        self.body.addWidget(title)


class SettingsCard(Card):
    """A card of the ward's settings: its heading, the context it saves through, and
    :class:`FieldErrors` to show what was refused."""

    def __init__(self, heading: str, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(heading, parent)
        self.ctx = ctx
        self.errors = FieldErrors(self)


def error_label() -> QLabel:
    shown = QLabel("")
    shown.setProperty("role", "fielderror")
    shown.setWordWrap(True)
    shown.hide()
    return shown


class FieldErrors:
    """Error labels by field name; shows a ValidationError next to its fields."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.labels: dict[str, QLabel] = {}

    def add(self, field: str) -> QLabel:
        self.labels[field] = error_label()
        return self.labels[field]

    def clear(self) -> None:
        for shown in self.labels.values():
            shown.hide()

    def show(self, error: HuddleError, *, title: str) -> None:
        if not isinstance(error, ValidationError):
            dialogs.show_error(self.parent, error, title=title)
            return
        unplaced = []
        for problem in error.problems:
            key = problem.field.split("[", 1)[0].split(".", 1)[0]
            shown = self.labels.get(problem.field) or self.labels.get(key)
            if shown is None:
                unplaced.append(problem.message)
                continue
            shown.setText(problem.message)
            shown.show()
        if unplaced:
            dialogs.MessageDialog.ask(self.parent, title=title, text="\n".join(unplaced))

    def visible_text(self) -> dict[str, str]:
        return {k: v.text() for k, v in self.labels.items() if not v.isHidden()}
