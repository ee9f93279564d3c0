"""Not collected yet: rename to test_redaction.py once migration 0004 (redacted_at) lands.

Identifiers removed for good (issue 14, item 6): found in the history, redacted by the
ward manager, the hash chain still whole, older backups named."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from huddle.audit_chain import chain_problems
from huddle.errors import ValidationError
from huddle.services import HuddleApp
from huddle.services.redaction import REDACTED, redact_history
from tests.helpers.identifiers import written_before_the_guard
from tests.huddle.test_identifier_cli import huddle

NUMBER = "999 000 0018"  # never issued: the 999 range is for testing


@pytest.fixture
def edited_out(app: HuddleApp) -> str:
    """A learning item saved with a number (before the guard), then edited clean."""
    with written_before_the_guard(app):
        item = app.learning.record_learning(
            kind="near_miss", title="Wrong wristband", what_happened=f"Band said {NUMBER}"
        )
    app.learning.update_learning(
        item.id, expected_version=item.version, what_happened="Band was wrong"
    )
    app.manager.set_pin(new_pin="246813")
    return item.id


def test_redaction_replaces_only_the_values_holding_it_and_keeps_the_chain(
    app: HuddleApp, edited_out: str
) -> None:
    with pytest.raises(ValidationError, match="PIN is not right"):
        redact_history(app, pin="111111")
    done = redact_history(app, pin="246813")
    assert len(done.audit_ids) == 2  # the insert's after, the update's before
    rows = app.store.query(
        "SELECT id, actor, at, before_json, after_json, redacted_at FROM audit "
        "WHERE entity = 'learning_item' AND entity_id = ? ORDER BY id",
        (edited_out,),
    )
    for row in rows:
        text = f"{row['before_json']} {row['after_json']}"
        assert "0018" not in text and row["actor"] == "tester@test-pc" and row["at"]
        assert row["redacted_at"] is not None
    assert f'"what_happened": "{REDACTED}"' in rows[0]["after_json"]
    assert '"title": "Wrong wristband"' in rows[0]["after_json"]  # the rest is kept
    assert '"what_happened": "Band was wrong"' in rows[1]["after_json"]
    assert chain_problems(app.store.conn) == []
    recorded = app.store.query("SELECT entity_id FROM audit WHERE entity = 'redaction'")
    assert sorted(int(r["entity_id"]) for r in recorded) == sorted(done.audit_ids)
    assert redact_history(app, pin="246813").audit_ids == ()


def test_any_other_change_to_an_audit_row_is_still_refused(app: HuddleApp, edited_out: str) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        app.store.conn.execute("UPDATE audit SET before_json = 'x' WHERE id = 1")


def test_the_command_line_redacts_and_names_older_backups(
    app: HuddleApp, edited_out: str, tmp_path: Path
) -> None:
    app.close()
    backups = tmp_path / "backups"
    assert huddle("backup", "--db", app.path, "--dest", backups).returncode == 0
    env = {"HUDDLE_BACKUP_DIR": str(backups)}
    assert huddle("pid-scan", "--db", app.path, "--history", env=env).returncode == 1
    command = huddle("pid-scan", "--db", app.path, "--redact", env=env, stdin="111111\n")
    assert command.returncode == 1 and "PIN is not right" in command.stderr
    command = huddle("pid-scan", "--db", app.path, "--redact", env=env, stdin="246813\n")
    assert command.returncode == 0, command.stderr
    assert "Redacted 2 audit row(s)" in command.stdout
    [named] = [line for line in command.stdout.splitlines() if line.startswith("backup\t")]
    assert str(backups) in named and "destroy" in named
    after = huddle("pid-scan", "--db", app.path, "--history", env=env)
    assert after.returncode == 0, after.stdout
    assert huddle("check", "--db", app.path, "--deep").returncode == 0
    assert isinstance(command, subprocess.CompletedProcess)
