"""How dates, times and numbers read, on screen and in every PDF and CSV:
"6 Aug 2026", "Thu 26 Nov 2026", "14:05", "August 2026"; a measure's
values, "1,234", "6.6", "0.73", "92%", "4 per 1,000 bed days".

Written out by hand rather than with ``strftime`` so the words are British
English whatever the PC's locale is (a test forbids ``strftime`` in ui/).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

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


def is_percent(unit: str) -> bool:
    """Whether a measure's unit is a percentage (its values print as "92%")."""
    return unit.strip().lower() in ("%", "percent", "per cent")


def _decimal(value: float) -> Decimal:
    # the shortest text that reads back as the float: 6.55 is 6.55, not 6.5499999...
    return Decimal(repr(float(value)))


def number(value: float | None, unit: str = "") -> str:
    """A measure's value, target, centre or limit as every screen and report prints it.

    Whole numbers whole ("1,234"), others to one decimal ("6.6"), below 1 to two
    significant figures ("0.73"), halves rounded up as people do; a percentage
    with its sign ("92%"); "–" for none.
    """
    if value is None or not math.isfinite(value):
        return "–"
    if abs(value) >= 1e15:  # past what a ward counts; no decimals to round
        return f"{value:,.0f}"
    exact = _decimal(value)
    if exact == 0 or abs(exact) >= 1:
        shown = exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
    else:  # two significant figures
        shown = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 1), ROUND_HALF_UP)
    if shown == shown.to_integral_value():
        text = f"{int(shown):,}"
    else:
        text = f"{shown.normalize():,f}"
    return f"{text}%" if is_percent(unit) else text


def unit_in_name(unit: str, name: str) -> bool:
    """Whether a label already says the unit ("Falls per 1,000 bed days", "per 1,000 bed days")."""
    words = unit.lower().split()
    if not words:
        return False
    # whole words only: the unit "day" is not said by "Days since harm"
    said = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return re.search(said, name.lower()) is not None


def measure_value(value: float | None, unit: str = "", *, name: str = "") -> str:
    """A value with its unit, "6.6 per 1,000 bed days", "92%", "3 falls"; the unit is
    left off when ``name``, the label shown beside it, already says it ("Falls per
    1,000 bed days: 4", not "...: 4 per 1,000 bed days")."""
    text = number(value, unit)
    if is_percent(unit) or not unit.strip() or text == "–" or unit_in_name(unit, name):
        return text
    return f"{text} {' '.join(unit.split())}"


def exact_number(value: float, *, grouped: bool = False) -> str:
    """A value exactly as stored, for a field the user edits (``2.25`` reads back as
    2.25, where :func:`number` shows "2.3") and for a chart's axis, whose round
    steps (1.25, 1.5) must not be rounded (``grouped`` adds thousands commas)."""
    text = f"{_decimal(value).normalize():{',' if grouped else ''}f}"
    return "0" if text == "-0" else text
