"""A SWARM huddle or After Action Review, guided step by step at the PC.

Left: the steps, then who is here and the actions. Right: the step's question,
a no-blame prompt, a box for what the team says and, for "why was there a
difference", the SEIPS prompts as optional help. A countdown keeps each step to
its time box. Each move between steps saves (through the identifier guard);
Finish closes the response and adds its learning to the learning item.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import LearningItem
from huddle.domain_psirf import SEIPS_PROMPTS, STEPS, LearningResponse, ResponseStatus, Step
from huddle.errors import HuddleError
from ui import theme
from ui.context import UiContext
from ui.date_fields import date_edit, day_of
from ui.formatting import short_date
from ui.identifier_guard import confirm_no_identifiers
from ui.psirf.words import RESPONSE_NAMES, response_title
from ui.runner.look import mark, set_font
from ui.words import LEARNING_KIND

TIMER_MS = 1000


def _label(text: str, points: float, *, bold: bool = False, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_font(label, points, bold=bold)
    if role:
        mark(label, "role", role)
    return label


def countdown_text(left: int) -> str:
    if left >= 0:
        return f"{left // 60}:{left % 60:02d} left for this step"
    over = -left
    return f"Over by {over // 60}:{over % 60:02d}: move on when ready"


class ResponseDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        ctx: UiContext,
        response: LearningResponse,
        item: LearningItem,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.response = response
        self.item = item
        self.steps: tuple[Step, ...] = STEPS[response.kind]
        self.scale = theme.scale_for(ctx.board_mode)
        title = response_title(response.kind, item.title)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumSize(1100, 720)
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.elapsed = 0
        self.current = 0

        heading = _label(title, self.scale.title, bold=True)
        what = f"{LEARNING_KIND[item.kind]} on {short_date(item.occurred_on)}"
        minutes = sum(s.seconds for s in self.steps) // 60
        about = _label(
            f"{what}. About {minutes} minutes, step by step. No blame: we look at the "
            "system, not the person.",
            self.scale.body,
            role="secondary",
        )
        self.clock_label = _label("", self.scale.heading, bold=True)
        self.clock_label.setAccessibleName("Time left for this step")
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(about)
        top.addLayout(titles, 1)
        top.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignTop)

        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Steps")
        self.step_list.setFixedWidth(330)
        self.pages = QStackedWidget()
        for number, step in enumerate(self.steps, start=1):
            self.step_list.addItem(f"{number}. {step.title}")
            self.pages.addWidget(self._step_page(step))
        self.step_list.addItem("Who is here")
        self.pages.addWidget(self._present_page())
        self.step_list.addItem("Actions agreed")
        self.pages.addWidget(self._actions_page())
        set_font(self.step_list, self.scale.body)
        self.step_list.setObjectName("ResponseSteps")
        self.step_list.currentRowChanged.connect(self._go)

        middle = QHBoxLayout()
        middle.addWidget(self.step_list)
        middle.addWidget(self.pages, 1)

        self.problem = _label("", self.scale.body, role="error")
        self.problem.hide()
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.close_button = QPushButton("Save and close")
        self.finish_button = QPushButton("Finish")
        mark(self.finish_button, "kind", "primary")
        for button, slot in (
            (self.back_button, lambda: self._move(-1)),
            (self.next_button, lambda: self._move(1)),
            (self.close_button, self._save_and_close),
            (self.finish_button, self.finish),
        ):
            button.setAccessibleName(button.text())
            set_font(button, self.scale.body)
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(TIMER_MS)
        self.timer.timeout.connect(self._tick)
        editable = not ctx.read_only and response.status is ResponseStatus.RUNNING
        for widget in (self.finish_button, self.add_button):
            widget.setEnabled(editable)
        self.step_list.setCurrentRow(0)
        if editable:
            self.timer.start()

    # -- building -------------------------------------------------------------
    def _titled_page(self, title: str, note: str) -> tuple[QWidget, QVBoxLayout]:
        """A page of the dialog: its title, and a note on what it asks, above the rest."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(title, self.scale.title, bold=True))
        layout.addWidget(_label(note, self.scale.body, role="secondary"))
        return page, layout

    def _step_page(self, step: Step) -> QWidget:
        page, layout = self._titled_page(step.title, step.prompt)
        box = QPlainTextEdit(getattr(self.response, step.field))
        box.setAccessibleName(step.title)
        box.setTabChangesFocus(True)
        set_font(box, self.scale.heading)
        self.boxes[step.field] = box
        layout.addWidget(box, 1)
        if step.field == "difference":
            toggle = QPushButton("Show SEIPS prompts (optional help)")
            toggle.setAccessibleName("Show SEIPS prompts")
            toggle.setCheckable(True)
            help_text = "<br>".join(f"<b>{name}</b>: {hint}" for name, hint in SEIPS_PROMPTS)
            self.seips = _label(help_text, self.scale.body)
            self.seips.setTextFormat(Qt.TextFormat.RichText)
            self.seips.setAccessibleName("SEIPS prompts")
            self.seips.setVisible(False)
            toggle.toggled.connect(self.seips.setVisible)
            toggle.toggled.connect(
                lambda on: toggle.setText(
                    "Hide SEIPS prompts" if on else "Show SEIPS prompts (optional help)"
                )
            )
            self.seips_toggle = toggle
            layout.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(self.seips)
        return page

    def _present_page(self) -> QWidget:
        page, layout = self._titled_page(
            "Who is here, by role", "Count everyone taking part; no names are kept."
        )
        roles = sorted(
            {p.role for p in self.ctx.app.setup.people() if p.role}
            | {role for role, _ in self.response.present},
            key=str.casefold,
        )
        counts = dict(self.response.present)
        grid = QGridLayout()
        self.role_spins: dict[str, QSpinBox] = {}
        for row, role in enumerate(roles):
            spin = QSpinBox()
            spin.setRange(0, 50)
            spin.setValue(counts.get(role, 0))
            spin.setAccessibleName(f"How many: {role}")
            set_font(spin, self.scale.body)
            grid.addWidget(_label(role, self.scale.body), row // 2, (row % 2) * 2)
            grid.addWidget(spin, row // 2, (row % 2) * 2 + 1)
            self.role_spins[role] = spin
        layout.addLayout(grid)
        other = QHBoxLayout()
        self.other_role = QLineEdit()
        self.other_role.setPlaceholderText("Another role, for example Chaplain")
        self.other_role.setAccessibleName("Another role")
        self.other_count = QSpinBox()
        self.other_count.setRange(0, 50)
        self.other_count.setAccessibleName("How many in that role")
        other.addWidget(self.other_role, 1)
        other.addWidget(self.other_count)
        layout.addLayout(other)
        self.present_total = _label("", self.scale.heading, bold=True)
        layout.addWidget(self.present_total)
        layout.addStretch(1)
        for spin in (*self.role_spins.values(), self.other_count):
            spin.valueChanged.connect(self._show_total)
        self._show_total()
        return page

    def _actions_page(self) -> QWidget:
        page, layout = self._titled_page(
            "Actions agreed",
            "Each with an owner and a due date. They join the ward's action list, "
            "linked to this learning.",
        )
        self.actions_list = QListWidget()
        self.actions_list.setAccessibleName("Actions agreed")
        set_font(self.actions_list, self.scale.body)
        layout.addWidget(self.actions_list, 1)
        form = QFormLayout()
        self.action_title = QLineEdit()
        self.action_title.setAccessibleName("Action")
        self.action_title.setPlaceholderText("What will be done")
        self.action_owner = QComboBox()
        self.action_owner.setEditable(True)
        self.action_owner.setAccessibleName("Owner")
        self.action_owner.addItem("")
        for person in self.ctx.app.setup.people():
            self.action_owner.addItem(person.display_name, person.id)
        self.action_due = date_edit("Due date", self.ctx.app.clock.today() + timedelta(days=14))
        form.addRow("Action", self.action_title)
        form.addRow("Owner", self.action_owner)
        form.addRow("Due", self.action_due)
        layout.addLayout(form)
        self.add_button = QPushButton("Add action")
        self.add_button.setAccessibleName("Add action")
        self.add_button.clicked.connect(self.add_action)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_actions()
        return page

    # -- showing --------------------------------------------------------------
    def _show_total(self) -> None:
        total = sum(s.value() for s in self.role_spins.values()) + self.other_count.value()
        self.present_total.setText(f"{total} taking part")

    def _show_actions(self) -> None:
        self.actions_list.clear()
        item = self.ctx.app.learning.item(self.item.id)
        for action in self.ctx.app.actions.actions():
            if action.id in item.action_ids:
                due = f", due {short_date(action.due_on)}" if action.due_on else ""
                owner = f" ({action.owner_text})" if action.owner_text else ""
                self.actions_list.addItem(f"{action.title}{owner}{due}")
        if not self.actions_list.count():
            self.actions_list.addItem("None yet.")

    def _go(self, row: int) -> None:
        if row < 0:
            return
        if row != self.current and not self.save():
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(self.current)
            self.step_list.blockSignals(False)
            return
        self.current = row
        self.elapsed = 0
        self.pages.setCurrentIndex(row)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.step_list.count() - 1)
        self._tick(advance=False)

    def _move(self, by: int) -> None:
        self.step_list.setCurrentRow(max(0, min(self.step_list.count() - 1, self.current + by)))

    def _tick(self, advance: bool = True) -> None:
        if advance:
            self.elapsed += TIMER_MS // 1000
        if self.current < len(self.steps):
            left = self.steps[self.current].seconds - self.elapsed
            self.clock_label.setText(countdown_text(left))
            mark(self.clock_label, "role", "error" if left < 0 else "")
        else:
            self.clock_label.setText("")

    # -- saving ---------------------------------------------------------------
    def present(self) -> list[tuple[str, int]]:
        chosen = [(role, spin.value()) for role, spin in self.role_spins.items() if spin.value()]
        if self.other_role.text().strip() and self.other_count.value():
            chosen.append((self.other_role.text().strip(), self.other_count.value()))
        return chosen

    def save(self) -> bool:
        """Save what has been said so far; False (and a message) if it could not be."""
        if self.ctx.read_only or self.response.status is not ResponseStatus.RUNNING:
            return True
        labels = {s.field: s.title for s in self.steps}
        if not confirm_no_identifiers(self, self.boxes, labels=labels):
            self._problem("Edit the highlighted text, or choose Save anyway if it is not a "
                          "patient identifier.")  # fmt: skip
            return False
        answers: dict[str, Any] = {f: box.toPlainText() for f, box in self.boxes.items()}
        try:
            self.response = self.ctx.app.responses.save_answers(
                self.response.id,
                expected_version=self.response.version,
                present=self.present(),
                **answers,
            )
        except HuddleError as error:
            self._problem(error.message)
            return False
        self.problem.hide()
        return True

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def add_action(self) -> None:
        if not confirm_no_identifiers(
            self, {"title": self.action_title}, labels={"title": "Action"}
        ):
            return
        owner_id = self.action_owner.currentData()
        owner_text = "" if owner_id else self.action_owner.currentText().strip()
        try:
            self.ctx.app.responses.add_action(
                self.response.id,
                title=self.action_title.text(),
                owner_id=owner_id,
                owner_text=owner_text,
                due_on=day_of(self.action_due),
            )
        except HuddleError as error:
            self._problem(error.message)
            return
        self.problem.hide()
        self.action_title.clear()
        self._show_actions()

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def finish(self) -> None:
        if not self.save():
            return
        try:
            self.response = self.ctx.app.responses.finish(
                self.response.id, expected_version=self.response.version
            )
        except HuddleError as error:
            self._problem(error.message)
            return
        self.timer.stop()
        self.accept()

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, ctx: UiContext, response: LearningResponse,
        item: LearningItem,
    ) -> LearningResponse:  # fmt: skip
        dialog = cls(parent, ctx=ctx, response=response, item=item)
        try:
            dialog.exec()
            return dialog.response
        finally:
            dialog.deleteLater()


__all__ = ["RESPONSE_NAMES", "ResponseDialog", "countdown_text"]
