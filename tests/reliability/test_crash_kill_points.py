"""A restore, a recovery and an automatic backup killed at every step they take.

The random trials (test_crash_safety_net.py) spread kills over time, and a step
that takes microseconds, such as the moment between opening the restore's
intent note and writing it, is hit only now and then, on a loaded machine. Here
the child kills itself at its Nth step on the ward's files (see
tests/helpers/kill_point_child.py), for every N in turn, and the next start's
work must then leave: the ward's file whole, the right records, the file it
replaced kept under a name that says why (``damaged`` for a recovery,
``replaced`` for a restore), and no staged copy, note or temporary file behind.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from huddle import backup, restore
from huddle.health import check_database
from tests.helpers.ward_versions import actions_in, ward_versions

ROOT = Path(__file__).resolve().parents[2]
OLDER, NOW = 40, 60  # actions in the backup and in the ward as it is now
MOST_STEPS = 60  # a walk that never ends is a failure, not a hang


@pytest.fixture(scope="module")
def wards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The ward as it is now (60 actions) and its older backup (40)."""
    return ward_versions(
        tmp_path_factory.mktemp("kill-point-wards"), older=OLDER, later=NOW - OLDER
    )


def each_step(
    mode: str, folder: Path, prepare: Callable[[Path], tuple[Path, Path]], links: str = "allowed"
) -> Iterator[tuple[Path, str]]:
    """Run the operation killed at its step 1, 2, ... until a run finishes, each in
    a folder of its own that ``prepare`` fills (returning the ward and the source);
    yields the ward's path and where the child was killed ("ok": not killed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for step in range(1, MOST_STEPS):
        db, source = prepare(folder / f"step{step}")
        child = subprocess.run(
            [sys.executable, "-m", "tests.helpers.kill_point_child", mode]
            + [str(db), str(source), str(step), links],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        assert "Traceback" not in child.stderr, child.stderr
        said = child.stdout.strip()
        yield db, f"step {step}, {said}"
        if said == "ok":
            return
    pytest.fail(f"the {mode} did not finish within {MOST_STEPS} steps")


def ward_in(folder: Path, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ward.db").write_bytes(data)
    return folder / "ward.db"


def check_left_beside(db: Path, where: str, *, kept: tuple[str, bytes] | None) -> None:
    """Beside the ward: the file it replaced, named ``ward.<reason>-...`` and holding
    its old bytes (``kept``: the reason and the bytes), or nothing set aside
    (``None``); and never a staged copy, intent note or temporary (``.ward.db...``)."""
    aside = [p for p in db.parent.iterdir() if p.name.startswith(f"{db.stem}.") and p != db]
    names = [p.name.split("-")[0] for p in aside]
    if kept is None:
        assert names == [], f"{where}: {names}"
    else:
        reason, old = kept
        assert names == [f"{db.stem}.{reason}"], f"{where}: {names}"
        assert aside[0].read_bytes() == old, f"{where}: the file it replaced was not kept"
    behind = [p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}")]
    assert behind == [], f"{where}: {behind}"


LINKS = pytest.mark.parametrize(
    "links", ["allowed", "refused"], ids=["hard links", "no hard links (FAT, some shares)"]
)


@LINKS
def test_a_recovery_killed_at_any_step_keeps_the_damaged_file_under_its_name(
    tmp_path: Path, wards: tuple[Path, Path], links: str
) -> None:
    now, older = wards
    damaged = bytearray(now.read_bytes())
    damaged[:100] = b"\x00" * 100  # a destroyed header

    def prepare(folder: Path) -> tuple[Path, Path]:
        (folder / "backups").mkdir(parents=True)
        shutil.copyfile(older, folder / "backups" / older.name)
        return ward_in(folder, bytes(damaged)), folder / "backups"

    for db, where in each_step("recover", tmp_path, prepare, links):
        assert db.exists() and db.stat().st_size > 0, f"{where}: the ward is missing"
        restore.finish_interrupted_swap(db)  # the next start
        if not check_database(db).ok:  # killed before the swap: offered again
            assert db.read_bytes() == damaged, f"{where}: the damaged file changed"
            restore.recover_from_backup(db, db.parent / "backups")
        assert check_database(db).ok and actions_in(db) == OLDER, where
        check_left_beside(db, where, kept=("damaged", bytes(damaged)))


@LINKS
def test_a_restore_killed_at_any_step_is_whole_one_way_or_the_other(
    tmp_path: Path, wards: tuple[Path, Path], links: str
) -> None:
    now, older = wards

    was = now.read_bytes()
    for db, where in each_step("restore", tmp_path, lambda f: (ward_in(f, was), older), links):
        assert db.exists() and db.stat().st_size > 0, f"{where}: the ward is missing"
        restore.finish_interrupted_swap(db)  # the next start
        assert check_database(db).ok, where
        held = actions_in(db)
        assert held in (OLDER, NOW), f"{where}: {held} actions"
        assert held == OLDER or not where.endswith("ok"), f"{where}: a restore was undone"
        rolled_back = held == NOW
        check_left_beside(db, where, kept=None if rolled_back else ("replaced", was))


def test_an_automatic_backup_killed_at_any_step_leaves_its_note_whole_or_absent(
    tmp_path: Path, wards: tuple[Path, Path]
) -> None:
    was = wards[0].read_bytes()
    for db, where in each_step("auto", tmp_path, lambda f: (ward_in(f, was), f / "backups")):
        dest = db.parent / "backups"
        state = dest / f".{db.stem}.last-backup.json"
        if state.exists():  # when the last backup was taken decides when the next is due
            noted = json.loads(state.read_text(encoding="utf-8"))
            assert set(noted) == {"marker", "at"}, f"{where}: {noted}"
        for found in backup.list_backups(dest, db.stem):
            backup.verify_backup(found.path)
        backup.backup_file_if_due(db, dest, force_interval=True)  # the next one
        assert backup.list_backups(dest, db.stem), where
        assert sorted(dest.glob(".*partial*")) == [], where
