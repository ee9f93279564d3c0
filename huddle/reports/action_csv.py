"""The action list as a spreadsheet: one CSV format for every export of actions.

The Actions page's "Export CSV" (the rows it shows) and ``huddle export actions
--out x.csv`` both write these columns. Dates are ISO (2026-08-06) so
spreadsheets sort them; cells are made formula-safe by ``huddle.csv_safe``.
No reportlab here: the page's export stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from huddle.domain import Action
from huddle.words import ACTION_STATUS, ORIGIN, PRIORITY

HEADER = (
    "Title",
    "Detail",
    "Owner",
    "Due",
    "Status",
    "Priority",
    "Came from",
    "Overdue days",
    "Days without progress",
    "Closing note",
    "Reason dropped",
    "Created",
    "Last progress",
    "Id",
)


def csv_rows(
    actions: Iterable[Action],
    *,
    owner_of: Callable[[Action], str],
    today: date,
    now: datetime,
    stale_after: int,
) -> list[list[object]]:
    """One row per action, in the order given; blank where a day count is zero."""
    out: list[list[object]] = []
    for action in actions:
        progress = action.last_progress_at or action.created_at
        out.append(
            [
                action.title,
                action.detail,
                owner_of(action),
                action.due_on.isoformat() if action.due_on else "",
                ACTION_STATUS[action.status],
                PRIORITY[action.priority],
                ORIGIN[action.origin],
                action.overdue_days(today) or "",
                action.stale_days(now, stale_after) or "",
                action.closing_note,
                action.drop_reason,
                action.created_at.astimezone().date().isoformat(),
                progress.astimezone().date().isoformat(),
                action.id,
            ]
        )
    return out
