"""The safety cross: a month's calendar of harm-free and harm days, for the wall.

Each day is a square: green with a tick for harm-free, red with a cross for a
day with harm, grey with a dash when nobody recorded the day, blank for days to
come. The marks are shapes and words as well as colours, and the month's
counts are written underneath, so nobody needs to tell red from green.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from huddle.services.charts import MeasureChart
from huddle.spc.safety import SafetyCross
from ui import theme
from ui.formatting import month_and_year

FILL = {
    "harm_free": theme.SUCCESS,
    "harm": theme.ERROR,
    "no_data": theme.BORDER,
    "future": theme.WHITE,
}
MARK = {"harm_free": "✓", "harm": "✗", "no_data": "–", "future": ""}
WORDS = {"harm_free": "harm-free", "harm": "harm", "no_data": "not recorded", "future": "to come"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def describe(cross: SafetyCross) -> str:
    """The month in words, for screen readers and the caption."""
    month = month_and_year(date(cross.year, cross.month, 1), long=True)
    return (
        f"{month}: {cross.harm_free_days} harm-free days, {cross.harm_days} "
        f"with harm, {cross.count('no_data')} not recorded"
    )


class SafetyCrossView(QWidget):
    """Draws one month of a safety-cross measure; call :meth:`show_month`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cross: SafetyCross | None = None
        self.since: int | None = None
        self.setAccessibleName("Safety cross")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(560, 460)

    def show_month(self, chart: MeasureChart, today: date, month: date | None = None) -> None:
        first = (month or today).replace(day=1)
        self.cross = chart.safety_cross(first.year, first.month, today)
        self.since = chart.days_since_last_harm(today)
        self.setAccessibleDescription(describe(self.cross))
        self.update()

    def cell_marks(self) -> dict[int, str]:
        """Day of the month → its words, as drawn (for tests and readers)."""
        if self.cross is None:
            return {}
        return {cell.number: WORDS[cell.status] for cell in self.cross.days}

    def paintEvent(self, event) -> None:
        if self.cross is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setFamilies(theme.FONT_FAMILIES)
        weeks = self.cross.weeks
        caption_height = 56.0
        header_height = 26.0
        size = min(
            (self.width() - 16) / 7,
            (self.height() - caption_height - header_height - 8) / max(1, len(weeks)),
        )
        left = (self.width() - 7 * size) / 2
        top = header_height
        font.setPointSizeF(max(8.0, size * 0.16))
        painter.setFont(font)
        painter.setPen(QColor(theme.SECONDARY_TEXT))
        for column, name in enumerate(WEEKDAYS):
            painter.drawText(
                QRectF(left + column * size, 0, size, header_height),
                Qt.AlignmentFlag.AlignCenter,
                name,
            )
        for row, week in enumerate(weeks):
            for column, cell in enumerate(week):
                if cell is None:
                    continue
                box = QRectF(left + column * size + 2, top + row * size + 2, size - 4, size - 4)
                painter.setPen(QPen(QColor(theme.BORDER), 1))
                painter.setBrush(QColor(FILL[cell.status]))
                painter.drawRoundedRect(box, 4, 4)
                ink = QColor(theme.WHITE if cell.status in ("harm_free", "harm") else theme.TEXT)
                painter.setPen(ink)
                font.setPointSizeF(max(7.0, size * 0.15))
                painter.setFont(font)
                painter.drawText(
                    box.adjusted(5, 3, -5, -3),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                    str(cell.number),
                )
                font.setPointSizeF(max(9.0, size * 0.32))
                painter.setFont(font)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, MARK[cell.status])
        font.setPointSizeF(12)
        painter.setFont(font)
        painter.setPen(QColor(theme.TEXT))
        since = (
            "No harm recorded on this measure"
            if self.since is None
            else f"{self.since} days since the last harm"
        )
        painter.drawText(
            QRectF(0, self.height() - caption_height, self.width(), caption_height),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            f"{describe(self.cross)}. {since}.",
        )
        painter.end()
