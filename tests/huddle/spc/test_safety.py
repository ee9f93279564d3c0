"""Days since harm and the safety cross calendar."""

from __future__ import annotations

from datetime import date

import pytest

from huddle.errors import ValidationError
from huddle.spc import days_since_last_harm, safety_cross

TODAY = date(2024, 2, 20)


def test_days_since_last_harm() -> None:
    assert days_since_last_harm([], TODAY) is None
    assert days_since_last_harm([date(2024, 2, 1), date(2024, 2, 10)], TODAY) == 10
    assert days_since_last_harm([TODAY], TODAY) == 0
    # A harm dated after today is ignored rather than giving a negative count.
    assert days_since_last_harm([date(2024, 1, 20), date(2024, 3, 1)], TODAY) == 31
    assert days_since_last_harm([date(2024, 3, 1)], TODAY) is None


def test_safety_cross_marks_each_day() -> None:
    cross = safety_cross(
        2024,
        2,
        harm_dates=[date(2024, 2, 5), date(2024, 2, 25), date(2024, 1, 31)],
        recorded_dates=[date(2024, 2, d) for d in range(1, 15)] + [date(2024, 2, 28)],
        today=TODAY,
    )
    assert len(cross.days) == 29  # a leap year
    status = {cell.number: cell.status for cell in cross.days}
    assert status[5] == "harm"
    assert status[1] == "harm_free"
    assert status[15] == "no_data"  # nobody recorded it
    assert status[20] == "no_data"
    assert status[21] == "future"
    assert status[25] == "future"  # even with harm entered against it
    assert status[28] == "future"
    assert cross.harm_days == 1
    assert cross.harm_free_days == 13
    assert cross.count("no_data") == 6
    assert cross.count("future") == 9


def test_safety_cross_weeks_start_on_monday() -> None:
    cross = safety_cross(2024, 2, harm_dates=[], recorded_dates=[], today=TODAY)
    weeks = cross.weeks
    assert all(len(week) == 7 for week in weeks)
    # 1 February 2024 was a Thursday.
    assert weeks[0][:3] == (None, None, None)
    first = weeks[0][3]
    assert first is not None and first.day == date(2024, 2, 1)
    assert sum(cell is not None for week in weeks for cell in week) == 29


def test_safety_cross_rejects_a_bad_month() -> None:
    with pytest.raises(ValidationError):
        safety_cross(2024, 13, harm_dates=[], recorded_dates=[], today=TODAY)
