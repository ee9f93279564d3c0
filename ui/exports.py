"""Exports (PDF, CSV) as work for :class:`ui.tasks.TaskRunner`, off the UI thread.

The work opens its own read-only connection on the pool thread (SQLite
connections belong to the thread that made them) and calls the core's exporter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from huddle.services import HuddleApp
from ui.tasks import Progress, Work

# export(app, out, allow_identifiers) -> the written path
Export = Callable[[HuddleApp, Path, bool], Path]


def export_work(app: HuddleApp, export: Export, out: Path, *, allow_identifiers: bool) -> Work:
    """The export of ``app``'s ward to ``out``, to run on a pool thread."""
    db_path, ward_id, clock = app.path, app.ward_id, app.clock

    def work(_progress: Progress) -> Path:
        with HuddleApp.open(db_path, read_only=True, ward_id=ward_id, clock=clock) as own:
            return export(own, out, allow_identifiers)

    return work
