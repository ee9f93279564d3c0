"""Emptying and reading layouts whose rows are rebuilt as the data changes."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


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
