"""Layouts the screens share: scroll areas, a widget filling another, and
emptying or reading layouts whose rows are rebuilt as the data changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget


def scroller(
    content: QWidget, *, frame: bool = False, sideways: bool = False, see_through: bool = False
) -> QScrollArea:
    """``content`` in a scroll area that is no Tab stop itself (its fields are).

    It scrolls down only unless ``sideways``; ``frame`` keeps the area's frame;
    ``see_through`` lets what is behind show (a card's white, say).
    """
    area = QScrollArea()
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidgetResizable(True)
    if not frame:
        area.setFrameShape(QFrame.Shape.NoFrame)
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    if see_through:
        area.viewport().setAutoFillBackground(False)
    return area


def add_all(layout: QBoxLayout, *parts: QWidget | QLayout) -> QBoxLayout:
    """Add ``parts`` (widgets or layouts) to ``layout`` in order."""
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout


def fill(holder: QWidget, *parts: QWidget | QLayout) -> QVBoxLayout:
    """``parts`` filling ``holder`` top to bottom, edge to edge."""
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    add_all(layout, *parts)
    return layout


def clear_layout(layout: QLayout, *, keep: int = 0) -> None:
    """Remove (and delete) every item of ``layout`` but the last ``keep``.

    Widgets are hidden at once (deleteLater runs only when control returns to
    the event loop, and a screen reader or a grab may look before then).
    """
    while layout.count() > keep:
        taken = layout.takeAt(0)
        widget = taken.widget() if taken is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` holds directly, in order."""
    found = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        if widget is not None:
            found.append(widget)
    return found
