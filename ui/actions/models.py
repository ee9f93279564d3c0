"""One table model over every action, and the filter proxy the table view uses.

:class:`ActionsModel` holds the ward's actions (loaded once through
``app.actions.actions()``) with what each row needs worked out in advance: the
owner's name (a dict lookup in the roster), overdue and stale days, and a
case-folded search text. Filtering is an :class:`ActionFilter`, turned into one
small matching function, so a filter change over 20,000 actions stays cheap.

Sorting happens in the source model (a Python key sort), never in a proxy:
``QSortFilterProxyModel`` would call ``data()`` across the Python boundary for
every comparison. Both the board and the table follow the model's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from huddle.domain import Action, ActionStatus, Origin, Person
from ui import theme
from ui.actions.words import BOARD_ORDER
from ui.formatting import short_date
from ui.models.base import HeadedTableModel
from ui.words import ACTION_STATUS, CHANGED_ON_TWO_PCS, NO_OWNER, ORIGIN, PRIORITY, days

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2
INFO_ROLE = Qt.ItemDataRole.UserRole + 3
ID_ROLE = Qt.ItemDataRole.UserRole + 4
MIME_TYPE = "application/x-ward-huddle-action-ids"
Index = QModelIndex | QPersistentModelIndex
PRIORITY_ORDER = {"high": 0, "normal": 1, "low": 2}
STATUS_ORDER = {status: n for n, status in enumerate(BOARD_ORDER)}


class ActionInfo:
    """One action with what the views and filters need, worked out once."""

    __slots__ = (
        "action",
        "owner",
        "owner_key",
        "overdue_days",
        "stale_days",
        "haystack",
        "two_pcs",
    )

    def __init__(
        self,
        action: Action,
        people: dict[str, str],
        today: date,
        now: datetime,
        stale_after: int,
        *,
        two_pcs: bool = False,
    ) -> None:
        self.action = action
        self.two_pcs = two_pcs  # changed on two PCs while apart: a person must choose
        if action.owner_id and action.owner_id in people:
            self.owner, self.owner_key = people[action.owner_id], f"id:{action.owner_id}"
        elif action.owner_text:
            self.owner, self.owner_key = action.owner_text, f"text:{action.owner_text.casefold()}"
        else:
            self.owner, self.owner_key = NO_OWNER, ""
        self.overdue_days = action.overdue_days(today)
        self.stale_days = action.stale_days(now, stale_after)
        self.haystack = " ".join(
            (action.title, action.detail, self.owner, action.closing_note, action.drop_reason)
        ).casefold()

    @property
    def flags_text(self) -> str:
        """The warnings in words: "Overdue 5 days · No progress for 41 days"."""
        parts = []
        if self.two_pcs:
            parts.append(CHANGED_ON_TWO_PCS)
        if self.overdue_days:
            parts.append(f"Overdue {days(self.overdue_days)}")
        if self.stale_days:
            parts.append(f"No progress for {days(self.stale_days)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class ActionFilter:
    """What the person has asked to see; the empty filter shows everything."""

    text: str = ""
    owner_key: str | None = None  # None: anyone; "": no owner yet
    statuses: frozenset[ActionStatus] = frozenset()
    origin: Origin | None = None
    due_from: date | None = None
    due_to: date | None = None
    no_due_date: bool = False
    overdue: bool = False
    stale: bool = False

    def matcher(self) -> Callable[[ActionInfo], bool] | None:
        """One function testing the active criteria (None when nothing is filtered)."""
        tests: list[Callable[[ActionInfo], bool]] = []
        words = self.text.casefold().split()
        if len(words) == 1:
            word = words[0]
            tests.append(lambda i: word in i.haystack)
        elif words:
            tests.append(lambda i: all(w in i.haystack for w in words))
        if self.owner_key is not None:
            key = self.owner_key
            tests.append(lambda i: i.owner_key == key)
        if self.statuses:
            statuses = self.statuses
            tests.append(lambda i: i.action.status in statuses)
        if self.origin is not None:
            origin = self.origin
            tests.append(lambda i: i.action.origin is origin)
        if self.no_due_date:
            tests.append(lambda i: i.action.due_on is None)
        if self.due_from is not None or self.due_to is not None:
            low, high = self.due_from or date.min, self.due_to or date.max
            tests.append(lambda i: i.action.due_on is not None and low <= i.action.due_on <= high)
        if self.overdue:
            tests.append(lambda i: i.overdue_days > 0)
        if self.stale:
            tests.append(lambda i: i.stale_days > 0)
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda i: all(test(i) for test in tests)


@dataclass(frozen=True)
class Column:
    header: str
    show: Callable[[ActionInfo], str]
    sort: Callable[[ActionInfo], Any]
    width: int


def _progress(info: ActionInfo) -> datetime:
    return info.action.last_progress_at or info.action.created_at


def _due_key(info: ActionInfo) -> tuple[int, int]:
    """Open actions first, soonest (most overdue) due first; then closed ones, newest first.

    So the table no longer opens on actions done years ago.
    """
    due = info.action.due_on
    if info.action.status.is_open:
        return (0, (due or date.max).toordinal())
    return (1, -(due or info.action.created_at.date()).toordinal())


COLUMNS = (
    Column("Action", lambda i: i.action.title, lambda i: i.action.title.casefold(), 460),
    Column("Owner", lambda i: i.owner, lambda i: (i.owner_key == "", i.owner.casefold()), 190),
    Column(
        "Due",
        lambda i: short_date(i.action.due_on, empty="No date"),
        _due_key,
        150,
    ),
    Column(
        "Status",
        lambda i: ACTION_STATUS[i.action.status],
        lambda i: STATUS_ORDER[i.action.status],
        140,
    ),
    Column(
        "Priority",
        lambda i: PRIORITY[i.action.priority],
        lambda i: PRIORITY_ORDER[i.action.priority.value],
        110,
    ),
    Column("Came from", lambda i: ORIGIN[i.action.origin], lambda i: ORIGIN[i.action.origin], 180),
    Column("Last progress", lambda i: short_date(_progress(i)), _progress, 160),
    Column(
        "Needs attention", lambda i: i.flags_text, lambda i: (-i.overdue_days, -i.stale_days), 330
    ),
)


class ActionsModel(HeadedTableModel):
    """Every action of the ward, one row each; ``set_rows()`` swaps the lot."""

    TITLE, OWNER, DUE, ACTION_STATUS, PRIORITY, ORIGIN, PROGRESS, FLAGS = range(len(COLUMNS))
    columns = COLUMNS
    # Asked to move actions (by id) to a status: a drop on a board column.
    move_requested = Signal(list, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._infos: list[ActionInfo] = []
        self._row_of: dict[str, int] = {}
        self.people: dict[str, str] = {}
        self.today = date.today()
        self.now = datetime.now().astimezone()
        self.stale_after = 30  # the ward's preference arrives with the rows
        self.two_pcs: frozenset[str] = frozenset()  # ids changed on two PCs (sync)
        self.editable = True
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- the rows ------------------------------------------------------------
    def set_rows(
        self,
        actions: Sequence[Action],
        people: Iterable[Person],
        *,
        today: date,
        now: datetime,
        stale_after: int,
    ) -> None:
        """Show ``actions``; ``people`` names the owners (every roster person, by id).

        ``stale_after``: the ward's days without progress before work is stalled.
        """
        self.beginResetModel()
        self.people = {p.id: p.display_name for p in people}
        self.today, self.now, self.stale_after = today, now, stale_after
        infos = [
            ActionInfo(a, self.people, today, now, stale_after, two_pcs=a.id in self.two_pcs)
            for a in actions
        ]
        if self._sort is not None:
            infos = self._sorted(infos, *self._sort)
        self._infos = infos
        self._reindex()
        self.endResetModel()

    def upsert(self, action: Action) -> None:
        """Show one action's new version (added at the end when it is new)."""
        info = ActionInfo(
            action,
            self.people,
            self.today,
            self.now,
            self.stale_after,
            two_pcs=action.id in self.two_pcs,
        )
        row = self._row_of.get(action.id)
        if row is None:
            row = len(self._infos)
            self.beginInsertRows(QModelIndex(), row, row)
            self._infos.append(info)
            self._row_of[action.id] = row
            self.endInsertRows()
        else:
            self._infos[row] = info
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove(self, action_id: str) -> None:
        row = self._row_of.get(action_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._infos[row]
        self._reindex()
        self.endRemoveRows()

    def _reindex(self) -> None:
        self._row_of = {info.action.id: row for row, info in enumerate(self._infos)}

    @property
    def infos(self) -> list[ActionInfo]:
        """The rows in display order (read it, never change it)."""
        return self._infos

    def info(self, row: int) -> ActionInfo:
        return self._infos[row]

    def row_of(self, action_id: str) -> int | None:
        return self._row_of.get(action_id)

    def action(self, action_id: str) -> Action | None:
        row = self._row_of.get(action_id)
        return None if row is None else self._infos[row].action

    def owners(self) -> list[tuple[str, str]]:
        """(owner key, name) for everyone owning an action or on the roster, by name."""
        found = {f"id:{pid}": name for pid, name in self.people.items()}
        for info in self._infos:
            if info.owner_key and info.owner_key not in found:
                found[info.owner_key] = info.owner
        return sorted(found.items(), key=lambda pair: pair[1].casefold())

    # -- sorting ---------------------------------------------------------------
    def _sorted(self, infos: list[ActionInfo], column: int, order: Qt.SortOrder):
        key = COLUMNS[column].sort
        # Title as the tie-breaker keeps equal keys in a stable, readable order.
        infos = sorted(infos, key=lambda i: i.action.title.casefold())
        return sorted(infos, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_ids = [info.action.id for info in self._infos]
        self._infos = self._sorted(self._infos, column, order)
        self._reindex()
        kept = self.persistentIndexList()
        moved = []
        for index in kept:
            row = self._row_of.get(old_ids[index.row()]) if index.row() < len(old_ids) else None
            moved.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> tuple[int, Qt.SortOrder] | None:
        return self._sort

    # -- Qt's model interface ----------------------------------------------------
    def headings(self) -> Sequence[str]:
        return [column.header for column in COLUMNS]

    def row_count(self) -> int:
        return len(self._infos)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._infos) and 0 <= column < len(COLUMNS)):
            return None
        info = self._infos[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].show(info)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken(info) if column == 0 else COLUMNS[column].show(info)
        if role == INFO_ROLE:
            return info
        if role == ACTION_ROLE:
            return info.action
        if role == ID_ROLE:
            return info.action.id
        if role == SORT_ROLE:
            return COLUMNS[column].sort(info)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.FLAGS and info.overdue_days:
                return QColor(theme.ERROR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return info.action.title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # -- drag and drop: the payload is the actions' ids ---------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self._infos[i.row()].action.id for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(MIME_TYPE, "\n".join(ids).encode())
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


def dropped_ids(data: QMimeData | None) -> list[str]:
    """The action ids a drag carries (none for anything else)."""
    if data is None or not data.hasFormat(MIME_TYPE):
        return []
    return [i for i in bytes(data.data(MIME_TYPE).data()).decode().split("\n") if i]


def spoken(info: ActionInfo) -> str:
    """A card read aloud: what, who, when, its status and any warnings."""
    action = info.action
    due = f"due {short_date(action.due_on)}" if action.due_on else "no due date"
    parts = [action.title, f"owner {info.owner}", due, ACTION_STATUS[action.status]]
    if info.flags_text:
        parts.append(info.flags_text)
    return ". ".join(parts) + "."


class ActionsFilterProxy(QSortFilterProxyModel):
    """The table's rows: those the current :class:`ActionFilter` lets through.

    It never sorts by itself; a sort request goes to the source model, which
    re-orders in Python and is followed by every view.
    """

    def __init__(self, source: ActionsModel, parent=None) -> None:
        super().__init__(parent)
        self._match: Callable[[ActionInfo], bool] | None = None
        self.current = ActionFilter()
        self._source = source  # read directly: this runs once per row per filter change
        self.setSourceModel(source)

    @property
    def source(self) -> ActionsModel:
        return self._source

    def set_filter(self, chosen: ActionFilter) -> None:
        self.beginFilterChange()
        self.current = chosen
        self._match = chosen.matcher()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._match is None:
            return True
        return self._match(self._source.infos[source_row])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def action_at(self, row: int) -> Action:
        return self.index(row, 0).data(ACTION_ROLE)

    def visible_infos(self) -> list[ActionInfo]:
        """The filtered rows in view order (for a CSV export)."""
        source = self._source
        return [
            source.info(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())
        ]
