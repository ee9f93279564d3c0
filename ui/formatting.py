"""The screens' date, time and number wording is the core's (``huddle/formatting.py``),
shared with the PDFs; re-exported here for the screen modules."""

from huddle.formatting import (
    MONTHS,
    MONTHS_LONG,
    WEEKDAYS,
    clock_time,
    counted,
    date_and_time,
    day_heading,
    days_phrase,
    exact_number,
    is_percent,
    measure_value,
    month_and_year,
    number,
    short_date,
)

__all__ = [
    "MONTHS",
    "MONTHS_LONG",
    "WEEKDAYS",
    "clock_time",
    "date_and_time",
    "day_heading",
    "counted",
    "days_phrase",
    "exact_number",
    "is_percent",
    "measure_value",
    "month_and_year",
    "number",
    "short_date",
]
