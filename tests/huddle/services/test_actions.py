"""Improvement actions (Actions): status rules, overdue and stalled, PDSA cycles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huddle.clock import FixedClock
from huddle.domain import (
    ActionStatus,
    PdsaDecision,
)
from huddle.errors import NotFoundError, ValidationError
from huddle.services import HuddleApp


def test_status_rules_done_needs_note_dropped_needs_reason(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Laminated falls checklist")
    with pytest.raises(ValidationError, match="closing note"):
        app.actions.change_status(action.id, status="done", expected_version=action.version)
    with pytest.raises(ValidationError, match="why it is being dropped"):
        app.actions.change_status(action.id, status="dropped", expected_version=action.version)
    assert app.actions.action(action.id).status is ActionStatus.PLANNED
    assert app.actions.progress_notes(action.id) == []
    done = app.actions.change_status(
        action.id, status="done", note="In every bay", expected_version=action.version
    )
    assert done.status is ActionStatus.DONE and done.closing_note == "In every bay"
    notes = app.actions.progress_notes(action.id)
    assert (notes[0].status_from, notes[0].status_to) == (ActionStatus.PLANNED, ActionStatus.DONE)
    with pytest.raises(ValidationError, match="starts open"):
        app.actions.create_action(title="x", status="done")


def test_overdue_due_this_week_and_stalled_are_computed(app: HuddleApp, clock: FixedClock) -> None:
    overdue = app.actions.create_action(title="Overdue", due_on="2026-08-05")
    due = app.actions.create_action(title="Due soon", due_on="2026-08-10")
    app.actions.create_action(title="Later", due_on="2026-09-30")
    app.actions.create_action(title="An idea", status="idea")
    assert [a.id for a in app.actions.overdue_actions()] == [overdue.id]
    assert [a.id for a in app.actions.due_within(7)] == [due.id]
    assert app.actions.stalled_actions() == []
    clock.advance(timedelta(days=31))
    app.actions.add_progress_note(due.id, text="Chased pharmacy")
    stalled = {a.title for a in app.actions.stalled_actions()}
    assert stalled == {"Overdue", "Later"}  # ideas are not commitments; Due soon has progress
    assert app.actions.action(overdue.id).is_overdue(clock.today())
    assert app.actions.action(overdue.id).stale_days(clock.now(), 30) == 31
    # The ward's stale_days preference is the rule, for the list and the flag alike.
    app.preferences.set("stale_days", 40)
    assert app.actions.stalled_actions() == []
    assert app.actions.action(overdue.id).stale_days(clock.now(), 40) == 0


def test_pdsa_cycles_are_numbered_and_annotate_linked_measures(app: HuddleApp) -> None:
    falls = app.measures.define_measure(name="Falls per 1,000 bed days", better="down")
    action = app.actions.create_action(title="Falls huddle at 10 pm", measure_ids=[falls.id])
    first = app.actions.start_cycle(
        action.id,
        plan="Try on nights for 2 weeks",
        prediction="Fewer night falls",
        started_on="2026-08-01",
    )
    assert first.number == 1
    with pytest.raises(ValidationError, match="still open"):
        app.actions.start_cycle(action.id, plan="Second")
    with pytest.raises(ValidationError, match="what happened against the prediction"):
        app.actions.record_cycle(first.id, expected_version=first.version, act="adapt")
    closed = app.actions.record_cycle(
        first.id,
        expected_version=first.version,
        do="Ran 12 nights",
        study="2 falls vs 5 before",
        act=PdsaDecision.ADAPT,
    )
    assert closed.act is PdsaDecision.ADAPT and closed.completed_on == date(2026, 8, 6)
    second = app.actions.start_cycle(action.id, plan="Add days")
    assert second.number == 2
    notes = app.measures.annotations(falls.id)
    assert [n.pdsa_id for n in notes] == [first.id, second.id]
    assert notes[0].on_date == date(2026, 8, 1) and notes[0].action_id == action.id


def test_unknown_owner_is_not_found(app: HuddleApp) -> None:
    with pytest.raises(NotFoundError):
        app.actions.create_action(title="x", owner_id="nobody")


# -- measures ----------------------------------------------------------------------
