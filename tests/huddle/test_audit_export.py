"""The audit trail read as people read it, filtered, and exported as safe CSV."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from huddle.audit_export import audit_lines, export_audit_csv, readable
from huddle.clock import FixedClock
from huddle.services import HuddleApp
from huddle.store.preferences import audit_entries


def test_lines_are_newest_first_and_say_what_changed(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Move the sharps bin")
    app.actions.update_action(
        action.id, expected_version=action.version, title="Move the sharps bin to bay 2"
    )
    first, second = audit_lines(app, entity="action")
    assert (first.op_label, second.op_label) == ("Changed", "Added")
    assert first.summary == "title: ‘Move the sharps bin’ → ‘Move the sharps bin to bay 2’"
    assert "version" not in first.summary and "updated_at" not in first.summary
    assert "title: ‘Move the sharps bin’" in second.summary
    assert first.entity_label == "Action" and first.actor == "tester@test-pc"


def test_filters_by_record_type_and_local_days(app: HuddleApp, clock: FixedClock) -> None:
    app.actions.create_action(title="Today's idea")
    clock.advance(timedelta(days=3))
    app.actions.create_action(title="Later idea")
    today = date(2026, 8, 6)
    on_the_day = audit_lines(app, entity="action", since=today, until=today)
    assert [line.after_json.count("Today's idea") for line in on_the_day] == [1]
    later = audit_lines(app, entity="action", since=today + timedelta(days=1))
    assert len(later) == 1 and "Later idea" in later[0].summary
    assert {line.entity for line in audit_lines(app, entity="person")} == {"person"}
    assert len(audit_lines(app, limit=2)) == 2


def test_the_manager_pin_hash_is_never_shown(app: HuddleApp) -> None:
    app.manager.set_pin(new_pin="482913")
    lines = audit_lines(app, entity="setting", record_id="manager_pin")
    assert lines and all("hash" not in (ln.after_json + ln.summary) for ln in lines)
    assert "(hidden)" in lines[0].summary


def test_csv_export_is_excel_safe_and_complete(app: HuddleApp, tmp_path: Path) -> None:
    app.actions.create_action(title='=HYPERLINK("http://x")', detail="+1 for @everyone")
    out = export_audit_csv(app, tmp_path / "audit.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["When (UTC)", "Who", "Record type"]
    assert len(rows) - 1 == len(audit_entries(app.store))
    action_row = next(r for r in rows if r[2] == "Action")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert "HYPERLINK" in action_row[5]
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_audit_rows_cannot_be_changed_or_removed(app: HuddleApp) -> None:
    app.actions.create_action(title="Permanent")
    conn = sqlite3.connect(app.path)
    try:
        for sql in ("UPDATE audit SET actor = 'someone'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.DatabaseError, match="permanent"):
                conn.execute(sql)
    finally:
        conn.close()


def test_readable_handles_every_stored_entry(app: HuddleApp) -> None:
    learning = app.learning.record_learning(kind="near_miss", title="Wrong bed", themes=["falls"])
    app.learning.archive_learning(learning.id, expected_version=learning.version)
    for entry in audit_entries(app.store):
        line = readable(entry)
        assert line.summary or line.op == "update"
