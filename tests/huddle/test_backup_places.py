"""One precedence for the backup folder: ward choice, PC setting, beside the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.backup_places import backup_folder, backup_folders


@pytest.fixture
def pc_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    chosen = tmp_path / "it-backups"
    monkeypatch.setenv("HUDDLE_BACKUP_DIR", str(chosen))
    return chosen


def test_the_wards_choice_comes_first(tmp_path: Path, pc_setting: Path) -> None:
    db = tmp_path / "ward.db"
    assert backup_folder(db, str(tmp_path / "ward-choice")) == tmp_path / "ward-choice"
    assert backup_folder(db, "") == pc_setting
    assert backup_folder(db, None, machine=tmp_path / "given") == tmp_path / "given"


def test_without_a_pc_setting_backups_sit_beside_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUDDLE_BACKUP_DIR", raising=False)
    assert backup_folder(tmp_path / "ward.db", None) == tmp_path / "backups"


def test_every_place_is_searched_once_in_order(tmp_path: Path, pc_setting: Path) -> None:
    db = tmp_path / "ward.db"
    remembered = tmp_path / "usb"
    found = backup_folders(db, str(tmp_path / "ward-choice"), also=[remembered, pc_setting])
    assert found == [tmp_path / "ward-choice", pc_setting, tmp_path / "backups", remembered]
