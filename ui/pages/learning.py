"""The Learning page: the ward's no-blame learning log and what it is teaching us.

Two tabs. "Learning log": search and filters over the log (newest first), the
list, and the editor for the chosen item (or a new one). "What are we
learning": counts by kind and theme over a period, compliments against
complaints, and the themes that keep coming back.

The list is one model behind a filter proxy, filled from
``app.learning.search`` (full-text search and filters in SQL). Leaving an item
with unsaved changes asks first, so typing is never lost by a stray click.
``action_created`` fires when an item is turned into an action, so the window
can offer the Actions page.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import LearningItem
from huddle.errors import HuddleError
from ui.context import UiContext
from ui.dialogs import ConfirmDialog, show_error
from ui.learning.editor import LearningEditor
from ui.learning.filters import FilterBar
from ui.learning.insights import InsightsView
from ui.learning.look import apply_fonts, heading
from ui.learning.model import LearningFilterProxy, LearningListModel
from ui.pages.base import Page
from ui.tables import row_table

LIST_LIMIT = 500  # newest items shown at once; a search or filter reaches the rest
LOG_TAB, INSIGHTS_TAB = 0, 1


class LearningPage(Page):
    title = "Learning"
    watches = frozenset({"learning_item", "action"})
    action_created = Signal(object)  # huddle.domain.Action

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = LearningListModel(parent=self)
        self.proxy = LearningFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = FilterBar(ctx.app.clock.today)
        self.filters.changed.connect(self.reload)
        self.table = row_table(self.proxy, name="Learning log")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LearningListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (LearningListModel.DATE, 120),
            (LearningListModel.KIND, 190),
            (LearningListModel.THEMES, 220),
            (LearningListModel.ACTIONS, 100),
        ):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.count = QLabel()
        self.count.setProperty("role", "secondary")
        self.new_button = QPushButton("Record learning")
        self.new_button.setAccessibleName("Record new learning")
        self.new_button.setProperty("kind", "primary")
        self.new_button.clicked.connect(self.new_item)
        self.review_button = QPushButton("SWARM or review…")
        self.review_button.setAccessibleName("Hold a SWARM huddle or After Action Review")
        self.review_button.setToolTip(
            "Learn from the chosen item together: a SWARM huddle within 24 hours of an "
            "incident or near miss, or an After Action Review of anything, good outcomes too."
        )
        self.review_button.clicked.connect(self.review_chosen)
        self.editor = LearningEditor(ctx)
        self.editor.saved.connect(self._saved)
        self.editor.action_created.connect(self.action_created)
        self.insights = InsightsView(ctx.app)
        self._insights_stale = True
        self._build()
        self.new_button.setEnabled(not ctx.read_only)
        self.review_button.setEnabled(False)
        apply_fonts(self, ctx.board_mode, ctx.board_factor)

    def set_board_mode(self, on: bool) -> None:
        apply_fonts(self, on, self.ctx.board_factor)

    def _build(self) -> None:
        title = heading("Learning", size="title")
        intro = QLabel(
            "What went wrong, what nearly did, what patients tell us and what went "
            "well: recorded without blame, so we can learn and act."
        )
        intro.setProperty("role", "secondary")
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(intro, 1)
        top.addWidget(self.review_button)
        top.addWidget(self.new_button)
        log_side = QWidget()
        left = QVBoxLayout(log_side)
        left.setContentsMargins(0, 0, 8, 0)
        left.addWidget(self.filters)
        left.addWidget(self.table, 1)
        left.addWidget(self.count)
        self.editor.setMinimumWidth(520)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(log_side)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Learning views")
        self.tabs.addTab(self.splitter, "Learning log")
        self.tabs.addTab(self.insights, "What are we learning")
        self.tabs.currentChanged.connect(self._tab_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        if self.ctx.read_only:
            banner = QLabel("Read-only: the log can be read and searched here, not changed.")
            banner.setObjectName("Banner")
            banner.setWordWrap(True)
            layout.addWidget(banner)
        layout.addWidget(self.tabs, 1)

    # -- refreshing ----------------------------------------------------------
    def focusInEvent(self, event) -> None:
        # Shown from the navigation, the page starts in the search box. (A focus proxy
        # would too, but Tab into the page would then jump over Record learning and the
        # tabs straight to the search box.)
        super().focusInEvent(event)
        self.filters.search.setFocus(event.reason())

    def refresh(self) -> None:
        self.filters.set_themes(self.ctx.app.learning.themes())
        self.editor.themes.set_known(self.ctx.app.learning.themes())
        self.reload()
        self._insights_stale = True
        if self.tabs.currentIndex() == INSIGHTS_TAB:
            self._refresh_insights()

    def reload(self) -> None:
        """Ask the service for the log as filtered and searched now; keep the chosen item."""
        chosen = self.filters.current()
        try:
            rows = self.ctx.app.learning.search(**chosen.search_options(), limit=LIST_LIMIT)
        except HuddleError as error:
            show_error(self, error, title="The learning log could not be read")
            return
        self.model.set_rows(rows)
        self.proxy.set_filter(chosen)
        self._show_count(len(rows))
        if self.editor.item is not None:
            self.select(self.editor.item.id)

    def _show_count(self, found: int) -> None:
        shown = self.proxy.rowCount()
        words = "1 item" if shown == 1 else f"{shown:,} items"
        text = self.filters.current().text.strip()
        narrowed = self.filters.describe()
        if text:
            words += f" matching “{text}”"
        if narrowed:
            words += f" ({narrowed})"
        if found >= LIST_LIMIT:
            words += f". Showing the newest {LIST_LIMIT:,}: search or filter to find older ones"
        self.count.setText(
            words + ", newest first."
            if shown
            else "Nothing matches. Try other words or fewer filters."
        )

    def _tab_chosen(self, index: int) -> None:
        if index == INSIGHTS_TAB and self._insights_stale:
            self._refresh_insights()

    def _refresh_insights(self) -> None:
        self.insights.refresh()
        self._insights_stale = False

    # -- choosing and editing ------------------------------------------------
    def select(self, learning_id: str) -> bool:
        row = self.proxy.row_of(learning_id)
        if row is None:
            return False
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _row_chosen(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        item: LearningItem = self.proxy.item_at(current.row())
        if self.editor.item is not None and self.editor.item.id == item.id:
            return
        if not self._may_leave_editor():
            self.table.selectionModel().blockSignals(True)
            if previous.isValid():
                self.table.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            else:
                self.table.clearSelection()
            self.table.selectionModel().blockSignals(False)
            return
        self.editor.load(item)
        self.review_button.setEnabled(not self.ctx.read_only)

    def _may_leave_editor(self) -> bool:
        if not self.editor.is_dirty():
            return True
        return ConfirmDialog.ask(
            self,
            title="Changes not saved",
            question="The learning you are editing has changes that are not saved yet. "
            "Leave it without saving them?",
            yes="Leave without saving",
            no="Keep editing",
        )

    def review_chosen(self) -> None:
        """A SWARM huddle or After Action Review of the item in the editor."""
        from ui.psirf.start import start_response

        item = self.editor.item
        if item is not None and self._may_leave_editor():
            start_response(self, self.ctx, item)

    def new_item(self) -> None:
        if self.ctx.read_only or not self._may_leave_editor():
            return
        self.table.clearSelection()
        self.table.selectionModel().clearCurrentIndex()
        self.editor.start_new()
        self.tabs.setCurrentIndex(LOG_TAB)
        self.editor.title.setFocus()

    def _saved(self, item: LearningItem) -> None:
        row = self.proxy.row_of(item.id)
        if row is None or self.proxy.item_at(row).version != item.version:
            self.refresh()  # the window was not listening (or the filter hid it)
        self.select(item.id)
