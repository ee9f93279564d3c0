"""The safety cross: a month's calendar of harm-free and harm days, for the wall.

Each day is a square: green with a tick for harm-free, red with a cross for a
day with harm, grey with a dash when nobody recorded the day, blank for days to
come. The marks are shapes and words as well as colours, and the month's
counts are written underneath, so nobody needs to tell red from green.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from huddle.services.charts import MeasureChart
from huddle.spc.safety import SafetyCross
from ui import theme
from ui.fonts import font_families
from ui.formatting import month_and_year

FILL = {
    "harm_free": theme.SUCCESS,
    "harm": theme.ERROR,
    "no_data": theme.BORDER,
    "future": theme.WHITE,
}
MARK = {"harm_free": "✓", "harm": "✗", "no_data": "–", "future": ""}
WORDS = {"harm_free": "harm-free", "harm": "harm", "no_data": "not recorded", "future": "to come"}
ON_COLOUR = frozenset({"harm_free", "harm"})  # white ink on green and red
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

    def caption_points(self) -> float:
        """The month's words grow with the days on a wall screen, never below 12 pt."""
        return max(12.0, min((self.width() - 16) / 7 * 0.16, 36.0))

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
        weeks = self.cross.weeks
        header_height = 26.0
        caption_font = cross_font(self.caption_points())
        caption_height = max(56.0, 2 * QFontMetricsF(caption_font).lineSpacing() + 8)
        size = min(
            (self.width() - 16) / 7,
            (self.height() - caption_height - header_height - 8) / max(1, len(weeks)),
        )
        left = (self.width() - 7 * size) / 2
        painter.setFont(cross_font(max(8.0, size * 0.16)))
        painter.setPen(QColor(theme.SECONDARY_TEXT))
        for column, name in enumerate(WEEKDAYS):
            painter.drawText(
                QRectF(left + column * size, 0, size, header_height),
                Qt.AlignmentFlag.AlignCenter,
                name,
            )
        boxes = [
            (
                QRectF(
                    left + column * size + 2, header_height + row * size + 2, size - 4, size - 4
                ),
                cell,
            )
            for row, week in enumerate(weeks)
            for column, cell in enumerate(week)
            if cell is not None
        ]
        # one pass per kind of thing drawn: the painter changes font and colour a
        # few times, not three times a day
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        for status, fill in FILL.items():
            painter.setBrush(QColor(fill))
            for box, cell in boxes:
                if cell.status == status:
                    painter.drawRoundedRect(box, 4, 4)
        for font, place, words in (
            (cross_font(max(7.0, size * 0.15)), top_left, lambda cell: str(cell.number)),
            (cross_font(max(9.0, size * 0.32)), centred, lambda cell: MARK[cell.status]),
        ):
            painter.setFont(font)
            metrics = QFontMetricsF(font)
            for inked in (True, False):
                painter.setPen(QColor(theme.WHITE if inked else theme.TEXT))
                for box, cell in boxes:
                    text = words(cell)
                    if text and (cell.status in ON_COLOUR) == inked:
                        painter.drawText(place(box, metrics, text), text)
        painter.setFont(caption_font)
        painter.setPen(QColor(theme.TEXT))
        since = (
            "No harm recorded on this measure"
            if self.since is None
            else f"{self.since} days since the last harm"
        )
        # the month's words sit under its last week, not at the foot of a tall tile
        caption_top = min(self.height() - caption_height, header_height + len(weeks) * size + 8)
        painter.drawText(
            QRectF(0, caption_top, self.width(), caption_height),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            f"{describe(self.cross)}. {since}.",
        )
        painter.end()


def cross_font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(font_families())
    font.setPointSizeF(points)
    return font


def top_left(box: QRectF, metrics: QFontMetricsF, text: str) -> QPointF:
    """Where ``text`` starts to sit in ``box``'s top left corner (the day's number)."""
    return QPointF(box.left() + 5, box.top() + 3 + metrics.ascent())


def centred(box: QRectF, metrics: QFontMetricsF, text: str) -> QPointF:
    """Where ``text`` starts to sit in the middle of ``box`` (the day's mark)."""
    height = metrics.ascent() + metrics.descent()
    return QPointF(
        box.center().x() - metrics.horizontalAdvance(text) / 2,
        box.top() + (box.height() - height) / 2 + metrics.ascent(),
    )
