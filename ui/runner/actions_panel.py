"""The actions section: due and overdue actions, each moved on in one tap.

Each row is one line, title first ("Sensor mats for Bay 6 — Falls lead — 22
days late"); Update opens the progress-note box and the next statuses. The
service enforces the rules (done needs a closing note, dropped a reason); its
message shows on the row and nothing is saved. A note that looks like a
patient identifier is highlighted and explained first, and saved only if the
person chooses "Save anyway". Every change is recorded with the huddle's id,
so the summary can list what was given progress or closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, ActionStatus
from huddle.errors import HuddleError
from ui.elided import ElidedLabel
from ui.identifier_guard import confirm_no_identifiers
from ui.runner.feedback import ErrorLabel
from ui.runner.lists import BulletList, day_text, owner_name
from ui.runner.look import MIN_TARGET, mark, set_font, settle_layout
from ui.runner.sections import SectionPanel
from ui.theme import TypeScale

STATUS_BUTTONS = (
    (ActionStatus.IN_PROGRESS, "In progress"),
    (ActionStatus.DONE, "Done"),
    (ActionStatus.STALLED, "Stalled"),
    (ActionStatus.DROPPED, "Drop"),
)
STATUS_WORDS = {s: s.value.replace("_", " ") for s in ActionStatus}
TITLE_SHARE = 0.45  # below this share of its row, the title gets the line to itself


def late_words(action: Action, today, *, overdue: bool) -> str:
    """ "22 days late", "due 8 Aug 2026" or "no due date": the part a team acts on."""
    if action.due_on is None:
        return "no due date"
    if overdue:
        late = (today - action.due_on).days
        return f"{late} day{'s' if late != 1 else ''} late"
    return f"due {day_text(action.due_on)}"


class ActionRow(QFrame):
    """One action on one line, title first; tap Update for the note and status buttons.

    Folded, a row is one line high, so the section shows five or more actions
    even on a 1366×768 screen; opened, it offers the progress note and the
    next statuses.
    """

    def __init__(
        self,
        action: Action,
        *,
        overdue: bool,
        today,
        names: dict[str, str],
        scale,
        board: bool = False,
        move: Callable[[ActionRow, ActionStatus | None], None],
    ) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.action = action
        owner = owner_name(action, names)
        self.line = ElidedLabel(f"{action.title} — {owner}")
        set_font(self.line, scale.heading, bold=True)
        # the lateness never elides: it is what the team acts on
        self.late = QLabel(late_words(action, today, overdue=overdue))
        set_font(self.late, scale.heading, bold=True)
        if overdue:
            mark(self.line, "role", "error")
            mark(self.late, "role", "error")
        self.line.setAccessibleName(
            f"{action.title}, {owner}, "
            + (f"overdue, {late_words(action, today, overdue=True)}" if overdue else "")
            + ("" if overdue else late_words(action, today, overdue=False))
        )
        self.open_button = QPushButton("Update")
        self.open_button.setCheckable(True)
        self.open_button.setMinimumHeight(MIN_TARGET)
        self.size_button(scale, board=board)
        self.open_button.setAccessibleName(f"Update {action.title}")
        self.open_button.toggled.connect(self.set_open)
        when = f"due {day_text(action.due_on)}" if action.due_on else "no due date"
        self.detail = ElidedLabel(f"{owner} · {when} · {STATUS_WORDS[action.status]}")
        mark(self.detail, "role", "secondary")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Progress note (Done needs one; Drop needs a reason)")
        self.note.setAccessibleName(f"Progress note for {action.title}")
        self.problem = ErrorLabel()
        self.controls = QWidget()
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.note_button = QPushButton("Add note")
        self.note_button.setAccessibleName(f"Add progress note to {action.title}")
        self.note_button.clicked.connect(lambda: move(self, None))
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
        buttons.addStretch(1)
        controls.addWidget(self.detail)
        controls.addWidget(self.note)  # as wide as the card: notes are sentences
        controls.addLayout(buttons)
        self.top = top = QGridLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setVerticalSpacing(0)
        top.setColumnStretch(0, 1)
        top.addWidget(self.line, 0, 0)
        top.addWidget(self.open_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        self.stacked = True  # placed by _place_late() on the first resize
        self._place_late(stacked=False)
        self.outer = layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 1, 10, 1)  # a row as high as its Update button
        layout.addLayout(top)
        layout.addWidget(self.controls)
        layout.addWidget(self.problem)
        self.set_open(False)
        # typing straight into the note (a keyboard user, a test) opens the row
        self.note.textEdited.connect(lambda _text: self.open_button.setChecked(True))

    def _place_late(self, *, stacked: bool) -> None:
        """The lateness beside the title, or under it when beside it would leave the
        title too little room (a 1366×768 screen with the names shown)."""
        if stacked == self.stacked:
            return
        self.stacked = stacked
        self.top.removeWidget(self.late)
        if stacked:
            self.top.addWidget(self.late, 1, 0)
        else:
            self.top.addWidget(self.late, 0, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        margins = self.outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        beside = self.late.sizeHint().width() + self.open_button.sizeHint().width()
        self._place_late(stacked=room - beside < TITLE_SHARE * room)

    def size_button(self, scale, *, board: bool) -> None:
        """On a wall, Update is read from the back row as its line is; on a desk
        screen it keeps the body size and leaves the title the room."""
        set_font(self.open_button, scale.heading if board else scale.body)

    def set_open(self, opened: bool) -> None:
        self.controls.setVisible(opened)
        self.open_button.blockSignals(True)
        self.open_button.setChecked(opened)
        self.open_button.blockSignals(False)
        self.open_button.setText("Close" if opened else "Update")
        if opened:
            self.note.setFocus()

    def set_editable(self, editable: bool) -> None:
        self.note.setReadOnly(not editable)
        self.note_button.setEnabled(editable)
        for button in self.status_buttons.values():
            button.setEnabled(editable)


class ActionsPanel(SectionPanel):
    # each action on one line (title, lateness, Update), so that five show under the
    # heading on a 1366x768 screen: the names fold to a head count while it is shown
    wants_width = 760

    def build(self) -> None:
        self.rows: dict[str, ActionRow] = {}
        self._editable = True
        self.heading("Overdue and due in the next 7 days")
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
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
        for shown in self.rows.values():
            self.rows_box.removeWidget(shown)
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
                    board=self.ctx.board_mode,
                    move=self._move,
                )
                row.set_editable(self._editable)
                self.rows[action.id] = row
            self.rows_box.insertWidget(position, row)
        self.empty.setVisible(not wanted)
        if self.isVisible():
            settle_layout(self)
        record = app.huddles.record(self.huddle_id)
        self.moved.set_lines(
            [f"{a.title}: {note.text}" for a, note in record.progress_given],
            "Nothing yet.",
        )

    def set_scale(self, scale: TypeScale) -> None:
        super().set_scale(scale)
        for row in self.rows.values():
            row.size_button(scale, board=self.ctx.board_mode)

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
