"""A measure's SPC or run chart, painted with QPainter (no Qt Charts needed).

The view paints the :class:`~ui.measures.chart_plan.ChartPlan` for its size.
Hovering a point shows its date, value and what it means; hovering an
annotation shows its words. With keyboard focus, Left/Right (Home/End) move
a focus ring from point to point and the point's description becomes the
view's accessible description, so a screen reader announces it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from huddle.services.charts import MeasureChart
from ui import theme
from ui.measures.chart_plan import (
    ANNOTATION_COLOUR,
    KIND_COLOURS,
    LINE_COLOUR,
    TARGET_COLOUR,
    ChartPlan,
    plan_chart,
    point_description,
)

LIMIT_COLOUR = "#5E6E7A"
BAND_COLOUR = QColor(118, 134, 146, 26)  # the common-cause grey, barely there
LINE_PENS = {
    "mean": (LINE_COLOUR, 1.6, Qt.PenStyle.SolidLine),
    "limit": (LIMIT_COLOUR, 1.4, Qt.PenStyle.DashLine),
    "target": (TARGET_COLOUR, 2.0, Qt.PenStyle.DashLine),
    "median": (LINE_COLOUR, 1.6, Qt.PenStyle.SolidLine),
    "rebase": (theme.NHS_DARK_BLUE, 1.4, Qt.PenStyle.DotLine),
    "tick": (theme.BORDER, 1.0, Qt.PenStyle.SolidLine),
}
TEXT_COLOURS = {
    "y_tick": theme.SECONDARY_TEXT,
    "x_tick": theme.SECONDARY_TEXT,
    "unit": theme.SECONDARY_TEXT,
    "trial": theme.SECONDARY_TEXT,
    "rebase": theme.NHS_DARK_BLUE,
    "margin": theme.TEXT,
    "empty": theme.SECONDARY_TEXT,
}


_font = theme.app_font


class ChartView(QWidget):
    """Paints one measure's chart; :meth:`drawing_plan` says what it draws."""

    point_focused = Signal(int)

    def __init__(
        self, parent: QWidget | None = None, scale: theme.TypeScale = theme.NORMAL
    ) -> None:
        super().__init__(parent)
        self.set_scale(scale)
        self.chart: MeasureChart | None = None
        self.focus_index: int | None = None
        self.hover_text = ""
        self._plan: ChartPlan | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 300)
        self.setAccessibleName("Chart")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_scale(self, scale: theme.TypeScale) -> None:
        """Text sizes (board mode makes them bigger)."""
        self.scale = scale
        self.small = _font(scale.small)
        self.body = _font(scale.body)
        self.small_metrics = QFontMetricsF(self.small)
        self._plan = None
        self.update()

    # -- data -------------------------------------------------------------
    def set_chart(self, chart: MeasureChart | None) -> None:
        self.chart = chart
        self._plan = None
        self.focus_index = None
        name = chart.measure.name if chart else ""
        self.setAccessibleName(f"Chart of {name}" if name else "Chart")
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        chart = self.chart
        if chart is None:
            return "No measure chosen."
        if len(chart.points) < 2:
            return "Too few points for a chart."
        kind = "Run chart" if chart.run is not None else "XmR chart"
        return (
            f"{kind} of {len(chart.points)} points. Use the left and right arrow keys "
            "to hear each point."
        )

    def drawing_plan(self) -> ChartPlan:
        """The plan for the current size (computed once per size and chart)."""
        plan = self._plan
        if plan is None or (plan.width, plan.height) != (self.width(), self.height()):
            line = self.small_metrics.height()
            plan = plan_chart(
                self.chart, self.width(), self.height(), self.small_metrics.horizontalAdvance, line
            )
            self._plan = plan
        return plan

    def resizeEvent(self, event) -> None:
        self._plan = None
        super().resizeEvent(event)

    # -- hover and keyboard --------------------------------------------------
    def text_at(self, pos: QPointF) -> str:
        """What hovering at ``pos`` tells: an annotation's words or a point's description."""
        plan = self.drawing_plan()
        if self.chart is None or not plan.points:
            return ""
        marker = plan.marker_at(pos.x(), pos.y())
        if marker is not None:
            return f"Annotation: {marker.text}"
        if not plan.top - plan.line_height <= pos.y() <= plan.bottom + plan.line_height:
            return ""
        index = plan.index_at(pos.x())
        return "" if index is None else point_description(self.chart, index)

    def mouseMoveEvent(self, event) -> None:
        text = self.text_at(event.position())
        if text != self.hover_text:
            self.hover_text = text
            if QToolTip.isVisible():  # follow the pointer once the tip is up
                if text:
                    QToolTip.showText(event.globalPosition().toPoint(), text, self)
                else:
                    QToolTip.hideText()
        super().mouseMoveEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the pointer has rested: show the tip
            text = self.text_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def leaveEvent(self, event) -> None:
        self.hover_text = ""
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:
        count = len(self.chart.points) if self.chart and len(self.chart.points) >= 2 else 0
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        key = event.key()
        if not count or key not in (*moves, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = count - 1
        elif self.focus_index is None:
            index = count - 1
        else:
            index = min(max(self.focus_index + moves[key], 0), count - 1)
        self.focus_point(index)

    def focus_point(self, index: int) -> None:
        assert self.chart is not None
        self.focus_index = index
        self.setAccessibleDescription(
            f"Point {index + 1} of {len(self.chart.points)}. "
            + point_description(self.chart, index).replace("\n", ". ")
        )
        self.point_focused.emit(index)
        self.update()

    # -- painting ------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            self.paint(painter)
        finally:
            painter.end()

    def paint(self, painter: QPainter) -> None:
        plan = self.drawing_plan()
        painter.fillRect(self.rect(), QColor(theme.WHITE))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if plan.points:
            self._paint_frame(painter, plan)
            self._paint_series(painter, plan)
            self._paint_markers(painter, plan)
            self._paint_legend(painter, plan)
        self._paint_texts(painter, plan)
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.TEXT), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))

    def _paint_frame(self, painter: QPainter, plan: ChartPlan) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAND_COLOUR)
        for band in plan.bands:
            painter.drawRect(
                QRectF(band.left, band.top, band.right - band.left, band.bottom - band.top)
            )
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(
            QRectF(plan.left, plan.top, plan.right - plan.left, plan.bottom - plan.top)
        )
        for line in plan.lines:
            colour, width, style = LINE_PENS[line.role]
            pen = QPen(QColor(colour), width, style)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(line.x1, line.y1), QPointF(line.x2, line.y2))

    def _paint_series(self, painter: QPainter, plan: ChartPlan) -> None:
        painter.setPen(QPen(QColor(LINE_COLOUR), 1.3))
        # separate segments: Qt strokes a long antialiased polyline as one shape, slowly
        joints = [QPointF(p.x, p.y) for p in plan.points]
        painter.drawLines([QLineF(a, b) for a, b in zip(joints, joints[1:], strict=False)])
        groups: dict[tuple[str, float], list[tuple[float, float]]] = {}
        for p in plan.points:
            groups.setdefault((p.kind, p.radius), []).append((p.x, p.y))
        outline = 2.0 if plan.step > 6 else 0.0
        for (kind, radius), spots in groups.items():
            _dots(painter, kind, spots, radius, outline)
        if self.focus_index is not None and self.focus_index < len(plan.points):
            p = plan.points[self.focus_index]
            painter.setPen(QPen(QColor(theme.TEXT), 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(p.x, plan.top), QPointF(p.x, plan.bottom))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(theme.TEXT), 4))
            painter.drawEllipse(QPointF(p.x, p.y), p.radius + 6, p.radius + 6)
            painter.setPen(QPen(QColor(theme.FOCUS), 2.5))
            painter.drawEllipse(QPointF(p.x, p.y), p.radius + 6, p.radius + 6)

    def _paint_markers(self, painter: QPainter, plan: ChartPlan) -> None:
        colour = QColor(ANNOTATION_COLOUR)
        half = plan.line_height / 2
        for m in plan.markers:
            painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(m.x, m.label_y + half), QPointF(m.x, m.point_y - 7))
            flag = QPolygonF(
                [
                    QPointF(m.x - 6, plan.top - 9),
                    QPointF(m.x + 6, plan.top - 9),
                    QPointF(m.x, plan.top + 1),
                ]
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(flag)
            if m.label:
                box = QRectF(
                    m.label_left - 4, m.label_y - half - 1, m.label_width + 8, plan.line_height + 2
                )
                painter.setBrush(QColor(theme.WHITE))
                painter.setPen(QPen(colour, 1))
                painter.drawRoundedRect(box, 3, 3)
                painter.setFont(self.small)
                painter.setPen(colour)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, m.label)

    def _paint_legend(self, painter: QPainter, plan: ChartPlan) -> None:
        painter.setFont(self.small)
        y = plan.legend_y
        for entry in plan.legend:
            if entry.kind in KIND_COLOURS:
                _dots(painter, entry.kind, [(entry.x + 12, y)], 5.5, 0.0)
            elif entry.kind == "band":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(118, 134, 146, 60))
                painter.drawRect(QRectF(entry.x, y - 6, 24, 12))
            else:
                colour, width, style = LINE_PENS[entry.kind]
                painter.setPen(QPen(QColor(colour), width, style))
                painter.drawLine(QPointF(entry.x, y), QPointF(entry.x + 24, y))
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(
                QRectF(entry.x + 30, y - plan.line_height, 400, plan.line_height * 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                entry.text,
            )

    def _paint_texts(self, painter: QPainter, plan: ChartPlan) -> None:
        align = {
            "left": Qt.AlignmentFlag.AlignLeft,
            "right": Qt.AlignmentFlag.AlignRight,
            "centre": Qt.AlignmentFlag.AlignHCenter,
        }
        fonts = {
            "empty": self.body,
            "unit": _font(self.scale.small, bold=True),
            "margin": _font(self.scale.small, bold=True),
            "trial": _font(self.scale.small, italic=True),
        }
        for text in plan.texts:
            painter.setFont(fonts.get(text.role, self.small))
            colour = TEXT_COLOURS[text.role]
            if text.role == "margin" and text.text.startswith("Target"):
                colour = TARGET_COLOUR
            painter.setPen(QColor(colour))
            width = 1000.0
            x = {"left": text.x, "right": text.x - width, "centre": text.x - width / 2}
            box = QRectF(x[text.align], text.y - plan.line_height, width, plan.line_height * 2)
            painter.drawText(box, align[text.align] | Qt.AlignmentFlag.AlignVCenter, text.text)


def _dots(
    painter: QPainter, kind: str, spots: list[tuple[float, float]], radius: float, outline: float
) -> None:
    """Every point of one kind in one call (fast, and few calls into Qt per paint).

    Round pen caps draw circles; square caps draw squares for neutral points and,
    on a painter turned 45 degrees, diamonds for concern, so the kinds differ in
    more than colour.
    """
    cap = Qt.PenCapStyle.RoundCap
    size = radius * 2
    if kind in ("concern", "neutral"):
        cap = Qt.PenCapStyle.SquareCap
        size = radius * (1.85 if kind == "concern" else 1.75)
    painter.save()
    if kind == "concern":
        painter.rotate(45)
        spots = [((x + y) * _HALF_ROOT_2, (y - x) * _HALF_ROOT_2) for x, y in spots]
    polygon = QPolygonF([QPointF(x, y) for x, y in spots])
    if outline:
        painter.setPen(QPen(QColor(theme.WHITE), size + outline, Qt.PenStyle.SolidLine, cap))
        painter.drawPoints(polygon)
    painter.setPen(QPen(QColor(KIND_COLOURS[kind]), size, Qt.PenStyle.SolidLine, cap))
    painter.drawPoints(polygon)
    painter.restore()


_HALF_ROOT_2 = 0.5**0.5
