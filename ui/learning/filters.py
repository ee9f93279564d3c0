"""The learning log's search box and filters (kind, theme, when, linked to an action).

:class:`FilterBar` turns its controls into a :class:`LearningFilter`. Typing in
the search box waits a moment before it tells the page, so a search runs once
per pause rather than once per key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from huddle.domain import LearningKind
from ui.date_fields import date_edit, day_of
from ui.layouts import add_all, fill
from ui.learning.icons import kind_icon
from ui.learning.model import LearningFilter
from ui.timers import pause_timer
from ui.words import LEARNING_KIND

SEARCH_PAUSE_MS = 250
CUSTOM = "custom"
WHEN = (
    ("Any time", None),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 3 months", 91),
    ("Last 12 months", 365),
    ("Between dates…", CUSTOM),
)
LINKED = (
    ("With or without actions", None),
    ("Turned into an action", True),
    ("No action yet", False),
)


def _combo(name: str, choices: Iterable[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


class FilterBar(QWidget):
    """Search and filters above the log; ``changed`` fires when any of them changes."""

    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the learning log (for example: bed rails)")
        self.search.setAccessibleName("Search the learning log")
        self.search.setClearButtonEnabled(True)
        self._pause = pause_timer(self, SEARCH_PAUSE_MS, self.changed)
        self.search.textChanged.connect(lambda _: self._pause.start())
        self.search.returnPressed.connect(self.search_now)
        self.kind = _combo("Show which kind", [("All kinds", None)])
        for kind in LearningKind:
            self.kind.addItem(kind_icon(kind), LEARNING_KIND[kind], kind)
        self.theme = _combo("Show which theme", [("All themes", None)])
        self.when = _combo("Show from when", WHEN)
        self.since = self._date_edit("From")
        self.until = self._date_edit("To")
        self.linked = _combo("Show linked to an action or not", LINKED)
        for combo in (self.kind, self.theme, self.when, self.linked):
            combo.currentIndexChanged.connect(lambda _: self._choice_changed())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _: self.changed.emit())
        self._build()
        self._show_dates()

    def _date_edit(self, name: str) -> QDateEdit:
        return date_edit(f"{name} date", self._today())

    def _build(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.linked)  # beside the search, so the row below fits a narrow log
        self.dates_label = QLabel("to")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        add_all(row, self.kind, self.theme, self.when, self.since, self.dates_label, self.until)
        row.addStretch(1)
        fill(self, top, row)

    def _choice_changed(self) -> None:
        self._show_dates()
        self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.when.currentData() == CUSTOM
        for widget in (self.since, self.dates_label, self.until):
            widget.setVisible(custom)

    def search_now(self) -> None:
        """Run the search without waiting for the pause (Enter in the search box)."""
        self._pause.stop()
        self.changed.emit()

    def set_themes(self, themes: Iterable[str]) -> None:
        """Refill the theme list, keeping the chosen theme when it still exists."""
        chosen = self.theme.currentData()
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem("All themes", None)
        for text in themes:
            self.theme.addItem(text, text)
        self.theme.setCurrentIndex(max(self.theme.findData(chosen), 0))
        self.theme.blockSignals(False)

    def current(self) -> LearningFilter:
        kind = self.kind.currentData()
        when = self.when.currentData()
        since = until = None
        if when == CUSTOM:
            since, until = day_of(self.since), day_of(self.until)
            if since > until:
                since, until = until, since
        elif when is not None:
            since = self._today() - timedelta(days=int(when) - 1)
        return LearningFilter(
            text=self.search.text(),
            kinds=frozenset({LearningKind(kind)}) if kind is not None else frozenset(),
            theme=self.theme.currentData(),
            since=since,
            until=until,
            linked=self.linked.currentData(),
        )

    def describe(self) -> str:
        """The filters in words, for the count line under the list."""
        parts = [
            self.kind.currentText().lower() if self.kind.currentData() else "",
            f"theme “{self.theme.currentData()}”" if self.theme.currentData() else "",
            self.when.currentText().lower() if self.when.currentData() else "",
            self.linked.currentText().lower() if self.linked.currentData() is not None else "",
        ]
        return ", ".join(p for p in parts if p)
