"""Table models for Settings: the ward's roster and an agenda's sections."""

from __future__ import annotations

from PySide6.QtCore import Qt

from huddle.domain import SectionPlan
from ui.models.base import SORT_ROLE, Column, RecordTableModel
from ui.words import SECTION_KEY


def minutes_and_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class PeopleModel(RecordTableModel):
    NAME, ROLE, ACTIVE = range(3)
    columns = (
        Column("Name", lambda p: p.display_name),
        Column("Role", lambda p: p.role or "Not given"),
        Column(
            "On the roster",
            lambda p: "Active" if p.active else "Inactive (left the ward)",
            sort=lambda p: (not p.active, p.display_name.casefold()),
        ),
    )


class SectionsModel(RecordTableModel):
    """Rows are ``SectionPlan`` s in agenda order (the order is the row number)."""

    ORDER, TITLE, TIME, KEY = range(4)

    def __init__(self, rows=(), parent=None) -> None:
        super().__init__(rows, parent)
        self.columns = (
            Column("Order", lambda s: "", right=True),  # the row number: see data()
            Column("Section", lambda s: s.title),
            Column(
                "Time box (min:sec)",
                lambda s: minutes_and_seconds(s.seconds),
                sort=lambda s: s.seconds,
                right=True,
            ),
            Column("Shows", lambda s: SECTION_KEY[s.key]),
        )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == self.ORDER and 0 <= index.row() < len(self._rows):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return str(index.row() + 1)
            if role == SORT_ROLE:
                return index.row()
        return super().data(index, role)

    def sections(self) -> list[SectionPlan]:
        return self.records()
