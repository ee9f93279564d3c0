"""Read-only lists for the runner, in big text, and the wording of their lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from huddle.domain import Action, LearningItem
from ui.formatting import short_date
from ui.layouts import clear_layout
from ui.runner.look import mark
from ui.words import HARM_LEVEL, LEARNING_KIND, NO_OWNER


def day_text(day: date) -> str:
    """``6 Aug 2026``, as everywhere else in the app."""
    return short_date(day)


def learning_line(item: LearningItem) -> str:
    parts = [LEARNING_KIND[item.kind], day_text(item.occurred_on), item.title]
    line = " · ".join(parts)
    if item.kind.value in ("incident", "near_miss"):
        line += f" ({HARM_LEVEL[item.harm].lower()})"
    return line


def owner_name(action: Action, names: dict[str, str]) -> str:
    if action.owner_id:
        return names.get(action.owner_id, "someone no longer on the roster")
    return action.owner_text or NO_OWNER.lower()


def action_line(action: Action, names: dict[str, str]) -> str:
    due = f"due {day_text(action.due_on)}" if action.due_on else "no due date"
    return f"{action.title} — {owner_name(action, names)}, {due}"


class BulletList(QWidget):
    """A column of wrapped lines, or a quiet sentence when there is nothing."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._lines: list[str] = []

    @property
    def lines(self) -> list[str]:
        return list(self._lines)

    def set_lines(self, lines: Sequence[str], empty: str) -> None:
        if list(lines) == self._lines and self._layout.count():
            return
        self._lines = list(lines)
        clear_layout(self._layout)
        for line in lines or [empty]:
            label = QLabel(f"•  {line}" if lines else empty)
            label.setWordWrap(True)
            if not lines:
                mark(label, "role", "secondary")
            self._layout.addWidget(label)
