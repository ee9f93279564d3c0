"""Simple read-only lists for Actions, Learning, Measures and Reports.

Each is a page with a sortable ``QTableView`` over one of the table models in
:mod:`ui.models`, until their own issues build the full pages.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import ActionStatus
from huddle.services.board import local_day_start
from ui.context import UiContext
from ui.models.base import SORT_ROLE, RecordTableModel
from ui.models.records import ActionsModel, HuddlesModel, LearningModel, MeasuresModel
from ui.pages.base import Page

REPORT_DAYS = 90


class ListPage(Page):
    """A heading, a sentence about what is listed, and a sortable table."""

    heading = ""
    explanation = ""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = self.make_model()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.heading)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.sortByColumn(self.sort_column, self.sort_order)
        title = QLabel(self.heading)
        title.setProperty("role", "pagetitle")
        self.summary = QLabel(self.explanation)
        self.summary.setProperty("role", "secondary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    sort_column = 0
    sort_order = Qt.SortOrder.AscendingOrder

    def make_model(self) -> RecordTableModel:  # pragma: no cover - overridden
        raise NotImplementedError

    def load_rows(self) -> list:  # pragma: no cover - overridden
        raise NotImplementedError

    def refresh(self) -> None:
        if not self.ctx.app.has_ward:
            return
        rows = self.load_rows()
        self.model.set_rows(rows)
        self.summary.setText(f"{self.explanation} {len(rows)} shown.")


class ActionsListPage(ListPage):
    title = heading = "Actions"
    explanation = "Open improvement actions and ideas, soonest due first."
    watches = frozenset({"action", "person", "progress_note"})
    sort_column = ActionsModel.DUE

    def make_model(self) -> ActionsModel:
        return ActionsModel(today=self.ctx.app.clock.today())

    def load_rows(self) -> list:
        app = self.ctx.app
        self.model.today = app.clock.today()
        self.model.people = {p.id: p.display_name for p in app.setup.people(include_inactive=True)}
        open_statuses = [s for s in ActionStatus if s.is_open]
        return app.actions.actions(statuses=open_statuses)


class LearningListPage(ListPage):
    title = heading = "Learning"
    explanation = "The ward's learning log, newest first: what happened and what we learned."
    watches = frozenset({"learning_item"})
    sort_column = LearningModel.DATE
    sort_order = Qt.SortOrder.DescendingOrder

    def make_model(self) -> LearningModel:
        return LearningModel()

    def load_rows(self) -> list:
        return self.ctx.app.learning.items(limit=500)


class MeasuresListPage(ListPage):
    title = heading = "Measures"
    explanation = "Each measure and its latest value."
    watches = frozenset({"measure", "measure_point"})

    def make_model(self) -> MeasuresModel:
        return MeasuresModel()

    def load_rows(self) -> list:
        return self.ctx.app.measures.latest_series(points=1)


class ReportsListPage(ListPage):
    title = "Reports"
    heading = "Huddles held"
    explanation = f"Huddles in the last {REPORT_DAYS} days, newest first."
    watches = frozenset({"huddle", "attendance"})
    sort_column = HuddlesModel.STARTED
    sort_order = Qt.SortOrder.DescendingOrder

    def make_model(self) -> HuddlesModel:
        return HuddlesModel()

    def load_rows(self) -> list:
        app = self.ctx.app
        today = app.clock.today()
        return app.huddles.held_between(local_day_start(today - timedelta(days=REPORT_DAYS)),
                                        local_day_start(today + timedelta(days=1)))
