"""The agenda as a column of big step buttons: title, time box, where we are.

Each step is a button (so it is keyboard-reachable and has an accessible
name) holding a word-wrapped label, because a plain list view elides long
section titles on a wall screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from huddle.domain import HuddleSection
from ui.runner.countdown import format_clock, spoken_duration
from ui.runner.look import MIN_TARGET, mark, set_font


class StepButton(QPushButton):
    def __init__(self, number: int, section: HuddleSection, points: float) -> None:
        super().__init__()
        self.setProperty("kind", "step")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel(f"{number}. {section.title}")
        self.title.setWordWrap(True)
        self.box = QLabel(format_clock(section.seconds))
        for label in (self.title, self.box):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            set_font(label, points)
        self.box.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.row = layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.box)
        self._name = f"Section {number}: {section.title}, {spoken_duration(section.seconds)}"
        self._full = f"{number}. {section.title}"
        self._number = str(number)
        self.setAccessibleName(self._name)
        self.setToolTip(f"{self._full} ({format_clock(section.seconds)})")

    def set_compact(self, compact: bool) -> None:
        """Just the number (a narrow screen's agenda strip), or number, title and time."""
        self.title.setText(self._number if compact else self._full)
        self.title.setWordWrap(not compact)
        self.title.setAlignment(
            Qt.AlignmentFlag.AlignCenter if compact else Qt.AlignmentFlag.AlignLeft
        )
        self.box.setVisible(not compact)
        self.row.setContentsMargins(*((4, 8, 4, 8) if compact else (12, 8, 12, 8)))

    def sizeHint(self) -> QSize:
        hint = self.row.sizeHint()
        hint.setHeight(max(hint.height(), MIN_TARGET + 8))
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = self.row.minimumSize()
        hint.setHeight(max(hint.height(), MIN_TARGET + 8))
        return hint

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.row.totalHeightForWidth(width), MIN_TARGET + 8)

    def set_current(self, current: bool) -> None:
        mark(self, "current", "true" if current else "false")
        for label in (self.title, self.box):
            mark(label, "step", "current" if current else "other")
        self.setAccessibleName(f"{self._name}{' (now)' if current else ''}")


class StepList(QWidget):
    chosen = Signal(int)

    def __init__(self, points: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Agenda")
        self.setObjectName("ScrollContent")
        self.points = points
        self.compact = False
        self.steps: list[StepButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)

    def set_sections(self, sections: Sequence[HuddleSection]) -> None:
        for step in self.steps:
            self._layout.removeWidget(step)
            step.hide()
            step.deleteLater()
        self.steps = []
        for number, section in enumerate(sections, start=1):
            step = StepButton(number, section, self.points)
            step.clicked.connect(lambda _=False, i=number - 1: self.chosen.emit(i))
            step.set_compact(self.compact)
            self._layout.insertWidget(number - 1, step)
            self.steps.append(step)

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        for step in self.steps:
            step.set_compact(compact)

    def set_current(self, index: int) -> None:
        for position, step in enumerate(self.steps):
            step.set_current(position == index)
