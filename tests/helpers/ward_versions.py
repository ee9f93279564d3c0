"""Two versions of a ward for the restore and crash trials, and how many actions
a ward's file holds (read-only, so counting never changes what is counted)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from huddle import backup
from huddle.services import HuddleApp


def actions_in(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM action").fetchone()[0])
    finally:
        conn.close()


def ward_versions(folder: Path, *, older: int, later: int) -> tuple[Path, Path]:
    """Backups of one ward as it is now (``older + later`` actions) and as it was
    (``older`` actions), in folders ``now`` and ``older`` under ``folder``."""
    path = folder / "ward.db"
    with HuddleApp.open(path, actor="trial") as app:
        app.setup.create_ward(name="Trial ward", roster=[("Amara K", "Ward Sister")])
        for n in range(older):
            app.actions.create_action(title=f"Action {n}", detail="words " * 30)
        was = backup.backup_database(path, folder / "older")
        for n in range(later):
            app.actions.create_action(title=f"Later action {n}", detail="words " * 30)
    return backup.backup_database(path, folder / "now"), was
