"""A healthy ward in a folder this login cannot write is healthy, not damaged
(issue #13, item 7).

A WAL database closed cleanly has no ``-shm``; read-only SQLite must create one
to read it, which a locked folder (or read-only media) refuses. The folder is
locked with the immutable attribute where the tests run as root (chmod does not
stop root), else with chmod.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from huddle.health import check_database
from huddle.services import HuddleApp
from ui.recovery import recover_at_start


def _lock(folder: Path) -> bool:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    return subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0


def _unlock(folder: Path) -> None:
    if os.geteuid() != 0:
        folder.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


@pytest.fixture
def locked_ward(app: HuddleApp, tmp_path: Path) -> Iterator[Path]:
    app.actions.create_action(title="Check the bed rails each round")
    app.close()  # a clean close: WAL mode, no -wal, no -shm
    assert not app.path.with_name(app.path.name + "-shm").exists()
    (tmp_path / "backups").mkdir()  # a writable folder inside the locked one
    if not _lock(app.path.parent):
        pytest.skip("cannot make a folder unwritable here (no chattr)")
    try:
        (app.path.parent / "probe").touch()
    except OSError:
        pass
    else:
        _unlock(app.path.parent)
        pytest.skip("the folder stayed writable")
    try:
        yield app.path
    finally:
        _unlock(app.path.parent)


def huddle(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("huddle", path=str(Path(sys.executable).parent)) or "huddle"
    return subprocess.run([command, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_check_backup_and_deep_check_read_it(locked_ward: Path, tmp_path: Path) -> None:
    assert check_database(locked_ward).ok
    assert huddle("check", "--db", locked_ward).returncode == 0
    assert huddle("check", "--deep", "--db", locked_ward).returncode == 0
    made = huddle("backup", "--db", locked_ward, "--dest", tmp_path / "backups")
    assert made.returncode == 0, made.stderr
    assert list((tmp_path / "backups").glob("ward-*.db"))


def test_the_app_opens_it_view_only_and_offers_no_recovery(
    locked_ward: Path,
    tmp_path: Path,
    no_blocking_dialogs: list[tuple[str, dict]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.recovery import RecoveryDialog
    from ui.session import WardSession, banner_text

    offered: list[dict] = []
    monkeypatch.setattr(
        RecoveryDialog, "ask", classmethod(lambda cls, parent, **o: offered.append(o) or False)
    )
    assert huddle("backup", "--db", locked_ward, "--dest", tmp_path / "backups").returncode == 0
    assert recover_at_start(locked_ward, [tmp_path / "backups"])
    assert offered == [] and no_blocking_dialogs == []  # nothing offered, nothing restored
    session = WardSession.open(locked_ward)
    try:
        assert session.ctx.read_only
        assert "read-only" in banner_text(session.ctx)
    finally:
        session.close()
