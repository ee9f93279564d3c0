"""The table view of the actions: every column sortable, one row per action.

A plain ``QTableView`` over :class:`~ui.actions.models.ActionsFilterProxy`;
clicking a heading asks the source model to sort (the board follows the same
order). Row heights are fixed, so 20,000 rows lay out instantly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.actions.models import COLUMNS, ID_ROLE, ActionsFilterProxy, ActionsModel


class ActionsTable(QTableView):
    """Sortable rows; Enter or a double-click opens the action."""

    open_requested = Signal(str)

    def __init__(self, proxy: ActionsFilterProxy, parent=None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.setModel(proxy)
        self.setAccessibleName("Actions table")
        self.setAccessibleDescription(
            "Arrow keys choose a row, Enter opens it; click a column heading to sort by it."
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        for column, spec in enumerate(COLUMNS):
            self.setColumnWidth(column, spec.width)
        header.setSectionResizeMode(ActionsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ActionsModel.FLAGS, QHeaderView.ResizeMode.Interactive)
        self.set_row_height(44)
        self.doubleClicked.connect(lambda index: self._open(index.row()))

    def set_row_height(self, pixels: int) -> None:
        self.verticalHeader().setDefaultSectionSize(pixels)

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None

    def select(self, action_id: str) -> bool:
        proxy = self._proxy
        row = proxy.source.row_of(action_id)
        if row is None:
            return False
        index = proxy.mapFromSource(proxy.source.index(row, 0))
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def _open(self, row: int) -> None:
        index = self.model().index(row, 0)
        if index.isValid():
            self.open_requested.emit(index.data(ID_ROLE))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex().row())
        else:
            super().keyPressEvent(event)
