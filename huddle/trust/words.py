"""The words the trust overview shows, decided once: the trust view, the trust
report and ``huddle trust overview`` all call these."""

from __future__ import annotations

from datetime import date, datetime

from huddle.formatting import counted, date_and_time, days_phrase, month_and_year, short_date
from huddle.trust.overview import WardOverview

NEVER_SYNCED = "Never"
NO_HARM = "None recorded"


def synced_text(row: WardOverview) -> str:
    """``6 Aug 2026, 14:05``: when the server last received a change from the ward."""
    if row.last_sync_at is None:
        return NEVER_SYNCED
    return date_and_time(datetime.fromisoformat(row.last_sync_at))


def harm_text(row: WardOverview) -> str:
    """``12 days`` since the last harm, or that none is recorded."""
    return NO_HARM if row.days_since_harm is None else days_phrase(row.days_since_harm)


def actions_text(row: WardOverview) -> str:
    """``7 open, 2 overdue``."""
    return f"{row.open_actions} open, {row.overdue_actions} overdue"


def escalations_text(row: WardOverview) -> str:
    """``2 open, oldest 3 days, 1 overdue`` (or ``None open``)."""
    if not row.open_escalations:
        return "None open"
    text = f"{row.open_escalations} open"
    if row.oldest_escalation_days == 0:
        text += ", oldest under a day"
    elif row.oldest_escalation_days is not None:
        text += f", oldest {days_phrase(row.oldest_escalation_days)}"
    if row.overdue_escalations:
        text += f", {row.overdue_escalations} overdue"
    return text


def huddles_text(row: WardOverview, record_days: int = 21) -> str:
    """``18 of 21 days``."""
    return f"{row.huddles_last_21_days} of {record_days} days"


def period_text(since: date, until: date) -> str:
    """``Nov 2026`` for a calendar month, else ``1 Nov 2026 to 30 Nov 2026``."""
    if since.day == 1 and (until.month, until.year) == (since.month, since.year):
        next_day = until.toordinal() + 1
        if date.fromordinal(next_day).month != until.month:
            return month_and_year(since)
    return f"{short_date(since)} to {short_date(until)}"


def shared_theme_line(theme: str, wards: int, items: int) -> str:
    """``Falls: 6 wards, 14 items``: a theme met across wards."""
    return f"{theme}: {counted(wards, 'ward')}, {counted(items, 'item')}"
