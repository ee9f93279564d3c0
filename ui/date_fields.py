"""Date boxes: one look ("6 Aug 2026" with a calendar) and the conversions to and from ``date``.

Every screen that asks for a day builds its box here, so the display format and
the British calendar are decided once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit

BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
DISPLAY_FORMAT = "d MMM yyyy"  # Qt's spelling of "6 Aug 2026" (ui/formatting.py)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def day_of(edit: QDateEdit) -> date:
    """A date box's day as a Python date."""
    return from_qdate(edit.date())


def date_edit(accessible_name: str, start: date | None = None) -> QDateEdit:
    """A date box that reads "6 Aug 2026" with a calendar to pick from."""
    edit = QDateEdit()
    style_date_edit(edit, accessible_name)
    if start is not None:
        edit.setDate(to_qdate(start))
    return edit


def style_date_edit(edit: QDateEdit, accessible_name: str) -> None:
    """Give an existing date box the app's format, calendar and name."""
    edit.setLocale(BRITISH)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
