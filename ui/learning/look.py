"""Labels the Learning page shares: headings, secondary notes and problems.

Headings carry the shell's style-sheet role and also get their font set here,
so they read as headings whatever the shared sheet says, and grow with board
mode through :func:`apply_fonts`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

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
    return label("", "fielderror")


def apply_fonts(root: QWidget, board_mode: bool, board_factor: float = theme.BOARD_FACTOR) -> None:
    """Resize the headings under ``root`` for normal or board mode."""
    scale = theme.scale_for(board_mode, board_factor)
    for widget in root.findChildren(QLabel):
        size = widget.property(SIZED)
        if size:
            widget.setFont(theme.app_font(getattr(scale, size), bold=True))
