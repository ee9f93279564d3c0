"""The words the Measures page shows: dates, numbers and what a point means.

Kept in one place so the list, the chart's tooltips and the icons all say the
same thing, in British English, in the same terms as the PDF reports.
"""

from __future__ import annotations

from datetime import date

from huddle.domain import ChartKind, Direction, Period, RareEventChart
from ui import formatting

MONTHS = formatting.MONTHS

DIRECTION_WORDS = {
    Direction.UP: "Higher is better",
    Direction.DOWN: "Lower is better",
    Direction.NEUTRAL: "Neither (no better direction)",
}
PERIOD_WORDS = {Period.DAY: "Day", Period.WEEK: "Week", Period.MONTH: "Month"}
PERIOD_ADJECTIVES = {Period.DAY: "Daily", Period.WEEK: "Weekly", Period.MONTH: "Monthly"}
KIND_WORDS = {
    ChartKind.XMR: "XmR chart (SPC)",
    ChartKind.RUN: "Run chart",
    ChartKind.SAFETY_CROSS: "Safety cross (days since harm)",
}

RARE_EVENT_WORDS = {
    RareEventChart.NONE: "Not shown",
    RareEventChart.ALONGSIDE: "Alongside the chart",
    RareEventChart.INSTEAD: "Instead (it gives the verdict)",
}

POINT_WORDS = {
    "common_cause": "Common cause: the usual variation",
    "improvement": "Special cause: improvement",
    "concern": "Special cause: concern",
    "neutral_high": "Special cause: unusually high",
    "neutral_low": "Special cause: unusually low",
}
LEGEND_WORDS = {
    "common_cause": "Common cause",
    "improvement": "Improvement",
    "concern": "Concern",
    "neutral": "Special cause (neutral)",
    "run_signal": "Part of a shift or trend",
    "run_plain": "No signal",
}
XMR_RULE_WORDS = {
    "outside": "outside the process limits",
    "trend": "part of 7 points each rising or falling",
    "two_of_three": "two of three points near a limit",
    "shift": "part of 7 or more points on one side of the mean",
}
RUN_RULE_WORDS = {
    "shift": "part of a shift (6 or more points on one side of the median)",
    "trend": "part of a trend (5 or more points all rising or falling)",
}


def long_date(day: date) -> str:
    """6 Aug 2026, as everywhere else in the app."""
    return formatting.short_date(day)


def short_date(day: date) -> str:
    """6 Aug."""
    return formatting.short_date(day, year=False)


def period_label(day: date, period: Period) -> str:
    """How a period is named: "Aug 2026" for a month, "6 Aug 2026" otherwise."""
    if period is Period.MONTH:
        return formatting.month_and_year(day)
    if period is Period.WEEK:
        return f"Week of {long_date(day)}"
    return long_date(day)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"
