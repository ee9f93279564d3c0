"""The board: one column per status, each a ``QListView`` over a proxy of the model.

Every column shows the same :class:`~ui.actions.models.ActionsModel` through a
:class:`StatusColumnModel` (a proxy keeping the rows of one status that pass
the filter); a delegate paints each card, so 20,000 actions cost no widgets.
One pass over the rows fills all six columns when the filter changes.

Cards move by drag and drop or from the keyboard: Ctrl+Right / Ctrl+Left move
the current card to the next / previous column, Left / Right move the focus
between columns, Enter opens the card. Moves are only *requested* here
(``move_requested``); the page asks for a closing note when one is needed and
calls the service.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import ActionStatus
from ui import theme
from ui.actions.cards import CardDelegate
from ui.actions.models import (
    ID_ROLE,
    ActionFilter,
    ActionInfo,
    ActionsModel,
    Index,
    dropped_ids,
)
from ui.actions.words import BOARD_ORDER
from ui.elided import ElidedLabel
from ui.words import ACTION_STATUS

CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)
# A column longer than this is no longer read at a glance; the table lists everything.
# (It also keeps a filter change fast: a list view visits every row it holds.)
CARDS_SHOWN = 300


class StatusColumnModel(QAbstractProxyModel):
    """The source rows of one status that pass the filter, in the source's order."""

    def __init__(self, source: ActionsModel, status: ActionStatus, parent=None) -> None:
        super().__init__(parent)
        self.status = status
        self._rows: list[int] = []
        self._position: dict[int, int] = {}
        self._source = source
        self.setSourceModel(source)

    def set_rows(self, rows: list[int]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._position = {source_row: n for n, source_row in enumerate(rows)}
        self.endResetModel()

    def row_of(self, action_id: str) -> int | None:
        source_row = self._source.row_of(action_id)
        return None if source_row is None else self._position.get(source_row)

    # -- proxy mapping ---------------------------------------------------------
    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return self.sourceModel().index(self._rows[proxy_index.row()], 0)

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid() or source_index.column() != 0:
            return QModelIndex()
        row = self._position.get(source_index.row())
        return QModelIndex() if row is None else self.index(row, 0)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or column != 0 or not 0 <= row < len(self._rows):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        return None  # a column of cards has no headings (the source's name table columns)

    # -- a drop asks for a move; nothing is written here -------------------------
    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self._source.editable and bool(dropped_ids(data))

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        ids = dropped_ids(data)
        if not ids or not self._source.editable:
            return False
        source = self._source
        moving = [i for i in ids if (a := source.action(i)) is not None and a.status != self.status]
        if moving:
            source.move_requested.emit(moving, self.status)
        return bool(moving)


class CardList(QListView):
    """A column's cards; reports keyboard moves and opening to the board."""

    move_sideways = Signal(int)  # -1 left, +1 right: the current card
    focus_sideways = Signal(int)
    open_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)
        self.setDragDropOverwriteMode(False)
        self.doubleClicked.connect(self._open_index)

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ID_ROLE))

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        sideways = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(key)
        if sideways is not None and mods & Qt.KeyboardModifier.ControlModifier:
            self.move_sideways.emit(sideways)
        elif sideways is not None and not mods:
            self.focus_sideways.emit(sideways)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.currentIndex())
        else:
            super().keyPressEvent(event)


class BoardColumn(QFrame):
    """A heading with the count, and the column's cards."""

    def __init__(
        self, model: ActionsModel, status: ActionStatus, delegate: CardDelegate, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BoardColumn")
        self.status = status
        self.proxy = StatusColumnModel(model, status, self)
        self.heading = ElidedLabel(ACTION_STATUS[status])  # a narrow column shortens, never cuts
        self.heading.setObjectName("BoardHeading")
        self.cards = CardList()
        self.cards.setModel(self.proxy)
        self.cards.setItemDelegate(delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(4)
        self.more = QLabel()
        self.more.setWordWrap(True)
        self.more.setProperty("role", "secondary")
        self.more.hide()
        layout.addWidget(self.heading)
        layout.addWidget(self.cards, 1)
        layout.addWidget(self.more)
        self.set_count(0, 0)

    def set_count(self, count: int, shown: int) -> None:
        word = ACTION_STATUS[self.status]
        self.heading.setText(f"{word}  ({count:,})")
        self.more.setVisible(shown < count)
        if shown < count:
            which = "latest" if self.status in CLOSED else "first"
            self.more.setText(
                f"The {which} {shown:,} are shown here. Filter, or use the table, to see them all."
            )
        noun = "action" if count == 1 else "actions"
        self.cards.setAccessibleName(f"{word} column: {count:,} {noun}")
        self.cards.setAccessibleDescription(
            "Arrow keys choose a card, Enter opens it, Control with Left or Right moves it "
            "to the next column."
        )


class ActionsBoard(QWidget):
    """Six columns of cards over one model; it asks for moves, it never saves."""

    move_requested = Signal(list, object)  # action ids, the status to move them to
    open_requested = Signal(str)

    def __init__(self, model: ActionsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.delegate = CardDelegate(self)
        self._match: Callable[[ActionInfo], bool] | None = None
        self._statuses: frozenset[ActionStatus] = frozenset()
        self._dirty = True
        self.matched = 0
        self.columns: dict[ActionStatus, BoardColumn] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for position, status in enumerate(BOARD_ORDER):
            column = BoardColumn(model, status, self.delegate, self)
            column.cards.move_sideways.connect(lambda step, s=status: self._move(s, step))
            column.cards.focus_sideways.connect(
                lambda step, n=position: self._focus_column(n + step)
            )
            column.cards.open_requested.connect(self.open_requested)
            self.columns[status] = column
            row.addWidget(column, 1)
        model.move_requested.connect(self.move_requested)
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.dataChanged,
            model.rowsInserted,
            model.rowsRemoved,
        ):
            signal.connect(self.rebucket)

    # -- filling the columns ---------------------------------------------------
    def set_filter(self, chosen: ActionFilter) -> None:
        self._match = chosen.matcher()
        self._statuses = chosen.statuses
        for status, column in self.columns.items():
            column.setVisible(not self._statuses or status in self._statuses)
        self.rebucket()

    def rebucket(self, *_: object) -> None:
        """Share the rows that pass the filter among the columns (one pass)."""
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        buckets: dict[ActionStatus, list[int]] = {status: [] for status in BOARD_ORDER}
        match = self._match
        infos = self.model.infos
        for row, info in enumerate(infos):
            if match is None or match(info):
                buckets[info.action.status].append(row)
        self.matched = sum(len(rows) for rows in buckets.values())
        for status, column in self.columns.items():
            rows = buckets[status]
            if status in CLOSED:  # the most recently closed first: this week's wins on top
                shown = heapq.nlargest(
                    CARDS_SHOWN, rows, key=lambda row: infos[row].action.updated_at
                )
            else:
                shown = rows[:CARDS_SHOWN]
            current = column.cards.current_id()
            scroll = column.cards.verticalScrollBar().value()
            column.proxy.set_rows(shown)
            column.set_count(len(rows), len(shown))
            if current is not None:
                self._set_current(column, current, focus=False)
            column.cards.verticalScrollBar().setValue(scroll)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebucket()

    def set_scale(self, scale: theme.TypeScale) -> None:
        self.delegate.set_scale(scale)
        for column in self.columns.values():
            column.cards.reset()
            column.heading.setFont(theme.app_font(scale.heading, bold=True))

    # -- the current card ---------------------------------------------------------
    def current_id(self) -> str | None:
        focused = self.focusWidget()
        for column in self.columns.values():
            if column.cards is focused:
                return column.cards.current_id()
        return None

    def select(self, action_id: str, *, focus: bool = True) -> bool:
        """Make ``action_id`` the current card of its column (and give it focus)."""
        action = self.model.action(action_id)
        if action is None:
            return False
        return self._set_current(self.columns[action.status], action_id, focus=focus)

    def _set_current(self, column: BoardColumn, action_id: str, *, focus: bool) -> bool:
        row = column.proxy.row_of(action_id)
        if row is None:
            return False
        index = column.proxy.index(row, 0)
        column.cards.setCurrentIndex(index)
        column.cards.scrollTo(index)
        if focus:
            column.cards.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _visible_statuses(self) -> list[ActionStatus]:
        return [s for s in BOARD_ORDER if not self._statuses or s in self._statuses]

    def _focus_column(self, position: int) -> None:
        statuses = list(BOARD_ORDER)
        if 0 <= position < len(statuses):
            cards = self.columns[statuses[position]].cards
            if cards.currentIndex().isValid() is False and cards.model().rowCount():
                cards.setCurrentIndex(cards.model().index(0, 0))
            cards.setFocus(Qt.FocusReason.TabFocusReason)

    def _move(self, status: ActionStatus, step: int) -> None:
        """Ctrl+Left / Ctrl+Right: ask to move the column's current card along."""
        if not self.model.editable:
            return
        action_id = self.columns[status].cards.current_id()
        order = list(BOARD_ORDER)
        target = order.index(status) + step
        if action_id is None or not 0 <= target < len(order):
            return
        self.move_requested.emit([action_id], order[target])
