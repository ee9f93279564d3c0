"""What issue #13 must show, through the real ``huddle`` command (a subprocess)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from huddle.services import HuddleApp


def huddle(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("huddle", path=str(Path(sys.executable).parent)) or "huddle"
    return subprocess.run(
        [command, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def ward(app: HuddleApp) -> Path:
    for n in range(5):
        app.actions.create_action(title=f"Action {n}")
    app.close()
    return app.path


def test_backup_of_an_emptied_ward_exits_1_and_the_good_backup_survives(
    ward: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "backups"
    first = huddle("backup", "--db", ward, "--dest", dest)
    assert first.returncode == 0, first.stderr
    [good] = list(dest.glob("ward-*.db"))
    for side in ("-wal", "-shm"):
        ward.with_name(ward.name + side).unlink(missing_ok=True)
    ward.write_bytes(b"")  # : > ward.db
    result = huddle("backup", "--db", ward, "--dest", dest)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert list(dest.glob("ward-*.db")) == [good]
    assert huddle("check", "--db", good).returncode == 0


def test_export_over_the_database_exits_1_and_the_ward_still_passes_check(ward: Path) -> None:
    result = huddle("export", "actions", "--db", ward, "--out", ward)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert huddle("check", "--db", ward).returncode == 0


@pytest.mark.parametrize("how", ["replaced", "deleted"])
def test_an_audit_row_changed_by_hand_fails_the_deep_check(ward: Path, how: str) -> None:
    assert huddle("check", "--deep", "--db", ward).returncode == 0
    conn = sqlite3.connect(ward)
    # a determined editor drops the triggers that refuse the change first
    triggers = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
        )
    ]
    for name in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    if how == "replaced":
        conn.execute(
            "INSERT OR REPLACE INTO audit (id, at, actor, entity, entity_id, op, after_json) "
            "VALUES (1, '2026-01-01T00:00:00+00:00', 'forger', 'ward', 'x', 'insert', '{}')"
        )
    else:
        conn.execute("DELETE FROM audit WHERE id = 2")
    conn.commit()
    conn.close()
    result = huddle("check", "--deep", "--db", ward)
    assert result.returncode == 1, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
