"""The big "Start huddle" prompt shown when no huddle is running."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from huddle.domain import HuddleKind
from huddle.errors import HuddleError
from ui.context import UiContext
from ui.runner.countdown import format_clock
from ui.runner.feedback import ErrorLabel
from ui.runner.look import mark, set_font, widths
from ui.theme import TypeScale
from ui.words import HUDDLE_KIND


class StartPrompt(QWidget):
    start_requested = Signal(object)  # HuddleKind

    def __init__(self, ctx: UiContext, scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.start_button = QPushButton("Start huddle")
        self.start_button.setAccessibleName("Start huddle")
        self.start_button.setMinimumSize(widths(scale, 600), widths(scale, 150))
        set_font(self.start_button, scale.huge * 0.8, bold=True)
        mark(self.start_button, "kind", "primary")
        self.kind = QComboBox()
        self.start_button.clicked.connect(
            lambda: self.start_requested.emit(self.kind.currentData())
        )
        self.kind.setAccessibleName("Kind of huddle")
        for kind, title in HUDDLE_KIND.items():
            self.kind.addItem(title, kind)
        set_font(self.kind, scale.heading)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.agenda = QLabel("")
        self.agenda.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font(self.agenda, scale.heading)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font(self.message, scale.heading)
        mark(self.message, "role", "secondary")
        self.problem = ErrorLabel()
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kind_row = QHBoxLayout()
        kind_row.addStretch(1)
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.start_button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(button_row)
        layout.addLayout(kind_row)
        layout.addWidget(self.agenda)
        layout.addWidget(self.message)
        layout.addWidget(self.problem)
        layout.addStretch(3)
        if ctx.read_only:
            self.start_button.setEnabled(False)
            self.kind.setEnabled(False)

    def set_scale(self, scale: TypeScale) -> None:
        """Board mode switched; the page resizes the fonts, this the big button."""
        self.start_button.setMinimumSize(widths(scale, 600), widths(scale, 150))

    def refresh(self) -> None:
        """Describe the agenda the chosen kind of huddle will follow."""
        self.problem.clear_error()
        self.show_message(
            "Read-only: start huddles on the PC that has the ward's database open for changes."
            if self.ctx.read_only
            else ""
        )
        app = self.ctx.app
        if not app.has_ward:
            self.agenda.setText("")
            return
        kind: HuddleKind = self.kind.currentData()
        template = app.setup.default_template(kind) or app.setup.default_template()
        if template is None:
            self.agenda.setText("No agenda yet: add one in Settings.")
            return
        titles = " · ".join(s.title.split(":")[0] for s in template.sections)
        titles = titles if len(titles) <= 90 else f"{titles[:89]}…"
        self.agenda.setText(
            f"{template.name}: {len(template.sections)} sections, "
            f"{format_clock(template.total_seconds)} in all\n{titles}"
        )

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_error(self, error: HuddleError) -> None:
        self.problem.show_error(error, "Could not start: ")
