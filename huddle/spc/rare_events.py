"""Rare events: a chart of the days between them (a t-chart), as Making Data Count
advises when an XmR of counts would be mostly zeros.

The day of each event within its period is not recorded: a period's count is
spread evenly across it (one event on its first day; three in a 30-day month on
days 1, 11 and 21), so a month with several events does not pass for events on
one day. The days
between neighbouring events are transformed by t ** (1 / 3.6), charted as an
XmR with the usual rules, and the lines turned back into days (** 3.6), with
the lower limit never below 0. More days between harms is better, so a
measure where lower counts are better reads "up" here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import msgspec

from huddle.spc.xmr import Better, XmrChart, XmrPoint, xmr_chart

POWER = 3.6


class DaysBetween(msgspec.Struct, frozen=True):
    """The days between events, each dated by the later event, and their chart."""

    dates: tuple[date, ...]
    days: tuple[float, ...]
    transformed: XmrChart  # the XmR of t ** (1 / 3.6): the rules and verdicts
    chart: XmrChart  # the same chart in days, for drawing and printing

    @property
    def events(self) -> int:
        return len(self.dates) + 1


def event_dates(points: Sequence[tuple[date, float]], *, period_days: int = 1) -> list[date]:
    """One date per event, a period's events spread evenly over its ``period_days``."""
    found: list[date] = []
    for day, count in points:
        events = max(int(round(count)), 0)
        found += [day + timedelta(days=period_days * i // events) for i in range(events)]
    return found


def days_between(
    points: Sequence[tuple[date, float]], *, better: Better | None, period_days: int = 1
) -> DaysBetween | None:
    """The t-chart of a count's events, or None with fewer than three events.

    ``better`` is the direction of the count itself; the days between events
    improve the opposite way.
    """
    events = event_dates(points, period_days=period_days)
    if len(events) < 3:
        return None
    days = [float((b - a).days) for a, b in zip(events, events[1:], strict=False)]
    flipped: Better | None = {"down": "up", "up": "down"}.get(better or "")  # type: ignore[assignment]
    transformed = xmr_chart([t ** (1 / POWER) for t in days], better=flipped)
    segments = tuple(
        msgspec.structs.replace(
            s,
            mean=s.mean**POWER,
            lpl=max(s.lpl, 0.0) ** POWER,
            upl=s.upl**POWER,
            near_lower=max(s.near_lower, 0.0) ** POWER,
            near_upper=s.near_upper**POWER,
        )
        for s in transformed.segments
    )
    in_days = msgspec.structs.replace(
        transformed,
        points=tuple(
            XmrPoint(t, p.rules, p.type, p.segment)
            for t, p in zip(days, transformed.points, strict=True)
        ),
        segments=segments,
    )
    return DaysBetween(tuple(events[1:]), tuple(days), transformed, in_days)


__all__ = ["DaysBetween", "days_between", "event_dates"]
