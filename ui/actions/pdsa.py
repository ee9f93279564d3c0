"""PDSA cycles of one action: plan with a prediction, do, study, act.

Cycles are numbered by the core. The panel lists the finished ones first, with
the room they need, and below them the next step: write up the open cycle (do,
study) and decide (adopt, adapt, abandon), or start a cycle (plan, prediction,
start date). Once there is history the start form is folded behind "Start
cycle N…"; a done or dropped action has no start form at all. Deciding to adapt
offers the next cycle straight away, its plan started from the last.
Starting a cycle on an action linked to a measure marks that measure's chart
(the core does that); the form says which charts will show it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, PdsaCycle, PdsaDecision
from huddle.errors import HuddleError
from ui import dialogs
from ui.actions.owner import identifiers_ok
from ui.context import UiContext
from ui.date_fields import date_edit, day_of
from ui.formatting import short_date
from ui.layouts import clear_layout, scroller
from ui.words import DECISION_DONE, DECISION_EXPLAINED


def text_box(name: str, placeholder: str = "", height: int = 80) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def cycle_summary(cycle: PdsaCycle) -> str:
    """A finished (or open) cycle in a few lines of plain text."""
    state = DECISION_DONE[cycle.act] if cycle.act else "Open"
    when = short_date(cycle.started_on)
    if cycle.completed_on:
        when += f" to {short_date(cycle.completed_on)}"
    lines = [f"Cycle {cycle.number}  ·  {state}  ·  {when}", f"Plan: {cycle.plan}"]
    for label, text in (("Prediction", cycle.prediction), ("Do", cycle.do), ("Study", cycle.study)):
        if text:
            lines.append(f"{label}: {text}")
    return "\n".join(lines)


class PdsaPanel(QWidget):
    """The cycles of one action and the form for its next step."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action: Action | None = None
        self.cycles: list[PdsaCycle] = []
        self.history = QVBoxLayout()
        history_holder = QWidget()
        history_holder.setLayout(self.history)
        scroll = scroller(history_holder, frame=True, sideways=True)
        scroll.setMinimumHeight(140)
        self.history_scroll = scroll
        self.offer_next = False  # an adapt decision just made: the next cycle's form opens
        self.new_cycle_button = QPushButton("Start cycle…")
        self.new_cycle_button.setCheckable(True)
        self.new_cycle_button.toggled.connect(self._show_start_form)
        # Starting a cycle.
        self.start_box = QFrame()
        self.start_box.setObjectName("Card")
        self.start_heading = QLabel()
        self.start_heading.setProperty("role", "heading")
        self.plan = text_box(
            "Plan: what will we try, where and for how long?",
            "What will we try, where, and for how long?",
        )
        self.prediction = text_box(
            "Prediction: what do we expect to happen?", "What do we expect to happen?", 60
        )
        today = ctx.app.clock.today()
        self.started_on = date_edit("Start date", today)
        self.marks = QLabel()
        self.marks.setWordWrap(True)
        self.marks.setProperty("role", "secondary")
        self.start_button = QPushButton("Start cycle")
        self.start_button.setProperty("kind", "primary")
        self.start_button.clicked.connect(self.start_cycle)
        form = QFormLayout(self.start_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.start_heading)
        form.addRow("Plan", self.plan)
        form.addRow("Prediction", self.prediction)
        form.addRow("Start date", self.started_on)
        form.addRow(self.marks)
        form.addRow(self.start_button)
        # Writing up the open cycle.
        self.open_box = QFrame()
        self.open_box.setObjectName("Card")
        self.open_heading = QLabel()
        self.open_heading.setProperty("role", "heading")
        self.open_plan = QLabel()
        self.open_plan.setWordWrap(True)
        self.do = text_box("Do: what did we actually do?", "What did we actually do?", 60)
        self.study = text_box(
            "Study: what happened, compared with the prediction?",
            "What happened, compared with the prediction?",
        )
        self.decisions = QButtonGroup(self)
        decide = QVBoxLayout()
        for decision in PdsaDecision:
            button = QRadioButton(DECISION_EXPLAINED[decision])
            button.setAccessibleName(DECISION_EXPLAINED[decision])
            button.setProperty("decision", decision.value)
            self.decisions.addButton(button)
            decide.addWidget(button)
        self.save_cycle_button = QPushButton("Save notes")
        self.finish_button = QPushButton("Finish cycle with this decision")
        self.finish_button.setProperty("kind", "primary")
        self.save_cycle_button.clicked.connect(lambda: self.record(finish=False))
        self.finish_button.clicked.connect(lambda: self.record(finish=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_cycle_button)
        buttons.addWidget(self.finish_button)
        buttons.addStretch(1)
        form = QFormLayout(self.open_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.open_heading)
        form.addRow(self.open_plan)
        form.addRow("Do", self.do)
        form.addRow("Study", self.study)
        form.addRow("Act: what next?", decide)
        form.addRow(buttons)
        new_cycle_row = QHBoxLayout()
        new_cycle_row.addWidget(self.new_cycle_button)
        new_cycle_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.open_box)
        layout.addLayout(new_cycle_row)
        layout.addWidget(self.start_box)

    # -- showing -------------------------------------------------------------------
    def show_action(self, action: Action, *, keep_typing: bool = False) -> None:
        self.action = action
        self.cycles = self.ctx.app.actions.cycles(action.id)
        clear_layout(self.history)
        finished = [c for c in self.cycles if c.act is not None]
        if not self.cycles:
            empty = QLabel(
                "No PDSA cycles yet. Test a change on a small scale first: plan it, "
                "say what you expect, try it, and study what happened."
            )
            empty.setWordWrap(True)
            empty.setProperty("role", "secondary")
            self.history.addWidget(empty)
        for cycle in reversed(finished):
            card = QLabel(cycle_summary(cycle))
            card.setWordWrap(True)
            card.setObjectName("CycleCard")
            card.setAccessibleName(cycle_summary(cycle))
            card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.history.addWidget(card)
        self.history.addStretch(1)
        current = self.open_cycle()
        self.open_box.setVisible(current is not None)
        self._fold_start_form(action, current)
        if current is not None:
            self.open_heading.setText(
                f"Cycle {current.number}, started {short_date(current.started_on)}"
            )
            plan = f"Plan: {current.plan}"
            if current.prediction:
                plan += f"\nPrediction: {current.prediction}"
            self.open_plan.setText(plan)
            if not keep_typing:
                self.do.setPlainText(current.do)
                self.study.setPlainText(current.study)
        else:
            number = (self.cycles[-1].number + 1) if self.cycles else 1
            last = self.cycles[-1] if self.cycles else None
            adapting = last is not None and last.act is PdsaDecision.ADAPT
            self.start_heading.setText(
                f"Adapt and test again: cycle {number}" if adapting else f"Start cycle {number}"
            )
            self.start_button.setText(f"Start cycle {number}")
            self.start_button.setAccessibleName(f"Start PDSA cycle {number}")
            self.new_cycle_button.setText(f"Start cycle {number}…")
            self.new_cycle_button.setAccessibleName(f"Show the form to start PDSA cycle {number}")
            if (
                last is not None
                and adapting
                and not keep_typing
                and not self.plan.toPlainText().strip()
            ):
                self.plan.setPlainText(f"Adapted from cycle {last.number}: {last.plan}")
            self.marks.setText(self._marks_text(action))
        self.set_editable(not self.ctx.read_only)

    def _fold_start_form(self, action: Action, current: PdsaCycle | None) -> None:
        """No start form on a done or dropped action, nor while a cycle is open; with
        history, folded behind "Start cycle N…" so the history keeps the room."""
        can_start = current is None and action.status.is_open
        folded = bool(self.cycles) and not self.offer_next
        self.new_cycle_button.setVisible(can_start and folded)
        self.new_cycle_button.blockSignals(True)
        self.new_cycle_button.setChecked(False)
        self.new_cycle_button.blockSignals(False)
        self.start_box.setVisible(can_start and not folded)
        self.offer_next = False

    def _show_start_form(self, shown: bool) -> None:
        self.start_box.setVisible(shown)
        self.new_cycle_button.setVisible(not shown)
        if shown:
            self.plan.setFocus()

    def _marks_text(self, action: Action) -> str:
        if not action.measure_ids:
            return "Link a measure to see this cycle marked on its chart."
        names = {m.id: m.name for m in self.ctx.app.measures.measures()}
        linked = ", ".join(names.get(i, "a measure") for i in action.measure_ids)
        return f"The start date will be marked on the chart of: {linked}."

    def open_cycle(self) -> PdsaCycle | None:
        return self.cycles[-1] if self.cycles and self.cycles[-1].act is None else None

    def set_editable(self, editable: bool) -> None:
        for widget in (self.plan, self.prediction, self.do, self.study):
            widget.setReadOnly(not editable)
        for control in (
            self.started_on,
            self.start_button,
            self.save_cycle_button,
            self.finish_button,
            *self.decisions.buttons(),
        ):
            control.setEnabled(editable)

    # -- saving --------------------------------------------------------------------
    def start_cycle(self) -> PdsaCycle | None:
        if self.action is None or self.ctx.read_only:
            return None
        if not identifiers_ok(
            self,
            {"plan": self.plan, "prediction": self.prediction},
            {"plan": "Plan", "prediction": "Prediction"},
        ):
            return None
        try:
            cycle = self.ctx.app.actions.start_cycle(
                self.action.id,
                plan=self.plan.toPlainText(),
                prediction=self.prediction.toPlainText(),
                started_on=day_of(self.started_on),
            )
        except HuddleError as error:
            dialogs.show_error(self, error, title="The cycle was not started")
            return None
        self.plan.clear()
        self.prediction.clear()
        self._reload()
        return cycle

    def chosen_decision(self) -> PdsaDecision | None:
        button = self.decisions.checkedButton()
        return None if button is None else PdsaDecision(button.property("decision"))

    def record(self, *, finish: bool) -> PdsaCycle | None:
        current = self.open_cycle()
        if current is None or self.ctx.read_only:
            return None
        decision = self.chosen_decision() if finish else None
        if finish and decision is None:
            dialogs.MessageDialog.ask(
                self,
                title="Choose what next",
                text="Choose adopt, adapt or abandon to finish the cycle.",
            )
            return None
        if not identifiers_ok(
            self, {"do": self.do, "study": self.study}, {"do": "Do", "study": "Study"}
        ):
            return None
        try:
            saved = self.ctx.app.actions.record_cycle(
                current.id,
                expected_version=current.version,
                do=self.do.toPlainText(),
                study=self.study.toPlainText(),
                act=decision,
            )
        except HuddleError as error:
            dialogs.show_error(self, error, title="The cycle was not saved")
            self._reload(keep_typing=True)
            return None
        self.offer_next = decision is PdsaDecision.ADAPT
        if decision is not None:
            self.decisions.setExclusive(False)
            for button in self.decisions.buttons():
                button.setChecked(False)
            self.decisions.setExclusive(True)
        self._reload()
        return saved

    def _reload(self, *, keep_typing: bool = False) -> None:
        if self.action is not None:
            self.show_action(self.ctx.app.actions.action(self.action.id), keep_typing=keep_typing)
        self.changed.emit()
