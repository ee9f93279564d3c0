"""The Actions page: what is moving, what is stuck, and who owns what.

A board (a column per status, cards moved by drag and drop or Ctrl+Left /
Ctrl+Right) and a sortable table, both over one model loaded once from
``app.actions.actions()`` and filtered in memory; an action's detail with its
progress notes and PDSA cycles; undo and redo (Ctrl+Z, Ctrl+Y) of status moves
and field edits; CSV export of what the filter shows.

After a change the page updates only the actions the change names (one query
each), so a move on a ten-year ward does not reload 20,000 rows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, ActionStatus, Change, Origin
from huddle.errors import NotFoundError
from ui import dialogs, theme
from ui.actions.board import ActionsBoard
from ui.actions.detail import ActionDetail
from ui.actions.export import write_actions_csv
from ui.actions.filters import FilterBar
from ui.actions.models import ActionFilter, ActionInfo, ActionsFilterProxy, ActionsModel
from ui.actions.prompts import ClosingNoteDialog, needs_note
from ui.actions.quick_idea import QuickIdeaDialog
from ui.actions.table import ActionsTable
from ui.actions.undo import ActionEditor
from ui.buttons import push_button
from ui.context import UiContext
from ui.formatting import counted
from ui.layouts import scroller
from ui.pages.base import Page
from ui.shortcuts import WITHIN, add_shortcut

BOARD, TABLE, DETAIL = range(3)
INCREMENTAL_LIMIT = 200  # more changed ids than this: reload everything


class CsvFileChooser(dialogs.SaveFileChooser):
    """Where to save the actions' CSV; the seam tests patch."""

    title = "Save actions as CSV"


class ActionsPage(Page):
    title = "Actions"
    watches = frozenset({"action", "progress_note", "pdsa_cycle", "person", "sync"})

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("ActionsPage")  # its rules: ui.style_rules.actions_rules
        self.model = ActionsModel(self)
        self.model.sort(ActionsModel.DUE, Qt.SortOrder.AscendingOrder)
        self.model.editable = not ctx.read_only
        self.proxy = ActionsFilterProxy(self.model, self)
        self._table_dirty = True
        self.editor = ActionEditor(ctx.app, self, people=lambda: self.model.people)
        self.editor.reload_needed.connect(self.reload_action)
        self.stack_undo = self.editor.stack
        heading = QLabel(self.title)
        heading.setProperty("role", "pagetitle")
        self.summary = QLabel()
        self.summary.setObjectName("Summary")
        self.summary.setWordWrap(True)
        self.new_idea_button = push_button(
            "New idea", name="New idea (Ctrl+I)", clicked=self.new_idea
        )
        self.new_action_button = push_button("New action", clicked=self.new_action)
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.undo_button.clicked.connect(self.stack_undo.undo)
        self.redo_button.clicked.connect(self.stack_undo.redo)
        self.stack_undo.canUndoChanged.connect(self.undo_button.setEnabled)
        self.stack_undo.canRedoChanged.connect(self.redo_button.setEnabled)
        self.stack_undo.undoTextChanged.connect(
            lambda t: self._undo_words(self.undo_button, "Undo", t)
        )
        self.stack_undo.redoTextChanged.connect(
            lambda t: self._undo_words(self.redo_button, "Redo", t)
        )
        self._undo_words(self.undo_button, "Undo", "")
        self._undo_words(self.redo_button, "Redo", "")
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.export_button = push_button(
            "Save as CSV…", name="Save the actions shown as a CSV file", clicked=self.export_csv
        )
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for button in (
            self.new_idea_button,
            self.new_action_button,
            self.undo_button,
            self.redo_button,
            self.export_button,
        ):
            top.addWidget(button)
        self.filters = FilterBar(ctx.app.clock.today())
        self.filters.changed.connect(self.apply_filters)
        self.board_button = QPushButton("Board")
        self.table_button = QPushButton("Table")
        views = QButtonGroup(self)
        for position, button in enumerate((self.board_button, self.table_button)):
            button.setCheckable(True)
            button.setProperty("view", True)
            button.setAccessibleName(f"Show as a {button.text().lower()}")
            button.clicked.connect(lambda _=False, p=position: self.show_view(p))
            views.addButton(button)
        self.board_button.setChecked(True)
        self.showing = QLabel()
        self.showing.setProperty("role", "secondary")
        switch = QHBoxLayout()
        switch.addWidget(self.board_button)
        switch.addWidget(self.table_button)
        switch.addSpacing(16)
        switch.addWidget(self.summary, 1)
        switch.addWidget(self.showing)
        self.board = ActionsBoard(self.model)
        self.board.move_requested.connect(self.request_move, Qt.ConnectionType.QueuedConnection)
        self.board.open_requested.connect(self.open_action)
        self.table = ActionsTable(self.proxy)
        self.table.horizontalHeader().setSortIndicator(
            ActionsModel.DUE, Qt.SortOrder.AscendingOrder
        )
        self.table.open_requested.connect(self.open_action)
        self.detail = ActionDetail(ctx, self.editor)
        self.detail.back_requested.connect(self.close_detail)
        self.detail.move_requested.connect(self.request_move, Qt.ConnectionType.QueuedConnection)
        # a short window scrolls the detail, not the page
        detail_scroll = scroller(self.detail, frame=True, sideways=True)
        self.views = QStackedWidget()
        for widget in (self.board, self.table, detail_scroll):
            self.views.addWidget(widget)
        self.list_part = QWidget()
        list_layout = QVBoxLayout(self.list_part)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filters)
        list_layout.addLayout(switch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.list_part)
        layout.addWidget(self.views, 1)
        self._last_view = BOARD
        add_shortcut("Ctrl+Z", self, self.stack_undo.undo, context=WITHIN)
        for keys in ("Ctrl+Y", "Ctrl+Shift+Z"):
            add_shortcut(keys, self, self.stack_undo.redo, context=WITHIN)
        add_shortcut("Ctrl+F", self, self._find, context=WITHIN)
        self.set_read_only(ctx.read_only)

    # -- loading -----------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        app = self.ctx.app
        self.model.two_pcs = app.sync.changed_on_two_pcs("action")
        self.model.set_rows(
            app.actions.actions(),
            app.setup.people(include_inactive=True),
            today=app.clock.today(),
            now=app.clock.now(),
            stale_after=app.preferences.stale_after_days(),
        )
        self.filters.set_stale_after(self.model.stale_after)
        self.filters.set_owners(self.model.owners())
        self.apply_filters()
        self._summarise()
        if self.views.currentIndex() == DETAIL and self.detail.action is not None:
            fresh = self.model.action(self.detail.action.id)
            if fresh is None:
                self.close_detail()
            else:
                self.detail.action_changed(fresh)

    def on_changed(self, change: Change) -> None:
        if not self.due(change):
            return
        if change.touches("person") or not change.ids or len(change.ids) > INCREMENTAL_LIMIT:
            self.refresh()
            return
        if change.touches("sync"):  # a record changed on two PCs was settled, or arrived
            self.model.two_pcs = self.ctx.app.sync.changed_on_two_pcs("action")
        for record_id in change.ids:
            self.reload_action(record_id, quiet=True)
        self._summarise()

    def reload_action(self, action_id: str, *, quiet: bool = False) -> Action | None:
        """Show one action as saved now (ids of other records are skipped)."""
        try:
            fresh = self.ctx.app.actions.action(action_id)
        except NotFoundError:
            return None
        if fresh.archived:
            self.model.remove(action_id)
        else:
            self.model.upsert(fresh)
        if self.detail.action is not None and self.detail.action.id == action_id:
            self.detail.action_changed(fresh) if quiet else self.detail.show_action(fresh)
        if not quiet:
            self._summarise()
        return fresh

    def _summarise(self) -> None:
        infos = self.model.infos
        if not infos:
            self.summary.setText("No actions yet. Add the first idea.")
            return
        open_count = sum(1 for i in infos if i.action.status.is_open)
        overdue = sum(1 for i in infos if i.overdue_days)
        stale = sum(1 for i in infos if i.stale_days)
        ideas = sum(1 for i in infos if i.action.status is ActionStatus.IDEA)
        self.summary.setText(
            f"{open_count:,} open  ·  {overdue:,} overdue  ·  {stale:,} with "
            f"no progress for 30 days  ·  {counted(ideas, 'idea')} waiting"
        )

    # -- filtering and views ---------------------------------------------------------
    def current_filter(self) -> ActionFilter:
        return self.filters.current()

    def apply_filters(self) -> None:
        """Filter the view on screen now; the other catches up when it is shown."""
        chosen = self.current_filter()
        self.board.set_filter(chosen)
        if self.views.currentIndex() == TABLE:
            self.proxy.set_filter(chosen)
            self._table_dirty = False
        else:
            self._table_dirty = True
        self._count_shown(chosen)

    def _count_shown(self, chosen: ActionFilter) -> None:
        if self.views.currentIndex() == TABLE:
            shown = self.proxy.rowCount()
        else:
            shown = self.board.matched if self.board.isVisible() else len(self.filtered_infos())
        total = len(self.model.infos)
        self.showing.setText(f"Showing {shown:,} of {total:,}")
        self.showing.setAccessibleName(self.showing.text())

    def filtered_infos(self) -> list[ActionInfo]:
        """The actions the filter lets through, in the model's order."""
        match = self.current_filter().matcher()
        return [i for i in self.model.infos if match is None or match(i)]

    def show_view(self, view: int) -> None:
        self._last_view = view
        self.views.setCurrentIndex(view)
        self.list_part.setVisible(True)
        (self.board_button if view == BOARD else self.table_button).setChecked(True)
        if view == TABLE and self._table_dirty:
            self.proxy.set_filter(self.current_filter())
            self._table_dirty = False
        self._count_shown(self.current_filter())

    def open_action(self, action_id: str) -> None:
        action = self.model.action(action_id) or self.reload_action(action_id)
        if action is None:
            return
        self.detail.show_action(action)
        self.list_part.setVisible(False)
        self.views.setCurrentIndex(DETAIL)
        self.detail.title.setFocus()

    def close_detail(self) -> None:
        action = self.detail.action
        self.show_view(self._last_view)
        if action is not None:
            if self._last_view == BOARD:
                self.board.select(action.id)
            else:
                self.table.select(action.id)
                self.table.setFocus()

    def _find(self) -> None:
        if self.views.currentIndex() == DETAIL:
            self.close_detail()
        self.filters.focus_search()

    # -- changing --------------------------------------------------------------------
    def request_move(self, action_ids: list[str], status: ActionStatus) -> None:
        """Move actions to ``status``, asking for a closing note or reason when needed."""
        if self.ctx.read_only:
            return
        status = ActionStatus(status)
        running = self.ctx.app.huddles.running()
        for action_id in action_ids:
            action = self.model.action(action_id) or self.reload_action(action_id)
            if action is None or action.status is status:
                continue
            note = ""
            if needs_note(status):
                asked = ClosingNoteDialog.ask(self, status=status, what=action.title)
                if asked is None:
                    continue
                note = asked
            self.editor.move(action, status, note, huddle_id=running.id if running else None)
            if self.views.currentIndex() == BOARD:
                self.board.select(action_id)

    def new_idea(self) -> Action | None:
        return self._new(ActionStatus.IDEA, Origin.STAFF_IDEA)

    def new_action(self) -> Action | None:
        created = self._new(ActionStatus.PLANNED, Origin.HUDDLE)
        if created is not None:
            self.open_action(created.id)
        return created

    def _new(self, status: ActionStatus, origin: Origin) -> Action | None:
        created = QuickIdeaDialog.ask(self.ctx, self, status=status, origin=origin)
        if created is not None:
            self.reload_action(created.id)
            if self.views.currentIndex() == BOARD:
                self.board.select(created.id)
        return created

    def export_csv(self) -> Path | None:
        infos = self.filtered_infos()
        suggested = f"actions-{self.ctx.app.clock.today().isoformat()}.csv"
        path = CsvFileChooser.ask_path(self, suggested=suggested, suffix=".csv")
        if path is None:
            return None
        from huddle.reports import IdentifiersFoundError

        try:
            model = self.model
            try:
                count = write_actions_csv(
                    path, infos, today=model.today, now=model.now,
                    stale_after=model.stale_after, finder=self.ctx.app.identifiers.find,
                )  # fmt: skip
            except IdentifiersFoundError as found:
                if not self._export_anyway(found):
                    return None
                count = write_actions_csv(
                    path, infos, today=model.today, now=model.now,
                    stale_after=model.stale_after, allow_identifiers=True,
                )  # fmt: skip
        except OSError as error:
            dialogs.MessageDialog.ask(
                self,
                title="The CSV was not saved",
                text=f"It could not be written to {path}: {error.strerror or error}.",
            )
            return None
        dialogs.MessageDialog.ask(self, title="Saved", text=f"{count:,} actions saved to {path}.")
        return path

    def _export_anyway(self, found: Exception) -> bool:
        lines = "\n".join(f"• {what} in {where}" for where, what in getattr(found, "findings", []))
        return dialogs.ConfirmDialog.ask(
            self,
            title="Possible patient identifier",
            question="Some text looks like a patient identifier, so the CSV was not saved:"
            f"\n\n{lines}\n\nEdit it out first. Save anyway only if you are sure it is "
            "not an identifier.",
            yes="Save anyway",
            no="Do not save",
        )

    # -- modes -----------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        self.model.editable = not read_only
        for button in (self.new_idea_button, self.new_action_button):
            button.setEnabled(not read_only)
        if read_only:
            self.stack_undo.clear()

    def set_board_mode(self, on: bool) -> None:
        scale = theme.scale_for(on, self.ctx.board_factor)
        self.board.set_scale(scale)
        self.table.set_row_height(round(44 * scale.body / theme.NORMAL.body))

    @staticmethod
    def _undo_words(button: QPushButton, verb: str, what: str) -> None:
        button.setText(verb)
        button.setToolTip(
            f"{verb} {what} ({'Ctrl+Z' if verb == 'Undo' else 'Ctrl+Y'})"
            if what
            else f"Nothing to {verb.lower()}"
        )
        button.setAccessibleName(f"{verb} {what}" if what else f"{verb}: nothing to {verb.lower()}")
