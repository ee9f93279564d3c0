"""Fixtures shared by every test module.

Every test gets a fresh database copied from one migrated template, a fixed
clock (6 Aug 2026, 08:00 UTC) and, with ``app``, a small fictional ward.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from huddle.clock import FixedClock
from huddle.services import HuddleApp
from huddle.store import open_store

ROSTER = [
    ("Amara K", "Ward Sister"),
    ("Ben T", "Staff Nurse"),
    ("Chloe R", "Staff Nurse"),
    ("Dev P", "Healthcare Assistant"),
    ("Ellie M", "Student Nurse"),
    ("Femi O", "Physiotherapist"),
    ("Grace L", "Pharmacist"),
]


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = open_store(path)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("PRAGMA journal_mode = DELETE")
    store.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "ward.db"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 8, 6, 8, 0, tzinfo=UTC))


@pytest.fixture
def empty_app(db_path: Path, clock: FixedClock) -> Iterator[HuddleApp]:
    app = HuddleApp.open(db_path, clock=clock, actor="tester@test-pc")
    yield app
    app.close()


@pytest.fixture
def app(empty_app: HuddleApp) -> HuddleApp:
    empty_app.setup.create_ward(
        name="Ward 7B", site="Test General", specialty="Medicine", roster=ROSTER
    )
    return empty_app


TEN_YEARS_BUILT_ON = date(2026, 12, 6)


@pytest.fixture(scope="session")
def ten_year_ward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ward with ten years of data, built once a session (#15's checks)."""
    from huddle.demo.build import build_demo

    path = tmp_path_factory.mktemp("ten-year") / "ward.db"
    build_demo(path, weeks=520, seed=1, today=TEN_YEARS_BUILT_ON)
    return path
