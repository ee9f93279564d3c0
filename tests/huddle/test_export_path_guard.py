"""An export never writes over the ward's data or a device (issue #13, item 4)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from huddle import backup
from huddle.cli.main import main
from huddle.health import check_database
from huddle.services import HuddleApp


@pytest.fixture
def ward(app: HuddleApp) -> Path:
    app.actions.create_action(title="Check the bed rails each round")
    app.close()
    return app.path


def test_export_over_the_wards_own_database_is_refused(
    ward: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ward.read_bytes()
    assert main(["export", "actions", "--db", str(ward), "--out", str(ward)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "database" in err
    assert ward.read_bytes() == before
    assert check_database(ward).ok


@pytest.mark.parametrize("side", ["-wal", "-shm", "-journal"])
def test_export_over_a_journal_is_refused(ward: Path, side: str) -> None:
    journal = ward.with_name(ward.name + side)
    assert main(["export", "actions", "--db", str(ward), "--out", str(journal)]) == 1
    assert check_database(ward).ok


def test_export_over_a_backup_or_another_database_is_refused(ward: Path, tmp_path: Path) -> None:
    made = backup.backup_database(ward, tmp_path / "b")
    before = made.read_bytes()
    for out in (made, tmp_path / "b" / "renamed-copy.pdf"):
        if not out.exists():
            out.write_bytes(before)  # a database, whatever its name
        assert main(["export", "actions", "--db", str(ward), "--out", str(out), "--force"]) == 1
        assert out.read_bytes() == before


def test_export_over_a_device_or_folder_is_refused(ward: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for out in (Path("/dev/null"), fifo, tmp_path):
        assert main(["export", "actions", "--db", str(ward), "--out", str(out), "--force"]) == 1
    assert Path("/dev/null").exists() and not Path("/dev/null").is_file()


def test_an_existing_file_is_replaced_only_with_force(ward: Path, tmp_path: Path) -> None:
    out = tmp_path / "actions.pdf"
    out.write_bytes(b"last week's log")
    assert main(["export", "actions", "--db", str(ward), "--out", str(out)]) == 1
    assert out.read_bytes() == b"last week's log"
    assert main(["export", "actions", "--db", str(ward), "--out", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
