"""The "days between events" chart (a t-chart) of a rare-event measure, on screen.

A measure whose settings ask for it shows this chart alongside its own chart,
or instead of it. The chart is ``days_between_chart`` (the core's, the one the
ward report prints), painted by the same :class:`ChartView` as any XmR, and
the note under it is the report's sentence word for word: what each point is,
how many events, the verdict and the lines in days.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from huddle.domain import RareEventChart
from huddle.services.charts import MeasureChart, days_between_chart, days_between_note
from huddle.words import CHART_WORDS
from ui.measures.chart_view import ChartView
from ui.theme import TypeScale

MIN_HEIGHT = 260  # pixels: the chart readable when it sits under the measure's own
TOO_FEW = "fewer than three events so far, so no days between them to chart yet."


class DaysBetweenView(QWidget):
    """The t-chart and the sentence that says what it shows; call :meth:`show_chart`."""

    def __init__(self, scale: TypeScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(CHART_WORDS["days_between"])
        self.chart: MeasureChart | None = None  # the days-between chart shown, if any
        self.view = ChartView(scale=scale)
        self.view.setMinimumHeight(MIN_HEIGHT)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "secondary")
        self.note.setAccessibleName("What the days-between chart shows")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def set_scale(self, scale: TypeScale) -> None:
        self.view.set_scale(scale)

    def show_chart(self, chart: MeasureChart | None) -> bool:
        """Show ``chart``'s days between events; False (and hidden) when it has none."""
        wanted = chart is not None and chart.measure.rare_event_chart is not RareEventChart.NONE
        self.setVisible(wanted)
        self.chart = days_between_chart(chart) if chart is not None and wanted else None
        if chart is None or not wanted:
            return False
        self.view.setVisible(self.chart is not None)
        self.view.set_chart(self.chart)
        self.note.setText(
            days_between_note(chart.rare)
            if chart.rare is not None
            else f"{CHART_WORDS['days_between']}: {TOO_FEW}"
        )
        return True
