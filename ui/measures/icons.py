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

import msgspec
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from huddle.domain import ChartKind, Direction
from huddle.services.charts import MeasureChart
from ui import theme

NEUTRAL = "#6B2C91"  # a purple with AA contrast on white, for special cause without a direction
NO_SIGNAL = theme.COMMON_CAUSE
FONT_FAMILIES = theme.FONT_FAMILIES


class IconSpec(msgspec.Struct, frozen=True):
    """What an icon shows: ``key`` names the verdict, ``label`` says it in words."""

    key: str
    colour: str
    letter: str  # "H", "L", "P", "F", "?", "!", "–" or "" for the common-cause dots
    label: str


def variation_spec(chart: MeasureChart) -> IconSpec:
    """The variation icon for a measure's latest point (or its run-chart signals)."""
    if chart.measure.chart_kind is ChartKind.SAFETY_CROSS:
        return IconSpec("safety_cross", NO_SIGNAL, "+", "Safety cross: read the calendar")
    if chart.run is not None:
        signals = [s.replace("_", " ") for s in chart.run.signals]
        if signals:
            return IconSpec("run_signal", NEUTRAL, "!", "Signal: " + ", ".join(signals))
        return IconSpec("run_none", NO_SIGNAL, "", "No signal (run chart)")
    if chart.xmr is None:
        return IconSpec("too_few", NO_SIGNAL, "–", "Too few points")
    kind = chart.xmr.variation
    if kind == "common_cause":
        return IconSpec(kind, theme.COMMON_CAUSE, "", "Common cause")
    if kind.startswith("neutral"):
        side = kind.removeprefix("neutral_")
        return IconSpec(kind, NEUTRAL, side[0].upper(), f"Special cause ({side})")
    good = kind == "improvement"
    high = good == (chart.measure.better is not Direction.DOWN)
    side = "high" if high else "low"
    colour = theme.IMPROVEMENT if good else theme.CONCERN
    return IconSpec(
        kind, colour, side[0].upper(), f"{'Improvement' if good else 'Concern'} ({side})"
    )


def assurance_spec(chart: MeasureChart) -> IconSpec:
    """Whether the limits say the target will be met, every time, never or sometimes."""
    measure = chart.measure
    if measure.target is None:
        return IconSpec("no_target", NO_SIGNAL, "–", "No target set")
    if chart.run is not None:
        return IconSpec("no_assurance", NO_SIGNAL, "–", "No assurance on a run chart")
    if measure.better is Direction.NEUTRAL:
        return IconSpec("no_assurance", NO_SIGNAL, "–", "No assurance: no better direction")
    if chart.xmr is None:
        return IconSpec("too_few", NO_SIGNAL, "–", "Too few points")
    return {
        "pass": IconSpec("pass", theme.IMPROVEMENT, "P", "Consistently passes target"),
        "fail": IconSpec("fail", theme.CONCERN, "F", "Consistently fails target"),
    }.get(
        chart.xmr.assurance or "",
        IconSpec("inconsistent", theme.COMMON_CAUSE, "?", "Hit and miss: target inside the limits"),
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
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(spec.colour)
    size = min(rect.width(), rect.height())
    ring = max(size * 0.09, 1.5)
    inner = rect.adjusted(ring, ring, -ring, -ring)
    painter.setPen(QPen(colour, ring))
    painter.setBrush(QColor(theme.WHITE))
    painter.drawEllipse(inner)
    if spec.letter:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setBold(True)
        font.setPixelSize(max(round(size * 0.5), 6))
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, spec.letter)
        return
    # common cause: a level row of dots, the picture of a stable process
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    radius = size * 0.06
    for i in range(5):
        painter.drawEllipse(
            QPointF(rect.left() + size * (0.22 + i * 0.14), rect.center().y()), radius, radius
        )


def icon(spec: IconSpec, size: int = 32) -> QIcon:
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
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []

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
            self.rows.append((empty,))  # type: ignore[arg-type]
            return
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(self.font_points)
        for i, chart in enumerate(charts):
            name = QLabel(chart.measure.name)
            name.setFont(font)
            name.setWordWrap(True)
            cells = [name]
            for what, spec in (
                ("variation", variation_spec(chart)),
                ("assurance", assurance_spec(chart)),
            ):
                picture = QLabel()
                picture.setFixedSize(self.icon_size, self.icon_size)
                picture.setPixmap(icon_pixmap(spec, self.icon_size, self.devicePixelRatioF()))
                words = f"{chart.measure.name}, {what}: {spec.label}"
                picture.setToolTip(words)
                picture.setAccessibleName(words)
                picture.setProperty("iconKey", spec.key)
                cells.append(picture)
            for column, widget in enumerate(cells):
                self.grid.addWidget(widget, i, column)
            self.rows.append(tuple(cells))  # type: ignore[arg-type]

    def labels(self) -> list[tuple[str, str, str]]:
        """(name, variation words, assurance words) per row, as a reader hears them."""
        return [
            (row[0].text(), row[1].accessibleName(), row[2].accessibleName())
            for row in self.rows
            if len(row) == 3
        ]
