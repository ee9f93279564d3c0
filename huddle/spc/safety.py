"""Safety measures a ward shows at the huddle: days since harm and the safety cross.

A safety cross is a month's calendar with each day marked harm-free, harm,
"no data" (nobody recorded the day) or future. This module only decides each
day's mark; the poster and the UI choose how to draw it (the traditional cross
shape, or a Monday-first grid from ``SafetyCross.weeks``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Literal

import msgspec

from huddle.errors import ValidationError

DayStatus = Literal["harm_free", "harm", "no_data", "future"]
DAY_STATUSES: tuple[DayStatus, ...] = ("harm_free", "harm", "no_data", "future")


def days_since_last_harm(harm_dates: Iterable[date], today: date) -> int | None:
    """Whole days from the latest harm on or before ``today`` (0 if harm today).

    None when there has never been harm. Harm dated after ``today`` is ignored:
    the count is about what has happened, and a mistyped future date must not
    make it negative.
    """
    past = [day for day in harm_dates if day <= today]
    if not past:
        return None
    return (today - max(past)).days


class SafetyCrossDay(msgspec.Struct, frozen=True):
    day: date
    status: DayStatus

    @property
    def number(self) -> int:
        """The day of the month, as printed in the cell."""
        return self.day.day


class SafetyCross(msgspec.Struct, frozen=True):
    """Every day of one month with its mark, first to last."""

    year: int
    month: int
    days: tuple[SafetyCrossDay, ...]

    @property
    def weeks(self) -> tuple[tuple[SafetyCrossDay | None, ...], ...]:
        """Monday-first rows of seven; None pads the days outside the month."""
        by_date = {cell.day: cell for cell in self.days}
        return tuple(
            tuple(by_date.get(day) for day in week)
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(self.year, self.month)
        )

    def count(self, status: DayStatus) -> int:
        return sum(1 for cell in self.days if cell.status == status)

    @property
    def harm_days(self) -> int:
        return self.count("harm")

    @property
    def harm_free_days(self) -> int:
        return self.count("harm_free")


def safety_cross(
    year: int,
    month: int,
    *,
    harm_dates: Iterable[date],
    recorded_dates: Iterable[date],
    today: date,
) -> SafetyCross:
    """Mark each day of ``year``/``month``.

    Order of precedence: a day after ``today`` is "future" (even if something is
    recorded against it); a day with harm is "harm" (recording harm records the
    day); a recorded day without harm is "harm_free"; any other day is "no_data".
    """
    if not 1 <= month <= 12:
        raise ValidationError.single("month", "invalid", "month must be between 1 and 12")
    if not date.min.year <= year <= date.max.year:
        raise ValidationError.single("year", "invalid", "year is out of range")
    harmed = set(harm_dates)
    recorded = set(recorded_dates)
    length = calendar.monthrange(year, month)[1]
    days = tuple(
        SafetyCrossDay(day, _status(day, harmed, recorded, today))
        for day in (date(year, month, number) for number in range(1, length + 1))
    )
    return SafetyCross(year=year, month=month, days=days)


def _status(day: date, harmed: set[date], recorded: set[date], today: date) -> DayStatus:
    if day > today:
        return "future"
    if day in harmed:
        return "harm"
    if day in recorded:
        return "harm_free"
    return "no_data"
