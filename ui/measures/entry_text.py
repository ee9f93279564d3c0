"""Reading dates and numbers as people type them or paste them from Excel.

Dates: ISO (2026-08-06, with or without a time), UK (06/08/2026, 6/8/26,
6-8-2026, 6.8.2026) and written (6 Aug 2026, 6 August 2026, 06-Aug-2026,
Aug 2026 for a month). Numbers: thousands commas, a percent sign, spaces and
a typographic minus are tolerated. Anything else is "not read" (None) and the
caller points it out; nothing is guessed or dropped.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta

from huddle.domain import Period

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_name) if name})
_MONTHS["sept"] = 9
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WRITTEN = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([A-Za-z]+)\.?,?[\s\-]+(\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?[\s\-]+(\d{4})$")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_day(text: str) -> date | None:
    """The date ``text`` names, read the British way (day before month), or None."""
    text = text.strip().strip('"').strip()
    if match := _ISO.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        return _day(_year(match[3]), int(match[2]), int(match[1]))
    if match := _WRITTEN.match(text):
        month = _MONTHS.get(match[2].lower())
        return _day(_year(match[3]), month, int(match[1])) if month else None
    if match := _MONTH_YEAR.match(text):
        month = _MONTHS.get(match[1].lower())
        return _day(int(match[2]), month, 1) if month else None
    return None


def clean_number(text: str) -> str:
    """``text`` without the commas, percent sign and spaces Excel adds."""
    cleaned = text.strip().strip('"').replace("\u2212", "-").replace("\u00a0", "")
    return cleaned.replace(",", "").replace("%", "").replace(" ", "")


def read_number(text: str) -> float | None:
    try:
        number = float(clean_number(text))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def split_cells(text: str) -> list[list[str]]:
    """Rows of tab-separated cells, as Excel and LibreOffice put them on the clipboard."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [[cell.strip() for cell in line.split("\t")] for line in lines]


def next_period(day: date, period: Period) -> date:
    """The start of the period after the one starting on ``day``."""
    if period is Period.DAY:
        return day + timedelta(days=1)
    if period is Period.WEEK:
        return day + timedelta(weeks=1)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
