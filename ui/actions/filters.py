"""The filter bar: search, owner, status, where it came from, due dates, warnings.

It turns its controls into one :class:`~ui.actions.models.ActionFilter` and
says when that changes (typing is given a moment to settle first).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from huddle.domain import ActionStatus, Origin
from ui.actions.models import ActionFilter
from ui.actions.words import BOARD_ORDER
from ui.date_fields import date_edit, day_of
from ui.layouts import add_all, fill
from ui.timers import pause_timer
from ui.words import ACTION_STATUS, NO_OWNER, ORIGIN

TYPING_PAUSE_MS = 180
OPEN = frozenset(s for s in ActionStatus if s.is_open)
DUE_CHOICES = (
    "Any due date",
    "Due in the next 7 days",
    "Due in the next 30 days",
    "No due date",
    "Between dates…",
)


def labelled(text: str, widget: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget, 1)
    return holder


class FilterBar(QWidget):
    """The controls; ``changed`` fires with nothing, read :meth:`current`."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.typing = pause_timer(self, TYPING_PAUSE_MS, self.changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, details and owners (Ctrl+F)")
        self.search.setAccessibleName("Search actions")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.typing.start())
        self.owner = QComboBox()
        self.owner.setAccessibleName("Owner")
        self.owner.setMinimumContentsLength(14)
        self.set_owners([])
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem("All statuses", frozenset())
        self.status.addItem("Open (not done or dropped)", OPEN)
        for status in BOARD_ORDER:
            self.status.addItem(ACTION_STATUS[status], frozenset({status}))
        self.origin = QComboBox()
        self.origin.setAccessibleName("Came from")
        self.origin.addItem("From anywhere", None)
        for origin, word in ORIGIN.items():
            self.origin.addItem(f"From {word[0].lower()}{word[1:]}", origin)
        self.due = QComboBox()
        self.due.setAccessibleName("Due date")
        self.due.addItems(DUE_CHOICES)
        self.due_from = date_edit("Due from", today)
        self.due_to = date_edit("Due to", today + timedelta(days=30))
        self.overdue = QCheckBox("Overdue only")
        self.overdue.setAccessibleName("Show overdue actions only")
        self.stale = QCheckBox()
        self.set_stale_after(30)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setAccessibleName("Clear all filters")
        self.clear_button.clicked.connect(self.clear)
        for box in (self.owner, self.status, self.origin, self.due):
            box.currentIndexChanged.connect(lambda _: self._changed())
        for edit in (self.due_from, self.due_to):
            edit.dateChanged.connect(lambda _: self._changed())
        for check in (self.overdue, self.stale):
            check.toggled.connect(lambda _: self._changed())
        first = QHBoxLayout()
        first.addWidget(self.search, 2)
        first.addWidget(labelled("Owner", self.owner), 1)
        first.addWidget(labelled("Status", self.status), 1)
        first.addWidget(self.origin, 1)
        second = QHBoxLayout()
        second.setSpacing(12)
        self.dates_label = QLabel("to")
        add_all(second, self.due, self.due_from, self.dates_label, self.due_to)
        add_all(second, self.overdue, self.stale, self.clear_button)
        second.addStretch(1)
        fill(self, first, second)
        self._show_dates()

    def set_stale_after(self, days: int) -> None:
        """Word the "no progress" choice with the ward's ``stale_days``."""
        self.stale.setText(f"No progress for {days} days")
        self.stale.setAccessibleName(f"Show only actions with no progress for {days} days")

    def set_owners(self, owners: list[tuple[str, str]]) -> None:
        """Offer everyone who owns an action (keeping the current choice)."""
        kept = self.owner.currentData() if self.owner.count() else None
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem("Everyone", None)
        self.owner.addItem(NO_OWNER, "")
        for key, name in owners:
            self.owner.addItem(name, key)
        index = self.owner.findData(kept) if kept is not None else 0
        self.owner.setCurrentIndex(max(index, 0))
        self.owner.blockSignals(False)

    def _show_dates(self) -> None:
        between = self.due.currentIndex() == len(DUE_CHOICES) - 1
        for widget in (self.due_from, self.due_to, self.dates_label):
            widget.setVisible(between)

    def _changed(self) -> None:
        self._show_dates()
        self.changed.emit()

    def current(self) -> ActionFilter:
        due_from = due_to = None
        choice = self.due.currentIndex()
        if choice in (1, 2):
            due_from, due_to = self.today, self.today + timedelta(days=7 if choice == 1 else 30)
        elif choice == 4:
            due_from, due_to = day_of(self.due_from), day_of(self.due_to)
        origin = self.origin.currentData()
        return ActionFilter(
            text=self.search.text().strip(),
            owner_key=self.owner.currentData(),
            statuses=frozenset(ActionStatus(s) for s in self.status.currentData() or ()),
            origin=Origin(origin) if origin else None,
            due_from=due_from,
            due_to=due_to,
            no_due_date=choice == 3,
            overdue=self.overdue.isChecked(),
            stale=self.stale.isChecked(),
        )

    def clear(self) -> None:
        widgets = (
            self.search,
            self.owner,
            self.status,
            self.origin,
            self.due,
            self.overdue,
            self.stale,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for box in (self.owner, self.status, self.origin, self.due):
            box.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.stale.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.typing.stop()
        self._changed()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
