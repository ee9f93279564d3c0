"""Simple painted bar charts for "What are we learning", with the numbers as text.

:class:`BarChart` draws one horizontal bar per row (label, bar, number);
:class:`MonthStrip` draws a theme's count month by month as small columns with
the count under each. Both say what they show in their accessible description,
so a screen reader hears the same numbers the eye sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme

EMPTY_COLOUR = "#E8EDEE"  # the unfilled track behind a bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str = theme.NHS_BLUE
    icon: QIcon | None = None


class BarChart(QWidget):
    """Horizontal bars, longest for the biggest value, each number written beside it."""

    def __init__(
        self, name: str, parent: QWidget | None = None, *, empty: str = "None yet"
    ) -> None:
        super().__init__(parent)
        self._bars: tuple[Bar, ...] = ()
        self._empty = empty
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = tuple(bars)
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.value}" for b in self._bars) or self._empty
        )
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 1.8

    def sizeHint(self) -> QSize:
        rows = max(len(self._bars), 1)
        return QSize(360, int(rows * self._row_height()) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        height = self._row_height()
        if not self._bars:
            painter.setPen(QColor(theme.SECONDARY_TEXT))
            painter.drawText(
                QRectF(0, 0, self.width(), height), Qt.AlignmentFlag.AlignVCenter, self._empty
            )
            return
        icon_size = metrics.height() if any(b.icon for b in self._bars) else 0.0
        label_width = max(metrics.horizontalAdvance(b.label) for b in self._bars)
        label_width = min(label_width + icon_size + (8 if icon_size else 0), self.width() * 0.45)
        number_width = metrics.horizontalAdvance("0000") + 12
        track = max(self.width() - label_width - number_width - 16, 20)
        biggest = max(max(b.value for b in self._bars), 1)
        for row, bar in enumerate(self._bars):
            top = row * height
            x = 0.0
            if bar.icon is not None:
                bar.icon.paint(
                    painter,
                    int(x),
                    int(top + (height - icon_size) / 2),
                    int(icon_size),
                    int(icon_size),
                )
                x += icon_size + 8
            painter.setPen(QColor(theme.TEXT))
            label_box = QRectF(x, top, label_width - x, height)
            painter.drawText(
                label_box,
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_box.width()),
            )
            bar_x, bar_h = label_width + 10, height * 0.5
            bar_y = top + (height - bar_h) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(EMPTY_COLOUR))
            painter.drawRoundedRect(QRectF(bar_x, bar_y, track, bar_h), 3, 3)
            length = track * bar.value / biggest
            if length > 0:
                painter.setBrush(QColor(bar.colour))
                painter.drawRoundedRect(QRectF(bar_x, bar_y, max(length, 4), bar_h), 3, 3)
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(
                QRectF(bar_x + track + 8, top, number_width, height),
                Qt.AlignmentFlag.AlignVCenter,
                str(bar.value),
            )


class MonthStrip(QWidget):
    """A theme's items month by month: a small column per month, its count beneath."""

    def __init__(
        self, months: Sequence[str], counts: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.months = tuple(months)
        self.counts = tuple(counts)
        self.setAccessibleDescription(
            ", ".join(f"{m}: {c}" for m, c in zip(self.months, self.counts, strict=True))
        )
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _cell(self) -> float:
        return QFontMetricsF(self.font()).horizontalAdvance("Mmm") + 10

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(int(self._cell() * len(self.months)), int(line * 3.6))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        cell = self._cell()
        column_height = line * 1.5
        biggest = max(max(self.counts, default=0), 1)
        for i, (month, count) in enumerate(zip(self.months, self.counts, strict=True)):
            x = i * cell
            filled = column_height * count / biggest
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(EMPTY_COLOUR))
            painter.drawRect(QRectF(x + 6, 0, cell - 12, column_height))
            if count:
                painter.setBrush(QColor(theme.NHS_BLUE))
                painter.drawRect(QRectF(x + 6, column_height - filled, cell - 12, filled))
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(
                QRectF(x, column_height, cell, line), Qt.AlignmentFlag.AlignCenter, str(count)
            )
            painter.setPen(QColor(theme.SECONDARY_TEXT))
            painter.drawText(
                QRectF(x, column_height + line, cell, line), Qt.AlignmentFlag.AlignCenter, month
            )
