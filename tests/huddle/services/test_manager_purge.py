"""A manager purges an archived record: gone with its links, audited, audit kept."""

from __future__ import annotations

import pytest

from huddle.backup import integrity_problem
from huddle.errors import NotFoundError, ValidationError
from huddle.services import HuddleApp


def linked_action(app: HuddleApp):
    learning = app.learning.record_learning(kind="near_miss", title="Near miss", themes=["meds"])
    action = app.actions.create_action(title="Double-check", learning_ids=[learning.id])
    app.actions.add_progress_note(action.id, text="Started")
    cycle = app.actions.start_cycle(action.id, plan="Try it on nights")
    measure = app.measures.define_measure(name="Checks done")
    app.actions.link_measure(action.id, measure.id)
    note = app.measures.annotate(
        measure.id, on_date="2026-08-01", text="PDSA 1", action_id=action.id, pdsa_id=cycle.id
    )
    return learning, app.actions.action(action.id), measure, note


def count(app: HuddleApp, sql: str, *params: object) -> int:
    return int(app.store.scalar(sql, params))


def test_purging_an_archived_action_removes_it_and_its_links(app: HuddleApp) -> None:
    learning, action, measure, note = linked_action(app)
    audit_before = count(app, "SELECT count(*) FROM audit")
    app.manager.set_pin(new_pin="482913")
    archived = app.actions.archive_action(action.id, expected_version=action.version)
    app.manager.purge(entity="action", record_id=archived.id, pin="482913")
    for table, column in (
        ("action", "id"),
        ("progress_note", "action_id"),
        ("pdsa_cycle", "action_id"),
        ("action_learning", "action_id"),
        ("action_measure", "action_id"),
    ):
        assert count(app, f"SELECT count(*) FROM {table} WHERE {column} = ?", action.id) == 0
    kept = app.measures.annotations(measure.id)
    assert [(a.id, a.action_id, a.pdsa_id) for a in kept] == [(note.id, None, None)]
    assert app.learning.item(learning.id).title == "Near miss"
    deleted = {r["entity"] for r in app.store.query("SELECT entity FROM audit WHERE op = 'delete'")}
    assert deleted == {"action", "progress_note", "pdsa_cycle", "action_learning", "action_measure"}
    assert count(app, "SELECT count(*) FROM audit") > audit_before  # nothing removed
    assert integrity_problem(app.store.conn) is None


def test_purging_learning_removes_themes_and_links(app: HuddleApp) -> None:
    learning, action, _measure, _note = linked_action(app)
    item = app.learning.archive_learning(learning.id, expected_version=learning.version)
    app.manager.purge(entity="learning_item", record_id=item.id, pin="")
    with pytest.raises(NotFoundError):
        app.learning.item(learning.id)
    assert app.actions.action(action.id).title == "Double-check"
    assert count(app, "SELECT count(*) FROM learning_theme") == 0
    assert integrity_problem(app.store.conn) is None


def test_purge_needs_the_pin_and_an_archived_record(app: HuddleApp) -> None:
    _learning, action, _measure, _note = linked_action(app)
    app.manager.set_pin(new_pin="482913")
    with pytest.raises(ValidationError, match="PIN is not right"):
        app.manager.purge(entity="action", record_id=action.id, pin="000000")
    with pytest.raises(ValidationError, match="Archive the record"):
        app.manager.purge(entity="action", record_id=action.id, pin="482913")
    with pytest.raises(ValidationError, match="Only actions and learning"):
        app.manager.purge(entity="audit", record_id="1", pin="482913")
    with pytest.raises(NotFoundError):
        app.manager.purge(entity="action", record_id="nope", pin="482913")
    assert app.actions.action(action.id).title == "Double-check"
