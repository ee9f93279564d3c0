"""One action in full: its fields, links, status, progress notes and PDSA cycles.

The form on the left edits title, detail, owner (roster or any name), due
date, priority and where it came from; "Save changes" (Ctrl+S) goes through
the page's :class:`~ui.actions.undo.ActionEditor`, so it can be undone and a
change made elsewhere meanwhile is shown, never overwritten. Status buttons
ask the page to move it (the page asks for a closing note when needed). On
the right, a timeline of progress notes (each with the huddle it was given
in) with a box to add one, and the PDSA cycles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, ActionStatus
from huddle.domain_escalations import EscalationSource
from huddle.errors import HuddleError, NotFoundError
from ui import dialogs
from ui.actions.notes import NotesPanel
from ui.actions.owner import OwnerBox, identifiers_ok
from ui.actions.pdsa import PdsaPanel, text_box
from ui.actions.undo import ActionEditor
from ui.actions.words import BOARD_ORDER
from ui.buttons import push_button
from ui.context import UiContext
from ui.date_fields import date_edit, day_of, to_qdate
from ui.escalations import escalate_from
from ui.formatting import short_date
from ui.layouts import scroller
from ui.shortcuts import WITHIN, add_shortcut
from ui.words import ACTION_STATUS, ORIGIN, PRIORITY, escalation_state


def combo(name: str, words: Mapping[Any, str]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, word in words.items():
        box.addItem(word, value)
    return box


CHOOSE_LEARNING = "Choose a learning item to link…"
CHOOSE_MEASURE = "Choose a measure to link…"


def _link_parts(
    pick_name: str, button_name: str, link: Callable[[], None]
) -> tuple[QLabel, QComboBox, QPushButton]:
    """What links an action to one kind of record: the records linked so far, a choice
    of another, and the Link button that calls ``link``."""
    shown = QLabel()
    shown.setWordWrap(True)
    pick = QComboBox()
    pick.setAccessibleName(pick_name)
    return shown, pick, push_button("Link", name=button_name, clicked=link)


class ActionDetail(QWidget):
    """The editor for one action; it saves through the page's editor."""

    back_requested = Signal()
    move_requested = Signal(list, object)  # [action id], status

    def __init__(self, ctx: UiContext, editor: ActionEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editor = editor
        self.action: Action | None = None
        self.back = push_button(
            "← All actions", name="Back to all actions (Escape)", clicked=self.back_requested
        )
        self.heading = QLabel()
        self.heading.setProperty("role", "pagetitle")
        self.heading.setWordWrap(True)
        self.status_line = QLabel()
        self.status_line.setProperty("role", "tileline")
        self.status_line.setWordWrap(True)
        self.status_buttons: dict[ActionStatus, QPushButton] = {}
        moves = QHBoxLayout()
        moves.addWidget(QLabel("Move to:"))
        for status in BOARD_ORDER:
            button = push_button(
                ACTION_STATUS[status],
                name=f"Move to {ACTION_STATUS[status]}",
                clicked=lambda _=False, s=status: self._ask_move(s),
            )
            self.status_buttons[status] = button
            moves.addWidget(button)
        moves.addStretch(1)
        top = QVBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.heading)
        top.addWidget(self.status_line)
        top.addLayout(moves)
        body = QHBoxLayout()
        body.addWidget(self._build_form(), 5)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Progress notes and PDSA cycles")
        self.notes = NotesPanel(ctx)
        self.notes.added.connect(lambda _note: self.reload_quietly())
        self.tabs.addTab(self.notes, "Progress notes")
        self.pdsa = PdsaPanel(ctx)
        self.tabs.addTab(self.pdsa, "PDSA cycles")
        body.addWidget(self.tabs, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        add_shortcut(QKeySequence.StandardKey.Save, self, self.save, context=WITHIN)
        add_shortcut(Qt.Key.Key_Escape, self, self.back_requested.emit, context=WITHIN)

    # -- building ------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.detail = text_box("Detail", "What needs doing, and why", 110)
        self.detail.setMaximumHeight(200)
        self.owner = OwnerBox(self.ctx.app.setup.people(include_inactive=True))
        self.owner.setAccessibleName("Owner: from the roster or any name")
        self.has_due = QCheckBox("Has a due date")
        self.has_due.setAccessibleName("Has a due date")
        today = self.ctx.app.clock.today()
        self.due = date_edit("Due date", today)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.has_due.toggled.connect(self.due.setVisible)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.priority = combo("Priority", PRIORITY)
        self.origin = combo("Came from", ORIGIN)
        self.save_button = push_button(
            "Save changes (Ctrl+S)", name="Save changes", kind="primary", clicked=self.save
        )
        self.discard_button = push_button("Discard changes", clicked=self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.discard_button)
        self.escalate_button = push_button(
            "Escalate…", name="Escalate this action to a tier", clicked=self.escalate
        )
        buttons.addWidget(self.escalate_button)
        buttons.addStretch(1)
        self.learning_links, self.learning_pick, self.link_learning_button = _link_parts(
            "Learning item to link", "Link this learning item", self.link_learning
        )
        self.measure_links, self.measure_pick, self.link_measure_button = _link_parts(
            "Measure to link", "Link this measure", self.link_measure
        )
        form_holder = QWidget()
        form = QFormLayout(form_holder)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Title", self.title)
        form.addRow("Detail", self.detail)
        form.addRow("Owner", self.owner)
        form.addRow("Due", due_row)
        form.addRow("Priority", self.priority)
        form.addRow("Came from", self.origin)
        form.addRow(buttons)
        for label, shown, pick, button in (
            ("Learning", self.learning_links, self.learning_pick, self.link_learning_button),
            ("Measures", self.measure_links, self.measure_pick, self.link_measure_button),
        ):
            row = QHBoxLayout()
            row.addWidget(pick, 1)
            row.addWidget(button)
            form.addRow(label, shown)
            form.addRow("", row)
        return scroller(form_holder, frame=True, sideways=True)

    # -- showing -------------------------------------------------------------------
    def show_action(self, action: Action) -> None:
        self.action = action
        self._fill_form(action)
        self._fill_status(action)
        self._fill_links(action)
        self._fill_timeline(action)
        self.pdsa.show_action(action)
        self.set_editable(not self.ctx.read_only)

    def reload(self) -> None:
        """Show the action as saved now (discarding unsaved changes)."""
        if self.action is None:
            return
        try:
            self.show_action(self.ctx.app.actions.action(self.action.id))
        except NotFoundError:
            self.back_requested.emit()

    def reload_quietly(self) -> None:
        if self.action is not None:
            self.action_changed(self.ctx.app.actions.action(self.action.id))

    def action_changed(self, fresh: Action) -> None:
        """Our own app saved ``fresh``: keep typed changes, update everything else."""
        dirty = self.changes()
        self.action = fresh
        self._fill_status(fresh)
        self._fill_links(fresh)
        self._fill_timeline(fresh)
        self.pdsa.show_action(fresh, keep_typing=True)
        if not dirty:
            self._fill_form(fresh)

    def _fill_form(self, action: Action) -> None:
        self.heading.setText(action.title)
        self.title.setText(action.title)
        self.detail.setPlainText(action.detail)
        self.owner.set_owner(action.owner_id, action.owner_text, self._names())
        # every field from this action alone: no date (or link) left over from the last one
        self.has_due.setChecked(action.due_on is not None)
        self.due.setEnabled(action.due_on is not None)
        self.due.setDate(to_qdate(action.due_on or self.ctx.app.clock.today()))
        self.due.setVisible(action.due_on is not None)
        self.priority.setCurrentIndex(self.priority.findData(action.priority))
        self.origin.setCurrentIndex(self.origin.findData(action.origin))

    def _fill_status(self, action: Action) -> None:
        today, now = self.ctx.app.clock.today(), self.ctx.app.clock.now()
        parts = [f"Status: {ACTION_STATUS[action.status]}"]
        if action.is_overdue(today):
            parts.append(f"OVERDUE since {short_date(action.due_on)}")
        if action.stale_days(now, self.ctx.app.preferences.stale_after_days()):
            latest = action.last_progress_at or action.created_at
            parts.append(f"no progress since {short_date(latest)}")
        if action.status is ActionStatus.DONE and action.closing_note:
            parts.append(f"closing note: {action.closing_note}")
        if action.status is ActionStatus.DROPPED and action.drop_reason:
            parts.append(f"dropped because: {action.drop_reason}")
        escalated = self.ctx.app.escalations.for_source(EscalationSource.ACTION, action.id)
        if escalated:
            parts.append(escalation_state(escalated[-1]))
        self.status_line.setText("  ·  ".join(parts))
        self.status_line.setAccessibleName(self.status_line.text())
        for status, button in self.status_buttons.items():
            button.setVisible(status is not action.status)

    def escalate(self) -> object | None:
        """Escalate this action to a tier (what the ward cannot finish alone)."""
        if self.action is None or self.ctx.read_only:
            return None
        about = f"The action: {self.action.title}"
        saved = escalate_from(self, self.ctx, EscalationSource.ACTION, self.action.id, about)
        self._fill_status(self.action)
        return saved

    def _fill_links(self, action: Action) -> None:
        items = {i.id: i for i in self.ctx.app.learning.items(limit=500)}
        for learning_id in action.learning_ids:
            if learning_id not in items:
                try:
                    items[learning_id] = self.ctx.app.learning.item(learning_id)
                except NotFoundError:
                    continue
        linked = [
            f"• {short_date(items[i].occurred_on)}: {items[i].title}"
            for i in action.learning_ids
            if i in items
        ]
        self.learning_links.setText("\n".join(linked) or "None linked yet.")
        self.learning_pick.clear()
        self.learning_pick.addItem(CHOOSE_LEARNING, None)  # nothing chosen until someone does
        for item in items.values():
            if item.id not in action.learning_ids:
                self.learning_pick.addItem(f"{short_date(item.occurred_on)}: {item.title}", item.id)
        measures = {m.id: m for m in self.ctx.app.measures.measures()}
        self.measure_links.setText(
            "\n".join(f"• {measures[i].name}" for i in action.measure_ids if i in measures)
            or "None linked yet."
        )
        self.measure_pick.clear()
        self.measure_pick.addItem(CHOOSE_MEASURE, None)
        for measure in measures.values():
            if measure.id not in action.measure_ids:
                self.measure_pick.addItem(measure.name, measure.id)

    def _fill_timeline(self, action: Action) -> None:
        self.notes.show_action(action)
        self.tabs.setTabText(0, f"Progress notes ({self.notes.count})")
        self.tabs.setTabText(1, f"PDSA cycles ({len(self.ctx.app.actions.cycles(action.id))})")

    def _names(self) -> dict[str, str]:
        return {p.id: p.display_name for p in self.ctx.app.setup.people(include_inactive=True)}

    def set_editable(self, editable: bool) -> None:
        self.notes.set_editable(editable)
        for widget in (self.title, self.detail):
            widget.setReadOnly(not editable)
        for control in (
            self.owner,
            self.has_due,
            self.priority,
            self.origin,
            self.save_button,
            self.discard_button,
            self.escalate_button,
            self.learning_pick,
            self.link_learning_button,
            self.measure_pick,
            self.link_measure_button,
            *self.status_buttons.values(),
        ):
            control.setEnabled(editable)
        self.due.setEnabled(editable and self.has_due.isChecked())
        self.pdsa.set_editable(editable)

    # -- saving --------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """The fields the person has changed, as the service takes them."""
        action = self.action
        if action is None:
            return {}
        owner_id, owner_text = self.owner.owner()
        due: date | None = day_of(self.due) if self.has_due.isChecked() else None
        now: dict[str, Any] = {
            "title": self.title.text().strip(),
            "detail": self.detail.toPlainText().strip(),
            "owner_id": owner_id,
            "owner_text": owner_text,
            "due_on": due,
            "priority": self.priority.currentData(),
            "origin": self.origin.currentData(),
        }
        was: dict[str, Any] = {
            "title": action.title,
            "detail": action.detail,
            "owner_id": action.owner_id,
            "owner_text": action.owner_text,
            "due_on": action.due_on,
            "priority": action.priority,
            "origin": action.origin,
        }
        changed = {key: value for key, value in now.items() if value != was[key]}
        for key in ("priority", "origin"):
            if key in changed:
                changed[key] = str(getattr(changed[key], "value", changed[key]))
        return changed

    def save(self) -> Action | None:
        if self.action is None or self.ctx.read_only:
            return None
        changes = self.changes()
        if not changes:
            return self.action
        if not identifiers_ok(
            self,
            {"title": self.title, "detail": self.detail},
            {"title": "Title", "detail": "Detail"},
        ):
            return None
        saved = self.editor.edit(self.action, changes)
        if saved is not None:
            self.show_action(saved)
        else:
            self.reload()
        return saved

    def _ask_move(self, status: ActionStatus) -> None:
        if self.action is not None and not self.ctx.read_only:
            self.move_requested.emit([self.action.id], status)

    def _link(self, pick: QComboBox, link) -> None:
        if self.action is None or self.ctx.read_only or pick.currentData() is None:
            return
        try:
            fresh = link(self.action.id, pick.currentData())
        except HuddleError as error:
            dialogs.show_error(self, error, title="That link was not saved")
            return
        self.action_changed(fresh)

    def link_learning(self) -> None:
        self._link(self.learning_pick, self.ctx.app.actions.link_learning)

    def link_measure(self) -> None:
        self._link(self.measure_pick, self.ctx.app.actions.link_measure)
