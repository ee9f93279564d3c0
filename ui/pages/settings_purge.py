"""Purging archived records for good (a manager's action, behind the PIN).

Archiving hides an action or learning item; purging deletes it, with its
notes, cycles and links, through ``app.manager.purge``, which asks for the PIN
itself. The audit trail keeps its rows, so what was purged, and by whom, can
still be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QWidget

from huddle.domain import Action, LearningItem
from huddle.errors import HuddleError
from huddle.services.manager import PinLockedError
from ui import dialogs
from ui.buttons import push_button
from ui.context import UiContext
from ui.formatting import short_date
from ui.models.base import Column, RecordTableModel
from ui.pages.settings_manager import PinDialog
from ui.pages.settings_records import RecordsCard


@dataclass(frozen=True)
class ArchivedRecord:
    entity: str  # "action" or "learning_item", as the manager service names them
    id: str
    title: str
    dated: str

    @property
    def kind(self) -> str:
        return "Action" if self.entity == "action" else "Learning"

    @classmethod
    def of_action(cls, action: Action) -> ArchivedRecord:
        return cls("action", action.id, action.title, short_date(action.updated_at))

    @classmethod
    def of_learning(cls, item: LearningItem) -> ArchivedRecord:
        return cls("learning_item", item.id, item.title, short_date(item.occurred_on))


class ArchivedModel(RecordTableModel):
    columns = (
        Column("What", lambda r: r.kind),
        Column("Title", lambda r: r.title),
        Column("Date", lambda r: r.dated),
    )
    KIND, TITLE, DATED = range(3)


class PurgeCard(RecordsCard):
    """Archived actions and learning, and "Purge for good…"."""

    model: ArchivedModel
    heading = "Purge archived records"
    explaining = (
        "Archived actions and learning are hidden but kept. Purging deletes "
        "one for good, with its notes and links; the audit trail still shows "
        "that it was deleted, when and by whom."
    )
    model_class = ArchivedModel
    table_name = "Archived actions and learning"
    stretch = ArchivedModel.TITLE
    status_name = "How many archived records there are"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.purge_button = push_button(
            "Purge for good…",
            kind="primary",
            name="Purge the chosen record for good",
            clicked=self.purge_selected,
        )
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.purge_button)
        self.body.addWidget(self.explain)
        self.body.addWidget(self.table)
        self.body.addLayout(row)
        self._enable()

    def refresh(self) -> None:
        app = self.ctx.app
        rows = [ArchivedRecord.of_action(a) for a in app.actions.archived()]
        rows += [ArchivedRecord.of_learning(i) for i in app.learning.archived()]
        self.model.set_rows(rows)
        self.status.setText(
            "Nothing is archived."
            if not rows
            else f"{len(rows)} archived record{'s' if len(rows) != 1 else ''}."
        )
        self._enable()

    def selected(self) -> ArchivedRecord | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.model.record(chosen[0].row()) if chosen else None

    def _enable(self, *_: object) -> None:
        self.purge_button.setEnabled(not self.ctx.read_only and self.selected() is not None)

    def purge_selected(self) -> None:
        record = self.selected()
        if record is None or not self.gate.unlock(self, purpose="Purging archived records"):
            return
        what = "action" if record.entity == "action" else "learning item"
        if not dialogs.ConfirmDialog.ask(
            self,
            title="Purge for good?",
            question=(
                f"The archived {what} “{record.title}” will be deleted for good, with its "
                "notes, cycles and links. It cannot be brought back, except by restoring an "
                "older backup. The audit trail keeps a note that it was deleted."
            ),
            yes="Purge for good",
        ):
            return
        pin = ""
        if self.gate.pin_set:  # purging asks for the PIN every time, even when unlocked
            typed = PinDialog.ask(self, purpose=f"Purging “{record.title}” for good")
            if typed is None:
                return
            pin = typed
        try:
            self.ctx.app.manager.purge(entity=record.entity, record_id=record.id, pin=pin)
        except PinLockedError as error:
            dialogs.MessageDialog.ask(self, title="Manager PIN", text=error.message)
        except HuddleError as error:
            dialogs.show_error(self, error, title="That record was not purged")
        self.refresh()
