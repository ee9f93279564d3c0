"""The huddle's measures at a glance, in the safety section.

Each active measure shows its Making Data Count variation and assurance icons
(never under 32 px), its latest point and the verdict's words; the ward's
focus harm shows this month's safety cross. Everything comes from
``app.charts`` (the one ``build_chart``) as of the huddle's day, so the team
reads the words the Measures page, Today, the reports and the poster print.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from huddle.domain import ChartKind
from huddle.formatting import measure_value, short_date
from huddle.services.board import focus_harm
from huddle.services.charts import MeasureChart
from ui.context import UiContext
from ui.layouts import clear_layout
from ui.measures.icons import assurance_spec, icon_label, variation_spec
from ui.measures.safety_cross_view import SafetyCrossView
from ui.measures.words import period_label
from ui.runner.look import mark, set_font, widths
from ui.theme import TypeScale

MIN_ICON = 32  # pixels: Making Data Count icons are never drawn smaller
ICON = 44  # pixels at the normal runner size, grown with board mode's text
CROSS_HEIGHT = 300  # the safety cross's height at the normal runner size


def latest_text(chart: MeasureChart) -> str:
    """ "Falls per 1,000 bed days: 4.2 (Nov 2026)", "Pressure ulcers: 3 per 1,000 bed days
    (Nov 2026)", or no values yet."""
    measure = chart.measure
    if not chart.points:
        return f"{measure.name}: no values yet"
    latest = chart.points[-1]
    when = period_label(latest.period_start, measure.period)
    return (
        f"{measure.name}: {measure_value(latest.value, measure.unit, name=measure.name)} ({when})"
    )


def verdict_text(chart: MeasureChart) -> str:
    """The core's words for both icons; a safety cross adds its last harm."""
    v = chart.verdict
    words = [v.variation_label, v.assurance_label]
    if chart.measure.chart_kind is ChartKind.SAFETY_CROSS:
        harm = chart.harm_dates
        words.append(f"last harm {short_date(max(harm))}" if harm else "no harm recorded")
    return " · ".join(words)


class MeasuresGlance(QWidget):
    """Every active measure as of the huddle's day; call :meth:`show_day`."""

    def __init__(self, ctx: UiContext, scale: TypeScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scale = scale
        self.day: date | None = None
        self.charts: list[MeasureChart] = []
        self.shown: list[str] = []  # the lines the rows say, in order
        self.setAccessibleName("Our measures")
        self.heading = QLabel("Our measures")
        self.heading.setWordWrap(True)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(10)
        self.cross = SafetyCrossView()
        self.cross_caption = QLabel("")
        self.cross_caption.setWordWrap(True)
        mark(self.cross_caption, "role", "secondary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(self.rows)
        for below in (self.cross_caption, self.cross):  # the focus harm under the rows
            layout.addWidget(below)
        self._size()

    @property
    def icon_size(self) -> int:
        return max(MIN_ICON, widths(self.scale, ICON))

    def set_scale(self, scale: TypeScale) -> None:
        """Board mode switched: bigger icons and text, the same words."""
        self.scale = scale
        self._size()
        if self.day is not None:
            self.show_day(self.day)

    def _size(self) -> None:
        set_font(self.heading, self.scale.heading, bold=True)
        self.cross.setFixedHeight(widths(self.scale, CROSS_HEIGHT))

    def show_day(self, day: date) -> None:
        """Judge every active measure as of ``day`` (the huddle's) and show them."""
        self.day = day
        self.charts = self.ctx.app.charts.all_charts(as_of=day)
        self.heading.setText(f"Our measures on {short_date(day)}")
        clear_layout(self.rows)
        self.shown = []
        if not self.charts:
            empty = QLabel("No measures yet: add one on the Measures page.")
            empty.setWordWrap(True)
            mark(empty, "role", "secondary")
            self.rows.addWidget(empty)
        for chart in self.charts:
            self.rows.addWidget(self._row(chart))
        self._show_cross(day)

    def _row(self, chart: MeasureChart) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(8)
        size, ratio = self.icon_size, self.devicePixelRatioF()
        for spec in (variation_spec(chart), assurance_spec(chart)):
            line.addWidget(icon_label(chart, spec, size, ratio), 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        for text, bold in ((latest_text(chart), True), (verdict_text(chart), False)):
            shown = QLabel(text)
            shown.setWordWrap(True)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            self.shown.append(text)
            set_font(shown, self.scale.body, bold=bold)
            words.addWidget(shown)
        line.addSpacing(4)
        line.addLayout(words, 1)
        row.setAccessibleName(f"{latest_text(chart)}. {verdict_text(chart)}")
        return row

    def _show_cross(self, day: date) -> None:
        chart = focus_harm(tuple(self.charts), self.ctx.app.preferences.get("focus_measure_id"))
        for widget in (self.cross, self.cross_caption):
            widget.setVisible(chart is not None)
        if chart is None:
            return
        self.cross_caption.setText(f"{chart.measure.name}: this month's safety cross")
        self.cross.show_month(chart, day)

    def lines(self) -> list[str]:
        """What the rows say, two lines a measure (for tests)."""
        return list(self.shown)
