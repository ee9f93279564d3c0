"""The audit trail is tamper-evident and ``check --deep`` finds changed rows
(issue #13, items 5 and 6)."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from huddle.audit_chain import REDACTION_ENTITY, chain_problems
from huddle.deep_check import deep_check
from huddle.services import HuddleApp
from huddle.store import records


@pytest.fixture
def ward(app: HuddleApp) -> Path:
    action = app.actions.create_action(title="Hourly rounding in bay 2", detail="Try for a week")
    app.actions.add_progress_note(action.id, text="Started on Monday")
    app.actions.start_cycle(action.id, plan="Round hourly in bay 2", prediction="Fewer falls")
    app.close()
    return app.path


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def drop_audit_triggers(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')


def test_a_healthy_ward_passes_the_deep_check(ward: Path) -> None:
    result = deep_check(ward)
    assert result.ok, result.details


def test_insert_or_replace_cannot_rewrite_an_audit_row(ward: Path) -> None:
    conn = raw(ward)
    before = conn.execute("SELECT * FROM audit WHERE id = 1").fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="permanent"):
        conn.execute(
            "INSERT OR REPLACE INTO audit (id, at, actor, entity, entity_id, op, after_json, "
            "content_hash, chain_hash) VALUES (1, 'x', 'forger', 'ward', 'x', 'insert', '{}', "
            "'a', 'b')"
        )
    assert conn.execute("SELECT * FROM audit WHERE id = 1").fetchone() == before
    with pytest.raises(sqlite3.IntegrityError, match="hashes"):
        conn.execute(
            "INSERT INTO audit (at, actor, entity, entity_id, op) "
            "VALUES ('x', 'forger', 'ward', 'x', 'insert')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="permanent"):
        conn.execute("UPDATE audit SET actor = 'someone else' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="permanent"):
        conn.execute("DELETE FROM audit WHERE id = 1")


@pytest.mark.parametrize("how", ["replace", "delete", "edit", "delete last"])
def test_a_rewritten_audit_trail_fails_the_deep_check(ward: Path, how: str) -> None:
    conn = raw(ward)
    drop_audit_triggers(conn)
    if how == "replace":
        conn.execute(
            "INSERT OR REPLACE INTO audit (id, at, actor, entity, entity_id, op, after_json, "
            "content_hash, chain_hash) SELECT id, at, 'forger', entity, entity_id, op, "
            "after_json, content_hash, chain_hash FROM audit WHERE id = 2"
        )
    elif how == "delete":
        conn.execute("DELETE FROM audit WHERE id = 3")
    elif how == "edit":
        conn.execute("UPDATE audit SET after_json = replace(after_json, 'week', 'year') WHERE id = "
                     "(SELECT max(id) FROM audit WHERE after_json LIKE '%week%')")  # fmt: skip
    else:
        conn.execute("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    conn.close()
    result = deep_check(ward)
    assert not result.ok
    assert "\n" not in result.problem


def test_the_chain_alone_finds_each_rewrite(ward: Path) -> None:
    conn = raw(ward)
    assert chain_problems(conn) == []
    drop_audit_triggers(conn)
    conn.execute("UPDATE audit SET actor = 'forger' WHERE id = 2")
    assert [p.audit_id for p in chain_problems(conn)] == [2]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE pdsa_cycle SET plan = 'Round every two hours'",
        "UPDATE person SET display_name = 'Someone else' WHERE rowid = 1",
        "DELETE FROM pdsa_cycle",
        "UPDATE action SET version = version + 1",
        "INSERT INTO setting (id, value_json, created_at, updated_at) "
        "VALUES ('sneaky', '1', 'x', 'x')",
        "DROP TRIGGER audit_no_delete",
    ],
)
def test_rows_changed_outside_the_app_fail_the_deep_check(ward: Path, statement: str) -> None:
    conn = raw(ward)
    conn.execute(statement)
    conn.close()
    result = deep_check(ward)
    assert not result.ok, statement
    assert result.details


def test_a_recorded_redaction_passes_and_an_unrecorded_one_fails(app: HuddleApp) -> None:
    app.learning.record_learning(kind="near_miss", title="Wrong wristband checked in time")
    target = app.store.scalar("SELECT max(id) FROM audit WHERE entity = 'learning_item'")
    with app.store.transaction():
        app.store.execute(
            "UPDATE audit SET before_json = NULL, after_json = '\"[redacted]\"', "
            "redacted_at = '2026-08-06T09:00:00+00:00' WHERE id = ?",
            (target,),
        )
    assert any("redacted" in p.what for p in chain_problems(app.store.conn))
    with app.store.transaction():
        records._audit(app.store, REDACTION_ENTITY, str(target), "insert", None, {"why": "test"})
    assert chain_problems(app.store.conn) == []


def logical_dump(path: Path) -> dict[str, list[tuple[object, ...]]] | None:
    """Every record table's rows (not the derived search index), None if unreadable."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        dump = {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
        conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return None
    return dump


BIT_FLIP_TRIALS = 60


def bit_flip_trials(ward: Path, tmp_path: Path, trials: int, seed: int) -> tuple[int, int]:
    """Flip one random bit past the header; returns (trials that changed stored
    rows or made the file unreadable, of those how many the deep check caught)."""
    rng = random.Random(seed)
    original = ward.read_bytes()
    expected = logical_dump(ward)
    changed = caught = 0
    for trial in range(trials):
        flipped = tmp_path / f"flip{trial}.db"
        data = bytearray(original)
        offset = rng.randrange(100, len(data))
        data[offset] ^= 1 << rng.randrange(8)
        flipped.write_bytes(bytes(data))
        if logical_dump(flipped) == expected:
            flipped.unlink()
            continue  # free space, an index, the search index: no record changed
        changed += 1
        caught += not deep_check(flipped).ok
        flipped.unlink()
    return changed, caught


def test_bit_flips_that_change_stored_rows_fail_the_deep_check(
    app: HuddleApp, tmp_path: Path
) -> None:
    for n in range(40):
        action = app.actions.create_action(title=f"Action {n}", detail="detail " * 10)
        app.actions.add_progress_note(action.id, text=f"Progress {n}")
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    app.store.conn.execute("PRAGMA journal_mode = DELETE")
    app.close()
    ward = tmp_path / "ward-copy.db"
    shutil.copyfile(app.path, ward)
    changed, caught = bit_flip_trials(ward, tmp_path, BIT_FLIP_TRIALS, 7)
    print(
        f"\n{BIT_FLIP_TRIALS} bit flips, {changed} changed stored rows, deep check caught {caught}"
    )
    assert changed > 0
    assert caught == changed


def test_changes_a_migration_makes_are_written_to_the_audit_trail(app: HuddleApp) -> None:
    from huddle.deep_check import deep_problems, record_migration_changes

    app.measures.define_measure(name="Falls", chart_kind="xmr")
    with app.store.transaction():  # as a migration would: plain SQL, no audit row
        app.store.execute("UPDATE measure SET description = 'renamed by an upgrade'")
    assert deep_problems(app.store.conn) is not None
    assert record_migration_changes(app.store) == 1
    assert deep_problems(app.store.conn) is None
