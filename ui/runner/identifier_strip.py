"""The inline warning under a self-saving box that holds a possible patient identifier.

A huddle is run standing up, so the runner does not pop a dialog over the
screen when a note looks like it holds an NHS number: the box stops saving,
the match is highlighted in it, and this strip says why in plain words, with
a "Save anyway" button for text that is not an identifier (a stock code, a
phone extension). Only the detector's description ("looks like an NHS
number") is shown, never the matched digits.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.identifier_guard import FieldMatch
from ui.runner.look import set_font

ADVICE = (
    "Patient details must not be recorded here — edit it out, or choose Save anyway "
    "if it is not an identifier."
)


def warning_text(matches: Sequence[FieldMatch]) -> str:
    """``This looks like an NHS number. Patient details must not be recorded here — …``"""
    kinds = list(dict.fromkeys(m.label for m in matches))
    found = (
        f"This {kinds[0]}." if len(kinds) == 1 else "Some of this looks like patient identifiers."
    )
    return f"{found} {ADVICE}"


class IdentifierStrip(QFrame):
    """Hidden until :meth:`show_matches`; ``save_anyway`` when the person overrules it."""

    save_anyway = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IdentifierStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.anyway_button = QPushButton("Save anyway")
        self.anyway_button.setAccessibleName("Save anyway: it is not a patient identifier")
        self.anyway_button.clicked.connect(self.save_anyway.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(16)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.anyway_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def set_points(self, points: float) -> None:
        set_font(self.text, points, bold=True)
        set_font(self.anyway_button, points, bold=True)

    def show_matches(self, matches: Sequence[FieldMatch]) -> None:
        self.text.setText(warning_text(matches))
        self.setAccessibleName("Possible patient identifier: not saved")
        self.setAccessibleDescription(self.text.text())
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.setAccessibleDescription("")
        self.hide()
