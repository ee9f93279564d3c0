"""The audit trail on screen: every change, who made it and when, newest first.

A table over :func:`huddle.audit_export.audit_lines`, filtered by record type
and by day, with the selected change shown in full (each field before and
after). "Export CSV…" writes the same filtered rows through
:func:`huddle.audit_export.export_audit_csv` (Excel-safe). Read only: audit
rows can never be changed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from huddle.audit_export import ENTITY_LABELS, AuditLine, audit_lines, export_audit_csv, shown
from huddle.errors import HuddleError
from ui import dialogs
from ui.context import UiContext
from ui.date_fields import date_edit, from_qdate
from ui.formatting import date_and_time, short_date
from ui.models.base import Column, RecordTableModel
from ui.tables import record_table

SHOW_AT_MOST = 5000
DEFAULT_DAYS = 30


class AuditFilters(TypedDict):
    entity: str | None
    since: date
    until: date


class AuditModel(RecordTableModel):
    columns = (
        Column("When", lambda r: date_and_time(r.at), sort=lambda r: r.id),
        Column("Who", lambda r: r.actor),
        Column("Record", lambda r: r.entity_label),
        Column("Change", lambda r: r.op_label),
        Column("What changed", lambda r: r.summary),
    )
    WHEN, WHO, RECORD, CHANGE, SUMMARY = range(5)


def full_change(line: AuditLine) -> str:
    """Every field of one change, one per line: ``title: ‘a’ → ‘b’``."""
    head = (
        f"{line.op_label} {line.entity_label.lower()} {line.record_id}\n"
        f"by {line.actor}, {date_and_time(line.at)}\n"
    )
    rows = []
    for change in line.changes:
        if line.op == "update":
            rows.append(
                f"{change.field}:\n    before: {shown(change.before)}\n"
                f"    after:  {shown(change.after)}"
            )
        else:
            value = change.after if line.op == "insert" else change.before
            rows.append(f"{change.field}: {shown(value)}")
    return head + "\n" + ("\n".join(rows) or "(no fields changed)")


class SaveFileChooser(dialogs.SaveFileChooser):
    """Where to save the audit trail's export; the seam tests patch."""


class AuditView(QWidget):
    """Filters, the table, the selected change in full, and Export CSV."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.app.clock.today()
        self.entity = QComboBox()
        self.entity.setAccessibleName("Record type")
        self.entity.addItem("All records", "")
        for key, label in sorted(ENTITY_LABELS.items(), key=lambda kv: kv[1]):
            self.entity.addItem(label, key)
        self.since = date_edit("From day", today - timedelta(days=DEFAULT_DAYS))
        self.until = date_edit("To day", today)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.reload)
        self.entity.currentIndexChanged.connect(self.reload)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setAccessibleName("Export these changes as a CSV file")
        self.export_button.clicked.connect(self.export_csv)
        filters = QHBoxLayout()
        for text, widget in (("Show", self.entity), ("from", self.since), ("to", self.until)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        self.model = AuditModel(parent=self)
        self.table = record_table(
            self.model, name="Audit trail, newest first", stretch=AuditModel.SUMMARY, min_height=0
        )
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.detail = QPlainTextEdit()
        self.detail.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("The selected change in full")
        self.count = QLabel("")
        self.count.setAccessibleName("How many changes are shown")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.count)
        self.reload()

    def filters(self) -> AuditFilters:
        return {
            "entity": self.entity.currentData() or None,
            "since": from_qdate(self.since.date()),
            "until": from_qdate(self.until.date()),
        }

    def reload(self) -> None:
        try:
            lines = audit_lines(self.ctx.app, limit=SHOW_AT_MOST, **self.filters())
        except HuddleError as error:
            dialogs.show_error(self, error, title="The audit trail could not be read")
            lines = []
        self.model.set_rows(lines)
        more = " (the newest shown; export for all)" if len(lines) == SHOW_AT_MOST else ""
        self.count.setText(
            f"{len(lines)} change{'s' if len(lines) != 1 else ''}{more}, "
            f"{short_date(from_qdate(self.since.date()))} to "
            f"{short_date(from_qdate(self.until.date()))}."
        )
        self.detail.setPlainText("")
        if lines:
            self.table.selectRow(0)

    def _show_selected(self, current, _previous=None) -> None:
        if current.isValid():
            self.detail.setPlainText(full_change(self.model.record(current.row())))

    def export_csv(self) -> None:
        chosen = SaveFileChooser.ask(
            self,
            title="Save the audit trail",
            suggested=f"audit-{self.ctx.app.clock.today()}.csv",
            filter_text="CSV files (*.csv)",
        )
        if not chosen:
            return
        try:
            out = export_audit_csv(self.ctx.app, chosen, **self.filters())
        except (HuddleError, OSError) as error:
            dialogs.show_error(self, error, title="The audit trail could not be saved")
            return
        dialogs.MessageDialog.ask(self, title="Audit trail saved", text=f"Saved {out}.")


class AuditDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        self.setAccessibleName("Audit trail")
        self.view = AuditView(ctx, self)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(1100, 700)

    @classmethod
    def ask(cls, ctx: UiContext, parent: QWidget | None = None) -> None:
        dialog = cls(ctx, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
