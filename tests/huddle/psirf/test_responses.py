"""SWARM huddles, After Action Reviews and the "not yet reported" flag."""

from __future__ import annotations

from datetime import timedelta

import pytest

from huddle.clock import FixedClock
from huddle.domain_psirf import ResponseKind, ResponseStatus
from huddle.errors import ValidationError
from huddle.services import HuddleApp


def _near_miss(app: HuddleApp, **extra: object):
    return app.learning.record_learning(
        kind="near_miss", title="Insulin nearly given twice at handover", **extra
    )


def test_swarm_runs_from_a_near_miss_and_ends_in_actions_and_learning(app: HuddleApp) -> None:
    item = _near_miss(app)
    swarm = app.responses.start_swarm(
        learning_id=item.id, present=[("Staff Nurse", 2), ("HCA", 1), ("Pharmacist", 1)]
    )
    assert swarm.kind is ResponseKind.SWARM and swarm.status is ResponseStatus.RUNNING
    assert swarm.head_count == 4
    swarm = app.responses.save_answers(
        swarm.id,
        expected_version=swarm.version,
        happened="Second dose drawn up after a verbal handover.",
        learning="Check the chart, not the handover, before any insulin.",
    )
    action = app.responses.add_action(
        swarm.id, title="Insulin prompt on the handover sheet", owner_text="Ward pharmacist",
        due_on=app.clock.today() + timedelta(days=14),
    )  # fmt: skip
    finished = app.responses.finish(swarm.id, expected_version=swarm.version)
    assert finished.status is ResponseStatus.FINISHED and finished.ended_at is not None
    again = app.learning.item(item.id)
    assert action.id in again.action_ids
    assert "Check the chart, not the handover" in again.what_learned


def test_swarm_after_24_hours_is_refused_and_an_aar_offered(
    app: HuddleApp, clock: FixedClock
) -> None:
    item = _near_miss(app)
    clock.advance(timedelta(hours=25))
    assert not app.responses.can_swarm(app.learning.item(item.id))
    with pytest.raises(ValidationError) as refused:
        app.responses.start_swarm(learning_id=item.id)
    assert refused.value.problems[0].code == "swarm_too_late"
    assert "After Action Review" in refused.value.message
    review = app.responses.start_review(learning_id=item.id)
    assert review.kind is ResponseKind.AAR


def test_aar_works_for_good_outcomes_and_rejects_bad_roles(app: HuddleApp) -> None:
    good = app.learning.record_learning(kind="excellence", title="Calm, quick sepsis response")
    review = app.responses.start_review(learning_id=good.id, present=[("Doctor", 1)])
    assert app.responses.responses(learning_id=good.id) == [review]
    with pytest.raises(ValidationError):
        app.responses.start_review(learning_id=good.id, present=[("", 2)])
    with pytest.raises(ValidationError):
        app.responses.start_swarm(learning_id=good.id)  # SWARMs are for safety events


def test_unreported_until_a_reference_or_a_reason(app: HuddleApp) -> None:
    first = _near_miss(app)
    second = app.learning.record_learning(kind="incident", title="Fall in bay 2, no harm")
    reported = app.learning.record_learning(kind="incident", title="Skin tear", incident_ref="W1")
    app.learning.record_learning(kind="complaint", title="Noise at night")
    assert {i.id for i in app.responses.unreported()} == {first.id, second.id}
    assert app.responses.unreported_count() == 2
    app.responses.record_reference(first.id, reference="W20411", expected_version=first.version)
    app.responses.mark_not_needed(
        second.id, reason="Caught by the checking process; no report.", expected_version=None
    )
    assert app.responses.unreported() == []
    assert app.responses.unreported_count() == 0
    assert reported.incident_ref == "W1"
    assert app.responses.exemption_reason(second.id).startswith("Caught")
    with pytest.raises(ValidationError):
        app.responses.mark_not_needed(first.id, reason="   ", expected_version=None)


def test_unreported_reads_only_its_own_rows(app: HuddleApp, monkeypatch) -> None:
    """Today asks at every start: the query reaches its rows through the partial
    index (migration 0010), not by reading the ward's whole learning log."""
    _near_miss(app)
    app.learning.record_learning(kind="compliment", title="Thank you cards from bay 4")
    asked: list[tuple[str, tuple]] = []
    query = app.store.query

    def recorded(sql: str, params: tuple = ()) -> list:
        asked.append((sql, tuple(params)))
        return query(sql, params)

    monkeypatch.setattr(app.store, "query", recorded)
    assert [i.kind.value for i in app.responses.unreported()] == ["near_miss"]
    sql, params = next(a for a in asked if "FROM learning_item" in a[0])
    plan = app.store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    assert "USING INDEX learning_unreported" in " ".join(str(row[-1]) for row in plan)


def test_the_count_of_unreported_events_agrees_with_the_list_in_any_window(
    app: HuddleApp,
) -> None:
    """Today's flag and the PSIRF pages count rather than read (#17: start-up reads
    only what it shows); the count is the list's length for the same dates."""
    month = (app.clock.today().replace(day=1) - timedelta(days=1)).replace(day=1)  # last month
    for day, kind in ((3, "near_miss"), (10, "incident"), (20, "near_miss")):
        app.learning.record_learning(
            kind=kind, title=f"Event on day {day}", occurred_on=month.replace(day=day)
        )
    app.learning.record_learning(kind="incident", title="Reported", incident_ref="W7")
    windows = [
        {},
        {"since": month.replace(day=5)},
        {"until": month.replace(day=10)},
        {"since": month.replace(day=4), "until": month.replace(day=19)},
    ]
    counts = [app.responses.unreported_count(**w) for w in windows]
    assert counts == [len(app.responses.unreported(**w)) for w in windows]
    assert counts == [3, 2, 2, 1]
