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

from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import ActionStatus, Priority
from ui import theme
from ui.actions.models import (
    ID_ROLE,
    INFO_ROLE,
    ActionFilter,
    ActionInfo,
    ActionsModel,
    Index,
    dropped_ids,
)
from ui.actions.words import BOARD_ORDER, STATUS, days
from ui.formatting import short_date

PAD = 10
GAP = 5
EDGE = 7
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


class StatusColumnModel(QAbstractProxyModel):
    """The source rows of one status that pass the filter, in the source's order."""

    def __init__(self, source: ActionsModel, status: ActionStatus, parent=None) -> None:
        super().__init__(parent)
        self.status = status
        self._rows: list[int] = []
        self._position: dict[int, int] = {}
        self.setSourceModel(source)

    def set_rows(self, rows: list[int]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._position = {source_row: n for n, source_row in enumerate(rows)}
        self.endResetModel()

    def row_of(self, action_id: str) -> int | None:
        source_row = self.sourceModel().row_of(action_id)
        return None if source_row is None else self._position.get(source_row)

    # -- proxy mapping ---------------------------------------------------------
    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802
        if not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return self.sourceModel().index(self._rows[proxy_index.row()], 0)

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and bool(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None

    # -- a drop asks for a move; nothing is written here -------------------------
    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return self.sourceModel().editable and bool(dropped_ids(data))

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        ids = dropped_ids(data)
        if not ids or not self.sourceModel().editable:
            return False
        source: ActionsModel = self.sourceModel()
        moving = [i for i in ids if (a := source.action(i)) is not None and a.status != self.status]
        if moving:
            source.move_requested.emit(moving, self.status)
        return bool(moving)


class CardDelegate(QStyledItemDelegate):
    """Paints a card: title, owner and due date, then warnings in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.set_scale(theme.NORMAL)

    def set_scale(self, scale: theme.TypeScale) -> None:
        self.title_font = theme.app_font(scale.body, bold=True)
        self.body_font = theme.app_font(scale.small)
        self.note_font = theme.app_font(scale.small)
        self.note_font.setItalic(True)
        self.badge_font = theme.app_font(scale.small, bold=True)
        title, body = QFontMetrics(self.title_font), QFontMetrics(self.body_font)
        badge = QFontMetrics(self.badge_font)
        self.title_line, self.body_line = title.lineSpacing(), body.lineSpacing()
        self.badge_line = max(badge.height() + 8, self.body_line)
        self.height = PAD * 2 + self.title_line * 2 + GAP + 2 + self.body_line + GAP + \
            self.badge_line + 2 * GAP

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(200, self.height)

    def paint(self, painter: QPainter, option, index) -> None:
        info: ActionInfo | None = index.data(INFO_ROLE)
        if info is None:
            return
        action = info.action
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(GAP, GAP, -GAP, -GAP)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = selected and bool(option.state & QStyle.StateFlag.State_HasFocus)
        background = theme.FOCUS if focused else ("#E8EDEE" if selected else theme.WHITE)
        painter.setPen(QPen(QColor(theme.TEXT if focused or selected else theme.BORDER),
                            3 if focused or selected else 1))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(card, 4, 4)
        # The left edge says how urgent in colour; the badges say it in words.
        edge = theme.ERROR if info.overdue_days else (
            theme.WARNING if info.stale_days else (
                theme.NHS_BLUE if action.status.is_open else theme.SECONDARY_TEXT))
        painter.fillRect(QRect(card.left(), card.top(), EDGE, card.height()), QColor(edge))
        inner = card.adjusted(PAD + EDGE - 2, PAD - 2, -PAD + 2, -PAD)
        painter.setPen(QColor(theme.TEXT))
        painter.setFont(self.title_font)
        title_rect = QRect(inner.left(), inner.top(), inner.width(), self.title_line * 2)
        painter.drawText(title_rect, Qt.TextFlag.TextWordWrap,
                         self._two_lines(action.title, inner.width()))
        y = title_rect.bottom() + GAP + 2
        self._who_and_when(painter, info, QRect(inner.left(), y, inner.width(),
                                                self.body_line), focused)
        line = QRect(inner.left(), y + self.body_line + GAP, inner.width(), self.badge_line)
        if action.status.is_open:
            self._badges(painter, info, line)
        else:
            note = action.closing_note or action.drop_reason
            painter.setFont(self.note_font)
            painter.setPen(QColor(theme.TEXT if focused else theme.SECONDARY_TEXT))
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(self.note_font).elidedText(
                                 f"“{note}”" if note else "", Qt.TextElideMode.ElideRight,
                                 line.width()))
        painter.restore()

    def _who_and_when(self, painter: QPainter, info: ActionInfo, rect: QRect,
                      focused: bool) -> None:
        """The owner on the left, the due (or closing) date on the right."""
        action = info.action
        if info.overdue_days and info.stale_days:
            # The badge says overdue; this line carries the second warning in words.
            when = f"No progress {days(info.stale_days)}"
        elif action.status.is_open:
            when = f"Due {short_date(action.due_on)}" if action.due_on else "No due date"
        else:
            verb = "Done" if action.status is ActionStatus.DONE else "Dropped"
            when = f"{verb} {short_date(action.updated_at)}"
        metrics = QFontMetrics(self.body_font)
        painter.setFont(self.body_font)
        painter.setPen(QColor(theme.TEXT if focused else theme.SECONDARY_TEXT))
        owner_needs = min(metrics.horizontalAdvance(info.owner), rect.width() * 2 // 5)
        when_width = min(metrics.horizontalAdvance(when), rect.width() - owner_needs - 12)
        centre = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | centre,
                         metrics.elidedText(when, Qt.TextElideMode.ElideRight, when_width))
        owner_width = rect.width() - when_width - 12
        painter.setPen(QColor(theme.TEXT))
        painter.drawText(QRect(rect.left(), rect.top(), owner_width, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | centre,
                         metrics.elidedText(info.owner, Qt.TextElideMode.ElideRight,
                                            owner_width))

    def _two_lines(self, text: str, width: int) -> str:
        """The title, cut with an ellipsis if it would need a third line."""
        metrics = QFontMetrics(self.title_font)
        if metrics.horizontalAdvance(text) <= width * 2 - metrics.averageCharWidth() * 4:
            return text
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                  width * 2 - metrics.averageCharWidth() * 6)

    def badges(self, info: ActionInfo, width: int) -> list[tuple[str, str, str]]:
        """The warnings in words that fit ``width``: shorter words before none."""
        full: list[tuple[str, str, str, str]] = []
        if info.overdue_days:
            text = f"OVERDUE {days(info.overdue_days).upper()}"
            full.append((text, text, theme.ERROR, theme.WHITE))
        if info.stale_days and not info.overdue_days:
            full.append((f"NO PROGRESS {days(info.stale_days).upper()}", "NO PROGRESS",
                         theme.WARNING, theme.TEXT))
        if info.action.priority is Priority.HIGH:
            full.append(("HIGH PRIORITY", "HIGH", theme.NHS_DARK_BLUE, theme.WHITE))
        metrics = QFontMetrics(self.badge_font)

        def fits(chosen: list[tuple[str, str, str]]) -> bool:
            return sum(metrics.horizontalAdvance(t) + 16 + GAP for t, _, _ in chosen) <= width

        chosen: list[tuple[str, str, str]] = []
        for pick in (0, 1):
            chosen = [(b[pick], b[2], b[3]) for b in full]
            if fits(chosen):
                return chosen
        while len(chosen) > 1 and not fits(chosen):
            chosen.pop()
        return chosen

    def _badges(self, painter: QPainter, info: ActionInfo, line: QRect) -> None:
        painter.setFont(self.badge_font)
        metrics = QFontMetrics(self.badge_font)
        x = line.left()
        for text, fill, ink in self.badges(info, line.width()):
            width = min(metrics.horizontalAdvance(text) + 16, line.right() - x)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 12)
            rect = QRect(x, line.top(), width, line.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(fill))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QColor(ink))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown)
            x += width + GAP


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

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
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

    def __init__(self, model: ActionsModel, status: ActionStatus, delegate: CardDelegate,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("BoardColumn")
        self.status = status
        self.proxy = StatusColumnModel(model, status, self)
        self.heading = QLabel(STATUS[status])
        self.heading.setObjectName("BoardHeading")
        self.cards = CardList()
        self.cards.setModel(self.proxy)
        self.cards.setItemDelegate(delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.cards, 1)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        word = STATUS[self.status]
        self.heading.setText(f"{word}  ({count:,})")
        noun = "action" if count == 1 else "actions"
        self.cards.setAccessibleName(f"{word} column: {count:,} {noun}")
        self.cards.setAccessibleDescription(
            "Arrow keys choose a card, Enter opens it, Control with Left or Right moves it "
            "to the next column.")


class ActionsBoard(QWidget):
    """Six columns of cards over one model; it asks for moves, it never saves."""

    move_requested = Signal(list, object)  # action ids, the status to move them to
    open_requested = Signal(str)

    def __init__(self, model: ActionsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.delegate = CardDelegate(self)
        self._match = None
        self._statuses: frozenset[ActionStatus] = frozenset()
        self._dirty = True
        self.columns: dict[ActionStatus, BoardColumn] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for position, status in enumerate(BOARD_ORDER):
            column = BoardColumn(model, status, self.delegate, self)
            column.cards.move_sideways.connect(lambda step, s=status: self._move(s, step))
            column.cards.focus_sideways.connect(
                lambda step, n=position: self._focus_column(n + step))
            column.cards.open_requested.connect(self.open_requested)
            self.columns[status] = column
            row.addWidget(column, 1)
        model.move_requested.connect(self.move_requested)
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged,
                       model.rowsInserted, model.rowsRemoved):
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
        for status in CLOSED:  # the most recently closed first: this week's wins on top
            buckets[status].sort(key=lambda row: infos[row].action.updated_at, reverse=True)
        for status, column in self.columns.items():
            current = column.cards.current_id()
            scroll = column.cards.verticalScrollBar().value()
            column.proxy.set_rows(buckets[status])
            column.set_count(len(buckets[status]))
            if current is not None:
                self._set_current(column, current, focus=False)
            column.cards.verticalScrollBar().setValue(scroll)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
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
