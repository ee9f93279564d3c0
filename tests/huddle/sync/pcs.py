"""Two or more ward PCs in one test: each its own fresh database (so its own device id)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from huddle.clock import FixedClock
from huddle.services import HuddleApp

ROSTER = [("Amara K", "Ward Sister"), ("Ben T", "Staff Nurse"), ("Chloe R", "Staff Nurse")]
NOON = datetime(2026, 8, 6, 12, 0, tzinfo=UTC)


def open_pc(path: Path, *, hours_ahead: float = 0) -> HuddleApp:
    """A PC whose clock may be hours off: sync must not care."""
    clock = FixedClock(NOON + timedelta(hours=hours_ahead))
    return HuddleApp.open(path, clock=clock, actor=f"nurse@{path.stem}")


def new_ward(path: Path, name: str = "Ward 7B") -> HuddleApp:
    app = open_pc(path)
    app.setup.create_ward(name=name, site="Test General", roster=ROSTER)
    app.actions.create_action(title="Label the drug fridge", origin="staff_idea")
    return app


def table_counts(app: HuddleApp) -> dict[str, int]:
    from huddle.store.preferences import table_counts as counts
    from huddle.store.schema import DOMAIN_TABLES

    return counts(app.store, DOMAIN_TABLES)
