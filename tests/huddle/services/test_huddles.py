"""Running huddles (Huddles): start, finish, abandon, the record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huddle.clock import FixedClock
from huddle.domain import (
    HuddleStatus,
)
from huddle.errors import ValidationError
from huddle.services import HuddleApp


def count(app: HuddleApp, table: str) -> int:
    return int(app.store.scalar(f"SELECT count(*) FROM {table}"))


# -- ward set-up ---------------------------------------------------------------
def test_run_a_huddle_from_start_to_finish(app: HuddleApp, clock: FixedClock) -> None:
    people = app.setup.people()
    huddle = app.huddles.start_huddle(facilitator_id=people[0].id)
    assert huddle.status is HuddleStatus.RUNNING and len(huddle.sections) == 6
    for person in people[:5]:
        app.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
    app.huddles.record_attendance(huddle.id, person_id=people[4].id, present=False)
    app.huddles.set_others_count(huddle.id, count=2)
    app.huddles.set_risks_today(
        huddle.id, text="Bay 3: two at high falls risk", expected_version=huddle.version
    )
    section = huddle.sections[0]
    app.huddles.save_section_notes(section.id, notes="Quiet night", expected_version=1)
    clock.advance(timedelta(minutes=9))
    done = app.huddles.finish_huddle(huddle.id)
    assert done.status is HuddleStatus.FINISHED
    assert done.head_count == 6 and len(done.attendee_ids) == 4
    assert done.sections[0].notes == "Quiet night"
    assert done.ended_at is not None and (done.ended_at - done.started_at).seconds == 540
    with pytest.raises(ValidationError, match="already ended"):
        app.huddles.set_others_count(huddle.id, count=1)


def test_only_one_huddle_runs_at_a_time_and_abandon_does_not_count(app: HuddleApp) -> None:
    first = app.huddles.start_huddle()
    with pytest.raises(ValidationError, match="already running"):
        app.huddles.start_huddle()
    app.huddles.abandon_huddle(first.id)
    assert app.huddles.running() is None
    assert app.board.huddle_days() == []
    app.huddles.finish_huddle(app.huddles.start_huddle(kind="weekly_improvement").id)
    assert app.board.huddle_days() == [date(2026, 8, 6)]


def test_huddle_record_gathers_what_was_raised_agreed_and_closed(app: HuddleApp) -> None:
    people = app.setup.people()
    old = app.actions.create_action(
        title="Fix the bay 2 call bell", owner_id=people[1].id, due_on="2026-08-01"
    )
    huddle = app.huddles.start_huddle()
    near_miss = app.learning.record_learning(
        kind="near_miss", title="Insulin nearly missed", huddle_id=huddle.id
    )
    idea = app.actions.create_action(
        title="Insulin stickers",
        owner_id=people[2].id,
        due_on="2026-08-20",
        origin="huddle",
        huddle_id=huddle.id,
    )
    app.actions.change_status(
        old.id,
        status="done",
        note="Estates fixed it",
        expected_version=old.version,
        huddle_id=huddle.id,
    )
    app.huddles.finish_huddle(huddle.id)
    record = app.huddles.record(huddle.id)
    assert [i.id for i in record.learning_raised] == [near_miss.id]
    assert [a.id for a in record.actions_agreed] == [idea.id]
    assert [a.id for a in record.actions_closed] == [old.id]
    assert record.progress_given[0][1].text == "Estates fixed it"


# -- learning ----------------------------------------------------------------------
