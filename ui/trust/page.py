"""The trust view: every ward on one screen, the ward most in need of attention first.

The rows come from :func:`huddle.trust.overview.trust_overview` (the wards'
own services on this PC's replicas), fetched off the screen's thread; a
refresh pulls only what changed. Filter by site or matron's group; a
double-click (or Enter, or "Open ward") opens the ward read-only as its own
Today, Measures and Actions pages. The panel below lists the learning
themes several wards met this month and Learning from Excellence to share.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6 import QtWidgets
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import HuddleError
from huddle.trust.groups import WardFilter, parse_groups, ward_filters
from huddle.trust.overview import WardOverview
from ui.formatting import clock_time
from ui.models.base import RECORD_ROLE, SORT_ROLE
from ui.tasks import TaskRunner
from ui.trust.learning_panel import LearningPanel
from ui.trust.model import IconsDelegate, WardsModel
from ui.trust.source import TrustSource


def make_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A button with its spoken name, calling ``slot`` when pressed."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class TrustPage(QWidget):
    ward_opened = Signal(object)  # WardOverview
    tier_huddle_requested = Signal()
    refreshed = Signal()  # the table shows the latest rows

    def __init__(
        self, source: TrustSource, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TrustPage")
        self.source = source
        self.runner = runner
        self.rows: list[WardOverview] = []
        self.problem = ""
        try:
            self.groups = parse_groups(source.groups_text)
        except HuddleError as error:
            self.groups, self.problem = {}, error.message
        title = QLabel("Every ward")
        title.setProperty("role", "pagetitle")
        self.status = QLabel("Fetching the wards from the server…")
        self.status.setProperty("role", "secondary")
        self.status.setWordWrap(True)
        self.filter_box = QComboBox()
        self.filter_box.setAccessibleName("Show: every ward, one site or a matron's group")
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_box.setMinimumContentsLength(24)
        self.filter_box.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.refresh_button, self.open_button, self.tier_button = (
            make_button(text, name, slot)
            for text, name, slot in (
                ("&Refresh", "Refresh: bring the wards' latest from the server", self.refresh),
                ("&Open ward", "Open the chosen ward read-only", self.open_current),
                ("&Tier-2 huddle", "Tier-2 huddle: answer the wards' escalations",
                 self.tier_huddle_requested.emit),
            )
        )  # fmt: skip
        self.tier_button.setProperty("kind", "primary")
        self.model = WardsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName("Every ward, the one most in need of attention first")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(WardsModel.MEASURES, IconsDelegate(self.table))
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.learning = LearningPanel(source, runner)
        self._lay_out(title)

    def _lay_out(self, title: QLabel) -> None:
        bar = QHBoxLayout()
        show = QLabel("Show")
        show.setBuddy(self.filter_box)
        for part in (show, self.filter_box, self.refresh_button, None, self.open_button,
                     self.tier_button):  # fmt: skip
            bar.addWidget(part) if part is not None else bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(self.status)
        column.addLayout(bar)
        column.addWidget(self.table, 3)
        column.addWidget(self.learning, 2)

    # -- fetching -------------------------------------------------------------
    def refresh(self) -> None:
        """Bring the wards' latest (only what changed) and show them; off the screen's thread."""
        from huddle.trust.overview import trust_overview

        source, today = self.source, self.source.clock.today()
        self.refresh_button.setEnabled(False)
        self.status.setText("Fetching the wards from the server…")
        self.runner.run(
            lambda _progress: trust_overview(source.address, source.cache_dir, as_of=today,
                                             clock=source.clock),
            on_result=self.show_rows, on_error=self._failed,
        )  # fmt: skip

    def show_rows(self, rows: list[WardOverview]) -> None:
        self.rows = list(rows)
        chosen = self.filter_box.currentText()
        self.filters = ward_filters(self.rows, self.groups)
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box.addItems([f.label for f in self.filters])
        self.filter_box.setCurrentIndex(max(self.filter_box.findText(chosen), 0))
        self.filter_box.blockSignals(False)
        self._show_rows()
        self.refresh_button.setEnabled(True)
        when = clock_time(self.source.clock.now())
        self.status.setText(
            f"{len(self.rows)} ward(s), brought from the server at {when}. The ward most in "
            "need of attention comes first: overdue escalations, overdue actions, recent harm."
            + (f" {self.problem}" if self.problem else "")
        )
        self.learning.refresh([row.ward_id for row in self.rows], self.as_of())
        self.refreshed.emit()

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        message = error.message if isinstance(error, HuddleError) else str(error)
        self.status.setText(f"The wards could not be brought from the server: {message}")

    # -- showing --------------------------------------------------------------
    def current_filter(self) -> WardFilter:
        index = self.filter_box.currentIndex()
        filters = getattr(self, "filters", [])
        return filters[index] if 0 <= index < len(filters) else WardFilter("Every ward")

    def _show_rows(self) -> None:
        keep = self.current_filter()
        self.model.set_rows([row for row in self.rows if keep.keeps(row)])
        self.proxy.sort(-1)  # the attention order the rows came in
        self.table.resizeRowsToContents()
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def shown_rows(self) -> list[WardOverview]:
        return [self.proxy.index(r, 0).data(RECORD_ROLE) for r in range(self.proxy.rowCount())]

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(RECORD_ROLE)
        if isinstance(row, WardOverview):
            self.ward_opened.emit(row)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self._open_index(index)

    def as_of(self) -> date:
        return self.source.clock.today()
