"""What an empty Measures page offers: the measures most wards keep, one click each.

Each starter is defined through the measures service
(:func:`huddle.services.measure_starters.start_measure`), so it is checked and
audited like a measure defined by hand; the page then shows its chart, ready
for points. Defining one's own stays a click away ("New measure…").
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from huddle.errors import HuddleError
from huddle.services.measure_starters import STARTERS, start_measure
from ui.context import UiContext
from ui.theme import mark


class StartersPanel(QFrame):
    """The empty page's card: a button per common measure, with what it counts."""

    started = Signal(str)  # the new measure's id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Card")
        heading = QLabel("No measures yet: start with the ones most wards keep")
        mark(heading, "role", "heading")
        heading.setWordWrap(True)
        intro = QLabel(
            "One click starts a measure with its chart ready for points; change its target "
            "or period afterwards with “Change…”. To count something else, choose "
            "“New measure…” above."
        )
        mark(intro, "role", "secondary")
        intro.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        for row, starter in enumerate(STARTERS):
            button = QPushButton(f"Start “{starter.name}”")
            button.setAccessibleName(f"Start the measure {starter.name}")
            button.clicked.connect(lambda _=False, key=starter.key: self.start(key))
            what = QLabel(starter.description)
            what.setWordWrap(True)
            grid.addWidget(button, row, 0)
            grid.addWidget(what, row, 1)
            self.buttons[starter.key] = button
        self.problem = QLabel("")
        mark(self.problem, "role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        if ctx.read_only:  # a view-only copy can show what is missing, not start it
            heading.setText("No measures yet")
            intro.setText("Measures are started on the ward's own PC; none has been yet.")
            for button in self.buttons.values():
                button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def start(self, key: str) -> None:
        try:
            measure = start_measure(self.ctx.app.measures, key)
        except HuddleError as error:
            self.problem.setText(f"Not started: {error.message}")
            self.problem.show()
            return
        self.problem.hide()
        self.started.emit(measure.id)
