"""The filtered action list as CSV rows, safe to open in Excel.

The page hands over the rows it shows and a path; the columns are the core's
one action CSV format (``huddle.reports.action_csv``), written through
``huddle.csv_safe.write_csv``, which neutralises anything a spreadsheet would
run as a formula (a leading = + - @, tab or carriage return).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime

from huddle.csv_safe import write_csv
from huddle.reports.action_csv import HEADER, csv_rows
from ui.actions.models import ActionInfo


def rows(
    infos: Sequence[ActionInfo], *, today: date, now: datetime, stale_after: int
) -> list[list[object]]:
    """One row per action shown, owners named as the page names them."""
    owners = {i.action.id: "" if i.owner_key == "" else i.owner for i in infos}
    return csv_rows(
        (i.action for i in infos),
        owner_of=lambda action: owners[action.id],
        today=today,
        now=now,
        stale_after=stale_after,
    )


def write_actions_csv(
    path: str | os.PathLike[str],
    infos: Sequence[ActionInfo],
    *,
    today: date,
    now: datetime,
    stale_after: int,
) -> int:
    """Write ``infos`` to ``path``; returns how many actions were written."""
    body = rows(infos, today=today, now=now, stale_after=stale_after)
    write_csv(path, HEADER, body)
    return len(body)
