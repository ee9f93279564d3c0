"""Records changed on two PCs: both versions side by side, and a person chooses.

Keep this PC's version, keep the other PC's, or merge by hand (for each field
that differs, choose which PC's words to keep). The choice is saved like any
edit and travels to the other PCs, where it settles the same record.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import HuddleError
from huddle.sync.conflicts import KEEP_LOCAL, KEEP_REMOTE, MERGED, SyncConflict
from ui import dialogs, words
from ui.context import UiContext

RECORD_NAMES = {
    "action": "Action",
    "learning_item": "Learning",
    "measure": "Measure",
    "person": "Team member",
    "huddle": "Huddle",
    "ward": "The ward",
    "setting": "Setting",
    "pdsa_cycle": "PDSA cycle",
}
THIS_PC, OTHER_PC = "This PC", "The other PC"


def record_title(conflict: SyncConflict, row: dict[str, object] | None = None) -> str:
    """ "Action: Lock the drug fridge" (named as this PC has it, unless ``row`` is given)."""
    row = conflict.local if row is None else row
    name = next(
        (str(row[k]) for k in ("title", "name", "display_name", "text", "id") if row.get(k)), ""
    )
    kind = RECORD_NAMES.get(conflict.entity, conflict.entity.replace("_", " ").capitalize())
    return f"{kind}: {name}"


def field_label(name: str) -> str:
    return name.replace("_id", "").replace("_", " ").capitalize()


def shown(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    return str(value)


class ConflictsDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, ctx: UiContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(words.CHANGED_ON_TWO_PCS)
        self.setAccessibleName("Records changed on two PCs")
        self.resize(900, 560)
        intro = QLabel(
            "These records were changed on two of the ward's PCs while they were apart. "
            "Both versions are kept until you choose: keep one, or pick field by field."
        )
        intro.setWordWrap(True)
        self.records = QListWidget()
        self.records.setAccessibleName("Records changed on two PCs")
        self.records.currentRowChanged.connect(self.show_conflict)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("The two versions side by side")
        self.table.setHorizontalHeaderLabels(["Field", THIS_PC, OTHER_PC, "Keep"])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.keep_local = QPushButton("Keep this PC's version")
        self.keep_remote = QPushButton("Keep the other PC's version")
        self.keep_mix = QPushButton("Save my choice for each field")
        for button, how in (
            (self.keep_local, KEEP_LOCAL),
            (self.keep_remote, KEEP_REMOTE),
            (self.keep_mix, MERGED),
        ):
            button.setAccessibleName(button.text())
            button.clicked.connect(lambda _=False, how=how: self.choose(how))
            button.setEnabled(not ctx.read_only)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.keep_local, self.keep_remote, self.keep_mix):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        body = QHBoxLayout()
        body.addWidget(self.records, 1)
        body.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.conflicts: list[SyncConflict] = []
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, *, ctx: UiContext) -> None:
        dialog = cls(parent, ctx=ctx)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def reload(self) -> None:
        self.conflicts = self.ctx.app.sync.conflicts()
        self.records.clear()
        for conflict in self.conflicts:
            self.records.addItem(record_title(conflict))
        if self.conflicts:
            self.records.setCurrentRow(0)
        else:
            self.table.setRowCount(0)
        for button in (self.keep_local, self.keep_remote, self.keep_mix):
            button.setEnabled(bool(self.conflicts) and not self.ctx.read_only)

    @property
    def current(self) -> SyncConflict | None:
        row = self.records.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def show_conflict(self, _row: int) -> None:
        conflict = self.current
        if conflict is None:
            return
        fields = conflict.differing_fields
        self.table.setRowCount(len(fields))
        for row, name in enumerate(fields):
            self.table.setItem(row, 0, QTableWidgetItem(field_label(name)))
            self.table.setItem(row, 1, QTableWidgetItem(shown(conflict.local.get(name))))
            self.table.setItem(row, 2, QTableWidgetItem(shown(conflict.remote.get(name))))
            choice = QComboBox()
            choice.addItems([THIS_PC, OTHER_PC])
            choice.setAccessibleName(f"Keep {field_label(name)} from")
            self.table.setCellWidget(row, 3, choice)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def field_choices(self) -> dict[str, object]:
        """The other PC's value for each field where that is the choice."""
        conflict = self.current
        assert conflict is not None
        chosen: dict[str, object] = {}
        for row, name in enumerate(conflict.differing_fields):
            combo = self.table.cellWidget(row, 3)
            if isinstance(combo, QComboBox) and combo.currentText() == OTHER_PC:
                chosen[name] = conflict.remote.get(name)
        return chosen

    def choose(self, how: str) -> None:
        conflict = self.current
        if conflict is None:
            return
        try:
            self.ctx.app.sync.resolve_conflict(
                conflict.id, keep=how, merged=self.field_choices() if how == MERGED else None
            )
        except HuddleError as error:
            dialogs.show_error(self, error, title="The choice could not be saved")
            return
        self.reload()
