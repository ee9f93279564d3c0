"""A Settings card that explains itself above a table of records (backups to
restore, archived records to purge) and says how things stand beneath it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.context import UiContext
from ui.models.base import RecordTableModel
from ui.pages.settings_manager import gate_for
from ui.pages.settings_parts import Card
from ui.tables import record_table


class RecordsCard(Card):
    """``explaining`` above a table of ``model_class`` rows; ``status`` says how many.

    A subclass declares those as class data, lays them out with its buttons and
    says, in ``_enable``, which buttons the chosen row allows.
    """

    heading = ""
    explaining = ""
    model_class: type[RecordTableModel] = RecordTableModel
    table_name = ""
    stretch = 0  # the column that takes the table's spare width
    status_name = ""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.heading, parent)
        self.ctx = ctx
        self.gate = gate_for(ctx)
        self.explain = QLabel(self.explaining)
        self.explain.setWordWrap(True)
        self.model = self.model_class(parent=self)
        self.table = record_table(self.model, name=self.table_name, stretch=self.stretch)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.status = QLabel("")
        self.status.setAccessibleName(self.status_name)

    def _enable(self) -> None:  # pragma: no cover - every card overrides it
        raise NotImplementedError
