"""When an action was changed elsewhere: both versions side by side, the person chooses.

A save names the version it was based on; when the ward's database holds a
newer one (another PC, another window) the core raises ``ConflictError`` with
the saved row. This dialog shows that row beside the person's own version,
marks the differences in words, and asks: keep mine (apply my change on top of
the newer version) or take theirs (drop my change). Nothing is overwritten
until the person says so. :meth:`ConflictDialog.ask` is the seam tests patch.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, ActionStatus, Origin, Priority
from ui.dialogs import ACCEPT, REJECT, answer_buttons
from ui.formatting import date_and_time, short_date
from ui.layouts import scroller
from ui.words import ACTION_STATUS, NO_OWNER, ORIGIN, PRIORITY

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"
FIELDS = (
    ("title", "Title"),
    ("detail", "Detail"),
    ("owner", "Owner"),
    ("due_on", "Due"),
    ("status", "Status"),
    ("priority", "Priority"),
    ("origin", "Came from"),
    ("closing_note", "Closing note"),
    ("drop_reason", "Reason for dropping"),
)


def _day(value: Any) -> str:
    if value in (None, ""):
        return "No due date"
    return short_date(value if isinstance(value, date) else date.fromisoformat(str(value)))


def describe(record: Action | Mapping[str, Any], people: Mapping[str, str]) -> dict[str, str]:
    """An action (or the core's raw row for one) as the words the dialog shows."""
    if isinstance(record, Action):
        row: dict[str, Any] = {
            "title": record.title,
            "detail": record.detail,
            "owner_id": record.owner_id,
            "owner_text": record.owner_text,
            "due_on": record.due_on,
            "status": record.status.value,
            "priority": record.priority.value,
            "origin": record.origin.value,
            "closing_note": record.closing_note,
            "drop_reason": record.drop_reason,
            "updated_at": record.updated_at,
        }
    else:
        row = dict(record)
    owner_id = row.get("owner_id")
    owner = people.get(owner_id, "") if owner_id else ""
    owner = owner or row.get("owner_text") or NO_OWNER

    def word(table: Mapping[Any, str], kind: type, key: str) -> str:
        value = row.get(key)
        try:
            return table[kind(value)]
        except ValueError:
            return str(value or "")

    return {
        "title": str(row.get("title") or ""),
        "detail": str(row.get("detail") or ""),
        "owner": owner,
        "due_on": _day(row.get("due_on")),
        "status": word(ACTION_STATUS, ActionStatus, "status"),
        "priority": word(PRIORITY, Priority, "priority"),
        "origin": word(ORIGIN, Origin, "origin"),
        "closing_note": str(row.get("closing_note") or ""),
        "drop_reason": str(row.get("drop_reason") or ""),
    }


def saved_when(row: Mapping[str, Any]) -> str:
    value = row.get("updated_at")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    return date_and_time(value) if isinstance(value, datetime) else ""


class ConflictDialog(QDialog):
    """Your version and the saved version, side by side, differences marked."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        what: str,
        mine: Mapping[str, str],
        theirs: Mapping[str, str],
        when: str = "",
    ) -> None:
        super().__init__(parent)
        title = "This action was changed elsewhere"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.choice = TAKE_THEIRS
        intro = QLabel(
            f"Someone changed “{what}” on another computer or window"
            f"{f' (saved {when})' if when else ''} after you opened it. Nothing has been "
            "overwritten. Compare the two versions, then choose which to keep."
        )
        intro.setWordWrap(True)
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setHorizontalSpacing(18)
        for column, text in enumerate(("", "Your version", "Saved elsewhere")):
            heading = QLabel(text)
            heading.setProperty("role", "heading")
            grid.addWidget(heading, 0, column)
        self.differences: list[str] = []
        row = 1
        for key, label in FIELDS:
            left, right = mine.get(key, ""), theirs.get(key, "")
            if not left and not right:
                continue
            differs = left != right
            if differs:
                self.differences.append(key)
            name = QLabel(f"{label}{'  (different)' if differs else ''}")
            name.setProperty("differs", differs)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            for column, text in ((1, left), (2, right)):
                cell = QLabel(text or "(empty)")
                cell.setWordWrap(True)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                cell.setAccessibleName(
                    f"{label}, {'your version' if column == 1 else 'saved'}: {text or 'empty'}"
                )
                if differs:
                    cell.setProperty("side", "mine" if column == 1 else "saved")
                grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
            row += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = scroller(grid_holder, frame=True, sideways=True)
        buttons, (self.mine_button, self.theirs_button) = answer_buttons(
            self,
            ("Keep mine", ACCEPT, "Keep mine: apply my change to the newer version"),
            ("Take theirs", REJECT, "Take theirs: drop my change"),
            default=1,
            on_accept=self._keep_mine,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(980, 560)

    def _keep_mine(self) -> None:
        self.choice = KEEP_MINE
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        what: str,
        mine: Mapping[str, str],
        theirs: Mapping[str, str],
        when: str = "",
    ) -> str:
        """``KEEP_MINE`` or ``TAKE_THEIRS`` (closing the dialog takes theirs)."""
        dialog = cls(parent, what=what, mine=mine, theirs=theirs, when=when)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()
