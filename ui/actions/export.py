"""The filtered action list as CSV rows, safe to open in Excel.

The page hands over the rows it shows and a path; the columns are the core's
one action CSV format (``huddle.reports.action_csv``). The text is checked by
the same identifier check as every other export first (refused, naming the
action by date and field, unless the person exports anyway). Cells are written
through ``huddle.csv_safe.write_csv``, which neutralises anything a spreadsheet
would run as a formula (a leading = + - @, tab or carriage return).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

from huddle.csv_safe import write_csv
from huddle.identifier_refusal import place
from huddle.reports.action_csv import HEADER, csv_rows
from huddle.reports.guard import Finder, check_texts
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


def texts(infos: Iterable[ActionInfo]) -> Iterator[tuple[str, str]]:
    """Every piece of free text the CSV prints, placed by kind, date and field."""
    for info in infos:
        action = info.action
        for field in ("title", "detail", "owner_text", "closing_note", "drop_reason"):
            yield place("action", field, action.created_at), getattr(action, field)
        yield place("action", "owner_text", action.created_at), info.owner


def write_actions_csv(
    path: str | os.PathLike[str],
    infos: Sequence[ActionInfo],
    *,
    today: date,
    now: datetime,
    stale_after: int,
    finder: Finder | None = None,
    allow_identifiers: bool = False,
) -> int:
    """Check, then write ``infos`` to ``path``; returns how many actions were written.

    Raises :class:`huddle.reports.IdentifiersFoundError` (nothing written) when the
    text looks like a patient identifier, unless ``allow_identifiers``.
    """
    check_texts(texts(infos), allow_identifiers=allow_identifiers, finder=finder)
    body = rows(infos, today=today, now=now, stale_after=stale_after)
    write_csv(path, HEADER, body)
    return len(body)
