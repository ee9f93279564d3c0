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
    """``explain`` above a table of ``model_class`` rows; ``status`` says how many.

    A subclass lays them out with its buttons and says, in ``_enable``, which
    buttons the chosen row allows.
    """

    def __init__(
        self,
        heading: str,
        ctx: UiContext,
        *,
        explain: str,
        model_class: type[RecordTableModel],
        table_name: str,
        stretch: int,
        status_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(heading, parent)
        self.ctx = ctx
        self.gate = gate_for(ctx)
        self.explain = QLabel(explain)
        self.explain.setWordWrap(True)
        self.model = model_class(parent=self)
        self.table = record_table(self.model, name=table_name, stretch=stretch)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.status = QLabel("")
        self.status.setAccessibleName(status_name)

    def _enable(self) -> None:  # pragma: no cover - every card overrides it
        raise NotImplementedError
