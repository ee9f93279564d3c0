"""Making Data Count variation and assurance icons, drawn with QPainter.

Each icon is a ring in the signal's colour with a letter (H/L for high/low,
P/F/? for passes/fails/hit and miss) or, for common cause, a level row of dots,
so it never relies on colour alone; wherever it is shown, its words go with
it, as a text label or as the accessible name and tooltip.

:class:`MeasureIconsSummary` is the compact all-measures view (name and two
icons per row) for the Today page and elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from huddle.services.charts import MeasureChart
from huddle.spc import verdict
from huddle.spc.icon_shapes import DOT_RADIUS, Dot, Path, Ring, assurance_shapes, variation_shapes
from ui import theme
from ui.fonts import font_families

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

NEUTRAL = verdict.NEUTRAL  # Making Data Count purple: special cause, no better direction
NO_SIGNAL = verdict.NO_JUDGEMENT


class IconSpec(msgspec.Struct, frozen=True):
    """What an icon shows: ``key`` names the verdict, ``label`` says it in words."""

    key: str
    colour: str
    letter: str  # "H", "L", "P", "F", "?", "!", "–" or "" for the common-cause dots
    label: str
    what: str = "variation"  # or "assurance": which design the shapes follow


def variation_spec(chart: MeasureChart) -> IconSpec:
    """The variation icon: the core verdict's code, colour, letter and words."""
    v = chart.verdict
    return IconSpec(v.variation, v.variation_colour, v.variation_letter, v.variation_label)


def assurance_spec(chart: MeasureChart) -> IconSpec:
    """The assurance icon: the core verdict's code, colour, letter and words."""
    v = chart.verdict
    return IconSpec(
        v.assurance, v.assurance_colour, v.assurance_letter, v.assurance_label, "assurance"
    )


_CACHE: dict[tuple[IconSpec, int, float], QPixmap] = {}


def icon_pixmap(spec: IconSpec, size: int, ratio: float = 1.0) -> QPixmap:
    """The icon drawn at ``size`` logical pixels (sharp on high-DPI screens)."""
    key = (spec, size, ratio)
    if key in _CACHE:
        return _CACHE[key]
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        paint_icon(painter, QRectF(0, 0, size, size), spec)
    finally:
        painter.end()
    _CACHE[key] = pixmap
    return pixmap


def paint_icon(painter: QPainter, rect: QRectF, spec: IconSpec) -> None:
    """Paint the Making Data Count design (``huddle.spc.icon_shapes``) into ``rect``."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = min(rect.width(), rect.height())
    left, top = rect.left(), rect.top()
    shapes = (assurance_shapes if spec.what == "assurance" else variation_shapes)(
        spec.key, spec.colour, spec.letter
    )

    def at(x: float, y: float) -> QPointF:
        return QPointF(left + x * size, top + y * size)

    for shape in shapes:
        if isinstance(shape, Ring):
            ring = max(size * 0.08, 1.5)
            pen = QPen(QColor(shape.colour), ring)
            if shape.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor(theme.WHITE))
            inner = QRectF(left, top, size, size).adjusted(ring, ring, -ring, -ring)
            painter.drawEllipse(inner)
        elif isinstance(shape, Path):
            pen = QPen(QColor(shape.colour), max(size * 0.035, 1.0))
            if shape.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for (x1, y1), (x2, y2) in zip(shape.points, shape.points[1:], strict=False):
                painter.drawLine(at(x1, y1), at(x2, y2))
        elif isinstance(shape, Dot):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(shape.colour))
            radius = DOT_RADIUS * size
            painter.drawEllipse(at(shape.x, shape.y), radius, radius)
        else:
            font = QFont()
            font.setFamilies(font_families())
            font.setBold(True)
            font.setPixelSize(max(round(size * shape.size), 6))
            painter.setFont(font)
            painter.setPen(QColor(shape.colour))
            box = QRectF(left, top + (shape.y - 0.5) * size, size, size)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, shape.text)


def icon_label(chart: MeasureChart, spec: IconSpec, size: int, ratio: float = 1.0) -> QLabel:
    """A measure's icon as a picture that says its words ("Falls, variation: Concern (high)")."""
    picture = QLabel()
    picture.setFixedSize(size, size)
    picture.setPixmap(icon_pixmap(spec, size, ratio))
    words = f"{chart.measure.name}, {spec.what}: {spec.label}"
    picture.setToolTip(words)
    picture.setAccessibleName(words)
    picture.setProperty("iconKey", spec.key)
    return picture


def icon(spec: IconSpec, size: int = 32) -> QIcon:
    """The icon for a list or a button. QIcon is imported here, not with the module:
    Today draws these icons at every start, and QIcon's class (with its 150-name
    ThemeIcon enum) costs about 2 ms to make, for a list Today never shows."""
    from PySide6.QtGui import QIcon

    return QIcon(icon_pixmap(spec, size, 2.0))


class IconWithLabel(QWidget):
    """An icon and its words side by side ("⟲ Improvement (low)")."""

    def __init__(self, what: str, size: int = 32, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what  # "Variation" or "Assurance", for the accessible name
        self.icon_size = size
        self.picture = QLabel()
        self.picture.setFixedSize(size, size)
        self.text = QLabel()
        self.text.setWordWrap(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.picture)
        layout.addWidget(self.text, 1)
        self.spec: IconSpec | None = None

    def set_spec(self, spec: IconSpec | None) -> None:
        self.spec = spec
        self.picture.setPixmap(
            icon_pixmap(spec, self.icon_size, self.devicePixelRatioF()) if spec else QPixmap()
        )
        self.text.setText(spec.label if spec else "")
        name = f"{self.what}: {spec.label}" if spec else self.what
        for widget in (self, self.picture):
            widget.setAccessibleName(name)
            widget.setToolTip(name)


class MeasureIconsSummary(QWidget):
    """Every measure's name with its variation and assurance icons, icons only.

    The words are in each icon's tooltip and accessible name, so a screen
    reader (and a hover) still says "Falls: Improvement (low)". Call
    :meth:`show_charts` with ``app.charts.all_charts()``, or :meth:`load`.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        icon_size: int = 28,
        font_points: float = theme.NORMAL.body,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Measures at a glance")
        self.icon_size = icon_size
        self.font_points = font_points
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(0, 1)
        self.rows: list[tuple[QLabel, ...]] = []  # name, variation, assurance (or one "none yet")

    def load(self, app) -> None:  # app: huddle.services.HuddleApp
        self.show_charts(app.charts.all_charts())

    def show_charts(self, charts: Iterable[MeasureChart]) -> None:
        for row in self.rows:
            for widget in row:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        charts = list(charts)
        if not charts:
            empty = QLabel("No measures yet.")
            empty.setAccessibleName("No measures yet")
            self.grid.addWidget(empty, 0, 0)
            self.rows.append((empty,))
            return
        font = QFont()
        font.setFamilies(font_families())
        font.setPointSizeF(self.font_points)
        for i, chart in enumerate(charts):
            name = QLabel(chart.measure.name)
            name.setFont(font)
            name.setWordWrap(True)
            cells = [name]
            for spec in (variation_spec(chart), assurance_spec(chart)):
                cells.append(icon_label(chart, spec, self.icon_size, self.devicePixelRatioF()))
            for column, widget in enumerate(cells):
                self.grid.addWidget(widget, i, column)
            self.rows.append(tuple(cells))

    def labels(self) -> list[tuple[str, str, str]]:
        """(name, variation words, assurance words) per row, as a reader hears them."""
        return [
            (row[0].text(), row[1].accessibleName(), row[2].accessibleName())
            for row in self.rows
            if len(row) == 3
        ]
