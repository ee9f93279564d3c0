"""The data grid for a measure's points: type or paste, see problems, save once.

:class:`PointsModel` holds the rows as typed (period start, value, note),
reads dates and numbers the way people write them, and marks every cell it
cannot read, or that the service's ``ValidationError`` names
(``points[i].value``, ``points[i].period_start``), with a message. Nothing is
dropped: a bad cell stays, highlighted, until it is fixed. :meth:`entries`
gives the changed rows for one ``record_points`` call. Before that,
:meth:`PointsModel.identifier_matches` marks any changed note that looks like
a patient identifier the same way, so the page can ask before saving.

Pasting (Ctrl+V in :class:`PointsGrid`) takes a column of values, a column of
dates, or date and value (and note) columns; a heading row is left out and
said so. Values pasted without dates continue the dates by the measure's
period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from huddle.domain import MeasurePoint, Period
from huddle.errors import ValidationError
from ui import theme
from ui.formatting import exact_number, number
from ui.identifier_guard import FieldMatch, Guard
from ui.measures import words
from ui.measures.entry_text import next_period, read_day, read_number, split_cells
from ui.models.base import HeadedTableModel

DATE, VALUE, NOTE = range(3)
HEADERS = ("Period start", "Value", "Note")
FIELDS = {"period_start": DATE, "value": VALUE, "note": NOTE}
PROBLEM_BACKGROUND = "#F7D7D4"
CHANGED_BACKGROUND = "#FFF7D6"
DATE_HINT = "Use a date such as 06/08/2026, 2026-08-06 or 6 Aug 2026."
_FIELD = re.compile(r"points\[(\d+)\]\.(\w+)$")
Index = QModelIndex | QPersistentModelIndex


@dataclass
class EntryRow:
    day_text: str = ""
    value_text: str = ""
    note: str = ""
    day: date | None = None
    changed: bool = False
    problems: dict[int, str] = field(default_factory=dict)
    shown: str = ""  # a saved value as every screen and PDF prints it; value_text is exact

    @property
    def blank(self) -> bool:
        return not (self.day_text.strip() or self.value_text.strip() or self.note.strip())

    def set_day(self, text: str) -> None:
        self.day_text = text.strip()
        self.day = read_day(self.day_text) if self.day_text else None
        self.problems.pop(DATE, None)
        if self.day_text and self.day is None:
            self.problems[DATE] = f"'{self.day_text}' is not a date I can read. {DATE_HINT}"

    def set_value(self, text: str) -> None:
        self.value_text = text.strip()
        self.shown = ""
        self.problems.pop(VALUE, None)
        if self.value_text and read_number(self.value_text) is None:
            self.problems[VALUE] = (
                f"'{self.value_text}' is not a number; enter digits such as 12.5."
            )


def _problem_words(column: int, code: str, message: str) -> str:
    """The service's problem, worded for this grid (falling back to its own message)."""
    return {
        (DATE, "required"): "Give the date the period starts.",
        (DATE, "date"): f"This is not a date I can read. {DATE_HINT}",
        (DATE, "duplicate"): "This date appears twice; keep one value per period.",
        (VALUE, "required"): "Enter a value for this period.",
    }.get((column, code), message)


class PointsModel(HeadedTableModel):
    """Rows of a measure's points as typed; always one blank row at the end to type into."""

    problems_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[EntryRow] = [EntryRow()]
        self._identifier_rows: set[int] = set()  # notes marked by identifier_matches()
        self.period = Period.WEEK
        self.read_only = False

    # -- loading ------------------------------------------------------------
    def load(
        self, points: list[MeasurePoint], period: Period, *, read_only: bool, unit: str = ""
    ) -> None:
        """Show saved points: each value reads as everywhere else (2.3), and edits as
        stored (2.25), so saving the row unchanged keeps the value."""
        self.beginResetModel()
        self.period = period
        self.read_only = read_only
        self.rows = [
            EntryRow(
                words.long_date(p.period_start),
                exact_number(p.value),
                p.note,
                p.period_start,
                shown=number(p.value, unit),
            )
            for p in points
        ]
        self._identifier_rows = set()
        self._keep_spare_row(notify=False)
        self.endResetModel()
        self.problems_changed.emit()

    def _keep_spare_row(self, *, notify: bool = True) -> None:
        if self.read_only or (self.rows and self.rows[-1].blank):
            return
        if notify:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(EntryRow())
        if notify:
            self.endInsertRows()

    # -- Qt model ---------------------------------------------------------
    def headings(self) -> Sequence[str]:
        return HEADERS

    def row_count(self) -> int:
        return len(self.rows)

    def row_label(self, row: int) -> str | None:
        return f"! {row + 1}" if self.rows[row].problems else str(row + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == DATE:
                return words.long_date(row.day) if row.day else row.day_text
            if column == VALUE and role == Qt.ItemDataRole.DisplayRole:
                return row.shown or row.value_text
            return row.value_text if column == VALUE else row.note
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == VALUE and column not in row.problems and row.shown:
                rounded = row.shown.rstrip("%").replace(",", "") != row.value_text
                return f"Saved as {row.value_text}" if rounded else None
            return row.problems.get(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column in row.problems:
                return QColor(PROBLEM_BACKGROUND)
            return QColor(CHANGED_BACKGROUND) if row.changed else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(theme.TEXT)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column in row.problems:
            return f"Problem: {row.problems[column]}"
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        self._write(index.row(), index.column(), "" if value is None else str(value))
        self._keep_spare_row()
        self.problems_changed.emit()
        return True

    def _write(self, row_number: int, column: int, text: str) -> None:
        row = self.rows[row_number]
        if column == DATE:
            row.set_day(text)
        elif column == VALUE:
            row.set_value(text)
        else:
            row.note = text.strip()
            row.problems.pop(NOTE, None)
            self._identifier_rows.discard(row_number)
        row.changed = True
        self.dataChanged.emit(self.index(row_number, 0), self.index(row_number, NOTE))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row_number, row_number)

    # -- pasting ------------------------------------------------------------
    def paste(self, text: str, row: int, column: int) -> str:
        """Put pasted cells in; returns what was done, in words, for the status line."""
        if self.read_only:
            return "This is a view-only copy; nothing was pasted."
        cells = [r for r in split_cells(text) if any(r)]
        if not cells:
            return "There was nothing to paste."
        said = []
        if len(cells) > 1 and not any(read_day(c) or read_number(c) is not None for c in cells[0]):
            said.append(f"Left out the heading row ('{', '.join(cells[0])}').")
            cells = cells[1:]
        first = [r[0] for r in cells if r and r[0]]
        dates_first = sum(read_day(c) is not None for c in first) * 2 >= len(first)
        width = max(len(r) for r in cells)
        if dates_first:
            column = DATE
        elif width == 1 and column == DATE:
            column = VALUE
        if column == DATE:
            self._paste_dated(cells)
        else:
            self._paste_from(cells, row, column)
        self._keep_spare_row()
        self.problems_changed.emit()
        bad = sum(1 for r in self.rows if r.problems)
        said.append(f"Pasted {len(cells)} row{'s' if len(cells) != 1 else ''}.")
        if bad:
            said.append(
                f"{bad} row{'s' if bad != 1 else ''} need{'s' if bad == 1 else ''} "
                "checking (marked !)."
            )
        return " ".join(said)

    def _paste_dated(self, cells: list[list[str]]) -> None:
        """Rows with dates: a date already in the grid is corrected, a new one added."""
        by_day = {r.day: i for i, r in enumerate(self.rows) if r.day is not None}
        for cells_row in cells:
            day = read_day(cells_row[0])
            target = by_day.get(day) if day is not None else None
            if target is None:
                target = self._free_row()
                self._write(target, DATE, cells_row[0])
                if day is not None:
                    by_day[day] = target
            for offset, text in enumerate(cells_row[1:3], start=1):
                self._write(target, offset, text)

    def _paste_from(self, cells: list[list[str]], row: int, column: int) -> None:
        """Cells pasted at (row, column) downwards; missing dates continue by the period."""
        for i, cells_row in enumerate(cells):
            target = row + i
            while target >= len(self.rows):
                self._append_row()
            for offset, text in enumerate(cells_row[: len(HEADERS) - column]):
                self._write(target, column + offset, text)
            entry = self.rows[target]
            previous_day = self.rows[target - 1].day if target > 0 else None
            if not entry.day_text and previous_day is not None:
                self._write(target, DATE, words.long_date(next_period(previous_day, self.period)))
            elif not entry.day_text:
                entry.problems[DATE] = "Give the date the period starts."
                self.headerDataChanged.emit(Qt.Orientation.Vertical, target, target)

    def _free_row(self) -> int:
        if not self.rows or not self.rows[-1].blank:
            self._append_row()
        return len(self.rows) - 1

    def _append_row(self) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(EntryRow())
        self.endInsertRows()

    # -- saving -------------------------------------------------------------
    def changed_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.changed and not r.blank]

    def entries(self) -> tuple[list[tuple[str, str | float, str]], list[int]]:
        """The changed rows as ``record_points`` entries, and which grid row each came from.

        A cell that could not be read goes as typed, so the service names it too.
        """
        rows = self.changed_rows()
        sent: list[tuple[str, str | float, str]] = []
        for i in rows:
            r = self.rows[i]
            number = read_number(r.value_text)
            sent.append(
                (
                    r.day.isoformat() if r.day else r.day_text,
                    r.value_text if number is None else number,
                    r.note,
                )
            )
        return sent, rows

    def show_problems(self, error: ValidationError, sent_rows: list[int]) -> list[str]:
        """Mark the cells the service named; returns problems it named no cell for."""
        unplaced = []
        for problem in error.problems:
            match = _FIELD.match(problem.field)
            if not match or int(match[1]) >= len(sent_rows) or match[2] not in FIELDS:
                unplaced.append(problem.message)
                continue
            row, column = sent_rows[int(match[1])], FIELDS[match[2]]
            self.rows[row].problems[column] = _problem_words(column, problem.code, problem.message)
            self.dataChanged.emit(self.index(row, 0), self.index(row, NOTE))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
        self.problems_changed.emit()
        return unplaced

    def identifier_matches(self, guard: Guard) -> list[FieldMatch]:
        """Mark every changed note that looks like a patient identifier; the matches.

        The cell shows as a problem (the row marked !) until the note is edited or
        :meth:`clear_identifier_marks` lets it through.
        """
        self.clear_identifier_marks()
        found: list[FieldMatch] = []
        for i in self.changed_rows():
            note = self.rows[i].note
            matches = [
                FieldMatch(
                    f"points[{i}].note", f"Row {i + 1}, note", m.start, m.end, m.label, m.masked
                )
                for m in (guard.find(note) if note.strip() else ())
            ]
            if not matches:
                continue
            first = matches[0]
            self.rows[i].problems[NOTE] = (
                f"This {first.label} ({first.masked}). Patient details must not be recorded "
                "here: edit the note, or choose Save anyway if it is not an identifier."
            )
            self._identifier_rows.add(i)
            self._row_changed(i)
            found.extend(matches)
        if found:
            self.problems_changed.emit()
        return found

    def identifier_rows(self) -> list[int]:
        """The rows whose notes :meth:`identifier_matches` marked, in grid order."""
        return sorted(self._identifier_rows)

    def clear_identifier_marks(self) -> None:
        """Take off the marks :meth:`identifier_matches` made ("Save anyway")."""
        for i in sorted(self._identifier_rows):
            if i < len(self.rows) and self.rows[i].problems.pop(NOTE, None) is not None:
                self._row_changed(i)
        if self._identifier_rows:
            self._identifier_rows = set()
            self.problems_changed.emit()

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, NOTE))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def problem_lines(self) -> list[str]:
        """Every problem as "Row 3, value: …", in grid order."""
        return [
            f"Row {i + 1}, {HEADERS[column].lower()}: {message}"
            for i, r in enumerate(self.rows)
            for column, message in sorted(r.problems.items())
        ]

    def problem_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.problems]


class PointsGrid(QTableView):
    """The table people type and paste points into (Ctrl+V pastes at the current cell)."""

    pasted = Signal(str)  # what the paste did, in words

    def __init__(self, model: PointsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName("Points: period start, value and note")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.setAlternatingRowColors(False)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        header = self.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(120)

    def points_model(self) -> PointsModel:
        model = self.model()
        assert isinstance(model, PointsModel)
        return model

    def paste_text(self, text: str) -> str:
        current = self.currentIndex()
        row = current.row() if current.isValid() else self._first_blank_row()
        column = current.column() if current.isValid() else VALUE
        said = self.points_model().paste(text, row, column)
        self.pasted.emit(said)
        return said

    def _first_blank_row(self) -> int:
        rows = self.points_model().rows
        return next((i for i, r in enumerate(rows) if r.blank), len(rows))

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            event.accept()
            return
        super().keyPressEvent(event)
