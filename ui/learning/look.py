"""Labels the Learning page shares: headings, secondary notes and problems.

Headings carry the shell's style-sheet role and also get their font set here,
so they read as headings whatever the shared sheet says, and grow with board
mode through :func:`apply_fonts`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QLayout, QWidget

from ui import theme

SIZED = "learningFont"  # "heading" or "title": the label's own size


def label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    made = QLabel(text)
    made.setWordWrap(wrap)
    made.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        made.setProperty("role", role)
    return made


def heading(text: str = "", *, size: str = "heading") -> QLabel:
    made = label(text, "pagetitle" if size == "title" else "cardheading")
    made.setProperty(SIZED, size)
    made.setFont(theme.app_font(getattr(theme.NORMAL, size), bold=True))
    return made


def problem_label() -> QLabel:
    """Where a problem is explained, in the error colour and bold (and always in words)."""
    made = label("", "fielderror")
    made.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
    return made


def clear_layout(layout: QLayout, *, keep: int = 0) -> None:
    """Remove (and delete) every item of ``layout`` but the last ``keep``."""
    while layout.count() > keep:
        taken = layout.takeAt(0)
        widget = taken.widget() if taken is not None else None
        if widget is not None:
            widget.deleteLater()


def day_of(edit: QDateEdit) -> date:
    """A date edit's day as a Python date."""
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


def apply_fonts(root: QWidget, board_mode: bool) -> None:
    """Resize the headings under ``root`` for normal or board mode."""
    scale = theme.scale_for(board_mode)
    for widget in root.findChildren(QLabel):
        size = widget.property(SIZED)
        if size:
            widget.setFont(theme.app_font(getattr(scale, size), bold=True))
