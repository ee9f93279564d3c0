"""How dates, times and numbers read, on screen and in every PDF and CSV:
"6 Aug 2026", "Thu 26 Nov 2026", "14:05", "August 2026".

Written out by hand rather than with ``strftime`` so the words are British
English whatever the PC's locale is (a test forbids ``strftime`` in ui/).
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def short_date(day: date | None, *, empty: str = "", year: bool = True) -> str:
    """``6 Aug 2026`` (``6 Aug`` with ``year=False``; ``empty`` for no date)."""
    if day is None:
        return empty
    if isinstance(day, datetime):
        day = day.astimezone().date() if day.tzinfo else day.date()
    shown = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{shown} {day.year}" if year else shown


def month_and_year(day: date, *, long: bool = False) -> str:
    """``Aug 2026`` (``August 2026`` with ``long=True``)."""
    return f"{(MONTHS_LONG if long else MONTHS)[day.month - 1]} {day.year}"


def day_heading(day: date) -> str:
    """``Thu 26 Nov 2026``: the header's date."""
    return f"{WEEKDAYS[day.weekday()]} {short_date(day)}"


def clock_time(moment: datetime) -> str:
    """``14:05`` in the PC's local time."""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{local.hour:02d}:{local.minute:02d}"


def date_and_time(moment: datetime | None, *, empty: str = "", comma: bool = True) -> str:
    """``6 Aug 2026, 14:05`` (``6 Aug 2026 14:05`` with ``comma=False``)."""
    if moment is None:
        return empty
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{short_date(local)}{',' if comma else ''} {clock_time(moment)}"


def days_phrase(days: int) -> str:
    """``1 day`` / ``3 days``."""
    return f"{days} day" if days == 1 else f"{days} days"


def counted(count: int, word: str, many: str | None = None) -> str:
    """``1 idea``, ``3 ideas``, ``1,204 ideas`` (``many`` for irregular plurals)."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def number(value: float) -> str:
    """A measure's value without needless decimals: 12, 3.5, 0.25."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
