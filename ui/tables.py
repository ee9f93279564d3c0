"""Table views the screens share: picked a whole row at a time, named for screen
readers, and left by Tab (the arrow keys move inside them)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def row_table(model: QAbstractItemModel, *, name: str) -> QTableView:
    """A table of ``model`` where one whole row is chosen at a time."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def record_table(
    model: QAbstractItemModel, *, name: str, stretch: int, min_height: int = 160
) -> QTableView:
    """A one-row-at-a-time table of records, its ``stretch`` column taking the room."""
    table = row_table(model, name=name)
    table.verticalHeader().hide()
    table.setMinimumHeight(min_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
