"""Table models: :class:`HeadedTableModel`, the rows-under-headings every table
shares, and :class:`RecordTableModel`, read-only frozen records described by columns.

Each subclass lists its :class:`Column` s (header, how to show a record, how to
sort it) and names their positions as class constants, e.g.
``ActionsModel.TITLE``. ``set_rows()`` swaps the whole list in one reset.
``SORT_ROLE`` gives a value that sorts properly (dates as dates, not text), so a
``QSortFilterProxyModel`` with ``setSortRole(SORT_ROLE)`` sorts every column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui import theme

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class HeadedTableModel(QAbstractTableModel):
    """A flat table of :meth:`row_count` rows under :meth:`headings`.

    Rows are labelled down the side by :meth:`row_label` (by default they are
    not); a subclass says what its rows and headings are and how cells read.
    """

    def headings(self) -> Sequence[str]:  # pragma: no cover - every model overrides it
        raise NotImplementedError

    def row_count(self) -> int:  # pragma: no cover - every model overrides it
        raise NotImplementedError

    def row_label(self, row: int) -> str | None:
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings())

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            headings = self.headings()
            return headings[section] if 0 <= section < len(headings) else None
        return self.row_label(section) if 0 <= section < self.row_count() else None


@dataclass(frozen=True)
class Column:
    header: str
    show: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # defaults to the shown text, case-folded
    warn: Callable[[Any], bool] | None = None  # shown in the error colour (with a word too)
    right: bool = False


class RecordTableModel(HeadedTableModel):
    # A class attribute, or set per instance where a column needs the model.
    columns: tuple[Column, ...] = ()

    def __init__(self, rows: Sequence[Any] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = list(rows)

    # -- the rows ------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def records(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int | None:
        for row, record in enumerate(self._rows):
            if getattr(record, "id", None) == record_id:
                return row
        return None

    # -- Qt's model interface ------------------------------------------------
    def headings(self) -> Sequence[str]:
        return [column.header for column in self.columns]

    def row_count(self) -> int:
        return len(self._rows)

    def row_label(self, row: int) -> str | None:
        return str(row + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.show(record)
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(record)
            return column.show(record).casefold()
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ForegroundRole and column.warn is not None:
            return QColor(theme.ERROR) if column.warn(record) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
