"""Databases saved by each released schema version open and migrate today."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from huddle.health import check_database
from huddle.services import HuddleApp
from huddle.store import schema

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.db")), ids=lambda p: p.stem)
def test_released_schema_migrates_to_current(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "ward.db"
    shutil.copyfile(fixture, path)
    with HuddleApp.open(path) as app:
        assert schema.pending(app.store) == []
        assert app.setup.ward().name == "Fixture Ward"
        assert len(app.setup.people()) == 2
        found = app.learning.search(text="insulin")
        assert [i.title for i in found] == ["Insulin dose nearly missed at handover"]
        assert app.actions.actions()[0].title == "Handover checklist for insulin"
        assert [p.value for p in app.measures.points(app.measures.measures()[0].id)] == [4.1, 3.2]
    assert check_database(path).ok
    backups = list((tmp_path / "backups").glob("ward-*-pre-upgrade.db"))
    assert len(backups) == 1
    assert check_database(backups[0]).ok


def test_fixture_for_the_first_release_exists() -> None:
    assert (FIXTURES / "schema-0001.db").exists()
