"""A restore or recovery cut off before its swap: the next start decides from
whole evidence only, and the file set aside is named for what happened.

An intent note is written whole (under a temporary name, then renamed), so a
kill leaves it whole or absent; but a note cut short by an older version, or
one naming the database itself, must never be acted on: the swap is rolled
back, the damaged file stays where it was, and the recovery offered next keeps
it under ``ward.damaged-...``, not under a guessed name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle import backup, restore
from huddle.clock import FixedClock
from huddle.health import check_database
from huddle.services import HuddleApp


def damaged_ward_with_staged_recovery(app: HuddleApp, tmp_path: Path, clock: FixedClock) -> bytes:
    """A damaged ward whose recovery was staged and verified (a kill came next)."""
    for n in range(30):
        app.actions.create_action(title=f"Action {n}")
    good = backup.backup_database(app.path, tmp_path / "backups", clock=clock)
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    app.close()
    data = bytearray(app.path.read_bytes())
    data[:100] = b"\x00" * 100
    app.path.write_bytes(bytes(data))
    restore.stage_copy(good, app.path)
    return bytes(data)


@pytest.mark.parametrize(
    "note",
    [b"", b'{"aside": "ward.dam', b'{"aside": "ward.db"}', b'{"aside": "../ward.damaged-x.db"}'],
    ids=["empty", "cut short", "names the ward itself", "names another folder"],
)
def test_a_note_that_is_not_whole_evidence_rolls_the_swap_back(
    app: HuddleApp, tmp_path: Path, clock: FixedClock, note: bytes
) -> None:
    damaged = damaged_ward_with_staged_recovery(app, tmp_path, clock)
    restore.intent_path(app.path).write_bytes(note)
    assert restore.finish_interrupted_swap(app.path) == "rolled back"
    assert app.path.read_bytes() == damaged  # nothing moved, nothing lost
    assert sorted(p.name for p in app.path.parent.iterdir() if p.name.startswith(".ward")) == []
    recovery = restore.recover_from_backup(app.path, tmp_path / "backups", clock=clock)
    assert recovery.damaged_kept_at is not None
    assert recovery.damaged_kept_at.name.startswith("ward.damaged-")
    assert recovery.damaged_kept_at.read_bytes() == damaged
    assert check_database(app.path).ok


def test_a_whole_note_is_finished_under_the_name_it_gives(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    damaged = damaged_ward_with_staged_recovery(app, tmp_path, clock)
    restore.intent_path(app.path).write_text('{"aside": "ward.damaged-x.db"}')
    assert restore.finish_interrupted_swap(app.path) == "finished"
    assert (app.path.parent / "ward.damaged-x.db").read_bytes() == damaged
    assert check_database(app.path).ok


def test_a_note_killed_while_written_is_never_read_as_a_note(
    app: HuddleApp, tmp_path: Path, clock: FixedClock
) -> None:
    damaged = damaged_ward_with_staged_recovery(app, tmp_path, clock)
    note = restore.intent_path(app.path)
    partial = note.with_name(f"{note.name}.999999999.partial")  # no such process
    partial.write_text('{"aside": "ward.damaged-x.db"}')
    assert restore.finish_interrupted_swap(app.path) is None  # the swap had not begun
    assert app.path.read_bytes() == damaged
    assert not partial.exists() and not restore.staged_path(app.path).exists()


def test_a_small_file_is_written_whole_and_replaces_the_old_one(tmp_path: Path) -> None:
    note = tmp_path / ".ward.last-backup.json"
    note.write_text("old")
    backup.write_whole(note, '{"marker": 3}')
    assert note.read_text(encoding="utf-8") == '{"marker": 3}'
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ward.last-backup.json"]
