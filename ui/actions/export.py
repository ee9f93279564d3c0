"""The filtered action list as CSV rows, safe to open in Excel.

Pure Python: the page hands over the rows it shows and a path. Cells are
written through ``huddle.csv_safe.write_csv``, which neutralises anything a
spreadsheet would run as a formula (a leading = + - @, tab or carriage return).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from huddle.csv_safe import write_csv
from ui.actions.models import ActionInfo
from ui.actions.words import ORIGIN, PRIORITY, STATUS

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
)


def rows(infos: Iterable[ActionInfo]) -> list[list[object]]:
    """One row per action, dates as ISO (2026-08-06) so spreadsheets sort them."""
    out: list[list[object]] = []
    for info in infos:
        action = info.action
        progress = action.last_progress_at or action.created_at
        out.append(
            [
                action.title,
                action.detail,
                "" if info.owner_key == "" else info.owner,
                action.due_on.isoformat() if action.due_on else "",
                STATUS[action.status],
                PRIORITY[action.priority],
                ORIGIN[action.origin],
                info.overdue_days or "",
                info.stale_days or "",
                action.closing_note,
                action.drop_reason,
                action.created_at.date().isoformat(),
                progress.date().isoformat(),
            ]
        )
    return out


def write_actions_csv(path: str | os.PathLike[str], infos: Iterable[ActionInfo]) -> int:
    """Write ``infos`` to ``path``; returns how many actions were written."""
    body = rows(infos)
    write_csv(path, HEADER, body)
    return len(body)
