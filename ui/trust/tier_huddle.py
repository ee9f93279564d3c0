"""The tier-2 huddle: the runner's agenda, time boxes and names, over the wards' escalations.

It is the ward runner's own parts (:mod:`ui.runner`: the agenda's step list,
the countdowns and their timer, its type sizes and styles) with an agenda
built from every ward's open escalations, oldest and most urgent first
(:func:`huddle.trust.tier.tier_agenda`). For each escalation the tier gives
an answer, an owner and a status, saved into the ward's replica through the
ward's own ``EscalationService``; Finish sends them with the tier login, and
each ward sees its answer on Today after its next sync.
"""

from __future__ import annotations

from datetime import datetime

from PySide6 import QtWidgets
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import HuddleSection, SectionKey
from huddle.domain_escalations import AnswerStatus, EscalationAnswer
from huddle.errors import HuddleError
from huddle.trust.tier import TierItem
from huddle.words import ANSWER_STATUS, answer_due, escalation_age
from ui import theme
from ui.formatting import date_and_time
from ui.runner.countdown import CountdownDisplay, SectionTimer
from ui.runner.feedback import ErrorLabel
from ui.runner.look import set_font
from ui.runner.steps import StepList
from ui.tasks import TaskRunner
from ui.trust.page import make_button
from ui.trust.source import TrustSource

ITEM_SECONDS = 180  # each escalation's time box
HUDDLE_MINUTES = 15
TICK_MS = 1000
AGENDA_CHARACTERS = 60


def clip(text: str, limit: int = AGENDA_CHARACTERS) -> str:
    """The start of a long reason for the agenda (the whole of it shows when chosen)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def agenda_sections(items: list[TierItem]) -> list[HuddleSection]:
    """The agenda as the runner's step list shows it: one section an escalation."""
    return [
        HuddleSection(item.id, "tier", n, SectionKey.CUSTOM,
                      f"{item.ward_name}: {clip(item.view.escalation.reason)}", ITEM_SECONDS,
                      "", 1)
        for n, item in enumerate(items)
    ]  # fmt: skip


def last_answer_text(latest: EscalationAnswer) -> str:
    """``Last answer (in progress, 3 Dec 2026, 09:10, owner Jo): …``."""
    owner = f", owner {latest.owner}" if latest.owner else ""
    status = ANSWER_STATUS[latest.status].lower()
    return f"Last answer ({status}, {date_and_time(latest.answered_at)}{owner}): {latest.answer}"


class TierHuddleView(QWidget):
    finished = Signal()
    answered = Signal(object)  # EscalationAnswer

    def __init__(
        self, source: TrustSource, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HuddleRunner")  # the runner's own styles
        self.source = source
        self.runner = runner
        self.scale = theme.NORMAL.scaled(1.2)
        self.items: list[TierItem] = []
        self.index = 0
        self.started_at: datetime | None = None
        self.saved: dict[str, str] = {}  # escalation id -> the status saved in this huddle
        self.timer = SectionTimer(source.clock.now)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self._build()

    # -- building -------------------------------------------------------------
    def _build(self) -> None:
        from huddle.config import load_settings

        scale = self.scale
        self.title = QLabel("Tier-2 huddle")
        set_font(self.title, scale.title * 1.2, bold=True)
        self.tier_box = QComboBox()
        self.tier_box.setAccessibleName("Which tier's escalations")
        self.tier_box.addItems(list(load_settings().escalation_tiers))
        self.tier_box.currentIndexChanged.connect(lambda _i: self.start())
        self.item_countdown = CountdownDisplay("This escalation", scale.huge, scale.heading)
        self.huddle_countdown = CountdownDisplay("Whole huddle", scale.huge * 0.8, scale.heading)
        self.steps = StepList(scale.heading)
        self.steps.chosen.connect(self.show_item)
        self.steps_scroller = _scroller(self.steps, "Agenda: the wards' escalations")
        self.steps_scroller.setFixedWidth(380)
        self.ward_line = QLabel()
        set_font(self.ward_line, scale.heading, bold=True)
        self.ward_line.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_font(self.reason, scale.heading)
        self.when_line = QLabel()
        self.when_line.setWordWrap(True)
        self.latest = QLabel()
        self.latest.setWordWrap(True)
        self.latest.setProperty("role", "secondary")
        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName("The tier's answer")
        self.answer.setMaximumHeight(100)  # Save stays in view on a 1366×768 screen
        self.answer.setPlaceholderText("What the tier will do, or what it decided (no names of "
                                       "patients or NHS numbers)")  # fmt: skip
        self.owner = QLineEdit()
        self.owner.setAccessibleName("Who owns the answer")
        self.status = QComboBox()
        self.status.setAccessibleName("Status of the answer")
        for status in AnswerStatus:
            self.status.addItem(ANSWER_STATUS[status], status.value)
        self.save_button = make_button(
            "&Save answer", "Save the answer to this escalation", self.save_answer
        )
        self.save_button.setProperty("kind", "primary")
        self.saved_line = QLabel("")
        self.saved_line.setWordWrap(True)
        self.empty = QLabel("")
        self.empty.setWordWrap(True)
        set_font(self.empty, scale.heading)
        self.names = QWidget()
        self.names_grid = QtWidgets.QGridLayout(self.names)
        self.names_grid.setContentsMargins(0, 0, 0, 0)
        self.ticks: list[QCheckBox] = []
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("Add a name to the tier roster")
        self.new_name.setPlaceholderText("Add a name")
        self.new_name.returnPressed.connect(self.add_name)
        self.add_name_button, self.back_button, self.next_button, self.finish_button = (
            make_button(text, name, slot)
            for text, name, slot in (
                ("Add", "Add this name to the tier roster", self.add_name),
                ("&Back", "Back to the previous escalation",
                 lambda: self.show_item(self.index - 1)),
                ("&Next", "Next escalation", lambda: self.show_item(self.index + 1)),
                ("&Finish and send answers", "Finish the tier huddle and send the answers",
                 self.finish),
            )
        )  # fmt: skip
        self.finish_button.setProperty("kind", "primary")
        self.problem = ErrorLabel()
        self._lay_out()

    def _lay_out(self) -> None:
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        tier_row = QHBoxLayout()
        tier_label = QLabel("Tier")
        tier_label.setBuddy(self.tier_box)
        tier_row.addWidget(tier_label)
        tier_row.addWidget(self.tier_box)
        tier_row.addStretch(1)
        titles.addLayout(tier_row)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.item_countdown)
        top.addWidget(self.huddle_countdown)
        form = QtWidgets.QFormLayout()
        form.addRow("Answer", self.answer)
        form.addRow("Owner", self.owner)
        form.addRow("Status", self.status)
        panel = QWidget()
        panel.setObjectName("ScrollContent")
        column = QVBoxLayout(panel)
        for part in (self.empty, self.ward_line, self.when_line, self.reason, self.latest):
            column.addWidget(part)
        column.addLayout(form)
        saving = QHBoxLayout()
        saving.addWidget(self.save_button)
        saving.addWidget(self.saved_line, 1)
        column.addLayout(saving)
        column.addStretch(1)
        names = QWidget()
        names.setFixedWidth(330)
        names_column = QVBoxLayout(names)
        heading = QLabel("Who is here")
        set_font(heading, self.scale.heading, bold=True)
        names_column.addWidget(heading)
        names_column.addWidget(self.names)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_name_button)
        names_column.addLayout(adding)
        names_column.addStretch(1)
        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.steps_scroller)
        middle.addWidget(_scroller(panel, "The escalation"), 1)
        middle.addWidget(names)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.problem, 1)
        bottom.addWidget(self.finish_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.setSpacing(12)
        outer.addLayout(top)
        outer.addLayout(middle, 1)
        outer.addLayout(bottom)

    # -- running --------------------------------------------------------------
    def start(self) -> None:
        """Build the agenda from the wards' replicas (refreshed first), off the screen's thread."""
        from huddle.trust.overview import trust_overview
        from huddle.trust.tier import tier_agenda

        source, tier = self.source, self.tier_box.currentText() or None
        self.empty.setText("Bringing the wards' escalations from the server…")

        def work(_progress):
            rows = trust_overview(source.address, source.cache_dir, clock=source.clock)
            return tier_agenda(source.cache_dir, [r.ward_id for r in rows], tier=tier,
                               clock=source.clock)  # fmt: skip

        self.runner.run(work, on_result=self.show_agenda, on_error=self._failed)
        self._show_names()

    def show_agenda(self, items: list[TierItem]) -> None:
        self.items = list(items)
        self.steps.set_sections(agenda_sections(self.items))
        if self.started_at is None:
            self.started_at = self.source.clock.now()
            self.ticker.start()
        has_items = bool(self.items)
        tier = self.tier_box.currentText()
        self.empty.setText(
            "" if has_items else f"No escalation to {tier} is waiting for an answer."
        )
        self.empty.setVisible(not has_items)
        for part in (self.answer, self.owner, self.status, self.save_button):
            part.setEnabled(has_items)
        self.show_item(0)
        self.tick()

    def show_item(self, index: int) -> None:
        self.problem.clear_error()
        if not self.items:
            for part in (self.ward_line, self.when_line, self.reason, self.latest):
                part.setText("")
            self.back_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self.timer.enter(self.index)
        item = self.items[self.index]
        view, esc = item.view, item.view.escalation
        self.steps.set_current(self.index)
        self.ward_line.setText(f"{item.ward_name}: to {esc.tier}")
        raised_by = f" by {esc.raised_by}" if esc.raised_by else ""
        self.when_line.setText(
            f"Raised {date_and_time(esc.raised_at)}{raised_by} ({escalation_age(view.age)}); "
            f"{answer_due(view.due_in)} ({date_and_time(esc.answer_by)})."
        )
        self.reason.setText(esc.reason)
        latest = view.latest_answer
        self.latest.setText("" if latest is None else last_answer_text(latest))
        self.answer.setPlainText("")
        self.owner.setText(latest.owner if latest is not None else "")
        self.saved_line.setText(self.saved.get(item.id, ""))
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.items) - 1)
        self.tick()

    def tick(self) -> None:
        now = self.source.clock.now()
        started = self.started_at or now
        whole = HUDDLE_MINUTES * 60 - (now - started).total_seconds()
        self.huddle_countdown.show_remaining(whole)
        spent = self.timer.spent(self.index) if self.items else 0.0
        self.item_countdown.show_remaining(ITEM_SECONDS - spent)

    def attendees(self) -> list[str]:
        return [tick.text() for tick in self.ticks if tick.isChecked()]

    def save_answer(self) -> None:
        """Write the answer into the ward's replica (the ward's service checks it)."""
        from huddle.trust.tier import answer_escalation

        if not self.items:
            return
        item = self.items[self.index]
        try:
            made = answer_escalation(
                self.source.cache_dir, item, answer=self.answer.toPlainText(),
                owner=self.owner.text(), status=self.status.currentData(),
                answered_by=", ".join(self.attendees()) or self.tier_box.currentText(),
                clock=self.source.clock,
            )  # fmt: skip
        except HuddleError as error:
            self.problem.show_error(error)
            return
        words = ANSWER_STATUS[made.status]
        self.saved[item.id] = f"Saved: {words.lower()}. It goes to the ward when you finish."
        self.saved_line.setText(self.saved[item.id])
        self.steps.steps[self.index].setToolTip(f"{words}: {made.answer}")
        self.answered.emit(made)
        if self.index < len(self.items) - 1:
            self.show_item(self.index + 1)

    def finish(self) -> None:
        """Send every saved answer with the tier login, then go back to the wards."""
        from huddle.trust.tier import push_answers

        source = self.source
        wards = [item.ward_id for item in self.items if item.id in self.saved]
        self.finish_button.setEnabled(False)
        self.runner.run(
            lambda _progress: push_answers(source.address, source.cache_dir, wards),
            on_result=self._sent, on_error=self._failed,
        )  # fmt: skip

    def _sent(self, count: int) -> None:
        self.ticker.stop()
        self.sent = count
        self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        self.finish_button.setEnabled(True)
        message = error.message if isinstance(error, HuddleError) else str(error)
        self.problem.show_error(message, prefix="Not sent: ")
        self.empty.setText("")

    # -- the tier roster ------------------------------------------------------
    def _show_names(self) -> None:
        from huddle.trust.tier import tier_roster

        ticked = set(self.attendees())
        for tick in self.ticks:
            self.names_grid.removeWidget(tick)
            tick.deleteLater()
        self.ticks = []
        for n, name in enumerate(tier_roster(self.source.cache_dir)):
            tick = QCheckBox(name)
            tick.setAccessibleName(f"{name} is here")
            tick.setChecked(name in ticked)
            self.names_grid.addWidget(tick, n // 2, n % 2)
            self.ticks.append(tick)

    def add_name(self) -> None:
        from huddle.trust.tier import add_to_roster

        name = self.new_name.text()
        try:
            add_to_roster(self.source.cache_dir, name)
        except HuddleError as error:
            self.problem.show_error(error, prefix="Not added: ")
            return
        self.new_name.clear()
        self._show_names()
        for tick in self.ticks:
            if tick.text().casefold() == " ".join(name.split()).casefold():
                tick.setChecked(True)


def _scroller(content: QWidget, name: str) -> QScrollArea:
    holder = QScrollArea()
    holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    holder.setWidgetResizable(True)
    holder.setFrameShape(QScrollArea.Shape.NoFrame)
    holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    holder.setAccessibleName(name)
    holder.setWidget(content)
    return holder
