"""The actions section: due and overdue actions, each moved on in one tap.

Each row offers the next statuses as buttons beside a progress-note box. The
service enforces the rules (done needs a closing note, dropped a reason); its
message shows on the row and nothing is saved. A note that looks like a
patient identifier is highlighted and explained first, and saved only if the
person chooses "Save anyway". Every change is recorded with the huddle's id,
so the summary can list what was given progress or closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from huddle.domain import Action, ActionStatus
from huddle.errors import HuddleError
from ui.identifier_guard import confirm_no_identifiers
from ui.runner.feedback import ErrorLabel
from ui.runner.lists import BulletList, day_text, owner_name
from ui.runner.look import mark, set_font
from ui.runner.sections import SectionPanel

STATUS_BUTTONS = (
    (ActionStatus.IN_PROGRESS, "In progress"),
    (ActionStatus.DONE, "Done"),
    (ActionStatus.STALLED, "Stalled"),
    (ActionStatus.DROPPED, "Drop"),
)
STATUS_WORDS = {s: s.value.replace("_", " ") for s in ActionStatus}


class ActionRow(QFrame):
    """One action: what, who, when, and buttons to move it on."""

    def __init__(
        self,
        action: Action,
        *,
        overdue: bool,
        today,
        names: dict[str, str],
        scale,
        move: Callable[[ActionRow, ActionStatus | None], None],
    ) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.action = action
        title = QLabel(action.title)
        title.setWordWrap(True)
        set_font(title, scale.heading, bold=True)
        when = f"due {day_text(action.due_on)}" if action.due_on else "no due date"
        if overdue and action.due_on is not None:
            late = (today - action.due_on).days
            when = f"OVERDUE by {late} day{'s' if late != 1 else ''} ({when})"
        detail = QLabel(f"{owner_name(action, names)} · {when} · {STATUS_WORDS[action.status]}")
        detail.setWordWrap(True)
        if overdue:
            mark(detail, "role", "error")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Progress note")
        self.note.setAccessibleName(f"Progress note for {action.title}")
        self.problem = ErrorLabel()
        buttons = QHBoxLayout()
        self.note_button = QPushButton("Add note")
        self.note_button.setAccessibleName(f"Add progress note to {action.title}")
        self.note_button.clicked.connect(lambda: move(self, None))
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.note_button)
        self.status_buttons: dict[ActionStatus, QPushButton] = {}
        for status, label in STATUS_BUTTONS:
            if status is action.status:
                continue
            button = QPushButton(label)
            button.setAccessibleName(f"{label}: {action.title}")
            button.clicked.connect(lambda _=False, s=status: move(self, s))
            buttons.addWidget(button)
            self.status_buttons[status] = button
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(detail)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

    def set_editable(self, editable: bool) -> None:
        self.note.setReadOnly(not editable)
        self.note_button.setEnabled(editable)
        for button in self.status_buttons.values():
            button.setEnabled(editable)


class ActionsPanel(SectionPanel):
    def build(self) -> None:
        self.rows: dict[str, ActionRow] = {}
        self._editable = True
        self.heading("Overdue and due in the next 7 days")
        how = QLabel(
            "Type a progress note, then tap a status. Done needs a closing note; "
            "Drop needs a reason."
        )
        how.setWordWrap(True)
        mark(how, "role", "secondary")
        self.content.addWidget(how)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(10)
        self.content.addLayout(self.rows_box)
        self.empty = QLabel("Nothing overdue or due this week.")
        mark(self.empty, "role", "secondary")
        self.content.addWidget(self.empty)
        self.heading("Moved on in this huddle")
        self.moved = BulletList("Actions moved on in this huddle")
        self.content.addWidget(self.moved)

    def reload(self) -> None:
        app = self.ctx.app
        today = app.clock.today()
        names = {p.id: p.display_name for p in app.setup.people(include_inactive=True)}
        wanted = [(a, True) for a in app.actions.overdue_actions()]
        wanted += [(a, False) for a in app.actions.due_within(7)]
        keep = {a.id for a, _ in wanted}
        for row in self.rows.values():
            self.rows_box.removeWidget(row)
        for action_id in [i for i in self.rows if i not in keep]:
            self._discard(self.rows.pop(action_id))
        for position, (action, overdue) in enumerate(wanted):
            row = self.rows.get(action.id)
            if row is None or row.action.version != action.version:
                if row is not None:
                    self._discard(row)
                row = ActionRow(
                    action,
                    overdue=overdue,
                    today=today,
                    names=names,
                    scale=self.scale,
                    move=self._move,
                )
                row.set_editable(self._editable)
                self.rows[action.id] = row
            self.rows_box.insertWidget(position, row)
        self.empty.setVisible(not wanted)
        record = app.huddles.record(self.huddle_id)
        self.moved.set_lines(
            [f"{a.title}: {note.text}" for a, note in record.progress_given],
            "Nothing yet.",
        )

    @staticmethod
    def _discard(row: ActionRow) -> None:
        row.hide()
        row.deleteLater()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._editable = editable
        for row in self.rows.values():
            row.set_editable(editable)

    def _move(self, row: ActionRow, status: ActionStatus | None) -> None:
        """Give progress (status None) or change status, with the row's note."""
        if not confirm_no_identifiers(self, {"note": row.note}, labels={"note": "Progress note"}):
            row.problem.show_error(
                "edit the highlighted note, or choose Save anyway if it is "
                "not a patient identifier."
            )
            return
        actions = self.ctx.app.actions
        try:
            if status is None:
                actions.add_progress_note(
                    row.action.id, text=row.note.text(), huddle_id=self.huddle_id
                )
            else:
                actions.change_status(
                    row.action.id,
                    status=status,
                    expected_version=row.action.version,
                    note=row.note.text(),
                    huddle_id=self.huddle_id,
                )
        except HuddleError as error:
            row.problem.show_error(error)
            return
        row.note.clear()
        row.problem.clear_error()
        self.reload()
