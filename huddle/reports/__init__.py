"""PDF (and CSV) exports a ward sister can hand to matron.

Every export gathers its data, runs the identifier check on the text it will
print (raising :class:`IdentifiersFoundError` before anything is written,
unless ``allow_identifiers``), lays the pages out with reportlab, and writes
the file under a temporary name before renaming it into place.

This module stays light: reportlab is imported only when an export runs.

* :func:`export_huddle_summary`: one A4 page for a huddle.
* :func:`export_period_report`: a month or quarter for matron and governance.
* :func:`export_action_log`: landscape table (PDF) or a CSV of actions.
* :func:`export_poster`: an A3 huddle-board poster for a month.
* :func:`export_slip`: Learning from Excellence thank-you slips, up to four to
  an A4 page (each slip an A6 quarter with cut guides).
* :func:`export_certificate`: a milestone certificate for days without a harm.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from huddle.reports.errors import ExportError, IdentifiersFoundError

if TYPE_CHECKING:
    from huddle.services.app import HuddleApp

Progress = Callable[[int, int], None]

__all__ = [
    "ExportError",
    "IdentifiersFoundError",
    "export_action_log",
    "export_huddle_summary",
    "export_period_report",
    "export_poster",
    "export_certificate",
    "export_slip",
]


def _written(
    app: HuddleApp,
    out: Path,
    texts: Iterable[tuple[str, str]],
    build: Callable[[], bytes],
    allow_identifiers: bool,
    progress: Progress | None,
) -> Path:
    """Check ``texts`` with the ward's guard, then write what ``build`` makes to ``out``."""
    from huddle.reports.runner import run_export

    return run_export(
        out,
        texts,
        build,
        allow_identifiers=allow_identifiers,
        progress=progress,
        finder=app.identifiers.find,
    )


def export_huddle_summary(
    app: HuddleApp,
    *,
    huddle_id: str,
    out: Path,
    allow_identifiers: bool = False,
    progress: Progress | None = None,
) -> Path:
    """One A4 page: who came, notes, learning raised, actions agreed and closed."""
    from huddle.reports import summary

    data = summary.gather(app, huddle_id)
    return _written(
        app,
        out,
        summary.texts(data),
        lambda: summary.build(data, progress=progress),
        allow_identifiers,
        progress,
    )


def export_period_report(
    app: HuddleApp,
    *,
    start: date,
    end: date,
    out: Path,
    allow_identifiers: bool = False,
    progress: Progress | None = None,
) -> Path:
    """A month's or quarter's report, ``start`` to ``end`` inclusive."""
    from huddle.reports import period, period_pages

    data = period.gather(app, start, end, progress=progress)
    return _written(
        app,
        out,
        period.texts(data),
        lambda: period_pages.build_report(data, progress=progress),
        allow_identifiers,
        progress,
    )


def export_action_log(
    app: HuddleApp,
    *,
    out: Path,
    status: str = "open",
    allow_identifiers: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Open (or all) actions: a landscape PDF table, or CSV when ``out`` ends .csv."""
    from huddle.reports import action_log

    data = action_log.gather(app, status=status)
    csv = Path(out).suffix.lower() == ".csv"
    return _written(
        app,
        out,
        action_log.texts(data),
        (lambda: action_log.build_csv(data))
        if csv
        else (lambda: action_log.build(data, progress=progress)),
        allow_identifiers,
        progress,
    )


def export_poster(
    app: HuddleApp,
    *,
    month: date,
    out: Path,
    allow_identifiers: bool = False,
    progress: Progress | None = None,
) -> Path:
    """An A3 huddle-board poster for the month holding ``month``."""
    from huddle.reports import poster

    data = poster.gather(app, month)
    return _written(
        app,
        out,
        poster.texts(data),
        lambda: poster.build(data, progress=progress),
        allow_identifiers,
        progress,
    )


def export_slip(
    app: HuddleApp,
    *,
    learning_id: str,
    out: Path,
    more_learning_ids: Sequence[str] = (),
    allow_identifiers: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Thank-you slips for excellence items: an A4 page of up to four A6 slips.

    ``learning_id`` fills the first slip; up to three ``more_learning_ids``
    fill the rest (the remaining quarters stay blank).
    """
    from huddle.reports import slip

    data = slip.gather(app, [learning_id, *more_learning_ids])
    return _written(
        app,
        out,
        slip.texts(data),
        lambda: slip.build(data, progress=progress),
        allow_identifiers,
        progress,
    )


def export_certificate(
    app: HuddleApp,
    *,
    out: Path,
    days: int | None = None,
    allow_identifiers: bool = False,
    progress: Progress | None = None,
) -> Path:
    """A landscape certificate for a milestone of days without a harm (default: the
    highest reached now)."""
    from huddle.reports import certificate

    data = certificate.gather(app, days=days)
    return _written(
        app,
        out,
        certificate.texts(data),
        lambda: certificate.build(data, progress=progress),
        allow_identifiers,
        progress,
    )
