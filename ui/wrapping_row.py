"""A row of buttons that stacks them when the row is too narrow for them side by side.

So a section's buttons never push its panel wider than the screen (which
would cut them, as nothing in the app scrolls sideways).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QWidget

SIDE_BY_SIDE = QBoxLayout.Direction.LeftToRight
STACKED = QBoxLayout.Direction.TopToBottom


class WrappingRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QBoxLayout(SIDE_BY_SIDE, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.items: list[QWidget] = []
        self.row.addStretch(1)

    def add(self, widget: QWidget) -> QWidget:
        self.row.insertWidget(len(self.items), widget)
        self.items.append(widget)
        self._choose(self.width())
        return widget

    def side_by_side_width(self) -> int:
        shown = [w for w in self.items if not w.isHidden()]
        return sum(w.sizeHint().width() for w in shown) + self.row.spacing() * max(
            0, len(shown) - 1
        )

    def minimumSizeHint(self) -> QSize:
        widest = max((w.sizeHint().width() for w in self.items), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def _choose(self, width: int) -> None:
        wanted = SIDE_BY_SIDE if self.side_by_side_width() <= width else STACKED
        if self.row.direction() != wanted:
            self.row.setDirection(wanted)
            self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._choose(event.size().width())
