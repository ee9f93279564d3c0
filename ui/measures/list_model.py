"""The ward's measures as a table: name, latest value and the two icons with words.

Every verdict shows as an icon and its label ("Improvement (low)",
"Consistently passes target"), never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from huddle.services.charts import MeasureChart
from ui.formatting import measure_value
from ui.measures import words
from ui.measures.icons import IconSpec, assurance_spec, icon, variation_spec
from ui.models.base import HeadedTableModel

NAME, LATEST, VARIATION, ASSURANCE = range(4)
HEADERS = ("Measure", "Latest", "Variation", "Assurance")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class MeasureListModel(HeadedTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.charts: list[MeasureChart] = []
        self._specs: list[tuple[IconSpec, IconSpec]] = []

    def set_rows(self, charts: list[MeasureChart]) -> None:
        self.beginResetModel()
        self.charts = list(charts)
        self._specs = [(variation_spec(c), assurance_spec(c)) for c in self.charts]
        self.endResetModel()

    def row_of(self, measure_id: str) -> int | None:
        return next((i for i, c in enumerate(self.charts) if c.measure.id == measure_id), None)

    def headings(self) -> Sequence[str]:
        return HEADERS

    def row_count(self) -> int:
        return len(self.charts)

    def latest_text(self, chart: MeasureChart) -> str:
        if not chart.points:
            return "No points yet"
        last = chart.points[-1]
        # the Name column beside it may already say the unit
        value = measure_value(last.value, chart.measure.unit, name=chart.measure.name)
        return f"{value} ({words.short_date(last.period_start)})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        chart, column = self.charts[index.row()], index.column()
        specs = self._specs[index.row()]
        spec = specs[0] if column == VARIATION else specs[1] if column == ASSURANCE else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return chart.measure.name
            if column == LATEST:
                return self.latest_text(chart)
            return spec.label if spec else None
        if role == Qt.ItemDataRole.DecorationRole and spec is not None:
            return icon(spec)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if spec is not None:
                return f"{HEADERS[column]}: {spec.label}"
            if column == NAME:
                m = chart.measure
                return (
                    f"{m.name}: {words.DIRECTION_WORDS[m.better].lower()}, "
                    f"{words.PERIOD_ADJECTIVES[m.period].lower()}"
                )
            return self.latest_text(chart)
        if role == SORT_ROLE:
            if column == LATEST:
                return chart.points[-1].value if chart.points else float("-inf")
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == ID_ROLE:
            return chart.measure.id
        return None
