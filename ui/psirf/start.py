"""Starting a SWARM huddle or an After Action Review from a learning item.

A SWARM is offered for an incident or near miss logged within 24 hours; after
that the app says why and offers an After Action Review instead. A response
already running for the item is resumed rather than started twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import LearningItem, LearningKind
from huddle.domain_psirf import LearningResponse, ResponseKind, ResponseStatus
from huddle.errors import HuddleError
from ui.context import UiContext
from ui.dialogs import MessageDialog, show_error
from ui.formatting import short_date
from ui.psirf.response_dialog import ResponseDialog
from ui.psirf.words import RESPONSE_NAMES, SWARM_TOO_LATE
from ui.runner.look import mark

PICK_DAYS = 7
SAFETY_KINDS = ("incident", "near_miss")


class ResponseChoice(QDialog):
    """Which response to hold: returns a ResponseKind, or None for Cancel."""

    def __init__(self, parent: QWidget | None, *, item: LearningItem, swarm_open: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Learn from this together")
        self.setAccessibleName("Learn from this together")
        self.choice: ResponseKind | None = None
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{item.title}</b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        if item.kind.value in SAFETY_KINDS and not swarm_open:
            why = QLabel(SWARM_TOO_LATE)
            why.setWordWrap(True)
            layout.addWidget(why)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        kinds = [ResponseKind.AAR]
        if swarm_open:
            kinds.insert(0, ResponseKind.SWARM)
        for kind in kinds:
            button = QPushButton(f"Start {RESPONSE_NAMES[kind]}")
            button.setAccessibleName(button.text())
            if kind is kinds[0]:
                mark(button, "kind", "primary")
            button.clicked.connect(lambda _=False, k=kind: self._chose(k))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _chose(self, kind: ResponseKind) -> None:
        self.choice = kind
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, item: LearningItem, swarm_open: bool
    ) -> ResponseKind | None:
        dialog = cls(parent, item=item, swarm_open=swarm_open)
        try:
            return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class EventPicker(QDialog):
    """Choose one of the recent incidents and near misses."""

    def __init__(self, parent: QWidget | None, *, items: Sequence[LearningItem]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which event?")
        self.setAccessibleName("Which event?")
        self.setMinimumWidth(640)
        self.items = list(items)
        self.chosen: LearningItem | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Incidents and near misses of the last {PICK_DAYS} days"))
        self.list = QListWidget()
        self.list.setAccessibleName("Recent incidents and near misses")
        for item in self.items:
            self.list.addItem(f"{short_date(item.occurred_on)}  {item.title}")
        if self.items:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose")
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            self.chosen = self.items[row]
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, items: Sequence[LearningItem]) -> LearningItem | None:
        dialog = cls(parent, items=items)
        try:
            return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def running_response(ctx: UiContext, item: LearningItem) -> LearningResponse | None:
    for response in ctx.app.responses.responses(learning_id=item.id):
        if response.status is ResponseStatus.RUNNING:
            return response
    return None


def start_response(parent: QWidget, ctx: UiContext, item: LearningItem) -> LearningResponse | None:
    """Offer, start (or resume) and run a SWARM or an After Action Review of ``item``."""
    response = running_response(ctx, item)
    if response is None:
        swarm_open = ctx.app.responses.can_swarm(item)
        kind = ResponseChoice.ask(parent, item=item, swarm_open=swarm_open)
        if kind is None:
            return None
        try:
            if kind is ResponseKind.SWARM:
                response = ctx.app.responses.start_swarm(learning_id=item.id)
            else:
                response = ctx.app.responses.start_review(learning_id=item.id)
        except HuddleError as error:
            show_error(parent, error, title="Could not start")
            return None
    return ResponseDialog.ask(parent, ctx=ctx, response=response, item=item)


def pick_and_start(parent: QWidget, ctx: UiContext) -> LearningResponse | None:
    """From the huddle's safety section: choose a recent event, then start."""
    since = ctx.app.clock.today() - timedelta(days=PICK_DAYS)
    items = ctx.app.learning.items(
        kinds=(LearningKind.INCIDENT, LearningKind.NEAR_MISS), since=since
    )
    if not items:
        MessageDialog.ask(
            parent, title="Nothing to review", text="No incidents or near misses in the last week."
        )
        return None
    item = EventPicker.ask(parent, items=items)
    return None if item is None else start_response(parent, ctx, item)
