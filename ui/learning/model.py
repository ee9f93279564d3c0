"""The learning log as a table model, and the filter it is shown through.

The page asks the service for the log already filtered and searched (SQL does
the work, whatever the log's size); :class:`LearningFilterProxy` applies the
same :class:`LearningFilter` to the rows it holds, so an item edited out of the
filter leaves the list at once, and keeps the list newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from huddle.domain import LearningItem, LearningKind
from ui.formatting import short_date
from ui.learning.icons import kind_icon
from ui.models.base import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel
from ui.words import LEARNING_KIND

Index = QModelIndex | QPersistentModelIndex


def _actions_text(item: LearningItem) -> str:
    count = len(item.action_ids)
    if count == 0:
        return "Not yet"
    return "1 action" if count == 1 else f"{count} actions"


class LearningListModel(RecordTableModel):
    """One row per learning item; the kind column shows an icon beside its word."""

    DATE, KIND, TITLE, THEMES, ACTIONS = range(5)
    columns = (
        Column(
            "Date",
            lambda i: short_date(i.occurred_on),
            sort=lambda i: f"{i.occurred_on.isoformat()} {i.created_at.isoformat()}",
        ),
        Column("Kind", lambda i: LEARNING_KIND[i.kind]),
        Column("Title", lambda i: i.title),
        Column("Themes", lambda i: ", ".join(i.themes)),
        Column("Actions", _actions_text, sort=lambda i: len(i.action_ids)),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.isValid()
            and index.column() == self.KIND
            and 0 <= index.row() < self.rowCount()
        ):
            return kind_icon(self.record(index.row()).kind)
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and 0 <= index.row() < self.rowCount()
        ):
            item: LearningItem = self.record(index.row())
            return item.what_learned or item.what_happened or item.title
        return super().data(index, role)

    def item(self, row: int) -> LearningItem:
        found: LearningItem = self.record(row)
        return found


@dataclass(frozen=True)
class LearningFilter:
    """What the log is narrowed to; an empty filter shows everything."""

    text: str = ""
    kinds: frozenset[LearningKind] = field(default_factory=frozenset)
    theme: str | None = None
    since: date | None = None
    until: date | None = None
    linked: bool | None = None  # True: linked to an action; False: not yet; None: either

    def accepts(self, item: LearningItem) -> bool:
        """Whether ``item`` passes every filter but the text (the service searches that)."""
        if self.kinds and item.kind not in self.kinds:
            return False
        if self.theme and self.theme.casefold() not in {t.casefold() for t in item.themes}:
            return False
        if self.since is not None and item.occurred_on < self.since:
            return False
        if self.until is not None and item.occurred_on > self.until:
            return False
        if self.linked is not None and bool(item.action_ids) != self.linked:
            return False
        return not item.archived

    def search_options(self) -> dict[str, Any]:
        """Keyword arguments for ``app.learning.search``."""
        return {
            "text": self.text.strip(),
            "kinds": sorted(self.kinds),
            "theme": self.theme,
            "since": self.since,
            "until": self.until,
            "linked": self.linked,
        }


class LearningFilterProxy(QSortFilterProxyModel):
    """Filters the log's rows by a :class:`LearningFilter` and sorts newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = LearningFilter()
        self.setSortRole(SORT_ROLE)
        self.sort(LearningListModel.DATE, Qt.SortOrder.DescendingOrder)

    @property
    def current_filter(self) -> LearningFilter:
        return self._filter

    def set_filter(self, chosen: LearningFilter) -> None:
        self.beginFilterChange()
        self._filter = chosen
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        item = self.sourceModel().index(source_row, 0, source_parent).data(RECORD_ROLE)
        return item is not None and self._filter.accepts(item)

    def item_at(self, row: int) -> LearningItem:
        found: LearningItem = self.index(row, 0).data(RECORD_ROLE)
        return found

    def row_of(self, learning_id: str) -> int | None:
        for row in range(self.rowCount()):
            if self.item_at(row).id == learning_id:
                return row
        return None
